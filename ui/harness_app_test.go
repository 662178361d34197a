package ui

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The package's tests share one Fyne test app. test.NewTempApp made a new one per test, and a new
// test app empties Fyne's font caches: every harness then loaded the fonts again and shaped every
// string on its screens from scratch (HarfBuzz under -race), which was most of the package's test
// time. Each harness gets the shared app behind a harnessApp, so what a test sets in the
// preferences, the theme or the clipboard does not leak into the next one.
var shared struct {
	once sync.Once
	app  fyne.App
	// dummy is the window a new test driver makes for rendering tests; it stays open, as in a
	// fresh app (the driver's CanvasForObject answers with the last window open).
	dummy fyne.Window
	// last is the top-level test that last had the app.
	last testing.TB
}

// harnessApp is the shared test app as one test sees it: with preferences emptied at the start
// of the test (kept across restarts within it, as a disk keeps them), and a Settings whose
// SetTheme skips a theme equal to the one in force. ui.New applies the theme from the
// preferences at every launch; the test app's SetTheme always empties the font caches, even for
// the same theme, which is exactly the cost the shared app is there to avoid.
type harnessApp struct {
	fyne.App
	settings harnessSettings
}

func (a *harnessApp) Settings() fyne.Settings { return &a.settings }

type harnessSettings struct{ fyne.Settings }

// SetTheme sets th unless it is an appTheme equal to the one in force: same variant, same scale.
func (s *harnessSettings) SetTheme(th fyne.Theme) {
	if sameAppTheme(s.Settings.Theme(), th) {
		return
	}
	s.Settings.SetTheme(th)
}

func sameAppTheme(a, b fyne.Theme) bool {
	x, ok1 := a.(appTheme)
	y, ok2 := b.(appTheme)
	if !ok1 || !ok2 || x.scale != y.scale || (x.variant == nil) != (y.variant == nil) {
		return false
	}
	return x.variant == nil || *x.variant == *y.variant
}

// testApp is the shared test app for t as a fresh test.NewTempApp was: made current (a
// benchmark that made its own app leaves another one current), with no window left open by an
// earlier test, empty preferences, an empty clipboard and the test driver's own theme.
func testApp(t testing.TB) fyne.App {
	t.Helper()
	a := sharedApp(t)
	if a.Settings().Theme() != test.Theme() {
		a.Settings().SetTheme(test.Theme())
	}
	return a
}

// sharedApp is testApp without setting the theme: for the harness, whose ui.New sets the app's own
// theme from the preferences. Setting the test driver's theme first would only empty the caches.
func sharedApp(t testing.TB) fyne.App {
	t.Helper()
	shared.once.Do(func() {
		shared.app = test.NewApp()
		shared.dummy = shared.app.Driver().AllWindows()[0]
	})
	a := shared.app
	fyne.SetCurrentApp(a)
	// Windows a test leaves open died with its app before; close them when the next top-level
	// test begins, once: by then every cleanup of the earlier tests has run, so none of them will
	// close a window again (the test driver panics on a second Close), and none of this test's
	// own windows (it may ask for the app more than once, or from its subtests) exists yet.
	if !strings.Contains(t.Name(), "/") && shared.last != t {
		shared.last = t
		closeWindows(a)
		clearPreferences(t, a.Preferences())
		a.Clipboard().SetContent("")
	}
	return &harnessApp{App: a, settings: harnessSettings{a.Settings()}}
}

// closeWindows closes every window of a but the driver's own: a test's windows go with it.
func closeWindows(a fyne.App) {
	for _, w := range slices.Clone(a.Driver().AllWindows()) {
		if w != shared.dummy {
			w.Close()
		}
	}
}

// clearPreferences removes every value from the test app's in-memory preferences.
func clearPreferences(t testing.TB, p fyne.Preferences) {
	t.Helper()
	w, ok := p.(interface{ WriteValues(func(map[string]any)) })
	if !ok {
		t.Fatalf("the test app's preferences (%T) cannot be emptied", p)
	}
	w.WriteValues(func(m map[string]any) { clear(m) })
}
