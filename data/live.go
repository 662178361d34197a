package data

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// Live is the store a window works on for its whole life. A restore or a passphrase change
// closes the store in its folder and opens another one there; Live makes that swap under its own
// write lock, while every read and write goes through it under the read lock. So the window and
// its goroutines hold one handle that never changes, and none of them can reach a store that is
// being closed (before Live, the window reassigned its store field on the UI thread while
// goroutines read it: a data race).
//
// A call made while a swap runs waits for it, then reaches the new store.
type Live struct {
	mu    sync.RWMutex // guards store and key: Restore and SetPassphrase swap them
	dir   string
	store *Store // nil once closed, or when reopening after a swap failed
	key   []byte // the store's encryption key, nil when it is not encrypted

	bg sync.WaitGroup // the automatic backup
	// quitting is closed by Close: it stops the daily backup if it is still being written, so
	// quitting never waits for it (nothing of it is kept; the next launch makes it).
	quitting chan struct{}
	quitOnce sync.Once
}

var _ prep.Store = (*Live)(nil)

// ErrClosed is returned by a Live whose store is closed: after Close, or when the store could not
// be reopened after a restore or a passphrase change (that error said why).
var ErrClosed = errors.New("the data is closed; quit PanelPrep and start it again")

// NewLive wraps a store just opened in dir with key (nil: not encrypted). The Live owns the store
// from now on: close it with the Live's Close.
func NewLive(dir string, s *Store, key []byte) *Live {
	return &Live{dir: dir, store: s, key: key, quitting: make(chan struct{})}
}

// Dir is the data directory.
func (l *Live) Dir() string { return l.dir }

// read runs fn on the store under the read lock.
func read[T any](l *Live, fn func(*Store) (T, error)) (T, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.store == nil {
		var zero T
		return zero, ErrClosed
	}
	return fn(l.store)
}

// write runs fn, which returns only an error, on the store under the read lock (the lock guards
// the handle; Badger orders the writes).
func (l *Live) write(fn func(*Store) error) error {
	_, err := read(l, func(s *Store) (struct{}, error) { return struct{}{}, fn(s) })
	return err
}

// prep.Store, each call delegated under the read lock.

func (l *Live) SaveDraft(d prep.Draft) error {
	return l.write(func(s *Store) error { return s.SaveDraft(d) })
}
func (l *Live) Drafts() ([]prep.Draft, error) { return read(l, (*Store).Drafts) }
func (l *Live) DeleteDraft(promptID string) error {
	return l.write(func(s *Store) error { return s.DeleteDraft(promptID) })
}

func (l *Live) DiscardDraft(promptID string, at time.Time) error {
	return l.write(func(s *Store) error { return s.DiscardDraft(promptID, at) })
}

func (l *Live) DiscardedDrafts() ([]prep.DiscardedDraft, error) {
	return read(l, (*Store).DiscardedDrafts)
}

func (l *Live) RestoreDiscarded(d prep.DiscardedDraft) error {
	return l.write(func(s *Store) error { return s.RestoreDiscarded(d) })
}

func (l *Live) SaveAttempt(a prep.Attempt) error {
	return l.write(func(s *Store) error { return s.SaveAttempt(a) })
}
func (l *Live) Attempts() ([]prep.AttemptSummary, error) { return read(l, (*Store).Attempts) }
func (l *Live) SearchDocs() ([]prep.SearchDoc, error)    { return read(l, (*Store).SearchDocs) }
func (l *Live) Attempt(id uuid.UUID) (prep.Attempt, error) {
	return read(l, func(s *Store) (prep.Attempt, error) { return s.Attempt(id) })
}

