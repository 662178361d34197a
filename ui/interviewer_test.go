package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
)

// leadershipWithFollowUps is the first bundled leadership prompt with two follow-ups or more.
func leadershipWithFollowUps(h *harness) prep.Prompt {
	h.t.Helper()
	for _, s := range h.sets {
		for _, p := range s.Prompts {
			if p.Round == prep.Leadership && len(p.FollowUps) >= 2 {
				return p
			}
		}
	}
	h.t.Fatal("no leadership prompt with two follow-ups")
	return prep.Prompt{}
}

// interviewer opens interviewer mode from History and starts prompt p.
func (h *harness) interviewer(p prep.Prompt) *interviewerScreen {
	h.t.Helper()
	h.tap("History")
	h.tap("Interview a candidate…")
	pick, ok := h.ui.current.(*interviewPickScreen)
	if !ok {
		h.t.Fatalf("current screen is %T, want interviewer mode's chooser", h.ui.current)
	}
	pick.name.SetText("Priya Raman")
	for i, pp := range pick.prompts {
		if pp.p.ID == p.ID {
			pick.list.Select(i)
			h.settle()
			s, ok := h.ui.current.(*interviewerScreen)
			if !ok {
				h.t.Fatalf("current screen is %T, want the interviewer's round", h.ui.current)
			}
			return s
		}
	}
	h.t.Fatalf("no prompt %q in the chooser", p.Title)
	return nil
}

// runLiveRound runs p as an interviewer on the fake clock: the first follow-up asked at its
// minute, the second skipped, a question of their own, two notes, every criterion scored 3 but
// the first (2), then the round run past its end and ended.
func (h *harness) runLiveRound(p prep.Prompt) *interviewerScreen {
	h.t.Helper()
	s := h.interviewer(p)
	h.tap("Start")
	if s.candidate == nil {
		h.t.Fatal("starting the clock opened no candidate window")
	}
	h.clock.advance(90 * time.Second)
	test.Type(s.note, "Opens with the impact")
	h.clock.advance(30 * time.Second)
	h.press(fyne.KeyReturn, fyne.KeyModifierShortcutDefault) // Ctrl+Enter in the note field adds it
	first := time.Duration(p.FollowUps[0].Minute) * time.Minute
	h.clock.advance(first - 2*time.Minute)
	s.refresh()
	if got := s.followUps[0].state.Text; got != "Due now: ask it" {
		h.t.Errorf("at the first follow-up's minute its row says %q", got)
	}
	h.press(fyne.KeyK, fyne.KeyModifierShortcutDefault) // asked, from the note field
	test.Tap(s.followUps[1].skip)
	test.Type(s.ownText, "What would you tell the team?")
	s.ownText.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter records one's own question
	h.settle()
	test.Type(s.note, "No date for the plan")
	s.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter adds it too
	for i, g := range s.choices {
		pickChoice(h.t, g, map[bool]int{true: 2, false: 3}[i == 0])
	}
	h.clock.advance(time.Duration(p.Minutes) * time.Minute)
	s.refresh()
	h.tap("End the round")
	if !s.iv.Finished() {
		h.t.Fatal("the round did not end")
	}
	h.settle()
	return s
}

