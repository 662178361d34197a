package data

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/panelprep/panelprep/prep"
)

// MappingReport says what MapCompetencies did.
type MappingReport struct {
	Skipped  bool // the attempts were already mapped through this same mapping
	Scanned  int  // summaries read
	Mapped   int  // attempts whose criteria gained a competency
	Unmapped int  // attempts left with a criterion that has none: they count under "Unmapped"
	Stopped  bool // asked to stop before the end: what was mapped is kept, the rest is mapped next time
}

// MappingOptions let a caller follow the mapping and stop it. The zero value runs it to the end
// silently.
type MappingOptions struct {
	// Progress, if set, is called with how many of the attempts to map are done: once with 0
	// before the first, then after each chunk is written. It runs on the mapping's goroutine.
	Progress func(done, total int)
	// Stop, once closed, ends the mapping after the chunk being written (a quit).
	Stop <-chan struct{}
}

// mappingChunkBytes is how much one mapping transaction writes. Each chunk is written whole or not
// at all, so a mapping killed midway keeps every chunk before and the next start maps only what is
// left (the summaries say which). Badger refuses a transaction above 15% of its memtable (1.2 MB
// with this store's 8 MB); a third of a megabyte is about 30 attempts and keeps each commit's sync short.
const mappingChunkBytes = 320 << 10

// MapCompetencies records, in every stored attempt whose prompt snapshot has criteria without a
// competency, the competency ix gives for that prompt and criterion, and rewrites its summary. It
// runs once per mapping (its fingerprint is kept under meta/competency-map): on the first open
// after competencies were introduced, and again only when a newer set maps criteria that were not
// mapped before. Criteria ix cannot map stay as they are and count under "Unmapped"; nothing is
// removed. An attempt that does not decode is left for `panelprep check`, as migrations do.
func (s *Store) MapCompetencies(ix prep.CompetencyIndex) (MappingReport, error) {
	return s.MapCompetenciesWith(ix, MappingOptions{})
}

// MapCompetenciesWith is MapCompetencies, reporting progress and stopping when opt asks.
func (s *Store) MapCompetenciesWith(ix prep.CompetencyIndex, opt MappingOptions) (MappingReport, error) {
	var r MappingReport
	fp := []byte(ix.Fingerprint())
	var err error
	if r.Skipped, err = s.mappedWith(fp); err != nil || r.Skipped {
		return r, err
	}
	todo, err := s.unmappedAttempts(&r)
	if err != nil {
		return r, fmt.Errorf("mapping attempts to competencies: %w", err)
	}
	w := mappingWriter{db: s.db, total: len(todo), progress: opt.Progress}
	w.report(0)
	err = s.mapAttempts(ix, todo, &w, opt.Stop, &r)
	if err == nil {
		err = w.flush()
	}
	if err == nil && !r.Stopped {
		// Last, so that a mapping stopped or killed before here runs again, over what is left.
		err = s.db.Update(func(txn *badger.Txn) error { return txn.Set(mappingKind.key(), fp) })
	}
	if err != nil {
		// Each chunk was written whole or not at all, and the fingerprint comes last, so the next
		// open maps the rest.
		return r, fmt.Errorf("mapping attempts to competencies stopped part way (no answer or score was changed; it runs again at the next start): %w", err)
	}
	return r, nil
}

// mappedWith says whether the attempts were mapped through the mapping whose fingerprint is fp.
func (s *Store) mappedWith(fp []byte) (bool, error) {
	var same bool
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(mappingKind.prefix)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error { same = bytes.Equal(v, fp); return nil })
	})
	return same, err
}

