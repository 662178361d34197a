package preptest

import (
	"bytes"
	"cmp"
	"errors"
	"slices"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// SaveInterview stores a live session, replacing its earlier state.
func (m *MemStore) SaveInterview(iv prep.Interview) error {
	if iv.ID == uuid.Nil {
		return errors.New("saving a live session: it has no ID")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.interviews == nil {
		m.interviews = map[uuid.UUID][]byte{}
	}
	m.interviews[iv.ID] = encode(iv)
	return nil
}

// Interviews lists every live session, most recently updated first (ties in data's key order).
func (m *MemStore) Interviews() ([]prep.Interview, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	ids := make([]uuid.UUID, 0, len(m.interviews))
	for id := range m.interviews {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
	out := make([]prep.Interview, 0, len(ids))
	for _, id := range ids {
		out = append(out, decode[prep.Interview](m.interviews[id]))
	}
	slices.SortStableFunc(out, func(a, b prep.Interview) int { return cmp.Compare(b.UpdatedAt.UnixNano(), a.UpdatedAt.UnixNano()) })
	return out, nil
}

// DeleteInterview removes a live session.
func (m *MemStore) DeleteInterview(id uuid.UUID) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.interviews, id)
	return nil
}
