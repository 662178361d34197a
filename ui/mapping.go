package ui

import (
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// MapAttempts is the work that completes the store's figures by competency: recording the
// competency of every criterion of attempts made before competencies existed. On a store of
// 10,000 such attempts it takes seconds (Badger writes most of them back), once; so the window
// opens first and it runs behind it, after the first frame. It reports how many of total attempts
// are done, ends early once stop is closed (the app is quitting), and picks up where it left off
// at the next launch. It runs again after a restore, which may bring back attempts made before
// competencies, and after a practice set is imported, whose newer version may name the
// competencies of criteria that had none; on a store already mapped it returns at once.
type MapAttempts func(progress func(done, total int), stop <-chan struct{}) error

// mapping is one run of the mapping of old attempts: at launch, or after a restore. Only what
// adds scores up by competency waits for it (mappingWait): the Today list, Progress's figures by
// competency, the mock loop's picks and summary, the reports. Everything else reads the attempts
// at once, since an attempt's text, time and scores do not change when its criteria gain a
// competency. The row under the navigation bar, and a placeholder where each waiting figure
// will be, say how far it is.
type mapping struct {
	ready    chan struct{} // closed when the mapping has ended: finished, stopped or failed
	stop     chan struct{}
	stopOnce sync.Once
	row      *fyne.Container // the progress row, shown while attempts are being mapped
	label    *widget.Label
	bar      *widget.ProgressBar
	win      fyne.Window
	// UI thread only: how far it is, whether it has ended, and the placeholders on screens.
	done, total int
	ended       bool
	spots       []*mappingSpot
}

// mappingGate is what background work waits on for the figures by competency: the ready channel
// of the mapping under way, replaced when a restore starts another. A wait goes ahead only once
// the mapping it waited for is still the latest when it ends, so work started before a restore
// does not read the restored data half mapped.
type mappingGate struct {
	mu    sync.Mutex
	ready chan struct{}
}

func (g *mappingGate) set(ready chan struct{}) {
	g.mu.Lock()
	g.ready = ready
	g.mu.Unlock()
}

func (g *mappingGate) current() chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.ready
}

// wait blocks until no mapping is under way. Background only.
func (g *mappingGate) wait() {
	for {
		ch := g.current()
		<-ch
		if g.current() == ch {
			return
		}
	}
}

func newMapping(win fyne.Window) *mapping {
	m := &mapping{ready: make(chan struct{}), stop: make(chan struct{}), label: widget.NewLabel(""), bar: widget.NewProgressBar(), win: win}
	m.label.Wrapping = fyne.TextWrapWord
	m.row = container.NewVBox(m.label, m.bar)
	m.row.Hide()
	return m
}

// startMapping runs a new mapping in the background (after the first frame, like every background
// load) and shows its progress. UI thread.
func (u *UI) startMapping(work MapAttempts) {
	m := newMapping(u.win)
	var prev chan struct{}
	if old := u.mapping; old != nil {
		// A restore stopped it already; after an import it stops after the chunk it is writing,
		// and the new one, which maps through the new set too, starts once it has: two never
		// write at once. The new one takes over its placeholders.
		old.halt()
		prev = old.ready
		m.spots = old.spots
		old.spots = nil
		// The same row, which the screen on view may hold in its navigation bar already.
		m.row, m.label, m.bar = old.row, old.label, old.bar
	}
	u.mapping = m
	u.gate.set(m.ready) // before any screen can wait on it
	runReporting(&u.bg, func(report func(fn func())) (struct{}, error) {
		defer close(m.ready) // the reads waiting for it go ahead, whatever the outcome
		if prev != nil {
			<-prev
		}
		// At most one report waits for the UI thread at a time, and it draws the latest figures
		// when it runs: on a busy machine the reports of a fast mapping queued up there, ahead of
		// the screens' own results (History's list came seconds after it was read).
		var mu sync.Mutex
		var queued bool
		var latest [2]int
		err := work(func(done, total int) {
			mu.Lock()
			latest = [2]int{done, total}
			wasQueued := queued
			queued = true
			mu.Unlock()
			if wasQueued {
				return
			}
			report(func() {
				mu.Lock()
				d, t := latest[0], latest[1]
				queued = false
				mu.Unlock()
				m.show(d, t)
			})
		}, m.stop)
		return struct{}{}, err
	}, func(_ struct{}, err error) {
		m.ended = true
		m.spots = nil // their screens fill in from their own wait
		if u.mapping != m {
			return // stopped for a newer one, which has the row now
		}
		if err == nil {
			m.row.Hide()
			m.refresh()
			return
		}
		m.label.SetText("Your earlier attempts could not all be mapped to competencies, so some count under Unmapped " +
			"until the next start, which tries again. " + err.Error())
		m.bar.Hide()
		m.row.Show()
		m.refresh()
	})
}

// show draws how far the mapping is.
func (m *mapping) show(done, total int) {
	m.done, m.total = done, total
	for _, s := range m.spots {
		s.show(done, total)
	}
	if total == 0 {
		return
	}
	m.label.SetText(fmt.Sprintf("Mapping your earlier attempts to competencies, once: %d of %d done. "+
		"Figures by competency fill in when it is finished; History, Search, Stories and rounds work meanwhile.", done, total))
	m.bar.Max = float64(total)
	m.bar.SetValue(float64(done))
	m.bar.Show() // hidden by an earlier mapping's failure
	if !m.row.Visible() {
		m.row.Show()
		m.refresh()
	}
}

// refresh lays out again the screen the row is on: its height changed.
func (m *mapping) refresh() {
	if c := m.win.Content(); c != nil {
		c.Refresh()
	}
}

// halt asks the mapping to stop (the app is quitting, or a restore replaces the data). Safe to
// call more than once.
func (m *mapping) halt() { m.stopOnce.Do(func() { close(m.stop) }) }

// mappingSpot stands where figures by competency will be drawn once the mapping has ended.
type mappingSpot struct {
	what    string
	loading string // shown until the mapping says how many attempts it maps: most launches, none
	label   *widget.Label
	bar     *widget.ProgressBar
	box     *fyne.Container
}

func (s *mappingSpot) show(done, total int) {
	if total == 0 {
		// On a store already mapped the mapping ends without a word in a moment: the screen's own
		// loading line until then, not a wait for a mapping that never runs.
		s.label.SetText(s.loading)
		s.bar.Hide()
		return
	}
	s.label.SetText(fmt.Sprintf("%s for your earlier attempts to be mapped to competencies, which runs once: %d of %d done.", s.what, done, total))
	s.bar.Max = float64(total)
	s.bar.SetValue(float64(done))
	s.bar.Show()
}

// mappingWait is for a screen that adds scores up by competency. While old attempts are being
// mapped, it returns a placeholder for where those figures will be, which follows the mapping's
// progress (what says what waits: "Figures by competency wait"; loading is the screen's own
// loading line, shown until the mapping says it has attempts to map), and a wait that blocks
// until the mapping has ended; the screen reads the attempts for those figures after the wait, in
// the background. With no mapping under way it returns nil and a wait that returns at once. UI
// thread.
func (u *UI) mappingWait(what, loading string) (spot fyne.CanvasObject, wait func()) {
	m := u.mapping
	if m == nil || m.ended {
		return nil, func() {}
	}
	s := &mappingSpot{what: what, loading: loading, label: widget.NewLabel(""), bar: widget.NewProgressBar()}
	s.label.Wrapping = fyne.TextWrapWord
	s.box = container.NewVBox(s.label, s.bar)
	s.show(m.done, m.total)
	m.spots = append(m.spots, s)
	return s.box, u.gate.wait
}
