package ui

import (
	"fmt"
	"time"

	"github.com/panelprep/panelprep/prep"
)

// loopRun carries a loop from round to round: it starts each round, records its attempt, runs the
// break and ends with the summary.
type loopRun struct {
	loopDeps
	loop prep.Loop
}

// loopDeps is what a loop's run uses between its rounds, and no more.
type loopDeps struct {
	frame frame
	// onView is the token of the screen on view now: a round opens only if the user is still where
	// they asked for it (runForScreen).
	onView func() viewToken
	now    func() time.Time
	store  interface {
		attemptReader // the summary's
		Drafts() ([]prep.Draft, error)
		DiscardDraft(promptID string, at time.Time) error
		SaveLoop(l prep.Loop) error
	}
	// library is read when it is used, so a set imported meanwhile is seen: the rounds' prompts and
	// sets, and the competency model the summary groups by.
	library func() prep.Library
	// closingSavers are the savers of screens just left, still writing out (saving.go).
	closingSavers func() []chan struct{}
	// tickEvery redraws the break's countdown.
	tickEvery func(fn func()) (stop func())
	// resume reopens a round's draft, writing or scoring; newRound builds a round on a new draft,
	// for startRound to show once it has said what it set aside.
	resume   func(d prep.Draft, l *loopRun)
	newRound func(d prep.Draft, l *loopRun) *roundScreen
}

func (u *UI) loopDeps() loopDeps {
	return loopDeps{frame: u, onView: u.viewToken, now: u.deps.Now, store: u.deps.Store,
		library: func() prep.Library { return u.lib }, closingSavers: u.closingSavers, tickEvery: u.tickEvery,
		resume: u.resumeIn, newRound: func(d prep.Draft, l *loopRun) *roundScreen { return newRoundScreen(u, d, l) }}
}

func newLoopRun(deps loopDeps, l prep.Loop) *loopRun { return &loopRun{loopDeps: deps, loop: l} }

// continueLoop resumes the loop at its first unfinished round, reopening that round's draft if there
// is one, or shows the summary when every round is done.
func (l *loopRun) continueLoop() {
	cur := l.loop.Current()
	if cur >= len(l.loop.Slots) {
		l.finish()
		return
	}
	slot, loopID := l.loop.Slots[cur], l.loop.ID
	runFor(l.onView(), l.store.Drafts, func(drafts []prep.Draft, err error) {
		for _, d := range drafts {
			if err == nil && d.LoopID == loopID && d.Prompt.ID == slot.PromptID {
				l.resume(d, l)
				return
			}
		}
		l.startRound()
	})
}

func (l *loopRun) roundHeading() string {
	cur := min(l.loop.Current(), len(l.loop.Slots)-1)
	plans := prep.Plans(l.loop.Slots)
	k, st := prep.SittingOf(plans, cur)
	question := ""
	if st.Len() > 1 {
		question = fmt.Sprintf(" · question %d of %d", cur-st.Start+1, st.Len())
	}
	return fmt.Sprintf("Mock loop · round %d of %d%s · led by the %s", k+1, len(prep.Sittings(plans)), question, plans[cur].Lead.Label())
}

// startRound opens the current slot's round with a fresh draft.
func (l *loopRun) startRound() {
	slot := l.loop.Slots[l.loop.Current()]
	lib := l.library()
	p, ok := promptByID(lib, slot.SetID, slot.PromptID)
	if !ok {
		l.frame.showError("This loop's prompt is no longer in your library",
			fmt.Errorf("prompt %q of set %q is missing; abandon the loop from the Mock loop screen and plan a new one", slot.PromptID, slot.SetID))
		return
	}
	// Drafts are kept one per prompt, so the round's first save would overwrite an unfinished round
	// of the same prompt started from Practice. That round is set aside first, into the discarded
	// drafts where it is kept a week, and the round says so. A draft of this very loop is the
	// round itself, left before: it is resumed. The savers of screens just left are waited for, so
	// a draft still being written is seen.
	waits := l.closingSavers()
	store, now, loopID := l.store, l.now(), l.loop.ID
	type found struct{ own, setAside *prep.Draft }
	// The round opens where the user asked for it: if they have gone elsewhere meanwhile, it does
	// not open over their choice (an unfinished round set aside stays in the discarded drafts, and
	// Mock loop offers to continue the loop).
	runFor(l.onView(), func() (found, error) {
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
			l.frame.showError("Could not start the round",
				fmt.Errorf("checking for an unfinished round of “%s” failed: %w. The round was not started; try again from the Mock loop screen", p.Title, err))
			return
		}
		if f.own != nil {
			l.resume(*f.own, l)
			return
		}
		set := setByID(lib, slot.SetID)
		r := l.newRound(prep.Draft{SetID: set.ID, SetVersion: set.Version, Prompt: p, LoopID: loopID,
			StartedAt: now, UpdatedAt: now}, l)
		if d := f.setAside; d != nil {
			r.notice.show(bannerInfo, "Your earlier draft is kept", fmt.Sprintf(
				"Your unfinished round of “%s” was set aside (%s): once this round is done, restore it from Practice → Restore a discarded draft…, within a week.",
				p.Title, d.Size()))
		}
		l.frame.show(r)
	})
}

// onRoundSaved records the attempt in the loop, saves it, and moves to the next question of the
// sitting, the break or the summary while onView says the user is still where the round ended;
// otherwise the loop's progress is saved and Mock loop offers to continue it.
func (l *loopRun) onRoundSaved(a prep.Attempt, onView func() bool) {
	cur := l.loop.Current()
	l.loop.Slots[cur].AttemptID = a.ID
	if l.loop.Current() >= len(l.loop.Slots) {
		l.loop.Finished = true
	} else if b := l.loop.Slots[cur].Plan.BreakMinutes; b > 0 {
		l.loop.BreakUntil = l.now().Add(time.Duration(b) * time.Minute)
	}
	loop := l.loop
	run(l.frame.bridge(), func() (struct{}, error) { return struct{}{}, l.store.SaveLoop(loop) },
		func(_ struct{}, err error) {
			if err != nil {
				l.frame.showError("Could not save the loop's progress", fmt.Errorf("%w; your attempt is saved", err))
			}
			if !onView() {
				return
			}
			if loop.Finished {
				l.finish()
				return
			}
			if loop.Slots[loop.Current()].Plan.FollowsOn {
				l.startRound() // the sitting's next question, straight away, as a panel asks it
				return
			}
			l.frame.show(newBreakScreen(l))
		})
}

func (l *loopRun) finish() {
	l.frame.show(newLoopSummaryScreen(l.frame, l.store, l.library().Competencies, l.loop))
}

// roundTab is the tab a round belongs under: Mock loop for a loop's round, else Practice. The
// round and score screens lit no tab, so nothing said where the user was.
func roundTab(l *loopRun) string {
	if l != nil {
		return "Mock loop"
	}
	return "Practice"
}
