package data

// Encryption at rest.
//
// A passphrase, when the user sets one, encrypts the store with Badger's own encryption: AES-256
// over every table, value-log and memtable file, with data keys kept in Badger's KEYREGISTRY file
// sealed by the store key. The passphrase itself is never written anywhere. Argon2id turns it into
// a 32-byte master key; the keys actually used are derived from the master key with HKDF-SHA256,
// one per purpose, so no two uses share a key:
//
//	master     = Argon2id(passphrase, salt, time, memory, threads), 32 bytes
//	store key  = HKDF(master, info "panelprep store key")                  Badger's encryption key
//	stream key = HKDF(master, salt = the backup's stream salt,
//	                  info "panelprep backup stream")                        one per backup file (backup.go)
//	check      = HMAC-SHA256(master, "panelprep key check")
//
// What is needed to derive the master key again sits beside the store, in <dataDir>/encryption.json:
//
//	{"version":1,"kdf":"argon2id","salt":"<16 bytes, base64>","time":4,"memory_kib":131072,
//	 "threads":2,"check":"<32 bytes, base64>"}
//
// The check value lets a wrong passphrase be told from a right one before Badger is touched (Badger
// would otherwise fail deep in its key registry). It gives an attacker nothing the encrypted files
// do not: a guess tested against it costs the same Argon2id run as one tested against the store.
//
// The key file lives inside the data directory, like the backups folder (Badger ignores files it
// does not know), so that it moves with the store it belongs to. Changing the passphrase builds a
// whole new data directory beside the old one, key file included, and swaps the two with renames:
// there is no moment at which a store and a key file from different generations sit together, which
// a key file kept outside the directory could not promise (a crash between renaming the store and
// writing the key file would leave a store that no passphrase opens).
//
// A passphrase change goes through these folders, beside the data directory:
//
//	<dataDir>.rekeying-<random>   the new data directory being built; incomplete, so it is never
//	                              used, and the next SetPassphrase deletes it
//	<dataDir>.rekeyed             the new data directory, complete (store closed, key file synced):
//	                              renaming the folder above to this name is the commit point
//	<dataDir>.rekey-old           the previous data directory, deleted once the new one is in place
//
// Anything that opens the data (Open, OpenWithKey, Encrypted, UnlockKey, SetPassphrase, Restore)
// first finishes a change a crash interrupted after its commit point (finishRekey), so a crash at
// any moment leaves either the old data and passphrase or the new ones, never a mixture and never a
// missing data directory.

import (
	"bufio"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
	"golang.org/x/crypto/argon2"
)

const (
	keyFileName    = "encryption.json"
	keyFileVersion = 1
	kdfArgon2id    = "argon2id"
	masterKeyLen   = 32
	kdfSaltLen     = 16
	keyCheckText   = "panelprep key check"
	storeKeyInfo   = "panelprep store key"
	streamKeyInfo  = "panelprep backup stream"

	rekeyingInfix  = ".rekeying-"
	rekeyedSuffix  = ".rekeyed"
	rekeyOldSuffix = ".rekey-old"

	// Bounds on the Argon2id parameters read from a key file or a backup header: a damaged or
	// hostile file must not make PanelPrep allocate gigabytes or spin for minutes.
	maxKDFTime      = 32
	maxKDFMemoryKiB = 1 << 20 // 1 GiB
	maxKDFThreads   = 16
)

// kdfCost is how hard Argon2id works for a new key.
type kdfCost struct {
	Time      uint32
	MemoryKiB uint32
	Threads   uint8
}

// defaultKDF is the cost for new keys: 4 passes over 128 MiB with 2 lanes. On the 2-core development
// machine the first run in a process (what a person waits for, once per start) takes 0.35-0.5 s,
// 0.7 s in a -race build; a warmed-up loop, as an attacker would run, still 0.18 s per guess, and
// the 128 MiB per guess keeps GPUs from running many at once. RFC 9106's second recommendation
// (3 passes over 64 MiB) took only 0.12-0.18 s there. BenchmarkKDF measures it.
var defaultKDF = kdfCost{Time: 4, MemoryKiB: 128 << 10, Threads: 2}