func (l *Live) ImportSet(set *prep.PracticeSet) error {
	return l.write(func(s *Store) error { return s.ImportSet(set) })
}
func (l *Live) ImportedSets() ([]*prep.PracticeSet, error) { return read(l, (*Store).ImportedSets) }
func (l *Live) SaveLoop(lp prep.Loop) error {
	return l.write(func(s *Store) error { return s.SaveLoop(lp) })
}
func (l *Live) ActiveLoop() (*prep.Loop, error) { return read(l, (*Store).ActiveLoop) }
func (l *Live) Loop(id uuid.UUID) (prep.Loop, error) {
	return read(l, func(s *Store) (prep.Loop, error) { return s.Loop(id) })
}
func (l *Live) ImportLoopShape(sh *prep.LoopShape) error {
	return l.write(func(s *Store) error { return s.ImportLoopShape(sh) })
}
func (l *Live) ImportedLoopShapes() ([]*prep.LoopShape, error) {
	return read(l, (*Store).ImportedLoopShapes)
}

func (l *Live) Reviews(attempt uuid.UUID) ([]prep.Review, error) {
	return read(l, func(s *Store) ([]prep.Review, error) { return s.Reviews(attempt) })
}
func (l *Live) AllReviews() ([]prep.Review, error) { return read(l, (*Store).AllReviews) }

func (l *Live) SaveStory(st prep.Story) error {
	return l.write(func(s *Store) error { return s.SaveStory(st) })
}
func (l *Live) Stories() ([]prep.Story, error) { return read(l, (*Store).Stories) }
func (l *Live) SaveStoryComment(c prep.StoryComment) error {
	return l.write(func(s *Store) error { return s.SaveStoryComment(c) })
}
func (l *Live) StoryComments(id uuid.UUID) ([]prep.StoryComment, error) {
	return read(l, func(s *Store) ([]prep.StoryComment, error) { return s.StoryComments(id) })
}
func (l *Live) Story(id uuid.UUID) (prep.Story, error) {
	return read(l, func(s *Store) (prep.Story, error) { return s.Story(id) })
}

func (l *Live) DeleteStory(id uuid.UUID) error {
	return l.write(func(s *Store) error { return s.DeleteStory(id) })
}

// What the app's maintenance and mentor round trip use, also under the read lock.

// MapCompetencies maps old attempts' criteria to competencies; see Store.MapCompetencies.
func (l *Live) MapCompetencies(ix prep.CompetencyIndex) (MappingReport, error) {
	return read(l, func(s *Store) (MappingReport, error) { return s.MapCompetencies(ix) })
}

// MapCompetenciesWith is MapCompetencies with progress and a stop; see Store.MapCompetenciesWith.
func (l *Live) MapCompetenciesWith(ix prep.CompetencyIndex, opt MappingOptions) (MappingReport, error) {
	return read(l, func(s *Store) (MappingReport, error) { return s.MapCompetenciesWith(ix, opt) })
}

// SaveReview stores a mentor's review; see Store.SaveReview.
func (l *Live) SaveReview(r prep.Review) error {
	return l.write(func(s *Store) error { return s.SaveReview(r) })
}

// HasAttempts reports whether the store holds any attempt.
func (l *Live) HasAttempts() (bool, error) { return read(l, (*Store).HasAttempts) }

// ExportBundle builds a bundle of the attempts f selects; see Store.ExportBundle.
func (l *Live) ExportBundle(f prep.ExportFilter) (prep.Bundle, error) {
	return read(l, func(s *Store) (prep.Bundle, error) { return s.ExportBundle(f) })
}

// ImportFeedback attaches a feedback bundle's reviews; see Store.ImportFeedback.
func (l *Live) ImportFeedback(b *prep.Bundle) (prep.ImportResult, error) {
	return read(l, func(s *Store) (prep.ImportResult, error) { return s.ImportFeedback(b) })
}

// BackupNow writes a backup into the backups folder; see Store.BackupNow.
func (l *Live) BackupNow(now time.Time) (string, error) {
	return read(l, func(s *Store) (string, error) { return s.BackupNow(now) })
}

// BackupNowFor is BackupNow, naming the backup for why it was made.
func (l *Live) BackupNowFor(now time.Time, reason BackupReason) (string, error) {
	return read(l, func(s *Store) (string, error) { return s.BackupNowFor(now, reason) })
}

