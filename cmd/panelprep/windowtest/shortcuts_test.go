//go:build window

package windowtest

import (
	"strings"
	"testing"
	"time"
)

// leadershipPrompt is a bundled prompt with hints and four phases, found by searching its title.
const leadershipPrompt = "An EM whose team has missed two quarters running"

// startRound opens the prompt from the Practice screen, starts its round with the Start button,
// and returns once the cursor is in the answer, as a candidate finds it.
func startRound(t *testing.T, a *app, title string) Inspection {
	t.Helper()
	a.clickText("Search titles")
	a.typeText(title, 10*time.Millisecond)
	a.clickText(title)
	a.clickText("Start round")
	a.waitFor("the round screen", func(in Inspection) bool { return in.Screen == "*ui.roundScreen" })
	a.clickText("Start")
	return a.waitFor("the cursor in the answer after Start", inEntry)
}

// inEntry reports whether the keyboard focus is in a text field: Fyne's Entry, or one of the app's
// own editors built on it (the answer's textArea).
func inEntry(in Inspection) bool {
	f := strings.ToLower(in.Focused)
	return strings.Contains(f, "entry") || strings.Contains(f, "textarea")
}

// requireFocusInEntry fails unless the focus is in a text field now: the point of the shortcut
// tests is that the keys work from there.
func requireFocusInEntry(t *testing.T, a *app, where string) {
	t.Helper()
	in := a.next(a.waitFor("an inspection", func(Inspection) bool { return true }))
	if !inEntry(in) {
		t.Fatalf("%s: the focus is on %q, not in a text field", where, in.Focused)
	}
}

// TestRoundShortcutsWorkWithTheCursorInTheAnswer presses every round shortcut (ui/shortcuts.go,
// ui/round.go) as real X key events while the cursor is in the answer, as it always is in a round,
// and checks each one's effect on screen: Ctrl+P pauses and resumes (and the clock stops while
// paused), Ctrl+N moves on a phase, Ctrl+I shows a hint, Ctrl+/ lists the shortcuts, Ctrl+Enter
// finishes.
func TestRoundShortcutsWorkWithTheCursorInTheAnswer(t *testing.T) {
	t.Parallel()
	a := launch(t, seededStore(t))
	startRound(t, a, leadershipPrompt)
	a.typeText("Typing first. ", 20*time.Millisecond)
	a.waitFor("the typed text", func(in Inspection) bool { return in.has("Typing first.") })

	requireFocusInEntry(t, a, "before Ctrl+P")
	a.key("ctrl+p")
	paused := a.waitFor("Ctrl+P to pause the round (a Resume button)", func(in Inspection) bool { return in.has("Resume") })
	clock := roundClock(paused)
	time.Sleep(2 * time.Second)
	if now := roundClock(a.next(paused)); now != clock {
		t.Errorf("the clock moved while paused: %q, then %q", clock, now)
	}
	requireFocusInEntry(t, a, "before the second Ctrl+P")
	a.key("ctrl+p")
	a.waitFor("Ctrl+P to resume the round (a Pause button)", func(in Inspection) bool { return in.has("Pause") && !in.has("Resume") })

	requireFocusInEntry(t, a, "before Ctrl+N")
	a.key("ctrl+n")
	a.waitFor("Ctrl+N to move to phase 2", func(in Inspection) bool { return in.has("Phase 2 of") })

	requireFocusInEntry(t, a, "before Ctrl+I")
	a.key("ctrl+i")
	a.waitFor("Ctrl+I to show the first hint", func(in Inspection) bool { return in.has("Hint 1") })

	requireFocusInEntry(t, a, "before Ctrl+/")
	a.key("ctrl+slash")
	help := a.waitFor("Ctrl+/ to list the shortcuts", func(in Inspection) bool {
		return in.topLayer() > 0 && in.has("Keyboard shortcuts")
	})
	for _, want := range []string{"Start, pause or resume the round", "Next phase", "Finish and score", "Show a hint", "Go to History", "Ctrl+Enter"} {
		if !help.has(want) {
			t.Errorf("the shortcuts list does not show %q:\n%s", want, help.texts())
		}
	}
	a.clickText("Close")
	a.waitFor("the shortcuts list to close", func(in Inspection) bool { return in.topLayer() == 0 })

	// The list took the focus; put the cursor back at the end of the answer.
	a.clickText("Typing first.")
	a.key("ctrl+End")
	requireFocusInEntry(t, a, "before Ctrl+Enter")
	a.key("ctrl+Return")
	a.waitFor("Ctrl+Enter to finish the round (a confirmation or the score screen)", func(in Inspection) bool {
		return in.Screen == "*ui.scoreScreen" || in.topLayer() > 0
	})
	a.quit()
}

// roundClock is the round's remaining time as the round screen shows it ("Round: 44:12 left").
func roundClock(in Inspection) string {
	for _, o := range in.Objects {
		if strings.HasPrefix(o.Text, "Round: ") {
			return o.Text
		}
	}
	return ""
}

// TestRoundShortcutsWorkInTheTeamTable presses Ctrl+P and Ctrl+N with the cursor in a field of an
// org-design round's team table, where they were dead too.
func TestRoundShortcutsWorkInTheTeamTable(t *testing.T) {
	t.Parallel()
	a := launch(t, seededStore(t))
	startRound(t, a, "42 engineers, two EMs and a monolith: design the org for next year")
	a.clickText("Add team")
	a.clickText("Team name")
	a.typeText("Payments", 20*time.Millisecond)
	in := a.waitFor("the team's name typed in its field", func(in Inspection) bool { return in.has("Payments") && inEntry(in) })
	if !inEntry(in) {
		t.Fatalf("the focus is on %q, not in the team table", in.Focused)
	}
	a.key("ctrl+p")
	a.waitFor("Ctrl+P from the team table to pause the round", func(in Inspection) bool { return in.has("Resume") })
	requireFocusInEntry(t, a, "before Ctrl+N")
	a.key("ctrl+n")
	a.waitFor("Ctrl+N from the team table to move to phase 2", func(in Inspection) bool { return in.has("Phase 2 of") })
	a.quit()
}
