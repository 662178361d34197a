package data

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

// seedStore writes n seeded attempts straight into the store in one write batch (seeding speed, not
// the per-attempt fsync the app uses), and returns the library they answer.
func seedStore(tb testing.TB, s *Store, n int) (prep.Library, []prep.Attempt) {
	tb.Helper()
	bundled, err := prep.LoadSets(assets.Sets, "sets")
	if err != nil {
		tb.Fatal(err)
	}
	lib := prep.Library{Bundled: bundled}
	attempts := preptest.Attempts(lib, n, time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC), 600*24*time.Hour, 1)
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	for i := range attempts {
		for _, kv := range attemptEntries(&attempts[i]) {
			if err := wb.Set(kv[0], kv[1]); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := wb.Flush(); err != nil {
		tb.Fatal(err)
	}
	return lib, attempts
}

// reopenSettled closes s and opens it again, as the app would on its next start, and waits until
// Badger has no compaction left to do: one write batch of 10,000 attempts sets off compactions that
// months of use would have finished long ago, and they would otherwise run during the measurement.
func reopenSettled(tb testing.TB, s *Store) *Store {
	tb.Helper()
	if err := s.Close(); err != nil {
		tb.Fatal(err)
	}
	s, err := Open(s.dir)
	if err != nil {
		tb.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		settled := true
		for _, l := range s.db.Levels() {
			settled = settled && l.Score < 1
		}
		if settled {
			return s
		}
		if time.Now().After(deadline) {
			tb.Fatalf("compactions still running a minute after reopening: %+v", s.db.Levels())
		}
	}
}

// settledStore10k is a store in a temp folder holding 10,000 seeded attempts, reopened and settled
// (reopenSettled), with the library and the attempts it was seeded from. It closes with the test.
func settledStore10k(b *testing.B) (*Store, prep.Library, []prep.Attempt) {
	b.Helper()
	s, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	lib, attempts := seedStore(b, s, 10000)
	s = reopenSettled(b, s)
	b.Cleanup(func() { s.Close() })
	return s, lib, attempts
}

// rawScan is the floor under every listing: Badger itself walking the records under prefix
// newest first, as the store's scans do, each value read in place and nothing decoded. It
// checks that it saw want records.
func rawScan(s *Store, prefix []byte, want int) func() error {
	return func() error {
		n := 0
		err := s.db.View(func(txn *badger.Txn) error {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: true})
			defer it.Close()
			for it.Seek(append(bytes.Clone(prefix), 0xff)); it.ValidForPrefix(prefix); it.Next() {
				if err := it.Item().Value(func([]byte) error { return nil }); err != nil {
					return err
				}
				n++
			}
			return nil
		})
		if err == nil && n != want {
			err = fmt.Errorf("the raw scan saw %d records, want %d", n, want)
		}
		return err
	}
}

// BenchmarkAttemptsList10k is listing 10,000 attempts' summaries (the history list), beside the
// raw Badger scan of the same summary records (scan-ms, x-scan).
func BenchmarkAttemptsList10k(b *testing.B) {
	s, _, _ := settledStore10k(b)
	scan := floor{name: "scan"}
	for b.Loop() {
		list, err := s.Attempts()
		if err != nil || len(list) != 10000 {
			b.Fatal(len(list), err)
		}
		scan.measure(b, rawScan(s, summaryKind.prefix, 10000))
	}
	scan.report(b)
}

// BenchmarkStatsFromStore10k is what opening the progress screen costs with 10,000 attempts: list
// the summaries from Badger and compute the statistics and the Today list. Goal: under 50 ms for the
// statistics (BenchmarkStats10k in prep measures the computation alone). Beside it, the raw Badger
// scan of the same summary records (scan-ms, x-scan).
func BenchmarkStatsFromStore10k(b *testing.B) {
	s, lib, attempts := settledStore10k(b)
	now := attempts[len(attempts)-1].FinishedAt.Add(24 * time.Hour)
	scan := floor{name: "scan"}
	for b.Loop() {
		history, err := s.Attempts()
		if err != nil {
			b.Fatal(err)
		}
		st := prep.ComputeStats(history, lib, now, time.UTC)
		if st.Attempts != 10000 || len(prep.DueForPractice(history, nil, now, 8)) == 0 {
			b.Fatal(st.Attempts)
		}
		scan.measure(b, rawScan(s, summaryKind.prefix, 10000))
	}
	scan.report(b)
}

// BenchmarkSearchFromStore10k is what opening the Search screen costs with 10,000 attempts: read
// every attempt's searchable text from Badger and index it, then answer one query. The query alone
// is BenchmarkSearch10k in prep (goal: under 50 ms). Beside it, the raw Badger scan of the same
// search-text records (scan-ms, x-scan).
func BenchmarkSearchFromStore10k(b *testing.B) {
	s, _, _ := settledStore10k(b)
	scan := floor{name: "scan"}
	for b.Loop() {
		docs, err := s.SearchDocs()
		if err != nil || len(docs) != 10000 {
			b.Fatal(len(docs), err)
		}
		if hits := prep.NewSearchIndex(docs).Search("release train", 50); len(hits) != 50 {
			b.Fatal(len(hits))
		}
		scan.measure(b, rawScan(s, searchTextKind.prefix, 10000))
	}
	scan.report(b)
}
