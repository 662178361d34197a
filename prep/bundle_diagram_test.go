package prep_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/diagram"
	"github.com/panelprep/panelprep/prep/preptest"
)

// hostileLabels would break a careless renderer: markup, quotes, an entity, a CDATA end.
var hostileLabels = []string{hostileScript, `"><img src=x onerror=alert(1)>`, "a & b &amp; c", "]]><svg onload=alert(1)>", `it's "quoted"`}

// bigDiagram is a whiteboard of n components across three teams (one with a hostile name) and about
// 5n/3 arrows, labels hostile, drawn through the Editor as the canvas draws it.
func bigDiagram(t testing.TB, n int) diagram.Diagram {
	t.Helper()
	e := diagram.NewEditor(diagram.Diagram{})
	apply := func(op diagram.Op) string {
		id, err := e.Apply(op)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	teams := []string{"Payments", "Platform", hostileScript}
	for _, name := range teams {
		apply(diagram.AddTeam(name))
	}
	var ids []string
	for i := range n {
		kind := diagram.Palette[i%len(diagram.Palette)]
		label := fmt.Sprintf("%s %d", kind.Title(), i+1)
		if i < len(hostileLabels) {
			label = hostileLabels[i]
		}
		id := apply(diagram.AddComponent(kind, label, float32(190*(i%10))+0.25, float32(110*(i/10))))
		if i%4 != 3 {
			apply(diagram.SetOwner(id, teams[i%3]))
		}
		ids = append(ids, id)
	}
	for i := 1; i < n; i++ {
		apply(diagram.Connect(ids[i-1], ids[i], hostileLabels[i%len(hostileLabels)]))
		if i%3 == 0 && i >= 10 {
			apply(diagram.Connect(ids[i], ids[i-10], "async event"))
		}
		if i%3 == 1 && i >= 5 {
			apply(diagram.Connect(ids[i-5], ids[i], ""))
		}
	}
	for i := 0; len(e.Diagram().Arrows) < n*5/3; i++ { // 100 arrows for 60 boxes
		apply(diagram.Connect(ids[i%n], ids[(i+n/2)%n], "sync REST"))
	}
	return e.Diagram()
}

// diagramBundle is the sample attempts bundle with a 60-component diagram on the systems design
// attempt, and its snapshots at the end of two phases.
func diagramBundle(t testing.TB) prep.Bundle {
	t.Helper()
	b, _ := sampleBundles(t)
	a := &b.Attempts[2].Attempt
	d := bigDiagram(t, 60)
	early := bigDiagram(t, 8)
	a.Diagram = &d
	a.DiagramSnapshots = []prep.DiagramSnapshot{
		{Phase: a.Prompt.Phases[0].Name, At: 9 * time.Minute, Diagram: early},
		{Phase: a.Prompt.Phases[1].Name, At: 41*time.Minute + 7*time.Second, Diagram: d},
	}
	return b
}

// A diagram survives the bundle exactly, hostile labels and fractional positions included; the
// schema accepts the file; a bundle with a diagram says version 4 and one without stays lower.
func TestBundleCarriesTheDiagram(t *testing.T) {
	b := diagramBundle(t)
	doc := encode(t, b)
	if err := schemaValidate(t, compileSchema(t), doc); err != nil {
		t.Fatalf("the schema rejects a bundle with a diagram: %v", err)
	}
	var head struct{ Version int }
	if err := json.Unmarshal(doc, &head); err != nil || head.Version != 4 {
		t.Errorf("a bundle with a diagram says version %d, want 4", head.Version)
	}
	got, err := decode(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := b.Attempts[2]
	if !reflect.DeepEqual(got.Attempts[2].Diagram, want.Diagram) || !reflect.DeepEqual(got.Attempts[2].DiagramSnapshots, want.DiagramSnapshots) {
		t.Errorf("the diagram changed in the bundle:\n got %+v\nwant %+v", got.Attempts[2].Diagram, want.Diagram)
	}
	if got.Attempts[0].Diagram != nil || got.Attempts[0].DiagramSnapshots != nil {
		t.Error("an attempt without a diagram came back with one")
	}
	// The raw file keeps the hostile text as JSON strings, not as anything else.
	if !bytes.Contains(doc, []byte(`"label": "\"><img src=x onerror=alert(1)>"`)) {
		t.Error("a hostile label is not in the file as a plain JSON string")
	}
	plain, _ := sampleBundles(t)
	if err := json.Unmarshal(encode(t, plain), &head); err != nil || head.Version >= 4 {
		t.Errorf("a bundle without a diagram says version %d, want below 4 so older PanelPreps read it", head.Version)
	}
}

// A hostile or oversized diagram is refused by DecodeBundle with the path of what is wrong and a
// message a person can act on, and by the schema wherever a schema can say it.
func TestBundleRejectsABadDiagram(t *testing.T) {
	sch := compileSchema(t)
	base := diagramBundle(t)
	dg := func(d map[string]any) map[string]any { return attemptAt(d, 2)["diagram"].(map[string]any) }
	comp := func(d map[string]any, i int) map[string]any { return dg(d)["components"].([]any)[i].(map[string]any) }
	arrow := func(d map[string]any, i int) map[string]any { return dg(d)["arrows"].([]any)[i].(map[string]any) }
	cases := map[string]struct {
		change   func(d map[string]any)
		path     string
		message  string
		schemaOK bool // only the decoder can tell
	}{
		"label too long": {func(d map[string]any) { comp(d, 7)["label"] = strings.Repeat("é", 81) },
			"attempts[2].diagram", `component "c8": label is 81 characters, at most 80`, false},
		"1 MB label": {func(d map[string]any) { comp(d, 7)["label"] = strings.Repeat("x", 1<<20) },
			"attempts[2].diagram", `label is 1048576 characters, at most 80`, false},
		"arrow label too long": {func(d map[string]any) { arrow(d, 0)["label"] = strings.Repeat("x", 61) },
			"attempts[2].diagram", `arrow "a1": label is 61 characters, at most 60`, false},
		"newline in a label": {func(d map[string]any) { comp(d, 0)["label"] = "two\nlines" },
			"attempts[2].diagram", "control character U+000A", false},
		"escape code in a team": {func(d map[string]any) {
			dg(d)["teams"].([]any)[0].(map[string]any)["name"] = "\x1b[2J"
		}, "attempts[2].diagram", "control character U+001B", false},
		"arrow to nowhere": {func(d map[string]any) { arrow(d, 3)["to"] = "c999" },
			"attempts[2].diagram", `arrow "a4": to "c999": no such component`, true},
		"unknown team": {func(d map[string]any) { comp(d, 0)["team"] = "Ghosts" },
			"attempts[2].diagram", `team "Ghosts": no such team`, true},
		"duplicate id": {func(d map[string]any) { comp(d, 1)["id"] = "c1" },
			"attempts[2].diagram", "id already used", true},
		"unknown kind": {func(d map[string]any) { comp(d, 0)["kind"] = "mainframe" },
			"attempts[2].diagram", "not one of the palette's", false},
		"bad colour": {func(d map[string]any) {
			dg(d)["teams"].([]any)[0].(map[string]any)["colour"] = `red" onload="x`
		}, "attempts[2].diagram", "is not #rrggbb", false},
		"far away": {func(d map[string]any) { comp(d, 0)["x"] = 1e7 },
			"attempts[2].diagram", "outside ±100000", false},
		"past float32": {func(d map[string]any) { comp(d, 0)["y"] = 1e300 },
			"attempts[2].diagram.components[0].y", "is out of range", false},
		"too many components": {func(d map[string]any) {
			cs := dg(d)["components"].([]any)
			for i := len(cs); i <= diagram.MaxComponents; i++ {
				c := map[string]any{"id": fmt.Sprintf("x%d", i), "kind": "box", "label": "", "x": 0, "y": 0}
				cs = append(cs, c)
			}
			dg(d)["components"] = cs
		}, "attempts[2].diagram", "201 components: at most 200", false},
		"newer model": {func(d map[string]any) { dg(d)["version"] = 2 },
			"attempts[2].diagram", "reads diagrams of version 1 or older", false},
		"diagram in a version 3 bundle": {func(d map[string]any) { d["version"] = 3 },
			"attempts[2].diagram", "needs format version 4 or later", false},
		"snapshot in the future": {func(d map[string]any) {
			attemptAt(d, 2)["diagram_snapshots"].([]any)[0].(map[string]any)["at_ms"] = -5
		}, "attempts[2].diagram_snapshots[0].at_ms", "must be 0 to", false},
		"broken snapshot": {func(d map[string]any) {
			s := attemptAt(d, 2)["diagram_snapshots"].([]any)[1].(map[string]any)["diagram"].(map[string]any)
			s["arrows"].([]any)[0].(map[string]any)["from"] = "nope"
		}, "attempts[2].diagram_snapshots[1].diagram", `from "nope": no such component`, true},
		"null diagram": {func(d map[string]any) { attemptAt(d, 2)["diagram"] = nil },
			"attempts[2].diagram", "not null", false},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			doc := mutateBundle(t, base, c.change)
			b, err := decode(doc)
			var be *prep.BundleError
			if b != nil || !errors.As(err, &be) {
				t.Fatalf("DecodeBundle = %v, %v; want a *BundleError", b, err)
			}
			found := false
			for _, p := range be.Problems {
				if p.Path == c.path && strings.Contains(p.Message, c.message) {
					found = true
				}
				if len(p.Message) > 400 {
					t.Errorf("a problem's message is %d bytes long", len(p.Message))
				}
			}
			if !found {
				t.Errorf("problems %v; want one at %s saying %q", be.Problems, c.path, c.message)
			}
			if schemaErr := schemaValidate(t, sch, doc); (schemaErr == nil) != c.schemaOK {
				t.Errorf("schema: %v (want it to accept: %v)", schemaErr, c.schemaOK)
			}
		})
	}
}

