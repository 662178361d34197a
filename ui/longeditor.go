package ui

import (
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// longEditor is where a long answer is written: the free answer, or one section of it.
//
// It is not a widget.Entry, for two reasons seen in the real window (issue 11):
//   - Entry keeps its cursor as a row and column of its wrapped rows, and word wrapping leaves the
//     space at a wrap point in no row. A space typed at the end of a row therefore cannot hold the
//     cursor after it: the next letter went in before the space ("check how" was stored as
//     "checkhow"). Here the text is a rune buffer and the cursor a rune offset in it; rows are only a
//     view of the buffer, so what is stored is exactly what was typed.
//   - Entry re-wraps its whole text on every keystroke and refreshes itself, which makes the window
//     re-rasterise every row of text: 24 ms a key at the end of a 5,000-character paragraph in the
//     test driver (0.13 ms at 200), far more with software rendering. Here a keystroke re-wraps from
//     the row before the edit until the rows fall back in step with the old ones, and only the rows
//     whose text changed are redrawn.
//
// The editor takes no Tab (Tab moves the focus on) and does not scroll itself: the mouse wheel
// scrolls the page it is in.
type longEditor struct {
	entry    *textArea
	scroll   *container.Scroll // the free answer's scroller; a section scrolls with its page
	OnChange func(text string)
}

func newLongEditor(text, placeholder string) *longEditor {
	ed := &longEditor{entry: newTextArea(placeholder)}
	ed.entry.setText(text)
	ed.entry.OnChanged = func(text string) {
		if ed.OnChange != nil {
			ed.OnChange(text)
		}
	}
	ed.scroll = container.NewVScroll(ed.entry)
	ed.entry.scroll = ed.scroll
	return ed
}

// Text is the whole text, exactly as typed.
func (ed *longEditor) Text() string { return ed.entry.Text() }

// SetText replaces the text, puts the cursor at its end and reports the change.
func (ed *longEditor) SetText(text string) { ed.entry.SetText(text) }

// setText replaces the text without reporting it (the caller already holds it).
func (ed *longEditor) setText(text string) { ed.entry.setText(text) }

// textRow is one drawn row: the runes [start, end) of the buffer. A row ended by a line break does
// not hold the '\n'; a row ended by wrapping holds the spaces where it wrapped, so every rune but
// '\n' is in exactly one row.
type textRow struct {
	start, end int
	soft       bool // the next row starts at end (wrapped), not at end+1 (after a '\n')
}

// textEdit is one change, for undo: at offset at, removed was replaced by inserted.
type textEdit struct {
	at                int
	removed, inserted []rune
}

// textArea is the editing widget behind longEditor.
type textArea struct {
	widget.BaseWidget

	buf            []rune
	text           string  // buf as a string, edited alongside it
	wide           int     // runes in text that take more than one byte
	cursor, anchor int     // rune offsets; the selection runs between them
	goalX          float32 // the x that Up and Down keep to; -1 when not moving vertically
	shift          bool    // a Shift key is held (for Shift+arrows and Shift+click)
	pressed        bool    // MouseDown placed the cursor for the click that Tapped will report
	focused        bool
	PlaceHolder    string // shown while the text is empty
	minRows        int

	rows       []textRow
	wrapWidth  float32 // the width rows were wrapped to; 0 before the first layout (no wrapping)
	advances   map[rune]float32
	ascii      [128]float32 // advances of ASCII runes: looking them up in the map was a tenth of a keystroke
	metricsOK  bool
	textSize   float32
	pad        float32
	lineHeight float32
	wrapped    int // runes looked at by wrapping since the last reset: the cost tests read it

	undo, redo []textEdit

	scroll      *container.Scroll // kept showing the cursor, when set
	scrolledRow int               // the cursor's row when it was last scrolled to, at scrolledAt
	scrolledAt  fyne.Position
	OnChanged   func(text string) // after every change to the text
	onFocus     func()            // when it gains the keyboard
	rend        *textAreaRenderer
}

func newTextArea(placeholder string) *textArea {
	t := &textArea{PlaceHolder: placeholder, minRows: 2, goalX: -1, scrolledRow: -1}
	t.ExtendBaseWidget(t)
	t.layoutAll()
	return t
}

// newMultiLineEntry is a text field for a few lines (a follow-up reply, the reflection): the
// answer's editor with Entry's methods, so that what is typed there is stored exactly too (a
// word-wrapping widget.Entry stored the reply "hand-off together" as "hand-offtogether").
func newMultiLineEntry() *textArea { return newTextArea("") }

// SetText replaces the text, puts the cursor at its end and reports the change, as Entry's does.
func (t *textArea) SetText(s string) {
	changed := s != t.Text()
	t.setText(s)
	if changed {
		t.changed()
	}
}

// SetPlaceHolder sets the text shown while the field is empty.
func (t *textArea) SetPlaceHolder(s string) {
	t.PlaceHolder = s
	if t.rend != nil {
		t.rend.placeholder.Text = s
		canvas.Refresh(t.rend.placeholder)
		t.rend.placeCursor()
	}
}

// SetMinRowsVisible makes the field at least n rows high.
func (t *textArea) SetMinRowsVisible(n int) { t.minRows = n }

func (t *textArea) changed() {
	if t.OnChanged != nil {
		t.OnChanged(t.Text())
	}
}

// Text is the whole text.
func (t *textArea) Text() string { return t.text }

// byteOffset is where rune offset off starts in text. Text is edited in place of converting the
// buffer on every key, which cost 50 µs a key at 5,000 characters (more than all the rest).
func (t *textArea) byteOffset(off int) int {
	if t.wide == 0 {
		return off
	}
	n := 0
	for i := range t.text {
		if n == off {
			return i
		}
		n++
	}
	return len(t.text)
}

func countWide(rs []rune) int {
	n := 0
	for _, r := range rs {
		if r >= utf8.RuneSelf {
			n++
		}
	}
	return n
}

func (t *textArea) setText(s string) {
	t.buf = []rune(s)
	t.text, t.wide = s, countWide(t.buf)
	t.cursor, t.anchor, t.goalX = len(t.buf), len(t.buf), -1
	t.undo, t.redo = nil, nil
	t.layoutAll()
	if t.rend != nil {
		t.rend.syncAll()
	}
	t.showCursor()
}

// metrics are the theme's sizes this widget lays out with, read once per theme (asking the theme
// and measuring on every rune was most of a keystroke's cost).
func (t *textArea) metrics() (textSize, pad, lineHeight float32) {
	if !t.metricsOK {
		th := t.Theme()
		t.textSize = th.Size(theme.SizeNameText)
		t.pad = th.Size(theme.SizeNameInnerPadding)
		t.lineHeight = fyne.MeasureText("M", t.textSize, fyne.TextStyle{}).Height
		t.advances, t.ascii, t.metricsOK = map[rune]float32{}, [128]float32{}, true
	}
	return t.textSize, t.pad, t.lineHeight
}

// advance is the width of one rune, measured once per text size. Rows are wrapped on the sum of
// their runes' advances rather than by measuring whole rows, so wrapping a row costs its length.
func (t *textArea) advance(r rune) float32 {
	size, _, _ := t.metrics()
	if r < 128 && t.ascii[r] > 0 {
		return t.ascii[r]
	}
	a, ok := t.advances[r]
	if !ok {
		a = fyne.MeasureText(string(r), size, fyne.TextStyle{}).Width
		t.advances[r] = a
		if r < 128 {
			t.ascii[r] = a
		}
	}
	return a
}

func isBlank(r rune) bool { return r != '\n' && unicode.IsSpace(r) }

// wrapRow lays out the row starting at s: where it ends, and where the next row starts.
func (t *textArea) wrapRow(s int) textRow {
	n := len(t.buf)
	width := float32(0)
	breakAt := -1 // after the last run of spaces: where the row may wrap
	for i := s; i < n; i++ {
		t.wrapped++
		r := t.buf[i]
		if r == '\n' {
			return textRow{start: s, end: i}
		}
		a := t.advance(r)
		if isBlank(r) {
			width += a // spaces hang past the edge: a row never starts with the space it wrapped at
			breakAt = i + 1
			continue
		}
		if t.wrapWidth > 0 && width+a > t.wrapWidth && i > s {
			if breakAt > s {
				return textRow{start: s, end: breakAt, soft: true}
			}
			return textRow{start: s, end: i, soft: true} // a word longer than the row
		}
		width += a
	}
	return textRow{start: s, end: n}
}

// next is where the row after r starts; ok is false when r is the last row.
func (t *textArea) next(r textRow) (int, bool) {
	if r.soft {
		return r.end, true
	}
	if r.end < len(t.buf) {
		return r.end + 1, true
	}
	return 0, false
}

func (t *textArea) layoutAll() {
	t.rows = t.rows[:0]
	for s, ok := 0, true; ok; {
		r := t.wrapRow(s)
		t.rows = append(t.rows, r)
		s, ok = t.next(r)
	}
}

// relayout re-wraps after the runes [at, at+removed) were replaced by inserted runes. It starts at
// the row before the edit (whose last word may now fit, or no longer fit) and stops as soon as a new
// row starts where an old row, shifted by the edit, started: from there on the rows are the old
// ones. It returns the rows replaced: old rows [from, oldEnd) are now rows [from, newEnd).
func (t *textArea) relayout(at, removed, inserted int) (from, oldEnd, newEnd int) {
	delta := inserted - removed
	r := t.rowAt(at)
	from = r
	// A row's wrap depends on the first word of the row after it, so the row before the edit is
	// wrapped again, and the one before that for a word broken across a whole row. No further: a
	// row's wrap never depends on text a full row past its end, and going back while rows had no
	// space made a key in a long unbroken string (a pasted URL) cost the whole string.
	for from > 0 && t.rows[from-1].soft && (from == r || from == r-1 && !t.hasBlank(t.rows[from])) {
		from--
	}
	var fresh []textRow
	k := r // old rows from k on may be reused
	for s, ok := t.rows[from].start, true; ok; {
		for k < len(t.rows) && (t.rows[k].start < at+removed || t.rows[k].start+delta < s) {
			k++
		}
		if k < len(t.rows) && t.rows[k].start+delta == s {
			break
		}
		row := t.wrapRow(s)
		fresh = append(fresh, row)
		s, ok = t.next(row)
		if !ok {
			k = len(t.rows)
		}
	}
	tail := t.rows[k:]
	for i := range tail {
		tail[i].start += delta
		tail[i].end += delta
	}
	rows := make([]textRow, 0, from+len(fresh)+len(tail))
	rows = append(append(append(rows, t.rows[:from]...), fresh...), tail...)
	t.rows = rows
	return from, k, from + len(fresh)
}

func (t *textArea) hasBlank(r textRow) bool {
	for _, c := range t.buf[r.start:r.end] {
		if isBlank(c) {
			return true
		}
	}
	return false
}

// rowAt is the row holding offset off; an offset where a row wrapped belongs to the next row.
func (t *textArea) rowAt(off int) int {
	return max(sort.Search(len(t.rows), func(i int) bool { return t.rows[i].start > off })-1, 0)
}

// replace puts ins in place of the runes [from, to), leaves the cursor after it and reports the
// change. Every change to the text goes through here.
func (t *textArea) replace(from, to int, ins []rune, record bool) {
	removed := append([]rune(nil), t.buf[from:to]...)
	if record {
		t.recordEdit(textEdit{at: from, removed: removed, inserted: append([]rune(nil), ins...)})
	}
	a, b := t.byteOffset(from), t.byteOffset(to)
	t.text = t.text[:a] + string(ins) + t.text[b:]
	t.wide += countWide(ins) - countWide(removed)
	t.buf = slices.Replace(t.buf, from, to, ins...) // in place while it fits
	rowFrom, oldEnd, newEnd := t.relayout(from, len(removed), len(ins))
	t.cursor, t.anchor, t.goalX = from+len(ins), from+len(ins), -1
	if t.rend != nil {
		t.rend.splice(rowFrom, oldEnd, newEnd)
	}
	t.showCursor()
	t.changed()
}

// recordEdit keeps an edit for undo; typing one character after another is one step.
func (t *textArea) recordEdit(e textEdit) {
	t.redo = nil
	if n := len(t.undo); n > 0 && len(e.removed) == 0 && len(e.inserted) == 1 {
		last := &t.undo[n-1]
		if len(last.removed) == 0 && last.at+len(last.inserted) == e.at && !unicode.IsSpace(e.inserted[0]) {
			last.inserted = append(last.inserted, e.inserted...)
			return
		}
	}
	t.undo = append(t.undo, e)
}

func (t *textArea) undoLast(from, to *[]textEdit) {
	if len(*from) == 0 {
		return
	}
	e := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	t.replace(e.at, e.at+len(e.inserted), e.removed, false)
	*to = append(*to, textEdit{at: e.at, removed: e.inserted, inserted: e.removed})
}

func (t *textArea) selection() (int, int) {
	return min(t.cursor, t.anchor), max(t.cursor, t.anchor)
}

// SelectedText is the selected text ("" when nothing is).
func (t *textArea) SelectedText() string {
	a, b := t.selection()
	return string(t.buf[a:b])
}

// insertLine puts line into the text as a line of its own at the cursor (the end, unless the
// writer moved it), one step of undo.
func (t *textArea) insertLine(line string) {
	at := t.cursor
	s := line
	if at > 0 && t.buf[at-1] != '\n' {
		s = "\n" + s
	}
	if at < len(t.buf) && t.buf[at] != '\n' {
		s += "\n"
	}
	t.moveTo(at, false)
	t.insert([]rune(s))
}

// insert types s over the selection.
func (t *textArea) insert(s []rune) {
	a, b := t.selection()
	t.replace(a, b, s, true)
}

// moveTo puts the cursor at off, extending the selection when extend is set.
func (t *textArea) moveTo(off int, extend bool) {
	t.cursor = min(max(off, 0), len(t.buf))
	if !extend {
		t.anchor = t.cursor
	}
	t.showCursor()
}

func (t *textArea) selectAll() {
	t.anchor, t.cursor = 0, len(t.buf)
	t.showCursor()
}

// showCursor redraws the cursor and selection (and nothing else) and scrolls them into view.
func (t *textArea) showCursor() {
	if t.rend == nil {
		return
	}
	t.rend.placeCursor()
	t.scrollToCursor()
}

// scrollToCursor scrolls the editor's scroller, if it is in one, so the cursor's row shows. Typing
// along a row needs no scrolling, so it is only worked out when the cursor changes row.
func (t *textArea) scrollToCursor() {
	if t.scroll == nil || t.scroll.Size().Height <= 0 {
		return
	}
	row := t.rowAt(t.cursor)
	if row == t.scrolledRow && t.scroll.Offset == t.scrolledAt {
		return
	}
	defer func() { t.scrolledRow, t.scrolledAt = row, t.scroll.Offset }()
	d := fyne.CurrentApp().Driver()
	if d.CanvasForObject(t) == nil || d.CanvasForObject(t.scroll) == nil {
		return
	}
	_, pad, line := t.metrics()
	within := d.AbsolutePositionForObject(t).Y - d.AbsolutePositionForObject(t.scroll).Y + t.scroll.Offset.Y
	top := within + pad + float32(row)*line
	bottom := top + line + pad
	view, off := t.scroll.Size().Height, t.scroll.Offset.Y
	switch {
	case bottom > off+view:
		t.scroll.ScrollToOffset(fyne.NewPos(0, bottom-view))
	case top-pad < off:
		t.scroll.ScrollToOffset(fyne.NewPos(0, max(top-pad, 0)))
	}
}

// xOf is how far into its row offset off is drawn.
func (t *textArea) xOf(row, off int) float32 {
	r := t.rows[row]
	off = min(max(off, r.start), r.end)
	if off == r.start {
		return 0
	}
	size, _, _ := t.metrics()
	return fyne.MeasureText(string(t.buf[r.start:off]), size, fyne.TextStyle{}).Width
}

// offsetAtX is the offset in row nearest to x.
func (t *textArea) offsetAtX(row int, x float32) int {
	r := t.rows[row]
	end := r.end
	if r.soft && end > r.start {
		end-- // not after the space it wrapped at: that offset is drawn at the next row's start
	}
	w := float32(0)
	for i := r.start; i < end; i++ {
		a := t.advance(t.buf[i])
		if x < w+a/2 {
			return i
		}
		w += a
	}
	return end
}

func (t *textArea) offsetAt(p fyne.Position) int {
	_, pad, line := t.metrics()
	row := min(max(int((p.Y-pad)/line), 0), len(t.rows)-1)
	return t.offsetAtX(row, p.X-pad)
}

func (t *textArea) wordLeft(off int) int {
	for off > 0 && unicode.IsSpace(t.buf[off-1]) {
		off--
	}
	for off > 0 && !unicode.IsSpace(t.buf[off-1]) {
		off--
	}
	return off
}

func (t *textArea) wordRight(off int) int {
	for off < len(t.buf) && !unicode.IsSpace(t.buf[off]) {
		off++
	}
	for off < len(t.buf) && unicode.IsSpace(t.buf[off]) {
		off++
	}
	return off
}

// vertical moves the cursor by rows, keeping to the x it started from.
func (t *textArea) vertical(rows int, extend bool) {
	row := t.rowAt(t.cursor)
	if t.goalX < 0 {
		t.goalX = t.xOf(row, t.cursor)
	}
	goal := t.goalX
	target := row + rows
	switch {
	case target < 0:
		t.moveTo(0, extend)
	case target >= len(t.rows):
		t.moveTo(len(t.buf), extend)
	default:
		t.moveTo(t.offsetAtX(target, goal), extend)
	}
	t.goalX = goal
}

// FocusGained shows the cursor.
func (t *textArea) FocusGained() {
	t.focused = true
	if t.onFocus != nil {
		t.onFocus()
	}
	t.showCursor()
	if t.rend != nil {
		t.rend.refreshBorder()
	}
}

// FocusLost hides the cursor.
func (t *textArea) FocusLost() {
	t.focused, t.shift = false, false
	if t.rend != nil {
		t.rend.placeCursor()
		t.rend.refreshBorder()
	}
}

// TypedRune types a character over the selection.
func (t *textArea) TypedRune(r rune) { t.insert([]rune{r}) }

// TypedKey handles the editing and moving keys. Tab is not one: the window moves the focus on.
func (t *textArea) TypedKey(k *fyne.KeyEvent) {
	a, b := t.selection()
	row := t.rowAt(t.cursor)
	switch k.Name {
	case fyne.KeyBackspace:
		if a == b && a > 0 {
			a--
		}
		if a < b {
			t.replace(a, b, nil, true)
		}
	case fyne.KeyDelete:
		if a == b && b < len(t.buf) {
			b++
		}
		if a < b {
			t.replace(a, b, nil, true)
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		t.insert([]rune{'\n'})
	case fyne.KeyLeft:
		if a < b && !t.shift {
			t.moveTo(a, false)
		} else {
			t.moveTo(t.cursor-1, t.shift)
		}
	case fyne.KeyRight:
		if a < b && !t.shift {
			t.moveTo(b, false)
		} else {
			t.moveTo(t.cursor+1, t.shift)
		}
	case fyne.KeyUp:
		t.vertical(-1, t.shift)
	case fyne.KeyDown:
		t.vertical(1, t.shift)
	case fyne.KeyPageUp:
		t.vertical(-t.pageRows(), t.shift)
	case fyne.KeyPageDown:
		t.vertical(t.pageRows(), t.shift)
	case fyne.KeyHome:
		t.moveTo(t.rows[row].start, t.shift)
	case fyne.KeyEnd:
		t.moveTo(t.offsetAtX(row, 1e9), t.shift)
	}
}

func (t *textArea) pageRows() int {
	_, _, line := t.metrics()
	if t.scroll != nil && t.scroll.Size().Height > 2*line {
		return int(t.scroll.Size().Height/line) - 1
	}
	return 10
}

// KeyDown notes Shift, which extends the selection with the arrows and a click.
func (t *textArea) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		t.shift = true
	}
}

