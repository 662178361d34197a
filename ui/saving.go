package ui

import (
	"github.com/panelprep/panelprep/prep"
)

// drafts is where a screen that writes a draft gets its saver and hands it back to be written
// out: *UI, which keeps count of the savers closing (Drain waits for them).
type drafts interface {
	newSaver() *prep.DraftSaver
	closeSaver(s *prep.DraftSaver)
}

// newSaver starts a draft saver writing to the store. Savers report nothing to widgets directly:
// screens poll Err and Pending when they redraw, so no saver goroutine ever touches the UI.
func (u *UI) newSaver() *prep.DraftSaver {
	return prep.NewDraftSaver(u.deps.Store.SaveDraft, nil)
}

// closeSaver writes what a saver still holds and stops it, off the UI thread.
func (u *UI) closeSaver(s *prep.DraftSaver) {
	done := make(chan struct{})
	u.closing = append(u.closing, done)
	goBackground(&u.savers, func() {
		defer close(done)
		_ = s.Close() // a failed final write leaves the previous durable draft in place
	})
}

// closingSavers returns the savers still writing out, as channels closed when each is done, for
// a read of the drafts to wait on: the Practice screen opened right after a round must show the
// words typed last, not the draft as it was a moment before. UI thread only.
func (u *UI) closingSavers() []chan struct{} {
	live := u.closing[:0]
	for _, c := range u.closing {
		select {
		case <-c:
		default:
			live = append(live, c)
		}
	}
	u.closing = live
	return append([]chan struct{}(nil), live...)
}

// Drain waits until every closed saver has written out. Call it after the app stops and before the
// store is closed; it must not run on the UI thread while screens are live.
func (u *UI) Drain() {
	u.Stop()
	u.savers.Wait()
}
