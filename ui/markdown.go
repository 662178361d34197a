package ui

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/panelprep/panelprep/prep/markdown"
)

// Every piece of Markdown the window shows (prompts, answers, reflections, a mentor's comments)
// goes through this file, never through widget.NewRichTextFromMarkdown. Fyne's own conversion
// turns an image into an ImageSegment, which fetches its http:// address as soon as the text is
// drawn, and a link into a hyperlink that opens a browser: a prompt from a candidate's bundle could
// make the window call out. PanelPrep is offline, so here an image is its alt text and its
// address, a link is its text and its address, both plain text, and nothing is ever fetched or
// followed. The text is read by goldmark with GFM tables (prep/markdown), so the org-design team
// table is a table and not a run of pipes.

// newMarkdownView shows Markdown with its tables as grids: rich text between the tables.
func newMarkdownView(md string) fyne.CanvasObject {
	parts := markdownParts(md, true)
	if len(parts) == 1 && parts[0].table == nil {
		return richText(parts[0].segments)
	}
	box := container.NewVBox()
	for _, p := range parts {
		if p.table != nil {
			box.Add(tableGrid(p.table))
			continue
		}
		box.Add(richText(p.segments))
	}
	return box
}

// newMarkdownText is a RichText of Markdown, for places that need one widget (the library's brief,
// the round's prompt); a table becomes an aligned block of monospaced text.
func newMarkdownText(md string) *widget.RichText {
	return richText(markdownSegments(md))
}

// setMarkdown replaces what a RichText shows with Markdown, as newMarkdownText reads it.
func setMarkdown(rt *widget.RichText, md string) {
	rt.Segments = markdownSegments(md)
	rt.Refresh()
}

func markdownSegments(md string) []widget.RichTextSegment {
	return markdownParts(md, false)[0].segments
}

func richText(segs []widget.RichTextSegment) *widget.RichText {
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// mdPart is a run of rich text, or a table when tables are split out.
type mdPart struct {
	segments []widget.RichTextSegment
	table    [][]string
}

func markdownParts(md string, splitTables bool) []mdPart {
	d := markdown.Parse(md)
	w := &segWriter{src: d.Src}
	for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
		if t, ok := n.(*east.Table); ok && splitTables {
			w.flush()
			w.parts = append(w.parts, mdPart{table: markdown.TableRows(t, d.Src)})
			continue
		}
		w.segs = append(w.segs, w.block(n, false)...)
	}
	w.flush()
	if len(w.parts) == 0 {
		w.parts = []mdPart{{}}
	}
	return w.parts
}

type segWriter struct {
	src   []byte
	segs  []widget.RichTextSegment
	parts []mdPart
}

func (w *segWriter) flush() {
	if len(w.segs) > 0 {
		w.parts = append(w.parts, mdPart{segments: w.segs})
		w.segs = nil
	}
}

// lineEnd ends a row of inline text: a non-inline segment, as Fyne's own Markdown ends a paragraph.
func lineEnd() widget.RichTextSegment {
	return &widget.TextSegment{Style: widget.RichTextStyleParagraph}
}

func (w *segWriter) block(n ast.Node, quote bool) []widget.RichTextSegment {
	switch t := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		segs := byWords(w.inlines(n, quote))
		if n.Kind() == ast.KindTextBlock && n.Parent() != nil && n.Parent().Kind() == ast.KindListItem {
			return segs // a list item's text: the list ends its rows itself
		}
		return append(segs, lineEnd())
	case *ast.Heading:
		text := strings.ReplaceAll(markdown.Plain(n, w.src), "\n", " ")
		switch t.Level {
		case 1:
			return []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleHeading, Text: text}}
		case 2:
			return []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleSubHeading, Text: text}}
		}
		st := widget.RichTextStyleParagraph
		st.TextStyle.Bold = true
		return []widget.RichTextSegment{&widget.TextSegment{Style: st, Text: text}}
	case *ast.List:
		l := &widget.ListSegment{Ordered: t.IsOrdered()}
		if t.IsOrdered() {
			l.SetStartNumber(t.Start)
		}
		for item := t.FirstChild(); item != nil; item = item.NextSibling() {
			var texts []widget.RichTextSegment
			for c := item.FirstChild(); c != nil; c = c.NextSibling() {
				texts = append(texts, w.block(c, quote)...)
			}
			l.Items = append(l.Items, &widget.ParagraphSegment{Texts: texts})
		}
		return []widget.RichTextSegment{l}
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		text := markdown.Source(n, w.src)
		if text == "" {
			return nil
		}
		return []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleCodeBlock, Text: text}}
	case *ast.Blockquote:
		var segs []widget.RichTextSegment
		for c := t.FirstChild(); c != nil; c = c.NextSibling() {
			segs = append(segs, w.block(c, true)...)
		}
		return segs
	case *ast.ThematicBreak:
		return []widget.RichTextSegment{&widget.SeparatorSegment{}}
	case *east.Table:
		// Only where the caller wants one widget: the columns aligned in monospace.
		return []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleCodeBlock, Text: alignedTable(markdown.TableRows(t, w.src))}}
	}
	return nil
}

