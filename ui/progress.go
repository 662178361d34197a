package ui

import (
	"fmt"
	"gonum.org/v1/plot/vg"
	"image"
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/ui/charts"
)

// progressScreen shows where the candidate stands: score trends, criteria weakest first, time
// against budget, coverage of the bank and the practice streak. Each chart has a plain-text summary
// beneath it for screen readers.
type progressScreen struct {
	chartBox func(name string, c charts.Chart) *chartBox
	body     *fyne.Container
	root     fyne.CanvasObject
	// waiting stands where the figures by competency will be while old attempts are being mapped
	// (mapping.go); full is set once they are drawn, so the first, partial view cannot replace them.
	waiting fyne.CanvasObject
	full    bool
}

func (u *UI) showProgress() {
	u.show(newProgressScreen(u, u.deps.Store, u.lib, u.deps.Now(), u.newChartBox))
}

// newProgressScreen works out the progress in history and mentor reviews of store against the
// library as it is now, at the wall clock's now; chartBox makes the boxes its charts are drawn in.
func newProgressScreen(f frame, store historyReader, lib prep.Library, now time.Time, chartBox func(string, charts.Chart) *chartBox) *progressScreen {
	s := &progressScreen{chartBox: chartBox, body: container.NewVBox(widget.NewLabel("Working out your progress…"))}
	s.root = container.NewBorder(f.navBar("Progress"), nil, nil, nil, container.NewVScroll(s.body))
	model := lib.Competencies
	loc := now.Location() // the wall clock's zone: local in the app, fixed in tests
	view := f.newScreenToken()
	// While old attempts are being mapped to competencies, the figures that do not add scores up
	// by competency (trends, time, coverage, streak) are drawn at once from the attempts as they
	// are, and the competency chart and the calibration, which do, wait for the mapping.
	spot, wait := f.mappingWait("Figures by competency and the calibration wait", "Working out your figures by competency…")
	if spot != nil {
		s.waiting = spot
		runFor(view, func() (progressView, error) {
			history, err := store.Attempts()
			if err != nil {
				return progressView{}, err
			}
			v := buildProgress(history, lib, now, loc)
			v.partial = true
			return v, nil
		}, func(v progressView, err error) {
			if !s.full {
				s.onLoaded(v, err)
			}
		})
	}
	runFor(view, func() (progressView, error) {
		wait()
		history, err := store.Attempts()
		if err != nil {
			return progressView{}, err
		}
		v := buildProgress(history, lib, now, loc)
		reviews, err := store.AllReviews()
		if err != nil {
			return v, err
		}
		v.calibration = buildCalibration(history, reviews, model)
		return v, nil
	}, func(v progressView, err error) {
		s.full = true
		s.onLoaded(v, err)
	})
	return s
}

// progressView is everything the screen shows, computed off the UI thread. The charts are drawn
// by the chart widgets, at the width the window gives them.
type progressView struct {
	stats       prep.Stats
	charts      []chartView
	calibration *calibrationView // nil without mentor reviews
	// partial: drawn while old attempts are being mapped, without the figures by competency
	// (the chart's summary, its list and the calibration), which the screen's waiting spot stands for.
	partial bool
}

// calibrationView is self-scores against mentors' scores: per criterion as a chart and as text,
// and over time as text.
type calibrationView struct {
	rows   []prep.CalibrationGroup
	points []prep.CalibrationPoint
	chart  charts.Chart
	box    *chartBox // made on the UI thread, when the screen shows the view
}

// calibrationBars is the most competencies the calibration chart shows; the text lists them all.
const calibrationBars = 10

func buildCalibration(history []prep.AttemptSummary, reviews []prep.Review, model prep.Competencies) *calibrationView {
	groups, points := prep.Calibration(history, reviews, model)
	if len(groups) == 0 {
		return nil
	}
	return &calibrationView{rows: groups, points: points, chart: charts.Calibration(prep.Rows(groups), calibrationBars)}
}

type chartView struct {
	name    string
	chart   charts.Chart
	summary string
}

