package ui

import (
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep/diagram"
)

// board is the whiteboard's drawing surface: a widget of its own with its own renderer, drawn from
// canvas rectangles, lines and texts. It shows a diagram.Diagram and, unless read-only, edits it
// through a diagram.Editor only; the board itself keeps just the view (zoom, pan), the selection and
// a pending connection.
//
// Why our own widget rather than fyne.io/x/fyne's diagramwidget: its newest version requires Fyne
// 2.8 (we are on 2.7.1) and an older one pins us to a superseded snapshot of an unversioned module;
// its DiagramWidget is Tappable and Draggable but not Focusable, so nothing can be drawn, moved or
// connected from the keyboard, which the issue asks for; it keeps its own model (nodes and links as
// widgets in maps, no save, no load, no undo), so every edit would have to be mirrored into
// PanelPrep's stored model and back; it has no zoom; and each node and link is a widget with its own
// renderer, where this board draws 60 components and 100 arrows as about 800 plain canvas objects
// laid out by one renderer (see BenchmarkWhiteboardDrag). What it would have given us (drag, links
// with arrowheads, hit testing) is a few hundred lines here.
//
// Keys while the board has the keyboard focus (Tab to it, click it, or Ctrl+D in a round):
// 1…9 and 0 add the palette's kinds, arrows select the nearest component that way, Ctrl+arrows move
// the selection (Ctrl+Shift+arrows by one unit), Alt+arrows pan, + and - zoom, Home fits the
// diagram, C connects from the selection (then choose the target and press Enter), Enter or L edits
// the label, T gives the selection to the next team, Delete removes, Escape cancels, Ctrl+Z undoes,
// Ctrl+Shift+Z and Ctrl+Y redo. The window's own Ctrl shortcuts keep working.
type board struct {
	widget.BaseWidget

	ed       *diagram.Editor // nil when read-only
	d        diagram.Diagram
	index    map[string]int // component ID -> index in d.Components
	readOnly bool

	zoom float32
	pan  fyne.Position // the diagram point drawn at the board's top-left corner
	// fitPending: fit the diagram into the board once it has a size (read-only views, and boards
	// opened on a diagram drawn before, open fitted).
	fitPending bool
	// keepFitted: fit again when the board is resized, until the user zooms or pans. The board is
	// laid out more than once as the round screen opens, first at a small size: fitted only then,
	// a resumed diagram stayed at the smallest zoom in a corner of the full-sized board.
	keepFitted bool

	selected    string // a component or arrow ID, or ""
	connectFrom string // a component ID while a connection is being made
	focused     bool

	// drag in progress: the component being moved (and where in it the pointer took it), or panning.
	dragID     string
	dragOffset fyne.Position
	dragging   bool

	// Handlers the panel around the board sets; any may be nil.
	onSelect    func(id string) // the selection changed
	onEditLabel func()          // Enter or L: the user wants to type the selection's label
	onNextTeam  func()          // T: give the selection to the next team
	onMessage   func(string)    // a short hint or refusal, shown near the board
	// passScroll, when set, takes the mouse wheel instead of the zoom: a read-only board on a
	// scrolling page hands it to the page.
	passScroll func(*fyne.ScrollEvent)
}

const (
	minZoom, maxZoom = 0.25, 3
	keyMove          = 10 // diagram units moved by Ctrl+arrow
	panStep          = 60 // screen units panned by Alt+arrow
)

func newBoard(ed *diagram.Editor, d diagram.Diagram, readOnly bool) *board {
	// A diagram drawn before (a resumed round, or back from the score screen) opens fitted, as a
	// read-only one does: the zoom and pan are not stored with the diagram, and zoom 1 from its
	// origin showed some part of it, often not the one the candidate had been looking at.
	b := &board{ed: ed, readOnly: readOnly, zoom: 1, fitPending: readOnly || len(d.Components) > 0}
	b.keepFitted = b.fitPending
	b.setDiagram(d)
	b.ExtendBaseWidget(b)
	return b
}

// setDiagram shows d (a copy the board may keep) and drops a selection that no longer exists.
func (b *board) setDiagram(d diagram.Diagram) {
	b.d = d
	if b.index == nil || len(b.index) != len(d.Components) {
		b.index = make(map[string]int, len(d.Components))
	} else {
		clear(b.index)
	}
	for i, c := range d.Components {
		b.index[c.ID] = i
	}
	if b.selected != "" && !b.exists(b.selected) {
		b.setSelected("")
	}
	if _, ok := b.index[b.connectFrom]; !ok {
		b.connectFrom = ""
	}
	b.Refresh()
}

