package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/report"
)

// The mentor round trip on the command line:
//
//	candidate: panelprep export --out attempts.json [--prompt ID] [--since YYYY-MM-DD]
//	mentor:    panelprep report attempts.json --format html --out attempts.html
//	mentor:    panelprep review attempts.json --attempt 1 --reviewer NAME --score "Diagnosis=3" ... --out feedback.json
//	candidate: panelprep import-feedback feedback.json
//
// report and review work on bundle files alone and never open a store.

// parseInterspersed parses flags that may come before, between or after positional arguments
// (`report BUNDLE --format pdf`), which the flag package alone stops at.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// parseExit is the exit code for flags that did not parse: success for -h (the usage was printed),
// a usage error otherwise (the flag package has said what was wrong).
func parseExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// outputFormat is the format named by --format, else by the output file's extension, else def.
func outputFormat(flagValue, out, def string) string {
	if flagValue != "" {
		return strings.ToLower(flagValue)
	}
	if ext := strings.TrimPrefix(filepath.Ext(out), "."); ext != "" {
		return strings.ToLower(ext)
	}
	return def
}

// writeFileAtomic writes data to name atomically (data.WriteFileAtomic): never half a file under
// that name, and never over a device, a pipe or a folder.
func writeFileAtomic(name string, content []byte) error {
	return data.WriteFileAtomic(name, func(w io.Writer) error {
		_, err := w.Write(content)
		return err
	})
}

// render encodes a bundle as a bundle file (json) or a report.
func render(b *prep.Bundle, format string) ([]byte, error) {
	var buf bytes.Buffer
	if format == "json" {
		err := prep.EncodeBundle(&buf, *b)
		return buf.Bytes(), err
	}
	f, err := report.ParseFormat(format)
	if err != nil {
		return nil, fmt.Errorf("unknown format %q (use json, html, md or pdf)", format)
	}
	var model prep.Competencies
	if bank, err := loadBundled(); err == nil { // without it, competencies are shown by their IDs
		model = bank.Competencies
	}
	err = report.WriteWith(&buf, b, f, model)
	return buf.Bytes(), err
}

// runExport handles `panelprep export --out FILE [--format json|html|md|pdf] [--prompt ID]
// [--since YYYY-MM-DD] [--attempt UUID] [--by NAME]`: a bundle for a mentor (json), or a report
// of the same attempts.
func runExport(args []string, stdout, stderr io.Writer, openStore func() (*data.Store, int)) int {
	fs := flag.NewFlagSet("panelprep export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "write to `FILE` (required)")
	format := fs.String("format", "", "json (a bundle to send a mentor), html, md or pdf (a report); default: FILE's extension, else json")
	prompt := fs.String("prompt", "", "only the attempts at the prompt with this `ID` (its history)")
	since := fs.String("since", "", "only attempts finished on or after `YYYY-MM-DD` (your local time)")
	attempt := fs.String("attempt", "", "only the attempt with this `UUID`")
	by := fs.String("by", "", "your `NAME`, as the mentor will see it (optional)")
	fs.Usage = func() {
		fmt.Fprint(stderr, usageOf("export"))
		fs.PrintDefaults()
	}
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return parseExit(err)
	}
	if len(rest) > 0 || *out == "" {
		fs.Usage()
		return exitUsage
	}
	f := prep.ExportFilter{PromptID: *prompt, ExportedBy: *by}
	if *since != "" {
		day, err := time.ParseInLocation("2006-01-02", *since, time.Local)
		if err != nil {
			fmt.Fprintf(stderr, "panelprep export: --since %q is not a date written YYYY-MM-DD\n", *since)
			return exitUsage
		}
		f.Since = day
	}
	if *attempt != "" {
		id, err := uuid.Parse(*attempt)
		if err != nil {
			fmt.Fprintf(stderr, "panelprep export: --attempt %q is not an attempt ID (a UUID, as the history screen shows it)\n", *attempt)
			return exitUsage
		}
		f.AttemptID = id
	}
	kind := outputFormat(*format, *out, "json")
	if _, err := report.ParseFormat(kind); err != nil && kind != "json" {
		fmt.Fprintf(stderr, "panelprep export: unknown format %q (use json, html, md or pdf)\n", kind)
		return exitUsage
	}
	if info, err := os.Stat(*out); err == nil && info.IsDir() {
		fmt.Fprintf(stderr, "panelprep export: %s is a folder; give a file name\n", *out)
		return exitFailure
	}
	store, code := openStore()
	if store == nil {
		return code
	}
	b, err := store.ExportBundle(f)
	store.Close()
	if err != nil {
		fmt.Fprintln(stderr, "panelprep export:", err)
		return exitFailure
	}
	content, err := render(&b, kind)
	if err == nil {
		err = writeFileAtomic(*out, content)
	}
	if err != nil {
		fmt.Fprintf(stderr, "panelprep export: %s: %v (nothing was written)\n", *out, err)
		return exitFailure
	}
	what := "bundle"
	if kind != "json" {
		what = kind + " report"
	}
	count := fmt.Sprintf("%d %s", len(b.Attempts), plural(len(b.Attempts), "attempt"))
	if n := len(b.Stories); n > 0 {
		count += " and " + prep.Count(n, "story|stories")
	}
	fmt.Fprintf(stdout, "wrote %s: %s of %s (%s)\n", *out, what, count, byteSize(int64(len(content))))
	return exitOK
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// readBundle reads and checks a bundle file, printing every problem as FILE: path: message.
func readBundle(name string, stderr io.Writer) (*prep.Bundle, bool) {
	f, err := os.Open(name)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return nil, false
	}
	defer f.Close()
	b, err := prep.DecodeBundle(f, prep.MaxBundleSize)
	var be *prep.BundleError
	switch {
	case errors.As(err, &be):
		for _, p := range be.Problems {
			fmt.Fprintf(stderr, "%s: %s\n", name, p)
		}
		return nil, false
	case err != nil:
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return nil, false
	}
	return b, true
}

