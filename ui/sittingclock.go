package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// sittingClock is the clock of a behavioural round of several questions, on the round screen of
// one of them, beside the question's own clock: "Behavioural round: question 2 of 3 · 27:40 left of
// 45:00". A panel gives the sitting one slot; each question's clock alone never said how much of it
// was left. Its time is read from the store (the earlier questions' attempts) and the question
// clock's elapsed time, so a pause stops it and a restart brings it back (prep.SittingClock).
type sittingClock struct {
	line    *widget.Label // the clock panel's line
	compact *widget.Label // the workbench's one-line clock: "Sitting: 27:40 left"
	clock   *prep.SittingClock
	cues    prep.SittingCues
	// pending names the sitting while its earlier questions are read, and says why when they
	// could not be.
	pending string
}

// newSittingClock is a sitting's clock for the round of loop l's current slot, or one that shows
// nothing when the round is not one question of several (a round of its own, or outside a loop).
// The time of the sitting's earlier questions is read in the background, for view; refresh redraws
// the round once it is in.
func newSittingClock(l *loopRun, view viewToken, refresh func()) *sittingClock {
	s := &sittingClock{line: widget.NewLabel(""), compact: widget.NewLabel("")}
	s.line.Wrapping = fyne.TextWrapWord // one line of 530 units: wider than the round's pane at 1.5
	s.line.Hide()
	s.compact.Hide()
	if l == nil {
		return s
	}
	loop, cur := l.loop, l.loop.Current()
	if cur >= len(loop.Slots) {
		return s
	}
	plans := prep.Plans(loop.Slots)
	_, st := prep.SittingOf(plans, cur)
	if st.Len() < 2 {
		return s
	}
	s.line.Show()
	s.compact.Show()
	s.pending = fmt.Sprintf("%s round: question %d of %d · adding up the time so far…", plans[cur].Round.Label(), cur-st.Start+1, st.Len())
	store := l.store
	runFor(view, func() (prep.SittingClock, error) {
		c, _, err := prep.LoopSittingClock(loop, cur, store)
		return c, err
	}, func(c prep.SittingClock, err error) {
		if err != nil {
			s.pending = fmt.Sprintf("%s round: question %d of %d · its time so far could not be read: %v. The question's own clock is right.",
				plans[cur].Round.Label(), cur-st.Start+1, st.Len(), err)
		} else {
			s.clock = &c
		}
		refresh()
	})
	return s
}

// refresh redraws the sitting's clock for a question clock that has run for elapsed, red once the
// sitting is over, and gives its cues in the round's timing banner (notify also sends each to the
// desktop). The banner is the round's own, not one more: three banners at once (a timing cue, a
// follow-up, this) grew the window past the screen at 1.5 scale.
func (s *sittingClock) refresh(elapsed time.Duration, cue *banner, notify func(title, message string)) {
	if s.clock == nil {
		setLabel(s.line, s.pending)
		setLabel(s.compact, "")
		return
	}
	c := *s.clock
	st := c.At(elapsed)
	left := formatDuration(st.Left) + " left of " + formatDuration(c.Budget)
	if st.Over {
		left = formatDuration(-st.Left) + " over its " + formatDuration(c.Budget)
	}
	setLabel(s.line, fmt.Sprintf("%s round: question %d of %d · %s", c.Round.Label(), c.Question, c.Questions, left))
	setLabel(s.compact, "Sitting: "+formatLeft(st.Left))
	setOver(s.line, st.Over)
	setOver(s.compact, st.Over)
	for _, q := range s.cues.Check(c, st) {
		kind := bannerWarning
		if q.Kind == prep.SittingCueOver {
			kind = bannerUrgent
		}
		cue.show(kind, q.Title, q.Message)
		notify(q.Title, q.Message)
	}
}

// over reports whether the sitting is past its slot when the question has run for elapsed.
func (s *sittingClock) over(elapsed time.Duration) bool {
	return s.clock != nil && s.clock.At(elapsed).Over
}

// active reports whether the round is one question of a sitting of several.
func (s *sittingClock) active() bool { return s.line.Visible() }
