package diagram

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Point is a position in diagram units.
type Point struct{ X, Y float64 }

// Rect is an axis-aligned rectangle in diagram units.
type Rect struct{ Min, Max Point }

// Margin is the space SVG and the reports leave around the drawing; LegendRow is the height of one
// row of the legend under it.
const (
	Margin    = 16
	LegendRow = 20
)

// Bounds is the rectangle the components cover (zero for a diagram without components).
func (d Diagram) Bounds() Rect {
	if len(d.Components) == 0 {
		return Rect{}
	}
	r := Rect{Min: Point{math.Inf(1), math.Inf(1)}, Max: Point{math.Inf(-1), math.Inf(-1)}}
	for _, c := range d.Components {
		x, y := float64(clampCoord(c.X)), float64(clampCoord(c.Y))
		r.Min.X, r.Min.Y = math.Min(r.Min.X, x), math.Min(r.Min.Y, y)
		r.Max.X, r.Max.Y = math.Max(r.Max.X, x+ComponentWidth), math.Max(r.Max.Y, y+ComponentHeight)
	}
	return r
}

// ArrowEnds is where a's line starts and ends: on the borders of its two components' boxes, along
// the line between their centres. ok is false when an end is missing or the boxes' centres coincide.
func (d Diagram) ArrowEnds(a Arrow) (from, to Point, ok bool) {
	fc, ok1 := d.Component(a.From)
	tc, ok2 := d.Component(a.To)
	if !ok1 || !ok2 {
		return Point{}, Point{}, false
	}
	c1, c2 := centre(fc), centre(tc)
	if c1 == c2 {
		return Point{}, Point{}, false
	}
	return clipToBox(c1, c2), clipToBox(c2, c1), true
}

func centre(c Component) Point {
	return Point{float64(clampCoord(c.X)) + ComponentWidth/2, float64(clampCoord(c.Y)) + ComponentHeight/2}
}

// clipToBox is where the segment from the box centre c towards p leaves the box.
func clipToBox(c, p Point) Point {
	dx, dy := p.X-c.X, p.Y-c.Y
	t := math.Inf(1)
	if dx != 0 {
		t = math.Min(t, (ComponentWidth/2)/math.Abs(dx))
	}
	if dy != 0 {
		t = math.Min(t, (ComponentHeight/2)/math.Abs(dy))
	}
	t = math.Min(t, 1)
	return Point{c.X + dx*t, c.Y + dy*t}
}

// ArrowHead is the triangle of an arrowhead whose tip is at to, pointing away from from.
func ArrowHead(from, to Point) [3]Point {
	const length, half = 11.0, 5.0
	dx, dy := to.X-from.X, to.Y-from.Y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return [3]Point{to, to, to}
	}
	ux, uy := dx/n, dy/n
	bx, by := to.X-ux*length, to.Y-uy*length
	return [3]Point{to, {bx - uy*half, by + ux*half}, {bx + uy*half, by - ux*half}}
}

// LabelLines is a component's label wrapped for its box: at most two lines of at most perLine runes,
// broken at spaces where it can be, the second ending in "…" when the label does not fit. The full
// label is kept beside it (an SVG <title>, the Markdown text).
func LabelLines(label string, perLine int) []string {
	words := strings.Fields(label)
	var lines []string
	cur := ""
	for len(words) > 0 {
		w := words[0]
		switch {
		case cur == "" && utf8.RuneCountInString(w) > perLine:
			r := []rune(w)
			cur, words[0] = string(r[:perLine]), string(r[perLine:])
			lines = append(lines, cur)
			cur = ""
			continue
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= perLine:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = ""
			continue
		}
		words = words[1:]
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) > 2 {
		last := []rune(lines[1])
		if len(last) >= perLine {
			last = last[:perLine-1]
		}
		lines = []string{lines[0], string(last) + "…"}
	}
	return lines
}

// LabelBaseline is where line i of a label of n lines sits, below the top of its box: one line in
// the middle of the space under the kind, two lines either side of it.
func LabelBaseline(i, n int) float64 {
	if n <= 1 {
		return 42
	}
	return 35 + float64(i)*15
}

