package prep_test

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// The words the band rule was shown in before loop files; the default thresholds must still say
// exactly this.
const bandRuleBefore = "The band comes from your self-scores. Average across every criterion of every round: " +
	"below 2.0 is No hire; 2.0 up to 2.75 is Lean hire; 2.75 up to 3.5 is Hire; 3.5 or more is Strong hire. " +
	"Any single round averaging below 2.0 caps the band at Lean hire, and Strong hire also needs " +
	"every round to average 3.0 or more: a panel rarely hires past one weak round. The questions of a " +
	"behavioural round count together, as one round."

// TestShippedDefaultLoopIsTheDefault: the default loop file is the loop the app planned and banded
// before loop files, so a user who changes nothing sees nothing change.
func TestShippedDefaultLoopIsTheDefault(t *testing.T) {
	b := bundledBank(t)
	if len(b.Loops) == 0 || b.Loops[0].ID != prep.DefaultLoopShapeID {
		t.Fatalf("the shipped loops do not start with %q: %v", prep.DefaultLoopShapeID, b.Loops)
	}
	d := b.Loops[0]
	if !reflect.DeepEqual(d.Rounds, prep.DefaultLoop) {
		t.Errorf("the default loop file's rounds\n%+v\nare not DefaultLoop\n%+v", d.Rounds, prep.DefaultLoop)
	}
	if d.Bands != prep.DefaultBands {
		t.Errorf("the default loop file's bands %+v are not DefaultBands %+v", d.Bands, prep.DefaultBands)
	}
	if prep.BandRule != bandRuleBefore {
		t.Errorf("BandRule is now\n%s\nwant\n%s", prep.BandRule, bandRuleBefore)
	}
	if got := prep.LoopRule(d.Bands, d.Plan(), b.Competencies); got != bandRuleBefore {
		t.Errorf("the default loop's rule is\n%s", got)
	}
}

// TestShippedLoopShapes holds the shipped shapes to what the issue asks for: a scale-up Director
// loop, an enterprise loop with a bar raiser's heavier round, and a VP loop with the CEO.
func TestShippedLoopShapes(t *testing.T) {
	b := bundledBank(t)
	byID := map[string]*prep.LoopShape{}
	for _, s := range b.Loops {
		byID[s.ID] = s
		if s.ID == prep.BehaviouralSittingShapeID {
			continue // a round on its own, not an onsite (TestShippedBehaviouralSitting)
		}
		if len(prep.Sittings(s.Rounds)) < 3 || s.Minutes() < 150 {
			t.Errorf("%s: %d sittings, %d minutes: too thin for an onsite", s.ID, len(prep.Sittings(s.Rounds)), s.Minutes())
		}
	}
	for _, id := range []string{"director-scale-up", "enterprise-bar-raiser", "vp-engineering"} {
		if byID[id] == nil {
			t.Fatalf("no shipped loop %q", id)
		}
	}
	heavier := false
	for _, r := range byID["enterprise-bar-raiser"].Rounds {
		heavier = heavier || r.RoundWeight() > 1
	}
	if !heavier {
		t.Error("the enterprise loop has no round weighing more than the others (the bar raiser's)")
	}
	ceo := false
	for _, r := range byID["vp-engineering"].Rounds {
		ceo = ceo || r.Lead == prep.AskerCEO
	}
	if !ceo {
		t.Error("the VP loop has no round led by the CEO")
	}
}

