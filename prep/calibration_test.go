package prep_test

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

func TestCalibration(t *testing.T) {
	a1 := summary("a", prep.Leadership, time.Date(2026, 9, 10, 0, 0, 0, 0, utc), sc("Ownership", 4), sc("Conflict", 2))
	a2 := summary("b", prep.Leadership, time.Date(2026, 10, 3, 0, 0, 0, 0, utc), sc("Ownership", 3), sc("Conflict", 3))
	reviews := []prep.Review{
		{ID: uuid.New(), AttemptID: a1.ID, Scores: []prep.Score{sc("Ownership", 2), sc("Conflict", 2)}},
		{ID: uuid.New(), AttemptID: a2.ID, Scores: []prep.Score{sc("Ownership", 3)}},
		{ID: uuid.New(), AttemptID: uuid.New(), Scores: []prep.Score{sc("Ownership", 1)}}, // an attempt not in history
	}
	rows, points := prep.Calibration([]prep.AttemptSummary{a1, a2}, reviews)
	if len(rows) != 2 || rows[0].Criterion != "Ownership" || rows[0].Self != 3.5 || rows[0].Mentor != 2.5 || rows[0].Count != 2 || rows[0].Gap() != 1 {
		t.Fatalf("rows %+v", rows)
	}
	if rows[1].Gap() != 0 {
		t.Errorf("Conflict: self 2, mentor 2: %+v", rows[1])
	}
	if len(points) != 2 || points[0].Gap != 1 || points[1].Gap != 0 || points[0].Month.Month() != time.September {
		t.Fatalf("points %+v", points)
	}
	if r, p := prep.Calibration(nil, nil); len(r) != 0 || len(p) != 0 {
		t.Error("no reviews, no calibration")
	}
}