// A bundle cut short anywhere in its diagram is refused as cut short, not read in part.
func TestTruncatedDiagramBundle(t *testing.T) {
	doc := encode(t, diagramBundle(t))
	at := bytes.Index(doc, []byte(`"diagram_snapshots"`))
	if at < 0 {
		t.Fatal("no diagram_snapshots in the bundle")
	}
	for _, cut := range []int{at - 200, at + 10, at + 2000, len(doc) - 3} {
		b, err := decode(doc[:cut])
		if b != nil || err == nil || !strings.Contains(err.Error(), "cut short") {
			t.Errorf("cut at byte %d of %d: %v, want an error saying it is cut short", cut, len(doc), err)
		}
	}
}

// The figures the issue asks for: a bundle's size with a 60-component diagram (and its two phase
// snapshots) beside the same bundle without it.
func TestDiagramBundleSize(t *testing.T) {
	with := encode(t, diagramBundle(t))
	without, _ := sampleBundles(t)
	plain := encode(t, without)
	b := diagramBundle(t)
	b.Attempts[2].DiagramSnapshots = nil
	noSnaps := encode(t, b)
	t.Logf("attempts bundle: %d bytes without a diagram, %d with a 60-component/%d-arrow diagram, %d with it and two phase snapshots",
		len(plain), len(noSnaps), len(b.Attempts[2].Diagram.Arrows), len(with))
}

