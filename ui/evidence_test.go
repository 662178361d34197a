package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/panelprep/panelprep/prep"
)

// chooseEvidence picks the passage on a criterion's evidence picker, as choosing it in the list does.
func chooseEvidence(t *testing.T, e *evidencePicker, passage string) {
	t.Helper()
	for name, p := range e.byName {
		if p == passage {
			e.pick.SetSelected(name)
			return
		}
	}
	t.Fatalf("the evidence list does not offer %q (it offers %v)", passage, e.pick.Options)
}

// Citing a passage for a score: offered once the criterion is scored, kept in the draft across
// going back to the round and a restart, saved with the attempt and shown on the attempt screen.
func TestScoreCitesEvidenceFromTheAnswer(t *testing.T) {
	h, _, _ := startRound(t, prep.Leadership)
	h.tap("Start")
	h.typeAnswer("I met the EM weekly. Incidents fell from six a month to two.")
	h.finishRound()
	s, ok := h.ui.current.(*scoreScreen)
	if !ok {
		t.Fatalf("after finishing: %T", h.ui.current)
	}
	if len(s.evidence) < 2 {
		t.Fatalf("%d evidence pickers for a rubric of %d", len(s.evidence), len(s.choices))
	}
	if !s.evidence[0].pick.Disabled() {
		t.Error("a criterion not scored yet can already cite a passage; the citation would have no score to be kept in")
	}
	if want := []string{noEvidence, "I met the EM weekly.", "Incidents fell from six a month to two."}; len(s.evidence[0].pick.Options) != 3 {
		t.Fatalf("options %q, want %q", s.evidence[0].pick.Options, want)
	}
	pickScore(t, s.choices[0], 3)
	h.settle()
	chooseEvidence(t, s.evidence[0], "Incidents fell from six a month to two.")
	h.settle()
	if !h.hasText("“Incidents fell from six a month to two.”") {
		t.Error("the chosen passage is not quoted under the picker")
	}
	if got := s.draft.Scores[0].Evidence; got != "Incidents fell from six a month to two." {
		t.Fatalf("draft score %+v", s.draft.Scores[0])
	}

	// Back to the round and a restart: the citation is in the stored draft.
	h.tap("Back to the round")
	h.restart()
	ds, err := h.store.Drafts()
	if err != nil || len(ds) != 1 || len(ds[0].Scores) != 1 || ds[0].Scores[0].Evidence != "Incidents fell from six a month to two." {
		t.Fatalf("stored draft %+v, %v", ds, err)
	}
	h.tap("Resume")
	h.finishRound()
	s = h.ui.current.(*scoreScreen)
	if got := s.evidence[0].passage(); got != "Incidents fell from six a month to two." {
		t.Fatalf("back on the score screen the citation is %q", got)
	}
	for i := range s.choices {
		pickScore(t, s.choices[i], 2)
	}
	h.settle()
	chooseEvidence(t, s.evidence[1], "I met the EM weekly.")
	h.settle()
	h.tap("Save attempt")

	list, err := h.store.Attempts()
	if err != nil || len(list) != 1 {
		t.Fatalf("%d attempts, %v", len(list), err)
	}
	a, err := h.store.Attempt(list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Scores[0].Evidence != "Incidents fell from six a month to two." || a.Scores[1].Evidence != "I met the EM weekly." {
		t.Fatalf("stored scores %+v", a.Scores)
	}
	if _, ok := h.ui.current.(*attemptScreen); !ok {
		t.Fatalf("after saving: %T", h.ui.current)
	}
	for _, want := range []string{"Your evidence: “Incidents fell from six a month to two.”", "Your evidence: “I met the EM weekly.”"} {
		if !h.hasText(want) {
			t.Errorf("the attempt screen does not show %q", want)
		}
	}
}

// The mentor's review shows the passage the candidate cited beside the candidate's own score.
func TestReviewShowsTheCandidatesEvidence(t *testing.T) {
	h := newHarness(t)
	ld := firstPrompt(h, prep.Leadership)
	a := fixedAttempt(ld, h.now().Add(-time.Hour), "I met Priya weekly. Incidents fell to two.", func(int) int { return 3 })
	a.Scores[0].Evidence = "Incidents fell to two."
	r, _ := h.openReview(a)
	r.list.Select(0)
	h.settle()
	if !h.hasText("The candidate's evidence for their 3: “Incidents fell to two.”") {
		t.Fatal("the review does not show the candidate's evidence")
	}
}

// The picker is reached and used by keyboard: focused, Space opens the list, Down and Return choose.
func TestEvidencePickerByKeyboard(t *testing.T) {
	h, _, _ := startRound(t, prep.Leadership)
	h.tap("Start")
	h.typeAnswer("I met the EM weekly. Incidents fell from six a month to two.")
	h.finishRound()
	s := h.ui.current.(*scoreScreen)
	pickScore(t, s.choices[0], 3)
	h.settle()
	c := h.ui.win.Canvas()
	c.Focus(s.evidence[0].pick)
	s.evidence[0].pick.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	h.settle()
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyReturn} {
		if f := c.Focused(); f != nil {
			f.TypedKey(&fyne.KeyEvent{Name: k})
		}
	}
	h.settle()
	if got := s.draft.Scores[0].Evidence; got != "I met the EM weekly." {
		t.Fatalf("after Space, Down, Down, Return the citation is %q (focused %T)", got, c.Focused())
	}
}
