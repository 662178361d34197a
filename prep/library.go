package prep

import (
	"fmt"
	"strings"
)

// Library is every practice set the app offers: the bundled ones and those the user imported.
type Library struct {
	Bundled  []*PracticeSet
	Imported []*PracticeSet
	// Competencies is the model the criteria name; statistics group by it.
	Competencies Competencies
	// Loops are the loop shapes PanelPrep ships, ImportedLoops those the user imported.
	Loops         []*LoopShape
	ImportedLoops []*LoopShape
}

// Sets returns the bundled sets followed by the imported ones.
func (l Library) Sets() []*PracticeSet {
	return append(append([]*PracticeSet(nil), l.Bundled...), l.Imported...)
}

// Count is the number of prompts in the library.
func (l Library) Count() int {
	n := 0
	for _, s := range l.Sets() {
		n += len(s.Prompts)
	}
	return n
}

// CheckImport reports why set cannot be imported into the library, or nil. A set may not take a
// bundled set's ID, and its prompt IDs may not collide with another set's, because drafts and
// history refer to prompts by ID.
func (l Library) CheckImport(set *PracticeSet) error {
	for _, b := range l.Bundled {
		if b.ID == set.ID {
			return fmt.Errorf("set ID %q belongs to a bundled set; give your set its own ID", set.ID)
		}
	}
	for _, other := range l.Sets() {
		if other.ID == set.ID {
			continue // an earlier version of the same set
		}
		for _, p := range set.Prompts {
			if _, clash := other.Prompt(p.ID); clash {
				return fmt.Errorf("prompt ID %q is already used by the set %q; prompt IDs must be unique across sets", p.ID, other.Title)
			}
		}
	}
	return nil
}

// NeedingCompetencies lists the imported sets with a criterion that names no competency the model
// has: sets written before competencies existed (or for another version of the model). They stay
// usable; their scores count under "Unmapped" until a newer version of the set is imported.
func (l Library) NeedingCompetencies() []*PracticeSet {
	var out []*PracticeSet
	for _, s := range l.Imported {
	prompts:
		for _, p := range s.Prompts {
			for _, c := range p.Rubric {
				if !l.Competencies.Known(c.Competency) {
					out = append(out, s)
					break prompts
				}
			}
		}
	}
	return out
}

// NeedingCompetenciesNote says which imported sets need a newer version, or "" when none does.
func (l Library) NeedingCompetenciesNote() string {
	sets := l.NeedingCompetencies()
	if len(sets) == 0 {
		return ""
	}
	names := make([]string, len(sets))
	for i, s := range sets {
		names[i] = fmt.Sprintf("“%s” (version %d)", s.Title, s.Version)
	}
	verb := "was"
	if len(sets) > 1 {
		verb = "were"
	}
	return fmt.Sprintf("%s %s written before competencies: scores on its prompts count under Unmapped in Progress. "+
		"Import a newer version of it that names a competency for each criterion.", joinAnd(names), verb)
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
