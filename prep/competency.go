package prep

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// Competency is one of the few things a Director panel judges (assets/competencies.toml). Every
// rubric criterion names one, so that scores add up across prompts whose criteria differ.
type Competency struct {
	ID          string `toml:"id"`
	Name        string `toml:"name"`
	Description string `toml:"description"`
	// What the competency looks like at each level of the loop.
	EM       string `toml:"em"`
	Director string `toml:"director"`
	VP       string `toml:"vp"`
}

// Competencies is the competency model, in the order the app shows it. It is data, shipped in the
// bundled assets and carried in the pre-parsed bank; it is small (about nine), so it is a slice.
type Competencies []Competency

// Unmapped is the pseudo-competency under which criteria without a known competency are counted:
// those of sets and attempts written before competencies existed, or naming one this version does
// not have. It is never a valid ID in the model.
const Unmapped = "unmapped"

// UnmappedLabel is how the Unmapped group is shown.
const UnmappedLabel = "Unmapped"

// Find returns the competency with the given ID.
func (cs Competencies) Find(id string) (Competency, bool) {
	for _, c := range cs {
		if c.ID == id {
			return c, true
		}
	}
	return Competency{}, false
}

// Label is the name of the competency with the given ID, "Unmapped" for the unmapped group, and
// the ID itself for one the model does not have.
func (cs Competencies) Label(id string) string {
	if id == Unmapped || id == "" {
		return UnmappedLabel
	}
	if c, ok := cs.Find(id); ok {
		return c.Name
	}
	return id
}

// IDs lists the competency IDs in the model's order.
func (cs Competencies) IDs() []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func (cs Competencies) use() string { return joinQuoted(cs.IDs()) }

// ParseCompetencies decodes the competency model strictly (unknown keys and wrong types are errors)
// and checks it: every competency has a unique ID and all its text. On any problem it returns a
// *SetFileError listing each with its line, like a practice-set file.
func ParseCompetencies(name string, data []byte) (Competencies, error) {
	fail := func(ps ...FileProblem) (Competencies, error) {
		return nil, &SetFileError{File: name, Problems: ps, What: "competency model"}
	}
	var file struct {
		Competencies Competencies `toml:"competencies"`
	}
	md, problem := decodeTOML(name, data, &file)
	if problem != nil {
		return fail(*problem)
	}
	var problems []Problem
	add := func(path, format string, args ...any) {
		problems = append(problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	if len(file.Competencies) == 0 {
		add("competencies", "the model has no competencies")
	}
	seen := map[string]int{}
	for i, c := range file.Competencies {
		at := fmt.Sprintf("competencies[%d]", i)
		switch first, dup := seen[c.ID]; {
		case !validID(c.ID) || c.ID == Unmapped:
			add(at+".id", "must be 1 to 64 characters of a-z, 0-9 and '-', and not %q (got %q)", Unmapped, c.ID)
		case dup:
			add(at+".id", "duplicate competency ID %q (first used by competencies[%d])", c.ID, first)
		default:
			seen[c.ID] = i
		}
		for field, text := range map[string]string{"name": c.Name, "description": c.Description, "em": c.EM, "director": c.Director, "vp": c.VP} {
			if strings.TrimSpace(text) == "" {
				add(at+"."+field, "is missing")
			}
		}
	}
	undecoded := md.Undecoded()
	if len(undecoded) == 0 && len(problems) == 0 {
		return file.Competencies, nil
	}
	loc := locate(data)
	var out []FileProblem
	for _, k := range undecoded {
		for _, at := range loc.plain[k.String()] {
			out = append(out, FileProblem{File: name, Line: at.line, Problem: Problem{Path: at.path, Message: "unknown field"}})
		}
	}
	for _, p := range problems {
		out = append(out, FileProblem{File: name, Line: loc.line(p.Path), Problem: p})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Path < out[j].Path
	})
	return fail(out...)
}

// CheckCompetencies reports every criterion of the set whose competency the model does not have,
// and, when required, every criterion that names none. Paths are the set file's
// ("prompts[3].rubric[1].competency").
func (s *PracticeSet) CheckCompetencies(model Competencies, required bool) []Problem {
	var out []Problem
	for i, p := range s.Prompts {
		for j, c := range p.Rubric {
			at := fmt.Sprintf("prompts[%d].rubric[%d].competency", i, j)
			switch {
			case c.Competency == "":
				if required {
					out = append(out, Problem{Path: at, Message: fmt.Sprintf("criterion %q names no competency; add competency = one of %s", c.Name, model.use())})
				}
			case !validID(c.Competency):
				// Validate reports the malformed ID already.
			default:
				if _, ok := model.Find(c.Competency); !ok {
					out = append(out, Problem{Path: at, Message: fmt.Sprintf("unknown competency %q (use %s)", c.Competency, model.use())})
				}
			}
		}
	}
	return out
}

// CompetencyIndex maps a prompt's criteria to their competencies, by prompt ID and criterion name,
// for the prompts of a library. Old attempts are mapped through it (Attempt.MapCompetencies).
type CompetencyIndex struct {
	byPrompt map[string]map[string]string
	model    Competencies
}

// NewCompetencyIndex indexes every criterion with a competency the model has, in sets.
func NewCompetencyIndex(model Competencies, sets ...*PracticeSet) CompetencyIndex {
	ix := CompetencyIndex{byPrompt: map[string]map[string]string{}, model: model}
	for _, s := range sets {
		for _, p := range s.Prompts {
			for _, c := range p.Rubric {
				if _, ok := model.Find(c.Competency); !ok {
					continue
				}
				m := ix.byPrompt[p.ID]
				if m == nil {
					m = map[string]string{}
					ix.byPrompt[p.ID] = m
				}
				m[c.Name] = c.Competency
			}
		}
	}
	return ix
}

// Lookup is the competency of the named criterion of the prompt.
func (ix CompetencyIndex) Lookup(promptID, criterion string) (string, bool) {
	id, ok := ix.byPrompt[promptID][criterion]
	return id, ok
}

// Len is the number of criteria indexed.
func (ix CompetencyIndex) Len() int {
	n := 0
	for _, m := range ix.byPrompt {
		n += len(m)
	}
	return n
}

// Fingerprint identifies the mapping: stored attempts mapped through an index with the same
// fingerprint need not be mapped again. It changes whenever a criterion gains or changes its
// competency, as when a newer version of a set names them.
func (ix CompetencyIndex) Fingerprint() string {
	var lines []string
	for p, m := range ix.byPrompt {
		for c, id := range m {
			lines = append(lines, p+"\x00"+c+"\x00"+id)
		}
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// Known reports whether id is a competency of the model, as opposed to one from another version
// or none at all (both count under Unmapped).
func (cs Competencies) Known(id string) bool {
	_, ok := cs.Find(id)
	return ok
}