// KeyUp notes Shift let go.
func (t *textArea) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		t.shift = false
	}
}

// TypedShortcut offers a key press to the window's shortcuts first (see routeShortcut: the window
// only sends shortcuts here while the editor has the focus), then handles clipboard, undo, select
// all and the Ctrl+ moves.
func (t *textArea) TypedShortcut(s fyne.Shortcut) {
	if !routeShortcut(t, s) {
		t.editShortcut(s)
	}
}

// editShortcut runs s if it is one of the editor's own, and says whether it was.
func (t *textArea) editShortcut(s fyne.Shortcut) bool {
	switch s := s.(type) {
	case *fyne.ShortcutCopy:
		if sel := t.SelectedText(); sel != "" {
			s.Clipboard.SetContent(sel)
		}
	case *fyne.ShortcutCut:
		if sel := t.SelectedText(); sel != "" {
			s.Clipboard.SetContent(sel)
			t.insert(nil)
		}
	case *fyne.ShortcutPaste:
		if txt := s.Clipboard.Content(); txt != "" {
			t.insert([]rune(txt))
		}
	case *fyne.ShortcutSelectAll:
		t.selectAll()
	case *fyne.ShortcutUndo:
		t.undoLast(&t.undo, &t.redo)
	case *fyne.ShortcutRedo:
		t.undoLast(&t.redo, &t.undo)
	case *desktop.CustomShortcut:
		return t.ctrlKey(s)
	default:
		return false
	}
	return true
}

