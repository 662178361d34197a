package report_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/google/uuid"
	"github.com/yuin/goldmark"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/report"
)

const (
	hostileScript = "<script>alert(1)</script>"
	hostileImg    = "<img src=x onerror=alert(1)>"
	csp           = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
)

func loadBundle(t *testing.T, name string) *prep.Bundle {
	t.Helper()
	f, err := os.Open("../../testdata/bundles/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := prep.DecodeBundle(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// hostileBundle puts markup in every piece of text a bundle carries, including the ones a report
// shows in headings, table cells, attributes' neighbourhood and the chart.
func hostileBundle(t *testing.T) *prep.Bundle {
	t.Helper()
	evil := func(s string) string {
		return s + ` </style></title><script>alert(1)</script>"><svg onload=alert(1)><img src=x onerror=alert(1)>&amp;<a href="javascript:alert(1)">x</a>`
	}
	p := prep.Prompt{ID: "evil", Round: prep.OrgDesign, Level: prep.LevelVP, Context: prep.ContextFintech,
		Title: evil("Title"), Minutes: 10, Scenario: evil("Scenario") + "\n\n```\n" + hostileScript + "\n```",
		Phases:    []prep.Phase{{Name: evil("Phase"), Minutes: 10}},
		FollowUps: []prep.FollowUp{{Minute: 1, Asker: prep.AskerIC, Question: evil("Question")}},
		Rubric:    []prep.Criterion{{Name: evil("Criterion"), Anchor1: "a", Anchor2: "b", Anchor3: "c", Anchor4: "d"}}}
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	a := prep.Attempt{ID: uuid.New(), SetID: "evil-set", SetVersion: 1, Prompt: p,
		Answer:     "# " + evil("Heading") + "\n\n- " + evil("Item") + "\n\n| " + evil("Cell") + " | 3 |\n| --- | --- |\n\n" + evil("Para") + "\n\n**" + evil("Bold") + "**",
		Sections:   []prep.Section{{Title: evil("Section"), Text: "x"}},
		Teams:      []prep.Team{{Name: evil("Team"), Type: prep.PlatformTeam, EM: evil("EM"), Engineers: 3}},
		FollowUps:  []prep.FollowUpAnswer{{Index: 0, Asker: prep.AskerIC, Question: evil("Question"), AskedAt: time.Minute, Answer: evil("Reply")}},
		PhaseTimes: []prep.PhaseTime{{Name: evil("Phase"), Budget: time.Minute, Used: 2 * time.Minute}},
		Scores:     []prep.Score{{Criterion: p.Rubric[0].Name, Value: 2}},
		Reflection: evil("Reflection"), StartedAt: at, FinishedAt: at}
	r := prep.Review{ID: uuid.New(), AttemptID: a.ID, Reviewer: evil("Reviewer"), ReviewedAt: at,
		Scores: []prep.Score{{Criterion: p.Rubric[0].Name, Value: 3}}, Comment: evil("Comment"),
		SectionComments: map[string]string{a.Sections[0].Title: evil("On section")}}
	orphan := r
	orphan.ID, orphan.AttemptID = uuid.New(), uuid.New()
	b := &prep.Bundle{Kind: prep.BundleFeedback, ExportedAt: at, ExportedBy: evil("Exporter"),
		Attempts: []prep.BundleAttempt{{Attempt: a, Reviews: []prep.Review{r}}}, Reviews: []prep.Review{orphan}}
	if ps := b.Validate(); len(ps) > 0 {
		t.Fatalf("the hostile bundle is not a valid bundle: %v", ps)
	}
	return b
}

func render(t *testing.T, b *prep.Bundle, f report.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := report.Write(&buf, b, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dangerous are elements that could run code, load something or navigate, none of which a report
// ever needs.
var dangerous = map[string]bool{"script": true, "img": true, "iframe": true, "object": true, "embed": true,
	"link": true, "base": true, "form": true, "a": true, "frame": true, "video": true, "audio": true, "image": true, "use": true}

// checkHTML parses a report as a browser would and checks that it is inert: the CSP meta is there,
// no dangerous element and no event-handler or URL attribute exists, and the text holds every
// hostile string as visible characters.
func checkHTML(t *testing.T, page []byte, visible ...string) {
	t.Helper()
	if bytes.Contains(bytes.ToLower(page), []byte("<script")) {
		t.Error("the page contains a <script tag")
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	cspFound := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			if dangerous[n.Data] {
				t.Errorf("the page has a <%s> element", n.Data)
			}
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[strings.ToLower(a.Key)] = a.Val
				if strings.HasPrefix(strings.ToLower(a.Key), "on") || a.Key == "href" || a.Key == "src" || a.Key == "xlink:href" || a.Key == "style" && n.Data != "span" {
					t.Errorf("<%s> has the attribute %s=%q", n.Data, a.Key, a.Val)
				}
			}
			if n.Data == "meta" && attrs["http-equiv"] == "Content-Security-Policy" {
				cspFound = true
				if attrs["content"] != csp {
					t.Errorf("CSP is %q, want %q", attrs["content"], csp)
				}
			}
			if n.Data == "style" && n.Parent != nil && n.Parent.Data != "head" {
				t.Error("a <style> element outside the head")
			}
		case html.TextNode:
			if n.Parent == nil || (n.Parent.Data != "style" && n.Parent.Data != "title") {
				text.WriteString(n.Data)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if !cspFound {
		t.Error("no Content-Security-Policy meta element")
	}
	for _, v := range visible {
		if !strings.Contains(text.String(), v) {
			t.Errorf("the page's text does not show %q", v)
		}
	}
}

func TestHTMLShowsHostileAnswersAsText(t *testing.T) {
	b := loadBundle(t, "attempts-sample.json")
	page := render(t, b, report.HTML)
	checkHTML(t, page, hostileScript, hostileImg, "[a link](javascript:alert(1))", "Zoë's café", "日本", b.Attempts[0].Prompt.Title)
	if !bytes.Contains(page, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Error("the script tag in the answer is not escaped as text")
	}
}

func TestHTMLEscapesEveryField(t *testing.T) {
	page := render(t, hostileBundle(t), report.HTML)
	checkHTML(t, page, "Title </style></title><script>alert(1)</script>", "Criterion </style>", "Team </style>", "Reviewer </style>",
		"On section </style>", "Reflection </style>", `"><svg onload=alert(1)>`, `<a href="javascript:alert(1)">x</a>`)
}

func TestHTMLReportContent(t *testing.T) {
	b := loadBundle(t, "feedback-sample.json")
	page := string(render(t, b, report.HTML))
	for _, want := range []string{
		"<svg", `role="img"`, "Scores by competency", "Priya Raman", "Name the three expectations.",
		"Front-load the impact", "Reviews of attempts not in this file", "Engineering Manager asks",
		"<td>Shipper onboarding</td>", // the team table, as a table
		`<p class="h h2">Situation</p>`, "<li>Met Priya weekly</li>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the feedback report lacks %q", want)
		}
	}
	if n := strings.Count(page, `fill="#d98c2b"`); n == 0 {
		t.Error("the chart has no mentor bars")
	}
}

func TestMarkdownEscapesUserText(t *testing.T) {
	for name, b := range map[string]*prep.Bundle{"sample": loadBundle(t, "attempts-sample.json"), "hostile": hostileBundle(t)} {
		t.Run(name, func(t *testing.T) {
			md := render(t, b, report.Markdown)
			if bytes.ContainsAny(md, "<") {
				i := bytes.IndexByte(md, '<')
				t.Errorf("the Markdown has a raw '<': %q", md[max(i-40, 0):min(i+40, len(md))])
			}
			if bytes.Contains(md, []byte("](")) && !bytes.Contains(md, []byte(`\](`)) {
				t.Error("the Markdown has a link")
			}
			// Render it the way a permissive viewer would (raw HTML allowed) and check the result
			// is as inert as the HTML report.
			var out bytes.Buffer
			gm := goldmark.New(goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
			if err := gm.Convert(md, &out); err != nil {
				t.Fatal(err)
			}
			page := "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\"></head><body>" + out.String() + "</body></html>"
			checkHTML(t, []byte(page), hostileScript, hostileImg)
		})
	}
	md := string(render(t, loadBundle(t, "attempts-sample.json"), report.Markdown))
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "#### Requirements", "- ledger owns the book of record", "1. shadow period", "| Shipper onboarding | stream-aligned | Ana | 7 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
}

// pdfText inflates the PDF's compressed streams and returns them with the uncompressed parts: the
// page content streams, where fpdf writes text as UTF-16BE strings.
func pdfText(t *testing.T, pdf []byte) []byte {
	t.Helper()
	var all bytes.Buffer
	rest := pdf
	for {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		end := bytes.Index(rest, []byte("\nendstream"))
		if end < 0 {
			t.Fatal("a stream without endstream")
		}
		data := rest[:end]
		if r, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
			if out, err := io.ReadAll(r); err == nil {
				data = out
			}
		}
		all.Write(data)
		rest = rest[end+len("\nendstream"):]
	}
	return all.Bytes()
}

// utf16String is how fpdf writes s into a content stream for a UTF-8 font: UTF-16BE, with \, (
// and ) escaped.
func utf16String(s string) []byte {
	var b bytes.Buffer
	for _, u := range utf16.Encode([]rune(s)) {
		var pair [2]byte
		binary.BigEndian.PutUint16(pair[:], u)
		for _, c := range pair {
			if c == '\\' || c == '(' || c == ')' {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		}
	}
	return b.Bytes()
}

func TestPDFHasAttemptTitles(t *testing.T) {
	b := loadBundle(t, "feedback-sample.json")
	pdf := render(t, b, report.PDF)
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf[len(pdf)-10:], []byte("%%EOF")) {
		t.Fatalf("not a PDF: %q ... %q", pdf[:min(len(pdf), 16)], pdf[max(len(pdf)-16, 0):])
	}
	content := pdfText(t, pdf)
	// Titles are long enough to wrap, so look for their first words.
	for i, a := range b.Attempts {
		words := strings.Fields(a.Prompt.Title)
		want := strings.Join(words[:min(4, len(words))], " ")
		if !bytes.Contains(content, utf16String(want)) {
			t.Errorf("attempt %d's title %q is not in the PDF text", i+1, want)
		}
	}
	for _, want := range []string{"Scores by competency", "Priya Raman", "Mentor score"} {
		if !bytes.Contains(content, utf16String(want)) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if again := render(t, b, report.PDF); !bytes.Equal(again, pdf) {
		t.Error("the same bundle gives a different PDF")
	}
}

func TestPDFDrawsHostileTextAsText(t *testing.T) {
	b := hostileBundle(t)
	b.Attempts[0].Answer += "\x00\x07\tcontrol characters\u2028and a line separator"
	pdf := render(t, b, report.PDF)
	if !bytes.Contains(pdfText(t, pdf), utf16String(hostileScript)) {
		t.Error("the hostile answer is not drawn as text")
	}
	if bytes.Contains(pdf, []byte("/JavaScript")) || bytes.Contains(pdf, []byte("/URI")) {
		t.Error("the PDF has JavaScript or a link")
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]report.Format{"html": report.HTML, "HTM": report.HTML, ".md": report.Markdown, "markdown": report.Markdown, "pdf": report.PDF} {
		if got, err := report.ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := report.ParseFormat("docx"); err == nil || !strings.Contains(err.Error(), "use html, md or pdf") {
		t.Errorf("docx: %v", err)
	}
}

// The app writes the org-design team table into the answer's "Team table" section and keeps it as
// data beside the answer; the report draws it once, in the answer, and adds the spans and paths.
func TestTeamTableShownOnce(t *testing.T) {
	b := loadBundle(t, "attempts-sample.json")
	page := string(render(t, b, report.HTML))
	if n := strings.Count(page, "<td>Shipper onboarding</td>"); n != 1 {
		t.Errorf("the HTML report shows the team table %d times, want once", n)
	}
	if !strings.Contains(page, "Spans and paths of the team table") || !strings.Contains(page, "<td>Ana</td><td>2</td>") {
		t.Error("the HTML report lacks the spans worked out from the team table")
	}
	md := string(render(t, b, report.Markdown))
	if n := strings.Count(md, "| Shipper onboarding |"); n != 1 {
		t.Errorf("the Markdown report shows the team table %d times, want once", n)
	}
	if n := bytes.Count(pdfText(t, render(t, b, report.PDF)), utf16String("Shipper onboarding")); n != 1 {
		t.Errorf("the PDF shows the team table %d times, want once", n)
	}
	// A bundle whose answer lacks the table (written by hand, or by an older version) still shows
	// it, from the data.
	b.Attempts[1].Answer = "## Diagnosis\n\nSpans are too wide."
	page = string(render(t, b, report.HTML))
	if n := strings.Count(page, "<td>Shipper onboarding</td>"); n != 1 || !strings.Contains(page, "Team table: spans and paths") {
		t.Errorf("with no table in the answer, the team table is shown %d times, want once", n)
	}
}

// Reports read Markdown as CommonMark with GFM tables (goldmark): a table in a mentor's comment is
// a table, emphasis nests, escapes and character references read as a reader expects, and raw
// HTML, links and images are shown as the characters typed, in every format.
func TestReportsReadCommonMark(t *testing.T) {
	b := loadBundle(t, "feedback-sample.json")
	b.Attempts[0].Reviews[0].Comment = "Compare:\n\n| Before | After |\n| :--- | ---: |\n| *slow* `deploys` | **fast** |\n\n" +
		"**bold and *nested*** \\*not emphasis\\* &amp; &#233;\nsecond line\n\n" +
		"1. one\n   - inner <b>raw</b>\n2. two\n\n[site](https://example.com \"t\") ![pic](http://tracker.example/p.png) <https://auto.example>\n\n" +
		"    indented <code>\n"
	page := string(render(t, b, report.HTML))
	checkHTML(t, []byte(page))
	for _, want := range []string{
		`<table class="md"><tr><th>Before</th><th>After</th></tr><tr><td><em>slow</em> <code>deploys</code></td><td><strong>fast</strong></td></tr></table>`,
		"<strong>bold and <em>nested</em></strong> *not emphasis* &amp; é<br>second line</p>",
		"<ol><li>one<ul><li>inner &lt;b&gt;raw&lt;/b&gt;</li></ul>\n</li><li>two</li></ol>",
		"[site](https://example.com &#34;t&#34;) ![pic](http://tracker.example/p.png) &lt;https://auto.example&gt;",
		"<pre>indented &lt;code&gt;</pre>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the HTML report lacks %s", want)
		}
	}
	md := string(render(t, b, report.Markdown))
	for _, want := range []string{
		"| Before | After |\n| --- | --- |\n| slow deploys | fast |",
		`**bold and *nested*** \*not emphasis\* &amp; é  ` + "\nsecond line",
		"1. one\n   - inner &lt;b&gt;raw&lt;/b&gt;\n2. two",
		`\[site\](https://example.com "t") !\[pic\](http://tracker.example/p.png) &lt;https://auto.example&gt;`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown report lacks %q", want)
		}
	}
	content := pdfText(t, render(t, b, report.PDF))
	for _, want := range []string{"Before", "slow deploys", "bold and nested *not emphasis* & é", "inner <b>raw</b>", "![pic](http://tracker.example/p.png)"} {
		if !bytes.Contains(content, utf16String(want)) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

// Whatever Markdown a person writes, the HTML report is inert and the Markdown report has no raw
// '<': the walkers escape every piece of text goldmark hands them.
func FuzzReportsStayInert(f *testing.F) {
	for _, s := range []string{"# h\n\n- a\n- b", "| a | b |\n| - | - |\n| <x> | `y` |", "<div onclick=x>\n\n</div>", "[x](javascript:y) ![i](http://h/i.png)",
		"```\n<script>\n```", "> quote <b>\n> more", "***a** b*", "<https://x.example> &lt;&#60;", "1) one\n   2. two\n\n      code"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := hostileBundle(t)
		b.Attempts[0].Answer, b.Attempts[0].Attempt.Reflection = s, s
		page := render(t, b, report.HTML)
		checkHTML(t, page)
		if md := render(t, b, report.Markdown); bytes.ContainsAny(md, "<") {
			t.Errorf("the Markdown report has a raw '<' for %q", s)
		}
	})
}

// The reports add scores up by competency first, weakest first, each competency's criteria beneath
// it: two criteria of different names count together under the competency their prompts name. A
// review of an attempt the bundle does not carry cannot be placed, and counts under Unmapped.
func TestReportsGroupByCompetency(t *testing.T) {
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	attempt := func(crit map[string]string, scores ...prep.Score) prep.Attempt {
		p := prep.Prompt{ID: "p", Round: prep.SystemsDesign, Level: prep.LevelDirector, Context: prep.ContextSaaS, Title: "P", Minutes: 10,
			Phases: []prep.Phase{{Name: "All", Minutes: 10}}}
		for _, s := range scores {
			p.Rubric = append(p.Rubric, prep.Criterion{Name: s.Criterion, Competency: crit[s.Criterion], Anchor1: "a", Anchor2: "b", Anchor3: "c", Anchor4: "d"})
		}
		return prep.Attempt{ID: uuid.New(), SetID: "s", SetVersion: 1, Prompt: p, Scores: scores, StartedAt: at, FinishedAt: at}
	}
	crit := map[string]string{"Delivery plan across teams": "delivery", "Delivery and priorities": "delivery", "High-level design": "technical-judgement"}
	a1 := attempt(crit, prep.Score{Criterion: "Delivery plan across teams", Value: 1}, prep.Score{Criterion: "High-level design", Value: 4})
	a2 := attempt(crit, prep.Score{Criterion: "Delivery and priorities", Value: 2})
	orphan := prep.Review{ID: uuid.New(), AttemptID: uuid.New(), Reviewer: "Sam", ReviewedAt: at, Scores: []prep.Score{{Criterion: "Ownership", Value: 2}}}
	b := &prep.Bundle{Kind: prep.BundleFeedback, ExportedAt: at, ExportedBy: "Me",
		Attempts: []prep.BundleAttempt{{Attempt: a1, Reviews: []prep.Review{{ID: uuid.New(), AttemptID: a1.ID, Reviewer: "Sam", ReviewedAt: at,
			Scores: []prep.Score{{Criterion: "Delivery plan across teams", Value: 3}}}}}, {Attempt: a2}},
		Reviews: []prep.Review{orphan}}
	model := prep.Competencies{{ID: "delivery", Name: "Delivery and execution across teams"}, {ID: "technical-judgement", Name: "Technical judgement and architecture"}}
	var md bytes.Buffer
	if err := report.WriteWith(&md, b, report.Markdown, model); err != nil {
		t.Fatal(err)
	}
	// Weakest first by the mentor's score where there is one, as the criteria table always was.
	want := "| Delivery and execution across teams | 1.5 (2) | 3.0 (1) |\n" +
		"| · Delivery and priorities | 2.0 (1) | – |\n" +
		"| · Delivery plan across teams | 1.0 (1) | 3.0 (1) |\n" +
		"| Technical judgement and architecture | 4.0 (1) | – |\n" +
		"| · High-level design | 4.0 (1) | – |\n" +
		"| Unmapped | – | 2.0 (1) |\n" +
		"| · Ownership | – | 2.0 (1) |\n"
	if !strings.Contains(md.String(), "## Scores by competency") || !strings.Contains(md.String(), want) {
		t.Fatalf("the Markdown report does not group by competency; want\n%s\nin\n%s", want, md.String())
	}
	var page bytes.Buffer
	if err := report.WriteWith(&page, b, report.HTML, model); err != nil {
		t.Fatal(err)
	}
	checkHTML(t, page.Bytes(), "Scores by competency", "Delivery and execution across teams", "Delivery plan across teams", "Unmapped")
}
