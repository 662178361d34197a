package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// clockSaveEvery is how often a running clock is written to the draft when nothing is typed, so a
// crash loses at most this much of the round's elapsed time.
const clockSaveEvery = 5 * time.Second

// roundScreen runs one mock round: the prompt, the phased clock with its cues, the panel's
// follow-ups as they arrive (each answered in place), and the answer.
type roundScreen struct {
	roundDeps
	draft prep.Draft
	clock *prep.Clock
	cues  *prep.CueTracker
	saver *prep.DraftSaver
	loop  *loopRun // the loop this round belongs to, or nil
	// sitting is the clock of the behavioural round this question is one of (sittingclock.go).
	sitting *sittingClock

	heading    *widget.Label // loop position and panel persona, when in a loop
	phaseName  *widget.Label
	phaseLeft  *widget.Label
	roundLeft  *widget.Label
	phaseList  *widget.Label
	timeCue    *banner // the latest timing cue
	askCue     *banner // the latest follow-up: shown beside the timing cue, never instead of it
	notice     *banner // what the app did on opening the round, e.g. set an earlier draft aside
	followUps  *fyne.Container
	startPause *widget.Button
	next       *widget.Button
	finish     *widget.Button
	answer     *answerPanel
	bench      *workbench // the whiteboard beside the answer
	status     *widget.Label
	hints      *widget.Label
	hintButton *widget.Button
	hintsShown int
	clockPanel *fyne.Container // the top of the right pane: heading, clock lines, buttons, cues
	root       fyne.CanvasObject
	// compact is the one-line clock the workbench's larger view keeps on screen, where the clock
	// panel and its cue banners are out of sight.
	compact struct {
		phase, phaseLeft, roundLeft, cue *widget.Label
	}

	confirm       *dialog.ConfirmDialog // "finish now?", while it is open
	unbind        func()
	lastClockSave time.Duration
	stopTick      func() // stops the clock's redraws
	left          bool
}

// roundDeps is what the round screen uses, and no more.
type roundDeps struct {
	frame     frame
	win       fyne.Window      // the window it focuses the answer in and asks "finish now?" over
	monotonic prep.Monotonic   // the round clock's time source
	now       func() time.Time // the wall clock, for the draft's stamp
	// stories are what a behavioural round's story picker reads (storypick.go).
	stories storyBank
	drafts  drafts
	// notify sends a desktop notification when the window is not focused.
	notify func(title, message string)
	// tickEvery redraws the clock; bindShortcuts puts the round's keys on the window.
	tickEvery     func(fn func()) (stop func())
	bindShortcuts func(list []shortcut) (unbind func())
	showShortcuts func()
	// finished opens the score screen, which takes the saver over.
	finished func(d prep.Draft, saver *prep.DraftSaver, loop *loopRun)
}

func (u *UI) roundDeps() roundDeps {
	return roundDeps{frame: u, win: u.win, monotonic: u.deps.Clock, now: u.deps.Now, stories: u.deps.Store, drafts: u,
		notify: u.notify, tickEvery: u.tickEvery, bindShortcuts: u.bindShortcuts, showShortcuts: u.showShortcuts,
		finished: func(d prep.Draft, saver *prep.DraftSaver, loop *loopRun) {
			u.show(newScoreScreen(u.scoreDeps(), d, saver, loop))
		}}
}

// newRoundScreen opens the round with a new saver.
func newRoundScreen(u *UI, d prep.Draft, loop *loopRun) *roundScreen {
	return newRoundScreenWith(u, d, loop, u.newSaver())
}

// newRoundScreenWith opens the round with the saver that writes its draft: the score screen hands
// its own back when the candidate returns to the round, so one saver writes the draft throughout.
func newRoundScreenWith(u *UI, d prep.Draft, loop *loopRun, saver *prep.DraftSaver) *roundScreen {
	return buildRoundScreen(u.roundDeps(), d, loop, saver)
}

