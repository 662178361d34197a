package data

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
)

// floor is what a benchmark's figure stands on (a raw fsync under a save, a raw Badger scan under
// a listing), measured in the same run, in the same loop, so that the ratio holds across machines
// where the figures themselves do not: on a second machine of this kind the figures ran 2 to 2.8
// times slower, the ratios alike. Each measure runs with the benchmark's timer stopped.
type floor struct {
	name string
	d    time.Duration
	n    int
}

func (f *floor) measure(b *testing.B, fn func() error) {
	b.StopTimer()
	start := time.Now()
	err := fn()
	f.d += time.Since(start)
	f.n++
	b.StartTimer()
	if err != nil {
		b.Fatal(err)
	}
}

// report adds the floor per operation (<name>-ms) and the benchmark's time over it (x-<name>).
func (f *floor) report(b *testing.B) {
	if f.n == 0 || f.d <= 0 || b.N == 0 {
		return
	}
	per := float64(f.d) / float64(f.n)
	b.ReportMetric(per/1e6, f.name+"-ms")
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/per, "x-"+f.name)
}

// rawWriteFsync appends b to a file of its own in dir and syncs it: the floor under a save.
func rawWriteFsync(tb testing.TB, dir string) func(p []byte) error {
	f, err := os.OpenFile(filepath.Join(dir, "raw-floor"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return func(p []byte) error {
		if _, err := f.Write(p); err != nil {
			return err
		}
		return f.Sync()
	}
}

// BenchmarkAutosave compares one autosave of a 2 KB answer with the floor under it, a raw write
// plus fsync of the same bytes in the same directory: as a row of its own (raw-write-fsync), and
// within each save's own loop (x-fsync, a write+fsync of the encoded draft beside each save).
// Goal: autosave within 1.5 times the floor.
func BenchmarkAutosave(b *testing.B) {
	answer := strings.Repeat("Diagnose first: spans of 23 and 17 are far past 5 to 9. ", 40)[:2048]
	draft := prep.Draft{Prompt: testPrompt("bench"), Answer: answer}
	encoded, err := json.Marshal(draft)
	if err != nil {
		b.Fatal(err)
	}

	b.Run("raw-write-fsync", func(b *testing.B) {
		dir := b.TempDir()
		f, err := os.OpenFile(filepath.Join(dir, "raw"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		bytes := []byte(answer)
		b.SetBytes(int64(len(bytes)))
		for b.Loop() {
			if _, err := f.Write(bytes); err != nil {
				b.Fatal(err)
			}
			if err := f.Sync(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("store-SaveDraft", func(b *testing.B) {
		dir := b.TempDir()
		s, err := Open(filepath.Join(dir, "store"))
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		raw, fsync := rawWriteFsync(b, dir), floor{name: "fsync"}
		b.SetBytes(int64(len(answer)))
		for b.Loop() {
			if err := s.SaveDraft(draft); err != nil {
				b.Fatal(err)
			}
			fsync.measure(b, func() error { return raw(encoded) })
		}
		fsync.report(b)
	})
	b.Run("saver-Update-Flush", func(b *testing.B) {
		dir := b.TempDir()
		s, err := Open(filepath.Join(dir, "store"))
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		saver := prep.NewDraftSaver(s.SaveDraft, nil)
		defer saver.Close()
		raw, fsync := rawWriteFsync(b, dir), floor{name: "fsync"}
		b.SetBytes(int64(len(answer)))
		for b.Loop() {
			saver.Update(draft)
			if err := saver.Flush(); err != nil {
				b.Fatal(err)
			}
			fsync.measure(b, func() error { return raw(encoded) })
		}
		fsync.report(b)
	})
}
