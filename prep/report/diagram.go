package report

// The whiteboard in the reports (issue 16): the HTML report draws the diagram as inline SVG
// (diagram.SVG, which escapes every label), the PDF draws it with fpdf's vector operations (boxes,
// lines, arrowheads and text, in the teams' colours, with a legend), and every format describes it
// as text too: components by owning team and arrows as "A → B (label)". Nothing links anywhere.

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/diagram"
)

type diagramView struct {
	// SVG is the drawing, safe to place in the page as it is: diagram.SVG escapes every label and
	// name and writes only elements and attributes of its own.
	SVG       template.HTML
	Summary   string
	Teams     []diagramTeamView // each team with its components, then the unowned ones
	Arrows    []string          // "A → B (label)", the ones across teams marked
	Snapshots []string          // "End of Clarify (at 9:00): 4 components, 3 arrows"
	d         diagram.Diagram   // for the PDF's drawing
}

type diagramTeamView struct {
	Name       string
	Colour     string
	Components string // "Orders API (service), Orders DB (database)"
}

// diagramViewOf is the report's view of an attempt's diagram; nil when it has none.
func diagramViewOf(d *diagram.Diagram, snaps []prep.DiagramSnapshot) *diagramView {
	if d == nil || d.Empty() {
		return nil
	}
	dv := &diagramView{d: d.Clone()}
	var svg bytes.Buffer
	if diagram.SVG(&svg, *d) == nil { // writing to memory cannot fail; without it the text stands alone
		dv.SVG = template.HTML(svg.String()) // escaped by diagram.SVG: TestSVGEscapesHostileLabels
	}
	crossing := 0
	for _, a := range d.Arrows {
		line := diagram.ArrowLine(*d, a)
		if d.CrossesTeams(a) {
			crossing++
			line += " [crosses teams]"
		}
		dv.Arrows = append(dv.Arrows, line)
	}
	dv.Summary = diagramCounts(*d)
	if crossing > 0 {
		dv.Summary += fmt.Sprintf("; %d %s a team boundary", crossing, pluralVerb(crossing, "arrow crosses", "arrows cross"))
	}
	for _, t := range d.Teams {
		dv.Teams = append(dv.Teams, diagramTeamView{Name: t.Name, Colour: d.TeamColour(t.Name), Components: componentList(d.ComponentsOf(t.Name))})
	}
	if un := d.ComponentsOf(""); len(un) > 0 {
		dv.Teams = append(dv.Teams, diagramTeamView{Name: "Unowned", Colour: diagram.UnownedColour, Components: componentList(un)})
	}
	for _, s := range snaps {
		dv.Snapshots = append(dv.Snapshots, fmt.Sprintf("End of %s (at %s): %s", s.Phase, clock(s.At), diagramCounts(s.Diagram)))
	}
	return dv
}

func diagramCounts(d diagram.Diagram) string {
	return fmt.Sprintf("%d %s, %d %s, %d %s", len(d.Components), plural(len(d.Components), "component"),
		len(d.Arrows), plural(len(d.Arrows), "arrow"), len(d.Teams), plural(len(d.Teams), "team"))
}

func pluralVerb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func componentList(cs []diagram.Component) string {
	if len(cs) == 0 {
		return "(no components)"
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		label := c.Label
		if strings.TrimSpace(label) == "" {
			label = "(no label)"
		}
		parts[i] = label + " (" + strings.ToLower(c.Kind.Title()) + ")"
	}
	return strings.Join(parts, ", ")
}

// writeMDDiagram describes the diagram in Markdown: counts, components by team, arrows. Every label
// goes through mdInline, so none becomes a link, an image or markup.
func writeMDDiagram(out *bytes.Buffer, dv *diagramView) {
	if dv == nil {
		return
	}
	out.WriteString("### Diagram\n\n")
	out.WriteString(mdInline(dv.Summary) + ".\n\n")
	for _, t := range dv.Teams {
		fmt.Fprintf(out, "- **%s**: %s\n", mdInline(t.Name), mdInline(t.Components))
	}
	out.WriteString("\n")
	if len(dv.Arrows) > 0 {
		out.WriteString("Arrows:\n\n")
		for _, a := range dv.Arrows {
			out.WriteString("- " + mdInline(a) + "\n")
		}
		out.WriteString("\n")
	}
	for _, s := range dv.Snapshots {
		out.WriteString(mdInline(s) + "  \n")
	}
	if len(dv.Snapshots) > 0 {
		out.WriteString("\n")
	}
}

