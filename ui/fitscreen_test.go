package ui

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
)

// The window's remembered or default size shrinks to the screen it opens on: at a text size of
// 1.5 the default 1100 by 760 was 1650 by 1140 pixels, past the bottom of a 1600 by 1000 screen.
func TestWindowFitsTheScreen(t *testing.T) {
	for _, c := range []struct {
		name          string
		size          fyne.Size
		width, height int
		scale         float32
		want          fyne.Size
		changed       bool
	}{
		{"fits at scale 1", fyne.NewSize(1100, 760), 1600, 1000, 1, fyne.NewSize(1100, 760), false},
		{"too tall at scale 1.5", fyne.NewSize(1100, 760), 1600, 1000, 1.5, fyne.NewSize(1056, 634.6667), true},
		{"a small laptop at 1.5", fyne.NewSize(1100, 760), 1366, 768, 1.5, fyne.NewSize(900, 480), true},
		{"only too wide", fyne.NewSize(1400, 500), 1280, 1024, 1, fyne.NewSize(1264, 500), true},
		{"no screen size known", fyne.NewSize(1100, 760), 0, 0, 1.5, fyne.NewSize(1100, 760), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, changed := fitWindow(c.size, c.width, c.height, c.scale)
			if changed != c.changed || math.Abs(float64(got.Width-c.want.Width)) > 0.01 || math.Abs(float64(got.Height-c.want.Height)) > 0.01 {
				t.Errorf("fitWindow(%v, %d, %d, %v) = %v, %v; want %v, %v", c.size, c.width, c.height, c.scale, got, changed, c.want, c.changed)
			}
			if pw, ph := got.Width*c.scale, got.Height*c.scale; c.width > 0 && (pw > float32(c.width) || ph > float32(c.height)) {
				t.Errorf("%v at scale %v is %v by %v pixels, larger than the %d by %d screen", got, c.scale, pw, ph, c.width, c.height)
			}
		})
	}

	// The window itself: the default size is shrunk to the screen the app reports, and left alone
	// when the screen is large enough or its size unknown.
	h := newHarness(t)
	win := h.ui.Window()
	win.Resize(fyne.NewSize(1100, 760))
	h.ui.deps.ScreenArea = func() (int, int, bool) { return 0, 0, false }
	h.ui.fitToScreen()
	if s := win.Canvas().Size(); s.Height != 760 {
		t.Fatalf("an unknown screen changed the window to %v", s)
	}
	h.ui.deps.ScreenArea = func() (int, int, bool) { return 1000, 700, true }
	h.ui.fitToScreen()
	if s := win.Canvas().Size(); s.Width > 1000 || s.Height > 700-windowFrameHeight {
		t.Errorf("on a 1000 by 700 screen the window is %v", s)
	}
}
