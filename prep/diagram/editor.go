package diagram

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Op is one change to a diagram, applied through an Editor. The constructors below make them.
type Op interface {
	// apply changes d in place, or returns why it cannot and leaves d as it was. It returns the ID
	// of a component or arrow it created.
	apply(d *Diagram) (id string, err error)
}

// ErrNoSuchItem is wrapped by an Op that names a component, arrow or team the diagram lacks.
var ErrNoSuchItem = errors.New("no such item in the diagram")

type addComponent struct {
	kind  Kind
	label string
	x, y  float32
}

// AddComponent adds a component of kind at (x, y); the Editor assigns its ID and returns it.
func AddComponent(kind Kind, label string, x, y float32) Op {
	return addComponent{kind, label, x, y}
}

func (o addComponent) apply(d *Diagram) (string, error) {
	if !o.kind.Valid() {
		return "", fmt.Errorf("add a component: kind %q is not one of the palette's", o.kind)
	}
	if len(d.Components) >= MaxComponents {
		return "", fmt.Errorf("add a component: the diagram has %d already, the most it holds", MaxComponents)
	}
	label := CleanLabel(o.label)
	if err := labelErr(label, MaxLabel); err != nil {
		return "", fmt.Errorf("add a component: %w", err)
	}
	c := Component{ID: nextID(d, "c"), Kind: o.kind, Label: label, X: clampCoord(o.x), Y: clampCoord(o.y)}
	d.Components = append(d.Components, c)
	return c.ID, nil
}

type moveComponent struct {
	id   string
	x, y float32
}

// MoveComponent moves a component's top-left corner to (x, y). Consecutive moves of one component
// coalesce into one undo step (a drag is one step), until another op, an undo or Editor.EndMove.
func MoveComponent(id string, x, y float32) Op { return moveComponent{id, x, y} }

func (o moveComponent) apply(d *Diagram) (string, error) {
	i := d.componentIndex(o.id)
	if i < 0 {
		return "", noSuch("move", "component", o.id)
	}
	d.Components[i].X, d.Components[i].Y = clampCoord(o.x), clampCoord(o.y)
	return "", nil
}

type relabelComponent struct{ id, label string }

// RelabelComponent sets a component's label. Consecutive relabels of one component coalesce into
// one undo step, as moves do.
func RelabelComponent(id, label string) Op { return relabelComponent{id, label} }

func (o relabelComponent) apply(d *Diagram) (string, error) {
	i := d.componentIndex(o.id)
	if i < 0 {
		return "", noSuch("relabel", "component", o.id)
	}
	label := CleanLabel(o.label)
	if err := labelErr(label, MaxLabel); err != nil {
		return "", fmt.Errorf("relabel component %s: %w", o.id, err)
	}
	d.Components[i].Label = label
	return "", nil
}

type setOwner struct{ id, team string }

// SetOwner makes team the owner of a component; team "" clears the owner.
func SetOwner(id, team string) Op { return setOwner{id, team} }

func (o setOwner) apply(d *Diagram) (string, error) {
	i := d.componentIndex(o.id)
	if i < 0 {
		return "", noSuch("set the owner of", "component", o.id)
	}
	if o.team != "" && d.teamIndex(o.team) < 0 {
		return "", fmt.Errorf("set the owner of component %s: team %q: %w", o.id, o.team, ErrNoSuchItem)
	}
	d.Components[i].Team = o.team
	return "", nil
}

type connect struct{ from, to, label string }

// Connect draws an arrow from one component to another; the Editor assigns its ID and returns it.
func Connect(from, to, label string) Op { return connect{from, to, label} }

func (o connect) apply(d *Diagram) (string, error) {
	for _, id := range []string{o.from, o.to} {
		if d.componentIndex(id) < 0 {
			return "", noSuch("connect", "component", id)
		}
	}
	if o.from == o.to {
		return "", fmt.Errorf("connect: an arrow needs two different components (both ends are %s)", o.from)
	}
	if len(d.Arrows) >= MaxArrows {
		return "", fmt.Errorf("connect: the diagram has %d arrows already, the most it holds", MaxArrows)
	}
	label := CleanLabel(o.label)
	if err := labelErr(label, MaxArrowLabel); err != nil {
		return "", fmt.Errorf("connect: %w", err)
	}
	a := Arrow{ID: nextID(d, "a"), From: o.from, To: o.to, Label: label}
	d.Arrows = append(d.Arrows, a)
	return a.ID, nil
}

