// Package charts draws the progress charts with gonum/plot as images. It knows nothing of Fyne:
// the screen passes in the theme's colours, its text size and the width it has, so the charts look
// right in light and dark themes and at every text size, and fill the space they are given.
package charts

import (
	"image"
	"image/color"
	"math"
	"sort"
	"strconv"
	"time"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/panelprep/panelprep/prep"
)

// Palette is the colours a chart is drawn in.
type Palette struct {
	Background, Foreground, Grid color.Color
	// Reference is the colour of the bar a figure is measured against (a budget, the library's
	// size, a mentor's score). It must stand out from Background as much as the series do: drawn
	// in the grid's colour it was black on the dark theme's background and pale grey on the light.
	Reference color.Color
	Series    []color.Color // one per round type, in prep.RoundTypes order
}

func (p Palette) series(i int) color.Color { return p.Series[i%len(p.Series)] }

// Size is how big a chart is drawn. Lengths are in points, and the screen passes its own units
// (Fyne's device-independent pixels) for them, so a chart label is as big as the app's text.
type Size struct {
	Width vg.Length // the width the chart fills
	Text  vg.Length // the body text size; every label of the chart is sized from it
	Scale float64   // device pixels per point (the window's scale); 0 means 1
}

// DefaultText is the body text size of Fyne's default theme.
const DefaultText = 14

// minWidthInText is the narrowest a chart is drawn, in body text sizes: narrower, no label fits,
// and the screen shrinks the image instead.
const minWidthInText = 20

// Chart is one chart, ready to be drawn at any width and text size.
type Chart struct {
	title string
	// rows is the height of the plot area in body text sizes (the bars' rows, or a fixed height
	// for a line chart).
	rows float64
	plot func(pl *plot.Plot, p Palette, s Size, lg *legend) error
	// legendRows is the rows of legend room under the plot: 1, or 2 for a legend of several
	// entries that wrap onto a second row in a narrow window.
	legendRows int
}

// Height is the height the chart needs at body text size text: it grows with the text and the
// number of rows, never with the width, so a screen can lay the chart out before it is drawn.
func (c Chart) Height(text vg.Length) vg.Length {
	if text <= 0 {
		text = DefaultText
	}
	// title, the X axis's tick labels, and the legend strip
	return text*vg.Length(c.rows+2.2+2.2) + legendHeight(text, c.legendRows)
}

// Draw renders the chart s.Width wide (at least minWidthInText text sizes) and c.Height(s.Text) high.
func (c Chart) Draw(p Palette, s Size) (image.Image, error) {
	if s.Text <= 0 {
		s.Text = DefaultText
	}
	if s.Scale <= 0 {
		s.Scale = 1
	}
	s.Width = max(s.Width, minWidthInText*s.Text)
	pl := newPlot(p, s, c.title)
	lg := &legend{style: labelStyle(p, s), thumb: s.Text}
	if err := c.plot(pl, p, s, lg); err != nil {
		return nil, err
	}
	h := c.Height(s.Text)
	cv := vgimg.NewWith(vgimg.UseWH(s.Width, h), vgimg.UseDPI(int(math.Round(72*s.Scale))), vgimg.UseBackgroundColor(p.Background))
	dc := draw.New(cv)
	// The legend sits in a strip of its own under the plot, its entries side by side: inside the
	// plot it covered bars and lines.
	strip := legendHeight(s.Text, c.legendRows)
	// Half a text size of margin on the left and a whole one on the right, where the last tick
	// label of the X axis hangs over the plot's edge.
	pl.Draw(draw.Crop(dc, s.Text/2, -s.Text, strip, 0))
	lg.draw(draw.Crop(dc, 0, 0, 0, strip-h))
	return cv.Image(), nil
}

func init() {
	// Sans-serif, like the rest of the app's text.
	plot.DefaultFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	plotter.DefaultFont = plot.DefaultFont
}

// labelScale is the size of tick labels and the legend against the body text: a little smaller,
// as Fyne's own captions are.
const labelScale = 0.9

func newPlot(p Palette, s Size, title string) *plot.Plot {
	pl := plot.New()
	pl.X.Padding, pl.Y.Padding = s.Text/2, s.Text/2
	pl.BackgroundColor = p.Background
	pl.Title.Text = title
	pl.Title.TextStyle.Color = p.Foreground
	pl.Title.TextStyle.Font.Size = s.Text
	pl.Title.TextStyle.Font.Weight = xfont.WeightBold
	pl.Title.Padding = s.Text / 2
	for _, ax := range []*plot.Axis{&pl.X, &pl.Y} {
		ax.Color = p.Foreground
		ax.Label.TextStyle.Color = p.Foreground
		ax.Label.TextStyle.Font.Size = s.Text * labelScale
		ax.Tick.Label.Color = p.Foreground
		ax.Tick.Label.Font.Size = s.Text * labelScale
		ax.Tick.LineStyle.Color = p.Foreground
		ax.Tick.Length = s.Text / 3
		ax.LineStyle.Width = s.Text / 14
	}
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = p.Grid, p.Grid
	pl.Add(grid)
	return pl
}

