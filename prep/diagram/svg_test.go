package diagram

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
)

// Hostile is a set of labels that break a renderer that does not escape: markup, an entity, a
// CDATA end, quotes that close an attribute, and a control character XML cannot hold at all.
var Hostile = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(2)>`,
	`a & b &amp; c`,
	`]]><svg onload=alert(3)>`,
	`it's "quoted"`,
	"bell\x07 and NUL\x00",
}

// svgNode is an SVG element read back with encoding/xml.
type svgNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []svgNode  `xml:",any"`
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// walk calls f on n and every element under it.
func (n svgNode) walk(f func(svgNode)) {
	f(n)
	for _, c := range n.Children {
		c.walk(f)
	}
}

// parseSVG renders d and reads it back with a strict XML decoder, failing on anything that is not
// well-formed.
func parseSVG(t *testing.T, d Diagram) (svgNode, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := SVG(&buf, d); err != nil {
		t.Fatal(err)
	}
	var root svgNode
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.Strict = true
	if err := dec.Decode(&root); err != nil {
		t.Fatalf("the SVG is not well-formed XML: %v\n%s", err, buf.String())
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("something follows the <svg> element: %v", err)
	}
	return root, buf.String()
}

func sampleDiagram(t *testing.T) Diagram {
	t.Helper()
	e := NewEditor(Diagram{})
	web := mustApply(t, e, AddComponent(Client, "Web app", 0, 0))
	api := mustApply(t, e, AddComponent(Service, "Orders API", 250, 0))
	db := mustApply(t, e, AddComponent(Database, "Orders DB", 250, 200))
	q := mustApply(t, e, AddComponent(Queue, "Order events", 500, 200))
	mustApply(t, e, Connect(web, api, "sync REST"))
	mustApply(t, e, Connect(api, db, ""))
	mustApply(t, e, Connect(api, q, "async event"))
	mustApply(t, e, AddTeam("Checkout"))
	mustApply(t, e, AddTeam("Platform"))
	mustApply(t, e, SetOwner(api, "Checkout"))
	mustApply(t, e, SetOwner(db, "Checkout"))
	mustApply(t, e, SetOwner(q, "Platform"))
	return e.Diagram()
}

func TestSVGDrawsEveryComponentArrowAndTeam(t *testing.T) {
	d := sampleDiagram(t)
	root, _ := parseSVG(t, d)
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root element = %v, want svg in the SVG namespace", root.XMLName)
	}
	var comps, arrows, polygons, dashed int
	var texts []string
	fills := map[string]bool{}
	root.walk(func(n svgNode) {
		switch n.XMLName.Local {
		case "g":
			switch n.attr("class") {
			case "component":
				comps++
			case "arrow":
				arrows++
			}
		case "polygon":
			polygons++
		case "line":
			if n.attr("stroke-dasharray") != "" && n.attr("stroke") == CrossTeamColour {
				dashed++
			}
		case "rect":
			fills[n.attr("stroke")] = true
		case "text", "tspan":
			texts = append(texts, strings.TrimSpace(n.Text))
		}
	})
	if comps != 4 || arrows != 3 || polygons != 3 {
		t.Errorf("%d components, %d arrows, %d arrowheads; want 4, 3, 3", comps, arrows, polygons)
	}
	// Orders API (Checkout) → Order events (Platform) crosses teams, and the legend shows the dash.
	if dashed != 2 {
		t.Errorf("%d dashed cross-team lines, want 2 (the arrow and its legend entry)", dashed)
	}
	for _, c := range []string{TeamColours[0], TeamColours[1], UnownedColour} {
		if !fills[c] {
			t.Errorf("no box outlined in %s", c)
		}
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{"Web app", "Orders API", "Order events", "sync REST", "async event", "Checkout", "Platform", "Queue / stream", "crosses a team boundary"} {
		if !strings.Contains(all, want) {
			t.Errorf("no text %q in the SVG (texts: %s)", want, all)
		}
	}
	w, h := d.Size()
	if root.attr("viewBox") != fmt.Sprintf("0 0 %s %s", num(w), num(h)) {
		t.Errorf("viewBox = %q, want the size %v×%v", root.attr("viewBox"), w, h)
	}
}

