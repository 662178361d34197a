package data

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// SaveLoop stores a loop, replacing its previous state. It is durable on return.
func (s *Store) SaveLoop(l prep.Loop) error {
	if l.ID == uuid.Nil {
		return errors.New("saving a loop: it has no ID")
	}
	v, err := encodeLoop(&l)
	if err != nil {
		return fmt.Errorf("encoding loop %s: %w", l.ID, err)
	}
	if err := s.checkSize("the loop", len(v), "nothing was saved"); err != nil {
		return fmt.Errorf("saving loop %s: %w", l.ID, err)
	}
	if err := ensureSpace(s.dir, uint64(len(v))); err != nil {
		return fmt.Errorf("saving loop %s: %w", l.ID, err)
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(loopKey(l.ID), v) }); err != nil {
		return fmt.Errorf("saving loop %s: %w", l.ID, err)
	}
	return nil
}

// Loop returns the loop with the given ID; prep.ErrNotFound when there is none.
func (s *Store) Loop(id uuid.UUID) (prep.Loop, error) {
	var l prep.Loop
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(loopKey(id))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return fmt.Errorf("loop %s: %w", id, prep.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("reading loop %s: %w", id, err)
		}
		l, err = decodeRecord(item, decodeLoop)
		return err
	})
	return l, err
}

// ActiveLoop returns the most recently started unfinished loop, or nil.
func (s *Store) ActiveLoop() (*prep.Loop, error) {
	var active *prep.Loop
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: loopKind.prefix, PrefetchValues: true, PrefetchSize: 16})
		defer it.Close()
		for it.Seek(loopKind.prefix); it.ValidForPrefix(loopKind.prefix); it.Next() {
			l, err := decodeRecord(it.Item(), decodeLoop)
			if err != nil {
				return err
			}
			if !l.Finished && (active == nil || l.StartedAt.After(active.StartedAt)) {
				active = &l
			}
		}
		return nil
	})
	return active, err
}