// LabelRunesPerLine is how many runes of a label fit on a line of a box at the 12-unit font SVG and
// the PDF use (measured with an average Latin character of about 6.4 units, inside 8-unit padding).
const LabelRunesPerLine = 20

// Size is the width and height SVG draws d at, the legend included.
func (d Diagram) Size() (w, h float64) {
	b := d.Bounds()
	w, h = b.Max.X-b.Min.X+2*Margin, b.Max.Y-b.Min.Y+2*Margin
	if rows := d.legendRows(); rows > 0 {
		h += float64(rows) * LegendRow
		w = math.Max(w, 360)
	}
	return w, h
}

// legendRows is the legend's rows: one per team, plus one for the cross-team arrow when there is one.
func (d Diagram) legendRows() int {
	n := len(d.Teams)
	for _, a := range d.Arrows {
		if d.CrossesTeams(a) {
			return n + 1
		}
	}
	return n
}

// SVG writes d as a standalone SVG element (no XML declaration, so it can sit inline in HTML):
// boxes in their team's colour with their kind and label, arrows with arrowheads and labels, arrows
// across teams dashed in CrossTeamColour, and a legend of the teams. Every label and name is escaped;
// colours that are not "#rrggbb" are not written. Arrowheads are polygons rather than a <marker>, so
// two diagrams on one page share no IDs.
func SVG(w io.Writer, d Diagram) error {
	bw := bufio.NewWriter(w)
	b := d.Bounds()
	width, height := d.Size()
	ox, oy := Margin-b.Min.X, Margin-b.Min.Y // diagram units to SVG units
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img" font-family="sans-serif" font-size="12">`,
		num(width), num(height), num(width), num(height))
	bw.WriteString(`<title>`)
	esc(bw, fmt.Sprintf("Diagram: %d components, %d arrows, %d teams", len(d.Components), len(d.Arrows), len(d.Teams)))
	bw.WriteString(`</title>`)
	fmt.Fprintf(bw, `<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>`, num(width), num(height))

	for _, a := range d.Arrows {
		from, to, ok := d.ArrowEnds(a)
		if !ok {
			continue
		}
		from, to = Point{from.X + ox, from.Y + oy}, Point{to.X + ox, to.Y + oy}
		colour, dash := "#333333", ""
		if d.CrossesTeams(a) {
			colour, dash = CrossTeamColour, ` stroke-dasharray="6 4" stroke-width="2"`
		}
		bw.WriteString(`<g class="arrow" data-id="`)
		esc(bw, a.ID)
		bw.WriteString(`"><title>`)
		esc(bw, ArrowLine(d, a))
		bw.WriteString(`</title>`)
		fmt.Fprintf(bw, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"%s/>`, num(from.X), num(from.Y), num(to.X), num(to.Y), colour, dash)
		h := ArrowHead(from, to)
		fmt.Fprintf(bw, `<polygon points="%s,%s %s,%s %s,%s" fill="%s"/>`, num(h[0].X), num(h[0].Y), num(h[1].X), num(h[1].Y), num(h[2].X), num(h[2].Y), colour)
		bw.WriteString(`</g>`)
	}

	for _, c := range d.Components {
		x, y := float64(clampCoord(c.X))+ox, float64(clampCoord(c.Y))+oy
		colour := d.TeamColour(c.Team)
		fill := "#ffffff"
		if colour != UnownedColour {
			fill = Tint(colour)
		}
		bw.WriteString(`<g class="component" data-id="`)
		esc(bw, c.ID)
		bw.WriteString(`"><title>`)
		esc(bw, describe(c))
		bw.WriteString(`</title>`)
		fmt.Fprintf(bw, `<rect x="%s" y="%s" width="%d" height="%d" rx="6" fill="%s" stroke="%s" stroke-width="2"/>`,
			num(x), num(y), ComponentWidth, ComponentHeight, fill, colour)
		fmt.Fprintf(bw, `<text x="%s" y="%s" font-size="10" fill="#555555">`, num(x+8), num(y+14))
		esc(bw, c.Kind.Title())
		bw.WriteString(`</text>`)
		lines := LabelLines(c.Label, LabelRunesPerLine)
		for i, line := range lines {
			fmt.Fprintf(bw, `<text x="%s" y="%s" fill="#111111">`, num(x+ComponentWidth/2), num(y+LabelBaseline(i, len(lines))))
			bw.WriteString(`<tspan text-anchor="middle">`)
			esc(bw, line)
			bw.WriteString(`</tspan></text>`)
		}
		bw.WriteString(`</g>`)
	}

	// Arrow labels last, over the boxes: a short arrow's label would otherwise hide under them.
	for _, a := range d.Arrows {
		from, to, ok := d.ArrowEnds(a)
		if !ok || a.Label == "" {
			continue
		}
		colour := "#333333"
		if d.CrossesTeams(a) {
			colour = CrossTeamColour
		}
		mx, my := (from.X+to.X)/2+ox, (from.Y+to.Y)/2+oy
		// A white halo first, then the label: paint-order would do it in one element, but not every
		// SVG renderer knows it.
		bw.WriteString(`<g class="arrow-label" text-anchor="middle" font-size="11">`)
		fmt.Fprintf(bw, `<text x="%s" y="%s" fill="#ffffff" stroke="#ffffff" stroke-width="4" aria-hidden="true">`, num(mx), num(my-4))
		esc(bw, a.Label)
		fmt.Fprintf(bw, `</text><text x="%s" y="%s" fill="%s">`, num(mx), num(my-4), colour)
		esc(bw, a.Label)
		bw.WriteString(`</text></g>`)
	}

	writeLegend(bw, d, height)
	bw.WriteString(`</svg>`)
	return bw.Flush()
}

