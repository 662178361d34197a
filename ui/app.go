// Package ui is PanelPrep's desktop interface, built with Fyne. It is the only package that imports
// Fyne; it talks to the rest of the app through prep's types and interfaces. One file per screen.
package ui

import (
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// Deps is what the interface needs from the rest of the app.
type Deps struct {
	// Store is the one store handle for the window's life: set once and never reassigned, so
	// background loads may read it at any time. A restore or a passphrase change swaps what is
	// behind it (Maintenance), never the handle.
	Store prep.Store
	// Bundled are the practice sets shipped in the binary; imported sets are read from the store.
	Bundled []*prep.PracticeSet
	// Loops are the loop shapes shipped in the binary, the default first; imported ones are read
	// from the store.
	Loops []*prep.LoopShape
	// Competencies is the competency model the bundled sets' criteria name; imported sets are checked
	// against it. nil skips that check (tests that need no model).
	Competencies prep.Competencies
	DataDir      string
	Version      string
	// Clock is the monotonic time source for rounds; nil means the system's.
	Clock prep.Monotonic
	// Now is the wall clock, used only to stamp records for display; nil means time.Now.
	Now func() time.Time
	// Tick is how often the round clock redraws; 0 means no ticker (tests drive redraws).
	Tick time.Duration
	// Deliver runs a background result on the UI thread; nil means fyne.Do. Tests replace it.
	Deliver func(fn func())
	// Maintenance is backups, restore and the data check, wired by cmd.
	Maintenance Maintenance
	// Mentor is export, feedback import and review mode, wired by cmd.
	Mentor Mentor
	// HoldBackground keeps background work from starting until ReleaseBackground: the app releases
	// it once its event loop runs, so the first frame comes first.
	HoldBackground bool
	// Warm is the launch's warm-up (see Warmup): New then shows the native window before building
	// the home screen, and paints the home screen before it returns. Nil in tests and after an
	// unlock or recovery window.
	Warm *Warmup
	// ExpectHistory says the store holds attempts (checked while it opened), so the home screen
	// keeps room for the Today list from its first frame.
	ExpectHistory bool
	// Window is the window to build in, created by the caller while the store opened (creating the
	// first window starts the windowing system); nil means New creates one.
	Window fyne.Window
	// ScreenArea is the usable size of the screen in screen coordinates (pixels on Linux and
	// Windows), for the window to fit into; ok is false when it is not known. Called on the UI
	// thread once the native window exists. nil leaves the window's size as remembered.
	ScreenArea func() (width, height int, ok bool)
	// MapAttempts, if set, maps old attempts to competencies behind the window (mapping.go).
	MapAttempts MapAttempts
}

// Preference keys. User data lives in the store; preferences hold only how the window looks.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// screen is one page of the app shown in the main window.
type screen interface {
	content() fyne.CanvasObject
	// leave is called when the screen is replaced or the window closes; it must not block on disk
	// for long (the round screen hands its pending draft to the saver and waits for it briefly).
	leave()
}

// UI is the running interface: the main window and the screen it shows.
type UI struct {
	app     fyne.App
	win     fyne.Window
	deps    Deps
	bg      background
	current screen
	savers  sync.WaitGroup // savers closing in the background
	// closed is closed when the user closes the window (Closed).
	closed     chan struct{}
	closedOnce sync.Once
	closing    []chan struct{} // the same savers, each closed when written out (saving.go)
	lib        prep.Library
	focused    bool // the window has the keyboard focus
	shown      bool // New has shown the window (a launch with a Warmup)
	// hasHistory is whether the user has any attempt: the home screen keeps room for Today then.
	hasHistory bool
	// screenSeq counts the screens shown: the token runForScreen checks (bridge.go). UI thread only.
	screenSeq uint64
	// library is the Practice screen's filters, kept for when the user comes back to it.
	library libraryFilters
	// stopInspecting stops the window inspection the real-window tests ask for (inspect.go).
	stopInspecting func()

	releaseOnce sync.Once
	// mapping is the latest mapping of old attempts to competencies (mapping.go), nil when there
	// is none to run; gate is what background work waits on for it. UI thread.
	mapping *mapping
	gate    *mappingGate
}

// New builds the main window on app. Call ShowAndRun (or, in tests, use Window) afterwards.
func New(app fyne.App, deps Deps) *UI {
	if deps.Clock == nil {
		deps.Clock = prep.SystemMonotonic()
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Deliver == nil {
		deps.Deliver = deliverWithFyne
	}
	u := &UI{app: app, deps: deps, closed: make(chan struct{}), bg: background{deliver: deps.Deliver}, lib: prep.Library{Bundled: deps.Bundled, Competencies: deps.Competencies, Loops: deps.Loops},
		hasHistory: deps.ExpectHistory}
	if deps.HoldBackground {
		u.bg.gate = make(chan struct{})
	}

	if deps.Warm == nil { // otherwise Warm has applied the theme already
		u.applyTheme()
	}
	u.win = windowOr(app, deps.Window, "PanelPrep")
	if deps.MapAttempts != nil {
		u.gate = &mappingGate{}
		u.startMapping(deps.MapAttempts) // before any screen can wait on it
	}
	prefs := app.Preferences()
	u.win.Resize(fyne.NewSize(
		float32(prefs.FloatWithFallback(prefWindowWidth, 1100)),
		float32(prefs.FloatWithFallback(prefWindowHeight, 760)),
	))
	u.win.SetMaster()
	u.win.SetCloseIntercept(u.onClose)
	u.addShortcuts()
	u.trackFocus()
	if deps.Warm != nil {
		// Create the native window now, blank, while the warm-up loads the fonts on another core.
		u.win.SetContent(container.NewWithoutLayout())
		u.win.Show()
		u.shown = true
		u.fitToScreen()
		deps.Warm.Wait()
	}
	u.showHome()
	u.loadImportedSets()
	if path := os.Getenv(InspectEnv); path != "" {
		u.stopInspecting = u.startInspecting(path)
	}
	if u.shown {
		u.win.Show() // shown already: this paints the home screen now rather than at the next frame
	}
	return u
}

// loadImportedSets adds the user's imported sets, and loop files, to the library once they are
// read from disk.
func (u *UI) loadImportedSets() {
	run(&u.bg, u.deps.Store.ImportedLoopShapes, func(shapes []*prep.LoopShape, err error) {
		if err != nil {
			u.showError("Could not read your imported loop files", err)
			return
		}
		u.lib.ImportedLoops = shapes
	})
	run(&u.bg, u.deps.Store.ImportedSets, func(sets []*prep.PracticeSet, err error) {
		if err != nil {
			u.showError("Could not read your imported practice sets", err)
			return
		}
		u.lib.Imported = sets
		if h, ok := u.current.(*homeScreen); ok {
			h.onLibraryChanged()
		}
	})
}

// ReleaseBackground lets held background work start. Safe to call more than once.
func (u *UI) ReleaseBackground() {
	if u.bg.gate != nil {
		u.releaseOnce.Do(func() { close(u.bg.gate) })
	}
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// ShowAndRun shows the window and runs the app until it quits.
func (u *UI) ShowAndRun() {
	if u.shown {
		u.app.Run()
		return
	}
	u.win.Show() // creates the native window, so its scale is known
	u.fitToScreen()
	u.app.Run()
}

// Room left around the window for its title bar and borders, in screen coordinates.
const (
	windowFrameWidth  = 16
	windowFrameHeight = 48
)

// fitToScreen shrinks the window to the screen when its remembered or default size is larger:
// 1100 by 760 at a text size of 1.5 is 1650 by 1140 pixels, taller than most laptop screens, and
// the window opened with its bottom (the round's buttons) out of reach. It runs once the native
// window exists, as only then is the window's scale known.
func (u *UI) fitToScreen() {
	if u.deps.ScreenArea == nil {
		return
	}
	w, h, ok := u.deps.ScreenArea()
	if !ok {
		return
	}
	c := u.win.Canvas()
	if size, changed := fitWindow(c.Size(), w, h, c.Scale()); changed {
		u.win.Resize(size)
		u.win.CenterOnScreen()
	}
}

// fitWindow returns size (in Fyne units) shrunk to fit a screen of width by height screen
// coordinates at scale, less the window's frame, and whether it had to shrink.
func fitWindow(size fyne.Size, width, height int, scale float32) (fyne.Size, bool) {
	if scale <= 0 || width <= windowFrameWidth || height <= windowFrameHeight {
		return size, false
	}
	maxW := float32(width-windowFrameWidth) / scale
	maxH := float32(height-windowFrameHeight) / scale
	if size.Width <= maxW && size.Height <= maxH {
		return size, false
	}
	return fyne.NewSize(min(size.Width, maxW), min(size.Height, maxH)), true
}

// Stop leaves the current screen so that anything it holds is written out. Safe to call twice.
// It runs on the UI thread, so it must not wait for background results (they need that thread).
func (u *UI) Stop() {
	if u.mapping != nil {
		u.mapping.halt() // what is mapped is kept; the next launch maps the rest
	}
	if u.current != nil {
		u.current.leave()
		u.current = nil
	}
	u.screenSeq++ // nothing is on view: no result is for it
}

func (u *UI) onClose() {
	size := u.win.Canvas().Size()
	u.app.Preferences().SetFloat(prefWindowWidth, float64(size.Width))
	u.app.Preferences().SetFloat(prefWindowHeight, float64(size.Height))
	if u.stopInspecting != nil {
		u.stopInspecting()
	}
	u.Stop()
	forgetShortcuts(u.win.Canvas())
	u.win.Close()
	u.closedOnce.Do(func() { close(u.closed) })
}

// Closed is closed once the user has closed the window: the event loop is ending, and ShowAndRun
// should return within moments.
func (u *UI) Closed() <-chan struct{} { return u.closed }

// show replaces the window's content with s.
func (u *UI) show(s screen) {
	if u.current != nil {
		u.current.leave()
	}
	u.current = s
	u.screenSeq++
	u.win.SetContent(s.content())
	if s, ok := s.(interface{ onShown() }); ok {
		s.onShown() // the screen before has left now: its last writes are under way
	}
}

// destinations are the screens reachable from every other one, in toolbar order: navigation is
// data, not a switch spread around.
func (u *UI) destinations() []destination {
	return []destination{
		{"Practice", "Choose a prompt and start a mock round", fyne.KeyH, u.showHome},
		{"Mock loop", "Several rounds back to back, as an onsite runs them", fyne.KeyL, u.showLoop},
		{"Progress", "Trends, weak criteria, time against budget", fyne.KeyG, u.showProgress},
		{"History", "Every attempt, newest first", fyne.KeyR, u.showHistory},
		{"Search", "Find words across every answer", fyne.KeyF, u.showSearch},
		{"Stories", "Your stories, and which competencies they cover", fyne.KeyT, u.showStories},
		{"Settings", "Theme, text size, your data and its backups", fyne.KeyComma, u.showSettings},
	}
}

type destination struct {
	title, hint string
	key         fyne.KeyName // with Ctrl (Cmd on macOS)
	open        func()
}

// navBar is the strip of top-level destinations shown above every screen.
func (u *UI) navBar(current string) fyne.CanvasObject {
	row := container.NewHBox()
	for _, d := range u.destinations() {
		b := widget.NewButton(d.title, d.open)
		if d.title == current {
			b.Importance = widget.HighImportance
		}
		row.Add(b)
	}
	if u.mapping != nil {
		return container.NewVBox(row, u.mapping.row)
	}
	return row
}

func (u *UI) addShortcuts() { u.bindShortcuts(u.globalShortcuts()) }

// trackFocus follows whether the app's window has the focus, so cues can become desktop
// notifications when the candidate is looking elsewhere.
func (u *UI) trackFocus() {
	u.focused = true
	lc := u.app.Lifecycle()
	lc.SetOnEnteredForeground(func() { u.focused = true })
	lc.SetOnExitedForeground(func() { u.focused = false })
}

// notify sends a desktop notification when the window is not focused; the screen shows its own cue.
func (u *UI) notify(title, message string) {
	if !u.focused {
		u.app.SendNotification(fyne.NewNotification(title, message))
	}
}

func (u *UI) showHome() { u.show(newHomeScreen(u.homeDeps())) }

// resume reopens an unfinished round where it was left. A round that belongs to a loop is
// resumed inside that loop.
func (u *UI) resume(d prep.Draft) {
	if d.LoopID == uuid.Nil {
		u.resumeIn(d, nil)
		return
	}
	// Reading the loop takes a moment; if the user has gone to another screen meanwhile, the
	// round does not open over it.
	runForScreen(u, u.deps.Store.ActiveLoop, func(l *prep.Loop, err error) {
		if err != nil || l == nil || l.ID != d.LoopID {
			u.resumeIn(d, nil) // the loop is gone: the round still counts on its own
			return
		}
		u.resumeIn(d, newLoopRun(u.loopDeps(), *l))
	})
}

// resumeIn reopens a draft: writing, or scoring if its round had finished. A round comes back
// paused, even one that was running when the app quit or crashed: the candidate resumes the clock
// when they have read where they were.
func (u *UI) resumeIn(d prep.Draft, loop *loopRun) {
	if d.Clock.Finished {
		u.show(newScoreScreen(u.scoreDeps(), d, u.newSaver(), loop))
		return
	}
	d.Clock.Running = false
	u.show(newRoundScreen(u, d, loop))
}

// setByID returns lib's set with this ID, or nil.
func setByID(lib prep.Library, id string) *prep.PracticeSet {
	for _, s := range lib.Sets() {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// showError tells the user what failed and what to do; err's message is written for people.
func (u *UI) showError(title string, err error) {
	dialog.ShowInformation(title, err.Error(), u.win)
}

// windowOr returns w titled title, or a new window when w is nil. The startup windows take the
// window the launch created early, so a launch shows one window, not one and then another.
func windowOr(app fyne.App, w fyne.Window, title string) fyne.Window {
	if w == nil {
		return app.NewWindow(title)
	}
	w.SetTitle(title)
	return w
}

// setLabel sets a label's text unless it already shows it. Lists bind their rows again on every
// layout, and a truncated label measures its text afresh on each SetText.
func setLabel(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// ShowStartupError shows, in w (nil: a new window), why PanelPrep cannot start, and returns when the
// user closes it. On the headless test driver it returns at once.
func ShowStartupError(app fyne.App, w fyne.Window, title, message string) {
	w = startupErrorWindow(app, w, title, message)
	w.SetMaster()
	w.ShowAndRun()
}

func startupErrorWindow(app fyne.App, w fyne.Window, title, message string) fyne.Window {
	w = windowOr(app, w, "PanelPrep cannot start")
	text := widget.NewLabel(message)
	text.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", w.Close) // the master window: closing it quits
	quit.Importance = widget.HighImportance
	w.SetContent(container.NewBorder(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(quit), nil, nil, text))
	// Quit is the only thing to do here, so Enter and Escape do it too: the window ("already
	// open", most often) answered neither, and a mouse was needed to get rid of it.
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
			w.Close()
		}
	})
	w.Resize(fyne.NewSize(520, 220))
	return w
}

// ShowRecovery shows, in w (nil: a new window), why PanelPrep cannot start and one way out (such as
// restoring the latest backup), and runs the app. The action runs off the UI thread; if it
// succeeds the window closes (the action opens whatever comes next), otherwise its error is shown.
// On the headless test driver it returns at once, leaving the window open for the test.
func ShowRecovery(app fyne.App, w fyne.Window, title, message, actionLabel string, action func() error) {
	showRecovery(app, w, title, message, actionLabel, action, offThread).ShowAndRun()
}

// OpenRecovery opens the window ShowRecovery shows, as a new window of the running app: for damage
// found once the event loop is going (after the passphrase window). Call it on the UI thread.
func OpenRecovery(app fyne.App, title, message, actionLabel string, action func() error) {
	showRecovery(app, nil, title, message, actionLabel, action, offThread).Show()
}

func showRecovery(app fyne.App, w fyne.Window, title, message, actionLabel string, action func() error, run func(func() error, func(error))) fyne.Window {
	w = windowOr(app, w, "PanelPrep cannot start")
	text := widget.NewLabel(message)
	text.Wrapping = fyne.TextWrapWord
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	var act *widget.Button
	act = widget.NewButton(actionLabel, func() {
		act.Disable()
		status.SetText("Working…")
		run(action, func(err error) {
			if err != nil {
				status.SetText("That did not work: " + err.Error())
				act.Enable()
				return
			}
			w.Close()
		})
	})
	act.Importance = widget.HighImportance
	quit := widget.NewButton("Quit", func() { app.Quit() })
	w.SetContent(container.NewBorder(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewVBox(status, container.NewHBox(act, quit)), nil, nil, text))
	w.Resize(fyne.NewSize(560, 280))
	return w
}
