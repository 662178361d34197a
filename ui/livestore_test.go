package ui

import (
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// heldStore holds every history read made while it is held, so a screen's load stays under way
// (it has read the store handle and has not delivered its result) for as long as a test needs.
type heldStore struct {
	prep.Store
	mu   sync.Mutex
	gate chan struct{} // nil: not held
}

func (s *heldStore) hold() {
	s.mu.Lock()
	s.gate = make(chan struct{})
	s.mu.Unlock()
}

func (s *heldStore) release() {
	s.mu.Lock()
	if s.gate != nil {
		close(s.gate)
		s.gate = nil
	}
	s.mu.Unlock()
}

func (s *heldStore) Attempts() ([]prep.AttemptSummary, error) {
	s.mu.Lock()
	gate := s.gate
	s.mu.Unlock()
	if gate != nil {
		<-gate
	}
	return s.Store.Attempts()
}

// A restore from Settings finishes while the Progress and Practice screens are still loading the
// history. The window holds one store handle for its life: the restore swaps what is behind it,
// so the loads under way read either the data as it was or as restored, never a closed store, and
// under -race nothing reads a store field the restore writes (the window once reassigned its store
// on the UI thread while such loads read it). Afterwards every screen shows the restored data.
func TestRestoreWhileScreensLoad(t *testing.T) {
	h := newUnopenedHarness(t)
	h.open()
	t.Cleanup(h.close)
	held := &heldStore{Store: h.store}
	h.ui.win.Close()
	h.ui = New(h.app, Deps{Store: held, Bundled: h.sets, Competencies: h.model, Clock: h.clock.now, Now: h.now, Deliver: h.queue.push,
		DataDir: h.dir, Maintenance: h.maintenance()})
	h.settle()

	ld := firstPrompt(h, prep.Leadership)
	kept := fixedAttempt(ld, h.now().Add(-2*time.Hour), "kept", func(int) int { return 3 })
	if err := h.store.SaveAttempt(kept); err != nil {
		t.Fatal(err)
	}
	live, err := h.real()
	if err != nil {
		t.Fatal(err)
	}
	backup, err := live.BackupNow(h.now())
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		later := fixedAttempt(ld, h.now().Add(-time.Duration(i)*time.Minute), "made after the backup", func(int) int { return 2 })
		if err := h.store.SaveAttempt(later); err != nil {
			t.Fatal(err)
		}
	}

	h.tap("Settings")
	h.ui.current.(*settingsScreen).confirmRestore(backup)
	yes := h.dialogButton("Yes")
	held.hold()
	t.Cleanup(held.release)        // a failed check must not leave the loads held for the harness's close
	test.Tap(h.button("Progress")) // no settle: the history load is held under way
	test.Tap(h.button("Practice"))
	test.Tap(yes) // the restore runs beside the two loads
	// Run what the background delivers on the UI thread, as the window would, until the restore's
	// result has run, while both loads are still held.
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(h.overlayText(), "Restored") && !strings.Contains(h.overlayText(), "failed") {
		for _, fn := range h.queue.take() {
			fn()
		}
		if time.Now().After(deadline) {
			t.Fatalf("the restore did not finish in 60 s; the window shows %q", h.overlayText())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if text := h.overlayText(); !strings.Contains(text, "Your data now comes from") {
		t.Fatalf("no confirmation after the restore: %q", text)
	}
	held.release()
	h.settle()
	h.dismissDialogs()

	h.tap("Progress")
	if !h.hasText("1 attempt.") || h.hasText("3 attempts") {
		t.Error("Progress does not show the restored history of one attempt")
	}
	h.tap("History")
	if n := len(h.ui.current.(*historyScreen).attempts); n != 1 {
		t.Errorf("History lists %d attempts after the restore, want the backup's one", n)
	}
	h.tap("Practice")
	if h.hasText("Could not read your history") {
		t.Error("the Practice screen could not read the restored history")
	}
	if list, err := h.ui.deps.Store.Attempts(); err != nil || len(list) != 1 || list[0].ID != kept.ID {
		t.Fatalf("after restoring: %d attempts (%v), want only the one backed up", len(list), err)
	}
}

// dialogButton finds a button in the topmost dialog without tapping it.
func (h *harness) dialogButton(text string) *widget.Button {
	h.t.Helper()
	top := h.ui.win.Canvas().Overlays().Top()
	if top == nil {
		h.t.Fatalf("no dialog open to find %q in", text)
	}
	found, _ := findUnder(top, func(o fyne.CanvasObject) bool {
		b, ok := o.(*widget.Button)
		return ok && b.Text == text
	}).(*widget.Button)
	if found == nil {
		h.t.Fatalf("no %q button in the dialog", text)
	}
	return found
}