func TestInterviewerRunsALiveRoundAndAttachesIt(t *testing.T) {
	h := newHarness(t)
	p := leadershipWithFollowUps(h)
	own := fixedAttempt(p, h.now().Add(-time.Hour), "The candidate's own answer", func(int) int { return 3 })
	if err := h.store.SaveAttempt(own); err != nil {
		t.Fatal(err)
	}
	s := h.runLiveRound(p)
	iv := s.iv
	wantNotes := []prep.TimedNote{{At: 90 * time.Second, Text: "Opens with the impact"}}
	if len(iv.Notes) != 2 || iv.Notes[0] != wantNotes[0] || iv.Notes[1].Text != "No date for the plan" {
		t.Fatalf("notes %+v: want the first stamped 1:30, when it was begun", iv.Notes)
	}
	m0, ok0 := iv.MarkOf(0)
	if !ok0 || m0.Mark != prep.MarkAsked || m0.At != time.Duration(p.FollowUps[0].Minute)*time.Minute {
		t.Errorf("follow-up 1: %+v, want asked at its minute", m0)
	}
	if m1, ok := iv.MarkOf(1); !ok || m1.Mark != prep.MarkSkipped {
		t.Errorf("follow-up 2: %+v, want skipped", m1)
	}
	if len(iv.FollowUps) != 3 || iv.FollowUps[2].Mark != prep.MarkOwn {
		t.Errorf("marks %+v, want the interviewer's own question last", iv.FollowUps)
	}
	h.tap("Attach to the candidate's attempt here…")
	s.refresh() // a tick after it: the message stays (it was overwritten by the saving state)
	if !strings.HasPrefix(s.message.Text, "Attached to the candidate's attempt of") {
		t.Errorf("after attaching, the screen says %q", s.message.Text)
	}
	rs, err := h.store.Reviews(own.ID)
	if err != nil || len(rs) != 1 {
		t.Fatalf("reviews of the candidate's attempt: %v, %v", rs, err)
	}
	r := rs[0]
	if r.Reviewer != "Priya Raman" || len(r.Notes) != 2 || len(r.FollowUps) != 3 || len(r.Scores) != len(p.Rubric) ||
		!strings.Contains(r.Comment, "- 1:30: Opens with the impact") {
		t.Errorf("the attached review: %+v", r)
	}
	// The candidate's calibration counts it like any mentor review.
	all, _ := h.store.AllReviews()
	history, _ := h.store.Attempts()
	if groups, points := prep.Calibration(history, all, h.model); len(groups) == 0 || len(points) == 0 {
		t.Errorf("calibration does not use the live review: %+v %+v", groups, points)
	}
	// Nothing of the session is in the interviewer's own practice.
	if ds, _ := h.store.Drafts(); len(ds) != 0 {
		t.Errorf("the live round left %d drafts", len(ds))
	}
	if as, _ := h.store.Attempts(); len(as) != 1 {
		t.Errorf("%d attempts after the live round, want the candidate's one", len(as))
	}
	// Attaching again replaces the review rather than adding one.
	h.tap("Attach to the candidate's attempt here…")
	if rs, _ := h.store.Reviews(own.ID); len(rs) != 1 {
		t.Errorf("attaching twice made %d reviews", len(rs))
	}
}

// TestCandidateWindowShowsNothingAhead collects every text of the candidate's window during a
// live round and checks that none of the rubric, its anchors, the hints, the outline or the
// follow-ups is among them.
func TestCandidateWindowShowsNothingAhead(t *testing.T) {
	h := newHarness(t)
	p := leadershipWithFollowUps(h)
	s := h.interviewer(p)
	h.tap("Start")
	h.clock.advance(time.Duration(p.FollowUps[0].Minute) * time.Minute)
	s.refresh()
	texts := canvasTexts(s.candidate.win.Content())
	if !strings.Contains(texts, p.Title) || !strings.Contains(texts, "Round: ") {
		t.Fatalf("the candidate window lacks the title or the clock:\n%s", texts)
	}
	var secret []string
	for _, c := range p.Rubric {
		secret = append(secret, c.Name, c.Anchor1, c.Anchor2, c.Anchor3, c.Anchor4)
	}
	for _, f := range p.FollowUps {
		secret = append(secret, f.Question)
	}
	secret = append(append(secret, p.Hints...), p.Outline...)
	for _, x := range secret {
		if x != "" && strings.Contains(texts, x) {
			t.Errorf("the candidate window shows %q", x)
		}
	}
	// The interviewer's own window has them.
	if !h.hasText(p.FollowUps[0].Question) || !h.hasText(p.Rubric[0].Anchor4) {
		t.Error("the interviewer's screen lacks the follow-ups or the anchors")
	}
	h.tap("Practice") // leaving closes the candidate's window
	if s.candidate != nil {
		t.Error("the candidate window is still open after leaving interviewer mode")
	}
}

func canvasTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	walkObjects(o, func(o fyne.CanvasObject) bool {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *widget.RichText:
			b.WriteString(v.String() + "\n")
		case *widget.Card:
			b.WriteString(v.Title + "\n" + v.Subtitle + "\n")
		case *widget.Button:
			b.WriteString(v.Text + "\n")
		}
		return true
	})
	return b.String()
}

