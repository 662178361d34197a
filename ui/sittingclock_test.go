package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// behaviouralSittingName is the shipped loop of one behavioural round (assets/loops).
const behaviouralSittingName = "Behavioural round on its own: three questions in 45 minutes"

// planBehaviouralSitting plans the shipped behavioural round on its own and starts it.
func (h *harness) planBehaviouralSitting() {
	h.t.Helper()
	h.tap("Mock loop")
	ls := h.ui.current.(*loopScreen)
	ls.shapePick.SetSelected(behaviouralSittingName)
	h.settle()
	if st := prep.Sittings(prep.Plans(ls.slots)); len(st) != 1 || st[0].Len() != 3 {
		h.t.Fatalf("the behavioural sitting plans %v", st)
	}
	if !h.hasText("3 questions back to back in 45 minutes, led by the Engineering Manager") || !h.hasText("1 round, 45 minutes; imported") {
		h.t.Errorf("the sitting's card does not give its 45 minutes")
	}
	h.tap("Start the loop")
}

// sittingLine is the round screen's sitting clock, and whether it is red.
func (h *harness) sittingLine() (string, bool) {
	h.t.Helper()
	r := h.round()
	r.refresh()
	return r.sitting.line.Text, r.sitting.line.Importance == widget.DangerImportance
}

// A behavioural round of three questions has one clock: each question's round screen shows what is
// left of the sitting's 45 minutes beside the question's own clock, carried from question to
// question with no break screen between them; a pause stops it; a kill and a restart bring it
// back from what was stored; once the 45 minutes are gone the clock turns red and a cue says to
// wrap up; the summary gives the sitting's time against its 45 minutes.
func TestBehaviouralSittingClock(t *testing.T) {
	h := newHarness(t)
	h.planBehaviouralSitting()

	r := h.round()
	q1 := r.draft.Prompt.Minutes
	if got, red := h.sittingLine(); got != "Behavioural round: question 1 of 3 · 45:00 left of 45:00" || red {
		t.Fatalf("question 1 before the start: %q (red %v)", got, red)
	}
	if want := "Question: " + formatDuration(time.Duration(q1)*time.Minute) + " left"; r.roundLeft.Text != want {
		t.Errorf("the question's own clock says %q, want %q", r.roundLeft.Text, want)
	}
	h.tap("Start")
	h.clock.advance(10 * time.Minute)
	if got, _ := h.sittingLine(); !strings.HasSuffix(got, "· 35:00 left of 45:00") {
		t.Fatalf("10 minutes into question 1: %q", got)
	}
	h.tap("Pause")
	h.clock.advance(30 * time.Minute) // a long pause: the sitting's clock stands still with the question's
	if got, _ := h.sittingLine(); !strings.HasSuffix(got, "· 35:00 left of 45:00") {
		t.Fatalf("after a 30-minute pause: %q, want 35:00 left still", got)
	}
	h.tap("Resume")
	h.clock.advance(2*time.Minute + 30*time.Second)
	h.typeAnswer("The migration I led.")
	h.tap("Finish and score") // the time it asks about is the question's, which its clock says
	if !strings.Contains(h.overlayText(), "of the question's time is left") {
		t.Errorf("finishing a question early asks %q", h.overlayText())
	}
	h.tapDialogButton("Keep going")
	h.scoreAndSave(3)

	// Question 2 follows at once, the sitting's clock carrying on from question 1's 12:30.
	r = h.round()
	if got, _ := h.sittingLine(); got != "Behavioural round: question 2 of 3 · 32:30 left of 45:00" {
		t.Fatalf("question 2 before the start: %q", got)
	}
	if r.sitting.compact.Text != "Sitting: 32:30 left" {
		t.Errorf("the workbench's clock line says %q", r.sitting.compact.Text)
	}
	h.tap("Start")
	h.clock.advance(4*time.Minute + 50*time.Second)
	h.typeAnswer("The reorg.")
	if got, _ := h.sittingLine(); !strings.HasSuffix(got, "· 27:40 left of 45:00") {
		t.Fatalf("4:50 into question 2: %q", got)
	}

	// kill -9: the store holds what the round wrote at its last periodic save, not a moment more.
	h.settle()
	for r.saver.Pending() {
		time.Sleep(time.Millisecond)
	}
	drafts, err := h.store.Drafts()
	if err != nil || len(drafts) != 1 {
		t.Fatalf("drafts at the kill: %d, %v", len(drafts), err)
	}
	atKill := drafts[0]
	h.clock.advance(3 * time.Second) // lost with the process
	h.restart()
	if err := h.store.SaveDraft(atKill); err != nil { // what the restart's orderly close wrote, undone
		t.Fatal(err)
	}
	h.tap("Mock loop")
	h.tap("Continue the loop")
	if got, _ := h.sittingLine(); got != "Behavioural round: question 2 of 3 · 27:40 left of 45:00" {
		t.Fatalf("question 2 after the kill: %q", got)
	}
	h.tap("Resume")
	h.clock.advance(12*time.Minute + 40*time.Second) // 17:30 on question 2 all told: 30:00 used, 15:00 left
	h.scoreAndSave(3)

	r = h.round()
	if got, _ := h.sittingLine(); got != "Behavioural round: question 3 of 3 · 15:00 left of 45:00" {
		t.Fatalf("question 3 before the start: %q", got)
	}
	h.tap("Start")
	h.clock.advance(10 * time.Minute)
	if _, _ = h.sittingLine(); !r.timeCue.Visible() || r.timeCue.title.Text != "The behavioural round ends soon" {
		t.Errorf("5 minutes before the end: cue %q shown %v", r.timeCue.title.Text, r.timeCue.Visible())
	}
	h.clock.advance(5*time.Minute + time.Second)
	got, red := h.sittingLine()
	if got != "Behavioural round: question 3 of 3 · 0:01 over its 45:00" || !red {
		t.Fatalf("past the 45 minutes: %q (red %v)", got, red)
	}
	if !r.timeCue.Visible() || r.timeCue.title.Text != "The behavioural round's time is up" || r.timeCue.kind != bannerUrgent ||
		!strings.Contains(r.timeCue.message.Text, "Wrap up now") {
		t.Fatalf("no wrap-up cue: %q / %q", r.timeCue.title.Text, r.timeCue.message.Text)
	}
	if r.sitting.compact.Text != "Sitting: 0:01 over" || r.sitting.compact.Importance != widget.DangerImportance ||
		r.compact.cue.Text != "The behavioural round's time is up" {
		t.Errorf("the workbench's clock line: %q, cue %q", r.sitting.compact.Text, r.compact.cue.Text)
	}
	// The question's own cues due later (the next phase's end) do not take the banner from it.
	h.tap("Next phase")
	h.clock.advance(8 * time.Minute) // longer than any phase of a behavioural prompt
	if h.sittingLine(); r.timeCue.title.Text != "The behavioural round's time is up" {
		t.Errorf("after the sitting's time is up the banner says %q", r.timeCue.title.Text)
	}
	h.typeAnswer("The hiring plan.")
	h.scoreAndSave(3)

	if _, ok := h.ui.current.(*loopSummaryScreen); !ok {
		t.Fatalf("after the sitting: %T, want the summary", h.ui.current)
	}
	if !h.hasText("Round 1, Behavioural: 3 questions in 53:01 of 45:00 (8:01 over)") {
		t.Error("the summary does not give the sitting's time against its 45 minutes")
	}

	// Each question's attempt says which it was, and the sitting's time, read from the loop.
	sums, err := h.store.Attempts()
	if err != nil || len(sums) != 3 {
		t.Fatalf("%d attempts, %v", len(sums), err)
	}
	loop, err := h.store.Loop(sums[0].LoopID)
	if err != nil {
		t.Fatal(err)
	}
	h.ui.showAttempt(loop.Slots[1].AttemptID)
	h.settle()
	if want := "Question 2 of 3 of a behavioural round in a mock loop. The round: 3 questions in 53:01 of 45:00 (8:01 over)."; !h.hasText(want) {
		t.Errorf("the attempt screen does not say %q", want)
	}
}

