package data

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/estimate"
)

const crashChildEnv = "PANELPREP_CRASH_CHILD_DIR"

// typedText is what the crash child "types": edit n leaves the first n characters of it.
var typedText = strings.Repeat("We split the ledger from the authorisation path; the projection converges through an outbox. ", 2000)

// TestCrashLosesNoAcknowledgedEdit kills a process that is autosaving a stream of edits at a random
// moment, and checks that the store, reopened, holds every edit the process saw acknowledged, intact.
func TestCrashLosesNoAcknowledgedEdit(t *testing.T) {
	if dir := os.Getenv(crashChildEnv); dir != "" {
		crashChild(dir) // never returns
	}
	if testing.Short() {
		t.Skip("kills 20 child processes")
	}
	const rounds = 20
	dir := t.TempDir()
	var lost int
	for round := 0; round < rounds; round++ {
		acked := runAndKill(t, dir, time.Duration(30+rand.IntN(250))*time.Millisecond)
		drafts := draftsAfterKill(t, dir, round)
		if acked == 0 {
			continue
		}
		if len(drafts) != 1 {
			t.Fatalf("round %d: %d drafts after SIGKILL, want 1", round, len(drafts))
		}
		got := drafts[0].Answer
		if len(got) < acked {
			lost++
			t.Errorf("round %d: store holds edit %d, but edit %d was acknowledged", round, len(got), acked)
		}
		if got != typedText[:len(got)] {
			t.Errorf("round %d: the stored draft is not a state the child ever wrote", round)
		}
		// The estimate sheet is saved with the text, in the same record: the one stored is the one
		// the child wrote with that text.
		if want := crashSheet(len(got)); !reflect.DeepEqual(drafts[0].Estimates, want) {
			t.Errorf("round %d: the stored sheet is %+v, want %+v (written with edit %d)", round, drafts[0].Estimates, want, len(got))
		}
		t.Logf("round %d: last acknowledged edit %d, stored %d", round, acked, len(got))
	}
	if lost > 0 {
		t.Errorf("%d of %d rounds lost acknowledged edits", lost, rounds)
	}
}

// runAndKill starts the child on dir, kills it with SIGKILL after d, and returns the last edit it
// reported as durable (0 if none).
func runAndKill(t *testing.T, dir string, d time.Duration) int {
	return runTestAndKill(t, "TestCrashLosesNoAcknowledgedEdit", crashChildEnv, dir, d)
}

// crashSheet is the estimate sheet the crash child saves with edit n: a row is added every tenth
// edit and the last row's text changes on every one, as a candidate types a formula.
func crashSheet(n int) *estimate.Sheet {
	s := &estimate.Sheet{}
	for i := 0; i <= n/10; i++ {
		s.Rows = append(s.Rows, estimate.Row{Name: fmt.Sprintf("r%d", i), Text: fmt.Sprintf("%d KB", i)})
	}
	s.Rows[len(s.Rows)-1].Text = fmt.Sprintf("r%d * %d", n/10-1, n)
	return s
}

// crashChild types into a draft as fast as it can and prints "ack N" once edit N is durable.
func crashChild(dir string) {
	s := openChildStore(dir, "crash child")
	drafts, _ := s.Drafts()
	start := 1
	if len(drafts) == 1 {
		start = len(drafts[0].Answer) + 1 // carry on typing where the last child was killed
	}
	saver := ackingSaver(s, start)
	prompt := prep.Prompt{ID: "crash-prompt", Title: "Crash"}
	for n := start; n <= len(typedText); n++ {
		saver.Update(prep.Draft{Prompt: prompt, Answer: typedText[:n], UpdatedAt: time.Now(), Estimates: crashSheet(n)})
		time.Sleep(100 * time.Microsecond)
	}
	os.Exit(0)
}