func (b *board) exists(id string) bool {
	if _, ok := b.index[id]; ok {
		return true
	}
	_, ok := b.d.Arrow(id)
	return ok
}

func (b *board) setSelected(id string) {
	if id == b.selected {
		return
	}
	b.selected = id
	if b.onSelect != nil {
		b.onSelect(id)
	}
	b.Refresh()
}

func (b *board) message(s string) {
	if b.onMessage != nil {
		b.onMessage(s)
	}
}

// apply runs op through the editor; the editor's change handler redraws the board.
func (b *board) apply(op diagram.Op) string {
	if b.readOnly || b.ed == nil {
		return ""
	}
	id, err := b.ed.Apply(op)
	if err != nil {
		b.message(err.Error())
	}
	return id
}

// toScreen and toDiagram convert between diagram units and the board's own coordinates.
func (b *board) toScreen(x, y float32) fyne.Position {
	return fyne.NewPos((x-b.pan.X)*b.zoom, (y-b.pan.Y)*b.zoom)
}

func (b *board) toDiagram(p fyne.Position) (float32, float32) {
	return p.X/b.zoom + b.pan.X, p.Y/b.zoom + b.pan.Y
}

// componentAt is the topmost component under p (board coordinates), or "".
func (b *board) componentAt(p fyne.Position) string {
	x, y := b.toDiagram(p)
	for i := len(b.d.Components) - 1; i >= 0; i-- {
		c := b.d.Components[i]
		if x >= c.X && x <= c.X+diagram.ComponentWidth && y >= c.Y && y <= c.Y+diagram.ComponentHeight {
			return c.ID
		}
	}
	return ""
}

// arrowAt is the arrow whose line passes within a few pixels of p, or "".
func (b *board) arrowAt(p fyne.Position) string {
	best, bestDist := "", float32(6)
	for _, a := range b.d.Arrows {
		p1, p2, ok := b.arrowEnds(a)
		if !ok {
			continue
		}
		s1, s2 := b.toScreen(p1.X, p1.Y), b.toScreen(p2.X, p2.Y)
		if d := segmentDistance(p, s1, s2); d < bestDist {
			best, bestDist = a.ID, d
		}
	}
	return best
}

func segmentDistance(p, a, b fyne.Position) float32 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := float32(0)
	if l2 > 0 {
		t = max(0, min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	}
	ex, ey := a.X+t*dx-p.X, a.Y+t*dy-p.Y
	return float32(math.Sqrt(float64(ex*ex + ey*ey)))
}

// arrowEnds are where arrow a leaves its source's outline and meets its target's, in diagram units;
// ok is false when an end is missing or the boxes overlap (nothing to draw between them).
func (b *board) arrowEnds(a diagram.Arrow) (from, to fyne.Position, ok bool) {
	i, ok1 := b.index[a.From]
	j, ok2 := b.index[a.To]
	if !ok1 || !ok2 || i == j {
		return from, to, false
	}
	c1, c2 := b.d.Components[i], b.d.Components[j]
	const hw, hh = diagram.ComponentWidth / 2, diagram.ComponentHeight / 2
	x1, y1 := c1.X+hw, c1.Y+hh
	x2, y2 := c2.X+hw, c2.Y+hh
	dx, dy := x2-x1, y2-y1
	t := edgeFraction(dx, dy, hw, hh)
	if 2*t >= 1 {
		return from, to, false
	}
	return fyne.NewPos(x1+dx*t, y1+dy*t), fyne.NewPos(x2-dx*t, y2-dy*t), true
}

