package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
)

// badgerReviewSession is data's review store behind the session interface, with the feedback
// export cmd wires (a feedback bundle of everything the mentor wrote, as JSON).
type badgerReviewSession struct{ *data.Store }

// Close leaves the store open: the test opens review mode on it twice, and closes it at the end.
func (badgerReviewSession) Close() error { return nil }

func (s badgerReviewSession) ExportFeedback(path, reviewer string) (int64, error) {
	b, err := s.ExportBundle(prep.ExportFilter{Kind: prep.BundleFeedback, ExportedBy: reviewer})
	if err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	if err := prep.EncodeBundle(&buf, b); err != nil {
		return 0, err
	}
	return int64(buf.Len()), os.WriteFile(path, buf.Bytes(), 0o600)
}

// A mentor comments on a candidate's story in review mode, as `panelprep review --story` lets
// them from the command line: the comment is saved beside the story in the review store (a real
// Badger store), editing it again replaces it, and the feedback export carries it.
func TestReviewModeCommentsOnAStory(t *testing.T) {
	h := newHarness(t)
	// The candidate's side: an answer and a story, exported as a bundle from a practice store.
	practice, err := data.Open(filepath.Join(t.TempDir(), "practice"))
	if err != nil {
		t.Fatal(err)
	}
	ld := firstPrompt(h, prep.Leadership)
	if err := practice.SaveAttempt(fixedAttempt(ld, h.now().Add(-time.Hour), "I met Priya weekly.", func(int) int { return 3 })); err != nil {
		t.Fatal(err)
	}
	st := prep.NewStory(h.now().AddDate(0, 0, -2))
	st.Title, st.Year, st.Where, st.People = "Replacing the payments EM mid-quarter", 2024, "Acme Pay", 14
	st.Actions, st.Result, st.Numbers = "I ran the search and coached the interim lead.", "We shipped the audit.", "Attrition 18% to 7%"
	st.Competencies = []string{h.model[0].ID}
	if err := practice.SaveStory(st); err != nil {
		t.Fatal(err)
	}
	bundle, err := practice.ExportBundle(prep.ExportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if err := practice.Close(); err != nil {
		t.Fatal(err)
	}
	// The mentor's side: the bundle opened into a review store of its own.
	rs, err := data.OpenReviews(filepath.Join(t.TempDir(), "reviews"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = rs.Close() })
	if _, err := rs.ImportAttempts(&bundle); err != nil {
		t.Fatal(err)
	}
	open := func() *reviewScreen {
		h.ui.show(newReviewScreen(h.ui.reviewDeps(), badgerReviewSession{rs}))
		h.settle()
		return h.ui.current.(*reviewScreen)
	}
	r := open()
	if !h.hasText("1 answer and 1 story to review.") || r.list.Length() != 2 {
		t.Fatalf("review mode lists %d items; status %q", r.list.Length(), r.status.Text)
	}
	test.Type(r.reviewer, "Sam")
	r.list.Select(1)
	h.settle()
	if !h.hasText("Replacing the payments EM mid-quarter") || !h.hasText("I ran the search and coached the interim lead.") ||
		!h.hasText("Acme Pay") || !h.hasText(h.model[0].Name) {
		t.Fatal("the story is not shown with its text, where and what it shows")
	}
	test.Type(r.storyComment, "Lead with the attrition figure.")
	h.tap("Save comment")
	h.settle()
	if !h.hasText("Saved your comment on the story “Replacing the payments EM mid-quarter”.") {
		t.Fatalf("status after saving: %q", r.status.Text)
	}

	// Opened again, the comment is there to edit; saving again replaces it rather than adding one.
	r = open()
	r.list.Select(1)
	h.settle()
	if got := r.storyComment.Text(); got != "Lead with the attrition figure." {
		t.Fatalf("the editor holds %q, want the comment saved", got)
	}
	test.Type(r.storyComment, " Say what you refused.")
	h.tap("Save comment")
	h.settle()
	cs, err := rs.StoryComments(st.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := "Lead with the attrition figure. Say what you refused."
	if len(cs) != 1 || cs[0].Comment != want || cs[0].Reviewer != "Sam" || cs[0].CommentedAt.Nanosecond() != 0 {
		t.Fatalf("stored comments %+v: want one by Sam, %q, stamped to the second", cs, want)
	}

	// Exported with the feedback, and read back by the candidate's PanelPrep as a valid bundle.
	path := filepath.Join(t.TempDir(), "feedback.json")
	if _, err := r.session.ExportFeedback(path, "Sam"); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fb, err := prep.DecodeBundle(f, prep.MaxBundleSize)
	if err != nil {
		t.Fatal(err)
	}
	if fb.Kind != prep.BundleFeedback || len(fb.StoryComments) != 1 || fb.StoryComments[0].StoryID != st.ID || fb.StoryComments[0].Comment != want {
		t.Fatalf("the feedback bundle carries %+v", fb.StoryComments)
	}
}

// A comment with no text is refused with the reason, and nothing is stored.
func TestReviewModeRefusesAnEmptyStoryComment(t *testing.T) {
	h := newHarness(t)
	rs := h.reviewStore()
	st := prep.NewStory(h.now())
	st.Title = "A story"
	if err := rs.SaveStory(st); err != nil {
		t.Fatal(err)
	}
	h.ui.show(newReviewScreen(h.ui.reviewDeps(), memReviewSession{rs}))
	h.settle()
	r := h.ui.current.(*reviewScreen)
	test.Type(r.reviewer, "Sam")
	r.list.Select(0)
	h.settle()
	h.tap("Save comment")
	h.settle()
	top := h.ui.win.Canvas().Overlays().Top()
	if top == nil || findUnder(top, func(o fyne.CanvasObject) bool {
		l, ok := o.(*widget.Label)
		return ok && strings.Contains(l.Text, "story_comment.comment: is empty")
	}) == nil {
		t.Error("no message saying the comment is empty")
	}
	if cs, _ := rs.StoryComments(st.ID); len(cs) != 0 || strings.Contains(r.status.Text, "Saved") {
		t.Errorf("an empty comment was saved: %+v", cs)
	}
}
