package prep

import (
	"errors"
	"strings"
	"testing"
)

// testModel is a two-competency model for the checker's tests; the bundled one is tested in
// bank_test.go.
var testModel = Competencies{
	{ID: "delivery", Name: "Delivery", Description: "d", EM: "e", Director: "d", VP: "v"},
	{ID: "influence", Name: "Influence", Description: "d", EM: "e", Director: "d", VP: "v"},
	{ID: "developing-people", Name: "Developing people", Description: "d", EM: "e", Director: "d", VP: "v"},
	{ID: "operational-excellence", Name: "Operational excellence", Description: "d", EM: "e", Director: "d", VP: "v"},
}

func TestParseSetCompetency(t *testing.T) {
	withCompetency := func(id string) string {
		return strings.Replace(goodSet, `competency = "delivery"`, `competency = "`+id+`"`, 1)
	}
	t.Run("known", func(t *testing.T) {
		s, err := ParseSet("good.toml", []byte(withCompetency("delivery")), testModel)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Prompts[0].Rubric[0].Competency; got != "delivery" {
			t.Fatalf("competency = %q, want delivery", got)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		got := problems(t, withCompetency("deliverys"))
		want := `bad.toml:35: prompts[0].rubric[0].competency: unknown competency "deliverys" (use "delivery", "influence", "developing-people", "operational-excellence")`
		if len(got) != 1 || got[0] != want {
			t.Fatalf("got %q\nwant %q", got, want)
		}
	})
	t.Run("malformed", func(t *testing.T) {
		got := problems(t, withCompetency("Delivery"))
		if len(got) != 1 || !strings.HasPrefix(got[0], `bad.toml:35: prompts[0].rubric[0].competency: must be a competency ID`) {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("missing", func(t *testing.T) {
		// Every bundled set names a competency for each criterion, so a checked file must too.
		got := problems(t, strings.Replace(goodSet, "competency = \"delivery\"\n", "", 1))
		want := `bad.toml:33: prompts[0].rubric[0].competency: criterion "Ownership" names no competency; add competency = one of "delivery", "influence",`
		if len(got) != 1 || !strings.HasPrefix(got[0], want) {
			t.Fatalf("got %q\nwant %q…", got, want)
		}
		// Without a model (a set already stored), a set from before competencies is still read.
		if _, err := ParseSet("legacy.toml", []byte(strings.Replace(goodSet, "competency = \"delivery\"\n", "", 1)), nil); err != nil {
			t.Fatalf("a stored set without competencies was refused: %v", err)
		}
	})
	t.Run("no model", func(t *testing.T) {
		if _, err := ParseSet("good.toml", []byte(withCompetency("from-a-newer-version")), nil); err != nil {
			t.Fatalf("without a model an unknown ID is kept: %v", err)
		}
	})
}

func TestParseCompetencies(t *testing.T) {
	good := `[[competencies]]
id = "delivery"
name = "Delivery"
description = "d"
em = "e"
director = "d"
vp = "v"
`
	m, err := ParseCompetencies("c.toml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := m.Find("delivery"); !ok || c.Name != "Delivery" || m.Label("delivery") != "Delivery" || m.Label(Unmapped) != UnmappedLabel {
		t.Fatalf("parsed %+v", m)
	}
	for _, tc := range []struct{ name, text, want string }{
		{"unknown key", strings.Replace(good, `vp = "v"`, "vp = \"v\"\nlevel = 3", 1), `c.toml:8: competencies[0].level: unknown field`},
		{"missing text", strings.Replace(good, `em = "e"`, `em = " "`, 1), `c.toml:5: competencies[0].em: is missing`},
		{"duplicate", good + "\n" + good, `c.toml:10: competencies[1].id: duplicate competency ID "delivery"`},
		{"reserved", strings.Replace(good, `"delivery"`, `"unmapped"`, 1), `c.toml:2: competencies[0].id: must be`},
		{"empty", "", `c.toml: competencies: the model has no competencies`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCompetencies("c.toml", []byte(tc.text))
			var fe *SetFileError
			if !errors.As(err, &fe) {
				t.Fatalf("got %v, want a *SetFileError", err)
			}
			var got []string
			for _, p := range fe.Problems {
				got = append(got, p.String())
			}
			found := false
			for _, g := range got {
				found = found || strings.HasPrefix(g, tc.want)
			}
			if !found {
				t.Fatalf("no problem starting %q in %q", tc.want, got)
			}
			if !strings.Contains(err.Error(), "is not a valid competency model") {
				t.Errorf("error %q does not say what the file should be", err)
			}
		})
	}
}
