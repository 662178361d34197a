package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/markdown"
)

// The PDF is drawn with fpdf (codeberg.org/go-pdf/fpdf, the maintained successor of
// jung-kurt/gofpdf and github.com/go-pdf/fpdf), pure Go, already in the module graph through
// gonum/plot. Its built-in fonts only know Windows-1252, so the report embeds Liberation Sans
// (also already linked, for the charts) as a UTF-8 font: names and answers keep their accents,
// Greek and Cyrillic. Scripts Liberation lacks (CJK, say) show as empty boxes.

const (
	pdfFont   = "LiberationSans"
	pdfMargin = 18.0 // mm
	pdfLine   = 5.0  // mm per line of body text
)

type pdfWriter struct {
	f     *fpdf.Fpdf
	width float64 // usable width between the margins
}

// WritePDF writes a plain, readable A4 report: a summary table of scores by criterion, then each
// attempt with its prompt, answer, follow-ups, times, scores, reflection and reviews.
func WritePDF(w io.Writer, b *prep.Bundle) error { return writePDF(w, build(b, nil)) }

func writePDF(w io.Writer, v view) error {
	p := newPDF(v)
	p.summary(v)
	for _, a := range v.Attempts {
		p.attempt(a)
	}
	p.stories(v.Stories)
	p.storyComments(v.StoryComments)
	if len(v.Orphans) > 0 {
		p.f.AddPage()
		p.heading("Reviews of attempts not in this file", 14)
		for _, r := range v.Orphans {
			p.review(r, true)
		}
	}
	var buf bytes.Buffer
	if err := p.f.Output(&buf); err != nil {
		return fmt.Errorf("writing the PDF report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// newPDF starts an A4 document with the report's fonts, metadata and page footer, on its first page.
func newPDF(v view) *pdfWriter {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(pdfFont, "", liberationsansregular.TTF)
	f.AddUTF8FontFromBytes(pdfFont, "B", liberationsansbold.TTF)
	f.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	f.SetAutoPageBreak(true, pdfMargin)
	f.SetTitle(pdfText(v.Title), true)
	f.SetCreator("PanelPrep", true)
	f.SetProducer("PanelPrep", true)
	if v.ExportedBy != "" {
		f.SetAuthor(pdfText(v.ExportedBy), true)
	}
	// The same bundle always gives the same file: the dates come from the bundle, not the clock.
	f.SetCreationDate(v.exportedAt)
	f.SetModificationDate(v.exportedAt)
	f.SetCatalogSort(true) // fonts in a fixed order, not map order
	f.AliasNbPages("{nb}")
	f.SetFooterFunc(func() {
		f.SetY(-12)
		f.SetFont(pdfFont, "", 8)
		f.SetTextColor(110, 118, 132)
		f.CellFormat(0, 5, fmt.Sprintf("PanelPrep report · page %d of {nb}", f.PageNo()), "", 0, "C", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	pw, _, _ := f.PageSize(0)
	p := &pdfWriter{f: f, width: pw - 2*pdfMargin}
	f.AddPage()
	return p
}

// summary is the first page: the title, what the bundle is, and the scores by competency.
func (p *pdfWriter) summary(v view) {
	p.heading(v.Title, 17)
	meta := v.KindLabel + " · exported " + v.ExportedAt
	if v.ExportedBy != "" {
		meta += " by " + v.ExportedBy
	}
	p.muted(fmt.Sprintf("%s · %d %s, %d %s", meta, len(v.Attempts), plural(len(v.Attempts), "attempt"), v.Reviews, plural(v.Reviews, "review")))
	if len(v.Competencies) > 0 {
		p.heading("Scores by competency", 13)
		p.muted("Averages on the 1 to 4 scale, weakest first, each competency's criteria beneath it in the table. Blue: self; orange: mentor.")
		p.criteriaChart(v.Competencies)
	}
}

// attempt is one attempt, from a new page: its facts, scenario, answer, follow-ups, team table,
// times, scores, reflection and reviews.
func (p *pdfWriter) attempt(a attemptView) {
	p.f.AddPage()
	p.heading(fmt.Sprintf("%d. %s", a.N, a.Title), 14)
	facts := a.Meta + " · finished " + a.Finished
	if a.TimeUsed != "" {
		facts += " · time " + a.TimeUsed
	}
	if a.SelfAvg != "" {
		facts += " · self-score " + a.SelfAvg
	}
	p.muted(facts)
	if a.Story != "" {
		p.muted("Story told: " + a.Story)
	}
	p.muted("Attempt " + a.ID)
	if a.Scenario != nil {
		p.subheading("Scenario")
		p.blocks(a.Scenario)
	}
	p.subheading("Answer")
	if a.Answer == nil {
		p.muted("(no answer written)")
	}
	p.blocks(a.Answer)
	p.diagram(a.Diagram)
	p.followUps(a.FollowUps)
	p.teams(a)
	if len(a.Estimates) > 0 {
		p.subheading("Estimates")
		p.table(a.Estimates, []float64{0.3, 0.3, 0.4})
	}
	p.phases(a.Phases)
	p.scores(a)
	if a.Reflection != nil {
		p.subheading("Reflection")
		p.blocks(a.Reflection)
	}
	for _, r := range a.Reviews {
		p.review(r, false)
	}
}

func (p *pdfWriter) followUps(fus []followUpView) {
	if len(fus) == 0 {
		return
	}
	p.subheading("Follow-ups")
	for _, fu := range fus {
		p.bold(fmt.Sprintf("%s asks (at %s): %s", fu.Asker, fu.AskedAt, fu.Question))
		if fu.Answer == nil {
			p.muted("(no reply)")
		}
		p.blocks(fu.Answer)
	}
}

// teams is the team table (unless the answer shows it already), its spans and its paths.
func (p *pdfWriter) teams(a attemptView) {
	if len(a.Teams) == 0 {
		return
	}
	p.subheading(a.TeamsHeading)
	if !a.TeamsInAnswer {
		p.table(a.Teams, []float64{0.35, 0.25, 0.25, 0.15})
	}
	p.table(a.Spans, []float64{0.25, 0.1, 0.1, 0.55})
	for _, n := range a.TeamNotes {
		p.muted(n)
	}
}

func (p *pdfWriter) phases(phases []phaseView) {
	if len(phases) == 0 {
		return
	}
	p.subheading("Time per phase")
	rows := [][]string{{"Phase", "Budget", "Used"}}
	for _, ph := range phases {
		used := ph.Used
		if ph.Over {
			used += " (over)"
		}
		rows = append(rows, []string{ph.Name, ph.Budget, used})
	}
	p.table(rows, []float64{0.6, 0.2, 0.2})
}

// scores is the score table, then the passage cited for each self-score.
func (p *pdfWriter) scores(a attemptView) {
	p.subheading("Scores")
	st := scoreTable(a)
	widths := []float64{0.5}
	for range st[0][1:] {
		widths = append(widths, 0.5/float64(len(st[0])-1))
	}
	p.table(st, widths)
	for _, r := range a.Scores {
		if r.Evidence != "" {
			p.text(r.Criterion+" ("+r.Self+"), evidence: “"+r.Evidence+"”", 4)
		}
	}
}

// pdfText makes text safe to draw: tabs become spaces and other control characters are dropped
// (fpdf would draw them as boxes or, for some, break its line handling).
func pdfText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r), r == '\u2028', r == '\u2029', r == '\ufeff':
			return -1
		}
		return r
	}, s)
}

func (p *pdfWriter) heading(s string, size float64) {
	p.f.SetFont(pdfFont, "B", size)
	p.f.Ln(2)
	p.f.MultiCell(0, size*0.5, pdfText(s), "", "L", false)
	p.f.Ln(1)
}

// keep starts a new page when less than h mm are left on this one, so a heading or a table's
// header row is never stranded at the foot of a page.
func (p *pdfWriter) keep(h float64) {
	_, pageH := p.f.GetPageSize()
	if p.f.GetY()+h > pageH-pdfMargin {
		p.f.AddPage()
	}
}

func (p *pdfWriter) subheading(s string) {
	p.keep(22)
	p.f.SetFont(pdfFont, "B", 11.5)
	p.f.Ln(2)
	p.f.MultiCell(0, 6, pdfText(s), "", "L", false)
}

func (p *pdfWriter) muted(s string) {
	p.f.SetFont(pdfFont, "", 9)
	p.f.SetTextColor(91, 101, 119)
	p.f.MultiCell(0, 4.5, pdfText(s), "", "L", false)
	p.f.SetTextColor(0, 0, 0)
}

func (p *pdfWriter) bold(s string) {
	p.f.SetFont(pdfFont, "B", 10)
	p.f.MultiCell(0, pdfLine, pdfText(s), "", "L", false)
}

func (p *pdfWriter) text(s string, indent float64) {
	p.f.SetFont(pdfFont, "", 10)
	p.f.SetX(pdfMargin + indent)
	p.f.MultiCell(p.width-indent, pdfLine, pdfText(s), "", "L", false)
}

// blocks draws a parsed text: headings in bold, list items with their markers, tables as tables,
// everything else as wrapped paragraphs with the writer's line breaks. Emphasis inside a line is
// drawn plain: a plain, readable PDF matters more than emphasis.
func (p *pdfWriter) blocks(d text) {
	if d == nil {
		return
	}
	for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
		p.block(n, d.Src, 0)
	}
}