// newKDF is the cost SetPassphrase uses; tests lower it to keep them quick.
var newKDF = defaultKDF

// ErrPassphraseNeeded means the data (or a backup) is encrypted and no passphrase or key was given.
var ErrPassphraseNeeded = errors.New("a passphrase is needed")

// ErrWrongPassphrase means the passphrase (or key) given does not open the data or the backup.
var ErrWrongPassphrase = errors.New("the passphrase is wrong")

// ErrNotEncrypted means a key was given for data that is not encrypted.
var ErrNotEncrypted = errors.New("the data is not encrypted")

// ErrUnfinished means SetPassphrase made the change (the new passphrase is the one that counts from
// now on) but could not finish tidying up: putting the new store in place, or deleting the previous
// copy of the data. The next Open finishes it; the error says what is left.
var ErrUnfinished = errors.New("the passphrase was changed, but the change is not finished")

// keyParams is what derives and checks a master key: the content of encryption.json, and the "key"
// part of an encrypted backup's header.
type keyParams struct {
	Version   int    `json:"version"`
	KDF       string `json:"kdf"`
	Salt      []byte `json:"salt"`
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
	Check     []byte `json:"check"`
}

// newKeyParams makes fresh parameters (a new random salt) for passphrase, and its master key.
func newKeyParams(passphrase string) (keyParams, []byte, error) {
	salt := make([]byte, kdfSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return keyParams{}, nil, fmt.Errorf("making a salt: %w", err)
	}
	p := keyParams{Version: keyFileVersion, KDF: kdfArgon2id, Salt: salt,
		Time: newKDF.Time, MemoryKiB: newKDF.MemoryKiB, Threads: newKDF.Threads}
	master := p.derive(passphrase)
	p.Check = keyCheck(master)
	return p, master, nil
}

func (p *keyParams) validate() error {
	switch {
	case p.Version < 1:
		return errors.New("it has no version")
	case p.Version > keyFileVersion:
		return fmt.Errorf("%w: its version is %d and this PanelPrep reads up to %d; install the newer PanelPrep", ErrNewerSchema, p.Version, keyFileVersion)
	case p.KDF != kdfArgon2id:
		return fmt.Errorf("its key derivation %q is not %s", p.KDF, kdfArgon2id)
	case len(p.Salt) < kdfSaltLen || len(p.Salt) > 64:
		return fmt.Errorf("its salt is %d bytes", len(p.Salt))
	case p.Time < 1 || p.Time > maxKDFTime:
		return fmt.Errorf("its time parameter %d is out of range", p.Time)
	case p.Threads < 1 || p.Threads > maxKDFThreads:
		return fmt.Errorf("its threads parameter %d is out of range", p.Threads)
	case p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > maxKDFMemoryKiB:
		return fmt.Errorf("its memory parameter %d KiB is out of range", p.MemoryKiB)
	case len(p.Check) != sha256.Size:
		return fmt.Errorf("its key check is %d bytes", len(p.Check))
	}
	return nil
}

// derive runs Argon2id: the slow step, on purpose.
func (p *keyParams) derive(passphrase string) []byte {
	return argon2.IDKey([]byte(passphrase), p.Salt, p.Time, p.MemoryKiB, p.Threads, masterKeyLen)
}

// opens reports whether master is the key these parameters were made with.
func (p *keyParams) opens(master []byte) bool {
	return len(master) == masterKeyLen && hmac.Equal(keyCheck(master), p.Check)
}

func keyCheck(master []byte) []byte {
	m := hmac.New(sha256.New, master)
	m.Write([]byte(keyCheckText))
	return m.Sum(nil)
}

// subKey derives a purpose-specific 32-byte key from a master key.
func subKey(master, salt []byte, info string) []byte {
	k, err := hkdf.Key(sha256.New, master, salt, info, 32)
	if err != nil {
		panic("hkdf: " + err.Error()) // only for lengths over 255 hash sizes
	}
	return k
}

