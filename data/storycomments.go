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

// A mentor's comments on stories: story-comment/<story:16><comment:16> -> storyCommentRecord (records.go),
// kept beside the story (never inside it), as reviews are kept beside attempts.

func storyCommentKey(storyID, id uuid.UUID) []byte {
	return storyCommentKind.key(storyID[:], id[:])
}

// SaveStoryComment stores a comment on a stored story, replacing an earlier version of it.
func (s *Store) SaveStoryComment(c prep.StoryComment) error {
	if problems := c.Check("story_comment"); len(problems) > 0 {
		return fmt.Errorf("saving the comment on story %s: %w", c.StoryID, &prep.BundleError{Problems: problems})
	}
	v, err := encodeStoryComment(&c)
	if err != nil {
		return fmt.Errorf("encoding comment %s: %w", c.ID, err)
	}
	if err := s.checkSize("the comment", len(v), "nothing was saved"); err != nil {
		return err
	}
	err = s.db.Update(func(txn *badger.Txn) error {
		if _, err := txn.Get(storyKey(c.StoryID)); errors.Is(err, badger.ErrKeyNotFound) {
			return fmt.Errorf("story %s: %w", c.StoryID, prep.ErrNotFound)
		} else if err != nil {
			return err
		}
		return txn.Set(storyCommentKey(c.StoryID, c.ID), v)
	})
	if err != nil {
		return fmt.Errorf("saving the comment on story %s: %w; nothing was saved", c.StoryID, err)
	}
	return nil
}

// StoryComments returns the comments on one story, oldest first.
func (s *Store) StoryComments(storyID uuid.UUID) ([]prep.StoryComment, error) {
	var out []prep.StoryComment
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		out, err = storyCommentsIn(txn, storyCommentKind.key(storyID[:]))
		return err
	})
	return out, err
}

// storyCommentsIn reads the comments under prefix (one story's, or all), oldest first.
func storyCommentsIn(txn *badger.Txn, prefix []byte) ([]prep.StoryComment, error) {
	var out []prep.StoryComment
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: true, PrefetchSize: 16})
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		c, err := decodeRecord(it.Item(), decodeStoryComment)
		if err != nil {
			return nil, fmt.Errorf("%w; run `panelprep check` to find and set it aside", err)
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b prep.StoryComment) int {
		return cmp.Or(a.CommentedAt.Compare(b.CommentedAt), bytes.Compare(a.ID[:], b.ID[:]))
	})
	return out, nil
}

// exportStoryComments are the comments a feedback export carries: every one the store holds (a
// mentor's review store holds only the mentor's).
func exportStoryComments(txn *badger.Txn, f prep.ExportFilter) ([]prep.StoryComment, error) {
	if f.Kind != prep.BundleFeedback {
		return nil, nil
	}
	return storyCommentsIn(txn, storyCommentKind.prefix)
}

// importStoryComments are the writes that bring a bundle's comments in: each on a story the store
// holds, new or a later edit of one imported before. It returns the writes, how many, and how many
// comments were on stories the store lacks (not imported).
func importStoryComments(txn *badger.Txn, comments []prep.StoryComment) (writes [][2][]byte, added, missing int, err error) {
	for i := range comments {
		c := &comments[i]
		if _, err := txn.Get(storyKey(c.StoryID)); errors.Is(err, badger.ErrKeyNotFound) {
			missing++
			continue
		} else if err != nil {
			return nil, 0, 0, err
		}
		k := storyCommentKey(c.StoryID, c.ID)
		if item, err := txn.Get(k); err == nil {
			if old, err := decodeRecord(item, decodeStoryComment); err == nil && !c.CommentedAt.After(old.CommentedAt) {
				continue
			}
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return nil, 0, 0, err
		}
		v, err := encodeStoryComment(c)
		if err != nil {
			return nil, 0, 0, fmt.Errorf("encoding comment %s: %w", c.ID, err)
		}
		writes = append(writes, [2][]byte{k, v})
	}
	return writes, len(writes), missing, nil
}

// checkStoryComment is Check's test of a story-comment/ record.
func (c *checker) checkStoryComment(key, value []byte) {
	sc, err := decodeStoryComment(value)
	if err != nil {
		c.damaged(KindStoryComment, key, value, err)
		return
	}
	if !bytes.Equal(key, storyCommentKey(sc.StoryID, sc.ID)) {
		c.problem(KindStoryComment, key, fmt.Sprintf("holds comment %s under another key", sc.ID))
		return
	}
	for _, p := range sc.Check("story_comment") {
		c.problem(KindStoryComment, key, p.String())
	}
}
