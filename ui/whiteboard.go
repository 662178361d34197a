package ui

import (
	"fmt"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/diagram"
)

// whiteboard is the editable whiteboard: the board (whiteboard_board.go) with its palette, the label
// and owner of the selection, undo and redo, zoom, and a legend of the teams. Every edit goes through
// one diagram.Editor, and after each the whole diagram is handed to onChange, as the answer's text is
// handed over on every keystroke: the round puts it in its draft and the draft saver writes it.
type whiteboard struct {
	ed          *diagram.Editor
	board       *board
	promptTeams []string // the prompt's teams, offered before any the candidate names
	onChange    func(diagram.Diagram)
	win         fyne.Window // for the "new team" question; may be nil in tests

	add     *widget.Select
	connect *widget.Button
	remove  *widget.Button
	undo    *widget.Button
	redo    *widget.Button
	label   *entry
	owner   *widget.Select
	message *widget.Label
	legend  *legend
	toolbar fyne.CanvasObject
	root    fyne.CanvasObject
	syncing bool // the panel is setting its own fields from the model: not an edit
	// typing is set while a keystroke in the label field is applied: the field already shows what
	// was typed (the model keeps it cleaned: no trailing space yet), so it is not written back.
	// Any other change (Undo, Redo, a new selection) writes the model's label into the field, even
	// with the cursor in it, so the next keystroke does not continue from stale text.
	typing bool
	// shown is what showSelection last showed: a drag changes none of it, and setting a Select
	// again costs more than the whole board's frame.
	shown    selectionShown
	onLarger func()
}

// Owner choices besides the teams.
const (
	ownerNone    = "No team"
	ownerNewTeam = "New team…"
)

func newWhiteboard(d diagram.Diagram, promptTeams []string, win fyne.Window, onChange func(diagram.Diagram)) *whiteboard {
	w := &whiteboard{ed: diagram.NewEditor(d), promptTeams: promptTeams, onChange: onChange, win: win}
	w.board = newBoard(w.ed, w.ed.Diagram(), false)
	w.board.onSelect = func(string) {
		w.say("") // a hint about the last selection is stale now
		w.showSelection()
	}
	w.board.onEditLabel = w.editLabel
	w.board.onNextTeam = w.nextTeam
	w.board.onMessage = w.say
	w.ed.OnChange(w.edited)

	kinds := make([]string, len(diagram.Palette))
	for i, k := range diagram.Palette {
		kinds[i] = k.Title()
	}
	w.add = widget.NewSelect(kinds, w.onAdd)
	w.add.PlaceHolder = "Add…"
	w.connect = widget.NewButtonWithIcon("Connect", theme.MailForwardIcon(), func() {
		w.board.startConnect()
		w.board.requestFocus()
	})
	w.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { w.board.deleteSelected() })
	w.undo = widget.NewButtonWithIcon("", theme.ContentUndoIcon(), func() { w.ed.Undo() })
	w.redo = widget.NewButtonWithIcon("", theme.ContentRedoIcon(), func() { w.ed.Redo() })
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { w.board.zoomCentre(1 / 1.25) })
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { w.board.zoomCentre(1.25) })
	fit := widget.NewButtonWithIcon("", theme.ZoomFitIcon(), w.board.fit)
	larger := widget.NewButtonWithIcon("", theme.ViewFullScreenIcon(), func() {
		if w.onLarger != nil {
			w.onLarger()
		}
	})
	w.label = newEntry()
	w.label.SetPlaceHolder("Label of the selection")
	w.label.OnChanged = w.onLabelChanged
	w.label.OnSubmitted = func(string) { w.board.requestFocus() }
	w.owner = widget.NewSelect(nil, w.onOwnerChosen)
	w.owner.PlaceHolder = "Owning team"
	w.message = widget.NewLabel("")
	w.message.Wrapping = fyne.TextWrapWord
	w.message.Importance = widget.LowImportance
	w.legend = newLegend()

	// Two short rows rather than one long one: beside the answer the panel may be 400 pixels wide.
	w.toolbar = container.NewVBox(
		container.NewHBox(w.add, w.connect, layout.NewSpacer(), w.remove, w.undo, w.redo),
		container.NewBorder(nil, nil, nil, w.owner, w.label),
	)
	view := container.NewHBox(zoomOut, zoomIn, fit, larger)
	w.root = container.NewBorder(w.toolbar, container.NewVBox(container.NewBorder(nil, nil, nil, view, w.legend.root), readable(w.message)),
		nil, nil, w.board)
	w.showSelection()
	w.legend.update(w.board.d)
	w.showHistory()
	return w
}