func buildProgress(history []prep.AttemptSummary, lib prep.Library, now time.Time, loc *time.Location) progressView {
	st := prep.ComputeStats(history, lib, now, loc)
	v := progressView{stats: st}
	if st.Attempts == 0 {
		return v
	}
	v.charts = []chartView{
		{"weekly", charts.Weekly(st), st.WeeklySummary()},
		{"competencies", charts.Competencies(st), st.CompetencySummary(3)},
	}
	for _, r := range prep.RoundTypes {
		if summary, ok := phaseSummaryFor(st, r); ok {
			v.charts = append(v.charts, chartView{"phases-" + string(r), charts.Phases(st, r), summary})
		}
	}
	v.charts = append(v.charts, chartView{"coverage", charts.Coverage(st), st.CoverageSummary()})
	return v
}

// phaseSummaryFor is the phase summary limited to one round type, if it has timed phases.
func phaseSummaryFor(st prep.Stats, r prep.RoundType) (string, bool) {
	only := st
	only.Phases = nil
	for _, p := range st.Phases {
		if p.Round == r {
			only.Phases = append(only.Phases, p)
		}
	}
	return only.PhaseSummary(3), len(only.Phases) > 0
}

func (s *progressScreen) onLoaded(v progressView, err error) {
	defer s.body.Refresh() // the scroll around the body must re-measure what it holds
	s.body.RemoveAll()
	if err != nil {
		s.body.Add(widget.NewLabel("Could not work out your progress: " + err.Error()))
		return
	}
	st := v.stats
	if st.Attempts == 0 {
		s.body.Add(widget.NewLabel("No attempts yet. Finish and score a round, and your progress appears here."))
		return
	}
	head := widget.NewLabelWithStyle(fmt.Sprintf("%s. %s", prep.Count(st.Attempts, "attempt"), st.StreakSummary()),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord // a narrow window or large text: wrapped, not cut at the edge
	s.body.Add(head)
	for _, c := range v.charts {
		if c.name == "competencies" && v.partial {
			s.body.Add(container.NewVBox(s.waiting, widget.NewSeparator()))
			continue
		}
		summary := widget.NewLabel(c.summary)
		summary.Wrapping = fyne.TextWrapWord
		box := container.NewVBox(s.chartBox(c.name, c.chart), summary)
		if c.name == "competencies" { // the criteria beneath each competency, on demand
			box.Add(competencyList(st.Competencies, "attempt"))
		}
		box.Add(widget.NewSeparator())
		s.body.Add(box)
	}
	if v.calibration != nil {
		v.calibration.box = s.chartBox("calibration", v.calibration.chart)
		s.body.Add(calibrationCard(v.calibration))
	}
}

func (s *progressScreen) content() fyne.CanvasObject { return s.root }
func (s *progressScreen) leave()                     {}

// chartPalette takes the charts' colours from the current theme, so light and dark both look right.
func (u *UI) chartPalette() charts.Palette {
	th := u.app.Settings().Theme()
	v := u.app.Settings().ThemeVariant()
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
	bg, fg := c(theme.ColorNameBackground), c(theme.ColorNameForeground)
	// A bar must stand out from the background by 3:1 (WCAG's figure for graphics). The light
	// theme's warning orange and success green do not on white: they are taken darker, towards
	// the foreground, until they do.
	bar := func(n fyne.ThemeColorName) color.Color { return legibleOn(c(n), bg, fg, 3) }
	return charts.Palette{
		Background: bg,
		Foreground: fg,
		Grid:       c(theme.ColorNameSeparator),
		// Placeholder text is the theme's own quiet colour that still reads on the background:
		// mid grey on both, where the separator's colour was black on dark and pale on light.
		Reference: bar(theme.ColorNamePlaceHolder),
		// A fifth colour for the fifth round type (behavioural): the theme has no fifth accent, so a
		// violet, taken towards the foreground like the others until it stands out.
		Series: []color.Color{bar(theme.ColorNamePrimary), bar(theme.ColorNameWarning), bar(theme.ColorNameSuccess), bar(theme.ColorNameError),
			legibleOn(color.NRGBA{R: 0x9b, G: 0x6b, B: 0xe0, A: 0xff}, bg, fg, 3)},
	}
}

// chartBox shows a chart at the width it is given and the theme's text size. It lays out at the
// chart's height straight away, and redraws the chart off the UI thread whenever its width or the
// text size changes: a fixed-size picture left most of a wide window empty and its type tiny.
type chartBox struct {
	widget.BaseWidget
	bg      *background           // where the chart is drawn, off the UI thread
	palette func() charts.Palette // the theme's colours at the time of drawing
	name    string                // for tests and logs
	chart   charts.Chart
	img     *canvas.Image

	drawn   charts.Size // what img shows
	drawnIn string      // and in which colours (paletteKey)
	drawing bool        // a draw is under way; at most one at a time
}

func (u *UI) newChartBox(name string, c charts.Chart) *chartBox {
	b := &chartBox{bg: &u.bg, palette: u.chartPalette, name: name, chart: c, img: &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleSmooth}}
	b.ExtendBaseWidget(b)
	return b
}