// labelFace measures text at the size of the chart's labels.
func labelFace(s Size) font.Face {
	return font.DefaultCache.Lookup(plot.DefaultFont, s.Text*labelScale)
}

func labelStyle(p Palette, s Size) draw.TextStyle {
	sty := draw.TextStyle{Color: p.Foreground, Font: font.Font{Typeface: plot.DefaultFont.Typeface, Variant: plot.DefaultFont.Variant, Size: s.Text * labelScale}}
	sty.Handler = plot.DefaultTextHandler
	return sty
}

// legend is a row of entries drawn under the plot.
type legend struct {
	style  draw.TextStyle
	thumb  vg.Length
	names  []string
	thumbs []plot.Thumbnailer
}

// legendHeight is the height of the legend strip of rows rows (at least one).
func legendHeight(text vg.Length, rows int) vg.Length {
	return 2*text + vg.Length(max(rows, 1)-1)*legendRowStep(text)
}

func legendRowStep(text vg.Length) vg.Length { return 1.4 * text }

func (l *legend) add(name string, t plot.Thumbnailer) {
	l.names, l.thumbs = append(l.names, name), append(l.thumbs, t)
}

// draw lays the entries out side by side from the left, each a one-entry plot.Legend, starting
// a new row when the next entry would run past the right edge.
func (l *legend) draw(c draw.Canvas) {
	x, y := l.thumb, l.thumb/3 // in from the edge by a text size
	for i, name := range l.names {
		w := l.thumb + l.style.Width(name) + 2*l.thumb
		if i > 0 && c.Min.X+x+w-2*l.thumb > c.Max.X {
			x, y = l.thumb, y+legendRowStep(l.thumb)
		}
		one := plot.NewLegend()
		one.TextStyle, one.ThumbnailWidth, one.Top, one.Left = l.style, l.thumb, true, true
		one.Add(name, l.thumbs[i])
		one.Draw(draw.Crop(c, x, 0, 0, -y))
		x += w
	}
}

// Weekly is the average self-score per round type per week.
func Weekly(st prep.Stats) Chart {
	return Chart{title: "Average self-score per week", rows: 14, legendRows: 2, plot: func(pl *plot.Plot, p Palette, s Size, lg *legend) error {
		pl.Y.Min, pl.Y.Max = 1, 4
		pl.Y.Label.Text = "score"
		var weeks []time.Time
		for i, r := range prep.RoundTypes {
			var pts plotter.XYs
			for _, w := range st.Weekly {
				if w.Round == r {
					pts = append(pts, plotter.XY{X: float64(w.Week.Unix()), Y: w.Average})
					weeks = append(weeks, w.Week)
				}
			}
			if len(pts) == 0 {
				continue
			}
			line, points, err := plotter.NewLinePoints(pts)
			if err != nil {
				return err
			}
			line.Color, points.Color = p.series(i), p.series(i)
			line.Width = s.Text / 7
			points.Shape = draw.CircleGlyph{}
			points.Radius = s.Text / 4
			pl.Add(line, points)
			lg.add(r.Label(), line)
		}
		ticks := WeekTicks(weeks, int(s.Width/(5*s.Text)))
		pl.X.Tick.Marker = plot.ConstantTicks(ticks)
		if len(ticks) > 0 {
			// Half a week of room each side, so the first and last weeks are not drawn on the
			// chart's edges (and a single week has an axis at all).
			half := 3.5 * 24 * 3600.0
			pl.X.Min, pl.X.Max = ticks[0].Value-half, ticks[len(ticks)-1].Value+half
		}
		return nil
	}}
}