func TestSVGEscapesHostileLabels(t *testing.T) {
	d := Diagram{Version: 1}
	for i, label := range Hostile {
		team := fmt.Sprintf("team %s %d", label, i)
		d.Teams = append(d.Teams, Team{Name: team, Colour: TeamColours[i%len(TeamColours)]})
		d.Components = append(d.Components, Component{ID: fmt.Sprintf("c%d", i+1), Kind: Box, Label: label, X: float32(200 * i), Team: team})
		if i > 0 {
			d.Arrows = append(d.Arrows, Arrow{ID: fmt.Sprintf("a%d", i), From: fmt.Sprintf("c%d", i), To: fmt.Sprintf("c%d", i+1), Label: label})
		}
	}
	// A colour that tries to close its attribute is never written.
	d.Teams[0].Colour = `#000" onload="alert(4)`
	root, raw := parseSVG(t, d)
	for _, bad := range []string{"<script", "<img", "<svg onload", "]]>", `" onload`} {
		if strings.Contains(raw, bad) {
			t.Errorf("the raw SVG contains %q unescaped", bad)
		}
	}
	var elements []string
	var titles []string
	root.walk(func(n svgNode) {
		elements = append(elements, n.XMLName.Local)
		if n.XMLName.Local == "title" {
			titles = append(titles, n.Text)
		}
		for _, a := range n.Attrs {
			if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
				t.Errorf("<%s> has an event attribute %s=%q", n.XMLName.Local, a.Name.Local, a.Value)
			}
		}
	})
	for _, e := range elements {
		switch e {
		case "svg", "title", "rect", "g", "text", "tspan", "line", "polygon":
		default:
			t.Errorf("the SVG has a <%s> element: a label became markup", e)
		}
	}
	// The labels survive as text: the decoder gives back exactly what was written (the XML-illegal
	// control characters as U+FFFD).
	joined := strings.Join(titles, "\n")
	for _, label := range Hostile[:5] {
		if !strings.Contains(joined, label) {
			t.Errorf("label %q is not in the SVG's titles as text", label)
		}
	}
	if !strings.Contains(joined, "bell\uFFFD and NUL\uFFFD") {
		t.Errorf("the control characters were not replaced: %q", joined)
	}
}

func TestSVGOfEmptyDiagram(t *testing.T) {
	root, _ := parseSVG(t, Diagram{})
	if root.XMLName.Local != "svg" {
		t.Fatal("no svg element")
	}
}

func TestLabelLines(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"API", []string{"API"}},
		{"Orders service API gateway", []string{"Orders service API", "gateway"}},
		{"one two three four five six seven eight nine", []string{"one two three four", "five six seven eigh…"}},
		{strings.Repeat("x", 25), []string{strings.Repeat("x", 20), "xxxxx"}},
	} {
		got := LabelLines(tc.in, 20)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("LabelLines(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestArrowEndsSitOnTheBoxes(t *testing.T) {
	d := Diagram{Components: []Component{{ID: "c1", Kind: Box}, {ID: "c2", Kind: Box, X: 400}}}
	from, to, ok := d.ArrowEnds(Arrow{From: "c1", To: "c2"})
	if !ok || from != (Point{ComponentWidth, ComponentHeight / 2}) || to != (Point{400, ComponentHeight / 2}) {
		t.Errorf("ArrowEnds = %v, %v, %v; want the right edge of c1 and the left edge of c2", from, to, ok)
	}
	if _, _, ok := d.ArrowEnds(Arrow{From: "c1", To: "c9"}); ok {
		t.Error("ArrowEnds ok with a missing end")
	}
}

func TestTint(t *testing.T) {
	for in, want := range map[string]string{"#0072b2": "#d1e6f1", "#FFFFFF": "#ffffff", "#000000": "#d1d1d1", "red": "#ffffff", `#000" x="`: "#ffffff"} {
		if got := Tint(in); got != want {
			t.Errorf("Tint(%q) = %q, want %q", in, got, want)
		}
	}
}
