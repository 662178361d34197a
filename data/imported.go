package data

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// importedFile is a file a user imports and the store keeps by ID, replaced only by a higher
// version: a practice set or a loop file. what names it in messages ("set", "loop file").
type importedFile[T any] struct {
	what     string
	kind     *recordKind
	key      func(id string) []byte
	encode   func(T) ([]byte, error)
	decode   func([]byte) (T, error)
	version  func(T) int
	notNewer error // wrapped when the stored version is the same or newer
}

// store writes f, checked by the caller, in one transaction, refusing to replace a version that is
// the same or newer. Every failure names the file and changes nothing.
func (k importedFile[T]) store(s *Store, id string, f T) error {
	v, err := k.encode(f)
	if err != nil {
		return fmt.Errorf("encoding %s %q: %w", k.what, id, err)
	}
	if err := ensureSpace(s.dir, uint64(len(v))); err != nil {
		return fmt.Errorf("importing %s %q: %w", k.what, id, err)
	}
	key := k.key(id)
	err = s.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
		case err != nil:
			return err
		default:
			old, err := decodeRecord(item, k.decode)
			if err != nil {
				return err
			}
			if k.version(f) <= k.version(old) {
				return fmt.Errorf("%w: %q version %d is stored; give the file a higher version to replace it",
					k.notNewer, id, k.version(old))
			}
		}
		return txn.Set(key, v)
	})
	if err != nil {
		return fmt.Errorf("importing %s %q: %w", k.what, id, err)
	}
	return nil
}

// all returns every stored file of the kind, ordered by ID.
func (k importedFile[T]) all(s *Store) ([]T, error) {
	var out []T
	prefix := k.kind.prefix
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true, PrefetchSize: 16})
		defer it.Close()
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			f, err := decodeRecord(it.Item(), k.decode)
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return nil
	})
	return out, err
}
