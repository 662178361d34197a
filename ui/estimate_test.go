package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/estimate"
)

// The Estimates tab, from the keyboard: Ctrl+E from the answer opens it on the first row; a name,
// Return, a quantity, Return to the next row, a formula over the first; each row's value shows
// beneath it, an error stays on its row; Ctrl+Shift+Return puts a row into the answer; Ctrl+Delete
// deletes one. The sheet goes into the draft as it is typed, comes back when the round is resumed
// after a restart, and ends up in the attempt, whose screen shows it read-only.
func TestEstimatesInTheRoundAreSavedResumedAndKept(t *testing.T) {
	h := newBadgerHarness(t)
	p := firstPrompt(h, prep.SystemsDesign)
	h.startPrompt(p.Title)
	r := h.round()
	h.tap("Start")
	ctrl := fyne.KeyModifierShortcutDefault
	h.press(fyne.KeyE, ctrl)
	c := h.ui.win.Canvas()
	sheet := r.bench.sheet
	if r.bench.tabs.SelectedIndex() != 1 || c.Focused() != sheet.lines[0].text {
		t.Fatalf("Ctrl+E: tab %d, focus on %T; want the Estimates tab and the first row", r.bench.tabs.SelectedIndex(), c.Focused())
	}
	if r.draft.Estimates != nil {
		t.Errorf("the draft has a sheet before anything was typed in it: %+v", r.draft.Estimates)
	}
	typeRow := func(name, text string) {
		t.Helper()
		test.Type(c.Focused(), name)
		h.press(fyne.KeyReturn, 0) // from the name to the quantity
		test.Type(c.Focused(), text)
		h.press(fyne.KeyReturn, 0) // to the next row, made when this was the last
	}
	h.press(fyne.KeyUp, 0) // nothing above the first row: the keyboard stays
	if c.Focused() != sheet.lines[0].text {
		t.Fatalf("Up on the first row moved the focus to %T", c.Focused())
	}
	c.Focus(sheet.lines[0].name)
	test.Type(c.Focused(), "dau")
	h.press(fyne.KeyReturn, 0)
	test.Type(c.Focused(), "50 M users")
	h.press(fyne.KeyReturn, 0)
	if len(sheet.lines) != 2 || c.Focused() != sheet.lines[1].name {
		t.Fatalf("Return on the last row: %d rows, focus on %T; want a new row with its name focused", len(sheet.lines), c.Focused())
	}
	test.Type(c.Focused(), "storage_per_day")
	h.press(fyne.KeyReturn, 0)
	test.Type(c.Focused(), "dau * 2 KB / 1 day")
	h.press(fyne.KeyReturn, 0)
	typeRow("bad", "dau + 2 GB")
	h.press(fyne.KeyUp, 0) // the arrows keep the column
	if c.Focused() != sheet.lines[2].name {
		t.Errorf("Up from row 4's name: focus on %T, want row 3's name", c.Focused())
	}
	if got := sheet.lines[1].result.Text; got != "= 100 GB/day" {
		t.Errorf("row 2 shows %q, want = 100 GB/day", got)
	}
	if got := sheet.lines[2].result.Text; !strings.Contains(got, "cannot add bytes to users") {
		t.Errorf("row 3 shows %q, want its error", got)
	}
	if sheet.lines[0].result.Text != "= 50 M users" {
		t.Errorf("an error on row 3 changed row 1: %q", sheet.lines[0].result.Text)
	}

	// The window's keys work from a row as from the answer: Ctrl+P pauses the round.
	c.Focused().(*sheetEntry).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: ctrl})
	if r.clock.Status().State != prep.StatePaused {
		t.Error("Ctrl+P in a row of the sheet did not pause the round")
	}
	// Ctrl+Delete on the bad row deletes it; Ctrl+Shift+Return on row 2 puts it into the answer.
	c.Focus(sheet.lines[2].text)
	c.Focused().(*sheetEntry).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyDelete, Modifier: ctrl})
	if n := len(r.draft.Estimates.Rows); n != 3 { // dau, storage_per_day, and the empty row Return made
		t.Fatalf("after Ctrl+Delete the draft has %d rows: %+v", n, r.draft.Estimates.Rows)
	}
	c.Focus(sheet.lines[1].text)
	c.Focused().(*sheetEntry).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: ctrl | fyne.KeyModifierShift})
	want := "Storage per day: 100 GB/day (= dau * 2 KB / 1 day)"
	if !strings.Contains(r.draft.FullAnswer(), want) {
		t.Fatalf("the answer after Ctrl+Shift+Return: %q, want a line %q", r.draft.FullAnswer(), want)
	}

	h.tap("Practice")
	h.ui.Drain()
	h.restart()
	h.tap("Resume")
	r = h.round()
	sheet = r.bench.sheet
	if len(sheet.lines) != 3 || sheet.lines[1].text.Text != "dau * 2 KB / 1 day" || sheet.lines[1].result.Text != "= 100 GB/day" {
		t.Fatalf("the resumed sheet: %d lines, row 2 %q shows %q", len(sheet.lines), sheet.lines[1].text.Text, sheet.lines[1].result.Text)
	}

	h.finishRound()
	for _, g := range h.ui.current.(*scoreScreen).choices {
		pickScore(t, g, 3)
	}
	h.tap("Save attempt")
	sums, err := h.store.Attempts()
	if err != nil || len(sums) != 1 {
		t.Fatalf("attempts: %v, %v", sums, err)
	}
	a, err := h.store.Attempt(sums[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Estimates == nil || len(a.Estimates.Rows) != 2 || a.Estimates.Rows[1].Name != "storage_per_day" { // the blank last row is not kept
		t.Fatalf("the attempt's sheet: %+v", a.Estimates)
	}
	h.settle()
	if !h.hasCardTitle("Estimates") || !h.hasText("Storage per day: 100 GB/day") {
		t.Error("the attempt screen does not show the sheet")
	}
}

// The reference card inserts a figure as a row after the one being edited, chosen from the
// keyboard; a second insert of the same figure gets a name of its own.
func TestEstimatesReferenceCardInserts(t *testing.T) {
	h, _, r := startRound(t, prep.SystemsDesign)
	sheet := r.bench.sheet
	c := h.ui.win.Canvas()
	r.bench.focusSheet()
	for range 2 {
		sheet.showCard()
		list, ok := c.Focused().(interface{ Select(int) })
		if !ok {
			t.Fatalf("the card's list does not have the keyboard: %T", c.Focused())
		}
		list.Select(0) // what Space does on the focused list
		// and the Space's rune then reaches the row the figure went into, which must drop it
		c.Focused().(*sheetEntry).TypedRune(' ')
	}
	rows := r.draft.Estimates.Rows
	if len(rows) != 2 || rows[0] != estimate.Constants[0].Row || rows[1].Name != estimate.Constants[0].Row.Name+"_2" || rows[1].Text != estimate.Constants[0].Row.Text {
		t.Fatalf("after two inserts: %+v", rows)
	}
	if got := sheet.lines[0].result.Text; got != "= 1 day" {
		t.Errorf("the inserted figure shows %q", got)
	}
}

// Escape closes the reference card, whose list has the keyboard, and gives the keyboard back to
// the row being edited: it did nothing.
func TestEstimatesReferenceCardClosesOnEscape(t *testing.T) {
	h, _, r := startRound(t, prep.SystemsDesign)
	c := h.ui.win.Canvas()
	r.bench.focusSheet()
	row := c.Focused()
	r.bench.sheet.showCard()
	if c.Overlays().Top() == nil {
		t.Fatal("the card did not open")
	}
	h.press(fyne.KeyEscape, 0)
	if c.Overlays().Top() != nil {
		t.Fatal("Escape does not close the reference card")
	}
	if c.Focused() != row {
		t.Errorf("after Escape the keyboard is on %T, want the row being edited", c.Focused())
	}
}

// A deleted row can be brought back, where it was, with what it held; deleting an empty row
// offers nothing to bring back.
func TestEstimatesDeletedRowCanBeBroughtBack(t *testing.T) {
	h, _, r := startRound(t, prep.SystemsDesign)
	r.bench.focusSheet()
	s := r.bench.sheet
	s.setRows([]estimate.Row{{Name: "dau", Text: "50 M"}, {Name: "per_user", Text: "2 KB"}, {Name: "daily", Text: "dau * per_user"}})
	s.deleteRow(1)
	if got := len(r.draft.Estimates.Rows); got != 2 {
		t.Fatalf("after a delete the sheet has %d rows", got)
	}
	if !s.undoDelete.Visible() || s.undoDelete.Text != "Bring back “per_user”" {
		t.Fatalf("after a delete the undo button is %v with %q", s.undoDelete.Visible(), s.undoDelete.Text)
	}
	if !strings.Contains(s.lines[1].result.Text, "per_user") {
		t.Errorf("without per_user the formula's row says %q", s.lines[1].result.Text)
	}
	test.Tap(s.undoDelete)
	h.settle()
	rows := r.draft.Estimates.Rows
	if len(rows) != 3 || rows[1] != (estimate.Row{Name: "per_user", Text: "2 KB"}) {
		t.Fatalf("after bringing the row back: %+v", rows)
	}
	if s.undoDelete.Visible() {
		t.Error("the undo button stays after its row came back")
	}
	if h.ui.win.Canvas().Focused() != s.lines[1].text {
		t.Errorf("the row brought back does not have the keyboard: %T", h.ui.win.Canvas().Focused())
	}
	if strings.Contains(s.lines[2].result.Text, "per_user") {
		t.Errorf("with per_user back the formula's row still says %q", s.lines[2].result.Text)
	}
	s.addRow(2, false)
	s.deleteRow(3)
	if s.undoDelete.Visible() {
		t.Error("deleting an empty row offers to bring it back")
	}
}
