package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

// BenchmarkLaunch compares how long the home screen takes to become interactive over a store of
// 10,000 attempts with how long a bare Fyne window takes to show, in the same run, on the test
// driver: from a new app to a window whose content is laid out and rendered once. Background work
// (drafts, the Today list, imported sets) is still running when the home screen is interactive; it
// is drained between iterations and not timed. Goal: home at most 1.3 times the bare window.
func BenchmarkLaunch(b *testing.B) {
	bundled, err := prep.LoadSets(assets.Sets, "sets")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("bare-window", func(b *testing.B) {
		for b.Loop() {
			a := test.NewTempApp(b)
			w := a.NewWindow("PanelPrep")
			w.SetContent(widget.NewLabel("PanelPrep"))
			w.Resize(fyne.NewSize(1100, 760))
			w.Canvas().(test.WindowlessCanvas).Capture()
			w.Close()
		}
	})
	b.Run("home-10k-attempts", func(b *testing.B) {
		dir := b.TempDir()
		s, err := data.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		lib := prep.Library{Bundled: bundled}
		for _, at := range preptest.Attempts(lib, 10000, time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC), 600*24*time.Hour, 1) {
			if err := s.SaveAttempt(at); err != nil {
				b.Fatal(err)
			}
		}
		// Reopen, as a launch does, so that seeding's compactions are not what is measured.
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		if s, err = data.Open(dir); err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		var q uiQueue
		b.ResetTimer()
		for b.Loop() {
			a := test.NewTempApp(b)
			u := New(a, Deps{Store: s, Bundled: bundled, Deliver: q.push})
			u.win.Resize(fyne.NewSize(1100, 760))
			u.win.Canvas().(test.WindowlessCanvas).Capture()
			b.StopTimer()
			u.bg.wait()
			q.take()
			u.Drain()
			u.win.Close()
			b.StartTimer()
		}
	})
}
