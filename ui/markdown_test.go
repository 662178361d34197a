package ui

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// shownTexts is every piece of text the current screen draws: labels, rich text, card titles.
func (h *harness) shownTexts() []string {
	var out []string
	h.find(func(o fyne.CanvasObject) bool {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.RichText:
			out = append(out, v.String())
		case *widget.Card:
			out = append(out, v.Title, v.Subtitle)
		}
		return false
	})
	return out
}

// markupShown fails when the screen shows Markdown syntax instead of rendering it.
func (h *harness) markupShown(screen string) {
	h.t.Helper()
	for _, s := range h.shownTexts() {
		for _, line := range strings.Split(s, "\n") {
			line = strings.TrimSpace(line)
			if strings.HasPrefix(line, "#") || strings.Contains(line, "| ---") || strings.HasPrefix(line, "|") || strings.Contains(line, "**") {
				h.t.Errorf("the %s shows raw Markdown: %q", screen, line)
			}
		}
	}
}

// hasGridRow reports whether a table grid row shows exactly these cells.
func (h *harness) hasGridRow(cells ...string) bool {
	return h.find(func(o fyne.CanvasObject) bool {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != len(cells) {
			return false
		}
		for i, obj := range c.Objects {
			l, ok := obj.(*widget.Label)
			if !ok || l.Text != cells[i] {
				return false
			}
		}
		return true
	}) != nil
}

func orgDesignAttempt(t *testing.T, h *harness) prep.Attempt {
	t.Helper()
	od := firstPrompt(h, prep.OrgDesign)
	d := prep.Draft{Prompt: od, Structured: true, Sections: prep.NewSections(prep.OrgDesign),
		Teams: []prep.Team{{Name: "Shipper onboarding", Type: prep.StreamAligned, EM: "Ana", Engineers: 7}, {Name: "Platform", Type: prep.PlatformTeam, EM: "Ben", Engineers: 4}}}
	d.Sections[0].Text = "Spans of **23** and 17 are far past 5 to 9.\n\n- one\n- two"
	d.Sections[2].Text = "Two teams to start."
	a := fixedAttempt(od, h.now().Add(-time.Hour), "", func(int) int { return 3 })
	a.Answer, a.Sections, a.Teams = d.FullAnswer(), d.Sections, d.Teams
	return a
}

// The attempt view and the mentor's review screen render the answer's Markdown: section headings,
// bold, lists, and the team table as a table, never the characters that mark them up.
func TestAnswersShowRenderedMarkdown(t *testing.T) {
	h := newHarness(t)
	a := orgDesignAttempt(t, h)
	if err := h.store.SaveAttempt(a); err != nil {
		t.Fatal(err)
	}
	h.ui.showAttempt(a.ID)
	h.settle()
	h.markupShown("attempt view")
	if !h.hasGridRow("Shipper onboarding", "stream-aligned", "Ana", "7") || !h.hasGridRow("Team", "Type", "EM", "Engineers") {
		t.Error("the attempt view does not show the team table as a table")
	}
	if !h.hasText("Spans of 23 and 17 are far past 5 to 9.") {
		t.Error("the attempt view lacks the answer's text")
	}

	// Review mode shows the whole answer (sections composed) the same way.
	r, _ := h.openReview(a)
	r.list.Select(0)
	h.settle()
	h.markupShown("review screen")
	if !h.hasGridRow("Shipper onboarding", "stream-aligned", "Ana", "7") {
		t.Error("the review screen does not show the team table as a table")
	}
	h.tap("Practice")
	h.ui.Drain()
}

