package ui

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// interviewerScreen is interviewer mode: a mentor or a peer runs a round live for a candidate. They
// read the scenario out, keep the clock, ask each follow-up at its minute (or skip it, or ask their
// own), score the rubric against its anchors as they listen, and take notes stamped with the
// round's elapsed time. A second window shows the candidate the scenario, its constraints and the
// clock, and nothing else. The session is saved on every change, apart from the interviewer's own
// practice, and ends as a review of the candidate's attempt (interviewerend.go).
type interviewerScreen struct {
	interviewDeps
	view  viewToken
	iv    prep.Interview
	clock *prep.Clock
	cues  *prep.CueTracker
	saver *prep.InterviewSaver
	// next, for a round of a loop, starts the loop's next round (or its summary) once this one is
	// done; nil for a single round.
	next func(done prep.Interview)

	heading    *widget.Label
	phaseName  *widget.Label
	phaseLeft  *widget.Label
	roundLeft  *widget.Label
	phaseList  *widget.Label
	timeCue    *banner
	startPause *widget.Button
	nextPhase  *widget.Button
	finish     *widget.Button
	candidate  *candidateWindow
	showCand   *widget.Button

	followUps []*followUpRow
	ownText   *keyedEntry
	ownAsker  *widget.Select
	ownList   *widget.Label

	choices []*scoreChoice
	// leftScroll and rightScroll hold the follow-ups and the rubric: a widget the keyboard moves to
	// is scrolled into view.
	leftScroll, rightScroll *container.Scroll
	note                    *keyedEntry
	notes                   *widget.Label
	status                  *widget.Label   // the saving state, redrawn on every tick
	message                 *widget.Label   // what the last action did or why it could not: kept until the next
	after                   *fyne.Container // what to do once the round is over: shown when it is
	comment                 *entry
	root                    fyne.CanvasObject

	confirm       *dialog.ConfirmDialog
	unbind        func()
	stopTick      func()
	lastClockSave time.Duration
	left          bool
}

// interviewDeps is what interviewer mode uses, and no more.
type interviewDeps struct {
	frame frame
	win   fyne.Window
	// newWindow opens the candidate's window.
	newWindow func(title string) fyne.Window
	prefs     fyne.Preferences
	monotonic prep.Monotonic
	now       func() time.Time
	store     interviewStore
	// saveReview attaches a review to an attempt of this computer's practice store; nil hides it.
	saveReview func(r prep.Review) error
	lib        prep.Library
	model      prep.Competencies
	mentor     Mentor
	tickEvery  func(fn func()) (stop func())
	bind       func(list []shortcut) (unbind func())
	// openFile and saveFile ask for a file (dialogs in the app; tests answer at once).
	openFile func(ext string, then func(path string))
	saveFile func(name string, then func(path string))
	closing  *sync.WaitGroup // the session's saver writing out; the app's Drain waits for it
}

// interviewStore is the part of the store interviewer mode reads and writes: its sessions, and
// the candidate's attempts a session's review can be attached to.
type interviewStore interface {
	prep.InterviewStore
	Attempts() ([]prep.AttemptSummary, error)
	Attempt(id uuid.UUID) (prep.Attempt, error)
}

func (u *UI) interviewDeps() interviewDeps {
	d := interviewDeps{frame: u, win: u.win, newWindow: u.app.NewWindow, prefs: u.app.Preferences(), monotonic: u.deps.Clock,
		now: u.deps.Now, store: u.deps.Store, lib: u.lib, model: u.deps.Competencies, mentor: u.deps.Mentor,
		tickEvery: u.tickEvery, bind: u.bindShortcuts, closing: &u.savers,
		openFile: func(ext string, then func(string)) { chooseFile(u.win, ext, then) }, saveFile: saveFileDialog(u.win)}
	// Through prep.Store, not a type assertion on what the window was given: the store handle
	// may be wrapped (mapping.go), and the wrapper hid SaveReview, and with it the Attach button.
	d.saveReview = u.deps.Store.SaveReview
	return d
}

