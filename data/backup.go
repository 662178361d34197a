package data

// Backups and restore.
//
// A backup file is Badger's own backup stream (db.Backup) between a small text header and a
// fixed-size trailer:
//
//	PANELPREP-BACKUP\n
//	format 1\n                 the layout of this file
//	schema <n>\n               the schema version of the store it was taken from
//	\n                         end of header (lines before it that this code does not know are skipped)
//	<Badger backup stream>
//	PANELPREP-END <stream length: 16 hex digits> <SHA-256 of header and stream: 64 hex digits>\n
//
// The Badger stream ends with the records of the mentor's review store (reviewstore.go), when the
// data directory has one: the same framing, each key prefixed with "reviewstore/". A restore loads
// them into the restored data directory's review store, never into the practice store.
//
// The header lets a restore refuse a file that is not a PanelPrep backup, or one from a newer
// PanelPrep, before it touches anything; the trailer lets it refuse a truncated or damaged one.
//
// A backup of an encrypted store (crypt.go) is format 2, and its header has one more line before
// the blank one:
//
//	encryption <JSON: cipher, chunk_size, stream_salt, nonce_prefix, and key: the store's
//	           encryption.json (KDF name, salt, parameters, key check)>
//
// Its Badger stream is then sealed in chunks with AES-256-GCM (see "Encrypted backup streams" in
// crypt.go), so the file holds no plaintext, and the passphrase alone restores it anywhere: the
// header carries everything else. The trailer's length and SHA-256 cover the sealed bytes, so a
// file's completeness can be checked without the passphrase; with it, every chunk is
// authenticated as well. Backups of plain stores stay format 1, which older PanelPrep versions read.
//
// Automatic and manual backups live in <dataDir>/backups/, named panelprep-<UTC time>.backup so that
// names sort by time. Badger v4 leaves subdirectories of its directory alone: it opens only *.sst,
// *.vlog, *.mem, MANIFEST and KEYREGISTRY at the top level, skips directories when it deletes
// unreferenced tables, and its once-a-minute size walk only adds up *.sst and *.vlog files. So the
// folder is safe there (TestBackupsFolderIsHarmlessToBadger), and moves with the data directory.

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"google.golang.org/protobuf/proto"
)

const (
	backupMagic   = "PANELPREP-BACKUP\n"
	backupFormat  = 2 // the newest layout this code reads
	plainFormat   = 1 // a backup of a plain store
	sealedFormat  = 2 // a backup of an encrypted store: an encryption line, and a sealed stream
	trailerMagic  = "PANELPREP-END "
	trailerLen    = len(trailerMagic) + 16 + 1 + 64 + 1
	maxHeaderSize = 4 << 10

	// BackupsFolder is the folder inside the data directory that holds automatic and manual backups.
	BackupsFolder = "backups"
	// AutoBackupEvery is how old the newest backup may get before AutoBackup makes another.
	AutoBackupEvery = 24 * time.Hour

	backupStamp   = "20060102T150405Z"
	keepDaily     = 7  // one backup for each of the last 7 UTC days (today included)
	keepWeekly    = 8  // one backup for each of the last 8 weeks (Monday to Sunday, UTC; this week included)
	keepManual    = 10 // the newest 10 backups the user made (Back up now), whatever their age
	tempPrefix    = ".panelprep-"
	tempSuffix    = ".tmp"
	staleTempTime = 24 * time.Hour
)

// backupName matches the files AutoBackup and BackupNow write: panelprep-<UTC stamp>[-<n>][-<reason>].backup,
// where -<n> separates two backups made in the same second and -<reason> says why it was made
// (backups made before reasons were written have none).
var backupName = regexp.MustCompile(`^panelprep-(\d{8}T\d{6}Z)(?:-(\d{1,4}))?(?:-([a-z]+(?:-[a-z]+)*))?\.backup$`)

// BackupReason is why a backup was made; it is part of the backup's file name.
type BackupReason string

// Why backups are made.
const (
	BackupDaily            BackupReason = "daily"
	BackupManual           BackupReason = "manual"
	BackupBeforeRestore    BackupReason = "before-restore"
	BackupBeforePassphrase BackupReason = "before-passphrase"
	BackupBeforeImport     BackupReason = "before-import"
)

// Describe says why the backup was made, for a list of backups; "" when its name does not say.
func (r BackupReason) Describe() string {
	switch r {
	case BackupDaily:
		return "daily"
	case BackupManual:
		return "made by you"
	case BackupBeforeRestore:
		return "before a restore"
	case BackupBeforePassphrase:
		return "before a passphrase change"
	case BackupBeforeImport:
		return "before an import"
	}
	return ""
}

// ErrNotBackup means a file offered for restore is not a PanelPrep backup.
var ErrNotBackup = errors.New("the file is not a PanelPrep backup")

// ErrDamagedBackup means a PanelPrep backup is incomplete (cut short while copying, say) or damaged.
var ErrDamagedBackup = errors.New("the backup file is incomplete or damaged")

// BackupInfo is what a backup file's header says about it.
type BackupInfo struct {
	Format    int    // the file layout version
	Schema    uint32 // the schema version of the store it was taken from
	Encrypted bool   // its contents are encrypted: restoring it needs its passphrase (or the store's key)
}

// BackupFile is one backup in the backups folder.
type BackupFile struct {
	Path   string
	Time   time.Time    // when it was made (UTC, from its name)
	Size   int64        // bytes
	Reason BackupReason // why it was made, from its name ("" for backups named before reasons were)
	seq    int          // tie-breaker for two backups made in the same second
}

// BackupsDir is the folder inside dataDir where backups are kept.
func BackupsDir(dataDir string) string { return filepath.Join(dataDir, BackupsFolder) }

// Backup writes a backup of the whole store to w: a header, Badger's backup stream, and a trailer
// with a checksum. It is a consistent snapshot and may run while the store is in use. The backup of
// an encrypted store is encrypted, under the same passphrase.
func (s *Store) Backup(w io.Writer) error {
	schema, err := s.schemaVersion()
	if err != nil {
		return err
	}
	return writeBackup(w, schema, s.enc, s.streamWithReviews)
}

// streamWithReviews writes Badger's backup stream of the store to w, followed by the records of the
// mentor's review store in the data directory, if there is one (reviewstore.go).
func (s *Store) streamWithReviews(w io.Writer) error {
	rs, done, err := reviewsForBackup(s)
	if err != nil {
		return err
	}
	defer done()
	if err := writeStream(w, s.db, nil); err != nil {
		return err
	}
	if rs == nil {
		return nil
	}
	return writeStream(w, rs.db, reviewStreamPrefix)
}

