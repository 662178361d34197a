package main

import (
	"strings"
	"testing"
)

// The sets and loops commands say the same things in the same words, each with its own name: a
// missing subcommand or file prints the command's usage, an unknown subcommand is named, and an
// imported file is described whole.
func TestFileCommandsMessages(t *testing.T) {
	for _, name := range []string{"sets", "loops"} {
		if code, out, errOut := panelprep(t, nil, name); code != exitUsage || out != "" || errOut != usageOf(name) {
			t.Errorf("%s alone: exit %d, stdout %q, stderr %q, want the usage", name, code, out, errOut)
		}
		if code, _, errOut := panelprep(t, nil, name, "import"); code != exitUsage || errOut != usageOf(name) {
			t.Errorf("%s import without a file: exit %d, stderr %q, want the usage", name, code, errOut)
		}
		want := "panelprep " + name + ": unknown command \"merge\" (use check or import)\n"
		if code, _, errOut := panelprep(t, nil, name, "merge", "x"); code != exitUsage || errOut != want {
			t.Errorf("%s merge: exit %d, stderr %q, want %q", name, code, errOut, want)
		}
		if code, _, errOut := panelprep(t, nil, name, "check", "no-such-file.toml"); code != exitFailure ||
			!strings.HasPrefix(errOut, "no-such-file.toml: open no-such-file.toml: ") {
			t.Errorf("%s check of a missing file: exit %d, stderr %q", name, code, errOut)
		}
	}
	dir := t.TempDir()
	code, out, errOut := panelprep(t, nil, "--data-dir", dir, "sets", "import", "../../testdata/sets/custom-v1.toml")
	if want := "../../testdata/sets/custom-v1.toml: imported set \"acme-platform-loop\" version 1, 1 prompts (1 Leadership scenario)\n"; code != exitOK || !strings.HasSuffix(out, want) {
		t.Errorf("sets import: exit %d, stdout %q, stderr %q, want it to end %q", code, out, errOut, want)
	}
	code, out, errOut = panelprep(t, nil, "--data-dir", dir, "loops", "import", "../../testdata/loops/northwind-director.toml")
	if want := "../../testdata/loops/northwind-director.toml: imported loop \"northwind-director\" version 1, 3 rounds (4 questions), 160 minutes with breaks; the Mock loop screen offers it\n"; code != exitOK || !strings.HasSuffix(out, want) {
		t.Errorf("loops import: exit %d, stdout %q, stderr %q, want it to end %q", code, out, errOut, want)
	}
}
