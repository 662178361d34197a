// Package strictjson checks a JSON document against the shape of a Go type before encoding/json
// decodes it, reporting what encoding/json would accept silently or stop at: unknown fields,
// duplicate keys (last one wins there), null, wrong types, numbers that are not whole or do not
// fit, a required field that is missing, and anything after the document. Every problem carries a
// JSON path (attempts[3].scores[1].value) and a line and column, so a person editing a file by hand
// can find it; the walk goes on past each problem and stops only at a syntax error or after
// maxWalkProblems.
//
// It knows the kinds a wire type is made of (structs, slices, string-keyed maps, strings, int and
// int64) and panics on any other: the types it checks are declared for the purpose, not arbitrary.
// A struct field is required unless its json tag says omitempty or omitzero.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Problem is one thing wrong with the document: where (a JSON path, or "file" for the document as
// a whole) and what, the message ending with the line and column.
type Problem struct {
	Path    string
	Message string
}

// Check reads data as one JSON value with the shape of T and returns every problem found, in
// document order; none means encoding/json will decode data into a T exactly. root names the
// top-level value in messages ("bundle": "bundle: must be an object, not a list" and "there is
// more after the end of the bundle's JSON object").
func Check[T any](data []byte, root string) []Problem {
	return CheckType(data, reflect.TypeFor[T](), root)
}

// CheckType is Check for a type known only at run time.
func CheckType(data []byte, t reflect.Type, root string) []Problem {
	w := walker{dec: json.NewDecoder(bytes.NewReader(data)), data: data, root: root}
	w.dec.UseNumber()
	w.document(t)
	return w.problems
}

// walker checks a JSON document against the shape of a Go type, token by token: unknown fields,
// duplicate keys (which encoding/json silently resolves, last one wins), null, wrong types and
// numbers that are not whole or do not fit. It records each problem with its path and line, skips
// the offending value and goes on, stopping only at a syntax error or after maxWalkProblems.
type walker struct {
	dec      *json.Decoder
	data     []byte
	root     string // the top-level value's name in messages
	problems []Problem
	stopped  bool
}

const (
	maxWalkProblems = 50
	maxSkipDepth    = 64 // how deeply an unknown or mistyped value may nest before the walk gives up
)

var errStop = errors.New("walk stopped")

func (w *walker) add(path string, off int64, format string, args ...any) {
	if len(w.problems) >= maxWalkProblems {
		w.stopped = true
		return
	}
	msg := fmt.Sprintf(format, args...) + " (" + LineCol(w.data, off) + ")"
	w.problems = append(w.problems, Problem{Path: path, Message: msg})
}

func (w *walker) document(t reflect.Type) {
	if err := w.value(t, ""); err != nil {
		return
	}
	if _, err := w.dec.Token(); err != io.EOF {
		off := w.dec.InputOffset()
		w.add("file", off, "there is more after the end of the %s's JSON object", w.root)
	}
}

func (w *walker) token() (json.Token, error) {
	tok, err := w.dec.Token()
	if err != nil {
		off := w.dec.InputOffset()
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = se.Offset
		}
		msg := err.Error()
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			msg = "the JSON ends early: the file is cut short"
		}
		w.add("file", off, "%s", strings.TrimPrefix(msg, "json: "))
		w.stopped = true
		return nil, errStop
	}
	return tok, nil
}

// value reads the next value, which should have the shape of t, at path.
func (w *walker) value(t reflect.Type, path string) error {
	if w.stopped {
		return errStop
	}
	tok, err := w.token()
	if err != nil {
		return err
	}
	off := w.dec.InputOffset() // just after the token: on the line a person would look at
	shown := path
	if shown == "" {
		shown = w.root
	}
	if tok == nil {
		w.add(shown, off, "must be %s, not null", describe(t))
		return nil
	}
	var open json.Delim // the token a value of kind t starts with, if it is an object or a list
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		open = '{'
	case reflect.Slice:
		open = '['
	case reflect.String:
		if _, ok := tok.(string); !ok {
			w.wrongType(shown, off, t, tok)
			return w.skipRest(tok)
		}
		return nil
	case reflect.Int, reflect.Int64:
		return w.integer(t, shown, off, tok)
	case reflect.Float32, reflect.Float64:
		return w.float(t, shown, off, tok)
	default:
		panic("strictjson: no rule for " + t.String()) // wire types use only the kinds above
	}
	if d, ok := tok.(json.Delim); !ok || d != open {
		w.wrongType(shown, off, t, tok)
		return w.skipRest(tok)
	}
	switch t.Kind() {
	case reflect.Struct:
		return w.object(t, path)
	case reflect.Map:
		return w.mapping(t, path)
	default:
		return w.list(t, path)
	}
}