// streamListSize is about how many bytes of records writeStream puts in one list of the stream.
const streamListSize = 1 << 20

// writeStream writes every live record of db to w as Badger's backup stream does (a little-endian
// uint64 length, then a pb.KVList; what db.Load reads), each key prefixed with prefix, from one
// consistent snapshot (a read transaction), in lists of about streamListSize bytes.
//
// It stands in for db.Backup, whose Stream runs NumGoroutines (8) producers, each with a 32 MB
// buffer allocated up front, queues up to 32 of those for a writer slower than them (disk, and
// encryption), and merges them into batches of up to 100 MB before encoding each: on a store of
// 10,000 attempts the daily backup took the app from 200 MB to 730 MB resident, and it stayed
// there (BenchmarkDailyBackupMemory). Here one list and its encoding are in memory at a time.
// Only the newest version of each key is written, deleted and expired ones not at all: what a
// restore into an empty store needs.
func writeStream(w io.Writer, db *badger.DB, prefix []byte) error {
	return db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		var (
			list  pb.KVList
			size  int
			lists int
			frame []byte
			arena = make([]byte, 0, 2*streamListSize)
		)
		flush := func() error {
			if len(list.Kv) == 0 {
				return nil
			}
			var err error
			frame = binary.LittleEndian.AppendUint64(frame[:0], uint64(proto.Size(&list)))
			if frame, err = (proto.MarshalOptions{}).MarshalAppend(frame, &list); err != nil {
				return err
			}
			if _, err := w.Write(frame); err != nil {
				return err
			}
			clear(list.Kv)
			list.Kv, size, arena = list.Kv[:0], 0, arena[:0]
			return nil
		}
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			if item.IsDeletedOrExpired() {
				continue
			}
			// Keys and values are copied into one buffer, reused for every list: the backup makes
			// next to no garbage, so it does not lift the app's heap while the window starts.
			start := len(arena)
			arena = append(append(append(arena, prefix...), item.Key()...), item.UserMeta())
			keyEnd := len(arena) - 1
			if err := item.Value(func(v []byte) error { arena = append(arena, v...); return nil }); err != nil {
				return fmt.Errorf("reading %s: %w", DisplayKey(item.Key()), err)
			}
			list.Kv = append(list.Kv, &pb.KV{Key: arena[start:keyEnd:keyEnd], UserMeta: arena[keyEnd : keyEnd+1 : keyEnd+1],
				Value: arena[keyEnd+1 : len(arena) : len(arena)], Version: item.Version(), ExpiresAt: item.ExpiresAt()})
			if size += len(arena) - start; size >= streamListSize {
				if err := flush(); err != nil {
					return err
				}
				if lists++; lists%16 == 0 {
					releaseTablePages(db.Opts().Dir) // what was read is not read again
				}
			}
		}
		return flush()
	})
}

// writeBackup writes a backup file to w around the Badger stream that stream writes, sealed with
// enc (nil: a plain, format 1 backup).
func writeBackup(w io.Writer, schema uint32, enc *encKey, stream func(io.Writer) error) error {
	header := fmt.Sprintf("%sformat %d\nschema %d\n", backupMagic, plainFormat, schema)
	var seal *streamSeal
	if enc != nil {
		var err error
		if seal, err = newStreamSeal(enc.params); err != nil {
			return fmt.Errorf("writing the backup: %w", err)
		}
		line, err := json.Marshal(seal)
		if err != nil {
			return fmt.Errorf("writing the backup: %w", err)
		}
		header = fmt.Sprintf("%sformat %d\nschema %d\nencryption %s\n", backupMagic, sealedFormat, schema, line)
	}
	header += "\n"
	h := sha256.New()
	hw := &hashingWriter{w: w, h: h}
	if _, err := io.WriteString(hw, header); err != nil {
		return fmt.Errorf("writing the backup: %w", err)
	}
	start := hw.n
	var sw io.Writer = hw
	var sealer *sealWriter
	if seal != nil {
		sum := sha256.Sum256([]byte(header))
		var err error
		if sealer, err = newSealWriter(hw, seal, enc.master, sum[:]); err != nil {
			return fmt.Errorf("writing the backup: %w", err)
		}
		sw = sealer
	}
	if err := stream(sw); err != nil {
		return fmt.Errorf("writing the backup: %w", err)
	}
	if sealer != nil {
		if err := sealer.Close(); err != nil {
			return fmt.Errorf("writing the backup: %w", err)
		}
	}
	trailer := fmt.Sprintf("%s%016x %s\n", trailerMagic, hw.n-start, hex.EncodeToString(h.Sum(nil)))
	if _, err := io.WriteString(w, trailer); err != nil {
		return fmt.Errorf("writing the backup: %w", err)
	}
	return nil
}

func (s *Store) schemaVersion() (uint32, error) {
	var v uint32
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(schemaKind.prefix)
		if err != nil {
			return err
		}
		b, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		if len(b) != 4 {
			return fmt.Errorf("the record is %d bytes, want 4", len(b))
		}
		v = binary.BigEndian.Uint32(b)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("reading the schema version for the backup: %w", err)
	}
	return v, nil
}

// BackupToFile writes a backup of the store to path. The backup goes to a temporary file in the
// same folder first, is synced to disk, and only then takes its name, so a crash never leaves a
// half-written file under that name. An existing file at path is replaced.
func (s *Store) BackupToFile(path string) error { return s.backupToFile(path, nil) }

// backupToFile is BackupToFile, stopped (ErrBackupStopped, nothing kept) once stop is closed.
func (s *Store) backupToFile(path string, stop <-chan struct{}) error {
	return s.backupToFileVia(path, stop, nil)
}

// backupToFileVia is backupToFile with the file's writer passed through via first, when not nil:
// the seam a test uses to stop a backup at a known point of its stream.
func (s *Store) backupToFileVia(path string, stop <-chan struct{}, via func(io.Writer) io.Writer) error {
	err := writeAtomically(path, func(w io.Writer) error {
		if via != nil {
			w = via(w)
		}
		return s.Backup(stoppableWriter{w, stop})
	})
	if err != nil && isClosed(stop) {
		// Badger reports a failed write as its stream's "context canceled"; say why it failed.
		return fmt.Errorf("%s: %w", path, ErrBackupStopped)
	}
	return err
}

func isClosed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// ErrBackupStopped means a backup was stopped before it finished, because the app is quitting;
// nothing of it was kept.
var ErrBackupStopped = errors.New("the backup was stopped before it finished; nothing of it was kept")

// stoppableWriter fails every write once stop is closed (never, when stop is nil), so a backup in
// progress ends at its next write rather than holding the store until it is done.
type stoppableWriter struct {
	w    io.Writer
	stop <-chan struct{}
}

