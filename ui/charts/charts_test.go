package charts

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"gonum.org/v1/plot/vg"

	"github.com/panelprep/panelprep/prep"
)

var (
	mentorGrey = color.RGBA{R: 170, G: 170, B: 170, A: 255}
	dark       = Palette{Background: color.Black, Foreground: color.White, Grid: color.Gray{Y: 40}, Reference: mentorGrey,
		Series: []color.Color{color.RGBA{R: 90, G: 160, B: 255, A: 255}, color.RGBA{R: 250, G: 180, B: 50, A: 255}, color.RGBA{G: 200, B: 120, A: 255}}}
)

func fixedStats() prep.Stats {
	var h []prep.AttemptSummary
	for i := 0; i < 6; i++ {
		a := prep.Attempt{ID: uuid.New(), Prompt: prep.Prompt{ID: "p", Round: prep.RoundTypes[i%3]},
			FinishedAt: time.Date(2026, 10, 1+5*i, 9, 0, 0, 0, time.UTC),
			Scores:     []prep.Score{{Criterion: "Proposed structure change and hiring plan for the next two quarters", Value: 1 + i%4}, {Criterion: "Communication", Value: 3}},
			PhaseTimes: []prep.PhaseTime{{Name: "Clarify", Budget: 5 * time.Minute, Used: 7 * time.Minute}}}
		h = append(h, a.Summary())
	}
	return prep.ComputeStats(h, prep.Library{}, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.UTC)
}

func allCharts() map[string]Chart {
	st := fixedStats()
	return map[string]Chart{
		"weekly":   Weekly(st),
		"criteria": Criteria(st, 8),
		"phases":   Phases(st, prep.SystemsDesign),
		"coverage": Coverage(st),
		"calibration": Calibration([]prep.CalibrationRow{{Criterion: "Trade-offs", Self: 3.5, Mentor: 2, Count: 4},
			{Criterion: "Communication", Self: 3, Mentor: 3, Count: 4}}, 8),
		"empty": Weekly(prep.Stats{}),
	}
}

// TestChartsFillTheWidthInThePalette draws every chart at the width and scale a screen gives it:
// the image is exactly that wide (the charts were a fixed 5.2-inch picture whatever the window),
// as high as Height says, and its corner is the palette's background.
func TestChartsFillTheWidthInThePalette(t *testing.T) {
	for name, c := range allCharts() {
		for _, s := range []Size{{Width: 900, Text: 14, Scale: 1}, {Width: 900, Text: 14, Scale: 1.5}, {Width: 1200, Text: 21, Scale: 1}} {
			img, err := c.Draw(dark, s)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			wantW, wantH := int(float64(s.Width)*s.Scale+0.5), int(float64(c.Height(s.Text))*s.Scale+0.5)
			if b := img.Bounds(); abs(b.Dx()-wantW) > 1 || abs(b.Dy()-wantH) > 1 {
				t.Errorf("%s at %+v: %dx%d px, want %dx%d", name, s, b.Dx(), b.Dy(), wantW, wantH)
			}
			r, g, bl, _ := img.At(1, 1).RGBA()
			if r > 0x1000 || g > 0x1000 || bl > 0x1000 {
				t.Errorf("%s: corner is not the dark background", name)
			}
		}
	}
}

func abs(n int) int { return max(n, -n) }

// TestChartsGrowWithTheText: at a larger text size a chart is taller, so its labels, drawn at
// that size, still fit.
func TestChartsGrowWithTheText(t *testing.T) {
	for name, c := range allCharts() {
		if small, large := c.Height(14), c.Height(21); large < small*1.4 {
			t.Errorf("%s: %v points high at text 14, only %v at text 21", name, small, large)
		}
	}
}

// TestReferenceBarsDrawnInTheReferenceColour: the budget and mentor bars were drawn in the grid's
// colour, black on the dark background.
func TestReferenceBarsDrawnInTheReferenceColour(t *testing.T) {
	for _, name := range []string{"calibration", "phases"} {
		img, err := allCharts()[name].Draw(dark, Size{Width: 800, Text: 14})
		if err != nil {
			t.Fatal(err)
		}
		if n := countColour(img, mentorGrey); n < 200 {
			t.Errorf("%s: %d pixels in the reference colour, want the reference bars", name, n)
		}
	}
}

func countColour(img image.Image, c color.Color) int {
	wr, wg, wb, _ := c.RGBA()
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r == wr && g == wg && bl == wb {
				n++
			}
		}
	}
	return n
}

