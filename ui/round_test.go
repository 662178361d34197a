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

func TestCuesFollowUpsAndReplies(t *testing.T) {
	h, p, r := startTimedRound(t) // phases 8/17/15/15/5; follow-ups at 20 (senior IC), 38, 50
	h.tap("Start")
	h.ui.focused = false // the candidate is in another window: cues also become notifications
	h.clock.advance(6 * time.Minute)
	r.refresh()
	if !r.timeCue.Visible() || !strings.Contains(r.timeCue.message.Text, "Two minutes left in “Clarify requirements and scale”") {
		t.Fatalf("no warning two minutes before the phase ends: %q", r.timeCue.message.Text)
	}
	h.clock.advance(2*time.Minute + time.Second)
	r.refresh()
	if !strings.Contains(r.timeCue.message.Text, "Time is up for “Clarify requirements and scale”") || r.phaseLeft.Importance != widget.DangerImportance {
		t.Fatalf("the phase's end is not shown: %q", r.timeCue.message.Text)
	}
	if len(r.draft.FollowUps) != 0 {
		t.Fatal("a follow-up arrived early")
	}
	h.clock.advance(12*time.Minute - time.Second) // minute 20: the senior IC interjects
	r.refresh()
	if len(r.draft.FollowUps) != 1 || !r.askCue.Visible() || r.askCue.title.Text != "Senior IC asks" ||
		!strings.Contains(r.askCue.message.Text, p.FollowUps[0].Question) {
		t.Fatalf("follow-up at minute 20: %d asked, cue %q", len(r.draft.FollowUps), r.askCue.message.Text)
	}
	if !h.hasCardSubtitle("Senior IC asks (minute 20)") {
		t.Fatal("the follow-up is not shown as the senior IC's interjection")
	}
	reply := h.replyField()
	test.Type(reply, "The retry carries the same network message ID, so we return the first decision.")
	h.clock.advance(time.Minute)
	h.finishRound()
	s := h.ui.current.(*scoreScreen)
	for i := range s.choices {
		pickScore(t, s.choices[i], 3)
	}
	h.tap("Save attempt")
	list, _ := h.store.Attempts()
	a, err := h.store.Attempt(list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.FollowUps) != 1 || a.FollowUps[0].AskedAt != 20*time.Minute || !a.FollowUps[0].Answered() ||
		a.FollowUps[0].AnsweredAt != 20*time.Minute || a.FollowUps[0].Asker != prep.AskerIC {
		t.Fatalf("the attempt does not record the follow-up and its reply: %+v", a.FollowUps)
	}
	if !h.hasCardTitle("Panel follow-ups") {
		t.Error("the attempt screen does not show the follow-ups")
	}
}

// A follow-up due with a phase's end is shown beside that end, not instead of it; once the round's
// time is up, the phase line stays as it is while its phase still has time.
func TestCueNotHiddenByFollowUpAndOwnOvertimeColours(t *testing.T) {
	h, p, r := startTimedRound(t) // phases 8/17/15/15/5; follow-ups at 20 (senior IC), 38, 50
	h.tap("Start")
	h.clock.advance(8 * time.Minute)
	r.refresh() // Clarify's end
	h.tap("Next phase")
	h.clock.advance(12 * time.Minute) // minute 20: the senior IC asks, 5 minutes before the phase ends
	r.refresh()
	h.clock.advance(5*time.Minute + time.Second) // minute 25: High-level design ends, and the EM asks
	r.refresh()
	if !r.askCue.Visible() || !strings.Contains(r.askCue.message.Text, p.FollowUps[0].Question) {
		t.Errorf("the follow-up is not shown: %q", r.askCue.message.Text)
	}
	if !r.timeCue.Visible() || !strings.Contains(r.timeCue.message.Text, "Time is up for “High-level design”") {
		t.Errorf("the phase's end is not shown beside the follow-up: %q", r.timeCue.message.Text)
	}
	if r.timeCue.kind != bannerUrgent || r.askCue.kind != bannerQuestion {
		t.Errorf("banner kinds: time %d, follow-up %d", r.timeCue.kind, r.askCue.kind)
	}

	// Stay in the phase until minute 58, then move on: the round has 2 minutes left, the next
	// phase 15.
	h.clock.advance(33 * time.Minute)
	r.refresh()
	h.tap("Next phase")
	h.clock.advance(3 * time.Minute) // the round is a minute over; the phase has 12 minutes left
	r.refresh()
	if r.roundLeft.Importance != widget.DangerImportance {
		t.Error("the round's line is not red once the round is over")
	}
	if r.phaseLeft.Importance == widget.DangerImportance {
		t.Errorf("the phase line is red: %q", r.phaseLeft.Text)
	}
	if !strings.Contains(r.timeCue.message.Text, "The round's time is up") {
		t.Errorf("the round's end is not shown: %q", r.timeCue.message.Text)
	}
}

