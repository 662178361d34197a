package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// scoreAndSave finishes the current round, scores every criterion v and saves the attempt.
func (h *harness) scoreAndSave(v int) {
	h.t.Helper()
	h.finishRound()
	s, ok := h.ui.current.(*scoreScreen)
	if !ok {
		h.t.Fatalf("after finishing: %T", h.ui.current)
	}
	for i := range s.choices {
		pickScore(h.t, s.choices[i], v)
	}
	h.tap("Save attempt")
}

func TestMockLoopRunsBackToBackAndSurvivesARestart(t *testing.T) {
	h := newHarness(t)
	h.tap("Mock loop")
	ls, ok := h.ui.current.(*loopScreen)
	if !ok || len(ls.slots) != len(prep.DefaultLoop) {
		t.Fatalf("loop screen %T with %d slots", h.ui.current, len(ls.slots))
	}
	// This test runs the three single-question rounds; the behavioural sitting is dropped here
	// (TestMockLoopBehaviouralSitting runs it).
	test.Tap(ls.remove[2])
	h.settle()
	for i, want := range []prep.RoundType{prep.SystemsDesign, prep.Leadership, prep.OrgDesign} {
		p, ok := h.ui.promptByID(ls.slots[i].SetID, ls.slots[i].PromptID)
		if !ok || p.Round != want {
			t.Fatalf("slot %d holds %+v, want a %s prompt", i, p, want)
		}
	}
	first := ls.slots[0].PromptID
	h.tap("Pick another")
	if ls.slots[0].PromptID == first {
		t.Error("Pick another offers the same prompt")
	}
	if !h.hasText(prep.BandRule) {
		t.Error("the band rule is not shown before the loop")
	}
	h.tap("Start the loop")

	// Round 1.
	r := h.round()
	if !strings.Contains(r.heading.Text, "Mock loop · round 1 of 3 · led by the Senior IC") {
		t.Errorf("round heading %q", r.heading.Text)
	}
	h.tap("Start")
	h.typeAnswer("Round one answer.")
	h.clock.advance(50 * time.Minute)
	h.scoreAndSave(3)
	brk, ok := h.ui.current.(*breakScreen)
	if !ok || !h.hasText("Round 2 of 3 is next: Leadership scenario, 45 min, led by the Engineering Manager") {
		t.Fatalf("after round 1: %T", h.ui.current)
	}
	// The break counts down (the app redraws every tick; the test redraws by hand).
	if !h.hasText("Next round in 10:00") {
		t.Errorf("the break starts at %q, want 10:00 to go", brk.countdown.Text)
	}
	h.clock.advance(4*time.Minute + 30*time.Second)
	brk.refresh()
	if !h.hasText("Next round in 5:30") {
		t.Errorf("4m30s into the break it shows %q, want 5:30 to go", brk.countdown.Text)
	}
	h.clock.advance(6 * time.Minute)
	brk.refresh()
	if !h.hasText("The break is over: start the next round when you are ready.") {
		t.Errorf("after the break it shows %q", brk.countdown.Text)
	}
	h.tap("Start the next round")
	r = h.round()
	if !strings.Contains(r.heading.Text, "round 2 of 3 · led by the Engineering Manager") {
		t.Errorf("round heading %q", r.heading.Text)
	}
	h.tap("Start")
	h.typeAnswer("Round two, interrupted.")
	h.clock.advance(10 * time.Minute)

	// The app quits mid-round; the loop continues where it was.
	h.restart()
	h.tap("Mock loop")
	if !h.hasText("A mock loop is under way: 1 of 3 rounds done.") {
		t.Fatal("the loop in progress is not offered after a restart")
	}
	h.tap("Continue the loop")
	r = h.round()
	if r.loop == nil || !strings.Contains(r.heading.Text, "round 2 of 3") {
		t.Fatalf("continuing did not reopen round 2 in the loop (heading %q)", r.heading.Text)
	}
	if got := r.draft.Sections[0].Text; got != "Round two, interrupted." {
		t.Errorf("round 2's draft was lost: %q", got)
	}
	h.scoreAndSave(2)
	h.tap("Start the next round")
	h.tap("Start")
	h.typeAnswer("Round three.")
	h.clock.advance(40 * time.Minute)
	h.scoreAndSave(1)

	if _, ok := h.ui.current.(*loopSummaryScreen); !ok {
		t.Fatalf("after the last round: %T, want the summary", h.ui.current)
	}
	// Averages 3, 2 and 1: overall 2.0 is Lean hire by the rule.
	if !h.hasText("Overall: Lean hire (average self-score 2.00 / 4)") {
		t.Error("the summary does not show the band")
	}
	for _, want := range []string{"self-score 3.00 / 4; time 50:00 of 60:00", "self-score 1.00 / 4; time 40:00 of 45:00"} {
		if !h.hasText(want) {
			t.Errorf("the summary does not show %q", want)
		}
	}
	if l, _ := h.store.ActiveLoop(); l != nil {
		t.Error("the finished loop is still active")
	}
	list, _ := h.store.Attempts()
	if len(list) != 3 {
		t.Fatalf("%d attempts stored, want 3", len(list))
	}
	for _, a := range list {
		if a.LoopID == [16]byte{} {
			t.Errorf("attempt %s is not marked as part of the loop", a.ID)
		}
	}
}

// A loop whose round lands on a prompt with an unfinished round of its own (started from Practice)
// sets that round aside in the discarded drafts, where it is kept a week, and says so: the loop's
// round used to start a fresh draft under the same prompt and overwrite it with its first save.
func TestLoopRoundKeepsAnUnfinishedRoundOfItsPrompt(t *testing.T) {
	h := newHarness(t)
	h.tap("Mock loop")
	ls := h.ui.current.(*loopScreen)
	x, ok := h.ui.promptByID(ls.slots[0].SetID, ls.slots[0].PromptID)
	if !ok {
		t.Fatal("the loop's first round has no prompt")
	}

	h.tap("Practice")
	h.startPrompt(x.Title)
	h.tap("Start")
	h.typeAnswer("My practice draft, not yet scored.")
	h.tap("Mock loop")
	ls = h.ui.current.(*loopScreen)
	if ls.slots[0].PromptID != x.ID {
		t.Fatalf("the loop now picks %q first, want %q again", ls.slots[0].PromptID, x.ID)
	}
	h.tap("Start the loop")
	r := h.round()
	if r.loop == nil || r.draft.Prompt.ID != x.ID {
		t.Fatalf("the loop did not open its round of %q", x.Title)
	}
	if got := r.answer.sections[0].Text(); got != "" {
		t.Fatalf("the loop's round opened with the practice draft's text %q", got)
	}
	if !h.hasText("Your unfinished round of “" + x.Title + "” was set aside") {
		t.Error("the round does not say the unfinished round was set aside")
	}
	h.tap("Start")
	h.typeAnswer("The loop's answer.")
	h.restart() // every save written out

	bin, err := h.store.DiscardedDrafts()
	if err != nil || len(bin) != 1 || bin[0].Draft.Prompt.ID != x.ID || bin[0].Draft.LoopID != uuid.Nil ||
		bin[0].Draft.Sections[0].Text != "My practice draft, not yet scored." {
		t.Fatalf("the practice draft is not recoverable: %+v, %v", bin, err)
	}
	drafts, err := h.store.Drafts()
	if err != nil || len(drafts) != 1 || drafts[0].LoopID == uuid.Nil || drafts[0].Sections[0].Text != "The loop's answer." {
		t.Fatalf("the loop's round is not its own draft: %+v, %v", drafts, err)
	}
}
