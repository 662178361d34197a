package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// overlayText returns the text of labels in the topmost dialog, or "" when none is shown.
func (h *harness) overlayText() string {
	top := h.ui.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	walkObjects(top, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
		return true
	})
	return b.String()
}

func (h *harness) dismissDialogs() {
	for h.ui.win.Canvas().Overlays().Top() != nil {
		h.ui.win.Canvas().Overlays().Remove(h.ui.win.Canvas().Overlays().Top())
	}
}

func TestImportSetThroughTheUI(t *testing.T) {
	h := newBadgerHarness(t) // the import backs up first: a store on disk
	before := h.ui.lib.Count()

	h.ui.importSetFile("../testdata/sets/bad-problems.toml")
	h.settle()
	msg := h.overlayText()
	for _, want := range []string{"Nothing was imported", "bad-problems.toml:22: prompts[0].phases: phase minutes sum to 35", `unknown panel member "recruiter"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("the rejection dialog does not say %q:\n%s", want, msg)
		}
	}
	if sets, _ := h.store.ImportedSets(); len(sets) != 0 || h.ui.lib.Count() != before {
		t.Fatalf("a rejected file changed the library")
	}
	h.dismissDialogs()

	h.ui.importSetFile("../testdata/sets/custom-v1.toml")
	h.settle()
	if !strings.Contains(h.overlayText(), "1 prompt now in your library") || h.ui.lib.Count() != before+1 {
		t.Fatalf("import of a good set: dialog %q, library %d", h.overlayText(), h.ui.lib.Count())
	}
	h.dismissDialogs()

	// Answer the imported prompt, then import a newer version of its set.
	title := "A Sev-1 that exposed an ownership gap between two teams"
	h.startPrompt(title)
	h.tap("Start")
	h.typeAnswer("Blameless review first.")
	h.clock.advance(10 * time.Minute)
	h.finishRound()
	s := h.ui.current.(*scoreScreen)
	for i := range s.choices {
		pickScore(t, s.choices[i], 2)
	}
	h.tap("Save attempt")

	h.ui.importSetFile("../testdata/sets/custom-v2.toml")
	h.settle()
	h.dismissDialogs()
	sets, _ := h.store.ImportedSets()
	if len(sets) != 1 || sets[0].Version != 2 {
		t.Fatalf("stored sets after re-import: %+v", sets)
	}
	list, _ := h.store.Attempts()
	a, err := h.store.Attempt(list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.SetVersion != 1 || !strings.Contains(a.Prompt.Scenario, "47 minutes") {
		t.Errorf("the attempt lost the prompt text it answered: version %d, %q", a.SetVersion, a.Prompt.Scenario)
	}
	// The survivors of a restart: the imported set is still in the library, from the store alone.
	h.restart()
	if h.ui.lib.Count() != before+1 {
		t.Errorf("after a restart the library has %d prompts, want %d", h.ui.lib.Count(), before+1)
	}
}

// A set imported before competencies stays in the library and can be practised; the library says
// it needs a newer version, and the note goes once that version is imported.
func TestLibraryNamesSetsWithoutCompetencies(t *testing.T) {
	h := newHarness(t)
	b, err := os.ReadFile("../testdata/sets/legacy-v1.toml")
	if err != nil {
		t.Fatal(err)
	}
	legacy, err := prep.ParseSet("legacy-v1.toml", b, nil) // as it was checked when it was imported
	if err != nil {
		t.Fatal(err)
	}
	if err := h.store.ImportSet(legacy); err != nil {
		t.Fatal(err)
	}
	h.restart()
	want := "“Acme platform org loop” (version 1) was written before competencies: scores on its prompts count under Unmapped"
	if !h.hasText(want) {
		t.Fatalf("the library does not say %q", want)
	}
	home := h.ui.current.(*homeScreen)
	found := false
	for _, e := range home.shown {
		found = found || e.prompt.ID == "acme-legacy-sev1"
	}
	if !found {
		t.Error("the legacy set's prompt is not in the library")
	}
	newer := *legacy
	newer.Version = 2
	newer.Prompts = append([]prep.Prompt(nil), legacy.Prompts...)
	newer.Prompts[0].Rubric = append([]prep.Criterion(nil), legacy.Prompts[0].Rubric...)
	for i := range newer.Prompts[0].Rubric {
		newer.Prompts[0].Rubric[i].Competency = "developing-people"
	}
	if err := h.store.ImportSet(&newer); err != nil {
		t.Fatal(err)
	}
	h.restart()
	if h.hasText("was written before competencies") {
		t.Error("the note stays after a version with competencies was imported")
	}
}
