package data

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/panelprep/panelprep/prep"
)

// DiscardDraft moves the prompt's draft to discarded/, in one transaction: the draft is never in
// neither place. A prompt with no draft is not an error.
func (s *Store) DiscardDraft(promptID string, at time.Time) error {
	err := s.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(draftKey(promptID))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		v, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		if err := txn.SetEntry(badger.NewEntry(discardedKey(at, promptID), v).WithTTL(prep.KeepDiscarded)); err != nil {
			return err
		}
		return txn.Delete(draftKey(promptID))
	})
	if err != nil {
		return fmt.Errorf("discarding the draft for %q: %w; the draft is still there", promptID, err)
	}
	s.snaps.forget(promptID)
	return nil
}

// DiscardedDrafts lists the discarded drafts not yet expired, most recently discarded first.
func (s *Store) DiscardedDrafts() ([]prep.DiscardedDraft, error) {
	var out []prep.DiscardedDraft
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: discardedKind.prefix, Reverse: true, PrefetchValues: true, PrefetchSize: 16})
		defer it.Close()
		seek := discardedKind.key([]byte{0xff})
		for it.Seek(seek); it.ValidForPrefix(discardedKind.prefix); it.Next() {
			k := it.Item().Key()
			if len(k) < len(discardedKind.prefix)+8 {
				continue // not a key this code writes; the check reports such records
			}
			var d prep.DiscardedDraft
			var err error
			if d.Draft, err = decodeRecord(it.Item(), decodeDraft); err != nil {
				return err
			}
			d.DiscardedAt = time.Unix(0, int64(binary.BigEndian.Uint64(discardedKind.suffix(k))))
			out = append(out, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the discarded drafts: %w", err)
	}
	return out, nil
}

// RestoreDiscarded puts a discarded draft back under draft/ and removes it from discarded/, in one
// transaction. When the prompt has a draft already it refuses with prep.ErrDraftExists.
func (s *Store) RestoreDiscarded(d prep.DiscardedDraft) error {
	id := d.Draft.Prompt.ID
	from := discardedKey(d.DiscardedAt, id)
	err := s.db.Update(func(txn *badger.Txn) error {
		if _, err := txn.Get(draftKey(id)); err == nil {
			return prep.ErrDraftExists
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		item, err := txn.Get(from)
		if err != nil {
			return err
		}
		v, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		if err := txn.Set(draftKey(id), v); err != nil {
			return err
		}
		return txn.Delete(from)
	})
	switch {
	case errors.Is(err, prep.ErrDraftExists):
		return fmt.Errorf("restoring the discarded draft of %q: %w; finish or discard that one first. Nothing was changed", d.Draft.Prompt.Title, err)
	case errors.Is(err, badger.ErrKeyNotFound):
		return fmt.Errorf("restoring the discarded draft of %q: it is no longer kept (discarded drafts are kept a week). Nothing was changed", d.Draft.Prompt.Title)
	case err != nil:
		return fmt.Errorf("restoring the discarded draft of %q: %w. Nothing was changed", d.Draft.Prompt.Title, err)
	}
	return nil
}
