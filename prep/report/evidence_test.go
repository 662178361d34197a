package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	gmhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/report"
)

// citedBundle is the hostile bundle with its self-score citing a selection of the answer: from
// inside the word "Para" of the hostile paragraph, across the blank line, into the bold line with
// its Markdown marks, as a candidate might select it.
func citedBundle(t *testing.T) (*prep.Bundle, string) {
	t.Helper()
	b := hostileBundle(t)
	a := &b.Attempts[0].Attempt
	from, to := strings.Index(a.Answer, "Para ")+2, strings.Index(a.Answer, "**Bold")+4
	if from < 2 || to < 4 {
		t.Fatalf("the hostile answer has changed: %q", a.Answer)
	}
	cited, err := prep.CitePassage(a.Answer, a.Answer[from:to])
	if err != nil {
		t.Fatal(err)
	}
	// The selection starts and ends inside words; what is cited is widened to them.
	if !strings.Contains(cited, hostileScript) || !strings.HasPrefix(cited, "Para ") || !strings.HasSuffix(cited, " **Bold") {
		t.Fatalf("the selection %q does not hold the hostile script and the bold marks", cited)
	}
	a.Scores[0].Evidence = cited
	if ps := b.Validate(); len(ps) > 0 {
		t.Fatalf("the cited bundle is not valid: %v", ps)
	}
	return b, cited
}

// Every report shows the passage cited under the score, as text: escaped, never markup.
func TestReportsShowEvidenceEscaped(t *testing.T) {
	b, cited := citedBundle(t)

	page := render(t, b, report.HTML)
	checkHTML(t, page, "Evidence: “"+cited+"”")
	if bytes.Count(page, []byte(`class="evidence"`)) != 1 {
		t.Error("the HTML report does not quote the evidence once, under the score")
	}

	md := render(t, b, report.Markdown)
	if bytes.ContainsAny(md, "<") {
		t.Error("the Markdown has a raw '<'")
	}
	if !bytes.Contains(md, []byte("Evidence cited for the self-scores:")) {
		t.Fatal("the Markdown report does not list the evidence")
	}
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithRendererOptions(gmhtml.WithUnsafe())).Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	checkHTML(t, []byte("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\""+csp+
		"\"></head><body>"+out.String()+"</body></html>"), "“"+cited+"”")

	text := pdfText(t, render(t, b, report.PDF))
	if !bytes.Contains(text, utf16String("evidence: “Para")) {
		t.Error("the PDF does not show the evidence under the scores")
	}

	// Without a citation, no report says anything about evidence.
	b.Attempts[0].Scores[0].Evidence = ""
	if bytes.Contains(render(t, b, report.HTML), []byte(`class="evidence"`)) {
		t.Error("the HTML report quotes evidence with none cited")
	}
	if bytes.Contains(bytes.ToLower(render(t, b, report.Markdown)), []byte("evidence")) {
		t.Error("the Markdown report mentions evidence with none cited")
	}
}

// A passage as a hand-written bundle may carry it, with the line breaks of the selection and a
// Markdown heading after one: every report keeps it inside the quote, on one line in Markdown,
// never a heading or a block of its own.
func TestReportsKeepAMultiLinePassageQuoted(t *testing.T) {
	b := hostileBundle(t)
	a := &b.Attempts[0].Attempt
	from := strings.Index(a.Answer, "Para ")
	to := strings.Index(a.Answer, "**Bold") + len("**Bold")
	raw := a.Answer[from:to] // "Para …\n\n**Bold": a blank line inside
	if !strings.Contains(raw, "\n\n") {
		t.Fatalf("the selection %q has no blank line", raw)
	}
	a.Scores[0].Evidence = raw
	if ps := b.Validate(); len(ps) > 0 {
		t.Fatalf("a passage with its line breaks is refused: %v", ps)
	}
	md := string(render(t, b, report.Markdown))
	i := strings.Index(md, "Evidence cited for the self-scores:")
	if i < 0 {
		t.Fatal("the Markdown report does not list the evidence")
	}
	item := md[i:]
	item = item[strings.Index(item, "\n- "):]
	line, _, _ := strings.Cut(item[1:], "\n")
	if !strings.HasSuffix(line, `\*\*Bold”`) || !strings.Contains(line, "“Para ") {
		t.Fatalf("the evidence is not one quoted line in the Markdown report:\n%s", item[:min(len(item), 600)])
	}
	checkHTML(t, render(t, b, report.HTML), "Evidence: “Para ")
}
