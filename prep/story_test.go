package prep

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// storyModel is a small competency model for the story tests, in the bundled model's IDs.
var storyModel = Competencies{
	{ID: "delivery", Name: "Delivery and execution across teams"},
	{ID: "developing-people", Name: "Developing managers and people"},
	{ID: "org-design", Name: "Organisation design"},
	{ID: "hiring", Name: "Hiring and talent"},
	{ID: "influence", Name: "Influence and communication"},
}

var storyNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

func story(title string, year int, result string, competencies ...string) Story {
	s := NewStory(storyNow.Add(-time.Hour))
	s.Title, s.Year, s.Month, s.Result, s.Competencies = title, year, 3, result, competencies
	s.Actions = "I did it."
	return s
}

func TestStoryCheck(t *testing.T) {
	ok := story("Replacing an EM", 2024, "attrition 18% to 7%", "developing-people")
	if p := ok.Check("story"); len(p) != 0 {
		t.Fatalf("a whole story has problems: %v", p)
	}
	// A story just begun, all empty but its ID and times, is storable: it is saved as typed.
	if p := (&Story{ID: uuid.New(), CreatedAt: storyNow, UpdatedAt: storyNow}).Check("story"); len(p) != 0 {
		t.Errorf("an empty new story has problems: %v", p)
	}
	cases := []struct {
		name string
		edit func(*Story)
		path string
		want string
	}{
		{"no ID", func(s *Story) { s.ID = uuid.Nil }, "story.id", "missing"},
		{"long title", func(s *Story) { s.Title = strings.Repeat("é", MaxStoryTitle+1) }, "story.title", "201 characters"},
		{"bad UTF-8", func(s *Story) { s.Actions = "ok \xff" }, "story.actions", "UTF-8"},
		{"NUL", func(s *Story) { s.Learning = "a\x00b" }, "story.learning", "NUL"},
		{"huge result", func(s *Story) { s.Numbers = strings.Repeat("9", MaxStoryText+1) }, "story.numbers", "at most 20000"},
		{"month 13", func(s *Story) { s.Month = 13 }, "story.month", "1 to 12"},
		{"month without year", func(s *Story) { s.Year = 0 }, "story.month", "without a year"},
		{"year 1066", func(s *Story) { s.Year = 1066 }, "story.year", "1950"},
		{"negative people", func(s *Story) { s.People = -3 }, "story.people", "0 to"},
		{"bad competency", func(s *Story) { s.Competencies = []string{"Delivery!"} }, "story.competencies[0]", "competency ID"},
		{"unmapped is not a competency", func(s *Story) { s.Competencies = []string{Unmapped} }, "story.competencies[0]", "competency ID"},
		{"twice", func(s *Story) { s.Competencies = []string{"hiring", "delivery", "hiring"} }, "story.competencies[2]", "first at competencies[0]"},
		{"too many", func(s *Story) {
			s.Competencies = nil
			for i := range MaxStoryCompetencies + 1 {
				s.Competencies = append(s.Competencies, fmt.Sprintf("c%d", i))
			}
		}, "story.competencies", "at most 12"},
		{"no created", func(s *Story) { s.CreatedAt = time.Time{} }, "story.created_at", "missing"},
		{"updated before created", func(s *Story) { s.UpdatedAt = s.CreatedAt.Add(-time.Second) }, "story.updated_at", "before"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := ok.Clone()
			c.edit(&s)
			problems := s.Check("story")
			if len(problems) != 1 || problems[0].Path != c.path || !strings.Contains(problems[0].Message, c.want) {
				t.Fatalf("problems %v, want one at %s saying %q", problems, c.path, c.want)
			}
			var se *StoryError
			if err := CheckStory(&s); !errors.As(err, &se) || !strings.Contains(err.Error(), "cannot be saved: "+c.path) {
				t.Errorf("CheckStory: %v", err)
			}
		})
	}
}

// TestStoryCheckOrder: a story's problems come in the form's order, the same every time, so an
// error message or a bundle's report does not change from one run to the next.
func TestStoryCheckOrder(t *testing.T) {
	s := story("Two teams, two numbers", 2024, "done", "delivery")
	s.Teams, s.People = -1, MaxStoryHeadcount+1
	for range 20 {
		var paths []string
		for _, p := range s.Check("story") {
			paths = append(paths, p.Path)
		}
		if want := []string{"story.teams", "story.people"}; !slices.Equal(paths, want) {
			t.Fatalf("problems at %v, want %v", paths, want)
		}
	}
}

