package prep

// Stories in the Today list: the story bank joins spaced practice beside prompts and
// competencies. A story falls due on its SM-2 schedule (StoriesDue); a competency falls due when
// no story shows it, or only weak ones do, since a panel will ask for one and a candidate who has
// none improvises the answer that costs the round.

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// The story kinds of practice item, after PracticeCompetency.
const (
	// PracticeStory is a story due for rehearsal: tell it again in a behavioural question.
	PracticeStory PracticeKind = iota + PracticeCompetency + 1
	// PracticeStoryGap is a competency with no story, or only weak ones: write one. With no
	// Competency, the bank is empty.
	PracticeStoryGap
)

// weakStoryScore is the mean self-score below which a told story counts as weak (the same line
// StoriesDue calls "scored low").
const weakStoryScore = 2.5

// storyWeakness says why a story is weak evidence for a loop, or "" when it is not: it scored low
// when told, its result has no figure behind it, or it is more than StoryMaxAgeYears old.
func storyWeakness(s *Story, r StoryRehearsal, now time.Time) string {
	switch {
	case r.Average > 0 && r.Average < weakStoryScore:
		return fmt.Sprintf("scored %.1f when told", r.Average)
	case !s.Measured():
		return "no measured result"
	case s.Old(now):
		return fmt.Sprintf("over %d years old", StoryMaxAgeYears)
	}
	return ""
}

// StoryPractice lists what the story bank asks of the candidate today: the competencies of the
// model that no story shows, then those that only weak stories show (each in the model's order),
// in turns with the stories due for rehearsal, most overdue first. An empty bank is one item (no
// Competency) rather than one per competency: nine "no story" lines say less than one.
func StoryPractice(model Competencies, stories []Story, rehearsals map[uuid.UUID]StoryRehearsal, now time.Time) []PracticeItem {
	var written int
	for i := range stories {
		if !stories[i].Blank() {
			written++
		}
	}
	if written == 0 {
		return []PracticeItem{{Kind: PracticeStoryGap, Title: "Your story bank", Due: now,
			Reason: "no stories yet; a behavioural round asks for one per competency, so write the first, for the competency you score lowest in"}}
	}
	var gaps, weak []PracticeItem
	for _, c := range model {
		var weakOnes []string
		strong := false
		for i := range stories {
			s := &stories[i]
			if !s.Shows(c.ID) {
				continue
			}
			if why := storyWeakness(s, rehearsals[s.ID], now); why != "" {
				weakOnes = append(weakOnes, fmt.Sprintf("“%s” (%s)", s.DisplayTitle(), why))
			} else {
				strong = true
				break
			}
		}
		switch {
		case strong:
		case len(weakOnes) == 0:
			gaps = append(gaps, PracticeItem{Kind: PracticeStoryGap, Competency: c.ID, Title: c.Name, Due: now,
				Reason: "no story of yours shows it; write one before a panel asks"})
		default:
			weak = append(weak, PracticeItem{Kind: PracticeStoryGap, Competency: c.ID, Title: c.Name, Due: now,
				Reason: "only weak stories show it: " + strings.Join(weakOnes, ", ")})
		}
	}
	needs := append(gaps, weak...)
	var due []PracticeItem
	for _, d := range StoriesDue(stories, rehearsals, now) {
		due = append(due, PracticeItem{Kind: PracticeStory, StoryID: d.Story.ID, Title: d.Story.DisplayTitle(), Due: d.Due,
			LastScore: d.Rehearsal.Average, Reason: d.Reason + "; rehearse it in a behavioural question"})
	}
	// Taken in turns, so that eight gaps do not crowd the story due for rehearsal off a list of five.
	out := make([]PracticeItem, 0, len(needs)+len(due))
	for i := 0; i < max(len(needs), len(due)); i++ {
		if i < len(needs) {
			out = append(out, needs[i])
		}
		if i < len(due) {
			out = append(out, due[i])
		}
	}
	return out
}

// storyShare is how many of the Today list's places the story bank keeps when prompts and
// competencies would fill them all: enough that the bank is never crowded out, few enough that
// weak scores still lead.
const storyShare = 2

// TodayList is the Today list: up to limit items, the weak areas due for practice first
// (DueForPractice), then what the story bank asks (StoryPractice). The bank keeps storyShare
// places when it has that many items, and takes any places the weak areas leave.
func TodayList(practice, stories []PracticeItem, limit int) []PracticeItem {
	nStories := min(len(stories), max(storyShare, limit-len(practice)), limit)
	nPractice := min(len(practice), limit-nStories)
	out := make([]PracticeItem, 0, nPractice+nStories)
	out = append(out, practice[:nPractice]...)
	return append(out, stories[:nStories]...)
}

// QuestionForStory picks the behavioural question to rehearse a story with: the one whose
// competencies the story shows most, not among the recently attempted prompts when another fits
// as well, then the first in the library. history is most recent first, as the store lists it.
func QuestionForStory(lib Library, s *Story, history []AttemptSummary) (*PracticeSet, Prompt, bool) {
	return mostFitting(lib, recentPrompts(history), func(p *Prompt) int {
		if p.Round != Behavioural {
			return 0
		}
		n := 0
		for _, c := range QuestionCompetencies(p) {
			if s.Shows(c) {
				n++
			}
		}
		return n
	})
}
