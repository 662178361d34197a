package prep_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/panelprep/panelprep/prep"
)

// TestLoopCompetenciesWeighed: the loop summary's competency list is weighed as its overall figure
// is, by the round's weight and the competency's weight in that round, criteria beneath included;
// counts stay counts of scores and rounds. Without weights it is the plain average.
func TestLoopCompetenciesWeighed(t *testing.T) {
	comp := map[string]string{"Design": "technical-judgement", "Coaching": "developing-people", "Hiring bar": "developing-people", "Org": "org-design"}
	attempts := []prep.Attempt{
		summaryAttempt(prep.SystemsDesign, comp, sc("Design", 4), sc("Coaching", 2)),
		summaryAttempt(prep.OrgDesign, comp, sc("Org", 2), sc("Hiring bar", 4)),
		summaryAttempt(prep.Leadership, comp, sc("Coaching", 3), sc("Design", 2)),
	}
	flat := []prep.LoopRound{{Round: prep.SystemsDesign}, {Round: prep.OrgDesign}, {Round: prep.Leadership}}
	cases := []struct {
		name  string
		plans []prep.LoopRound
		// want is "id average (criterion average, …)" per competency, weakest first.
		want []string
	}{
		{"no plan", nil, []string{
			"org-design 2.000 (Org 2.000)",
			"developing-people 3.000 (Coaching 2.500, Hiring bar 4.000)",
			"technical-judgement 3.000 (Design 3.000)",
		}},
		{"plans without weights", flat, []string{
			"org-design 2.000 (Org 2.000)",
			"developing-people 3.000 (Coaching 2.500, Hiring bar 4.000)",
			"technical-judgement 3.000 (Design 3.000)",
		}},
		// Round 2 counts ×2: Hiring bar 4 counts twice, so people is (2+8+3)/4.
		{"a round counts double", []prep.LoopRound{{Round: prep.SystemsDesign}, {Round: prep.OrgDesign, Weight: 2}, {Round: prep.Leadership}}, []string{
			"org-design 2.000 (Org 2.000)",
			"technical-judgement 3.000 (Design 3.000)",
			"developing-people 3.250 (Coaching 2.500, Hiring bar 4.000)",
		}},
		// Round 1 counts ×3 and weighs technical judgement ×2 in it: Design 4 counts 6 against
		// Design 2's 1, and Coaching 2 counts 3 against Coaching 3's 1.
		{"a round and a competency weighed", []prep.LoopRound{
			{Round: prep.SystemsDesign, Weight: 3, Competencies: map[string]float64{"technical-judgement": 2}},
			{Round: prep.OrgDesign}, {Round: prep.Leadership}}, []string{
			"org-design 2.000 (Org 2.000)",
			"developing-people 2.600 (Coaching 2.250, Hiring bar 4.000)",
			"technical-judgement 3.714 (Design 3.714)",
		}},
		// Weighing only a competency no round scores changes nothing.
		{"an unscored competency weighed", []prep.LoopRound{
			{Round: prep.SystemsDesign, Competencies: map[string]float64{"hiring": 3}}, {Round: prep.OrgDesign}, {Round: prep.Leadership}}, []string{
			"org-design 2.000 (Org 2.000)",
			"developing-people 3.000 (Coaching 2.500, Hiring bar 4.000)",
			"technical-judgement 3.000 (Design 3.000)",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := prep.SummariseLoopPlanned(attempts, nil, c.plans, prep.DefaultBands, nil)
			var got []string
			scores, rounds := 0, 0
			for _, cs := range s.Competencies {
				var crit []string
				for _, cr := range cs.Criteria {
					crit = append(crit, fmt.Sprintf("%s %.3f", cr.Criterion, cr.Average))
				}
				got = append(got, fmt.Sprintf("%s %.3f (%s)", cs.ID, cs.Average, strings.Join(crit, ", ")))
				scores += cs.Count
				rounds += cs.Attempts
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("competencies:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if scores != 6 || rounds != 6 {
				t.Errorf("counts are weighed: %d scores in %d competency-rounds, want 6 in 6", scores, rounds)
			}
			// The overall figure is the competencies' weighted averages put together: recompute it
			// from the rounds' weights to check the list and the figure agree.
			var sum, weight float64
			for i, a := range attempts {
				var plan prep.LoopRound
				if i < len(c.plans) {
					plan = c.plans[i]
				}
				for _, x := range a.Scores {
					w := plan.CriterionWeight(comp[x.Criterion])
					sum, weight = sum+w*float64(x.Value), weight+w
				}
			}
			if math.Abs(s.Average-sum/weight) > 1e-12 {
				t.Errorf("overall %v, want %v", s.Average, sum/weight)
			}
		})
	}
}