func TestStoryAdviceAndFlags(t *testing.T) {
	s := Story{ID: uuid.New(), Competencies: []string{"no-such-thing"}}
	advice := strings.Join(s.Advice(storyModel, storyNow), "\n")
	for _, want := range []string{"title", "when it happened", "own actions", "numbers behind the result", "learned", `"no-such-thing"`} {
		if !strings.Contains(advice, want) {
			t.Errorf("advice for an empty story lacks %q:\n%s", want, advice)
		}
	}
	whole := story("Two teams, one interface", 2025, "incidents from 14 to 3 a quarter", "delivery")
	whole.Learning = "Agree the contract first."
	if a := whole.Advice(storyModel, storyNow); len(a) != 0 {
		t.Errorf("a whole story gets advice: %v", a)
	}
	// Measured: a figure in the result or the numbers, not words alone.
	for result, numbers := range map[string]string{"faster delivery": "", "": "lead time 9 days to 3"} {
		got := (&Story{Result: result, Numbers: numbers}).Measured()
		if got != (numbers != "") {
			t.Errorf("Measured(%q, %q) = %v", result, numbers, got)
		}
	}
	// Old: more than five years before now, a story without a month counting from the end of its year.
	for _, c := range []struct {
		year, month int
		old         bool
	}{{2021, 12, false}, {2021, 11, true}, {2021, 0, false}, {2020, 0, true}, {0, 0, false}} {
		if got := (&Story{Year: c.year, Month: c.month}).Old(storyNow); got != c.old {
			t.Errorf("Old(%d-%02d) = %v at %s, want %v", c.year, c.month, got, storyNow.Format("2006-01"), c.old)
		}
	}
	if !(&Story{ID: uuid.New(), Title: "  "}).Blank() || (&Story{Teams: 1}).Blank() || whole.Blank() {
		t.Error("Blank is wrong")
	}
	if w := (&Story{Year: 2023, Month: 3}).When(); w != "March 2023" {
		t.Errorf("When = %q", w)
	}
}

func TestStoryCoverage(t *testing.T) {
	// Three stories as a candidate writes them the week before a loop: one carries most of the
	// competencies alone, one has no figure, one is old. Hiring has no story.
	big := story("Platform split", 2025, "lead time 9 to 3 days", "delivery", "org-design", "influence", "developing-people")
	vague := story("Coaching a new EM", 2024, "the team was happier", "developing-people")
	old := story("Migration at the bank", 2019, "cost down 40%", "delivery")
	cov := StoryCoverage(storyModel, []Story{big, vague, old}, CoverageOptions{Now: storyNow})

	row := func(id string) CoverageRow {
		i := slices.IndexFunc(cov.Rows, func(r CoverageRow) bool { return r.ID == id })
		return cov.Rows[i]
	}
	if !row("hiring").Gap() || cov.Gaps() != 1 {
		t.Errorf("gaps: hiring %+v, %d in all; want hiring the one gap", row("hiring"), cov.Gaps())
	}
	if got := []int{row("delivery").Stories, row("developing-people").Stories, row("org-design").Stories}; !slices.Equal(got, []int{2, 2, 1}) {
		t.Errorf("stories per competency %v", got)
	}
	// The plan gives org design and influence to the platform story (the only one showing them),
	// and the other two competencies to the other stories: it is planned for two, within the limit.
	if cov.Columns[0].Planned != 2 || cov.Columns[0].TooMuch {
		t.Errorf("platform story planned for %d, too much %v", cov.Columns[0].Planned, cov.Columns[0].TooMuch)
	}
	if row("delivery").Planned != 2 || row("developing-people").Planned != 1 {
		t.Errorf("delivery planned on column %d, developing people on %d; want the stories that carry less",
			row("delivery").Planned, row("developing-people").Planned)
	}
	if cov.Cells[0][0] != CellShows || cov.Cells[0][2] != CellPlanned || cov.Cells[3][0] != CellNone {
		t.Errorf("cells %v", cov.Cells)
	}
	if !cov.Columns[1].Unmeasured || cov.Columns[0].Unmeasured || !cov.Columns[2].Old || cov.Columns[0].Old {
		t.Errorf("flags: %+v", cov.Columns)
	}

	// Without the other two stories, the platform story alone carries four competencies in a loop.
	alone := StoryCoverage(storyModel, []Story{big}, CoverageOptions{Now: storyNow})
	if c := alone.Columns[0]; c.Planned != 4 || !c.TooMuch || !slices.Contains(c.Flags(), "carries too much") {
		t.Errorf("a story alone for four competencies: %+v", c)
	}
	if lax := StoryCoverage(storyModel, []Story{big}, CoverageOptions{Now: storyNow, MaxPerLoop: 4}); lax.Columns[0].TooMuch {
		t.Error("a limit of four still flags a story planned for four")
	}
	// Unknown IDs count in no row; an empty bank is all gaps.
	odd := story("Odd", 2025, "1", "no-such-thing")
	if c := StoryCoverage(storyModel, []Story{odd}, CoverageOptions{Now: storyNow}); c.Columns[0].Shows != 0 || c.Gaps() != len(storyModel) {
		t.Errorf("a story naming an unknown competency: %+v", c.Columns[0])
	}
}

