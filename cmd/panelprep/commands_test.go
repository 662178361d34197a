package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/help.golden from the current --help")

// helpText is what --help prints, run in this process (so the version is "dev").
func helpText(t *testing.T) string {
	t.Helper()
	var stdout, stderr strings.Builder
	if code := run([]string{"--help"}, &stdout, &stderr); code != exitOK || stdout.Len() != 0 {
		t.Fatalf("--help: exit %d, stdout %q", code, stdout.String())
	}
	return stderr.String()
}

// The help text is made from the command table; this pins it to the text it had when it was
// written out by hand, so a change to the table's wording or layout is a deliberate one.
func TestHelpTextIsUnchanged(t *testing.T) {
	golden := filepath.Join("testdata", "help.golden")
	got := helpText(t)
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("--help printed\n%s\nwant (%s)\n%s", got, golden, want)
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	help := helpText(t)
	for _, c := range commands {
		if len(c.usage) == 0 {
			t.Errorf("command %q has no usage line", c.name)
		}
		for _, u := range c.usage {
			if !strings.Contains(" "+u.synopsis+" ", " "+c.name+" ") {
				t.Errorf("command %q: usage line %q does not name it", c.name, u.synopsis)
			}
			if !strings.Contains(help, "  panelprep "+u.synopsis) || !strings.Contains(help, u.what+"\n") {
				t.Errorf("--help does not list %q (%s):\n%s", u.synopsis, u.what, help)
			}
		}
	}
	seen := map[string]bool{}
	for _, c := range commands {
		if seen[c.name] {
			t.Errorf("command %q is in the table twice", c.name)
		}
		seen[c.name] = true
	}
}

// An unknown command is a usage error that names it, opens no data and creates no data folder.
func TestUnknownCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	want := "panelprep: unknown command \"frobnicate\"; see panelprep --help\n"
	var stdout, stderr strings.Builder
	if code := run([]string{"--data-dir", dir, "frobnicate", "x"}, &stdout, &stderr); code != exitUsage || stdout.Len() != 0 || stderr.String() != want {
		t.Errorf("in process: exit %d, stdout %q, stderr %q; want exit %d and %q", code, stdout.String(), stderr.String(), exitUsage, want)
	}
	code, out, errOut := panelprep(t, nil, "--data-dir", dir, "frobnicate", "x")
	if code != exitUsage || out != "" || errOut != want {
		t.Errorf("the binary: exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errOut, exitUsage, want)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("an unknown command touched the data folder: %v", err)
	}
}

// A command called wrongly prints its own lines of the table, and every flag its parser defines
// is in them: the usage message, --help and the parser cannot drift apart.
func TestCommandUsageComesFromTheTable(t *testing.T) {
	wrong := map[string][]string{"check": {"extra"}} // check runs with no arguments
	for _, c := range commands {
		args, ok := wrong[c.name]
		if !ok {
			args = nil // every other command needs an argument
		}
		var stdout, stderr strings.Builder
		code := run(append([]string{"--data-dir", t.TempDir(), c.name}, args...), &stdout, &stderr)
		if code != exitUsage || !strings.HasPrefix(stderr.String(), usageOf(c.name)) {
			t.Errorf("%s %v: exit %d, printed\n%s\nwant exit %d and\n%s", c.name, args, code, stderr.String(), exitUsage, usageOf(c.name))
		}
		// The flags the parser lists after the usage lines (flag.PrintDefaults: "  -name ...").
		for _, line := range strings.Split(stderr.String(), "\n") {
			if f, ok := strings.CutPrefix(line, "  -"); ok {
				name := strings.Fields(f)[0]
				if !strings.Contains(usageOf(c.name), "--"+name) {
					t.Errorf("%s: flag --%s is not in its usage line %q", c.name, name, usageOf(c.name))
				}
			}
		}
	}
}