// unmappedAttempts are the keys (after the prefix) of the attempts whose summary has a score with
// no competency: the summaries say which, so only those attempts are decoded. It counts the
// summaries it reads in r.Scanned.
func (s *Store) unmappedAttempts(r *MappingReport) (map[string]bool, error) {
	todo := map[string]bool{}
	rd := summaryReader{interned: map[string]string{}}
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: summaryKind.prefix})
		defer it.Close()
		for it.Seek(summaryKind.prefix); it.ValidForPrefix(summaryKind.prefix); it.Next() {
			r.Scanned++
			err := it.Item().Value(func(v []byte) error {
				a, err := rd.decode(v)
				if err == nil && hasUnmapped(&a) {
					todo[string(summaryKind.suffix(it.Item().Key()))] = true
				}
				return nil // a damaged summary is Check's to rebuild
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return todo, err
}

// mapAttempts maps the attempts in todo in one pass over the attempts in key order: for a store
// where most need mapping (the first start after the upgrade), reading them in sequence is far
// cheaper than a lookup for each. A summary whose attempt is gone is simply not met here; Check
// sets it aside. It stops, with r.Stopped, once stop is closed.
func (s *Store) mapAttempts(ix prep.CompetencyIndex, todo map[string]bool, w *mappingWriter, stop <-chan struct{}, r *MappingReport) error {
	if len(todo) == 0 {
		return nil
	}
	return s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: attemptKind.prefix})
		defer it.Close()
		for it.Seek(attemptKind.prefix); it.ValidForPrefix(attemptKind.prefix); it.Next() {
			if stopped(stop) {
				r.Stopped = true
				return nil
			}
			item := it.Item()
			if !todo[string(attemptKind.suffix(item.Key()))] {
				continue
			}
			if err := mapAttempt(item, ix, w, r); err != nil {
				return err
			}
		}
		return nil
	})
}

// mapAttempt maps one stored attempt and hands what it writes to w: the attempt's records when its
// criteria gained a competency, its summary alone otherwise. One that does not decode is left for
// Check.
func mapAttempt(item *badger.Item, ix prep.CompetencyIndex, w *mappingWriter, r *MappingReport) error {
	k := item.KeyCopy(nil)
	a, err := decodeRecord(item, decodeAttempt)
	if err != nil {
		return nil
	}
	changed, left := a.MapCompetencies(ix)
	if left > 0 {
		r.Unmapped++
	}
	if !changed {
		// The summary is written again all the same: one converted by the schema upgrade lacks
		// the competencies an attempt's own snapshot may carry.
		return w.add([2][]byte{summaryKey(k), derivedSummary.value(&a)})
	}
	r.Mapped++
	return w.add(attemptEntries(&a)...)
}

// mappingWriter writes the mapping in chunks of whole attempts, each one transaction: an attempt's
// records are never split, so one is always either as it was or mapped with its summary.
type mappingWriter struct {
	db       *badger.DB
	chunk    [][2][]byte
	bytes    int // in chunk
	attempts int // in chunk
	done     int // attempts written
	total    int // attempts to map
	progress func(done, total int)
}

// add puts one attempt's entries in the chunk, writing the chunk once it reaches mappingChunkBytes.
func (w *mappingWriter) add(entries ...[2][]byte) error {
	for _, kv := range entries {
		w.bytes += len(kv[0]) + len(kv[1])
	}
	w.chunk = append(w.chunk, entries...)
	w.attempts++
	if w.bytes >= mappingChunkBytes {
		return w.flush()
	}
	return nil
}

// flush writes the chunk in one transaction and reports the progress.
func (w *mappingWriter) flush() error {
	if len(w.chunk) == 0 {
		return nil
	}
	err := w.db.Update(func(txn *badger.Txn) error {
		for _, kv := range w.chunk {
			if err := txn.Set(kv[0], kv[1]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	w.done += w.attempts
	w.chunk, w.bytes, w.attempts = w.chunk[:0], 0, 0
	w.report(w.done)
	return nil
}

func (w *mappingWriter) report(done int) {
	if w.progress != nil {
		w.progress(done, w.total)
	}
}

// stopped reports whether stop is closed (never, for nil).
func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

func hasUnmapped(a *prep.AttemptSummary) bool {
	for i := range a.Scores {
		if a.CompetencyOf(i) == prep.Unmapped {
			return true
		}
	}
	return false
}
