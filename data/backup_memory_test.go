package data

import (
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestBackupStreamsInBoundedMemory: a backup allocates about as much as the records it reads
// (Badger's table blocks, as they are read), plus a couple of megabytes of its own. Badger's own db.Backup (which Backup used) allocated 32 MB per
// stream goroutine before reading anything, queued up to 32 such buffers and merged them into
// batches of up to 100 MB: the daily backup of 10,000 attempts took the app from 200 to 730 MB
// resident (BenchmarkDailyBackupMemory).
func TestBackupStreamsInBoundedMemory(t *testing.T) {
	withStore(t, func(s *Store) {
		answer := strings.Repeat("We split the platform team along the payment flows. ", 400) // 20 KB
		start := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
		for i := range 500 { // 10 MB of answers, twice over with their search text
			if err := s.SaveAttempt(testAttempt("p", start.Add(time.Duration(i)*time.Hour), answer)); err != nil {
				t.Fatal(err)
			}
		}
		// Settle Badger's own compactions first: they run in this process and would be counted.
		if err := s.db.Flatten(2); err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if err := s.Backup(io.Discard); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		allocated := after.TotalAlloc - before.TotalAlloc
		t.Logf("the backup allocated %.1f MB", float64(allocated)/(1<<20))
		if allocated > 32<<20 {
			t.Errorf("the backup allocated %.1f MB for 20 MB of records; want at most 32 MB", float64(allocated)/(1<<20))
		}
	})
}