// encKey is an unlocked encryption setting: the master key and the parameters that make it from the
// passphrase (what a backup header must carry so that the passphrase alone restores it).
type encKey struct {
	master []byte
	params keyParams
}

// storeKey is Badger's encryption key (AES-256).
func (k *encKey) storeKey() []byte { return subKey(k.master, nil, storeKeyInfo) }

// checkKeyRegistry reads Badger's key registry in dir (KEYREGISTRY) with enc's store key, and
// returns badger.ErrEncryptionKeyMismatch when the key does not fit the store: encrypted data with
// its key file gone, or a key file from other data. Other problems are left to Badger's Open. It
// writes nothing, and starts no goroutine (Badger v4.9.6's Open, refusing a key, leaves its cache
// monitor running).
func checkKeyRegistry(dir string, enc *encKey) error {
	opt := badger.KeyRegistryOptions{Dir: dir, ReadOnly: true}
	if enc != nil {
		opt.EncryptionKey = enc.storeKey()
	}
	kr, err := badger.OpenKeyRegistry(opt)
	if errors.Is(err, badger.ErrEncryptionKeyMismatch) {
		return err
	}
	if err == nil {
		kr.Close()
	}
	return nil
}

// masterOf is the key that opens an encrypted store or backup made with k; nil for plain data.
func masterOf(k *encKey) []byte {
	if k == nil {
		return nil
	}
	return append([]byte(nil), k.master...)
}

// readKeyFile reads <dir>/encryption.json; it returns nil, nil when there is none (plain data).
func readKeyFile(dir string) (*keyParams, error) {
	path := filepath.Join(dir, keyFileName)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: reading the key file %s: %v", ErrDataDir, path, err)
	}
	var p keyParams
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("the key file %s is damaged (%v); restore a backup with its passphrase", path, err)
	}
	if err := p.validate(); err != nil {
		if errors.Is(err, ErrNewerSchema) {
			return nil, fmt.Errorf("the key file %s: %w", path, err)
		}
		return nil, fmt.Errorf("the key file %s is damaged: %v; restore a backup with its passphrase", path, err)
	}
	return &p, nil
}

// writeKeyFile writes <dir>/encryption.json atomically (WriteFileAtomic).
func writeKeyFile(dir string, p keyParams) error {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the key file: %w", err)
	}
	if err := WriteFileAtomic(filepath.Join(dir, keyFileName), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	}); err != nil {
		return fmt.Errorf("writing the key file in %s: %w", dir, err)
	}
	return nil
}

// unlockDir checks key against the key file in dir. It returns nil, nil for plain data (whatever
// key was given), ErrPassphraseNeeded when the data is encrypted and key is nil, and
// ErrWrongPassphrase when key does not fit.
func unlockDir(dir string, key []byte) (*encKey, error) {
	p, err := readKeyFile(dir)
	switch {
	case err != nil:
		return nil, err
	case p == nil:
		return nil, nil
	case len(key) == 0:
		return nil, fmt.Errorf("%w: the data in %s is encrypted", ErrPassphraseNeeded, dir)
	case !p.opens(key):
		return nil, ErrWrongPassphrase
	}
	return &encKey{master: append([]byte(nil), key...), params: *p}, nil
}

// Encrypted reports whether the data in dataDir is encrypted (it has a key file), so the app knows to
// ask for the passphrase before opening it. It first finishes a passphrase change that a crash
// interrupted, so the answer is about the data Open will find.
func Encrypted(dataDir string) bool {
	_ = finishRekey(dataDir) // on failure, Open reports it
	_, err := os.Lstat(filepath.Join(dataDir, keyFileName))
	return err == nil
}

// UnlockKey turns the passphrase of the encrypted data in dataDir into the key that opens it
// (OpenWithKey) and its backups (Secret.Key). It takes a moment on purpose (Argon2id), and does not
// touch the store: a wrong passphrase gives ErrWrongPassphrase, data that is not encrypted
// ErrNotEncrypted. Treat the key as a secret: keep it in memory only.
func UnlockKey(dataDir, passphrase string) ([]byte, error) {
	if err := finishRekey(dataDir); err != nil {
		return nil, err
	}
	p, err := readKeyFile(dataDir)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, fmt.Errorf("%w: %s", ErrNotEncrypted, dataDir)
	}
	master := p.derive(passphrase)
	if !p.opens(master) {
		return nil, ErrWrongPassphrase
	}
	return master, nil
}

