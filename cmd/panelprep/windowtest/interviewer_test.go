//go:build window

package windowtest

import (
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/panelprep/panelprep/data"
)

// stampedNote matches a note as the interviewer's screen lists it: the round's elapsed time, then
// the text.
var stampedNote = regexp.MustCompile(`(?m)^\d+:\d\d  Opens with the impact$`)

// TestLiveNotesKeptAcrossSIGKILL runs a live round as the interviewer with real key events on a
// clock sixty times fast: Ctrl+P starts it (opening the candidate's window, which must not take
// the keyboard), a note typed into the note field is added with Ctrl+Enter and listed with its
// stamp, and a second note is left half typed. The app is killed with SIGKILL once the screen says
// everything is saved; the store then holds the stamped note and the half-typed one, and Resume
// brings both back.
func TestLiveNotesKeptAcrossSIGKILL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := launch(t, dir, "PANELPREP_CLOCK_SPEED=60")
	a.key("ctrl+r")
	a.clickText("Interview a candidate…")
	a.waitFor("interviewer mode's chooser", func(in Inspection) bool { return in.Screen == "*ui.interviewPickScreen" })
	a.clickText("Search titles")
	a.typeText("missed two quarters", 10*time.Millisecond)
	a.clickText("Leadership scenario · 45 min · An EM whose team")
	a.waitFor("the interviewer's round", func(in Inspection) bool { return in.Screen == "*ui.interviewerScreen" })
	a.key("ctrl+p")
	a.waitFor("the clock running and the keyboard still in the note field", func(in Inspection) bool {
		return inEntry(in) && in.has("Pause")
	})
	a.typeText("Opens with the impact", 10*time.Millisecond)
	a.key("ctrl+Return")
	a.waitFor("the note listed with its stamp", func(in Inspection) bool { return stampedNote.MatchString(in.texts()) })
	a.typeText("half a thought", 10*time.Millisecond)
	in := a.waitFor("the half-typed note in its field", func(in Inspection) bool { return in.has("half a thought") })
	a.waitFor("everything saved", func(n Inspection) bool { return n.Seq > in.Seq+1 && n.has("Everything is saved") })
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-a.exited

	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ivs, err := s.Interviews()
	s.Close()
	if err != nil || len(ivs) != 1 {
		t.Fatalf("after SIGKILL the store holds %d live sessions (%v), want 1", len(ivs), err)
	}
	iv := ivs[0]
	if len(iv.Notes) != 1 || iv.Notes[0].Text != "Opens with the impact" || iv.Notes[0].At <= 0 {
		t.Errorf("notes after SIGKILL: %+v, want the one note with its stamp", iv.Notes)
	}
	if iv.NoteDraft != "half a thought" || iv.NoteDraftAt < iv.Notes[0].At {
		t.Errorf("the half-typed note after SIGKILL: %q stamped %s", iv.NoteDraft, iv.NoteDraftAt)
	}

	a = launch(t, dir)
	a.key("ctrl+r")
	a.clickText("Interview a candidate…")
	a.clickText("Resume")
	a.waitFor("the resumed round with its stamped note and the half-typed one", func(in Inspection) bool {
		return in.Screen == "*ui.interviewerScreen" && stampedNote.MatchString(in.texts()) && in.has("half a thought") && in.has("Resume")
	})
	a.quit()
}