// ctrlKey handles Ctrl (with or without Shift) and a moving or deleting key.
func (t *textArea) ctrlKey(s *desktop.CustomShortcut) bool {
	ctrl := s.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
	if !ctrl || s.Modifier&^(fyne.KeyModifierControl|fyne.KeyModifierSuper|fyne.KeyModifierShift) != 0 {
		return false
	}
	extend := s.Modifier&fyne.KeyModifierShift != 0
	switch s.KeyName {
	case fyne.KeyHome:
		t.moveTo(0, extend)
	case fyne.KeyEnd:
		t.moveTo(len(t.buf), extend)
	case fyne.KeyLeft:
		t.moveTo(t.wordLeft(t.cursor), extend)
	case fyne.KeyRight:
		t.moveTo(t.wordRight(t.cursor), extend)
	case fyne.KeyZ:
		if !extend {
			return false
		}
		t.undoLast(&t.redo, &t.undo) // Ctrl+Shift+Z redoes, as Ctrl+Y does
	case fyne.KeyBackspace:
		if a, b := t.selection(); a < b {
			t.replace(a, b, nil, true)
		} else if w := t.wordLeft(t.cursor); w < t.cursor {
			t.replace(w, t.cursor, nil, true)
		}
	case fyne.KeyDelete:
		if a, b := t.selection(); a < b {
			t.replace(a, b, nil, true)
		} else if w := t.wordRight(t.cursor); w > t.cursor {
			t.replace(t.cursor, w, nil, true)
		}
	default:
		return false
	}
	return true
}

