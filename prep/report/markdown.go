package report

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/markdown"
)

// Answers, comments and scenarios are Markdown written by people, read through goldmark
// (prep/markdown). Each format walks the tree itself and escapes for itself: this file writes
// Markdown, html.go HTML and pdf.go draws text. Raw HTML, links and images are shown as the
// characters that were typed, never followed; fenced code keeps its lines.

// text is a parsed piece of user text; nil when there is nothing in it, so templates and writers
// can skip it.
type text = *markdown.Doc

func parse(s string) text {
	d := markdown.Parse(s)
	if d.Empty() {
		return nil
	}
	return &d
}

var numberedRe = regexp.MustCompile(`^(\d{1,9})([.)])`)

// mdEscaper makes text inert in Markdown: no raw HTML or entities (< > &), no links, images or
// autolinks ([ ] < >), no code spans (`), no emphasis the writer did not intend (* _), no table
// cells (|), and backslashes kept literal so none of these escapes can be undone.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
)

// mdInline escapes text for one line of Markdown.
func mdInline(s string) string {
	// No line breaks: one line can never start a new block. Spaces are kept as typed otherwise.
	s = strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
	return mdEscaper.Replace(s)
}

// mdLineStart escapes the characters that would make the start of a paragraph line a heading,
// list item, rule or setext underline.
func mdLineStart(s string) string {
	if s != "" && strings.ContainsRune("#-+=", rune(s[0])) {
		return `\` + s
	}
	if m := numberedRe.FindStringSubmatch(s); m != nil {
		return m[1] + `\` + s[len(m[1]):]
	}
	return s
}

// mdDoc writes a parsed text as Markdown, with headings pushed below the report's own (base is
// the report's deepest heading level).
func mdDoc(w *bytes.Buffer, d text, base int) {
	if d == nil {
		return
	}
	for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
		mdBlock(w, n, d.Src, base, "")
	}
}

// mdBlock writes one block; indent is put before every line (list item continuations, quotes).
func mdBlock(w *bytes.Buffer, n ast.Node, src []byte, base int, indent string) {
	switch t := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		mdLines(w, indent, strings.Split(mdInlines(n, src), "\n"))
	case *ast.Heading:
		fmt.Fprintf(w, "%s%s %s\n\n", indent, strings.Repeat("#", min(t.Level+base, 6)), strings.ReplaceAll(mdInlines(n, src), "\n", " "))
	case *ast.List:
		mdList(w, t, src, base, indent)
	case *east.Table:
		writeMDTable(w, markdown.TableRows(t, src))
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		mdLines(w, indent, codeLines(n, src))
	case *ast.Blockquote:
		for c := t.FirstChild(); c != nil; c = c.NextSibling() {
			mdBlock(w, c, src, base, indent+"> ")
		}
	case *ast.ThematicBreak:
		w.WriteString(indent + "* * *\n\n")
	}
}

// mdLines writes a block's lines, each after indent, with a hard line break between them to keep
// the writer's lines.
func mdLines(w *bytes.Buffer, indent string, ls []string) {
	for i, l := range ls {
		if i > 0 {
			w.WriteString("  \n")
		}
		w.WriteString(indent + mdLineStart(l))
	}
	w.WriteString("\n\n")
}

// codeLines are a code or HTML block's lines, escaped. Not a code block: a viewer shows a code
// block's characters as they are, so its text could not be escaped, and one viewer that renders
// HTML there is one too many. The lines are kept as lines, with the indentation as non-breaking
// spaces.
func codeLines(n ast.Node, src []byte) []string {
	var ls []string
	for _, l := range strings.Split(markdown.Source(n, src), "\n") {
		trimmed := strings.TrimLeft(l, " ")
		ls = append(ls, strings.Repeat("\u00a0", len(l)-len(trimmed))+mdEscaper.Replace(trimmed))
	}
	return ls
}

// mdList writes a list, its items numbered from its start when it is ordered.
func mdList(w *bytes.Buffer, t *ast.List, src []byte, base int, indent string) {
	i := t.Start
	for item := t.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "- "
		if t.IsOrdered() {
			marker = fmt.Sprintf("%d. ", i)
			i++
		}
		mdListItem(w, item, t.IsTight, src, base, indent, marker)
	}
	w.WriteString("\n")
}

// mdListItem writes a list item's blocks, the first after the marker and the rest indented under it.
func mdListItem(w *bytes.Buffer, item ast.Node, tight bool, src []byte, base int, indent, marker string) {
	var sub bytes.Buffer
	for c := item.FirstChild(); c != nil; c = c.NextSibling() {
		mdBlock(&sub, c, src, base, "")
	}
	body := strings.Split(strings.TrimRight(sub.String(), "\n"), "\n")
	pad := strings.Repeat(" ", len(marker))
	for j, l := range body {
		switch {
		case j == 0:
			w.WriteString(indent + marker + l + "\n")
		case l == "" && tight:
			// A tight list keeps its items' blocks together, as the writer did.
		case l == "":
			w.WriteString("\n")
		default:
			w.WriteString(indent + pad + l + "\n")
		}
	}
}

// mdInlines is a block's inline content as escaped Markdown, with "\n" where the writer broke a
// line. Only emphasis survives as Markdown; everything else is inert text.
func mdInlines(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch t := c.(type) {
		case *ast.Text:
			if entering {
				b.WriteString(mdInline(markdown.Literal(t, src)))
				if t.SoftLineBreak() || t.HardLineBreak() {
					b.WriteString("\n")
				}
			}
		case *ast.String:
			if entering {
				b.WriteString(mdInline(markdown.Literal(t, src)))
			}
		case *ast.Emphasis:
			if strings.TrimSpace(markdown.Plain(t, src)) != "" {
				b.WriteString(strings.Repeat("*", t.Level))
			}
		case *ast.RawHTML, *ast.AutoLink:
			if entering {
				b.WriteString(mdInline(markdown.Source(c, src)))
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link, *ast.Image:
			switch {
			case entering && c.Kind() == ast.KindImage:
				b.WriteString(`!\[`)
			case entering:
				b.WriteString(`\[`)
			default:
				b.WriteString(mdInline(markdown.LinkTail(c)))
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimRight(b.String(), "\n")
}

func writeMDTable(w *bytes.Buffer, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	for i, r := range rows {
		w.WriteString("|")
		for c := range cols {
			cell := ""
			if c < len(r) {
				cell = mdInline(r[c])
			}
			w.WriteString(" " + cell + " |")
		}
		w.WriteString("\n")
		if i == 0 {
			w.WriteString("|" + strings.Repeat(" --- |", cols) + "\n")
		}
	}
	w.WriteString("\n")
}

// WriteMarkdown writes the report as Markdown. Every piece of bundle text is escaped, so the file
// renders the same in any Markdown viewer and cannot carry raw HTML, links or images.
func WriteMarkdown(w io.Writer, b *prep.Bundle) error { return writeMarkdown(w, build(b, nil)) }

func writeMarkdown(w io.Writer, v view) error {
	var out bytes.Buffer
	writeMDSummary(&out, v)
	for _, a := range v.Attempts {
		writeMDAttempt(&out, a)
	}
	writeMDStories(&out, v.Stories)
	writeMDStoryComments(&out, v.StoryComments)
	if len(v.Orphans) > 0 {
		out.WriteString("## Reviews of attempts not in this file\n\n")
		for _, r := range v.Orphans {
			writeMDReview(&out, r, true)
		}
	}
	_, err := w.Write(out.Bytes())
	return err
}

// writeMDSummary writes the report's title, what it holds, and the scores by competency.
func writeMDSummary(out *bytes.Buffer, v view) {
	fmt.Fprintf(out, "# %s\n\n", mdInline(v.Title))
	meta := v.KindLabel + ", exported " + v.ExportedAt
	if v.ExportedBy != "" {
		meta += " by " + v.ExportedBy
	}
	fmt.Fprintf(out, "%s. %d %s, %d %s.\n\n", mdInline(meta), len(v.Attempts), plural(len(v.Attempts), "attempt"), v.Reviews, plural(v.Reviews, "review"))
	if len(v.Competencies) == 0 {
		return
	}
	out.WriteString("## Scores by competency\n\nAverages on the 1 to 4 scale, weakest first, each competency's criteria beneath it.\n\n")
	rows := [][]string{{"Competency / criterion", "Self", "Mentor"}}
	for _, g := range v.Competencies {
		rows = append(rows, []string{g.Name, avgCell(g.Self, g.SelfN), avgCell(g.Mentor, g.MentorN)})
		for _, c := range g.Criteria {
			rows = append(rows, []string{"· " + c.Name, avgCell(c.Self, c.SelfN), avgCell(c.Mentor, c.MentorN)})
		}
	}
	writeMDTable(out, rows)
}

// writeMDAttempt writes one attempt: its facts, scenario, answer and whiteboard, follow-ups, teams,
// estimates, time per phase, scores, reflection and reviews, each part only when it has something.
func writeMDAttempt(out *bytes.Buffer, a attemptView) {
	fmt.Fprintf(out, "## %d. %s\n\n", a.N, mdInline(a.Title))
	out.WriteString(mdInline(strings.Join(attemptFacts(a), " · ")) + "  \n")
	fmt.Fprintf(out, "Attempt %s\n\n", mdInline(a.ID))
	if a.Scenario != nil {
		out.WriteString("### Scenario\n\n")
		mdDoc(out, a.Scenario, 3)
	}
	out.WriteString("### Answer\n\n")
	if a.Answer == nil {
		out.WriteString("(no answer written)\n\n")
	}
	mdDoc(out, a.Answer, 3)
	writeMDDiagram(out, a.Diagram)
	writeMDFollowUps(out, a.FollowUps)
	writeMDTeams(out, a)
	if len(a.Estimates) > 0 {
		out.WriteString("### Estimates\n\n")
		writeMDTable(out, a.Estimates)
	}
	writeMDPhases(out, a.Phases)
	out.WriteString("### Scores\n\n")
	writeMDTable(out, scoreTable(a))
	writeMDEvidence(out, a.Scores)
	if a.Reflection != nil {
		out.WriteString("### Reflection\n\n")
		mdDoc(out, a.Reflection, 4)
	}
	for _, r := range a.Reviews {
		writeMDReview(out, r, false)
	}
}

// attemptFacts are the line under an attempt's heading: its round and level, when it finished, and
// the time used, self-score and story told when there are any.
func attemptFacts(a attemptView) []string {
	facts := []string{a.Meta, "finished " + a.Finished}
	if a.TimeUsed != "" {
		facts = append(facts, "time "+a.TimeUsed)
	}
	if a.SelfAvg != "" {
		facts = append(facts, "self-score "+a.SelfAvg)
	}
	if a.Story != "" {
		facts = append(facts, "story told: "+a.Story)
	}
	return facts
}

func writeMDFollowUps(out *bytes.Buffer, fus []followUpView) {
	if len(fus) == 0 {
		return
	}
	out.WriteString("### Follow-ups\n\n")
	for _, f := range fus {
		fmt.Fprintf(out, "**%s asks (at %s):** %s\n\n", mdInline(f.Asker), mdInline(f.AskedAt), mdInline(f.Question))
		if f.Answer == nil {
			out.WriteString("(no reply)\n\n")
		}
		mdDoc(out, f.Answer, 4)
	}
}

// writeMDTeams writes the team table (unless the answer's text already holds it), the spans of
// control and the notes on them.
func writeMDTeams(out *bytes.Buffer, a attemptView) {
	if len(a.Teams) == 0 {
		return
	}
	out.WriteString("### " + a.TeamsHeading + "\n\n")
	if !a.TeamsInAnswer {
		writeMDTable(out, a.Teams)
	}
	writeMDTable(out, a.Spans)
	for _, n := range a.TeamNotes {
		out.WriteString(mdInline(n) + "\n\n")
	}
}

func writeMDPhases(out *bytes.Buffer, phases []phaseView) {
	if len(phases) == 0 {
		return
	}
	out.WriteString("### Time per phase\n\n")
	rows := [][]string{{"Phase", "Budget", "Used"}}
	for _, p := range phases {
		used := p.Used
		if p.Over {
			used += " (over)"
		}
		rows = append(rows, []string{p.Name, p.Budget, used})
	}
	writeMDTable(out, rows)
}

func writeMDReview(out *bytes.Buffer, r reviewView, orphan bool) {
	fmt.Fprintf(out, "### Review by %s, %s\n\n", mdInline(r.Reviewer), mdInline(r.ReviewedAt))
	if orphan {
		fmt.Fprintf(out, "Of attempt %s.\n\n", mdInline(r.AttemptID))
	}
	if len(r.Scores) > 0 {
		rows := [][]string{{"Criterion", "Mentor score"}}
		for _, s := range r.Scores {
			rows = append(rows, []string{s.Criterion, fmt.Sprint(s.Value)})
		}
		writeMDTable(out, rows)
	}
	mdDoc(out, r.Comment, 4)
	for _, s := range r.Sections {
		fmt.Fprintf(out, "**On %s:**\n\n", mdInline(s.Title))
		mdDoc(out, s.Comment, 4)
	}
}

// writeMDEvidence lists the passages cited for the self-scores, under the score table: a table
// cell cannot hold a quotation that wraps.
func writeMDEvidence(out *bytes.Buffer, rows []scoreRow) {
	started := false
	for _, r := range rows {
		if r.Evidence == "" {
			continue
		}
		if !started {
			out.WriteString("Evidence cited for the self-scores:\n\n")
			started = true
		}
		fmt.Fprintf(out, "- %s (%s): “%s”\n", mdInline(r.Criterion), mdInline(r.Self), mdInline(r.Evidence))
	}
	if started {
		out.WriteString("\n")
	}
}

func scoreTable(a attemptView) [][]string {
	head := append([]string{"Criterion", "Self"}, a.Reviewers...)
	rows := [][]string{head}
	for _, s := range a.Scores {
		rows = append(rows, append([]string{s.Criterion, s.Self}, s.Mentor...))
	}
	return rows
}

func avgCell(v float64, n int) string {
	if n == 0 {
		return dash
	}
	return fmt.Sprintf("%.1f (%d)", v, n)
}