// integer checks a number token for an int or int64 field: whole, and in range.
func (w *walker) integer(t reflect.Type, shown string, off int64, tok json.Token) error {
	n, ok := tok.(json.Number)
	if !ok {
		w.wrongType(shown, off, t, tok)
		return w.skipRest(tok)
	}
	if _, err := strconv.ParseInt(string(n), 10, t.Bits()); err != nil {
		if strings.ContainsAny(string(n), ".eE") {
			w.add(shown, off, "must be a whole number (got %s)", Clip(string(n)))
		} else {
			w.add(shown, off, "is out of range (got %s)", Clip(string(n)))
		}
	}
	return nil
}

// float checks a number token for a float32 or float64 field: in range for it (1e39 is not a
// float32, and encoding/json would refuse it).
func (w *walker) float(t reflect.Type, shown string, off int64, tok json.Token) error {
	n, ok := tok.(json.Number)
	if !ok {
		w.wrongType(shown, off, t, tok)
		return w.skipRest(tok)
	}
	if _, err := strconv.ParseFloat(string(n), t.Bits()); err != nil {
		w.add(shown, off, "is out of range (got %s)", Clip(string(n)))
	}
	return nil
}

// object reads the members of a struct-shaped object, its '{' already read.
func (w *walker) object(t reflect.Type, path string) error {
	fields := jsonFields(t)
	seen := map[string]bool{}
	present := 0 // known fields seen
	for w.dec.More() {
		k, err := w.token()
		if err != nil {
			return err
		}
		keyOff := w.dec.InputOffset()
		key := k.(string) // the decoder only returns strings as object keys
		kp := joinPath(path, key)
		f, known := fields[key]
		switch {
		case seen[key]:
			w.add(kp, keyOff, "duplicate key %q", Clip(key))
			err = w.skip()
		case !known:
			w.add(kp, keyOff, "unknown field")
			err = w.skip()
		default:
			present++
			err = w.value(f.Type, kp)
		}
		seen[key] = true
		if err != nil {
			return err
		}
	}
	if _, err := w.token(); err != nil { // '}'
		return err
	}
	// A field the encoder always writes (no omitempty) must be there: the schema requires it too.
	if present < len(fields) {
		for i := range t.NumField() {
			name, opts, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			if !seen[name] && opts != "omitempty" && opts != "omitzero" {
				w.add(joinPath(path, name), w.dec.InputOffset(), "is missing")
			}
		}
	}
	return nil
}

// list reads the elements of a list, its '[' already read.
func (w *walker) list(t reflect.Type, path string) error {
	for i := 0; w.dec.More(); i++ {
		if err := w.value(t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	_, err := w.token() // ']'
	return err
}

// mapping reads the members of a map-shaped object, its '{' already read.
func (w *walker) mapping(t reflect.Type, path string) error {
	seen := map[string]bool{}
	for w.dec.More() {
		k, err := w.token()
		if err != nil {
			return err
		}
		keyOff := w.dec.InputOffset()
		key := k.(string)
		kp := fmt.Sprintf("%s[%q]", path, Clip(key))
		if seen[key] {
			w.add(kp, keyOff, "duplicate key %q", Clip(key))
			err = w.skip()
		} else {
			err = w.value(t.Elem(), kp)
		}
		seen[key] = true
		if err != nil {
			return err
		}
	}
	_, err := w.token() // '}'
	return err
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (w *walker) wrongType(path string, off int64, t reflect.Type, tok json.Token) {
	w.add(path, off, "must be %s, not %s", describe(t), describeToken(tok))
}

// skip reads and discards one whole value.
func (w *walker) skip() error {
	tok, err := w.token()
	if err != nil {
		return err
	}
	return w.skipRest(tok)
}

// skipRest discards the rest of a value whose first token was tok.
func (w *walker) skipRest(tok json.Token) error {
	d, ok := tok.(json.Delim)
	if !ok || d == '}' || d == ']' {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := w.token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
			if depth > maxSkipDepth {
				w.add("file", w.dec.InputOffset(), "values nest more than %d deep", maxSkipDepth)
				w.stopped = true
				return errStop
			}
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

func describe(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice:
		return "a list"
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return t.String()
}

func describeToken(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "a list"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "true/false"
	}
	return "null"
}

// wireFields caches jsonFields: the walker asks for every object it reads.
var wireFields sync.Map // reflect.Type -> map[string]reflect.StructField

// jsonFields maps a wire struct's JSON names to its fields.
func jsonFields(t reflect.Type) map[string]reflect.StructField {
	if m, ok := wireFields.Load(t); ok {
		return m.(map[string]reflect.StructField)
	}
	out := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		out[name] = f
	}
	wireFields.Store(t, out)
	return out
}

// LineCol describes a byte offset as "line L, column C" (columns count characters).
func LineCol(data []byte, off int64) string {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := 1 + utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	return fmt.Sprintf("line %d, column %d", line, col)
}

// Clip shortens a hostile value (a key, a number, a field) to at most 60 bytes,
// cut on a character boundary, before it is quoted in a message.
func Clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	cut := 60
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
