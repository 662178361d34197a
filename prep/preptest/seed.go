// Package preptest makes realistic PanelPrep data for tests and benchmarks: one seeding helper that
// the prep, data and ui tests share, so that a figure measured in one package means the same data in
// another.
package preptest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

var phrases = []string{
	"I would start by agreeing the success measures with the VP before touching the structure.",
	"The ledger team owns the book of record; authorisations own the hot-path projection.",
	"Spans of 23 and 17 are far past the healthy range, so the first hire is an EM.",
	"We phase the migration market by market, with a shadow period and exit criteria.",
	"I met Priya weekly and agreed three observable expectations for the quarter.",
	"The trade-off is a quarter of slower feature work in exchange for a release train.",
	"Communication paths grow as n(n-1)/2, which is why the teams stay under nine.",
	"Incidents dropped from six a month to two once on-call ownership was explicit.",
	"I would ask the staff engineer to write the decision record, and review it with both EMs.",
	"Hiring order: two EMs first, then a staff engineer for the platform, then engineers per team.",
}

// Attempts returns n attempts at the library's prompts, finishing between start and start+span,
// oldest first, with answers of about 1,500 characters, self-scores that improve slowly, and phase
// times around their budgets. The same seed always gives the same attempts.
func Attempts(lib prep.Library, n int, start time.Time, span time.Duration, seed uint64) []prep.Attempt {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var prompts []prep.Prompt
	var sets []*prep.PracticeSet
	for _, s := range lib.Sets() {
		for _, p := range s.Prompts {
			prompts = append(prompts, p)
			sets = append(sets, s)
		}
	}
	out := make([]prep.Attempt, n)
	for i := range out {
		k := rng.IntN(len(prompts))
		p, set := prompts[k], sets[k]
		finished := start.Add(time.Duration(float64(span) * float64(i) / float64(max(n, 1))))
		progress := float64(i) / float64(max(n, 1)) // scores drift up over time
		var scores []prep.Score
		for _, c := range p.Rubric {
			v := 1 + rng.IntN(3)
			if rng.Float64() < progress {
				v++
			}
			scores = append(scores, prep.Score{Criterion: c.Name, Value: min(v, 4)})
		}
		var times []prep.PhaseTime
		for _, ph := range p.Phases {
			budget := time.Duration(ph.Minutes) * time.Minute
			used := time.Duration(float64(budget) * (0.6 + 0.8*rng.Float64()))
			times = append(times, prep.PhaseTime{Name: ph.Name, Budget: budget, Used: used.Round(time.Second)})
		}
		var b strings.Builder
		for b.Len() < 1500 {
			b.WriteString(phrases[rng.IntN(len(phrases))])
			if rng.IntN(4) == 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteString(" ")
			}
		}
		out[i] = prep.Attempt{
			ID: uuid.New(), SetID: set.ID, SetVersion: set.Version, Prompt: p,
			Answer: b.String(), PhaseTimes: times, Scores: scores,
			Reflection: fmt.Sprintf("Attempt %d: spent too long on %s.", i+1, strings.ToLower(p.Phases[rng.IntN(len(p.Phases))].Name)),
			StartedAt:  finished.Add(-time.Duration(p.Minutes) * time.Minute), FinishedAt: finished,
		}
	}
	return out
}

// Summaries returns the attempts' summaries, newest first, as the store lists them.
func Summaries(attempts []prep.Attempt) []prep.AttemptSummary {
	out := make([]prep.AttemptSummary, len(attempts))
	for i := range attempts {
		out[len(attempts)-1-i] = attempts[i].Summary()
	}
	return out
}

// SearchDocs returns the attempts' searchable text, newest first.
func SearchDocs(attempts []prep.Attempt) []prep.SearchDoc {
	out := make([]prep.SearchDoc, len(attempts))
	for i := range attempts {
		out[len(attempts)-1-i] = attempts[i].SearchDoc()
	}
	return out
}