// WeekTicks marks every week of weeks on a time axis and labels at most most of them, evenly
// spaced, each with its own date: the axis once labelled several ticks within one week with the
// same day.
func WeekTicks(weeks []time.Time, most int) []plot.Tick {
	seen := map[int64]bool{}
	var uniq []time.Time
	for _, w := range weeks {
		if !seen[w.Unix()] {
			seen[w.Unix()] = true
			uniq = append(uniq, w)
		}
	}
	sort.Slice(uniq, func(i, j int) bool { return uniq[i].Before(uniq[j]) })
	if len(uniq) == 0 {
		return nil
	}
	// Weeks without practice still get a tick: the axis runs Monday to Monday.
	var all []time.Time
	for w := uniq[0]; !w.After(uniq[len(uniq)-1]); w = w.AddDate(0, 0, 7) {
		all = append(all, w)
	}
	most = max(most, 2)
	every := (len(all) + most - 1) / most
	ticks := make([]plot.Tick, len(all))
	for i, w := range all {
		ticks[i].Value = float64(w.Unix())
		if i%every == 0 {
			ticks[i].Label = w.Format("2 Jan")
		}
	}
	return ticks
}

// Criteria is the average self-score per rubric criterion, weakest first at the top (at most n).
func Criteria(st prep.Stats, n int) Chart {
	crit := st.Criteria
	if len(crit) > n {
		crit = crit[:n]
	}
	return Chart{title: "Average self-score per criterion, weakest first", rows: rowsFor(len(crit), 1),
		plot: func(pl *plot.Plot, p Palette, s Size, lg *legend) error {
			k := len(crit)
			vals, names := make(plotter.Values, k), make([]string, k)
			for i, c := range crit {
				// Horizontal bars draw bottom-up: put the weakest at the top.
				vals[k-1-i], names[k-1-i] = c.Average, c.Criterion
			}
			if k > 0 {
				bars, err := plotter.NewBarChart(vals, barWidth(pl, s, k, 1))
				if err != nil {
					return err
				}
				bars.Horizontal = true
				bars.Color = p.series(0)
				bars.LineStyle.Width = 0
				pl.Add(bars)
				pl.NominalY(wrapLabels(names, s)...)
				lg.add("your average", bars)
			}
			scoreAxis(pl)
			return nil
		}}
}

// scoreAxis runs a horizontal axis over the rubric's scores, 0 to 4.
// Competencies is the average self-score per competency, weakest first, with the Unmapped group
// (scores whose criteria name no competency) last, so that it shows rather than vanishes.
func Competencies(st prep.Stats) Chart {
	comps := st.Competencies
	return Chart{title: "Average self-score per competency, weakest first", rows: rowsFor(len(comps), 1),
		plot: func(pl *plot.Plot, p Palette, s Size, lg *legend) error {
			k := len(comps)
			// Unmapped is drawn apart, in the reference colour: it is not a competency to work on.
			vals, unmapped, names := make(plotter.Values, k), make(plotter.Values, k), make([]string, k)
			hasUnmapped := false
			for i, c := range comps {
				at := k - 1 - i // horizontal bars draw bottom-up
				names[at] = c.Name
				if c.ID == prep.Unmapped {
					unmapped[at], hasUnmapped = c.Average, true
				} else {
					vals[at] = c.Average
				}
			}
			if k > 0 {
				for _, b := range []struct {
					v      plotter.Values
					colour color.Color
					legend string
					show   bool
				}{{vals, p.series(0), "your average", true}, {unmapped, p.Reference, "not mapped to a competency", hasUnmapped}} {
					if !b.show {
						continue
					}
					bars, err := plotter.NewBarChart(b.v, barWidth(pl, s, k, 1))
					if err != nil {
						return err
					}
					bars.Horizontal = true
					bars.Color = b.colour
					bars.LineStyle.Width = 0
					pl.Add(bars)
					lg.add(b.legend, bars)
				}
				pl.NominalY(wrapLabels(names, s)...)
			}
			scoreAxis(pl)
			return nil
		}}
}

func scoreAxis(pl *plot.Plot) {
	pl.X.Min, pl.X.Max = 0, 4
	pl.X.Tick.Marker = plot.ConstantTicks([]plot.Tick{{Value: 0, Label: "0"}, {Value: 1, Label: "1"}, {Value: 2, Label: "2"}, {Value: 3, Label: "3"}, {Value: 4, Label: "4"}})
}

// countAxis runs a horizontal axis from 0 past the largest of the values, with whole-number ticks
// at a round step (1, 2, 5, 10, 20…) and at most six of them: minutes and prompts come whole.
func countAxis(pl *plot.Plot, vals ...plotter.Values) {
	top := 1.0
	for _, vs := range vals {
		for _, v := range vs {
			top = max(top, v)
		}
	}
	step := 1.0
	for i := 0; top/step > 5; i++ {
		step *= []float64{2, 2.5, 2}[i%3] // 1, 2, 5, 10, 20, 50…
	}
	var ticks []plot.Tick
	for v := 0.0; v <= top+step/2; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	pl.X.Min, pl.X.Max = 0, max(top*1.05, ticks[len(ticks)-1].Value)
	pl.X.Tick.Marker = plot.ConstantTicks(ticks)
}