// newInterviewerScreen opens session iv: new, or resumed after a restart (paused, as a resumed
// round is: the interviewer starts the clock again when both are ready).
func newInterviewerScreen(deps interviewDeps, iv prep.Interview, next func(prep.Interview)) *interviewerScreen {
	s := &interviewerScreen{interviewDeps: deps, view: deps.frame.newScreenToken(), iv: iv.Clone(), next: next}
	s.iv.Clock.Running = false
	s.clock = prep.RestoreClock(iv.Prompt.Phases, s.iv.Clock, deps.monotonic)
	s.cues = prep.NewCueTracker(iv.Prompt.Phases)
	s.cues.Prime(s.clock.Status(), s.clock.PhaseTimes())
	store := deps.store
	s.saver = prep.NewInterviewSaver(store.SaveInterview)

	s.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.heading.SetText(s.headingText())
	s.phaseName = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.phaseLeft, s.roundLeft, s.phaseList = widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel("")
	s.timeCue = newBanner()
	s.startPause = widget.NewButtonWithIcon("Start", theme.MediaPlayIcon(), s.onStartPause)
	s.startPause.Importance = widget.HighImportance
	s.nextPhase = widget.NewButtonWithIcon("Next phase", theme.MediaSkipNextIcon(), s.onNextPhase)
	s.finish = widget.NewButtonWithIcon("End the round", theme.ConfirmIcon(), s.onFinish)
	s.showCand = widget.NewButtonWithIcon("Candidate window", theme.ComputerIcon(), s.onShowCandidate)
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Hide()

	// The phases sit beside the clock rather than under it: at a larger text size the header took
	// half the window from the scenario, the follow-ups and the rubric.
	clockPanel := container.NewVBox(container.NewBorder(nil, nil, nil, s.phaseList,
		container.NewVBox(s.heading, container.NewHBox(s.phaseName, s.phaseLeft, s.roundLeft),
			container.NewHBox(s.startPause, s.nextPhase, s.finish, s.showCand))), s.timeCue)

	left := container.NewVBox(
		widget.NewCard("Read this out", "The candidate's window shows the same, with the clock", newMarkdownText(candidateMarkdown(iv.Prompt))),
		widget.NewCard("Follow-ups", "Ask each at its minute, or skip it; the candidate never sees them", s.followUpPanel()),
	)
	if len(iv.Prompt.Outline) > 0 {
		outline := widget.NewLabel("- " + strings.Join(iv.Prompt.Outline, "\n- "))
		outline.Wrapping = fyne.TextWrapWord
		left.Add(widget.NewAccordion(widget.NewAccordionItem("What a strong answer covers (for you only)", outline)))
	}
	// What to do after the round goes first in its column, where the interviewer's eyes are when
	// the round ends: at the foot of the rubric it was found only by scrolling.
	s.after = container.NewVBox()
	s.after.Hide()
	right := container.NewVBox(s.after, widget.NewCard("Notes", "Each note is stamped with the round's time when you begin it", s.notesPanel()),
		widget.NewCard("Score as you listen", "", s.rubricPanel()))
	s.leftScroll, s.rightScroll = container.NewVScroll(left), container.NewVScroll(right)
	split := steadySplit(s.leftScroll, s.rightScroll, 0.5)
	s.root = container.NewBorder(container.NewVBox(deps.frame.navBar("History"), clockPanel), container.NewVBox(s.message, readable(s.status)), nil, nil, split)

	s.unbind = deps.bind(s.shortcuts())
	if s.iv.Clock.Finished {
		s.showAfter()
	}
	s.refresh()
	s.stopTick = deps.tickEvery(s.refresh)
	return s
}

func (s *interviewerScreen) headingText() string {
	h := "Interviewing: " + s.iv.Prompt.Title
	if s.iv.LoopRounds > 0 {
		h = fmt.Sprintf("Mock loop, round %d of %d: %s", s.iv.LoopRound+1, s.iv.LoopRounds, s.iv.Prompt.Title)
	}
	return h
}

// shortcuts are interviewer mode's keys. Ctrl+Enter adds the note: the note field is an entry,
// which hands the window's shortcuts on (shortcuts.go), so the key works while typing.
func (s *interviewerScreen) shortcuts() []shortcut {
	return []shortcut{
		{key: fyne.KeyP, label: "Start, pause or resume the clock", action: s.onStartPause},
		{key: fyne.KeyN, label: "Next phase", action: s.onNextPhase},
		{key: fyne.KeyReturn, label: "Add the note", action: s.onAddNote},
		{key: fyne.KeyK, label: "Mark the follow-up due now as asked", action: func() { s.markDue(prep.MarkAsked) }},
		{key: fyne.KeyJ, label: "Skip the follow-up due now", action: func() { s.markDue(prep.MarkSkipped) }},
		{key: fyne.KeyS, label: "Score: to the first criterion not scored yet (then 1–4 or arrows, Tab to the next)", action: s.focusRubric},
		{key: fyne.KeyU, label: "To the first follow-up not marked yet (Space presses Asked, Tab then Skip)", action: s.focusFollowUps},
		{key: fyne.KeyE, label: "End the round", action: s.onFinish},
	}
}

