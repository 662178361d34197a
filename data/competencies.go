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
}

// MapCompetencies records, in every stored attempt whose prompt snapshot has criteria without a
// competency, the competency ix gives for that prompt and criterion, and rewrites its summary. It
// runs once per mapping (its fingerprint is kept under meta/competency-map): on the first open
// after competencies were introduced, and again only when a newer set maps criteria that were not
// mapped before. Criteria ix cannot map stay as they are and count under "Unmapped"; nothing is
// removed. An attempt that does not decode is left for `panelprep check`, as migrations do.
func (s *Store) MapCompetencies(ix prep.CompetencyIndex) (MappingReport, error) {
	var r MappingReport
	fp := []byte(ix.Fingerprint())
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(mappingKind.prefix)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error { r.Skipped = bytes.Equal(v, fp); return nil })
	})
	if err != nil || r.Skipped {
		return r, err
	}
	// The summaries say which attempts have an unmapped score, so only those are decoded.
	todo := map[string]bool{}
	rd := summaryReader{interned: map[string]string{}}
	err = s.db.View(func(txn *badger.Txn) error {
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
	if err != nil {
		return r, fmt.Errorf("mapping attempts to competencies: %w", err)
	}
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	// One pass over the attempts in key order: for a store where most need mapping (the first start
	// after the upgrade), reading them in sequence is far cheaper than a lookup for each. A summary
	// whose attempt is gone is simply not met here; Check sets it aside.
	err = s.db.View(func(txn *badger.Txn) error {
		if len(todo) == 0 {
			return nil
		}
		it := txn.NewIterator(badger.IteratorOptions{Prefix: attemptKind.prefix})
		defer it.Close()
		for it.Seek(attemptKind.prefix); it.ValidForPrefix(attemptKind.prefix); it.Next() {
			item := it.Item()
			if !todo[string(attemptKind.suffix(item.Key()))] {
				continue
			}
			k := item.KeyCopy(nil)
			a, err := decodeRecord(item, decodeAttempt)
			if err != nil {
				continue
			}
			changed, left := a.MapCompetencies(ix)
			if left > 0 {
				r.Unmapped++
			}
			if !changed {
				// The summary is written again all the same: one converted by the schema upgrade lacks
				// the competencies an attempt's own snapshot may carry.
				if err := wb.Set(summaryKey(k), derivedSummary.value(&a)); err != nil {
					return err
				}
				continue
			}
			r.Mapped++
			for _, kv := range attemptEntries(&a) {
				if err := wb.Set(kv[0], kv[1]); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err == nil {
		err = wb.Set(mappingKind.key(), fp)
	}
	if err == nil {
		err = wb.Flush()
	}
	if err != nil {
		// The batch may have been written in part: each attempt is either as it was or mapped, and
		// the fingerprint comes last, so the next open maps the rest.
		return r, fmt.Errorf("mapping attempts to competencies stopped part way (no answer or score was changed; it runs again at the next start): %w", err)
	}
	return r, nil
}

func hasUnmapped(a *prep.AttemptSummary) bool {
	for i := range a.Scores {
		if a.CompetencyOf(i) == prep.Unmapped {
			return true
		}
	}
	return false
}
