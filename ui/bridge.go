package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

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

// wait blocks until every piece of work started so far has handed over its result.
func (b *background) wait() { b.wg.Wait() }

func deliverWithFyne(fn func()) { fyne.Do(fn) }

// tickEvery calls fn on the UI thread every deps.Tick until the returned stop is called (stop is
// safe to call twice). With no Tick (tests, which drive redraws themselves) it does nothing.
func (u *UI) tickEvery(fn func()) (stop func()) {
	if u.deps.Tick <= 0 {
		return func() {}
	}
	t := time.NewTicker(u.deps.Tick)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-t.C:
				fyne.Do(fn)
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			t.Stop()
			close(done)
		})
	}
}