// focusRubric puts the keyboard on the first criterion without a score (the first one if all have
// one): from the note field, where the cursor sits during a round, scoring needs no mouse.
func (s *interviewerScreen) focusRubric() {
	if len(s.choices) == 0 {
		return
	}
	target := s.choices[0]
	for _, g := range s.choices {
		if g.Selected == "" {
			target = g
			break
		}
	}
	s.win.Canvas().Focus(target)
}

// focusFollowUps puts the keyboard on the Asked button of the first follow-up not marked yet; Tab
// goes on to its Skip and to the next follow-up's buttons.
func (s *interviewerScreen) focusFollowUps() {
	for _, row := range s.followUps {
		if _, ok := s.iv.MarkOf(row.index); !ok {
			s.win.Canvas().Focus(row.asked)
			return
		}
	}
}

// elapsed is the round's elapsed time now: every stamp is taken from it.
func (s *interviewerScreen) elapsed() time.Duration { return s.clock.Status().Elapsed }

// followUpRow is one of the prompt's follow-ups with its minute, its panel member and its mark.
type followUpRow struct {
	state         *widget.Label
	asked, skip   *focusButton
	index, minute int
}

func (s *interviewerScreen) followUpPanel() fyne.CanvasObject {
	box := container.NewVBox()
	if len(s.iv.Prompt.FollowUps) > 0 {
		box.Add(keysHint("Keys: Ctrl+U goes to the first follow-up not marked yet; Space presses Asked, Tab then Space skips it."))
	}
	for i, f := range s.iv.Prompt.FollowUps {
		row := &followUpRow{index: i, minute: f.Minute, state: widget.NewLabel("")}
		row.asked = newFocusButton("Asked", func() { s.onMark(i, prep.MarkAsked) })
		row.skip = newFocusButton("Skip", func() { s.onMark(i, prep.MarkSkipped) })
		q := widget.NewLabel(f.Question)
		q.Wrapping = fyne.TextWrapWord
		head := bold(fmt.Sprintf("Minute %d · %s", f.Minute, f.Asker.Label()))
		block := container.NewVBox(head, q, container.NewHBox(row.asked, row.skip, readable(row.state)))
		row.asked.onFocus = func() { scrollIntoView(s.leftScroll, block, row.asked) }
		row.skip.onFocus = func() { scrollIntoView(s.leftScroll, block, row.skip) }
		box.Add(block)
		s.followUps = append(s.followUps, row)
	}
	if len(s.iv.Prompt.FollowUps) == 0 {
		box.Add(widget.NewLabel("This prompt has no follow-ups: ask your own below."))
	}
	s.ownText = newKeyedEntry(s.shortcuts)
	s.ownText.SetPlaceHolder("A question of your own, as you asked it")
	var names []string
	for _, a := range []prep.Asker{prep.AskerVP, prep.AskerEM, prep.AskerIC, prep.AskerCTO, prep.AskerCEO} {
		names = append(names, a.Label())
	}
	s.ownAsker = widget.NewSelect(names, nil)
	s.ownAsker.SetSelected(names[0])
	s.ownText.OnSubmitted = func(string) { s.onAskOwn() }
	ask := widget.NewButton("Asked", s.onAskOwn)
	s.ownList = widget.NewLabel("")
	s.ownList.Wrapping = fyne.TextWrapWord
	box.Add(widget.NewSeparator())
	box.Add(bold("Ask your own"))
	box.Add(container.NewBorder(nil, nil, s.ownAsker, ask, s.ownText))
	box.Add(s.ownList)
	s.showOwn()
	return box
}