type relabelArrow struct{ id, label string }

// RelabelArrow sets an arrow's label. Consecutive relabels of one arrow coalesce into one undo step.
func RelabelArrow(id, label string) Op { return relabelArrow{id, label} }

func (o relabelArrow) apply(d *Diagram) (string, error) {
	i := d.arrowIndex(o.id)
	if i < 0 {
		return "", noSuch("relabel", "arrow", o.id)
	}
	label := CleanLabel(o.label)
	if err := labelErr(label, MaxArrowLabel); err != nil {
		return "", fmt.Errorf("relabel arrow %s: %w", o.id, err)
	}
	d.Arrows[i].Label = label
	return "", nil
}

type deleteItems struct{ ids []string }

// Delete removes components (and the arrows touching them) and arrows, by ID, as one undo step.
func Delete(ids ...string) Op { return deleteItems{slices.Clone(ids)} }

func (o deleteItems) apply(d *Diagram) (string, error) {
	if len(o.ids) == 0 {
		return "", errors.New("delete: nothing is selected")
	}
	gone := map[string]bool{}
	for _, id := range o.ids {
		if d.componentIndex(id) < 0 && d.arrowIndex(id) < 0 {
			return "", noSuch("delete", "component or arrow", id)
		}
		gone[id] = true
	}
	d.Components = slices.DeleteFunc(d.Components, func(c Component) bool { return gone[c.ID] })
	d.Arrows = slices.DeleteFunc(d.Arrows, func(a Arrow) bool { return gone[a.ID] || gone[a.From] || gone[a.To] })
	return "", nil
}

type addTeam struct{ name string }

// AddTeam adds a team, coloured with the first of TeamColours no team uses yet.
func AddTeam(name string) Op { return addTeam{name} }

func (o addTeam) apply(d *Diagram) (string, error) {
	name := CleanLabel(o.name)
	if name == "" {
		return "", errors.New("add a team: the name is empty")
	}
	if err := labelErr(name, MaxTeamName); err != nil {
		return "", fmt.Errorf("add a team: %w", err)
	}
	if d.teamIndex(name) >= 0 {
		return "", fmt.Errorf("add a team: there is a team %q already", name)
	}
	if len(d.Teams) >= MaxTeams {
		return "", fmt.Errorf("add a team: the diagram has %d teams already, the most it holds", MaxTeams)
	}
	d.Teams = append(d.Teams, Team{Name: name, Colour: freeColour(d.Teams)})
	return "", nil
}

type removeTeam struct{ name string }

// RemoveTeam removes a team; the components it owned become unowned.
func RemoveTeam(name string) Op { return removeTeam{name} }

func (o removeTeam) apply(d *Diagram) (string, error) {
	i := d.teamIndex(o.name)
	if i < 0 {
		return "", fmt.Errorf("remove team %q: %w", o.name, ErrNoSuchItem)
	}
	d.Teams = slices.Delete(d.Teams, i, i+1)
	for j := range d.Components {
		if d.Components[j].Team == o.name {
			d.Components[j].Team = ""
		}
	}
	return "", nil
}

func noSuch(verb, what, id string) error {
	return fmt.Errorf("%s %s %q: %w", verb, what, id, ErrNoSuchItem)
}

func labelErr(label string, max int) error {
	if n := utf8.RuneCountInString(label); n > max {
		return fmt.Errorf("the label is %d characters, at most %d", n, max)
	}
	return nil
}

func clampCoord(v float32) float32 {
	switch {
	case v != v: // NaN: a division by a zero zoom somewhere; put the box at the origin, not nowhere
		return 0
	case v > MaxCoordinate:
		return MaxCoordinate
	case v < -MaxCoordinate:
		return -MaxCoordinate
	}
	return v
}