func (t *textArea) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil && c.Focused() != t {
		c.Focus(t)
	}
}

// MouseDown takes the focus and puts the cursor where the button went down (Shift+click selects up
// to there), as Entry does. Fyne reports Tapped only once its double-click wait is over (300 ms,
// longer on a busy machine) because the area also takes double clicks; focusing there sent the
// keys typed straight after a click to the field focused before (seen in the window: the first
// words of a story's Result landed at the end of its People field).
func (t *textArea) MouseDown(e *desktop.MouseEvent) {
	if e.Button != desktop.MouseButtonPrimary {
		return
	}
	t.focus()
	t.goalX = -1
	t.moveTo(t.offsetAt(e.Position), t.shift || e.Modifier&fyne.KeyModifierShift != 0)
	t.pressed = true
}

// MouseUp is part of desktop.Mouseable; the press did the work.
func (t *textArea) MouseUp(*desktop.MouseEvent) {}

// Tapped puts the cursor where the click was (Shift+click selects up to there) and takes the focus,
// unless MouseDown did so for this click already: the user may have typed since, and the click's
// place would now put the cursor back before what they typed.
func (t *textArea) Tapped(e *fyne.PointEvent) {
	if t.pressed {
		t.pressed = false
		return
	}
	t.focus()
	t.goalX = -1
	t.moveTo(t.offsetAt(e.Position), t.shift)
}