// startTimedRound opens, in a fresh harness, the first systems design prompt with its phases and
// follow-ups replaced by fixed ones: for tests of the clock's cues, which must not change whenever the
// bundled prompts' timing is edited. Its round is not started.
func startTimedRound(t *testing.T) (*harness, prep.Prompt, *roundScreen) {
	t.Helper()
	phases := []prep.Phase{{Name: "Clarify requirements and scale", Minutes: 8}, {Name: "High-level design", Minutes: 17},
		{Name: "Deep dive on the riskiest part", Minutes: 15}, {Name: "Teams, delivery and risks", Minutes: 15}, {Name: "Wrap-up", Minutes: 5}}
	followUps := []prep.FollowUp{{Minute: 20, Asker: prep.AskerIC, Question: "Walk me through what each service does with the retry."},
		{Minute: 38, Asker: prep.AskerEM, Question: "What do you take off my team's plate?"},
		{Minute: 50, Asker: prep.AskerVP, Question: "Which two of the three do you ship on day one?"}}
	h := newUnopenedHarness(t)
	p := firstPrompt(h, prep.SystemsDesign)
	p.ID, p.Title, p.Phases, p.FollowUps, p.Minutes = "cue-timing", "A round with fixed timing", phases, followUps, 0
	for _, ph := range phases {
		p.Minutes += ph.Minutes
	}
	h.sets = append(h.sets, &prep.PracticeSet{ID: "cue-timing-set", Title: "Timing", Version: 1, Prompts: []prep.Prompt{p}})
	h.open()
	t.Cleanup(h.close)
	h.startPrompt(p.Title)
	return h, p, h.round()
}

// startRound opens the first prompt of the round type in a fresh harness, its round not started.
func startRound(t *testing.T, rt prep.RoundType) (*harness, prep.Prompt, *roundScreen) {
	t.Helper()
	h := newHarness(t)
	p := firstPrompt(h, rt)
	h.startPrompt(p.Title)
	return h, p, h.round()
}

// replyField is the reply field of the follow-up on screen, nil if none is.
func (h *harness) replyField() *textArea {
	reply, _ := h.find(func(o fyne.CanvasObject) bool {
		e, ok := o.(*textArea)
		return ok && e.PlaceHolder == "Your reply to the panel"
	}).(*textArea)
	return reply
}

// pastFirstFollowUp moves the clock a second past the prompt's first follow-up and lets the round see it.
func pastFirstFollowUp(h *harness, p prep.Prompt, r *roundScreen) {
	h.clock.advance(time.Duration(p.FollowUps[0].Minute)*time.Minute + time.Second)
	r.refresh()
}

func (h *harness) hasCardTitle(title string) bool {
	return h.find(func(o fyne.CanvasObject) bool {
		c, ok := o.(*widget.Card)
		return ok && c.Title == title
	}) != nil
}

