package prep

import (
	"fmt"
	"time"
)

// WarnBefore is how long before a phase's budget, or the round's, runs out the candidate is warned.
const WarnBefore = 2 * time.Minute

// CueKind is the kind of timing cue a round gives.
type CueKind int

// The cues a round gives, in the order a round on budget meets them: a warning before a phase ends,
// the phase's end, a warning before the round ends ("start wrapping up"), and the round's end.
const (
	CuePhaseWarning CueKind = iota
	CuePhaseEnded
	CueRoundWarning
	CueRoundEnded
)

// Urgent says whether the cue reports time that has run out, rather than time running short.
func (k CueKind) Urgent() bool { return k == CuePhaseEnded || k == CueRoundEnded }

// Cue is one timing cue, with the message the candidate sees.
type Cue struct {
	Kind    CueKind
	Phase   int
	Message string
}

// CueTracker turns clock readings into cues, each given once. It is rebuilt from the clock after a
// restart with Prime, so cues that already passed are not repeated.
type CueTracker struct {
	phases []Phase
	fired  map[cueKey]bool
}

type cueKey struct {
	kind  CueKind
	phase int
}

// NewCueTracker returns a tracker for a round with these phases.
func NewCueTracker(phases []Phase) *CueTracker {
	return &CueTracker{phases: phases, fired: map[cueKey]bool{}}
}

// Prime marks every cue already due at s as given, without returning them.
func (t *CueTracker) Prime(s Status, times []PhaseTime) { t.Check(s, times) }

// Check returns the cues that became due since the last call, oldest first. times is the clock's
// PhaseTimes.
//
// The last phase ends with the round when the round is on budget, so there the round's cues stand
// for the phase's: "start wrapping up" two minutes before the end, then "the round's time is up",
// never the other way round. A warning whose moment was skipped (a jump past the end, a restart)
// is dropped: a warning after the end is noise.
func (t *CueTracker) Check(s Status, times []PhaseTime) []Cue {
	if s.State == StateReady || s.State == StateFinished {
		return nil
	}
	var out []Cue
	fire := func(k cueKey, msg string) {
		if !t.fired[k] {
			t.fired[k] = true
			out = append(out, Cue{Kind: k.kind, Phase: k.phase, Message: msg})
		}
	}
	skip := func(k cueKey) { t.fired[k] = true }
	last := len(t.phases) - 1
	roundWarning := cueKey{CueRoundWarning, -1}
	roundEnded := cueKey{CueRoundEnded, -1}
	for i, pt := range times {
		if i > s.Phase {
			break
		}
		left := pt.Budget - pt.Used
		name := t.phases[i].Name
		warning, ended := cueKey{CuePhaseWarning, i}, cueKey{CuePhaseEnded, i}
		if i == last && s.RoundLeft <= left {
			// The round runs out no later than this phase: its cues say it all.
			skip(warning)
			skip(ended)
			continue
		}
		if i == s.Phase && pt.Budget > WarnBefore && left <= WarnBefore && left > 0 {
			fire(warning, fmt.Sprintf("Two minutes left in “%s”.", name))
		}
		if left <= 0 {
			skip(warning)
			if i != s.Phase {
				skip(ended) // left behind before its end was noticed
				continue
			}
			next := fmt.Sprintf("Move on to “%s” when you can.", t.phases[min(i+1, last)].Name)
			if i == last {
				next = fmt.Sprintf("This is the last phase, and the round has %s left.", shortDuration(s.RoundLeft))
			}
			fire(ended, fmt.Sprintf("Time is up for “%s”. %s", name, next))
		}
	}
	if s.RoundLeft <= WarnBefore && s.RoundLeft > 0 {
		fire(roundWarning, "Two minutes left in the round: start wrapping up.")
	}
	if s.RoundLeft <= 0 {
		skip(roundWarning)
		fire(roundEnded, "The round's time is up. Overtime is counted; finish when you are ready.")
	}
	return out
}

// shortDuration is a duration as minutes and seconds, "4:05".
func shortDuration(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d/time.Minute), int(d%time.Minute/time.Second))
}
