package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// The end of a live round: the interviewer's scores, notes and follow-ups become a review of the
// candidate's attempt at the same prompt, either attached here (both sat at this computer: the
// candidate's Progress and calibration then count it like any mentor review) or written into a
// feedback bundle for the candidate to import (the candidate sent their attempt as a bundle).

// showAfter shows what to do now that the round is over.
func (s *interviewerScreen) showAfter() {
	// A plain multi-line entry: the comment is a few lines, and in the real window the long-answer
	// editor (textArea) lost the start of text typed fast into it here.
	s.comment = newEntry()
	s.comment.MultiLine = true
	s.comment.Wrapping = fyne.TextWrapWord
	s.comment.SetMinRowsVisible(3)
	s.comment.SetPlaceHolder("Your overall comment: what a panel would remember, and what to practise next")
	s.comment.SetText(s.iv.Comment)
	s.comment.OnChanged = func(text string) {
		s.iv.Comment = text
		s.save()
	}
	var buttons []fyne.CanvasObject
	if s.saveReview != nil {
		attach := widget.NewButtonWithIcon("Attach to the candidate's attempt here…", theme.ConfirmIcon(), s.onAttach)
		attach.Importance = widget.HighImportance
		buttons = append(buttons, attach)
	}
	if s.mentor.ReadBundle != nil && s.mentor.WriteBundle != nil {
		buttons = append(buttons, widget.NewButtonWithIcon("Export feedback for the candidate…", theme.DocumentSaveIcon(), s.onExport))
	}
	if s.next != nil {
		label := "Next round"
		if s.iv.LoopRound+1 >= s.iv.LoopRounds {
			label = "The loop's summary"
		}
		buttons = append(buttons, widget.NewButtonWithIcon(label, theme.NavigateNextIcon(), func() { s.next(s.iv) }))
	}
	help := widget.NewLabel("The review carries your scores, your notes with their times and the follow-ups as you marked them. " +
		"Attach it to the candidate's own attempt at this prompt on this computer, or export it for the candidate to import " +
		"(choose the bundle of attempts they sent you).")
	help.Wrapping = fyne.TextWrapWord
	s.after.Objects = []fyne.CanvasObject{widget.NewCard("After the round", "", container.NewVBox(s.comment, help, container.NewGridWrap(fyne.NewSize(340, 38), buttons...)))}
	s.after.Show()
	s.after.Refresh()
}

// onAttach lists the attempts at this prompt stored here, newest first, to attach the review to.
func (s *interviewerScreen) onAttach() {
	runFor(s.view, s.store.Attempts, func(list []prep.AttemptSummary, err error) {
		if err != nil {
			s.frame.showError("Could not read the attempts on this computer", err)
			return
		}
		var same []prep.AttemptSummary
		for _, a := range list {
			if a.PromptID == s.iv.Prompt.ID {
				same = append(same, a)
			}
		}
		if len(same) == 0 {
			dialog.ShowInformation("No attempt to attach to",
				fmt.Sprintf("There is no attempt at “%s” on this computer. The candidate answers the prompt in Practice and scores it; then attach your review to it. Your session is kept meanwhile.", s.iv.Prompt.Title), s.win)
			return
		}
		s.chooseAttempt("Attach your review to", same, func(id uuid.UUID) {
			runFor(s.view, func() (prep.Attempt, error) { return s.store.Attempt(id) }, func(a prep.Attempt, err error) {
				if err != nil {
					s.frame.showError("Could not read the attempt", err)
					return
				}
				s.attach(a)
			})
		})
	})
}

func (s *interviewerScreen) attach(a prep.Attempt) {
	r, err := s.iv.Review(&a, s.now())
	if err != nil {
		s.frame.showError("The review cannot be made yet", err)
		return
	}
	save := s.saveReview
	run(s.frame.bridge(), func() (struct{}, error) { return struct{}{}, save(r) }, func(_ struct{}, err error) {
		if err != nil {
			s.frame.showError("The review was not attached; nothing was changed", err)
			return
		}
		if s.left {
			return
		}
		s.iv.ReviewID = r.ID
		s.save()
		s.say(fmt.Sprintf("Attached to the candidate's attempt of %s: it is in their History, Progress and calibration.", a.FinishedAt.Local().Format("2 Jan 15:04")))
	})
}

