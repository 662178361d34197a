package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// longEditor edits a long answer as paragraphs (blocks separated by a blank line), with only the
// paragraph being edited held in a live Entry and the rest shown as wrapped labels.
//
// Why: Fyne's Entry re-wraps its whole text on every keystroke, so typing costs grow with the answer
// (about 14x slower at 20,000 characters than at 1,000 in the test driver). Here a keystroke costs
// what it costs in one paragraph, however long the answer is.
//
// Enter twice starts a new paragraph; Backspace at the start of a paragraph joins it to the one
// before; Up and Down cross paragraph boundaries; a click on a paragraph edits it. Selection works
// within one paragraph.
type longEditor struct {
	paras    []string
	active   int
	entry    *paraEntry
	views    []fyne.CanvasObject // a tappable label per paragraph; the entry replaces the active one
	box      *fyne.Container
	scroll   *container.Scroll
	measure  *widget.Label // sizes the entry to its wrapped text
	OnChange func(text string)
}

func newLongEditor(text, placeholder string) *longEditor {
	ed := &longEditor{box: container.NewVBox(), measure: widget.NewLabel("")}
	ed.measure.Wrapping = fyne.TextWrapWord
	ed.entry = newParaEntry(ed)
	ed.entry.SetPlaceHolder(placeholder)
	ed.scroll = container.NewVScroll(ed.box)
	ed.setText(text)
	return ed
}

// Text is the whole answer, paragraphs joined by blank lines.
func (ed *longEditor) Text() string { return strings.Join(ed.paras, "\n\n") }

// SetText replaces the whole answer and edits its last paragraph.
func (ed *longEditor) SetText(text string) {
	ed.setText(text)
	ed.changed()
}

func (ed *longEditor) setText(text string) {
	ed.paras = splitParagraphs(text)
	ed.rebuild(len(ed.paras)-1, len([]rune(ed.paras[len(ed.paras)-1])))
}

func splitParagraphs(text string) []string { return strings.Split(text, "\n\n") }

// rebuild recreates the paragraph views and edits paragraph active with the cursor at offset.
func (ed *longEditor) rebuild(active, offset int) {
	ed.views = make([]fyne.CanvasObject, len(ed.paras))
	for i, p := range ed.paras {
		ed.views[i] = newParaView(ed, i, p)
	}
	ed.box.Objects = ed.views
	ed.activate(active, offset)
}

// activate moves editing to paragraph i with the cursor at the given rune offset (-1: the end).
func (ed *longEditor) activate(i, offset int) {
	i = min(max(i, 0), len(ed.paras)-1)
	if ed.active < len(ed.views) && ed.box.Objects[ed.active] == ed.entry {
		ed.box.Objects[ed.active] = newParaView(ed, ed.active, ed.paras[ed.active])
	}
	ed.active = i
	ed.entry.setQuietly(ed.paras[i])
	runes := len([]rune(ed.paras[i]))
	if offset < 0 || offset > runes {
		offset = runes
	}
	ed.entry.setCursorOffset(offset)
	ed.box.Objects[i] = ed.entry
	ed.fitEntry()
	ed.box.Refresh()
	if c := fyne.CurrentApp().Driver().CanvasForObject(ed.box); c != nil {
		c.Focus(ed.entry)
	}
	ed.ensureVisible()
}

// ensureVisible scrolls the editor so the paragraph being edited is on screen.
func (ed *longEditor) ensureVisible() {
	top := ed.entry.Position().Y
	bottom := top + ed.entry.Size().Height
	view := ed.scroll.Size().Height
	switch off := ed.scroll.Offset.Y; {
	case view <= 0:
	case bottom > off+view:
		ed.scroll.ScrollToOffset(fyne.NewPos(0, bottom-view))
	case top < off:
		ed.scroll.ScrollToOffset(fyne.NewPos(0, top))
	}
}

// onEntryChanged takes the active paragraph's new text; a blank line in it starts new paragraphs.
func (ed *longEditor) onEntryChanged(text string) {
	if !strings.Contains(text, "\n\n") {
		ed.paras[ed.active] = text
		ed.fitEntry()
		ed.ensureVisible()
		ed.changed()
		return
	}
	cursor := ed.entry.CursorTextOffset()
	parts := splitParagraphs(text)
	rest := append([]string(nil), ed.paras[ed.active+1:]...)
	ed.paras = append(append(ed.paras[:ed.active], parts...), rest...)
	// The cursor lands in the part that holds it.
	at, target := 0, ed.active
	for j, p := range parts {
		n := len([]rune(p))
		if cursor <= at+n || j == len(parts)-1 {
			target = ed.active + j
			break
		}
		at += n + 2
	}
	ed.rebuild(target, cursor-at)
	ed.changed()
}