// TestShippedBehaviouralSitting: the shipped behavioural round on its own is one sitting of three
// behavioural questions in 45 minutes, with no break, after the default loop in the planner's list.
func TestShippedBehaviouralSitting(t *testing.T) {
	b := bundledBank(t)
	var sh *prep.LoopShape
	for i, s := range b.Loops {
		if s.ID == prep.BehaviouralSittingShapeID {
			sh = s
			if i == 0 {
				t.Error("the behavioural sitting comes before the default loop")
			}
		}
	}
	if sh == nil {
		t.Fatalf("no shipped loop %q", prep.BehaviouralSittingShapeID)
	}
	st := prep.Sittings(sh.Rounds)
	if len(st) != 1 || st[0].Len() != 3 || sh.Minutes() != 45 || prep.SittingBudget(sh.Rounds, st[0]) != 45*time.Minute {
		t.Errorf("%s: sittings %v, %d minutes; want one sitting of three questions in 45", sh.ID, st, sh.Minutes())
	}
	for _, r := range sh.Rounds {
		if r.Round != prep.Behavioural || r.BreakMinutes != 0 {
			t.Errorf("%s: round %+v, want behavioural questions with no break", sh.ID, r)
		}
	}
}

// summaryCase is a loop's attempts as the existing loop tests build them.
func summaryAttempt(r prep.RoundType, rubric map[string]string, scores ...prep.Score) prep.Attempt {
	a := prep.Attempt{ID: uuid.New(), Prompt: prep.Prompt{Round: r, Title: string(r)}, Scores: scores,
		PhaseTimes: []prep.PhaseTime{{Budget: 45 * time.Minute, Used: 40 * time.Minute}}}
	for _, s := range scores {
		a.Prompt.Rubric = append(a.Prompt.Rubric, prep.Criterion{Name: s.Criterion, Competency: rubric[s.Criterion]})
	}
	return a
}

// TestDefaultShapeReproducesTodaysBands runs the summaries of the existing cases (and a spread of
// others) through the default loop file's plan and thresholds: band, averages and rule are
// exactly what SummariseLoopSittings gave before.
func TestDefaultShapeReproducesTodaysBands(t *testing.T) {
	b := bundledBank(t)
	d := b.Loops[0]
	comp := map[string]string{"Trade-offs": "technical-judgement", "Communication": "influence", "Ownership": "delivery"}
	cases := [][]prep.Attempt{
		{summaryAttempt(prep.SystemsDesign, comp, sc("Trade-offs", 2), sc("Communication", 4)),
			summaryAttempt(prep.Leadership, comp, sc("Communication", 3), sc("Ownership", 3))},
	}
	// Every pattern of four rounds from weak to strong, with a three-question behavioural sitting.
	for seed := 0; seed < 40; seed++ {
		v := func(k int) int { return min(4, max(1, 1+seed%4+(seed/4+k)%3-1)) }
		cases = append(cases, []prep.Attempt{
			summaryAttempt(prep.SystemsDesign, comp, sc("Trade-offs", v(0)), sc("Communication", v(1)), sc("Ownership", v(2))),
			summaryAttempt(prep.Leadership, comp, sc("Communication", v(3)), sc("Ownership", v(4))),
			summaryAttempt(prep.Behavioural, comp, sc("Ownership", v(5))),
			summaryAttempt(prep.Behavioural, comp, sc("Communication", v(6))),
			summaryAttempt(prep.Behavioural, comp, sc("Trade-offs", v(7)), sc("Ownership", v(8))),
			summaryAttempt(prep.OrgDesign, comp, sc("Ownership", v(9)), sc("Communication", v(10))),
		})
	}
	sittings := []int{0, 1, 2, 2, 2, 3}
	seen := map[prep.Band]bool{}
	for i, attempts := range cases {
		var sit []int
		plans := d.Plan()
		if len(attempts) == len(plans) {
			sit = sittings
		} else {
			plans = plans[:len(attempts)]
		}
		before := prep.SummariseLoopSittings(attempts, sit, b.Competencies)
		after := prep.SummariseLoopPlanned(attempts, sit, plans, d.Bands, b.Competencies)
		if before.Band != after.Band || before.Average != after.Average || before.Rule != after.Rule {
			t.Errorf("case %d: the default file gives %s %v, today %s %v", i, after.Band, after.Average, before.Band, before.Average)
		}
		for j := range before.Rounds {
			if before.Rounds[j].Average != after.Rounds[j].Average {
				t.Errorf("case %d round %d: %v, today %v", i, j, after.Rounds[j].Average, before.Rounds[j].Average)
			}
		}
		seen[after.Band] = true
	}
	if len(seen) < 4 {
		t.Errorf("the cases reach only the bands %v: they test too little", seen)
	}
}

