// Package charts draws the progress charts with gonum/plot as PNG images. It knows nothing of Fyne:
// the screen passes in the theme's colours, so the charts look right in light and dark themes, and
// reports can draw the same charts.
package charts

import (
	"bytes"
	"fmt"
	"image/color"
	"sort"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/panelprep/panelprep/prep"
)

// Palette is the colours a chart is drawn in.
type Palette struct {
	Background, Foreground, Grid color.Color
	Series                       []color.Color // one per round type, in prep.RoundTypes order
}

// Size of a chart in points (1/72 inch); the PNG is drawn at 2x for sharp text on HiDPI screens.
const (
	Width  = 5.2 * vg.Inch
	Height = 2.6 * vg.Inch
)

func init() {
	// Sans-serif, like the rest of the app's text.
	plot.DefaultFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	plotter.DefaultFont = plot.DefaultFont
}

func newPlot(p Palette, title string) *plot.Plot {
	pl := plot.New()
	pl.X.Padding, pl.Y.Padding = vg.Points(6), vg.Points(6)
	pl.Title.Text = title
	pl.BackgroundColor = p.Background
	pl.Title.TextStyle.Color = p.Foreground
	for _, ax := range []*plot.Axis{&pl.X, &pl.Y} {
		ax.Color = p.Foreground
		ax.Label.TextStyle.Color = p.Foreground
		ax.Tick.Label.Color = p.Foreground
		ax.Tick.LineStyle.Color = p.Foreground
	}
	pl.Legend.TextStyle.Color = p.Foreground
	pl.Legend.Top = true
	pl.Legend.Left = true
	pl.Legend.TextStyle.Font.Size = vg.Points(9)
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = p.Grid, p.Grid
	pl.Add(grid)
	return pl
}

func render(pl *plot.Plot) ([]byte, error) {
	c := vgimgCanvas(Width, Height)
	pl.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (p Palette) series(i int) color.Color { return p.Series[i%len(p.Series)] }

// Weekly draws the average self-score per round type per week.
func Weekly(st prep.Stats, p Palette) ([]byte, error) {
	pl := newPlot(p, "Average self-score per week")
	pl.Y.Min, pl.Y.Max = 1, 4
	pl.Y.Label.Text = "score"
	pl.X.Tick.Marker = dateTicks{}
	for i, r := range prep.RoundTypes {
		var pts plotter.XYs
		for _, w := range st.Weekly {
			if w.Round == r {
				pts = append(pts, plotter.XY{X: float64(w.Week.Unix()), Y: w.Average})
			}
		}
		if len(pts) == 0 {
			continue
		}
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, err
		}
		line.Color, points.Color = p.series(i), p.series(i)
		line.Width = vg.Points(1.5)
		pl.Add(line, points)
		pl.Legend.Add(r.Label(), line)
	}
	return render(pl)
}

// dateTicks labels a time axis with dates.
type dateTicks struct{}

func (dateTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(min, max) {
		if t.Label != "" {
			t.Label = time.Unix(int64(t.Value), 0).UTC().Format("2 Jan")
		}
		out = append(out, t)
	}
	return out
}

// Criteria draws the average per rubric criterion, weakest first (at most n).
func Criteria(st prep.Stats, p Palette, n int) ([]byte, error) {
	pl := newPlot(p, "Average self-score per criterion, weakest first")
	crit := st.Criteria
	if len(crit) > n {
		crit = crit[:n]
	}
	vals := make(plotter.Values, len(crit))
	names := make([]string, len(crit))
	for i, c := range crit {
		// Horizontal bars draw bottom-up: put the weakest at the top.
		vals[len(crit)-1-i] = c.Average
		names[len(crit)-1-i] = c.Criterion
	}
	if len(crit) > 0 {
		bars, err := plotter.NewBarChart(vals, vg.Points(9))
		if err != nil {
			return nil, err
		}
		bars.Horizontal = true
		bars.Color = p.series(0)
		bars.LineStyle.Width = 0
		pl.Add(bars)
		pl.NominalY(names...)
	}
	pl.X.Min, pl.X.Max = 0, 4
	return render(pl)
}

// maxPhaseBars is the most phases a phase chart shows.
const maxPhaseBars = 8

