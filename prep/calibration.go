package prep

import (
	"sort"
	"time"

	"github.com/google/uuid"
)

// CalibrationRow compares self-scores with a mentor's on one criterion, over the attempts the
// mentor reviewed.
type CalibrationRow struct {
	Criterion string
	Self      float64 // the candidate's average on the reviewed attempts
	Mentor    float64 // the mentors' average on the same attempts
	Count     int     // pairs of scores compared
}

// CalibrationGroup is the calibration of one competency (Criterion holds its name), with its
// criteria beneath.
type CalibrationGroup struct {
	CalibrationRow
	ID       string // the competency's ID, or Unmapped
	Criteria []CalibrationRow
}

// Gap is how much higher the candidate scores themselves than the mentor does.
func (r CalibrationRow) Gap() float64 { return r.Self - r.Mentor }

// CalibrationPoint is the self-minus-mentor gap averaged over one month.
type CalibrationPoint struct {
	Month time.Time // first day of the month, UTC
	Gap   float64
	Count int
}

// Calibration pairs each mentor score with the self-score on the same attempt and criterion, and
// adds them up by the criterion's competency (model names them). Groups, and the criteria within
// each, come largest gap first (where self-assessment is least reliable), Unmapped last; points are
// in month order.
func Calibration(history []AttemptSummary, reviews []Review, model Competencies) ([]CalibrationGroup, []CalibrationPoint) {
	byID := make(map[uuid.UUID]*AttemptSummary, len(history))
	for i := range history {
		byID[history[i].ID] = &history[i]
	}
	type acc struct {
		self, mentor float64
		n            int
	}
	type ckey struct{ competency, criterion string }
	crit := map[ckey]*acc{}
	groups := newCompetencyAcc(model) // only for the group each competency ID counts in
	months := map[time.Time]*acc{}
	for _, r := range reviews {
		a := byID[r.AttemptID]
		if a == nil {
			continue
		}
		for _, ms := range r.Scores {
			j := scoreIndex(a.Scores, ms.Criterion)
			if j < 0 {
				continue
			}
			self := a.Scores[j].Value
			k := ckey{groups.groupOf(a.CompetencyOf(j)).id, ms.Criterion}
			c := crit[k]
			if c == nil {
				c = &acc{}
				crit[k] = c
			}
			c.self += float64(self)
			c.mentor += float64(ms.Value)
			c.n++
			f := a.FinishedAt.UTC()
			m := time.Date(f.Year(), f.Month(), 1, 0, 0, 0, 0, time.UTC)
			p := months[m]
			if p == nil {
				p = &acc{}
				months[m] = p
			}
			p.self += float64(self)
			p.mentor += float64(ms.Value)
			p.n++
		}
	}
	byGroup := map[string]*CalibrationGroup{}
	var out []CalibrationGroup
	for k, c := range crit {
		g := byGroup[k.competency]
		if g == nil {
			g = &CalibrationGroup{ID: k.competency, CalibrationRow: CalibrationRow{Criterion: model.Label(k.competency)}}
			byGroup[k.competency] = g
		}
		g.Criteria = append(g.Criteria, CalibrationRow{Criterion: k.criterion, Self: c.self / float64(c.n), Mentor: c.mentor / float64(c.n), Count: c.n})
		g.Self += c.self
		g.Mentor += c.mentor
		g.Count += c.n
	}
	for _, g := range byGroup {
		g.Self /= float64(g.Count)
		g.Mentor /= float64(g.Count)
		sortByGap(g.Criteria)
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].ID == Unmapped) != (out[j].ID == Unmapped) {
			return out[j].ID == Unmapped
		}
		if out[i].Gap() != out[j].Gap() {
			return out[i].Gap() > out[j].Gap()
		}
		return out[i].Criterion < out[j].Criterion
	})
	var points []CalibrationPoint
	for m, p := range months {
		points = append(points, CalibrationPoint{Month: m, Gap: (p.self - p.mentor) / float64(p.n), Count: p.n})
	}
	sort.Slice(points, func(i, j int) bool { return points[i].Month.Before(points[j].Month) })
	return out, points
}

// Rows are the groups' own rows, for a chart of one bar pair per competency.
func Rows(groups []CalibrationGroup) []CalibrationRow {
	out := make([]CalibrationRow, len(groups))
	for i, g := range groups {
		out[i] = g.CalibrationRow
	}
	return out
}

func sortByGap(rows []CalibrationRow) {
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Gap() != rows[j].Gap() {
			return rows[i].Gap() > rows[j].Gap()
		}
		return rows[i].Criterion < rows[j].Criterion
	})
}

func scoreIndex(scores []Score, criterion string) int {
	for i, s := range scores {
		if s.Criterion == criterion {
			return i
		}
	}
	return -1
}

// ScoreOf returns the score given to a criterion, if it was scored.
func ScoreOf(scores []Score, criterion string) (int, bool) {
	for _, s := range scores {
		if s.Criterion == criterion {
			return s.Value, true
		}
	}
	return 0, false
}
