package prep

import (
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
)

func loopLibrary() Library {
	mk := func(id string, r RoundType, minutes int, crit ...string) Prompt {
		p := Prompt{ID: id, Round: r, Minutes: minutes, Title: id}
		for _, c := range crit {
			p.Rubric = append(p.Rubric, Criterion{Name: c})
		}
		return p
	}
	return Library{Bundled: []*PracticeSet{{ID: "s", Version: 1, Prompts: []Prompt{
		mk("sd-a", SystemsDesign, 60, "Trade-offs", "Communication"),
		mk("sd-b", SystemsDesign, 60, "Delivery plan", "Communication"),
		mk("sd-short", SystemsDesign, 30, "Trade-offs"),
		mk("ld-a", Leadership, 45, "Ownership"),
		mk("od-a", OrgDesign, 45, "Diagnosis"),
	}}}}
}

func TestPickPromptFavoursWeakCriteriaAndAvoidsRepeats(t *testing.T) {
	lib := loopLibrary()
	history := []AttemptSummary{
		{PromptID: "ld-a", Scores: []Score{{Criterion: "Delivery plan", Value: 1}, {Criterion: "Trade-offs", Value: 4}}},
	}
	_, p, ok := PickPrompt(lib, DefaultLoop[0], history, nil, 0)
	if !ok || p.ID != "sd-b" {
		t.Fatalf("picked %s, want sd-b (its criterion Delivery plan is the weakest)", p.ID)
	}
	// sd-b was just attempted: a loop avoids recent repeats.
	history = append([]AttemptSummary{{PromptID: "sd-b"}}, history...)
	if _, p, _ = PickPrompt(lib, DefaultLoop[0], history, nil, 0); p.ID == "sd-b" {
		t.Fatalf("picked the prompt attempted last")
	}
	// Excluded prompts (already in this loop) are never picked; length matters after that.
	_, p, _ = PickPrompt(lib, DefaultLoop[0], nil, map[string]bool{"sd-a": true, "sd-b": true}, 0)
	if p.ID != "sd-short" {
		t.Fatalf("picked %s", p.ID)
	}
	if _, _, ok := PickPrompt(Library{}, DefaultLoop[0], nil, nil, 0); ok {
		t.Fatal("an empty library yields a prompt")
	}
	// Re-picking with another seed offers the other equally good prompt.
	_, p0, _ := PickPrompt(lib, DefaultLoop[0], nil, nil, 0)
	_, p1, _ := PickPrompt(lib, DefaultLoop[0], nil, nil, 1)
	if p0.ID == p1.ID {
		t.Errorf("re-pick offered %s again", p0.ID)
	}
}

func TestScoreBand(t *testing.T) {
	sc := func(vals ...int) []Score {
		var out []Score
		for _, v := range vals {
			out = append(out, Score{Criterion: "c", Value: v})
		}
		return out
	}
	cases := []struct {
		rounds []float64
		scores []Score
		want   Band
	}{
		{[]float64{1.5, 1.8}, sc(1, 2, 2, 2), BandNoHire},
		{[]float64{2.5, 2.5}, sc(2, 3, 2, 3), BandLeanHire},
		{[]float64{3, 3}, sc(3, 3, 3, 3), BandHire},
		{[]float64{4, 3.5}, sc(4, 4, 3, 4), BandStrongHire},
		{[]float64{4, 4, 1.5}, sc(4, 4, 4, 4, 4, 4, 1, 2), BandLeanHire}, // one weak round caps the band
		{[]float64{4, 4, 2.5}, sc(4, 4, 4, 4, 4, 4, 2, 3), BandHire},     // strong needs every round at 3+
	}
	for i, c := range cases {
		if got, _ := ScoreBand(c.rounds, c.scores); got != c.want {
			t.Errorf("case %d: %s, want %s", i, got, c.want)
		}
	}
}