func (s stoppableWriter) Write(p []byte) (int, error) {
	select {
	case <-s.stop:
		return 0, ErrBackupStopped
	default:
		return s.w.Write(p)
	}
}

// BackupNow makes a backup in the backups folder, asked for by the user, and returns its path.
func (s *Store) BackupNow(now time.Time) (string, error) { return s.backupNow(now, BackupManual, nil) }

// BackupNowFor makes a backup in the backups folder for reason and returns its path.
func (s *Store) BackupNowFor(now time.Time, reason BackupReason) (string, error) {
	return s.backupNow(now, reason, nil)
}

func (s *Store) backupNow(now time.Time, reason BackupReason, stop <-chan struct{}) (string, error) {
	dir := BackupsDir(s.dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("creating the backups folder: %w", err)
	}
	path, err := freeBackupName(dir, now, reason)
	if err != nil {
		return "", err
	}
	err = s.backupToFile(path, stop)
	// The backup read every record once: hand the memory it used back to the system now, rather
	// than leave the app's resident size at its peak until the Go runtime's scavenger (or memory
	// pressure, for the mapped tables) gets to it (BenchmarkDailyBackupMemory).
	debug.FreeOSMemory()
	releaseTablePages(s.dir)
	if err != nil {
		return "", err
	}
	return path, nil
}

// freeBackupName returns the name for a backup made at now for reason that no file in dir has yet.
func freeBackupName(dir string, now time.Time, reason BackupReason) (string, error) {
	stamp := now.UTC().Format(backupStamp)
	why := ""
	if reason != "" {
		why = "-" + string(reason)
	}
	for n := 0; n < 1000; n++ {
		name := "panelprep-" + stamp + why + ".backup"
		if n > 0 {
			name = fmt.Sprintf("panelprep-%s-%d%s.backup", stamp, n, why)
		}
		path := filepath.Join(dir, name)
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			return path, nil
		}
	}
	return "", fmt.Errorf("too many backups made at %s in %s", stamp, dir)
}

// AutoBackup makes a backup in the backups folder when the newest one is AutoBackupEvery old or
// older, or there is none. It returns the newest backup's path and whether it made it. Backups dated
// after now (the clock was wrong when they were made) do not count. Call Prune after it to keep the
// folder small. Closing stop (the app is quitting) ends a backup in progress with ErrBackupStopped
// and keeps nothing of it, so quitting never waits for it; the next launch makes it. stop may be nil.
func (s *Store) AutoBackup(now time.Time, stop <-chan struct{}) (path string, made bool, err error) {
	list, err := ListBackups(BackupsDir(s.dir))
	if err != nil {
		return "", false, err
	}
	for _, b := range list {
		if b.Time.After(now) {
			continue
		}
		if now.Sub(b.Time) < AutoBackupEvery {
			return b.Path, false, nil
		}
		break
	}
	path, err = s.backupNow(now, BackupDaily, stop)
	if err != nil {
		return "", false, err
	}
	return path, true, nil
}

// Backups lists the backups in the store's backups folder, newest first.
func (s *Store) Backups() ([]BackupFile, error) { return ListBackups(BackupsDir(s.dir)) }

// ListBackups lists the backups in dir (a backups folder), newest first. Files with other names are
// ignored; a missing folder holds no backups.
func ListBackups(dir string) ([]BackupFile, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("listing the backups in %s: %w", dir, err)
	}
	var out []BackupFile
	for _, e := range entries {
		m := backupName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		t, err := time.Parse(backupStamp, m[1])
		if err != nil {
			continue
		}
		seq := 0
		if m[2] != "" {
			seq, _ = strconv.Atoi(m[2])
		}
		info, err := e.Info()
		if err != nil {
			continue // removed while listing
		}
		out = append(out, BackupFile{Path: filepath.Join(dir, e.Name()), Time: t, Size: info.Size(), Reason: BackupReason(m[3]), seq: seq})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Time.Equal(out[j].Time) {
			return out[i].Time.After(out[j].Time)
		}
		return out[i].seq > out[j].seq
	})
	return out, nil
}

// Prune thins the backups in dir (a backups folder) and returns the paths it deleted. It keeps the
// newest backup of each of the last 7 days and of each of the last 8 weeks (days in UTC, weeks
// Monday to Sunday, counted back from now, today and this week included), always the newest backup
// not dated after now, and any backup dated after now (made while the clock was wrong). Backups the
// user made (Back up now) are kept apart from that rule: the newest keepManual of them stay whatever
// their age, so one made before a risky change is not gone at the next launch because a later
// backup took its day. Every other backup is deleted, as are temporary files left by a backup
// interrupted more than a day before now. Files it does not recognise are left alone.
func Prune(dir string, now time.Time) ([]string, error) {
	list, err := ListBackups(dir)
	if err != nil {
		return nil, err
	}
	r := newRetention(now)
	var deleted []string
	for _, b := range list { // newest first
		if r.keep(b) {
			continue
		}
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return deleted, fmt.Errorf("deleting the old backup %s: %w", b.Path, err)
		}
		deleted = append(deleted, b.Path)
	}
	return append(deleted, removeStaleTemps(dir, now)...), nil
}

// retention is Prune's rule, applied to the backups newest first.
type retention struct {
	now             time.Time
	today, thisWeek int64
	days, weeks     map[int64]bool // those whose newest backup is kept
	newest          bool           // no backup dated up to now has been met yet
	manual          int            // manual backups met
}

func newRetention(now time.Time) *retention {
	today := dayNumber(now)
	return &retention{now: now, today: today, thisWeek: weekNumber(today), days: map[int64]bool{}, weeks: map[int64]bool{}, newest: true}
}

// keep says whether b, the next backup newest first, is kept.
func (r *retention) keep(b BackupFile) bool {
	keep := b.Time.After(r.now) || r.newest
	if !b.Time.After(r.now) {
		r.newest = false
	}
	if b.Reason == BackupManual {
		r.manual++
		keep = keep || r.manual <= keepManual
	}
	day := dayNumber(b.Time)
	if age := r.today - day; age >= 0 && age < keepDaily && !r.days[day] {
		r.days[day] = true
		keep = true
	}
	week := weekNumber(day)
	if age := r.thisWeek - week; age >= 0 && age < keepWeekly && !r.weeks[week] {
		r.weeks[week] = true
		keep = true
	}
	return keep
}

// removeStaleTemps deletes the temporary files a backup interrupted more than staleTempTime before
// now left in dir, and returns their paths. A folder it cannot read is left for the next time.
func removeStaleTemps(dir string, now time.Time) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // the backups were pruned; leftovers wait for the next time
	}
	var deleted []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tempPrefix) || !strings.HasSuffix(e.Name(), tempSuffix) {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > staleTempTime {
			path := filepath.Join(dir, e.Name())
			if os.Remove(path) == nil {
				deleted = append(deleted, path)
			}
		}
	}
	return deleted
}