// edgeFraction is the fraction of (dx, dy), from a box's centre, at which the line leaves a box of
// half-size hw × hh.
func edgeFraction(dx, dy, hw, hh float32) float32 {
	t := float32(math.MaxFloat32)
	if dx != 0 {
		t = min(t, hw/abs32(dx))
	}
	if dy != 0 {
		t = min(t, hh/abs32(dy))
	}
	return t
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// inView says whether component id is wholly in view.
func (b *board) inView(id string) bool {
	i, ok := b.index[id]
	if !ok {
		return false
	}
	c, s := b.d.Components[i], b.Size()
	p, q := b.toScreen(c.X, c.Y), b.toScreen(c.X+diagram.ComponentWidth, c.Y+diagram.ComponentHeight)
	return p.X >= 0 && p.Y >= 0 && q.X <= s.Width && q.Y <= s.Height
}

// addKind places a new component of kind k in the free grid cell nearest the middle of the view, so
// that several added in a row sit side by side rather than on top of each other, and selects it.
func (b *board) addKind(k diagram.Kind) {
	x, y := b.freeSpot()
	if id := b.apply(diagram.AddComponent(k, k.Title(), x, y)); id != "" {
		b.setSelected(id)
		if !b.inView(id) {
			b.fit()
		}
	}
}

// freeSpot is the top-left corner of the first free cell, in reading order, of a grid of
// component-sized cells (with a gap) laid over the view from its top-left corner: boxes added in a
// row line up left to right, then in rows below, as they would be drawn on a whiteboard.
func (b *board) freeSpot() (float32, float32) {
	const stepX, stepY = diagram.ComponentWidth + 80, diagram.ComponentHeight + 50
	const margin = 20
	x0, y0 := b.toDiagram(fyne.NewPos(0, 0))
	x0, y0 = x0+margin, y0+margin
	// At least three a row: a narrow board zooms out to show them (addKind) rather than stack them.
	cols := max(3, int((b.Size().Width/b.zoom-margin)/stepX))
	free := func(x, y float32) bool {
		for _, c := range b.d.Components {
			if x < c.X+stepX-10 && c.X < x+stepX-10 && y < c.Y+stepY-10 && c.Y < y+stepY-10 {
				return false
			}
		}
		return true
	}
	for i := 0; i <= len(b.d.Components)+cols; i++ {
		x, y := x0+float32(i%cols)*stepX, y0+float32(i/cols)*stepY
		if free(x, y) {
			return x, y
		}
	}
	return x0, y0
}

// startConnect begins an arrow from the selected component; the target is chosen next.
func (b *board) startConnect() {
	if _, ok := b.index[b.selected]; !ok {
		b.message("Select the component the arrow starts from, then press C (or Connect).")
		return
	}
	b.connectFrom = b.selected
	b.message("Now choose the arrow's target: click it, or select it with the arrow keys and press Enter. Escape cancels.")
	b.Refresh()
}

// finishConnect draws the arrow from the pending source to the component to.
func (b *board) finishConnect(to string) {
	from := b.connectFrom
	b.connectFrom = ""
	if to == from {
		b.message("An arrow needs two different components.")
		b.Refresh()
		return
	}
	if id := b.apply(diagram.Connect(from, to, "")); id != "" {
		b.setSelected(id)
		b.message("Arrow drawn. Type its label (for example \"sync REST\").")
		if b.onEditLabel != nil {
			b.onEditLabel()
		}
	}
	b.Refresh()
}

func (b *board) deleteSelected() {
	if b.selected == "" {
		return
	}
	b.apply(diagram.Delete(b.selected))
}

// moveSelected moves the selected component by dx, dy diagram units.
func (b *board) moveSelected(dx, dy float32) {
	i, ok := b.index[b.selected]
	if !ok {
		return
	}
	c := b.d.Components[i]
	b.apply(diagram.MoveComponent(c.ID, c.X+dx, c.Y+dy))
}

// selectToward selects the component nearest the selection in the direction (dx, dy): the one
// with the smallest distance, counting sideways distance double, among those that lie that way.
func (b *board) selectToward(dx, dy float32) {
	if len(b.d.Components) == 0 {
		return
	}
	i, ok := b.index[b.selected]
	if !ok {
		if a, isArrow := b.d.Arrow(b.selected); isArrow {
			i, ok = b.index[a.From]
		}
	}
	if !ok {
		b.setSelected(b.d.Components[0].ID)
		b.scrollIntoView(b.selected)
		return
	}
	from := b.d.Components[i]
	best, bestScore := "", float32(math.MaxFloat32)
	for _, c := range b.d.Components {
		vx, vy := c.X-from.X, c.Y-from.Y
		along := vx*dx + vy*dy
		if c.ID == from.ID || along <= 0 {
			continue
		}
		across := abs32(vx*dy - vy*dx)
		if score := along + 2*across; score < bestScore {
			best, bestScore = c.ID, score
		}
	}
	if best != "" {
		b.setSelected(best)
		b.scrollIntoView(best)
	}
}

// scrollIntoView pans so that component id is wholly in view.
func (b *board) scrollIntoView(id string) {
	i, ok := b.index[id]
	if !ok {
		return
	}
	c := b.d.Components[i]
	s := b.Size()
	w, h := s.Width/b.zoom, s.Height/b.zoom
	const margin = 16
	b.keepFitted = false
	if c.X < b.pan.X {
		b.pan.X = c.X - margin
	} else if c.X+diagram.ComponentWidth > b.pan.X+w {
		b.pan.X = c.X + diagram.ComponentWidth - w + margin
	}
	if c.Y < b.pan.Y {
		b.pan.Y = c.Y - margin
	} else if c.Y+diagram.ComponentHeight > b.pan.Y+h {
		b.pan.Y = c.Y + diagram.ComponentHeight - h + margin
	}
	b.Refresh()
}

// zoomAt changes the zoom by factor, keeping the diagram point under p (board coordinates) still.
func (b *board) zoomAt(factor float32, p fyne.Position) {
	x, y := b.toDiagram(p)
	b.keepFitted = false
	b.zoom = max(minZoom, min(maxZoom, b.zoom*factor))
	b.pan = fyne.NewPos(x-p.X/b.zoom, y-p.Y/b.zoom)
	b.Refresh()
}

func (b *board) zoomCentre(factor float32) {
	s := b.Size()
	b.zoomAt(factor, fyne.NewPos(s.Width/2, s.Height/2))
}

// fit zooms and pans so the whole diagram is in view (at most at zoom 1).
func (b *board) fit() {
	s := b.Size()
	if s.Width <= 0 || s.Height <= 0 {
		b.fitPending = true
		return
	}
	b.fitPending = false
	if len(b.d.Components) == 0 {
		b.zoom, b.pan = 1, fyne.Position{}
		b.Refresh()
		return
	}
	minX, minY := float32(math.MaxFloat32), float32(math.MaxFloat32)
	maxX, maxY := float32(-math.MaxFloat32), float32(-math.MaxFloat32)
	for _, c := range b.d.Components {
		minX, minY = min(minX, c.X), min(minY, c.Y)
		maxX, maxY = max(maxX, c.X+diagram.ComponentWidth), max(maxY, c.Y+diagram.ComponentHeight)
	}
	const margin = 24
	w, h := maxX-minX+2*margin, maxY-minY+2*margin
	b.zoom = max(minZoom, min(1, s.Width/w, s.Height/h))
	b.pan = fyne.NewPos(minX-margin-(s.Width/b.zoom-w)/2, minY-margin-(s.Height/b.zoom-h)/2)
	b.Refresh()
}

// Resize fits the diagram once the board first has a size, when it opened with fitPending.
func (b *board) Resize(s fyne.Size) {
	resized := s != b.Size()
	b.BaseWidget.Resize(s)
	if b.fitPending || b.keepFitted && resized {
		b.fit()
	}
}

func (b *board) MinSize() fyne.Size {
	b.ExtendBaseWidget(b)
	return fyne.NewSize(160, 160)
}

func (b *board) requestFocus() {
	if b.readOnly {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil && c.Focused() != b {
		c.Focus(b)
	}
}

// Tapped selects what is under the pointer, or finishes a connection on it.
func (b *board) Tapped(e *fyne.PointEvent) {
	b.requestFocus()
	id := b.componentAt(e.Position)
	if b.connectFrom != "" {
		if id != "" {
			b.finishConnect(id)
			return
		}
		b.connectFrom = ""
		b.message("Connection cancelled.")
	}
	if id == "" {
		id = b.arrowAt(e.Position)
	}
	b.setSelected(id)
	b.Refresh()
}

// Dragged moves the component the drag started on, or pans the view when it started on nothing.
func (b *board) Dragged(e *fyne.DragEvent) {
	if !b.dragging {
		b.dragging = true
		start := e.Position.Subtract(e.Dragged)
		b.dragID = ""
		if id := b.componentAt(start); id != "" && !b.readOnly {
			c := b.d.Components[b.index[id]]
			x, y := b.toDiagram(start)
			b.dragID, b.dragOffset = id, fyne.NewPos(x-c.X, y-c.Y)
			b.setSelected(id)
		}
	}
	if b.dragID == "" {
		b.keepFitted = false
		b.pan = b.pan.Subtract(fyne.NewPos(e.Dragged.DX/b.zoom, e.Dragged.DY/b.zoom))
		b.Refresh()
		return
	}
	x, y := b.toDiagram(e.Position)
	b.apply(diagram.MoveComponent(b.dragID, x-b.dragOffset.X, y-b.dragOffset.Y))
}

// DragEnd closes the drag's undo step: the next drag of the same box is undone on its own.
func (b *board) DragEnd() {
	b.dragging, b.dragID = false, ""
	if b.ed != nil {
		b.ed.EndMove()
	}
}

// Scrolled zooms around the pointer: the board has no scroll bars, so the wheel is free for it.
func (b *board) Scrolled(e *fyne.ScrollEvent) {
	if b.passScroll != nil {
		b.passScroll(e)
		return
	}
	switch {
	case e.Scrolled.DY > 0:
		b.zoomAt(1.1, e.Position)
	case e.Scrolled.DY < 0:
		b.zoomAt(1/1.1, e.Position)
	}
}

// The board takes the keyboard focus so that it can be drawn on without a mouse.
func (b *board) FocusGained() { b.focused = true; b.Refresh() }
func (b *board) FocusLost()   { b.focused = false; b.Refresh() }

// TypedRune handles the board's single-character keys.
func (b *board) TypedRune(r rune) {
	switch {
	case r >= '1' && r <= '9', r == '0':
		n := int(r - '1')
		if r == '0' {
			n = 9
		}
		if n < len(diagram.Palette) && !b.readOnly {
			b.addKind(diagram.Palette[n])
		}
	case r == '+' || r == '=':
		b.zoomCentre(1.25)
	case r == '-':
		b.zoomCentre(1 / 1.25)
	case r == 'c' || r == 'C':
		if !b.readOnly {
			b.startConnect()
		}
	case r == 'l' || r == 'L':
		if b.selected != "" && b.onEditLabel != nil && !b.readOnly {
			b.onEditLabel()
		}
	case r == 't' || r == 'T':
		if b.onNextTeam != nil && !b.readOnly {
			b.onNextTeam()
		}
	}
}

// TypedKey handles the board's named keys.
func (b *board) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyLeft:
		b.selectToward(-1, 0)
	case fyne.KeyRight:
		b.selectToward(1, 0)
	case fyne.KeyUp:
		b.selectToward(0, -1)
	case fyne.KeyDown:
		b.selectToward(0, 1)
	case fyne.KeyDelete, fyne.KeyBackspace:
		b.deleteSelected()
	case fyne.KeyEscape:
		if b.connectFrom != "" {
			b.connectFrom = ""
			b.message("Connection cancelled.")
			b.Refresh()
		} else {
			b.setSelected("")
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if _, ok := b.index[b.selected]; ok && b.connectFrom != "" {
			b.finishConnect(b.selected)
		} else if b.selected != "" && b.onEditLabel != nil && !b.readOnly {
			b.onEditLabel()
		}
	case fyne.KeyHome:
		b.fit()
	}
}

// TypedShortcut handles undo, redo, moving and panning; any other shortcut goes to the window.
func (b *board) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutUndo:
		if !b.readOnly && b.ed != nil && !b.ed.Undo() {
			b.message("Nothing to undo.")
		}
		return
	case *fyne.ShortcutRedo:
		b.redo()
		return
	case *desktop.CustomShortcut:
		ctrl := fyne.KeyModifierShortcutDefault
		dx, dy, arrow := arrowDelta(sc.KeyName)
		switch {
		case sc.KeyName == fyne.KeyZ && sc.Modifier == ctrl|fyne.KeyModifierShift:
			b.redo()
			return
		case arrow && sc.Modifier == ctrl:
			b.moveSelected(dx*keyMove, dy*keyMove)
			return
		case arrow && sc.Modifier == ctrl|fyne.KeyModifierShift:
			b.moveSelected(dx, dy)
			return
		case arrow && sc.Modifier == fyne.KeyModifierAlt:
			b.keepFitted = false
			b.pan = b.pan.Add(fyne.NewPos(dx*panStep/b.zoom, dy*panStep/b.zoom))
			b.Refresh()
			return
		}
	}
	routeShortcut(b, s)
}