func writeLegend(bw *bufio.Writer, d Diagram, height float64) {
	rows := d.legendRows()
	if rows == 0 {
		return
	}
	y := height - float64(rows)*LegendRow - Margin/2
	bw.WriteString(`<g class="legend">`)
	for _, t := range d.Teams {
		colour := d.TeamColour(t.Name)
		fmt.Fprintf(bw, `<rect x="%d" y="%s" width="14" height="14" fill="%s" stroke="%s" stroke-width="2"/>`, Margin, num(y), Tint(colour), colour)
		fmt.Fprintf(bw, `<text x="%d" y="%s">`, Margin+22, num(y+11))
		esc(bw, t.Name)
		bw.WriteString(`</text>`)
		y += LegendRow
	}
	if rows > len(d.Teams) {
		fmt.Fprintf(bw, `<line x1="%d" y1="%s" x2="%d" y2="%s" stroke="%s" stroke-dasharray="6 4" stroke-width="2"/>`, Margin, num(y+7), Margin+30, num(y+7), CrossTeamColour)
		fmt.Fprintf(bw, `<text x="%d" y="%s">crosses a team boundary</text>`, Margin+38, num(y+11))
	}
	bw.WriteString(`</g>`)
}

// Tint is colour ("#rrggbb") at 18% over white: the fill of a team's boxes, light enough for black
// text on it. Solid rather than an opacity, so every SVG renderer and the PDF draw the same.
func Tint(colour string) string {
	v, err := strconv.ParseUint(strings.TrimPrefix(colour, "#"), 16, 32)
	if !ValidColour(colour) || err != nil {
		return "#ffffff"
	}
	mix := func(c uint64) uint64 { return uint64(math.Round(0.18*float64(c) + 0.82*255)) }
	return fmt.Sprintf("#%02x%02x%02x", mix(v>>16&0xff), mix(v>>8&0xff), mix(v&0xff))
}

// esc writes s as XML character data or an attribute value: &, <, >, quotes and white space are
// escaped, and characters XML cannot hold at all (NUL, most control characters) become U+FFFD.
func esc(w io.Writer, s string) { _ = xml.EscapeText(w, []byte(s)) }

// num is a coordinate as SVG reads it: at most two decimals, no exponent.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}
