package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/panelprep/panelprep/data"
)

func TestLoopsCheck(t *testing.T) {
	code, out, errOut := panelprep(t, nil, "loops", "check", "../../testdata/loops/northwind-director.toml", "../../assets/loops/vp-engineering.toml")
	if code != 0 || !strings.Contains(out, `northwind-director.toml: ok: loop "northwind-director" version 1, 3 rounds (4 questions), 160 minutes with breaks`) ||
		!strings.Contains(out, `vp-engineering.toml: ok: loop "vp-engineering" version 1, 5 rounds (6 questions)`) {
		t.Fatalf("clean files: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	code, out, errOut = panelprep(t, nil, "loops", "check", "../../testdata/loops/bad-problems.toml", "../../testdata/loops/truncated.toml")
	want := []string{
		`bad-problems.toml:1: id: must be 1 to 64 characters`,
		`bad-problems.toml:7: rounds[0].minutes: must be 5 to 180 (got 2)`,
		`bad-problems.toml:16: rounds[1].competencies.charisma: unknown competency "charisma" (use "technical-judgement",`,
		`bad-problems.toml:17: rounds[1].colour: unknown field`,
		`bad-problems.toml:26: bands.strong_hire_round_floor: is missing`,
		"truncated.toml:7: toml:",
	}
	if code != exitFailure || out != "" {
		t.Errorf("bad files: exit %d, stdout %q", code, out)
	}
	for _, w := range want {
		if !strings.Contains(errOut, w) {
			t.Errorf("missing %q in:\n%s", w, errOut)
		}
	}
	if code, _, errOut := panelprep(t, nil, "loops", "check"); code != exitUsage || !strings.Contains(errOut, "usage: panelprep loops check FILE...") {
		t.Errorf("no file: exit %d, %s", code, errOut)
	}
}

// TestLoopsImport: a broken file changes nothing, a good one is kept and listed, the same version
// again, an older one and a shipped loop's ID are refused, and a newer version replaces it.
func TestLoopsImport(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := panelprep(t, nil, "--data-dir", dir, "loops", "import", "../../testdata/loops/bad-problems.toml")
	if code != exitFailure || out != "" || !strings.Contains(errOut, "bad-problems.toml: not imported; fix the problems above and import again") {
		t.Fatalf("bad file: exit %d, %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "backups")); err == nil {
		t.Error("a refused file made a backup: something was about to change")
	}
	code, out, errOut = panelprep(t, nil, "--data-dir", dir, "loops", "import", "../../testdata/loops/northwind-director.toml")
	if code != 0 || !strings.Contains(out, `imported loop "northwind-director" version 1`) || !strings.Contains(out, "backed up your data to") {
		t.Fatalf("good file: exit %d, %s %s", code, out, errOut)
	}
	code, _, errOut = panelprep(t, nil, "--data-dir", dir, "loops", "import", "../../testdata/loops/northwind-director.toml")
	if code != exitFailure || !strings.Contains(errOut, "already imported") || !strings.Contains(errOut, "give the file a higher version") {
		t.Fatalf("same version again: exit %d, %s", code, errOut)
	}
	code, _, errOut = panelprep(t, nil, "--data-dir", dir, "loops", "import", "../../assets/loops/director-scale-up.toml")
	if code != exitFailure || !strings.Contains(errOut, `loop ID "director-scale-up" belongs to a loop PanelPrep ships`) {
		t.Fatalf("a shipped loop's ID: exit %d, %s", code, errOut)
	}
	code, out, errOut = panelprep(t, nil, "--data-dir", dir, "loops", "import", "../../testdata/loops/northwind-director-v2.toml")
	if code != 0 || !strings.Contains(out, `imported loop "northwind-director" version 2`) {
		t.Fatalf("newer version: exit %d, %s %s", code, out, errOut)
	}
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	shapes, err := s.ImportedLoopShapes()
	if err != nil || len(shapes) != 1 || shapes[0].Version != 2 || shapes[0].Rounds[0].Minutes != 50 || shapes[0].Rounds[1].Weight != 2 {
		t.Fatalf("store holds %+v (%v), want northwind-director version 2 only", shapes, err)
	}
	if sets, _ := s.ImportedSets(); len(sets) != 0 {
		t.Errorf("a loop import stored practice sets: %v", sets)
	}
}
