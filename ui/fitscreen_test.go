package ui

import (
	"fmt"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
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

// The round screen's clock panel fits the right pane of the default window at both text sizes: an
// 1100-pixel-wide window at FYNE_SCALE=1.5 is 733 units wide. There the loop heading ran past the
// pane's edge and the "Whiteboard and estimates" button lay over "Question: 14:53 left".
func TestRoundClockPanelFitsTheWindow(t *testing.T) {
	h := newHarness(t)
	h.tap("Mock loop")
	ls := h.ui.current.(*loopScreen)
	test.Tap(ls.remove[0]) // systems design out
	h.settle()
	test.Tap(ls.moveUp[1]) // the behavioural sitting first
	h.settle()
	h.tap("Start the loop")
	h.tap("Start")
	h.clock.advance(65 * time.Second) // the first phase is over: its cue banner shows
	r := h.round()
	if !r.sitting.active() {
		t.Fatal("the first round is not a behavioural sitting of several questions")
	}
	for _, width := range []float32{1100, 1100 / 1.5} {
		h.ui.win.Resize(fyne.NewSize(width, 760))
		for range 3 { // wrapped lines and flowed rows settle their height over a few layouts
			r.refresh()
			h.ui.win.Content().Refresh()
		}
		checkNoOverlap(t, fmt.Sprintf("at width %v", width), r.clockPanel)
	}
	// The minimum size stays within the default window at a text size of 1.
	h.ui.win.Resize(fyne.NewSize(1100, 760))
	r.refresh()
	if m := h.ui.win.Content().MinSize(); m.Width > 1100 || m.Height > 760 {
		t.Errorf("the round screen's minimum size is %v, larger than the default 1100 by 760", m)
	}
	// The workbench in the whole window keeps a one-line clock above it (Ctrl+M).
	r.bench.toggleLarge()
	for _, width := range []float32{1100, 1100 / 1.5} {
		h.ui.win.Resize(fyne.NewSize(width, 760))
		for range 3 {
			r.refresh()
			h.ui.win.Content().Refresh()
		}
		checkNoOverlap(t, fmt.Sprintf("the larger view at width %v", width), r.bench.clockLine.(*fyne.Container))
	}
	r.bench.toggleLarge()

	// A systems design round from Practice: the whiteboard is open beside the answer from the start.
	h = newHarness(t)
	h.startPrompt("A ledger behind card authorisations, delivered by three teams")
	r = h.round()
	h.tap("Start")
	for _, width := range []float32{1100, 1100 / 1.5} {
		h.ui.win.Resize(fyne.NewSize(width, 760))
		for range 3 {
			r.refresh()
			h.ui.win.Content().Refresh()
		}
		checkNoOverlap(t, fmt.Sprintf("a practice round at width %v", width), r.clockPanel)
	}
}

// checkNoOverlap fails when a visible widget inside box is cut (smaller than its minimum size), lies
// past box's edges, or overlaps another.
func checkNoOverlap(t *testing.T, when string, box *fyne.Container) {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	type placed struct {
		o        fyne.CanvasObject
		pos, end fyne.Position
	}
	var all []placed
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				walk(child)
			}
			return
		}
		pos := d.AbsolutePositionForObject(o)
		all = append(all, placed{o, pos, pos.Add(o.Size())})
	}
	walk(box)
	bPos := d.AbsolutePositionForObject(box)
	bEnd := bPos.Add(box.Size())
	const slack = 0.5
	for i, p := range all {
		name := describe(p.o)
		if m := p.o.MinSize(); p.o.Size().Width+slack < m.Width || p.o.Size().Height+slack < m.Height {
			t.Errorf("%s: %s is %v, smaller than its minimum %v: it is cut", when, name, p.o.Size(), m)
		}
		if p.pos.X+slack < bPos.X || p.end.X > bEnd.X+slack || p.pos.Y+slack < bPos.Y || p.end.Y > bEnd.Y+slack {
			t.Errorf("%s: %s at %v–%v lies outside its panel %v–%v", when, name, p.pos, p.end, bPos, bEnd)
		}
		for _, q := range all[i+1:] {
			if p.pos.X+slack < q.end.X && q.pos.X+slack < p.end.X && p.pos.Y+slack < q.end.Y && q.pos.Y+slack < p.end.Y {
				t.Errorf("%s: %s at %v–%v overlaps %s at %v–%v", when, name, p.pos, p.end, describe(q.o), q.pos, q.end)
			}
		}
	}
}

func describe(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *widget.Label:
		return fmt.Sprintf("label %q", v.Text)
	case *widget.Button:
		return fmt.Sprintf("button %q", v.Text)
	}
	return fmt.Sprintf("%T", o)
}