// Encrypted reports whether the store is encrypted; its backups then are too.
func (s *Store) Encrypted() bool { return s.enc != nil }

// SetPassphrase encrypts the data in dataDir with newPassphrase, changes its passphrase, or, when
// newPassphrase is empty, removes the encryption. currentKey is the key the data opens with now
// (UnlockKey), nil when it is not encrypted. It returns the key the data opens with afterwards
// (nil when it is no longer encrypted). The store must be closed, in this process and every other:
// an open store gives ErrLocked.
//
// It re-encrypts through backup and restore, never in place:
//  1. it opens the store with currentKey (ErrPassphraseNeeded, ErrWrongPassphrase: nothing changed);
//  2. it writes a backup of it, sealed with the new setting, into the backups folder of a new data
//     directory beside dataDir, and re-seals every backup of the backups folder there too (backups
//     sealed with a passphrase it does not have are carried over as they are; one it cannot read and
//     that is not encrypted stops an encryption, since it would stay readable);
//  3. it restores that backup into the new directory, opened with the new key, and only then writes
//     the new key file there (none for a plain store);
//  4. it renames the new directory to <dataDir>.rekeyed: the commit point;
//  5. it moves into the new directory what the old one holds besides the store and its backups'
//     re-sealed copies (notes, unreadable backups), renames dataDir aside and the new directory
//     into its place, and only then deletes the old directory: its store files, its key file, and
//     the original backups, which hold the data unencrypted or under the old passphrase.
//
// On any failure before step 4 nothing has changed and the error says so. A failure after it
// returns the new key and an error wrapping ErrUnfinished: the change is made, and the next Open
// (or Encrypted, UnlockKey) finishes it, as it does after a crash. now dates the new backup.
//
// Deleting the old files removes them from the folder; whether their blocks on the disk are
// overwritten is up to the file system (SSDs and copy-on-write file systems keep old blocks for a
// while). Full-disk encryption covers that; this does not claim to.
func SetPassphrase(dataDir string, currentKey []byte, newPassphrase string, now time.Time) (newKey []byte, err error) {
	dataDir = filepath.Clean(dataDir)
	if err := finishRekey(dataDir); err != nil {
		return nil, err
	}
	if newPassphrase == "" && len(currentKey) == 0 && !Encrypted(dataDir) {
		return nil, nil // already plain
	}
	old, err := OpenWithKey(dataDir, currentKey)
	if err != nil {
		return nil, err
	}
	defer old.Close()
	// Holding the store's lock, no other SetPassphrase can be running: leftovers are from a crash.
	removeStaleRekeying(dataDir)
	if err := ensureSpace(dataDir, uint64(treeSize(dataDir))); err != nil {
		return nil, fmt.Errorf("changing the passphrase needs room for a second copy of the data (nothing was changed): %w", err)
	}
	var next *encKey
	if newPassphrase != "" {
		p, master, err := newKeyParams(newPassphrase)
		if err != nil {
			return nil, fmt.Errorf("changing the passphrase (nothing was changed): %w", err)
		}
		next = &encKey{master: master, params: p}
	}
	parent := filepath.Dir(dataDir)
	tmp, err := os.MkdirTemp(parent, filepath.Base(dataDir)+rekeyingInfix)
	if err != nil {
		return nil, fmt.Errorf("%w: cannot create a folder beside %s for the re-encrypted data (nothing was changed): %v", ErrDataDir, dataDir, err)
	}
	if err := buildRekeyed(old, tmp, next, now); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("changing the passphrase (nothing was changed): %w", err)
	}
	if err := os.Rename(tmp, dataDir+rekeyedSuffix); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("changing the passphrase (nothing was changed): %w", err)
	}
	syncDir(parent)
	// Committed. The old store was only read from; its close cannot affect the new one.
	old.Close()
	newKey = masterOf(next)
	if err := finishRekey(dataDir); err != nil {
		return newKey, fmt.Errorf("%w: %v", ErrUnfinished, err)
	}
	return newKey, nil
}

