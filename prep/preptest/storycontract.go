package preptest

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// storyContract is StoreContract's cases for the story bank (prep.StoryStore).
func storyContract(t *testing.T, open func(t *testing.T) prep.Store) {
	storyCommentContract(t, open)
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	whole := func(title string, updated time.Time) prep.Story {
		s := prep.NewStory(t0)
		s.Title, s.Year, s.Month, s.Where, s.Role = title, 2024, 3, "Northwind Payments", "Director of Engineering"
		s.Teams, s.People, s.Budget = 4, 38, "$5.1M"
		s.Situation, s.Actions, s.Result = "Two teams shared one on-call.", "I split the rota.", "Pages per week fell."
		s.Numbers, s.Learning = "pages 41 to 9 a week", "Ask the EMs first."
		s.Competencies = []string{"operational-excellence", "org-design"}
		s.UpdatedAt = updated
		return s
	}

	t.Run("stories: saved whole, replaced, most recently updated first, deleted", func(t *testing.T) {
		s := open(t)
		a, b := whole("On-call split", t0.Add(time.Minute)), whole("Hiring plan", t0.Add(2*time.Minute))
		for _, st := range []prep.Story{a, b} {
			if err := s.SaveStory(st); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Story(a.ID)
		if err != nil || !reflect.DeepEqual(got, a) {
			t.Fatalf("read back %+v, %v; want %+v", got, err, a)
		}
		a.Actions += " Then I wrote the runbook."
		a.Competencies[0] = "delivery"
		a.UpdatedAt = t0.Add(3 * time.Minute)
		if err := s.SaveStory(a); err != nil {
			t.Fatal(err)
		}
		a.Competencies[1] = "changed after saving" // the store keeps its own copy
		list, err := s.Stories()
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].ID != a.ID || list[1].ID != b.ID {
			t.Fatalf("stories %v, want the edited one first", titles(list))
		}
		if list[0].Actions != "I split the rota. Then I wrote the runbook." || list[0].Competencies[1] != "org-design" {
			t.Errorf("edited story read back as %+v", list[0])
		}
		if err := s.DeleteStory(a.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteStory(uuid.New()); err != nil {
			t.Errorf("deleting a story that is not there: %v", err)
		}
		if _, err := s.Story(a.ID); !errors.Is(err, prep.ErrNotFound) {
			t.Errorf("a deleted story: %v, want ErrNotFound", err)
		}
		if list, _ := s.Stories(); len(list) != 1 || list[0].ID != b.ID {
			t.Errorf("after delete: %v", titles(list))
		}
	})

	t.Run("stories: one just begun is kept; a broken one is refused and the saved one kept", func(t *testing.T) {
		s := open(t)
		begun := prep.NewStory(t0) // no title, nothing typed yet
		if err := s.SaveStory(begun); err != nil {
			t.Fatalf("an empty new story: %v", err)
		}
		begun.Title = "Half a title"
		begun.UpdatedAt = t0.Add(time.Second)
		if err := s.SaveStory(begun); err != nil {
			t.Fatal(err)
		}
		bad := begun
		bad.Month = 14
		var se *prep.StoryError
		if err := s.SaveStory(bad); !errors.As(err, &se) {
			t.Fatalf("a story with month 14: %v, want a *prep.StoryError", err)
		}
		if got, err := s.Story(begun.ID); err != nil || got.Title != "Half a title" || got.Month != 0 {
			t.Errorf("after a refused save: %+v, %v", got, err)
		}
		if err := s.SaveStory(prep.Story{Title: "no ID", CreatedAt: t0, UpdatedAt: t0}); err == nil {
			t.Error("a story without an ID was saved")
		}
	})
}

func storyCommentContract(t *testing.T, open func(t *testing.T) prep.Store) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	t.Run("story comments: beside a stored story, oldest first, checked", func(t *testing.T) {
		s := open(t)
		st := prep.NewStory(t0)
		st.Title = "On-call split"
		if err := s.SaveStory(st); err != nil {
			t.Fatal(err)
		}
		late, err := prep.NewStoryComment(&st, "Sam", "Lead with the pages a week.", t0.Add(2*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		early, _ := prep.NewStoryComment(&st, "Sam", "Say what you refused.", t0.Add(time.Hour))
		for _, c := range []prep.StoryComment{late, early} {
			if err := s.SaveStoryComment(c); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.StoryComments(st.ID)
		if err != nil || len(got) != 2 || got[0].ID != early.ID || got[1].Comment != late.Comment {
			t.Fatalf("comments %+v, %v", got, err)
		}
		if other, _ := s.StoryComments(uuid.New()); len(other) != 0 {
			t.Errorf("another story has %d comments", len(other))
		}
		stray := early
		stray.ID, stray.StoryID = uuid.New(), uuid.New()
		if err := s.SaveStoryComment(stray); !errors.Is(err, prep.ErrNotFound) {
			t.Errorf("a comment on a story the store lacks: %v", err)
		}
		empty := early
		empty.Comment = " "
		if err := s.SaveStoryComment(empty); err == nil {
			t.Error("an empty comment was saved")
		}
		if again, _ := s.Story(st.ID); !reflect.DeepEqual(again, st) {
			t.Error("a comment changed the story")
		}
	})
}

func titles(ss []prep.Story) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Title)
	}
	return out
}