func (p *pdfWriter) block(n ast.Node, src []byte, indent float64) {
	switch t := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		p.text(markdown.Plain(n, src), indent)
		p.f.Ln(1.5)
	case *ast.Heading:
		p.f.SetFont(pdfFont, "B", 10.5)
		p.f.Ln(1)
		p.f.SetX(pdfMargin + indent)
		p.f.MultiCell(p.width-indent, pdfLine+0.5, pdfText(strings.ReplaceAll(markdown.Plain(n, src), "\n", " ")), "", "L", false)
	case *ast.List:
		i := t.Start
		for item := t.FirstChild(); item != nil; item = item.NextSibling() {
			marker := "•"
			if t.IsOrdered() {
				marker = fmt.Sprintf("%d.", i)
				i++
			}
			p.f.SetFont(pdfFont, "", 10)
			y := p.f.GetY()
			p.f.SetX(pdfMargin + indent + 2)
			p.f.CellFormat(6, pdfLine, marker, "", 0, "L", false, 0, "")
			p.f.SetXY(pdfMargin+indent+8, y)
			for c := item.FirstChild(); c != nil; c = c.NextSibling() {
				if c.Kind() == ast.KindTextBlock || c.Kind() == ast.KindParagraph {
					p.text(markdown.Plain(c, src), indent+8)
					continue
				}
				p.block(c, src, indent+8)
			}
		}
		p.f.Ln(1.5)
	case *east.Table:
		rows := markdown.TableRows(t, src)
		cols := 0
		for _, r := range rows {
			cols = max(cols, len(r))
		}
		widths := make([]float64, cols)
		for i := range widths {
			widths[i] = 1 / float64(cols)
		}
		p.table(rows, widths)
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		p.text(markdown.Source(n, src), indent+4)
		p.f.Ln(1.5)
	case *ast.Blockquote:
		for c := t.FirstChild(); c != nil; c = c.NextSibling() {
			p.block(c, src, indent+4)
		}
	case *ast.ThematicBreak:
		y := p.f.GetY() + 1
		p.f.Line(pdfMargin+indent, y, pdfMargin+p.width, y)
		p.f.Ln(3)
	}
}