func (h *harness) hasCardSubtitle(sub string) bool {
	return h.find(func(o fyne.CanvasObject) bool {
		c, ok := o.(*widget.Card)
		return ok && c.Subtitle == sub
	}) != nil
}

func TestSwitchingAnswerModesKeepsText(t *testing.T) {
	_, _, r := startRound(t, prep.Leadership)
	test.Type(r.answer.sections[0].entry, "Billing missed two quarters.")
	test.Type(r.answer.sections[2].entry, "Weekly one-to-ones with Priya.")
	test.Tap(r.answer.mode) // to free text
	want := "## Situation\n\nBilling missed two quarters.\n\n## Actions\n\nWeekly one-to-ones with Priya."
	if r.draft.Structured || r.answer.free.Text() != want {
		t.Fatalf("free text after switching: %q", r.answer.free.Text())
	}
	test.Type(r.answer.free.entry, "\n\n## Results\n\nShipped in Q3.")
	test.Tap(r.answer.mode) // back to sections
	if !r.draft.Structured || r.answer.sections[3].Text() != "Shipped in Q3." || r.answer.sections[0].Text() != "Billing missed two quarters." {
		t.Fatalf("sections after switching back: %+v", r.draft.Sections)
	}
}

func TestTeamTableArithmeticIsLive(t *testing.T) {
	h, _, r := startRound(t, prep.OrgDesign)
	tt := r.answer.teams
	if tt == nil {
		t.Fatal("an org-design round has no team table")
	}
	h.tap("Add team")
	h.tap("Add team")
	row := func(i int) []fyne.CanvasObject { return tt.rows.Objects[i].(*fyne.Container).Objects }
	test.Type(row(0)[0].(*entry), "Dispatch")
	test.Type(row(0)[2].(*entry), "Ana")
	eng := row(0)[3].(*entry)
	eng.SetText("")
	test.Type(eng, "12")
	test.Type(row(1)[2].(*entry), "Ana")
	if !strings.Contains(tt.stats.Text, "Ana: 18 reports across 2 teams, ⚠ 18 reports is above 9") {
		t.Fatalf("span not computed live:\n%s", tt.stats.Text)
	}
	if !strings.Contains(tt.stats.Text, "Communication paths inside teams: 99 in all") { // 13 and 7 people: 78 + 21
		t.Fatalf("paths not computed live:\n%s", tt.stats.Text)
	}
	test.Tap(row(1)[4].(*fyne.Container).Objects[0].(*widget.Button)) // remove the second team
	if len(r.draft.Teams) != 1 || !strings.Contains(tt.stats.Text, "Ana: 12 reports across 1 team,") {
		t.Fatalf("after removing a team: %+v\n%s", r.draft.Teams, tt.stats.Text)
	}
	if !strings.Contains(r.draft.FullAnswer(), "| Dispatch | stream-aligned | Ana | 12 |") {
		t.Errorf("the team table is not part of the answer:\n%s", r.draft.FullAnswer())
	}
}