// An attempt whose loop is not in the store (brought in a mentor's bundle, which carries no loops)
// shows its own times, as one outside a loop.
func TestAttemptOfAnUnknownLoop(t *testing.T) {
	h := newHarness(t)
	a := h.seedAttempts(1)[0]
	a.ID, a.LoopID = uuid.New(), uuid.New()
	if err := h.store.SaveAttempt(a); err != nil {
		t.Fatal(err)
	}
	h.ui.showAttempt(a.ID)
	h.settle()
	if !h.hasCardTitle("Time per phase") || h.hasText("mock loop") || h.hasText("Could not read") {
		t.Error("an attempt of a loop not in the store does not show as one outside a loop")
	}
}

// A round of its own (systems design) and a round outside any loop show no sitting clock, and
// their clock is still the round's.
func TestNoSittingClockOutsideASitting(t *testing.T) {
	h := newHarness(t)
	h.startPrompt(h.sets[0].Prompts[0].Title)
	r := h.round()
	if r.sitting.line.Visible() || r.sitting.compact.Visible() || !strings.HasPrefix(r.roundLeft.Text, "Round: ") {
		t.Errorf("a practice round shows a sitting clock %q, its own clock %q", r.sitting.line.Text, r.roundLeft.Text)
	}
}

// Practice offers, beside a behavioural prompt and no other, the whole behavioural round: the
// planner opens on the shipped sitting of three questions.
func TestPracticeOffersABehaviouralSitting(t *testing.T) {
	h := newHarness(t)
	home := h.home()
	pick := func(round prep.RoundType) {
		t.Helper()
		for i, e := range home.shown {
			if e.prompt.Round == round {
				home.list.Select(i)
				h.settle()
				return
			}
		}
		t.Fatalf("no %s prompt in the library list", round)
	}
	pick(prep.SystemsDesign)
	if home.sitting.Visible() {
		t.Error("a systems design prompt offers a behavioural round")
	}
	pick(prep.Behavioural)
	if !home.sitting.Visible() {
		t.Fatal("a behavioural prompt does not offer the behavioural round")
	}
	h.tap("Behavioural round…")
	ls, ok := h.ui.current.(*loopScreen)
	if !ok || ls.shape == nil || ls.shape.ID != prep.BehaviouralSittingShapeID || len(ls.slots) != 3 || !h.hasText("Round 1: Behavioural") {
		t.Fatalf("the planner opened on %T %+v", h.ui.current, ls)
	}
	if ls.shapePick.Selected != behaviouralSittingName {
		t.Errorf("the shape list shows %q", ls.shapePick.Selected)
	}
}
