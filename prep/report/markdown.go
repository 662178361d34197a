package report

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/panelprep/panelprep/prep"
)

// Answers, comments and scenarios are Markdown written by people. Reports understand a small,
// safe part of it: headings, paragraphs, bullet and numbered lists, tables (the org-design team
// table), fenced code and **bold**. Everything else stays as the characters that were typed. The
// parser only splits text into blocks and spans; it never produces markup, so each format escapes
// the text for itself.

type block struct {
	Kind  string   // "p", "h", "ul", "ol", "table" or "pre"
	Level int      // heading level, 1 to 6
	Lines [][]span // a paragraph's lines, or a heading's one line
	Items [][]span // list items
	Rows  [][]string
	Code  string
}

type span struct {
	Text string
	Bold bool
}

var (
	headingRe  = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
	bulletRe   = regexp.MustCompile(`^[-*+]\s+(.*)$`)
	orderedRe  = regexp.MustCompile(`^\d{1,9}[.)]\s+(.*)$`)
	ruleRe     = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
	numberedRe = regexp.MustCompile(`^(\d{1,9})([.)])`)
)

// parseBlocks splits Markdown text into blocks.
func parseBlocks(s string) []block {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(s, "\n")
	var out []block
	var para [][]span
	flush := func() {
		if len(para) > 0 {
			out = append(out, block{Kind: "p", Lines: para})
			para = nil
		}
	}
	last := func(kind string) *block {
		if len(para) == 0 && len(out) > 0 && out[len(out)-1].Kind == kind {
			return &out[len(out)-1]
		}
		return nil
	}
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t")
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			flush()
			fence := t[:3]
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), fence); i++ {
				code = append(code, strings.TrimRight(lines[i], " \t"))
			}
			out = append(out, block{Kind: "pre", Code: strings.Join(code, "\n")})
		case headingRe.MatchString(t):
			flush()
			m := headingRe.FindStringSubmatch(t)
			out = append(out, block{Kind: "h", Level: len(m[1]), Lines: [][]span{spans(m[2])}})
		case bulletRe.MatchString(t) || orderedRe.MatchString(t):
			kind, re := "ul", bulletRe
			if !bulletRe.MatchString(t) {
				kind, re = "ol", orderedRe
			}
			item := spans(re.FindStringSubmatch(t)[1])
			if l := last(kind); l != nil {
				l.Items = append(l.Items, item)
			} else {
				flush()
				out = append(out, block{Kind: kind, Items: [][]span{item}})
			}
		case strings.HasPrefix(t, "|"):
			flush()
			var rows [][]string
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "|"); i++ {
				row := strings.TrimSpace(lines[i])
				if ruleRe.MatchString(row) {
					continue
				}
				rows = append(rows, cells(row))
			}
			i--
			out = append(out, block{Kind: "table", Rows: rows})
		case line != t && len(para) == 0 && len(out) > 0 && (out[len(out)-1].Kind == "ul" || out[len(out)-1].Kind == "ol"):
			// An indented line straight after a list item continues it.
			l := &out[len(out)-1]
			item := &l.Items[len(l.Items)-1]
			*item = append(*item, span{Text: " "})
			*item = append(*item, spans(t)...)
		default:
			para = append(para, spans(t))
		}
	}
	flush()
	return out
}

