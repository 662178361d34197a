//go:build window

package windowtest

import "testing"

// TestCompareScreenIsDrawn opens an attempt from the history and compares it with another attempt
// at the same prompt, then checks the comparison with checkScreen.
func TestCompareScreenIsDrawn(t *testing.T) {
	t.Parallel()
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