// DoubleTapped selects the word clicked.
func (t *textArea) DoubleTapped(e *fyne.PointEvent) {
	t.pressed = false
	t.focus()
	off := t.offsetAt(e.Position)
	a, b := off, off
	for a > 0 && !unicode.IsSpace(t.buf[a-1]) {
		a--
	}
	for b < len(t.buf) && !unicode.IsSpace(t.buf[b]) {
		b++
	}
	t.anchor, t.cursor = a, b
	t.showCursor()
}

// Dragged selects from where the drag started to where the pointer is.
func (t *textArea) Dragged(e *fyne.DragEvent) {
	if !t.focused {
		t.focus()
	}
	start := e.Position.Subtract(e.Dragged)
	if t.rend != nil && !t.rend.dragging {
		t.rend.dragging = true
		t.anchor = t.offsetAt(start)
	}
	t.cursor = t.offsetAt(e.Position)
	t.showCursor()
}

// DragEnd ends a drag selection.
func (t *textArea) DragEnd() {
	t.pressed = false // a drag ends with no Tapped to clear it
	if t.rend != nil {
		t.rend.dragging = false
	}
}

// TappedSecondary offers the clipboard actions in a menu.
func (t *textArea) TappedSecondary(e *fyne.PointEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(t)
	if c == nil {
		return
	}
	clip := fyne.CurrentApp().Clipboard()
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Cut", func() { t.editShortcut(&fyne.ShortcutCut{Clipboard: clip}) }),
		fyne.NewMenuItem("Copy", func() { t.editShortcut(&fyne.ShortcutCopy{Clipboard: clip}) }),
		fyne.NewMenuItem("Paste", func() { t.editShortcut(&fyne.ShortcutPaste{Clipboard: clip}) }),
		fyne.NewMenuItem("Select all", t.selectAll))
	widget.ShowPopUpMenuAtPosition(menu, c, e.AbsolutePosition)
}