func buildRoundScreen(deps roundDeps, d prep.Draft, loop *loopRun, saver *prep.DraftSaver) *roundScreen {
	// The screen owns its draft and edits it in place; a clone shares nothing with whoever handed it over.
	r := &roundScreen{roundDeps: deps, draft: d.Clone(), loop: loop, saver: saver}
	r.clock = prep.RestoreClock(d.Prompt.Phases, d.Clock, deps.monotonic) // a new draft restores to "ready"
	r.cues = prep.NewCueTracker(d.Prompt.Phases)
	r.cues.Prime(r.clock.Status(), r.clock.PhaseTimes())

	prompt := newMarkdownText(promptMarkdown(d.Prompt))
	prompt.Wrapping = fyne.TextWrapWord
	r.hints = widget.NewLabel("")
	r.hints.Wrapping = fyne.TextWrapWord
	r.hintButton = widget.NewButtonWithIcon("Show a hint", theme.QuestionIcon(), r.onHint)
	r.showHints(min(max(d.HintsShown, 0), len(d.Prompt.Hints))) // the hints revealed before a restart stay revealed

	r.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if loop != nil {
		r.heading.SetText(loop.roundHeading())
	} else {
		r.heading.Hide()
	}
	r.phaseName = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.phaseLeft = widget.NewLabel("")
	r.roundLeft = widget.NewLabel("")
	r.phaseList = widget.NewLabel("")
	r.timeCue, r.askCue, r.notice = newBanner(), newBanner(), newBanner()
	r.sitting = newSittingClock(loop, r.frame.newScreenToken(), r.refresh)
	r.followUps = container.NewVBox()
	r.startPause = widget.NewButtonWithIcon("Start", theme.MediaPlayIcon(), r.onStartPause)
	r.startPause.Importance = widget.HighImportance
	r.next = widget.NewButtonWithIcon("Next phase", theme.MediaSkipNextIcon(), r.onNextPhase)
	r.finish = widget.NewButtonWithIcon("Finish and score", theme.ConfirmIcon(), r.onFinish)
	help := widget.NewButtonWithIcon("", theme.HelpIcon(), r.showShortcuts)

	r.answer = newAnswerPanel(&r.draft, r.saveDraft)
	r.bench = newWorkbench(&r.draft, deps.win, r.saveDraft)
	r.bench.insertIntoAnswer = r.answer.insertLine
	r.compact.phase = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.compact.phaseLeft, r.compact.roundLeft, r.compact.cue = widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel("")
	r.compact.cue.Truncation = fyne.TextTruncateEllipsis // a long cue must not widen the window
	r.bench.clockLine = container.NewBorder(nil, nil,
		container.NewHBox(r.compact.phase, r.compact.phaseLeft, r.compact.roundLeft, r.sitting.compact), nil, r.compact.cue)
	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord // a long message (the disk is full) wraps in its pane
	for _, f := range r.draft.FollowUps {
		r.addFollowUpCard(f.Index)
	}

	// The right pane is 58% of the window: 420 units of an 1100-pixel window at FYNE_SCALE=1.5. The
	// long lines wrap and the rows flow onto a second line there, rather than running past the pane
	// (the loop heading did) or lying over each other (the workbench's button covered the time left).
	r.heading.Wrapping = fyne.TextWrapWord
	r.phaseName.Wrapping = fyne.TextWrapWord
	r.clockPanel = container.NewVBox(
		// The workbench's button sits on the time line, where there is room for a label that names
		// both its tabs: at the end of the button row it pushed the clock panel past the window.
		// The round's time stretches, so the button keeps to the right while the line has room.
		r.heading, r.phaseName, container.New(&flowLayout{stretch: r.roundLeft}, r.phaseLeft, r.roundLeft, r.bench.show),
		r.sitting.line,
		container.New(&flowLayout{}, r.startPause, r.next, r.finish, help),
		r.notice, r.timeCue, r.askCue, r.phaseList,
	)
	if pick := r.storyPicker(r.stories, r.frame.newScreenToken()); pick != nil { // storypick.go
		r.clockPanel.Add(pick)
	}
	left := container.NewBorder(nil, container.NewVBox(r.hints, container.NewHBox(r.hintButton)), nil, nil,
		container.NewVScroll(container.NewVBox(r.followUps, prompt)))
	right := container.NewBorder(r.clockPanel, readable(r.status), nil, nil, r.bench.beside(r.answer.root))
	split := steadySplit(left, right, 0.42)
	r.root = container.NewBorder(r.frame.navBar(roundTab(loop)), nil, nil, nil, r.bench.frame(split))

	r.unbind = r.bindShortcuts(r.shortcuts())
	r.refresh()
	r.stopTick = r.tickEvery(r.refresh)
	return r
}