func (b *board) redo() {
	if !b.readOnly && b.ed != nil && !b.ed.Redo() {
		b.message("Nothing to redo.")
	}
}

func arrowDelta(k fyne.KeyName) (dx, dy float32, ok bool) {
	switch k {
	case fyne.KeyLeft:
		return -1, 0, true
	case fyne.KeyRight:
		return 1, 0, true
	case fyne.KeyUp:
		return 0, -1, true
	case fyne.KeyDown:
		return 0, 1, true
	}
	return 0, 0, false
}

// Cursor is the default arrow: a drag either moves a box or pans.
func (b *board) Cursor() desktop.Cursor { return desktop.DefaultCursor }

var (
	_ fyne.Focusable     = (*board)(nil)
	_ fyne.Shortcutable  = (*board)(nil)
	_ fyne.Tappable      = (*board)(nil)
	_ fyne.Draggable     = (*board)(nil)
	_ fyne.Scrollable    = (*board)(nil)
	_ desktop.Cursorable = (*board)(nil)
)

func (b *board) CreateRenderer() fyne.WidgetRenderer {
	r := &boardRenderer{b: b}
	r.bg = canvas.NewRectangle(color.Transparent)
	r.sel = canvas.NewRectangle(color.Transparent)
	r.hint = canvas.NewText("", color.Black)
	r.rebuild()
	r.Refresh()
	return r
}

