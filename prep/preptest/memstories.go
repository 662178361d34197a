package preptest

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// SaveStory stores a story that passes prep.CheckStory, replacing its earlier version.
func (m *MemStore) SaveStory(s prep.Story) error {
	if err := prep.CheckStory(&s); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stories[s.ID] = encode(s)
	return nil
}

// Stories lists every story, most recently updated first; ties in data's key order (by ID).
func (m *MemStore) Stories() ([]prep.Story, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]prep.Story, 0, len(m.stories))
	for _, b := range m.stories {
		out = append(out, decode[prep.Story](b))
	}
	slices.SortFunc(out, func(a, b prep.Story) int {
		return cmp.Or(cmp.Compare(b.UpdatedAt.UnixNano(), a.UpdatedAt.UnixNano()), slices.Compare(a.ID[:], b.ID[:]))
	})
	return out, nil
}

// Story returns one story, or an error wrapping prep.ErrNotFound.
func (m *MemStore) Story(id uuid.UUID) (prep.Story, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.stories[id]
	if !ok {
		return prep.Story{}, fmt.Errorf("story %s: %w", id, prep.ErrNotFound)
	}
	return decode[prep.Story](b), nil
}

// DeleteStory removes a story; one that is not there is not an error.
func (m *MemStore) DeleteStory(id uuid.UUID) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.stories, id)
	return nil
}

// SaveStoryComment keeps a checked comment beside a stored story.
func (m *MemStore) SaveStoryComment(c prep.StoryComment) error {
	if problems := c.Check("story_comment"); len(problems) > 0 {
		return fmt.Errorf("saving the comment on story %s: %w", c.StoryID, &prep.BundleError{Problems: problems})
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.stories[c.StoryID]; !ok {
		return fmt.Errorf("saving the comment on story %s: story %s: %w; nothing was saved", c.StoryID, c.StoryID, prep.ErrNotFound)
	}
	if m.storyComments == nil {
		m.storyComments = map[uuid.UUID][]byte{}
	}
	m.storyComments[c.ID] = encode(c)
	return nil
}

// StoryComments returns the comments on one story, oldest first (ties by ID, as data keeps them).
func (m *MemStore) StoryComments(storyID uuid.UUID) ([]prep.StoryComment, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []prep.StoryComment
	for _, b := range m.storyComments {
		if c := decode[prep.StoryComment](b); c.StoryID == storyID {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b prep.StoryComment) int {
		return cmp.Or(a.CommentedAt.Compare(b.CommentedAt), slices.Compare(a.ID[:], b.ID[:]))
	})
	return out, nil
}
