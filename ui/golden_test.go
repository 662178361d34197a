package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

// Golden markup for the screens a candidate spends most time on. Each test builds the screen from a
// harness whose clocks are fixed (wall 20 Nov 2026 09:00 UTC, monotonic clock moved by hand), puts
// fixed IDs on what it stores, and sizes the window, so the markup is the same on every run and
// machine and changes only when the screen does. A failing run writes the new markup to
// testdata/failed/: read it, and move it over the golden only if the change is meant.

// goldenSize is the window the golden screens are drawn in: the app's usual size on a laptop.
var goldenSize = fyne.NewSize(1100, 760)

// goldenDataDir stands in for the data folder Settings shows: the store itself lives in a temp
// directory whose name differs on every run.
const goldenDataDir = "/home/candidate/.local/share/panelprep"

// newGoldenHarness is newHarness with a fixed data folder shown on screen.
func newGoldenHarness(t *testing.T) *harness {
	t.Helper()
	h := newUnopenedHarness(t)
	h.mem = preptest.NewMemStore()
	h.store = h.mem
	h.ui = New(h.app, Deps{Store: h.mem, Bundled: h.sets, Competencies: h.model, Clock: h.clock.now, Now: h.now, Deliver: h.queue.push,
		DataDir: goldenDataDir, Maintenance: h.maintenance()})
	t.Cleanup(h.close)
	h.settle()
	h.ui.win.Resize(goldenSize)
	return h
}

// layoutGolden lays the window out again at the golden size, as a frame of the real window does:
// without it, parts that appeared since the last resize (the round's overtime banner) keep the
// zero size they had when added.
func (h *harness) layoutGolden() {
	h.ui.win.Resize(goldenSize.SubtractWidthHeight(1, 0))
	h.ui.win.Resize(goldenSize)
}

// saveFixedAttempts stores two scored attempts with fixed IDs, so the home screen has history and
// something due today.
func (h *harness) saveFixedAttempts() {
	h.t.Helper()
	sd, ld := firstPrompt(h, prep.SystemsDesign), firstPrompt(h, prep.Leadership)
	for i, a := range []prep.Attempt{
		fixedAttempt(sd, h.now().AddDate(0, 0, -6), "one", func(i int) int { return 1 + i%2 }),
		fixedAttempt(ld, h.now().AddDate(0, 0, -2), "two", func(int) int { return 3 }),
	} {
		a.ID = uuid.MustParse("00000000-0000-4000-8000-00000000001" + string(rune('1'+i)))
		if err := h.store.SaveAttempt(a); err != nil {
			h.t.Fatal(err)
		}
	}
}

func TestHomeScreenGolden(t *testing.T) {
	h := newGoldenHarness(t)
	h.saveFixedAttempts()
	h.tap("Progress") // and back, so Practice reads the attempts just stored
	h.tap("Practice")
	if _, ok := h.ui.current.(*homeScreen); !ok {
		t.Fatalf("current screen is %T, want Practice", h.ui.current)
	}
	h.layoutGolden()
	test.AssertRendersToMarkup(t, "home.xml", h.ui.win.Canvas())
}

// startGoldenRound starts the first systems-design prompt, types into the first section and runs
// the clock 9 minutes, one past the first phase's budget.
func startGoldenRound(h *harness) *roundScreen {
	h.t.Helper()
	p := firstPrompt(h, prep.SystemsDesign)
	h.startPrompt(p.Title)
	r := h.round()
	h.tap("Start")
	test.Type(r.answer.sections[0].entry, "Clarify: 2,500 auth/s peak.")
	h.clock.advance(9 * time.Minute)
	r.refresh()
	if err := r.saver.Flush(); err != nil {
		h.t.Fatal(err)
	}
	r.refresh()
	h.settle()
	return r
}

func TestRoundScreenGolden(t *testing.T) {
	h := newGoldenHarness(t)
	r := startGoldenRound(h)
	if got := r.phaseLeft.Text; got != "This phase: 1:00 over" {
		t.Errorf("phase clock %q", got)
	}
	h.layoutGolden()
	test.AssertRendersToMarkup(t, "round.xml", h.ui.win.Canvas())
}

func TestScoreScreenGolden(t *testing.T) {
	h := newGoldenHarness(t)
	startGoldenRound(h)
	h.finishRound()
	s, ok := h.ui.current.(*scoreScreen)
	if !ok {
		t.Fatalf("after finishing: %T", h.ui.current)
	}
	pickScore(t, s.choices[0], 3) // one scored, the rest still to do: Save stays disabled
	h.settle()
	h.layoutGolden()
	test.AssertRendersToMarkup(t, "score.xml", h.ui.win.Canvas())
}

func TestSettingsScreenGolden(t *testing.T) {
	h := newGoldenHarness(t)
	h.tap("Settings")
	if _, ok := h.ui.current.(*settingsScreen); !ok {
		t.Fatalf("current screen is %T, want Settings", h.ui.current)
	}
	h.layoutGolden()
	test.AssertRendersToMarkup(t, "settings.xml", h.ui.win.Canvas())
}

func TestReviewScreenGolden(t *testing.T) {
	h := newGoldenHarness(t)
	a := fixedAttempt(firstPrompt(h, prep.Leadership), h.now().Add(-time.Hour), "I met Priya weekly.", func(int) int { return 4 })
	a.ID = uuid.MustParse("00000000-0000-4000-8000-000000000021")
	a.Sections = []prep.Section{{Title: "Situation", Text: "Billing missed two quarters."}}
	r, _ := h.openReview(a)
	r.list.Select(0)
	h.settle()
	test.Type(r.reviewer, "Sam")
	h.layoutGolden()
	test.AssertRendersToMarkup(t, "review.xml", h.ui.win.Canvas())
	h.tap("Practice") // leaving review mode closes the review store
	h.ui.Drain()
}