// boardRenderer draws the diagram. It keeps one set of canvas objects per component and per arrow,
// reused from frame to frame: a drag changes positions only, so a frame moves objects and refreshes
// none but those whose text or colour changed.
type boardRenderer struct {
	b       *board
	bg      *canvas.Rectangle // the board's background and focus outline
	sel     *canvas.Rectangle // the selection's outline
	hint    *canvas.Text      // what to do on an empty board, or while connecting
	comps   []componentObjects
	arrows  []arrowObjects
	objects []fyne.CanvasObject

	// The theme's colours and sizes, read once per Refresh.
	fg, bgCol, primary, crossCol, unowned color.Color
	textSize                              float32
}

type componentObjects struct {
	box          *canvas.Rectangle
	caption      *canvas.Text // the kind, and the owning team's name
	label        *canvas.Text
	full         [2]string // the caption and label before truncation
	fitFor       [2]string // the caption and label, width and size the shown texts were cut for
	fitWidth     float32
	fitSize      float32
	captionShown string
	labelShown   string
}

type arrowObjects struct {
	line, head1, head2 *canvas.Line
	marker             *canvas.Circle // on arrows that cross a team boundary
	label              *canvas.Text
	labelBg            *canvas.Rectangle
	// labelSize is label's measured size, and the text and size it was measured for: measuring
	// 100 labels every frame took most of a frame's time.
	labelSize fyne.Size
	sizedFor  string
	sizedAt   float32
}