// TestCandidateWindowGolden pins the candidate window's markup in the middle of a round.
func TestCandidateWindowGolden(t *testing.T) {
	h := newHarness(t)
	p := leadershipWithFollowUps(h)
	c := newCandidateWindow(h.app.NewWindow, p, func() {})
	defer c.close()
	c.win.Resize(fyne.NewSize(720, 560))
	c.update(prep.Status{State: prep.StateRunning, Phase: 1, PhaseName: p.Phases[1].Name, PhaseLeft: 3 * time.Minute,
		RoundLeft: 20*time.Minute + 5*time.Second, Elapsed: 25 * time.Minute}, len(p.Phases))
	c.win.Resize(fyne.NewSize(719, 560)) // lays the clock out again, as a frame of the real window does
	c.win.Resize(fyne.NewSize(720, 560))
	test.AssertRendersToMarkup(t, "candidate.xml", c.win.Canvas())
}

// TestLiveRoundSurvivesARestart: notes, marks, scores and the half-typed note are on disk as they
// are taken; after a restart the session is offered to resume, paused, with all of them.
func TestLiveRoundSurvivesARestart(t *testing.T) {
	h := newBadgerHarness(t)
	p := leadershipWithFollowUps(h)
	s := h.interviewer(p)
	h.tap("Start")
	h.clock.advance(3 * time.Minute)
	test.Type(s.note, "Named the owner")
	h.press(fyne.KeyReturn, fyne.KeyModifierShortcutDefault)
	h.clock.advance(time.Minute)
	test.Type(s.note, "half a thought")
	pickChoice(t, s.choices[0], 4)
	h.clock.advance(time.Duration(p.FollowUps[0].Minute) * time.Minute)
	s.onMark(0, prep.MarkAsked)
	id := s.iv.ID
	h.restart()
	h.tap("History")
	h.tap("Interview a candidate…")
	h.tap("Resume")
	s, ok := h.ui.current.(*interviewerScreen)
	if !ok || s.iv.ID != id {
		t.Fatalf("resumed %T, want the session %s", h.ui.current, id)
	}
	if st := s.clock.Status().State; st != prep.StatePaused {
		t.Errorf("a resumed session's clock is %s, want paused", st)
	}
	if len(s.iv.Notes) != 1 || s.iv.Notes[0] != (prep.TimedNote{At: 3 * time.Minute, Text: "Named the owner"}) {
		t.Errorf("notes after a restart: %+v", s.iv.Notes)
	}
	if s.note.Text != "half a thought" || s.iv.NoteDraftAt != 4*time.Minute {
		t.Errorf("the note being typed came back as %q stamped %s", s.note.Text, s.iv.NoteDraftAt)
	}
	if s.choices[0].Selected != "4" {
		t.Errorf("the first criterion's score came back as %q", s.choices[0].Selected)
	}
	if m, ok := s.iv.MarkOf(0); !ok || m.Mark != prep.MarkAsked {
		t.Errorf("follow-up 1 after a restart: %+v", m)
	}
	if !strings.HasPrefix(s.followUps[0].state.Text, "Asked at") {
		t.Errorf("follow-up 1's row says %q", s.followUps[0].state.Text)
	}
}

