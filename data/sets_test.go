package data

import (
	"errors"
	"os"
	"testing"

	"github.com/panelprep/panelprep/prep"
)

func readTestSet(t *testing.T, name string) *prep.PracticeSet {
	t.Helper()
	b, err := os.ReadFile("../testdata/sets/" + name)
	if err != nil {
		t.Fatal(err)
	}
	set, err := prep.ParseSet(name, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestImportSetVersions(t *testing.T) {
	withStore(t, func(s *Store) {
		v1, v2 := readTestSet(t, "custom-v1.toml"), readTestSet(t, "custom-v2.toml")
		if err := s.ImportSet(v1); err != nil {
			t.Fatal(err)
		}
		if err := s.ImportSet(v1); !errors.Is(err, prep.ErrSetNotNewer) {
			t.Fatalf("re-importing the same version: got %v, want ErrSetNotNewer", err)
		}
		if err := s.ImportSet(v2); err != nil {
			t.Fatal(err)
		}
		if err := s.ImportSet(v1); !errors.Is(err, prep.ErrSetNotNewer) {
			t.Fatalf("importing an older version over a newer one: got %v", err)
		}
		sets, err := s.ImportedSets()
		if err != nil {
			t.Fatal(err)
		}
		if len(sets) != 1 || sets[0].Version != 2 || sets[0].Prompts[0].Scenario != v2.Prompts[0].Scenario {
			t.Fatalf("stored sets %+v, want version 2 only", sets)
		}
	})
}

func TestImportSetRefusesInvalidSet(t *testing.T) {
	withStore(t, func(s *Store) {
		bad := readTestSet(t, "custom-v1.toml")
		bad.Prompts[0].Phases[0].Minutes = 99
		if err := s.ImportSet(bad); err == nil {
			t.Fatal("an invalid set was imported")
		}
		if sets, _ := s.ImportedSets(); len(sets) != 0 {
			t.Errorf("a refused import stored %d sets", len(sets))
		}
	})
}
