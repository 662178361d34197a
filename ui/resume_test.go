package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// The resume banner counts what an answer in sections holds (it said "0 characters"), right after
// leaving the round; Discard asks first, and a discarded draft can be restored.
func TestResumeBannerCountsTheDraftAndDiscardIsUndoable(t *testing.T) {
	h, p, r := startRound(t, prep.OrgDesign)
	h.tap("Start")
	h.typeAnswer("Two platform teams.") // 19 characters
	h.tap("Add team")
	pastFirstFollowUp(h, p, r)
	reply := h.replyField()
	test.Type(reply, "Yes, by March.") // 14 characters
	h.tap("Practice")                  // straight back: the round's saver may still be writing
	want := "33 characters in 1 section, 1 team in the table, 1 reply to the panel"
	if !h.hasText(want) {
		t.Fatalf("the banner does not say %q:\n%s", want, h.resumeText())
	}

	h.tap("Discard")
	if !strings.Contains(h.overlayText(), want) {
		t.Fatalf("Discard does not ask first, saying what would go: %q", h.overlayText())
	}
	h.tapDialogButton("Keep it")
	if d, _ := h.store.Drafts(); len(d) != 1 {
		t.Fatal("Keep it discarded the draft")
	}
	h.tap("Discard")
	h.tapDialogButton("Discard")
	if d, _ := h.store.Drafts(); len(d) != 0 || h.hasText("Unfinished round") {
		t.Fatal("the draft is still offered after Discard")
	}
	if !h.hasText("1 discarded draft from the last week") {
		t.Fatalf("the discarded draft is not offered to restore:\n%s", h.resumeText())
	}
	h.tap("Restore a discarded draft…")
	h.tapDialogButton("Restore")
	d, err := h.store.Drafts()
	if err != nil || len(d) != 1 || d[0].Sections[0].Text != "Two platform teams." || len(d[0].Teams) != 1 {
		t.Fatalf("restored drafts: %+v, %v", d, err)
	}
	if !h.hasText(want) || h.hasText("discarded draft") {
		t.Fatalf("after restoring:\n%s", h.resumeText())
	}
}

// resumeText is the text of the Practice screen's resume area.
func (h *harness) resumeText() string {
	var b strings.Builder
	walkObjects(h.ui.current.(*homeScreen).resume, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
		return true
	})
	return b.String()
}

// A resumed round, even one that was running when the app went away, comes back paused, with the
// hints it had revealed.
func TestResumedRoundIsPausedWithItsHints(t *testing.T) {
	h := newHarness(t)
	p := firstPrompt(h, prep.SystemsDesign)
	if len(p.Hints) < 2 {
		t.Skip("the prompt needs two hints")
	}
	h.startPrompt(p.Title)
	r := h.round()
	h.tap("Start")
	h.tap("Show a hint")
	h.tap("Show a hint")
	h.clock.advance(4 * time.Minute)
	r.refresh()
	h.restart() // the draft was saved with the clock running
	if d, _ := h.store.Drafts(); len(d) != 1 || !d[0].Clock.Running {
		t.Fatalf("the stored draft should be a running round: %+v", d)
	}
	h.tap("Resume")
	r = h.round()
	if st := r.clock.Status(); st.State != prep.StatePaused || st.Elapsed != 4*time.Minute {
		t.Fatalf("resumed round: %v after %v, want paused after 4m", st.State, st.Elapsed)
	}
	h.clock.advance(time.Minute)
	if r.clock.Status().Elapsed != 4*time.Minute {
		t.Fatal("the resumed round's clock runs before the candidate resumes it")
	}
	if r.hintsShown != 2 || !strings.Contains(r.hints.Text, "Hint 2: "+p.Hints[1]) {
		t.Fatalf("hints after resuming: %d, %q", r.hintsShown, r.hints.Text)
	}
}

