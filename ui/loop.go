package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// loopScreen plans a mock onsite: the default sequence of rounds, each with a prompt picked from the
// bank (avoiding recent repeats, favouring weak criteria) or chosen by hand. When a loop is already
// under way it offers to continue it instead.
type loopScreen struct {
	ui      *UI
	history []prep.AttemptSummary
	slots   []prep.LoopSlot
	seeds   []int
	body    *fyne.Container
	root    fyne.CanvasObject
}

func (u *UI) showLoop() { u.show(newLoopScreen(u)) }

func newLoopScreen(u *UI) *loopScreen {
	s := &loopScreen{ui: u, body: container.NewVBox(widget.NewLabel("Planning your loop…"))}
	s.root = container.NewBorder(u.navBar("Mock loop"), nil, nil, nil, container.NewVScroll(s.body))
	type loaded struct {
		active  *prep.Loop
		history []prep.AttemptSummary
	}
	run(&u.bg, func() (loaded, error) {
		active, err := u.deps.Store.ActiveLoop()
		if err != nil {
			return loaded{}, err
		}
		history, err := u.deps.Store.Attempts()
		return loaded{active, history}, err
	}, func(l loaded, err error) {
		if err != nil {
			s.body.Objects = []fyne.CanvasObject{widget.NewLabel("Could not read your loops and attempts: " + err.Error())}
			s.body.Refresh()
			return
		}
		s.history = l.history
		if l.active != nil {
			s.showActive(*l.active)
			return
		}
		s.plan()
	})
	return s
}

// showActive offers to continue or abandon the loop in progress.
func (s *loopScreen) showActive(l prep.Loop) {
	cur := l.Current()
	msg := widget.NewLabel(fmt.Sprintf("A mock loop is under way: %d of %d rounds done.", cur, len(l.Slots)))
	cont := widget.NewButtonWithIcon("Continue the loop", theme.MediaPlayIcon(), func() { s.ui.continueLoop(l) })
	cont.Importance = widget.HighImportance
	abandon := widget.NewButton("Abandon it and plan a new one", func() {
		l.Finished = true
		run(&s.ui.bg, func() (struct{}, error) { return struct{}{}, s.ui.deps.Store.SaveLoop(l) },
			func(_ struct{}, err error) {
				if err != nil {
					s.ui.showError("Could not abandon the loop", err)
					return
				}
				s.plan()
			})
	})
	s.body.Objects = []fyne.CanvasObject{msg, container.NewHBox(cont, abandon)}
	s.body.Refresh()
}

// plan picks a prompt for every slot of the default loop and shows the plan.
func (s *loopScreen) plan() {
	s.slots = make([]prep.LoopSlot, len(prep.DefaultLoop))
	s.seeds = make([]int, len(prep.DefaultLoop))
	for i, r := range prep.DefaultLoop {
		s.slots[i].Plan = r
		s.pick(i)
	}
	s.render()
}

// pick chooses slot i's prompt, excluding the prompts of the other slots.
func (s *loopScreen) pick(i int) {
	exclude := map[string]bool{}
	for j, sl := range s.slots {
		if j != i && sl.PromptID != "" {
			exclude[sl.PromptID] = true
		}
	}
	set, p, ok := prep.PickPrompt(s.ui.lib, s.slots[i].Plan, s.history, exclude, s.seeds[i])
	if ok {
		s.slots[i].SetID, s.slots[i].PromptID = set.ID, p.ID
	}
}

func (s *loopScreen) render() {
	intro := widget.NewLabel("A mock onsite: the rounds run back to back with breaks between, and each round is led by a " +
		"different member of the panel. Prompts are picked from the bank, avoiding your recent attempts and " +
		"favouring the criteria you score lowest on. Change any of them before you start.")
	intro.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{intro}
	for i, sl := range s.slots {
		objs = append(objs, s.slotCard(i, sl))
	}
	rule := widget.NewLabel(prep.BandRule)
	rule.Wrapping = fyne.TextWrapWord
	start := widget.NewButtonWithIcon("Start the loop", theme.MediaPlayIcon(), s.onStart)
	start.Importance = widget.HighImportance
	for _, sl := range s.slots {
		if sl.PromptID == "" {
			start.Disable()
		}
	}
	objs = append(objs, widget.NewCard("How the loop is banded", "", rule), container.NewHBox(start))
	s.body.Objects = objs
	s.body.Refresh()
}

