package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

func (h *harness) stories() *storiesScreen {
	h.t.Helper()
	s, ok := h.ui.current.(*storiesScreen)
	if !ok {
		h.t.Fatalf("current screen is %T, want the Stories screen", h.ui.current)
	}
	return s
}

// writeStory taps New story and types a story into the editor as a user does, field by field.
func (h *harness) writeStory(title, year, where, actions, numbers string, competencies ...string) {
	h.t.Helper()
	h.tap("New story")
	s := h.stories()
	f := &s.fields
	if h.ui.win.Canvas().Focused() != f.title {
		h.t.Errorf("New story leaves the focus on %T, not the title", h.ui.win.Canvas().Focused())
	}
	test.Type(f.title, title)
	f.month.SetSelectedIndex(3)
	test.Type(f.year, year)
	test.Type(f.where, where)
	test.Type(f.actions, actions)
	test.Type(f.numbers, numbers)
	var names []string
	for _, id := range competencies {
		c, _ := h.model.Find(id)
		names = append(names, c.Name)
	}
	f.competencies.SetSelected(names)
	h.settle()
}

// The flow the week before a loop: open Stories with Ctrl+T from a text field, write three
// stories, see them listed and stored as typed, then read the coverage matrix's gaps and flags.
func TestStoriesScreenFlow(t *testing.T) {
	h := newHarness(t)
	ctrl := fyne.KeyModifierShortcutDefault
	h.press(fyne.KeyF, ctrl)
	h.ui.win.Canvas().Focus(h.ui.current.(*searchScreen).query)
	h.press(fyne.KeyT, ctrl)
	s := h.stories()
	if !h.hasText("No stories yet") {
		t.Error("an empty bank does not say so")
	}

	h.writeStory("Platform split", "2025", "Northwind", "I split the platform team in two.", "lead time 9 to 3 days",
		"delivery", "org-design", "influence", "developing-people")
	h.writeStory("Coaching a new EM", "2024", "Northwind", "I paired with her on the first three reviews.", "",
		"developing-people")
	h.writeStory("Migration at the bank", "2019", "Bank", "I ran the cut-over weekend.", "cost down 40%", "delivery")
	if len(s.stories) != 3 || !h.hasText("3 stories") {
		t.Fatalf("%d stories listed", len(s.stories))
	}
	if err := s.saver.Flush(); err != nil {
		t.Fatal(err)
	}
	s.showSaveStatus() // what the screen's ticker does in the app
	if !h.hasText("All changes saved") {
		t.Error("the editor does not say the story is saved")
	}
	// What the store holds is what was typed.
	h.ui.Drain() // the savers write out, as on quit
	stored, err := h.store.Stories()
	if err != nil || len(stored) != 3 {
		t.Fatalf("stored %d stories, %v", len(stored), err)
	}
	byTitle := map[string]prep.Story{}
	for _, st := range stored {
		byTitle[st.Title] = st
	}
	if st := byTitle["Platform split"]; st.Year != 2025 || st.Month != 3 || st.Where != "Northwind" ||
		st.Actions != "I split the platform team in two." || st.Numbers != "lead time 9 to 3 days" || len(st.Competencies) != 4 {
		t.Errorf("stored as %+v", st)
	}

	// The matrix: hiring and four more have no story; the old and the unmeasured stories are flagged.
	h.press(fyne.KeyT, ctrl) // a fresh screen reads the bank back from the store
	s = h.stories()
	s.tabs.SelectIndex(1)
	h.settle()
	for _, want := range []string{"4 of 9 competencies have a story", "1 without a measured result", "1 over five years old",
		"no numbers", "over 5 years", "no story", "Hiring and talent"} {
		if !h.hasMatrixText(want) {
			t.Errorf("the coverage matrix does not show %q", want)
		}
	}
	if n := h.countMatrixText("no story"); n != 5 {
		t.Errorf("%d competencies marked with no story, want 5", n)
	}
}

