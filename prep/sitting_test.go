package prep

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// attemptMap is a store of attempts by ID, as AttemptGetter reads them.
type attemptMap map[uuid.UUID]Attempt

func (m attemptMap) Attempt(id uuid.UUID) (Attempt, error) {
	a, ok := m[id]
	if !ok {
		return Attempt{}, ErrNotFound
	}
	return a, nil
}

// answered is an attempt whose phases took the given times.
func answered(used ...time.Duration) Attempt {
	a := Attempt{ID: uuid.New(), Prompt: Prompt{Round: Behavioural}}
	for _, u := range used {
		a.PhaseTimes = append(a.PhaseTimes, PhaseTime{Budget: 4 * time.Minute, Used: u})
	}
	return a
}

// sittingLoop is the default loop with its first n behavioural questions answered by the given
// attempts, stored in the returned map.
func sittingLoop(done ...Attempt) (Loop, attemptMap) {
	l := Loop{ID: uuid.New()}
	for _, r := range DefaultLoop {
		l.Slots = append(l.Slots, LoopSlot{Plan: r, PromptID: "p"})
	}
	m := attemptMap{}
	l.Slots[0].AttemptID, l.Slots[1].AttemptID = uuid.New(), uuid.New() // design and leadership, not read
	for i, a := range done {
		l.Slots[2+i].AttemptID = a.ID
		m[a.ID] = a
	}
	return l, m
}

func TestLoopSittingClock(t *testing.T) {
	q1 := answered(time.Minute, 9*time.Minute+30*time.Second, 2*time.Minute) // 12:30
	q2 := answered(2*time.Minute, 12*time.Minute)                            // 14:00
	for _, c := range []struct {
		name    string
		done    []Attempt
		slot    int
		ok      bool
		want    SittingClock
		current time.Duration
		status  SittingStatus
	}{
		{name: "systems design is a sitting of one: its own clock says it all", slot: 0},
		{name: "the first question: nothing earlier", slot: 2, ok: true, current: 3 * time.Minute,
			want:   SittingClock{Round: Behavioural, Question: 1, Questions: 3, Budget: 45 * time.Minute},
			status: SittingStatus{Used: 3 * time.Minute, Left: 42 * time.Minute}},
		{name: "the second question carries the first's time on", done: []Attempt{q1}, slot: 3, ok: true, current: 4*time.Minute + 50*time.Second,
			want:   SittingClock{Round: Behavioural, Question: 2, Questions: 3, Budget: 45 * time.Minute, Earlier: 12*time.Minute + 30*time.Second},
			status: SittingStatus{Used: 17*time.Minute + 20*time.Second, Left: 27*time.Minute + 40*time.Second}},
		{name: "the third, before its clock starts", done: []Attempt{q1, q2}, slot: 4, ok: true,
			want:   SittingClock{Round: Behavioural, Question: 3, Questions: 3, Budget: 45 * time.Minute, Earlier: 26*time.Minute + 30*time.Second},
			status: SittingStatus{Used: 26*time.Minute + 30*time.Second, Left: 18*time.Minute + 30*time.Second}},
		{name: "over time: Left goes negative", done: []Attempt{q1, q2}, slot: 4, ok: true, current: 20 * time.Minute,
			want:   SittingClock{Round: Behavioural, Question: 3, Questions: 3, Budget: 45 * time.Minute, Earlier: 26*time.Minute + 30*time.Second},
			status: SittingStatus{Used: 46*time.Minute + 30*time.Second, Left: -90 * time.Second, Over: true}},
		{name: "exactly at the budget is not over yet", done: []Attempt{q1, q2}, slot: 4, ok: true, current: 18*time.Minute + 30*time.Second,
			want:   SittingClock{Round: Behavioural, Question: 3, Questions: 3, Budget: 45 * time.Minute, Earlier: 26*time.Minute + 30*time.Second},
			status: SittingStatus{Used: 45 * time.Minute}},
		{name: "org design after the sitting is a sitting of one", done: []Attempt{q1, q2, answered(time.Minute)}, slot: 5},
	} {
		t.Run(c.name, func(t *testing.T) {
			l, m := sittingLoop(c.done...)
			got, ok, err := LoopSittingClock(l, c.slot, m)
			if err != nil || ok != c.ok || got != c.want {
				t.Fatalf("LoopSittingClock = %+v, %v, %v; want %+v, %v", got, ok, err, c.want, c.ok)
			}
			if ok {
				if s := got.At(c.current); s != c.status {
					t.Errorf("At(%s) = %+v, want %+v", c.current, s, c.status)
				}
			}
		})
	}
}