// The renderer's own rules: headings and emphasis styled, a table split out as rows of cells (or
// aligned text where one widget is needed), an image never a picture, a link never a hyperlink.
func TestMarkdownSegments(t *testing.T) {
	md := "## Diagnosis\n\nSee **this** and *that*,\nthen ![chart](http://example.test/c.png) and [docs](http://example.test/d).\n\n| A | B |\n| --- | --- |\n| 1 | 22 |\n"
	parts := markdownParts(md, true)
	if len(parts) != 2 || parts[1].table == nil || strings.Join(parts[1].table[1], ",") != "1,22" {
		t.Fatalf("parts %+v", parts)
	}
	var texts []string
	for _, s := range parts[0].segments {
		switch v := s.(type) {
		case *widget.TextSegment:
			// A paragraph of several runs comes a word per run, each led by a zero-width space (byWords).
			text := strings.ReplaceAll(v.Text, zeroWidthSpace, "")
			texts = append(texts, text)
			if word := strings.TrimSpace(text); word == "this" && !v.Style.TextStyle.Bold || word == "that" && !v.Style.TextStyle.Italic {
				t.Errorf("%q is not styled", v.Text)
			}
			if v.Text == "Diagnosis" && v.Style != widget.RichTextStyleSubHeading {
				t.Errorf("the heading is styled %+v", v.Style)
			}
		case *widget.ImageSegment, *widget.HyperlinkSegment:
			t.Errorf("a %T in the segments", s)
		}
	}
	got := strings.Join(texts, "")
	for _, want := range []string{"Diagnosis", "See this and that,", "then [image: chart, not loaded: http://example.test/c.png] and docs (http://example.test/d)."} {
		if !strings.Contains(got, want) {
			t.Errorf("the text %q lacks %q", got, want)
		}
	}
	if one := newMarkdownText(md).String(); !strings.Contains(one, "A  B\n") || !strings.Contains(one, "1  22") {
		t.Errorf("as one widget the table is not aligned text: %q", one)
	}
}

// Every screen draws Markdown through ui/markdown.go: nothing else builds Fyne's own Markdown rich
// text, images or hyperlinks from text, so nothing can bring the network back in.
func TestOnlyTheOfflineRendererDrawsMarkdown(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f == "markdown.go" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, banned := range []string{"NewRichTextFromMarkdown", ".ParseMarkdown(", ".AppendMarkdown(", "ImageSegment", "HyperlinkSegment", "NewHyperlink"} {
			if strings.Contains(string(src), banned) {
				t.Errorf("%s uses %s: draw Markdown with newMarkdownView/newMarkdownText (ui/markdown.go)", f, banned)
			}
		}
	}
}

// A Markdown image or link in a prompt is never fetched: a local server sees no request while the
// library, the round, the attempt and review mode show a prompt that points at it.
func TestPromptImagesAreNeverFetched(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(testPNG)
	}))
	defer srv.Close()
	tracker := "![the architecture](" + srv.URL + "/diagram.png) and [a link](" + srv.URL + "/page)"

	h := newUnopenedHarness(t)
	set := *h.sets[0]
	set.Prompts = append([]prep.Prompt(nil), set.Prompts...)
	p := &set.Prompts[0]
	p.Scenario += "\n\n" + tracker
	p.Outline = append([]string{tracker}, p.Outline...)
	h.sets = append([]*prep.PracticeSet{&set}, h.sets[1:]...)
	h.open()
	t.Cleanup(h.close)
	h.ui.win.Resize(fyne.NewSize(1200, 900))
	wait := func(where string) {
		t.Helper()
		h.settle()
		time.Sleep(300 * time.Millisecond) // time for a fetch that a widget starts on its own
		if n := hits.Load(); n > 0 {
			t.Fatalf("%s: the local server saw %d request(s)", where, n)
		}
	}

	h.startPromptWithoutStarting(p.Title)
	if !h.hasText("[image: the architecture, not loaded: " + srv.URL + "/diagram.png]") {
		t.Error("the library does not show the image's alt text and address")
	}
	wait("the library")
	h.tap("Start round")
	wait("the round")

	a := fixedAttempt(*p, h.now(), "My answer, with "+tracker, func(int) int { return 3 })
	if err := h.store.SaveAttempt(a); err != nil {
		t.Fatal(err)
	}
	h.ui.showAttempt(a.ID)
	wait("the attempt view")

	r, _ := h.openReview(a)
	r.list.Select(0)
	wait("review mode")
	h.tap("Practice")
	h.ui.Drain()
}