// maxPhaseBars is the most phases a phase chart shows.
const maxPhaseBars = 8

// Phases is the average time used against the budget for each phase of one round type.
func Phases(st prep.Stats, round prep.RoundType) Chart {
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
	return Chart{title: "Minutes used against budget: " + round.Label(), rows: rowsFor(len(phases), 2),
		plot: func(pl *plot.Plot, p Palette, s Size, lg *legend) error {
			k := len(phases)
			used, budget, names := make(plotter.Values, k), make(plotter.Values, k), make([]string, k)
			for i, ph := range phases {
				// Horizontal bars draw bottom-up: the first phase at the top.
				used[k-1-i], budget[k-1-i], names[k-1-i] = ph.AvgUsed.Minutes(), ph.AvgBudget.Minutes(), ph.Phase
			}
			pl.X.Label.Text = "minutes"
			countAxis(pl, budget, used)
			return pairedBars(pl, p, s, lg, names, budget, used, "budget", "used", p.series(1))
		}}
}

// Coverage is prompts attempted against prompts in the library, per round type.
func Coverage(st prep.Stats) Chart {
	cov := st.Coverage
	return Chart{title: "Prompts attempted of the library", rows: rowsFor(len(cov), 2),
		plot: func(pl *plot.Plot, p Palette, s Size, lg *legend) error {
			k := len(cov)
			done, total, names := make(plotter.Values, k), make(plotter.Values, k), make([]string, k)
			for i, c := range cov {
				done[k-1-i], total[k-1-i], names[k-1-i] = float64(c.Attempted), float64(c.Total), c.Round.Label()
			}
			countAxis(pl, total, done)
			return pairedBars(pl, p, s, lg, names, total, done, "in the library", "attempted", p.series(2))
		}}
}

// Calibration is, per rubric criterion, the candidate's average self-score beside their mentors'
// on the same attempts, in the order given (largest gap first, at the top; at most n).
func Calibration(rows []prep.CalibrationRow, n int) Chart {
	if len(rows) > n {
		rows = rows[:n]
	}
	return Chart{title: "Your self-scores against your mentors', per competency", rows: rowsFor(len(rows), 2),
		plot: func(pl *plot.Plot, p Palette, s Size, lg *legend) error {
			k := len(rows)
			self, mentor, names := make(plotter.Values, k), make(plotter.Values, k), make([]string, k)
			for i, r := range rows {
				self[k-1-i], mentor[k-1-i], names[k-1-i] = r.Self, r.Mentor, r.Criterion
			}
			if err := pairedBars(pl, p, s, lg, names, mentor, self, "mentor", "you", p.series(0)); err != nil {
				return err
			}
			scoreAxis(pl)
			return nil
		}}
}

// rowsFor is the plot height, in text sizes, of n rows of bars, each per bars thick: room for a
// label of two lines and a gap.
func rowsFor(n, per int) float64 {
	row := 2.6
	if per > 1 {
		row = 3.2
	}
	return max(float64(n)*row, 4)
}

// barWidth is the thickness of one bar when k rows of per bars share the plot's height.
func barWidth(pl *plot.Plot, s Size, k, per int) vg.Length {
	row := vg.Length(rowsFor(k, per)) * s.Text / vg.Length(max(k, 1))
	return row * 0.7 / vg.Length(per)
}

// pairedBars draws two horizontal bars per name, one above the other: a reference (budget, library
// size, a mentor's score) in the palette's reference colour and the candidate's figure in own. The
// names go on the left of the bars, wrapped to two lines, so long ones never run into each other.
func pairedBars(pl *plot.Plot, p Palette, s Size, lg *legend, names []string, ref, own plotter.Values, refName, ownName string, ownColor color.Color) error {
	if len(names) == 0 {
		return nil
	}
	w := barWidth(pl, s, len(names), 2)
	r, err := plotter.NewBarChart(ref, w)
	if err != nil {
		return err
	}
	o, err := plotter.NewBarChart(own, w)
	if err != nil {
		return err
	}
	r.Color, o.Color = p.Reference, ownColor
	r.LineStyle.Width, o.LineStyle.Width = 0, 0
	// Bars draw bottom-up: the reference above the candidate's, as the legend reads.
	r.Offset, o.Offset = w/2, -w/2
	r.Horizontal, o.Horizontal = true, true
	pl.Add(r, o)
	lg.add(refName, r)
	lg.add(ownName, o)
	pl.NominalY(wrapLabels(names, s)...)
	return nil
}
