package prep

import (
	"strings"
)

// Section is one part of a structured answer.
type Section struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// TeamTableSection is the org-design section that holds the team table.
const TeamTableSection = "Team table"

// Template returns the sections an answer to this round type is written in. Panel-preparation
// prompts have no template.
func Template(r RoundType) []string {
	switch r {
	case Leadership:
		return []string{"Situation", "Task", "Actions", "Results", "What I learned"}
	case SystemsDesign:
		return []string{"Requirements and scale", "Estimates", "API", "Data model", "Architecture",
			"Deep dive", "Trade-offs and risks", "Delivery plan across teams"}
	case OrgDesign:
		return []string{"Diagnosis", "Proposed structure", TeamTableSection, "Change plan", "Hiring plan", "Trade-offs"}
	}
	return nil
}

// NewSections returns empty sections for a round type's template.
func NewSections(r RoundType) []Section {
	t := Template(r)
	out := make([]Section, len(t))
	for i, title := range t {
		out[i] = Section{Title: title}
	}
	return out
}

// ComposeAnswer turns sections into one Markdown answer, skipping empty sections.
func ComposeAnswer(sections []Section) string {
	var b strings.Builder
	for _, s := range sections {
		text := strings.TrimSpace(s.Text)
		if text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString("## " + s.Title + "\n\n" + text)
	}
	return b.String()
}

// SplitAnswer is the inverse of ComposeAnswer for a template: text under a "## Title" heading that
// names a template section goes to that section; anything else goes to the first section, so
// switching from free text to sections never drops a word.
func SplitAnswer(r RoundType, text string) []Section {
	sections := NewSections(r)
	if len(sections) == 0 {
		return nil
	}
	index := map[string]int{}
	for i, s := range sections {
		index[strings.ToLower(s.Title)] = i
	}
	texts := make([]strings.Builder, len(sections))
	current := 0
	for _, line := range strings.Split(text, "\n") {
		if t, ok := strings.CutPrefix(line, "## "); ok {
			if i, known := index[strings.ToLower(strings.TrimSpace(t))]; known {
				current = i
				continue
			}
		}
		texts[current].WriteString(line + "\n")
	}
	for i := range sections {
		sections[i].Text = texts[i].String()
	}
	for i := range sections {
		sections[i].Text = strings.TrimSpace(sections[i].Text)
	}
	return sections
}