func TestSummariseLoop(t *testing.T) {
	a := func(r RoundType, used time.Duration, scores ...Score) Attempt {
		return Attempt{ID: uuid.New(), Prompt: Prompt{Round: r, Title: string(r)}, Scores: scores,
			PhaseTimes: []PhaseTime{{Budget: 45 * time.Minute, Used: used}}}
	}
	s := SummariseLoop([]Attempt{
		a(SystemsDesign, 50*time.Minute, Score{Criterion: "Trade-offs", Value: 2}, Score{Criterion: "Communication", Value: 4}),
		a(Leadership, 40*time.Minute, Score{Criterion: "Communication", Value: 3}, Score{Criterion: "Ownership", Value: 3}),
	}, nil)
	if len(s.Rounds) != 2 || s.Rounds[0].Average != 3 || s.Rounds[0].Used != 50*time.Minute || s.Rounds[0].Budget != 45*time.Minute {
		t.Fatalf("rounds %+v", s.Rounds)
	}
	if s.Criteria[0].Criterion != "Trade-offs" || s.Criteria[len(s.Criteria)-1].Criterion != "Communication" || s.Criteria[2].Count != 2 {
		t.Fatalf("criteria not weakest first: %+v", s.Criteria)
	}
	if s.Band != BandHire || s.Average != 3 || s.Rule != BandRule {
		t.Fatalf("band %s average %.2f", s.Band, s.Average)
	}
	// By competency: the rubric names them; "Ownership" names none and counts under Unmapped.
	withRubric := func(at Attempt, comps ...string) Attempt {
		for i, sc := range at.Scores {
			at.Prompt.Rubric = append(at.Prompt.Rubric, Criterion{Name: sc.Criterion, Competency: comps[i]})
		}
		return at
	}
	s = SummariseLoop([]Attempt{
		withRubric(a(SystemsDesign, time.Minute, Score{Criterion: "Trade-offs", Value: 2}, Score{Criterion: "Communication", Value: 4}), "technical-judgement", "influence"),
		withRubric(a(Leadership, time.Minute, Score{Criterion: "Communication", Value: 3}, Score{Criterion: "Ownership", Value: 1}), "influence", ""),
	}, Competencies{{ID: "technical-judgement", Name: "Technical judgement"}, {ID: "influence", Name: "Influence"}})
	if len(s.Competencies) != 3 || s.Competencies[0].ID != "technical-judgement" || s.Competencies[1].ID != "influence" ||
		s.Competencies[1].Average != 3.5 || s.Competencies[1].Attempts != 2 || s.Competencies[2].ID != Unmapped {
		t.Fatalf("by competency: %+v", s.Competencies)
	}
	if s.Competencies[0].Name != "Technical judgement" || s.Competencies[2].Name != "Unmapped" || s.Competencies[2].Count != 1 {
		t.Errorf("names and the unmapped group: %+v", s.Competencies)
	}
	l := Loop{Slots: []LoopSlot{{AttemptID: uuid.New()}, {}, {}}}
	if l.Current() != 1 {
		t.Errorf("current %d", l.Current())
	}
}

// behaviouralLibrary has behavioural prompts whose competencies overlap in pairs, and a weakness
// history that makes an overlapping prompt the most attractive after the first pick.
func behaviouralLibrary() Library {
	mk := func(id string, comps ...string) Prompt {
		p := Prompt{ID: id, Round: Behavioural, Minutes: 15, Title: id}
		for _, c := range comps {
			p.Rubric = append(p.Rubric, Criterion{Name: id + " " + c, Competency: c})
		}
		return p
	}
	return Library{Bundled: []*PracticeSet{{ID: "b", Version: 1, Prompts: []Prompt{
		mk("hiring-1", "hiring"),
		mk("hiring-2", "hiring", "delivery"),
		mk("delivery-1", "delivery"),
		mk("conflict-1", "conflict"),
		mk("strategy-1", "strategy"),
	}}}}
}

