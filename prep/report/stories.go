package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// storyTold names the story an attempt told: its title and number when the bundle carries it.
func storyTold(b *prep.Bundle, id uuid.UUID) string {
	if id == uuid.Nil {
		return ""
	}
	for i := range b.Stories {
		if b.Stories[i].ID == id {
			return fmt.Sprintf("S%d. %s", i+1, b.Stories[i].DisplayTitle())
		}
	}
	return "a story not in this file (" + id.String() + ")"
}

// The candidate's stories, as each format shows them after the attempts: title, when and where,
// scope, the competencies it shows, then its parts as Markdown (parse), each format escaping them
// for itself as it does an answer.

type storyView struct {
	N            int
	ID           string
	Title        string
	Meta         string // "September 2024 · Northwind Payments · Director of Engineering"
	Scope        string // "4 teams · 36 people · budget $4.8M"
	Competencies string // "developing people, delivery"
	Flags        []string
	Parts        []storyPart
}

type storyPart struct {
	Heading string
	Body    text
}

func storyViews(stories []prep.Story, b *prep.Bundle) []storyView {
	var out []storyView
	for i := range stories {
		s := &stories[i]
		sv := storyView{N: i + 1, ID: s.ID.String(), Title: s.DisplayTitle(),
			Meta: strings.Join(nonEmpty(s.When(), s.Where, s.Role), " · ")}
		var scope []string
		if s.Teams > 0 {
			scope = append(scope, prep.Count(s.Teams, "team"))
		}
		if s.People > 0 {
			scope = append(scope, prep.Count(s.People, "person|people"))
		}
		if strings.TrimSpace(s.Budget) != "" {
			scope = append(scope, "budget "+s.Budget)
		}
		sv.Scope = strings.Join(scope, " · ")
		var cs []string
		for _, c := range s.Competencies {
			cs = append(cs, strings.ReplaceAll(c, "-", " "))
		}
		sv.Competencies = strings.Join(cs, ", ")
		if !s.Measured() {
			sv.Flags = append(sv.Flags, "no measured result")
		}
		if s.Old(b.ExportedAt) {
			sv.Flags = append(sv.Flags, fmt.Sprintf("over %d years old", prep.StoryMaxAgeYears))
		}
		for _, part := range []struct{ h, s string }{
			{"Situation", s.Situation}, {"Actions", s.Actions}, {"Result", s.Result},
			{"The numbers", s.Numbers}, {"Learning", s.Learning},
		} {
			if d := parse(part.s); d != nil {
				sv.Parts = append(sv.Parts, storyPart{part.h, d})
			}
		}
		out = append(out, sv)
	}
	return out
}

func (s storyView) facts() []string {
	var out []string
	for _, f := range []string{s.Meta, s.Scope} {
		if f != "" {
			out = append(out, f)
		}
	}
	if s.Competencies != "" {
		out = append(out, "shows "+s.Competencies)
	}
	if len(s.Flags) > 0 {
		out = append(out, "flagged: "+strings.Join(s.Flags, ", "))
	}
	return out
}

type storyCommentView struct {
	Story       string // the story's number and title when the bundle carries it, else its ID
	Reviewer    string
	CommentedAt string
	Comment     text
}

func storyCommentViews(b *prep.Bundle) []storyCommentView {
	var out []storyCommentView
	for _, c := range b.StoryComments {
		name := storyTold(b, c.StoryID)
		if !strings.HasPrefix(name, "S") {
			name = "story " + c.StoryID.String()
		}
		out = append(out, storyCommentView{Story: name, Reviewer: c.Reviewer, CommentedAt: when(c.CommentedAt), Comment: parse(c.Comment)})
	}
	return out
}

func writeMDStoryComments(out *bytes.Buffer, cs []storyCommentView) {
	if len(cs) == 0 {
		return
	}
	out.WriteString("## Comments on stories\n\n")
	for _, c := range cs {
		fmt.Fprintf(out, "### On %s, by %s, %s\n\n", mdInline(c.Story), mdInline(c.Reviewer), mdInline(c.CommentedAt))
		mdDoc(out, c.Comment, 4)
	}
}

func (p *pdfWriter) storyComments(cs []storyCommentView) {
	if len(cs) == 0 {
		return
	}
	p.f.AddPage()
	p.heading("Comments on stories", 14)
	for _, c := range cs {
		p.subheading(fmt.Sprintf("On %s, by %s, %s", c.Story, c.Reviewer, c.CommentedAt))
		p.blocks(c.Comment)
	}
}

func writeMDStories(out *bytes.Buffer, stories []storyView) {
	if len(stories) == 0 {
		return
	}
	out.WriteString("## Stories\n\nThe candidate's own stories, told in behavioural questions.\n\n")
	for _, s := range stories {
		fmt.Fprintf(out, "### S%d. %s\n\n", s.N, mdInline(s.Title))
		for _, f := range s.facts() {
			out.WriteString(mdInline(f) + "  \n")
		}
		fmt.Fprintf(out, "Story %s\n\n", mdInline(s.ID))
		if len(s.Parts) == 0 {
			out.WriteString("(nothing written yet)\n\n")
		}
		for _, p := range s.Parts {
			fmt.Fprintf(out, "#### %s\n\n", p.Heading)
			mdDoc(out, p.Body, 4)
		}
	}
}

func (p *pdfWriter) stories(stories []storyView) {
	if len(stories) == 0 {
		return
	}
	p.f.AddPage()
	p.heading("Stories", 14)
	p.muted("The candidate's own stories, told in behavioural questions.")
	for _, s := range stories {
		p.subheading(fmt.Sprintf("S%d. %s", s.N, s.Title))
		for _, f := range s.facts() {
			p.muted(f)
		}
		if len(s.Parts) == 0 {
			p.muted("(nothing written yet)")
		}
		for _, part := range s.Parts {
			p.bold(part.Heading)
			p.blocks(part.Body)
		}
	}
}
