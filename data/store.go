package data

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"
	badgeropts "github.com/dgraph-io/badger/v4/options"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// SchemaVersion is the layout this code reads and writes. Opening a store written by a newer
// PanelPrep is refused rather than risk damaging it. It is raised with every new record kind, so
// that a PanelPrep which does not know a kind never opens a store holding it (5: stories and a
// mentor's comments on them).
const SchemaVersion = 5

var (
	gcInterval       = 10 * time.Minute
	gcDiscardRatio   = 0.5
	errAlreadyClosed = errors.New("store is closed")
)

// ErrLocked means another process (usually another PanelPrep window) has the data directory open.
var ErrLocked = errors.New("PanelPrep is already open on this data")

// ErrNewerSchema means the store was written by a newer PanelPrep.
var ErrNewerSchema = errors.New("the data was written by a newer version of PanelPrep")

// ErrDataDir means the data directory cannot be created, read or written.
var ErrDataDir = errors.New("the data directory cannot be used")

// Store is the Badger-backed prep.Store.
type Store struct {
	db   *badger.DB
	dir  string
	enc  *encKey // the store's encryption (crypt.go); nil for a plain store. Backups use it too.
	stop chan struct{}
	wg   sync.WaitGroup
	once sync.Once
	// The encoded phase snapshots of the drafts saved last (draftsnapshots.go).
	snaps snapshotCache
}

var _ prep.Store = (*Store)(nil)

// Open opens (creating if needed) the plain store in dir. The errors it returns wrap ErrLocked,
// ErrNewerSchema or ErrDataDir where those apply, so callers can tell the user what to do, and
// ErrPassphraseNeeded when the store is encrypted: OpenWithKey opens those.
func Open(dir string) (*Store, error) { return OpenWithKey(dir, nil) }

// OpenWithKey opens the store in dir with key, the key UnlockKey returned for its passphrase; nil
// opens a plain store, as Open does. The key is checked against the store's key file before Badger
// is touched: a key that does not fit gives ErrWrongPassphrase, no key for an encrypted store
// ErrPassphraseNeeded, a key for a plain store ErrNotEncrypted. A store is created plain; SetPassphrase
// encrypts it. The store keeps the key, so its backups are encrypted under the same passphrase.
func OpenWithKey(dir string, key []byte) (*Store, error) { return openStore(dir, key, nil) }

// openStore is OpenWithKey with Badger's options adjusted by tune (nil: as options sets them).
func openStore(dir string, key []byte, tune func(badger.Options) badger.Options) (*Store, error) {
	if err := finishRekey(dir); err != nil {
		return nil, err
	}
	// Before checkDir creates dir: a restore killed after moving the old data aside left dir
	// missing, and its complete store beside it (backup.go).
	for _, did := range cleanRestoreLeftovers(dir, time.Now()) {
		fmt.Fprintln(os.Stderr, "panelprep:", did)
	}
	if err := checkDir(dir); err != nil {
		return nil, err
	}
	enc, err := unlockDir(dir, key)
	if err != nil {
		return nil, err
	}
	if enc == nil && len(key) > 0 {
		return nil, fmt.Errorf("%w: %s; open it without a passphrase", ErrNotEncrypted, dir)
	}
	// Before Badger sees the files and before anything in the folder changes: Badger deletes the
	// tables a damaged MANIFEST does not list, and panics on a cut table (damage.go).
	if err := checkFilesBeforeOpen(dir, enc); err != nil {
		return nil, err
	}
	if err := removeEmptyLogFiles(dir); err != nil {
		return nil, err
	}
	opts := storeOptions(dir, enc)
	if tune != nil {
		opts = tune(opts)
	}
	// Badger's Open would also refuse a key that does not fit, but then leaks a goroutine; its key
	// registry says the same without one.
	db, err := func() (*badger.DB, error) {
		if err := checkKeyRegistry(dir, enc); err != nil {
			return nil, err
		}
		return badger.Open(opts)
	}()
	if err != nil {
		switch {
		case strings.Contains(err.Error(), "Cannot acquire directory lock"):
			return nil, fmt.Errorf("%w (%s): close the other PanelPrep window, or start with --data-dir to use other data", ErrLocked, dir)
		case errors.Is(err, badger.ErrEncryptionKeyMismatch) && enc == nil:
			return nil, fmt.Errorf("the data in %s is encrypted but its key file %s is missing; restore a backup with its passphrase",
				dir, keyFileName)
		case errors.Is(err, badger.ErrEncryptionKeyMismatch):
			return nil, fmt.Errorf("%w: the key file %s in %s does not belong to this data", ErrWrongPassphrase, keyFileName, dir)
		}
		return nil, fmt.Errorf("opening the store in %s: %w", dir, err)
	}
	s := &Store{db: db, dir: dir, enc: enc, stop: make(chan struct{})}
	if err := s.checkSchema(); err != nil {
		db.Close()
		return nil, err
	}
	s.wg.Add(1)
	go s.runGC()
	return s, nil
}