func (s *interviewerScreen) notesPanel() fyne.CanvasObject {
	s.note = newKeyedEntry(s.shortcuts)
	s.note.SetPlaceHolder("What you noticed; Enter or Ctrl+Enter adds it")
	s.note.SetText(s.iv.NoteDraft)
	s.note.OnChanged = s.onNoteTyped
	s.note.OnSubmitted = func(string) { s.onAddNote() }
	add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), s.onAddNote)
	s.notes = widget.NewLabel("")
	s.notes.Wrapping = fyne.TextWrapWord
	s.showNotes()
	return container.NewVBox(container.NewBorder(nil, nil, nil, add, s.note), s.notes)
}

func (s *interviewerScreen) rubricPanel() fyne.CanvasObject {
	box := container.NewVBox(keysHint("Keys: Ctrl+S goes to the first criterion not scored yet; 1–4 or the arrows set its score, Backspace clears it, Tab goes to the next."))
	for _, c := range s.iv.Prompt.Rubric {
		anchors, _ := rubricChoice(c)
		g := newScoreChoice([]string{"1", "2", "3", "4"})
		if v, ok := prep.ScoreOf(s.iv.Scores, c.Name); ok {
			g.SetSelected(fmt.Sprint(v))
		}
		name := c.Name
		g.OnChanged = func(sel string) { s.onScore(name, sel) }
		s.choices = append(s.choices, g)
		block := container.NewVBox(bold(c.Name), anchors, container.NewHBox(widget.NewLabel("Score:"), g))
		g.onFocus = func() { scrollIntoView(s.rightScroll, block, g) }
		box.Add(block)
	}
	return box
}

// keysHint is a line saying how to reach a panel from the keyboard: the card's subtitle does not
// wrap, and cut the hint off in a half-width column.
func keysHint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	// Italic rather than LowImportance: the faint colour was hard to read in the light theme.
	l.TextStyle.Italic = true
	return l
}

// candidateMarkdown is what the candidate may see: the prompt's title, round, length, scenario and
// constraints. Never the rubric, the hints, the outline or the follow-ups.
func candidateMarkdown(p prep.Prompt) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n*%s · %d minutes*\n\n%s\n\n", p.Title, p.Round.Label(), p.Minutes, strings.TrimSpace(p.Scenario))
	if len(p.Constraints) > 0 {
		b.WriteString("### Constraints\n\n")
		for _, c := range p.Constraints {
			fmt.Fprintf(&b, "- %s\n", c)
		}
	}
	return b.String()
}

// refresh redraws both windows' clocks, gives due cues, shows which follow-ups are due, and writes
// the clock now and then.
func (s *interviewerScreen) refresh() {
	if s.left {
		return
	}
	st := s.clock.Status()
	times := s.clock.PhaseTimes()
	s.phaseName.SetText(fmt.Sprintf("Phase %d of %d: %s · %s elapsed", st.Phase+1, len(s.iv.Prompt.Phases), st.PhaseName, formatDuration(st.Elapsed)))
	s.phaseLeft.SetText("This phase: " + formatLeft(st.PhaseLeft))
	s.roundLeft.SetText("Round: " + formatLeft(st.RoundLeft))
	setOver(s.phaseLeft, st.PhaseLeft < 0)
	setOver(s.roundLeft, st.RoundLeft < 0)
	switch st.State {
	case prep.StateReady:
		s.startPause.SetText("Start")
		s.startPause.SetIcon(theme.MediaPlayIcon())
	case prep.StatePaused:
		s.startPause.SetText("Resume")
		s.startPause.SetIcon(theme.MediaPlayIcon())
	case prep.StateFinished:
		s.startPause.SetText("Ended")
		s.startPause.Disable()
		s.finish.Disable()
	default:
		s.startPause.SetText("Pause")
		s.startPause.SetIcon(theme.MediaPauseIcon())
	}
	if st.State == prep.StateFinished || st.Phase >= len(s.iv.Prompt.Phases)-1 {
		s.nextPhase.Disable()
	} else {
		s.nextPhase.Enable()
	}
	s.phaseList.SetText(phaseListText(s.iv.Prompt.Phases, times, st.Phase))
	for _, c := range s.cues.Check(st, times) {
		kind := bannerWarning
		if c.Kind.Urgent() {
			kind = bannerUrgent
		}
		s.timeCue.show(kind, cueTitle(c.Kind), c.Message)
	}
	s.showFollowUpStates(st)
	if s.candidate != nil {
		s.candidate.update(st, len(s.iv.Prompt.Phases))
	}
	s.showSaveStatus()
	if st.State == prep.StateRunning || st.State == prep.StateOvertime {
		if t := s.monotonic(); t-s.lastClockSave >= clockSaveEvery {
			s.lastClockSave = t
			s.save()
		}
	}
}