// TestWeightedBand: a loop file's weights move the band. The same scores are a Hire on the default
// loop and a Lean hire when the weak round counts double and the weak competency weighs more.
func TestWeightedBand(t *testing.T) {
	comp := map[string]string{"Design": "technical-judgement", "People": "developing-people", "Org": "org-design"}
	attempts := []prep.Attempt{
		summaryAttempt(prep.SystemsDesign, comp, sc("Design", 4), sc("People", 3)),
		summaryAttempt(prep.OrgDesign, comp, sc("Org", 2), sc("People", 3)),
		summaryAttempt(prep.Leadership, comp, sc("People", 3), sc("Design", 3)),
	}
	flat := prep.SummariseLoopPlanned(attempts, nil, nil, prep.DefaultBands, nil)
	if flat.Band != prep.BandHire || flat.Average != 3 {
		t.Fatalf("unweighted: %s %v, want Hire 3", flat.Band, flat.Average)
	}
	plans := []prep.LoopRound{
		{Round: prep.SystemsDesign, Minutes: 60},
		{Round: prep.OrgDesign, Minutes: 45, Weight: 2, Competencies: map[string]float64{"org-design": 3}},
		{Round: prep.Leadership, Minutes: 45},
	}
	w := prep.SummariseLoopPlanned(attempts, nil, plans, prep.DefaultBands, nil)
	// Org-design round: Org 2 counts 2×3 = 6, People 3 counts 2: (12+6)/8 = 2.25 for the round.
	// Overall: (4+3) + (12+6) + (3+3) = 31 over 2+8+2 = 12.
	if w.Rounds[1].Average != 2.25 || w.Rounds[1].Weight != 2 {
		t.Errorf("weighted org-design round: average %v weight %v, want 2.25 and 2", w.Rounds[1].Average, w.Rounds[1].Weight)
	}
	if want := 31.0 / 12; w.Average != want || w.Band != prep.BandLeanHire {
		t.Errorf("weighted: %s %v, want Lean hire %v", w.Band, w.Average, want)
	}
	if !strings.Contains(w.Rule, "Weighted average") || !strings.Contains(w.Rule, "round 2 (Hiring and org design) counts ×2 and weighs org-design ×3") {
		t.Errorf("the rule does not say the weights:\n%s", w.Rule)
	}
	// The thresholds come from the file too: a lower bar makes the same loop a Hire.
	low := prep.BandThresholds{LeanHire: 1.5, Hire: 2.5, StrongHire: 3.5, RoundFloor: 1.5, StrongHireRoundFloor: 3}
	if got := prep.SummariseLoopPlanned(attempts, nil, plans, low, nil); got.Band != prep.BandHire || !strings.Contains(got.Rule, "below 1.5 is No hire; 1.5 up to 2.5 is Lean hire") {
		t.Errorf("with lower thresholds: %s, rule %s", got.Band, got.Rule)
	}
}

// TestRoundFloorFromFile: the floor a single round must clear is the file's.
func TestRoundFloorFromFile(t *testing.T) {
	b := prep.BandThresholds{LeanHire: 2, Hire: 2.75, StrongHire: 3.5, RoundFloor: 2.5, StrongHireRoundFloor: 3.25}
	cases := []struct {
		overall float64
		rounds  []float64
		want    prep.Band
	}{
		{3.0, []float64{3.5, 2.4}, prep.BandLeanHire}, // below this file's floor, above the default's
		{3.0, []float64{3.5, 2.5}, prep.BandHire},
		{3.6, []float64{4, 3.2}, prep.BandHire}, // Strong hire needs 3.25 in every round here
		{3.6, []float64{4, 3.25}, prep.BandStrongHire},
		{1.9, []float64{1.9}, prep.BandNoHire},
	}
	for i, c := range cases {
		if got := b.Band(c.overall, c.rounds); got != c.want {
			t.Errorf("case %d: %s, want %s", i, got, c.want)
		}
	}
	if got := prep.DefaultBands.Band(3.0, []float64{3.5, 2.4}); got != prep.BandHire {
		t.Errorf("the default floor: %s", got)
	}
}

