package ui

import (
	"fmt"
	"time"

	"github.com/panelprep/panelprep/prep"
)

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
	// The round opens where the user asked for it: if they have gone elsewhere meanwhile, it does
	// not open over their choice (an unfinished round set aside stays in the discarded drafts, and
	// Mock loop offers to continue the loop).
	runForScreen(u, func() (found, error) {
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

// onRoundSaved records the attempt in the loop, saves it, and moves to the next question of the
// sitting, the break or the summary while onView says the user is still where the round ended;
// otherwise the loop's progress is saved and Mock loop offers to continue it.
func (l *loopRun) onRoundSaved(a prep.Attempt, onView func() bool) {
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
			l.ui.show(newBreakScreen(l))
		})
}

func (l *loopRun) finish() {
	l.ui.show(newLoopSummaryScreen(l.ui, l.ui.deps.Store, l.ui.lib.Competencies, l.loop))
}

// roundTab is the tab a round belongs under: Mock loop for a loop's round, else Practice. The
// round and score screens lit no tab, so nothing said where the user was.
func roundTab(l *loopRun) string {
	if l != nil {
		return "Mock loop"
	}
	return "Practice"
}
