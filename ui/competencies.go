package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// competencyList shows scores by competency, weakest first, each opening on demand onto the
// criteria beneath it. The Unmapped group says why it is there and what to do about it.
func competencyList(groups []prep.CompetencyStat, attemptsWord string) *widget.Accordion {
	acc := widget.NewAccordion()
	for _, g := range groups {
		var b strings.Builder
		for _, c := range g.Criteria {
			fmt.Fprintf(&b, "%.1f  %s (%s)\n", c.Average, c.Criterion, prep.Count(c.Count, "score"))
		}
		if g.ID == prep.Unmapped {
			fmt.Fprintf(&b, "\nThese scores come from %s on prompts whose criteria name no competency: sets made before "+
				"competencies existed. They count here, not under a competency, until a newer version of the set is imported.",
				prep.Count(g.Attempts, attemptsWord))
		}
		detail := widget.NewLabel(strings.TrimSpace(b.String()))
		detail.Wrapping = fyne.TextWrapWord
		title := fmt.Sprintf("%.1f  %s  (%s, %s)", g.Average, g.Name, prep.Count(g.Count, "score"), prep.Count(g.Attempts, attemptsWord))
		acc.Append(widget.NewAccordionItem(title, detail))
	}
	return acc
}
