package report_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	gmhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/diagram"
	"github.com/panelprep/panelprep/prep/report"
)

// Labels that break a renderer that does not escape, and one per team so the legend has them.
var hostileLabels = []string{hostileScript, hostileImg, `"><svg onload=alert(1)>`, "a & b &amp; c (x) \\ [link](http://evil.example)", "![img](http://tracker.example/x.png)"}

// withDiagram is the sample attempts bundle with an n-component diagram (about 5n/3 arrows) on its
// systems design attempt, across three teams, the first labels hostile.
func withDiagram(t testing.TB, n int) (*prep.Bundle, diagram.Diagram) {
	t.Helper()
	b := loadBundle(t.(*testing.T), "attempts-sample.json")
	e := diagram.NewEditor(diagram.Diagram{})
	apply := func(op diagram.Op) string {
		id, err := e.Apply(op)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	teams := []string{"Payments", "Platform", `Risk <b>&</b>`}
	for _, tm := range teams {
		apply(diagram.AddTeam(tm))
	}
	var ids []string
	for i := range n {
		kind := diagram.Palette[i%len(diagram.Palette)]
		label := fmt.Sprintf("%s %d", kind.Title(), i+1)
		if i < len(hostileLabels) {
			label = hostileLabels[i]
		}
		id := apply(diagram.AddComponent(kind, label, float32(190*(i%10)), float32(110*(i/10))))
		if i%4 != 3 {
			apply(diagram.SetOwner(id, teams[i%3]))
		}
		ids = append(ids, id)
	}
	for i := 1; i < n; i++ {
		apply(diagram.Connect(ids[i-1], ids[i], hostileLabels[i%len(hostileLabels)][:min(len(hostileLabels[i%len(hostileLabels)]), 40)]))
	}
	for i := 0; len(e.Diagram().Arrows) < n*5/3; i++ {
		apply(diagram.Connect(ids[i%n], ids[(i+n/2)%n], "async event"))
	}
	d := e.Diagram()
	a := &b.Attempts[2].Attempt
	a.Diagram = &d
	a.DiagramSnapshots = []prep.DiagramSnapshot{{Phase: a.Prompt.Phases[0].Name, At: 9 * time.Minute, Diagram: d}}
	if ps := b.Validate(); len(ps) > 0 {
		t.Fatalf("the bundle with a diagram does not validate: %v", ps)
	}
	return b, d
}

// xmlNode is an element read back with encoding/xml.
type xmlNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []xmlNode  `xml:",any"`
}

func (n xmlNode) walk(f func(xmlNode)) {
	f(n)
	for _, c := range n.Children {
		c.walk(f)
	}
}

// The HTML report draws the diagram as inline SVG that is well-formed XML, holds every component,
// arrow and team, and keeps every hostile label as text; the page stays inert.
func TestHTMLDrawsTheDiagramAsInlineSVG(t *testing.T) {
	b, d := withDiagram(t, 60)
	page := render(t, b, report.HTML)
	checkHTML(t, page, append(hostileLabels, "Payments", `Risk <b>&</b>`, "The diagram as text",
		"60 components, 100 arrows, 3 teams", hostileScript+" → "+hostileImg)...)

	fig := []byte(`<figure class="diagram"><svg `)
	start := bytes.Index(page, fig) + len(`<figure class="diagram">`)
	end := start + bytes.Index(page[start:], []byte("</svg>"))
	if start < len(`<figure class="diagram">`) || end < start || bytes.Count(page, fig) != 1 {
		t.Fatalf("the page has no inline <svg> in a diagram figure (html/template may have escaped it)")
	}
	dec := xml.NewDecoder(bytes.NewReader(page[start : end+len("</svg>")]))
	dec.Strict = true
	var root xmlNode
	if err := dec.Decode(&root); err != nil {
		t.Fatalf("the inline SVG is not well-formed XML: %v", err)
	}
	counts := map[string]int{}
	var texts []string
	root.walk(func(n xmlNode) {
		for _, a := range n.Attrs {
			if a.Name.Local == "class" {
				counts[a.Value]++
			}
			if strings.HasPrefix(a.Name.Local, "on") {
				t.Errorf("<%s %s=%q> in the SVG", n.XMLName.Local, a.Name.Local, a.Value)
			}
		}
		if n.XMLName.Local == "text" || n.XMLName.Local == "tspan" || n.XMLName.Local == "title" {
			texts = append(texts, n.Text)
		}
	})
	if counts["component"] != len(d.Components) || counts["arrow"] != len(d.Arrows) || counts["legend"] != 1 {
		t.Errorf("the SVG has %d components, %d arrows, %d legends; want %d, %d, 1", counts["component"], counts["arrow"], counts["legend"], len(d.Components), len(d.Arrows))
	}
	all := strings.Join(texts, "\n")
	for _, want := range append(hostileLabels, "Payments", `Risk <b>&</b>`) {
		if !strings.Contains(all, want) {
			t.Errorf("the SVG's text lacks %q", want)
		}
	}
}

