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
	groups, points := prep.Calibration([]prep.AttemptSummary{a1, a2}, reviews, model)
	// Neither criterion names a competency: both are beneath Unmapped, largest gap first.
	if len(groups) != 1 || groups[0].ID != prep.Unmapped || groups[0].Criterion != "Unmapped" || groups[0].Count != 3 {
		t.Fatalf("groups %+v", groups)
	}
	rows := groups[0].Criteria
	if len(rows) != 2 || rows[0].Criterion != "Ownership" || rows[0].Self != 3.5 || rows[0].Mentor != 2.5 || rows[0].Count != 2 || rows[0].Gap() != 1 {
		t.Fatalf("rows %+v", rows)
	}
	if rows[1].Gap() != 0 {
		t.Errorf("Conflict: self 2, mentor 2: %+v", rows[1])
	}
	if len(points) != 2 || points[0].Gap != 1 || points[1].Gap != 0 || points[0].Month.Month() != time.September {
		t.Fatalf("points %+v", points)
	}
	if r, p := prep.Calibration(nil, nil, model); len(r) != 0 || len(p) != 0 {
		t.Error("no reviews, no calibration")
	}
}

// Mentor and self-scores add up by the criterion's competency, largest gap first, Unmapped last.
func TestCalibrationByCompetency(t *testing.T) {
	rubric := map[string]string{"Delivery plan across teams": "delivery", "Delivery and priorities": "delivery", "Communication upward and across": "influence"}
	a1 := mapped("sd", rubric, sc("Delivery plan across teams", 4), sc("Communication upward and across", 3))
	a2 := mapped("ld", rubric, sc("Delivery and priorities", 4), sc("Ownership", 1))
	reviews := []prep.Review{
		{ID: uuid.New(), AttemptID: a1.ID, Scores: []prep.Score{sc("Delivery plan across teams", 2), sc("Communication upward and across", 3)}},
		{ID: uuid.New(), AttemptID: a2.ID, Scores: []prep.Score{sc("Delivery and priorities", 3), sc("Ownership", 3)}},
	}
	groups, _ := prep.Calibration([]prep.AttemptSummary{a1, a2}, reviews, model)
	if len(groups) != 3 || groups[0].ID != "delivery" || groups[0].Gap() != 1.5 || len(groups[0].Criteria) != 2 ||
		groups[0].Criteria[0].Criterion != "Delivery plan across teams" || groups[1].ID != "influence" || groups[2].ID != prep.Unmapped {
		t.Fatalf("groups %+v", groups)
	}
	if rows := prep.Rows(groups); len(rows) != 3 || rows[0].Criterion != "Delivery and execution across teams" {
		t.Fatalf("chart rows %+v", rows)
	}
}
