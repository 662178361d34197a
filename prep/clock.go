package prep

import (
	"time"
)

// Monotonic reports time elapsed since an arbitrary fixed origin. It must never go backwards or
// jump with the wall clock. SystemMonotonic is the production source; tests inject their own.
type Monotonic func() time.Duration

// SystemMonotonic returns a Monotonic backed by Go's monotonic clock reading, which ignores
// wall-clock changes. On Linux it does not advance while the machine is suspended, so a laptop
// closed mid-round does not eat the candidate's time.
func SystemMonotonic() Monotonic {
	origin := time.Now()
	return func() time.Duration { return time.Since(origin) }
}

// ClockState is what a round clock persists: elapsed time per phase, never wall-clock instants.
// It is enough to rebuild the clock after a crash or restart.
type ClockState struct {
	Phase    int             `json:"phase"`    // index of the current phase
	Elapsed  []time.Duration `json:"elapsed"`  // time spent in each phase so far
	Started  bool            `json:"started"`  // the round has been started at least once
	Running  bool            `json:"running"`  // the clock was running when the state was taken
	Finished bool            `json:"finished"` // the round has ended; the clock no longer moves
}

// RoundState is where a round is in its life.
type RoundState int

// The states a round moves through.
const (
	StateReady RoundState = iota
	StateRunning
	StatePaused
	StateOvertime
	StateFinished
)

func (s RoundState) String() string {
	return [...]string{"ready", "running", "paused", "overtime", "finished"}[s]
}

// Clock times a round through its phases. It is not safe for concurrent use: the UI owns it.
type Clock struct {
	phases []Phase
	now    Monotonic
	st     ClockState
	mark   time.Duration // monotonic reading when the running phase last started accruing
}

// NewClock returns a clock for the given phases, ready to start.
func NewClock(phases []Phase, now Monotonic) *Clock {
	return &Clock{phases: phases, now: now, st: ClockState{Elapsed: make([]time.Duration, len(phases))}}
}

// RestoreClock rebuilds a clock from a persisted state. A clock that was running when the state was
// saved resumes running from now: the time the app was not running is not counted.
func RestoreClock(phases []Phase, st ClockState, now Monotonic) *Clock {
	c := NewClock(phases, now)
	copy(c.st.Elapsed, st.Elapsed)
	c.st.Started, c.st.Running, c.st.Finished = st.Started, st.Running && !st.Finished, st.Finished
	c.st.Phase = min(max(st.Phase, 0), max(len(phases)-1, 0))
	c.mark = now()
	return c
}

// accrue folds the time since the last mark into the current phase.
func (c *Clock) accrue() {
	t := c.now()
	if c.st.Running && len(c.st.Elapsed) > 0 {
		c.st.Elapsed[c.st.Phase] += t - c.mark
	}
	c.mark = t
}

// Start starts a ready clock, or resumes a paused one.
func (c *Clock) Start() {
	if c.st.Finished || c.st.Running {
		return
	}
	c.accrue()
	c.st.Started, c.st.Running = true, true
}

// Pause stops the clock without ending the round.
func (c *Clock) Pause() {
	if !c.st.Running {
		return
	}
	c.accrue()
	c.st.Running = false
}

// NextPhase moves to the next phase; in the last phase it does nothing (Finish ends the round).
func (c *Clock) NextPhase() {
	if c.st.Finished || c.st.Phase >= len(c.phases)-1 {
		return
	}
	c.accrue()
	c.st.Phase++
}

// Finish ends the round and freezes the elapsed times.
func (c *Clock) Finish() {
	c.accrue()
	c.st.Running, c.st.Finished = false, true
}

// State returns a copy of the persisted state, with elapsed time brought up to now.
func (c *Clock) State() ClockState {
	c.accrue()
	st := c.st
	st.Elapsed = append([]time.Duration(nil), c.st.Elapsed...)
	return st
}

// Status is what the round screen shows at one moment.
type Status struct {
	State     RoundState
	Phase     int
	PhaseName string
	PhaseLeft time.Duration // negative once the phase is over its budget
	RoundLeft time.Duration // negative once the round is over its budget
	Elapsed   time.Duration // total time in the round
}

// Status reports the clock now.
func (c *Clock) Status() Status {
	c.accrue()
	var total, budget time.Duration
	for i, p := range c.phases {
		total += c.st.Elapsed[i]
		budget += time.Duration(p.Minutes) * time.Minute
	}
	s := Status{Phase: c.st.Phase, Elapsed: total, RoundLeft: budget - total}
	if len(c.phases) > 0 {
		p := c.phases[c.st.Phase]
		s.PhaseName = p.Name
		s.PhaseLeft = time.Duration(p.Minutes)*time.Minute - c.st.Elapsed[c.st.Phase]
	}
	switch {
	case c.st.Finished:
		s.State = StateFinished
	case !c.st.Started:
		s.State = StateReady
	case !c.st.Running:
		s.State = StatePaused
	case s.PhaseLeft < 0 || s.RoundLeft < 0:
		s.State = StateOvertime
	default:
		s.State = StateRunning
	}
	return s
}

// PhaseTime is the time a finished round spent in one phase against its budget.
type PhaseTime struct {
	Name   string        `json:"name"`
	Budget time.Duration `json:"budget"`
	Used   time.Duration `json:"used"`
}

// PhaseTimes reports time used per phase against its budget.
func (c *Clock) PhaseTimes() []PhaseTime {
	c.accrue()
	out := make([]PhaseTime, len(c.phases))
	for i, p := range c.phases {
		out[i] = PhaseTime{Name: p.Name, Budget: time.Duration(p.Minutes) * time.Minute, Used: c.st.Elapsed[i]}
	}
	return out
}