// The Markdown report describes the diagram in words (components by team, arrows as "A → B
// (label)"), escapes every label and links to nothing.
func TestMarkdownDescribesTheDiagram(t *testing.T) {
	b, _ := withDiagram(t, 12)
	d := b.Attempts[2].Diagram
	d.Teams = append(d.Teams, diagram.Team{Name: "Data", Colour: "#56b4e9"}) // a team that owns nothing yet
	md := string(render(t, b, report.Markdown))
	for _, want := range []string{
		"### Diagram\n\n12 components, 20 arrows, 4 teams; ",
		"- **Payments**: &lt;script&gt;alert(1)&lt;/script&gt; (client), ",
		"- **Risk &lt;b&gt;&amp;&lt;/b&gt;**: ",
		"- **Unowned**: ",
		"- **Data**: (no components)\n",
		"- Box 10 → Client 11 (&lt;script&gt;alert(1)&lt;/script&gt;) \\[crosses teams\\]",
		"- &lt;script&gt;alert(1)&lt;/script&gt; → Object storage 7 (async event)\n",
		"End of ",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	// Rendered as any Markdown viewer would, the report has no link, no image and no raw HTML.
	checkHTML(t, markdownToHTML(t, md), hostileScript, hostileImg, "[link](http://evil.example)", "![img](http://tracker.example/x.png)")
	if regexp.MustCompile(`[^\\]\]\(|<https?:`).MatchString(md) {
		t.Error("the Markdown has a link")
	}
}

// The PDF draws the diagram with vector operations (rectangles with rounded corners, lines, filled
// arrowheads, dashes for arrows across teams, the teams' colours) and its labels as text, hostile
// ones included; pdftotext, where installed, reads them back.
func TestPDFDrawsTheDiagramAsVectors(t *testing.T) {
	b, d := withDiagram(t, 60)
	pdf := render(t, b, report.PDF)
	without, _ := prep.DecodeBundle(bytes.NewReader(encodeBundle(t, loadBundle(t, "attempts-sample.json"))), 0)
	plain := pdfText(t, render(t, without, report.PDF))
	content := pdfText(t, pdf)
	ops := func(c []byte, re string) int { return len(regexp.MustCompile(re).FindAll(c, -1)) }
	for _, op := range []struct {
		name, re string
		atLeast  int
	}{
		{"curves of the rounded boxes", ` c \n`, 4 * len(d.Components)},
		{"filled and stroked boxes", `\nB\n`, len(d.Components)},
		{"arrow lines", ` l S\n`, len(d.Arrows)},
		{"filled arrowheads", `\nf\n`, len(d.Arrows)},
		{"dashes", `\] [0-9.]+ d\n`, 1},
	} {
		got := ops(content, op.re) - ops(plain, op.re)
		if got < op.atLeast {
			t.Errorf("%s: %d more %q operations than without the diagram, want at least %d", op.name, got, op.re, op.atLeast)
		}
	}
	// The first team's colour (#0072b2) as a stroke colour.
	if !bytes.Contains(content, []byte("0.000 0.447 0.698 RG")) {
		t.Error("no stroke in the first team's colour")
	}
	for _, want := range []string{"Diagram", "Payments", `Risk <b>&</b>`, "Queue / stream", "async event", hostileScript, "crosses a team boundary"} {
		if !bytes.Contains(content, utf16String(want)) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	if bytes.Contains(pdf, []byte("/JavaScript")) || bytes.Contains(pdf, []byte("/URI")) {
		t.Error("the PDF has JavaScript or a link")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext is not installed: the text is checked in the content streams only")
		return
	}
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{hostileScript, "Payments: ", "Arrows", "60 components, 100 arrows, 3 teams"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("pdftotext does not read %q", want)
		}
	}
}

// Sizes for the closing note: each report of the sample bundle with and without a 60-component,
// 100-arrow diagram.
func TestDiagramReportSizes(t *testing.T) {
	b, _ := withDiagram(t, 60)
	plain := loadBundle(t, "attempts-sample.json")
	for _, f := range []report.Format{report.HTML, report.PDF, report.Markdown} {
		t.Logf("%s report: %d bytes without the diagram, %d with it", f, len(render(t, plain, f)), len(render(t, b, f)))
	}
}

func encodeBundle(t *testing.T, b *prep.Bundle) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := prep.EncodeBundle(&buf, *b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// markdownToHTML renders Markdown as a permissive viewer would (raw HTML allowed), in a page with
// the report's CSP, for checkHTML.
func markdownToHTML(t *testing.T, md string) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithRendererOptions(gmhtml.WithUnsafe())).Convert([]byte(md), &out); err != nil {
		t.Fatal(err)
	}
	return []byte("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\"></head><body>" + out.String() + "</body></html>")
}
