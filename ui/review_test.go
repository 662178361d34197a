package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

// memReviewSession is a mentor's review store for the screen's tests: an in-memory store (which
// keeps attempts and their reviews as data's does, preptest.StoreContract) behind the session
// interface cmd wires data's review store to.
type memReviewSession struct{ *preptest.MemStore }

func (memReviewSession) ExportFeedback(path, reviewer string) (int64, error) { return 0, nil }
func (memReviewSession) Close() error                                        { return nil }

// openReview imports the attempts as one candidate's bundle into a review store of its own and opens
// review mode on it, no answer selected yet. With no attempts nothing is imported: review mode is empty.
func (h *harness) openReview(attempts ...prep.Attempt) (*reviewScreen, *preptest.MemStore) {
	h.t.Helper()
	rs := h.reviewStore(attempts...)
	h.ui.show(newReviewScreen(h.ui.reviewDeps(), memReviewSession{rs}))
	h.settle()
	return h.ui.current.(*reviewScreen), rs
}

// reviewStore is a review store of its own holding the attempts, as importing one candidate's
// bundle leaves it.
func (h *harness) reviewStore(attempts ...prep.Attempt) *preptest.MemStore {
	h.t.Helper()
	rs := preptest.NewMemStore()
	for _, a := range attempts {
		if err := rs.SaveAttempt(a); err != nil {
			h.t.Fatal(err)
		}
	}
	return rs
}

func TestReviewModeScoresAndComments(t *testing.T) {
	h := newHarness(t)
	ld := firstPrompt(h, prep.Leadership)
	a := fixedAttempt(ld, h.now().Add(-time.Hour), "I met Priya weekly.", func(int) int { return 4 })
	a.Sections = []prep.Section{{Title: "Situation", Text: "Billing missed two quarters."}}
	// An anchor as long as the systems-design ones, which once widened the pane past the window.
	a.Prompt.Rubric[0].Anchor4 = strings.Repeat("Also names what would change the decision and who signs off. ", 4)
	r, rs := h.openReview(a)
	if len(r.attempts) != 1 || !h.hasText("1 answer to review.") {
		t.Fatalf("review list: %d", len(r.attempts))
	}
	h.ui.win.Resize(fyne.NewSize(1100, 760))
	listWidth := r.list.Size().Width
	r.list.Select(0)
	h.settle()
	h.ui.win.Resize(fyne.NewSize(1099, 760)) // lays the window out again, as a frame of the real window does
	h.ui.win.Resize(fyne.NewSize(1100, 760))
	if w := r.list.Size().Width; w < listWidth*0.9 {
		t.Errorf("opening an answer squeezed the list of answers from %v to %v wide", listWidth, w)
	}
	if !h.hasText("I met Priya weekly.") || !h.hasCardSubtitle("The candidate gave 4") {
		t.Fatal("the answer and the candidate's own scores are not shown")
	}
	test.Type(r.reviewer, "Sam")
	for i := range r.choices {
		pickScore(t, r.choices[i], 2)
	}
	test.Type(r.sections["Situation"], "Lead with the impact.")
	test.Type(r.comment, "Solid diagnosis; the plan needs dates.")
	h.tap("Save review")
	if !strings.Contains(r.status.Text, "Saved your review") {
		t.Fatalf("status %q", r.status.Text)
	}
	got, err := rs.Reviews(a.ID)
	if err != nil || len(got) != 1 || got[0].Reviewer != "Sam" || got[0].SectionComments["Situation"] != "Lead with the impact." ||
		got[0].Scores[0].Value != 2 {
		t.Fatalf("stored review %+v (%v)", got, err)
	}
	// Saving again, here or after reopening the answer, edits the review: the candidate gets one.
	test.Type(r.comment, " Dates by Friday.")
	h.tap("Save review")
	r.list.Unselect(0)
	r.list.Select(0)
	h.settle()
	h.tap("Save review")
	if got, err := rs.Reviews(a.ID); err != nil || len(got) != 1 || got[0].Comment != "Solid diagnosis; the plan needs dates. Dates by Friday." {
		t.Fatalf("after saving three times the store holds %+v (%v), want the one review, edited", got, err)
	}
	h.tap("Practice") // leaving review mode closes the review store
	h.ui.Drain()
}
