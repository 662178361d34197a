package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// This file is the one place where the ui package (and cmd, through Do and DoAndWait) meets
// threads: it alone calls fyne.Do and fyne.DoAndWait and starts goroutines. Screens hand work to
// run, tickEvery or goBackground and get their results back on the UI thread, so no other file
// needs to know which goroutine it is on. TestOnlyTheBridgeCallsFyneDo keeps it that way.

// background runs disk work off the UI thread and hands each result back to the UI thread. It is
// the one place where goroutines meet widgets.
type background struct {
	// deliver runs fn on the UI thread. It is fyne.Do in the app. Tests queue results and run them
	// on the test goroutine, because the Fyne test driver's fyne.Do runs fn on the calling goroutine,
	// which a real driver never does.
	deliver func(fn func())
	wg      sync.WaitGroup
	// gate, when set, holds background work back until it is closed: at launch the first frame is
	// painted before disk reads and statistics compete with it for the CPU.
	gate chan struct{}
}

// run calls work on a new goroutine, then then on the UI thread with its result.
func run[T any](b *background, work func() (T, error), then func(T, error)) {
	b.wg.Add(1)
	gate := b.gate
	go func() {
		defer b.wg.Done()
		if gate != nil {
			<-gate
		}
		v, err := work()
		b.deliver(func() { then(v, err) })
	}()
}

// viewToken stands for one screen's time on view: results of work started for that screen are
// handed over only while it is still on view, and dropped once the user has gone elsewhere (or the
// window has closed), so a late read never fills, navigates from or pops up over a screen the user
// has left. UI thread only.
type viewToken struct {
	u   *UI
	seq uint64
}

// onView says whether the screen the token stands for is still the one on view.
func (t viewToken) onView() bool { return t.u.screenSeq == t.seq }

// viewToken is the token of the screen on view now: for handlers of a screen that is up.
func (u *UI) viewToken() viewToken { return viewToken{u, u.screenSeq} }

// newScreenToken is the token of the screen being built, for its constructor and every load it
// starts later: show puts a screen on view right after its constructor returns, and numbers it
// screenSeq+1 (every constructor is called as show's argument, or just before it).
func (u *UI) newScreenToken() viewToken { return viewToken{u, u.screenSeq + 1} }

// runFor is run for work whose result belongs to the screen t stands for: a screen's own loads,
// started by its constructor or later by its handlers. If that screen is no longer on view when
// the work is done, the result is dropped.
func runFor[T any](t viewToken, work func() (T, error), then func(T, error)) {
	run(&t.u.bg, work, func(v T, err error) {
		if !t.onView() {
			return
		}
		then(v, err)
	})
}

// runForScreen is runFor the screen on view now, for work started by a handler, such as a button
// that opens another screen once something is read: if the user has gone to another screen by the
// time the work is done, the result is dropped rather than shown over what they chose. A
// constructor, which runs before its screen is shown, uses runFor with newScreenToken.
func runForScreen[T any](u *UI, work func() (T, error), then func(T, error)) {
	runFor(u.viewToken(), work, then)
}

// bridge is the UI's background, for screens that hold only their frame.
func (u *UI) bridge() *background { return &u.bg }

// wait blocks until every piece of work started so far has handed over its result.
func (b *background) wait() { b.wg.Wait() }

func deliverWithFyne(fn func()) { fyne.Do(fn) }

// Do runs fn on the UI thread without waiting for it: for code outside the ui package (the
// launch in cmd) that must touch windows from elsewhere or on the next turn of the event loop.
func Do(fn func()) { fyne.Do(fn) }

// DoAndWait runs fn on the UI thread and returns once it has run. Never call it on the UI thread's
// own work that the UI thread waits for.
func DoAndWait(fn func()) { fyne.DoAndWait(fn) }

// offThread runs work on a goroutine and hands its error to then on the UI thread: the bridge for
// the windows shown before the main UI exists (unlock, recovery), which have no UI of their own.
func offThread(work func() error, then func(error)) {
	run(&background{deliver: deliverWithFyne},
		func() (struct{}, error) { return struct{}{}, work() },
		func(_ struct{}, err error) { then(err) })
}

// goBackground runs fn on a goroutine of its own, counted in wg (nil: not counted), for work whose
// end nothing on screen waits for: a saver writing out, a warm-up. fn must not touch widgets; what
// it reports goes through deliver.
func goBackground(wg *sync.WaitGroup, fn func()) {
	if wg != nil {
		wg.Add(1)
	}
	go func() {
		if wg != nil {
			defer wg.Done()
		}
		fn()
	}()
}

// tickEvery calls fn on the UI thread every deps.Tick until the returned stop is called (stop is
// safe to call twice). With no Tick (tests, which drive redraws themselves) it does nothing.
// Ticks go through the bridge's deliver like every other result.
func (u *UI) tickEvery(fn func()) (stop func()) {
	if u.deps.Tick <= 0 {
		return func() {}
	}
	t := time.NewTicker(u.deps.Tick)
	done := make(chan struct{})
	goBackground(nil, func() {
		for {
			select {
			case <-done:
				return
			case <-t.C:
				u.bg.deliver(fn)
			}
		}
	})
	var once sync.Once
	return func() {
		once.Do(func() {
			t.Stop()
			close(done)
		})
	}
}

// runReporting is run for long work that reports as it goes: the report it is handed runs fn on
// the UI thread, without waiting for it.
func runReporting[T any](b *background, work func(report func(fn func())) (T, error), then func(T, error)) {
	run(b, func() (T, error) { return work(b.deliver) }, then)
}