// shortcuts are the round's keyboard actions, listed by the help overlay.
func (r *roundScreen) shortcuts() []shortcut {
	return append([]shortcut{
		{key: fyne.KeyP, label: "Start, pause or resume the round", action: r.onStartPause},
		{key: fyne.KeyN, label: "Next phase", action: r.onNextPhase},
		{key: fyne.KeyReturn, label: "Finish and score", action: r.onFinish},
		{key: fyne.KeyI, label: "Show a hint", action: r.onHint},
	}, r.bench.shortcuts()...)
}

// promptMarkdown is the prompt as the candidate reads it during the round. The strong-answer
// outline is deliberately absent: it is shown only after an attempt.
func promptMarkdown(p prep.Prompt) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n*%s · %s · %s · %d minutes*\n\n%s\n\n", p.Title, p.Round.Label(), p.Level, p.Context.Label(), p.Minutes, strings.TrimSpace(p.Scenario))
	if len(p.Constraints) > 0 {
		b.WriteString("### Constraints\n\n")
		for _, c := range p.Constraints {
			fmt.Fprintf(&b, "- %s\n", c)
		}
		b.WriteString("\n")
	}
	b.WriteString("### How you will be scored\n\n")
	for _, c := range p.Rubric {
		fmt.Fprintf(&b, "- **%s**: a 4 means %s\n", c.Name, lowerFirst(c.Anchor4))
	}
	return b.String()
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// refresh redraws the clock, gives due cues and follow-ups, shows the save status, and writes the
// clock to the draft now and then.
func (r *roundScreen) refresh() {
	if r.left {
		return
	}
	s := r.clock.Status()
	times := r.clock.PhaseTimes()
	r.phaseName.SetText(fmt.Sprintf("Phase %d of %d: %s", s.Phase+1, len(r.draft.Prompt.Phases), s.PhaseName))
	r.phaseLeft.SetText("This phase: " + formatLeft(s.PhaseLeft))
	r.roundLeft.SetText(r.clockName() + ": " + formatLeft(s.RoundLeft))
	// Each line turns red when its own time has run out: the round can be over while the phase it
	// is in still has time (the phases before it overran).
	setOver(r.phaseLeft, s.PhaseLeft < 0)
	setOver(r.roundLeft, s.RoundLeft < 0)
	switch s.State {
	case prep.StateReady:
		r.startPause.SetText("Start")
		r.startPause.SetIcon(theme.MediaPlayIcon())
	case prep.StatePaused:
		r.startPause.SetText("Resume")
		r.startPause.SetIcon(theme.MediaPlayIcon())
	default:
		r.startPause.SetText("Pause")
		r.startPause.SetIcon(theme.MediaPauseIcon())
	}
	if s.Phase >= len(r.draft.Prompt.Phases)-1 {
		r.next.Disable()
	} else {
		r.next.Enable()
	}
	r.phaseList.SetText(phaseListText(r.draft.Prompt.Phases, times, s.Phase))
	// Once the behavioural round's time is up, the question's own cues have nothing to add: the
	// sitting's cue keeps the banner (sittingclock.go). It is shown after them, so a cue of the
	// sitting's due at the same moment is the one left showing.
	sittingOver := r.sitting.over(s.Elapsed)
	for _, c := range r.cues.Check(s, times) {
		if sittingOver {
			continue
		}
		kind := bannerWarning
		if c.Kind.Urgent() {
			kind = bannerUrgent
		}
		r.timeCue.show(kind, cueTitle(c.Kind), c.Message)
		r.notify("PanelPrep: "+r.draft.Prompt.Title, c.Message)
	}
	r.sitting.refresh(s.Elapsed, r.timeCue, func(title, msg string) { r.notify("PanelPrep: "+title, msg) })
	r.askDueFollowUps(s)
	r.refreshCompact(s)
	r.showSaveStatus()
	if s.State == prep.StateRunning || s.State == prep.StateOvertime {
		if t := r.monotonic(); t-r.lastClockSave >= clockSaveEvery {
			r.lastClockSave = t
			r.saveDraft()
		}
	}
}

