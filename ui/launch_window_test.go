package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// The "PanelPrep is already open" window answered neither Enter nor Escape; both now close it
// (it is the master window, so the app quits).
func TestStartupErrorWindowClosesOnEnterAndEscape(t *testing.T) {
	for _, key := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape} {
		a := testApp(t)
		w := startupErrorWindow(a, nil, "PanelPrep is already open", "Another PanelPrep window is using this data.")
		closed := false
		w.SetOnClosed(func() { closed = true })
		w.Show()
		w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: key})
		if !closed {
			t.Errorf("%s did not close the window", key)
		}
	}
}