func (s *loopScreen) slotCard(i int, sl prep.LoopSlot) fyne.CanvasObject {
	title := "No prompt of this round type in your library"
	if p, ok := s.ui.promptByID(sl.SetID, sl.PromptID); ok {
		title = fmt.Sprintf("%s (%s · %s · %d min)", p.Title, p.Level, p.Context.Label(), p.Minutes)
	}
	label := widget.NewLabel(title)
	label.Wrapping = fyne.TextWrapWord
	another := widget.NewButtonWithIcon("Pick another", theme.ViewRefreshIcon(), func() {
		s.seeds[i]++
		s.pick(i)
		s.render()
	})
	var options []string
	ids := map[string][2]string{}
	for _, set := range s.ui.lib.Sets() {
		for _, p := range set.Prompts {
			if p.Round == sl.Plan.Round {
				options = append(options, p.Title)
				ids[p.Title] = [2]string{set.ID, p.ID}
			}
		}
	}
	byHand := widget.NewSelect(options, func(t string) {
		if id, ok := ids[t]; ok && id[1] != s.slots[i].PromptID {
			s.slots[i].SetID, s.slots[i].PromptID = id[0], id[1]
			s.render()
		}
	})
	byHand.PlaceHolder = "Choose by hand…"
	break_ := ""
	if sl.Plan.BreakMinutes > 0 {
		break_ = fmt.Sprintf(", then a %d-minute break", sl.Plan.BreakMinutes)
	}
	return widget.NewCard(fmt.Sprintf("Round %d: %s", i+1, sl.Plan.Round.Label()),
		fmt.Sprintf("%d minutes, led by the %s%s", sl.Plan.Minutes, sl.Plan.Lead.Label(), break_),
		container.NewBorder(nil, nil, nil, container.NewHBox(another, byHand), label))
}

func (s *loopScreen) onStart() {
	l := prep.Loop{ID: uuid.New(), Slots: append([]prep.LoopSlot(nil), s.slots...), StartedAt: s.ui.deps.Now()}
	onView := s.ui.stillOnView()
	run(&s.ui.bg, func() (struct{}, error) { return struct{}{}, s.ui.deps.Store.SaveLoop(l) },
		func(_ struct{}, err error) {
			if err != nil {
				s.ui.showError("Could not start the loop", err)
				return
			}
			if !onView() {
				return // the user went elsewhere: the loop is saved, and Mock loop offers to continue it
			}
			s.ui.continueLoop(l)
		})
}

func (s *loopScreen) content() fyne.CanvasObject { return s.root }
func (s *loopScreen) leave()                     {}

// promptByID finds a prompt in the library.
func (u *UI) promptByID(setID, promptID string) (prep.Prompt, bool) {
	for _, set := range u.lib.Sets() {
		if set.ID == setID {
			return set.Prompt(promptID)
		}
	}
	return prep.Prompt{}, false
}

// loopRun carries a loop from round to round: it starts each round, records its attempt, runs the
// break and ends with the summary.
type loopRun struct {
	ui   *UI
	loop prep.Loop
}

// continueLoop resumes a loop at its first unfinished round, reopening that round's draft if there is
// one, or shows the summary when every round is done.
func (u *UI) continueLoop(l prep.Loop) {
	lr := &loopRun{ui: u, loop: l}
	cur := l.Current()
	if cur >= len(l.Slots) {
		lr.finish()
		return
	}
	slot := l.Slots[cur]
	runForScreen(u, u.deps.Store.Drafts, func(drafts []prep.Draft, err error) {
		for _, d := range drafts {
			if err == nil && d.LoopID == l.ID && d.Prompt.ID == slot.PromptID {
				u.resumeIn(d, lr)
				return
			}
		}
		lr.startRound()
	})
}

func (l *loopRun) roundHeading() string {
	cur := l.loop.Current()
	plan := l.loop.Slots[min(cur, len(l.loop.Slots)-1)].Plan
	return fmt.Sprintf("Mock loop · round %d of %d · led by the %s", cur+1, len(l.loop.Slots), plan.Lead.Label())
}

