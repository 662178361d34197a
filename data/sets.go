package data

import (
	"fmt"

	"github.com/panelprep/panelprep/prep"
)

// importedSets is how the store keeps imported practice sets.
var importedSets = importedFile[*prep.PracticeSet]{
	what: "set", kind: setKind, key: setKey, encode: encodeSet, decode: decodeSet,
	version:  func(s *prep.PracticeSet) int { return s.Version },
	notNewer: prep.ErrSetNotNewer,
}

// ImportSet stores a validated practice set, replacing an older version of it in one transaction.
func (s *Store) ImportSet(set *prep.PracticeSet) error {
	if problems := set.Validate(); len(problems) > 0 {
		return fmt.Errorf("importing set %q: %s", set.ID, problems[0])
	}
	return importedSets.store(s, set.ID, set)
}

// ImportedSets returns every imported set, ordered by ID.
func (s *Store) ImportedSets() ([]*prep.PracticeSet, error) { return importedSets.all(s) }