// dayNumber is the number of whole UTC days from 1970-01-01 to t's UTC date.
func dayNumber(t time.Time) int64 {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// weekNumber numbers the Monday-to-Sunday week holding day (a dayNumber). 1970-01-01 was a Thursday.
func weekNumber(day int64) int64 {
	n := day + 3
	if n < 0 {
		return (n - 6) / 7
	}
	return n / 7
}

// VerifyBackupFile reads a whole backup file and reports whether it is a complete PanelPrep backup
// this version can restore. It changes nothing. Restore verifies the file itself; this is for
// checking a backup just written, or one found on disk.
//
// sec opens an encrypted backup (the store's key when the backup was made under the store's
// passphrase, else that passphrase), and every encrypted chunk is authenticated. An encrypted
// backup with an empty sec is checked as far as its checksum allows, then refused with an error
// wrapping ErrPassphraseNeeded. A secret that does not fit gives an error wrapping
// ErrWrongPassphrase, or ErrPassphraseNeeded when the key given is for another passphrase and no
// passphrase was given.
func VerifyBackupFile(path string, sec Secret) (BackupInfo, error) {
	hdr, err := verifyFile(path, &backupOpener{sec: sec})
	return hdr.info, err
}

// verifyFile checks the backup at path with o, which keeps the master key it found.
func verifyFile(path string, o *backupOpener) (backupHeader, error) {
	f, err := os.Open(path)
	if err != nil {
		return backupHeader{}, fmt.Errorf("opening the backup: %w", err)
	}
	defer f.Close()
	hdr, err := verifyBackup(f, o)
	if err != nil {
		return hdr, fmt.Errorf("%s: %w", path, err)
	}
	return hdr, nil
}

// ReadBackupHeader reads only the header of a backup file: quick, for telling a PanelPrep backup
// from another file, and an encrypted one from a plain one. A file that is not a backup gives an
// error wrapping ErrNotBackup; one from a newer PanelPrep, ErrNewerSchema. It does not check the
// rest of the file: VerifyBackupFile does.
func ReadBackupHeader(path string) (BackupInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("opening the backup: %w", err)
	}
	defer f.Close()
	_, hdr, _, err := readHeader(f)
	if err != nil {
		return hdr.info, fmt.Errorf("%s: %w", path, err)
	}
	return hdr.info, nil
}

// verifyBackup reads a backup from r to its end and checks its header and trailer, and, when it is
// encrypted, every chunk, with the key o finds. When o finds none the rest is still checked, so a
// damaged file is reported as damaged rather than as needing a passphrase.
func verifyBackup(r io.Reader, o *backupOpener) (backupHeader, error) {
	hdr, tr, src, err := openBackup(r, o)
	if tr == nil {
		return hdr, err
	}
	keyErr := err
	if keyErr != nil {
		src = tr
	}
	if _, err := io.Copy(io.Discard, src); err != nil {
		return hdr, fmt.Errorf("reading the backup: %w", err)
	}
	if err := tr.check(); err != nil {
		return hdr, err
	}
	return hdr, keyErr
}

// backupHeader is what a backup's header says.
type backupHeader struct {
	info BackupInfo
	seal *streamSeal // how the stream is encrypted; nil for a plain backup
	sum  []byte      // SHA-256 of the header's bytes, authenticated with every encrypted chunk
}

// openBackup reads a backup's header from r and returns the Badger stream after it: decrypted
// when it is encrypted, with the key o finds. tr checks the trailer once the stream has been read
// to its end. When the header is bad tr is nil; when only the key is missing or wrong, tr is set
// (the rest can still be read, undecrypted, from tr) and err says why there is no stream.
func openBackup(r io.Reader, o *backupOpener) (hdr backupHeader, tr *trailerReader, stream io.Reader, err error) {
	br, hdr, h, err := readHeader(r)
	if err != nil {
		return hdr, nil, nil, err
	}
	tr = &trailerReader{br: br, h: h}
	stream, err = streamOf(tr, hdr, o)
	return hdr, tr, stream, err
}

// streamOf returns the Badger stream of a backup whose header was read, from tr: decrypted (and
// authenticated chunk by chunk) when the backup is encrypted, with the key o finds.
func streamOf(tr *trailerReader, hdr backupHeader, o *backupOpener) (io.Reader, error) {
	if hdr.seal == nil {
		return tr, nil
	}
	master, err := o.master(&hdr.seal.Key)
	if err != nil {
		return nil, err
	}
	return newOpenReader(tr, hdr.seal, master, hdr.sum)
}

// readHeader reads and checks a backup's header. It returns a reader positioned at the Badger stream
// and a hash that has seen the header.
func readHeader(r io.Reader) (*bufio.Reader, backupHeader, hash.Hash, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, err := br.Peek(len(backupMagic))
	if err != nil || string(magic) != backupMagic {
		return nil, backupHeader{}, nil, fmt.Errorf("%w: it does not start with %q", ErrNotBackup, strings.TrimSpace(backupMagic))
	}
	h := sha256.New()
	var p headerParse
	if err := p.lines(br, h); err != nil {
		return nil, p.hdr, nil, err
	}
	p.hdr.sum = h.Sum(nil)
	if err := p.check(); err != nil {
		return nil, p.hdr, nil, err
	}
	return br, p.hdr, h, nil
}

// headerParse is a backup header as its lines are read.
type headerParse struct {
	hdr        backupHeader
	haveSchema bool
	sealErr    error // what is wrong with the encryption line, judged after the format line
}

// lines reads the header's lines, up to the blank line that ends it, into p, each through h.
func (p *headerParse) lines(br *bufio.Reader, h hash.Hash) error {
	read := 0
	for first := true; ; first = false {
		line, err := br.ReadSlice('\n')
		read += len(line)
		if err != nil || read > maxHeaderSize {
			return fmt.Errorf("%w: its header is cut short or damaged", ErrDamagedBackup)
		}
		h.Write(line)
		text := strings.TrimSuffix(string(line), "\n")
		if first {
			continue // the magic line
		}
		if text == "" {
			return nil
		}
		if err := p.line(text); err != nil {
			return fmt.Errorf("%w: its header line %q is damaged", ErrDamagedBackup, text)
		}
	}
}

