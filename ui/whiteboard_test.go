package ui

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep/diagram"
)

// newTestWhiteboard shows a whiteboard in a test window 700×600 and records what it hands over.
func newTestWhiteboard(t *testing.T, d diagram.Diagram, teams ...string) (*whiteboard, fyne.Window, *[]diagram.Diagram) {
	t.Helper()
	test.NewTempApp(t)
	var got []diagram.Diagram
	w := test.NewTempWindow(t, widget.NewLabel(""))
	wb := newWhiteboard(d, teams, w, func(d diagram.Diagram) { got = append(got, d) })
	w.SetContent(wb.root)
	w.Resize(fyne.NewSize(700, 600))
	return wb, w, &got
}

// The keyboard alone draws, connects, labels, moves, deletes, undoes and redoes, with the board
// focused as Tab or a click leaves it.
func TestWhiteboardKeyboardDrawsAndEdits(t *testing.T) {
	wb, w, got := newTestWhiteboard(t, diagram.Diagram{})
	c := w.Canvas()
	c.Focus(wb.board)
	focused := func() fyne.Focusable {
		f := c.Focused()
		if f == nil {
			t.Fatal("nothing has the keyboard focus")
		}
		return f
	}
	key := func(k fyne.KeyName) { focused().TypedKey(&fyne.KeyEvent{Name: k}) }
	shortcut := func(s fyne.Shortcut) { focused().(fyne.Shortcutable).TypedShortcut(s) }
	ctrl := fyne.KeyModifierShortcutDefault

	test.Type(focused(), "134") // client, service, database
	d := wb.ed.Diagram()
	if len(d.Components) != 3 {
		t.Fatalf("%d components after typing 1 3 4, want 3", len(d.Components))
	}
	for i, want := range []diagram.Kind{diagram.Client, diagram.Service, diagram.Database} {
		if d.Components[i].Kind != want {
			t.Errorf("component %d is a %s, want a %s", i, d.Components[i].Kind, want)
		}
	}
	for i, a := range d.Components {
		for _, b := range d.Components[i+1:] {
			if math.Abs(float64(a.X-b.X)) < diagram.ComponentWidth && math.Abs(float64(a.Y-b.Y)) < diagram.ComponentHeight {
				t.Errorf("%s and %s overlap: %v,%v and %v,%v", a.ID, b.ID, a.X, a.Y, b.X, b.Y)
			}
		}
	}
	if wb.board.selected != d.Components[2].ID {
		t.Fatalf("the last added component is not selected: %q", wb.board.selected)
	}

	// Select the client with the arrow keys, connect it to the service.
	client, service, db := d.Components[0], d.Components[1], d.Components[2]
	wb.board.setSelected(db.ID)
	for range 3 {
		if wb.board.selected == client.ID {
			break
		}
		key(towards(db, client))
		db, _ = wb.ed.Diagram().Component(wb.board.selected)
	}
	if wb.board.selected != client.ID {
		t.Fatalf("arrow keys did not reach the client: %q selected", wb.board.selected)
	}
	test.Type(focused(), "c")
	key(towards(client, service))
	if wb.board.selected != service.ID {
		t.Fatalf("arrow key while connecting selected %q, want the service %s", wb.board.selected, service.ID)
	}
	key(fyne.KeyReturn)
	d = wb.ed.Diagram()
	if len(d.Arrows) != 1 || d.Arrows[0].From != client.ID || d.Arrows[0].To != service.ID {
		t.Fatalf("arrows after C, arrow, Enter: %+v", d.Arrows)
	}
	if focused() != wb.label {
		t.Fatalf("the new arrow's label field does not have the focus: %T", focused())
	}
	test.Type(focused(), "sync REST")
	if got := wb.ed.Diagram().Arrows[0].Label; got != "sync REST" {
		t.Errorf("arrow label %q, want %q", got, "sync REST")
	}
	wb.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if focused() != wb.board {
		t.Fatalf("Enter in the label field left the focus on %T, want the board", focused())
	}

	// Label the client, move it, delete the service (and its arrow).
	wb.board.setSelected(client.ID)
	key(fyne.KeyReturn)
	test.Type(focused(), "Card terminal")
	wb.label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: ctrl})
	shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: ctrl})
	shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: ctrl | fyne.KeyModifierShift})
	moved, _ := wb.ed.Diagram().Component(client.ID)
	if moved.Label != "Card terminal" || moved.X != client.X+2*keyMove || moved.Y != client.Y+1 {
		t.Fatalf("client after labelling and Ctrl+Right twice, Ctrl+Shift+Down: %+v (was at %v,%v)", moved, client.X, client.Y)
	}
	wb.board.setSelected(service.ID)
	key(fyne.KeyDelete)
	d = wb.ed.Diagram()
	if _, ok := d.Component(service.ID); ok || len(d.Arrows) != 0 {
		t.Fatalf("Delete left the service or its arrow: %+v %+v", d.Components, d.Arrows)
	}

	// Undo brings both back; both redo keys take them away again.
	if wb.undo.Disabled() || !wb.redo.Disabled() {
		t.Errorf("with edits to undo and none to redo: Undo disabled %v, Redo disabled %v", wb.undo.Disabled(), wb.redo.Disabled())
	}
	shortcut(&fyne.ShortcutUndo{})
	if wb.redo.Disabled() {
		t.Error("Redo is disabled after an undo")
	}
	if d := wb.ed.Diagram(); len(d.Components) != 3 || len(d.Arrows) != 1 {
		t.Fatalf("after Ctrl+Z: %d components, %d arrows, want 3 and 1", len(d.Components), len(d.Arrows))
	}
	shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: ctrl | fyne.KeyModifierShift})
	if d := wb.ed.Diagram(); len(d.Components) != 2 {
		t.Fatalf("after Ctrl+Shift+Z: %d components, want 2", len(d.Components))
	}
	shortcut(&fyne.ShortcutUndo{})
	shortcut(&fyne.ShortcutRedo{}) // Ctrl+Y
	if d := wb.ed.Diagram(); len(d.Components) != 2 {
		t.Fatalf("after Ctrl+Z, Ctrl+Y: %d components, want 2", len(d.Components))
	}

	// Every edit was handed over, the last being the diagram as it is.
	if len(*got) == 0 {
		t.Fatal("no diagram was handed over")
	}
	last := (*got)[len(*got)-1]
	if len(last.Components) != 2 || last.Components[0].Label != "Card terminal" {
		t.Errorf("the last diagram handed over is not the current one: %+v", last)
	}
}

