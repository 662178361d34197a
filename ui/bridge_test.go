package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// The round clock's ticks reach the UI thread through the bridge's deliver, like every other
// result: they went to fyne.Do directly, past the queue tests (and the screen token) rely on.
func TestTickGoesThroughTheBridge(t *testing.T) {
	testApp(t)
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
	if !h.hasText("A mock loop is under way: 0 of 4 rounds done.") {
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

// Every screen reads what it shows off the UI thread after its constructor has run. If the user
// goes elsewhere before the read is in, the result is for a screen no longer on view: it must be
// dropped, not laid out into (or navigate from, or pop an error over) the screen they left. Each
// case first checks that, left alone, the load does fill the screen, so "not filled" means dropped.
func TestScreenLoadsForAScreenLeftAreDropped(t *testing.T) {
	still := func(c *fyne.Container, text string) bool { return onlyLabel(c) == text }
	t.Run("history", func(t *testing.T) {
		h := newHarness(t)
		leftBeforeLoaded(h, func() { test.Tap(h.button("History")) }, "Practice",
			func(s *historyScreen) bool { return s.message.Text != "Loading your attempts…" })
	})
	t.Run("progress", func(t *testing.T) {
		h := newHarness(t)
		leftBeforeLoaded(h, func() { test.Tap(h.button("Progress")) }, "History",
			func(s *progressScreen) bool { return !still(s.body, "Working out your progress…") })
	})
	t.Run("mock loop", func(t *testing.T) {
		h := newHarness(t)
		leftBeforeLoaded(h, func() { test.Tap(h.button("Mock loop")) }, "History",
			func(s *loopScreen) bool { return !still(s.body, "Planning your loop…") })
	})
	t.Run("search", func(t *testing.T) {
		h := newHarness(t)
		leftBeforeLoaded(h, func() { test.Tap(h.button("Search")) }, "History",
			func(s *searchScreen) bool { return s.index != nil })
	})
	t.Run("practice", func(t *testing.T) {
		h := newHarness(t)
		h.seedAttempts(1)
		p := firstPrompt(h, prep.Leadership)
		if err := h.store.SaveDraft(prep.Draft{SetID: "s", Prompt: p, Answer: "Left for later.", UpdatedAt: h.now()}); err != nil {
			t.Fatal(err)
		}
		h.tap("Practice") // learns that there is a history: the Today card stands in from the first frame
		leftBeforeLoaded(h, func() { test.Tap(h.button("Practice")) }, "History", func(s *homeScreen) bool {
			return len(s.drafts) > 0 || findUnder(s.today, func(o fyne.CanvasObject) bool {
				l, ok := o.(*widget.Label)
				return ok && l.Text == "Working out what is due for review…"
			}) == nil
		})
	})
	t.Run("attempt", func(t *testing.T) {
		h := newHarness(t)
		a := h.seedAttempts(1)[0]
		leftBeforeLoaded(h, func() { h.ui.showAttempt(a.ID) }, "History",
			func(s *attemptScreen) bool { return !still(s.body, "Loading the attempt…") })
	})
	t.Run("compare", func(t *testing.T) {
		h := newHarness(t)
		p := firstPrompt(h, prep.Leadership)
		a, b := fixedAttempt(p, h.now().Add(-2*time.Hour), "one", func(int) int { return 2 }), fixedAttempt(p, h.now().Add(-time.Hour), "two", func(int) int { return 3 })
		for _, x := range []prep.Attempt{a, b} {
			if err := h.store.SaveAttempt(x); err != nil {
				t.Fatal(err)
			}
		}
		leftBeforeLoaded(h, func() { h.ui.showCompare(a.ID, b.ID) }, "History",
			func(s *compareScreen) bool { return !still(s.body, "Loading both attempts…") })
	})
	t.Run("loop summary", func(t *testing.T) {
		h := newHarness(t)
		a := h.seedAttempts(1)[0]
		l := prep.Loop{ID: uuid.New(), Slots: []prep.LoopSlot{{SetID: a.SetID, PromptID: a.Prompt.ID, AttemptID: a.ID}}, Finished: true}
		leftBeforeLoaded(h, func() { h.ui.show(newLoopSummaryScreen(h.ui, h.store, h.ui.lib.Competencies, l)) }, "History",
			func(s *loopSummaryScreen) bool { return !still(s.body, "Adding up your loop…") })
	})
}

// leftBeforeLoaded opens a screen with open (which must not settle), checks that its load fills it
// when the user stays, then opens it again and goes to the destination elsewhere at once: the
// screen left must not be filled by its load.
func leftBeforeLoaded[S screen](h *harness, open func(), elsewhere string, filled func(S) bool) {
	h.t.Helper()
	opened := func() S {
		h.t.Helper()
		open()
		s, ok := h.ui.current.(S)
		if !ok {
			h.t.Fatalf("the window shows %T, want the screen just opened", h.ui.current)
		}
		return s
	}
	stayed := opened()
	h.settle()
	if !filled(stayed) {
		h.t.Fatalf("the %T was not filled by its load although the user stayed on it", stayed)
	}
	h.tap(elsewhere)
	left := opened()
	test.Tap(h.button(elsewhere))
	h.settle()
	if filled(left) {
		h.t.Errorf("the %T the user left for %s was still filled by its load when it came in", left, elsewhere)
	}
}

// onlyLabel is the text of the one label c holds, or "" when it holds anything else.
func onlyLabel(c *fyne.Container) string {
	if len(c.Objects) != 1 {
		return ""
	}
	if l, ok := c.Objects[0].(*widget.Label); ok {
		return l.Text
	}
	return ""
}

// The same for what a screen reads later, on the user's word or once its first load is in: the
// attempt screen's list of attempts to compare with, review mode's list and the answer picked in
// it, and the round a mock loop opens once it has looked for the round's draft.
func TestLaterLoadsForAScreenLeftAreDropped(t *testing.T) {
	t.Run("attempt comparison", func(t *testing.T) {
		h := newHarness(t)
		p := firstPrompt(h, prep.Leadership)
		a, b := fixedAttempt(p, h.now().Add(-2*time.Hour), "one", func(int) int { return 2 }), fixedAttempt(p, h.now().Add(-time.Hour), "two", func(int) int { return 3 })
		for _, x := range []prep.Attempt{a, b} {
			if err := h.store.SaveAttempt(x); err != nil {
				t.Fatal(err)
			}
		}
		offers := func(s *attemptScreen) bool {
			return findUnder(s.compare, func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Select); return ok }) != nil
		}
		h.ui.showAttempt(b.ID)
		h.settle()
		if !offers(h.ui.current.(*attemptScreen)) {
			t.Fatal("the attempt screen offers no comparison although the prompt has another attempt")
		}
		h.ui.showAttempt(b.ID)
		s := h.ui.current.(*attemptScreen)
		h.step() // the attempt is in; the comparison list is being read
		test.Tap(h.button("Progress"))
		h.settle()
		if offers(s) {
			t.Error("the comparison list was added to the attempt screen the user had left")
		}
	})
	t.Run("review mode", func(t *testing.T) {
		h := newHarness(t)
		a := fixedAttempt(firstPrompt(h, prep.Leadership), h.now().Add(-time.Hour), "An answer to review.", func(int) int { return 3 })
		// Leaving review mode closes its store (data's would refuse reads after), so each visit
		// opens one of its own.
		leftBeforeLoaded(h, func() { h.ui.show(newReviewScreen(h.ui.reviewDeps(), memReviewSession{h.reviewStore(a)})) }, "History",
			func(s *reviewScreen) bool { return len(s.attempts) > 0 || s.status.Text != "" })

		h.ui.show(newReviewScreen(h.ui.reviewDeps(), memReviewSession{h.reviewStore(a)}))
		h.settle()
		r := h.ui.current.(*reviewScreen)
		r.list.Select(0)
		test.Tap(h.button("History"))
		h.settle()
		if r.current.ID == a.ID || r.status.Text != "1 answer to review." {
			t.Error("the answer picked in review mode was laid out after the user had left review mode")
		}
	})
	t.Run("loop round", func(t *testing.T) {
		h := newHarness(t)
		h.tap("Mock loop")
		test.Tap(h.button("Start the loop"))
		h.step() // the loop is saved; its drafts are being read
		h.step() // no draft of the first round: the round looks for one to set aside
		test.Tap(h.button("Progress"))
		h.settle()
		if _, ok := h.ui.current.(*progressScreen); !ok {
			t.Errorf("the loop's first round opened over Progress, where the user went: the window shows %T", h.ui.current)
		}
	})
}

