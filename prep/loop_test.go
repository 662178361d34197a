package prep

import (
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
		{PromptID: "ld-a", Scores: []Score{{"Delivery plan", 1}, {"Trade-offs", 4}}},
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
		a(SystemsDesign, 50*time.Minute, Score{"Trade-offs", 2}, Score{"Communication", 4}),
		a(Leadership, 40*time.Minute, Score{"Communication", 3}, Score{"Ownership", 3}),
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
		withRubric(a(SystemsDesign, time.Minute, Score{"Trade-offs", 2}, Score{"Communication", 4}), "technical-judgement", "influence"),
		withRubric(a(Leadership, time.Minute, Score{"Communication", 3}, Score{"Ownership", 1}), "influence", ""),
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