// pdfDiagram draws the diagram as vector graphics, scaled to the page's width (and to at most
// two-thirds of its height), then the same text as the other formats.
func (p *pdfWriter) diagram(dv *diagramView) {
	if dv == nil {
		return
	}
	p.subheading("Diagram")
	p.muted(dv.Summary + ".")
	d := dv.d
	w, h := d.Size()
	_, pageH := p.f.GetPageSize()
	scale := math.Min(p.width/w, (pageH-2*pdfMargin)*2/3/h) // mm per diagram unit
	scale = math.Min(scale, 0.3)                            // a small diagram is not blown up past print size
	p.keep(h*scale + 2)
	x0, y0 := pdfMargin, p.f.GetY()+1
	b := d.Bounds()
	at := func(x, y float64) (float64, float64) {
		return x0 + (x-b.Min.X+diagram.Margin)*scale, y0 + (y-b.Min.Y+diagram.Margin)*scale
	}
	f := p.f
	f.SetDrawColor(200, 206, 216)
	f.SetLineWidth(0.2)
	f.Rect(x0, y0, w*scale, h*scale, "D")

	pt := func(units float64) float64 { return units * scale * 72 / 25.4 } // diagram units to points
	for _, a := range d.Arrows {
		from, to, ok := d.ArrowEnds(a)
		if !ok {
			continue
		}
		colour, width := "#333333", 1.0
		if d.CrossesTeams(a) {
			colour, width = diagram.CrossTeamColour, 2
			f.SetDashPattern([]float64{6 * scale, 4 * scale}, 0)
		}
		setDraw(f, colour)
		setFill(f, colour)
		f.SetLineWidth(width * scale)
		x1, y1 := at(from.X, from.Y)
		x2, y2 := at(to.X, to.Y)
		f.Line(x1, y1, x2, y2)
		f.SetDashPattern(nil, 0)
		head := diagram.ArrowHead(from, to)
		pts := make([]fpdf.PointType, 3)
		for i, hp := range head {
			pts[i].X, pts[i].Y = at(hp.X, hp.Y)
		}
		f.Polygon(pts, "F")
	}
	for _, c := range d.Components {
		x, y := at(float64(c.X), float64(c.Y))
		colour := d.TeamColour(c.Team)
		setDraw(f, colour)
		if colour == diagram.UnownedColour {
			f.SetFillColor(255, 255, 255)
		} else {
			setFill(f, diagram.Tint(colour))
		}
		f.SetLineWidth(2 * scale)
		f.RoundedRect(x, y, diagram.ComponentWidth*scale, diagram.ComponentHeight*scale, 6*scale, "1234", "FD")
		f.SetFont(pdfFont, "", pt(10))
		f.SetTextColor(85, 85, 85)
		f.Text(x+8*scale, y+14*scale, pdfText(c.Kind.Title()))
		f.SetFont(pdfFont, "", pt(12))
		f.SetTextColor(17, 17, 17)
		lines := diagram.LabelLines(c.Label, diagram.LabelRunesPerLine)
		for i, line := range lines {
			line = pdfText(line)
			f.Text(x+diagram.ComponentWidth*scale/2-f.GetStringWidth(line)/2, y+diagram.LabelBaseline(i, len(lines))*scale, line)
		}
	}
	// Arrow labels over the boxes, as in the SVG.
	f.SetFont(pdfFont, "", pt(11))
	for _, a := range d.Arrows {
		from, to, ok := d.ArrowEnds(a)
		if !ok || a.Label == "" {
			continue
		}
		colour := "#333333"
		if d.CrossesTeams(a) {
			colour = diagram.CrossTeamColour
		}
		setText(f, colour)
		x1, y1 := at(from.X, from.Y)
		x2, y2 := at(to.X, to.Y)
		label := pdfText(a.Label)
		f.Text((x1+x2)/2-f.GetStringWidth(label)/2, (y1+y2)/2-4*scale, label)
	}
	p.pdfLegend(dv, x0, y0, scale)
	f.SetTextColor(0, 0, 0)
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.2)
	f.SetY(y0 + h*scale + 3)

	for _, t := range dv.Teams {
		p.text(t.Name+": "+t.Components, 4)
	}
	if len(dv.Arrows) > 0 {
		p.bold("Arrows")
		for _, a := range dv.Arrows {
			p.text("• "+a, 4)
		}
	}
	for _, s := range dv.Snapshots {
		p.muted(s)
	}
}

// pdfLegend draws a swatch and name per team under the drawing, and the cross-team arrow's dash,
// where diagram.SVG puts them; (x0, y0) is the drawing's top-left corner.
func (p *pdfWriter) pdfLegend(dv *diagramView, x0, y0, scale float64) {
	f := p.f
	d := dv.d
	crossing := false
	for _, a := range d.Arrows {
		crossing = crossing || d.CrossesTeams(a)
	}
	if len(d.Teams) == 0 && !crossing {
		return
	}
	rows := len(d.Teams)
	if crossing {
		rows++
	}
	_, h := d.Size()
	y := y0 + (h-float64(rows)*diagram.LegendRow-diagram.Margin/2)*scale
	f.SetFont(pdfFont, "", 12*scale*72/25.4)
	for _, t := range d.Teams {
		colour := d.TeamColour(t.Name)
		setDraw(f, colour)
		setFill(f, diagram.Tint(colour))
		f.SetLineWidth(2 * scale)
		f.Rect(x0+diagram.Margin*scale, y, 14*scale, 14*scale, "FD")
		f.SetTextColor(17, 17, 17)
		f.Text(x0+(diagram.Margin+22)*scale, y+11*scale, pdfText(t.Name))
		y += diagram.LegendRow * scale
	}
	if crossing {
		setDraw(f, diagram.CrossTeamColour)
		f.SetLineWidth(2 * scale)
		f.SetDashPattern([]float64{6 * scale, 4 * scale}, 0)
		f.Line(x0+diagram.Margin*scale, y+7*scale, x0+(diagram.Margin+30)*scale, y+7*scale)
		f.SetDashPattern(nil, 0)
		f.Text(x0+(diagram.Margin+38)*scale, y+11*scale, "crosses a team boundary")
	}
}

func rgb(hex string) (r, g, b int) {
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		return 85, 85, 85
	}
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}

func setDraw(f *fpdf.Fpdf, hex string) { r, g, b := rgb(hex); f.SetDrawColor(r, g, b) }
func setFill(f *fpdf.Fpdf, hex string) { r, g, b := rgb(hex); f.SetFillColor(r, g, b) }
func setText(f *fpdf.Fpdf, hex string) { r, g, b := rgb(hex); f.SetTextColor(r, g, b) }