// TestLiveFeedbackReachesTheCandidate: on a real Badger and real files, the interviewer reads the
// candidate's attempts bundle, writes feedback, and the candidate's own store imports it: their
// attempt gains the review with its notes and follow-up marks.
func TestLiveFeedbackReachesTheCandidate(t *testing.T) {
	h := newBadgerHarness(t)
	p := leadershipWithFollowUps(h)
	// The candidate's own data, on their machine.
	candDir := t.TempDir()
	cand, err := data.Open(candDir)
	if err != nil {
		t.Fatal(err)
	}
	defer cand.Close()
	own := fixedAttempt(p, h.now().Add(-time.Hour), "My answer", func(int) int { return 3 })
	if err := cand.SaveAttempt(own); err != nil {
		t.Fatal(err)
	}
	sent, err := cand.ExportBundle(data.ExportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sentPath, backPath := filepath.Join(dir, "attempts.json"), filepath.Join(dir, "feedback.json")
	writeBundleFile(t, sentPath, sent)

	s := h.runLiveRound(p)
	s.mentor = Mentor{
		ReadBundle: func(path string) (*prep.Bundle, error) {
			f, err := os.Open(path)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			return prep.DecodeBundle(f, 0)
		},
		WriteBundle: func(path string, b prep.Bundle) (int64, error) { return writeBundleFile(t, path, b), nil },
	}
	s.openFile = func(_ string, then func(string)) { then(sentPath) }
	s.saveFile = func(_ string, then func(string)) { then(backPath) }
	s.onExport()
	h.settle()

	f, err := os.Open(backPath)
	if err != nil {
		t.Fatalf("no feedback written: %v", err)
	}
	back, err := prep.DecodeBundle(f, 0)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	res, err := cand.ImportFeedback(back)
	if err != nil || res.ReviewsAdded != 1 {
		t.Fatalf("the candidate's import: %+v, %v", res, err)
	}
	rs, err := cand.Reviews(own.ID)
	if err != nil || len(rs) != 1 || len(rs[0].Notes) != 2 || len(rs[0].FollowUps) != 3 || rs[0].Reviewer != "Priya Raman" {
		t.Fatalf("the candidate's attempt's reviews: %+v, %v", rs, err)
	}
	if s.iv.ReviewID != rs[0].ID {
		t.Error("the session does not remember the review it became")
	}
	if _, err := h.store.Attempt(own.ID); err == nil {
		t.Error("the candidate's attempt was written into the interviewer's own data")
	}
}

func writeBundleFile(t *testing.T, path string, b prep.Bundle) int64 {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := prep.EncodeBundle(f, b); err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	return st.Size()
}

// TestInterviewerLoopBandsFromTheInterviewersScores runs a whole loop as the interviewer, every
// round scored 3 but one criterion of the first round 1, and checks the summary's band and rule.
func TestInterviewerLoopBandsFromTheInterviewersScores(t *testing.T) {
	h := newHarness(t)
	h.tap("History")
	h.tap("Interview a candidate…")
	h.tap("Run a whole mock loop…")
	if _, ok := h.ui.current.(*interviewerScreen); !ok && len(h.ui.lib.LoopShapes()) > 1 {
		test.Tap(h.dialogButton("Run this loop")) // the first offered is the usual Director loop
		h.settle()
	}
	var rounds []prep.Interview
	for k := 0; ; k++ {
		s, ok := h.ui.current.(*interviewerScreen)
		if !ok {
			break
		}
		if s.iv.LoopRound != k || s.iv.LoopRounds != len(prep.DefaultLoop) {
			t.Fatalf("round %d of %d shown as round %d", s.iv.LoopRound, s.iv.LoopRounds, k)
		}
		for i, g := range s.choices {
			v := 3
			if k == 0 && i == 0 {
				v = 1
			}
			pickChoice(t, g, v)
		}
		h.tap("Start")
		h.clock.advance(time.Duration(s.iv.Prompt.Minutes+1) * time.Minute)
		s.refresh()
		h.tap("End the round")
		rounds = append(rounds, s.iv)
		if k+1 < len(prep.DefaultLoop) {
			h.tap("Next round")
		} else {
			h.tap("The loop's summary")
		}
	}
	if len(rounds) != len(prep.DefaultLoop) {
		t.Fatalf("ran %d rounds, want %d", len(rounds), len(prep.DefaultLoop))
	}
	want := prep.SummariseInterviewLoop(rounds, h.model)
	if !h.hasText(string(want.Band)+" · average") || !h.hasText("from the interviewer's scores") {
		t.Errorf("the summary does not show band %s with its rule", want.Band)
	}
	seen := map[uuid.UUID]bool{}
	for _, iv := range rounds {
		if seen[iv.LoopID] = true; len(seen) != 1 {
			t.Fatal("the rounds belong to different loops")
		}
	}
}

// TestInterviewerChoosesTheLoopShape: with loop files in the library, the interviewer chooses the
// loop to run, and its rounds are planned from that file.
func TestInterviewerChoosesTheLoopShape(t *testing.T) {
	h := newHarness(t)
	short := &prep.LoopShape{ID: "acme", Name: "Acme onsite", Bands: prep.DefaultBands,
		Rounds: []prep.LoopRound{{Round: prep.Leadership, Minutes: 45, Lead: prep.AskerEM}, {Round: prep.OrgDesign, Minutes: 45, Lead: prep.AskerVP}}}
	h.ui.lib.Loops = []*prep.LoopShape{{ID: prep.DefaultLoopShapeID, Name: "The usual Director loop", Rounds: prep.DefaultLoop, Bands: prep.DefaultBands}, short}
	h.tap("History")
	h.tap("Interview a candidate…")
	h.tap("Run a whole mock loop…")
	pick, ok := findUnder(h.ui.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) bool { _, ok := o.(*widget.RadioGroup); return ok }).(*widget.RadioGroup)
	if !ok {
		t.Fatal("no choice of loops")
	}
	pick.SetSelected(pick.Options[1])
	test.Tap(h.dialogButton("Run this loop"))
	h.settle()
	s, ok := h.ui.current.(*interviewerScreen)
	if !ok || s.iv.LoopShape != "Acme onsite" || s.iv.LoopRounds != 2 || s.iv.Prompt.Round != prep.Leadership {
		t.Fatalf("opened %T on %+v", h.ui.current, s)
	}
}