// inlines is a paragraph's text as inline segments, a row per line the writer typed.
func (w *segWriter) inlines(n ast.Node, quote bool) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	var bold, italic int
	add := func(text string, code bool) {
		if text == "" {
			return
		}
		st := widget.RichTextStyleInline
		if code {
			st = widget.RichTextStyleCodeInline
		}
		st.TextStyle.Bold = st.TextStyle.Bold || bold > 0
		st.TextStyle.Italic = st.TextStyle.Italic || italic > 0 || quote
		segs = append(segs, &widget.TextSegment{Style: st, Text: text})
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch t := c.(type) {
		case *ast.Text:
			if entering {
				add(markdown.Literal(t, w.src), inCodeSpan(t))
				if t.SoftLineBreak() || t.HardLineBreak() {
					segs = append(segs, lineEnd())
				}
			}
		case *ast.String:
			if entering {
				add(markdown.Literal(t, w.src), false)
			}
		case *ast.Emphasis:
			d := 1
			if !entering {
				d = -1
			}
			if t.Level >= 2 {
				bold += d
			} else {
				italic += d
			}
		case *ast.RawHTML, *ast.AutoLink:
			if entering {
				add(markdown.Source(c, w.src), false)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			// The link's text, then its address as text: shown, never followed.
			if !entering && string(t.Destination) != markdown.Plain(t, w.src) {
				add(" ("+string(t.Destination)+")", false)
			}
		case *ast.Image:
			// Never fetched: the alt text and the address stand where the picture would be.
			if entering {
				alt := markdown.Plain(t, w.src)
				if alt == "" {
					alt = "image"
				}
				italic++
				add("[image: "+alt+", not loaded: "+string(t.Destination)+"]", false)
				italic--
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return segs
}

// byWords splits a paragraph of more than one run (bold or code beside plain text) into one run
// per word, each word with the spaces after it and led by a zero-width space. Fyne 2.7's RichText
// wraps run by run and gets two cases wrong for a run that starts part way along a row: when the
// part of the run that fits ends just before a space, it moves the whole run to the next row (a
// bold criterion name then stood alone, its ": a 4 means …" on the row below, with room to spare);
// and when not even its first letter fits, it puts one letter per row (see zeroWidthSpace). A run of
// one word wraps as a word should, and a run that starts with a character of no width always has
// room for it. A paragraph of one run starts its row and wraps correctly, so it stays one run: an
// answer of plain paragraphs costs no more objects to draw.
func byWords(segs []widget.RichTextSegment) []widget.RichTextSegment {
	runs := 0
	for _, s := range segs {
		if t, ok := s.(*widget.TextSegment); ok && t.Inline() && t.Text != "" {
			runs++
		}
	}
	if runs < 2 {
		return segs
	}
	var out []widget.RichTextSegment
	for _, s := range segs {
		t, ok := s.(*widget.TextSegment)
		if !ok || !t.Inline() || t.Text == "" {
			out = append(out, s)
			continue
		}
		rest := t.Text
		for rest != "" {
			// A word is the text up to and including the spaces after it.
			end := strings.IndexByte(rest, ' ')
			if end < 0 {
				end = len(rest)
			}
			for end < len(rest) && rest[end] == ' ' {
				end++
			}
			word := rest[:end]
			rest = rest[end:]
			// Spaces that start a run (" (6 engineers)" after a bold name) end the word before it: a
			// run of spaces alone could wrap onto the next row and indent it.
			if prev, ok := lastInline(out); ok && strings.TrimLeft(word, " ") == "" {
				prev.Text += word
				continue
			}
			out = append(out, &widget.TextSegment{Style: t.Style, Text: zeroWidthSpace + word})
		}
	}
	return out
}

// lastInline is the last of segs when it is an inline run of text.
func lastInline(segs []widget.RichTextSegment) (*widget.TextSegment, bool) {
	if len(segs) == 0 {
		return nil, false
	}
	t, ok := segs[len(segs)-1].(*widget.TextSegment)
	return t, ok && t.Inline()
}

func inCodeSpan(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindCodeSpan {
			return true
		}
	}
	return false
}

// alignedTable lays rows out in columns padded to their widest cell, for a monospaced font.
func alignedTable(rows [][]string) string {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for ri, r := range rows {
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+2))
			}
		}
		b.WriteString("\n")
		if ri == 0 {
			total := 0
			for _, wd := range widths {
				total += wd + 2
			}
			b.WriteString(strings.Repeat("─", max(total-2, 1)) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// tableGrid shows a Markdown table as a grid: the header row in bold above a rule, a column per
// cell, the columns sharing the width.
func tableGrid(rows [][]string) fyne.CanvasObject {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return container.NewVBox()
	}
	row := func(cells []string, header bool) fyne.CanvasObject {
		objs := make([]fyne.CanvasObject, cols)
		for i := range objs {
			text := ""
			if i < len(cells) {
				text = cells[i]
			}
			l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: header})
			l.Wrapping = fyne.TextWrapWord
			objs[i] = l
		}
		return container.NewGridWithColumns(cols, objs...)
	}
	box := container.NewVBox(row(rows[0], true), widget.NewSeparator())
	for _, r := range rows[1:] {
		box.Add(row(r, false))
	}
	return box
}
