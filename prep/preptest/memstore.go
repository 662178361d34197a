package preptest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// MemStore is a prep.Store kept in memory, for tests of code above the store (the screens) that
// need a store but not a disk: it keeps the contract data's Badger store keeps (StoreContract runs
// the same cases against both, so the two cannot drift), without the fsyncs that made every ui
// test wait on the disk. It also keeps the mentor reviews of attempts, as the practice store does.
//
// Records are kept as the JSON that encodes them, and decoded afresh on every read, so a caller
// never shares memory with what is stored, and a value comes back as a stored one does (times
// without their monotonic reading, nil and empty slices as JSON keeps them). Size limits, full
// disks and damaged records are data's and are tested there.
type MemStore struct {
	mu        sync.Mutex
	drafts    map[string][]byte // by prompt ID
	discarded map[discardKey]discarded
	attempts  map[uuid.UUID][]byte
	sets      map[string][]byte // by set ID
	loops     map[uuid.UUID][]byte
	shapes    map[string][]byte    // imported loop files, by ID
	reviews   map[uuid.UUID][]byte // by review ID
	stories   map[uuid.UUID][]byte // memstories.go
	// storyComments are a mentor's comments on stories, by comment ID (memstories.go).
	storyComments map[uuid.UUID][]byte
	interviews    map[uuid.UUID][]byte // live sessions, by ID (meminterviews.go)
	// now is the wall clock that discarded drafts expire by, as Badger's TTL does: a week after
	// they were discarded, counted from when DiscardDraft ran (not from its at).
	now func() time.Time
}

type discardKey struct {
	at       int64 // Unix nanoseconds, as data's key keeps it
	promptID string
}

type discarded struct {
	draft   []byte
	expires time.Time
}

var _ prep.Store = (*MemStore)(nil)

// NewMemStore returns an empty store.
func NewMemStore() *MemStore {
	return &MemStore{
		drafts: map[string][]byte{}, discarded: map[discardKey]discarded{}, attempts: map[uuid.UUID][]byte{},
		sets: map[string][]byte{}, loops: map[uuid.UUID][]byte{}, shapes: map[string][]byte{}, reviews: map[uuid.UUID][]byte{}, stories: map[uuid.UUID][]byte{},
		now: time.Now,
	}
}

func encode(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("encoding %T: %v", v, err)) // plain data: cannot fail
	}
	return b
}

func decode[T any](b []byte) T {
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		panic(fmt.Sprintf("decoding %T: %v", v, err)) // what encode wrote
	}
	return v
}

// SaveDraft stores the draft for its prompt, replacing the previous one.
func (m *MemStore) SaveDraft(d prep.Draft) error {
	if d.Prompt.ID == "" {
		return errors.New("saving a draft: the draft has no prompt ID")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.drafts[d.Prompt.ID] = encode(d)
	return nil
}

// Drafts returns every unfinished round, most recently updated first (ties by prompt ID).
func (m *MemStore) Drafts() ([]prep.Draft, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []prep.Draft
	for _, id := range sortedKeys(m.drafts) {
		out = append(out, decode[prep.Draft](m.drafts[id]))
	}
	slices.SortStableFunc(out, func(a, b prep.Draft) int { return b.UpdatedAt.Compare(a.UpdatedAt) })
	return out, nil
}

// DeleteDraft removes the draft for a prompt, if there is one.
func (m *MemStore) DeleteDraft(promptID string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.drafts, promptID)
	return nil
}

// DiscardDraft moves the prompt's draft to the discarded drafts. No draft is not an error.
func (m *MemStore) DiscardDraft(promptID string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.drafts[promptID]
	if !ok {
		return nil
	}
	m.discarded[discardKey{at.UnixNano(), promptID}] = discarded{d, m.now().Add(prep.KeepDiscarded)}
	delete(m.drafts, promptID)
	return nil
}

// DiscardedDrafts lists the discarded drafts not yet expired, most recently discarded first.
func (m *MemStore) DiscardedDrafts() ([]prep.DiscardedDraft, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	var keys []discardKey
	for k, d := range m.discarded {
		if now.Before(d.expires) {
			keys = append(keys, k)
		}
	}
	// The reverse of data's key order: time, then prompt ID.
	slices.SortFunc(keys, func(a, b discardKey) int {
		return -cmp.Or(cmp.Compare(a.at, b.at), strings.Compare(a.promptID, b.promptID))
	})
	out := make([]prep.DiscardedDraft, 0, len(keys))
	for _, k := range keys {
		out = append(out, prep.DiscardedDraft{Draft: decode[prep.Draft](m.discarded[k].draft), DiscardedAt: time.Unix(0, k.at)})
	}
	return out, nil
}

