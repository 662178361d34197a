package diagram

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// mustApply applies op and fails the test on error.
func mustApply(t *testing.T, e *Editor, op Op) string {
	t.Helper()
	id, err := e.Apply(op)
	if err != nil {
		t.Fatalf("Apply(%#v): %v", op, err)
	}
	return id
}

func TestEditorAddsConnectsAndAssignsIDs(t *testing.T) {
	e := NewEditor(Diagram{})
	c1 := mustApply(t, e, AddComponent(Client, "  Mobile\napp ", 0, 0))
	c2 := mustApply(t, e, AddComponent(Service, "API", 300, 0))
	a1 := mustApply(t, e, Connect(c1, c2, "sync REST"))
	if c1 != "c1" || c2 != "c2" || a1 != "a1" {
		t.Fatalf("IDs = %s, %s, %s; want c1, c2, a1", c1, c2, a1)
	}
	d := e.Diagram()
	if d.Version != Version {
		t.Errorf("Version = %d, want %d", d.Version, Version)
	}
	if got := d.Components[0].Label; got != "Mobile app" {
		t.Errorf("label = %q, want the pasted newline folded to a space and trimmed", got)
	}
	if p := d.Validate(); p != nil {
		t.Errorf("Validate() = %v on an editor-built diagram", p)
	}
	// Deleting c1 takes a1 with it; the next component is c3, not a reused c1.
	mustApply(t, e, Delete(c1))
	if d := e.Diagram(); len(d.Components) != 1 || len(d.Arrows) != 0 {
		t.Fatalf("after deleting c1: %d components, %d arrows; want 1 and 0", len(d.Components), len(d.Arrows))
	}
	if id := mustApply(t, e, AddComponent(Cache, "", 0, 0)); id != "c3" {
		t.Errorf("next ID = %s, want c3", id)
	}
}

func TestEditorUndoRedo(t *testing.T) {
	e := NewEditor(Diagram{})
	changes := 0
	e.OnChange(func() { changes++ })
	c1 := mustApply(t, e, AddComponent(Database, "Orders", 10, 10))
	mustApply(t, e, AddTeam("Payments"))
	mustApply(t, e, SetOwner(c1, "Payments"))
	mustApply(t, e, RelabelComponent(c1, "Orders DB"))
	want := e.Diagram()

	for range 4 {
		if !e.Undo() {
			t.Fatal("Undo() = false with steps left")
		}
	}
	if e.Undo() || e.CanUndo() {
		t.Fatal("Undo() went past the first step")
	}
	if d := e.Diagram(); !d.Empty() {
		t.Fatalf("after undoing everything: %+v, want empty", d)
	}
	for range 4 {
		if !e.Redo() {
			t.Fatal("Redo() = false with steps undone")
		}
	}
	if e.Redo() {
		t.Fatal("Redo() with nothing undone")
	}
	if got := e.Diagram(); !reflect.DeepEqual(got, want) {
		t.Fatalf("after redoing everything:\n got %+v\nwant %+v", got, want)
	}
	if changes != 12 {
		t.Errorf("OnChange called %d times, want 12 (4 applies, 4 undos, 4 redos)", changes)
	}
	// A new op after an undo drops the redo history.
	e.Undo()
	mustApply(t, e, RelabelComponent(c1, "Ledger"))
	if e.CanRedo() {
		t.Error("CanRedo() after a new op")
	}
}

func TestEditorMovesCoalesce(t *testing.T) {
	e := NewEditor(Diagram{})
	c1 := mustApply(t, e, AddComponent(Service, "A", 0, 0))
	c2 := mustApply(t, e, AddComponent(Service, "B", 200, 0))
	for i := range 30 { // one drag: thirty frames
		mustApply(t, e, MoveComponent(c1, float32(i), float32(2*i)))
	}
	e.EndMove()
	mustApply(t, e, MoveComponent(c1, 500, 500)) // a second drag of the same box
	mustApply(t, e, MoveComponent(c2, 7, 7))     // a move of another box
	mustApply(t, e, MoveComponent(c1, 600, 600)) // and back to the first: a new step again

	at := func(id string) (float32, float32) {
		c, _ := e.Diagram().Component(id)
		return c.X, c.Y
	}
	steps := []struct {
		id   string
		x, y float32
	}{{c1, 500, 500}, {c2, 200, 0}, {c1, 29, 58}, {c1, 0, 0}}
	for i, s := range steps {
		if !e.Undo() {
			t.Fatalf("undo %d: nothing to undo", i+1)
		}
		if x, y := at(s.id); x != s.x || y != s.y {
			t.Fatalf("after undo %d: %s at (%v, %v), want (%v, %v)", i+1, s.id, x, y, s.x, s.y)
		}
	}
	if !e.Undo() || len(e.Diagram().Components) != 1 {
		t.Fatal("the fifth undo should remove B's add")
	}
}

