package estimate

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Row is one line of the sheet as the candidate wrote it. Only this is stored: the computed value
// is derived from the rows every time, so a stored sheet can never disagree with itself.
type Row struct {
	Name string `json:"name"` // an identifier formulas refer to: "storage_per_year"; may be empty
	Text string `json:"text"` // "50 M users", "dau * 2 KB", "storage_per_day * 365 day/year"
}

// Sheet is the back-of-envelope sheet of one answer: rows computed top to bottom.
type Sheet struct {
	Rows []Row `json:"rows,omitempty"`
}

// The sizes a sheet keeps. A whiteboard's estimate is a dozen rows; these bound what a hostile
// bundle can make the app compute and draw.
const (
	MaxRows     = 200
	MaxNameLen  = 40  // characters
	MaxTextLen  = 300 // characters
	maxNestings = 32  // parentheses, so a "((((…" row cannot exhaust the stack
)

// Result is one row's computed value or what is wrong with it.
type Result struct {
	Quantity Quantity
	Err      *Error // nil when the row computed
	Empty    bool   // the row has no text yet: neither a value nor an error
	Formula  bool   // the text refers to another row (so the line in the answer shows it)
}

// String is what the sheet shows beside the row: the value, the error, or nothing.
func (r Result) String() string {
	switch {
	case r.Err != nil:
		return r.Err.Msg
	case r.Empty:
		return ""
	}
	return r.Quantity.String()
}

// Clone returns a copy that shares no rows with s.
func (s Sheet) Clone() Sheet {
	s.Rows = slices.Clone(s.Rows)
	return s
}

// Empty reports whether the sheet has nothing written in it.
func (s Sheet) Empty() bool {
	for _, r := range s.Rows {
		if strings.TrimSpace(r.Name) != "" || strings.TrimSpace(r.Text) != "" {
			return false
		}
	}
	return true
}

// Compute computes every row, top to bottom. A row may use only the rows above it.
func (s Sheet) Compute() []Result {
	out := make([]Result, len(s.Rows))
	names := make(map[string]int, len(s.Rows))
	var nameErr []*Error
	for i, r := range s.Rows {
		n := strings.TrimSpace(r.Name)
		if n == "" {
			continue
		}
		if err := CheckName(n); err != nil {
			if nameErr == nil {
				nameErr = make([]*Error, len(s.Rows))
			}
			nameErr[i] = err
			continue
		}
		if at, ok := names[n]; ok {
			if nameErr == nil {
				nameErr = make([]*Error, len(s.Rows))
			}
			nameErr[i] = errorf(ErrName, "the name %q is already row %d's", n, at+1)
			continue
		}
		names[n] = i
	}
	p := parser{names: names, results: out}
	var buf []token
	for i, r := range s.Rows {
		switch {
		case i >= MaxRows:
			out[i].Err = errorf(ErrTooLong, "a sheet keeps at most %d rows", MaxRows)
			continue
		case nameErr != nil && nameErr[i] != nil:
			out[i].Err = nameErr[i]
			continue
		case strings.TrimSpace(r.Text) == "":
			out[i].Empty = true
			continue
		case utf8.RuneCountInString(r.Text) > MaxTextLen:
			out[i].Err = errorf(ErrTooLong, "longer than %d characters", MaxTextLen)
			continue
		}
		var lexErr *Error
		buf, lexErr = lex(r.Text, buf)
		if lexErr != nil {
			out[i].Err = lexErr
			continue
		}
		if err := checkNesting(buf); err != nil {
			out[i].Err = err
			continue
		}
		p.toks, p.i, p.row, p.formula = buf, 0, i, false
		q, err := p.parse()
		if err == nil {
			err = checkFinite(q)
		}
		out[i] = Result{Quantity: q, Err: err, Formula: p.formula}
	}
	return out
}

