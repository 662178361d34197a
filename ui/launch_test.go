package ui

import (
	"fmt"
	"image/color"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep/preptest"
)

// The app's own launch: the theme applied and the fonts loaded by Warm while the store opens, and
// the home screen built in the window created meanwhile. Under -race this also checks that the font
// loading goroutine and the window's construction do not touch the same state.
func TestLaunchBuildsTheHomeScreenInTheEarlyWindow(t *testing.T) {
	h := newUnopenedHarness(t)
	h.app.Preferences().SetString(prefTheme, "Dark")

	warm := Warm(h.app)
	early := h.app.NewWindow("starting")
	h.mem = preptest.NewMemStore()
	h.store = h.mem
	h.ui = New(h.app, Deps{Store: h.mem, Bundled: h.sets, Competencies: h.model, Clock: h.clock.now, Now: h.now, Deliver: h.queue.push,
		DataDir: h.dir, Maintenance: h.maintenance(), Window: early, Warm: warm})
	t.Cleanup(h.close)
	h.settle()

	if h.ui.Window() != early {
		t.Fatal("the home screen was built in a new window, not the one created while the store opened")
	}
	if got := early.Title(); got != "PanelPrep" {
		t.Errorf("window title %q, want PanelPrep", got)
	}
	if !h.ui.shown {
		t.Error("the window was not shown before the home screen was built")
	}
	// The count follows the bundled bank, which grows with every set added to assets/sets.
	n := 0
	for _, s := range h.sets {
		n += len(s.Prompts)
	}
	if !h.hasText("Choose a prompt to read its brief.") || !h.hasText(fmt.Sprintf("%d of %d prompts", n, n)) {
		t.Error("the home screen is not in the window")
	}
	// Warm applied the saved theme: dark, whatever the system says.
	if got, want := theme.Current().Color(theme.ColorNameBackground, theme.VariantLight), theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark); !sameColor(got, want) {
		t.Errorf("background %v after Warm, want the dark theme's %v", got, want)
	}
	warm.Wait() // done already; waiting again is fine
	var none *Warmup
	none.Wait()
}

// A launch that cannot open its data explains why in the window created while it tried.
func TestStartupErrorUsesTheEarlyWindow(t *testing.T) {
	a := testApp(t)
	early := a.NewWindow("starting")
	ShowStartupError(a, early, "PanelPrep is already open", "close the other PanelPrep window")
	if got := early.Title(); got != "PanelPrep cannot start" {
		t.Errorf("window title %q, want PanelPrep cannot start", got)
	}
	var texts []string
	walkObjects(early.Content(), func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
		return true
	})
	if len(texts) != 2 || !slices.Contains(texts, "PanelPrep is already open") || !slices.Contains(texts, "close the other PanelPrep window") {
		t.Errorf("the window shows %q, want the title and the message", texts)
	}
}

func sameColor(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}
