package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/estimate"
)

// estimateSheet is the workbench's Estimates tab: the draft's back-of-envelope sheet, one line per
// row (its name, its quantity or formula, and beneath them its value or what is wrong with it), a
// reference card of the usual figures to insert, and a way to put a row into the written answer.
//
// Every edit recomputes the whole sheet: a hundred rows take about 0.2 ms (BenchmarkRecompute),
// so it stays on the keystroke without a debounce. Only the result labels whose text changed are
// set again, so typing in one row does not redraw the others.
type estimateSheet struct {
	draft  *prep.Draft
	save   func()
	insert func(line string) // into the written answer
	win    fyne.Window

	lines  []*estimateLine
	list   *fyne.Container
	scroll *container.Scroll
	root   fyne.CanvasObject

	// undoDelete brings back the row deleted last, where it was; hidden until a row with something
	// in it is deleted. Ctrl+Z cannot do it: in a field it is the field's own undo.
	undoDelete *widget.Button
	deleted    *deletedRow
}

// deletedRow is the row deleted last and where it was.
type deletedRow struct {
	at  int
	row estimate.Row
}

// estimateLine is one row's widgets.
type estimateLine struct {
	name, text *sheetEntry
	result     *widget.Label
	root       fyne.CanvasObject
}

func newEstimateSheet(d *prep.Draft, win fyne.Window, save func(), insert func(string)) *estimateSheet {
	s := &estimateSheet{draft: d, save: save, insert: insert, win: win, list: container.NewVBox()}
	s.rebuild()
	add := widget.NewButtonWithIcon("Add row", theme.ContentAddIcon(), func() { s.addRow(len(s.lines)-1, true) })
	card := widget.NewButtonWithIcon("Reference figures…", theme.InfoIcon(), s.showCard)
	// One short line: the panel is narrow, and at a large text size every line of help is a row of
	// the sheet fewer. The units and formulas are in the quantity's placeholder and the card.
	help := widget.NewLabel("Formulas use the rows above by name (dau * 2 KB / 1 day). Return: next row · Ctrl+Shift+Return: into the answer · Ctrl+Delete: delete")
	help.Wrapping = fyne.TextWrapWord
	help.SizeName = theme.SizeNameCaptionText
	s.undoDelete = widget.NewButtonWithIcon("", theme.ContentUndoIcon(), s.restoreDeleted)
	s.undoDelete.Hide()
	s.scroll = container.NewVScroll(s.list)
	// The undo has a line of its own: beside the two buttons it widened the narrow panel.
	top := container.NewVBox(container.NewHBox(add, card), container.NewHBox(s.undoDelete))
	s.root = container.NewBorder(top, help, nil, nil, s.scroll)
	return s
}

// rows are the draft's rows, or one empty row to type into: the draft gets a sheet at the first
// edit, so a round where none is written keeps none.
func (s *estimateSheet) rows() []estimate.Row {
	if s.draft.Estimates == nil || len(s.draft.Estimates.Rows) == 0 {
		return []estimate.Row{{}}
	}
	return s.draft.Estimates.Rows
}

// rebuild makes the lines again from the draft's rows (after a row is added, moved or deleted).
func (s *estimateSheet) rebuild() {
	s.lines = s.lines[:0]
	s.list.Objects = nil
	for i := range s.rows() {
		l := s.newLine(i)
		s.lines = append(s.lines, l)
		s.list.Objects = append(s.list.Objects, l.root)
	}
	s.list.Refresh()
	if s.scroll != nil {
		s.scroll.Refresh() // the list grew or shrank: the scroll measures it again, so rows have their places
	}
	s.recompute()
}

// focus gives e, a field of line i, the keyboard and scrolls the line into view: a focused Entry
// does not bring itself into view, and Return on the last row adds rows below the fold.
func (s *estimateSheet) focus(i int, e *sheetEntry) {
	s.win.Canvas().Focus(e)
	if s.scroll == nil || i < 0 || i >= len(s.lines) {
		return
	}
	l := s.lines[i].root
	top, bottom := l.Position().Y, l.Position().Y+l.Size().Height
	off, h := s.scroll.Offset.Y, s.scroll.Size().Height
	switch {
	case top < off:
		s.scroll.ScrollToOffset(fyne.NewPos(0, top))
	case bottom > off+h:
		s.scroll.ScrollToOffset(fyne.NewPos(0, bottom-h))
	}
}