func TestRoundKeyboardShortcutsAndOverlay(t *testing.T) {
	h, p, r := startRound(t, prep.Leadership)
	ctrl := fyne.KeyModifierShortcutDefault
	h.press(fyne.KeyP, ctrl)
	if r.clock.Status().State != prep.StateRunning {
		t.Fatal("Ctrl+P does not start the round")
	}
	// Start puts the cursor in the answer: from here on every key goes to a focused text field.
	if h.ui.win.Canvas().Focused() != r.answer.focusTarget() {
		t.Fatalf("the cursor is in %T after Start, want the answer", h.ui.win.Canvas().Focused())
	}
	h.typeAnswer("Billing missed two quarters.")
	h.press(fyne.KeyP, ctrl)
	if r.clock.Status().State != prep.StatePaused {
		t.Fatal("Ctrl+P in the answer does not pause the round")
	}
	h.press(fyne.KeyP, ctrl)
	if r.clock.Status().State != prep.StateRunning {
		t.Fatal("Ctrl+P in the answer does not resume the round")
	}
	h.press(fyne.KeyN, ctrl)
	if r.clock.Status().Phase != 1 {
		t.Fatal("Ctrl+N in the answer does not move to the next phase")
	}
	h.press(fyne.KeyI, ctrl)
	if len(p.Hints) > 0 && r.hintsShown != 1 {
		t.Fatal("Ctrl+I in the answer does not show a hint")
	}
	if got := r.draft.Sections[0].Text; got != "Billing missed two quarters." {
		t.Fatalf("the shortcuts changed the answer: %q", got)
	}
	// The Entry's own shortcuts still work there.
	h.press(fyne.KeyA, ctrl)
	if sel := r.answer.focusTarget().SelectedText(); sel != "Billing missed two quarters." {
		t.Fatalf("Ctrl+A in the answer selects %q", sel)
	}
	h.press(fyne.KeySlash, ctrl)
	text := h.overlayText()
	for _, want := range []string{"Ctrl+P", "Start, pause or resume the round", "Ctrl+N", "Ctrl+I", "Ctrl+Enter", "Finish and score",
		"Ctrl+/", "Show keyboard shortcuts", "Ctrl+R", "Go to History", "Go to Mock loop"} {
		if !strings.Contains(text, want) {
			t.Errorf("the shortcuts overlay does not list %q:\n%s", want, text)
		}
	}
	h.dismissDialogs()
	h.ui.win.Canvas().Focus(r.answer.focusTarget())
	h.press(fyne.KeyReturn, ctrl)
	h.confirmFinish()
	if _, ok := h.ui.current.(*scoreScreen); !ok {
		t.Fatalf("Ctrl+Enter in the answer leads to %T, want the score screen", h.ui.current)
	}
	h.press(fyne.KeyN, ctrl) // the round's shortcuts are gone with the round
	h.ui.win.Canvas().Focus(h.ui.current.(*scoreScreen).reflection)
	h.press(fyne.KeyR, ctrl)
	if _, ok := h.ui.current.(*historyScreen); !ok {
		t.Fatalf("Ctrl+R in the reflection leads to %T, want history", h.ui.current)
	}
}

// The shortcuts also work from a follow-up reply and from the team table's cells.
func TestRoundShortcutsFromRepliesAndTeamTable(t *testing.T) {
	h, p, r := startRound(t, prep.OrgDesign)
	ctrl := fyne.KeyModifierShortcutDefault
	h.press(fyne.KeyP, ctrl)
	h.tap("Add team")
	cell := r.answer.teams.rows.Objects[0].(*fyne.Container).Objects[0].(*entry)
	h.ui.win.Canvas().Focus(cell)
	test.Type(cell, "Dispatch")
	h.press(fyne.KeyP, ctrl)
	if r.clock.Status().State != prep.StatePaused {
		t.Fatal("Ctrl+P in a team table cell does not pause the round")
	}
	if r.draft.Teams[0].Name != "Dispatch" {
		t.Fatalf("team name %q", r.draft.Teams[0].Name)
	}
	h.press(fyne.KeyP, ctrl)
	pastFirstFollowUp(h, p, r)
	reply := h.replyField()
	if reply == nil {
		t.Fatal("no follow-up reply field")
	}
	h.ui.win.Canvas().Focus(reply)
	h.press(fyne.KeyP, ctrl)
	if r.clock.Status().State != prep.StatePaused {
		t.Fatal("Ctrl+P in a follow-up reply does not pause the round")
	}
	h.press(fyne.KeyN, ctrl)
	if r.clock.Status().Phase != 1 {
		t.Fatal("Ctrl+N in a follow-up reply does not move to the next phase")
	}
}

