package data

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
)

// tooBig checks that err refuses a record in PanelPrep's words: what, how big, the limit, and what
// was not done; never Badger's "Value with size … exceeded … limit" and its hex dump.
func tooBig(t *testing.T, err error, wants ...string) {
	t.Helper()
	if !errors.Is(err, ErrTooBig) {
		t.Fatalf("got %v, want ErrTooBig", err)
	}
	msg := err.Error()
	for _, w := range append(wants, "at most 16.0 MB") {
		if !strings.Contains(msg, w) {
			t.Errorf("the message does not say %q: %s", w, msg)
		}
	}
	if strings.Contains(msg, "exceeded") || strings.Contains(msg, "00000000") || len(msg) > 400 {
		t.Errorf("the message is Badger's: %.300s", msg)
	}
}

// TestLargeRecords: a 60 MB review comment, answer or draft is refused before anything is written,
// with a message that says what is too big and the limit; an answer of 900 KB, which overflowed a
// Badger transaction, is saved.
func TestLargeRecords(t *testing.T) {
	huge := strings.Repeat("a long comment ", 4<<20) // 60 MB
	withStore(t, func(s *Store) {
		d := prep.Draft{Prompt: testPrompt("p"), Answer: "the draft so far", UpdatedAt: time.Now()}
		if err := s.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
		big := d
		big.Answer = huge
		tooBig(t, s.SaveDraft(big), "the draft is 60.0 MB", "the draft saved before this is kept")
		a := testAttempt("p", time.Now(), huge)
		tooBig(t, s.SaveAttempt(a), "the attempt is 60.0 MB", "nothing was saved, and its draft is kept")
		if ds, err := s.Drafts(); err != nil || len(ds) != 1 || ds[0].Answer != "the draft so far" {
			t.Fatalf("the draft after the refusals: %+v (%v)", ds, err)
		}
		if as, _ := s.Attempts(); len(as) != 0 {
			t.Fatalf("%d attempts saved", len(as))
		}

		long := testAttempt("p", time.Now(), strings.Repeat("x", 900<<10))
		if err := s.SaveAttempt(long); err != nil {
			t.Fatalf("an answer of 900 KB: %v", err)
		}
		got, err := s.Attempt(long.ID)
		if err != nil || got.Answer != long.Answer {
			t.Fatalf("reading the 900 KB answer back: %v", err)
		}

		// A mentor's feedback with a 60 MB comment, imported.
		r, err := prep.NewReview(&long, "Priya", []prep.Score{{Criterion: "Ownership", Value: 2}}, huge, nil, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		b := &prep.Bundle{Kind: prep.BundleFeedback, ExportedAt: time.Now().UTC().Truncate(time.Second), Reviews: []prep.Review{r}}
		_, err = s.ImportFeedback(b)
		tooBig(t, err, "reviews[0] of the bundle", "60.0 MB", "nothing was imported")
		if rs, _ := s.Reviews(long.ID); len(rs) != 0 {
			t.Fatalf("%d reviews imported", len(rs))
		}
	})

	// The same comment typed in review mode.
	rs, err := OpenReviews(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	a := testAttempt("p", time.Now(), "answer")
	if err := rs.SaveAttempt(a); err != nil {
		t.Fatal(err)
	}
	r, err := prep.NewReview(&a, "Priya", []prep.Score{{Criterion: "Ownership", Value: 2}}, huge, nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tooBig(t, rs.SaveReview(r), "the review of attempt "+a.ID.String()+" (its comments and scores) is 60.0 MB", "nothing was saved")
	if got, _ := rs.Reviews(a.ID); len(got) != 0 {
		t.Fatalf("%d reviews saved", len(got))
	}
}