// Cursor is the text cursor, as over any text that can be edited.
func (t *textArea) Cursor() desktop.Cursor { return desktop.TextCursor }

// MinSize is the height of the wrapped text; the width is the page's to give.
func (t *textArea) MinSize() fyne.Size {
	_, pad, line := t.metrics()
	return fyne.NewSize(4*pad, 2*pad+float32(max(len(t.rows), t.minRows))*line)
}

// Resize wraps the text to the new width.
func (t *textArea) Resize(s fyne.Size) {
	_, pad, _ := t.metrics()
	if w := s.Width - 2*pad; w > 0 && w != t.wrapWidth {
		t.wrapWidth = w
		t.layoutAll()
		if t.rend != nil {
			t.rend.syncAll()
		}
	}
	t.BaseWidget.Resize(s)
}

func (t *textArea) CreateRenderer() fyne.WidgetRenderer {
	r := &textAreaRenderer{t: t, box: canvas.NewRectangle(nil), border: canvas.NewRectangle(nil),
		cursor: canvas.NewRectangle(nil), placeholder: canvas.NewText(t.PlaceHolder, nil)}
	t.rend = r
	r.applyTheme()
	r.syncAll()
	return r
}

// textAreaRenderer draws one canvas.Text per row. An edit changes the Text of the rows it re-wrapped
// and moves the rows after them; nothing else is refreshed, because refreshing the widget would make
// the window re-rasterise every row (Fyne frees the textures of a refreshed object's whole tree).
type textAreaRenderer struct {
	t           *textArea
	box, border *canvas.Rectangle
	texts       []*canvas.Text
	placeholder *canvas.Text
	cursor      *canvas.Rectangle
	selections  []*canvas.Rectangle
	objects     []fyne.CanvasObject
	dragging    bool
}