// cells splits a table row "| a | b |" into its cells.
func cells(row string) []string {
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	parts := strings.Split(row, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// spans splits text at ** pairs into plain and bold runs. An unpaired ** stays as typed.
func spans(s string) []span {
	parts := strings.Split(s, "**")
	if len(parts)%2 == 0 { // odd number of markers: the last one is literal
		parts[len(parts)-2] += "**" + parts[len(parts)-1]
		parts = parts[:len(parts)-1]
	}
	var out []span
	for i, p := range parts {
		if p != "" {
			out = append(out, span{Text: p, Bold: i%2 == 1})
		}
	}
	return out
}

// plainLines is a line of spans as unformatted text.
func plainLines(sp []span) string {
	var b strings.Builder
	for _, s := range sp {
		b.WriteString(s.Text)
	}
	return b.String()
}

// mdEscaper makes text inert in Markdown: no raw HTML or entities (< > &), no links, images or
// autolinks ([ ] < >), no code spans (`), no emphasis the writer did not intend (* _), no table
// cells (|), and backslashes kept literal so none of these escapes can be undone.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
)

// mdInline escapes text for one line of Markdown.
func mdInline(s string) string {
	s = strings.Join(strings.Fields(s), " ") // no line breaks: one line can never start a new block
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

func mdSpans(sp []span) string {
	var b strings.Builder
	for _, s := range sp {
		text := mdInline(s.Text)
		if s.Bold && strings.TrimSpace(text) != "" {
			b.WriteString("**" + text + "**")
		} else {
			b.WriteString(text)
		}
	}
	return b.String()
}

// writeMDBlocks writes blocks as Markdown, with headings pushed below the report's own (base is
// the report's deepest heading level).
func writeMDBlocks(w *bytes.Buffer, bs []block, base int) {
	for _, bl := range bs {
		switch bl.Kind {
		case "p":
			for i, l := range bl.Lines {
				if i > 0 {
					w.WriteString("  \n") // a hard line break: keep the writer's lines
				}
				w.WriteString(mdLineStart(mdSpans(l)))
			}
			w.WriteString("\n\n")
		case "h":
			fmt.Fprintf(w, "%s %s\n\n", strings.Repeat("#", min(bl.Level+base, 6)), mdSpans(bl.Lines[0]))
		case "ul", "ol":
			for i, it := range bl.Items {
				if bl.Kind == "ul" {
					w.WriteString("- ")
				} else {
					fmt.Fprintf(w, "%d. ", i+1)
				}
				w.WriteString(mdSpans(it) + "\n")
			}
			w.WriteString("\n")
		case "table":
			writeMDTable(w, bl.Rows)
		case "pre":
			// Not a code block: a viewer shows a code block's characters as they are, so its text
			// could not be escaped, and one viewer that renders HTML there is one too many. The
			// lines are kept as lines, with the indentation as non-breaking spaces.
			for i, l := range strings.Split(bl.Code, "\n") {
				if i > 0 {
					w.WriteString("  \n")
				}
				trimmed := strings.TrimLeft(l, " ")
				w.WriteString(strings.Repeat("\u00a0", len(l)-len(trimmed)) + mdLineStart(mdEscaper.Replace(trimmed)))
			}
			w.WriteString("\n\n")
		}
	}
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
func WriteMarkdown(w io.Writer, b *prep.Bundle) error {
	v := build(b)
	var out bytes.Buffer
	fmt.Fprintf(&out, "# %s\n\n", mdInline(v.Title))
	meta := v.KindLabel + ", exported " + v.ExportedAt
	if v.ExportedBy != "" {
		meta += " by " + v.ExportedBy
	}
	fmt.Fprintf(&out, "%s. %d %s, %d %s.\n\n", mdInline(meta), len(v.Attempts), plural(len(v.Attempts), "attempt"), v.Reviews, plural(v.Reviews, "review"))
	if len(v.Criteria) > 0 {
		out.WriteString("## Scores by criterion\n\nAverages on the 1 to 4 scale, weakest first.\n\n")
		rows := [][]string{{"Criterion", "Self", "Mentor"}}
		for _, c := range v.Criteria {
			rows = append(rows, []string{c.Name, avgCell(c.Self, c.SelfN), avgCell(c.Mentor, c.MentorN)})
		}
		writeMDTable(&out, rows)
	}
	for _, a := range v.Attempts {
		fmt.Fprintf(&out, "## %d. %s\n\n", a.N, mdInline(a.Title))
		facts := []string{a.Meta, "finished " + a.Finished}
		if a.TimeUsed != "" {
			facts = append(facts, "time "+a.TimeUsed)
		}
		if a.SelfAvg != "" {
			facts = append(facts, "self-score "+a.SelfAvg)
		}
		out.WriteString(mdInline(strings.Join(facts, " · ")) + "  \n")
		fmt.Fprintf(&out, "Attempt %s\n\n", mdInline(a.ID))
		if len(a.Scenario) > 0 {
			out.WriteString("### Scenario\n\n")
			writeMDBlocks(&out, a.Scenario, 3)
		}
		out.WriteString("### Answer\n\n")
		if len(a.Answer) == 0 {
			out.WriteString("(no answer written)\n\n")
		}
		writeMDBlocks(&out, a.Answer, 3)
		if len(a.FollowUps) > 0 {
			out.WriteString("### Follow-ups\n\n")
			for _, f := range a.FollowUps {
				fmt.Fprintf(&out, "**%s asks (at %s):** %s\n\n", mdInline(f.Asker), mdInline(f.AskedAt), mdInline(f.Question))
				if len(f.Answer) == 0 {
					out.WriteString("(no reply)\n\n")
				}
				writeMDBlocks(&out, f.Answer, 4)
			}
		}
		if len(a.Teams) > 0 {
			out.WriteString("### Team table: spans and paths\n\n")
			writeMDTable(&out, a.Teams)
			writeMDTable(&out, a.Spans)
			for _, n := range a.TeamNotes {
				out.WriteString(mdInline(n) + "\n\n")
			}
		}
		if len(a.Phases) > 0 {
			out.WriteString("### Time per phase\n\n")
			rows := [][]string{{"Phase", "Budget", "Used"}}
			for _, p := range a.Phases {
				used := p.Used
				if p.Over {
					used += " (over)"
				}
				rows = append(rows, []string{p.Name, p.Budget, used})
			}
			writeMDTable(&out, rows)
		}
		out.WriteString("### Scores\n\n")
		writeMDTable(&out, scoreTable(a))
		if len(a.Reflection) > 0 {
			out.WriteString("### Reflection\n\n")
			writeMDBlocks(&out, a.Reflection, 4)
		}
		for _, r := range a.Reviews {
			writeMDReview(&out, r, false)
		}
	}
	if len(v.Orphans) > 0 {
		out.WriteString("## Reviews of attempts not in this file\n\n")
		for _, r := range v.Orphans {
			writeMDReview(&out, r, true)
		}
	}
	_, err := w.Write(out.Bytes())
	return err
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
	writeMDBlocks(out, r.Comment, 4)
	for _, s := range r.Sections {
		fmt.Fprintf(out, "**On %s:**\n\n", mdInline(s.Title))
		writeMDBlocks(out, s.Comment, 4)
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
