package prep

import (
	"fmt"
	"time"
)

// WarnBefore is how long before a phase's budget runs out the candidate is warned.
const WarnBefore = 2 * time.Minute

// CueKind is the kind of timing cue a round gives.
type CueKind int

// The cues a round gives: a warning before a phase ends, the phase's end, and the round's end.
const (
	CuePhaseWarning CueKind = iota
	CuePhaseEnded
	CueRoundEnded
)

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

// Check returns the cues that became due since the last call. times is the clock's PhaseTimes.
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
	for i, pt := range times {
		if i > s.Phase {
			break
		}
		left := pt.Budget - pt.Used
		name := t.phases[i].Name
		if i == s.Phase && pt.Budget > WarnBefore && left <= WarnBefore && left > 0 {
			fire(cueKey{CuePhaseWarning, i}, fmt.Sprintf("Two minutes left in “%s”.", name))
		}
		if left <= 0 {
			t.fired[cueKey{CuePhaseWarning, i}] = true // a warning after the end is noise
			next := "This is the last phase: start wrapping up."
			if i < len(t.phases)-1 {
				next = fmt.Sprintf("Move on to “%s” when you can.", t.phases[i+1].Name)
			}
			if i == s.Phase {
				fire(cueKey{CuePhaseEnded, i}, fmt.Sprintf("Time is up for “%s”. %s", name, next))
			} else {
				t.fired[cueKey{CuePhaseEnded, i}] = true // left behind before its end was noticed
			}
		}
	}
	if s.RoundLeft <= 0 {
		fire(cueKey{CueRoundEnded, -1}, "The round's time is up. Overtime is counted; finish when you are ready.")
	}
	return out
}