// A field that breaks a rule is not saved and the editor says why, keeping the text; the field's
// version saved before stays in the store. Switching stories writes the first one out.
func TestStoryEditorRefusesWhatCannotBeStored(t *testing.T) {
	h := newHarness(t)
	h.tap("Stories")
	h.writeStory("Hiring plan", "2025", "Acme", "I wrote the plan.", "12 hires in 2 quarters", "hiring")
	s := h.stories()
	test.Type(s.fields.title, strings.Repeat("x", prep.MaxStoryTitle))
	h.settle()
	if s.notes.Importance != widget.DangerImportance || !strings.Contains(s.notes.Text, "title is 211 characters") ||
		!strings.Contains(s.notes.Text, "title saved before is kept") {
		t.Errorf("notes %q", s.notes.Text)
	}
	h.ui.Drain()
	// Every key was saved while the title fitted: the store holds its first 200 characters.
	want := ("Hiring plan" + strings.Repeat("x", prep.MaxStoryTitle))[:prep.MaxStoryTitle]
	if st, _ := h.store.Stories(); len(st) != 1 || st[0].Title != want {
		t.Errorf("stored %+v", st)
	}
	h.press(fyne.KeyT, fyne.KeyModifierShortcutDefault)
	s = h.stories()
	s.list.Select(0)
	s.fields.year.SetText("twenty")
	h.settle()
	if !strings.Contains(s.notes.Text, `The year: "twenty" is not saved: write it in figures`) {
		t.Errorf("notes %q", s.notes.Text)
	}
}

// Deleting a story asks first, then removes it from the list and the store.
func TestDeleteStory(t *testing.T) {
	h := newHarness(t)
	h.tap("Stories")
	h.writeStory("Doomed", "2025", "Acme", "I did it.", "1", "hiring")
	h.tap("Delete story")
	h.tapDialogButton("Yes")
	h.settle()
	s := h.stories()
	if len(s.stories) != 0 || !h.hasText("No stories yet") {
		t.Errorf("%d stories listed after deleting", len(s.stories))
	}
	if st, _ := h.store.Stories(); len(st) != 0 {
		t.Errorf("the store still holds %d stories", len(st))
	}
}

func (h *harness) matrixTexts() []string {
	var out []string
	walkObjects(h.stories().matrix.Content, func(o fyne.CanvasObject) bool {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *canvas.Text:
			out = append(out, v.Text)
		}
		return true
	})
	return out
}

func (h *harness) hasMatrixText(sub string) bool { return h.countMatrixText(sub) > 0 }

func (h *harness) countMatrixText(sub string) int {
	n := 0
	for _, t := range h.matrixTexts() {
		if strings.Contains(t, sub) {
			n++
		}
	}
	return n
}

// A story opened by mistake and left blank is not kept: choosing another story drops it from the
// list and the store, and the story chosen opens.
func TestBlankStoryIsNotKept(t *testing.T) {
	h := newHarness(t)
	h.tap("Stories")
	h.writeStory("Kept", "2025", "Acme", "I did it.", "1", "hiring")
	h.tap("New story")
	s := h.stories()
	if len(s.stories) != 2 {
		t.Fatalf("%d stories listed after New story", len(s.stories))
	}
	s.list.Select(1) // "Kept", below the blank one
	h.settle()
	if len(s.stories) != 1 || s.cur != 0 || s.fields.title.Text != "Kept" {
		t.Fatalf("after leaving the blank story: %d listed, open %d, title %q", len(s.stories), s.cur, s.fields.title.Text)
	}
	h.ui.Drain()
	if st, _ := h.store.Stories(); len(st) != 1 || st[0].Title != "Kept" {
		t.Errorf("stored %d stories", len(st))
	}
}