// storeOptions are options(dir) with Badger's AES-256 encryption on when enc is not nil. Badger
// needs an index cache for that, which options sets.
func storeOptions(dir string, enc *encKey) badger.Options {
	opts := options(dir)
	if enc != nil {
		opts = opts.WithEncryptionKey(enc.storeKey())
	}
	return opts
}

// options sizes Badger for a desktop app holding megabytes, not a server holding terabytes: small
// memtables and value-log files (no 2 GB preallocation), a small cache, a quiet logger, and
// synchronous writes because almost everything written is something the user typed. Values up to
// 256 KB stay inline in the LSM tree: moving drafts to the value log would cost a second fsync per
// autosave, and listing 10,000 summaries takes about 25 ms either way. Badger's default threshold
// (1 MB) was too high: an attempt writes its answer twice (the record and its search text), and
// with an answer of 900 KB both inline overflowed a transaction (about 1.25 MB with these
// memtables), so the attempt could not be saved at all (TestLargeRecords).
//
// Every block Badger reads from disk is checked against its checksum (OnBlockRead): a changed byte
// then fails the read instead of decoding as someone else's record, and costs little: listing
// 10,000 summaries and reading 100 attempts on a store just opened took 52-82 ms against 44-73 ms
// without, within the spread of runs (BenchmarkOpenVerify10k, 3 runs on a shared 2-core machine). The tables are checked before Badger opens them (damage.go), not
// by Badger's OnTableRead: that one drops a damaged table and opens without it.
func options(dir string) badger.Options {
	return badger.DefaultOptions(dir).
		WithChecksumVerificationMode(badgeropts.OnBlockRead).
		WithLogger(quietLogger{}).
		WithSyncWrites(true).
		WithMemTableSize(8 << 20).
		WithValueThreshold(256 << 10).
		WithNumMemtables(2).
		WithValueLogFileSize(16 << 20).
		WithBlockCacheSize(8 << 20).
		WithIndexCacheSize(4 << 20).
		WithNumCompactors(2).
		WithNumLevelZeroTables(2).
		WithNumLevelZeroTablesStall(4).
		WithNumVersionsToKeep(1).
		WithMetricsEnabled(false)
}