// line reads one "key value" line; a key it does not know is passed over.
func (p *headerParse) line(text string) error {
	info := &p.hdr.info
	key, value, _ := strings.Cut(text, " ")
	var err error
	switch key {
	case "format":
		info.Format, err = strconv.Atoi(value)
	case "schema":
		var v uint64
		v, err = strconv.ParseUint(value, 10, 32)
		info.Schema, p.haveSchema = uint32(v), err == nil
	case "encryption":
		// Judged after the format line: a newer format may say things this code cannot parse.
		p.hdr.seal, info.Encrypted = &streamSeal{}, true
		if p.sealErr = json.Unmarshal([]byte(value), p.hdr.seal); p.sealErr == nil {
			p.sealErr = p.hdr.seal.validate()
		}
	}
	return err
}

// check says what is wrong with the header as a whole: versions missing or newer than this
// PanelPrep reads, an encryption line it cannot use.
func (p *headerParse) check() error {
	info := &p.hdr.info
	switch {
	case info.Format < 1 || !p.haveSchema:
		return fmt.Errorf("%w: its header has no format or schema version", ErrDamagedBackup)
	case info.Format > backupFormat:
		return fmt.Errorf("%w: the backup file format is %d and this PanelPrep reads up to %d; install the newer PanelPrep",
			ErrNewerSchema, info.Format, backupFormat)
	case info.Schema > SchemaVersion:
		return fmt.Errorf("%w: the backup holds schema version %d and this PanelPrep reads up to %d; install the newer PanelPrep",
			ErrNewerSchema, info.Schema, SchemaVersion)
	case p.hdr.seal != nil && info.Format < sealedFormat:
		return fmt.Errorf("%w: its header says format %d but has an encryption line", ErrDamagedBackup, info.Format)
	case errors.Is(p.sealErr, ErrNewerSchema):
		return fmt.Errorf("the backup's encryption settings: %w", p.sealErr)
	case p.sealErr != nil:
		return fmt.Errorf("%w: its encryption line is damaged: %v", ErrDamagedBackup, p.sealErr)
	}
	return nil
}

// trailerReader passes on the Badger stream and holds back the fixed-size trailer after it, hashing
// what it passes on.
type trailerReader struct {
	br      *bufio.Reader
	h       hash.Hash
	n       int64
	trailer []byte
	done    bool
}

func (t *trailerReader) Read(p []byte) (int, error) {
	if t.done {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	want := min(len(p), t.br.Size()-trailerLen)
	b, err := t.br.Peek(trailerLen + want)
	if err != nil && !errors.Is(err, io.EOF) {
		return 0, err
	}
	n := len(b) - trailerLen
	if n <= 0 {
		t.trailer = bytes.Clone(b)
		t.done = true
		return 0, io.EOF
	}
	n = copy(p, b[:n])
	t.h.Write(p[:n])
	t.n += int64(n)
	if _, err := t.br.Discard(n); err != nil {
		return 0, err
	}
	return n, nil
}

// check compares the trailer with the stream that was read. Call it after reading to io.EOF.
func (t *trailerReader) check() error {
	if !t.done {
		return fmt.Errorf("%w: it was not read to the end", ErrDamagedBackup)
	}
	want := fmt.Sprintf("%s%016x %s\n", trailerMagic, t.n, hex.EncodeToString(t.h.Sum(nil)))
	if len(t.trailer) != trailerLen || !bytes.HasPrefix(t.trailer, []byte(trailerMagic)) {
		return fmt.Errorf("%w: its end is missing (was it copied completely?)", ErrDamagedBackup)
	}
	if string(t.trailer) != want {
		return fmt.Errorf("%w: its checksum does not match its contents", ErrDamagedBackup)
	}
	return nil
}

// restoreStream restores a backup read from r into dir, which must be empty or not exist, leaving a
// store there that Open can open: the step of Restore that builds the restored store, on its own
// for the tests of the backup format. The whole backup is checked (header, length and checksum)
// before anything is written; a file that is not a PanelPrep backup is refused with an error
// wrapping ErrNotBackup, a damaged one with ErrDamagedBackup, one from a newer PanelPrep with
// ErrNewerSchema, an encrypted one that sec does not open with ErrPassphraseNeeded or
// ErrWrongPassphrase. On any failure it removes what it created. When r is not an io.ReadSeeker it
// is first copied to a temporary file so that it can be checked before loading.
//
// The restored store is encrypted as the backup was, with the same passphrase (its key file is
// written into dir once the store is complete), so a backup restored on another computer stays
// private; it returns the key that opens the restored store (OpenWithKey), nil for a plain one.
func restoreStream(dir string, r io.Reader, sec Secret) (key []byte, err error) {
	o := &backupOpener{sec: sec}
	src, hdr, cleanup, err := verifiedSource(r, o)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	enc := o.backupKey(hdr)
	return masterOf(enc), loadInto(dir, src, o, enc)
}

// loadInto loads a backup already verified, read from r and opened with o, into dir (empty or
// missing) as a store encrypted with enc (nil: plain). On failure it removes what it created.
func loadInto(dir string, r io.Reader, o *backupOpener, enc *encKey) error {
	created, err := prepareEmptyDir(dir)
	if err != nil {
		return err
	}
	if err := load(dir, r, o, enc); err != nil {
		undoCreate(dir, created)
		return err
	}
	return nil
}

// verifiedSource checks the whole backup in r and returns a reader of it from its start.
func verifiedSource(r io.Reader, o *backupOpener) (io.Reader, backupHeader, func(), error) {
	if rs, ok := r.(io.ReadSeeker); ok {
		start, err := rs.Seek(0, io.SeekCurrent)
		if err == nil {
			hdr, err := verifyBackup(rs, o)
			if err != nil {
				return nil, hdr, nil, err
			}
			if _, err := rs.Seek(start, io.SeekStart); err != nil {
				return nil, hdr, nil, fmt.Errorf("rereading the backup: %w", err)
			}
			return rs, hdr, func() {}, nil
		}
	}
	tmp, err := os.CreateTemp("", "panelprep-restore-*")
	if err != nil {
		return nil, backupHeader{}, nil, fmt.Errorf("making room to check the backup: %w", err)
	}
	cleanup := func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}
	hdr, err := verifyBackup(io.TeeReader(r, tmp), o)
	if err != nil {
		cleanup()
		return nil, hdr, nil, err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		cleanup()
		return nil, hdr, nil, fmt.Errorf("rereading the backup: %w", err)
	}
	return tmp, hdr, cleanup, nil
}

// prepareEmptyDir makes sure dir exists and is empty, reporting whether it created it.
func prepareEmptyDir(dir string) (created bool, err error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return false, fmt.Errorf("%w: %s: %v", ErrDataDir, dir, err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("%w: %s cannot be read: %v", ErrDataDir, dir, err)
	case len(entries) > 0:
		return false, fmt.Errorf("restoring into %s: the folder is not empty; restore into an empty folder", dir)
	}
	return false, nil
}