// RestoreDiscarded puts a discarded draft back as its prompt's draft; it refuses with
// prep.ErrDraftExists, changing nothing, when the prompt has a draft already.
func (m *MemStore) RestoreDiscarded(d prep.DiscardedDraft) error {
	id := d.Draft.Prompt.ID
	k := discardKey{d.DiscardedAt.UnixNano(), id}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.drafts[id]; ok {
		return fmt.Errorf("restoring the discarded draft of %q: %w; finish or discard that one first. Nothing was changed", d.Draft.Prompt.Title, prep.ErrDraftExists)
	}
	x, ok := m.discarded[k]
	if !ok || !m.now().Before(x.expires) {
		return fmt.Errorf("restoring the discarded draft of %q: it is no longer kept (discarded drafts are kept a week). Nothing was changed", d.Draft.Prompt.Title)
	}
	m.drafts[id] = x.draft
	delete(m.discarded, k)
	return nil
}

// SaveAttempt stores a new attempt and removes its prompt's draft. An attempt whose ID is stored
// already is refused: attempts are never overwritten.
func (m *MemStore) SaveAttempt(a prep.Attempt) error {
	if a.ID == uuid.Nil {
		return errors.New("saving an attempt: it has no ID")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.attempts[a.ID]; ok {
		return fmt.Errorf("saving attempt %s: attempt %s already exists; attempts are never overwritten", a.ID, a.ID)
	}
	m.attempts[a.ID] = encode(a)
	delete(m.drafts, a.Prompt.ID)
	return nil
}

// newestFirst decodes every attempt, newest first: data's reverse key order (finish time, then ID).
func (m *MemStore) newestFirst() []prep.Attempt {
	out := make([]prep.Attempt, 0, len(m.attempts))
	for _, b := range m.attempts {
		out = append(out, decode[prep.Attempt](b))
	}
	slices.SortFunc(out, func(a, b prep.Attempt) int {
		return -cmp.Or(cmp.Compare(a.FinishedAt.UnixNano(), b.FinishedAt.UnixNano()), bytes.Compare(a.ID[:], b.ID[:]))
	})
	return out
}

// Attempts lists every attempt, newest first.
func (m *MemStore) Attempts() ([]prep.AttemptSummary, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []prep.AttemptSummary
	for _, a := range m.newestFirst() {
		out = append(out, a.Summary())
	}
	return out, nil
}

// HasAttempts reports whether any attempt is stored, as data's store does for the launch.
func (m *MemStore) HasAttempts() (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.attempts) > 0, nil
}

// SearchDocs returns every attempt's searchable text, newest first.
func (m *MemStore) SearchDocs() ([]prep.SearchDoc, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []prep.SearchDoc
	for _, a := range m.newestFirst() {
		out = append(out, a.SearchDoc())
	}
	return out, nil
}

// Attempt returns one attempt by ID, or an error wrapping prep.ErrNotFound.
func (m *MemStore) Attempt(id uuid.UUID) (prep.Attempt, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.attempts[id]
	if !ok {
		return prep.Attempt{}, fmt.Errorf("attempt %s: %w", id, prep.ErrNotFound)
	}
	return decode[prep.Attempt](b), nil
}