// Backups lists the backups folder, newest first. It holds the read lock so that it never lists
// the folder while a restore moves it.
func (l *Live) Backups() ([]BackupFile, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return ListBackups(BackupsDir(l.dir))
}

// Check verifies every record; see Store.Check.
func (l *Live) Check(repair bool) (Report, error) {
	return read(l, func(s *Store) (Report, error) { return s.Check(repair) })
}

// Encrypted reports whether the data is encrypted with a passphrase.
func (l *Live) Encrypted() bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.key != nil
}

// OpenReviewStore opens the mentor's review store beside the data, encrypted with the data's key
// (see OpenReviewStore). The caller closes it.
func (l *Live) OpenReviewStore() (*Store, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return OpenReviewStore(l.dir, l.key)
}

// AutoBackup makes the daily backup and prunes old ones in the background, so a launch never waits
// for it; report hears what failed (a backup stopped by Close is not a failure). It holds the read
// lock while it writes: a restore or a passphrase change waits for it.
func (l *Live) AutoBackup(now time.Time, report func(error)) {
	l.bg.Add(1)
	go func() {
		defer l.bg.Done()
		l.mu.RLock()
		defer l.mu.RUnlock()
		if l.store == nil {
			return
		}
		if _, _, err := l.store.AutoBackup(now, l.quitting); errors.Is(err, ErrBackupStopped) {
			return
		} else if err != nil {
			report(fmt.Errorf("the automatic backup failed: %w", err))
			return
		}
		if _, err := Prune(BackupsDir(l.dir), now); err != nil {
			report(fmt.Errorf("pruning old backups failed: %w", err))
		}
	}()
}

// Restore replaces the data with the backup in path (see Restore), swapping the store under the
// write lock. passphrase opens a backup encrypted under another passphrase than the data's; "" on
// a first try. A backup that cannot be read, or opened with what was given, is refused before the
// store is closed, and the data is as it was. After a failed restore the previous store is
// reopened; only if that fails too does the Live return ErrClosed from then on.
func (l *Live) Restore(path, passphrase string, now time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.store == nil {
		return ErrClosed
	}
	closed := false
	res, err := restore(l.dir, path, now, Secret{Key: l.key, Passphrase: passphrase}, func() error {
		closed = true
		return l.closeStore()
	})
	if !closed {
		return err // refused before the store was closed: it is open as it was
	}
	key := l.key
	if err == nil {
		key = res.Key
	}
	return errors.Join(err, l.reopen(key))
}

// SetPassphrase re-encrypts the data with passphrase ("" removes encryption; see SetPassphrase),
// swapping the store under the write lock.
func (l *Live) SetPassphrase(passphrase string, now time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.store == nil {
		return ErrClosed
	}
	if err := l.closeStore(); err != nil {
		return fmt.Errorf("closing the store before re-encrypting: %w", err)
	}
	key, setErr := SetPassphrase(l.dir, l.key, passphrase, now)
	if errors.Is(setErr, ErrUnfinished) {
		setErr = nil // done: the next open completes the swap
	} else if setErr != nil {
		key = l.key
	}
	return errors.Join(setErr, l.reopen(key))
}

// closeStore closes the store; the Live is closed from then on until reopen. Write lock held.
func (l *Live) closeStore() error {
	s := l.store
	l.store = nil
	return s.Close()
}

// reopen opens the store in the folder with key. Write lock held.
func (l *Live) reopen(key []byte) error {
	s, err := OpenWithKey(l.dir, key)
	if err != nil {
		return fmt.Errorf("reopening the store: %w", err)
	}
	l.store, l.key = s, key
	return nil
}

// Close stops the daily backup if it is running, waits for it and closes the store.
func (l *Live) Close() error {
	l.quitOnce.Do(func() { close(l.quitting) })
	l.bg.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.store == nil {
		return nil
	}
	return l.closeStore()
}
