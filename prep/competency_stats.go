package prep

import "sort"

// competencyAcc adds scores up by competency and, beneath each, by criterion. With a model, a
// competency ID it does not have (a set or bundle from another version) counts as Unmapped; with
// none (tests without a model), every ID counts as given.
type competencyAcc struct {
	model Competencies
	index map[string]int // competency ID as scored -> its group (several IDs may share Unmapped's)
	group []competencyGroup
}

type competencyGroup struct {
	id          string
	sum         float64
	n           int
	wsum, w     float64 // the scores weighed as a loop's plan weighs them (addWeighted); w is 0 otherwise
	attempts    int
	lastAttempt int
	crit        map[string]*criterionAcc
}

type criterionAcc struct {
	sum     float64
	n       int
	wsum, w float64
}

func newCompetencyAcc(model Competencies) *competencyAcc {
	return &competencyAcc{model: model, index: map[string]int{}}
}

// groupOf is the group an ID counts in, found once per distinct ID and remembered.
func (c *competencyAcc) groupOf(id string) *competencyGroup {
	if gi, ok := c.index[id]; ok {
		return &c.group[gi]
	}
	k := id
	if id == "" || (c.model != nil && !c.model.Known(id)) {
		k = Unmapped
	}
	gi := -1
	for i := range c.group {
		if c.group[i].id == k {
			gi = i
		}
	}
	if gi < 0 {
		gi = len(c.group)
		c.group = append(c.group, competencyGroup{id: k, lastAttempt: -1, crit: map[string]*criterionAcc{}})
	}
	c.index[id] = gi
	return &c.group[gi]
}

// add counts one score of attempt number attempt (attempts are added in order).
func (c *competencyAcc) add(attempt int, id string, s Score) { c.addWeighted(attempt, id, s, 1) }

// addWeighted is add for a score that counts w times in the weighted averages (weightedStats): a
// loop planned from a loop file weighs its rounds and their competencies. Sums, counts and
// tallies stay unweighted.
func (c *competencyAcc) addWeighted(attempt int, id string, s Score, w float64) {
	g := c.groupOf(id)
	g.sum += float64(s.Value)
	g.n++
	g.wsum += w * float64(s.Value)
	g.w += w
	if g.lastAttempt != attempt {
		g.lastAttempt = attempt
		g.attempts++
	}
	ca := g.crit[s.Criterion]
	if ca == nil {
		ca = &criterionAcc{}
		g.crit[s.Criterion] = ca
	}
	ca.sum += float64(s.Value)
	ca.n++
	ca.wsum += w * float64(s.Value)
	ca.w += w
}

// stats are the groups weakest first, Unmapped last (CompetencyStatsOf).
func (c *competencyAcc) stats() []CompetencyStat { return CompetencyStatsOf(c.tallies(), c.model) }

// weightedStats are stats with each average weighed as addWeighted was told: the competency list of
// a loop whose overall figure is weighed the same way. Counts are still scores and attempts.
func (c *competencyAcc) weightedStats() []CompetencyStat {
	out := c.stats()
	byID := make(map[string]*competencyGroup, len(c.group))
	for i := range c.group {
		byID[c.group[i].id] = &c.group[i]
	}
	for i := range out {
		g, ok := byID[out[i].ID]
		if !ok {
			continue
		}
		if g.w > 0 {
			out[i].Average = g.wsum / g.w
		}
		for k := range out[i].Criteria {
			if ca := g.crit[out[i].Criteria[k].Criterion]; ca != nil && ca.w > 0 {
				out[i].Criteria[k].Average = ca.wsum / ca.w
			}
		}
		sortCriteria(out[i].Criteria)
	}
	sortCompetencyStats(out)
	return out
}

func sortCriteria(cs []CriterionStat) {
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].Average != cs[j].Average {
			return cs[i].Average < cs[j].Average
		}
		return cs[i].Criterion < cs[j].Criterion
	})
}

// CompetencyAverages is the mean self-score per competency ID over history; scores without a
// known competency are under Unmapped.
func CompetencyAverages(history []AttemptSummary, model Competencies) map[string]float64 {
	acc := newCompetencyAcc(model)
	for i := range history {
		for j, s := range history[i].Scores {
			acc.add(i, history[i].CompetencyOf(j), s)
		}
	}
	out := make(map[string]float64, len(acc.group))
	for _, g := range acc.group {
		out[g.id] = g.sum / float64(g.n)
	}
	return out
}
