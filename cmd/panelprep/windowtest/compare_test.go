//go:build window

package windowtest

import "testing"

// TestCompareScreenIsDrawn opens an attempt from the history and compares it with another attempt
// at the same prompt, then checks the comparison with checkScreen.
func TestCompareScreenIsDrawn(t *testing.T) {
	// The check below fails on main as of this commit: the answer's word diff wraps one letter to a
	// line after its first line (texts of negative width). Skipped until the screen is fixed; remove
	// this line to see it.
	t.Skip("issue 11 item 13 (layout, the compare screen): the word diff wraps one letter per line; not fixed on main yet")
	a := launch(t, seededStore(t))
	a.clickText("History")
	a.waitFor("History", func(in Inspection) bool { return in.Screen == "*ui.historyScreen" })
	a.clickFirstRow()
	a.waitFor("an attempt", func(in Inspection) bool { return in.Screen == "*ui.attemptScreen" })
	a.clickText("Compare with another attempt…")
	a.waitFor("the attempts to compare with", func(in Inspection) bool { return in.topLayer() > 0 })
	a.clickFirstRow()
	a.waitFor("the comparison", func(in Inspection) bool { return in.Screen == "*ui.compareScreen" })
	checkScreen(t, a, "compare")
	a.quit()
}