// The questions of a behavioural sitting never share a competency while prompts that do not are
// left, even when the shared competency is the weakest; the weakest still leads.
func TestPickPromptAvoidingKeepsASittingsCompetenciesApart(t *testing.T) {
	lib := behaviouralLibrary()
	history := []AttemptSummary{{PromptID: "old", Scores: []Score{{Criterion: "x", Value: 1}, {Criterion: "y", Value: 2}, {Criterion: "z", Value: 3}},
		Competencies: []string{"hiring", "delivery", "conflict"}}}
	avoid, exclude := map[string]bool{}, map[string]bool{}
	var picked []string
	for range BehaviouralQuestions {
		_, p, ok := PickPromptAvoiding(lib, DefaultLoop[2], history, exclude, avoid, 0)
		if !ok {
			t.Fatal("no prompt")
		}
		for c := range PromptCompetencies(p) {
			if avoid[c] {
				t.Fatalf("picked %s, whose competency %s is already asked in the sitting (picked %v)", p.ID, c, picked)
			}
			avoid[c] = true
		}
		exclude[p.ID] = true
		picked = append(picked, p.ID)
	}
	// hiring-2 (hiring and delivery, 1.5) is weaker than delivery-1 (2) but shares hiring with the
	// first question; strategy (never scored, 2.5) comes before conflict (3).
	if want := []string{"hiring-1", "delivery-1", "strategy-1"}; !slices.Equal(picked, want) {
		t.Errorf("picked %v, want %v", picked, want)
	}
	// With every competency taken, a prompt is still offered rather than none.
	all := map[string]bool{"hiring": true, "delivery": true, "conflict": true, "strategy": true}
	if _, _, ok := PickPromptAvoiding(lib, DefaultLoop[2], nil, nil, all, 0); !ok {
		t.Error("no prompt when every competency is taken")
	}
}

func TestDefaultLoopHasABehaviouralSitting(t *testing.T) {
	ss := Sittings(DefaultLoop)
	if len(ss) != 4 {
		t.Fatalf("sittings %v, want 4", ss)
	}
	b := ss[2]
	if b.Len() != BehaviouralQuestions {
		t.Fatalf("behavioural sitting %v has %d questions", b, b.Len())
	}
	for i := b.Start; i < b.End; i++ {
		r := DefaultLoop[i]
		if r.Round != Behavioural || r.Lead != DefaultLoop[b.Start].Lead {
			t.Errorf("slot %d: %+v", i, r)
		}
		if i < b.End-1 && r.BreakMinutes != 0 {
			t.Errorf("slot %d has a %d-minute break inside the sitting", i, r.BreakMinutes)
		}
	}
	if DefaultLoop[b.End-1].BreakMinutes == 0 || DefaultLoop[len(DefaultLoop)-1].BreakMinutes != 0 {
		t.Error("breaks between sittings, none after the last")
	}
	// A loop saved before sittings: every slot is its own sitting.
	old := []LoopRound{{Round: SystemsDesign}, {Round: OrgDesign}}
	if got := Sittings(old); len(got) != 2 || got[1] != (Sitting{1, 2}) {
		t.Errorf("old loop sittings %v", got)
	}
}