func (r *textAreaRenderer) Destroy() {}

func (r *textAreaRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *textAreaRenderer) MinSize() fyne.Size { return r.t.MinSize() }

func (r *textAreaRenderer) Layout(s fyne.Size) {
	border := r.t.Theme().Size(theme.SizeNameInputBorder)
	r.box.Resize(s)
	r.border.Resize(s.SubtractWidthHeight(border, border))
	r.border.Move(fyne.NewPos(border/2, border/2))
	r.placeRows(0)
	r.placeCursor()
}

// Refresh redraws everything: for a theme change, not for typing.
func (r *textAreaRenderer) Refresh() {
	r.t.metricsOK = false
	r.t.layoutAll()
	r.applyTheme()
	r.syncAll()
	r.Layout(r.t.Size())
	canvas.Refresh(r.box)
}

func (r *textAreaRenderer) applyTheme() {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.box.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.box.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.border.FillColor = nil
	r.border.StrokeWidth = th.Size(theme.SizeNameInputBorder)
	r.border.CornerRadius = r.box.CornerRadius
	r.cursor.FillColor = th.Color(theme.ColorNamePrimary, v)
	size, _, _ := r.t.metrics()
	r.placeholder.Color = th.Color(theme.ColorNamePlaceHolder, v)
	r.placeholder.TextSize = size
	for _, txt := range r.texts {
		txt.Color = th.Color(theme.ColorNameForeground, v)
		txt.TextSize = size
	}
	r.refreshBorder()
}

func (r *textAreaRenderer) refreshBorder() {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	c := th.Color(theme.ColorNameInputBorder, v)
	if r.t.focused {
		c = th.Color(theme.ColorNamePrimary, v)
	}
	if r.border.StrokeColor != c {
		r.border.StrokeColor = c
		canvas.Refresh(r.border)
	}
}

func (r *textAreaRenderer) newText() *canvas.Text {
	th := r.t.Theme()
	size, _, _ := r.t.metrics()
	txt := canvas.NewText("", th.Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant()))
	txt.TextSize = size
	return txt
}

// setRow shows row i in txt, refreshing it only if its text changed.
func (r *textAreaRenderer) setRow(txt *canvas.Text, i int) {
	row := r.t.rows[i]
	s := string(r.t.buf[row.start:row.end])
	if txt.Text != s {
		txt.Text = s
		canvas.Refresh(txt)
	}
}