// showFollowUpStates says of each follow-up whether it is due now, coming, asked or skipped.
func (s *interviewerScreen) showFollowUpStates(st prep.Status) {
	due := map[int]bool{}
	if st.State != prep.StateReady && st.State != prep.StateFinished {
		for _, i := range s.iv.Due(st.Elapsed) {
			due[i] = true
		}
	}
	for _, row := range s.followUps {
		text, imp := fmt.Sprintf("at minute %d", row.minute), widget.LowImportance
		if m, ok := s.iv.MarkOf(row.index); ok {
			text, imp = fmt.Sprintf("%s at %s", strings.ToUpper(m.Mark.Label()[:1])+m.Mark.Label()[1:], prep.Stamp(m.At)), widget.MediumImportance
		} else if due[row.index] {
			text, imp = "Due now: ask it", widget.HighImportance
		}
		if row.state.Text != text || row.state.Importance != imp {
			row.state.Text, row.state.Importance = text, imp
			row.state.Refresh()
		}
	}
}

// say shows what the last action did, beside the saving state (which each tick redraws).
func (s *interviewerScreen) say(text string) {
	s.message.SetText(text)
	s.message.Show()
}

func (s *interviewerScreen) showSaveStatus() {
	switch err := s.saver.Err(); {
	case err != nil:
		s.status.SetText("Not saved: " + err.Error() + ". The session is kept here and saving is retried every second.")
		s.status.Importance = widget.DangerImportance
	case s.saver.Pending():
		s.status.SetText("Saving…")
		s.status.Importance = widget.MediumImportance
	default:
		s.status.SetText("Everything is saved, apart from your own practice")
		s.status.Importance = widget.LowImportance
	}
	s.status.Refresh()
}

// save hands the session, with the clock as it is now, to the saver.
func (s *interviewerScreen) save() {
	if s.saver == nil {
		return
	}
	s.iv.Clock = s.clock.State()
	s.iv.UpdatedAt = s.now()
	s.saver.Update(s.iv)
}

func (s *interviewerScreen) onStartPause() {
	switch s.clock.Status().State {
	case prep.StateReady, prep.StatePaused:
		s.clock.Start()
		s.win.Canvas().Focus(s.note)
		if s.candidate == nil {
			s.onShowCandidate() // the candidate needs the clock from the first second
		}
	case prep.StateRunning, prep.StateOvertime:
		s.clock.Pause()
	}
	s.save()
	s.refresh()
}

func (s *interviewerScreen) onNextPhase() {
	s.clock.NextPhase()
	s.save()
	s.refresh()
}

func (s *interviewerScreen) onMark(i int, kind prep.MarkKind) {
	if err := s.iv.Mark(i, kind, s.elapsed()); err != nil {
		s.frame.showError("The follow-up was not marked", err)
		return
	}
	s.save()
	s.refresh()
}

// markDue marks the earliest follow-up due now; with none due it does nothing.
func (s *interviewerScreen) markDue(kind prep.MarkKind) {
	if due := s.iv.Due(s.elapsed()); len(due) > 0 && s.clock.Status().State != prep.StateReady {
		s.onMark(due[0], kind)
	}
}

func (s *interviewerScreen) onAskOwn() {
	asker := prep.AskerVP
	for _, a := range []prep.Asker{prep.AskerVP, prep.AskerEM, prep.AskerIC, prep.AskerCTO, prep.AskerCEO} {
		if a.Label() == s.ownAsker.Selected {
			asker = a
		}
	}
	if err := s.iv.AskOwn(s.ownText.Text, asker, s.elapsed()); err != nil {
		s.say(prep.Sentence(err.Error()))
		return
	}
	s.ownText.SetText("")
	s.showOwn()
	s.save()
}

func (s *interviewerScreen) showOwn() {
	var lines []string
	for _, m := range s.iv.FollowUps {
		if m.Mark == prep.MarkOwn {
			lines = append(lines, fmt.Sprintf("%s  %s: %s", prep.Stamp(m.At), m.Asker.Label(), m.Question))
		}
	}
	s.ownList.SetText(strings.Join(lines, "\n"))
}

// onNoteTyped keeps the note being typed in the session, so a crash loses no half-written note,
// stamped with the time its first character was typed.
func (s *interviewerScreen) onNoteTyped(text string) {
	s.iv.TypeNote(text, s.elapsed())
	s.save()
}

