package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// storyBank is what the screens that show stories with their rehearsals read: the stories, and the
// attempts that told them.
type storyBank interface {
	prep.StoryStore
	Attempts() ([]prep.AttemptSummary, error)
	Attempt(id uuid.UUID) (prep.Attempt, error)
}

// bankState is the story bank as read in the background: the stories and how each was rehearsed.
type bankState struct {
	stories    []prep.Story
	rehearsals map[uuid.UUID]prep.StoryRehearsal
}

// readBank reads the stories and schedules their rehearsals from the behavioural attempts that
// told them. Only those attempts are read whole (the summaries say which they are).
func readBank(store storyBank) (bankState, error) {
	sums, err := store.Attempts()
	if err != nil {
		stories, serr := store.Stories()
		if serr != nil {
			return bankState{}, serr
		}
		return bankState{stories: stories}, err
	}
	return readBankFrom(store, sums)
}

// readBankFrom is readBank with the attempts' summaries already read.
func readBankFrom(store storyBank, sums []prep.AttemptSummary) (bankState, error) {
	stories, err := store.Stories()
	if err != nil {
		return bankState{}, err
	}
	var told []prep.Attempt
	for _, s := range sums {
		if s.Round != prep.Behavioural {
			continue
		}
		a, err := store.Attempt(s.ID)
		if err != nil {
			continue // a damaged attempt tells no story here; `panelprep check` reports it
		}
		told = append(told, a)
	}
	return bankState{stories: stories, rehearsals: prep.StoryRehearsals(prep.StoryTellings(told))}, nil
}

// rehearsalText is how often and when a story was told and how it scored, for a list or a choice.
func rehearsalText(r prep.StoryRehearsal) string {
	if r.Told == 0 {
		return "never told"
	}
	s := fmt.Sprintf("told %s, last %s", prep.Count(r.Told, "time"), r.LastTold.Local().Format("2 Jan"))
	if r.Average > 0 {
		s += fmt.Sprintf(", scored %.1f", r.Average)
	}
	return s
}

// storyPicker is a behavioural round's choice of the story to tell: the stories that show the
// question's competencies first, least rehearsed first (prep.SuggestStories), then the others. The
// choice is part of the draft, saved as typed text is, and the attempt records it.
func (r *roundScreen) storyPicker(store storyBank, token viewToken) fyne.CanvasObject {
	if r.draft.Prompt.Round != prep.Behavioural {
		return nil
	}
	sel := widget.NewSelect(nil, nil)
	sel.PlaceHolder = "Choose the story you will tell"
	sel.Disable()
	note := widget.NewLabel("Reading your stories…")
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	comps := prep.QuestionCompetencies(&r.draft.Prompt)
	runFor(token, func() (bankState, error) { return readBank(store) }, func(b bankState, err error) {
		if err != nil && len(b.stories) == 0 {
			note.SetText("Your stories could not be read: " + err.Error())
			return
		}
		ids := map[string]uuid.UUID{}
		var options []string
		add := func(st prep.Story, why string) {
			label := fmt.Sprintf("%d. %s (%s)", len(options)+1, st.DisplayTitle(), why)
			ids[label] = st.ID
			options = append(options, label)
			if st.ID == r.draft.StoryID {
				sel.Selected = label
			}
		}
		suggested := prep.SuggestStories(b.stories, b.rehearsals, comps)
		seen := map[uuid.UUID]bool{}
		for _, s := range suggested {
			add(s.Story, rehearsalText(s.Rehearsal))
			seen[s.Story.ID] = true
		}
		for _, st := range b.stories {
			if !seen[st.ID] && !st.Blank() {
				add(st, "shows other competencies")
			}
		}
		switch {
		case len(options) == 0:
			note.SetText("You have no stories yet: write them on the Stories screen (Ctrl+T), then choose one here.")
			return
		case len(suggested) == 0:
			note.SetText("None of your stories shows this question's competencies; the Stories screen shows the gaps.")
		default:
			note.SetText(fmt.Sprintf("%s for this question, least rehearsed first.", prep.Count(len(suggested), "story fits|stories fit")))
		}
		sel.Options = options
		sel.OnChanged = func(label string) {
			r.draft.StoryID = ids[label]
			r.saveDraft()
		}
		sel.Enable()
		sel.Refresh()
	})
	return container.NewVBox(sel, readable(note))
}

// storyHeadline is what the Stories screen says above its list: how many stories, and which are
// due to be told again (spaced review), most overdue first.
func storyHeadline(stories []prep.Story, reh map[uuid.UUID]prep.StoryRehearsal, now time.Time) string {
	if len(stories) == 0 {
		return "No stories yet. A loop asks for a dozen: start with the one you are proudest of."
	}
	head := prep.Count(len(stories), "story|stories")
	due := prep.StoriesDue(stories, reh, now)
	if len(due) == 0 {
		return head + "; none due for rehearsal."
	}
	var names []string
	for i, d := range due {
		if i == 3 {
			names = append(names, fmt.Sprintf("and %d more", len(due)-3))
			break
		}
		names = append(names, d.Story.DisplayTitle())
	}
	return fmt.Sprintf("%s; due for rehearsal: %s.", head, strings.Join(names, "; "))
}