// runReport handles `panelprep report BUNDLE [--format html|md|pdf] [--out FILE]`. It reads the
// bundle file alone: no store is opened. Without --out the report goes to standard output
// (except a PDF to a terminal).
func runReport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("panelprep report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "write to `FILE` (default: standard output)")
	format := fs.String("format", "", "html, md or pdf (default: FILE's extension, else html)")
	fs.Usage = func() {
		fmt.Fprint(stderr, usageOf("report"))
		fs.PrintDefaults()
	}
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return parseExit(err)
	}
	if len(rest) != 1 {
		fs.Usage()
		return exitUsage
	}
	f, err := report.ParseFormat(outputFormat(*format, *out, "html"))
	if err != nil {
		fmt.Fprintln(stderr, "panelprep report:", err)
		return exitUsage
	}
	if *out == "" && f == report.PDF && isTerminal(stdout) {
		fmt.Fprintln(stderr, "panelprep report: a PDF does not belong on a terminal; give --out FILE")
		return exitUsage
	}
	b, ok := readBundle(rest[0], stderr)
	if !ok {
		return exitFailure
	}
	content, err := render(b, string(f))
	if err != nil {
		fmt.Fprintln(stderr, "panelprep report:", err)
		return exitFailure
	}
	if *out == "" {
		if _, err := stdout.Write(content); err != nil {
			fmt.Fprintln(stderr, "panelprep report:", err)
			return exitFailure
		}
		return exitOK
	}
	if err := writeFileAtomic(*out, content); err != nil {
		fmt.Fprintf(stderr, "panelprep report: %s: %v\n", *out, err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "wrote %s: %s report of %d %s (%s)\n", *out, f, len(b.Attempts), plural(len(b.Attempts), "attempt"), byteSize(int64(len(content))))
	return exitOK
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// runImportFeedback handles `panelprep import-feedback FILE`: the reviews in a mentor's feedback
// bundle attach to your attempts. The file is checked in full first; any problem imports nothing.
func runImportFeedback(args []string, stdout, stderr io.Writer, openStore func() (*data.Store, int)) int {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		fmt.Fprint(stderr, usageOf("import-feedback"))
		return exitUsage
	}
	name := args[0]
	b, ok := readBundle(name, stderr)
	if !ok {
		fmt.Fprintf(stderr, "%s: not imported; nothing was changed\n", name)
		return exitFailure
	}
	store, code := openStore()
	if store == nil {
		return code
	}
	defer store.Close()
	res, err := store.ImportFeedback(b)
	var be *prep.BundleError
	switch {
	case errors.As(err, &be):
		for _, p := range be.Problems {
			fmt.Fprintf(stderr, "%s: %s\n", name, p)
		}
		fmt.Fprintf(stderr, "%s: not imported; nothing was changed\n", name)
		return exitFailure
	case err != nil:
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return exitFailure
	}
	from := ""
	if b.ExportedBy != "" {
		from = " from " + b.ExportedBy
	}
	fmt.Fprintf(stdout, "%s: feedback%s: %s\n", name, from, res)
	for _, m := range res.Missing {
		title := m.Title
		if title == "" {
			title = "an attempt the bundle does not include"
		}
		fmt.Fprintf(stderr, "%s: %d %s of attempt %s (%s) not imported: that attempt is not in your data\n",
			name, m.Reviews, plural(m.Reviews, "review"), m.AttemptID, title)
	}
	return exitOK
}

// scoreFlags collects repeated --score "Criterion=N" and --section "Title=comment" flags.
type pairFlags []string

