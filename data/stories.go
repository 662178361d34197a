package data

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// The story bank: one story/<uuid:16> record per story (storyRecord, records.go), written synchronously on
// every save as a draft is, because a story is typed text.

// SaveStory stores a story, replacing its earlier version. A story that fails prep.CheckStory is
// refused and the stored version kept. It is durable on return.
func (s *Store) SaveStory(st prep.Story) error {
	if err := prep.CheckStory(&st); err != nil {
		return err
	}
	v, err := encodeStory(&st)
	if err != nil {
		return fmt.Errorf("encoding story %s: %w", st.ID, err)
	}
	done := "nothing was saved, and the version saved before is kept"
	if err := s.checkSize("the story", len(v), done); err != nil {
		return fmt.Errorf("saving story %q: %w", st.DisplayTitle(), err)
	}
	if err := ensureSpace(s.dir, uint64(len(v))); err != nil {
		return fmt.Errorf("saving story %q: %w", st.DisplayTitle(), err)
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(storyKey(st.ID), v) }); err != nil {
		return fmt.Errorf("saving story %q: %w; %s", st.DisplayTitle(), err, done)
	}
	return nil
}

// Stories lists every story, most recently updated first (ties in key order).
func (s *Store) Stories() ([]prep.Story, error) {
	var out []prep.Story
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: storyKind.prefix, PrefetchValues: true, PrefetchSize: 16})
		defer it.Close()
		for it.Seek(storyKind.prefix); it.ValidForPrefix(storyKind.prefix); it.Next() {
			st, err := decodeRecord(it.Item(), decodeStory)
			if err != nil {
				return fmt.Errorf("%w; run `panelprep check` to find and set it aside", err)
			}
			out = append(out, st)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the stories: %w", err)
	}
	slices.SortStableFunc(out, func(a, b prep.Story) int { return cmp.Compare(b.UpdatedAt.UnixNano(), a.UpdatedAt.UnixNano()) })
	return out, nil
}

// Story returns one story, or an error wrapping prep.ErrNotFound.
func (s *Store) Story(id uuid.UUID) (prep.Story, error) {
	var st prep.Story
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(storyKey(id))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return fmt.Errorf("story %s: %w", id, prep.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("reading story %s: %w", id, err)
		}
		st, err = decodeRecord(item, decodeStory)
		return err
	})
	return st, err
}

// DeleteStory removes a story; one that is not there is not an error.
func (s *Store) DeleteStory(id uuid.UUID) error {
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Delete(storyKey(id)) }); err != nil {
		return fmt.Errorf("deleting story %s: %w; it is still there", id, err)
	}
	return nil
}

// checkStory is Check's test of a story/ record: it decodes, sits under its own ID, and passes
// the same checks a save does.
func (c *checker) checkStory(key, value []byte) {
	st, err := decodeStory(value)
	if err != nil {
		c.damaged(KindStory, key, value, err)
		return
	}
	if !bytes.Equal(key, storyKey(st.ID)) {
		c.problem(KindStory, key, fmt.Sprintf("holds story %s under another key", st.ID))
		return
	}
	for _, p := range st.Check("story") {
		c.problem(KindStory, key, p.String())
	}
}

// exportStories is the story bank as an export carries it: whole, in an attempts bundle of the
// candidate's history (every attempt, or those since a date), oldest first by creation. An export
// of one attempt or one prompt's history carries none: it is about that answer.
func exportStories(txn *badger.Txn, f prep.ExportFilter) ([]prep.Story, error) {
	if f.Kind != prep.BundleAttempts || f.AttemptID != uuid.Nil || f.PromptID != "" {
		return nil, nil
	}
	var out []prep.Story
	it := txn.NewIterator(badger.IteratorOptions{Prefix: storyKind.prefix, PrefetchValues: true, PrefetchSize: 16})
	defer it.Close()
	for it.Seek(storyKind.prefix); it.ValidForPrefix(storyKind.prefix); it.Next() {
		st, err := decodeRecord(it.Item(), decodeStory)
		if err != nil {
			return nil, fmt.Errorf("%w; run `panelprep check` to find and set it aside", err)
		}
		out = append(out, st)
	}
	slices.SortStableFunc(out, func(a, b prep.Story) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return out, nil
}

// importStories are the writes that bring a bundle's stories into a mentor's review store: a story
// not there yet, or a later edit of one that is (by updated_at). It returns how many.
func importStories(txn *badger.Txn, stories []prep.Story) ([][2][]byte, int, error) {
	var writes [][2][]byte
	for i := range stories {
		st := &stories[i]
		k := storyKey(st.ID)
		item, err := txn.Get(k)
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
		case err != nil:
			return nil, 0, err
		default:
			if old, err := decodeRecord(item, decodeStory); err == nil && !st.UpdatedAt.After(old.UpdatedAt) {
				continue
			}
		}
		v, err := encodeStory(st)
		if err != nil {
			return nil, 0, fmt.Errorf("encoding story %s: %w", st.ID, err)
		}
		writes = append(writes, [2][]byte{k, v})
	}
	return writes, len(writes), nil
}