func TestMoveAndRemoveSittings(t *testing.T) {
	slots := make([]LoopSlot, len(DefaultLoop))
	for i, r := range DefaultLoop {
		slots[i] = LoopSlot{Plan: r, PromptID: string(rune('a' + i))}
	}
	ids := func(ss []LoopSlot) string {
		out := ""
		for _, s := range ss {
			out += s.PromptID
		}
		return out
	}
	// Org design (sitting 3, slot f) up past the behavioural sitting: the three questions move together.
	moved := MoveSitting(slots, 3, -1)
	if got := ids(moved); got != "abfcde" {
		t.Fatalf("moved: %s", got)
	}
	if moved[2].Plan.BreakMinutes != DefaultBreakMinutes || moved[5].Plan.BreakMinutes != 0 {
		t.Errorf("breaks after the move: org design %d, last %d", moved[2].Plan.BreakMinutes, moved[5].Plan.BreakMinutes)
	}
	if s := Sittings(Plans(moved)); len(s) != 4 || s[3] != (Sitting{3, 6}) {
		t.Errorf("sittings after the move %v", s)
	}
	if got := ids(MoveSitting(slots, 0, -1)); got != "abcdef" {
		t.Errorf("moving the first up changed %s", got)
	}
	if ids(slots) != "abcdef" || slots[5].Plan.BreakMinutes != 0 {
		t.Error("the move changed the plan it was given")
	}
	rest := RemoveSitting(slots, 2)
	if got := ids(rest); got != "abf" {
		t.Fatalf("removed behavioural: %s", got)
	}
	for len(rest) > 1 {
		rest = RemoveSitting(rest, 0)
	}
	if got := ids(RemoveSitting(rest, 0)); got != "f" {
		t.Errorf("the last sitting was removed: %q", got)
	}
}

// A behavioural sitting is one round for the band: one weak question among three strong ones does
// not cap the loop at Lean hire as a weak round does.
func TestSummariseLoopBandsASittingAsOneRound(t *testing.T) {
	a := func(scores ...int) Attempt {
		at := Attempt{ID: uuid.New(), Prompt: Prompt{Round: Behavioural}}
		for _, v := range scores {
			at.Scores = append(at.Scores, Score{Criterion: "c", Value: v})
		}
		return at
	}
	attempts := []Attempt{a(4, 3), a(4, 3), a(2, 1), a(3, 3)} // overall 2.875
	if s := SummariseLoop(attempts, nil); s.Band != BandLeanHire {
		t.Fatalf("each question a round: %s, want Lean hire (a question averages 1.5)", s.Band)
	}
	s := SummariseLoopSittings(attempts, []int{0, 0, 0, 1}, nil)
	if s.Band != BandHire || s.Average != 2.875 || len(s.Rounds) != 4 {
		t.Errorf("the three questions as one sitting (2.83): %s %.3f, %d rounds listed; want Hire, 2.875, 4", s.Band, s.Average, len(s.Rounds))
	}
}

// TestPickPromptExercisesTheRoundsCompetencies: a round of a loop file that weighs strategy gets
// the strategy prompt even when the candidate is weaker at what the other prompt asks about; a
// round that weighs nothing still follows the weakness.
func TestPickPromptExercisesTheRoundsCompetencies(t *testing.T) {
	lib := Library{Bundled: []*PracticeSet{{ID: "s", Version: 1, Prompts: []Prompt{
		{ID: "people", Round: Leadership, Minutes: 45, Rubric: []Criterion{{Name: "Coaching", Competency: "developing-people"}}},
		{ID: "board", Round: Leadership, Minutes: 45, Rubric: []Criterion{{Name: "Investment case", Competency: "strategy"}}},
	}}}}
	history := []AttemptSummary{{PromptID: "elsewhere", Scores: []Score{{Criterion: "Coaching", Value: 1}, {Criterion: "Investment case", Value: 4}},
		Competencies: []string{"developing-people", "strategy"}}}
	plain := LoopRound{Round: Leadership, Minutes: 45, Lead: AskerEM}
	if _, p, _ := PickPrompt(lib, plain, history, nil, 0); p.ID != "people" {
		t.Fatalf("a round weighing nothing picks %q, want the weak competency's prompt", p.ID)
	}
	ceo := LoopRound{Round: Leadership, Minutes: 60, Lead: AskerCEO, Weight: 2, Competencies: map[string]float64{"strategy": 2, "influence": 1.5}}
	if _, p, _ := PickPrompt(lib, ceo, history, nil, 0); p.ID != "board" {
		t.Errorf("the CEO's strategy round picks %q, want the strategy prompt", p.ID)
	}
}