// Typing a label relabels at every keystroke; a typed label is one undo step, not one per letter.
func TestEditorRelabelsCoalesce(t *testing.T) {
	e := NewEditor(Diagram{})
	c1 := mustApply(t, e, AddComponent(Service, "A", 0, 0))
	c2 := mustApply(t, e, AddComponent(Service, "B", 200, 0))
	a := mustApply(t, e, Connect(c1, c2, ""))
	typeLabel := func(op func(id, label string) Op, id, text string) {
		for n := 1; n <= len(text); n++ {
			mustApply(t, e, op(id, text[:n]))
		}
	}
	typeLabel(RelabelComponent, c1, "Ledger")
	typeLabel(RelabelArrow, a, "writes")
	typeLabel(RelabelComponent, c2, "Kafka")
	typeLabel(RelabelComponent, c1, "Core") // back to the first box: a new step
	e.EndMove()
	typeLabel(RelabelComponent, c1, "L") // after EndMove, a new step too

	labels := func() string {
		d := e.Diagram()
		x, _ := d.Component(c1)
		y, _ := d.Component(c2)
		z, _ := d.Arrow(a)
		return x.Label + "|" + y.Label + "|" + z.Label
	}
	for i, want := range []string{"Core|Kafka|writes", "Ledger|Kafka|writes", "Ledger|B|writes", "Ledger|B|", "A|B|"} {
		if !e.Undo() {
			t.Fatalf("undo %d: nothing to undo", i+1)
		}
		if got := labels(); got != want {
			t.Fatalf("after undo %d: labels %q, want %q", i+1, got, want)
		}
	}
	if !e.Redo() || labels() != "Ledger|B|" {
		t.Fatalf("redo brings back the whole arrow label: %q", labels())
	}
}