// refreshCompact redraws the larger view's clock line: the phase, the time left in it and in the
// round (red once over), and the title of the latest cue still showing in the clock panel, a timing
// cue first, as the banners there would say it.
func (r *roundScreen) refreshCompact(s prep.Status) {
	c := &r.compact
	phase := fmt.Sprintf("Phase %d/%d: %s", s.Phase+1, len(r.draft.Prompt.Phases), s.PhaseName)
	switch s.State {
	case prep.StateReady:
		phase += " (not started)"
	case prep.StatePaused:
		phase += " (paused)"
	}
	c.phase.SetText(phase)
	c.phaseLeft.SetText("Phase: " + formatLeft(s.PhaseLeft))
	c.roundLeft.SetText(r.clockName() + ": " + formatLeft(s.RoundLeft))
	setOver(c.phaseLeft, s.PhaseLeft < 0)
	setOver(c.roundLeft, s.RoundLeft < 0)
	cue, importance := "", widget.WarningImportance
	switch {
	case r.timeCue.Visible():
		cue = r.timeCue.title.Text
		if r.timeCue.kind == bannerUrgent {
			importance = widget.DangerImportance
		}
	case r.askCue.Visible():
		cue, importance = r.askCue.title.Text+": reply in its card (Ctrl+M goes back)", widget.HighImportance
	}
	if c.cue.Text != cue || c.cue.Importance != importance {
		c.cue.Importance = importance
		c.cue.SetText(cue)
	}
}

// clockName names the round's own clock: "Question" for one question of a behavioural sitting,
// whose round clock is the sitting's (sittingclock.go).
func (r *roundScreen) clockName() string {
	if r.sitting.active() {
		return "Question"
	}
	return "Round"
}

// cueTitle is the banner's heading for a timing cue.
func cueTitle(k prep.CueKind) string {
	switch k {
	case prep.CuePhaseWarning:
		return "Two minutes left in this phase"
	case prep.CuePhaseEnded:
		return "This phase's time is up"
	case prep.CueRoundWarning:
		return "Start wrapping up"
	}
	return "The round's time is up"
}

// setOver shows a time-left label in red once its time has run out.
func setOver(l *widget.Label, over bool) {
	want := widget.MediumImportance
	if over {
		want = widget.DangerImportance
	}
	if l.Importance != want {
		l.Importance = want
		l.Refresh()
	}
}