// step hands over the results of the work started so far, once: not those of the work they start.
func (h *harness) step() {
	h.ui.bg.wait()
	for _, fn := range h.queue.take() {
		fn()
	}
}

// Saving an attempt takes a moment (the draft's saver is closed, then the attempt is written);
// if the user goes elsewhere meanwhile, the attempt and, in a loop, the loop's progress are
// still saved, but neither the attempt nor the loop's break opens over the screen they chose.
func TestSavedAttemptDoesNotOpenOverTheScreenChosen(t *testing.T) {
	scoreThenLeave := func(h *harness) {
		h.t.Helper()
		h.finishRound()
		s, ok := h.ui.current.(*scoreScreen)
		if !ok {
			h.t.Fatalf("after finishing: %T", h.ui.current)
		}
		for i := range s.choices {
			pickScore(h.t, s.choices[i], 3)
		}
		test.Tap(h.button("Save attempt")) // no settle: the save is under way
		test.Tap(h.button("History"))
		h.settle()
		if _, ok := h.ui.current.(*historyScreen); !ok {
			h.t.Fatalf("the window shows %T, want History, where the user went while the attempt saved", h.ui.current)
		}
	}
	t.Run("practice round", func(t *testing.T) {
		h := newHarness(t)
		h.startPrompt(firstPrompt(h, prep.Leadership).Title)
		h.tap("Start")
		h.typeAnswer("Saved while I looked at my history.")
		scoreThenLeave(h)
		h.tap("History") // History read the list while the attempt was being written: read it again
		if !h.hasText("1 attempt") {
			t.Error("the attempt saved while the user went to History is not listed")
		}
	})
	t.Run("loop round", func(t *testing.T) {
		h := newHarness(t)
		h.tap("Mock loop")
		h.tap("Start the loop")
		h.tap("Start")
		h.typeAnswer("Round one.")
		scoreThenLeave(h)
		h.tap("Mock loop")
		if !h.hasText("A mock loop is under way: 1 of 4 rounds done.") {
			t.Error("the loop's progress was not saved when the user left the score screen during the save")
		}
	})
}