// table draws rows (the first is the header) with column widths given as shares of the page. A
// cell's text wraps; the row is as tall as its tallest cell.
func (p *pdfWriter) table(rows [][]string, shares []float64) {
	f := p.f
	widths := make([]float64, len(shares))
	for i, s := range shares {
		widths[i] = s * p.width
	}
	const lineH = 4.8
	p.keep(3 * lineH)
	for ri, row := range rows {
		style := ""
		if ri == 0 {
			style = "B"
		}
		f.SetFont(pdfFont, style, 9.5)
		height := lineH
		texts := make([]string, len(widths))
		for c := range widths {
			if c < len(row) {
				texts[c] = pdfText(strings.ReplaceAll(row[c], "\n", " "))
			}
			n := len(f.SplitText(texts[c], widths[c]-2))
			height = max(height, float64(max(n, 1))*lineH)
		}
		_, pageH := f.GetPageSize()
		if f.GetY()+height > pageH-pdfMargin {
			f.AddPage()
		}
		x, y := pdfMargin, f.GetY()
		for c, w := range widths {
			if ri == 0 {
				f.SetFillColor(238, 242, 247)
				f.Rect(x, y, w, height, "FD")
			} else {
				f.Rect(x, y, w, height, "D")
			}
			f.SetXY(x+1, y)
			f.MultiCell(w-2, lineH, texts[c], "", "L", false)
			x += w
		}
		f.SetXY(pdfMargin, y+height)
	}
	f.Ln(2)
}

