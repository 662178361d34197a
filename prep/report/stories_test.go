package report_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/yuin/goldmark"
	gmhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/report"
)

// storiesBundle is an attempts bundle carrying two stories: one whole, with markup in every
// field a report shows, and one old and unmeasured.
func storiesBundle(t *testing.T) *prep.Bundle {
	t.Helper()
	evil := func(s string) string {
		return s + ` </style></title><script>alert(1)</script>"><svg onload=alert(1)><img src=x onerror=alert(1)>&amp;[a link](javascript:alert(1))`
	}
	at := time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC)
	whole := prep.Story{ID: uuid.New(), Title: evil("Replacing an EM"), Year: 2024, Month: 9, Where: evil("Where"),
		Role: evil("Role"), Teams: 4, People: 36, Budget: evil("$4.8M"), Situation: evil("Situation") + "\n\n- first\n- second",
		Actions: "# " + evil("Actions"), Result: evil("Result"), Numbers: "attrition 18% to 7% " + evil("Numbers"),
		Learning: evil("Learning"), Competencies: []string{"developing-people", "delivery"}, CreatedAt: at, UpdatedAt: at}
	old := prep.Story{ID: uuid.New(), Title: "Datacentre exit at the bank", Year: 2018, Result: "It went well.",
		Competencies: []string{"operational-excellence"}, CreatedAt: at, UpdatedAt: at}
	b := &prep.Bundle{Kind: prep.BundleAttempts, ExportedAt: at, Stories: []prep.Story{whole, old}}
	// An attempt at a behavioural question that told the first story.
	sample := loadBundle(t, "attempts-sample.json")
	a := sample.Attempts[0]
	a.StoryID, a.Reviews = whole.ID, nil
	b.Attempts = []prep.BundleAttempt{a}
	if ps := b.Validate(); len(ps) > 0 {
		t.Fatalf("the stories bundle is not valid: %v", ps)
	}
	return b
}

func TestReportsShowStories(t *testing.T) {
	b := storiesBundle(t)

	page := render(t, b, report.HTML)
	checkHTML(t, page, "Replacing an EM </style></title><script>alert(1)</script>", "Where </style>", "Role </style>",
		"$4.8M </style>", "Situation </style>", "Actions </style>", "Result </style>", "Numbers </style>", "Learning </style>",
		"September 2024", "4 teams · 36 people", "Story told: S1. Replacing an EM </style>", "Shows developing people, delivery", "Flagged: no measured result, over 5 years old")
	if !bytes.Contains(page, []byte("<li>first</li>")) {
		t.Error("the HTML report does not render a story's Markdown list")
	}

	md := render(t, b, report.Markdown)
	if bytes.ContainsAny(md, "<") {
		i := bytes.IndexByte(md, '<')
		t.Errorf("the Markdown has a raw '<': %q", md[max(i-40, 0):min(i+40, len(md))])
	}
	for _, want := range []string{"## Stories", "### S1. Replacing an EM", "story told: S1. Replacing an EM", "#### The numbers", "attrition 18% to 7%", "- first",
		"flagged: no measured result, over 5 years old", `\[a link\](javascript:alert(1))`} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithRendererOptions(gmhtml.WithUnsafe())).Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	checkHTML(t, []byte("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\""+csp+"\"></head><body>"+out.String()+"</body></html>"),
		hostileScript, hostileImg)

	pdf := render(t, b, report.PDF)
	content := pdfText(t, pdf)
	for _, want := range []string{"Stories", "S2. Datacentre exit at the bank", "Story told: S1. Replacing an EM", "The numbers", "flagged: no measured result, over 5 years old", hostileScript} {
		if !bytes.Contains(content, utf16String(want)) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

// A feedback bundle's comments on stories are in every format, as text.
func TestReportsShowStoryComments(t *testing.T) {
	at := time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC)
	st := prep.Story{ID: uuid.New(), Title: "Platform split", CreatedAt: at, UpdatedAt: at}
	c, err := prep.NewStoryComment(&st, "Priya Raman", "Open with the **lead time**. "+hostileScript, at)
	if err != nil {
		t.Fatal(err)
	}
	b := &prep.Bundle{Kind: prep.BundleFeedback, ExportedAt: at, StoryComments: []prep.StoryComment{c}}
	checkHTML(t, render(t, b, report.HTML), "Comments on stories", "On story "+st.ID.String()+", by Priya Raman", hostileScript)
	md := string(render(t, b, report.Markdown))
	if !strings.Contains(md, "## Comments on stories") || !strings.Contains(md, "**lead time**") || strings.Contains(md, "<script") {
		t.Errorf("Markdown:\n%s", md)
	}
	if !bytes.Contains(pdfText(t, render(t, b, report.PDF)), utf16String("Comments on stories")) {
		t.Error("the PDF lacks the comments")
	}
}
