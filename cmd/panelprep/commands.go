package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/panelprep/panelprep/data"
)

// A command is the word after the flags: `panelprep [flags] NAME ARGS...`. The table below is both
// the dispatch and the "Usage:" part of --help, so a command cannot be added to one and forgotten
// in the other.
type command struct {
	name  string
	usage []usageLine // one line per form of the command, in the order --help prints them
	run   func(args []string, env cmdEnv) int
}

// usageLine is one line of --help: what follows "panelprep " and what the command does.
type usageLine struct {
	synopsis string // starts with "[flags]" when the command reads the data-dir flag
	what     string
}

// cmdEnv is what a command gets from the top level: the data directory the flags chose and where
// to print. Commands that read the data open it themselves, only once their arguments are valid.
type cmdEnv struct {
	dir            string
	stdout, stderr io.Writer
}

// openStore opens the data for a command; a failure has been explained on stderr and comes with
// the exit code.
func (e cmdEnv) openStore() (*data.Store, int) { return openForCLI(e.dir, e.stderr) }

// commands is filled in init: a command's usage message reads this table, which would otherwise
// be an initialization cycle (commands -> runX -> usageOf -> commands).
var commands []command

func init() {
	commands = []command{
		{"sets", []usageLine{
			{"[flags] sets check FILE...", "check practice-set files; prints file:line: field: problem"},
			{"[flags] sets import FILE...", "check, then import practice sets into your data"},
		}, func(args []string, e cmdEnv) int { return setsCommand.run(args, e.stdout, e.stderr, e.openStore) }},
		{"loops", []usageLine{
			{"[flags] loops check FILE...", "check loop files (a company's onsite); prints file:line: field: problem"},
			{"[flags] loops import FILE...", "check, then import loop files into your data"},
		}, func(args []string, e cmdEnv) int { return loopsCommand.run(args, e.stdout, e.stderr, e.openStore) }},
		{"backup", []usageLine{
			{"[flags] backup FILE", "write a backup of your data to FILE"},
		}, func(args []string, e cmdEnv) int { return runBackup(args, e.stdout, e.stderr, e.openStore) }},
		{"restore", []usageLine{
			{"[flags] restore FILE", "replace your data with a backup; the current data is backed up and moved aside first"},
		}, func(args []string, e cmdEnv) int { return runRestore(args, e.dir, e.stdout, e.stderr) }},
		{"check", []usageLine{
			{"[flags] check [--repair]", "check every record; --repair rebuilds indexes and sets damaged records aside"},
		}, func(args []string, e cmdEnv) int { return runCheck(args, e.stdout, e.stderr, e.openStore) }},
		{"export", []usageLine{
			{"[flags] export --out FILE [--format json|html|md|pdf] [--prompt ID] [--since YYYY-MM-DD] [--attempt UUID] [--by NAME]", "export attempts: a bundle for a mentor (json) or a report"},
		}, func(args []string, e cmdEnv) int { return runExport(args, e.stdout, e.stderr, e.openStore) }},
		{"report", []usageLine{
			{"report BUNDLE [--format html|md|pdf] [--out FILE]", "a report of a bundle file; opens no data"},
		}, func(args []string, e cmdEnv) int { return runReport(args, e.stdout, e.stderr) }},
		{"review", []usageLine{
			{`review BUNDLE --attempt N --reviewer NAME [--score "Criterion=3"]... [--comment TEXT] [--section "Title=comment"]... --out FEEDBACK`, "(mentor) add a review of one attempt to a feedback bundle"},
			{`review BUNDLE --story N --reviewer NAME --comment TEXT --out FEEDBACK`, "(mentor) add a comment on one of the candidate's stories"},
		}, func(args []string, e cmdEnv) int { return runReview(args, e.stdout, e.stderr) }},
		{"import-feedback", []usageLine{
			{"[flags] import-feedback FILE", "attach a mentor's reviews to your attempts"},
		}, func(args []string, e cmdEnv) int { return runImportFeedback(args, e.stdout, e.stderr, e.openStore) }},
	}
}

// findCommand returns the command called name, if there is one.
func findCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// usageOf is a command's own "usage:" text, printed when it is called wrongly: its lines of the
// table above, without the global flags, which --help explains.
func usageOf(name string) string {
	c, _ := findCommand(name)
	var b strings.Builder
	for i, u := range c.usage {
		lead := "usage: "
		if i > 0 {
			lead = "       "
		}
		b.WriteString(lead + "panelprep " + strings.TrimPrefix(u.synopsis, "[flags] ") + "\n")
	}
	return b.String()
}

// usageColumn is where the description starts in --help; a synopsis too long to leave two spaces
// before it puts the description on the next line, indented to the column.
const usageColumn = 42

// printUsageLine prints one line of --help's "Usage:" list.
func printUsageLine(w io.Writer, synopsis, what string) {
	line := "  panelprep " + synopsis
	if len(line)+2 > usageColumn {
		fmt.Fprintf(w, "%s\n%*s%s\n", line, usageColumn, "", what)
		return
	}
	fmt.Fprintf(w, "%-*s%s\n", usageColumn, line, what)
}
