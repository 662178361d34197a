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

// attemptScreen shows one finished attempt, read-only: the answer, time per phase, the scores with
// their anchors, the reflection, and the strong-answer outline, which is only shown after an attempt.
type attemptScreen struct {
	ui      *UI
	body    *fyne.Container
	compare *fyne.Container // "Compare with…" when the prompt has other attempts
	root    fyne.CanvasObject
}

func newAttemptScreen(u *UI, id uuid.UUID) *attemptScreen {
	s := &attemptScreen{ui: u, body: container.NewVBox(widget.NewLabel("Loading the attempt…"))}
	s.root = container.NewBorder(u.navBar(""), nil, nil, nil, container.NewVScroll(s.body))
	run(&u.bg, func() (prep.Attempt, error) { return u.deps.Store.Attempt(id) }, s.onLoaded)
	return s
}

func (s *attemptScreen) onLoaded(a prep.Attempt, err error) {
	defer s.body.Refresh() // the scroll around the body must re-measure what it holds
	s.body.RemoveAll()
	if err != nil {
		s.body.Add(widget.NewLabel("Could not read this attempt: " + err.Error()))
		return
	}
	s.body.Add(widget.NewLabelWithStyle(a.Prompt.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	s.compare = container.NewHBox()
	if s.ui.deps.Mentor.Export != nil {
		s.compare.Add(widget.NewButton("Export this attempt…", func() { s.ui.showExport(ExportScope{Attempt: a.ID, Prompt: a.Prompt.ID}) }))
	}
	s.body.Add(s.compare)
	s.offerComparison(a)
	s.showReviews(a)
	s.body.Add(widget.NewLabel(fmt.Sprintf("%s · finished %s · self-score %.1f / 4",
		a.Prompt.Round.Label(), a.FinishedAt.Local().Format("Mon 2 Jan 2006 15:04"), prep.AverageScore(a.Scores))))

	s.addAnswer(a)
	if len(a.FollowUps) > 0 {
		box := container.NewVBox()
		for _, f := range a.FollowUps {
			reply := f.Answer
			if reply == "" {
				reply = "(not answered)"
			}
			l := widget.NewLabel(fmt.Sprintf("%s at minute %d: %s\nYour reply: %s", f.Asker.Label(), int(f.AskedAt/time.Minute), f.Question, reply))
			l.Wrapping = fyne.TextWrapWord
			box.Add(l)
		}
		s.body.Add(widget.NewCard("Panel follow-ups", "", box))
	}

	var times strings.Builder
	for _, pt := range a.PhaseTimes {
		fmt.Fprintf(&times, "%s: %s of %s\n", pt.Name, formatDuration(pt.Used), formatDuration(pt.Budget))
	}
	s.body.Add(widget.NewCard("Time per phase", "", widget.NewLabel(strings.TrimSpace(times.String()))))

	scores := container.NewVBox()
	for _, sc := range a.Scores {
		anchor := ""
		for _, c := range a.Prompt.Rubric {
			if c.Name == sc.Criterion {
				anchor = c.Anchor(sc.Value)
			}
		}
		l := widget.NewLabel(fmt.Sprintf("%s: %d / 4 · %s", sc.Criterion, sc.Value, anchor))
		l.Wrapping = fyne.TextWrapWord
		scores.Add(l)
	}
	s.body.Add(widget.NewCard("Self-scores", "", scores))

	reflection := widget.NewLabel(a.Reflection)
	reflection.Wrapping = fyne.TextWrapWord
	s.body.Add(widget.NewCard("Reflection", "", reflection))

	if len(a.Prompt.Outline) > 0 {
		var b strings.Builder
		for _, o := range a.Prompt.Outline {
			fmt.Fprintf(&b, "- %s\n", o)
		}
		outline := widget.NewRichTextFromMarkdown(b.String())
		outline.Wrapping = fyne.TextWrapWord
		s.body.Add(widget.NewCard("What a strong answer covers", "", outline))
	}
}

// addAnswer shows the answer section by section when it was written in sections, else whole. The
// text is the user's own and is shown as typed, never interpreted.
func (s *attemptScreen) addAnswer(a prep.Attempt) {
	text := func(t string) *widget.Label {
		l := widget.NewLabel(t)
		l.Wrapping = fyne.TextWrapWord
		l.Selectable = true
		return l
	}
	if len(a.Sections) == 0 {
		if a.Answer == "" {
			s.body.Add(widget.NewCard("Answer", "", text("(no answer written)")))
			return
		}
		s.body.Add(widget.NewCard("Answer", "", text(a.Answer)))
		return
	}
	for _, sec := range a.Sections {
		body := strings.TrimSpace(sec.Text)
		if sec.Title == prep.TeamTableSection && len(a.Teams) > 0 {
			body = strings.TrimSpace(prep.FormatTeamTable(a.Teams) + "\n" + body)
		}
		if body == "" {
			continue
		}
		s.body.Add(widget.NewCard(sec.Title, "", text(body)))
	}
}

// offerComparison lists the prompt's other attempts to compare this one with.
func (s *attemptScreen) offerComparison(a prep.Attempt) {
	run(&s.ui.bg, s.ui.deps.Store.Attempts, func(all []prep.AttemptSummary, err error) {
		if err != nil {
			return
		}
		var labels []string
		ids := map[string]uuid.UUID{}
		for _, o := range all {
			if o.PromptID == a.Prompt.ID && o.ID != a.ID {
				l := fmt.Sprintf("%s (self-score %.1f)", o.FinishedAt.Local().Format("Mon 2 Jan 2006 15:04"), o.Average)
				labels = append(labels, l)
				ids[l] = o.ID
			}
		}
		if len(labels) == 0 {
			return
		}
		pick := widget.NewSelect(labels, func(l string) { s.ui.show(newCompareScreen(s.ui, ids[l], a.ID)) })
		pick.PlaceHolder = "Compare with another attempt…"
		s.compare.Objects = append([]fyne.CanvasObject{pick}, s.compare.Objects...)
		s.body.Refresh()
	})
}

// showReviews adds the mentor reviews of this attempt, when there are any.
func (s *attemptScreen) showReviews(a prep.Attempt) {
	if s.ui.deps.Mentor.Reviews == nil {
		return
	}
	run(&s.ui.bg, func() ([]prep.Review, error) { return s.ui.deps.Mentor.Reviews(a.ID) }, func(rs []prep.Review, err error) {
		if err != nil || len(rs) == 0 {
			return
		}
		s.body.Add(reviewsCard(a, rs))
		s.body.Refresh()
	})
}

func (s *attemptScreen) content() fyne.CanvasObject { return s.root }
func (s *attemptScreen) leave()                     {}
