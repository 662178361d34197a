// Package markdown reads the Markdown that people write in PanelPrep (prompts, answers, reflections,
// a mentor's comments) through goldmark: CommonMark with GFM tables, so the org-design team table
// is a table and not a run of pipes. It only parses. Every consumer (the HTML, Markdown and PDF
// reports, the window) walks the tree itself and escapes for its own format, so no path turns text
// a person typed into markup: raw HTML, links and images stay the characters that were typed.
package markdown

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Only the table extension: linkify would turn bare addresses into links, and strikethrough and
// task lists are not what an interview answer is written in.
var md = goldmark.New(goldmark.WithExtensions(extension.Table))

// Doc is a parsed text: the tree and the source its segments point into.
type Doc struct {
	Root ast.Node
	Src  []byte
}

// Parse reads s as Markdown. It never fails: any text is a Markdown document.
func Parse(s string) Doc {
	// Line ends are normalised so that a text typed on Windows breaks its lines the same way.
	src := []byte(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
	return Doc{Root: md.Parser().Parse(text.NewReader(src)), Src: src}
}

// Empty reports whether the text holds no block at all (it was empty or only white space).
func (d Doc) Empty() bool { return d.Root == nil || d.Root.FirstChild() == nil }

// Literal is the text of a Text or String node as a reader sees it: backslash escapes removed and
// character references (&amp;, &#233;) resolved. In a code span the characters are kept as typed.
func Literal(n ast.Node, src []byte) string {
	switch t := n.(type) {
	case *ast.Text:
		v := t.Segment.Value(src)
		if t.IsRaw() || inCode(n) {
			return string(v)
		}
		return decode(v)
	case *ast.String:
		if t.IsCode() || t.IsRaw() || inCode(n) {
			return string(t.Value)
		}
		return decode(t.Value)
	}
	return ""
}

func decode(v []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v))))
}

func inCode(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindCodeSpan {
			return true
		}
	}
	return false
}

// Source is the text a node was written as, for nodes that are shown as typed: raw HTML (inline
// or a block), code blocks. Lines are joined with "\n", without the last line end.
func Source(n ast.Node, src []byte) string {
	var b strings.Builder
	switch t := n.(type) {
	case *ast.RawHTML:
		for i := 0; i < t.Segments.Len(); i++ {
			s := t.Segments.At(i)
			b.Write(s.Value(src))
		}
		return b.String()
	case *ast.AutoLink:
		return "<" + string(t.Label(src)) + ">"
	}
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		b.Write(s.Value(src))
	}
	if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
		b.Write(h.ClosureLine.Value(src))
	}
	return strings.TrimRight(b.String(), "\n")
}

// LinkTail is what follows a link's or an image's text when it is shown as typed: "](url)" or
// "](url "title")".
func LinkTail(n ast.Node) string {
	var dest, title []byte
	switch t := n.(type) {
	case *ast.Link:
		dest, title = t.Destination, t.Title
	case *ast.Image:
		dest, title = t.Destination, t.Title
	}
	s := "](" + string(dest)
	if len(title) > 0 {
		s += ` "` + string(title) + `"`
	}
	return s + ")"
}

// Plain is the text of an inline run (a paragraph, a heading, a table cell) with no formatting:
// emphasis dropped, code spans, raw HTML, links and images kept as the characters typed, and line
// breaks as "\n". Of a link or an image itself, it is the link's text or the image's alt text.
func Plain(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch t := c.(type) {
		case *ast.Text:
			if entering {
				b.WriteString(Literal(t, src))
				if t.SoftLineBreak() || t.HardLineBreak() {
					b.WriteString("\n")
				}
			}
		case *ast.String:
			if entering {
				b.WriteString(Literal(t, src))
			}
		case *ast.RawHTML, *ast.AutoLink:
			if entering {
				b.WriteString(Source(c, src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link, *ast.Image:
			switch {
			case c == n: // asked for the text of a link itself: its text alone
			case entering && c.Kind() == ast.KindImage:
				b.WriteString("![")
			case entering:
				b.WriteString("[")
			default:
				b.WriteString(LinkTail(c))
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimRight(b.String(), "\n")
}

// TableRows is a GFM table as rows of plain cells, the header row first.
func TableRows(t *east.Table, src []byte) [][]string {
	var rows [][]string
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var row []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			row = append(row, strings.ReplaceAll(Plain(c, src), "\n", " "))
		}
		rows = append(rows, row)
	}
	return rows
}

// IsTeamTable reports whether n is the org-design team table as the app writes it into an answer
// (prep.FormatTeamTable): a table headed Team, Type, EM, Engineers.
func IsTeamTable(n ast.Node, src []byte) bool {
	t, ok := n.(*east.Table)
	if !ok {
		return false
	}
	rows := TableRows(t, src)
	return len(rows) > 0 && strings.Join(rows[0], "|") == "Team|Type|EM|Engineers"
}

// HasTeamTable reports whether the document holds the team table anywhere.
func (d Doc) HasTeamTable() bool {
	found := false
	if d.Root == nil {
		return false
	}
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && IsTeamTable(n, d.Src) {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}