// IsClip keeps what lies beyond the board's edge from being drawn over its neighbours.
func (r *boardRenderer) IsClip() {}

func (r *boardRenderer) Destroy() {}

func (r *boardRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *boardRenderer) MinSize() fyne.Size { return fyne.NewSize(160, 160) }

// Refresh matches the objects to the diagram and the theme, then lays them out.
func (r *boardRenderer) Refresh() {
	b := r.b
	th := b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.fg = th.Color(theme.ColorNameForeground, v)
	r.bgCol = th.Color(theme.ColorNameInputBackground, v)
	r.primary = th.Color(theme.ColorNamePrimary, v)
	r.crossCol = th.Color(theme.ColorNameError, v)
	r.unowned = th.Color(theme.ColorNameDisabled, v)
	r.textSize = th.Size(theme.SizeNameText)

	if len(r.comps) != len(b.d.Components) || len(r.arrows) != len(b.d.Arrows) {
		r.rebuild()
	}
	setFill(r.bg, r.bgCol)
	if b.focused {
		setStroke(r.bg, r.primary, 2)
	} else {
		setStroke(r.bg, th.Color(theme.ColorNameInputBorder, v), 1)
	}
	for i, c := range b.d.Components {
		r.styleComponent(&r.comps[i], c)
	}
	for i, a := range b.d.Arrows {
		r.styleArrow(&r.arrows[i], a)
	}
	hint := ""
	switch {
	case b.connectFrom != "":
		hint = "Connecting: click the target, or select it with the arrow keys and press Enter"
	case len(b.d.Components) == 0 && !b.readOnly:
		hint = "Empty whiteboard: choose Add, or click here and press 1 to 9 or 0"
	case len(b.d.Components) == 0:
		hint = "No diagram was drawn"
	}
	setText(r.hint, hint, r.fg, r.textSize, fyne.TextStyle{Italic: true})
	r.Layout(b.Size())
	canvas.Refresh(r.bg)
}

// rebuild makes one set of objects per component and arrow, in drawing order: arrows under
// components, the selection outline under its component's box, the hint on top.
func (r *boardRenderer) rebuild() {
	b := r.b
	for len(r.comps) < len(b.d.Components) {
		r.comps = append(r.comps, componentObjects{
			box:     canvas.NewRectangle(color.Transparent),
			caption: canvas.NewText("", color.Black),
			label:   canvas.NewText("", color.Black),
		})
	}
	r.comps = r.comps[:len(b.d.Components)]
	for len(r.arrows) < len(b.d.Arrows) {
		r.arrows = append(r.arrows, arrowObjects{
			line: canvas.NewLine(color.Black), head1: canvas.NewLine(color.Black), head2: canvas.NewLine(color.Black),
			marker: canvas.NewCircle(color.Transparent), label: canvas.NewText("", color.Black),
			labelBg: canvas.NewRectangle(color.Transparent),
		})
	}
	r.arrows = r.arrows[:len(b.d.Arrows)]
	objs := make([]fyne.CanvasObject, 0, 2+3*len(r.comps)+5*len(r.arrows)+1)
	objs = append(objs, r.bg)
	for _, a := range r.arrows {
		objs = append(objs, a.line, a.head1, a.head2, a.marker)
	}
	objs = append(objs, r.sel)
	for _, c := range r.comps {
		objs = append(objs, c.box, c.caption, c.label)
	}
	// Arrow labels last, on a patch of the board's colour: a short arrow's label may reach over a box.
	for _, a := range r.arrows {
		objs = append(objs, a.labelBg, a.label)
	}
	r.objects = append(objs, r.hint)
}