// checkDir makes sure dir exists and can be written, so a bad location gets a plain message rather
// than an error from deep inside Badger.
func checkDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("%w: %s: %v; choose another with --data-dir or PANELPREP_DATA", ErrDataDir, dir, err)
	}
	if _, err := os.ReadDir(dir); err != nil {
		return fmt.Errorf("%w: %s cannot be read: %v; fix its permissions or choose another with --data-dir", ErrDataDir, dir, err)
	}
	f, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return fmt.Errorf("%w: %s cannot be written: %v; fix its permissions or choose another with --data-dir", ErrDataDir, dir, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// removeEmptyLogFiles deletes zero-byte value-log and memtable files before Badger sees them.
// Badger creates a new .vlog (and .mem) file on every open and writes its header just after; a
// process killed in between leaves a zero-byte file, and Badger v4.9 then refuses to open the store
// with "Open existing file ... Create a new file" (dgraph-io/badger#2207, fix proposed in #2331).
// PanelPrep's crash test hit this within 20 kills. An empty file holds no entries, so removing it
// loses nothing.
func removeEmptyLogFiles(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("%w: %s cannot be read: %v", ErrDataDir, dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || (!strings.HasSuffix(name, ".vlog") && !strings.HasSuffix(name, ".mem")) {
			continue
		}
		info, err := e.Info()
		if err != nil || info.Size() != 0 {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("removing the empty log file %s left by a crash: %w", name, err)
		}
	}
	return nil
}

// checkSchema writes the schema version into a new store, refuses a newer one, and migrates an
// older one.
func (s *Store) checkSchema() error {
	var stored uint32
	err := s.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(schemaKind.prefix)
		if errors.Is(err, badger.ErrKeyNotFound) {
			stored = SchemaVersion
			return txn.Set(schemaKind.prefix, binary.BigEndian.AppendUint32(nil, SchemaVersion))
		}
		if err != nil {
			return fmt.Errorf("reading the schema version: %w", err)
		}
		v, err := item.ValueCopy(nil)
		if err != nil {
			return fmt.Errorf("reading the schema version: %w", err)
		}
		if len(v) != 4 {
			return fmt.Errorf("the schema version record in %s is damaged (%d bytes)", s.dir, len(v))
		}
		stored = binary.BigEndian.Uint32(v)
		if stored > SchemaVersion {
			return fmt.Errorf("%w: %s holds schema version %d and this PanelPrep reads up to %d; install the newer PanelPrep (the data was not changed)",
				ErrNewerSchema, s.dir, stored, SchemaVersion)
		}
		return nil
	})
	if err != nil || stored == SchemaVersion {
		return err
	}
	return migrate(s.db, stored)
}

// runGC reclaims value-log space on a ticker until Close.
func (s *Store) runGC() {
	defer s.wg.Done()
	t := time.NewTicker(gcInterval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			if err := collectGarbage(s.db.RunValueLogGC); err != nil {
				fmt.Fprintln(os.Stderr, "panelprep:", gcFailure(s.dir, err))
			}
		}
	}
}

// collectGarbage runs Badger's value-log GC until it has nothing left to rewrite, and returns the
// error that stopped it, if that is not one of the two ends of a normal pass: ErrNoRewrite
// (nothing left) or ErrRejected (another pass is running, or the store is closing; the next tick
// tries again). Any other error is a real failure (a value-log file that cannot be read, written
// or removed) that used to end the pass silently: it is returned so that runGC reports it. Nothing
// is lost either way, since GC only rewrites live entries and no write waits on it, so it is
// logged rather than shown: the app carries on, and the disk space is reclaimed on a later tick.
func collectGarbage(run func(discardRatio float64) error) error {
	for {
		err := run(gcDiscardRatio)
		switch {
		case err == nil:
			continue // it rewrote a file; another may be worth rewriting too
		case errors.Is(err, badger.ErrNoRewrite), errors.Is(err, badger.ErrRejected):
			return nil
		default:
			return err
		}
	}
}

// gcFailure says what a failed value-log GC means for the user.
func gcFailure(dir string, err error) string {
	return fmt.Sprintf("reclaiming disk space in %s failed: %v (no data was lost; it is tried again in %s)",
		dir, err, gcInterval)
}

// Dir is the directory the store lives in.
func (s *Store) Dir() string { return s.dir }

// Close stops background work and closes the database. It is safe to call more than once.
func (s *Store) Close() error {
	err := errAlreadyClosed
	s.once.Do(func() {
		close(s.stop)
		s.wg.Wait()
		err = s.db.Close()
	})
	if errors.Is(err, errAlreadyClosed) {
		return nil
	}
	return err
}

// SaveDraft stores the draft for its prompt, replacing the previous one. It is durable on return.
func (s *Store) SaveDraft(d prep.Draft) error {
	if d.Prompt.ID == "" {
		return errors.New("saving a draft: the draft has no prompt ID")
	}
	v, err := encodeDraftCached(&d, &s.snaps)
	if err != nil {
		return fmt.Errorf("encoding the draft for %q: %w", d.Prompt.ID, err)
	}
	if err := s.checkSize("the draft", len(v), "nothing was saved, and the draft saved before this is kept"); err != nil {
		return fmt.Errorf("saving the draft for %q: %w", d.Prompt.ID, err)
	}
	if err := ensureSpace(s.dir, uint64(len(v))); err != nil {
		return fmt.Errorf("saving the draft for %q: %w", d.Prompt.ID, err)
	}
	k := draftKey(d.Prompt.ID)
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(k, v) }); err != nil {
		return fmt.Errorf("saving the draft for %q: %w", d.Prompt.ID, err)
	}
	return nil
}

