package prep

import "fmt"

// Library is every practice set the app offers: the bundled ones and those the user imported.
type Library struct {
	Bundled  []*PracticeSet
	Imported []*PracticeSet
	// Competencies is the model the criteria name; statistics group by it.
	Competencies Competencies
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