// A question whose attempt cannot be read is an error naming it, not a sitting that silently
// starts from nought.
func TestLoopSittingClockMissingAttempt(t *testing.T) {
	l, m := sittingLoop(answered(time.Minute))
	delete(m, l.Slots[2].AttemptID)
	_, _, err := LoopSittingClock(l, 3, m)
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), l.Slots[2].AttemptID.String()) || !strings.Contains(err.Error(), "question 1") {
		t.Fatalf("err = %v, want ErrNotFound naming the attempt and question 1", err)
	}
}

// The sitting's time is the question clock's Elapsed on top of the earlier questions, so it stands
// still while the round is paused, and after a kill it comes back from what is stored: the loop
// record, the earlier attempts and the draft's clock state.
func TestSittingClockPausedAndResumedAfterKill(t *testing.T) {
	q1 := answered(13 * time.Minute)
	l, m := sittingLoop(q1)
	phases := []Phase{{Name: "Story", Minutes: 10}, {Name: "Follow-ups", Minutes: 3}}
	var mono time.Duration
	clock := NewClock(phases, func() time.Duration { return mono })
	sc, ok, err := LoopSittingClock(l, 3, m)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	clock.Start()
	mono += 4 * time.Minute
	clock.Pause()
	mono += 20 * time.Minute // a long pause: the panel's clock does not run
	if got := sc.At(clock.Status().Elapsed).Used; got != 17*time.Minute {
		t.Fatalf("paused: %s used, want 17m0s", got)
	}
	clock.Start()
	mono += 90 * time.Second
	clock.NextPhase()
	mono += 30 * time.Second
	before := sc.At(clock.Status().Elapsed)
	if before.Used != 19*time.Minute || before.Left != 26*time.Minute {
		t.Fatalf("running again: %+v, want 19m used, 26m left", before)
	}

	// kill -9: all that is left is what was written. The loop and the clock state go through JSON
	// as the store keeps them; a new process's monotonic clock starts from nought.
	state := clock.State()
	var stored struct {
		Loop  Loop
		Clock ClockState
	}
	b, err := json.Marshal(struct {
		Loop  Loop
		Clock ClockState
	}{l, state})
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &stored); err != nil {
		t.Fatal(err)
	}
	var mono2 time.Duration
	restored := RestoreClock(phases, stored.Clock, func() time.Duration { return mono2 })
	sc2, _, err := LoopSittingClock(stored.Loop, 3, m)
	if err != nil {
		t.Fatal(err)
	}
	if after := sc2.At(restored.Status().Elapsed); after != before {
		t.Fatalf("after the restart: %+v, want %+v as before", after, before)
	}
	mono2 += time.Minute
	if after := sc2.At(restored.Status().Elapsed); after.Used != 20*time.Minute {
		t.Errorf("the restored clock runs on from where it was: %s used, want 20m0s", after.Used)
	}
}