// ImportSet stores a valid set; a set whose ID is stored must have a higher version, or
// ImportSet returns an error wrapping prep.ErrSetNotNewer and changes nothing.
func (m *MemStore) ImportSet(set *prep.PracticeSet) error {
	if problems := set.Validate(); len(problems) > 0 {
		return fmt.Errorf("importing set %q: %s", set.ID, problems[0])
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if b, ok := m.sets[set.ID]; ok {
		if old := decode[prep.PracticeSet](b); set.Version <= old.Version {
			return fmt.Errorf("importing set %q: %w: %q version %d is stored; give the file a higher version to replace it",
				set.ID, prep.ErrSetNotNewer, set.ID, old.Version)
		}
	}
	m.sets[set.ID] = encode(set)
	return nil
}

// ImportedSets returns every imported set, ordered by ID.
func (m *MemStore) ImportedSets() ([]*prep.PracticeSet, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*prep.PracticeSet
	for _, id := range sortedKeys(m.sets) {
		s := decode[prep.PracticeSet](m.sets[id])
		out = append(out, &s)
	}
	return out, nil
}

// ImportLoopShape stores a checked loop file, replacing an older version of it.
func (m *MemStore) ImportLoopShape(s *prep.LoopShape) error {
	if problems := s.Validate(); len(problems) > 0 {
		return fmt.Errorf("importing loop file %q: %s", s.ID, problems[0])
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if b, ok := m.shapes[s.ID]; ok {
		if old := decode[prep.LoopShape](b); s.Version <= old.Version {
			return fmt.Errorf("importing loop file %q: %w: %q version %d is stored; give the file a higher version to replace it",
				s.ID, prep.ErrLoopShapeNotNewer, s.ID, old.Version)
		}
	}
	m.shapes[s.ID] = encode(s)
	return nil
}

// ImportedLoopShapes returns every imported loop file, ordered by ID.
func (m *MemStore) ImportedLoopShapes() ([]*prep.LoopShape, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*prep.LoopShape
	for _, id := range sortedKeys(m.shapes) {
		s := decode[prep.LoopShape](m.shapes[id])
		out = append(out, &s)
	}
	return out, nil
}

// SaveLoop stores a loop, replacing its previous state.
func (m *MemStore) SaveLoop(l prep.Loop) error {
	if l.ID == uuid.Nil {
		return errors.New("saving a loop: it has no ID")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.loops[l.ID] = encode(l)
	return nil
}

// Loop returns the loop with the given ID.
func (m *MemStore) Loop(id uuid.UUID) (prep.Loop, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.loops[id]
	if !ok {
		return prep.Loop{}, fmt.Errorf("loop %s: %w", id, prep.ErrNotFound)
	}
	return decode[prep.Loop](b), nil
}

// ActiveLoop returns the most recently started unfinished loop, or nil.
func (m *MemStore) ActiveLoop() (*prep.Loop, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var active *prep.Loop
	ids := make([]uuid.UUID, 0, len(m.loops))
	for id := range m.loops {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }) // data's key order
	for _, id := range ids {
		l := decode[prep.Loop](m.loops[id])
		if !l.Finished && (active == nil || l.StartedAt.After(active.StartedAt)) {
			active = &l
		}
	}
	return active, nil
}

// SaveReview stores a mentor's review of a stored attempt, replacing an earlier version of it. It
// is checked against that attempt.
func (m *MemStore) SaveReview(r prep.Review) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.attempts[r.AttemptID]
	if !ok {
		return fmt.Errorf("saving review %s: attempt %s: %w", r.ID, r.AttemptID, prep.ErrNotFound)
	}
	a := decode[prep.Attempt](b)
	if problems := r.Check(&a, "review"); len(problems) > 0 {
		return fmt.Errorf("saving review %s: %w", r.ID, &prep.BundleError{Problems: problems})
	}
	m.reviews[r.ID] = encode(r)
	return nil
}

// Reviews returns the reviews of one attempt, oldest first.
func (m *MemStore) Reviews(attemptID uuid.UUID) ([]prep.Review, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []prep.Review
	for _, r := range m.allReviews() {
		if r.AttemptID == attemptID {
			out = append(out, r)
		}
	}
	return out, nil
}

// AllReviews returns every review, oldest first.
func (m *MemStore) AllReviews() ([]prep.Review, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.allReviews(), nil
}

func (m *MemStore) allReviews() []prep.Review {
	var out []prep.Review
	for _, b := range m.reviews {
		out = append(out, decode[prep.Review](b))
	}
	slices.SortFunc(out, func(a, b prep.Review) int {
		return cmp.Or(a.ReviewedAt.Compare(b.ReviewedAt), bytes.Compare(a.ID[:], b.ID[:]))
	})
	return out
}

// DeleteReview removes one review, if it is there.
func (m *MemStore) DeleteReview(attemptID, reviewID uuid.UUID) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if b, ok := m.reviews[reviewID]; ok && decode[prep.Review](b).AttemptID == attemptID {
		delete(m.reviews, reviewID)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