// In a behavioural round the candidate chooses the story to tell: the stories that show the
// question's competencies come first, least rehearsed first, then the others. The attempt records
// the choice, and the Stories screen then shows the story as told.
func TestBehaviouralRoundChoosesAStory(t *testing.T) {
	h := newHarness(t)
	p := firstPrompt(h, prep.Behavioural)
	comps := prep.QuestionCompetencies(&p)
	other := "hiring"
	for _, c := range h.model {
		if c.ID != comps[0] && (len(comps) < 2 || c.ID != comps[1]) {
			other = c.ID
		}
	}
	save := func(title string, competency string) prep.Story {
		st := prep.NewStory(h.now().Add(-time.Hour))
		st.Title, st.Competencies = title, []string{competency}
		if err := h.store.SaveStory(st); err != nil {
			t.Fatal(err)
		}
		return st
	}
	save("Fits, told before", comps[0])
	fresh := save("Fits, never told", comps[0])
	save("Shows something else", other)
	h.startPrompt(p.Title)
	r := h.round()
	pick := h.storySelect()
	if len(pick.Options) != 3 || !strings.HasPrefix(pick.Options[2], "3. Shows something else") {
		t.Fatalf("options %q", pick.Options)
	}
	// Neither fitting story has been told: by title, then the one that shows something else.
	if !strings.HasPrefix(pick.Options[1], "2. Fits, told before (never told)") {
		t.Errorf("options %q", pick.Options)
	}
	pick.SetSelected(pick.Options[1])
	if r.draft.StoryID == uuid.Nil {
		t.Fatal("choosing a story does not put it in the draft")
	}
	h.typeAnswer("Situation: the payments on-call.")
	h.scoreAndSave(3)

	h.tap("Practice")
	h.startPrompt(p.Title)
	pick = h.storySelect()
	if !strings.HasPrefix(pick.Options[0], "1. Fits, never told (never told)") ||
		!strings.Contains(pick.Options[1], "Fits, told before (told 1 time, last") || !strings.Contains(pick.Options[1], "scored 3.0") {
		t.Errorf("after one telling, options %q: want the story never told first", pick.Options)
	}
	pick.SetSelected(pick.Options[0])
	if h.round().draft.StoryID != fresh.ID {
		t.Error("choosing a story does not put it in the draft")
	}
	h.typeAnswer("Situation: a second story.")
	h.scoreAndSave(2)

	sums, _ := h.store.Attempts() // both finished at the same moment of the test's clock: find the second
	found := false
	for _, sum := range sums {
		a, err := h.store.Attempt(sum.ID)
		if err == nil && strings.Contains(a.Answer, "a second story") {
			found = true
			if a.StoryID != fresh.ID {
				t.Errorf("the second attempt records story %v, want %v", a.StoryID, fresh.ID)
			}
		}
	}
	if !found {
		t.Error("the second attempt is not stored")
	}
	h.press(fyne.KeyT, fyne.KeyModifierShortcutDefault)
	if !h.hasText("told 1 time") || !h.hasText("never told") {
		t.Error("the Stories screen does not show how often each story was told")
	}
}

// storySelect is the round's story choice.
func (h *harness) storySelect() *widget.Select {
	h.t.Helper()
	s, _ := h.find(func(o fyne.CanvasObject) bool {
		s, ok := o.(*widget.Select)
		return ok && s.PlaceHolder == "Choose the story you will tell"
	}).(*widget.Select)
	if s == nil {
		h.t.Fatal("no story choice in the round")
	}
	return s
}

// Search finds a story beside the answers, and its hit opens the story in the editor.
func TestSearchFindsStories(t *testing.T) {
	h := newHarness(t)
	st := prep.NewStory(h.now())
	st.Title, st.Learning = "Platform split", "Agree the interface before the org chart."
	if err := h.store.SaveStory(st); err != nil {
		t.Fatal(err)
	}
	h.press(fyne.KeyF, fyne.KeyModifierShortcutDefault)
	s := h.ui.current.(*searchScreen)
	if !h.hasText("0 attempts and 1 story indexed") {
		t.Errorf("message %q", s.message.Text)
	}
	test.Type(s.query, "before the org chart")
	if len(s.hits) != 1 || !s.hits[0].Story || !h.hasText("Your story · Platform split") {
		t.Fatalf("hits %+v", s.hits)
	}
	s.list.Select(0)
	h.settle()
	ss := h.stories()
	if ss.cur != 0 || ss.fields.learning.Text() != st.Learning {
		t.Errorf("the hit opens story %d with learning %q", ss.cur, ss.fields.learning.Text())
	}
}

// A mentor's comment on a story, brought back in feedback, shows above the story in the editor.
func TestStoryShowsTheMentorsComments(t *testing.T) {
	h := newHarness(t)
	st := prep.NewStory(h.now())
	st.Title = "Platform split"
	if err := h.store.SaveStory(st); err != nil {
		t.Fatal(err)
	}
	c, err := prep.NewStoryComment(&st, "Priya", "Open with the lead time.", h.now())
	if err != nil {
		t.Fatal(err)
	}
	if err := h.store.SaveStoryComment(c); err != nil {
		t.Fatal(err)
	}
	h.tap("Stories")
	h.stories().list.Select(0)
	h.settle()
	if !h.hasText("Open with the lead time.") || !h.hasText("Priya, ") {
		t.Error("the mentor's comment is not shown with the story")
	}
	// Shown after the editor was laid out, the comment must still get room above the form (in the
	// real window it had none until the editor was laid out again).
	if c := h.stories().comments; c.Size().Height < c.MinSize().Height {
		t.Errorf("the comment is %v tall, needs %v", c.Size().Height, c.MinSize().Height)
	}
}
