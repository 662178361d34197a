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

// Update and Close may be called from different goroutines (a screen typing while the app shuts
// down, say): Update must never send on the channel Close closes. Before, Update checked "closed"
// under the lock and sent after releasing it, so a Close in between panicked with "send on closed
// channel" (and -race reported the send and the close as unordered).
func TestDraftSaverUpdateAndCloseFromDifferentGoroutines(t *testing.T) {
	for range 200 {
		m := &memDrafts{}
		s := NewDraftSaver(m.save, nil)
		start := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			<-start
			for i := range 50 {
				s.Update(Draft{Answer: string(rune('a' + i%26))})
			}
		}()
		go func() {
			defer wg.Done()
			<-start
			_ = s.Close()
		}()
		close(start)
		wg.Wait()
		if s.Update(Draft{Answer: "late"}) != 0 {
			t.Fatal("Update after Close queued a write")
		}
	}
}

// The saver writes a copy of what it was given: the screen goes on editing its draft in place (a
// section's text, a team row, a reply) while the write is under way, and what is written is the
// draft as it was at Update.
func TestDraftSaverWritesTheDraftAsItWasAtUpdate(t *testing.T) {
	m := &memDrafts{}
	block := make(chan struct{})
	started := make(chan struct{}, 1)
	s := NewDraftSaver(func(d Draft) error {
		select {
		case started <- struct{}{}:
		default:
		}
		<-block
		return m.save(d)
	}, nil)
	defer s.Close()
	d := Draft{
		Sections:  []Section{{Title: "Context", Text: "as saved"}},
		Teams:     []Team{{Name: "Payments", Engineers: 6}},
		FollowUps: []FollowUpAnswer{{Index: 0, Answer: "as saved"}},
		Scores:    []Score{{Criterion: "Scope", Value: 3}},
	}
	s.Update(d)
	<-started // the write has the draft in hand
	d.Sections[0].Text = "edited after"
	d.Teams[0].Engineers = 9
	d.FollowUps[0].Answer = "edited after"
	d.Scores[0].Value = 1
	close(block)
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	got := m.last
	if got.Sections[0].Text != "as saved" || got.Teams[0].Engineers != 6 || got.FollowUps[0].Answer != "as saved" || got.Scores[0].Value != 3 {
		t.Errorf("the write saw edits made after Update: %+v", got)
	}
}
