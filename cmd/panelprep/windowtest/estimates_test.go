//go:build window

package windowtest

import (
	"syscall"
	"testing"
	"time"
)

// TestEstimatesKeptAcrossSIGKILL fills the estimate sheet of a systems design round with real key
// events only (Ctrl+E from the answer gives the sheet's first row the keyboard; Shift+Tab goes to
// its name; Return to the quantity and on to the next row), sees each row's value and an error on
// the row that adds bytes to users, waits until the screen says the draft is saved, kills the app
// with SIGKILL, starts it again and resumes the round: the sheet must show the same values.
func TestEstimatesKeptAcrossSIGKILL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := launch(t, dir)
	startRound(t, a, designPrompt)
	a.key("ctrl+e")
	a.waitFor("the estimate sheet focused", func(in Inspection) bool { return in.Focused == "*ui.sheetEntry" })
	a.key("shift+Tab")
	for _, r := range [][2]string{{"dau", "50 M users"}, {"storage", "dau * 2 KB / 1 day"}, {"oops", "dau + 2 GB"}} {
		a.typeText(r[0], 10*time.Millisecond)
		a.key("Return")
		a.typeText(r[1], 10*time.Millisecond)
		a.key("Return")
	}
	a.waitFor("the values, the error and the draft saved", func(in Inspection) bool {
		return in.has("= 50 M users") && in.has("= 100 GB/day") && in.has("cannot add bytes to users") && in.has("All changes saved")
	})
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-a.exited

	a = launch(t, dir)
	a.clickText("Resume")
	a.waitFor("the resumed round", func(in Inspection) bool { return in.Screen == "*ui.roundScreen" })
	a.key("ctrl+e")
	a.waitFor("the resumed sheet with its values", func(in Inspection) bool {
		return in.has("= 100 GB/day") && in.has("cannot add bytes to users")
	})
	a.quit()
}
