package data

import (
	"encoding/json"
	"testing"
	"time"

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

func BenchmarkAttemptsList10k(b *testing.B) {
	dir := b.TempDir()
	s, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	seedStore(b, s, 10000)
	// Reopen, as the app would on its next start, so seeding's compactions are not measured.
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	if s, err = Open(dir); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		list, err := s.Attempts()
		if err != nil || len(list) != 10000 {
			b.Fatal(len(list), err)
		}
	}
}

var _ = json.Marshal