func (s *estimateSheet) newLine(i int) *estimateLine {
	row := s.rows()[i]
	l := &estimateLine{result: widget.NewLabel("")}
	l.result.Wrapping = fyne.TextWrapWord
	l.name = newSheetEntry(s, "name")
	l.name.SetText(row.Name)
	l.name.OnChanged = func(v string) { s.onEdit(l, func(r *estimate.Row) { r.Name = v }) }
	l.text = newSheetEntry(s, "50 M users, 2 KB, $0.09/GB, or a formula")
	l.text.SetText(row.Text)
	l.text.OnChanged = func(v string) { s.onEdit(l, func(r *estimate.Row) { r.Text = v }) }
	toAnswer := widget.NewButtonWithIcon("", theme.ContentPasteIcon(), func() { s.insertRow(s.indexOf(l)) })
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.deleteRow(s.indexOf(l)) })
	// The objects in the order Tab should visit them: the name, then the quantity.
	buttons := container.NewHBox(toAnswer, del)
	l.root = container.New(sheetRowLayout{}, l.name, l.text, buttons, l.result)
	return l
}

func (s *estimateSheet) indexOf(l *estimateLine) int {
	for i, x := range s.lines {
		if x == l {
			return i
		}
	}
	return -1
}

// onEdit writes a change of one row into the draft, recomputes and saves.
func (s *estimateSheet) onEdit(l *estimateLine, change func(*estimate.Row)) {
	i := s.indexOf(l)
	if i < 0 || i >= len(s.rows()) {
		return // the line is being built, or was just deleted
	}
	if s.draft.Estimates == nil || len(s.draft.Estimates.Rows) == 0 {
		s.draft.Estimates = &estimate.Sheet{Rows: s.rows()}
	}
	change(&s.draft.Estimates.Rows[i]) // in place: the saver keeps a clone of what it is handed
	s.recompute()
	s.save()
}

// recompute shows every row's value or error beneath it.
func (s *estimateSheet) recompute() {
	res := estimate.Sheet{Rows: s.rows()}.Compute()
	for i, l := range s.lines {
		if i >= len(res) {
			break
		}
		r := res[i]
		text, imp := "", widget.MediumImportance
		switch {
		case r.Err != nil:
			text, imp = "⚠ "+r.Err.Msg, widget.DangerImportance
		case !r.Empty:
			text = "= " + r.String()
		}
		if l.result.Text != text || l.result.Importance != imp {
			l.result.Importance = imp
			l.result.SetText(text)
		}
		if text == "" {
			l.result.Hide()
		} else {
			l.result.Show()
		}
	}
}

// addRow adds an empty row after row at and, when focus is set, gives its name the keyboard.
func (s *estimateSheet) addRow(at int, focus bool) {
	rows := s.rows()
	if len(rows) >= estimate.MaxRows {
		return
	}
	at = min(max(at, -1), len(rows)-1)
	s.setRows(append(append(append([]estimate.Row(nil), rows[:at+1]...), estimate.Row{}), rows[at+1:]...))
	if focus {
		s.focus(at+1, s.lines[at+1].name)
	}
}

func (s *estimateSheet) setRows(rows []estimate.Row) {
	s.draft.Estimates = &estimate.Sheet{Rows: rows}
	s.rebuild()
	s.save()
}

// deleteRow removes row i (the last row left is emptied instead) and keeps the keyboard on the
// row that takes its place.
func (s *estimateSheet) deleteRow(i int) {
	rows := s.rows()
	if i < 0 || i >= len(rows) {
		return
	}
	if r := rows[i]; strings.TrimSpace(r.Name) != "" || strings.TrimSpace(r.Text) != "" {
		s.deleted = &deletedRow{at: i, row: r}
		name := strings.TrimSpace(r.Name)
		if name == "" {
			name = "the row"
		} else {
			if n := []rune(name); len(n) > 20 {
				name = string(n[:19]) + "…"
			}
			name = "“" + name + "”"
		}
		s.undoDelete.SetText("Bring back " + name)
		s.undoDelete.Show()
	}
	if len(rows) == 1 {
		s.setRows([]estimate.Row{{}})
	} else {
		s.setRows(append(append([]estimate.Row(nil), rows[:i]...), rows[i+1:]...))
	}
	j := min(i, len(s.lines)-1)
	s.focus(j, s.lines[j].text)
}

// restoreDeleted puts the row deleted last back where it was (or at the end, if the sheet has
// fewer rows now) and gives it the keyboard.
func (s *estimateSheet) restoreDeleted() {
	if s.deleted == nil {
		return
	}
	d := *s.deleted
	s.deleted = nil
	s.undoDelete.Hide()
	rows := s.rows()
	if len(rows) == 1 && (estimate.Sheet{Rows: rows}).Empty() {
		rows = nil // the sheet's one empty row gives way to the row brought back
	}
	at := min(d.at, len(rows))
	s.setRows(slices.Insert(slices.Clone(rows), at, d.row))
	s.focus(at, s.lines[at].text)
}

