package report

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/panelprep/panelprep/prep/markdown"
)

// htmlOf writes a parsed text as HTML. Every character of text goes through html.EscapeString;
// the only markup is the elements written here, none with an attribute a user's text reaches.
// Raw HTML, links and images in the text come out as the characters typed.
func htmlOf(d text) template.HTML {
	if d == nil {
		return ""
	}
	w := htmlWriter{src: d.Src}
	_ = ast.Walk(d.Root, w.visit)
	// The writer's last line break before a closing tag adds nothing but an empty line.
	// Safe as HTML: every piece of text went through html.EscapeString.
	return template.HTML(strings.ReplaceAll(w.b.String(), "<br></", "</"))
}

// htmlWriter writes the nodes of one parsed text as ast.Walk visits them.
type htmlWriter struct {
	b   strings.Builder
	src []byte
}

func (w *htmlWriter) esc(s string) { w.b.WriteString(html.EscapeString(s)) }

// visit writes a node that is an element as its opening tag on the way in and its closing tag on
// the way out, and any other node as the text it stands for.
func (w *htmlWriter) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	open, close, ok := blockTags(n)
	if !ok {
		open, close, ok = inlineTags(n)
	}
	if !ok {
		return w.literal(n, entering), nil
	}
	if entering {
		w.b.WriteString(open)
	} else {
		w.b.WriteString(close)
	}
	return ast.WalkContinue, nil
}

// blockTags are the opening and closing tags of a block element; false for any other node. A
// heading is a styled paragraph: a report's own headings give the outline.
func blockTags(n ast.Node) (open, close string, ok bool) {
	switch t := n.(type) {
	case *ast.Paragraph:
		return "<p>", "</p>\n", true
	case *ast.Heading:
		return fmt.Sprintf(`<p class="h h%d">`, t.Level), "</p>\n", true
	case *ast.List:
		return listTags(t)
	case *ast.ListItem:
		return "<li>", "</li>", true
	case *ast.Blockquote:
		return "<blockquote>", "</blockquote>\n", true
	case *ast.ThematicBreak:
		return "<hr>", "\n", true
	case *east.Table:
		return `<table class="md">`, "</table>\n", true
	case *east.TableHeader, *east.TableRow:
		return "<tr>", "</tr>", true
	case *east.TableCell:
		if n.Parent().Kind() == east.KindTableHeader {
			return "<th>", "</th>", true
		}
		return "<td>", "</td>", true
	}
	return "", "", false
}

// listTags are a list's tags: an ordered list that does not start at 1 says where it starts.
func listTags(l *ast.List) (open, close string, ok bool) {
	switch {
	case !l.IsOrdered():
		return "<ul>", "</ul>\n", true
	case l.Start != 1:
		return fmt.Sprintf(`<ol start="%d">`, l.Start), "</ol>\n", true
	}
	return "<ol>", "</ol>\n", true
}

// inlineTags are the opening and closing tags of emphasis and code; false for any other node.
func inlineTags(n ast.Node) (open, close string, ok bool) {
	switch t := n.(type) {
	case *ast.Emphasis:
		if t.Level >= 2 {
			return "<strong>", "</strong>", true
		}
		return "<em>", "</em>", true
	case *ast.CodeSpan:
		return "<code>", "</code>", true
	}
	return "", "", false
}

// literal writes a node that is not an element: text, escaped, with <br> for a line break; a code
// or HTML block as preformatted text; raw HTML, an autolink, a link or an image as typed.
func (w *htmlWriter) literal(n ast.Node, entering bool) ast.WalkStatus {
	switch t := n.(type) {
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		if !entering {
			return ast.WalkContinue
		}
		w.b.WriteString("<pre>")
		w.esc(markdown.Source(n, w.src))
		w.b.WriteString("</pre>\n")
		return ast.WalkSkipChildren
	case *ast.Text:
		if entering {
			w.text(t)
		}
	case *ast.String:
		if entering {
			w.esc(markdown.Literal(t, w.src))
		}
	case *ast.RawHTML, *ast.AutoLink:
		if entering {
			w.esc(markdown.Source(n, w.src))
		}
		return ast.WalkSkipChildren
	case *ast.Link, *ast.Image:
		w.linkAsTyped(n, entering)
	}
	return ast.WalkContinue
}

// text writes a run of text, and <br> where its line ends.
func (w *htmlWriter) text(t *ast.Text) {
	w.esc(markdown.Literal(t, w.src))
	if t.SoftLineBreak() || t.HardLineBreak() {
		w.b.WriteString("<br>")
	}
}

// linkAsTyped writes a link or an image as its Markdown: "[" or "![" before the text the walk
// writes, "](destination "title")" after it.
func (w *htmlWriter) linkAsTyped(n ast.Node, entering bool) {
	switch {
	case entering && n.Kind() == ast.KindImage:
		w.b.WriteString("![")
	case entering:
		w.b.WriteString("[")
	default:
		w.esc(markdown.LinkTail(n))
	}
}
