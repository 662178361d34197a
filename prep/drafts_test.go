package prep

import "testing"

func TestDraftSizeCountsWhatTheDraftHolds(t *testing.T) {
	d := Draft{
		Answer:     "free text from before the switch", // not the answer while in sections
		Structured: true,
		Sections:   []Section{{Title: "Diagnosis", Text: "Two teams, one queue."}, {Title: "Change plan", Text: "  "}, {Title: "Trade-offs", Text: "Café ✓"}},
		Teams:      []Team{{Name: "Dispatch"}, {Name: "Billing"}},
		FollowUps:  []FollowUpAnswer{{Answer: "By March."}, {Answer: ""}},
	}
	got := d.Size()
	want := DraftSize{Characters: 21 + 6 + 9, Sections: 2, Teams: 2, Replies: 1}
	if got != want {
		t.Fatalf("size %+v, want %+v", got, want)
	}
	if s := got.String(); s != "36 characters in 2 sections, 2 teams in the table, 1 reply to the panel" {
		t.Errorf("size reads %q", s)
	}
	free := Draft{Answer: "1234567890"}
	if s := free.Size().String(); s != "10 characters" {
		t.Errorf("free text reads %q", s)
	}
	if s := (&Draft{Structured: true}).Size().String(); s != "nothing written yet" {
		t.Errorf("an empty draft reads %q", s)
	}
	if s := (&Draft{Structured: true, Teams: []Team{{Name: "Dispatch"}}}).Size().String(); s != "1 team in the table" {
		t.Errorf("a draft with only a team reads %q", s)
	}
	if s := (DraftSize{Characters: 12345}).String(); s != "12,345 characters" {
		t.Errorf("a long draft reads %q", s)
	}
}