// buildRekeyed fills tmp with a complete copy of old's data directory under the setting next (nil:
// plain): a new backup, the re-sealed backups, the store loaded from the new backup, the key file.
func buildRekeyed(old *Store, tmp string, next *encKey, now time.Time) error {
	oldBackups, newBackups := BackupsDir(old.dir), BackupsDir(tmp)
	if err := os.Mkdir(newBackups, 0o700); err != nil {
		return fmt.Errorf("%w: %v", ErrDataDir, err)
	}
	name, err := freeBackupName(oldBackups, now, BackupBeforePassphrase)
	if err != nil {
		return err
	}
	schema, err := old.schemaVersion()
	if err != nil {
		return err
	}
	// The store goes through a backup file, not a pipe: the file is checked (trailer, and every
	// chunk's authentication) while it is loaded, and it stays as the first backup under the new
	// setting. It is sealed with the new key, so no plaintext copy is ever written for an
	// encrypted store.
	fresh := filepath.Join(newBackups, filepath.Base(name))
	if err := writeAtomically(fresh, func(w io.Writer) error {
		return writeBackup(w, schema, next, old.streamWithReviews) // the review store is re-encrypted with it
	}); err != nil {
		return err
	}
	if err := resealBackups(oldBackups, newBackups, old.enc, next); err != nil {
		return err
	}
	f, err := os.Open(fresh)
	if err != nil {
		return fmt.Errorf("rereading the new backup: %w", err)
	}
	defer f.Close()
	o := &backupOpener{key: masterOf(next)}
	if err := load(tmp, f, o, next); err != nil { // writes the key file once the store is complete
		return err
	}
	syncDir(newBackups)
	syncDir(tmp)
	return nil
}

// resealBackups writes a copy of every backup in oldDir into newDir, sealed with next (nil: plain).
// A backup sealed with a key other than cur's is left out (it is carried over as it is); so is one
// that cannot be read, unless it is not encrypted and next is: that one would stay readable, so it
// stops the change.
func resealBackups(oldDir, newDir string, cur, next *encKey) error {
	list, err := ListBackups(oldDir)
	if err != nil {
		return err
	}
	for _, b := range list {
		o := &backupOpener{key: masterOf(cur)}
		hdr, err := verifyFile(b.Path, o)
		switch {
		case err == nil:
		case errors.Is(err, ErrPassphraseNeeded) || errors.Is(err, ErrWrongPassphrase):
			continue // sealed with an older passphrase: ciphertext, kept as it is
		case hdr.seal == nil && next != nil:
			return fmt.Errorf("the backup %s cannot be read (%v) and is not encrypted, so it would stay readable; move it out of %s or delete it, then set the passphrase again",
				b.Path, err, oldDir)
		default:
			continue // unreadable, and either encrypted or staying so: carried over as it is
		}
		dst := filepath.Join(newDir, filepath.Base(b.Path))
		if err := writeAtomically(dst, func(w io.Writer) error { return reseal(w, b.Path, o, next) }); err != nil {
			return err
		}
	}
	return nil
}

// reseal copies the backup at path to w, sealed with next (nil: plain).
func reseal(w io.Writer, path string, o *backupOpener, next *encKey) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	hdr, tr, src, err := openBackup(f, o)
	if err != nil {
		return err
	}
	return writeBackup(w, hdr.info.Schema, next, func(w io.Writer) error {
		if _, err := io.Copy(w, src); err != nil {
			return err
		}
		return tr.check()
	})
}

