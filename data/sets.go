package data

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/panelprep/panelprep/prep"
)

// ImportSet stores a validated practice set, replacing an older version of it in one transaction.
func (s *Store) ImportSet(set *prep.PracticeSet) error {
	if problems := set.Validate(); len(problems) > 0 {
		return fmt.Errorf("importing set %q: %s", set.ID, problems[0])
	}
	v, err := encodeSet(set)
	if err != nil {
		return fmt.Errorf("encoding set %q: %w", set.ID, err)
	}
	if err := ensureSpace(s.dir, uint64(len(v))); err != nil {
		return fmt.Errorf("importing set %q: %w", set.ID, err)
	}
	k := setKey(set.ID)
	err = s.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(k)
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
		case err != nil:
			return err
		default:
			old, err := decodeRecord(item, decodeSet)
			if err != nil {
				return err
			}
			if set.Version <= old.Version {
				return fmt.Errorf("%w: %q version %d is stored; give the file a higher version to replace it",
					prep.ErrSetNotNewer, set.ID, old.Version)
			}
		}
		return txn.Set(k, v)
	})
	if err != nil {
		return fmt.Errorf("importing set %q: %w", set.ID, err)
	}
	return nil
}

// ImportedSets returns every imported set, ordered by ID.
func (s *Store) ImportedSets() ([]*prep.PracticeSet, error) {
	var out []*prep.PracticeSet
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: setKind.prefix, PrefetchValues: true, PrefetchSize: 16})
		defer it.Close()
		for it.Seek(setKind.prefix); it.ValidForPrefix(setKind.prefix); it.Next() {
			set, err := decodeRecord(it.Item(), decodeSet)
			if err != nil {
				return err
			}
			out = append(out, set)
		}
		return nil
	})
	return out, err
}