// startPromptWithoutStarting selects a prompt in the library, showing its brief.
func (h *harness) startPromptWithoutStarting(title string) {
	h.t.Helper()
	home := h.ui.current.(*homeScreen)
	for i, e := range home.shown {
		if e.prompt.Title == title {
			home.list.Select(i)
			return
		}
	}
	h.t.Fatalf("no prompt %q in the library list", title)
}

// A 1x1 PNG, so that a fetch, if one happened, would succeed and draw.
var testPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")

// Mentor feedback is not buried: History marks a reviewed attempt, the attempt's header says who
// reviewed it, and the mentor's score sits beside the self-score on each criterion's row.
func TestMentorReviewShownBesideSelfScores(t *testing.T) {
	h := newHarness(t)
	ld := firstPrompt(h, prep.Leadership)
	reviewed := fixedAttempt(ld, h.now().Add(-2*time.Hour), "answer", func(int) int { return 4 })
	plain := fixedAttempt(ld, h.now().Add(-time.Hour), "another", func(int) int { return 3 })
	for _, a := range []prep.Attempt{reviewed, plain} {
		if err := h.store.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	first := ld.Rubric[0].Name
	r, err := prep.NewReview(&reviewed, "Sam", []prep.Score{{Criterion: first, Value: 2}}, "Lead with **the result**.", nil, h.now())
	if err != nil {
		t.Fatal(err)
	}
	if err := h.store.SaveReview(r); err != nil {
		t.Fatal(err)
	}

	h.tap("History")
	hs := h.ui.current.(*historyScreen)
	if !h.hasText("2 attempts, newest first; 1 reviewed by a mentor") {
		t.Error("the History message does not count the reviewed attempts")
	}
	rows := map[string]string{}
	for i, a := range hs.attempts {
		row := hs.list.CreateItem()
		hs.list.UpdateItem(i, row)
		rows[a.ID.String()] = row.(*fyne.Container).Objects[1].(*widget.Label).Text
	}
	if !strings.HasPrefix(rows[reviewed.ID.String()], "Reviewed by Sam") || rows[plain.ID.String()] != "" {
		t.Errorf("History marks %q on the reviewed attempt and %q on the other", rows[reviewed.ID.String()], rows[plain.ID.String()])
	}

	hs.list.Select(1) // newest first: the reviewed attempt is second
	h.settle()
	if !h.hasText("Reviewed by Sam") {
		t.Error("the attempt's header does not say it was reviewed")
	}
	// The criterion's row holds its name, the self-score and the mentor's score side by side.
	row := h.find(func(o fyne.CanvasObject) bool {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2 {
			return false
		}
		name, ok1 := c.Objects[0].(*widget.Label)
		cells, ok2 := c.Objects[1].(*fyne.Container)
		return ok1 && ok2 && name.Text == first && len(cells.Objects) == 2
	})
	if row == nil {
		t.Fatalf("no scores row for %q with two score columns", first)
	}
	var scores []string
	for _, cell := range row.(*fyne.Container).Objects[1].(*fyne.Container).Objects {
		scores = append(scores, cell.(*fyne.Container).Objects[1].(*widget.Label).Text)
	}
	if strings.Join(scores, ",") != "4 / 4,2 / 4" {
		t.Errorf("the row shows %v, want the self-score 4 beside the mentor's 2", scores)
	}
	if !h.hasGridRowHeader("Criterion", "You", "Sam") {
		t.Error("the scores have no heading naming the mentor's column")
	}
	h.markupShown("attempt view")
}

// hasGridRowHeader finds the scores card's heading row: the label, then the column names.
func (h *harness) hasGridRowHeader(name string, columns ...string) bool {
	return h.find(func(o fyne.CanvasObject) bool {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2 {
			return false
		}
		l, ok1 := c.Objects[0].(*widget.Label)
		cells, ok2 := c.Objects[1].(*fyne.Container)
		if !ok1 || !ok2 || l.Text != name || len(cells.Objects) != len(columns) {
			return false
		}
		for i, cell := range cells.Objects {
			st, ok := cell.(*fyne.Container)
			if !ok || st.Objects[1].(*widget.Label).Text != columns[i] {
				return false
			}
		}
		return true
	}) != nil
}