func TestEditorRejectsBadOpsAndChangesNothing(t *testing.T) {
	e := NewEditor(Diagram{})
	c1 := mustApply(t, e, AddComponent(Service, "A", 0, 0))
	mustApply(t, e, AddTeam("Core"))
	before := e.Diagram()
	calls := 0
	e.OnChange(func() { calls++ })
	for name, op := range map[string]Op{
		"unknown kind":      AddComponent("mainframe", "x", 0, 0),
		"label too long":    AddComponent(Box, strings.Repeat("x", MaxLabel+1), 0, 0),
		"move missing":      MoveComponent("c9", 1, 1),
		"relabel missing":   RelabelComponent("c9", "x"),
		"owner missing":     SetOwner(c1, "Nobody"),
		"connect missing":   Connect(c1, "c9", ""),
		"connect to itself": Connect(c1, c1, ""),
		"arrow label long":  RelabelArrow("a1", "x"),
		"delete nothing":    Delete(),
		"delete missing":    Delete(c1, "c9"),
		"team twice":        AddTeam("Core"),
		"team empty":        AddTeam(" \t"),
		"remove no team":    RemoveTeam("Nobody"),
	} {
		if _, err := e.Apply(op); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := e.Apply(MoveComponent("c9", 0, 0)); !errors.Is(err, ErrNoSuchItem) {
		t.Errorf("moving a missing component: %v, want ErrNoSuchItem", err)
	}
	if got := e.Diagram(); !reflect.DeepEqual(got, before) {
		t.Errorf("a failed op changed the diagram:\n got %+v\nwant %+v", got, before)
	}
	if calls != 0 || e.CanRedo() {
		t.Errorf("failed ops: %d change calls, CanRedo %v; want 0, false", calls, e.CanRedo())
	}
	// The limits hold in the editor, not only in Validate.
	for range MaxComponents - 1 {
		mustApply(t, e, AddComponent(Box, "", 0, 0))
	}
	if _, err := e.Apply(AddComponent(Box, "", 0, 0)); err == nil {
		t.Errorf("added component %d, past MaxComponents", MaxComponents+1)
	}
}

func TestTeamsColoursAndRemoval(t *testing.T) {
	e := NewEditor(Diagram{})
	a := mustApply(t, e, AddComponent(Service, "A", 0, 0))
	b := mustApply(t, e, AddComponent(Service, "B", 300, 0))
	arrow := mustApply(t, e, Connect(a, b, "async event"))
	mustApply(t, e, AddTeam("Payments"))
	mustApply(t, e, AddTeam("Platform"))
	mustApply(t, e, SetOwner(a, "Payments"))
	d := e.Diagram()
	ar, _ := d.Arrow(arrow)
	if d.CrossesTeams(ar) {
		t.Error("CrossesTeams with one end unowned")
	}
	mustApply(t, e, SetOwner(b, "Platform"))
	d = e.Diagram()
	if !d.CrossesTeams(ar) {
		t.Error("CrossesTeams = false between Payments and Platform")
	}
	if d.Teams[0].Colour != TeamColours[0] || d.Teams[1].Colour != TeamColours[1] {
		t.Errorf("team colours = %s, %s; want the first two of TeamColours", d.Teams[0].Colour, d.Teams[1].Colour)
	}
	mustApply(t, e, RemoveTeam("Payments"))
	mustApply(t, e, AddTeam("Growth")) // takes the colour Payments freed
	d = e.Diagram()
	if c, _ := d.Component(a); c.Team != "" {
		t.Errorf("A's team after removing Payments = %q, want unowned", c.Team)
	}
	if g, _ := d.Team("Growth"); g.Colour != TeamColours[0] {
		t.Errorf("Growth's colour = %s, want the freed %s", g.Colour, TeamColours[0])
	}
	if d.TeamColour("") != UnownedColour || d.TeamColour("Growth") != TeamColours[0] {
		t.Error("TeamColour does not follow the teams")
	}
}

func TestCloneSharesNothing(t *testing.T) {
	d := Diagram{Version: 1, Components: []Component{{ID: "c1", Kind: Box}}, Arrows: []Arrow{{ID: "a1"}}, Teams: []Team{{Name: "T"}}}
	c := d.Clone()
	c.Components[0].Label, c.Arrows[0].Label, c.Teams[0].Name = "x", "x", "x"
	if d.Components[0].Label != "" || d.Arrows[0].Label != "" || d.Teams[0].Name != "T" {
		t.Error("editing a clone changed the original")
	}
	e := NewEditor(d)
	got := e.Diagram()
	got.Components[0].X = 99
	if c, _ := e.Diagram().Component("c1"); c.X != 0 {
		t.Error("editing Editor.Diagram()'s copy changed the editor's diagram")
	}
}

func TestValidate(t *testing.T) {
	good := Diagram{
		Version:    1,
		Components: []Component{{ID: "c1", Kind: Service, Label: "API", Team: "Core"}, {ID: "c2", Kind: Database, Label: "DB"}},
		Arrows:     []Arrow{{ID: "a1", From: "c1", To: "c2", Label: "SQL"}},
		Teams:      []Team{{Name: "Core", Colour: "#0072b2"}},
	}
	if p := good.Validate(); p != nil {
		t.Fatalf("Validate() on a sound diagram = %v", p)
	}
	cases := []struct {
		name  string
		edit  func(d *Diagram)
		wants string
	}{
		{"newer version", func(d *Diagram) { d.Version = 2 }, "version 2"},
		{"arrow to nowhere", func(d *Diagram) { d.Arrows[0].From = "c9" }, `arrow "a1": from "c9": no such component`},
		{"self arrow", func(d *Diagram) { d.Arrows[0].To = "c1" }, "to itself"},
		{"duplicate id", func(d *Diagram) { d.Components[1].ID = "c1" }, "id already used"},
		{"arrow id reuses component's", func(d *Diagram) { d.Arrows[0].ID = "c2" }, "id already used by a component"},
		{"bad kind", func(d *Diagram) { d.Components[0].Kind = "mainframe" }, "not one of the palette's"},
		{"label too long", func(d *Diagram) { d.Components[0].Label = strings.Repeat("é", MaxLabel+1) }, "81 characters, at most 80"},
		{"arrow label too long", func(d *Diagram) { d.Arrows[0].Label = strings.Repeat("x", MaxArrowLabel+1) }, "at most 60"},
		{"control character", func(d *Diagram) { d.Components[0].Label = "a\x1b[31mb" }, "control character U+001B"},
		{"newline", func(d *Diagram) { d.Arrows[0].Label = "a\nb" }, "control character U+000A"},
		{"bad utf-8", func(d *Diagram) { d.Components[0].Label = "\xff" }, "not valid UTF-8"},
		{"unknown team", func(d *Diagram) { d.Components[1].Team = "Ghosts" }, `team "Ghosts": no such team`},
		{"bad colour", func(d *Diagram) { d.Teams[0].Colour = `red"/><script>` }, "is not #rrggbb"},
		{"team twice", func(d *Diagram) { d.Teams = append(d.Teams, d.Teams[0]) }, "named twice"},
		{"empty team", func(d *Diagram) { d.Teams[0].Name = " "; d.Components[0].Team = " " }, "name is empty"},
		{"far away", func(d *Diagram) { d.Components[0].X = 1e9 }, "outside"},
		{"empty id", func(d *Diagram) { d.Components[0].ID = "" }, "component 1: id is empty"},
		{"id with markup", func(d *Diagram) { d.Arrows[0].ID = `<a>` }, "only letters, digits"},
		{"too many components", func(d *Diagram) { d.Components = make([]Component, MaxComponents+1) }, "201 components: at most 200"},
		{"too many arrows", func(d *Diagram) { d.Arrows = make([]Arrow, MaxArrows+1) }, "401 arrows: at most 400"},
		{"too many teams", func(d *Diagram) { d.Teams = make([]Team, MaxTeams+1) }, "13 teams: at most 12"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := good.Clone()
			tc.edit(&d)
			p := d.Validate()
			if !strings.Contains(strings.Join(p, "\n"), tc.wants) {
				t.Errorf("Validate() = %q, want a problem containing %q", p, tc.wants)
			}
		})
	}
	// A 100,000-character label makes a short message, not a 100,000-character one.
	d := good.Clone()
	d.Components[0].ID = strings.Repeat("x", 100000)
	for _, p := range d.Validate() {
		if len(p) > 300 {
			t.Errorf("a problem is %d bytes long", len(p))
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	e := NewEditor(Diagram{})
	a := mustApply(t, e, AddComponent(LoadBalancer, `LB "edge" <1>`, 1.5, -20))
	b := mustApply(t, e, AddComponent(Queue, "Kafka", 300, 40))
	mustApply(t, e, Connect(a, b, "async"))
	mustApply(t, e, AddTeam("Infra"))
	mustApply(t, e, SetOwner(b, "Infra"))
	d := e.Diagram()
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back Diagram
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, d) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, d)
	}
	if !strings.Contains(string(raw), `"kind":"load-balancer"`) {
		t.Errorf("JSON %s lacks the kind as its stored name", raw)
	}
}