// askDueFollowUps interjects each panel follow-up once the round reaches its minute.
func (r *roundScreen) askDueFollowUps(s prep.Status) {
	if s.State == prep.StateReady || s.State == prep.StateFinished {
		return
	}
	before := len(r.draft.FollowUps)
	asked := prep.AskFollowUps(r.draft.Prompt, r.draft.FollowUps, s.Elapsed)
	if len(asked) == before {
		return
	}
	r.draft.FollowUps = asked
	for _, f := range asked[before:] {
		r.addFollowUpCard(f.Index)
		r.notify(f.Asker.Label()+" asks", f.Question)
	}
	f := asked[len(asked)-1]
	r.askCue.show(bannerQuestion, f.Asker.Label()+" asks", f.Question+"\nReply in its card on the left.")
	r.saveDraft()
}

// addFollowUpCard shows an asked follow-up with an editor for the candidate's reply.
func (r *roundScreen) addFollowUpCard(i int) {
	pos := -1
	for j, f := range r.draft.FollowUps {
		if f.Index == i {
			pos = j
		}
	}
	if pos < 0 {
		return
	}
	f := r.draft.FollowUps[pos]
	q := widget.NewLabel(f.Question)
	q.Wrapping = fyne.TextWrapWord
	reply := newMultiLineEntry()
	reply.SetMinRowsVisible(2)
	reply.SetPlaceHolder("Your reply to the panel")
	reply.SetText(f.Answer)
	reply.OnChanged = func(text string) { r.onFollowUpAnswered(pos, text) }
	card := widget.NewCard("", fmt.Sprintf("%s asks (minute %d)", f.Asker.Label(), int(f.AskedAt/time.Minute)),
		container.NewVBox(q, reply))
	// Newest first, above the prompt: an interjection is what the panel is waiting on.
	r.followUps.Objects = append([]fyne.CanvasObject{card}, r.followUps.Objects...)
	r.followUps.Refresh()
}

func (r *roundScreen) onFollowUpAnswered(pos int, text string) {
	f := &r.draft.FollowUps[pos]
	f.Answer = text
	f.AnsweredAt = r.clock.Status().Elapsed
	r.saveDraft()
}

func (r *roundScreen) showSaveStatus() {
	switch err := r.saver.Err(); {
	case err != nil:
		r.status.SetText("Not saved: " + err.Error() + ". Your text is kept here and saving is retried every second.")
		r.status.Importance = widget.DangerImportance
	case r.saver.Pending():
		r.status.SetText("Saving…")
		r.status.Importance = widget.MediumImportance
	default:
		r.status.SetText("All changes saved")
		r.status.Importance = widget.LowImportance
	}
	r.status.Refresh()
}

func phaseListText(phases []prep.Phase, times []prep.PhaseTime, current int) string {
	var b strings.Builder
	for i, p := range phases {
		mark := "   "
		switch {
		case i == current:
			mark = "→ "
		case i < current:
			mark = "✓ "
		}
		fmt.Fprintf(&b, "%s%s  %s / %d min\n", mark, p.Name, formatDuration(times[i].Used), p.Minutes)
	}
	return strings.TrimRight(b.String(), "\n")
}

// formatLeft shows time remaining, or time over budget once it runs out.
func formatLeft(d time.Duration) string {
	if d < 0 {
		return formatDuration(-d) + " over"
	}
	return formatDuration(d) + " left"
}

func formatDuration(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d/time.Minute), int(d%time.Minute/time.Second))
}

// onHint reveals the prompt's hints one at a time, for a candidate who is stuck. How many were
// revealed is part of the draft, so a restart shows them again.
func (r *roundScreen) onHint() {
	if r.hintsShown >= len(r.draft.Prompt.Hints) {
		return
	}
	r.showHints(r.hintsShown + 1)
	r.draft.HintsShown = r.hintsShown
	r.saveDraft()
}

func (r *roundScreen) showHints(n int) {
	r.hintsShown = n
	var b strings.Builder
	for i, h := range r.draft.Prompt.Hints[:n] {
		fmt.Fprintf(&b, "Hint %d: %s\n", i+1, h)
	}
	r.hints.SetText(strings.TrimSpace(b.String()))
	if n >= len(r.draft.Prompt.Hints) {
		r.hintButton.Disable()
	}
}