// undoCreate removes what a failed restore wrote into dir: dir itself when the restore created it,
// else everything in it (it was empty before).
func undoCreate(dir string, created bool) {
	if created {
		os.RemoveAll(dir)
		return
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// load reads a backup from r, opened with o, into a new Badger database in dir, encrypted with enc
// (nil: plain). The trailer is checked once the stream is loaded, and an encrypted stream is
// authenticated as it is read. Once the store is complete and closed, the key file of an encrypted
// one is written beside it.
func load(dir string, r io.Reader, o *backupOpener, enc *encKey) error {
	_, tr, src, err := openBackup(r, o)
	if err != nil {
		return err
	}
	db, err := badger.Open(storeOptions(dir, enc))
	if err != nil {
		return fmt.Errorf("creating the restored store in %s: %w", dir, err)
	}
	split := newStreamSplitter(src)
	err = db.Load(split.practice(), 16)
	if err == nil && split.hasReviews() {
		err = loadReviews(ReviewDir(dir), split.reviews(), enc)
	}
	if err == nil {
		err = tr.check()
	}
	if err == nil {
		err = db.View(func(txn *badger.Txn) error {
			_, err := txn.Get(schemaKind.prefix)
			if errors.Is(err, badger.ErrKeyNotFound) {
				return fmt.Errorf("%w: it holds no schema version record", ErrDamagedBackup)
			}
			return err
		})
	}
	if cerr := db.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err == nil && enc != nil {
		err = writeKeyFile(dir, enc.params)
	}
	if err != nil {
		return fmt.Errorf("restoring the backup into %s: %w", dir, err)
	}
	return nil
}

// RestoreResult says where Restore put things.
type RestoreResult struct {
	// PreRestoreBackup is the backup of the store as it was before the restore, in the backups
	// folder; empty when there was no store, or it could not be opened to be backed up.
	PreRestoreBackup string
	// MovedAside is where the previous data directory now is (a sibling of the data directory);
	// empty when there was none or it was empty.
	MovedAside string
	// Key opens the restored store (OpenWithKey); nil when it is not encrypted.
	Key []byte
}

// Restore replaces the store in dataDir with the backup in backupFile and says where it put the
// previous data. It is the one way to restore: the restore command, Settings (through Live.Restore)
// and the recovery window all come here. The store must not be open, in this process or another:
// close it first and reopen it afterwards with the result's Key (an open store makes it fail with
// ErrLocked, changing nothing); Live.Restore does both around it.
//
// sec.Key is the key of the store in dataDir when it is encrypted (UnlockKey); it also opens a
// backup made under the same passphrase. sec.Passphrase opens an encrypted backup made under
// another one. Without what it needs, it fails with ErrPassphraseNeeded or ErrWrongPassphrase and
// changes nothing.
//
// The restored store is encrypted the way the one it replaces is: with the same passphrase (and key)
// when that one is encrypted, plain when it is plain, whatever the backup was. Only when there is no
// store to replace (a new computer) does it follow the backup: encrypted with the backup's
// passphrase, or plain. So the backups folder, which it carries over, always matches the store,
// and a restore never turns encryption on or off behind the user's back.
//
// In order, it:
//  1. reads the whole backup file and refuses it (changing nothing) if it is not a complete
//     PanelPrep backup this version can read, or sec cannot open it; this is the one time the
//     file is verified before it is loaded (loading checks the trailer and, when encrypted,
//     authenticates every chunk again as it reads);
//  2. backs up the current store, if there is one, into <dataDir>/backups (a store that cannot be
//     opened is not backed up, but it is still kept by step 4);
//  3. restores backupFile into a new sibling folder of dataDir, with the key file when encrypted;
//  4. renames dataDir to the sibling <dataDir>.before-restore-<UTC time>, moving its backups folder
//     into the restored store first so backups stay in one place, and renames the restored folder
//     to dataDir. The previous store is moved aside, never deleted (with its key file, so its
//     passphrase still opens it there).
//
// A crash during step 4 leaves every byte on disk, in one of those folders.
func Restore(dataDir, backupFile string, now time.Time, sec Secret) (RestoreResult, error) {
	return restore(dataDir, backupFile, now, sec, nil)
}

// restore is Restore; release, when not nil, is called once the backup is verified and before
// anything else is done: Live closes its store there, so a backup that is refused never closes it.
// When release fails, nothing was changed.
func restore(dataDir, backupFile string, now time.Time, sec Secret, release func() error) (RestoreResult, error) {
	var res RestoreResult
	dataDir = filepath.Clean(dataDir)
	cur, o, hdr, err := verifyRestore(dataDir, backupFile, sec)
	if err != nil {
		return res, fmt.Errorf("nothing was changed: %w", err)
	}
	if release != nil {
		if err := release(); err != nil {
			return res, fmt.Errorf("closing the store before the restore (nothing was changed): %w", err)
		}
	}
	dst, err := inspectRestoreTarget(dataDir, cur)
	if err != nil {
		return res, err
	}
	target := cur
	if cur == nil && !dst.hadStore {
		target = o.backupKey(hdr) // nothing to replace: keep the backup's own setting
	}
	if dst.hadStore && !dst.damaged {
		if res.PreRestoreBackup, err = backupBeforeRestore(dataDir, cur, now); err != nil {
			return RestoreResult{}, err
		}
	}

	tmp, err := loadBeside(dataDir, backupFile, o, target)
	if err != nil {
		return res, err
	}
	res.Key = masterOf(target)
	defer os.Remove(filepath.Join(dataDir, restoredMarker)) // once in place, the marker has done its work
	switch {
	case dst.damaged:
		return replaceDamaged(dataDir, tmp, now, res)
	case dst.empty:
		if err := putInEmpty(dataDir, tmp, dst.exists); err != nil {
			return RestoreResult{}, err
		}
		return res, nil
	}
	aside, err := swapIn(dataDir, tmp, now)
	if err != nil {
		return res, err
	}
	res.MovedAside = aside
	syncDir(filepath.Dir(dataDir))
	return res, nil
}

// verifyRestore finishes an interrupted passphrase change in dataDir, unlocks its store (cur: its
// key, nil for a plain store) and verifies the whole backup file before anything is changed.
func verifyRestore(dataDir, backupFile string, sec Secret) (cur *encKey, o *backupOpener, hdr backupHeader, err error) {
	if err = finishRekey(dataDir); err != nil {
		return nil, nil, hdr, err
	}
	if cur, err = unlockDir(dataDir, sec.Key); err != nil {
		return nil, nil, hdr, err
	}
	o = &backupOpener{sec: sec}
	hdr, err = verifyFile(backupFile, o)
	return cur, o, hdr, err
}

// restoreTarget is what a restore finds in the data folder it replaces.
type restoreTarget struct {
	exists   bool // the folder exists
	empty    bool // it is missing or holds nothing
	hadStore bool // it holds a store
	damaged  bool // that store is damaged (checkFiles)
}

func inspectRestoreTarget(dataDir string, cur *encKey) (restoreTarget, error) {
	existing, err := os.ReadDir(dataDir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return restoreTarget{}, fmt.Errorf("%w: %s cannot be read: %v", ErrDataDir, dataDir, err)
	}
	t := restoreTarget{exists: err == nil, empty: len(existing) == 0}
	t.hadStore = t.exists && hasStore(dataDir)
	// A damaged store is never opened (Badger would drop the tables a damaged MANIFEST does not
	// list, or panic on a cut table): it is moved aside whole, exactly as it is (damage.go).
	t.damaged = t.exists && !t.empty && errors.Is(checkFiles(dataDir, cur), ErrDamaged)
	return t, nil
}

// putInEmpty puts the restored folder tmp in place of a data folder that is missing or empty.
func putInEmpty(dataDir, tmp string, exists bool) error {
	if exists {
		os.Remove(dataDir)
	}
	if err := os.Rename(tmp, dataDir); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("putting the restored store in place: %w", err)
	}
	syncDir(filepath.Dir(dataDir))
	return nil
}

// backupBeforeRestore backs up the store in dataDir (unlocked with cur) before a restore replaces
// it. A store that cannot be opened is not backed up: the restore keeps it whole all the same.
func backupBeforeRestore(dataDir string, cur *encKey, now time.Time) (string, error) {
	s, err := OpenWithKey(dataDir, masterOf(cur))
	switch {
	case errors.Is(err, ErrLocked):
		return "", fmt.Errorf("nothing was changed: %w", err)
	case err != nil:
		return "", nil
	}
	path, err := s.BackupNowFor(now, BackupBeforeRestore)
	if cerr := s.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("backing up the current data before restoring (nothing else was changed): %w", err)
	}
	return path, nil
}

