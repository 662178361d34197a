package report

import (
	"testing"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/prep"
)

// Every competency name of the bundled model fits the HTML report's chart whole: the label column
// was a fixed 220 px with names cut at 34 characters, and "Technical judgement and architecture"
// showed as "echnical judgement and architect…", cut at both ends.
func TestChartLabelsFitTheLongestCompetency(t *testing.T) {
	bank, err := prep.DecodeBank(assets.Bank) // the model the app launches with
	if err != nil {
		t.Fatal(err)
	}
	model := bank.Competencies
	var rows []criterionView
	longest := ""
	for _, c := range model {
		rows = append(rows, criterionView{Name: c.Name, Self: 2, SelfN: 1})
		if len(c.Name) > len(longest) {
			longest = c.Name
		}
	}
	c := newChart(rows)
	for i, r := range c.Rows {
		if r.Label != rows[i].Name {
			t.Errorf("label %q is cut from %q", r.Label, rows[i].Name)
		}
		// The label ends chartLabelGap before the bars and must start inside the chart. A
		// 0.56 em a character, about DejaVu Sans's average (a wide sans-serif), stands for a reader's font.
		need := int(float64(len([]rune(r.Label)))*chartFontPx*0.56) + chartLabelGap
		if need > c.LabelWidth {
			t.Errorf("%q needs about %d px of label column; it has %d", r.Label, need, c.LabelWidth)
		}
	}
	if c.Width != c.LabelWidth+c.BarWidth+50 || c.Ticks[0].X != c.LabelWidth {
		t.Errorf("bars and ticks do not start after the label column: width %d, label %d, first tick %d", c.Width, c.LabelWidth, c.Ticks[0].X)
	}
	// A name past the widest column is cut, with its full name in the row's tooltip.
	long := newChart([]criterionView{{Name: longest + " " + longest + " " + longest, Self: 1, SelfN: 1}})
	if r := long.Rows[0]; len(r.Label) >= len(longest)*3 || r.Label[len(r.Label)-len("…"):] != "…" || chartTextWidth(r.Label) > chartLabelMax {
		t.Errorf("an over-long name is not cut to the column: %q", r.Label)
	}
}
