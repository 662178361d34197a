package data

import (
	"fmt"

	"github.com/panelprep/panelprep/prep"
)

// importedLoopShapes is how the store keeps imported loop files.
var importedLoopShapes = importedFile[*prep.LoopShape]{
	what: "loop file", kind: loopShapeKind, key: loopShapeKey, encode: encodeLoopShape, decode: decodeLoopShape,
	version:  func(s *prep.LoopShape) int { return s.Version },
	notNewer: prep.ErrLoopShapeNotNewer,
}

// ImportLoopShape stores a checked loop file, replacing an older version of it in one transaction,
// as ImportSet does for a practice set.
func (s *Store) ImportLoopShape(sh *prep.LoopShape) error {
	if problems := sh.Validate(); len(problems) > 0 {
		return fmt.Errorf("importing loop file %q: %s; nothing was imported", sh.ID, problems[0])
	}
	return importedLoopShapes.store(s, sh.ID, sh)
}

// ImportedLoopShapes returns every imported loop file, ordered by ID.
func (s *Store) ImportedLoopShapes() ([]*prep.LoopShape, error) { return importedLoopShapes.all(s) }
