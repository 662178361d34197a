package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// interviewPickScreen starts interviewer mode: the interviewer gives their name and chooses a
// prompt, or a whole mock loop, or resumes a session left unfinished (after a crash, say).
type interviewPickScreen struct {
	interviewDeps
	view   viewToken
	name   *entry
	round  *widget.Select
	search *entry
	list   *widget.List
	// answered is when each prompt was last answered on this computer: those the candidate sitting
	// here has answered come first, since a review is attached to such an attempt.
	answered map[string]time.Time
	prompts  []pickedPrompt
	resume   *fyne.Container
	root     fyne.CanvasObject
}

type pickedPrompt struct {
	set *prep.PracticeSet
	p   prep.Prompt
}

func (u *UI) showInterviewer() { u.show(newInterviewPickScreen(u.interviewDeps())) }

func newInterviewPickScreen(deps interviewDeps) *interviewPickScreen {
	s := &interviewPickScreen{interviewDeps: deps, view: deps.frame.newScreenToken(), name: newEntry(), resume: container.NewVBox()}
	s.name.SetText(deps.prefs.String(prefReviewer))
	s.name.SetPlaceHolder("Your name, as the candidate will see it on your review")
	s.name.OnChanged = func(v string) { deps.prefs.SetString(prefReviewer, v) }
	rounds := []string{"Every round type"}
	for _, r := range prep.RoundTypes {
		rounds = append(rounds, r.Label())
	}
	s.round = widget.NewSelect(rounds, func(string) { s.filter() })
	s.list = widget.NewList(func() int { return len(s.prompts) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			p := s.prompts[id].p
			line := fmt.Sprintf("%s · %d min · %s", p.Round.Label(), p.Minutes, p.Title)
			if at, ok := s.answered[p.ID]; ok {
				line += " · answered here " + at.Local().Format("2 Jan 15:04")
			}
			setLabel(o.(*widget.Label), line)
		})
	s.list.OnSelected = func(id widget.ListItemID) { s.start(s.prompts[id]) }
	s.search = newEntry()
	s.search.SetPlaceHolder("Search titles")
	s.search.OnChanged = func(string) { s.filter() }
	s.round.SetSelected(rounds[0])
	loop := widget.NewButtonWithIcon("Run a whole mock loop…", theme.MediaFastForwardIcon(), s.onLoop)
	intro := widget.NewLabel("You run the round for a candidate: read the scenario out, keep the clock, ask the follow-ups and score as you listen. " +
		"A second window shows the candidate the scenario and the clock only. Your session is kept apart from your own practice.")
	intro.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(deps.frame.navBar("History"), bold("Interviewer mode"), intro,
		container.NewBorder(nil, nil, widget.NewLabel("Interviewer"), nil, s.name), s.resume,
		container.NewBorder(nil, nil, widget.NewLabel("Choose a prompt"), loop, container.NewGridWithColumns(2, s.round, s.search)))
	s.root = container.NewBorder(top, nil, nil, nil, s.list)
	runFor(s.view, deps.store.Interviews, s.onSessions)
	runFor(s.view, deps.store.Attempts, func(list []prep.AttemptSummary, err error) {
		if err != nil {
			return // the prompts are listed without the marks
		}
		s.answered = map[string]time.Time{}
		for _, a := range list {
			if a.FinishedAt.After(s.answered[a.PromptID]) {
				s.answered[a.PromptID] = a.FinishedAt
			}
		}
		s.filter()
	})
	return s
}

func (s *interviewPickScreen) filter() {
	s.prompts = s.prompts[:0]
	var q string
	if s.search != nil {
		q = strings.ToLower(strings.TrimSpace(s.search.Text))
	}
	for _, set := range s.lib.Sets() {
		for _, p := range set.Prompts {
			if (s.round.SelectedIndex() <= 0 || p.Round.Label() == s.round.Selected) && strings.Contains(strings.ToLower(p.Title), q) {
				s.prompts = append(s.prompts, pickedPrompt{set, p})
			}
		}
	}
	slices.SortStableFunc(s.prompts, func(a, b pickedPrompt) int {
		return s.answered[b.p.ID].Compare(s.answered[a.p.ID]) // answered here, latest first; then the library's order
	})
	s.list.UnselectAll()
	s.list.Refresh()
}

// onSessions offers to resume the sessions not yet turned into a review.
func (s *interviewPickScreen) onSessions(list []prep.Interview, err error) {
	if err != nil {
		s.resume.Objects = []fyne.CanvasObject{widget.NewLabel("Could not read your earlier sessions: " + err.Error())}
		s.resume.Refresh()
		return
	}
	var rows []fyne.CanvasObject
	loops := map[uuid.UUID]bool{}
	for _, iv := range list {
		if iv.ReviewID != uuid.Nil || len(rows) >= 3 {
			continue
		}
		state := "unfinished"
		if iv.Finished() {
			state = "ended, not yet attached or exported"
		}
		if iv.LoopID != uuid.Nil {
			if loops[iv.LoopID] {
				continue
			}
			loops[iv.LoopID] = true
			rounds := loopSessions(list, iv.LoopID)
			cur := currentRound(rounds)
			label := fmt.Sprintf("A mock loop, at round %d of %d: %s", cur.LoopRound+1, cur.LoopRounds, cur.Prompt.Title)
			rows = append(rows, container.NewBorder(nil, nil, nil, widget.NewButton("Resume", func() { s.open(cur, rounds) }), widget.NewLabel(label)))
			continue
		}
		label := fmt.Sprintf("%s (%s, %s elapsed)", iv.Prompt.Title, state, formatDuration(sumDurations(iv.Clock.Elapsed)))
		rows = append(rows, container.NewBorder(nil, nil, nil, widget.NewButton("Resume", func() { s.open(iv, nil) }), widget.NewLabel(label)))
	}
	if len(rows) > 0 {
		rows = append([]fyne.CanvasObject{bold("Sessions to finish")}, rows...)
	}
	s.resume.Objects = rows
	s.resume.Refresh()
}

func sumDurations(ds []time.Duration) time.Duration {
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return t
}

// start opens a new session on a prompt.
func (s *interviewPickScreen) start(pp pickedPrompt) {
	s.open(prep.NewInterview(pp.set, pp.p, s.name.Text, s.now()), nil)
}

// open shows session iv; loop, for a round of a mock loop, is every session of that loop.
func (s *interviewPickScreen) open(iv prep.Interview, loop []prep.Interview) {
	s.frame.show(newInterviewerScreen(s.interviewDeps, iv, loopNext(s.interviewDeps, loop)))
}

func (s *interviewPickScreen) content() fyne.CanvasObject { return s.root }
func (s *interviewPickScreen) leave()                     {}
