package ui

import (
	"errors"
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
	store       attemptStore
	compareWith func(older, newer uuid.UUID) // opens Compare
	export      func(ExportScope)            // opens Export for this attempt; nil: no export wired
	view        viewToken                    // this screen's time on view: its loads are dropped once the user has left
	body        *fyne.Container
	page        *container.Scroll // scrolls body; a diagram on it hands it the mouse wheel
	compare     *fyne.Container   // "Compare with…" when the prompt has other attempts
	root        fyne.CanvasObject
}

func newAttemptScreen(f frame, store attemptStore, id uuid.UUID, compareWith func(older, newer uuid.UUID), export func(ExportScope)) *attemptScreen {
	s := &attemptScreen{store: store, compareWith: compareWith, export: export, view: f.newScreenToken(),
		body: container.NewVBox(widget.NewLabel("Loading the attempt…"))}
	s.page = container.NewVScroll(s.body)
	s.root = container.NewBorder(f.navBar("History"), nil, nil, nil, s.page)
	// The attempt and its reviews are read together, so the header can say at once that a mentor
	// reviewed it and the scores can stand beside the mentor's from the first frame.
	runFor(s.view, func() (loadedAttempt, error) {
		a, err := store.Attempt(id)
		if err != nil {
			return loadedAttempt{a: a}, err
		}
		rs, rerr := store.Reviews(id)
		l := loadedAttempt{a: a, reviews: rs, reviewsErr: rerr}
		l.sitting, l.sittingErr = readSitting(store, a)
		return l, nil
	}, s.onLoaded)
	return s
}

type loadedAttempt struct {
	a          prep.Attempt
	reviews    []prep.Review
	reviewsErr error
	// sitting is the behavioural round of several questions the attempt answered one of, in a
	// mock loop; nil for any other attempt.
	sitting    *attemptSitting
	sittingErr error
}

// attemptSitting is an attempt's place in its sitting, and the sitting's time.
type attemptSitting struct {
	question int
	total    prep.SittingTotal
	round    prep.RoundType
}

// readSitting reads the loop of an attempt made in one and, when the attempt is a question of a
// sitting of several, that sitting's time. An attempt whose loop is not in the store (imported in
// a mentor's bundle, which carries no loops) has none, as one outside a loop.
func readSitting(store attemptStore, a prep.Attempt) (*attemptSitting, error) {
	if a.LoopID == uuid.Nil {
		return nil, nil
	}
	l, err := store.Loop(a.LoopID)
	if errors.Is(err, prep.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	i, ok := prep.LoopSlotOf(l, a.ID)
	if !ok {
		return nil, nil
	}
	t, ok, err := prep.LoopSittingTotal(l, i, store)
	if err != nil || !ok {
		return nil, err
	}
	_, st := prep.SittingOf(prep.Plans(l.Slots), i)
	return &attemptSitting{question: i - st.Start + 1, total: t, round: l.Slots[i].Plan.Round}, nil
}

// text says which question of its sitting the attempt was, and the sitting's time.
func (s *attemptSitting) text() string {
	return fmt.Sprintf("Question %d of %d of a %s round in a mock loop. The round: %s.",
		s.question, s.total.Questions, strings.ToLower(s.round.Label()), sittingTotalText(s.total))
}

func (s *attemptScreen) onLoaded(l loadedAttempt, err error) {
	defer s.body.Refresh() // the scroll around the body must re-measure what it holds
	s.body.RemoveAll()
	if err != nil {
		s.body.Add(widget.NewLabel("Could not read this attempt: " + err.Error()))
		return
	}
	a := l.a
	title := widget.NewLabelWithStyle(a.Prompt.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = sizeNameTitle // it was body text, smaller than the headings of its own cards
	title.Wrapping = fyne.TextWrapWord
	s.body.Add(title)
	if badge := reviewBadge(l.reviews); badge != "" {
		b := widget.NewLabelWithStyle(badge+": their scores are beside yours under Scores, their comments below them", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		b.Importance = widget.HighImportance
		b.Wrapping = fyne.TextWrapWord
		s.body.Add(b)
	}
	if l.reviewsErr != nil {
		s.body.Add(widget.NewLabel("Could not read the mentor reviews of this attempt: " + l.reviewsErr.Error()))
	}
	s.compare = container.NewHBox()
	if s.export != nil {
		s.compare.Add(widget.NewButton("Export this attempt…", func() { s.export(ExportScope{Attempt: a.ID, Prompt: a.Prompt.ID}) }))
	}
	s.body.Add(s.compare)
	s.offerComparison(a)
	s.body.Add(widget.NewLabel(fmt.Sprintf("%s · finished %s · self-score %.1f / 4",
		a.Prompt.Round.Label(), a.FinishedAt.Local().Format("Mon 2 Jan 2006 15:04"), prep.AverageScore(a.Scores))))

	s.addAnswer(a)
	if card := diagramCard(a, s.page); card != nil {
		s.body.Add(card)
	}
	if card := estimatesCard(a); card != nil {
		s.body.Add(card)
	}
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

	times := phaseLines(a.PhaseTimes) // compare.go
	if times == "" {
		times = "No phase times were kept for this attempt." // an empty card looked like a failed load
	}
	timeBox := container.NewVBox(widget.NewLabel(times))
	switch {
	case l.sittingErr != nil:
		timeBox.Add(widget.NewLabel("Could not read the time of the round this question was part of: " + l.sittingErr.Error()))
	case l.sitting != nil:
		line := widget.NewLabel(l.sitting.text())
		line.Wrapping = fyne.TextWrapWord
		timeBox.Add(line)
	}
	s.body.Add(widget.NewCard("Time per phase", "", timeBox))

	s.body.Add(scoresCard(a, l.reviews))
	if len(l.reviews) > 0 {
		s.body.Add(reviewsCard(a, l.reviews))
	}
	if strings.TrimSpace(a.Reflection) != "" {
		s.body.Add(widget.NewCard("Reflection", "", newMarkdownView(a.Reflection)))
	}

	if len(a.Prompt.Outline) > 0 {
		var b strings.Builder
		for _, o := range a.Prompt.Outline {
			fmt.Fprintf(&b, "- %s\n", o)
		}
		s.body.Add(widget.NewCard("What a strong answer covers", "", newMarkdownView(b.String())))
	}
}

// addAnswer shows the answer section by section when it was written in sections, else whole, as
// Markdown: headings, lists and the team table drawn as such, never as the characters that
// mark them up.
func (s *attemptScreen) addAnswer(a prep.Attempt) {
	if len(a.Sections) == 0 {
		if strings.TrimSpace(a.Answer) == "" {
			s.body.Add(widget.NewCard("Answer", "", widget.NewLabel("(no answer written)")))
			return
		}
		s.body.Add(widget.NewCard("Answer", "", newMarkdownView(a.Answer)))
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
		s.body.Add(widget.NewCard(sec.Title, "", newMarkdownView(body)))
	}
}

// offerComparison lists the prompt's other attempts to compare this one with.
func (s *attemptScreen) offerComparison(a prep.Attempt) {
	runFor(s.view, s.store.Attempts, func(all []prep.AttemptSummary, err error) {
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
		pick := widget.NewSelect(labels, func(l string) { s.compareWith(ids[l], a.ID) })
		pick.PlaceHolder = "Compare with another attempt…"
		s.compare.Objects = append([]fyne.CanvasObject{pick}, s.compare.Objects...)
		s.body.Refresh()
	})
}

func (s *attemptScreen) content() fyne.CanvasObject { return s.root }
func (s *attemptScreen) leave()                     {}
