package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// A whole mock loop run by an interviewer: the default onsite's rounds back to back, each a live
// session of its own, all planned and saved when the loop starts. The summary bands the loop from
// the interviewer's scores, with the rule that produced the band.

// onLoop asks which loop to run, when there is a choice of shapes (the shipped loop files and
// the imported ones), and plans it.
func (s *interviewPickScreen) onLoop() {
	shapes := s.lib.LoopShapes()
	if len(shapes) == 0 {
		// No loop files in the library this window was given: the default loop, as the planner
		// has always run it.
		shapes = []*prep.LoopShape{{ID: prep.DefaultLoopShapeID, Name: "The usual Director loop", Rounds: prep.DefaultLoop, Bands: prep.DefaultBands}}
	}
	if len(shapes) == 1 {
		s.planLoop(shapes[0])
		return
	}
	names := make([]string, len(shapes))
	for i, sh := range shapes {
		names[i] = fmt.Sprintf("%s (%d rounds, %d min)", sh.Name, len(sh.Rounds), sh.Minutes())
	}
	pick := widget.NewRadioGroup(names, nil)
	pick.SetSelected(names[0])
	dialog.ShowCustomConfirm("Which loop?", "Run this loop", "Cancel", pick, func(ok bool) {
		if ok {
			s.planLoop(shapes[slices.Index(names, pick.Selected)])
		}
	}, s.win)
}

// planLoop picks a prompt for each round of shape, none twice, saves the loop and opens its first
// round.
func (s *interviewPickScreen) planLoop(shape *prep.LoopShape) {
	plan := shape.Rounds
	sets := make([]*prep.PracticeSet, len(plan))
	picks := make([]prep.Prompt, len(plan))
	used := map[string]bool{}
	for i, slot := range plan {
		set, p, ok := prep.PickPrompt(s.lib, slot, nil, used, i)
		if !ok {
			s.frame.showError("The loop cannot be planned", fmt.Errorf("the library has no %s prompt; import a set that has one", slot.Round.Label()))
			return
		}
		sets[i], picks[i], used[p.ID] = set, p, true
	}
	rounds := prep.NewInterviewLoop(shape, sets, picks, s.name.Text, s.now())
	store := s.store
	runFor(s.view, func() (struct{}, error) {
		for _, iv := range rounds {
			if err := store.SaveInterview(iv); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, nil
	}, func(_ struct{}, err error) {
		if err != nil {
			s.frame.showError("The loop could not be saved; it was not started", err)
			return
		}
		s.open(rounds[0], rounds)
	})
}

// loopSessions are the sessions of loop id in list, in round order.
func loopSessions(list []prep.Interview, id uuid.UUID) []prep.Interview {
	var out []prep.Interview
	for _, iv := range list {
		if iv.LoopID == id {
			out = append(out, iv)
		}
	}
	slices.SortFunc(out, func(a, b prep.Interview) int { return a.LoopRound - b.LoopRound })
	return out
}

// currentRound is the first round of a loop not yet ended, or its last.
func currentRound(rounds []prep.Interview) prep.Interview {
	for _, iv := range rounds {
		if !iv.Finished() {
			return iv
		}
	}
	return rounds[len(rounds)-1]
}

// loopNext is what a round of loop does when the interviewer goes on: the next round, or the
// summary after the last. nil for a single round.
func loopNext(deps interviewDeps, loop []prep.Interview) func(prep.Interview) {
	if len(loop) == 0 {
		return nil
	}
	rounds := slices.Clone(loop)
	var next func(done prep.Interview)
	next = func(done prep.Interview) {
		if done.LoopRound < len(rounds) {
			rounds[done.LoopRound] = done
		}
		if k := done.LoopRound + 1; k < len(rounds) {
			deps.frame.show(newInterviewerScreen(deps, rounds[k], next))
			return
		}
		deps.frame.show(newInterviewLoopSummary(deps, rounds))
	}
	return next
}

// interviewLoopSummary is the end of a loop the interviewer ran: each round's average from their
// scores, the band and the rule that gave it.
type interviewLoopSummary struct{ root fyne.CanvasObject }

func newInterviewLoopSummary(deps interviewDeps, rounds []prep.Interview) *interviewLoopSummary {
	sum := prep.SummariseInterviewLoop(rounds, deps.model)
	verdict := fmt.Sprintf("%s · average %.2f from your scores", sum.Band, sum.Average)
	if !anyScored(rounds) {
		// "No hire" from no scores at all would read as a verdict on the candidate.
		verdict = "No band: you gave no scores. Resume a round's session to score it."
	}
	band := widget.NewLabelWithStyle(verdict, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rule := widget.NewLabel(sum.Rule)
	rule.Wrapping = fyne.TextWrapWord
	title := "The mock loop you ran"
	if len(rounds) > 0 && rounds[0].LoopShape != "" {
		title += ": " + rounds[0].LoopShape
	}
	body := container.NewVBox(bold(title), band, rule, widget.NewSeparator())
	for i, r := range sum.Rounds {
		line := fmt.Sprintf("Round %d, %s: %s · %.2f · %s of %s", i+1, r.Round.Label(), r.Title, r.Average, formatDuration(r.Used), formatDuration(r.Budget))
		if r.Average == 0 {
			line = fmt.Sprintf("Round %d, %s: %s · not scored", i+1, r.Round.Label(), r.Title)
		}
		body.Add(widget.NewLabel(line))
	}
	note := widget.NewLabel("Each round's review is attached or exported from its own session: open Interviewer mode again to resume any you have not sent.")
	note.Wrapping = fyne.TextWrapWord
	body.Add(note)
	return &interviewLoopSummary{root: container.NewBorder(deps.frame.navBar("History"), nil, nil, nil, container.NewVScroll(body))}
}

func anyScored(rounds []prep.Interview) bool {
	for _, iv := range rounds {
		if len(iv.Scores) > 0 {
			return true
		}
	}
	return false
}

func (s *interviewLoopSummary) content() fyne.CanvasObject { return s.root }
func (s *interviewLoopSummary) leave()                     {}
