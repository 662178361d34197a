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

// Gap is how much higher the candidate scores themselves than the mentor does.
func (r CalibrationRow) Gap() float64 { return r.Self - r.Mentor }

// CalibrationPoint is the self-minus-mentor gap averaged over one month.
type CalibrationPoint struct {
	Month time.Time // first day of the month, UTC
	Gap   float64
	Count int
}

// Calibration pairs each mentor score with the self-score on the same attempt and criterion. Rows
// come largest gap first (where self-assessment is least reliable); points are in month order.
func Calibration(history []AttemptSummary, reviews []Review) ([]CalibrationRow, []CalibrationPoint) {
	byID := make(map[uuid.UUID]*AttemptSummary, len(history))
	for i := range history {
		byID[history[i].ID] = &history[i]
	}
	type acc struct {
		self, mentor float64
		n            int
	}
	crit := map[string]*acc{}
	months := map[time.Time]*acc{}
	for _, r := range reviews {
		a := byID[r.AttemptID]
		if a == nil {
			continue
		}
		for _, ms := range r.Scores {
			self, ok := ScoreOf(a.Scores, ms.Criterion)
			if !ok {
				continue
			}
			c := crit[ms.Criterion]
			if c == nil {
				c = &acc{}
				crit[ms.Criterion] = c
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
	var rows []CalibrationRow
	for name, c := range crit {
		rows = append(rows, CalibrationRow{Criterion: name, Self: c.self / float64(c.n), Mentor: c.mentor / float64(c.n), Count: c.n})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Gap() != rows[j].Gap() {
			return rows[i].Gap() > rows[j].Gap()
		}
		return rows[i].Criterion < rows[j].Criterion
	})
	var points []CalibrationPoint
	for m, p := range months {
		points = append(points, CalibrationPoint{Month: m, Gap: (p.self - p.mentor) / float64(p.n), Count: p.n})
	}
	sort.Slice(points, func(i, j int) bool { return points[i].Month.Before(points[j].Month) })
	return rows, points
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