// Drafts returns every unfinished round, most recently updated first.
func (s *Store) Drafts() ([]prep.Draft, error) {
	var out []prep.Draft
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: draftKind.prefix, PrefetchValues: true, PrefetchSize: 16})
		defer it.Close()
		for it.Seek(draftKind.prefix); it.ValidForPrefix(draftKind.prefix); it.Next() {
			d, err := decodeRecord(it.Item(), decodeDraft)
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].UpdatedAt.After(out[j].UpdatedAt) })
	return out, err
}

// DeleteDraft removes the draft for a prompt, if there is one.
func (s *Store) DeleteDraft(promptID string) error {
	s.snaps.forget(promptID)
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Delete(draftKey(promptID)) }); err != nil {
		return fmt.Errorf("discarding the draft for %q: %w", promptID, err)
	}
	return nil
}

// SaveAttempt stores a new attempt and removes the prompt's draft in one transaction. An attempt
// whose ID is already stored is refused: attempts are never overwritten.
func (s *Store) SaveAttempt(a prep.Attempt) error {
	if a.ID == uuid.Nil {
		return errors.New("saving an attempt: it has no ID")
	}
	entries := attemptEntries(&a)
	for _, kv := range entries {
		if err := s.checkSize("the attempt", len(kv[1]), "nothing was saved, and its draft is kept"); err != nil {
			return fmt.Errorf("saving attempt %s: %w", a.ID, err)
		}
	}
	if err := ensureSpace(s.dir, uint64(len(entries[0][1]))); err != nil {
		return fmt.Errorf("saving attempt %s: %w", a.ID, err)
	}
	idk := attemptIDKey(a.ID)
	err := s.db.Update(func(txn *badger.Txn) error {
		if _, err := txn.Get(idk); err == nil {
			return fmt.Errorf("attempt %s already exists; attempts are never overwritten", a.ID)
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		for _, kv := range entries {
			if err := txn.Set(kv[0], kv[1]); err != nil {
				return err
			}
		}
		return txn.Delete(draftKey(a.Prompt.ID))
	})
	if err != nil {
		return fmt.Errorf("saving attempt %s: %w", a.ID, err)
	}
	s.snaps.forget(a.Prompt.ID)
	return nil
}

// attemptEntries are the key-value pairs that store one attempt: the record, its ID index, and the
// records derived from it (summary and search text), always written together.
func attemptEntries(a *prep.Attempt) [][2][]byte {
	v, err := encodeAttempt(a)
	if err != nil {
		panic(fmt.Sprintf("encoding attempt %s: %v", a.ID, err)) // plain data: cannot fail
	}
	k := attemptKey(a)
	entries := [][2][]byte{{k, v}, {attemptIDKey(a.ID), k}}
	for _, d := range derivedKinds {
		entries = append(entries, [2][]byte{d.key(k), d.value(a)})
	}
	return entries
}

// Attempts lists every attempt, newest first, from the summary records.
func (s *Store) Attempts() ([]prep.AttemptSummary, error) {
	var out []prep.AttemptSummary
	r := summaryReader{interned: map[string]string{}}
	err := s.scanNewestFirst(summaryKind.prefix, func(b []byte) error {
		a, err := r.decode(b)
		if err == nil {
			out = append(out, a)
		}
		return err
	})
	return out, err
}

// scanNewestFirst calls fn with the value of every record under prefix, in reverse key order (for
// keys that carry a finish time, newest first), until fn fails. Values are read in place, without
// prefetching: the records it serves (summaries, search texts) are small and stored in the LSM
// tree itself, so reading each where it lies beats having Badger copy it ahead (10,000 summaries:
// 10 ms against 16). fn must not keep b. A failure names the damaged record.
func (s *Store) scanNewestFirst(prefix []byte, fn func(b []byte) error) error {
	return s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: true})
		defer it.Close()
		// A reverse scan starts at the last key with the prefix: seek past every possible suffix.
		for it.Seek(append(bytes.Clone(prefix), 0xff)); it.ValidForPrefix(prefix); it.Next() {
			if err := it.Item().Value(fn); err != nil {
				return fmt.Errorf("record %q is damaged: %w", it.Item().Key(), err)
			}
		}
		return nil
	})
}