func (r *boardRenderer) styleComponent(o *componentObjects, c diagram.Component) {
	team := r.unowned
	if c.Team != "" {
		team = parseColour(r.b.d.TeamColour(c.Team), r.unowned)
	}
	fill := team
	if c.Team == "" {
		fill = r.bgCol
	} else {
		fill = withAlpha(team, 0x38)
	}
	setFill(o.box, fill)
	setStroke(o.box, team, 2)
	radius := float32(4)
	switch c.Kind {
	case diagram.Database, diagram.ObjectStorage:
		radius = 18
	case diagram.Client, diagram.External:
		radius = 0
	}
	if o.box.CornerRadius != radius*r.b.zoom {
		o.box.CornerRadius = radius * r.b.zoom
		o.box.Refresh()
	}
	caption := c.Kind.Title()
	if caption == "" {
		caption = string(c.Kind)
	}
	if c.Team != "" {
		caption += " · " + c.Team
	}
	o.full = [2]string{caption, c.Label}
}

func (r *boardRenderer) styleArrow(o *arrowObjects, a diagram.Arrow) {
	col, width := r.fg, float32(1.5)
	cross := r.b.d.CrossesTeams(a)
	if cross {
		col, width = r.crossCol, 3.5
	}
	if a.ID == r.b.selected {
		col = r.primary
	}
	for _, l := range []*canvas.Line{o.line, o.head1, o.head2} {
		if l.StrokeColor != col || l.StrokeWidth != width*r.b.zoom {
			l.StrokeColor, l.StrokeWidth = col, width*r.b.zoom
			l.Refresh()
		}
	}
	if cross {
		o.marker.Show()
		setCircle(o.marker, r.bgCol, col, 2*r.b.zoom)
	} else {
		o.marker.Hide()
	}
	setText(o.label, a.Label, r.fg, r.textSize*0.85*r.b.zoom, fyne.TextStyle{Bold: cross})
	setFill(o.labelBg, withAlpha(r.bgCol, 0xe0))
}

// Layout places every object for the current zoom and pan.
func (r *boardRenderer) Layout(size fyne.Size) {
	b := r.b
	r.bg.Resize(size)
	r.bg.Move(fyne.Position{})
	z := b.zoom
	w, h := diagram.ComponentWidth*z, diagram.ComponentHeight*z
	pad := 8 * z
	r.sel.Hide()
	for i, c := range b.d.Components {
		o := &r.comps[i]
		p := b.toScreen(c.X, c.Y)
		o.box.Move(p)
		o.box.Resize(fyne.NewSize(w, h))
		captionSize, labelSize := r.textSize*0.8*z, r.textSize*z
		if o.fitWidth != w-2*pad || o.fitSize != labelSize || o.fitFor != o.full {
			o.fitWidth, o.fitSize, o.fitFor = w-2*pad, labelSize, o.full
			o.captionShown = truncateToWidth(o.full[0], captionSize, fyne.TextStyle{}, w-2*pad)
			o.labelShown = truncateToWidth(o.full[1], labelSize, fyne.TextStyle{Bold: true}, w-2*pad)
		}
		setText(o.caption, o.captionShown, r.fg, captionSize, fyne.TextStyle{})
		setText(o.label, o.labelShown, r.fg, labelSize, fyne.TextStyle{Bold: true})
		o.caption.Move(p.Add(fyne.NewPos(pad, pad*0.6)))
		o.caption.Resize(fyne.NewSize(w-2*pad, captionSize*1.4))
		o.label.Move(p.Add(fyne.NewPos(pad, h/2-labelSize*0.3)))
		o.label.Resize(fyne.NewSize(w-2*pad, labelSize*1.4))
		if c.ID == b.selected || c.ID == b.connectFrom {
			r.sel.Show()
			setFill(r.sel, color.Transparent)
			setStroke(r.sel, r.primary, 3)
			r.sel.CornerRadius = o.box.CornerRadius + 4
			r.sel.Move(p.Subtract(fyne.NewPos(5, 5)))
			r.sel.Resize(fyne.NewSize(w+10, h+10))
		}
	}
	for i, a := range b.d.Arrows {
		r.layoutArrow(&r.arrows[i], a)
	}
	if r.hint.Text != "" {
		r.hint.Move(fyne.NewPos(theme.Padding()*2, theme.Padding()*2))
		r.hint.Resize(r.hint.MinSize())
	}
}