// towards is the arrow key that points from a to b (the larger of the two distances).
func towards(a, b diagram.Component) fyne.KeyName {
	dx, dy := b.X-a.X, b.Y-a.Y
	if math.Abs(float64(dx)) >= math.Abs(float64(dy)) {
		if dx < 0 {
			return fyne.KeyLeft
		}
		return fyne.KeyRight
	}
	if dy < 0 {
		return fyne.KeyUp
	}
	return fyne.KeyDown
}

// dragBoard drags from one board point to another in steps, as the window sends it: each event
// carries the pointer's position now and the move since the last one.
func dragBoard(b *board, from, to fyne.Position) {
	const steps = 4
	last := from
	for i := 1; i <= steps; i++ {
		p := fyne.NewPos(from.X+(to.X-from.X)*float32(i)/steps, from.Y+(to.Y-from.Y)*float32(i)/steps)
		b.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}, Dragged: fyne.NewDelta(p.X-last.X, p.Y-last.Y)})
		last = p
	}
	b.DragEnd()
}

func twoBoxes() diagram.Diagram {
	return diagram.Diagram{Version: diagram.Version,
		Components: []diagram.Component{
			{ID: "c1", Kind: diagram.Service, Label: "Authoriser", X: 40, Y: 40},
			{ID: "c2", Kind: diagram.Database, Label: "Ledger", X: 340, Y: 240},
		}}
}

