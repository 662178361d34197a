package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// The round clock's ticks reach the UI thread through the bridge's deliver, like every other
// result: they went to fyne.Do directly, past the queue tests (and the screen token) rely on.
func TestTickGoesThroughTheBridge(t *testing.T) {
	test.NewTempApp(t)
	var q uiQueue
	u := &UI{deps: Deps{Tick: time.Millisecond}, bg: background{deliver: q.push}}
	ran := make(chan struct{}, 100)
	stop := u.tickEvery(func() { ran <- struct{}{} })
	defer stop()
	deadline := time.Now().Add(5 * time.Second)
	for len(q.take()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no tick was handed to deliver within 5 s")
		}
		time.Sleep(time.Millisecond)
	}
	stop()
	stop() // safe twice
	if len(ran) != 0 {
		t.Errorf("%d ticks ran fn on the ticker's goroutine instead of going through deliver", len(ran))
	}
}

// A round of a mock loop is resumed (from Practice) or continued (from Mock loop) once the loop or
// the drafts are read. If the user goes to another screen meanwhile, the round must not open over
// the screen they chose.
func TestResultForAScreenLeftIsDropped(t *testing.T) {
	h := newHarness(t)
	h.tap("Mock loop")
	goElsewhereFirst[*searchScreen](h, "Start the loop", "Search", "search") // Start saves the loop in the background
	h.tap("Mock loop")
	if !h.hasText("A mock loop is under way: 0 of 3 rounds done.") {
		t.Fatal("the loop started before the user went to Search is not offered")
	}
	h.tap("Continue the loop")
	h.tap("Start")
	h.typeAnswer("Round one, left for a moment.")
	h.restart()

	goElsewhereFirst[*historyScreen](h, "Resume", "History", "history") // Resume reads the active loop in the background

	h.tap("Mock loop")
	goElsewhereFirst[*progressScreen](h, "Continue the loop", "Progress", "progress") // Continue reads the drafts in the background

	// Left alone, both still open the round.
	h.tap("Practice")
	h.tap("Resume")
	if r := h.round(); r.loop == nil {
		t.Error("Resume did not reopen the round in its loop")
	}
	h.tap("Mock loop")
	h.tap("Continue the loop")
	if r := h.round(); r.loop == nil || r.draft.Sections[0].Text != "Round one, left for a moment." {
		t.Error("Continue the loop did not reopen the round with its draft")
	}
}

// goElsewhereFirst taps first, whose result comes from the background, and then at once second,
// before that result is in: the window must stay on second's screen, S, and not open first's.
func goElsewhereFirst[S screen](h *harness, first, second, name string) {
	h.t.Helper()
	test.Tap(h.button(first))
	test.Tap(h.button(second))
	h.settle()
	if _, ok := h.ui.current.(S); !ok {
		h.t.Fatalf("after %s then %s the window shows %T, want the %s the user chose", first, second, h.ui.current, name)
	}
}