func TestSittingCues(t *testing.T) {
	c := SittingClock{Round: Behavioural, Question: 2, Questions: 3, Budget: 45 * time.Minute, Earlier: 30 * time.Minute}
	var cues SittingCues
	kinds := func(current time.Duration) []SittingCueKind {
		var out []SittingCueKind
		for _, q := range cues.Check(c, c.At(current)) {
			out = append(out, q.Kind)
		}
		return out
	}
	steps := []struct {
		current time.Duration
		want    []SittingCueKind
	}{
		{0, nil},
		{9*time.Minute + 59*time.Second, nil},
		{10 * time.Minute, []SittingCueKind{SittingCueWarning}}, // 5:00 left
		{12 * time.Minute, nil},                                 // once
		{15 * time.Minute, nil},                                 // at the budget, not over
		{15*time.Minute + time.Second, []SittingCueKind{SittingCueOver}},
		{20 * time.Minute, nil},
	}
	for _, s := range steps {
		if got := kinds(s.current); !equalKinds(got, s.want) {
			t.Errorf("at %s: cues %v, want %v", s.current, got, s.want)
		}
	}

	// A question opened with the sitting already over is told at once, and not warned as well.
	late := SittingCues{}
	c.Earlier = 50 * time.Minute
	got := late.Check(c, c.At(0))
	if len(got) != 1 || got[0].Kind != SittingCueOver {
		t.Fatalf("opened over time: %+v, want the over cue alone", got)
	}
	if got[0].Title != "The behavioural round's time is up" || !strings.Contains(got[0].Message, "past its 45:00") ||
		!strings.Contains(got[0].Message, "cut the remaining questions short") {
		t.Errorf("over cue: %+v", got[0])
	}
	// The last question is not told of questions to come.
	c.Question, c.Earlier = 3, 41*time.Minute
	last := SittingCues{}
	got = last.Check(c, c.At(0))
	if len(got) != 1 || got[0].Kind != SittingCueWarning || !strings.Contains(got[0].Message, "4:00 of the behavioural round's 45:00 left") ||
		!strings.Contains(got[0].Message, "last question") {
		t.Errorf("warning on the last question: %+v", got)
	}
}

func equalKinds(a, b []SittingCueKind) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The loop summary and the attempt screen show a sitting's total against its slot.
func TestSittingTotals(t *testing.T) {
	q := []Attempt{answered(12*time.Minute + 10*time.Second), answered(14 * time.Minute), answered(15 * time.Minute)}
	l, m := sittingLoop(q...)
	total, ok, err := LoopSittingTotal(l, 3, m)
	want := SittingTotal{Sitting: 2, Questions: 3, Answered: 3, Used: 41*time.Minute + 10*time.Second, Budget: 45 * time.Minute}
	if err != nil || !ok || total != want || total.Over() {
		t.Fatalf("LoopSittingTotal = %+v, %v, %v; want %+v", total, ok, err, want)
	}
	if i, ok := LoopSlotOf(l, q[1].ID); !ok || i != 3 {
		t.Errorf("LoopSlotOf = %d, %v", i, ok)
	}
	if _, ok, _ := LoopSittingTotal(l, 0, m); ok {
		t.Error("systems design has a sitting total")
	}

	design := Attempt{ID: uuid.New(), Prompt: Prompt{Round: SystemsDesign}, PhaseTimes: []PhaseTime{{Budget: 55 * time.Minute, Used: 50 * time.Minute}}}
	attempts := append([]Attempt{design}, q...)
	s := SummariseLoopPlanned(attempts, []int{0, 1, 1, 1}, []LoopRound{DefaultLoop[0], DefaultLoop[2], DefaultLoop[3], DefaultLoop[4]}, DefaultBands, nil)
	want.Sitting = 1
	if len(s.Sittings) != 1 || s.Sittings[0] != want {
		t.Errorf("summary sittings %+v, want [%+v]", s.Sittings, want)
	}
	// Without plans (an old caller) the slot is the questions' own budgets: 3 phases of 4 minutes.
	s = SummariseLoopSittings(q, []int{0, 0, 0}, nil)
	if len(s.Sittings) != 1 || s.Sittings[0].Budget != 12*time.Minute || !s.Sittings[0].Over() {
		t.Errorf("without plans: %+v", s.Sittings)
	}
	if s = SummariseLoop(q, nil); len(s.Sittings) != 0 {
		t.Errorf("attempts of a round each: sittings %+v", s.Sittings)
	}
}