func (p *pdfWriter) review(r reviewView, orphan bool) {
	p.f.Ln(2)
	p.f.SetDrawColor(217, 140, 43)
	p.f.SetLineWidth(0.6)
	y := p.f.GetY()
	p.f.Line(pdfMargin, y, pdfMargin+p.width, y)
	p.f.SetLineWidth(0.2)
	p.f.SetDrawColor(0, 0, 0)
	p.f.Ln(1)
	p.bold("Review by " + r.Reviewer + " · " + r.ReviewedAt)
	if orphan {
		p.muted("Of attempt " + r.AttemptID)
	}
	if len(r.Scores) > 0 {
		rows := [][]string{{"Criterion", "Mentor score"}}
		for _, s := range r.Scores {
			rows = append(rows, []string{s.Criterion, fmt.Sprint(s.Value)})
		}
		p.table(rows, []float64{0.75, 0.25})
	}
	p.blocks(r.Comment)
	for _, s := range r.Sections {
		p.bold("On " + s.Title + ":")
		p.blocks(s.Comment)
	}
}

// criteriaChart draws the per-competency averages as horizontal bars, then a table of each
// competency with its criteria beneath.
func (p *pdfWriter) criteriaChart(groups []competencyView) {
	cs := make([]criterionView, len(groups))
	for i, g := range groups {
		cs[i] = g.criterionView
	}
	f := p.f
	labelW := 62.0
	barMax := p.width - labelW - 12
	for _, c := range cs {
		_, pageH := f.GetPageSize()
		if f.GetY()+11 > pageH-pdfMargin {
			f.AddPage()
		}
		y := f.GetY()
		f.SetFont(pdfFont, "", 8.5)
		f.SetXY(pdfMargin, y)
		f.CellFormat(labelW-2, 9, pdfText(shorten(c.Name, 40)), "", 0, "R", false, 0, "")
		x := pdfMargin + labelW
		bar := func(v float64, n int, dy float64, r, g, b int) {
			if n == 0 {
				return
			}
			f.SetFillColor(r, g, b)
			w := v / 4 * barMax
			f.Rect(x, y+dy, w, 3.6, "F")
			f.SetXY(x+w+1, y+dy-0.6)
			f.CellFormat(10, 4.8, fmt.Sprintf("%.1f", v), "", 0, "L", false, 0, "")
		}
		bar(c.Self, c.SelfN, 0.8, 74, 120, 181)
		bar(c.Mentor, c.MentorN, 4.8, 217, 140, 43)
		f.SetXY(pdfMargin, y+10)
	}
	f.Ln(2)
	rows := [][]string{{"Competency / criterion", "Self", "Mentor"}}
	for _, g := range groups {
		rows = append(rows, []string{g.Name, avgCell(g.Self, g.SelfN), avgCell(g.Mentor, g.MentorN)})
		for _, c := range g.Criteria {
			rows = append(rows, []string{"    " + c.Name, avgCell(c.Self, c.SelfN), avgCell(c.Mentor, c.MentorN)})
		}
	}
	p.table(rows, []float64{0.6, 0.2, 0.2})
}