// removeStaleRekeying deletes new data directories that a crashed SetPassphrase left half built.
func removeStaleRekeying(dataDir string) {
	parent, prefix := filepath.Dir(dataDir), filepath.Base(dataDir)+rekeyingInfix
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), prefix) {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// finishRekey puts a committed new data directory (<dataDir>.rekeyed) in place and deletes the
// previous one (<dataDir>.rekey-old). It is what SetPassphrase does after its commit point, and what
// every opening of the data does first, so a crash between any two of its steps is finished by the
// next start. With no passphrase change under way it costs two Lstat calls.
func finishRekey(dataDir string) error {
	dataDir = filepath.Clean(dataDir)
	parent := filepath.Dir(dataDir)
	next, old := dataDir+rekeyedSuffix, dataDir+rekeyOldSuffix
	nextExists, oldExists := exists(next), exists(old)
	if !nextExists && !oldExists {
		return nil
	}
	if nextExists {
		if exists(dataDir) {
			if oldExists {
				return fmt.Errorf("%w: %s holds a new copy of the data and %s an old one; a passphrase change was interrupted in a way PanelPrep cannot finish on its own: keep the folder that opens with your passphrase as %s",
					ErrDataDir, next, old, dataDir)
			}
			if err := carryOver(dataDir, next); err != nil {
				return fmt.Errorf("finishing the passphrase change: %w", err)
			}
			if err := os.Rename(dataDir, old); err != nil {
				return fmt.Errorf("finishing the passphrase change: moving the previous data aside: %w", err)
			}
		}
		if err := os.Rename(next, dataDir); err != nil {
			return fmt.Errorf("finishing the passphrase change: putting the new data in place (it is in %s): %w", next, err)
		}
		syncDir(parent)
	} else if !hasStore(dataDir) {
		// Only the previous data is there (folders moved by hand?): put it back rather than delete
		// what may be the only copy.
		if !exists(dataDir) {
			if err := os.Rename(old, dataDir); err != nil {
				return fmt.Errorf("%w: the data is in %s and could not be moved back to %s: %v", ErrDataDir, old, dataDir, err)
			}
			syncDir(parent)
		}
		return nil
	}
	// The new data is in place. Deleting the previous copy is the point of the change when
	// encrypting: it holds the data unencrypted (or under the old passphrase), and must not be left
	// behind.
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("deleting the previous copy of the data in %s (delete it yourself if this persists): %w", old, err)
	}
	syncDir(parent)
	return nil
}

// carryOver moves into the new data directory what the old one holds besides its store: backups the
// new one has no copy of (its copies are re-sealed), and any other file or folder it does not have.
// The store's own files, its key file and temporary files stay behind, to be deleted with it. Each
// move is a rename, so running it again after a crash carries over the rest.
func carryOver(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if isStoreFile(name) {
			continue
		}
		src, dst := filepath.Join(from, name), filepath.Join(to, name)
		if name == BackupsFolder && e.IsDir() {
			if err := mergeInto(src, dst); err != nil {
				return err
			}
			continue
		}
		if exists(dst) {
			continue
		}
		if err := os.Rename(src, dst); err != nil {
			return err
		}
	}
	syncDir(to)
	return nil
}

// mergeInto moves each entry of src that dst lacks into dst, skipping temporary files.
func mergeInto(src, dst string) error {
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return err
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if isTempFile(name) || exists(filepath.Join(dst, name)) {
			continue
		}
		if err := os.Rename(filepath.Join(src, name), filepath.Join(dst, name)); err != nil {
			return err
		}
	}
	syncDir(dst)
	return nil
}

