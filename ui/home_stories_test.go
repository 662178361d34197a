package ui

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/panelprep/panelprep/prep"
)

// todayItem is the index in the Today list of the first item that match accepts, or -1.
func todayItem(home *homeScreen, match func(prep.PracticeItem) bool) int {
	return slices.IndexFunc(home.due, match)
}

// Stories join the Today list: a story due for rehearsal is offered with a Rehearse button that
// starts a behavioural question with the story already chosen, and a competency no story shows
// with a Write one button that opens a new story already showing it.
func TestTodayListsStoriesDueAndCompetenciesWithoutOne(t *testing.T) {
	h := newHarness(t)
	sd := firstPrompt(h, prep.SystemsDesign)
	if err := h.store.SaveAttempt(fixedAttempt(sd, h.now().Add(-time.Hour), "x", func(int) int { return 4 })); err != nil {
		t.Fatal(err) // scored well an hour ago: nothing of the history is due today
	}
	shown, missing := h.model[0], h.model[1]
	st := prep.NewStory(h.now().Add(-48 * time.Hour))
	st.Title, st.Actions, st.Result, st.Year = "Replacing the payments EM", "I hired and coached.", "attrition 18% to 7%", 2025
	st.Competencies = []string{shown.ID}
	if err := h.store.SaveStory(st); err != nil {
		t.Fatal(err)
	}
	h.tap("Progress")
	h.tap("Practice")
	h.settle()

	home := h.home()
	told := todayItem(home, func(it prep.PracticeItem) bool { return it.Kind == prep.PracticeStory && it.StoryID == st.ID })
	gap := todayItem(home, func(it prep.PracticeItem) bool {
		return it.Kind == prep.PracticeStoryGap && it.Competency == missing.ID
	})
	if told < 0 || gap < 0 {
		t.Fatalf("Today lists %+v: want the story never told and a line for %q", home.due, missing.Name)
	}
	for _, want := range []string{
		"Story “Replacing the payments EM”: never told aloud; rehearse it in a behavioural question.",
		fmt.Sprintf("Stories for %s: no story of yours shows it; write one before a panel asks.", missing.Name),
	} {
		if !h.hasText(want) {
			t.Errorf("the Today list does not say %q", want)
		}
	}
	if todayItem(home, func(it prep.PracticeItem) bool { return it.Kind == prep.PracticeStoryGap && it.Competency == shown.ID }) >= 0 {
		t.Errorf("%q is listed as lacking a story, though a measured, recent story shows it", shown.Name)
	}

	// Write one: a new story, already showing the competency, saved as a tick by hand would be.
	if got := home.practise[gap].Text; got != "Write one" {
		t.Fatalf("the gap's button says %q", got)
	}
	test.Tap(home.practise[gap])
	h.settle()
	stories, ok := h.ui.current.(*storiesScreen)
	if !ok {
		t.Fatalf("Write one opened %T, not the Stories screen", h.ui.current)
	}
	if stories.cur != 0 || !slices.Equal(stories.fields.competencies.Selected, []string{missing.Name}) {
		t.Fatalf("the story open is %d, showing %q; want a new one showing %q", stories.cur, stories.fields.competencies.Selected, missing.Name)
	}
	test.Type(stories.fields.title, "Reorganising around the bill")
	h.tap("Practice")
	h.settle()
	all, err := h.store.Stories()
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(all, func(s prep.Story) bool { return s.Title == "Reorganising around the bill" }); i < 0 || !slices.Equal(all[i].Competencies, []string{missing.ID}) {
		t.Fatalf("stored stories %+v: want the new one showing %q", all, missing.ID)
	}

	// Rehearse: a behavioural question that asks for the story's competency, the story chosen.
	home = h.home()
	told = todayItem(home, func(it prep.PracticeItem) bool { return it.Kind == prep.PracticeStory && it.StoryID == st.ID })
	if told < 0 || home.practise[told].Text != "Rehearse" {
		t.Fatalf("back on Practice, the story is not offered to rehearse: %+v", home.due)
	}
	test.Tap(home.practise[told])
	h.settle()
	r := h.round()
	if r.draft.Prompt.Round != prep.Behavioural || !slices.Contains(prep.QuestionCompetencies(&r.draft.Prompt), shown.ID) {
		t.Errorf("Rehearse started %q (%s), not a behavioural question asking for %q", r.draft.Prompt.Title, r.draft.Prompt.Round.Label(), shown.ID)
	}
	if r.draft.StoryID != st.ID {
		t.Errorf("the round's story is %v, want the story rehearsed", r.draft.StoryID)
	}
	if !h.hasText("1. Replacing the payments EM (never told)") {
		t.Error("the round's story picker does not show the story chosen")
	}
}
