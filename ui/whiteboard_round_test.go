package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/diagram"
)

// A systems design round opens with the whiteboard beside the answer. Drawn from the keyboard (Ctrl+D
// from the answer gives the board the keys), the diagram goes into the draft as it changes, comes
// back when the round is resumed after a restart, and ends up in the attempt with the answer.
func TestWhiteboardInTheRoundIsSavedResumedAndKept(t *testing.T) {
	h := newBadgerHarness(t)
	p := firstPrompt(h, prep.SystemsDesign)
	h.startPrompt(p.Title)
	r := h.round()
	if !r.bench.open || len(r.bench.besideAnswer.Objects) == 0 {
		t.Fatal("the whiteboard is not open beside the answer in a systems design round")
	}
	h.tap("Start")
	ctrl := fyne.KeyModifierShortcutDefault
	h.press(fyne.KeyD, ctrl) // from the answer, where Start put the cursor
	c := h.ui.win.Canvas()
	if c.Focused() != r.bench.board.board {
		t.Fatalf("Ctrl+D left the focus on %T, want the board", c.Focused())
	}
	test.Type(c.Focused(), "13")
	drawn := r.bench.board.ed.Diagram().Components
	if len(drawn) != 2 {
		t.Fatalf("1 and 3 on the board drew %d components", len(drawn))
	}
	h.press(towards(drawn[1], drawn[0]), 0) // select the client
	test.Type(c.Focused(), "c")
	h.press(towards(drawn[0], drawn[1]), 0)
	h.press(fyne.KeyReturn, 0)
	test.Type(c.Focused(), "sync REST") // the new arrow's label field has the cursor
	if r.draft.Diagram == nil || len(r.draft.Diagram.Components) != 2 || len(r.draft.Diagram.Arrows) != 1 {
		t.Fatalf("the draft's diagram after drawing: %+v", r.draft.Diagram)
	}
	if got := r.draft.Diagram.Arrows[0].Label; got != "sync REST" {
		t.Fatalf("the draft's arrow label is %q", got)
	}
	if p.Teams != nil && len(r.bench.board.owner.Options) < len(p.Teams)+2 {
		t.Errorf("owner choices %q do not offer the prompt's teams %q", r.bench.board.owner.Options, p.Teams)
	}
	h.tap("Practice")
	h.ui.Drain()
	h.restart()
	h.tap("Resume")
	r = h.round()
	d := r.bench.board.ed.Diagram()
	if len(d.Components) != 2 || len(d.Arrows) != 1 || d.Arrows[0].Label != "sync REST" {
		t.Fatalf("the resumed round's whiteboard holds %+v", d)
	}
	if got := r.bench.board.board.d; len(got.Components) != 2 {
		t.Fatalf("the resumed board draws %d components", len(got.Components))
	}

	h.finishRound()
	s := h.ui.current.(*scoreScreen)
	// The diagram is scored with the answer: the score screen draws it read-only under the answer.
	checkReadOnlyDiagram(t, h, "the score screen")
	for _, g := range s.choices {
		pickScore(t, g, 3)
	}
	h.tap("Save attempt")
	sums, err := h.store.Attempts()
	if err != nil || len(sums) != 1 {
		t.Fatalf("attempts: %v, %v", sums, err)
	}
	a, err := h.store.Attempt(sums[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Diagram == nil || len(a.Diagram.Components) != 2 {
		t.Fatalf("the attempt's diagram: %+v", a.Diagram)
	}

	// The attempt screen, and a mentor's review of the attempt, draw it read-only.
	h.settle()
	if _, ok := h.ui.current.(*attemptScreen); !ok {
		t.Fatalf("after saving: %T, want the attempt screen", h.ui.current)
	}
	checkReadOnlyDiagram(t, h, "the attempt screen")
	rv, _ := h.openReview(a)
	rv.list.Select(0)
	h.settle()
	checkReadOnlyDiagram(t, h, "review mode")
}

// checkReadOnlyDiagram finds the one board on screen and checks it is read-only, draws the two
// components and their arrow, and lets no key change them.
func checkReadOnlyDiagram(t *testing.T, h *harness, where string) {
	t.Helper()
	var boards []*board
	walkObjects(h.ui.win.Canvas().Content(), func(o fyne.CanvasObject) bool {
		if b, ok := o.(*board); ok {
			boards = append(boards, b)
		}
		return true
	})
	if len(boards) != 1 {
		t.Fatalf("%s shows %d whiteboards, want 1", where, len(boards))
	}
	b := boards[0]
	if !b.readOnly || len(b.d.Components) != 2 || len(b.d.Arrows) != 1 {
		t.Fatalf("%s: board read-only %v with %d components, %d arrows", where, b.readOnly, len(b.d.Components), len(b.d.Arrows))
	}
	if !h.hasText("As finished") {
		t.Errorf("%s offers no choice of the diagram's phases", where)
	}
	test.Type(b, "1")
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if len(b.d.Components) != 2 {
		t.Errorf("%s: keys changed a finished attempt's diagram", where)
	}
}

// In other rounds the whiteboard is a button (or Ctrl+D) away, and Ctrl+M gives it the whole window
// and back, keeping what is drawn and the answer.
func TestWhiteboardOpensInAnyRoundAndGoesLarge(t *testing.T) {
	h, _, r := startRound(t, prep.Leadership)
	if r.bench.open || len(r.bench.besideAnswer.Objects) != 0 {
		t.Fatal("the whiteboard is open in a leadership round from the start")
	}
	h.tap("Start")
	h.typeAnswer("Billing missed two quarters.")
	ctrl := fyne.KeyModifierShortcutDefault
	h.press(fyne.KeyD, ctrl)
	if !r.bench.open || len(r.bench.besideAnswer.Objects) != 1 {
		t.Fatal("Ctrl+D did not open the whiteboard")
	}
	test.Type(h.ui.win.Canvas().Focused(), "3")
	h.press(fyne.KeyM, ctrl)
	if len(r.bench.body.Objects) != 1 || findUnder(r.bench.body, func(o fyne.CanvasObject) bool { return o == r.bench.tabs }) == nil ||
		h.find(func(o fyne.CanvasObject) bool { return o == r.answer.root }) != nil {
		t.Fatal("Ctrl+M did not give the whiteboard the whole window")
	}
	if h.ui.win.Canvas().Focused() != r.bench.board.board {
		t.Fatalf("the larger view left the focus on %T", h.ui.win.Canvas().Focused())
	}
	h.press(fyne.KeyM, ctrl)
	if r.bench.body.Objects[0] != r.bench.normal || len(r.bench.besideAnswer.Objects) != 1 {
		t.Fatal("Ctrl+M again did not put the whiteboard back beside the answer")
	}
	if d := r.draft.Diagram; d == nil || len(d.Components) != 1 || d.Components[0].Kind != diagram.Service {
		t.Errorf("the draft's diagram: %+v", d)
	}
	if got := r.draft.Sections[0].Text; got != "Billing missed two quarters." {
		t.Errorf("the answer changed: %q", got)
	}
	// The button names what it opens and hides: both the whiteboard and the estimate sheet.
	h.tap("Hide whiteboard and estimates")
	if r.bench.open || len(r.bench.besideAnswer.Objects) != 0 {
		t.Error("Hide whiteboard and estimates left the panel open")
	}
	h.tap("Whiteboard and estimates")
	if !r.bench.open || len(r.bench.besideAnswer.Objects) != 1 {
		t.Error("Whiteboard and estimates did not open the panel")
	}
}

// A round with nothing drawn is scored without an empty whiteboard under the answer.
func TestScoreScreenShowsNoWhiteboardWhenNoneWasDrawn(t *testing.T) {
	h, _, _ := startRound(t, prep.SystemsDesign)
	h.tap("Start")
	h.typeAnswer("Clarify the peak load first.")
	h.finishRound()
	if _, ok := h.ui.current.(*scoreScreen); !ok {
		t.Fatalf("after finishing: %T, want the score screen", h.ui.current)
	}
	if b := h.find(func(o fyne.CanvasObject) bool { _, ok := o.(*board); return ok }); b != nil {
		t.Error("the score screen draws a whiteboard for a round with nothing drawn")
	}
	if !h.hasText("Your answer") {
		t.Error("the score screen does not show the answer")
	}
}

// The larger view (Ctrl+M) hides the clock panel, so it keeps a compact clock line above the
// workbench: the phase, the time left in it and in the round, red once over, and the latest cue.
func TestLargerWorkbenchKeepsACompactClock(t *testing.T) {
	h, _, r := startTimedRound(t) // phases 8/17/15/15/5; the senior IC asks at minute 20
	h.tap("Start")
	ctrl := fyne.KeyModifierShortcutDefault
	h.press(fyne.KeyD, ctrl)
	h.press(fyne.KeyM, ctrl)
	if !r.bench.large {
		t.Fatal("Ctrl+M did not give the workbench the whole window")
	}
	if h.find(func(o fyne.CanvasObject) bool { return o == r.phaseLeft }) != nil {
		t.Fatal("the full clock panel is still on screen in the larger view")
	}
	for _, want := range []string{"Phase 1/5: Clarify requirements and scale", "Phase: 8:00 left", "Round: 60:00 left"} {
		if !h.hasText(want) {
			t.Errorf("the larger view does not show %q", want)
		}
	}
	h.clock.advance(6 * time.Minute)
	r.refresh()
	if !h.hasText("Phase: 2:00 left") || !h.hasText("Two minutes left in this phase") {
		t.Errorf("the larger view's clock line at minute 6: %q · %q", r.compact.phaseLeft.Text, r.compact.cue.Text)
	}
	h.clock.advance(2*time.Minute + time.Second)
	r.refresh()
	if !h.hasText("Phase: 0:01 over") || r.compact.phaseLeft.Importance != widget.DangerImportance ||
		r.compact.cue.Importance != widget.DangerImportance || !h.hasText("This phase's time is up") {
		t.Errorf("the phase's end in the larger view: %q (importance %v), cue %q", r.compact.phaseLeft.Text, r.compact.phaseLeft.Importance, r.compact.cue.Text)
	}
	h.press(fyne.KeyP, ctrl)
	if !h.hasText("(paused)") {
		t.Errorf("a paused round does not say so in the larger view: %q", r.compact.phase.Text)
	}
	h.press(fyne.KeyM, ctrl)
	if r.bench.large || h.find(func(o fyne.CanvasObject) bool { return o == r.phaseLeft }) == nil {
		t.Error("Ctrl+M again did not bring the clock panel back")
	}
}

// A resumed round's whiteboard shows the whole diagram. The zoom and pan are not stored with the
// diagram (they are how the board was looked at, not what was drawn): the board used to open at
// zoom 1 from the diagram's origin, not the view the candidate had left, with boxes cut off past
// its edges. It now opens fitted to the diagram, as the Fit button does.
func TestResumedWhiteboardShowsTheWholeDiagram(t *testing.T) {
	h := newBadgerHarness(t)
	p := firstPrompt(h, prep.SystemsDesign)
	h.startPrompt(p.Title)
	r := h.round()
	h.tap("Start")
	h.press(fyne.KeyD, fyne.KeyModifierShortcutDefault)
	c := h.ui.win.Canvas()
	test.Type(c.Focused(), "1234567891234")
	test.Type(c.Focused(), "++++") // the candidate zooms in on one part of it
	if n := len(r.bench.board.ed.Diagram().Components); n != 13 {
		t.Fatalf("drew %d components, want 13", n)
	}
	h.tap("Practice")
	h.ui.Drain()
	h.restart()
	h.tap("Resume")
	b := h.round().bench.board.board
	allInView := func(when string) {
		t.Helper()
		s := b.Size()
		if s.Width <= 0 || s.Height <= 0 {
			t.Fatalf("%s: the board has no size: %v", when, s)
		}
		for _, comp := range b.d.Components {
			at := b.toScreen(comp.X, comp.Y)
			end := b.toScreen(comp.X+diagram.ComponentWidth, comp.Y+diagram.ComponentHeight)
			if at.X < 0 || at.Y < 0 || end.X > s.Width || end.Y > s.Height {
				t.Errorf("%s: component %q is drawn at %v to %v, outside the %v board (zoom %v)", when, comp.Label, at, end, s, b.zoom)
			}
		}
	}
	allInView("resumed")
	// In the real window the board is first laid out at a small size, then at its own: fitted only
	// to the first, the diagram stayed at the smallest zoom in the board's corner.
	b.Resize(fyne.NewSize(60, 40))
	b.Resize(fyne.NewSize(900, 600))
	allInView("laid out small, then large")
	if b.zoom <= minZoom {
		t.Errorf("on a 900 by 600 board the 13 boxes are shown at zoom %v, the smallest", b.zoom)
	}
	// Once the candidate zooms, a new size keeps their zoom.
	test.Type(b, "+")
	z := b.zoom
	b.Resize(fyne.NewSize(800, 600))
	if b.zoom != z {
		t.Errorf("a resize after zooming changed the zoom from %v to %v", z, b.zoom)
	}
}
