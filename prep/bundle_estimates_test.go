package prep_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/estimate"
)

// withSheet is the sample attempts bundle with an estimate sheet on its third attempt (the systems
// design one), hostile text included: a bundle carries rows as written.
func withSheet(t testing.TB) prep.Bundle {
	b, _ := sampleBundles(t)
	b.Attempts[2].Estimates = &estimate.Sheet{Rows: []estimate.Row{
		{Name: "dau", Text: "50 M users"},
		{Name: "storage_per_year", Text: "dau * 2 KB * 365 day/year"},
		{Name: "oops", Text: "dau + 2 GB"},
		{Name: "", Text: hostileScript[:min(len(hostileScript), 300)]},
	}}
	return b
}

// An attempt's sheet goes out in format version 4, matches the schema, and comes back as it went.
func TestBundleCarriesTheEstimateSheet(t *testing.T) {
	b := withSheet(t)
	data := encode(t, b)
	var head struct{ Version int }
	if err := json.Unmarshal(data, &head); err != nil || head.Version != 4 {
		t.Errorf("a bundle with a sheet is written as version %d (%v), want 4", head.Version, err)
	}
	if err := schemaValidate(t, compileSchema(t), data); err != nil {
		t.Errorf("the schema rejects a bundle with a sheet: %v", err)
	}
	got, err := decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Attempts[2].Estimates, b.Attempts[2].Estimates) || got.Attempts[0].Estimates != nil {
		t.Errorf("the sheet came back as %+v (and %+v on an attempt without one)", got.Attempts[2].Estimates, got.Attempts[0].Estimates)
	}
	plain, _ := sampleBundles(t)
	if err := json.Unmarshal(encode(t, plain), &head); err != nil || head.Version >= 4 {
		t.Errorf("a bundle without a sheet is written as version %d: an older PanelPrep could not read it", head.Version)
	}
}

// Hostile or damaged sheets are refused by the reader, each with its path and a message that says
// what is wrong, and by the schema; nothing is imported from a refused bundle.
func TestBundleRefusesBadEstimateSheets(t *testing.T) {
	sch := compileSchema(t)
	rows := func(d map[string]any) []any { return attemptAt(d, 2)["estimates"].([]any) }
	row := func(d map[string]any, i int) map[string]any { return rows(d)[i].(map[string]any) }
	many := make([]any, estimate.MaxRows+1)
	for i := range many {
		many[i] = map[string]any{"name": "", "text": "1"}
	}
	for _, c := range []struct {
		name   string
		change func(d map[string]any)
		path   string
		msg    string
	}{
		{"too many rows", func(d map[string]any) { attemptAt(d, 2)["estimates"] = many }, "attempts[2].estimates", "has 201 rows; a sheet keeps at most 200"},
		{"text too long", func(d map[string]any) { row(d, 1)["text"] = strings.Repeat("1+", 200) + "1" }, "attempts[2].estimates[1].text", "has 401 characters; at most 300 are kept"},
		{"name too long", func(d map[string]any) { row(d, 0)["name"] = strings.Repeat("n", 41) }, "attempts[2].estimates[0].name", "has 41 characters; at most 40"},
		{"a line break", func(d map[string]any) { row(d, 0)["text"] = "50 M\nusers" }, "attempts[2].estimates[0].text", "control character"},
		{"unknown field", func(d map[string]any) { row(d, 0)["value"] = 5e7 }, "attempts[2].estimates[0].value", "unknown field"},
		{"missing text", func(d map[string]any) { delete(row(d, 1), "text") }, "attempts[2].estimates[1].text", ""},
		{"row not an object", func(d map[string]any) { rows(d)[0] = "50 M users" }, "attempts[2].estimates[0]", ""},
		{"not a list", func(d map[string]any) { attemptAt(d, 2)["estimates"] = map[string]any{"rows": []any{}} }, "attempts[2].estimates", ""},
		{"version 3", func(d map[string]any) { d["version"] = 3 }, "attempts[2].estimates", "needs format version 4 or later"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := mutateBundle(t, withSheet(t), c.change)
			b, err := decode(doc)
			var be *prep.BundleError
			if !errors.As(err, &be) || b != nil {
				t.Fatalf("DecodeBundle: bundle %v, error %v; want a *BundleError", b != nil, err)
			}
			found := false
			for _, p := range be.Problems {
				found = found || p.Path == c.path && strings.Contains(p.Message, c.msg)
			}
			if !found {
				t.Errorf("no problem at %s saying %q in:\n%v", c.path, c.msg, err)
			}
			if schemaValidate(t, sch, doc) == nil {
				t.Errorf("the schema accepts it")
			}
		})
	}
}
