package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/panelprep/panelprep/prep"
)

// press delivers a key press as Fyne's desktop window does (internal/driver/glfw/window.go,
// triggersShortcut, v2.7.1), so that a key which cannot work in the real window fails here too:
// Ctrl+Z, Y, A, C, V and X become the editing shortcuts (Ctrl+Y is Redo); a key without Ctrl, Alt
// or Super is no shortcut at all and goes to the focused widget as a typed key; and a shortcut goes
// to the focused widget when that widget handles shortcuts (every Entry), to the window only when not.
func (h *harness) press(key fyne.KeyName, mod fyne.KeyModifier) {
	h.t.Helper()
	c := h.ui.win.Canvas()
	var s fyne.Shortcut
	if mod == fyne.KeyModifierShortcutDefault {
		clip := fyne.CurrentApp().Clipboard()
		switch key {
		case fyne.KeyZ:
			s = &fyne.ShortcutUndo{}
		case fyne.KeyY:
			s = &fyne.ShortcutRedo{}
		case fyne.KeyV:
			s = &fyne.ShortcutPaste{Clipboard: clip}
		case fyne.KeyC:
			s = &fyne.ShortcutCopy{Clipboard: clip}
		case fyne.KeyX:
			s = &fyne.ShortcutCut{Clipboard: clip}
		case fyne.KeyA:
			s = &fyne.ShortcutSelectAll{}
		}
	}
	if s == nil && mod != 0 && mod != fyne.KeyModifierShift {
		s = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
	}
	switch f := c.Focused(); {
	case s == nil && f != nil:
		f.TypedKey(&fyne.KeyEvent{Name: key})
	case s == nil:
		if c.OnTypedKey() != nil {
			c.OnTypedKey()(&fyne.KeyEvent{Name: key})
		}
	default:
		if sc, ok := f.(fyne.Shortcutable); ok {
			sc.TypedShortcut(s)
		} else {
			c.(fyne.Shortcutable).TypedShortcut(s)
		}
	}
	h.settle()
}

// confirmFinish answers "finish now?", which the round asks while it has time left.
func (h *harness) confirmFinish() {
	h.t.Helper()
	if h.ui.win.Canvas().Overlays().Top() != nil {
		h.tapDialogButton("Finish and score")
	}
}

// finishRound taps Finish and score, and confirms when the round asks.
func (h *harness) finishRound() {
	h.t.Helper()
	h.tap("Finish and score")
	h.confirmFinish()
}

// The navigation keys also work with the cursor in the search boxes (Ctrl+F leaves it there), the
// review screen's name field and a passphrase field.
func TestNavigationShortcutsFromSearchBoxes(t *testing.T) {
	h := newHarness(t)
	ctrl := fyne.KeyModifierShortcutDefault
	h.press(fyne.KeyF, ctrl)
	s, ok := h.ui.current.(*searchScreen)
	if !ok {
		t.Fatalf("Ctrl+F leads to %T", h.ui.current)
	}
	h.ui.win.Canvas().Focus(s.query)
	h.press(fyne.KeyH, ctrl)
	home, ok := h.ui.current.(*homeScreen)
	if !ok {
		t.Fatalf("Ctrl+H in the search box leads to %T, want Practice", h.ui.current)
	}
	h.ui.win.Canvas().Focus(home.search)
	h.press(fyne.KeyR, ctrl)
	if _, ok := h.ui.current.(*historyScreen); !ok {
		t.Fatalf("Ctrl+R in the library's search box leads to %T, want History", h.ui.current)
	}

	// The mentor's name on the review screen.
	review, _ := h.openReview()
	h.ui.win.Canvas().Focus(review.reviewer)
	h.press(fyne.KeyH, ctrl)
	if _, ok := h.ui.current.(*homeScreen); !ok {
		t.Fatalf("Ctrl+H in the review screen's name field leads to %T, want Practice", h.ui.current)
	}

	// A passphrase field in a dialog: the window's keys still work, and the field stays masked.
	h.ui.deps.Maintenance.Encrypted = func() bool { return false }
	h.ui.deps.Maintenance.SetPassphrase = func(string) error { return nil }
	h.tap("Settings")
	h.tap("Set a passphrase…")
	pass, _ := findUnder(h.ui.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) bool {
		e, ok := o.(*entry)
		return ok && e.Password
	}).(*entry)
	if pass == nil {
		t.Fatal("no masked passphrase field in the dialog")
	}
	h.ui.win.Canvas().Focus(pass)
	h.press(fyne.KeyR, ctrl)
	if _, ok := h.ui.current.(*historyScreen); !ok {
		t.Fatalf("Ctrl+R in the passphrase field leads to %T, want History", h.ui.current)
	}
}

// At a text size of 1.5 the round's list of shortcuts is taller than the window: it was cut off
// at the window's bottom. It scrolls inside the window now, and the keys scroll it: End shows
// the last shortcut, Home the first, Escape closes the list and gives the window its keys back.
func TestShortcutListScrollsInASmallWindow(t *testing.T) {
	h, _, _ := startRound(t, prep.SystemsDesign)
	win := h.ui.win
	win.Resize(fyne.NewSize(1000, 420))
	onKey := win.Canvas().OnTypedKey()
	h.press(fyne.KeySlash, fyne.KeyModifierShortcutDefault)
	top := win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Ctrl+/ shows no list")
	}
	if hgt := top.MinSize().Height; hgt > 420 {
		t.Fatalf("the list needs %v units of a 420-unit window", hgt)
	}
	scroll, _ := findUnder(top, func(o fyne.CanvasObject) bool { _, ok := o.(*container.Scroll); return ok }).(*container.Scroll)
	if scroll == nil {
		t.Fatal("the list does not scroll")
	}
	bottom := func() float32 { return scroll.Content.MinSize().Height - scroll.Size().Height }
	if bottom() <= 0 {
		t.Fatalf("the list (%v high) fits its %v-high scroller: the window is not small enough for this test", scroll.Content.MinSize().Height, scroll.Size().Height)
	}
	h.press(fyne.KeyDown, 0)
	if scroll.Offset.Y <= 0 {
		t.Error("Down does not scroll the list")
	}
	h.press(fyne.KeyEnd, 0)
	if scroll.Offset.Y != bottom() {
		t.Errorf("End scrolls the list to %v, want its end at %v", scroll.Offset.Y, bottom())
	}
	h.press(fyne.KeyHome, 0)
	if scroll.Offset.Y != 0 {
		t.Errorf("Home scrolls the list to %v, want 0", scroll.Offset.Y)
	}
	h.press(fyne.KeyPageDown, 0)
	if scroll.Offset.Y <= 0 {
		t.Error("Page Down does not scroll the list")
	}
	h.press(fyne.KeyEscape, 0)
	if win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape does not close the list")
	}
	if fmt.Sprintf("%p", win.Canvas().OnTypedKey()) != fmt.Sprintf("%p", onKey) {
		t.Error("the window's own key handler is not put back when the list closes")
	}
}
