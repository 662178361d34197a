package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/estimate"
	"github.com/panelprep/panelprep/prep/report"
)

// evilRow is a row a hostile bundle may carry: markup and a table-breaking pipe in its text,
// within a sheet's bounds.
const evilRow = `</td></table><script>alert(1)</script> | <img src=x onerror=alert(1)>`

// sheetBundle is the hostile bundle with an estimate sheet: values, an error, and a hostile row.
func sheetBundle(t *testing.T) *prep.Bundle {
	t.Helper()
	b := hostileBundle(t)
	b.Attempts[0].Estimates = &estimate.Sheet{Rows: []estimate.Row{
		{Name: "dau", Text: "50 M users"},
		{Name: "storage_per_day", Text: "dau * 2 KB / 1 day"},
		{Name: "oops", Text: "dau + 2 GB"},
		{Name: "evil", Text: evilRow},
		{}, // blank: not shown
	}}
	if ps := b.Validate(); len(ps) > 0 {
		t.Fatalf("the sheet bundle is not valid: %v", ps)
	}
	return b
}

// tableRows is the text of every <tr> of the tables with class (or any table when class is "")
// in an HTML page, cell by cell.
func tableRows(t *testing.T, page []byte, class string) [][]string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	var text func(n *html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(text(c))
		}
		return b.String()
	}
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode && n.Data == "table" {
			in = class == ""
			for _, a := range n.Attr {
				in = in || a.Key == "class" && a.Val == class
			}
		}
		if in && n.Type == html.ElementNode && n.Data == "tr" {
			var row []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					row = append(row, strings.TrimSpace(text(c)))
				}
			}
			rows = append(rows, row)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, false)
	return rows
}

var wantSheet = [][]string{
	{"Estimate", "Value", "Written as"},
	{"Dau", "50 M users", "50 M users"},
	{"Storage per day", "100 GB/day", "dau * 2 KB / 1 day"},
	{"Oops", "error: cannot add bytes to users", "dau + 2 GB"},
	{"Evil", "error: \"<\" at character 1 is not part of a formula", evilRow},
}

func sameRows(t *testing.T, where string, got [][]string) {
	t.Helper()
	if len(got) != len(wantSheet) {
		t.Fatalf("%s: the estimates table has %d rows, want %d: %q", where, len(got), len(wantSheet), got)
	}
	for i := range wantSheet {
		if strings.Join(got[i], "\x00") != strings.Join(wantSheet[i], "\x00") {
			t.Errorf("%s: estimates row %d is %q, want %q", where, i, got[i], wantSheet[i])
		}
	}
}

// Every report shows the sheet as a table of computed values beside the text as written, every
// cell escaped: the HTML and the Markdown (rendered by a CommonMark reader with tables) are parsed
// back into the same rows, the PDF's text holds them.
func TestReportsShowTheEstimateSheet(t *testing.T) {
	b := sheetBundle(t)

	page := render(t, b, report.HTML)
	checkHTML(t, page, evilRow, "100 GB/day")
	sameRows(t, "HTML", tableRows(t, page, "estimates"))

	md := render(t, b, report.Markdown)
	if bytes.ContainsAny(md, "<") {
		t.Error("the Markdown has a raw '<'")
	}
	var out bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.Table), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := gm.Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	mdPage := []byte("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\"></head><body>" + out.String() + "</body></html>")
	checkHTML(t, mdPage, evilRow)
	i := bytes.Index(mdPage, []byte("Estimates</h3>"))
	if i < 0 {
		t.Fatal("the Markdown has no Estimates heading")
	}
	sameRows(t, "Markdown", tableRows(t, mdPage[i:], "")[:len(wantSheet)])

	text := pdfText(t, render(t, b, report.PDF))
	for _, want := range []string{"Estimates", "100 GB/day", "error: cannot add bytes to users", "dau * 2 KB / 1 day"} {
		if !bytes.Contains(text, utf16String(want)) {
			t.Errorf("the PDF lacks %q", want)
		}
	}

	// Without a sheet, no report has an Estimates section.
	b.Attempts[0].Estimates = nil
	for _, f := range []report.Format{report.HTML, report.Markdown} {
		if bytes.Contains(render(t, b, f), []byte("Estimates")) {
			t.Errorf("the %v report has an Estimates section with no sheet", f)
		}
	}
}
