package prep

import (
	"sync"
	"time"
)

// Saver writes the latest version of a record (a draft, a story) to the store in the background, so
// typing never waits for the disk. Updates that arrive while a write is in flight are coalesced:
// only the newest is written next. A failed write (a full disk, say) keeps the record in memory and
// is retried until it succeeds or a newer version replaces it. One saver writes one record: two
// records through one saver would coalesce into the newer one's write.
type Saver[T any] struct {
	save     func(T) error
	clone    func(T) T                   // the saver's own copy of an update (see Update)
	onResult func(seq uint64, err error) // called from the saver's goroutine after every write

	mu      sync.Mutex
	cond    *sync.Cond
	pending *T
	seq     uint64 // sequence number of the newest update
	saved   uint64 // sequence number of the newest durable write
	lastErr error
	errSeq  uint64 // sequence number whose write failed with lastErr
	closed  bool

	kick chan struct{}
	done chan struct{}
}

// RetryDelay is how long the saver waits before retrying a failed write.
const RetryDelay = time.Second

// DraftSaver is the saver of a round's draft.
type DraftSaver = Saver[Draft]

// StorySaver is the saver of a story being written (one saver per story).
type StorySaver = Saver[Story]

// NewDraftSaver starts a saver writing through save. onResult, if not nil, hears about every write;
// it runs on the saver's goroutine, so a UI must hand it to its own thread.
func NewDraftSaver(save func(Draft) error, onResult func(seq uint64, err error)) *DraftSaver {
	return NewSaver(save, Draft.Clone, onResult)
}

// NewStorySaver starts a saver writing one story through save.
func NewStorySaver(save func(Story) error) *StorySaver { return NewSaver(save, Story.Clone, nil) }

// NewSaver starts a saver writing through save, keeping a clone of each update.
func NewSaver[T any](save func(T) error, clone func(T) T, onResult func(seq uint64, err error)) *Saver[T] {
	s := &Saver[T]{save: save, clone: clone, onResult: onResult, kick: make(chan struct{}, 1), done: make(chan struct{})}
	s.cond = sync.NewCond(&s.mu)
	go s.run()
	return s
}

// Update queues a copy of d to be written and returns its sequence number. It never blocks on the
// disk. The copy is the saver's own (Draft.Clone, Story.Clone), so the caller may go on editing d,
// slices included, in place while the write is under way. After Close it does nothing and returns
// 0. Update, Close and the other methods may be called from any goroutine.
func (s *Saver[T]) Update(d T) uint64 {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return 0
	}
	s.seq++
	seq := s.seq
	d = s.clone(d)
	s.pending = &d
	// The kick is sent under the lock, and Close closes kick under the same lock after setting
	// closed: an Update on another goroutine than Close's can never send on the closed channel. The
	// send does not block (kick holds one and a kick already waiting says the same thing).
	select {
	case s.kick <- struct{}{}:
	default:
	}
	s.mu.Unlock()
	return seq
}

func (s *Saver[T]) run() {
	defer close(s.done)
	var retry <-chan time.Time
	for {
		select {
		case _, ok := <-s.kick:
			if !ok {
				s.writePending() // a last attempt on close
				return
			}
		case <-retry:
		}
		retry = nil
		if err := s.writePending(); err != nil {
			retry = time.After(RetryDelay)
		}
	}
}

func (s *Saver[T]) writePending() error {
	s.mu.Lock()
	d, seq := s.pending, s.seq
	s.mu.Unlock()
	if d == nil {
		return nil
	}
	err := s.save(*d)
	// Report before waking Flush, so that whoever waited in Flush also sees what onResult did.
	if s.onResult != nil {
		s.onResult(seq, err)
	}
	s.mu.Lock()
	if err == nil {
		s.saved = seq
		if s.seq == seq {
			s.pending = nil
		}
	}
	s.lastErr, s.errSeq = err, seq
	s.cond.Broadcast()
	s.mu.Unlock()
	return err
}

// Flush waits until everything updated so far is durable, or returns the error of the latest
// failed write.
func (s *Saver[T]) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	target := s.seq
	for s.saved < target {
		if s.lastErr != nil && s.errSeq >= target {
			return s.lastErr
		}
		if s.closed {
			return s.lastErr
		}
		s.cond.Wait()
	}
	return nil
}

// Err returns the error of the latest write if it failed and nothing newer has been written since.
func (s *Saver[T]) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.saved >= s.errSeq {
		return nil
	}
	return s.lastErr
}

// Pending reports whether an update has not yet been written.
func (s *Saver[T]) Pending() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.saved < s.seq
}

// Close makes a last attempt to write what is pending and stops the saver. It returns the error of
// that attempt, if it failed.
func (s *Saver[T]) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.kick)
	s.mu.Unlock()
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cond.Broadcast()
	if s.saved < s.seq {
		return s.lastErr
	}
	return nil
}