func TestSuggestStories(t *testing.T) {
	a := story("A: told three times", 2025, "1", "delivery")
	b := story("B: never told", 2025, "1", "delivery")
	c := story("C: told once, long ago", 2025, "1", "delivery")
	d := story("D: told once, lately", 2025, "1", "delivery")
	e := story("E: both competencies, told often", 2025, "1", "delivery", "influence")
	f := story("F: other competency", 2025, "1", "hiring")
	var tellings []StoryTelling
	for i := range 3 {
		tellings = append(tellings, StoryTelling{StoryID: a.ID, At: storyNow.AddDate(0, 0, -i-1), Score: 3})
	}
	tellings = append(tellings,
		StoryTelling{StoryID: c.ID, At: storyNow.AddDate(0, -2, 0), Score: 2},
		StoryTelling{StoryID: d.ID, At: storyNow.AddDate(0, 0, -1), Score: 4},
		StoryTelling{StoryID: e.ID, At: storyNow.AddDate(0, 0, -1), Score: 4},
		StoryTelling{StoryID: e.ID, At: storyNow.AddDate(0, 0, -2), Score: 4},
		StoryTelling{StoryID: e.ID, At: storyNow.AddDate(0, 0, -3), Score: 4},
		StoryTelling{StoryID: e.ID, At: storyNow.AddDate(0, 0, -4), Score: 4})
	reh := StoryRehearsals(tellings)
	if r := reh[a.ID]; r.Told != 3 || r.Average != 3 || !r.LastTold.Equal(storyNow.AddDate(0, 0, -1)) {
		t.Errorf("rehearsal of A: %+v", r)
	}

	got := SuggestStories([]Story{a, b, c, d, e, f}, reh, []string{"delivery", "influence"})
	var titles []string
	for _, s := range got {
		titles = append(titles, s.Story.Title[:1])
	}
	// E shows both of the question's competencies; then the least rehearsed of the rest.
	if want := []string{"E", "B", "C", "D", "A"}; !slices.Equal(titles, want) {
		t.Errorf("suggestion order %v, want %v", titles, want)
	}
	if !slices.Equal(got[0].Matches, []string{"delivery", "influence"}) || got[0].Rehearsal.Told != 4 {
		t.Errorf("first suggestion %+v", got[0])
	}
	if len(SuggestStories([]Story{f}, reh, []string{"delivery"})) != 0 {
		t.Error("a story for another competency was suggested")
	}
}

func TestStoryTellingsAndQuestionCompetencies(t *testing.T) {
	told := uuid.New()
	at := storyNow.Add(-time.Hour)
	attempts := []Attempt{
		{ID: uuid.New(), StoryID: told, FinishedAt: at, Scores: []Score{{Criterion: "Scope", Value: 3}, {Criterion: "Result", Value: 4}}},
		{ID: uuid.New(), FinishedAt: at}, // no story: a design round
	}
	if got := StoryTellings(attempts); len(got) != 1 || got[0] != (StoryTelling{StoryID: told, At: at, Score: 3.5}) {
		t.Errorf("tellings %+v", got)
	}
	p := Prompt{Rubric: []Criterion{{Name: "a", Competency: "hiring"}, {Name: "b", Competency: "strategy"}, {Name: "c", Competency: "hiring"}, {Name: "d"}}}
	if got := QuestionCompetencies(&p); !slices.Equal(got, []string{"hiring", "strategy"}) {
		t.Errorf("question competencies %v", got)
	}
	d := Draft{Prompt: Prompt{Rubric: []Criterion{{Name: "a"}}}, StoryID: told, Scores: []Score{{Criterion: "a", Value: 2}}}
	if a, err := NewAttempt(d, nil, storyNow); err != nil || a.StoryID != told {
		t.Errorf("the attempt does not keep the draft's story: %v", err)
	}
}

