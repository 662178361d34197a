package prep_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/prep"
)

// FuzzParseSet feeds the practice-set checker arbitrary bytes. It must never panic; what it refuses
// it refuses with a *SetFileError naming at least one problem, each with a path; and anything it
// accepts must Validate clean. Seeds: the example sets in testdata/sets and the smallest bundled
// set, plus testdata/fuzz/FuzzParseSet (minutes-overflow: phases of 2^63-1 minutes that
// once wrapped round to the round's length).
func FuzzParseSet(f *testing.F) {
	names, err := filepath.Glob("../testdata/sets/*.toml")
	if err != nil {
		f.Fatal(err)
	}
	names = append(names, "../assets/sets/panel-questions.toml")
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	model, err := prep.DecodeBank(assets.Bank)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := prep.ParseSet("fuzz.toml", data, model.Competencies)
		if err != nil {
			var fe *prep.SetFileError
			if !errors.As(err, &fe) || len(fe.Problems) == 0 || set != nil {
				t.Fatalf("refused without a SetFileError listing problems: %v", err)
			}
			for _, p := range fe.Problems {
				if p.Path == "" || p.Message == "" || p.File != "fuzz.toml" {
					t.Fatalf("a problem without a place or a message: %+v", p)
				}
			}
			return
		}
		if ps := set.Validate(); len(ps) > 0 {
			t.Fatalf("accepted a set that does not validate: %v", ps)
		}
		// Minutes that pass are a sane length, and the phases add up to the round without wrapping.
		for _, p := range set.Prompts {
			sum := 0
			for _, ph := range p.Phases {
				if ph.Minutes < 1 || ph.Minutes > prep.MaxRoundMinutes {
					t.Fatalf("accepted a phase of %d minutes", ph.Minutes)
				}
				sum += ph.Minutes
			}
			if p.Minutes > prep.MaxRoundMinutes || sum != p.Minutes {
				t.Fatalf("accepted a %d-minute round whose phases sum to %d", p.Minutes, sum)
			}
		}
	})
}
