package prep

import (
	"testing"
	"time"
)

// fakeTime is a monotonic source the test moves by hand.
type fakeTime struct{ t time.Duration }

func (f *fakeTime) now() time.Duration      { return f.t }
func (f *fakeTime) advance(d time.Duration) { f.t += d }

var testPhases = []Phase{{Name: "Clarify", Minutes: 5}, {Name: "Design", Minutes: 20}, {Name: "Wrap-up", Minutes: 5}}

func TestClockPhases(t *testing.T) {
	ft := &fakeTime{t: 17 * time.Hour} // an arbitrary origin: only differences matter
	c := NewClock(testPhases, ft.now)
	if s := c.Status(); s.State != StateReady || s.RoundLeft != 30*time.Minute || s.PhaseName != "Clarify" {
		t.Fatalf("new clock: %+v", s)
	}
	ft.advance(time.Minute) // time before Start is not counted
	c.Start()
	ft.advance(4 * time.Minute)
	if s := c.Status(); s.State != StateRunning || s.PhaseLeft != time.Minute || s.RoundLeft != 26*time.Minute {
		t.Fatalf("4 minutes in: %+v", s)
	}
	c.NextPhase()
	ft.advance(10 * time.Minute)
	s := c.Status()
	if s.Phase != 1 || s.PhaseName != "Design" || s.PhaseLeft != 10*time.Minute || s.Elapsed != 14*time.Minute {
		t.Fatalf("in design: %+v", s)
	}
	c.NextPhase()
	c.NextPhase() // already in the last phase: stays there
	if got := c.Status().Phase; got != 2 {
		t.Fatalf("phase %d, want 2", got)
	}
	ft.advance(2 * time.Minute)
	c.Finish()
	ft.advance(time.Hour)
	want := []time.Duration{4 * time.Minute, 10 * time.Minute, 2 * time.Minute}
	for i, pt := range c.PhaseTimes() {
		if pt.Used != want[i] || pt.Budget != time.Duration(testPhases[i].Minutes)*time.Minute {
			t.Errorf("phase %d: %+v, want used %v", i, pt, want[i])
		}
	}
	if c.Status().State != StateFinished {
		t.Errorf("state %v, want finished", c.Status().State)
	}
}

func TestClockPause(t *testing.T) {
	ft := &fakeTime{}
	c := NewClock(testPhases, ft.now)
	c.Start()
	ft.advance(3 * time.Minute)
	c.Pause()
	ft.advance(45 * time.Minute) // a long pause costs nothing
	if s := c.Status(); s.State != StatePaused || s.Elapsed != 3*time.Minute {
		t.Fatalf("paused: %+v", s)
	}
	c.NextPhase() // skipping ahead while paused keeps the clock paused
	c.Start()
	ft.advance(time.Minute)
	if s := c.Status(); s.State != StateRunning || s.Phase != 1 || s.Elapsed != 4*time.Minute {
		t.Fatalf("resumed: %+v", s)
	}
}

func TestClockOvertime(t *testing.T) {
	ft := &fakeTime{}
	c := NewClock(testPhases, ft.now)
	c.Start()
	ft.advance(7 * time.Minute) // two minutes past the Clarify budget
	s := c.Status()
	if s.State != StateOvertime || s.PhaseLeft != -2*time.Minute {
		t.Fatalf("phase overtime: %+v", s)
	}
	c.NextPhase()
	if s := c.Status(); s.State != StateRunning {
		t.Fatalf("a new phase with budget left is not overtime: %+v", s)
	}
	ft.advance(30 * time.Minute)
	s = c.Status()
	if s.State != StateOvertime || s.RoundLeft != -7*time.Minute {
		t.Fatalf("round overtime: %+v", s)
	}
}

func TestClockResumeFromPersistedState(t *testing.T) {
	before := &fakeTime{t: 5 * time.Hour}
	c := NewClock(testPhases, before.now)
	c.Start()
	before.advance(5 * time.Minute)
	c.NextPhase()
	before.advance(90 * time.Second)
	saved := c.State()

	// A new process: its monotonic origin is unrelated to the old one (here it is smaller).
	after := &fakeTime{t: 2 * time.Second}
	r := RestoreClock(testPhases, saved, after.now)
	if s := r.Status(); s.State != StateRunning || s.Phase != 1 || s.Elapsed != 6*time.Minute+30*time.Second {
		t.Fatalf("restored: %+v", s)
	}
	after.advance(time.Minute)
	if s := r.Status(); s.Elapsed != 7*time.Minute+30*time.Second {
		t.Fatalf("restored clock does not run: %+v", s)
	}

	c.Pause()
	paused := RestoreClock(testPhases, c.State(), after.now)
	after.advance(time.Hour)
	if s := paused.Status(); s.State != StatePaused || s.Elapsed != 6*time.Minute+30*time.Second {
		t.Fatalf("restored paused clock moved: %+v", s)
	}

	// A damaged phase index is clamped rather than trusted.
	bad := saved
	bad.Phase = 9
	if s := RestoreClock(testPhases, bad, after.now).Status(); s.Phase != 2 {
		t.Fatalf("phase %d, want clamped to 2", s.Phase)
	}
}

func TestClockStateIsACopy(t *testing.T) {
	ft := &fakeTime{}
	c := NewClock(testPhases, ft.now)
	c.Start()
	ft.advance(time.Minute)
	st := c.State()
	st.Elapsed[0] = time.Hour
	if c.Status().Elapsed != time.Minute {
		t.Fatal("changing a returned state changed the clock")
	}
}