// syncAll shows every row again (a new text or a new width).
func (r *textAreaRenderer) syncAll() {
	n := len(r.t.rows)
	for len(r.texts) < n {
		r.texts = append(r.texts, r.newText())
	}
	r.texts = r.texts[:n]
	for i, txt := range r.texts {
		r.setRow(txt, i)
	}
	r.rebuildObjects()
	r.placeRows(0)
	r.placeCursor()
}

// splice shows an edit: old rows [from, oldEnd) became rows [from, newEnd).
func (r *textAreaRenderer) splice(from, oldEnd, newEnd int) {
	if oldEnd > len(r.texts) { // not drawn yet in step with the rows
		r.syncAll()
		return
	}
	if oldEnd != newEnd {
		mid := make([]*canvas.Text, 0, newEnd-from)
		mid = append(mid, r.texts[from:min(oldEnd, newEnd)]...)
		for len(mid) < newEnd-from {
			mid = append(mid, r.newText())
		}
		texts := make([]*canvas.Text, 0, len(r.t.rows))
		texts = append(append(append(texts, r.texts[:from]...), mid...), r.texts[oldEnd:]...)
		r.texts = texts
		r.rebuildObjects()
	}
	for i := from; i < newEnd; i++ {
		r.setRow(r.texts[i], i)
	}
	if oldEnd != newEnd {
		r.placeRows(from)
	} else {
		r.placeRows2(from, newEnd)
	}
}

func (r *textAreaRenderer) placeRows(from int) { r.placeRows2(from, len(r.texts)) }

func (r *textAreaRenderer) placeRows2(from, to int) {
	_, pad, line := r.t.metrics()
	w := max(r.t.Size().Width-2*pad, 0)
	for i := from; i < to; i++ {
		r.texts[i].Move(fyne.NewPos(pad, pad+float32(i)*line))
		r.texts[i].Resize(fyne.NewSize(w, line))
	}
	r.placeholder.Move(fyne.NewPos(pad, pad))
	r.placeholder.Resize(fyne.NewSize(w, line))
}

func (r *textAreaRenderer) rebuildObjects() {
	objs := make([]fyne.CanvasObject, 0, 4+len(r.selections)+len(r.texts))
	objs = append(objs, r.box, r.border)
	for _, s := range r.selections {
		objs = append(objs, s)
	}
	for _, txt := range r.texts {
		objs = append(objs, txt)
	}
	r.objects = append(objs, r.placeholder, r.cursor)
}

// placeCursor draws the cursor, the selection and the placeholder.
func (r *textAreaRenderer) placeCursor() {
	t := r.t
	_, pad, line := t.metrics()
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()

	showPlaceholder := len(t.buf) == 0 && t.PlaceHolder != ""
	if r.placeholder.Hidden == showPlaceholder {
		r.placeholder.Hidden = !showPlaceholder
		canvas.Refresh(r.placeholder)
	}

	row := t.rowAt(t.cursor)
	x := min(t.xOf(row, t.cursor), max(t.Size().Width-2*pad, 0))
	r.cursor.Hidden = !t.focused
	r.cursor.Move(fyne.NewPos(pad+x-1, pad+float32(row)*line))
	r.cursor.Resize(fyne.NewSize(th.Size(theme.SizeNameInputBorder), line))
	canvas.Refresh(r.cursor)

	// One rectangle per selected row.
	a, b := t.selection()
	var rects [][4]float32
	if a < b {
		for i := t.rowAt(a); i < len(t.rows) && t.rows[i].start <= b; i++ {
			row := t.rows[i]
			x0, x1 := float32(0), t.xOf(i, min(b, row.end))
			if a > row.start {
				x0 = t.xOf(i, a)
			}
			if b > row.end && !row.soft {
				x1 += t.advance(' ') // the line break is selected too
			}
			if x1 > x0 {
				rects = append(rects, [4]float32{pad + x0, pad + float32(i)*line, x1 - x0, line})
			}
		}
	}
	changed := len(rects) != len(r.selections)
	for len(r.selections) < len(rects) {
		r.selections = append(r.selections, canvas.NewRectangle(th.Color(theme.ColorNameSelection, v)))
	}
	r.selections = r.selections[:len(rects)]
	for i, s := range r.selections {
		s.FillColor = th.Color(theme.ColorNameSelection, v)
		s.Move(fyne.NewPos(rects[i][0], rects[i][1]))
		s.Resize(fyne.NewSize(rects[i][2], rects[i][3]))
		canvas.Refresh(s)
	}
	if changed {
		r.rebuildObjects()
	}
}
