package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// loopSummaryScreen ends a loop: scores per round and criterion, time against budget, the band and
// the rule that gave it, weighed and banded as the loop's shape (its loop file) says.
type loopSummaryScreen struct {
	// names[i] is "Round 3, Behavioural, question 2" for the loop's i-th done slot, in sitting
	// sittings[i].
	names    []string
	sittings []int
	plans    []prep.LoopRound // plans[i]: the plan of the i-th done slot, whose weights the summary uses
	shape    prep.ShapeRef
	body     *fyne.Container
	root     fyne.CanvasObject
}

// newLoopSummaryScreen adds up loop l from its attempts in store, by the competency model.
func newLoopSummaryScreen(f frame, store attemptReader, model prep.Competencies, l prep.Loop) *loopSummaryScreen {
	s := &loopSummaryScreen{body: container.NewVBox(widget.NewLabel("Adding up your loop…")), shape: l.Shape}
	plans := prep.Plans(l.Slots)
	for i, sl := range l.Slots {
		if !sl.Done() {
			continue
		}
		k, st := prep.SittingOf(plans, i)
		name := fmt.Sprintf("Round %d, %s", k+1, sl.Plan.Round.Label())
		if st.Len() > 1 {
			name += fmt.Sprintf(", question %d", i-st.Start+1)
		}
		s.names, s.sittings, s.plans = append(s.names, name), append(s.sittings, k), append(s.plans, sl.Plan)
	}
	s.root = container.NewBorder(f.navBar("Mock loop"), nil, nil, nil, container.NewVScroll(s.body))
	// The summary adds scores up by competency: it waits for a mapping of old attempts under way.
	spot, wait := f.mappingWait("Your loop's summary adds scores up by competency, so it waits", "Adding up your loop…")
	if spot != nil {
		s.body.Objects = []fyne.CanvasObject{spot}
	}
	runFor(f.newScreenToken(), func() (prep.LoopSummary, error) {
		wait()
		var out []prep.Attempt
		for _, sl := range l.Slots {
			if !sl.Done() {
				continue
			}
			a, err := store.Attempt(sl.AttemptID)
			if err != nil {
				return prep.LoopSummary{}, err
			}
			out = append(out, a)
		}
		return prep.SummariseLoopPlanned(out, s.sittings, s.plans, l.Thresholds(), model), nil
	}, s.onLoaded)
	return s
}

func (s *loopSummaryScreen) onLoaded(sum prep.LoopSummary, err error) {
	if err != nil {
		s.body.Objects = []fyne.CanvasObject{widget.NewLabel("Could not read the loop's attempts: " + err.Error())}
		s.body.Refresh()
		return
	}
	band := widget.NewLabelWithStyle(fmt.Sprintf("Overall: %s (average self-score %.2f / 4)", sum.Band, sum.Average),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var rounds strings.Builder
	for i, r := range sum.Rounds {
		name := fmt.Sprintf("Round %d, %s", i+1, r.Round.Label())
		if i < len(s.names) {
			name = s.names[i]
		}
		weight := ""
		if r.Weight != 1 {
			weight = fmt.Sprintf(" (counts ×%g)", r.Weight)
		}
		fmt.Fprintf(&rounds, "%s: %s\n    self-score %.2f / 4%s; time %s of %s\n", name, r.Title,
			r.Average, weight, formatDuration(r.Used), formatDuration(r.Budget))
		if t, ok := s.sittingEndingAt(i, sum.Sittings); ok {
			fmt.Fprintf(&rounds, "Round %d, %s: %s\n", t.Sitting+1, r.Round.Label(), sittingTotalText(t))
		}
	}
	rule := widget.NewLabel(sum.Rule)
	rule.Wrapping = fyne.TextWrapWord
	s.body.Objects = []fyne.CanvasObject{band}
	if s.shape.Name != "" {
		s.body.Objects = append(s.body.Objects, widget.NewLabel(fmt.Sprintf(
			"Loop shape: %s (version %d), weighed and banded as its loop file says", s.shape.Name, s.shape.Version)))
	}
	s.body.Objects = append(s.body.Objects,
		widget.NewCard("Rounds", "", widget.NewLabel(strings.TrimSpace(rounds.String()))),
		widget.NewCard("Competencies, weakest first", s.competencySubtitle(), competencyList(sum.Competencies, "round")),
		widget.NewCard("How the band is worked out", "", rule),
	)
	s.body.Refresh()
}

// competencySubtitle says the averages are weighed when the loop's shape weighs anything, as the
// overall figure is; the counts beside them are plain counts of scores and rounds.
func (s *loopSummaryScreen) competencySubtitle() string {
	for _, p := range s.plans {
		if p.Weighting(nil) != "" {
			return "Averages weighed as the overall figure is. Open one to see its criteria"
		}
	}
	return "Open one to see its criteria"
}

// sittingEndingAt is the total of the sitting of several questions whose last done question is
// the i-th, so that the sitting's time follows its questions.
func (s *loopSummaryScreen) sittingEndingAt(i int, totals []prep.SittingTotal) (prep.SittingTotal, bool) {
	if i >= len(s.sittings) || (i+1 < len(s.sittings) && s.sittings[i+1] == s.sittings[i]) {
		return prep.SittingTotal{}, false
	}
	for _, t := range totals {
		if t.Sitting == s.sittings[i] {
			return t, true
		}
	}
	return prep.SittingTotal{}, false
}

// sittingTotalText is a sitting's time against its slot: "3 questions in 41:10 of 45:00".
func sittingTotalText(t prep.SittingTotal) string {
	text := fmt.Sprintf("%s in %s of %s", prep.Count(t.Answered, "question"), formatDuration(t.Used), formatDuration(t.Budget))
	if t.Answered < t.Questions {
		text = fmt.Sprintf("%d of %d questions in %s of %s", t.Answered, t.Questions, formatDuration(t.Used), formatDuration(t.Budget))
	}
	if t.Over() {
		text += fmt.Sprintf(" (%s over)", formatDuration(t.Used-t.Budget))
	}
	return text
}

func (s *loopSummaryScreen) content() fyne.CanvasObject { return s.root }
func (s *loopSummaryScreen) leave()                     {}
