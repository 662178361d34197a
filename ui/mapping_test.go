package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

// pump runs the background results queued so far on the test goroutine, for a while, without
// waiting for background work to end (settle would: the mapping below holds on until released).
func (h *harness) pump() {
	for range 20 {
		time.Sleep(5 * time.Millisecond)
		for _, fn := range h.queue.take() {
			fn()
		}
	}
}

// newMappingHarness is newHarness, in memory, with work as the mapping of old attempts behind the
// window, as the app has.
func newMappingHarness(t *testing.T, work MapAttempts) *harness {
	h := newUnopenedHarness(t)
	h.mem = preptest.NewMemStore()
	h.store = h.mem
	h.ui = New(h.app, Deps{Store: h.store, Bundled: h.sets, Loops: h.loops, Competencies: h.model, Clock: h.clock.now, Now: h.now, Deliver: h.queue.push,
		DataDir: h.dir, MapAttempts: work})
	t.Cleanup(func() {
		h.ui.Drain()
		h.ui.win.Close()
	})
	return h
}

// The mapping of old attempts to competencies runs behind the window, not before it: the window
// is up while it runs, shows how far it is, and the Today list, which adds scores up by
// competency, waits for it rather than drawing figures from half-mapped attempts. Once it ends,
// the row goes and the list fills. Quitting asks the mapping to stop.
func TestMappingRunsBehindTheWindow(t *testing.T) {
	h := newUnopenedHarness(t)
	h.mem = preptest.NewMemStore()
	h.store = h.mem
	sd := firstPrompt(h, prep.SystemsDesign)
	if err := h.store.SaveAttempt(fixedAttempt(sd, h.now().AddDate(0, 0, -3), "x", func(int) int { return 1 })); err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	var stop <-chan struct{}
	mapping := func(progress func(done, total int), s <-chan struct{}) error {
		stop = s
		progress(0, 10000)
		progress(3200, 10000)
		<-release
		progress(10000, 10000)
		return nil
	}
	h.ui = New(h.app, Deps{Store: h.store, Bundled: h.sets, Competencies: h.model, Clock: h.clock.now, Now: h.now, Deliver: h.queue.push,
		DataDir: h.dir, ExpectHistory: true, MapAttempts: mapping})
	t.Cleanup(func() {
		h.ui.Drain()
		h.ui.win.Close()
	})
	h.pump()
	home := h.home()
	if !h.ui.mapping.row.Visible() || !h.hasText("3200 of 10000 done") {
		t.Fatalf("no progress shown while mapping: %q", h.ui.mapping.label.Text)
	}
	if home.due != nil || !h.hasText("Today's reviews wait for your earlier attempts to be mapped to competencies, which runs once: 3200 of 10000 done.") {
		t.Fatalf("the Today list was drawn while the attempts were being mapped: %+v", home.due)
	}
	close(release)
	h.settle()
	if h.ui.mapping.row.Visible() {
		t.Error("the progress row stays after the mapping ended")
	}
	if len(home.due) == 0 {
		t.Error("the Today list did not fill once the mapping ended")
	}
	h.ui.Stop()
	select {
	case <-stop:
	default:
		t.Error("quitting did not ask the mapping to stop")
	}
}

// A mapping that fails says so, and what it means, and the screens read the attempts as they are.
func TestMappingFailureIsShown(t *testing.T) {
	h := newUnopenedHarness(t)
	h.mem = preptest.NewMemStore()
	h.store = h.mem
	h.ui = New(h.app, Deps{Store: h.store, Bundled: h.sets, Competencies: h.model, Clock: h.clock.now, Now: h.now, Deliver: h.queue.push,
		DataDir: h.dir, MapAttempts: func(progress func(done, total int), _ <-chan struct{}) error {
			progress(0, 10)
			return errTest("disk full")
		}})
	t.Cleanup(func() {
		h.ui.Drain()
		h.ui.win.Close()
	})
	h.settle()
	if !h.ui.mapping.row.Visible() || !strings.Contains(h.ui.mapping.label.Text, "count under Unmapped until the next start") ||
		!strings.Contains(h.ui.mapping.label.Text, "disk full") {
		t.Errorf("the failure reads %q", h.ui.mapping.label.Text)
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

// Most launches find the store mapped already, and the mapping ends at once without reporting
// anything: until it says it has attempts to map, the screens that wait for it show their own
// loading line, not a wait for a mapping that never runs.
func TestMappingSaysNothingUntilItHasAttemptsToMap(t *testing.T) {
	release := make(chan struct{})
	h := newMappingHarness(t, func(func(done, total int), <-chan struct{}) error {
		<-release // still reading whether there is anything to map
		return nil
	})
	sd := firstPrompt(h, prep.SystemsDesign)
	if err := h.store.SaveAttempt(fixedAttempt(sd, h.now().AddDate(0, 0, -3), "x", func(int) int { return 1 })); err != nil {
		t.Fatal(err)
	}
	h.ui.hasHistory = true
	h.ui.showHome()
	h.pump()
	if !h.hasText("Working out what is due for review…") || h.hasText("mapped to competencies") || h.ui.mapping.row.Visible() {
		t.Error("a mapping that has not said it maps anything is shown as under way")
	}
	close(release)
	h.settle()
	if len(h.home().due) == 0 {
		t.Error("the Today list did not fill once the mapping ended")
	}
}