// chooseAttempt asks which of list to use; with one, it is taken without asking.
func (s *interviewerScreen) chooseAttempt(title string, list []prep.AttemptSummary, then func(uuid.UUID)) {
	if len(list) == 1 {
		then(list[0].ID)
		return
	}
	labels := make([]string, len(list))
	for i, a := range list {
		labels[i] = fmt.Sprintf("%s · self-score %.1f", a.FinishedAt.Local().Format("Mon 2 Jan 15:04"), a.Average)
	}
	pick := widget.NewRadioGroup(labels, nil)
	pick.SetSelected(labels[0])
	dialog.ShowCustomConfirm(title, "Use this attempt", "Cancel", pick, func(ok bool) {
		if !ok {
			return
		}
		for i, l := range labels {
			if l == pick.Selected {
				then(list[i].ID)
			}
		}
	}, s.win)
}

// onExport reads the bundle of attempts the candidate sent, finds their attempt at this prompt,
// and writes a feedback bundle with the review for them to import.
func (s *interviewerScreen) onExport() { s.openFile(".json", s.exportFor) }

// exportFor writes the review of the candidate's attempt in the bundle at path.
func (s *interviewerScreen) exportFor(path string) {
	{
		read := s.mentor.ReadBundle
		runFor(s.view, func() (*prep.Bundle, error) { return read(path) }, func(b *prep.Bundle, err error) {
			if err != nil {
				s.frame.showError("The candidate's bundle cannot be read; nothing was written", err)
				return
			}
			byID := map[uuid.UUID]prep.Attempt{}
			var same []prep.AttemptSummary
			for _, ba := range b.Attempts {
				if ba.Prompt.ID == s.iv.Prompt.ID {
					byID[ba.ID] = ba.Attempt
					same = append(same, ba.Summary())
				}
			}
			if len(same) == 0 {
				dialog.ShowInformation("No attempt at this prompt",
					fmt.Sprintf("%s holds no attempt at “%s”. Ask the candidate to answer it in Practice and export it (History, Export…).", filepath.Base(path), s.iv.Prompt.Title), s.win)
				return
			}
			s.chooseAttempt("Write your review of", same, func(id uuid.UUID) { s.saveFeedback(byID[id]) })
		})
	}
}

func (s *interviewerScreen) saveFeedback(a prep.Attempt) {
	r, err := s.iv.Review(&a, s.now())
	if err != nil {
		s.frame.showError("The review cannot be made yet", err)
		return
	}
	b := prep.Bundle{Kind: prep.BundleFeedback, ExportedAt: s.now(), ExportedBy: s.iv.Interviewer}
	b.AddReview(a, r)
	s.saveFile("panelprep-live-feedback-"+s.now().Format("2006-01-02")+".json", func(path string) {
		write := s.mentor.WriteBundle
		run(s.frame.bridge(), func() (int64, error) { return write(path, b) }, func(n int64, err error) {
			if err != nil {
				s.frame.showError("The feedback was not exported", err)
				return
			}
			if !s.left {
				s.iv.ReviewID = r.ID
				s.save()
			}
			dialog.ShowInformation("Feedback exported", fmt.Sprintf("Wrote %s (%s). The candidate imports it in History, Import mentor feedback.", path, humanSize(n)), s.win)
		})
	})
}

// saveFileDialog asks where to save a file named name, and hands the path to then.
func saveFileDialog(win fyne.Window) func(name string, then func(path string)) {
	return func(name string, then func(string)) {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			path := w.URI().Path()
			w.Close()
			then(path)
		}, win)
		d.SetFileName(name)
		d.Show()
	}
}
