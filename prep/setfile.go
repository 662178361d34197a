package prep

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// MaxSetFileSize caps a practice-set file. The whole bundled bank is a fraction of this; anything
// larger is not a practice set.
const MaxSetFileSize = 4 << 20

// FileProblem is a Problem located in a file, printed as "file:line: field: what is wrong".
type FileProblem struct {
	File string
	Line int // 0 when the problem has no single line (an empty file, say)
	Problem
}

func (p FileProblem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Problem)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Problem)
}

// SetFileError carries every problem found in a practice-set file (or the competency model).
type SetFileError struct {
	File     string
	Problems []FileProblem
	What     string // what the file should have been; "" means a practice set
}

func (e *SetFileError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	what := e.What
	if what == "" {
		what = "practice set"
	}
	return fmt.Sprintf("%s is not a valid %s (%d problems):\n%s", e.File, what, len(e.Problems), strings.Join(lines, "\n"))
}

// competencyRequired is whether a criterion without a competency is an error in a checked file.
// Sets written before competencies existed have none; their criteria count under "Unmapped".
const competencyRequired = true

// ParseSet decodes a practice-set file strictly (unknown keys, wrong types and bad UTF-8 are errors)
// and validates its content, including every criterion's competency against model (nil skips that
// check: only for files already checked, such as a stored set). name is only used in messages. On
// any problem it returns a *SetFileError listing all of them, each with its line.
func ParseSet(name string, data []byte, model Competencies) (*PracticeSet, error) {
	fail := func(ps ...FileProblem) (*PracticeSet, error) {
		return nil, &SetFileError{File: name, Problems: ps}
	}
	if len(data) > MaxSetFileSize {
		return fail(FileProblem{File: name, Problem: Problem{Path: "file", Message: fmt.Sprintf("is %d bytes; a practice set may be at most %d", len(data), MaxSetFileSize)}})
	}
	var set PracticeSet
	md, problem := decodeTOML(name, data, &set)
	if problem != nil {
		return fail(*problem)
	}
	problems := set.Validate()
	if model != nil {
		problems = append(problems, set.CheckCompetencies(model, competencyRequired)...)
	}
	if out := placeProblems(name, data, md.Undecoded(), problems); len(out) > 0 {
		return fail(out...)
	}
	return &set, nil
}

// placeProblems gives every problem of a decoded hand-written file its line: the keys the decoder
// did not know (each place one stands), then the content's problems, in line order. A file
// without problems gets nil, and its lines are never indexed.
func placeProblems(name string, data []byte, undecoded []toml.Key, problems []Problem) []FileProblem {
	if len(undecoded) == 0 && len(problems) == 0 {
		return nil
	}
	loc := locate(data)
	var out []FileProblem
	reported := map[string]bool{}
	for _, k := range undecoded {
		// The decoder lists a key once per table it is in ("prompts.rubric.extra" for each
		// criterion), and loc.plain already holds every place it stands: report each place once.
		if reported[k.String()] {
			continue
		}
		reported[k.String()] = true
		for _, at := range loc.plain[k.String()] {
			out = append(out, FileProblem{File: name, Line: at.line, Problem: Problem{Path: at.path, Message: "unknown field"}})
		}
	}
	for _, p := range problems {
		out = append(out, FileProblem{File: name, Line: loc.line(p.Path), Problem: p})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}

// decodeTOML decodes a hand-written TOML file (a practice set, the competency model) into v: text
// that is not UTF-8, a syntax error and a wrong type each come back as the one problem found, with
// its line. Keys v lacks are left to the caller, in md.Undecoded.
func decodeTOML(name string, data []byte, v any) (toml.MetaData, *FileProblem) {
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		return toml.MetaData{}, &FileProblem{File: name, Line: line, Problem: Problem{Path: "file", Message: "is not valid UTF-8 text"}}
	}
	md, err := toml.Decode(string(data), v)
	if err == nil {
		return md, nil
	}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return md, &FileProblem{File: name, Line: pe.Position.Line, Problem: Problem{Path: "toml", Message: pe.Message}}
	}
	// Type errors come back as plain errors: "toml: line 13 (last key "a.b"): message".
	if m := decodeErrRe.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return md, &FileProblem{File: name, Line: line, Problem: Problem{Path: m[2], Message: m[3]}}
	}
	return md, &FileProblem{File: name, Problem: Problem{Path: "toml", Message: err.Error()}}
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// lineIndex maps the fields of a TOML file to the lines they are written on. The TOML decoder does
// not expose positions, so this follows the table headers and key lines of the text itself.
type lineIndex struct {
	exact map[string]int       // "prompts[2].rubric[0].anchor3" -> line
	plain map[string][]located // "prompts.rubric.anchor3" -> every place it is written
}

type located struct {
	path string
	line int
}

var (
	arrayTableRe = regexp.MustCompile(`^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]`)
	tableRe      = regexp.MustCompile(`^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]`)
	keyRe        = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+)\s*=`)
	decodeErrRe  = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)
)

func locate(data []byte) lineIndex {
	idx := lineIndex{exact: map[string]int{}, plain: map[string][]located{}}
	counts := map[string]int{} // indexed parent path + "/" + name -> elements seen
	table, plainTable := "", ""
	inMultiline := ""
	record := func(path, plain string, line int) {
		if _, ok := idx.exact[path]; !ok {
			idx.exact[path] = line
		}
		idx.plain[plain] = append(idx.plain[plain], located{path, line})
	}
	for i, raw := range strings.Split(string(data), "\n") {
		line := i + 1
		if inMultiline != "" {
			if strings.Count(raw, inMultiline)%2 == 1 {
				inMultiline = ""
			}
			continue
		}
		if m := arrayTableRe.FindStringSubmatch(raw); m != nil {
			parts := strings.Split(m[1], ".")
			// Each segment but the last refers to the latest element of its array.
			path := ""
			for j, part := range parts {
				if j > 0 {
					path += "."
				}
				key := path + part
				if j == len(parts)-1 {
					n := counts[key]
					counts[key] = n + 1
					path = fmt.Sprintf("%s[%d]", key, n)
				} else {
					path = fmt.Sprintf("%s[%d]", key, max(counts[key]-1, 0))
				}
			}
			table, plainTable = path, m[1]
			record(table, plainTable, line)
			continue
		}
		if m := tableRe.FindStringSubmatch(raw); m != nil {
			table, plainTable = m[1], m[1]
			record(table, plainTable, line)
			continue
		}
		if m := keyRe.FindStringSubmatch(raw); m != nil {
			path, plain := m[1], m[1]
			if table != "" {
				path, plain = table+"."+m[1], plainTable+"."+m[1]
			}
			record(path, plain, line)
			rest := raw[strings.Index(raw, "=")+1:]
			for _, q := range []string{`"""`, `'''`} {
				if strings.Count(rest, q)%2 == 1 {
					inMultiline = q
					break
				}
			}
		}
	}
	return idx
}

// line finds the line of a problem's path, falling back to the nearest enclosing field or table.
func (idx lineIndex) line(path string) int {
	for p := path; p != ""; {
		if l, ok := idx.exact[p]; ok {
			return l
		}
		if l, ok := idx.exact[p+"[0]"]; ok {
			return l
		}
		cut := strings.LastIndexAny(p, ".[")
		if cut < 0 {
			break
		}
		p = p[:cut]
	}
	return 0
}