// joinWithPrevious merges the active paragraph into the one before it (Backspace at its start).
func (ed *longEditor) joinWithPrevious() {
	i := ed.active
	if i == 0 {
		return
	}
	offset := len([]rune(ed.paras[i-1]))
	ed.paras[i-1] += ed.paras[i]
	ed.paras = append(ed.paras[:i], ed.paras[i+1:]...)
	ed.rebuild(i-1, offset)
	ed.changed()
}

func (ed *longEditor) changed() {
	if ed.OnChange != nil {
		ed.OnChange(ed.Text())
	}
}

// fitEntry sizes the live entry to its wrapped text, so it grows like the paragraph it stands for
// instead of scrolling inside itself.
func (ed *longEditor) fitEntry() {
	w := ed.entry.Size().Width
	if w <= 0 {
		w = ed.box.Size().Width
	}
	rows := 1
	if w > 0 {
		ed.measure.Text = ed.entry.Text + " "
		ed.measure.Resize(fyne.NewSize(w-2*theme.InputBorderSize()-theme.InnerPadding(), 1))
		ed.measure.Refresh()
		line := fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).Height
		rows = int(ed.measure.MinSize().Height/(line*1.2)) + 1
	}
	rows = max(rows, strings.Count(ed.entry.Text, "\n")+1, 2)
	if rows != ed.entry.rows {
		ed.entry.rows = rows
		ed.entry.SetMinRowsVisible(rows)
	}
}

// paraEntry is the live editor of the active paragraph.
type paraEntry struct {
	widget.Entry
	ed    *longEditor
	quiet bool
	rows  int
}

func newParaEntry(ed *longEditor) *paraEntry {
	e := &paraEntry{ed: ed}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.OnChanged = func(text string) {
		if !e.quiet {
			ed.onEntryChanged(text)
		}
	}
	return e
}

func (e *paraEntry) setQuietly(text string) {
	e.quiet = true
	e.SetText(text)
	e.quiet = false
}

// setCursorOffset puts the cursor at a rune offset in the paragraph. The Entry's cursor is kept as
// a row and column of its wrapped rows, which only it knows, so the cursor is moved there with the
// Entry's own keys: Page Down for the end (the usual case), Right from the start otherwise.
func (e *paraEntry) setCursorOffset(offset int) {
	e.CursorRow, e.CursorColumn = 0, 0
	switch {
	case offset <= 0:
	case offset >= len([]rune(e.Text)):
		e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	default:
		for i := 0; i < offset; i++ {
			e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		}
	}
	e.Refresh()
}

// TypedKey crosses paragraph boundaries where the Entry would stop at its own edges.
func (e *paraEntry) TypedKey(k *fyne.KeyEvent) {
	atStart := e.CursorRow == 0 && e.CursorColumn == 0 && e.SelectedText() == ""
	atEnd := e.CursorTextOffset() == len([]rune(e.Text))
	switch {
	case k.Name == fyne.KeyBackspace && atStart && e.ed.active > 0:
		e.ed.joinWithPrevious()
		return
	case k.Name == fyne.KeyUp && e.CursorRow == 0 && e.ed.active > 0:
		e.ed.activate(e.ed.active-1, -1)
		return
	case k.Name == fyne.KeyDown && atEnd && e.ed.active < len(e.ed.paras)-1:
		e.ed.activate(e.ed.active+1, 0)
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut lets the window's shortcuts work while the cursor is here (see routeShortcut).
func (e *paraEntry) TypedShortcut(s fyne.Shortcut) {
	if !routeShortcut(e, s) {
		e.Entry.TypedShortcut(s)
	}
}

// paraView shows an inactive paragraph; tapping it edits it.
type paraView struct {
	widget.BaseWidget
	ed    *longEditor
	index int
	label *widget.Label
}

func newParaView(ed *longEditor, i int, text string) *paraView {
	v := &paraView{ed: ed, index: i, label: widget.NewLabel(text)}
	v.label.Wrapping = fyne.TextWrapWord
	v.ExtendBaseWidget(v)
	return v
}

func (v *paraView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(v.label) }

// Tapped edits this paragraph, with the cursor at its end.
func (v *paraView) Tapped(*fyne.PointEvent) { v.ed.activate(v.index, -1) }

// Cursor shows the text cursor over a paragraph, as over any text that can be edited.
func (v *paraView) Cursor() desktop.Cursor { return desktop.TextCursor }
