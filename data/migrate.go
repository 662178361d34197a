package data

import (
	"encoding/binary"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// migrations[v] upgrades a store from schema v to v+1. Each is idempotent, so a migration
// interrupted by a crash simply runs again on the next open.
var migrations = map[uint32]func(db *badger.DB) error{
	1: addSummaries,
	2: addSearchTexts,
	3: addSummaryCompetencies,
	4: addStoryKinds,
}

// migrate runs the migrations from schema from up to SchemaVersion, recording each step.
func migrate(db *badger.DB, from uint32) error {
	for v := from; v < SchemaVersion; v++ {
		m, ok := migrations[v]
		if !ok {
			return fmt.Errorf("no migration from schema %d", v)
		}
		if err := m(db); err != nil {
			return fmt.Errorf("upgrading the store from schema %d to %d: %w", v, v+1, err)
		}
		if err := db.Update(func(txn *badger.Txn) error {
			return txn.Set(schemaKind.prefix, binary.BigEndian.AppendUint32(nil, v+1))
		}); err != nil {
			return fmt.Errorf("recording schema %d: %w", v+1, err)
		}
	}
	return nil
}

// addSummaries (schema 1 to 2) writes a summary/ record for every attempt, so that lists and
// statistics no longer decode whole attempts.
func addSummaries(db *badger.DB) error { return deriveFromAttempts(db, derivedSummary) }

// addSearchTexts (schema 2 to 3) writes a text/ record for every attempt, so that opening Search no
// longer decodes whole attempts.
func addSearchTexts(db *badger.DB) error { return deriveFromAttempts(db, derivedSearchText) }

// addSummaryCompetencies (schema 3 to 4) rewrites every summary in format 2, each score's competency
// left empty: attempts made before competencies have none in their prompt snapshot. The summaries
// are converted as they are rather than derived again from their attempts, which would decode every
// answer (about 10 KB of JSON each: seconds for 10,000). MapCompetencies then maps the attempts
// through the library, which the store does not hold, and rewrites the summaries it maps.
func addSummaryCompetencies(db *badger.DB) error {
	wb := db.NewWriteBatch()
	defer wb.Cancel()
	r := summaryReader{interned: map[string]string{}}
	err := db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: summaryKind.prefix})
		defer it.Close()
		for it.Seek(summaryKind.prefix); it.ValidForPrefix(summaryKind.prefix); it.Next() {
			var converted []byte
			err := it.Item().Value(func(v []byte) error {
				if len(v) == 0 || v[0] != 1 {
					return nil // already format 2, or damaged: Check rebuilds it from its attempt
				}
				if a, err := r.decode(v); err == nil {
					converted = encodeSummary(a)
				}
				return nil
			})
			if err != nil {
				return err
			}
			if converted != nil {
				if err := wb.Set(it.Item().KeyCopy(nil), converted); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return wb.Flush()
}

// addStoryKinds (schema 4 to 5) records that the store may hold the story/ and story-comment/
// record kinds. It changes no record: a schema 4 store has none of them, or holds them already as
// this code wrote them (the kinds were added before the schema number was raised for them). Raising
// it means a PanelPrep that reads up to schema 4, which would count stories as unknown records
// and leave them out of its backups' checks and its exports, refuses the store instead.
func addStoryKinds(*badger.DB) error { return nil }

// deriveFromAttempts writes, for every attempt that decodes, its record of kind d. One that does not stays as it is, for `panelprep check` to report and set aside:
// refusing to open the store over it would lock the user out of everything else.
func deriveFromAttempts(db *badger.DB, d derivedKind) error {
	wb := db.NewWriteBatch()
	defer wb.Cancel()
	err := db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: attemptKind.prefix, PrefetchValues: true, PrefetchSize: 64})
		defer it.Close()
		for it.Seek(attemptKind.prefix); it.ValidForPrefix(attemptKind.prefix); it.Next() {
			a, err := decodeRecord(it.Item(), decodeAttempt)
			if err != nil {
				continue // a damaged attempt gets no derived record; `panelprep check` reports it
			}
			if err := wb.Set(d.key(it.Item().Key()), d.value(&a)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return wb.Flush()
}
