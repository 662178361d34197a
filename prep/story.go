package prep

// Stories: the candidate's own accounts of things they led, told in behavioural questions ("tell
// me about a time..."). A story is written over days, field by field, and saved as typed like an
// answer, so a story in progress (no title yet, no competency) is a valid record: Check holds a
// story only to what a store, a bundle and a report need; Advice says what it still lacks.

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/panelprep/panelprep/prep/internal/strictjson"
)

// Story is one story in the candidate's bank.
type Story struct {
	ID    uuid.UUID `json:"id"`
	Title string    `json:"title"`
	// When it happened: a year and, if the candidate gives it, a month (1 to 12; 0 for none). A
	// year of 0 means not given yet.
	Year  int    `json:"year,omitempty"`
	Month int    `json:"month,omitempty"`
	Where string `json:"where,omitempty"` // the company
	Role  string `json:"role,omitempty"`  // the candidate's role then
	// Scope: how many teams and people they led, and the budget in their own words ("$4.2M").
	Teams     int    `json:"teams,omitempty"`
	People    int    `json:"people,omitempty"`
	Budget    string `json:"budget,omitempty"`
	Situation string `json:"situation,omitempty"`
	Actions   string `json:"actions,omitempty"` // what they did, in the first person
	Result    string `json:"result,omitempty"`
	// Numbers are the measures behind the result (lead time 9 to 3 days, attrition 18% to 7%).
	Numbers  string `json:"numbers,omitempty"`
	Learning string `json:"learning,omitempty"`
	// Competencies are the IDs of the competencies the story shows, in the order the candidate
	// chose them.
	Competencies []string  `json:"competencies,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// StoryStore keeps the story bank. Every save is durable when it returns: a story is typed text.
type StoryStore interface {
	// SaveStory stores a story, replacing its earlier version. A story that fails Check is
	// refused, and the stored version kept.
	SaveStory(s Story) error
	// Stories lists every story, most recently updated first.
	Stories() ([]Story, error)
	// Story returns one story, or an error wrapping ErrNotFound.
	Story(id uuid.UUID) (Story, error)
	// DeleteStory removes a story; a story that is not there is not an error.
	DeleteStory(id uuid.UUID) error
	// SaveStoryComment keeps a mentor's comment beside a stored story (ErrNotFound for another),
	// replacing an earlier version of it. The story itself never changes.
	SaveStoryComment(c StoryComment) error
	// StoryComments returns the comments on one story, oldest first.
	StoryComments(storyID uuid.UUID) ([]StoryComment, error)
}

// Limits of a story's fields. A story is a few paragraphs; the caps keep a damaged or hostile
// record (or bundle) from holding megabytes, far above anything told in five minutes.
const (
	MaxStoryTitle        = 200
	MaxStoryLine         = 200    // where, role, budget
	MaxStoryText         = 20_000 // characters in each of situation, actions, result, numbers, learning
	MaxStoryCompetencies = 12
	MaxStoryHeadcount    = 100_000 // teams or people
	minStoryYear         = 1950
	maxStoryYear         = 2200
)

// NewStory returns an empty story with a fresh ID, created at now.
func NewStory(now time.Time) Story {
	return Story{ID: uuid.New(), CreatedAt: now, UpdatedAt: now}
}

// Clone returns a copy of s that shares no slice with it.
func (s Story) Clone() Story {
	s.Competencies = slices.Clone(s.Competencies)
	return s
}

// DisplayTitle is the story's title, or a stand-in for a story not yet titled.
func (s *Story) DisplayTitle() string {
	if t := strings.TrimSpace(s.Title); t != "" {
		return t
	}
	return "Untitled story"
}

// When is the story's date as people write it: "March 2023", "2023", or "" when not given.
func (s *Story) When() string {
	switch {
	case s.Year == 0:
		return ""
	case s.Month >= 1 && s.Month <= 12:
		return fmt.Sprintf("%s %d", time.Month(s.Month), s.Year)
	default:
		return fmt.Sprint(s.Year)
	}
}

// Blank reports whether nothing has been written in the story yet: a story opened by mistake,
// which a screen need not keep.
func (s *Story) Blank() bool {
	return strings.TrimSpace(s.Title+s.Where+s.Role+s.Budget+s.Situation+s.Actions+s.Result+s.Numbers+s.Learning) == "" &&
		s.Year == 0 && s.Month == 0 && s.Teams == 0 && s.People == 0 && len(s.Competencies) == 0
}

// Shows reports whether the story is tagged with the competency.
func (s *Story) Shows(competency string) bool { return slices.Contains(s.Competencies, competency) }

// Check reports what makes the story unfit to store or carry in a bundle, with paths under at
// ("stories[2].month"). A story still being written passes: an empty title or no competency is
// advice (Advice), not a problem. Competency IDs are checked for their form only: a story written
// with a newer competency model keeps an ID this version does not know.
func (s *Story) Check(at string) []Problem {
	v := &validator{}
	if s.ID == uuid.Nil {
		v.add(at+".id", "is missing (the nil UUID is not a story ID)")
	}
	v.storyText(at+".title", s.Title, MaxStoryTitle)
	if s.Year != 0 && (s.Year < minStoryYear || s.Year > maxStoryYear) {
		v.add(at+".year", "must be a year from %d to %d, or absent (got %d)", minStoryYear, maxStoryYear, s.Year)
	}
	if s.Month < 0 || s.Month > 12 {
		v.add(at+".month", "must be 1 to 12, or absent (got %d)", s.Month)
	} else if s.Month != 0 && s.Year == 0 {
		v.add(at+".month", "is given without a year")
	}
	v.storyText(at+".where", s.Where, MaxStoryLine)
	v.storyText(at+".role", s.Role, MaxStoryLine)
	// In the form's order, every time: a map here listed the two in a random order.
	for _, f := range []struct {
		name string
		n    int
	}{{"teams", s.Teams}, {"people", s.People}} {
		if f.n < 0 || f.n > MaxStoryHeadcount {
			v.add(at+"."+f.name, "must be 0 to %d (got %d)", MaxStoryHeadcount, f.n)
		}
	}
	v.storyText(at+".budget", s.Budget, MaxStoryLine)
	v.storyText(at+".situation", s.Situation, MaxStoryText)
	v.storyText(at+".actions", s.Actions, MaxStoryText)
	v.storyText(at+".result", s.Result, MaxStoryText)
	v.storyText(at+".numbers", s.Numbers, MaxStoryText)
	v.storyText(at+".learning", s.Learning, MaxStoryText)
	if n := len(s.Competencies); n > MaxStoryCompetencies {
		v.add(at+".competencies", "names %d competencies; a story may show at most %d", n, MaxStoryCompetencies)
	}
	seen := map[string]int{}
	for i, c := range s.Competencies {
		ca := fmt.Sprintf("%s.competencies[%d]", at, i)
		if !validID(c) || c == Unmapped {
			v.add(ca, "must be a competency ID of a-z, 0-9 and '-' (got %q)", strictjson.Clip(c))
		} else if first, dup := seen[c]; dup {
			v.add(ca, "competency %q appears twice (first at competencies[%d])", c, first)
		} else {
			seen[c] = i
		}
	}
	if s.CreatedAt.IsZero() {
		v.add(at+".created_at", "is missing")
	}
	if s.UpdatedAt.IsZero() {
		v.add(at+".updated_at", "is missing")
	} else if s.UpdatedAt.Before(s.CreatedAt) {
		v.add(at+".updated_at", "is before created_at")
	}
	return v.problems
}

// storyText checks one text field: valid UTF-8 (a store or bundle may have been damaged), no NUL,
// at most max characters.
func (v *validator) storyText(path, text string, max int) {
	switch {
	case !utf8.ValidString(text):
		v.add(path, "is not valid UTF-8 text")
	case strings.ContainsRune(text, 0):
		v.add(path, "contains a NUL character")
	default:
		if n := utf8.RuneCountInString(text); n > max {
			v.add(path, "is %d characters; at most %d fit", n, max)
		}
	}
}

// StoryError is a story that failed Check, with every problem.
type StoryError struct {
	Title    string
	Problems []Problem
}

func (e *StoryError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.String()
	}
	return fmt.Sprintf("story %q cannot be saved: %s; the version saved before is kept", strictjson.Clip(e.Title), strings.Join(msgs, "; "))
}

// CheckStory returns a *StoryError when s fails Check, nil otherwise. Stores call it before
// writing, so a story they hold always reads back.
func CheckStory(s *Story) error {
	if problems := s.Check("story"); len(problems) > 0 {
		return &StoryError{Title: s.DisplayTitle(), Problems: problems}
	}
	return nil
}

// Advice lists what a story still lacks before a panel hears it, in the order of its fields,
// each a short sentence for the editor to show. It never stops a save.
func (s *Story) Advice(model Competencies, now time.Time) []string {
	var out []string
	if strings.TrimSpace(s.Title) == "" {
		out = append(out, "Give it a title you will recognise in a list.")
	}
	if s.Year == 0 {
		out = append(out, "Say when it happened: panels ask, and a story over five years old reads as dated.")
	} else if s.Old(now) {
		out = append(out, fmt.Sprintf("It happened in %s, more than %d years ago: tell a recent story where you can.", s.When(), StoryMaxAgeYears))
	}
	if strings.TrimSpace(s.Actions) == "" {
		out = append(out, "Write your own actions, in the first person: what you did, not what the team did.")
	}
	if !s.Measured() {
		out = append(out, "Give the numbers behind the result: what changed, by how much, by when.")
	}
	if strings.TrimSpace(s.Learning) == "" {
		out = append(out, "Say what you learned, or would do differently.")
	}
	if len(s.Competencies) == 0 {
		out = append(out, "Tag the competencies it shows, so it is suggested for the right questions.")
	}
	for _, c := range s.Competencies {
		if _, ok := model.Find(c); !ok {
			out = append(out, fmt.Sprintf("This version does not know the competency %q; it counts nowhere.", c))
		}
	}
	return out
}

// StoryCheck is one item of what a story needs before a panel hears it.
type StoryCheck struct {
	Item string // the same words whether done or not
	Done bool
}

// Checklist is what a story needs before a panel hears it, as Advice says it, in the order of the
// fields: always the same items, in the same words, done or not. An editor shows it whole and ticks
// what is done, so nothing moves as a story is written (Advice loses a line per field filled, and
// moved the form under the mouse).
func (s *Story) Checklist(now time.Time) []StoryCheck {
	return []StoryCheck{
		{"A title you will recognise", strings.TrimSpace(s.Title) != ""},
		{fmt.Sprintf("When, in the last %d years", StoryMaxAgeYears), s.Year != 0 && !s.Old(now)},
		{"Your own actions, as \"I\"", strings.TrimSpace(s.Actions) != ""},
		{"Numbers behind the result", s.Measured()},
		{"What you learned", strings.TrimSpace(s.Learning) != ""},
		{"The competencies it shows", len(s.Competencies) > 0},
	}
}

// StoryMaxAgeYears is the age past which a story is flagged as old: panels hiring a Director want
// evidence of how they work now.
const StoryMaxAgeYears = 5

// Old reports whether the story happened more than StoryMaxAgeYears before now. A story with no
// month counts from the end of its year, so it is not called old before it surely is.
func (s *Story) Old(now time.Time) bool {
	if s.Year == 0 {
		return false
	}
	month := s.Month
	if month == 0 {
		month = 12
	}
	// The first day of the month after the story's month is when it is surely over.
	ended := time.Date(s.Year, time.Month(month)+1, 1, 0, 0, 0, 0, now.Location())
	return ended.AddDate(StoryMaxAgeYears, 0, 0).Before(now)
}

// Measured reports whether the result is backed by a figure: a digit in the numbers or the result.
// "Delivery got faster" is not measured; "lead time from 9 days to 3" is.
func (s *Story) Measured() bool {
	return strings.IndexFunc(s.Numbers, unicode.IsDigit) >= 0 || strings.IndexFunc(s.Result, unicode.IsDigit) >= 0
}

// SearchText is the story's text as search reads it, fields in the order of the editor.
func (s *Story) SearchText() string {
	return strings.Join([]string{s.Title, s.Where, s.Role, s.Situation, s.Actions, s.Result, s.Numbers, s.Learning}, "\n")
}

// SearchDoc is the story as Search indexes it beside the answers.
func (s *Story) SearchDoc() SearchDoc {
	return SearchDoc{ID: s.ID, PromptTitle: s.DisplayTitle(), FinishedAt: s.UpdatedAt, Fields: [3]string{s.SearchText()}, Story: true}
}
