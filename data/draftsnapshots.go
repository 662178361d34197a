package data

import (
	"encoding/json"
	"sync"
	"unsafe"

	"github.com/panelprep/panelprep/prep"
)

// A draft late in a round carries the diagram as it stood at the end of each phase (up to one per
// phase, issue 16). They change only when a phase ends, but the draft is saved continuously while
// the user types: encoding them again on every save made a draft with three 60-component snapshots
// cost about 1.7x the text alone against the 1.5x goal, the encoding being most of the difference.
// SaveDraft therefore keeps each draft's encoded snapshots in memory and, while the snapshots are
// the same ones, puts those bytes into the record instead of encoding them again. The record on
// disk is the same as encodeDraft's (the field only comes last), so old and new drafts read alike,
// the snapshots stay in the one record a save writes atomically, and nothing changes for a SIGKILL.
//
// "The same ones" is decided without reading them: a snapshot's diagram is never edited once taken
// (prep.Draft.SnapshotDiagram takes a clone; Draft.Clone shares them for that reason), so the same
// phase, time and backing arrays mean the same content. The cache keeps the snapshots it encoded,
// so their arrays cannot be freed and reused by another diagram while they are compared. A draft
// read back from the store has new arrays: its first save encodes once more.

// snapshotCache holds, per prompt ID, the snapshots last encoded and their JSON.
type snapshotCache struct {
	mu sync.Mutex
	m  map[string]encodedSnapshots
}

type encodedSnapshots struct {
	snaps []prep.DiagramSnapshot
	json  []byte
}

// maxCachedDrafts bounds the cache: a user works on one draft at a time, a few more are a mock loop.
const maxCachedDrafts = 8

// sameSnapshots says whether b holds the very snapshots a holds (see above): not a comparison of
// content, which would cost about what encoding does.
func sameSnapshots(a, b []prep.DiagramSnapshot) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := &a[i], &b[i]
		if x.Phase != y.Phase || x.At != y.At || x.Diagram.Version != y.Diagram.Version ||
			!sameArray(x.Diagram.Components, y.Diagram.Components) ||
			!sameArray(x.Diagram.Arrows, y.Diagram.Arrows) || !sameArray(x.Diagram.Teams, y.Diagram.Teams) {
			return false
		}
	}
	return true
}

func sameArray[T any](a, b []T) bool {
	return len(a) == len(b) && unsafe.SliceData(a) == unsafe.SliceData(b)
}

// encoded returns the JSON of the draft's snapshots, from the cache when they are the ones encoded
// last for its prompt.
func (c *snapshotCache) encoded(d *prep.Draft) ([]byte, error) {
	id := d.Prompt.ID
	c.mu.Lock()
	e, ok := c.m[id]
	c.mu.Unlock()
	if ok && sameSnapshots(e.snaps, d.DiagramSnapshots) {
		return e.json, nil
	}
	b, err := json.Marshal(convert(d.DiagramSnapshots, diagramSnapshotRecordOf))
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCachedDrafts {
		c.m = make(map[string]encodedSnapshots)
	}
	// A copy of the slice header's array: the caller may append to its own slice later.
	c.m[id] = encodedSnapshots{snaps: append([]prep.DiagramSnapshot(nil), d.DiagramSnapshots...), json: b}
	c.mu.Unlock()
	return b, nil
}

// forget drops a prompt's entry once its draft is gone (finished, discarded or deleted).
func (c *snapshotCache) forget(promptID string) {
	c.mu.Lock()
	delete(c.m, promptID)
	c.mu.Unlock()
}

// encodeDraftCached is encodeDraft with the snapshots' JSON taken from c. The bytes decode to the
// same draft as encodeDraft's; the snapshots come last instead of before the estimate sheet.
func encodeDraftCached(d *prep.Draft, c *snapshotCache) ([]byte, error) {
	if len(d.DiagramSnapshots) == 0 {
		return encodeDraft(d)
	}
	snaps, err := c.encoded(d)
	if err != nil {
		return nil, err
	}
	r := draftRecordOf(d)
	r.DiagramSnapshots = nil // omitted (omitempty), then added below from the cache
	v, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	const field = `,"diagram_snapshots":`
	out := make([]byte, 0, len(v)+len(field)+len(snaps))
	out = append(out, v[:len(v)-1]...) // v is a JSON object with fields: it ends in '}'
	out = append(out, field...)
	out = append(out, snaps...)
	return append(out, '}'), nil
}