// nextID is prefix followed by one more than the highest number any ID with that prefix carries, so
// an ID is never reused within a diagram's life while its item exists (an undone add's ID may return).
func nextID(d *Diagram, prefix string) string {
	highest := 0
	check := func(id string) {
		if rest, ok := strings.CutPrefix(id, prefix); ok {
			if n, err := strconv.Atoi(rest); err == nil && n > highest {
				highest = n
			}
		}
	}
	for _, c := range d.Components {
		check(c.ID)
	}
	for _, a := range d.Arrows {
		check(a.ID)
	}
	return prefix + strconv.Itoa(highest+1)
}

func freeColour(teams []Team) string {
	for _, c := range TeamColours {
		if !slices.ContainsFunc(teams, func(t Team) bool { return strings.EqualFold(t.Colour, c) }) {
			return c
		}
	}
	return TeamColours[len(teams)%len(TeamColours)]
}

// Editor applies Ops to a diagram and keeps their undo and redo history. It is not safe for use by
// several goroutines: the canvas owns it, and hands Diagram() copies to the saver.
type Editor struct {
	d         Diagram
	undo      []Diagram // the diagram before each undoable step, oldest first
	redo      []Diagram
	moving    string // what the ops that coalesce into the top undo step change (coalesceKey), or ""
	listeners []func()
}

// NewEditor starts editing a copy of d, with an empty history.
func NewEditor(d Diagram) *Editor {
	d = d.Clone()
	if d.Version == 0 {
		d.Version = Version
	}
	return &Editor{d: d}
}

// Apply applies op as one undo step (moves of one component in a row share one step, as do
// relabels of one component or arrow) and returns
// the ID of the component or arrow it created, else "". On error the diagram and history are as
// they were and no listener is called.
func (e *Editor) Apply(op Op) (string, error) {
	if op == nil {
		return "", errors.New("apply: no operation")
	}
	before := e.d.Clone()
	id, err := op.apply(&e.d)
	if err != nil {
		e.d = before
		return "", err
	}
	key := coalesceKey(op)
	if key == "" || key != e.moving {
		e.undo = append(e.undo, before)
		if len(e.undo) > maxUndoHistory {
			e.undo = slices.Delete(e.undo, 0, len(e.undo)-maxUndoHistory)
		}
	}
	e.moving = key
	e.redo = nil
	e.changed()
	return id, nil
}

// coalesceKey names what op changes when a run of such ops is one undo step: moves of one
// component (a drag), and relabels of one component or one arrow (the label field relabels at
// every keystroke, and typing a label was undone a letter at a time). "" for any other op.
func coalesceKey(op Op) string {
	switch o := op.(type) {
	case moveComponent:
		return "move " + o.id
	case relabelComponent:
		return "relabel component " + o.id
	case relabelArrow:
		return "relabel arrow " + o.id
	}
	return ""
}

// EndMove ends a run of moves or relabels: the next move of the same component is a new undo step. The canvas
// calls it when a drag ends, so two drags of one box undo one at a time.
func (e *Editor) EndMove() { e.moving = "" }

// Undo goes back one step; false when there is nothing to undo.
func (e *Editor) Undo() bool {
	if len(e.undo) == 0 {
		return false
	}
	e.redo = append(e.redo, e.d)
	e.d = e.undo[len(e.undo)-1]
	e.undo = e.undo[:len(e.undo)-1]
	e.moving = ""
	e.changed()
	return true
}

// Redo goes forward one undone step; false when there is none.
func (e *Editor) Redo() bool {
	if len(e.redo) == 0 {
		return false
	}
	e.undo = append(e.undo, e.d)
	e.d = e.redo[len(e.redo)-1]
	e.redo = e.redo[:len(e.redo)-1]
	e.moving = ""
	e.changed()
	return true
}

// CanUndo and CanRedo say whether Undo and Redo would do anything (for enabling their buttons).
func (e *Editor) CanUndo() bool { return len(e.undo) > 0 }

// CanRedo says whether Redo would do anything.
func (e *Editor) CanRedo() bool { return len(e.redo) > 0 }

// Diagram returns a copy of the diagram, safe to hand to a saver or another goroutine.
func (e *Editor) Diagram() Diagram { return e.d.Clone() }

// OnChange adds f to the functions called after every successful Apply, Undo and Redo.
func (e *Editor) OnChange(f func()) {
	if f != nil {
		e.listeners = append(e.listeners, f)
	}
}

func (e *Editor) changed() {
	for _, f := range e.listeners {
		f()
	}
}
