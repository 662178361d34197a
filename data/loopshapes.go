package data

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/panelprep/panelprep/prep"
)

// ImportLoopShape stores a checked loop file, replacing an older version of it in one transaction,
// as ImportSet does for a practice set.
func (s *Store) ImportLoopShape(sh *prep.LoopShape) error {
	if problems := sh.Validate(); len(problems) > 0 {
		return fmt.Errorf("importing loop file %q: %s; nothing was imported", sh.ID, problems[0])
	}
	v, err := encodeLoopShape(sh)
	if err != nil {
		return fmt.Errorf("encoding loop file %q: %w", sh.ID, err)
	}
	if err := ensureSpace(s.dir, uint64(len(v))); err != nil {
		return fmt.Errorf("importing loop file %q: %w", sh.ID, err)
	}
	k := loopShapeKey(sh.ID)
	err = s.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(k)
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
		case err != nil:
			return err
		default:
			old, err := decodeRecord(item, decodeLoopShape)
			if err != nil {
				return err
			}
			if sh.Version <= old.Version {
				return fmt.Errorf("%w: %q version %d is stored; give the file a higher version to replace it",
					prep.ErrLoopShapeNotNewer, sh.ID, old.Version)
			}
		}
		return txn.Set(k, v)
	})
	if err != nil {
		return fmt.Errorf("importing loop file %q: %w", sh.ID, err)
	}
	return nil
}

// ImportedLoopShapes returns every imported loop file, ordered by ID.
func (s *Store) ImportedLoopShapes() ([]*prep.LoopShape, error) {
	var out []*prep.LoopShape
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: loopShapeKind.prefix, PrefetchValues: true, PrefetchSize: 16})
		defer it.Close()
		for it.Seek(loopShapeKind.prefix); it.ValidForPrefix(loopShapeKind.prefix); it.Next() {
			sh, err := decodeRecord(it.Item(), decodeLoopShape)
			if err != nil {
				return err
			}
			out = append(out, sh)
		}
		return nil
	})
	return out, err
}