func TestStoriesDue(t *testing.T) {
	never := story("Never told", 2025, "1", "delivery")
	weak := story("Told, scored 1", 2025, "1", "delivery")
	strong := story("Told well, lately", 2025, "1", "delivery")
	draft := story("", 2025, "", "delivery") // still being written: no title
	reh := StoryRehearsals([]StoryTelling{
		{StoryID: weak.ID, At: storyNow.AddDate(0, 0, -3), Score: 1},
		{StoryID: strong.ID, At: storyNow.AddDate(0, 0, -2), Score: 4},
		{StoryID: strong.ID, At: storyNow.AddDate(0, 0, -1), Score: 4},
	})
	due := StoriesDue([]Story{never, weak, strong, draft}, reh, storyNow)
	var titles []string
	for _, d := range due {
		titles = append(titles, d.Story.Title)
	}
	// A weak telling comes back within a day; two strong ones push the next out six days.
	if want := []string{"Told, scored 1", "Never told"}; !slices.Equal(titles, want) {
		t.Fatalf("due %v, want %v", titles, want)
	}
	if !strings.Contains(due[0].Reason, "scored low") || due[1].Reason != "never told aloud" {
		t.Errorf("reasons %q, %q", due[0].Reason, due[1].Reason)
	}
	if later := StoriesDue([]Story{strong}, reh, storyNow.AddDate(0, 0, 6)); len(later) != 1 {
		t.Errorf("the strong story is not due six days after its last telling: %v", later)
	}
}

// BenchmarkStoryCoverage builds the matrix over 50 stories and the nine bundled competencies; its
// floor is one pass that only reads every story's tags, the least any matrix must do.
func BenchmarkStoryCoverage(b *testing.B) {
	model := Competencies{}
	for i := range 9 {
		model = append(model, Competency{ID: fmt.Sprintf("c%d", i), Name: fmt.Sprintf("Competency %d", i)})
	}
	var stories []Story
	for i := range 50 {
		s := story(fmt.Sprintf("Story %d", i), 2018+i%9, "", model[i%9].ID, model[(i*7+1)%9].ID, model[(i*5+2)%9].ID)
		if i%3 == 0 {
			s.Numbers = "from 12 to 4"
		}
		stories = append(stories, s)
	}
	b.Run("matrix", func(b *testing.B) {
		for b.Loop() {
			_ = StoryCoverage(model, stories, CoverageOptions{Now: storyNow})
		}
	})
	b.Run("floor-read-tags", func(b *testing.B) {
		for b.Loop() {
			n := 0
			for i := range stories {
				for _, c := range stories[i].Competencies {
					if _, ok := model.Find(c); ok {
						n++
					}
				}
			}
			_ = n
		}
	})
}

// A story is found by Search like an answer, and its hit says it is a story.
func TestStorySearch(t *testing.T) {
	s := story("Platform split", 2025, "lead time 9 to 3 days", "delivery")
	s.Learning = "Agree the interface before the org chart."
	ix := NewSearchIndex([]SearchDoc{s.SearchDoc(), {ID: uuid.New(), PromptTitle: "An attempt", Fields: [3]string{"the org chart came first"}}})
	hits := ix.Search("ORG CHART", 10)
	if len(hits) != 2 || !hits[0].Story || hits[0].Field != "story" || hits[0].ID != s.ID || hits[0].PromptTitle != "Platform split" ||
		hits[1].Story || hits[1].Field != "answer" {
		t.Fatalf("hits %+v", hits)
	}
	if p := hits[0].Passage[hits[0].MatchStart:hits[0].MatchEnd]; p != "org chart" {
		t.Errorf("match %q", p)
	}
}

// The checklist is the same six items in the same words whatever the story holds, each done when
// Advice no longer asks for it: an editor that shows it moves nothing as a story is written.
func TestStoryChecklist(t *testing.T) {
	empty := Story{ID: uuid.New()}
	whole := story("Two teams, one interface", 2025, "incidents from 14 to 3 a quarter", "delivery")
	whole.Learning = "Agree the contract first."
	old := whole
	old.Year = 2015
	a, b, c := empty.Checklist(storyNow), whole.Checklist(storyNow), old.Checklist(storyNow)
	if len(a) != 6 || len(b) != 6 || len(c) != 6 {
		t.Fatalf("%d, %d and %d items", len(a), len(b), len(c))
	}
	for i := range a {
		if a[i].Item != b[i].Item || a[i].Item != c[i].Item {
			t.Errorf("item %d reads %q, %q and %q", i, a[i].Item, b[i].Item, c[i].Item)
		}
		if a[i].Done || !b[i].Done {
			t.Errorf("item %q: done %v for an empty story, %v for a whole one", a[i].Item, a[i].Done, b[i].Done)
		}
		if c[i].Done != (i != 1) {
			t.Errorf("item %q done %v for a story from 2015", c[i].Item, c[i].Done)
		}
	}
}