// Starting a round while one is unfinished asks first; starting the same prompt again discards the
// unfinished round into the week-long bin rather than overwriting it.
func TestStartingWithARoundUnfinishedWarns(t *testing.T) {
	h := newHarness(t)
	a := firstPrompt(h, prep.Leadership)
	b := firstPrompt(h, prep.SystemsDesign)
	h.startPrompt(a.Title)
	h.typeAnswer("Billing missed two quarters.")
	h.tap("Practice")

	h.startPrompt(b.Title)
	if !strings.Contains(h.overlayText(), "You have an unfinished round") {
		t.Fatalf("starting another prompt does not warn: %T %q", h.ui.current, h.overlayText())
	}
	h.tapDialogButton("Cancel")
	if _, ok := h.ui.current.(*homeScreen); !ok {
		t.Fatalf("Cancel leads to %T", h.ui.current)
	}
	h.startPrompt(b.Title)
	h.tapDialogButton("Start new round")
	if r := h.round(); r.draft.Prompt.ID != b.ID {
		t.Fatalf("started %q", r.draft.Prompt.Title)
	}
	h.tap("Practice")

	h.startPrompt(a.Title)
	if !strings.Contains(h.overlayText(), "You have an unfinished round of") {
		t.Fatalf("starting the same prompt again does not warn: %q", h.overlayText())
	}
	h.tapDialogButton("Start again")
	if r := h.round(); r.draft.Prompt.ID != a.ID || r.answer.sections[0].Text() != "" {
		t.Fatal("Start again does not start a fresh round of the prompt")
	}
	bin, err := h.store.DiscardedDrafts()
	if err != nil || len(bin) != 1 || bin[0].Draft.Sections[0].Text != "Billing missed two quarters." {
		t.Fatalf("the replaced round is not kept: %+v, %v", bin, err)
	}
}

// A round killed while its clock runs (nothing left the screen, nothing was closed) keeps on disk
// every word typed and the time up to its last save, which the running clock makes at least every
// clockSaveEvery: resumed, it shows exactly that time. The 4 minutes reported lost in the real
// window were the clock running on (60 times fast) between the last look at the screen and the
// kill: measured there, the resumed round showed the time of the last frame drawn before the kill.
func TestRoundKilledWhileRunningKeepsTimeToItsLastSave(t *testing.T) {
	h := newBadgerHarness(t)
	p := firstPrompt(h, prep.SystemsDesign)
	h.startPrompt(p.Title)
	r := h.round()
	h.tap("Start")
	h.typeAnswer("Typed before the kill.")
	h.clock.advance(4 * time.Minute)
	r.refresh() // a tick of the running clock: saves the clock
	h.clock.advance(clockSaveEvery / 2)
	r.refresh() // a tick too soon to save again
	if err := r.saver.Flush(); err != nil {
		t.Fatal(err)
	}
	drafts, err := h.store.Drafts() // what a kill leaves on disk
	if err != nil || len(drafts) != 1 {
		t.Fatalf("drafts on disk: %d, %v", len(drafts), err)
	}
	d := drafts[0]
	elapsed := time.Duration(0)
	for _, e := range d.Clock.Elapsed {
		elapsed += e
	}
	if elapsed != 4*time.Minute || !d.Clock.Running {
		t.Errorf("on disk: %v elapsed, running %v; want the 4m of the last save, running", elapsed, d.Clock.Running)
	}
	if !strings.Contains(d.FullAnswer(), "Typed before the kill.") {
		t.Errorf("on disk the answer is %q", d.FullAnswer())
	}
	h.clock.advance(clockSaveEvery)
	r.refresh() // and the next tick saves again
	if err := r.saver.Flush(); err != nil {
		t.Fatal(err)
	}
	if drafts, _ = h.store.Drafts(); len(drafts) != 1 || drafts[0].Clock.Elapsed[0] != 4*time.Minute+clockSaveEvery*3/2 {
		t.Errorf("after the next tick the disk holds %v, want %v", drafts[0].Clock.Elapsed, 4*time.Minute+clockSaveEvery*3/2)
	}
}
