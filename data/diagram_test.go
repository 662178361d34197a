package data

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/diagram"
)

// testDiagram draws n boxes across three teams with an arrow from each box to the next, labels
// included that a careless encoder or renderer would break.
func testDiagram(t testing.TB, n int) diagram.Diagram {
	t.Helper()
	e := diagram.NewEditor(diagram.Diagram{})
	teams := []string{"Payments", "Platform", `Risk "<b>"`}
	for _, name := range teams {
		if _, err := e.Apply(diagram.AddTeam(name)); err != nil {
			t.Fatal(err)
		}
	}
	prev := ""
	for i := range n {
		kind := diagram.Palette[i%len(diagram.Palette)]
		id, err := e.Apply(diagram.AddComponent(kind, fmt.Sprintf("%s %d <&>", kind.Title(), i+1), float32(180*(i%10)), float32(120*(i/10))))
		if err != nil {
			t.Fatal(err)
		}
		if i%4 != 3 {
			if _, err := e.Apply(diagram.SetOwner(id, teams[i%3])); err != nil {
				t.Fatal(err)
			}
		}
		if prev != "" {
			if _, err := e.Apply(diagram.Connect(prev, id, "sync REST")); err != nil {
				t.Fatal(err)
			}
		}
		prev = id
	}
	return e.Diagram()
}

// A draft's and an attempt's diagram, and its snapshots, come back from the store exactly, and a
// discarded draft keeps its diagram.
func TestDiagramRoundTripsThroughTheStore(t *testing.T) {
	withStore(t, func(s *Store) {
		dg := testDiagram(t, 12)
		early := testDiagram(t, 4)
		d := prep.Draft{
			SetID: "s", SetVersion: 1, Prompt: testPrompt("p1"), Answer: "A ledger.", Diagram: &dg,
			DiagramSnapshots: []prep.DiagramSnapshot{{Phase: "Situation", At: 9 * time.Minute, Diagram: early}},
			StartedAt:        time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 11, 1, 9, 7, 0, 0, time.UTC),
		}
		if err := s.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
		drafts, err := s.Drafts()
		if err != nil || len(drafts) != 1 {
			t.Fatalf("Drafts() = %d drafts, %v", len(drafts), err)
		}
		if !reflect.DeepEqual(drafts[0].Diagram, d.Diagram) || !reflect.DeepEqual(drafts[0].DiagramSnapshots, d.DiagramSnapshots) {
			t.Errorf("the draft's diagram changed in the store:\n got %+v\nwant %+v", drafts[0].Diagram, d.Diagram)
		}

		if err := s.DiscardDraft("p1", time.Now()); err != nil {
			t.Fatal(err)
		}
		bin, err := s.DiscardedDrafts()
		if err != nil || len(bin) != 1 {
			t.Fatalf("DiscardedDrafts() = %d, %v", len(bin), err)
		}
		if !reflect.DeepEqual(bin[0].Draft.Diagram, d.Diagram) {
			t.Error("a discarded draft lost its diagram")
		}

		a := testAttempt("p1", time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), "A ledger.")
		a.Diagram, a.DiagramSnapshots = &dg, d.DiagramSnapshots
		if err := s.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
		got, err := s.Attempt(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Diagram, a.Diagram) || !reflect.DeepEqual(got.DiagramSnapshots, a.DiagramSnapshots) {
			t.Errorf("the attempt's diagram changed in the store:\n got %+v\nwant %+v", got.Diagram, a.Diagram)
		}
		// An attempt without a diagram comes back without one, not with an empty one.
		b := testAttempt("p2", time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC), "text")
		if err := s.SaveAttempt(b); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Attempt(b.ID); err != nil || got.Diagram != nil || got.DiagramSnapshots != nil {
			t.Errorf("an attempt without a diagram came back with %+v, %+v (%v)", got.Diagram, got.DiagramSnapshots, err)
		}
		rep, err := s.Check(false)
		if err != nil || !rep.Clean() {
			t.Errorf("check after storing diagrams: %v, %v", rep, err)
		}
	})
}

// The store's check names a stored diagram that is broken (written by another program, or a future
// bug), on the record it is in.
func TestCheckNamesABrokenDiagram(t *testing.T) {
	withStore(t, func(s *Store) {
		dg := testDiagram(t, 3)
		dg.Arrows[0].From = "c9"
		d := prep.Draft{Prompt: testPrompt("p1"), Diagram: &dg}
		if err := s.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
		rep, err := s.Check(false)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Clean() || !strings.Contains(rep.String(), `the diagram: arrow "a1": from "c9": no such component`) {
			t.Errorf("check = %s, want the broken arrow named", rep)
		}
	})
}

// The diagram goes from the candidate's store to a mentor's review store through a bundle file, as
// review mode reads it; a bundle whose diagram is broken is refused by the import with the path of
// the problem, and the mentor's store is left as it was.
func TestDiagramTravelsToTheMentor(t *testing.T) {
	withStore(t, func(s *Store) {
		a := testAttempt("p1", time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), "A ledger.")
		a.SetID = "set"
		dg := testDiagram(t, 60)
		a.Diagram = &dg
		a.DiagramSnapshots = []prep.DiagramSnapshot{{Phase: "Situation", At: 10 * time.Minute, Diagram: testDiagram(t, 5)}}
		saveAll(t, s, a)
		out, err := s.ExportBundle(prep.ExportFilter{})
		if err != nil {
			t.Fatal(err)
		}
		sent, err := prep.DecodeBundle(bytes.NewReader(encodeBundle(t, &out)), 0)
		if err != nil {
			t.Fatal(err)
		}
		mentor, err := OpenReviews(t.TempDir(), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer mentor.Close()

		bad := *sent
		bad.Attempts = slices.Clone(sent.Attempts)
		broken := dg.Clone()
		broken.Components[0].Label = strings.Repeat("<script>", 20)
		bad.Attempts[0].Diagram = &broken
		_, err = mentor.ImportAttempts(&bad)
		var be *prep.BundleError
		if !errors.As(err, &be) || !strings.Contains(err.Error(), `attempts[0].diagram: component "c1": label is 160 characters, at most 80`) {
			t.Fatalf("importing a broken diagram: %v, want the label named", err)
		}
		if listed, err := mentor.Attempts(); err != nil || len(listed) != 0 {
			t.Fatalf("after a refused import the mentor's store lists %d attempts (%v), want none", len(listed), err)
		}

		if res, err := mentor.ImportAttempts(sent); err != nil || res.AttemptsAdded != 1 {
			t.Fatalf("importing the bundle: %+v, %v", res, err)
		}
		got, err := mentor.Attempt(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Diagram, a.Diagram) || !reflect.DeepEqual(got.DiagramSnapshots, a.DiagramSnapshots) {
			t.Error("the mentor's store holds a different diagram from the candidate's")
		}
	})
}
