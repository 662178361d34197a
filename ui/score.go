package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// scoreScreen is where a finished round is self-scored against the prompt's rubric and reflected
// on, with the answer being scored beside the rubric, and a way back to the round. Scores and
// reflection are part of the draft, so they survive a crash like the answer does.
type scoreScreen struct {
	scoreDeps
	view       viewToken // this screen's time on view
	draft      prep.Draft
	saver      *prep.DraftSaver
	choices    []*widget.RadioGroup
	evidence   []*evidencePicker
	reflection *textArea
	save       *widget.Button
	status     *widget.Label
	root       fyne.CanvasObject
	left       bool
	loop       *loopRun
}

// scoreDeps is what the score screen uses, and no more.
type scoreDeps struct {
	frame frame
	clock prep.Monotonic
	now   func() time.Time // the wall clock, for stamps shown to people
	store interface {
		SaveAttempt(a prep.Attempt) error
	}
	drafts drafts
	// saved carries on once the attempt is stored: to the attempt, or to the loop's next step,
	// while onView says the score screen is still on view (the user may have gone elsewhere).
	saved func(a prep.Attempt, loop *loopRun, onView func() bool)
	// backToRound reopens the round with the draft and the saver that writes it.
	backToRound func(d prep.Draft, loop *loopRun, saver *prep.DraftSaver)
}

func (u *UI) scoreDeps() scoreDeps {
	return scoreDeps{frame: u, clock: u.deps.Clock, now: u.deps.Now, store: u.deps.Store, drafts: u,
		saved: u.onAttemptSaved, backToRound: func(d prep.Draft, loop *loopRun, saver *prep.DraftSaver) {
			u.show(newRoundScreenWith(u, d, loop, saver))
		}}
}

// onAttemptSaved opens what follows a saved attempt, the attempt itself or the loop's next step,
// unless the user has left the score screen meanwhile (onView): then the attempt (and the loop's
// progress) is saved and nothing opens over the screen they chose.
func (u *UI) onAttemptSaved(a prep.Attempt, loop *loopRun, onView func() bool) {
	u.hasHistory = true
	if loop != nil {
		loop.onRoundSaved(a, onView)
		return
	}
	if onView() {
		u.showAttempt(a.ID)
	}
}

