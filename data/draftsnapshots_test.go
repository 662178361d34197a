package data

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"
	"unsafe"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/estimate"
)

// Every save of a draft whose snapshots come from the cache reads back with the snapshots it had
// at that save: unchanged ones, one added at a phase end, one replaced when a phase ends again
// with another diagram, and after the store is closed and opened again.
func TestDraftSnapshotsFromTheCacheReadBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	dg := testDiagram(t, 6)
	d := prep.Draft{Prompt: testPrompt("p1"), Answer: "A", Diagram: &dg,
		StartedAt: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
	check := func(step string) {
		t.Helper()
		if err := s.SaveDraft(d); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		drafts, err := s.Drafts()
		if err != nil || len(drafts) != 1 {
			t.Fatalf("%s: Drafts() = %d drafts, %v", step, len(drafts), err)
		}
		if !reflect.DeepEqual(drafts[0].DiagramSnapshots, d.DiagramSnapshots) || drafts[0].Answer != d.Answer ||
			!reflect.DeepEqual(drafts[0].Diagram, d.Diagram) {
			t.Fatalf("%s: the draft read back differs:\n got %+v\nwant %+v", step, drafts[0].DiagramSnapshots, d.DiagramSnapshots)
		}
	}
	d.SnapshotDiagram("Clarify", 5*time.Minute)
	check("first snapshot")
	d.Answer += " B"
	check("typing after it")
	dg.Components[0].Label = "changed after the phase ended"
	d.SnapshotDiagram("Design", 15*time.Minute)
	check("second snapshot")
	if d.DiagramSnapshots[0].Diagram.Components[0].Label == dg.Components[0].Label {
		t.Fatal("the first snapshot was not taken before the edit: the test proves nothing")
	}
	dg.Components[1].Label = "phase ended again"
	d.SnapshotDiagram("Design", 16*time.Minute) // replaces the Design snapshot in place
	check("replaced snapshot")
	d.DiagramSnapshots = d.DiagramSnapshots[:1]
	check("one snapshot fewer")

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	check("after reopening")
}

// The cached encoding decodes to the same draft as encodeDraft's, and a second save of the same
// snapshots takes their JSON from the cache instead of encoding them again.
func TestEncodeDraftCached(t *testing.T) {
	dg := testDiagram(t, 8)
	d := prep.Draft{Prompt: testPrompt("p1"), Answer: "A <b> & \"q\"", Diagram: &dg,
		Estimates: &estimate.Sheet{Rows: []estimate.Row{{Name: "qps", Text: "10 k"}}}}
	d.SnapshotDiagram("Clarify", time.Minute)
	d.SnapshotDiagram("Design", 2*time.Minute)
	var c snapshotCache
	got, err := encodeDraftCached(&d, &c)
	if err != nil {
		t.Fatal(err)
	}
	want, err := encodeDraft(&d)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(got) || len(got) != len(want) {
		t.Fatalf("cached encoding: valid %v, %d bytes against %d", json.Valid(got), len(got), len(want))
	}
	g, err := decodeDraft(got)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := decodeDraft(want)
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("the cached encoding decodes differently:\n got %+v\nwant %+v", g, w)
	}
	first := unsafe.SliceData(c.m["p1"].json)
	d.Answer += " more"
	if _, err := encodeDraftCached(&d, &c); err != nil {
		t.Fatal(err)
	}
	if unsafe.SliceData(c.m["p1"].json) != first {
		t.Error("the unchanged snapshots were encoded again")
	}
	d.SnapshotDiagram("Deep dive", 3*time.Minute)
	if _, err := encodeDraftCached(&d, &c); err != nil {
		t.Fatal(err)
	}
	if unsafe.SliceData(c.m["p1"].json) == first {
		t.Error("a new snapshot reused the old encoding")
	}
}
