//go:build window

package windowtest

import (
	"syscall"
	"testing"
)

const designPrompt = "A ledger behind card authorisations, delivered by three teams"

// TestWhiteboardKeptAcrossSIGKILL draws on the whiteboard of a systems design round with real key
// events only (Ctrl+D from the answer gives the board the keyboard; 1, 3 and 4 add a client, a
// service and a database), waits until the screen says the draft is saved, kills the app with
// SIGKILL, starts it again and resumes the round: the board must draw the three components.
func TestWhiteboardKeptAcrossSIGKILL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := launch(t, dir)
	startRound(t, a, designPrompt)
	a.key("ctrl+d")
	a.waitFor("the whiteboard focused", func(in Inspection) bool { return in.Focused == "*ui.board" })
	a.key("1", "3", "4")
	a.waitFor("three components drawn and saved", func(in Inspection) bool {
		return onBoard(in, "Client", "Service", "Database") && in.has("All changes saved")
	})
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-a.exited

	a = launch(t, dir)
	a.clickText("Resume")
	a.waitFor("the resumed round's whiteboard with its three components", func(in Inspection) bool {
		return in.Screen == "*ui.roundScreen" && onBoard(in, "Client", "Service", "Database")
	})
	a.quit()
}

// onBoard says whether the whiteboard draws each of the labels.
func onBoard(in Inspection, labels ...string) bool {
	drawn := map[string]bool{}
	for _, o := range in.Objects {
		if o.Kind == "text" && o.Type == "*ui.board" && visibleArea(o) > 0 {
			drawn[o.Text] = true
		}
	}
	for _, l := range labels {
		if !drawn[l] {
			return false
		}
	}
	return true
}
