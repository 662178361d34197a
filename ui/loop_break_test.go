package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// The break between two rounds of a loop was a few lines in the window's top-left corner; it is a
// screen of its own now, its countdown and button in the middle of the window, with the Mock loop
// tab lit.
func TestLoopBreakIsCentred(t *testing.T) {
	h := newHarness(t)
	h.ui.win.Resize(fyne.NewSize(1200, 800))
	h.tap("Mock loop")
	h.tap("Start the loop")
	h.tap("Start")
	h.typeAnswer("Round one answer.")
	h.clock.advance(50 * time.Minute)
	h.scoreAndSave(3)
	brk, ok := h.ui.current.(*breakScreen)
	if !ok {
		t.Fatalf("after round 1: %T", h.ui.current)
	}
	d := fyne.CurrentApp().Driver()
	for name, o := range map[string]fyne.CanvasObject{"countdown": brk.countdown, "start button": h.button("Start the next round")} {
		pos, size := d.AbsolutePositionForObject(o), o.Size()
		if mid := pos.X + size.Width/2; mid < 560 || mid > 640 {
			t.Errorf("the %s is centred at x=%v in a 1200-wide window", name, mid)
		}
		if pos.Y < 200 {
			t.Errorf("the %s is at y=%v, near the top of an 800-high window", name, pos.Y)
		}
	}
	if b := h.button("Mock loop"); b.Importance != widget.HighImportance {
		t.Error("no tab is lit on the break screen")
	}
}

// The round, score and attempt screens lit no tab; each now lights the tab it belongs under.
func TestRoundAndAttemptScreensLightTheirTab(t *testing.T) {
	h := newHarness(t)
	lit := func(where string) string {
		t.Helper()
		var on []string
		for _, d := range h.ui.destinations() {
			if h.button(d.title).Importance == widget.HighImportance {
				on = append(on, d.title)
			}
		}
		if len(on) != 1 {
			t.Fatalf("%s: tabs lit %q, want one", where, on)
		}
		return on[0]
	}
	h.startPrompt(h.home().shown[0].prompt.Title)
	if got := lit("round"); got != "Practice" {
		t.Errorf("round screen lights %q, want Practice", got)
	}
	a := fixedAttempt(firstPrompt(h, prep.SystemsDesign), h.now(), "x", func(int) int { return 3 })
	if err := h.store.SaveAttempt(a); err != nil {
		t.Fatal(err)
	}
	h.ui.showAttempt(a.ID)
	h.settle()
	if got := lit("attempt"); got != "History" {
		t.Errorf("attempt screen lights %q, want History", got)
	}
}

// The passphrase fields of Settings were drawn zero-width: a password entry is as narrow as its
// eye button unless the dialog gives it room.
func TestNewPassphraseFieldsHaveRoom(t *testing.T) {
	h := newHarness(t)
	h.ui.deps.Maintenance.Encrypted = func() bool { return false }
	h.ui.deps.Maintenance.SetPassphrase = func(string) error { return nil }
	h.ui.win.Resize(fyne.NewSize(1100, 760))
	h.tap("Settings")
	h.tap("Set a passphrase…")
	top := h.ui.win.Canvas().Overlays().Top()
	n := 0
	walkObjects(top, func(o fyne.CanvasObject) bool {
		if e, ok := o.(*entry); ok && e.Password {
			n++
			if w := e.Size().Width; w < 20*theme.TextSize() {
				t.Errorf("a passphrase field is %v wide", w)
			}
		}
		return true
	})
	if n != 2 {
		t.Fatalf("%d passphrase fields in the dialog, want 2", n)
	}
}

// The attempt's title was bold body text, smaller than the headings of the cards beneath it.
func TestAttemptTitleAboveItsHeadings(t *testing.T) {
	h := newHarness(t)
	a := fixedAttempt(firstPrompt(h, prep.SystemsDesign), h.now(), "x", func(int) int { return 3 })
	if err := h.store.SaveAttempt(a); err != nil {
		t.Fatal(err)
	}
	h.ui.showAttempt(a.ID)
	h.settle()
	o := h.find(func(o fyne.CanvasObject) bool { l, ok := o.(*widget.Label); return ok && l.Text == a.Prompt.Title })
	if o == nil {
		t.Fatal("no title")
	}
	size := theme.TextSize()
	if n := o.(*widget.Label).SizeName; n != "" {
		size = h.ui.app.Settings().Theme().Size(n)
	}
	if heading := theme.Size(theme.SizeNameHeadingText); size <= heading {
		t.Errorf("the title is %v high, the card headings %v", size, heading)
	}
}