// startRound opens the current slot's round with a fresh draft.
func (l *loopRun) startRound() {
	slot := l.loop.Slots[l.loop.Current()]
	p, ok := l.ui.promptByID(slot.SetID, slot.PromptID)
	if !ok {
		l.ui.showError("This loop's prompt is no longer in your library",
			fmt.Errorf("prompt %q of set %q is missing; abandon the loop from the Mock loop screen and plan a new one", slot.PromptID, slot.SetID))
		return
	}
	// Drafts are kept one per prompt, so the round's first save would overwrite an unfinished round
	// of the same prompt started from Practice. That round is set aside first, into the discarded
	// drafts where it is kept a week, and the round says so. A draft of this very loop is the
	// round itself, left before: it is resumed. The savers of screens just left are waited for, so
	// a draft still being written is seen.
	u, waits := l.ui, l.ui.closingSavers()
	store, now, loopID := u.deps.Store, u.deps.Now(), l.loop.ID
	type found struct{ own, setAside *prep.Draft }
	run(&u.bg, func() (found, error) {
		for _, c := range waits {
			<-c
		}
		drafts, err := store.Drafts()
		if err != nil {
			return found{}, err
		}
		for _, d := range drafts {
			switch {
			case d.Prompt.ID != p.ID:
			case d.LoopID == loopID:
				return found{own: &d}, nil
			default:
				return found{setAside: &d}, store.DiscardDraft(p.ID, now)
			}
		}
		return found{}, nil
	}, func(f found, err error) {
		if err != nil {
			u.showError("Could not start the round",
				fmt.Errorf("checking for an unfinished round of “%s” failed: %w. The round was not started; try again from the Mock loop screen", p.Title, err))
			return
		}
		if f.own != nil {
			u.resumeIn(*f.own, l)
			return
		}
		set := u.setByID(slot.SetID)
		r := newRoundScreen(u, prep.Draft{SetID: set.ID, SetVersion: set.Version, Prompt: p, LoopID: loopID,
			StartedAt: now, UpdatedAt: now}, l)
		if d := f.setAside; d != nil {
			r.notice.show(bannerInfo, "Your earlier draft is kept", fmt.Sprintf(
				"Your unfinished round of “%s” was set aside (%s): once this round is done, restore it from Practice → Restore a discarded draft…, within a week.",
				p.Title, d.Size()))
		}
		u.show(r)
	})
}

// onRoundSaved records the attempt in the loop, saves it, and moves to the break or the summary.
func (l *loopRun) onRoundSaved(a prep.Attempt) {
	cur := l.loop.Current()
	l.loop.Slots[cur].AttemptID = a.ID
	if l.loop.Current() >= len(l.loop.Slots) {
		l.loop.Finished = true
	} else if b := l.loop.Slots[cur].Plan.BreakMinutes; b > 0 {
		l.loop.BreakUntil = l.ui.deps.Now().Add(time.Duration(b) * time.Minute)
	}
	loop := l.loop
	run(&l.ui.bg, func() (struct{}, error) { return struct{}{}, l.ui.deps.Store.SaveLoop(loop) },
		func(_ struct{}, err error) {
			if err != nil {
				l.ui.showError("Could not save the loop's progress", fmt.Errorf("%w; your attempt is saved", err))
			}
			if loop.Finished {
				l.finish()
				return
			}
			l.ui.show(newBreakScreen(l))
		})
}

func (l *loopRun) finish() { l.ui.show(newLoopSummaryScreen(l.ui, l.loop)) }

// breakScreen sits between two rounds of a loop, counting down to the next one.
type breakScreen struct {
	ui        *UI
	until     time.Time
	countdown *widget.Label
	stopTick  func()
	root      fyne.CanvasObject
}

func newBreakScreen(l *loopRun) *breakScreen {
	next := l.loop.Slots[l.loop.Current()].Plan
	title := widget.NewLabelWithStyle("Break", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	msg := widget.NewLabelWithStyle(fmt.Sprintf("Round %d of %d is next: %s.\nTake your break until %s; stand up, drink some water, "+
		"and leave the last round behind: the next interviewer has not seen it.",
		l.loop.Current()+1, len(l.loop.Slots), next, l.loop.BreakUntil.Local().Format("15:04")), fyne.TextAlignCenter, fyne.TextStyle{})
	msg.Wrapping = fyne.TextWrapWord
	b := &breakScreen{ui: l.ui, until: l.loop.BreakUntil,
		countdown: widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})}
	b.countdown.SizeName = theme.SizeNameHeadingText
	start := widget.NewButtonWithIcon("Start the next round", theme.MediaPlayIcon(), l.startRound)
	start.Importance = widget.HighImportance
	// A column of readable width in the middle of the window: the break was a few lines in its
	// top-left corner, easy to take for a screen that had not finished drawing.
	column := container.NewVBox(title, msg, b.countdown, container.NewCenter(start))
	b.root = container.NewBorder(l.ui.navBar("Mock loop"), nil, nil, nil, container.NewCenter(readableWidth(column)))
	b.refresh()
	b.stopTick = l.ui.tickEvery(b.refresh)
	return b
}

