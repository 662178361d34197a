package prep_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/panelprep/panelprep/prep"
)

// FuzzParseSet feeds the practice-set checker arbitrary bytes. It must never panic; what it refuses
// it refuses with a *SetFileError naming at least one problem, each with a path; and anything it
// accepts must Validate clean. Seeds: the example sets in testdata/sets and the smallest bundled
// set, plus testdata/fuzz/FuzzParseSet.
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
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := prep.ParseSet("fuzz.toml", data)
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
	})
}
