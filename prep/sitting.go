package prep

import (
	"fmt"
	"time"

	"github.com/google/uuid"
)

// SittingClock is the clock of a sitting of several questions (a behavioural round) while one of
// them is answered. A panel gives the sitting one slot of the day (45 minutes for three questions),
// whatever each question's own clock says, so the candidate needs both: the question's clock and
// what is left of the sitting.
//
// Nothing in it is counted in memory: Earlier is added up from the stored attempts of the questions
// already answered (their phase times, which are elapsed clock time, pauses left out), and the
// question under way adds its own clock's elapsed time, which its draft keeps. A sitting resumed
// after a crash therefore shows what it showed before, less at most what the round clock lost.
type SittingClock struct {
	Round     RoundType
	Question  int           // the question under way, from 1
	Questions int           // the questions in the sitting
	Budget    time.Duration // the sitting's slot: its questions' planned minutes added up
	Earlier   time.Duration // the time the questions before this one took
}

// SittingStatus is a sitting's clock at one moment.
type SittingStatus struct {
	Used time.Duration // the earlier questions and the current one so far
	Left time.Duration // negative once the sitting is over its budget
	Over bool
}

// At is the sitting's clock when the current question has run for current (its clock's Elapsed,
// which stands still while the round is paused).
func (c SittingClock) At(current time.Duration) SittingStatus {
	used := c.Earlier + max(current, 0)
	return SittingStatus{Used: used, Left: c.Budget - used, Over: used > c.Budget}
}

// Last reports whether the question under way is the sitting's last.
func (c SittingClock) Last() bool { return c.Question >= c.Questions }

// AttemptGetter reads one stored attempt.
type AttemptGetter interface {
	Attempt(id uuid.UUID) (Attempt, error)
}

// UsedTime is the time an attempt's round ran: its phases' elapsed times added up.
func UsedTime(a Attempt) time.Duration {
	var d time.Duration
	for _, pt := range a.PhaseTimes {
		d += pt.Used
	}
	return d
}

// SittingBudget is the slot of sitting st of a plan: its questions' planned minutes added up.
func SittingBudget(plan []LoopRound, st Sitting) time.Duration {
	var d time.Duration
	for i := st.Start; i < st.End && i < len(plan); i++ {
		d += time.Duration(plan[i].Minutes) * time.Minute
	}
	return d
}

// LoopSittingClock is the clock of the sitting that holds slot i of loop l, for the round of slot
// i: the time of the sitting's earlier questions is read from their attempts. It returns false
// when slot i's sitting has a single question (its own clock says it all), and an error naming the
// attempt when one cannot be read.
func LoopSittingClock(l Loop, i int, attempts AttemptGetter) (SittingClock, bool, error) {
	plans := Plans(l.Slots)
	_, st := SittingOf(plans, i)
	if st.Len() < 2 {
		return SittingClock{}, false, nil
	}
	c := SittingClock{Round: plans[i].Round, Question: i - st.Start + 1, Questions: st.Len(), Budget: SittingBudget(plans, st)}
	for j := st.Start; j < i; j++ {
		if !l.Slots[j].Done() {
			continue // slots are answered in order; a loop written otherwise counts what it has
		}
		a, err := attempts.Attempt(l.Slots[j].AttemptID)
		if err != nil {
			return SittingClock{}, false, fmt.Errorf("reading attempt %s, question %d of the sitting: %w", l.Slots[j].AttemptID, j-st.Start+1, err)
		}
		c.Earlier += UsedTime(a)
	}
	return c, true, nil
}

// SittingTotal is the time a sitting's answered questions took, against its slot.
type SittingTotal struct {
	Sitting   int // the sitting's index in its loop
	Questions int
	Answered  int
	Used      time.Duration
	Budget    time.Duration
}

// Over reports whether the sitting ran past its slot.
func (t SittingTotal) Over() bool { return t.Used > t.Budget }

// LoopSittingTotal is the total of the sitting that holds slot i of loop l, its answered questions
// read from their attempts; false when that sitting has a single question.
func LoopSittingTotal(l Loop, i int, attempts AttemptGetter) (SittingTotal, bool, error) {
	plans := Plans(l.Slots)
	k, st := SittingOf(plans, i)
	if st.Len() < 2 {
		return SittingTotal{}, false, nil
	}
	t := SittingTotal{Sitting: k, Questions: st.Len(), Budget: SittingBudget(plans, st)}
	for j := st.Start; j < st.End; j++ {
		if !l.Slots[j].Done() {
			continue
		}
		a, err := attempts.Attempt(l.Slots[j].AttemptID)
		if err != nil {
			return SittingTotal{}, false, fmt.Errorf("reading attempt %s, question %d of the sitting: %w", l.Slots[j].AttemptID, j-st.Start+1, err)
		}
		t.Answered++
		t.Used += UsedTime(a)
	}
	return t, true, nil
}