// TestInterviewerCanAttachThroughAWrappedStore: in the app old attempts are mapped to
// competencies behind the window (mapping.go), and the window's store was once wrapped meanwhile;
// the Attach button must still be offered. It was not: the button hung on a type assertion the
// wrapper failed.
func TestInterviewerCanAttachThroughAWrappedStore(t *testing.T) {
	h := newMappingHarness(t, func(func(done, total int), <-chan struct{}) error { return nil })
	h.settle()
	if h.ui.interviewDeps().saveReview == nil {
		t.Fatal("interviewer mode offers no Attach over the wrapped store")
	}
	p := leadershipWithFollowUps(h)
	s := h.interviewer(p)
	h.tap("Start")
	h.clock.advance(time.Duration(p.FollowUps[0].Minute) * time.Minute)
	s.refresh()
	h.tap("End the round")
	test.Tap(h.dialogButton("End the round"))
	h.settle()
	h.button("Attach to the candidate's attempt here…")
	s.refresh()
	if strings.Contains(s.followUps[0].state.Text, "Due now") {
		t.Errorf("after the round, follow-up 1 still says %q", s.followUps[0].state.Text)
	}
}

// TestInterviewerLoopWithoutScoresHasNoBand: a loop ended without a score gives no band, rather
// than "No hire" from an average of nothing (seen in the real window).
func TestInterviewerLoopWithoutScoresHasNoBand(t *testing.T) {
	h := newHarness(t)
	p := leadershipWithFollowUps(h)
	set := h.sets[0]
	rounds := prep.NewInterviewLoop(&prep.LoopShape{Name: "Two", Rounds: prep.DefaultLoop[:2], Bands: prep.DefaultBands},
		[]*prep.PracticeSet{set, set}, []prep.Prompt{p, p}, "M", h.now())
	h.ui.show(newInterviewLoopSummary(h.ui.interviewDeps(), rounds))
	if h.hasText("No hire · average") || !h.hasText("No band: you gave no scores") {
		t.Error("a loop with no score is banded")
	}
}

// pickChoice taps option score of a criterion's score choice, where the pointer would.
func pickChoice(t testing.TB, g *scoreChoice, score int) {
	t.Helper()
	w := g.Size().Width
	if w <= 0 {
		t.Fatal("the score choice has no width: it was never laid out")
	}
	test.TapAt(g, fyne.NewPos((float32(score)-0.5)*w/4, g.Size().Height/2))
	if g.Selected != strings.TrimSpace(string(rune('0'+score))) {
		t.Fatalf("tapping option %d chose %q", score, g.Selected)
	}
}

// typeKeys types text as the real window's keyboard does: for each character the key event, then
// the character, to the widget that has the focus (a Button presses on the Space key, a radio
// option on the ' ' character).
func (h *harness) typeKeys(text string) {
	h.t.Helper()
	for _, r := range text {
		f := h.ui.win.Canvas().Focused()
		if f == nil {
			h.t.Fatalf("typed %q with nothing focused", r)
		}
		name := fyne.KeyName(strings.ToUpper(string(r)))
		if r == ' ' {
			name = fyne.KeySpace
		}
		f.TypedKey(&fyne.KeyEvent{Name: name})
		f.TypedRune(r)
	}
	h.settle()
}