// HasAttempts reports whether the store holds any attempt. It reads one key: the app asks while the
// store opens, so that its first screen can be laid out for a user with a history.
func (s *Store) HasAttempts() (bool, error) {
	var has bool
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: summaryKind.prefix})
		defer it.Close()
		it.Rewind()
		has = it.ValidForPrefix(summaryKind.prefix)
		return nil
	})
	return has, err
}

// SearchDocs returns every attempt's searchable text, newest first, from the text/ records (see
// searchtext.go); the app builds its search index from it in the background.
func (s *Store) SearchDocs() ([]prep.SearchDoc, error) {
	var out []prep.SearchDoc
	err := s.scanNewestFirst(searchTextKind.prefix, func(b []byte) error {
		d, err := decodeSearchText(b)
		if err == nil {
			out = append(out, d)
		}
		return err
	})
	return out, err
}

// Attempt returns one attempt by ID, or an error wrapping prep.ErrNotFound.
func (s *Store) Attempt(id uuid.UUID) (prep.Attempt, error) {
	var a prep.Attempt
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(attemptIDKey(id))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return fmt.Errorf("attempt %s: %w", id, prep.ErrNotFound)
		}
		if err != nil {
			return err
		}
		k, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		item, err = txn.Get(k)
		if err != nil {
			return fmt.Errorf("attempt %s: the index points at a missing record: %w", id, err)
		}
		a, err = decodeRecord(item, decodeAttempt)
		return err
	})
	return a, err
}

// decodeRecord reads item's value with dec (records.go), naming the record when it does not decode.
func decodeRecord[T any](item *badger.Item, dec func([]byte) (T, error)) (T, error) {
	var out T
	err := item.Value(func(b []byte) error {
		v, err := dec(b)
		if err != nil {
			return fmt.Errorf("record %q is damaged: %w", item.Key(), err)
		}
		out = v
		return nil
	})
	return out, err
}

func decode(item *badger.Item, v any) error {
	return item.Value(func(b []byte) error {
		if err := json.Unmarshal(b, v); err != nil {
			return fmt.Errorf("record %q is damaged: %w", item.Key(), err)
		}
		return nil
	})
}

// quietLogger drops Badger's informational chatter and keeps its warnings and errors on stderr.
type quietLogger struct{ w io.Writer }

// cacheAdvice are the formats of the two warnings Badger's cache monitor prints when its block or
// index cache turns over quickly (db.go, monitorCache). They are sizing advice for a server, not
// trouble with the user's data: a desktop store is sized small on purpose (see Open), and a browse
// through History over 10,000 attempts was enough to print them on quit, in the real-window tests'
// empty-log check and in a command's own output.
var cacheAdvice = []string{"%s might be too small. Metrics: %s\n", "Cache life expectancy (in seconds): %+v\n"}

func (l quietLogger) out() io.Writer {
	if l.w != nil {
		return l.w
	}
	return os.Stderr
}

func (l quietLogger) Errorf(f string, a ...any) { fmt.Fprintf(l.out(), "badger: "+f, a...) }
func (l quietLogger) Warningf(f string, a ...any) {
	if slices.Contains(cacheAdvice, f) {
		return
	}
	fmt.Fprintf(l.out(), "badger: "+f, a...)
}
func (quietLogger) Infof(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}

// DefaultDir is where PanelPrep keeps its data unless told otherwise: the user's data directory.
func DefaultDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding your data directory: %w; start with --data-dir DIR", err)
	}
	if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
		base = xdg
	} else if home, herr := os.UserHomeDir(); herr == nil && filepath.Base(base) == ".config" {
		base = filepath.Join(home, ".local", "share") // XDG data, not config, on Linux
	}
	return filepath.Join(base, "PanelPrep"), nil
}