// The mouse selects, drags a component (one undo step), pans on empty board, connects with the
// Connect button and a click, and zooms with the wheel around the pointer.
func TestWhiteboardMouse(t *testing.T) {
	wb, w, _ := newTestWhiteboard(t, twoBoxes())
	b := wb.board
	b.zoom, b.pan = 1, fyne.Position{} // it opened fitted; the figures below are at zoom 1 from the origin
	inBox := func(id string) fyne.Position {
		c, _ := b.d.Component(id)
		return b.toScreen(c.X+20, c.Y+20)
	}
	test.TapAt(b, inBox("c1"))
	if b.selected != "c1" || w.Canvas().Focused() != b {
		t.Fatalf("a click on c1: selected %q, focus %T", b.selected, w.Canvas().Focused())
	}
	if wb.label.Text != "Authoriser" || wb.owner.Selected != ownerNone {
		t.Errorf("label field %q and owner %q, want the selection's", wb.label.Text, wb.owner.Selected)
	}

	dragBoard(b, inBox("c1"), inBox("c1").Add(fyne.NewPos(100, 50)))
	if c, _ := wb.ed.Diagram().Component("c1"); c.X != 140 || c.Y != 90 {
		t.Fatalf("c1 dragged by 100,50 is at %v,%v, want 140,90", c.X, c.Y)
	}
	wb.ed.Undo()
	if c, _ := wb.ed.Diagram().Component("c1"); c.X != 40 || c.Y != 40 {
		t.Fatalf("one undo after a drag leaves c1 at %v,%v, want it back at 40,40", c.X, c.Y)
	}

	panBefore := b.pan
	dragBoard(b, fyne.NewPos(600, 30), fyne.NewPos(560, 10)) // nothing there
	if b.pan != panBefore.Add(fyne.NewPos(40, 20)) {
		t.Errorf("dragging the empty board by -40,-20 panned to %v, want %v", b.pan, panBefore.Add(fyne.NewPos(40, 20)))
	}
	if c, _ := wb.ed.Diagram().Component("c1"); c.X != 40 {
		t.Error("panning moved a component")
	}

	test.TapAt(b, inBox("c1"))
	test.Tap(wb.connect)
	test.TapAt(b, inBox("c2"))
	if d := wb.ed.Diagram(); len(d.Arrows) != 1 || d.Arrows[0].From != "c1" || d.Arrows[0].To != "c2" {
		t.Fatalf("Connect then a click on c2 drew %+v", d.Arrows)
	}
	// A click on the arrow's middle selects it.
	from, to, _ := b.arrowEnds(wb.ed.Diagram().Arrows[0])
	test.TapAt(b, b.toScreen((from.X+to.X)/2, (from.Y+to.Y)/2))
	if b.selected != wb.ed.Diagram().Arrows[0].ID {
		t.Errorf("a click on the arrow selected %q", b.selected)
	}

	under := inBox("c2")
	x, y := b.toDiagram(under)
	b.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: under}, Scrolled: fyne.NewDelta(0, 10)})
	if b.zoom <= 1 {
		t.Fatalf("the wheel did not zoom in: %v", b.zoom)
	}
	if x2, y2 := b.toDiagram(under); math.Abs(float64(x2-x)) > 0.01 || math.Abs(float64(y2-y)) > 0.01 {
		t.Errorf("zooming moved the point under the pointer from %v,%v to %v,%v", x, y, x2, y2)
	}
}

// Owners: the prompt's teams are offered first; choosing one names it on the board; T cycles; the
// legend lists the teams; an arrow between two teams is drawn thicker and with a marker, one
// inside a team is not.
func TestWhiteboardTeamsAndCrossTeamArrows(t *testing.T) {
	d := twoBoxes()
	d.Components = append(d.Components, diagram.Component{ID: "c3", Kind: diagram.Cache, Label: "Balances", X: 340, Y: 40})
	d.Arrows = []diagram.Arrow{{ID: "a1", From: "c1", To: "c2", Label: "append"}, {ID: "a2", From: "c1", To: "c3", Label: "read"}}
	wb, _, _ := newTestWhiteboard(t, d, "Authorisations", "Ledger")
	b := wb.board

	b.setSelected("c1")
	if want := []string{ownerNone, "Authorisations", "Ledger", ownerNewTeam}; strings.Join(wb.owner.Options, "|") != strings.Join(want, "|") {
		t.Fatalf("owner choices %q, want %q", wb.owner.Options, want)
	}
	wb.owner.SetSelected("Authorisations")
	b.setSelected("c3")
	wb.owner.SetSelected("Authorisations")
	b.setSelected("c2")
	b.TypedRune('t') // first team on offer
	b.TypedRune('t') // the next
	got := wb.ed.Diagram()
	if c, _ := got.Component("c2"); c.Team != "Ledger" {
		t.Fatalf("c2 after T twice is owned by %q, want Ledger", c.Team)
	}
	if len(got.Teams) != 2 {
		t.Fatalf("teams on the board: %+v, want Authorisations and Ledger", got.Teams)
	}
	if !got.CrossesTeams(got.Arrows[0]) || got.CrossesTeams(got.Arrows[1]) {
		t.Fatal("test set-up: a1 should cross teams and a2 not")
	}

	legendText := ""
	walkObjects(wb.legend.root, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok {
			legendText += l.Text + "|"
		}
		return true
	})
	for _, want := range []string{"Authorisations", "Ledger", "crosses teams"} {
		if !strings.Contains(legendText, want) {
			t.Errorf("the legend %q does not name %q", legendText, want)
		}
	}

	r := test.WidgetRenderer(b).(*boardRenderer)
	cross, inside := r.arrows[0], r.arrows[1]
	if cross.line.StrokeWidth < 2*inside.line.StrokeWidth {
		t.Errorf("cross-team arrow %v wide, in-team %v: want it at least twice as thick", cross.line.StrokeWidth, inside.line.StrokeWidth)
	}
	if !cross.marker.Visible() || inside.marker.Visible() {
		t.Errorf("marker visible on the cross-team arrow: %v, on the in-team one: %v", cross.marker.Visible(), inside.marker.Visible())
	}
	if !cross.label.TextStyle.Bold {
		t.Error("the cross-team arrow's label is not bold")
	}
}