func checkNesting(toks []token) *Error {
	depth := 0
	for _, t := range toks {
		if t.kind == tOp && t.op == '(' {
			if depth++; depth > maxNestings {
				return errorf(ErrSyntax, "more than %d parentheses deep", maxNestings)
			}
		} else if t.kind == tOp && t.op == ')' {
			depth--
		}
	}
	return nil
}

func checkFinite(q Quantity) *Error {
	v := q.Value
	switch {
	case v != v:
		return errorf(ErrMath, "not a number (0/0, or a power of a negative number)")
	case v > 1e300 || v < -1e300:
		return errorf(ErrMath, "too large to be an estimate")
	}
	return nil
}

// CheckName reports what is wrong with a row name, or nil: a name is what a formula types, so it is
// a word of letters, digits and underscores, and not a unit a formula could mean instead.
func CheckName(name string) *Error {
	if utf8.RuneCountInString(name) > MaxNameLen {
		return errorf(ErrTooLong, "the name is longer than %d characters", MaxNameLen)
	}
	for i, r := range name {
		if r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r) {
			continue
		}
		if r == ' ' {
			return errorf(ErrName, "a name has no spaces: write %q", strings.ReplaceAll(name, " ", "_"))
		}
		return errorf(ErrName, "a name is letters, digits and _, starting with a letter: %q is not allowed in %q", string(r), name)
	}
	if name == "in" {
		return errorf(ErrName, "\"in\" says how a formula reads (\"x in GB/month\"); name the row otherwise")
	}
	if reservedName(name) {
		return errorf(ErrName, "%q is a unit: a formula could not tell the row from the unit; name the row otherwise", name)
	}
	return nil
}

// Readable is a row name as words: "storage_per_year" reads "Storage per year".
func Readable(name string) string {
	s := strings.TrimSpace(strings.ReplaceAll(name, "_", " "))
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Line is row i as a line of the written answer: "Storage per year: 2.3 TB/year
// (= storage_per_day * 365 day/year)". The formula is shown when the row uses other rows, so a
// reader can follow the arithmetic; a row with an error is written with its text and no value.
func Line(row Row, r Result) string {
	name := Readable(row.Name)
	text := strings.Join(strings.Fields(row.Text), " ")
	var value string
	switch {
	case r.Err != nil || r.Empty:
		value = text
	case r.Formula:
		value = fmt.Sprintf("%s (= %s)", r.Quantity, text)
	default:
		value = r.Quantity.String()
	}
	if name == "" {
		return value
	}
	return name + ": " + value
}

// Problem is one thing that makes a stored sheet unusable, at a path within it ("rows[3].text").
type Problem struct {
	Path, Message string
}

// Problems lists what makes a stored sheet unusable, for a bundle's validation: too many rows,
// names or texts too long, text that is not UTF-8 or holds control characters. A row whose
// formula has an error is not a problem: that mistake is part of the attempt.
func (s Sheet) Problems() []Problem {
	if len(s.Rows) > MaxRows {
		return []Problem{{"rows", fmt.Sprintf("has %d rows; a sheet keeps at most %d", len(s.Rows), MaxRows)}}
	}
	var out []Problem
	for i, r := range s.Rows {
		for _, f := range []struct {
			field, v string
			max      int
		}{{"name", r.Name, MaxNameLen}, {"text", r.Text, MaxTextLen}} {
			at := fmt.Sprintf("rows[%d].%s", i, f.field)
			switch n := utf8.RuneCountInString(f.v); {
			case !utf8.ValidString(f.v):
				out = append(out, Problem{at, "is not valid UTF-8 text"})
			case n > f.max:
				out = append(out, Problem{at, fmt.Sprintf("has %d characters; at most %d are kept", n, f.max)})
			case strings.IndexFunc(f.v, unicode.IsControl) >= 0:
				out = append(out, Problem{at, "holds a control character (a line break or a tab?); a row is one line"})
			}
		}
	}
	return out
}
