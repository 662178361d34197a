package prep

import (
	"errors"
	"sync"
	"testing"
)

// memDrafts records what the saver writes and can be told to fail, as a full disk would.
type memDrafts struct {
	mu     sync.Mutex
	last   Draft
	writes int
	fail   error
}

func (m *memDrafts) save(d Draft) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	m.last, m.writes = d, m.writes+1
	return nil
}

func (m *memDrafts) setFail(err error) {
	m.mu.Lock()
	m.fail = err
	m.mu.Unlock()
}

func TestDraftSaverWritesLatest(t *testing.T) {
	m := &memDrafts{}
	s := NewDraftSaver(m.save, nil)
	defer s.Close()
	for _, text := range []string{"F", "Fi", "Fir", "First"} {
		s.Update(Draft{Answer: text})
	}
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if m.last.Answer != "First" {
		t.Errorf("stored %q, want the latest update", m.last.Answer)
	}
	if s.Pending() {
		t.Error("nothing should be pending after Flush")
	}
}

func TestDraftSaverKeepsDraftWhenWritesFail(t *testing.T) {
	m := &memDrafts{}
	var mu sync.Mutex
	var errs []error
	s := NewDraftSaver(m.save, func(_ uint64, err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	})
	defer s.Close()
	diskFull := errors.New("no space left on device")
	m.setFail(diskFull)
	s.Update(Draft{Answer: "typed while the disk was full"})
	if err := s.Flush(); !errors.Is(err, diskFull) {
		t.Fatalf("Flush: got %v, want the disk error", err)
	}
	if !s.Pending() {
		t.Fatal("a failed write must keep the draft pending")
	}
	m.setFail(nil) // space returns; the retry saves it without another keystroke
	if err := waitSaved(s); err != nil {
		t.Fatal(err)
	}
	if m.last.Answer != "typed while the disk was full" {
		t.Errorf("stored %q after retry", m.last.Answer)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(errs) < 2 || !errors.Is(errs[0], diskFull) || errs[len(errs)-1] != nil {
		t.Errorf("onResult saw %v; want the failure then a success", errs)
	}
}

// waitSaved flushes until the saver's retry has succeeded.
func waitSaved(s *DraftSaver) error {
	for s.Pending() {
		_ = s.Flush()
	}
	return s.Flush()
}

func TestDraftSaverCloseWritesPending(t *testing.T) {
	m := &memDrafts{}
	s := NewDraftSaver(m.save, nil)
	s.Update(Draft{Answer: "last words"})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if m.last.Answer != "last words" {
		t.Errorf("stored %q, want the update made before Close", m.last.Answer)
	}
	if seq := s.Update(Draft{Answer: "after close"}); seq != 0 {
		t.Errorf("Update after Close returned %d, want 0", seq)
	}
}
