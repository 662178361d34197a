package strictjson_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/panelprep/panelprep/prep/internal/strictjson"
)

type item struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

type doc struct {
	ID    string            `json:"id"`
	Small int64             `json:"small"`
	Items []item            `json:"items"`
	Notes map[string]string `json:"notes,omitempty"`
}

func check(t *testing.T, src string) []string {
	t.Helper()
	var out []string
	for _, p := range strictjson.Check[doc]([]byte(src), "doc") {
		out = append(out, p.Path+": "+p.Message)
	}
	return out
}

func TestCheckAcceptsWhatDecodesExactly(t *testing.T) {
	src := `{"id": "a", "small": 3, "items": [{"name": "x", "count": 0}], "notes": {"k": "v"}}`
	if got := check(t, src); len(got) != 0 {
		t.Fatalf("problems in a clean document: %q", got)
	}
	// Check's promise: no problem means encoding/json decodes the same document without error.
	dec := json.NewDecoder(strings.NewReader(src))
	dec.DisallowUnknownFields()
	var d doc
	if err := dec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	// An omitempty field may be left out; the rest are required.
	if got := check(t, `{"id": "a", "small": 3, "items": []}`); len(got) != 0 {
		t.Fatalf("notes is omitempty, yet: %q", got)
	}
}

func TestCheckReportsEachProblemWithPathAndLine(t *testing.T) {
	src := `{
  "id": null,
  "small": 1.5,
  "items": [{"name": 7, "count": 99999999999999999999, "extra": true}, {"count": 1}],
  "notes": {"k": "v", "k": "w"},
  "id": "again"
}`
	// Columns are those just after the offending token (or key), where the decoder stands.
	want := []string{
		`id: must be a string, not null (line 2, column 13)`,
		`small: must be a whole number (got 1.5) (line 3, column 15)`,
		`items[0].name: must be a string, not a number (line 4, column 23)`,
		`items[0].count: is out of range (got 99999999999999999999) (line 4, column 54)`,
		`items[0].extra: unknown field (line 4, column 63)`,
		`items[1].name: is missing (line 4, column 84)`,
		`notes["k"]: duplicate key "k" (line 5, column 26)`,
		`id: duplicate key "id" (line 6, column 7)`,
	}
	got := check(t, src)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCheckWholeDocument(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`[]`, `doc: must be an object, not a list (line 1, column 2)`},
		{`{"id": "a", "small": 1, "items": []} {}`, `file: there is more after the end of the doc's JSON object (line 1, column 39)`},
		{`{"id": "a", "small": 1, "items": [`, `file: the JSON ends early: the file is cut short (line 1, column 35)`},
		{`{"id": "a", "small": 1, "items": [}`, `file: invalid character '}' looking for beginning of value (line 1, column 35)`},
		{`{"x": ` + strings.Repeat("[", 70), `x: unknown field (line 1, column 5)`},
	} {
		got := check(t, tc.src)
		if len(got) == 0 || got[0] != tc.want {
			t.Errorf("%.40s: got %q, want first %q", tc.src, got, tc.want)
		}
	}
	// Nesting past the limit stops the walk instead of recursing on.
	got := check(t, `{"x": `+strings.Repeat("[", 70)+strings.Repeat("]", 70)+`}`)
	if len(got) != 2 || !strings.Contains(got[1], "values nest more than 64 deep") {
		t.Errorf("deep nesting: %q", got)
	}
}

func TestCheckStopsAfterFiftyProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"id": "a", "small": 1, "items": [`)
	for i := range 80 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"name": 1, "count": 1}`)
	}
	b.WriteString(`]}`)
	if got := check(t, b.String()); len(got) != 50 {
		t.Fatalf("%d problems, want the walk to stop at 50", len(got))
	}
}

func TestCheckTypePanicsOnAKindItHasNoRuleFor(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic for a bool field")
		}
	}()
	strictjson.CheckType([]byte(`{"b": true}`), reflect.TypeFor[struct {
		B bool `json:"b"`
	}](), "doc")
}

func TestLineColCountsCharacters(t *testing.T) {
	data := []byte("ab\n\u00e9\u00e9x")
	for off, want := range map[int64]string{
		0:  "line 1, column 1",
		3:  "line 2, column 1",
		7:  "line 2, column 3", // after two 2-byte characters
		-5: "line 1, column 1",
		99: "line 2, column 4",
	} {
		if got := strictjson.LineCol(data, off); got != want {
			t.Errorf("LineCol(%d) = %q, want %q", off, got, want)
		}
	}
}

// A float field takes any number in its range; an omitzero field may be left out, like omitempty.
func TestCheckFloatsAndOmitzero(t *testing.T) {
	type point struct {
		X float32 `json:"x"`
	}
	type shape struct {
		At    point   `json:"at,omitzero"`
		Scale float64 `json:"scale"`
	}
	typ := reflect.TypeFor[shape]()
	for src, want := range map[string]string{
		`{"at": {"x": -12.5}, "scale": 1e3}`: "",
		`{"scale": 0.25}`:                    "",
		`{"at": {"x": 1e39}, "scale": 1}`:    "at.x: is out of range (got 1e39)",
		`{"at": {"x": "1"}, "scale": 1}`:     "at.x: must be a number, not a string",
		`{"at": {}, "scale": 1}`:             "at.x: is missing",
	} {
		var got []string
		for _, p := range strictjson.CheckType([]byte(src), typ, "doc") {
			got = append(got, p.Path+": "+p.Message)
		}
		if strings.Join(got, "\n") != want && !(want != "" && len(got) == 1 && strings.HasPrefix(got[0], want)) {
			t.Errorf("%s: %q, want %q", src, got, want)
		}
	}
}