func (p *pairFlags) String() string     { return strings.Join(*p, ", ") }
func (p *pairFlags) Set(v string) error { *p = append(*p, v); return nil }

func splitPair(v string) (string, string, bool) {
	k, val, ok := strings.Cut(v, "=")
	k = strings.TrimSpace(k)
	return k, strings.TrimSpace(val), ok && k != ""
}

// runReview handles `panelprep review BUNDLE --attempt N|UUID --reviewer NAME [--score
// "Criterion=1..4"]... [--comment TEXT] [--section "Title=comment"]... --out FEEDBACK`: a mentor
// without the app writes a review of one attempt into a feedback bundle. FEEDBACK is created, or,
// if it is already a feedback bundle, the review is added to it (one run per attempt reviewed).
// No store is opened.
func runReview(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("panelprep review", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "the feedback bundle to write or add to: `FILE` (required)")
	which := fs.String("attempt", "", "the attempt to review: its number in the report (1, 2, ...) or its ID, or the start of it")
	storyFlag := fs.String("story", "", "instead of an attempt, a story to comment on: its number in the report (S1 is 1) or its ID, or the start of it")
	reviewer := fs.String("reviewer", "", "your `NAME`, as the candidate will see it (required)")
	comment := fs.String("comment", "", "your overall comment (Markdown)")
	var scores, sections pairFlags
	fs.Var(&scores, "score", "a score for a rubric criterion: \"Criterion=1..4\" (repeat for each)")
	fs.Var(&sections, "section", "a comment on one section of a structured answer: \"Section title=comment\" (repeat)")
	fs.Usage = func() {
		fmt.Fprint(stderr, usageOf("review"))
		fs.PrintDefaults()
	}
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return parseExit(err)
	}
	if len(rest) != 1 || *out == "" || (*which == "") == (*storyFlag == "") || strings.TrimSpace(*reviewer) == "" {
		fs.Usage()
		return exitUsage
	}
	b, ok := readBundle(rest[0], stderr)
	if !ok {
		return exitFailure
	}
	if *storyFlag != "" {
		return commentOnStory(b, *storyFlag, *reviewer, *comment, *out, stdout, stderr)
	}
	return reviewAttempt(b, reviewArgs{which: *which, reviewer: *reviewer, comment: *comment, scores: scores, sections: sections, out: *out}, stdout, stderr)
}

// reviewArgs are the flags of `panelprep review` for an attempt.
type reviewArgs struct {
	which, reviewer, comment string
	scores, sections         pairFlags
	out                      string
}

// reviewAttempt writes a review of the attempt of b that r.which names into the feedback bundle
// r.out.
func reviewAttempt(b *prep.Bundle, r reviewArgs, stdout, stderr io.Writer) int {
	target, err := pickAttempt(b, r.which)
	if err != nil {
		fmt.Fprintln(stderr, "panelprep review:", err)
		return exitFailure
	}
	a := &b.Attempts[target]
	given, bad, ok := scoreFlags(r.scores)
	if !ok {
		fmt.Fprintf(stderr, "panelprep review: --score %q is not \"Criterion=N\" with N from 1 to 4\n", bad)
		return exitUsage
	}
	ordered := prep.OrderScores(a.Prompt.Rubric, given)
	comments, bad, ok := sectionFlags(r.sections)
	if !ok {
		fmt.Fprintf(stderr, "panelprep review: --section %q is not \"Section title=comment\"\n", bad)
		return exitUsage
	}
	rv, err := prep.NewReview(&a.Attempt, r.reviewer, ordered, r.comment, comments, time.Now().UTC().Truncate(time.Second))
	var be *prep.BundleError
	if errors.As(err, &be) {
		for _, p := range be.Problems {
			fmt.Fprintf(stderr, "panelprep review: %s\n", p)
		}
		return exitFailure
	}
	if err != nil {
		fmt.Fprintln(stderr, "panelprep review:", err)
		return exitFailure
	}
	feedback, ok := openFeedback(r.out, stderr)
	if !ok {
		return exitFailure
	}
	feedback.ExportedAt, feedback.ExportedBy = rv.ReviewedAt, strings.TrimSpace(r.reviewer)
	feedback.AddReview(a.Attempt, rv)
	if !writeFeedback(feedback, r.out, stderr) {
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s: review of attempt %d (%s) by %s added; the file holds %d %s\n",
		r.out, target+1, a.Prompt.Title, rv.Reviewer, len(feedback.AllReviews()), plural(len(feedback.AllReviews()), "review"))
	return exitOK
}

// scoreFlags reads the --score flags ("Criterion=N"), or returns the first that is not one.
func scoreFlags(scores pairFlags) (given map[string]int, bad string, ok bool) {
	given = map[string]int{}
	for _, s := range scores {
		name, v, ok := splitPair(s)
		n, err := strconv.Atoi(v)
		if !ok || err != nil {
			return nil, s, false
		}
		given[name] = n
	}
	return given, "", true
}

