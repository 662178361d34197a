package prep

import (
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep/diagram"
)

// drawn returns a diagram of n boxes in a chain, the first owned by Core.
func drawn(t *testing.T, n int) *diagram.Diagram {
	t.Helper()
	e := diagram.NewEditor(diagram.Diagram{})
	if _, err := e.Apply(diagram.AddTeam("Core")); err != nil {
		t.Fatal(err)
	}
	prev := ""
	for i := range n {
		id, err := e.Apply(diagram.AddComponent(diagram.Service, "svc", float32(200*i), 0))
		if err != nil {
			t.Fatal(err)
		}
		if prev != "" {
			if _, err := e.Apply(diagram.Connect(prev, id, "calls")); err != nil {
				t.Fatal(err)
			}
		}
		prev = id
	}
	if _, err := e.Apply(diagram.SetOwner("c1", "Core")); err != nil {
		t.Fatal(err)
	}
	d := e.Diagram()
	return &d
}

// A round's phases end with the diagram as it stands; the attempt keeps the final diagram and one
// snapshot per phase, each its own copy.
func TestAttemptKeepsTheDiagramAndASnapshotPerPhase(t *testing.T) {
	ft := &fakeTime{}
	p := Prompt{ID: "p", Title: "Design a ledger", Phases: testPhases, Rubric: []Criterion{{Name: "Design"}}}
	d := Draft{Prompt: p, Answer: "A ledger."}
	c := NewClock(p.Phases, ft.now)
	c.Start()

	endPhase := func() {
		s := c.Status()
		d.SnapshotDiagram(s.PhaseName, s.Elapsed)
		c.NextPhase()
	}
	endPhase() // Clarify ended before anything was drawn: no snapshot
	if len(d.DiagramSnapshots) != 0 {
		t.Fatalf("a draft without a diagram took a snapshot: %+v", d.DiagramSnapshots)
	}
	d.Diagram = drawn(t, 2)
	ft.advance(20 * time.Minute)
	endPhase() // Design
	d.Diagram = drawn(t, 3)
	ft.advance(5 * time.Minute)
	c.Finish()
	s := c.Status()
	d.SnapshotDiagram(s.PhaseName, s.Elapsed) // Wrap-up
	saved := d.Clone()                        // what the saver holds
	d.SnapshotDiagram(s.PhaseName, s.Elapsed) // finished again after coming back from the score screen

	d.Scores = []Score{{Criterion: "Design", Value: 3}}
	a, err := NewAttempt(d, c.PhaseTimes(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if a.Diagram == nil || len(a.Diagram.Components) != 3 {
		t.Fatalf("attempt diagram = %+v, want the 3 boxes drawn by the end", a.Diagram)
	}
	if len(a.DiagramSnapshots) != 2 {
		t.Fatalf("%d snapshots, want 2 (Design and Wrap-up; a phase ended twice keeps one)", len(a.DiagramSnapshots))
	}
	for i, want := range []struct {
		phase string
		at    time.Duration
		boxes int
	}{{"Design", 20 * time.Minute, 2}, {"Wrap-up", 25 * time.Minute, 3}} {
		got := a.DiagramSnapshots[i]
		if got.Phase != want.phase || got.At != want.at || len(got.Diagram.Components) != want.boxes {
			t.Errorf("snapshot %d = %s at %v with %d boxes, want %s at %v with %d", i, got.Phase, got.At, len(got.Diagram.Components), want.phase, want.at, want.boxes)
		}
	}
	// The attempt and the saver's clone share nothing the screen may go on editing.
	d.Diagram.Components[0].Label = "edited after finishing"
	if a.Diagram.Components[0].Label == "edited after finishing" || saved.Diagram.Components[0].Label == "edited after finishing" {
		t.Error("the attempt or the saver's clone shares the draft's diagram")
	}
	if doc := a.SearchDoc(); !strings.Contains(doc.Fields[0], "Diagram: svc; svc; svc; calls; calls; Core") {
		t.Errorf("search text %q does not hold the diagram's words", doc.Fields[0])
	}
	if sz := d.Size(); sz.Components != 3 || !strings.Contains(sz.String(), "a diagram of 3 components") {
		t.Errorf("draft size = %+v (%s), want 3 components", sz, sz)
	}
	if sz := (&Draft{Diagram: drawn(t, 1)}).Size(); sz.Empty() {
		t.Error("a draft with only a diagram reads as empty")
	}
}

func TestNewAttemptRefusesABrokenDiagram(t *testing.T) {
	p := Prompt{ID: "p", Title: "T", Rubric: []Criterion{{Name: "Design"}}}
	d := Draft{Prompt: p, Scores: []Score{{Criterion: "Design", Value: 2}}, Diagram: drawn(t, 2)}
	d.Diagram.Arrows[0].To = "c9"
	_, err := NewAttempt(d, nil, time.Now())
	if err == nil || !strings.Contains(err.Error(), `arrow "a1": to "c9": no such component`) {
		t.Fatalf("NewAttempt = %v, want the arrow named", err)
	}
	d.Diagram = nil
	if a, err := NewAttempt(d, nil, time.Now()); err != nil || a.Diagram != nil || a.DiagramSnapshots != nil {
		t.Fatalf("without a diagram: %+v, %v", a.Diagram, err)
	}
}

func TestDiagramChangesBetweenAttempts(t *testing.T) {
	old := &Attempt{Diagram: &diagram.Diagram{Version: 1,
		Components: []diagram.Component{{ID: "c1", Kind: diagram.Service, Label: "Orders", Team: "Core"}, {ID: "c2", Kind: diagram.Cache, Label: "Redis"}},
		Arrows:     []diagram.Arrow{{ID: "a1", From: "c1", To: "c2", Label: "read"}},
		Teams:      []diagram.Team{{Name: "Core", Colour: "#0072b2"}, {Name: "Edge", Colour: "#e69f00"}}}}
	later := &Attempt{Diagram: &diagram.Diagram{Version: 1,
		Components: []diagram.Component{{ID: "c1", Kind: diagram.Service, Label: "Orders", Team: "Edge"}, {ID: "c3", Kind: diagram.Queue, Label: "Events"}},
		Arrows:     []diagram.Arrow{{ID: "a2", From: "c1", To: "c3", Label: "publish"}},
		Teams:      []diagram.Team{{Name: "Core", Colour: "#0072b2"}, {Name: "Edge", Colour: "#e69f00"}}}}
	want := `Earlier 2 components and 1 arrow; later 2 components and 1 arrow.
Added (2):
  • Queue / stream "Events"
  • arrow Orders → Events (publish)
Removed (2):
  • Cache "Redis"
  • arrow Orders → Redis (read)
Re-owned (1):
  • Orders: Core → Edge`
	if got := DiagramChanges(old, later); got != want {
		t.Errorf("DiagramChanges =\n%s\nwant\n%s", got, want)
	}
	if got := DiagramChanges(old, old); got != "The same diagram in both: 2 components and 1 arrow." {
		t.Errorf("unchanged: %q", got)
	}
	if got := DiagramChanges(&Attempt{}, later); got != "The earlier attempt has no diagram; the later one has 2 components and 1 arrow." {
		t.Errorf("none before: %q", got)
	}
	if got := DiagramChanges(&Attempt{}, &Attempt{}); got != "" {
		t.Errorf("no diagrams: %q", got)
	}
}