func parseLoopFile(t *testing.T, name string) (*prep.LoopShape, error) {
	t.Helper()
	data, err := os.ReadFile("../testdata/loops/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return prep.ParseLoopShape(name, data, bundledBank(t).Competencies)
}

func TestParseLoopFileGood(t *testing.T) {
	s, err := parseLoopFile(t, "northwind-director.toml")
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "northwind-director" || s.Version != 1 || len(s.Rounds) != 4 || len(prep.Sittings(s.Rounds)) != 3 {
		t.Fatalf("parsed %+v", s)
	}
	if r := s.Rounds[1]; r.Weight != 2 || r.Competencies["delivery"] != 1.5 || r.Lead != prep.AskerVP || r.BreakMinutes != 10 {
		t.Errorf("round 2: %+v", r)
	}
	if s.Rounds[0].Weight != 0 || s.Rounds[0].RoundWeight() != 1 || !s.Rounds[3].FollowsOn {
		t.Errorf("rounds: %+v", s.Rounds)
	}
	if s.Bands != prep.DefaultBands {
		t.Errorf("bands %+v", s.Bands)
	}
	if !strings.HasPrefix(s.Description, "Northwind interviews Directors in three sittings: a design round") {
		t.Errorf("description %q", s.Description)
	}
}

// TestParseLoopFileProblems: every mistake of a broken file is named with its line and field, as
// the set checker names them.
func TestParseLoopFileProblems(t *testing.T) {
	_, err := parseLoopFile(t, "bad-problems.toml")
	var fe *prep.SetFileError
	if !errors.As(err, &fe) {
		t.Fatalf("got %v, want a *SetFileError", err)
	}
	var got []string
	for _, p := range fe.Problems {
		got = append(got, p.String())
	}
	want := []string{
		`bad-problems.toml:1: id: must be 1 to 64 characters of a-z, 0-9 and '-' (got "Bad Loop")`,
		`bad-problems.toml:2: name: is missing`,
		`bad-problems.toml:3: version: must be 1 or more (got 0)`,
		`bad-problems.toml:6: rounds[0].round: unknown round type "coding"`,
		`bad-problems.toml:7: rounds[0].minutes: must be 5 to 180 (got 2)`,
		`bad-problems.toml:8: rounds[0].lead: unknown panel member "recruiter"`,
		`bad-problems.toml:9: rounds[0].follows_on: the first round has no round before it to follow on`,
		`bad-problems.toml:15: rounds[1].weight: must be more than 0 and at most 5.0 (got 0); leave it out to count the round once`,
		`bad-problems.toml:16: rounds[1].competencies.charisma: unknown competency "charisma"`,
		`bad-problems.toml:16: rounds[1].competencies.delivery: weight must be more than 0 and at most 5.0 (got 9)`,
		`bad-problems.toml:17: rounds[1].colour: unknown field`,
		`bad-problems.toml:23: rounds[2].follows_on: a round that follows on continues the sitting before it`,
		`bad-problems.toml:23: rounds[2].follows_on: a round that follows on is weighed as the sitting it continues`,
		`bad-problems.toml:24: rounds[2].break_minutes: the last round has no break after it (got 10)`,
		`bad-problems.toml:26: bands.strong_hire_round_floor: is missing (an average self-score from 1 to 4)`,
		`bad-problems.toml:28: bands.hire: must be more than lean_hire (2.5): the overall thresholds rise`,
		`bad-problems.toml:29: bands.strong_hire: must be an average self-score from 1 to 4 (got 5)`,
	}
	if len(got) != len(want) {
		t.Fatalf("%d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
}
