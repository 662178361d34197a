//go:build window

package windowtest

import "testing"

// TestGoToShortcutsWorkFromATextField presses each Go-to shortcut as a real X key event with the
// cursor in a text field (the search box, where Ctrl+F puts it) and checks that its screen opens.
func TestGoToShortcutsWorkFromATextField(t *testing.T) {
	t.Parallel()
	a := launch(t, seededStore(t))
	for _, d := range []struct{ key, screen string }{
		{"ctrl+h", "*ui.homeScreen"}, {"ctrl+l", "*ui.loopScreen"}, {"ctrl+g", "*ui.progressScreen"},
		{"ctrl+r", "*ui.historyScreen"}, {"ctrl+comma", "*ui.settingsScreen"}, {"ctrl+t", "*ui.storiesScreen"},
	} {
		dismissOverlays(a)
		a.key("ctrl+f")
		a.waitFor("Ctrl+F to open Search with the cursor in its box", func(in Inspection) bool {
			return in.Screen == "*ui.searchScreen" && inEntry(in)
		})
		a.key(d.key)
		a.waitFor(d.key+" from the search box to open "+d.screen, func(in Inspection) bool { return in.Screen == d.screen })
	}
	a.quit()
}

// dismissOverlays closes any dialog with Escape.
func dismissOverlays(a *app) {
	in, err := a.current()
	for i := 0; err == nil && in.topLayer() > 0 && i < 3; i++ {
		a.key("Escape")
		in = a.next(in)
	}
}