// LoopSlotOf finds the slot of loop l that holds attempt id.
func LoopSlotOf(l Loop, id uuid.UUID) (int, bool) {
	for i, s := range l.Slots {
		if s.AttemptID == id && id != uuid.Nil {
			return i, true
		}
	}
	return -1, false
}

// SittingCueKind is a cue about a sitting's time.
type SittingCueKind int

// The cues a sitting gives: a warning some minutes before its slot ends, and the end.
const (
	SittingCueWarning SittingCueKind = iota
	SittingCueOver
)

// SittingWarning is how long before a sitting's slot ends the candidate is warned: enough to
// land the story under way, or to keep the last question short.
const SittingWarning = 5 * time.Minute

// SittingCue is one cue to show.
type SittingCue struct {
	Kind    SittingCueKind
	Title   string
	Message string
}

// SittingCues gives each of a sitting's cues once while one question is on screen. A question
// opened when the sitting is already short of time or over gets the cue at once: it is news on
// that question, and a panel would say it before asking.
type SittingCues struct {
	warned, over bool
}

// Check returns the cues due at status s of clock c.
func (t *SittingCues) Check(c SittingClock, s SittingStatus) []SittingCue {
	var out []SittingCue
	slot := formatMinutes(c.Budget)
	switch {
	case s.Over && !t.over:
		t.over, t.warned = true, true
		msg := fmt.Sprintf("The %s is past its %s. Wrap up now: give the result and what you learned in a sentence or two.", roundNoun(c.Round), slot)
		if !c.Last() {
			msg += " A panel this far over would cut the remaining questions short."
		}
		out = append(out, SittingCue{Kind: SittingCueOver, Title: fmt.Sprintf("The %s's time is up", roundNoun(c.Round)), Message: msg})
	case !s.Over && s.Left <= SittingWarning && !t.warned:
		t.warned = true
		msg := fmt.Sprintf("%s of the %s's %s left.", formatMinutes(s.Left), roundNoun(c.Round), slot)
		if c.Last() {
			msg += " This is the last question: keep to the result and what you learned."
		} else {
			msg += fmt.Sprintf(" Land this story: %s to come.", Count(c.Questions-c.Question, "more question"))
		}
		out = append(out, SittingCue{Kind: SittingCueWarning, Title: fmt.Sprintf("The %s ends soon", roundNoun(c.Round)), Message: msg})
	}
	return out
}

// roundNoun names a sitting's round in a sentence: "behavioural round".
func roundNoun(r RoundType) string {
	if r == Behavioural {
		return "behavioural round"
	}
	return "round"
}

// formatMinutes writes a duration as m:ss ("45:00"), as the clocks do.
func formatMinutes(d time.Duration) string {
	d = d.Round(time.Second)
	if d < 0 {
		d = -d
	}
	return fmt.Sprintf("%d:%02d", int(d/time.Minute), int(d%time.Minute/time.Second))
}

// sittingTotals adds up the time of each sitting of several questions among a loop's attempts,
// where sitting[i] is the sitting of attempts[i] and plans[i] its slot's plan. Without a plan (a
// loop saved before plans were kept with the summary's caller) the budget is the questions' own.
func sittingTotals(attempts []Attempt, sitting []int, plans []LoopRound) []SittingTotal {
	var out []SittingTotal
	at := map[int]int{} // sitting -> index in out
	for i, a := range attempts {
		if i >= len(sitting) {
			break
		}
		k := sitting[i]
		j, ok := at[k]
		if !ok {
			j = len(out)
			at[k] = j
			out = append(out, SittingTotal{Sitting: k})
		}
		t := &out[j]
		t.Questions++
		t.Answered++
		t.Used += UsedTime(a)
		if i < len(plans) && plans[i].Minutes > 0 {
			t.Budget += time.Duration(plans[i].Minutes) * time.Minute
		} else {
			for _, pt := range a.PhaseTimes {
				t.Budget += pt.Budget
			}
		}
	}
	kept := out[:0]
	for _, t := range out {
		if t.Questions > 1 {
			kept = append(kept, t)
		}
	}
	return kept
}