// insertRow puts row i into the written answer as a line a reader can follow.
func (s *estimateSheet) insertRow(i int) {
	sheet := estimate.Sheet{Rows: s.rows()}
	if i < 0 || i >= len(sheet.Rows) || s.insert == nil || strings.TrimSpace(sheet.Rows[i].Text) == "" {
		return
	}
	s.insert(estimate.Line(sheet.Rows[i], sheet.Compute()[i]))
}

// move gives the keyboard to the same field of the row delta away, adding a row past the last
// when asked (Return on the last row).
func (s *estimateSheet) move(from *sheetEntry, delta int, grow bool) {
	for i, l := range s.lines {
		if l.name != from && l.text != from {
			continue
		}
		if grow && l.name == from {
			s.focus(i, l.text) // Return in the name goes on to the quantity
			return
		}
		j := i + delta
		if j >= len(s.lines) && grow {
			s.addRow(i, false)
			s.focus(j, s.lines[j].name)
			return
		}
		if j < 0 || j >= len(s.lines) {
			return
		}
		target := s.lines[j].text
		if l.name == from {
			target = s.lines[j].name
		}
		s.focus(j, target)
		return
	}
}

func (s *estimateSheet) lineOf(e *sheetEntry) int {
	for i, l := range s.lines {
		if l.name == e || l.text == e {
			return i
		}
	}
	return -1
}

// showCard lists the reference figures; choosing one (click, or arrows and Space) inserts it as a
// row after the row last edited, or at the end.
func (s *estimateSheet) showCard() {
	after := len(s.lines) - 1
	if f, ok := s.win.Canvas().Focused().(*sheetEntry); ok {
		after = s.lineOf(f)
	}
	list := newEscapeList(func() int { return len(estimate.Constants) },
		func() fyne.CanvasObject {
			// Two lines of their own: a wrapping label in a list item of fixed height overlapped
			// the next item.
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			note := widget.NewLabel("")
			note.Truncation = fyne.TextTruncateEllipsis
			note.Importance = widget.LowImportance
			return container.NewVBox(title, readable(note))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := estimate.Constants[i]
			value := c.Row.Text
			if r := (estimate.Sheet{Rows: []estimate.Row{c.Row}}).Compute()[0]; r.Err == nil && r.String() != c.Row.Text {
				value += " (" + r.String() + ")"
			}
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s · %s: %s  [%s]", c.Group, c.Title, value, c.Row.Name))
			box.Objects[1].(*container.ThemeOverride).Content.(*widget.Label).SetText(c.Note)
		})
	var d dialog.Dialog
	back := s.win.Canvas().Focused()
	list.onEscape = func() {
		d.Hide()
		if back != nil {
			s.win.Canvas().Focus(back) // the row being edited when the card opened
		}
	}
	list.OnSelected = func(i widget.ListItemID) {
		d.Hide()
		// Inserting a figure at the very top of an empty sheet replaces its one empty row.
		if sheet := (estimate.Sheet{Rows: s.rows()}); len(sheet.Rows) == 1 && sheet.Empty() {
			s.setRows([]estimate.Row{estimate.Constants[i].Row})
			s.lines[0].text.eatSpace = true
			s.focus(0, s.lines[0].text)
			return
		}
		s.setRows(estimate.Sheet{Rows: s.rows()}.Insert(after, estimate.Constants[i]).Rows)
		s.lines[after+1].text.eatSpace = true
		s.focus(after+1, s.lines[after+1].text)
	}
	body := container.NewGridWrap(fyne.NewSize(760, 460), list)
	cd := dialog.NewCustom("Reference figures: choose one to insert it as a row (Escape closes)", "Close", body, s.win)
	d = cd
	// As tall as the window leaves room for, at a large text size on a small screen (shortcuts.go).
	chrome := cd.MinSize().Height - body.MinSize().Height
	body.Layout = layout.NewGridWrapLayout(fyne.NewSize(760, fitHeight(460, s.win.Canvas().Size().Height-chrome-2*theme.Padding())))
	d.Show()
	s.win.Canvas().Focus(list)
}

// sheetEntry is a one-line field of the sheet with the sheet's keys: Return and the arrows move
// between rows, Ctrl+Shift+Return puts the row into the answer, Ctrl+Delete deletes it. A focused Entry
// keeps window shortcuts from firing, so the sheet's own keys live here.
type sheetEntry struct {
	widget.Entry
	sheet *estimateSheet
	// eatSpace drops the next typed space: the card's list chooses a figure on Space's key press,
	// and the rune of that press then reaches the row the figure went into (" 10 k writes/s").
	eatSpace bool
}

func (e *sheetEntry) TypedRune(r rune) {
	eat := e.eatSpace && r == ' '
	e.eatSpace = false
	if !eat {
		e.Entry.TypedRune(r)
	}
}

func newSheetEntry(s *estimateSheet, placeholder string) *sheetEntry {
	e := &sheetEntry{sheet: s}
	e.ExtendBaseWidget(e)
	e.PlaceHolder = placeholder
	return e
}