// Finishing with time left asks first; "Keep going", Escape and a second thought leave the round
// running. In overtime it finishes at once.
func TestFinishAsksWhileTimeIsLeft(t *testing.T) {
	h, p, r := startRound(t, prep.Leadership)
	ctrl := fyne.KeyModifierShortcutDefault
	h.press(fyne.KeyP, ctrl)
	h.clock.advance(time.Minute)
	h.tap("Finish and score")
	if !strings.Contains(h.overlayText(), "of the round's time is left") {
		t.Fatalf("Finish with time left does not ask: %q", h.overlayText())
	}
	h.tapDialogButton("Keep going")
	if h.ui.current != r || r.clock.Status().State != prep.StateRunning {
		t.Fatalf("Keep going: %T, %v", h.ui.current, r.clock.Status().State)
	}
	if h.ui.win.Canvas().Focused() != r.answer.focusTarget() {
		t.Error("Keep going does not put the cursor back in the answer")
	}
	h.press(fyne.KeyReturn, ctrl)
	if h.ui.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+Enter with time left does not ask")
	}
	h.press(fyne.KeyEscape, 0)
	if h.ui.win.Canvas().Overlays().Top() != nil || h.ui.current != r {
		t.Fatal("Escape does not keep the round going")
	}
	h.press(fyne.KeyReturn, ctrl)
	h.press(fyne.KeyReturn, ctrl) // Ctrl+Enter twice: finish
	if _, ok := h.ui.current.(*scoreScreen); !ok {
		t.Fatalf("Ctrl+Enter twice leads to %T, want the score screen", h.ui.current)
	}

	// In overtime there is nothing to lose: no question.
	h.tap("Practice")
	h.startPrompt(p.Title)
	h.tapDialogButton("Start again") // the round left unscored is unfinished
	h.press(fyne.KeyP, ctrl)
	h.clock.advance(time.Duration(p.Minutes)*time.Minute + time.Second)
	h.tap("Finish and score")
	if _, ok := h.ui.current.(*scoreScreen); !ok {
		t.Fatalf("Finish in overtime leads to %T, want the score screen", h.ui.current)
	}
}

// The score screen shows the answer being scored (sections, team table, replies) and goes back to
// the round, paused, with the answer, the scores so far and the clock as they were.
func TestScoreShowsTheAnswerAndGoesBack(t *testing.T) {
	h, p, r := startRound(t, prep.OrgDesign)
	h.tap("Start")
	h.typeAnswer("Two platform teams own the paved road.")
	h.tap("Add team")
	test.Type(r.answer.teams.rows.Objects[0].(*fyne.Container).Objects[0].(*entry), "Dispatch")
	pastFirstFollowUp(h, p, r)
	reply := h.replyField()
	test.Type(reply, "The hand-off together with the EMs.")
	used := r.clock.Status().Elapsed
	h.finishRound()
	s, ok := h.ui.current.(*scoreScreen)
	if !ok {
		t.Fatalf("after finishing: %T", h.ui.current)
	}
	for _, want := range []string{"Two platform teams own the paved road.", "Dispatch", p.FollowUps[0].Question, "The hand-off together with the EMs."} {
		if !h.hasText(want) {
			t.Errorf("the score screen does not show %q", want)
		}
	}
	pickScore(t, s.choices[0], 3)
	h.settle()
	h.tap("Back to the round")
	r = h.round()
	if st := r.clock.Status(); st.State != prep.StatePaused || st.Elapsed != used {
		t.Fatalf("back in the round: %v after %v, want paused after %v", st.State, st.Elapsed, used)
	}
	if r.answer.sections[0].Text() != "Two platform teams own the paved road." || r.draft.Teams[0].Name != "Dispatch" ||
		len(r.draft.Scores) != 1 {
		t.Fatalf("back in the round the draft is %+v", r.draft)
	}
	// The draft on disk is an unfinished round again: a restart resumes the round, not scoring.
	h.restart()
	d, err := h.store.Drafts()
	if err != nil || len(d) != 1 || d[0].Clock.Finished || len(d[0].Scores) != 1 {
		t.Fatalf("stored draft after going back: %+v, %v", d, err)
	}
}
