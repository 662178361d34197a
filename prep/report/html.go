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
	var b strings.Builder
	esc := func(s string) { b.WriteString(html.EscapeString(s)) }
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		tag := func(open, close string) {
			if entering {
				b.WriteString(open)
			} else {
				b.WriteString(close)
			}
		}
		switch t := n.(type) {
		case *ast.Paragraph:
			tag("<p>", "</p>\n")
		case *ast.Heading:
			tag(fmt.Sprintf(`<p class="h h%d">`, t.Level), "</p>\n")
		case *ast.List:
			switch {
			case !t.IsOrdered():
				tag("<ul>", "</ul>\n")
			case t.Start != 1:
				tag(fmt.Sprintf(`<ol start="%d">`, t.Start), "</ol>\n")
			default:
				tag("<ol>", "</ol>\n")
			}
		case *ast.ListItem:
			tag("<li>", "</li>")
		case *ast.Blockquote:
			tag("<blockquote>", "</blockquote>\n")
		case *ast.ThematicBreak:
			tag("<hr>", "\n")
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			if !entering {
				return ast.WalkContinue, nil
			}
			b.WriteString("<pre>")
			esc(markdown.Source(n, d.Src))
			b.WriteString("</pre>\n")
			return ast.WalkSkipChildren, nil
		case *east.Table:
			tag(`<table class="md">`, "</table>\n")
		case *east.TableHeader, *east.TableRow:
			tag("<tr>", "</tr>")
		case *east.TableCell:
			if n.Parent().Kind() == east.KindTableHeader {
				tag("<th>", "</th>")
			} else {
				tag("<td>", "</td>")
			}
		case *ast.Emphasis:
			if t.Level >= 2 {
				tag("<strong>", "</strong>")
			} else {
				tag("<em>", "</em>")
			}
		case *ast.CodeSpan:
			tag("<code>", "</code>")
		case *ast.Text:
			if entering {
				esc(markdown.Literal(t, d.Src))
				if t.SoftLineBreak() || t.HardLineBreak() {
					b.WriteString("<br>")
				}
			}
		case *ast.String:
			if entering {
				esc(markdown.Literal(t, d.Src))
			}
		case *ast.RawHTML, *ast.AutoLink:
			if entering {
				esc(markdown.Source(n, d.Src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link, *ast.Image:
			switch {
			case entering && n.Kind() == ast.KindImage:
				b.WriteString("![")
			case entering:
				b.WriteString("[")
			default:
				esc(markdown.LinkTail(n))
			}
		}
		return ast.WalkContinue, nil
	})
	// The writer's last line break before a closing tag adds nothing but an empty line.
	// Safe as HTML: every piece of text above went through html.EscapeString.
	return template.HTML(strings.ReplaceAll(b.String(), "<br></", "</"))
}