func (e *sheetEntry) TypedKey(k *fyne.KeyEvent) {
	e.eatSpace = false
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		e.sheet.move(e, 1, true)
	case fyne.KeyDown:
		e.sheet.move(e, 1, false)
	case fyne.KeyUp:
		e.sheet.move(e, -1, false)
	default:
		e.Entry.TypedKey(k)
	}
}

// TypedShortcut runs the sheet's own keys, then the window's (Ctrl+P, Ctrl+E… keep working from a
// row, as from the answer: routeShortcut), then the Entry's. Putting a row into the answer is
// Ctrl+Shift+Return: Ctrl+Return is the window's Finish and score.
func (e *sheetEntry) TypedShortcut(sc fyne.Shortcut) {
	if c, ok := sc.(*desktop.CustomShortcut); ok {
		switch {
		case (c.KeyName == fyne.KeyReturn || c.KeyName == fyne.KeyEnter) && c.Modifier == fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift:
			e.sheet.insertRow(e.sheet.lineOf(e))
			return
		case c.KeyName == fyne.KeyDelete && c.Modifier == fyne.KeyModifierShortcutDefault:
			e.sheet.deleteRow(e.sheet.lineOf(e))
			return
		}
	}
	if !routeShortcut(e, sc) {
		e.Entry.TypedShortcut(sc)
	}
}

// sheetRowLayout lays out a row of the sheet: the name (two fifths of what the buttons leave), the
// quantity, the buttons, and the result beneath. A name of fixed width left the formula a sliver of
// the narrow panel at a large text size.
type sheetRowLayout struct{}

func (sheetRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	name, text, buttons, result := objs[0], objs[1], objs[2], objs[3]
	pad := theme.Padding()
	h := max(name.MinSize().Height, text.MinSize().Height, buttons.MinSize().Height)
	bw := buttons.MinSize().Width
	rest := max(size.Width-bw-2*pad, 0)
	nw := rest * 2 / 5
	name.Move(fyne.NewPos(0, 0))
	name.Resize(fyne.NewSize(nw, h))
	text.Move(fyne.NewPos(nw+pad, 0))
	text.Resize(fyne.NewSize(rest-nw, h))
	buttons.Move(fyne.NewPos(size.Width-bw, 0))
	buttons.Resize(fyne.NewSize(bw, h))
	result.Move(fyne.NewPos(0, h+pad))
	result.Resize(fyne.NewSize(size.Width, max(size.Height-h-pad, 0)))
}

func (sheetRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	name, text, buttons, result := objs[0], objs[1], objs[2], objs[3]
	h := max(name.MinSize().Height, text.MinSize().Height, buttons.MinSize().Height)
	w := name.MinSize().Width + text.MinSize().Width + buttons.MinSize().Width + 2*theme.Padding()
	if result.Visible() {
		h += theme.Padding() + result.MinSize().Height
	}
	return fyne.NewSize(w, h)
}

// estimatesCard is a finished attempt's sheet, read-only: each row's name and value (or what is
// wrong with it), with the text as written beneath, so a reader can follow the arithmetic.
func estimatesCard(a prep.Attempt) fyne.CanvasObject {
	if a.Estimates == nil || a.Estimates.Empty() {
		return nil
	}
	box := container.NewVBox()
	for i, r := range a.Estimates.Compute() {
		row := a.Estimates.Rows[i]
		head := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		switch name := estimate.Readable(row.Name); {
		case r.Empty:
			continue
		case r.Err != nil:
			head.SetText(strings.TrimPrefix(name+": ", ": ") + "⚠ " + r.Err.Msg)
			head.Importance = widget.DangerImportance
		case name == "":
			head.SetText(r.String())
		default:
			head.SetText(name + ": " + r.String())
		}
		head.Wrapping = fyne.TextWrapWord
		text := widget.NewLabelWithStyle(row.Text, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		text.Wrapping = fyne.TextWrapWord // the low-importance colour was too faint to read on the dark theme
		box.Add(container.NewVBox(head, text))
	}
	return widget.NewCard("Estimates", fmt.Sprintf("%d rows; each value computed from the row as written, shown beneath it", len(a.Estimates.Rows)), box)
}

// escapeList is a widget.List that closes what it is in on Escape: the reference card's list has
// the keyboard while the card is open, and a List takes every key it is given, Escape included.
type escapeList struct {
	widget.List
	onEscape func()
}

func newEscapeList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *escapeList {
	l := &escapeList{List: widget.List{Length: length, CreateItem: create, UpdateItem: update}}
	l.ExtendBaseWidget(l)
	return l
}

func (l *escapeList) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && l.onEscape != nil {
		l.onEscape()
		return
	}
	l.List.TypedKey(k)
}