// showHistory enables Undo and Redo only when they would do something.
func (w *whiteboard) showHistory() {
	for _, x := range []struct {
		b  *widget.Button
		on bool
	}{{w.undo, w.ed.CanUndo()}, {w.redo, w.ed.CanRedo()}} {
		if x.on && x.b.Disabled() {
			x.b.Enable()
		} else if !x.on && !x.b.Disabled() {
			x.b.Disable()
		}
	}
}

// edited follows every change to the diagram: redraw, refresh the panel, hand the diagram over.
func (w *whiteboard) edited() {
	d := w.ed.Diagram()
	w.board.setDiagram(d)
	w.legend.update(d)
	w.showSelection()
	w.showHistory()
	if w.onChange != nil {
		w.onChange(w.ed.Diagram())
	}
}

func (w *whiteboard) say(s string) { w.message.SetText(s) }

type selectionShown struct {
	id, label, team string
	teams           int
	valid           bool
}

// showSelection fills the label field and the owner choice from the selection.
func (w *whiteboard) showSelection() {
	d, id := w.board.d, w.board.selected
	c, isComp := d.Component(id)
	a, isArrow := d.Arrow(id)
	now := selectionShown{id: id, label: c.Label + a.Label, team: c.Team, teams: len(d.Teams), valid: true}
	if now == w.shown {
		return
	}
	w.shown = now
	w.syncing = true
	defer func() { w.syncing = false }()
	switch {
	case isComp:
		if !w.typing {
			w.label.SetText(c.Label)
		}
		w.label.SetPlaceHolder("Label of the " + lowerFirst(c.Kind.Title()))
		w.label.Enable()
		w.owner.Options = w.ownerOptions()
		w.owner.Enable()
		if c.Team == "" {
			w.owner.SetSelected(ownerNone)
		} else {
			w.owner.SetSelected(c.Team)
		}
		w.connect.Enable()
	case isArrow:
		if !w.typing {
			w.label.SetText(a.Label)
		}
		w.label.SetPlaceHolder("Label of the arrow, e.g. sync REST or async event")
		w.label.Enable()
		w.owner.ClearSelected()
		w.owner.Disable()
		w.connect.Disable()
	default:
		w.label.SetText("")
		w.label.SetPlaceHolder("Select a component or an arrow to label it")
		w.label.Disable()
		w.owner.ClearSelected()
		w.owner.Disable()
		w.connect.Disable()
	}
	if id == "" {
		w.remove.Disable()
	} else {
		w.remove.Enable()
	}
}

// teamNames are the teams on offer: the prompt's first, then those named on the board.
func (w *whiteboard) teamNames() []string {
	names := slices.Clone(w.promptTeams)
	for _, t := range w.board.d.Teams {
		if !slices.Contains(names, t.Name) {
			names = append(names, t.Name)
		}
	}
	return names
}

func (w *whiteboard) ownerOptions() []string {
	return append(append([]string{ownerNone}, w.teamNames()...), ownerNewTeam)
}

func (w *whiteboard) onAdd(title string) {
	if title == "" {
		return
	}
	for _, k := range diagram.Palette {
		if k.Title() == title {
			w.board.addKind(k)
		}
	}
	w.add.ClearSelected() // the Select is a palette, not a setting
	w.board.requestFocus()
}