// diagramWireFixture is an attempt's diagram and snapshots as a bundle wrote them before the store
// and bundles shared one JSON form of a diagram; only a missing fixture is written again.
const diagramWireFixture = "testdata/diagram-wire.json"

// A diagram and its snapshots are written into a bundle byte for byte as before: every field set,
// an unowned component, an unlabelled arrow, positions that are not whole, an empty snapshot.
func TestBundleDiagramFormatUnchanged(t *testing.T) {
	b, _ := sampleBundles(t)
	a := &b.Attempts[2].Attempt
	d := preptest.FormatDiagram()
	a.Diagram = &d
	a.DiagramSnapshots = []prep.DiagramSnapshot{{Phase: a.Prompt.Phases[0].Name, At: 9*time.Minute + 500*time.Millisecond},
		{Phase: a.Prompt.Phases[1].Name, At: 41 * time.Minute, Diagram: d}}
	var doc struct {
		Attempts []struct {
			Diagram   json.RawMessage `json:"diagram"`
			Snapshots json.RawMessage `json:"diagram_snapshots"`
		} `json:"attempts"`
	}
	if err := json.Unmarshal(encode(t, b), &doc); err != nil {
		t.Fatal(err)
	}
	got := append(append(doc.Attempts[2].Diagram, '\n'), doc.Attempts[2].Snapshots...)
	want, err := os.ReadFile(diagramWireFixture)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.WriteFile(diagramWireFixture, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Skipf("wrote %s", diagramWireFixture)
	} else if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("a bundle writes the diagram differently now:\n%s\nwas\n%s", got, want)
	}
}