func (s *interviewerScreen) onAddNote() {
	if err := s.iv.AddNote(); err != nil {
		s.say(prep.Sentence(err.Error()))
		return
	}
	s.note.OnChanged = nil // the note is added: clearing the field is no new note
	s.note.SetText("")
	s.note.OnChanged = s.onNoteTyped
	s.showNotes()
	s.save()
}

func (s *interviewerScreen) showNotes() {
	if len(s.iv.Notes) == 0 {
		s.notes.SetText("No notes yet.")
		return
	}
	lines := make([]string, len(s.iv.Notes))
	for i, n := range s.iv.Notes {
		lines[i] = prep.Stamp(n.At) + "  " + n.Text
	}
	s.notes.SetText(strings.Join(lines, "\n"))
}

func (s *interviewerScreen) onScore(name, sel string) {
	v := 0
	if sel != "" {
		fmt.Sscan(sel, &v)
	}
	s.iv.SetScore(name, v)
	s.save()
}

// onFinish ends the round. With round time left it asks first, as the candidate's round does.
func (s *interviewerScreen) onFinish() {
	if s.left || s.clock.Status().State == prep.StateFinished {
		return
	}
	if s.confirm != nil {
		s.confirm.Confirm()
		return
	}
	st := s.clock.Status()
	if st.RoundLeft <= 0 {
		s.finishNow()
		return
	}
	s.confirm = confirmByKeys(s.win, "End the round now?",
		fmt.Sprintf("%s of the round's time is left. End it now?", formatDuration(st.RoundLeft)),
		"End the round", "Keep going", func(ok bool) {
			s.confirm = nil
			if ok {
				s.finishNow()
			}
		})
}

func (s *interviewerScreen) finishNow() {
	s.clock.Finish()
	if strings.TrimSpace(s.iv.NoteDraft) != "" {
		_ = s.iv.AddNote() // a note typed but not added when the round ended is kept, not lost
		s.note.OnChanged = nil
		s.note.SetText("")
		s.note.OnChanged = s.onNoteTyped
		s.showNotes()
	}
	s.save()
	s.showAfter()
	s.refresh()
}

func (s *interviewerScreen) onShowCandidate() {
	if s.candidate != nil {
		s.candidate.win.RequestFocus()
		return
	}
	s.candidate = newCandidateWindow(s.newWindow, s.iv.Prompt, func() { s.candidate = nil })
	s.candidate.update(s.clock.Status(), len(s.iv.Prompt.Phases))
	s.candidate.win.Show()
	// A new window takes the keyboard: the interviewer's notes would be typed into the
	// candidate's window (seen in the real window). The keys stay with the interviewer.
	s.win.RequestFocus()
}

func (s *interviewerScreen) content() fyne.CanvasObject { return s.root }

func (s *interviewerScreen) leave() {
	if s.left {
		return
	}
	s.left = true
	if s.confirm != nil {
		s.confirm.Hide()
	}
	s.stopTick()
	s.unbind()
	if s.candidate != nil {
		s.candidate.close()
		s.candidate = nil
	}
	s.save()
	saver := s.saver
	s.saver = nil
	goBackground(s.closing, func() { _ = saver.Close() }) // a failed last write leaves the previous one
}

// keyedEntry is a text field that runs the screen's Ctrl shortcuts itself. In the real window a
// focused Entry takes every key with a modifier; entry hands them to the window's table, which it
// finds through the driver's canvas lookup, but interviewer mode has two windows, and a shortcut
// typed in the note field must never depend on which of them a lookup finds. So the fields where
// the interviewer types run the screen's keys first, and pass on the rest.
type keyedEntry struct {
	entry
	keys func() []shortcut
}

func newKeyedEntry(keys func() []shortcut) *keyedEntry {
	e := &keyedEntry{keys: keys}
	e.ExtendBaseWidget(e)
	return e
}

func (e *keyedEntry) TypedShortcut(sc fyne.Shortcut) {
	if cs, ok := sc.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShortcutDefault {
		for _, k := range e.keys() {
			if k.key == cs.KeyName || k.key == fyne.KeyReturn && cs.KeyName == fyne.KeyEnter {
				k.action()
				return
			}
		}
	}
	e.entry.TypedShortcut(sc)
}
