package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// compareScreen sets two attempts of one prompt side by side: the text with changes highlighted,
// the score per criterion with its change, time per phase, and what changed in the diagram.
type compareScreen struct {
	body *fyne.Container
	root fyne.CanvasObject
}

func newCompareScreen(f frame, store attemptReader, older, newer uuid.UUID) *compareScreen {
	s := &compareScreen{body: container.NewVBox(widget.NewLabel("Loading both attempts…"))}
	s.root = container.NewBorder(f.navBar("History"), nil, nil, nil, container.NewVScroll(s.body))
	runFor(f.newScreenToken(), func() ([2]prep.Attempt, error) {
		a, err := store.Attempt(older)
		if err != nil {
			return [2]prep.Attempt{}, err
		}
		b, err := store.Attempt(newer)
		if a.FinishedAt.After(b.FinishedAt) {
			a, b = b, a
		}
		return [2]prep.Attempt{a, b}, err
	}, s.onLoaded)
	return s
}

func (s *compareScreen) onLoaded(ab [2]prep.Attempt, err error) {
	defer s.body.Refresh() // the scroll around the body must re-measure what it holds
	s.body.RemoveAll()
	if err != nil {
		s.body.Add(widget.NewLabel("Could not read the attempts: " + err.Error()))
		return
	}
	a, b := ab[0], ab[1]
	date := func(t time.Time) string { return t.Local().Format("Mon 2 Jan 2006 15:04") }
	s.body.Add(widget.NewLabelWithStyle(a.Prompt.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	s.body.Add(widget.NewLabel(fmt.Sprintf("Earlier: %s · later: %s", date(a.FinishedAt), date(b.FinishedAt))))
	s.body.Add(widget.NewCard("Scores", "", widget.NewLabel(scoreChanges(a, b))))
	s.body.Add(widget.NewCard("Time per phase", "", widget.NewLabel(timeChanges(a, b))))
	if changes := prep.DiagramChanges(&a, &b); changes != "" {
		// The whiteboard's changes as text: what was added, removed, re-owned and relabelled.
		l := widget.NewLabel(changes)
		l.Wrapping = fyne.TextWrapWord
		s.body.Add(widget.NewCard("Diagram", "", l))
	}

	parts := prep.DiffWords(a.Answer, b.Answer)
	left, right := widget.NewRichText(diffSegments(parts, prep.DiffRemoved)...), widget.NewRichText(diffSegments(parts, prep.DiffAdded)...)
	left.Wrapping, right.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	added, removed := 0, 0
	for _, p := range parts {
		switch p.Kind {
		case prep.DiffAdded:
			added += len(strings.Fields(p.Text))
		case prep.DiffRemoved:
			removed += len(strings.Fields(p.Text))
		}
	}
	s.body.Add(widget.NewCard("Answer", fmt.Sprintf("%d words added, %d removed: removed words are red on the left, added words green on the right", added, removed),
		container.NewGridWithColumns(2,
			container.NewVBox(bold("Earlier"), left),
			container.NewVBox(bold("Later"), right))))
}

// diffSegments renders one side of a diff: the shared text plus the side's own changes, highlighted.
func diffSegments(parts []prep.DiffPart, side prep.DiffKind) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for _, p := range parts {
		if p.Kind != prep.DiffSame && p.Kind != side {
			continue
		}
		st := widget.RichTextStyleInline
		if p.Kind == side {
			st.TextStyle.Bold = true
			st.ColorName = theme.ColorNameSuccess
			if side == prep.DiffRemoved {
				st.ColorName = theme.ColorNameError
			}
		}
		// RichText breaks paragraphs only between segments: split on newlines.
		lines := strings.Split(p.Text, "\n")
		for i, line := range lines {
			if line != "" {
				out = append(out, &widget.TextSegment{Text: zeroWidthSpace + line, Style: st})
			}
			if i < len(lines)-1 {
				out = append(out, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
			}
		}
	}
	return out
}

// zeroWidthSpace starts every run of the diff. Fyne 2.7's RichText, when a run starts on a line
// with less room left than its first letter, puts one letter per row for the rest of the run (it
// keeps measuring against that leftover instead of the full width; fixed upstream after 2.7.1).
// A character without width always fits, so the run's first row is this character alone and the
// next rows get the full width: the run then wraps by words like any other.
const zeroWidthSpace = "\u200b"

func scoreChanges(a, b prep.Attempt) string {
	var lines []string
	seen := map[string]bool{}
	for _, sb := range b.Scores {
		seen[sb.Criterion] = true
		old, ok := prep.ScoreOf(a.Scores, sb.Criterion)
		if !ok {
			lines = append(lines, fmt.Sprintf("%s: %d (new criterion)", sb.Criterion, sb.Value))
			continue
		}
		lines = append(lines, fmt.Sprintf("%s: %d → %d (%s)", sb.Criterion, old, sb.Value, signed(sb.Value-old)))
	}
	for _, sa := range a.Scores {
		if !seen[sa.Criterion] {
			lines = append(lines, fmt.Sprintf("%s: %d (not in the later rubric)", sa.Criterion, sa.Value))
		}
	}
	lines = append(lines, fmt.Sprintf("Average: %.2f → %.2f", prep.AverageScore(a.Scores), prep.AverageScore(b.Scores)))
	return strings.Join(lines, "\n")
}

func signed(d int) string {
	if d > 0 {
		return fmt.Sprintf("+%d", d)
	}
	if d == 0 {
		return "no change"
	}
	return fmt.Sprint(d)
}

func timeChanges(a, b prep.Attempt) string {
	// An attempt can come without phase times (one finished before rounds kept them, or brought in
	// from a bundle that had none): an empty card looked like a screen that had failed to load.
	const none = "No phase times were kept for "
	switch {
	case len(a.PhaseTimes) == 0 && len(b.PhaseTimes) == 0:
		return none + "these attempts."
	case len(b.PhaseTimes) == 0:
		return none + "the later attempt. The earlier one's:\n" + phaseLines(a.PhaseTimes)
	case len(a.PhaseTimes) == 0:
		return none + "the earlier attempt. The later one's:\n" + phaseLines(b.PhaseTimes)
	}
	var lines []string
	for i, pb := range b.PhaseTimes {
		line := phaseLine(pb)
		if i < len(a.PhaseTimes) && a.PhaseTimes[i].Name == pb.Name {
			d := pb.Used - a.PhaseTimes[i].Used
			sign := "+"
			if d < 0 {
				sign, d = "−", -d
			}
			line = fmt.Sprintf("%s: %s → %s of %s (%s%s)", pb.Name, formatDuration(a.PhaseTimes[i].Used), formatDuration(pb.Used),
				formatDuration(pb.Budget), sign, formatDuration(d))
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// phaseLine is one phase's time against its budget: "Clarify: 6:10 of 8:00".
func phaseLine(p prep.PhaseTime) string {
	return fmt.Sprintf("%s: %s of %s", p.Name, formatDuration(p.Used), formatDuration(p.Budget))
}

func phaseLines(ps []prep.PhaseTime) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = phaseLine(p)
	}
	return strings.Join(lines, "\n")
}

func (s *compareScreen) content() fyne.CanvasObject { return s.root }
func (s *compareScreen) leave()                     {}