// readableWidthInText is the width of a column of text a screen centres, in text sizes.
const readableWidthInText = 40

// readableWidth holds o at a comfortable reading width (narrower when the window is), so wrapped
// text in a centred column neither collapses to a word per line nor runs across a wide window.
func readableWidth(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&columnLayout{width: readableWidthInText}, o)
}

type columnLayout struct{ width float32 }

func (c *columnLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (c *columnLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	w := c.width * theme.TextSize()
	var h float32
	for _, o := range objects {
		// the height of o at this width: a wrapped label is as tall as its lines there
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}

// refresh shows the time left in the break.
func (b *breakScreen) refresh() {
	left := b.until.Sub(b.ui.deps.Now()).Round(time.Second)
	if left <= 0 {
		setLabel(b.countdown, "The break is over: start the next round when you are ready.")
		return
	}
	setLabel(b.countdown, fmt.Sprintf("Next round in %d:%02d", int(left.Minutes()), int(left.Seconds())%60))
}

func (b *breakScreen) content() fyne.CanvasObject { return b.root }
func (b *breakScreen) leave()                     { b.stopTick() }

// loopSummaryScreen ends a loop: scores per round and criterion, time against budget, the band and
// the rule that gave it.
type loopSummaryScreen struct {
	body *fyne.Container
	root fyne.CanvasObject
}

func newLoopSummaryScreen(u *UI, l prep.Loop) *loopSummaryScreen {
	s := &loopSummaryScreen{body: container.NewVBox(widget.NewLabel("Adding up your loop…"))}
	s.root = container.NewBorder(u.navBar("Mock loop"), nil, nil, nil, container.NewVScroll(s.body))
	run(&u.bg, func() ([]prep.Attempt, error) {
		var out []prep.Attempt
		for _, sl := range l.Slots {
			if !sl.Done() {
				continue
			}
			a, err := u.deps.Store.Attempt(sl.AttemptID)
			if err != nil {
				return nil, err
			}
			out = append(out, a)
		}
		return out, nil
	}, s.onLoaded)
	return s
}

func (s *loopSummaryScreen) onLoaded(attempts []prep.Attempt, err error) {
	if err != nil {
		s.body.Objects = []fyne.CanvasObject{widget.NewLabel("Could not read the loop's attempts: " + err.Error())}
		s.body.Refresh()
		return
	}
	sum := prep.SummariseLoop(attempts)
	band := widget.NewLabelWithStyle(fmt.Sprintf("Overall: %s (average self-score %.2f / 4)", sum.Band, sum.Average),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var rounds strings.Builder
	for i, r := range sum.Rounds {
		fmt.Fprintf(&rounds, "Round %d, %s: %s\n    self-score %.2f / 4; time %s of %s\n", i+1, r.Round.Label(), r.Title,
			r.Average, formatDuration(r.Used), formatDuration(r.Budget))
	}
	var crits strings.Builder
	for _, c := range sum.Criteria {
		fmt.Fprintf(&crits, "%.2f  %s (%s)\n", c.Average, c.Criterion, prep.Count(c.Count, "score"))
	}
	rule := widget.NewLabel(sum.Rule)
	rule.Wrapping = fyne.TextWrapWord
	s.body.Objects = []fyne.CanvasObject{
		band,
		widget.NewCard("Rounds", "", widget.NewLabel(strings.TrimSpace(rounds.String()))),
		widget.NewCard("Criteria, weakest first", "", widget.NewLabel(strings.TrimSpace(crits.String()))),
		widget.NewCard("How the band is worked out", "", rule),
	}
	s.body.Refresh()
}

func (s *loopSummaryScreen) content() fyne.CanvasObject { return s.root }
func (s *loopSummaryScreen) leave()                     {}

// roundTab is the tab a round belongs under: Mock loop for a loop's round, else Practice. The
// round and score screens lit no tab, so nothing said where the user was.
func roundTab(l *loopRun) string {
	if l != nil {
		return "Mock loop"
	}
	return "Practice"
}
