package data

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

func init() {
	// Argon2id at full cost takes most of a second; the tests derive dozens of keys. BenchmarkKDF
	// measures the real cost.
	newKDF = kdfCost{Time: 1, MemoryKiB: 1 << 10, Threads: 1}
}

// The plaintext the tests look for in raw files: an answer, a draft, and a prompt ID (in keys).
const (
	secretAnswer = "We would shard the zebra-ledger by tenant and dual-write for a quarter"
	secretDraft  = "half-typed: the quokka reorg plan"
	secretPrompt = "prompt-okapi-42"
)

var secrets = []string{secretAnswer, secretDraft, secretPrompt}

// fillSecret is fill plus records holding the strings in secrets.
func fillSecret(t *testing.T, s *Store) {
	t.Helper()
	fill(t, s)
	if err := s.SaveAttempt(testAttempt(secretPrompt, time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC), secretAnswer)); err != nil {
		t.Fatal(err)
	}
	d := prep.Draft{SetID: "s", SetVersion: 1, Prompt: testPrompt("p-draft"), Answer: secretDraft,
		StartedAt: time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 11, 3, 10, 5, 0, 0, time.UTC)}
	if err := s.SaveDraft(d); err != nil {
		t.Fatal(err)
	}
}

// plaintextIn returns "file: secret" for every file under dir whose bytes contain one of secrets.
func plaintextIn(t *testing.T, dir string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				found = append(found, path+": "+s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// fileCount is the number of files under dir.
func fileCount(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// dataState is what must not change when an operation refuses: the records (read through Badger,
// whose own files change on every open), the key file, every file in the backups folder, and the
// folders beside the data directory.
type dataStateT struct {
	Records  map[string]string
	KeyFile  string
	Backups  map[string][32]byte
	Siblings []string
}

func dataState(t *testing.T, dataDir string, key []byte) dataStateT {
	t.Helper()
	var enc *encKey
	if key != nil {
		enc = &encKey{master: key}
	}
	db, err := badger.Open(storeOptions(dataDir, enc))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	snap := dataStateT{Records: map[string]string{}, Backups: preptest.FileHashes(t, BackupsDir(dataDir)), Siblings: listDir(t, filepath.Dir(dataDir))}
	err = db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			snap.Records[string(it.Item().KeyCopy(nil))] = string(v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	kf, _ := os.ReadFile(filepath.Join(dataDir, keyFileName))
	snap.KeyFile = string(kf)
	return snap
}

func mustOpenKey(t *testing.T, dir string, key []byte) *Store {
	t.Helper()
	s, err := OpenWithKey(dir, key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// readAll opens the store in dir with key, reads its contents and closes it.
func readAll(t *testing.T, dir string, key []byte) contents {
	t.Helper()
	s := mustOpenKey(t, dir, key)
	defer s.Close()
	return readContents(t, s)
}

// encryptedStore makes a filled store in parent/PanelPrep with a backup in its backups folder, and
// encrypts it with pass. It returns the data directory, the key and the contents.
func encryptedStore(t *testing.T, pass string) (string, []byte, contents) {
	t.Helper()
	dataDir := filepath.Join(t.TempDir(), "PanelPrep")
	s := mustOpen(t, dataDir)
	fillSecret(t, s)
	if _, err := s.BackupNow(time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	want := readContents(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	key, err := SetPassphrase(dataDir, nil, pass, time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC))
	if err != nil || len(key) != masterKeyLen {
		t.Fatalf("SetPassphrase: %d-byte key, %v", len(key), err)
	}
	return dataDir, key, want
}

// BenchmarkKDF measures the Argon2id cost new passphrases get, so the figure in the docs stays true
// (make bench). The first derivation is what a person waits for at start (its 128 MiB are fresh
// memory); the later ones, on memory the runtime has already mapped, are closer to what an
// attacker's loop pays. It is a benchmark, not a test with a time limit: a loaded machine would fail
// such a test without anything being wrong.
func BenchmarkKDF(b *testing.B) {
	p := keyParams{Version: 1, KDF: kdfArgon2id, Salt: make([]byte, kdfSaltLen),
		Time: defaultKDF.Time, MemoryKiB: defaultKDF.MemoryKiB, Threads: defaultKDF.Threads}
	b.Logf("Argon2id time=%d memory=%d MiB threads=%d", p.Time, p.MemoryKiB>>10, p.Threads)
	for b.Loop() {
		p.derive("correct horse battery staple")
	}
}

func TestSetPassphraseEncryptsEverything(t *testing.T) {
	parent := t.TempDir()
	dataDir := filepath.Join(parent, "PanelPrep")
	s := mustOpen(t, dataDir)
	fillSecret(t, s)
	oldBackup, err := s.BackupNow(time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(BackupsDir(dataDir), "notes.txt"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	want := readContents(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if found := plaintextIn(t, dataDir); len(found) == 0 {
		t.Fatal("the plain store does not hold the test strings: the test would prove nothing")
	}

	now := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	key, err := SetPassphrase(dataDir, nil, "correct horse", now)
	if err != nil {
		t.Fatal(err)
	}
	if found := plaintextIn(t, parent); len(found) > 0 {
		t.Errorf("plaintext left after encrypting:\n%s", strings.Join(found, "\n"))
	}
	t.Logf("%d files under the data directory, none holding the plaintext", fileCount(t, dataDir))
	if names := listDir(t, parent); !slices.Equal(names, []string{"PanelPrep"}) {
		t.Errorf("beside the data folder: %v", names)
	}
	if !Encrypted(dataDir) {
		t.Error("Encrypted says no")
	}
	var kf map[string]any
	if b, err := os.ReadFile(filepath.Join(dataDir, keyFileName)); err != nil || json.Unmarshal(b, &kf) != nil {
		t.Fatalf("key file: %s %v", b, err)
	}
	for _, field := range []string{"version", "kdf", "salt", "time", "memory_kib", "threads", "check"} {
		if _, ok := kf[field]; !ok {
			t.Errorf("key file has no %q: %v", field, kf)
		}
	}

	if _, err := Open(dataDir); !errors.Is(err, ErrPassphraseNeeded) {
		t.Fatalf("Open without a key: %v, want ErrPassphraseNeeded", err)
	}
	if _, err := UnlockKey(dataDir, "Correct horse"); !errors.Is(err, ErrWrongPassphrase) || err.Error() != "the passphrase is wrong" {
		t.Fatalf("wrong passphrase: %v", err)
	}
	got, err := UnlockKey(dataDir, "correct horse")
	if err != nil || !bytes.Equal(got, key) {
		t.Fatalf("UnlockKey: %v", err)
	}
	e := mustOpenKey(t, dataDir, got)
	if !e.Encrypted() {
		t.Error("the store does not say it is encrypted")
	}
	if c := readContents(t, e); !reflect.DeepEqual(c, want) {
		t.Errorf("the encrypted store differs:\n got %+v\nwant %+v", c, want)
	}
	if err := e.SaveAttempt(testAttempt("p9", now, "after encrypting")); err != nil {
		t.Fatal(err)
	}
	if rep, err := e.Check(false); err != nil || !rep.Clean() {
		t.Errorf("check: %v\n%s", err, rep)
	}
	backups, err := e.Backups()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	// The old backup was re-sealed, a new one made; the note was carried over.
	if len(backups) != 2 || backups[1].Path != oldBackup || filepath.Base(backups[0].Path) != "panelprep-20261121T080000Z-before-passphrase.backup" {
		t.Fatalf("backups: %+v", backups)
	}
	if b, err := os.ReadFile(filepath.Join(BackupsDir(dataDir), "notes.txt")); err != nil || string(b) != "mine" {
		t.Errorf("notes.txt: %q %v", b, err)
	}
	for _, b := range backups {
		if info, err := VerifyBackupFile(b.Path, Secret{}); !errors.Is(err, ErrPassphraseNeeded) || !info.Encrypted || info.Format != 2 {
			t.Errorf("%s without a key: %+v %v", b.Path, info, err)
		}
		if _, err := VerifyBackupFile(b.Path, Secret{Key: key}); err != nil {
			t.Errorf("%s with the key: %v", b.Path, err)
		}
	}
	// The re-sealed old backup restores to the contents it had.
	f, err := os.Open(oldBackup)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dst := filepath.Join(t.TempDir(), "restored")
	rkey, err := restoreStream(dst, f, Secret{Passphrase: "correct horse"})
	if err != nil || !bytes.Equal(rkey, key) {
		t.Fatalf("restoring the re-sealed backup: %v", err)
	}
	if c := readAll(t, dst, rkey); !reflect.DeepEqual(c, want) {
		t.Errorf("the re-sealed backup differs from the store it was made of")
	}
}

func TestChangeThenRemovePassphrase(t *testing.T) {
	dataDir, key1, want := encryptedStore(t, "first passphrase")
	parent := filepath.Dir(dataDir)
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)

	key2, err := SetPassphrase(dataDir, key1, "second passphrase", now)
	if err != nil || bytes.Equal(key1, key2) {
		t.Fatalf("change: %v", err)
	}
	if _, err := UnlockKey(dataDir, "first passphrase"); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("the old passphrase still unlocks: %v", err)
	}
	if _, err := OpenWithKey(dataDir, key1); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("the old key still opens: %v", err)
	}
	if k, err := UnlockKey(dataDir, "second passphrase"); err != nil || !bytes.Equal(k, key2) {
		t.Fatalf("the new passphrase: %v", err)
	}
	if c := readAll(t, dataDir, key2); !reflect.DeepEqual(c, want) {
		t.Errorf("contents changed with the passphrase")
	}
	backups, _ := ListBackups(BackupsDir(dataDir))
	if len(backups) != 3 {
		t.Fatalf("backups: %+v", backups)
	}
	for _, b := range backups {
		if _, err := VerifyBackupFile(b.Path, Secret{Key: key2}); err != nil {
			t.Errorf("%s under the new key: %v", filepath.Base(b.Path), err)
		}
		if _, err := VerifyBackupFile(b.Path, Secret{Key: key1}); !errors.Is(err, ErrPassphraseNeeded) {
			t.Errorf("%s under the old key: %v", filepath.Base(b.Path), err)
		}
	}
	if found := plaintextIn(t, parent); len(found) > 0 {
		t.Errorf("plaintext after the change: %v", found)
	}

	// Remove the encryption.
	key3, err := SetPassphrase(dataDir, key2, "", now.Add(time.Hour))
	if err != nil || key3 != nil {
		t.Fatalf("remove: %v %v", key3, err)
	}
	if Encrypted(dataDir) {
		t.Error("still encrypted")
	}
	if _, err := os.Stat(filepath.Join(dataDir, keyFileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the key file is still there: %v", err)
	}
	if _, err := OpenWithKey(dataDir, key2); !errors.Is(err, ErrNotEncrypted) {
		t.Errorf("a key for a plain store: %v", err)
	}
	if c := readAll(t, dataDir, nil); !reflect.DeepEqual(c, want) {
		t.Errorf("contents changed when removing the passphrase")
	}
	backups, _ = ListBackups(BackupsDir(dataDir))
	if len(backups) != 4 {
		t.Fatalf("backups: %+v", backups)
	}
	for _, b := range backups {
		if info, err := VerifyBackupFile(b.Path, Secret{}); err != nil || info.Encrypted {
			t.Errorf("%s is not a plain backup again: %+v %v", filepath.Base(b.Path), info, err)
		}
	}
	if names := listDir(t, parent); !slices.Equal(names, []string{"PanelPrep"}) {
		t.Errorf("beside the data folder: %v", names)
	}
	// Removing it from a plain store does nothing, and does not even open the store.
	before := preptest.FileHashes(t, parent)
	if k, err := SetPassphrase(dataDir, nil, "", now); err != nil || k != nil || !reflect.DeepEqual(preptest.FileHashes(t, parent), before) {
		t.Errorf("plain to plain: %v %v", k, err)
	}
}

func TestWrongKeyChangesNothing(t *testing.T) {
	dataDir, key, want := encryptedStore(t, "right")
	parent := filepath.Dir(dataDir)
	wrong := bytes.Clone(key)
	wrong[0] ^= 1
	before := preptest.FileHashes(t, parent)
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	for name, c := range map[string]struct {
		run  func() error
		want error
	}{
		"SetPassphrase with a wrong key": {func() error { _, err := SetPassphrase(dataDir, wrong, "new", now); return err }, ErrWrongPassphrase},
		"SetPassphrase without a key":    {func() error { _, err := SetPassphrase(dataDir, nil, "new", now); return err }, ErrPassphraseNeeded},
		"remove with a wrong key":        {func() error { _, err := SetPassphrase(dataDir, wrong, "", now); return err }, ErrWrongPassphrase},
		"OpenWithKey with a wrong key":   {func() error { _, err := OpenWithKey(dataDir, wrong); return err }, ErrWrongPassphrase},
		"OpenWithKey with a short key":   {func() error { _, err := OpenWithKey(dataDir, key[:16]); return err }, ErrWrongPassphrase},
		"Open":                           {func() error { _, err := Open(dataDir); return err }, ErrPassphraseNeeded},
		"UnlockKey":                      {func() error { _, err := UnlockKey(dataDir, "wrong"); return err }, ErrWrongPassphrase},
	} {
		if err := c.run(); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
		if !reflect.DeepEqual(preptest.FileHashes(t, parent), before) {
			t.Fatalf("%s changed the files", name)
		}
	}
	// While the store is open, nothing changes either.
	s := mustOpenKey(t, dataDir, key)
	if _, err := SetPassphrase(dataDir, key, "new", now); !errors.Is(err, ErrLocked) {
		t.Errorf("while open: %v, want ErrLocked", err)
	}
	if names := listDir(t, parent); !slices.Equal(names, []string{"PanelPrep"}) {
		t.Errorf("beside the data folder: %v", names)
	}
	if c := readContents(t, s); !reflect.DeepEqual(c, want) {
		t.Error("contents changed")
	}
	s.Close()
}

// TestOpenEncryptedWithBrokenKeyFile checks the errors when Badger itself rejects the key.
func TestOpenEncryptedWithBrokenKeyFile(t *testing.T) {
	dataDir, key, _ := encryptedStore(t, "pass")
	kf := filepath.Join(dataDir, keyFileName)
	saved, err := os.ReadFile(kf)
	if err != nil {
		t.Fatal(err)
	}
	// A key file from other data: the key fits the file, but Badger's key registry says no.
	other, otherKey, _ := encryptedStore(t, "pass")
	if err := os.WriteFile(kf, mustRead(t, filepath.Join(other, keyFileName)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenWithKey(dataDir, otherKey); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("key file of other data: %v", err)
	}
	// No key file: Badger's registry refuses the missing key, with a message about the key file.
	if err := os.Remove(kf); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dataDir); err == nil || !strings.Contains(err.Error(), "key file") || errors.Is(err, ErrPassphraseNeeded) {
		t.Errorf("missing key file: %v", err)
	}
	// A damaged key file.
	if err := os.WriteFile(kf, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenWithKey(dataDir, key); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("damaged key file: %v", err)
	}
	if err := os.WriteFile(kf, saved, 0o600); err != nil {
		t.Fatal(err)
	}
	mustOpenKey(t, dataDir, key).Close()
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEncryptedBackupRoundTrip(t *testing.T) {
	dataDir, key, want := encryptedStore(t, "backup pass")
	s := mustOpenKey(t, dataDir, key)
	file := filepath.Join(t.TempDir(), "x.backup")
	if err := s.BackupToFile(file); err != nil {
		t.Fatal(err)
	}
	s.Close()
	b := mustRead(t, file)
	for _, secret := range secrets {
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("the backup holds %q in plaintext", secret)
		}
	}
	if !bytes.HasPrefix(b, fmt.Appendf(nil, "PANELPREP-BACKUP\nformat 2\nschema %d\nencryption {", SchemaVersion)) {
		t.Errorf("header: %q", b[:60])
	}
	if info, err := ReadBackupHeader(file); err != nil || !info.Encrypted {
		t.Errorf("ReadBackupHeader: %+v %v", info, err)
	}

	// Elsewhere, with the passphrase alone.
	dst := filepath.Join(t.TempDir(), "elsewhere")
	rkey, err := restoreStream(dst, bytes.NewReader(b), Secret{Passphrase: "backup pass"})
	if err != nil || !bytes.Equal(rkey, key) {
		t.Fatalf("restore with the passphrase: %v", err)
	}
	if !Encrypted(dst) {
		t.Error("the restored store is not encrypted")
	}
	if k, err := UnlockKey(dst, "backup pass"); err != nil || !bytes.Equal(k, key) {
		t.Errorf("UnlockKey on the restored store: %v", err)
	}
	if c := readAll(t, dst, rkey); !reflect.DeepEqual(c, want) {
		t.Errorf("restored contents differ")
	}
	if found := plaintextIn(t, dst); len(found) > 0 {
		t.Errorf("plaintext in the restored store: %v", found)
	}
	// With the store's key (no Argon2id run), from a stream that cannot seek.
	dst2 := filepath.Join(t.TempDir(), "with-key")
	if _, err := restoreStream(dst2, bytes.NewBuffer(b), Secret{Key: key}); err != nil {
		t.Fatalf("restore with the key: %v", err)
	}
	if c := readAll(t, dst2, key); !reflect.DeepEqual(c, want) {
		t.Errorf("restored contents differ")
	}
	// Without the passphrase, or with a wrong one: refused, nothing created.
	for name, c := range map[string]struct {
		sec  Secret
		want error
	}{
		"no secret":        {Secret{}, ErrPassphraseNeeded},
		"wrong passphrase": {Secret{Passphrase: "Backup pass"}, ErrWrongPassphrase},
		"wrong key":        {Secret{Key: bytes.Repeat([]byte{1}, 32)}, ErrPassphraseNeeded},
	} {
		missing := filepath.Join(t.TempDir(), "new")
		if _, err := restoreStream(missing, bytes.NewReader(b), c.sec); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
		if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: a refused restore left %s", name, missing)
		}
		if _, err := VerifyBackupFile(file, c.sec); !errors.Is(err, c.want) {
			t.Errorf("%s: VerifyBackupFile: %v, want %v", name, err, c.want)
		}
	}
	if err := restoreIntoEmpty(filepath.Join(t.TempDir(), "new"), bytes.NewReader(b)); !errors.Is(err, ErrPassphraseNeeded) {
		t.Errorf("restoring into a new folder: %v", err)
	}
}

// bigEncryptedBackup returns an encrypted backup spanning several chunks, and its passphrase.
func bigEncryptedBackup(t *testing.T) ([]byte, string) {
	t.Helper()
	dir := t.TempDir()
	s := mustOpen(t, dir)
	base := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range 12 {
		if err := s.SaveAttempt(testAttempt(fmt.Sprintf("p%d", i), base.Add(time.Duration(i)*time.Hour),
			strings.Repeat(fmt.Sprintf("answer %d, ", i), 2000))); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	key, err := SetPassphrase(dir, nil, "pass", base)
	if err != nil {
		t.Fatal(err)
	}
	s = mustOpenKey(t, dir, key)
	defer s.Close()
	var buf bytes.Buffer
	if err := s.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), "pass"
}

// retrail replaces a backup's trailer with a correct one for the bytes before it, as someone who
// wanted a cut or changed file to pass the checksum would.
func retrail(file []byte, headerEnd int) []byte {
	body := file[:len(file)-trailerLen]
	sum := sha256.Sum256(body)
	return append(bytes.Clone(body), fmt.Sprintf("%s%016x %s\n", trailerMagic, len(body)-headerEnd, hex.EncodeToString(sum[:]))...)
}

func TestDamagedEncryptedBackupRefused(t *testing.T) {
	good, pass := bigEncryptedBackup(t)
	headerEnd := bytes.Index(good, []byte("\n\n")) + 2
	chunk := streamChunkSize + 16
	streamLen := len(good) - trailerLen - headerEnd
	if streamLen < 3*chunk {
		t.Fatalf("the stream is %d bytes: too short to cut at a chunk boundary", streamLen)
	}
	cutAtChunk := retrail(append(bytes.Clone(good[:headerEnd+2*chunk]), good[len(good)-trailerLen:]...), headerEnd)
	flipped := bytes.Clone(good)
	flipped[headerEnd+chunk+100] ^= 1
	flipped = retrail(flipped, headerEnd)
	dropped := retrail(append(bytes.Clone(good[:headerEnd+chunk]), good[headerEnd+2*chunk:]...), headerEnd)
	salt := bytes.Index(good, []byte(`"stream_salt":"`)) + len(`"stream_salt":"`)
	header := bytes.Clone(good)
	header[salt] = map[bool]byte{true: 'B', false: 'A'}[header[salt] == 'A'] // another stream salt, so another stream key
	header = retrail(header, headerEnd)
	cases := map[string][]byte{
		"cut in the middle":                      good[:len(good)/2],
		"last byte missing":                      good[:len(good)-1],
		"cut at a chunk boundary, trailer fixed": cutAtChunk,
		"one byte changed, trailer fixed":        flipped,
		"a chunk dropped, trailer fixed":         dropped,
		"header changed, trailer fixed":          header,
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "new")
			_, err := restoreStream(dst, bytes.NewReader(b), Secret{Passphrase: pass})
			if !errors.Is(err, ErrDamagedBackup) {
				t.Fatalf("got %v, want ErrDamagedBackup", err)
			}
			t.Log(err)
			if _, serr := os.Stat(dst); !errors.Is(serr, os.ErrNotExist) {
				t.Error("a refused restore left its folder")
			}
		})
	}
	// Without the passphrase a cut file is still called damaged, not "needs a passphrase".
	file := filepath.Join(t.TempDir(), "cut.backup")
	if err := os.WriteFile(file, good[:len(good)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyBackupFile(file, Secret{}); !errors.Is(err, ErrDamagedBackup) {
		t.Errorf("VerifyBackupFile on a cut file: %v", err)
	}
	// The good one restores.
	if _, err := restoreStream(filepath.Join(t.TempDir(), "ok"), bytes.NewReader(good), Secret{Passphrase: pass}); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreEncryptedKeepsTheStoresSetting(t *testing.T) {
	// An encrypted backup made elsewhere.
	otherDir, otherKey, otherWant := encryptedStore(t, "other pass")
	file := filepath.Join(t.TempDir(), "other.backup")
	o := mustOpenKey(t, otherDir, otherKey)
	if err := o.BackupToFile(file); err != nil {
		t.Fatal(err)
	}
	o.Close()
	now := time.Date(2026, 11, 26, 19, 0, 0, 0, time.UTC)

	t.Run("plain store: refused without the passphrase, then restored plain", func(t *testing.T) {
		parent := t.TempDir()
		dataDir := filepath.Join(parent, "PanelPrep")
		s := mustOpen(t, dataDir)
		fill(t, s)
		s.Close()
		before := preptest.FileHashes(t, parent)
		for _, sec := range []Secret{{}, {Passphrase: "wrong"}} {
			_, err := Restore(dataDir, file, now, sec)
			if !errors.Is(err, ErrPassphraseNeeded) && !errors.Is(err, ErrWrongPassphrase) || !strings.Contains(err.Error(), "nothing was changed") {
				t.Errorf("%+v: %v", sec, err)
			}
			if !reflect.DeepEqual(preptest.FileHashes(t, parent), before) {
				t.Fatal("a refused restore changed the files")
			}
		}
		if _, err := Restore(dataDir, file, now, Secret{}); !errors.Is(err, ErrPassphraseNeeded) {
			t.Errorf("Restore: %v", err)
		}
		res, err := Restore(dataDir, file, now, Secret{Passphrase: "other pass"})
		if err != nil || res.Key != nil {
			t.Fatalf("%+v %v", res, err)
		}
		if Encrypted(dataDir) {
			t.Error("a plain store became encrypted by a restore")
		}
		if c := readAll(t, dataDir, nil); !reflect.DeepEqual(c, otherWant) {
			t.Error("restored contents differ")
		}
	})

	t.Run("encrypted store: refused without its key, then restored under its passphrase", func(t *testing.T) {
		dataDir, key, _ := encryptedStore(t, "mine")
		parent := filepath.Dir(dataDir)
		before := preptest.FileHashes(t, parent)
		for _, sec := range []Secret{{}, {Passphrase: "other pass"}, {Key: key}, {Key: otherKey[:31], Passphrase: "other pass"}} {
			_, err := Restore(dataDir, file, now, sec)
			if !errors.Is(err, ErrPassphraseNeeded) && !errors.Is(err, ErrWrongPassphrase) {
				t.Errorf("%+v: %v", sec, err)
			}
			if !reflect.DeepEqual(preptest.FileHashes(t, parent), before) {
				t.Fatal("a refused restore changed the files")
			}
		}
		res, err := Restore(dataDir, file, now, Secret{Key: key, Passphrase: "other pass"})
		if err != nil || !bytes.Equal(res.Key, key) {
			t.Fatalf("%+v %v", res, err)
		}
		if k, err := UnlockKey(dataDir, "mine"); err != nil || !bytes.Equal(k, key) {
			t.Errorf("the restored store does not open with the passphrase of the store it replaced: %v", err)
		}
		if c := readAll(t, dataDir, key); !reflect.DeepEqual(c, otherWant) {
			t.Error("restored contents differ")
		}
		// The pre-restore backup is encrypted; the store moved aside still opens with its key.
		if info, err := VerifyBackupFile(res.PreRestoreBackup, Secret{Key: key}); err != nil || !info.Encrypted {
			t.Errorf("pre-restore backup: %+v %v", info, err)
		}
		mustOpenKey(t, res.MovedAside, key).Close()
		if found := plaintextIn(t, parent); len(found) > 0 {
			t.Errorf("plaintext after the restore: %v", found)
		}
	})

	t.Run("no store: follows the backup", func(t *testing.T) {
		dataDir := filepath.Join(t.TempDir(), "new-computer")
		res, err := Restore(dataDir, file, now, Secret{Passphrase: "other pass"})
		if err != nil || !bytes.Equal(res.Key, otherKey) {
			t.Fatalf("%+v %v", res, err)
		}
		if k, err := UnlockKey(dataDir, "other pass"); err != nil || !bytes.Equal(k, otherKey) {
			t.Errorf("UnlockKey: %v", err)
		}
	})

	t.Run("plain backup into an encrypted store: stays encrypted", func(t *testing.T) {
		plain := filepath.Join(t.TempDir(), "plain.backup")
		if err := os.WriteFile(plain, backupBytes(t), 0o600); err != nil {
			t.Fatal(err)
		}
		dataDir, key, _ := encryptedStore(t, "mine")
		res, err := Restore(dataDir, plain, now, Secret{Key: key})
		if err != nil || !bytes.Equal(res.Key, key) {
			t.Fatalf("%+v %v", res, err)
		}
		if c := readAll(t, dataDir, key); len(c.Attempts) != 3 {
			t.Errorf("restored %d attempts", len(c.Attempts))
		}
		if found := plaintextIn(t, dataDir); len(found) > 0 {
			t.Errorf("plaintext: %v", found)
		}
	})
}

// TestInterruptedRekeyIsFinished stops SetPassphrase at its commit point, and at each step after
// it, as a crash would, and checks the next opening finishes the change.
func TestInterruptedRekeyIsFinished(t *testing.T) {
	// committed makes a plain store and runs SetPassphrase up to its commit point (the new data
	// directory renamed to .rekeyed), returning the data directory and the new key.
	committed := func(t *testing.T) (string, []byte, contents) {
		t.Helper()
		dataDir := filepath.Join(t.TempDir(), "PanelPrep")
		s := mustOpen(t, dataDir)
		fillSecret(t, s)
		if _, err := s.BackupNow(time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		want := readContents(t, s)
		p, master, err := newKeyParams("pass")
		if err != nil {
			t.Fatal(err)
		}
		next := &encKey{master: master, params: p}
		tmp, err := os.MkdirTemp(filepath.Dir(dataDir), "PanelPrep"+rekeyingInfix)
		if err != nil {
			t.Fatal(err)
		}
		if err := buildRekeyed(s, tmp, next, time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, dataDir+rekeyedSuffix); err != nil {
			t.Fatal(err)
		}
		s.Close()
		return dataDir, master, want
	}
	check := func(t *testing.T, dataDir string, key []byte, want contents) {
		t.Helper()
		if !Encrypted(dataDir) {
			t.Fatal("not encrypted after finishing")
		}
		if k, err := UnlockKey(dataDir, "pass"); err != nil || !bytes.Equal(k, key) {
			t.Fatalf("UnlockKey: %v", err)
		}
		if c := readAll(t, dataDir, key); !reflect.DeepEqual(c, want) {
			t.Error("contents differ")
		}
		if names := listDir(t, filepath.Dir(dataDir)); !slices.Equal(names, []string{"PanelPrep"}) {
			t.Errorf("beside the data folder: %v", names)
		}
		if found := plaintextIn(t, filepath.Dir(dataDir)); len(found) > 0 {
			t.Errorf("plaintext left: %v", found)
		}
		if list, _ := ListBackups(BackupsDir(dataDir)); len(list) != 2 {
			t.Errorf("backups: %+v", list)
		}
	}
	t.Run("after the commit point", func(t *testing.T) {
		dataDir, key, want := committed(t)
		check(t, dataDir, key, want) // Encrypted finishes it
	})
	t.Run("after the backups were carried over", func(t *testing.T) {
		dataDir, key, want := committed(t)
		if err := carryOver(dataDir, dataDir+rekeyedSuffix); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(dataDir); !errors.Is(err, ErrPassphraseNeeded) {
			t.Fatalf("Open: %v", err) // Open finishes it, and then finds the store encrypted
		}
		check(t, dataDir, key, want)
	})
	t.Run("between the two renames", func(t *testing.T) {
		dataDir, key, want := committed(t)
		if err := carryOver(dataDir, dataDir+rekeyedSuffix); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(dataDir, dataDir+rekeyOldSuffix); err != nil {
			t.Fatal(err)
		}
		check(t, dataDir, key, want)
	})
	t.Run("before the old data was deleted", func(t *testing.T) {
		dataDir, key, want := committed(t)
		if err := carryOver(dataDir, dataDir+rekeyedSuffix); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(dataDir, dataDir+rekeyOldSuffix); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(dataDir+rekeyedSuffix, dataDir); err != nil {
			t.Fatal(err)
		}
		check(t, dataDir, key, want)
	})
	t.Run("before the commit point", func(t *testing.T) {
		dataDir := filepath.Join(t.TempDir(), "PanelPrep")
		s := mustOpen(t, dataDir)
		fillSecret(t, s)
		want := readContents(t, s)
		s.Close()
		half := dataDir + rekeyingInfix + "123"
		if err := os.MkdirAll(filepath.Join(half, "backups"), 0o700); err != nil {
			t.Fatal(err)
		}
		if c := readAll(t, dataDir, nil); !reflect.DeepEqual(c, want) {
			t.Error("the plain store changed")
		}
		if _, err := SetPassphrase(dataDir, nil, "pass", time.Now()); err != nil {
			t.Fatal(err)
		}
		if names := listDir(t, filepath.Dir(dataDir)); !slices.Equal(names, []string{"PanelPrep"}) {
			t.Errorf("the half-built folder is still there: %v", names)
		}
	})
}

func TestSetPassphraseRefusesUnreadablePlainBackup(t *testing.T) {
	parent := t.TempDir()
	dataDir := filepath.Join(parent, "PanelPrep")
	s := mustOpen(t, dataDir)
	fillSecret(t, s)
	path, err := s.BackupNow(time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	b := mustRead(t, path)
	if err := os.WriteFile(path, b[:len(b)-10], 0o600); err != nil { // cut short, plaintext inside
		t.Fatal(err)
	}
	before := dataState(t, dataDir, nil)
	_, err = SetPassphrase(dataDir, nil, "pass", time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC))
	if err == nil || !strings.Contains(err.Error(), "nothing was changed") || !strings.Contains(err.Error(), filepath.Base(path)) {
		t.Fatalf("got %v", err)
	}
	t.Log(err)
	if after := dataState(t, dataDir, nil); !reflect.DeepEqual(after, before) {
		t.Errorf("a refused change changed the data:\n%+v\n%+v", after.Siblings, before.Siblings)
	}
	if Encrypted(dataDir) {
		t.Error("encrypted after all")
	}
	// Removing the damaged backup lets it through.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, err := SetPassphrase(dataDir, nil, "pass", time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if found := plaintextIn(t, parent); len(found) > 0 {
		t.Errorf("plaintext: %v", found)
	}
}

// TestEncryptedStoreIsBadgers checks the store is encrypted by Badger itself: with the store key a
// raw Badger opens it, and Badger's key registry refuses no key or another one.
func TestEncryptedStoreIsBadgers(t *testing.T) {
	dataDir, key, _ := encryptedStore(t, "pass")
	enc := &encKey{master: key}
	db, err := badger.Open(storeOptions(dataDir, enc))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := checkKeyRegistry(dataDir, enc); err != nil {
		t.Errorf("the store key: %v", err)
	}
	for name, k := range map[string]*encKey{"no key": nil, "another key": {master: subKey(key, nil, "another")}} {
		if err := checkKeyRegistry(dataDir, k); !errors.Is(err, badger.ErrEncryptionKeyMismatch) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// BenchmarkEncryptedBackup1000 is BenchmarkBackup1000 on an encrypted store: encrypting the store
// (SetPassphrase), then backing up and restoring it with the key.
func BenchmarkEncryptedBackup1000(b *testing.B) {
	src := filepath.Join(b.TempDir(), "PanelPrep")
	s, err := Open(src)
	if err != nil {
		b.Fatal(err)
	}
	answer := strings.Repeat("We split the ledger from the authorisation path. ", 42)[:2048]
	base := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range 1000 {
		if err := s.SaveAttempt(testAttempt(fmt.Sprintf("p%d", i%40), base.Add(time.Duration(i)*time.Hour), answer)); err != nil {
			b.Fatal(err)
		}
	}
	s.Close()
	start := time.Now()
	key, err := SetPassphrase(src, nil, "bench", base)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("SetPassphrase on 1,000 attempts: %s", time.Since(start))
	s = mustOpenKeyB(b, src, key)
	defer s.Close()
	file := filepath.Join(b.TempDir(), "bench.backup")
	b.Run("backup", func(b *testing.B) {
		for b.Loop() {
			if err := s.BackupToFile(file); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("restore", func(b *testing.B) {
		root := b.TempDir()
		n := 0
		for b.Loop() {
			f, err := os.Open(file)
			if err != nil {
				b.Fatal(err)
			}
			dst := filepath.Join(root, fmt.Sprint(n))
			n++
			_, err = restoreStream(dst, f, Secret{Key: key})
			f.Close()
			if err != nil {
				b.Fatal(err)
			}
			os.RemoveAll(dst)
		}
	})
}

func mustOpenKeyB(b *testing.B, dir string, key []byte) *Store {
	b.Helper()
	s, err := OpenWithKey(dir, key)
	if err != nil {
		b.Fatal(err)
	}
	return s
}
