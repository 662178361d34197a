package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// TestLoopShapesFromImportToSummary is the flow a mentor's loop file takes: rejected whole when
// broken, imported through the same Import as a practice set, offered by the planner beside the
// shipped shapes, carried by the loop it plans, and the summary weighs and bands as the file says.
func TestLoopShapesFromImportToSummary(t *testing.T) {
	h := newBadgerHarness(t) // the import backs up first: a store on disk

	h.ui.importSetFile("../testdata/loops/bad-problems.toml")
	h.settle()
	msg := h.overlayText()
	for _, want := range []string{"Nothing was imported from ../testdata/loops/bad-problems.toml",
		"bad-problems.toml:7: rounds[0].minutes: must be 5 to 180 (got 2)", `unknown competency "charisma"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("the rejection dialog does not say %q:\n%s", want, msg)
		}
	}
	if shapes, _ := h.store.ImportedLoopShapes(); len(shapes) != 0 || len(h.ui.lib.ImportedLoops) != 0 {
		t.Fatal("a rejected loop file changed the library")
	}
	h.dismissDialogs()

	sets := h.ui.lib.Count()
	h.ui.importSetFile("../testdata/loops/northwind-director.toml")
	h.settle()
	if !strings.Contains(h.overlayText(), "“Northwind Logistics: Director of Engineering” version 1: 3 rounds, 160 minutes with breaks. Mock loop now offers it") {
		t.Fatalf("import of a good loop file: dialog %q", h.overlayText())
	}
	if h.ui.lib.Count() != sets {
		t.Error("importing a loop file changed the practice sets")
	}
	h.dismissDialogs()

	h.tap("Mock loop")
	ls := h.ui.current.(*loopScreen)
	// The planner starts from the default loop, and offers every shipped shape and the import.
	if ls.shape.ID != prep.DefaultLoopShapeID || len(ls.slots) != len(prep.DefaultLoop) || !h.hasText(prep.BandRule) {
		t.Fatalf("the planner starts from %q with %d slots", ls.shape.ID, len(ls.slots))
	}
	want := []string{}
	for _, sh := range h.loops {
		want = append(want, sh.Name)
	}
	want = append(want, "Northwind Logistics: Director of Engineering (imported)")
	if got := ls.shapePick.Options; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the planner offers %q, want %q", got, want)
	}

	ls.shapePick.SetSelected("Director, enterprise loop with a bar raiser")
	h.settle()
	if len(ls.slots) != 7 || len(prep.Sittings(prep.Plans(ls.slots))) != 5 {
		t.Fatalf("the enterprise shape plans %d slots", len(ls.slots))
	}
	for _, want := range []string{
		"Any single round averaging below 2.5 caps the band at Lean hire",
		"round 3 (Behavioural) counts ×2 and weighs",
	} {
		if !h.hasText(want) {
			t.Errorf("the enterprise plan does not show %q", want)
		}
	}
	if sub := cardSubtitle(h, "Round 3: Behavioural"); !strings.HasSuffix(sub, "led by the VP of Engineering, then a 45-minute break") {
		t.Errorf("the bar raiser's sitting reads %q", sub)
	}
	if !h.hasText("In the band, this round counts ×2 and weighs culture and change leadership ×1.5, influence and communication ×1.5.") {
		t.Error("the bar raiser's sitting does not say how it is weighed")
	}
	for _, sl := range ls.slots {
		if sl.PromptID == "" {
			t.Errorf("a round of the enterprise shape has no prompt: %+v", sl.Plan)
		}
	}

	ls.shapePick.SetSelected("Northwind Logistics: Director of Engineering (imported)")
	h.settle()
	if ls.shape.ID != "northwind-director" || len(ls.slots) != 4 {
		t.Fatalf("the imported shape plans %d slots from %q", len(ls.slots), ls.shape.ID)
	}
	// Two rounds are enough to see the weights: drop the behavioural sitting.
	test.Tap(ls.remove[2])
	h.settle()
	h.tap("Start the loop")
	if l, err := h.store.ActiveLoop(); err != nil || l == nil || l.Shape.ID != "northwind-director" || l.Shape.Version != 1 ||
		l.Bands == nil || *l.Bands != prep.DefaultBands || l.Slots[1].Plan.Weight != 2 {
		t.Fatalf("the loop does not carry its shape: %+v (%v)", l, err)
	}
	h.tap("Start")
	h.typeAnswer("The routing platform's design.")
	h.clock.advance(50 * time.Minute)
	h.scoreAndSave(4)
	h.tap("Start the next round")
	h.tap("Start")
	h.typeAnswer("The VP's scenario.")
	h.clock.advance(40 * time.Minute)
	h.scoreAndSave(2)
	if _, ok := h.ui.current.(*loopSummaryScreen); !ok {
		t.Fatalf("after the last round: %T, want the summary", h.ui.current)
	}

	// The band the screen shows is the weighted one: the VP's round of 2s counts at least twice
	// for every criterion, so the average is below the unweighted one.
	list, _ := h.store.Attempts()
	var attempts []prep.Attempt
	for i := len(list) - 1; i >= 0; i-- {
		a, err := h.store.Attempt(list[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		attempts = append(attempts, a)
	}
	shape := h.ui.lib.ImportedLoops[0]
	plans := []prep.LoopRound{shape.Rounds[0], shape.Rounds[1]}
	weighted := prep.SummariseLoopPlanned(attempts, nil, plans, shape.Bands, h.model)
	flat := prep.SummariseLoopSittings(attempts, nil, h.model)
	if weighted.Average >= flat.Average {
		t.Fatalf("the weights do not lower the average: %v, unweighted %v", weighted.Average, flat.Average)
	}
	for _, want := range []string{
		fmt.Sprintf("Overall: %s (average self-score %.2f / 4)", weighted.Band, weighted.Average),
		"Loop shape: Northwind Logistics: Director of Engineering (version 1), weighed and banded as its loop file says",
		"self-score 2.00 / 4 (counts ×2); time 40:00",
		"Weighted average across every criterion of every round",
		"round 2 (Leadership scenario) counts ×2 and weighs",
	} {
		if !h.hasText(want) {
			t.Errorf("the summary does not show %q", want)
		}
	}
	// Its competency list is weighed the same way, and says so.
	if sub := cardSubtitle(h, "Competencies, weakest first"); !strings.HasPrefix(sub, "Averages weighed as the overall figure is") {
		t.Errorf("the competency card's subtitle reads %q", sub)
	}
	var titles []string
	walkObjects(h.ui.win.Canvas().Content(), func(o fyne.CanvasObject) bool {
		if c, ok := o.(*widget.Card); ok && c.Title == "Competencies, weakest first" {
			for _, it := range c.Content.(*widget.Accordion).Items {
				titles = append(titles, it.Title)
			}
			return false
		}
		return true
	})
	if len(titles) != len(weighted.Competencies) {
		t.Fatalf("the summary lists %d competencies, want %d: %q", len(titles), len(weighted.Competencies), titles)
	}
	differs := false
	for i, c := range weighted.Competencies {
		for _, f := range flat.Competencies {
			differs = differs || (f.ID == c.ID && fmt.Sprintf("%.1f", f.Average) != fmt.Sprintf("%.1f", c.Average))
		}
		if want := fmt.Sprintf("%.1f  %s  (", c.Average, c.Name); !strings.HasPrefix(titles[i], want) {
			t.Errorf("competency %d reads %q, want %q…", i, titles[i], want)
		}
	}
	if !differs {
		t.Error("no competency's shown average moves with the weights: this loop does not test the weighing")
	}
}

// cardSubtitle is the subtitle of the card with this title on screen, or "".
func cardSubtitle(h *harness, title string) string {
	sub := ""
	walkObjects(h.ui.win.Canvas().Content(), func(o fyne.CanvasObject) bool {
		if c, ok := o.(*widget.Card); ok && c.Title == title {
			sub = c.Subtitle
			return false
		}
		return true
	})
	return sub
}