// Phases draws the average time used against the budget for each phase of one round type.
func Phases(st prep.Stats, round prep.RoundType, p Palette) ([]byte, error) {
	pl := newPlot(p, fmt.Sprintf("Minutes used against budget: %s", round.Label()))
	var phases []prep.PhaseStat
	for _, ph := range st.Phases {
		if ph.Round == round {
			phases = append(phases, ph)
		}
	}
	// Prompts name their phases differently; past a handful of bars nothing is readable, so keep
	// the phases practised most, in their order.
	if len(phases) > maxPhaseBars {
		counts := make([]int, len(phases))
		for i, ph := range phases {
			counts[i] = ph.Count
		}
		sort.Sort(sort.Reverse(sort.IntSlice(counts)))
		cut := counts[maxPhaseBars-1]
		var kept []prep.PhaseStat
		for _, ph := range phases {
			if ph.Count >= cut && len(kept) < maxPhaseBars {
				kept = append(kept, ph)
			}
		}
		phases = kept
	}
	var used, budget plotter.Values
	var names []string
	for _, ph := range phases {
		used = append(used, ph.AvgUsed.Minutes())
		budget = append(budget, ph.AvgBudget.Minutes())
		names = append(names, ph.Phase)
	}
	if err := pairedBars(pl, names, budget, used, "budget", "used", p.Grid, p.series(1), vg.Points(12), false); err != nil {
		return nil, err
	}
	pl.Y.Label.Text = "minutes"
	return render(pl)
}

// Coverage draws prompts attempted against prompts in the library, per round type.
func Coverage(st prep.Stats, p Palette) ([]byte, error) {
	pl := newPlot(p, "Prompts attempted of the library")
	var done, total plotter.Values
	var names []string
	for _, c := range st.Coverage {
		done = append(done, float64(c.Attempted))
		total = append(total, float64(c.Total))
		names = append(names, c.Round.Label())
	}
	if err := pairedBars(pl, names, total, done, "in library", "attempted", p.Grid, p.series(2), vg.Points(14), false); err != nil {
		return nil, err
	}
	return render(pl)
}

// pairedBars draws two bars per name, side by side: a reference (budget, library size, a mentor's
// score) in a quiet colour and the candidate's figure beside it. Horizontal bars run along X with
// the names up the Y axis, drawn bottom-up.
func pairedBars(pl *plot.Plot, names []string, ref, own plotter.Values, refName, ownName string, refColor, ownColor color.Color, w vg.Length, horizontal bool) error {
	if len(names) == 0 {
		return nil
	}
	r, err := plotter.NewBarChart(ref, w)
	if err != nil {
		return err
	}
	o, err := plotter.NewBarChart(own, w)
	if err != nil {
		return err
	}
	r.Color, o.Color = refColor, ownColor
	r.LineStyle.Width, o.LineStyle.Width = 0, 0
	r.Offset, o.Offset = -w/2, w/2
	r.Horizontal, o.Horizontal = horizontal, horizontal
	pl.Add(r, o)
	pl.Legend.Add(refName, r)
	pl.Legend.Add(ownName, o)
	if horizontal {
		pl.NominalY(names...)
	} else {
		pl.NominalX(names...)
	}
	return nil
}

// Calibration draws, per rubric criterion, the candidate's average self-score beside their
// mentors' on the same attempts, in the order given (largest gap first, at the top; at most n).
func Calibration(rows []prep.CalibrationRow, p Palette, n int) ([]byte, error) {
	pl := newPlot(p, "Your self-scores against your mentors', per criterion")
	if len(rows) > n {
		rows = rows[:n]
	}
	k := len(rows)
	self, mentor := make(plotter.Values, k), make(plotter.Values, k)
	names := make([]string, k)
	for i, r := range rows {
		// Horizontal bars draw bottom-up: put the first row at the top.
		self[k-1-i], mentor[k-1-i], names[k-1-i] = r.Self, r.Mentor, r.Criterion
	}
	if err := pairedBars(pl, names, mentor, self, "mentor", "you", p.Grid, p.series(0), vg.Points(8), true); err != nil {
		return nil, err
	}
	// Scores run 0 to 4; the axis runs on to 5 so the legend, top right, never covers a bar.
	pl.X.Min, pl.X.Max = 0, 5
	pl.X.Tick.Marker = plot.ConstantTicks([]plot.Tick{{Value: 0, Label: "0"}, {Value: 1, Label: "1"}, {Value: 2, Label: "2"}, {Value: 3, Label: "3"}, {Value: 4, Label: "4"}})
	pl.Legend.Left = false
	return render(pl)
}