func (w *whiteboard) onLabelChanged(s string) {
	if w.syncing {
		return
	}
	w.typing = true
	defer func() { w.typing = false }()
	id := w.board.selected
	if _, ok := w.board.d.Component(id); ok {
		w.board.apply(diagram.RelabelComponent(id, s))
	} else if _, ok := w.board.d.Arrow(id); ok {
		w.board.apply(diagram.RelabelArrow(id, s))
	}
}

// editLabel puts the cursor in the label field, its text selected, ready to be typed over.
func (w *whiteboard) editLabel() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(w.label); c != nil && !w.label.Disabled() {
		c.Focus(w.label)
		w.label.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

func (w *whiteboard) onOwnerChosen(choice string) {
	if w.syncing {
		return
	}
	switch choice {
	case ownerNewTeam:
		w.askNewTeam()
	case ownerNone:
		w.setOwner("")
	default:
		w.setOwner(choice)
	}
}

// setOwner gives the selected component to team, naming the team on the board first if need be.
func (w *whiteboard) setOwner(team string) {
	id := w.board.selected
	if _, ok := w.board.d.Component(id); !ok {
		return
	}
	if _, named := w.board.d.Team(team); team != "" && !named {
		if _, err := w.ed.Apply(diagram.AddTeam(team)); err != nil {
			w.say(err.Error())
			return
		}
	}
	w.board.apply(diagram.SetOwner(id, team))
}

// nextTeam gives the selection to the next team on offer, then to none, then round again.
func (w *whiteboard) nextTeam() {
	c, ok := w.board.d.Component(w.board.selected)
	if !ok {
		w.say("Select a component to give it to a team.")
		return
	}
	cycle := append(w.teamNames(), "")
	if len(cycle) == 1 {
		w.say("No teams yet: choose " + ownerNewTeam + " under the owning team to name one.")
		return
	}
	next := cycle[(slices.Index(cycle, c.Team)+1)%len(cycle)]
	w.setOwner(next)
	if next == "" {
		w.say("Owned by no team.")
	} else {
		w.say("Owned by " + next + ".")
	}
}

func (w *whiteboard) askNewTeam() {
	if w.win == nil {
		return
	}
	name := newEntry()
	name.SetPlaceHolder("e.g. Payments platform")
	form := dialog.NewForm("Name a team", "Add", "Cancel", []*widget.FormItem{widget.NewFormItem("Team", name)},
		func(ok bool) {
			if n := diagram.CleanLabel(name.Text); ok && n != "" {
				w.setOwner(n)
			} else {
				w.showSelection()
			}
			w.board.requestFocus()
		}, w.win)
	form.Show()
	w.win.Canvas().Focus(name)
}

// legend shows each team's colour and how an interface between teams is drawn.
type legend struct {
	root  *container.Scroll
	items *fyne.Container
	shown []diagram.Team
}

func newLegend() *legend {
	l := &legend{items: container.NewHBox()}
	l.root = container.NewHScroll(l.items)
	return l
}

// update rebuilds the legend when the teams changed.
func (l *legend) update(d diagram.Diagram) {
	if slices.Equal(l.shown, d.Teams) && l.items.Objects != nil {
		return
	}
	l.shown = slices.Clone(d.Teams)
	var objs []fyne.CanvasObject
	for _, t := range d.Teams {
		swatch := canvas.NewRectangle(withAlpha(parseColour(d.TeamColour(t.Name), color.Gray{0x55}), 0x60))
		swatch.StrokeColor = parseColour(d.TeamColour(t.Name), color.Gray{0x55})
		swatch.StrokeWidth = 2
		swatch.SetMinSize(fyne.NewSize(18, 18))
		objs = append(objs, container.NewHBox(container.NewCenter(swatch), widget.NewLabel(t.Name)))
	}
	if len(d.Teams) == 0 {
		objs = append(objs, widget.NewLabelWithStyle("No teams yet", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	} else {
		objs = append(objs, container.NewHBox(container.NewCenter(newCrossSample()), widget.NewLabel("thick, with a dot: crosses teams")))
	}
	l.items.Objects = objs
	l.items.Refresh()
}

// newCrossSample draws a short cross-team arrow as the board draws one, for the legend.
func newCrossSample() fyne.CanvasObject {
	col := theme.Color(theme.ColorNameError)
	line := canvas.NewLine(col)
	line.StrokeWidth = 3.5
	line.Position1, line.Position2 = fyne.NewPos(0, 9), fyne.NewPos(36, 9)
	dot := canvas.NewCircle(theme.Color(theme.ColorNameInputBackground))
	dot.StrokeColor, dot.StrokeWidth = col, 2
	dot.Position1, dot.Position2 = fyne.NewPos(12, 3), fyne.NewPos(24, 15)
	box := container.NewWithoutLayout(line, dot)
	return container.NewGridWrap(fyne.NewSize(36, 18), box)
}

// diagramView shows a finished attempt's diagram, read-only, with its legend and zoom buttons.
type diagramView struct {
	board *board
	root  fyne.CanvasObject
}

func newDiagramView(d diagram.Diagram) *diagramView {
	v := &diagramView{board: newBoard(nil, d, true)}
	lg := newLegend()
	lg.update(d)
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { v.board.zoomCentre(1 / 1.25) })
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { v.board.zoomCentre(1.25) })
	fit := widget.NewButtonWithIcon("", theme.ZoomFitIcon(), v.board.fit)
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(zoomOut, zoomIn, fit), lg.root)
	v.root = container.New(&minHeight{420}, container.NewBorder(nil, bottom, nil, nil, v.board))
	return v
}