// isStoreFile reports whether name, at the top of a data directory, belongs to the store itself:
// Badger's files, the key file, and temporary files.
func isStoreFile(name string) bool {
	switch name {
	case "MANIFEST", "MANIFEST-REWRITE", "KEYREGISTRY", "REWRITE-KEYREGISTRY", "LOCK", "DISCARD", keyFileName:
		return true
	}
	for _, suffix := range []string{".sst", ".vlog", ".mem"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return strings.HasPrefix(name, ".write-test-") || isTempFile(name)
}

func isTempFile(name string) bool {
	return strings.HasPrefix(name, tempPrefix) && strings.HasSuffix(name, tempSuffix)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// treeSize is the bytes of the files under dir (0 when it cannot be read).
func treeSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// Secret opens encrypted data: the key UnlockKey returned for a store, a passphrase, or both. A
// backup is opened with Key when it was made under the same passphrase setting as the store, else
// with Passphrase (a backup from before a passphrase change, or from another computer). The zero
// Secret opens only plain data.
type Secret struct {
	Key        []byte
	Passphrase string
}

// backupOpener finds the master key of encrypted backups from a Secret, running Argon2id at most
// once per backup setting.
type backupOpener struct {
	sec Secret
	key []byte // the last master key found (or given to start with)
}

func (o *backupOpener) master(p *keyParams) ([]byte, error) {
	if p.opens(o.key) {
		return o.key, nil
	}
	if p.opens(o.sec.Key) {
		o.key = o.sec.Key
		return o.key, nil
	}
	if o.sec.Passphrase == "" {
		if len(o.sec.Key) > 0 || len(o.key) > 0 {
			return nil, fmt.Errorf("%w: the backup is encrypted with another passphrase (one set before a change, or on another computer); enter that passphrase", ErrPassphraseNeeded)
		}
		return nil, fmt.Errorf("%w: the backup is encrypted; enter its passphrase", ErrPassphraseNeeded)
	}
	k := p.derive(o.sec.Passphrase)
	if !p.opens(k) {
		return nil, fmt.Errorf("%w for this backup (was it made before the passphrase was changed?)", ErrWrongPassphrase)
	}
	o.key = k
	return k, nil
}

// backupKey is the encryption setting of a backup already opened with o (nil for a plain one):
// what a store restored from it alone is encrypted with.
func (o *backupOpener) backupKey(hdr backupHeader) *encKey {
	if hdr.seal == nil {
		return nil
	}
	return &encKey{master: append([]byte(nil), o.key...), params: hdr.seal.Key}
}

// Encrypted backup streams.
//
// An encrypted backup's Badger stream is cut into chunks of ChunkSize bytes (the last one shorter,
// possibly empty), each sealed with AES-256-GCM under the stream key:
//
//	nonce = NoncePrefix (4 random bytes) || chunk number (8 bytes, big-endian, from 0)
//	additional data = SHA-256 of the backup's header || 1 for the last chunk, 0 for the others
//
// so a chunk cannot be changed, moved, dropped or replayed, the header (KDF parameters included)
// cannot be altered, and a file cut at a chunk boundary is caught because its last chunk was not
// sealed as the last. The stream key is fresh for every file (HKDF with a random stream salt), so
// no (key, nonce) pair ever repeats.

const (
	streamCipher    = "aes-256-gcm"
	streamChunkSize = 64 << 10
	streamSaltLen   = 32
	noncePrefixLen  = 4
	maxChunkSize    = 16 << 20
)

// streamSeal is the "encryption" line of an encrypted backup's header (JSON).
type streamSeal struct {
	Cipher      string    `json:"cipher"`
	ChunkSize   int       `json:"chunk_size"`
	StreamSalt  []byte    `json:"stream_salt"`
	NoncePrefix []byte    `json:"nonce_prefix"`
	Key         keyParams `json:"key"`
}

func newStreamSeal(p keyParams) (*streamSeal, error) {
	s := &streamSeal{Cipher: streamCipher, ChunkSize: streamChunkSize, StreamSalt: make([]byte, streamSaltLen),
		NoncePrefix: make([]byte, noncePrefixLen), Key: p}
	if _, err := rand.Read(s.StreamSalt); err != nil {
		return nil, err
	}
	if _, err := rand.Read(s.NoncePrefix); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *streamSeal) validate() error {
	switch {
	case s.Cipher != streamCipher:
		return fmt.Errorf("its cipher %q is not %s", s.Cipher, streamCipher)
	case s.ChunkSize < 1 || s.ChunkSize > maxChunkSize:
		return fmt.Errorf("its chunk size %d is out of range", s.ChunkSize)
	case len(s.StreamSalt) != streamSaltLen || len(s.NoncePrefix) != noncePrefixLen:
		return errors.New("its stream salt or nonce prefix has the wrong length")
	}
	return s.Key.validate()
}

func (s *streamSeal) aead(master []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(subKey(master, s.StreamSalt, streamKeyInfo))
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func (s *streamSeal) nonce(dst []byte, n uint64) []byte {
	return binary.BigEndian.AppendUint64(append(dst[:0], s.NoncePrefix...), n)
}

// sealWriter encrypts what is written to it in chunks; Close seals the last chunk.
type sealWriter struct {
	w     io.Writer
	aead  cipher.AEAD
	seal  *streamSeal
	ad    []byte // header hash, then the last-chunk flag
	buf   []byte
	out   []byte
	nonce []byte
	n     uint64
}

func newSealWriter(w io.Writer, s *streamSeal, master, headerSum []byte) (*sealWriter, error) {
	a, err := s.aead(master)
	if err != nil {
		return nil, err
	}
	return &sealWriter{w: w, aead: a, seal: s, ad: append(append([]byte(nil), headerSum...), 0),
		buf: make([]byte, 0, s.ChunkSize)}, nil
}

func (s *sealWriter) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		// A full chunk is sealed only once more data comes, so that the last one is known at Close.
		if len(s.buf) == s.seal.ChunkSize {
			if err := s.flush(false); err != nil {
				return written, err
			}
		}
		n := copy(s.buf[len(s.buf):s.seal.ChunkSize], p)
		s.buf = s.buf[:len(s.buf)+n]
		p = p[n:]
		written += n
	}
	return written, nil
}

func (s *sealWriter) flush(last bool) error {
	s.ad[len(s.ad)-1] = 0
	if last {
		s.ad[len(s.ad)-1] = 1
	}
	s.nonce = s.seal.nonce(s.nonce, s.n)
	s.out = s.aead.Seal(s.out[:0], s.nonce, s.buf, s.ad)
	s.n++
	s.buf = s.buf[:0]
	_, err := s.w.Write(s.out)
	return err
}

// Close seals the last chunk. It does not close the underlying writer.
func (s *sealWriter) Close() error { return s.flush(true) }

// openReader decrypts and authenticates a sealed stream chunk by chunk. It returns io.EOF only after
// a chunk sealed as the last one, and an error wrapping ErrDamagedBackup for any chunk that does not
// authenticate.
type openReader struct {
	r     *bufio.Reader
	aead  cipher.AEAD
	seal  *streamSeal
	ad    []byte
	ct    []byte
	plain []byte
	nonce []byte
	n     uint64
	done  bool
}

func newOpenReader(r io.Reader, s *streamSeal, master, headerSum []byte) (*openReader, error) {
	a, err := s.aead(master)
	if err != nil {
		return nil, err
	}
	full := s.ChunkSize + a.Overhead()
	return &openReader{r: bufio.NewReaderSize(r, full+1), aead: a, seal: s,
		ad: append(append([]byte(nil), headerSum...), 0), ct: make([]byte, full)}, nil
}

func (o *openReader) Read(p []byte) (int, error) {
	for len(o.plain) == 0 {
		if o.done {
			return 0, io.EOF
		}
		if err := o.next(); err != nil {
			return 0, err
		}
	}
	n := copy(p, o.plain)
	o.plain = o.plain[n:]
	return n, nil
}

func (o *openReader) next() error {
	k, err := io.ReadFull(o.r, o.ct)
	last := false
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		last = true
	case err != nil:
		return err
	default:
		if _, err := o.r.Peek(1); errors.Is(err, io.EOF) {
			last = true
		} else if err != nil {
			return err
		}
	}
	o.ad[len(o.ad)-1] = 0
	if last {
		o.ad[len(o.ad)-1] = 1
	}
	o.nonce = o.seal.nonce(o.nonce, o.n)
	plain, err := o.aead.Open(o.ct[:0], o.nonce, o.ct[:k], o.ad)
	if err != nil {
		if last {
			return fmt.Errorf("%w: its encrypted data ends early or was changed (chunk %d does not check out)", ErrDamagedBackup, o.n)
		}
		return fmt.Errorf("%w: its encrypted data was changed (chunk %d does not check out)", ErrDamagedBackup, o.n)
	}
	o.plain = plain
	o.n++
	o.done = last
	return nil
}