// loadBeside loads the (verified) backup into a new folder beside dataDir, marked as a finished
// restore, and returns the folder. On failure nothing of it is left.
func loadBeside(dataDir, backupFile string, o *backupOpener, target *encKey) (string, error) {
	parent := filepath.Dir(dataDir)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrDataDir, parent, err)
	}
	tmp, err := os.MkdirTemp(parent, filepath.Base(dataDir)+restoringInfix)
	if err != nil {
		return "", fmt.Errorf("%w: cannot create a folder beside %s to restore into: %v", ErrDataDir, dataDir, err)
	}
	f, err := os.Open(backupFile)
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("opening the backup: %w", err)
	}
	err = loadInto(tmp, f, o, target) // verified before: read once more, to load it
	f.Close()
	if err == nil {
		err = writeMarker(tmp)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	return tmp, nil
}

// swapIn puts the restored store in tmp in the place of the data in dataDir, which holds more than
// an empty folder. The backups folder moves into the restored store; the previous data is moved
// aside (its name is returned) or, when it held only backups, removed. On failure everything goes
// back where it was, and no backup is ever deleted.
func swapIn(dataDir, tmp string, now time.Time) (aside string, err error) {
	oldBackups, newBackups := BackupsDir(dataDir), BackupsDir(tmp)
	movedBackups := false
	// undo removes the restored folder, after moving the backups folder back into dataDir; if that
	// fails the restored folder stays, so no backup is ever deleted here.
	undo := func(cause error) error {
		if movedBackups {
			if err := os.Rename(newBackups, oldBackups); err != nil {
				return fmt.Errorf("%w; the backups folder could not be moved back and is in %s", cause, newBackups)
			}
		}
		os.RemoveAll(tmp)
		return cause
	}
	if _, err := os.Stat(oldBackups); err == nil {
		if err := os.Rename(oldBackups, newBackups); err != nil {
			os.RemoveAll(tmp)
			return "", fmt.Errorf("moving the backups folder to the restored store: %w", err)
		}
		movedBackups = true
	}
	if left, _ := os.ReadDir(dataDir); len(left) == 0 {
		err = os.Remove(dataDir) // it held only backups: nothing to keep aside
	} else if aside, err = freeAsideName(dataDir, now); err == nil {
		err = os.Rename(dataDir, aside)
	}
	if err != nil {
		return "", undo(fmt.Errorf("moving the current data aside: %w", err))
	}
	if err := os.Rename(tmp, dataDir); err != nil {
		var back error
		if aside == "" {
			back = os.Mkdir(dataDir, 0o700)
		} else {
			back = os.Rename(aside, dataDir)
		}
		if back != nil {
			return "", fmt.Errorf("putting the restored store in place: %w; the restored store is in %s and the previous data in %s", err, tmp, aside)
		}
		return "", undo(fmt.Errorf("putting the restored store in place (the previous data is back): %w", err))
	}
	return aside, nil
}

// replaceDamaged puts the restored store in tmp in place of the damaged one in dataDir, which is
// moved aside whole and untouched to <dataDir>.damaged-<UTC time>. The backups stay in it and are
// also linked (copied where links are not possible) into the restored store, so that backups
// stay in one place and the damaged folder keeps every byte it had.
func replaceDamaged(dataDir, tmp string, now time.Time, res RestoreResult) (RestoreResult, error) {
	if err := shareBackups(BackupsDir(dataDir), BackupsDir(tmp)); err != nil {
		os.RemoveAll(tmp)
		return res, fmt.Errorf("nothing was changed: bringing the backups over to the restored store: %w", err)
	}
	aside, err := freeName(dataDir+".damaged-", now)
	if err == nil {
		err = os.Rename(dataDir, aside)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return res, fmt.Errorf("nothing was changed: moving the damaged data aside: %w", err)
	}
	if err := os.Rename(tmp, dataDir); err != nil {
		if back := os.Rename(aside, dataDir); back != nil {
			return res, fmt.Errorf("putting the restored store in place: %w; the restored store is in %s and the damaged data in %s", err, tmp, aside)
		}
		os.RemoveAll(tmp)
		return res, fmt.Errorf("putting the restored store in place (the damaged data is back, unchanged): %w", err)
	}
	res.MovedAside = aside
	syncDir(filepath.Dir(dataDir))
	return res, nil
}