// TestWeekTicksNeverRepeatADate: the weekly chart's axis once labelled several ticks inside one
// week with the same date.
func TestWeekTicksNeverRepeatADate(t *testing.T) {
	st := fixedStats()
	var weeks []time.Time
	for _, w := range st.Weekly {
		weeks = append(weeks, w.Week)
	}
	for _, most := range []int{2, 3, 6, 20} {
		seen := map[string]bool{}
		labelled := 0
		for _, tk := range WeekTicks(weeks, most) {
			if tk.Label == "" {
				continue
			}
			labelled++
			if seen[tk.Label] {
				t.Fatalf("at most %d labels: %q twice", most, tk.Label)
			}
			seen[tk.Label] = true
		}
		if labelled == 0 || labelled > max(most, 2) {
			t.Errorf("at most %d labels: %d labelled", most, labelled)
		}
	}
	one := WeekTicks([]time.Time{st.Weekly[0].Week, st.Weekly[0].Week}, 6)
	if len(one) != 1 || one[0].Label != st.Weekly[0].Week.Format("2 Jan") {
		t.Fatalf("one week: %+v", one)
	}
}

// TestLongLabelsWrapIntoTheirRoom: "Proposed structure change and hiring plan…" ran into the next
// label; row labels now wrap onto two lines within a third of the width and are cut after that.
func TestLongLabelsWrapIntoTheirRoom(t *testing.T) {
	s := Size{Width: 600, Text: 14}
	face := labelFace(s)
	room := s.Width * labelShare
	for _, name := range []string{
		"Communication",
		"Proposed structure change and hiring plan",
		"Proposed structure change and hiring plan for the next two quarters, with budget and risks",
		"Supercalifragilisticexpialidocious-and-then-some-more-words-without-spaces",
	} {
		got := wrapLabels([]string{name}, s)[0]
		lines := strings.Split(got, "\n")
		if len(lines) > 2 {
			t.Errorf("%q: %d lines", name, len(lines))
		}
		for _, l := range lines {
			if w := face.Width(l); w > room {
				t.Errorf("%q: line %q is %v wide, room %v", name, l, w, room)
			}
		}
		if face.Width(name) <= room && got != name {
			t.Errorf("%q fits and was changed to %q", name, got)
		}
	}
	_ = vg.Length(0)
}

func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("CHART_SAMPLES")
	if dir == "" {
		t.Skip()
	}
	for name, c := range allCharts() {
		img, _ := c.Draw(dark, Size{Width: 900, Text: 14, Scale: 1})
		f, _ := os.Create(dir + "/" + name + ".png")
		png.Encode(f, img)
		f.Close()
	}
	img, _ := Weekly(fixedStats()).Draw(dark, Size{Width: 300, Text: 14, Scale: 1})
	f, _ := os.Create(dir + "/weekly-narrow.png")
	png.Encode(f, img)
	f.Close()
}

// BenchmarkChartDraw is the cost of one redraw, which a resize of the window pays off the UI
// thread. The baseline is the old fixed picture (5.2 in at 144 dpi: 749 px wide); the others are a
// wide window and the same at FYNE_SCALE=1.5.
func BenchmarkChartDraw(b *testing.B) {
	st := fixedStats()
	for _, c := range []struct {
		name string
		s    Size
	}{
		{"baseline-749px", Size{Width: 374.4, Text: 14, Scale: 2}},
		{"1400px", Size{Width: 1400, Text: 14, Scale: 1}},
		{"1400x1.5", Size{Width: 1400, Text: 14, Scale: 1.5}},
	} {
		for name, ch := range map[string]Chart{"weekly": Weekly(st), "phases": Phases(st, prep.SystemsDesign)} {
			b.Run(name+"/"+c.name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := ch.Draw(dark, c.s); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestNarrowLegendWraps: the weekly chart's four entries ran past the right edge of a narrow chart;
// they wrap onto a second row inside the chart.
func TestNarrowLegendWraps(t *testing.T) {
	st := fixedStats()
	st.Weekly = append(st.Weekly, prep.WeeklyScore{Round: prep.RoundTypes[len(prep.RoundTypes)-1], Week: st.Weekly[0].Week, Average: 2})
	s := Size{Width: 20 * 14, Text: 14}
	img, err := Weekly(st).Draw(dark, s)
	if err != nil {
		t.Fatal(err)
	}
	// The bottom strip holds the legend: some foreground (text) pixels in its lower half show the
	// second row is drawn.
	b := img.Bounds()
	lit := 0
	for y := b.Max.Y - int(legendRowStep(14)); y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r > 0x8000 {
				lit++
			}
		}
	}
	if lit < 20 {
		t.Errorf("no second legend row in a %v-point-wide chart (%d light pixels in its last row)", s.Width, lit)
	}
}