func newScoreScreen(deps scoreDeps, d prep.Draft, saver *prep.DraftSaver, loop *loopRun) *scoreScreen {
	// The screen owns its draft and edits it in place; a clone shares nothing with whoever handed it over.
	s := &scoreScreen{scoreDeps: deps, view: deps.frame.newScreenToken(), draft: d.Clone(), saver: saver, loop: loop}
	intro := widget.NewLabel("For each criterion, choose the description that matches what you actually wrote and said: your answer is above.")
	intro.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(intro)
	passages := prep.Passages(d.FullAnswer())
	for i, c := range d.Prompt.Rubric {
		anchors, choice := rubricChoice(c)
		if v, ok := prep.ScoreOf(d.Scores, c.Name); ok && v >= 1 && v <= 4 {
			choice.SetSelected(choice.Options[v-1])
		}
		choice.OnChanged = func(string) { s.onScoreChanged() }
		s.choices = append(s.choices, choice)
		ev := newEvidencePicker(passages, evidenceOf(d.Scores, c.Name), s.onScoreChanged)
		s.evidence = append(s.evidence, ev)
		form.Add(widget.NewCard(fmt.Sprintf("%d. %s", i+1, c.Name), "", container.NewVBox(anchors, container.NewHBox(widget.NewLabel("Your score:"), choice), ev.box)))
	}
	s.syncEvidence()
	s.reflection = newMultiLineEntry()
	s.reflection.SetPlaceHolder("What went well, what you would do differently, what to practise next.")
	s.reflection.SetText(d.Reflection)
	s.reflection.SetMinRowsVisible(4)
	s.reflection.OnChanged = func(text string) {
		s.draft.Reflection = text
		s.saveDraft()
	}
	form.Add(widget.NewCard("Reflection", "", s.reflection))

	s.save = widget.NewButton("Save attempt", s.onSave)
	s.save.Importance = widget.HighImportance
	s.status = widget.NewLabel("")
	back := widget.NewButtonWithIcon("Back to the round", theme.NavigateBackIcon(), s.onBack)
	title := widget.NewLabelWithStyle("Score your answer: "+d.Prompt.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	header := container.NewBorder(nil, nil, nil, back, title)
	// The answer above the rubric, each the window's width: side by side, the rubric's radio labels
	// (which do not wrap) squeezed the answer into a column a word wide.
	answerPage := container.NewVScroll(nil)
	answerPage.Content = draftAnswerView(d, answerPage)
	split := container.NewVSplit(answerPage, container.NewVScroll(form))
	split.Offset = 0.35
	s.root = container.NewBorder(container.NewVBox(deps.frame.navBar(roundTab(loop)), header), container.NewBorder(nil, nil, nil, s.save, s.status), nil, nil,
		split)
	s.updateSaveButton()
	return s
}

// anchorOption is one line of a criterion's anchors: "3 · Pins down volumes…".
func anchorOption(score int, anchor string) string { return strconv.Itoa(score) + " · " + anchor }

// rubricChoice is one criterion as the score and review screens offer it: its four anchors as
// wrapped text, and a row of four choices, 1 to 4, below them. The anchors are not the choices'
// own labels because a radio label does not wrap: the longest anchor (a plausible weak answer
// runs to a sentence or two) would widen the window past the screen.
func rubricChoice(c prep.Criterion) (*widget.Label, *widget.RadioGroup) {
	lines := make([]string, 4)
	for v := 1; v <= 4; v++ {
		lines[v-1] = anchorOption(v, c.Anchor(v))
	}
	anchors := widget.NewLabel(strings.Join(lines, "\n"))
	anchors.Wrapping = fyne.TextWrapWord
	choice := widget.NewRadioGroup([]string{"1", "2", "3", "4"}, nil)
	choice.Horizontal = true
	return anchors, choice
}

func (s *scoreScreen) onScoreChanged() {
	// Rebuilt from the radio groups: the scores are the criteria chosen so far, in rubric order.
	s.draft.Scores = make([]prep.Score, 0, len(s.draft.Prompt.Rubric))
	for i, c := range s.draft.Prompt.Rubric {
		if sel := s.choices[i].Selected; sel != "" {
			v, _ := strconv.Atoi(strings.SplitN(sel, " ", 2)[0])
			s.draft.Scores = append(s.draft.Scores, prep.Score{Criterion: c.Name, Value: v, Evidence: s.evidence[i].passage()})
		}
	}
	s.syncEvidence()
	s.saveDraft()
	s.updateSaveButton()
}

// syncEvidence lets a criterion cite a passage once it is scored: the passage is kept in the score,
// and a criterion not scored yet has no score to keep it in, so nothing chosen could be lost.
func (s *scoreScreen) syncEvidence() {
	for i, ev := range s.evidence {
		ev.setScored(s.choices[i].Selected != "")
	}
}

func (s *scoreScreen) saveDraft() {
	if s.left {
		return
	}
	s.draft.UpdatedAt = s.now()
	s.saver.Update(s.draft)
}

func (s *scoreScreen) updateSaveButton() {
	if err := prep.CheckScores(s.draft.Prompt.Rubric, s.draft.Scores); err != nil {
		s.save.Disable()
		s.status.SetText(fmt.Sprintf("%d of %d criteria scored", len(s.draft.Scores), len(s.draft.Prompt.Rubric)))
		return
	}
	s.save.Enable()
	s.status.SetText("All criteria scored")
}

// onSave turns the draft into an attempt with a new ID. The saver is closed first, so that no
// late draft write can bring back the draft the attempt replaces.
func (s *scoreScreen) onSave() {
	times := prep.RestoreClock(s.draft.Prompt.Phases, s.draft.Clock, s.clock).PhaseTimes()
	a, err := prep.NewAttempt(s.draft, times, s.now())
	if err != nil {
		s.frame.showError("Cannot save yet", err)
		return
	}
	s.save.Disable()
	s.status.SetText("Saving…")
	saver := s.saver
	s.left = true
	store := s.store
	run(s.frame.bridge(), func() (prep.Attempt, error) {
		if err := saver.Close(); err != nil {
			return a, err
		}
		return a, store.SaveAttempt(a)
	}, func(a prep.Attempt, err error) {
		if err != nil {
			// Keep everything on screen; a new saver keeps the draft durable while the user retries.
			s.saver, s.left = s.drafts.newSaver(), false
			s.saveDraft()
			s.updateSaveButton()
			s.frame.showError("Could not save the attempt", fmt.Errorf("%w. Your answer and scores are still here; try again", err))
			return
		}
		s.saver = nil
		s.saved(a, s.loop, s.view.onView)
	})
}

// onBack reopens the round where it was finished, paused, with the scores given so far kept in
// the draft. The saver goes back with it, so one saver writes the draft throughout.
func (s *scoreScreen) onBack() {
	if s.left {
		return
	}
	s.draft.Clock.Finished, s.draft.Clock.Running = false, false
	s.draft.UpdatedAt = s.now()
	saver := s.saver
	s.saver, s.left = nil, true
	saver.Update(s.draft)
	s.backToRound(s.draft, s.loop, saver)
}

// draftAnswerView is the answer as written, to score against: the sections (the team table as a
// table), or the free text, the whiteboard read-only when one was drawn (a design answer is scored
// on its diagram as much as on its words), then the replies to the panel's follow-ups. page is the
// scroll it sits in: the diagram hands it the mouse wheel.
func draftAnswerView(d prep.Draft, page *container.Scroll) fyne.CanvasObject {
	box := container.NewVBox(bold("Your answer"))
	if strings.TrimSpace(d.FullAnswer()) == "" {
		box.Add(widget.NewLabel("(nothing written)"))
	} else {
		box.Add(newMarkdownView(d.FullAnswer()))
	}
	if card := diagramCardOf(d.Diagram, d.DiagramSnapshots, page); card != nil {
		box.Add(card)
	}
	for _, f := range d.FollowUps {
		reply := f.Answer
		if strings.TrimSpace(reply) == "" {
			reply = "(not answered)"
		}
		q := widget.NewLabel(f.Question)
		q.Wrapping = fyne.TextWrapWord
		r := widget.NewLabel(reply)
		r.Wrapping = fyne.TextWrapWord
		box.Add(widget.NewCard("", fmt.Sprintf("%s asked at minute %d", f.Asker.Label(), int(f.AskedAt/time.Minute)),
			container.NewVBox(q, bold("Your reply"), r)))
	}
	return box
}

func (s *scoreScreen) content() fyne.CanvasObject { return s.root }

func (s *scoreScreen) leave() {
	if s.saver != nil && !s.left {
		s.left = true
		s.drafts.closeSaver(s.saver)
	}
}