// MoveDamagedAside moves the damaged store in dataDir aside whole and untouched, to
// <dataDir>.damaged-<UTC time>, so that PanelPrep can start afresh when there is no backup to
// restore; it returns where it went. A store that is not damaged (checkFiles) is refused, changing
// nothing: this is never a way to hide a healthy store.
func MoveDamagedAside(dataDir string, now time.Time) (string, error) {
	dataDir = filepath.Clean(dataDir)
	cur, err := unlockDir(dataDir, nil) // plain stores only: an encrypted one's tables need its key
	if err != nil {
		return "", fmt.Errorf("nothing was changed: %w", err)
	}
	if !errors.Is(checkFiles(dataDir, cur), ErrDamaged) {
		return "", fmt.Errorf("nothing was changed: the data in %s is not damaged", dataDir)
	}
	aside, err := freeName(dataDir+".damaged-", now)
	if err == nil {
		err = os.Rename(dataDir, aside)
	}
	if err != nil {
		return "", fmt.Errorf("nothing was changed: moving the damaged data aside: %w", err)
	}
	syncDir(filepath.Dir(dataDir))
	return aside, nil
}

// shareBackups links every file of the backups folder from into the folder to, or copies it where
// the system cannot link it. A missing from holds no backups.
func shareBackups(from, to string) error {
	entries, err := os.ReadDir(from)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := os.MkdirAll(to, 0o700); err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		src, dst := filepath.Join(from, e.Name()), filepath.Join(to, e.Name())
		if os.Link(src, dst) == nil {
			continue
		}
		if err := copyFile(src, dst); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeAtomically(dst, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}

// restoredMarker is written into the folder a restore builds once the backup is wholly loaded and
// the store closed: a leftover .restoring- folder that has it is complete (cleanRestoreLeftovers).
const restoredMarker = ".panelprep-restored"

func writeMarker(dir string) error {
	f, err := os.Create(filepath.Join(dir, restoredMarker))
	if err != nil {
		return fmt.Errorf("restoring the backup into %s: %w", dir, err)
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("restoring the backup into %s: %w", dir, err)
	}
	syncDir(dir)
	return nil
}

// restoringInfix names the sibling folder a restore builds the restored store in.
const restoringInfix = ".restoring-"

// leftoverAge is how long a .restoring- folder is left alone, in case a restore is still running
// in another PanelPrep: restores take seconds.
const leftoverAge = 10 * time.Minute

// cleanRestoreLeftovers deals with the folders a restore killed midway leaves beside dataDir
// (<dataDir>.restoring-*), so that they neither pile up nor hold the user's backups:
//   - complete (the marker, or the backups folder that a restore moves in only once the store is
//     loaded) while dataDir is missing or empty: the restore was killed between moving the old data
//     aside and putting the new in place; it is finished now;
//   - otherwise, once older than leftoverAge: a backups folder in it goes back into dataDir (file by
//     file, never over an existing file), and the rest, a partial copy of a backup file that still
//     exists, is removed.
//
// It reports what it did, one line per folder.
func cleanRestoreLeftovers(dataDir string, now time.Time) []string {
	dataDir = filepath.Clean(dataDir)
	siblings, _ := os.ReadDir(filepath.Dir(dataDir))
	var did []string
	for _, e := range siblings {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), filepath.Base(dataDir)+restoringInfix) {
			continue
		}
		left := filepath.Join(filepath.Dir(dataDir), e.Name())
		info, err := e.Info()
		if err != nil {
			continue
		}
		_, markerErr := os.Stat(filepath.Join(left, restoredMarker))
		_, backupsErr := os.Stat(BackupsDir(left))
		complete := markerErr == nil || backupsErr == nil
		entries, dirErr := os.ReadDir(dataDir)
		if complete && (errors.Is(dirErr, os.ErrNotExist) || (dirErr == nil && len(entries) == 0)) {
			if dirErr == nil {
				os.Remove(dataDir)
			}
			if os.Rename(left, dataDir) == nil {
				os.Remove(filepath.Join(dataDir, restoredMarker))
				syncDir(filepath.Dir(dataDir))
				did = append(did, "finished a restore that was interrupted: "+left+" is now "+dataDir)
			}
			continue
		}
		if now.Sub(newestTime(left, info.ModTime())) < leftoverAge {
			continue
		}
		if backupsErr == nil {
			if err := mergeBackups(BackupsDir(left), BackupsDir(dataDir)); err != nil {
				continue // keep the folder: it still holds backups
			}
		}
		if os.RemoveAll(left) == nil {
			did = append(did, "removed "+left+", left by a restore that was interrupted")
		}
	}
	return did
}

// mergeBackups moves every file of the backups folder from into to, never over an existing file.
func mergeBackups(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(to, 0o700); err != nil {
		return err
	}
	for _, e := range entries {
		dst := filepath.Join(to, e.Name())
		if _, err := os.Lstat(dst); err == nil {
			if !sameFile(filepath.Join(from, e.Name()), dst) {
				return fmt.Errorf("%s exists", dst)
			}
			continue
		}
		if err := os.Rename(filepath.Join(from, e.Name()), dst); err != nil {
			return err
		}
	}
	return nil
}

func sameFile(a, b string) bool {
	x, err1 := os.ReadFile(a)
	y, err2 := os.ReadFile(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// newestTime is the latest modification time of dir and what it holds, at least since.
func newestTime(dir string, since time.Time) time.Time {
	newest := since
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if info, err := d.Info(); err == nil && info.ModTime().After(newest) {
			newest = info.ModTime()
		}
		return nil
	})
	return newest
}

// hasStore reports whether dir holds a Badger database.
func hasStore(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "MANIFEST"))
	return err == nil
}

// freeAsideName is the sibling folder the previous data is moved to.
func freeAsideName(dataDir string, now time.Time) (string, error) {
	return freeName(dataDir+".before-restore-", now)
}

// freeName is prefix and now's UTC time, with -<n> added if a file or folder has that name.
func freeName(prefix string, now time.Time) (string, error) {
	base := prefix + now.UTC().Format(backupStamp)
	for n := 0; n < 1000; n++ {
		name := base
		if n > 0 {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		if _, err := os.Lstat(name); errors.Is(err, os.ErrNotExist) {
			return name, nil
		}
	}
	return "", fmt.Errorf("too many folders named %s*", base)
}

// writeAtomically is WriteFileAtomic, its errors naming the backup.
func writeAtomically(path string, fill func(io.Writer) error) error {
	if err := WriteFileAtomic(path, fill); err != nil {
		return fmt.Errorf("writing the backup %s: %w", path, err)
	}
	return nil
}

// syncDir makes a rename in dir durable. Some systems (Windows) cannot sync a folder; the rename
// is still done, only its durability on power loss is up to the system there.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

// hashingWriter writes to w and hashes and counts what it wrote.
type hashingWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (hw *hashingWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	hw.n += int64(n)
	return n, err
}