// What the renderer draws: an arrow runs from the source's outline to the target's, its head at
// the target; each component's texts sit inside its box; a long label is cut with an ellipsis; and
// at zoom 2 everything is twice as far from the view's origin.
func TestBoardRendererGeometry(t *testing.T) {
	d := twoBoxes()
	d.Components[0].Label = strings.Repeat("A very long label ", 4)
	d.Arrows = []diagram.Arrow{{ID: "a1", From: "c1", To: "c2", Label: "sync REST"}}
	wb, _, _ := newTestWhiteboard(t, d)
	b := wb.board
	r := test.WidgetRenderer(b).(*boardRenderer)

	onOutline := func(p fyne.Position, c diagram.Component) bool {
		x, y := b.toDiagram(p)
		in := func(v, lo, hi float32) bool { return v >= lo-0.5 && v <= hi+0.5 }
		onX := in(x, c.X, c.X+diagram.ComponentWidth) && (math.Abs(float64(y-c.Y)) < 0.5 || math.Abs(float64(y-c.Y-diagram.ComponentHeight)) < 0.5)
		onY := in(y, c.Y, c.Y+diagram.ComponentHeight) && (math.Abs(float64(x-c.X)) < 0.5 || math.Abs(float64(x-c.X-diagram.ComponentWidth)) < 0.5)
		return onX || onY
	}
	check := func(zoom string) {
		a := r.arrows[0]
		if !onOutline(a.line.Position1, d.Components[0]) || !onOutline(a.line.Position2, d.Components[1]) {
			t.Errorf("%s: the arrow runs %v to %v, not outline to outline", zoom, a.line.Position1, a.line.Position2)
		}
		if a.head1.Position1 != a.line.Position2 || a.head2.Position1 != a.line.Position2 {
			t.Errorf("%s: the arrowhead is not at the target end", zoom)
		}
		if a.label.Text != "sync REST" || !a.label.Visible() {
			t.Errorf("%s: arrow label %q", zoom, a.label.Text)
		}
		// A line that runs more across than down has its label centred above its middle, on a patch.
		midX := (a.line.Position1.X + a.line.Position2.X) / 2
		midY := (a.line.Position1.Y + a.line.Position2.Y) / 2
		lp, ls := a.label.Position(), a.label.Size()
		if math.Abs(float64(lp.X+ls.Width/2-midX)) > 1 || lp.Y+ls.Height > midY {
			t.Errorf("%s: arrow label at %v %v, want it centred above the line's middle %v,%v", zoom, lp, ls, midX, midY)
		}
		if bg := a.labelBg; !bg.Visible() || bg.Position().X > lp.X || bg.Size().Width < ls.Width {
			t.Errorf("%s: the label's patch %v %v does not lie under it", zoom, bg.Position(), bg.Size())
		}
		for i, o := range r.comps {
			box := fyne.NewSize(o.box.Size().Width, o.box.Size().Height)
			for _, txt := range []*canvas.Text{o.caption, o.label} {
				p := txt.Position().Subtract(o.box.Position())
				if p.X < 0 || p.Y < 0 || p.X+txt.MinSize().Width > box.Width || p.Y+txt.MinSize().Height > box.Height+1 {
					t.Errorf("%s: component %d's text %q at %v (%v) falls outside its box %v", zoom, i, txt.Text, p, txt.MinSize(), box)
				}
			}
		}
	}
	check("zoom 1")
	if l := r.comps[0].label.Text; !strings.HasSuffix(l, "…") || len(l) >= len(d.Components[0].Label) {
		t.Errorf("the long label is shown as %q, want it cut with an ellipsis", l)
	}
	if r.comps[1].label.Text != "Ledger" || r.comps[1].caption.Text != "Database" {
		t.Errorf("c2 shows %q / %q", r.comps[1].caption.Text, r.comps[1].label.Text)
	}
	b.pan = fyne.Position{}
	b.zoom = 2
	b.Refresh()
	check("zoom 2")
	if p := r.comps[1].box.Position(); p != fyne.NewPos(680, 480) {
		t.Errorf("c2 at zoom 2 drawn at %v, want 680,480", p)
	}
	if s := r.comps[1].box.Size(); s != fyne.NewSize(2*diagram.ComponentWidth, 2*diagram.ComponentHeight) {
		t.Errorf("c2 at zoom 2 is %v", s)
	}
}