// saveDraft hands the current draft to the saver; the disk write happens on its goroutine.
func (r *roundScreen) saveDraft() {
	if r.saver == nil {
		return
	}
	r.draft.Clock = r.clock.State()
	r.draft.UpdatedAt = r.now()
	r.saver.Update(r.draft)
}

// snapshotDiagram keeps the diagram as the current phase ends, for the attempt (issue 16).
func (r *roundScreen) snapshotDiagram() {
	s := r.clock.Status()
	r.draft.SnapshotDiagram(s.PhaseName, s.Elapsed)
}

func (r *roundScreen) onStartPause() {
	switch r.clock.Status().State {
	case prep.StateReady, prep.StatePaused:
		r.clock.Start()
		r.win.Canvas().Focus(r.answer.focusTarget())
	case prep.StateRunning, prep.StateOvertime:
		r.clock.Pause()
	}
	r.saveDraft()
	r.refresh()
}

func (r *roundScreen) onNextPhase() {
	r.snapshotDiagram()
	r.clock.NextPhase()
	r.saveDraft()
	r.refresh()
}

// onFinish ends the round and opens scoring. With round time left it asks first: a stray click or
// Ctrl+Enter must not end a round with 44 minutes to go. Ctrl+Enter again (or Enter) confirms,
// Escape keeps going.
func (r *roundScreen) onFinish() {
	if r.left {
		return
	}
	if r.confirm != nil {
		r.confirm.Confirm()
		return
	}
	s := r.clock.Status()
	if s.RoundLeft <= 0 {
		r.finishNow()
		return
	}
	msg := fmt.Sprintf("%s of the %s's time is left. Finish now and score your answer?\n\n"+
		"You can come back to the round from the score screen.", formatDuration(s.RoundLeft), strings.ToLower(r.clockName()))
	if s.State == prep.StateReady {
		msg = "The round has not started. Finish it now and score your answer?\n\n" +
			"You can come back to the round from the score screen."
	}
	c := r.win.Canvas()
	r.confirm = confirmByKeys(r.win, "Finish the round now?", msg, "Finish and score", "Keep going", func(ok bool) {
		r.confirm = nil
		if ok {
			r.finishNow()
		} else if !r.left {
			c.Focus(r.answer.focusTarget())
		}
	})
}

// confirmByKeys shows a question whose Return confirms and Escape dismisses, then calls done. While
// it is open nothing has the keyboard focus, so its keys reach the canvas: the canvas's own key
// handler is set aside for the question and put back when it closes.
func confirmByKeys(win fyne.Window, title, msg, confirm, dismiss string, done func(ok bool)) *dialog.ConfirmDialog {
	c := win.Canvas()
	onKey := c.OnTypedKey()
	d := dialog.NewConfirm(title, msg, func(ok bool) {
		c.SetOnTypedKey(onKey)
		done(ok)
	}, win)
	d.SetConfirmText(confirm)
	d.SetDismissText(dismiss)
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyReturn, fyne.KeyEnter:
			d.Confirm()
		case fyne.KeyEscape:
			d.Dismiss()
		}
	})
	d.Show()
	return d
}

func (r *roundScreen) finishNow() {
	r.clock.Finish()
	r.snapshotDiagram()
	r.saveDraft()
	saver := r.saver
	r.saver = nil // the score screen takes it over, so the draft is written by one saver throughout
	r.finished(r.draft, saver, r.loop)
}

func (r *roundScreen) content() fyne.CanvasObject { return r.root }

func (r *roundScreen) leave() {
	if r.left {
		return
	}
	r.left = true
	if r.confirm != nil {
		r.confirm.Hide() // the question belongs to this round: its answer is "keep going"
	}
	r.stopTick()
	r.unbind()
	if r.saver != nil {
		r.saveDraft()
		r.drafts.closeSaver(r.saver)
		r.saver = nil
	}
}
