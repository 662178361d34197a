package prep

import (
	"testing"

	"github.com/panelprep/panelprep/prep/estimate"
)

// The sheet is the draft's like its text: a clone shares no rows with it (the saver keeps a clone
// while the screen edits), and the attempt keeps the sheet as it was when the round finished.
func TestDraftSheetIsClonedAndKeptInTheAttempt(t *testing.T) {
	d := Draft{Prompt: Prompt{Rubric: []Criterion{{Name: "Scale"}}}, Scores: []Score{{Criterion: "Scale", Value: 3}}}
	d.Estimates = &estimate.Sheet{Rows: []estimate.Row{{Name: "dau", Text: "50 M users"}}}
	c := d.Clone()
	d.Estimates.Rows[0].Text = "60 M users"
	if c.Estimates.Rows[0].Text != "50 M users" {
		t.Errorf("a clone's sheet changed with the draft's: %+v", c.Estimates)
	}
	a, err := NewAttempt(d, nil, d.StartedAt)
	if err != nil {
		t.Fatal(err)
	}
	d.Estimates.Rows[0].Text = "70 M users"
	if a.Estimates == nil || a.Estimates.Rows[0].Text != "60 M users" {
		t.Errorf("the attempt's sheet is %+v, want the draft's at the end", a.Estimates)
	}
	d.Estimates = &estimate.Sheet{Rows: []estimate.Row{{Name: "dau", Text: "5"}, {Name: " ", Text: ""}, {Text: "dau * 2"}, {}}}
	if a, _ := NewAttempt(d, nil, d.StartedAt); a.Estimates == nil || len(a.Estimates.Rows) != 2 {
		t.Errorf("the attempt keeps the blank rows the draft had: %+v", a.Estimates)
	}
	d.Estimates = &estimate.Sheet{Rows: []estimate.Row{{}}}
	if a, _ := NewAttempt(d, nil, d.StartedAt); a.Estimates != nil {
		t.Errorf("an empty sheet is kept as %+v; an attempt has none", a.Estimates)
	}
}

// The resume banner counts the sheet's rows: a round with only estimates is not "nothing written".
func TestDraftSizeCountsEstimates(t *testing.T) {
	d := Draft{Structured: true, Estimates: &estimate.Sheet{Rows: []estimate.Row{{Name: "dau", Text: "50 M users"}, {}, {Text: "2 KB"}}}}
	if got := d.Size().String(); got != "2 estimates" {
		t.Errorf("a draft with two rows of estimates reads %q", got)
	}
}
