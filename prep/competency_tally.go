package prep

import "sort"

// CompetencyTally is the self-scores counted in one competency group, added up, with the criteria
// beneath it: what statistics by competency are made of, whoever adds the scores up (a store over
// its summary records, TallyCompetencies over summaries already read).
type CompetencyTally struct {
	ID       string // a competency of the model, or Unmapped
	Sum      int    // of the scores' values
	Count    int    // scores
	Attempts int    // attempts with at least one score in the group
	Criteria []CriterionTally
}

// CriterionTally is the scores of one criterion name within a competency group, added up.
type CriterionTally struct {
	Name       string
	Sum, Count int
}

// GroupOf is the group a competency ID as scored counts in: the ID itself when the model knows it
// (every non-empty ID, with no model), Unmapped otherwise (none, or one from another version).
func (cs Competencies) GroupOf(id string) string {
	if id == "" || id == Unmapped || (cs != nil && !cs.Known(id)) {
		return Unmapped
	}
	return id
}

// CompetencyStatsOf turns tallies into statistics by competency: weakest first, Unmapped last
// whatever its average (it is not a competency to work on, but scores that say which sets need a
// newer version), the criteria beneath each weakest first.
func CompetencyStatsOf(tallies []CompetencyTally, model Competencies) []CompetencyStat {
	out := make([]CompetencyStat, 0, len(tallies))
	for _, t := range tallies {
		if t.Count == 0 {
			continue
		}
		cs := CompetencyStat{ID: t.ID, Name: model.Label(t.ID), Average: float64(t.Sum) / float64(t.Count), Count: t.Count, Attempts: t.Attempts}
		for _, c := range t.Criteria {
			cs.Criteria = append(cs.Criteria, CriterionStat{Criterion: c.Name, Average: float64(c.Sum) / float64(c.Count), Count: c.Count})
		}
		sortCriteria(cs.Criteria)
		out = append(out, cs)
	}
	sortCompetencyStats(out)
	return out
}

// sortCompetencyStats puts the weakest first and Unmapped last.
func sortCompetencyStats(out []CompetencyStat) {
	sort.Slice(out, func(i, j int) bool {
		if (out[i].ID == Unmapped) != (out[j].ID == Unmapped) {
			return out[j].ID == Unmapped
		}
		if out[i].Average != out[j].Average {
			return out[i].Average < out[j].Average
		}
		return out[i].Name < out[j].Name
	})
}

// TallyCompetencies adds history's self-scores up by competency group: the statistics by
// competency of ComputeStats, through CompetencyStatsOf.
func TallyCompetencies(history []AttemptSummary, model Competencies) []CompetencyTally {
	acc := newCompetencyAcc(model)
	for i := range history {
		for j, s := range history[i].Scores {
			acc.add(i, history[i].CompetencyOf(j), s)
		}
	}
	return acc.tallies()
}

// tallies are the accumulator's groups as tallies.
func (c *competencyAcc) tallies() []CompetencyTally {
	out := make([]CompetencyTally, 0, len(c.group))
	for _, g := range c.group {
		t := CompetencyTally{ID: g.id, Sum: int(g.sum), Count: g.n, Attempts: g.attempts}
		for name, a := range g.crit {
			t.Criteria = append(t.Criteria, CriterionTally{Name: name, Sum: int(a.sum), Count: a.n})
		}
		out = append(out, t)
	}
	return out
}