func (r *boardRenderer) layoutArrow(o *arrowObjects, a diagram.Arrow) {
	b := r.b
	from, to, ok := b.arrowEnds(a)
	objs := []fyne.CanvasObject{o.line, o.head1, o.head2, o.label, o.labelBg}
	if !ok {
		for _, obj := range objs {
			obj.Hide()
		}
		o.marker.Hide()
		return
	}
	for _, obj := range objs {
		obj.Show()
	}
	p1, p2 := b.toScreen(from.X, from.Y), b.toScreen(to.X, to.Y)
	o.line.Position1, o.line.Position2 = p1, p2
	dx, dy := p2.X-p1.X, p2.Y-p1.Y
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 {
		l = 1
	}
	ux, uy := dx/l, dy/l
	head := 11 * b.zoom
	// Two strokes back from the tip, 28 degrees either side of the line.
	const c, s = 0.883, 0.469
	o.head1.Position1, o.head1.Position2 = p2, fyne.NewPos(p2.X-head*(ux*c-uy*s), p2.Y-head*(uy*c+ux*s))
	o.head2.Position1, o.head2.Position2 = p2, fyne.NewPos(p2.X-head*(ux*c+uy*s), p2.Y-head*(uy*c-ux*s))
	mid := fyne.NewPos((p1.X+p2.X)/2, (p1.Y+p2.Y)/2)
	if o.marker.Visible() {
		m := 6 * b.zoom
		o.marker.Position1, o.marker.Position2 = mid.Subtract(fyne.NewPos(m, m)), mid.Add(fyne.NewPos(m, m))
	}
	if o.label.Text != "" {
		if o.sizedFor != o.label.Text || o.sizedAt != o.label.TextSize {
			o.labelSize, o.sizedFor, o.sizedAt = o.label.MinSize(), o.label.Text, o.label.TextSize
		}
		ls := o.labelSize
		// Centred above a line that runs across, beside one that runs up or down: either way clear
		// of the line and of the marker on its middle.
		var at fyne.Position
		if abs32(dx) >= abs32(dy) {
			at = fyne.NewPos(mid.X-ls.Width/2, mid.Y-ls.Height-5*b.zoom)
		} else {
			at = fyne.NewPos(mid.X+9*b.zoom, mid.Y-ls.Height/2)
		}
		o.label.Move(at)
		o.label.Resize(ls)
		o.labelBg.Move(at.Subtract(fyne.NewPos(2, 0)))
		o.labelBg.Resize(ls.Add(fyne.NewSize(4, 0)))
	} else {
		o.labelBg.Hide()
	}
}

// truncateToWidth cuts s with an ellipsis so that it fits width at size.
func truncateToWidth(s string, size float32, style fyne.TextStyle, width float32) string {
	if s == "" || fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi { // the longest prefix that fits with the ellipsis
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(r[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(r[:lo]) + "…"
}

// setText, setFill, setStroke and setCircle change an object and refresh it only when something
// changed: a refresh drops the object's cached texture, and a drag frame changes none of these.
func setText(t *canvas.Text, s string, c color.Color, size float32, style fyne.TextStyle) {
	if t.Text == s && t.Color == c && t.TextSize == size && t.TextStyle == style {
		return
	}
	t.Text, t.Color, t.TextSize, t.TextStyle = s, c, size, style
	t.Refresh()
}

func setFill(r *canvas.Rectangle, c color.Color) {
	if r.FillColor != c {
		r.FillColor = c
		r.Refresh()
	}
}

func setStroke(r *canvas.Rectangle, c color.Color, w float32) {
	if r.StrokeColor != c || r.StrokeWidth != w {
		r.StrokeColor, r.StrokeWidth = c, w
		r.Refresh()
	}
}

func setCircle(o *canvas.Circle, fill, stroke color.Color, w float32) {
	if o.FillColor != fill || o.StrokeColor != stroke || o.StrokeWidth != w {
		o.FillColor, o.StrokeColor, o.StrokeWidth = fill, stroke, w
		o.Refresh()
	}
}

// parseColour reads "#rrggbb", or returns fallback.
func parseColour(s string, fallback color.Color) color.Color {
	if len(s) != 7 || s[0] != '#' {
		return fallback
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return fallback
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}
