package charts

import (
	"bytes"
	"image/color"
	"image/png"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

var dark = Palette{Background: color.Black, Foreground: color.White, Grid: color.Gray{Y: 80},
	Series: []color.Color{color.RGBA{R: 90, G: 160, B: 255, A: 255}, color.RGBA{R: 250, G: 180, B: 50, A: 255}, color.RGBA{G: 200, B: 120, A: 255}}}

func fixedStats() prep.Stats {
	var h []prep.AttemptSummary
	for i := 0; i < 6; i++ {
		a := prep.Attempt{ID: uuid.New(), Prompt: prep.Prompt{ID: "p", Round: prep.RoundTypes[i%3]},
			FinishedAt: time.Date(2026, 10, 1+5*i, 9, 0, 0, 0, time.UTC),
			Scores:     []prep.Score{{Criterion: "Trade-offs", Value: 1 + i%4}, {Criterion: "Communication", Value: 3}},
			PhaseTimes: []prep.PhaseTime{{Name: "Clarify", Budget: 5 * time.Minute, Used: 7 * time.Minute}}}
		h = append(h, a.Summary())
	}
	return prep.ComputeStats(h, prep.Library{}, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.UTC)
}

// TestChartsRenderInThePalette draws every chart and checks it is a PNG whose corner is the
// palette's background, so a dark theme gets a dark chart.
func TestChartsRenderInThePalette(t *testing.T) {
	st := fixedStats()
	for name, draw := range map[string]func() ([]byte, error){
		"weekly":   func() ([]byte, error) { return Weekly(st, dark) },
		"criteria": func() ([]byte, error) { return Criteria(st, dark, 8) },
		"phases":   func() ([]byte, error) { return Phases(st, prep.SystemsDesign, dark) },
		"coverage": func() ([]byte, error) { return Coverage(st, dark) },
		"calibration": func() ([]byte, error) {
			return Calibration([]prep.CalibrationRow{{Criterion: "Trade-offs", Self: 3.5, Mentor: 2, Count: 4}, {Criterion: "Communication", Self: 3, Mentor: 3, Count: 4}}, dark, 8)
		},
		"empty": func() ([]byte, error) { return Weekly(prep.Stats{}, dark) },
	} {
		b, err := draw()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: not a PNG: %v", name, err)
		}
		if w := img.Bounds().Dx(); w < 600 {
			t.Errorf("%s: %d px wide", name, w)
		}
		r, g, bl, _ := img.At(1, 1).RGBA()
		if r > 0x1000 || g > 0x1000 || bl > 0x1000 {
			t.Errorf("%s: corner is not the dark background", name)
		}
	}
}
