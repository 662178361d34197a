package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Warmup is the part of a launch that runs beside the window's creation: the user's theme is
// applied and the fonts the first screen uses are loaded in the background.
//
// Loading fonts is the largest single cost of the first screen (parsing the bundled fonts and
// indexing the system's for the locale: about 20 ms for each text style). With a Warmup in Deps,
// New creates and shows the native window (the other large cost, about 50 ms, spent in the
// windowing system and GL) while the fonts load, instead of one after the other.
type Warmup struct {
	done chan struct{}
}

// warmStyles are the text styles of the home screen: plain text, and bold for titles and buttons.
var warmStyles = []fyne.TextStyle{{}, {Bold: true}}

// Warm applies the user's theme to app and starts loading the fonts. Call it before anything draws
// text, and wait (Wait, or New does) before anything measures text:
// a loaded font face is not safe to use from two goroutines at once, so the loading goroutine must
// be done with it first.
func Warm(app fyne.App) *Warmup {
	applyTheme(app)
	w := &Warmup{done: make(chan struct{})}
	size := theme.TextSize() // read here, on the caller's goroutine, with the theme just set
	goBackground(nil, func() {
		defer close(w.done)
		for _, style := range warmStyles {
			fyne.MeasureText("PanelPrep", size, style)
		}
	})
	return w
}

// Wait returns once the fonts are loaded. Safe to call more than once, and on a nil Warmup.
func (w *Warmup) Wait() {
	if w != nil {
		<-w.done
	}
}
