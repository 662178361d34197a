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
	answer     *answerText   // nil when nothing was written
	selection  *widget.Label // under the answer: what is selected, or what became of a citation
	evidence   []*citation
	unbind     func() // the Ctrl+1… shortcuts
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
	bind   func([]shortcut) func() // binds the screen's shortcuts; the function it returns unbinds them
	// saved carries on once the attempt is stored: to the attempt, or to the loop's next step,
	// while onView says the score screen is still on view (the user may have gone elsewhere).
	saved func(a prep.Attempt, loop *loopRun, onView func() bool)
	// backToRound reopens the round with the draft and the saver that writes it.
	backToRound func(d prep.Draft, loop *loopRun, saver *prep.DraftSaver)
}

func (u *UI) scoreDeps() scoreDeps {
	return scoreDeps{frame: u, clock: u.deps.Clock, now: u.deps.Now, store: u.deps.Store, drafts: u, bind: u.bindShortcuts,
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
	text := d.FullAnswer()
	if strings.TrimSpace(text) != "" {
		s.answer = newAnswerText(text)
		s.answer.selectionChanged = s.onSelectionChanged
	}
	for i, c := range d.Prompt.Rubric {
		anchors, choice := rubricChoice(c)
		if v, ok := prep.ScoreOf(d.Scores, c.Name); ok && v >= 1 && v <= 4 {
			choice.SetSelected(choice.Options[v-1])
		}
		choice.OnChanged = func(string) { s.onScoreChanged() }
		s.choices = append(s.choices, choice)
		key := ""
		if i < maxCiteKeys {
			key = fmt.Sprintf("Ctrl+%d", i+1)
		}
		ev := newCitation(text, evidenceOf(d.Scores, c.Name), key, func() { s.onCite(i) }, func() { s.onClearCitation(i) })
		s.evidence = append(s.evidence, ev)
		form.Add(widget.NewCard(fmt.Sprintf("%d. %s", i+1, c.Name), "", container.NewVBox(anchors, container.NewHBox(widget.NewLabel("Your score:"), choice), ev.box)))
	}
	// The scores as shown: a citation dropped above (its passage is no longer in the answer) is
	// dropped from the draft too, or saving would refuse it.
	s.rebuildScores()
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
	split := container.NewVSplit(s.answerPane(d), container.NewVScroll(form))
	split.Offset = 0.35
	s.root = container.NewBorder(container.NewVBox(deps.frame.navBar(roundTab(loop)), header), container.NewBorder(nil, nil, nil, s.save, s.status), nil, nil,
		split)
	s.updateSaveButton()
	s.unbind = deps.bind(s.shortcuts())
	return s
}

// maxCiteKeys is how many criteria have a cite shortcut: Ctrl+1 to Ctrl+9. The bundled rubrics
// have at most six criteria; a longer one cites the rest with their buttons.
const maxCiteKeys = 9

// shortcuts are the score screen's keyboard actions, listed by the help overlay: Ctrl+N cites the
// answer's selection for criterion N. They are window shortcuts that the answer, focused while
// selecting, hands on (answerText.TypedShortcut), so they work with the cursor in the answer.
func (s *scoreScreen) shortcuts() []shortcut {
	var out []shortcut
	for i, c := range s.draft.Prompt.Rubric {
		if i >= maxCiteKeys {
			break
		}
		out = append(out, shortcut{key: fyne.KeyName(strconv.Itoa(i + 1)),
			label: fmt.Sprintf("Cite the selected passage for criterion %d, %s", i+1, c.Name), action: func() { s.onCite(i) }})
	}
	return out
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
	s.rebuildScores()
	s.syncEvidence()
	s.saveDraft()
	s.updateSaveButton()
}

// rebuildScores sets the draft's scores from the screen: the criteria chosen so far, in rubric
// order, each with the passage it cites.
func (s *scoreScreen) rebuildScores() {
	s.draft.Scores = make([]prep.Score, 0, len(s.draft.Prompt.Rubric))
	for i, c := range s.draft.Prompt.Rubric {
		if sel := s.choices[i].Selected; sel != "" {
			v, _ := strconv.Atoi(strings.SplitN(sel, " ", 2)[0])
			s.draft.Scores = append(s.draft.Scores, prep.Score{Criterion: c.Name, Value: v, Evidence: s.evidence[i].passage})
		}
	}
}

// onSelectionChanged says under the answer what is selected in it, so that what a Cite button
// will cite is in view even after the answer loses the focus (and its highlight) to the button.
func (s *scoreScreen) onSelectionChanged() {
	s.selection.SetText(selectionSummary(s.answer.SelectedText()))
}

// onCite cites the answer's selection for criterion i, by its button or Ctrl+i+1. What happened is
// said under the answer, where the selection was made: the criterion may be scrolled out of view.
func (s *scoreScreen) onCite(i int) {
	if s.left || i >= len(s.evidence) {
		return
	}
	name := fmt.Sprintf("%d. %s", i+1, s.draft.Prompt.Rubric[i].Name)
	if s.choices[i].Selected == "" {
		s.selection.SetText(fmt.Sprintf("Score %s first, then cite a passage for it. Nothing was cited.", name))
		return
	}
	if s.answer == nil {
		s.selection.SetText("Your answer has no text to cite a passage from. Nothing was cited.")
		s.selection.Show()
		return
	}
	p, err := prep.CitePassage(s.draft.FullAnswer(), s.answer.SelectedText())
	if err != nil {
		s.selection.SetText(citeProblem(err))
		return
	}
	s.evidence[i].set(p)
	s.onScoreChanged()
	s.selection.SetText(fmt.Sprintf("Cited for %s: %s", name, quoted(clipRunes(p, 120))))
}

// onClearCitation removes criterion i's citation.
func (s *scoreScreen) onClearCitation(i int) {
	if s.left {
		return
	}
	s.evidence[i].set("")
	s.onScoreChanged()
	s.selection.SetText(fmt.Sprintf("No passage cited for %d. %s now.", i+1, s.draft.Prompt.Rubric[i].Name))
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

// answerPane is the answer as written, to score against and to cite from: its text, selectable
// (see answerText), with the line saying what is selected beneath; beside it, when there are any,
// the whiteboard read-only (a design answer is scored on its diagram as much as on its words) and
// the replies to the panel's follow-ups, in a scroll of their own. Why not all in one scroll, as
// before citing: a wrapping Entry always scrolls itself, so in a scroll it would be a box a few
// lines high; filling the pane, it shows as much as fits and scrolls to follow the cursor.
func (s *scoreScreen) answerPane(d prep.Draft) fyne.CanvasObject {
	s.selection = widget.NewLabel(selectionHint)
	// One line, cut short if it must: wrapping onto a second line would take a line from the
	// answer above each time a citation's confirmation is longer than the hint.
	s.selection.Truncation = fyne.TextTruncateEllipsis
	var main fyne.CanvasObject = s.answer
	if s.answer == nil {
		main = widget.NewLabel("(nothing written)")
		s.selection.Hide()
	}
	page := container.NewVScroll(nil)
	extras := container.NewVBox()
	if card := diagramCardOf(d.Diagram, d.DiagramSnapshots, page); card != nil {
		extras.Add(card)
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
		extras.Add(widget.NewCard("", fmt.Sprintf("%s asked at minute %d", f.Asker.Label(), int(f.AskedAt/time.Minute)),
			container.NewVBox(q, bold("Your reply"), r)))
	}
	if len(extras.Objects) > 0 {
		page.Content = extras
		beside := container.NewHSplit(main, page)
		beside.Offset = 0.6
		main = beside
	}
	return container.NewBorder(bold("Your answer"), s.selection, nil, nil, main)
}

func (s *scoreScreen) content() fyne.CanvasObject { return s.root }

func (s *scoreScreen) leave() {
	if s.unbind != nil {
		s.unbind()
		s.unbind = nil
	}
	if s.saver != nil && !s.left {
		s.left = true
		s.drafts.closeSaver(s.saver)
	}
}
