package data

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
)

// Several goroutines read through one Live handle, as the window's screens do, while the handle
// restores a backup, sets a passphrase, restores again and removes the passphrase. Under -race
// this is the check that the swap is guarded: the window once swapped its store field on the UI
// thread while goroutines read it. Every read must succeed, and see the data either as it was or
// as restored, never a closed store.
func TestLiveSwapsTheStoreUnderReaders(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	l := NewLive(dir, s, nil)
	defer func() {
		if err := l.Close(); err != nil {
			t.Error(err)
		}
	}()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	kept := testAttempt("p1", now.Add(-2*time.Hour), "in the backup")
	if err := l.SaveAttempt(kept); err != nil {
		t.Fatal(err)
	}
	backup, err := l.BackupNow(now)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.SaveAttempt(testAttempt("p2", now.Add(-time.Hour), "after the backup")); err != nil {
		t.Fatal(err)
	}

	const readers = 4
	var (
		stop    = make(chan struct{})
		started sync.WaitGroup
		done    sync.WaitGroup
		reads   atomic.Int64
		errs    = make(chan error, readers)
	)
	started.Add(readers)
	for r := range readers {
		done.Add(1)
		go func() {
			defer done.Done()
			first := true
			for {
				if err := readThrough(l, kept); err != nil {
					errs <- fmt.Errorf("reader %d, after %d reads in all: %w", r, reads.Load(), err)
					if first {
						started.Done()
					}
					return
				}
				reads.Add(1)
				if first {
					started.Done()
					first = false
				}
				select {
				case <-stop:
					return
				default:
				}
			}
		}()
	}
	started.Wait() // every reader is reading before the first swap
	before := reads.Load()
	swaps := []struct {
		what string
		do   func() error
	}{
		{"restore", func() error { return l.Restore(backup, "", now.Add(time.Minute)) }},
		{"set a passphrase", func() error { return l.SetPassphrase("four words for the test", now.Add(2*time.Minute)) }},
		{"restore into encrypted data", func() error { return l.Restore(backup, "", now.Add(3*time.Minute)) }},
		{"remove the passphrase", func() error { return l.SetPassphrase("", now.Add(4*time.Minute)) }},
	}
	for _, sw := range swaps {
		if err := sw.do(); err != nil {
			t.Fatalf("%s: %v", sw.what, err)
		}
	}
	close(stop)
	done.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if reads.Load() == before {
		t.Error("no read ran while the store was swapped: the test interleaved nothing")
	}
	list, err := l.Attempts()
	if err != nil || len(list) != 1 || list[0].ID != kept.ID {
		t.Fatalf("after the swaps: %d attempts (%v), want the backup's one", len(list), err)
	}
	if l.Encrypted() {
		t.Error("the passphrase was removed, but the live store says it is encrypted")
	}
}

// readThrough reads through l what the screens read: the history, one attempt, drafts, loops, sets and
// reviews. The attempt kept in the backup is there before and after every swap.
func readThrough(l *Live, kept prep.Attempt) error {
	list, err := l.Attempts()
	if err != nil {
		return fmt.Errorf("Attempts: %w", err)
	}
	if len(list) == 0 {
		return fmt.Errorf("Attempts: none, want at least the backup's")
	}
	if a, err := l.Attempt(kept.ID); err != nil || a.Answer != kept.Answer {
		return fmt.Errorf("Attempt: %q, %v", a.Answer, err)
	}
	if _, err := l.Drafts(); err != nil {
		return fmt.Errorf("Drafts: %w", err)
	}
	if _, err := l.ActiveLoop(); err != nil {
		return fmt.Errorf("ActiveLoop: %w", err)
	}
	if _, err := l.ImportedSets(); err != nil {
		return fmt.Errorf("ImportedSets: %w", err)
	}
	if _, err := l.AllReviews(); err != nil {
		return fmt.Errorf("AllReviews: %w", err)
	}
	if _, err := l.Reviews(kept.ID); err != nil {
		return fmt.Errorf("Reviews: %w", err)
	}
	if _, err := l.SearchDocs(); err != nil {
		return fmt.Errorf("SearchDocs: %w", err)
	}
	return nil
}

// After Close, and after a store that could not be reopened, the handle says the data is closed
// rather than reaching a closed Badger.
func TestLiveClosedSaysSo(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	l := NewLive(dir, s, nil)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Attempts(); err != ErrClosed {
		t.Errorf("Attempts after Close: %v, want ErrClosed", err)
	}
	if err := l.Restore("no-such.backup", "", time.Now()); err != ErrClosed {
		t.Errorf("Restore after Close: %v, want ErrClosed", err)
	}
	if err := l.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
}
