package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// A round moved down the plan from the keyboard keeps its focused button in view: the planner
// scrolls to it, as Fyne does not follow the focus.
func TestLoopPlannerScrollsToTheFocus(t *testing.T) {
	h := newHarness(t)
	h.ui.win.Resize(fyne.NewSize(900, 500))
	h.tap("Mock loop")
	ls := h.ui.current.(*loopScreen)
	c := h.ui.win.Canvas()
	d := fyne.CurrentApp().Driver()
	inView := func(o fyne.CanvasObject) bool {
		top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(ls.scroll).Y
		return top >= 0 && top+o.Size().Height <= ls.scroll.Size().Height
	}
	if ls.scroll.Content.MinSize().Height <= ls.scroll.Size().Height {
		t.Fatalf("the plan (%v high) fits its %v view: the test needs a smaller window", ls.scroll.Content.MinSize().Height, ls.scroll.Size().Height)
	}
	c.Focus(ls.moveDown[0])
	for k := 1; k < len(ls.moveDown); k++ {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		h.settle()
		b := ls.moveDown[k]
		if k == len(ls.moveDown)-1 {
			b = ls.moveUp[k] // the last round cannot move down: the focus goes to Move up
		}
		if c.Focused() != b {
			t.Fatalf("after move %d the focus is on %v", k, c.Focused())
		}
		if !inView(b) {
			t.Errorf("after move %d the focused button is out of view (offset %v, view %v high)", k, ls.scroll.Offset, ls.scroll.Size().Height)
		}
	}
	// And back up to the top.
	for k := len(ls.moveUp) - 2; k >= 0; k-- {
		c.Focus(ls.moveUp[k+1])
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		h.settle()
		if f, ok := c.Focused().(fyne.CanvasObject); !ok || !inView(f) {
			t.Errorf("moving up to round %d: the focused button is out of view (offset %v)", k+1, ls.scroll.Offset)
		}
	}
}