// A read-only board (an attempt's diagram) opens fitted, and no key or drag changes the diagram.
func TestReadOnlyBoardOpensFittedAndIgnoresEdits(t *testing.T) {
	test.NewTempApp(t)
	d := twoBoxes()
	d.Components[1].X = 1500 // beyond the view at zoom 1
	v := newDiagramView(d)
	w := test.NewTempWindow(t, v.root)
	w.Resize(fyne.NewSize(600, 500))
	b := v.board
	r := test.WidgetRenderer(b).(*boardRenderer)
	for i, o := range r.comps {
		p, s := o.box.Position(), o.box.Size()
		if p.X < 0 || p.Y < 0 || p.X+s.Width > b.Size().Width || p.Y+s.Height > b.Size().Height {
			t.Errorf("component %d drawn at %v %v, outside the board %v", i, p, s, b.Size())
		}
	}
	test.Type(b, "123c")
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	c1 := b.toScreen(50, 50)
	dragBoard(b, c1, c1.Add(fyne.NewPos(80, 80)))
	if len(b.d.Components) != 2 || b.d.Components[0].X != 40 {
		t.Errorf("a read-only board changed: %+v", b.d.Components)
	}
}

// Undo with the cursor still in the label field puts the restored label in the field, so the next
// keystroke edits what the box shows, not the text that was undone. Typing a space keeps it in the
// field although the model's label is cleaned of the trailing space.
func TestWhiteboardUndoRefreshesTheLabelField(t *testing.T) {
	wb, w, _ := newTestWhiteboard(t, diagram.Diagram{})
	c := w.Canvas()
	c.Focus(wb.board)
	test.Type(c.Focused(), "1") // a client, selected
	id := wb.board.selected
	c.Focus(wb.label)
	wb.label.TypedShortcut(&fyne.ShortcutSelectAll{})
	test.Type(wb.label, "Card ")
	if wb.label.Text != "Card " {
		t.Fatalf("after typing a space the field shows %q, want %q", wb.label.Text, "Card ")
	}
	test.Type(wb.label, "terminal")
	if got, _ := wb.ed.Diagram().Component(id); got.Label != "Card terminal" {
		t.Fatalf("label %q after typing, want %q", got.Label, "Card terminal")
	}
	// In the real window a click on Undo leaves the cursor in the field; the test driver's Tap
	// would unfocus it, so the button is pressed as the window presses it.
	wb.undo.OnTapped()
	restored, _ := wb.ed.Diagram().Component(id)
	if wb.label.Text != restored.Label {
		t.Errorf("after Undo the field shows %q, the box %q", wb.label.Text, restored.Label)
	}
	test.Type(wb.label, "X")
	if got, _ := wb.ed.Diagram().Component(id); got.Label != restored.Label+"X" {
		t.Errorf("typing after Undo made the label %q, want %q", got.Label, restored.Label+"X")
	}
}

// The read-only card counts what was drawn in words a person reads: "1 component", not "1 components".
func TestDiagramCardCountsInTheSingular(t *testing.T) {
	d := diagram.Diagram{Version: diagram.Version, Components: []diagram.Component{{ID: "c1", Kind: diagram.Client, Label: "Card network"}}}
	card, ok := diagramCardOf(&d, nil, nil).(*widget.Card)
	if !ok {
		t.Fatalf("the card for a one-box diagram is %T, want a *widget.Card", diagramCardOf(&d, nil, nil))
	}
	if want := "1 component, 0 arrows, 0 teams"; card.Subtitle != want {
		t.Errorf("the card's subtitle is %q, want %q", card.Subtitle, want)
	}
}
