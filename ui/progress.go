package ui

import (
	"fmt"
	"image/color"
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
	ui   *UI
	body *fyne.Container
	root fyne.CanvasObject
}

func (u *UI) showProgress() { u.show(newProgressScreen(u)) }

func newProgressScreen(u *UI) *progressScreen {
	s := &progressScreen{ui: u, body: container.NewVBox(widget.NewLabel("Working out your progress…"))}
	s.root = container.NewBorder(u.navBar("Progress"), nil, nil, nil, container.NewVScroll(s.body))
	palette := u.chartPalette()
	lib := u.lib
	now := u.deps.Now()
	loc := now.Location() // the wall clock's zone: local in the app, fixed in tests
	allReviews := u.deps.Mentor.AllReviews
	run(&u.bg, func() (progressView, error) {
		history, err := u.deps.Store.Attempts()
		if err != nil {
			return progressView{}, err
		}
		v, err := buildProgress(history, lib, now, loc, palette)
		if err == nil && allReviews != nil {
			var reviews []prep.Review
			if reviews, err = allReviews(); err == nil {
				v.calibration, err = buildCalibration(history, reviews, palette)
			}
		}
		return v, err
	}, s.onLoaded)
	return s
}

// progressView is everything the screen shows, computed and drawn off the UI thread.
type progressView struct {
	stats       prep.Stats
	charts      []chartView
	calibration *calibrationView // nil without mentor reviews
}

// calibrationView is self-scores against mentors' scores: per criterion as a chart and as text,
// and over time as text.
type calibrationView struct {
	rows   []prep.CalibrationRow
	points []prep.CalibrationPoint
	png    []byte
}

// calibrationBars is the most criteria the calibration chart shows; the text lists them all.
const calibrationBars = 10

func buildCalibration(history []prep.AttemptSummary, reviews []prep.Review, p charts.Palette) (*calibrationView, error) {
	rows, points := prep.Calibration(history, reviews)
	if len(rows) == 0 {
		return nil, nil
	}
	png, err := charts.Calibration(rows, p, calibrationBars)
	if err != nil {
		return nil, fmt.Errorf("drawing the calibration chart: %w", err)
	}
	return &calibrationView{rows, points, png}, nil
}

type chartView struct {
	name    string
	png     []byte
	summary string
}

func buildProgress(history []prep.AttemptSummary, lib prep.Library, now time.Time, loc *time.Location, p charts.Palette) (progressView, error) {
	st := prep.ComputeStats(history, lib, now, loc)
	v := progressView{stats: st}
	if st.Attempts == 0 {
		return v, nil
	}
	type step struct {
		name, summary string
		draw          func() ([]byte, error)
	}
	steps := []step{
		{"weekly", st.WeeklySummary(), func() ([]byte, error) { return charts.Weekly(st, p) }},
		{"criteria", st.CriteriaSummary(3), func() ([]byte, error) { return charts.Criteria(st, p, 10) }},
	}
	for _, r := range prep.RoundTypes {
		if summary, ok := phaseSummaryFor(st, r); ok {
			steps = append(steps, step{"phases-" + string(r), summary, func() ([]byte, error) { return charts.Phases(st, r, p) }})
		}
	}
	steps = append(steps, step{"coverage", st.CoverageSummary(), func() ([]byte, error) { return charts.Coverage(st, p) }})
	for _, s := range steps {
		b, err := s.draw()
		if err != nil {
			return v, fmt.Errorf("drawing the %s chart: %w", s.name, err)
		}
		v.charts = append(v.charts, chartView{s.name, b, s.summary})
	}
	return v, nil
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
	s.body.Add(widget.NewLabelWithStyle(fmt.Sprintf("%d attempts. %s", st.Attempts, st.StreakSummary()),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, c := range v.charts {
		summary := widget.NewLabel(c.summary)
		summary.Wrapping = fyne.TextWrapWord
		s.body.Add(container.NewVBox(chartImage(c.name, c.png), summary, widget.NewSeparator()))
	}
	if v.calibration != nil {
		s.body.Add(calibrationCard(v.calibration))
	}
}

// chartImage shows a chart drawn by ui/charts at its natural size.
func chartImage(name string, png []byte) *canvas.Image {
	img := canvas.NewImageFromResource(fyne.NewStaticResource("chart-"+name+".png", png))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(float32(charts.Width), float32(charts.Height)))
	return img
}

func (s *progressScreen) content() fyne.CanvasObject { return s.root }
func (s *progressScreen) leave()                     {}

// chartPalette takes the charts' colours from the current theme, so light and dark both look right.
func (u *UI) chartPalette() charts.Palette {
	th := u.app.Settings().Theme()
	v := u.app.Settings().ThemeVariant()
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
	return charts.Palette{
		Background: c(theme.ColorNameBackground),
		Foreground: c(theme.ColorNameForeground),
		Grid:       c(theme.ColorNameSeparator),
		Series:     []color.Color{c(theme.ColorNamePrimary), c(theme.ColorNameWarning), c(theme.ColorNameSuccess), c(theme.ColorNameError)},
	}
}
