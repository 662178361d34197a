package prep

// Stories in a bundle (format version 2): the candidate's story bank travels with their attempts,
// so a mentor can read the stories behind the behavioural answers. A bundle without stories is
// written as version 1, which every PanelPrep that reads bundles reads; one with stories is
// version 2, which an older PanelPrep refuses by its version ("update PanelPrep") rather than as
// a field it does not know.

import (
	"fmt"

	"github.com/google/uuid"
)

// bundleStoriesVersion is the first format version that carries stories.
const bundleStoriesVersion = 2

// bundleLiveVersion is the first format version whose reviews carry a live round's timestamped
// notes and follow-up marks (interview.go).
const bundleLiveVersion = 3

type storyJSON struct {
	ID           string   `json:"id"`
	Title        string   `json:"title"`
	Year         int      `json:"year,omitempty"`
	Month        int      `json:"month,omitempty"`
	Where        string   `json:"where,omitempty"`
	Role         string   `json:"role,omitempty"`
	Teams        int      `json:"teams,omitempty"`
	People       int      `json:"people,omitempty"`
	Budget       string   `json:"budget,omitempty"`
	Situation    string   `json:"situation,omitempty"`
	Actions      string   `json:"actions,omitempty"`
	Result       string   `json:"result,omitempty"`
	Numbers      string   `json:"numbers,omitempty"`
	Learning     string   `json:"learning,omitempty"`
	Competencies []string `json:"competencies"`
	CreatedAt    string   `json:"created_at"`
	UpdatedAt    string   `json:"updated_at"`
}

// wireVersion is the format version a bundle is written in: the lowest that holds its content.
func (b *Bundle) wireVersion() int {
	if b.hasDiagram() || b.hasEstimates() {
		return bundleWhiteboardVersion
	}
	for _, r := range b.AllReviews() {
		if len(r.Notes) > 0 || len(r.FollowUps) > 0 {
			return bundleLiveVersion
		}
	}
	if len(b.Stories) > 0 || len(b.StoryComments) > 0 {
		return bundleStoriesVersion
	}
	for i := range b.Attempts {
		if b.Attempts[i].StoryID != uuid.Nil {
			return bundleStoriesVersion
		}
	}
	return 1
}

func storyToWire(s Story) storyJSON {
	return storyJSON{
		ID: s.ID.String(), Title: s.Title, Year: s.Year, Month: s.Month, Where: s.Where, Role: s.Role,
		Teams: s.Teams, People: s.People, Budget: s.Budget, Situation: s.Situation, Actions: s.Actions,
		Result: s.Result, Numbers: s.Numbers, Learning: s.Learning, Competencies: nonNil(s.Competencies),
		CreatedAt: formatTime(s.CreatedAt), UpdatedAt: formatTime(s.UpdatedAt),
	}
}

func (p *parser) story(at string, w *storyJSON) Story {
	s := Story{
		ID: p.uuid(at+".id", w.ID), Title: w.Title, Year: w.Year, Month: w.Month, Where: w.Where, Role: w.Role,
		Teams: w.Teams, People: w.People, Budget: w.Budget, Situation: w.Situation, Actions: w.Actions,
		Result: w.Result, Numbers: w.Numbers, Learning: w.Learning,
		CreatedAt: p.time(at+".created_at", w.CreatedAt), UpdatedAt: p.time(at+".updated_at", w.UpdatedAt),
	}
	if len(w.Competencies) > 0 {
		s.Competencies = w.Competencies
	}
	return s
}

// stories checks the bundle's stories: each passes Story.Check, none appears twice, and only a
// bundle of the candidate's (attempts) carries them: feedback goes back to the one who wrote them.
func (c *bundleCheck) stories(b *Bundle) {
	if len(b.Stories) > 0 && b.Kind == BundleFeedback {
		c.add("stories", "a feedback bundle carries no stories; they travel from the candidate to the mentor")
	}
	seen := map[uuid.UUID]int{}
	for i := range b.Stories {
		s := &b.Stories[i]
		at := fmt.Sprintf("stories[%d]", i)
		c.once(seen, s.ID, i, at, "story", "stories")
		c.problems = append(c.problems, s.Check(at)...)
	}
}