// sectionFlags reads the --section flags ("Section title=comment"), or returns the first that is
// not one. None is a nil map.
func sectionFlags(sections pairFlags) (comments map[string]string, bad string, ok bool) {
	for _, s := range sections {
		title, text, ok := splitPair(s)
		if !ok {
			return nil, s, false
		}
		if comments == nil {
			comments = map[string]string{}
		}
		comments[title] = text
	}
	return comments, "", true
}

// openFeedback reads the feedback bundle a review adds to, or starts one when out does not exist.
func openFeedback(out string, stderr io.Writer) (*prep.Bundle, bool) {
	if _, err := os.Stat(out); err != nil {
		return &prep.Bundle{Kind: prep.BundleFeedback}, true
	}
	existing, ok := readBundle(out, stderr)
	if !ok {
		fmt.Fprintf(stderr, "panelprep review: %s is not a feedback bundle this can add to; choose another --out (nothing was written)\n", out)
		return nil, false
	}
	if existing.Kind != prep.BundleFeedback {
		fmt.Fprintf(stderr, "panelprep review: %s is the candidate's attempts bundle, not feedback; choose another --out (nothing was written)\n", out)
		return nil, false
	}
	return existing, true
}

// writeFeedback writes the feedback bundle in place of out, whole or not at all.
func writeFeedback(feedback *prep.Bundle, out string, stderr io.Writer) bool {
	content, err := render(feedback, "json")
	if err == nil {
		err = writeFileAtomic(out, content)
	}
	if err != nil {
		fmt.Fprintf(stderr, "panelprep review: %s: %v (nothing was written)\n", out, err)
		return false
	}
	return true
}

// commentOnStory adds a mentor's comment on one of the bundle's stories to a feedback bundle.
func commentOnStory(b *prep.Bundle, which, reviewer, comment, out string, stdout, stderr io.Writer) int {
	i := -1
	if n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(which), "S")); err == nil && len(which) < 8 {
		if n < 1 || n > len(b.Stories) {
			fmt.Fprintf(stderr, "panelprep review: --story %s: the bundle has %s\n", which, storyRange(len(b.Stories)))
			return exitFailure
		}
		i = n - 1
	} else {
		for j := range b.Stories {
			if strings.HasPrefix(b.Stories[j].ID.String(), strings.ToLower(which)) {
				if i >= 0 {
					fmt.Fprintf(stderr, "panelprep review: --story %s: more than one story's ID starts so; give more of it\n", which)
					return exitFailure
				}
				i = j
			}
		}
		if i < 0 {
			fmt.Fprintf(stderr, "panelprep review: --story %s: no story of the bundle has that ID\n", which)
			return exitFailure
		}
	}
	st := &b.Stories[i]
	c, err := prep.NewStoryComment(st, reviewer, comment, time.Now().UTC().Truncate(time.Second))
	var be *prep.BundleError
	if errors.As(err, &be) {
		for _, p := range be.Problems {
			fmt.Fprintf(stderr, "panelprep review: %s\n", p)
		}
		return exitFailure
	}
	feedback, ok := openFeedback(out, stderr)
	if !ok {
		return exitFailure
	}
	feedback.ExportedAt, feedback.ExportedBy = c.CommentedAt, c.Reviewer
	feedback.AddStoryComment(c)
	if !writeFeedback(feedback, out, stderr) {
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s: comment on story S%d (%s) by %s added; the file holds %s on stories\n",
		out, i+1, st.DisplayTitle(), c.Reviewer, prep.Count(len(feedback.StoryComments), "comment"))
	return exitOK
}

func storyRange(n int) string {
	if n == 0 {
		return "no stories"
	}
	return fmt.Sprintf("stories S1 to S%d", n)
}

// pickAttempt finds an attempt by its number in the report (1-based) or by its ID or a unique
// start of it.
func pickAttempt(b *prep.Bundle, which string) (int, error) {
	if n, err := strconv.Atoi(which); err == nil && len(which) < 8 {
		if n < 1 || n > len(b.Attempts) {
			return 0, fmt.Errorf("--attempt %d: the bundle has attempts 1 to %d", n, len(b.Attempts))
		}
		return n - 1, nil
	}
	found := -1
	for i, a := range b.Attempts {
		if strings.HasPrefix(a.ID.String(), strings.ToLower(which)) {
			if found >= 0 {
				return 0, fmt.Errorf("--attempt %s matches more than one attempt; give more of the ID", which)
			}
			found = i
		}
	}
	if found < 0 {
		return 0, fmt.Errorf("--attempt %s: no attempt in the bundle has that number or ID", which)
	}
	return found, nil
}