// diagramCard shows a finished attempt's whiteboard read-only, as it was at the end and, through a
// choice above it, at the end of each phase. It is nil when no diagram was drawn. The mouse wheel
// over it scrolls page (the screen's scroll), not the diagram: a page read top to bottom must not
// catch on it; the zoom buttons and + and - zoom.
func diagramCard(a prep.Attempt, page *container.Scroll) fyne.CanvasObject {
	return diagramCardOf(a.Diagram, a.DiagramSnapshots, page)
}

// diagramCardOf is the read-only whiteboard card for a diagram and its end-of-phase snapshots,
// wherever they come from: a saved attempt, or the draft being scored. Nil when nothing was drawn.
func diagramCardOf(diag *diagram.Diagram, snaps []prep.DiagramSnapshot, page *container.Scroll) fyne.CanvasObject {
	if diag == nil || diag.Empty() {
		return nil
	}
	v := newDiagramView(*diag)
	if page != nil {
		v.board.passScroll = page.Scrolled
	}
	d := *diag
	sub := prep.Count(len(d.Components), "component") + ", " + prep.Count(len(d.Arrows), "arrow") + ", " + prep.Count(len(d.Teams), "team")
	if len(snaps) == 0 {
		return widget.NewCard("Whiteboard", sub, v.root)
	}
	const final = "As finished"
	choices := []string{final}
	for _, s := range snaps {
		choices = append(choices, fmt.Sprintf("End of %s (%s)", s.Phase, formatDuration(s.At)))
	}
	pick := widget.NewSelect(choices, func(c string) {
		i := slices.Index(choices, c)
		switch {
		case i == 0:
			v.board.setDiagram(d)
		case i > 0:
			v.board.setDiagram(snaps[i-1].Diagram)
		}
		v.board.fit()
	})
	pick.SetSelected(final)
	return widget.NewCard("Whiteboard", sub, container.NewBorder(container.NewHBox(widget.NewLabel("Show"), pick), nil, nil, nil, v.root))
}
