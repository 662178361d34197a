package ui

import (
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// MapAttempts is the work that completes the store's figures by competency: recording the
// competency of every criterion of attempts made before competencies existed. On a store of
// 10,000 such attempts it takes seconds (Badger writes most of them back), once; so the window
// opens first and it runs behind it, after the first frame. It reports how many of total attempts
// are done, ends early once stop is closed (the app is quitting), and picks up where it left off
// at the next launch.
type MapAttempts func(progress func(done, total int), stop <-chan struct{}) error

// mapping is the launch's mapping of old attempts while it runs. What reads attempts waits for
// it (mappedStore), each screen's load in the background as always, so no figure is drawn from
// half-mapped attempts; the row under the navigation bar says why they wait and how far it is.
type mapping struct {
	ready    chan struct{} // closed when the mapping has ended: finished, stopped or failed
	stop     chan struct{}
	stopOnce sync.Once
	row      *fyne.Container // the progress row, shown while attempts are being mapped
	label    *widget.Label
	bar      *widget.ProgressBar
	win      fyne.Window
}

func newMapping(win fyne.Window) *mapping {
	m := &mapping{ready: make(chan struct{}), stop: make(chan struct{}), label: widget.NewLabel(""), bar: widget.NewProgressBar(), win: win}
	m.label.Wrapping = fyne.TextWrapWord
	m.row = container.NewVBox(m.label, m.bar)
	m.row.Hide()
	return m
}

// startMapping runs the mapping in the background (after the first frame, like every background
// load) and shows its progress.
func (u *UI) startMapping(work MapAttempts) {
	m := u.mapping
	runReporting(&u.bg, func(report func(fn func())) (struct{}, error) {
		defer close(m.ready) // the reads waiting for it go ahead, whatever the outcome
		err := work(func(done, total int) {
			report(func() { m.show(done, total) })
		}, m.stop)
		return struct{}{}, err
	}, func(_ struct{}, err error) {
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
	if total == 0 {
		return
	}
	m.label.SetText(fmt.Sprintf("Mapping your earlier attempts to competencies, once: %d of %d done. "+
		"History, Progress and the Today list fill in when it is finished; you can start a round meanwhile.", done, total))
	m.bar.Max = float64(total)
	m.bar.SetValue(float64(done))
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

// halt asks the mapping to stop (the app is quitting). Safe to call more than once.
func (m *mapping) halt() { m.stopOnce.Do(func() { close(m.stop) }) }

// mappedStore is the store as screens read it while old attempts are being mapped: a read of the
// attempts waits until the mapping has ended. It is only ever waited on in the background.
type mappedStore struct {
	prep.Store
	ready <-chan struct{}
}

func (s mappedStore) Attempts() ([]prep.AttemptSummary, error) {
	<-s.ready
	return s.Store.Attempts()
}

func (s mappedStore) Attempt(id uuid.UUID) (prep.Attempt, error) {
	<-s.ready
	return s.Store.Attempt(id)
}