func (b *chartBox) CreateRenderer() fyne.WidgetRenderer {
	return &chartBoxRenderer{b: b}
}

// MinSize is the chart's height at the current text size; it takes whatever width it gets.
func (b *chartBox) MinSize() fyne.Size {
	return fyne.NewSize(theme.TextSize()*8, float32(b.chart.Height(vg.Length(theme.TextSize()))))
}

// wanted is the size the chart should be drawn at now.
func (b *chartBox) wanted() charts.Size {
	scale := float64(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil {
		scale = float64(c.Scale())
	}
	return charts.Size{Width: vg.Length(b.Size().Width), Text: vg.Length(theme.TextSize()), Scale: scale}
}

// redraw draws the chart at the wanted size on a goroutine, then shows it; a size asked for while
// a draw runs is drawn once that one is done (resizing a window asks for dozens).
func (b *chartBox) redraw() {
	want := b.wanted()
	if b.drawing || want.Width < 1 {
		return
	}
	// The colours count as much as the size: a theme switched while the chart is on view (the
	// system's light and dark, or Settings) left it in the old colours, as its size had not changed.
	palette := b.palette()
	key := paletteKey(palette)
	if want == b.drawn && key == b.drawnIn {
		return
	}
	b.drawing = true
	run(b.bg, func() (image.Image, error) { return b.chart.Draw(palette, want) }, func(img image.Image, err error) {
		b.drawing = false
		if err != nil {
			fyne.LogError("drawing the "+b.name+" chart", err)
			return
		}
		b.drawn, b.drawnIn = want, key
		b.img.Image = img
		b.img.Refresh()
		b.redraw() // the size may have changed meanwhile
	})
}

// paletteKey tells palettes apart: the colours, in order.
func paletteKey(p charts.Palette) string { return fmt.Sprint(p) }

type chartBoxRenderer struct{ b *chartBox }

func (r *chartBoxRenderer) Layout(size fyne.Size) {
	r.b.img.Resize(size)
	r.b.img.Move(fyne.NewPos(0, 0))
	r.b.redraw()
}
func (r *chartBoxRenderer) MinSize() fyne.Size           { return r.b.MinSize() }
func (r *chartBoxRenderer) Refresh()                     { r.b.redraw(); r.b.img.Refresh() }
func (r *chartBoxRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.img} }
func (r *chartBoxRenderer) Destroy()                     {}

// legibleOn is c, mixed step by step towards toward until it contrasts with bg by at least ratio.
func legibleOn(c, bg, toward color.Color, ratio float64) color.Color {
	mix := func(a, b uint32, t float64) uint8 { return uint8((float64(a)*(1-t) + float64(b)*t) / 0x101) }
	r, g, b, _ := c.RGBA()
	tr, tg, tb, _ := toward.RGBA()
	out := color.NRGBA{R: uint8(r / 0x101), G: uint8(g / 0x101), B: uint8(b / 0x101), A: 0xff}
	for t := 0.0; t <= 1 && contrast(out, bg) < ratio; t += 0.05 {
		out = color.NRGBA{R: mix(r, tr, t), G: mix(g, tg, t), B: mix(b, tb, t), A: 0xff}
	}
	return out
}

// contrast is the WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white).
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}