func TestCompare(t *testing.T) {
	old := Diagram{
		Version: 1,
		Components: []Component{
			{ID: "c1", Kind: Client, Label: "Web"},
			{ID: "c2", Kind: Service, Label: "Orders", Team: "Checkout"},
			{ID: "c3", Kind: Database, Label: "Orders DB", Team: "Checkout"},
			{ID: "c4", Kind: Cache, Label: "Memcached"},
			{ID: "c5", Kind: Service, Label: "Billing"},
		},
		Arrows: []Arrow{
			{ID: "a1", From: "c1", To: "c2", Label: "REST"},
			{ID: "a2", From: "c2", To: "c3"},
			{ID: "a3", From: "c2", To: "c4"},
		},
		Teams: []Team{{Name: "Checkout", Colour: "#0072b2"}},
	}
	// Drawn again from scratch: other IDs, the same boxes by label, one re-owned, one relabelled
	// in place (same ID and kind), the cache gone, a queue new.
	new := Diagram{
		Version: 1,
		Components: []Component{
			{ID: "c1", Kind: Service, Label: "orders"}, // old c2, matched by label despite case
			{ID: "c2", Kind: Client, Label: "Web"},
			{ID: "c3", Kind: Database, Label: "Orders DB", Team: "Platform"},
			{ID: "c5", Kind: Service, Label: "Payments"}, // old c5 relabelled
			{ID: "c6", Kind: Queue, Label: "Events"},
		},
		Arrows: []Arrow{
			{ID: "a1", From: "c2", To: "c1", Label: "gRPC"}, // Web → Orders relabelled
			{ID: "a2", From: "c1", To: "c3"},                // unchanged
			{ID: "a3", From: "c1", To: "c6", Label: "publish"},
		},
		Teams: []Team{{Name: "Platform", Colour: "#e69f00"}},
	}
	got := Compare(old, new)
	want := Changes{
		Added:   []string{`Queue / stream "Events"`, `arrow orders → Events (publish)`},
		Removed: []string{`Cache "Memcached"`, `arrow Orders → Memcached`},
		Reowned: []string{`orders: Checkout → unowned`, `Orders DB: Checkout → Platform`},
		// "orders" and "Orders" differ only in case: not a relabel.
		Relabelled: []string{`Service "Billing" → "Payments"`, `arrow Web → orders: "REST" → "gRPC"`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Compare:\n got %#v\nwant %#v", got, want)
	}
	if !Compare(old, old).Empty() {
		t.Errorf("Compare(old, old) = %+v, want no changes", Compare(old, old))
	}
}
