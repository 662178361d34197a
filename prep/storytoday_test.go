package prep

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// The story bank's part of the Today list: competencies with no story first, then those only
// weak stories show (low score, no figure, too old), in turns with the stories due, most overdue
// first.
func TestStoryPractice(t *testing.T) {
	strong := story("Replacing the payments EM", 2025, "attrition 18% to 7%", "delivery", "developing-people")
	lowScore := story("The reorg that stalled", 2025, "cut lead time 9 to 3 days", "org-design")
	vague := story("Hiring a staff engineer", 2025, "it went better", "hiring")
	reh := StoryRehearsals([]StoryTelling{
		{StoryID: strong.ID, At: storyNow.AddDate(0, 0, -2), Score: 4}, // told well twice: due in six days
		{StoryID: strong.ID, At: storyNow.AddDate(0, 0, -1), Score: 4},
		{StoryID: lowScore.ID, At: storyNow.AddDate(0, 0, -3), Score: 1},
	})
	items := StoryPractice(storyModel, []Story{strong, lowScore, vague}, reh, storyNow)
	var got []string
	for _, it := range items {
		switch it.Kind {
		case PracticeStoryGap:
			got = append(got, "gap "+it.Competency)
		case PracticeStory:
			got = append(got, "story "+it.Title)
			if it.StoryID == uuid.Nil {
				t.Errorf("story item %q has no story ID", it.Title)
			}
		default:
			t.Errorf("item of kind %d", it.Kind)
		}
	}
	want := []string{"gap influence", "story The reorg that stalled", "gap org-design", "story Hiring a staff engineer", "gap hiring"}
	if !slices.Equal(got, want) {
		t.Fatalf("items %q, want %q", got, want)
	}
	if r := items[0].Reason; !strings.Contains(r, "no story") {
		t.Errorf("a competency with no story: %q", r)
	}
	if r := items[2].Reason; !strings.Contains(r, "“The reorg that stalled” (scored 1.0 when told)") {
		t.Errorf("a competency with only a low-scoring story: %q", r)
	}
	if r := items[4].Reason; !strings.Contains(r, "“Hiring a staff engineer” (no measured result)") {
		t.Errorf("a competency with only an unmeasured story: %q", r)
	}

	// A story over five years old is weak evidence too, however it scored.
	old := story("The 2012 migration", 2012, "99.9% to 99.99%", "delivery", "developing-people", "org-design", "hiring", "influence")
	items = StoryPractice(storyModel, []Story{old}, StoryRehearsals([]StoryTelling{{StoryID: old.ID, At: storyNow, Score: 4}}), storyNow)
	if len(items) != len(storyModel) || !strings.Contains(items[0].Reason, "over 5 years old") {
		t.Errorf("one old story for every competency: %+v", items)
	}

	// An empty bank (a blank story does not count) is one line, not one per competency.
	items = StoryPractice(storyModel, []Story{NewStory(storyNow)}, nil, storyNow)
	if len(items) != 1 || items[0].Kind != PracticeStoryGap || items[0].Competency != "" {
		t.Errorf("an empty bank: %+v", items)
	}
}

// The weak areas lead the Today list, but the story bank keeps two places when it has items, and
// takes every place the weak areas leave.
func TestTodayListKeepsRoomForStories(t *testing.T) {
	items := func(kind PracticeKind, n int) []PracticeItem {
		out := make([]PracticeItem, n)
		for i := range out {
			out[i].Kind = kind
		}
		return out
	}
	count := func(l []PracticeItem) (practice, stories int) {
		for _, it := range l {
			if it.Kind == PracticeStory {
				stories++
			} else {
				practice++
			}
		}
		return
	}
	for _, c := range []struct{ practice, stories, wantP, wantS int }{
		{5, 5, 3, 2}, {5, 1, 4, 1}, {1, 5, 1, 4}, {0, 9, 0, 5}, {7, 0, 5, 0}, {0, 0, 0, 0},
	} {
		l := TodayList(items(PracticeCompetency, c.practice), items(PracticeStory, c.stories), 5)
		if p, s := count(l); p != c.wantP || s != c.wantS {
			t.Errorf("%d weak areas and %d story items: listed %d and %d, want %d and %d", c.practice, c.stories, p, s, c.wantP, c.wantS)
		}
		if len(l) > 0 && c.wantP > 0 && l[0].Kind == PracticeStory {
			t.Errorf("%d and %d: a story item leads the list", c.practice, c.stories)
		}
	}
}

// A story is rehearsed with the behavioural question whose competencies it shows most, not a
// recent one when another fits as well; a story no question fits has none.
func TestQuestionForStory(t *testing.T) {
	q := func(id string, comps ...string) Prompt {
		p := Prompt{ID: id, Title: id, Round: Behavioural}
		for _, c := range comps {
			p.Rubric = append(p.Rubric, Criterion{Name: c, Competency: c})
		}
		return p
	}
	design := Prompt{ID: "sd", Round: SystemsDesign, Rubric: []Criterion{{Name: "x", Competency: "delivery"}, {Name: "y", Competency: "hiring"}}}
	lib := Library{Bundled: []*PracticeSet{{ID: "b", Prompts: []Prompt{design, q("one", "delivery"), q("both", "delivery", "hiring"), q("both-too", "hiring", "delivery"), q("other", "influence")}}}}
	s := story("Delivery and hiring", 2025, "1", "delivery", "hiring")
	if _, p, ok := QuestionForStory(lib, &s, nil); !ok || p.ID != "both" {
		t.Errorf("picked %q, want the first question asking for both", p.ID)
	}
	recent := []AttemptSummary{{PromptID: "both"}}
	if _, p, ok := QuestionForStory(lib, &s, recent); !ok || p.ID != "both-too" {
		t.Errorf("picked %q after a recent attempt at it, want the other question asking for both", p.ID)
	}
	lone := story("Culture", 2025, "1", "culture")
	if _, p, ok := QuestionForStory(lib, &lone, nil); ok {
		t.Errorf("picked %q for a story no question fits", p.ID)
	}
}
