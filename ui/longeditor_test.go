package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// newEditorInWindow shows a long editor in a test window, as the round screen does.
func newEditorInWindow(t *testing.T, text string) *longEditor {
	test.NewTempApp(t)
	ed := newLongEditor(text, "Write here")
	w := test.NewTempWindow(t, ed.scroll)
	w.Resize(fyne.NewSize(500, 400))
	ed.activate(ed.active, -1)
	return ed
}

func key(e *paraEntry, name fyne.KeyName) { e.TypedKey(&fyne.KeyEvent{Name: name}) }

func TestLongEditorParagraphs(t *testing.T) {
	ed := newEditorInWindow(t, "")
	var last string
	ed.OnChange = func(s string) { last = s }
	test.Type(ed.entry, "First paragraph.\n\nSecond one.")
	if len(ed.paras) != 2 || ed.active != 1 || last != "First paragraph.\n\nSecond one." {
		t.Fatalf("after a blank line: %q, editing %d, reported %q", ed.paras, ed.active, last)
	}
	if _, ok := ed.box.Objects[0].(*paraView); !ok {
		t.Fatal("the inactive paragraph is not shown as a label")
	}
	// Backspace at the start of a paragraph joins it to the one before, cursor at the join.
	ed.activate(1, 0)
	key(ed.entry, fyne.KeyBackspace)
	if len(ed.paras) != 1 || ed.paras[0] != "First paragraph.Second one." || last != ed.paras[0] {
		t.Fatalf("after Backspace at the start: %q", ed.paras)
	}
	test.Type(ed.entry, " ")
	if ed.paras[0] != "First paragraph. Second one." {
		t.Fatalf("the cursor is not at the join: %q", ed.paras[0])
	}
	// Enter twice in the middle splits there; the cursor starts the new paragraph.
	test.Type(ed.entry, "\n\n")
	if len(ed.paras) != 2 || ed.paras[0] != "First paragraph. " || ed.paras[1] != "Second one." || ed.active != 1 {
		t.Fatalf("after Enter twice mid-paragraph: %q (editing %d)", ed.paras, ed.active)
	}
	test.Type(ed.entry, "Then ")
	if ed.paras[1] != "Then Second one." {
		t.Fatalf("typing after the split: %q", ed.paras[1])
	}
}

func TestLongEditorNavigation(t *testing.T) {
	ed := newEditorInWindow(t, "one\n\ntwo\n\nthree")
	if ed.active != 2 {
		t.Fatalf("editing starts at the end: paragraph %d", ed.active)
	}
	key(ed.entry, fyne.KeyUp)
	if ed.active != 1 || ed.entry.Text != "two" {
		t.Fatalf("Up from the first row: paragraph %d %q", ed.active, ed.entry.Text)
	}
	key(ed.entry, fyne.KeyDown) // the cursor is at the end: Down goes on to the next paragraph
	if ed.active != 2 {
		t.Fatalf("Down at the end: paragraph %d", ed.active)
	}
	test.Tap(ed.box.Objects[0].(*paraView))
	if ed.active != 0 || ed.entry.Text != "one" {
		t.Fatalf("tapping a paragraph: editing %d %q", ed.active, ed.entry.Text)
	}
	test.Type(ed.entry, "!")
	if ed.Text() != "one!\n\ntwo\n\nthree" {
		t.Fatalf("text %q", ed.Text())
	}
}

func TestLongEditorPasteWithParagraphs(t *testing.T) {
	ed := newEditorInWindow(t, "Intro.")
	clip := fyne.CurrentApp().Clipboard()
	clip.SetContent(" Pasted A.\n\nPasted B.\n\nPasted C")
	ed.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if len(ed.paras) != 3 || ed.paras[0] != "Intro. Pasted A." || ed.paras[2] != "Pasted C" || ed.active != 2 {
		t.Fatalf("after pasting paragraphs: %q (editing %d)", ed.paras, ed.active)
	}
	test.Type(ed.entry, ".")
	if ed.paras[2] != "Pasted C." {
		t.Fatalf("the cursor is not after the pasted text: %q", ed.paras[2])
	}
}
