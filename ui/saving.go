package ui

import (
	"github.com/panelprep/panelprep/prep"
)

// newSaver starts a draft saver writing to the store. Savers report nothing to widgets directly:
// screens poll Err and Pending when they redraw, so no saver goroutine ever touches the UI.
func (u *UI) newSaver() *prep.DraftSaver {
	return prep.NewDraftSaver(u.deps.Store.SaveDraft, nil)
}

// closeSaver writes what a saver still holds and stops it, off the UI thread.
func (u *UI) closeSaver(s *prep.DraftSaver) {
	u.savers.Add(1)
	go func() {
		defer u.savers.Done()
		_ = s.Close() // a failed final write leaves the previous durable draft in place
	}()
}

// Drain waits until every closed saver has written out. Call it after the app stops and before the
// store is closed; it must not run on the UI thread while screens are live.
func (u *UI) Drain() {
	u.Stop()
	u.savers.Wait()
}