// TestInterviewerScoresAndMarksFromTheKeyboard scores two criteria and marks two follow-ups with
// keys alone, from the note field where the cursor is during a round.
func TestInterviewerScoresAndMarksFromTheKeyboard(t *testing.T) {
	h := newHarness(t)
	p := leadershipWithFollowUps(h)
	if len(p.Rubric) < 2 {
		t.Fatalf("prompt %q has %d criteria, want two or more", p.Title, len(p.Rubric))
	}
	s := h.interviewer(p)
	// A laptop's window at a large text size: the rubric goes below the fold, and the keys must
	// bring what they focus into view.
	h.ui.win.Resize(fyne.NewSize(900, 560))
	h.tap("Start")
	c := h.ui.win.Canvas()
	if c.Focused() != fyne.Focusable(s.note) {
		t.Fatalf("after Start the keyboard is on %T, want the note field", c.Focused())
	}
	h.press(fyne.KeyS, fyne.KeyModifierShortcutDefault) // Ctrl+S: to the rubric
	if f, ok := c.Focused().(fyne.CanvasObject); !ok || f != fyne.CanvasObject(s.choices[0]) {
		t.Fatalf("Ctrl+S put the keyboard on %T, want the first criterion's score", c.Focused())
	}
	h.typeKeys("2")
	c.FocusNext() // Tab: one stop per criterion
	if f, ok := c.Focused().(fyne.CanvasObject); !ok || f != fyne.CanvasObject(s.choices[1]) {
		t.Fatalf("Tab from the first criterion went to %T, want the second criterion's score", c.Focused())
	}
	h.typeKeys("4")
	h.press(fyne.KeyLeft, 0) // 4 → 3
	if v, ok := prep.ScoreOf(s.iv.Scores, p.Rubric[0].Name); !ok || v != 2 {
		t.Errorf("%s scored %d (%v) from the keyboard, want 2", p.Rubric[0].Name, v, ok)
	}
	if v, ok := prep.ScoreOf(s.iv.Scores, p.Rubric[1].Name); !ok || v != 3 {
		t.Errorf("%s scored %d (%v) from the keyboard, want 3 (4, then Left)", p.Rubric[1].Name, v, ok)
	}
	h.press(fyne.KeyS, fyne.KeyModifierShortcutDefault) // the next criterion not scored yet
	if len(p.Rubric) > 2 && c.Focused() != fyne.Focusable(s.choices[2]) {
		t.Errorf("Ctrl+S again put the keyboard on %T, want the third criterion, the first not scored", c.Focused())
	}
	if len(p.Rubric) > 2 && !inScrollView(s.rightScroll, s.choices[2]) {
		t.Errorf("the third criterion's score has the keyboard but is out of view (scrolled to %v of %v)", s.rightScroll.Offset, s.rightScroll.Content.Size())
	}

	h.clock.advance(time.Duration(p.FollowUps[0].Minute) * time.Minute)
	s.refresh()
	h.press(fyne.KeyU, fyne.KeyModifierShortcutDefault) // Ctrl+U: to the follow-ups
	h.typeKeys(" ")                                     // Space presses Asked
	h.press(fyne.KeyU, fyne.KeyModifierShortcutDefault) // the next one not marked
	c.FocusNext()                                       // Tab: from its Asked to its Skip
	h.typeKeys(" ")
	if m, ok := s.iv.MarkOf(0); !ok || m.Mark != prep.MarkAsked {
		t.Errorf("follow-up 1 after Ctrl+U, Space: %+v (%v), want asked", m, ok)
	}
	if m, ok := s.iv.MarkOf(1); !ok || m.Mark != prep.MarkSkipped {
		t.Errorf("follow-up 2 after Ctrl+U, Tab, Space: %+v (%v), want skipped", m, ok)
	}
	if strings.Contains(s.note.Text, "2") || strings.Contains(s.note.Text, "4") {
		t.Errorf("the score keys went into the note field: %q", s.note.Text)
	}
}

// inScrollView says whether obj is wholly inside the part of sc's content shown now.
func inScrollView(sc *container.Scroll, obj fyne.CanvasObject) bool {
	p, ok := offsetWithin(sc.Content, obj)
	top := p.Y - sc.Offset.Y
	return ok && top >= 0 && top+obj.Size().Height <= sc.Size().Height
}
