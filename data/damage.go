package data

// Damage found before Badger opens a store.
//
// Badger trusts its files, and three kinds of damage cost a user every attempt:
//   - with its MANIFEST (the list of table files) missing or cut short, Badger starts a new one
//     and deletes every table file the new one does not list, so the store opens empty and the
//     tables are gone from the disk;
//   - a table file cut short makes Badger panic in one of its own goroutines while it opens the
//     tables, where no recover of ours can catch it: every start crashes;
//   - a table whose bytes were overwritten opens and serves garbage with checksums off (Badger's
//     default); with ChecksumVerificationMode OnTableRead Badger logs the mismatch and carries on
//     without the table (levels.go, "Ignoring table"), which hides the loss instead.
//
// So openStore looks at the files first, in the caller's goroutine where a panic can be recovered:
// it reads the MANIFEST itself and opens every table it lists with Badger's own table package,
// checking its index, and the checksum of every block of each table it has not verified before
// (verifiedName). A damaged store is refused with an error wrapping ErrDamaged,
// and nothing in it is changed, so the recovery (restoring a backup, which moves the folder aside)
// works on the files as they were.

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/fb"
	badgeropts "github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/table"
	"github.com/dgraph-io/ristretto/v2"
	"github.com/dgraph-io/ristretto/v2/z"
)

// ErrDamaged means the store's files are damaged (a table file, its MANIFEST or its key registry):
// PanelPrep did not open it and changed nothing. Restoring a backup mends it; the damaged folder is
// moved aside, never deleted.
var ErrDamaged = errors.New("the data is damaged")

// DamageError says which file of a store is damaged and how. It wraps ErrDamaged.
type DamageError struct {
	Dir  string // the data directory
	File string // the damaged file, a name in Dir
	What string // what is wrong with it
}

func (e *DamageError) Error() string {
	return fmt.Sprintf("the data in %s is damaged: %s %s. PanelPrep did not open it, so nothing in it was changed; "+
		"restore a backup (the damaged folder is moved aside, never deleted)", e.Dir, e.File, e.What)
}

func (e *DamageError) Unwrap() error { return ErrDamaged }

const manifestName = "MANIFEST"

// manifestMagicLen is the MANIFEST's header: "Bdgr", Badger's external and internal versions.
// Badger writes a change set right after it whenever it creates a MANIFEST, so one that ends there
// was cut short.
const manifestMagicLen = 8

// checkFilesBeforeOpen is checkFiles; the open-time benchmark swaps it to measure Badger alone.
var checkFilesBeforeOpen = checkFiles

// checkFiles refuses a damaged store in dir with a *DamageError before Badger sees it; enc is the
// store's encryption (nil: plain), needed to read encrypted tables. A folder without a store passes.
func checkFiles(dir string, enc *encKey) error {
	files, err := listStoreFiles(dir)
	if err != nil {
		return err
	}
	if !files.manifest {
		return files.missingManifest(dir)
	}
	mf, end, size, err := readManifest(dir)
	if err != nil && strings.Contains(err.Error(), "unsupported version") {
		return nil // written by a newer Badger, not damaged: Badger's own error says so
	}
	if err != nil {
		return damageOf(dir, manifestName, "cannot be read (%v)", err)
	}
	if err := files.cutManifest(dir, mf, end, size); err != nil {
		return err
	}
	listed, err := files.listedTables(dir, mf)
	if err != nil {
		return err
	}
	if err := checkKeyRegistryDamage(dir, enc, mf); err != nil {
		return err
	}
	if enc == nil && encryptedTables(mf) {
		return nil // encrypted, and its key file is missing: openStore says so
	}
	return checkTables(dir, enc, mf, listed, false)
}

// storeFiles are the files of a store's folder that checkFiles weighs.
type storeFiles struct {
	manifest bool
	tables   map[uint64]string // table files by ID
	logs     []string          // value-log and memtable files holding anything
}

// listStoreFiles reads dir's listing.
func listStoreFiles(dir string) (storeFiles, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return storeFiles{}, fmt.Errorf("%w: %s cannot be read: %v", ErrDataDir, dir, err)
	}
	f := storeFiles{tables: map[uint64]string{}}
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir():
		case name == manifestName:
			f.manifest = true
		case strings.HasSuffix(name, ".sst"):
			if id, ok := table.ParseFileID(name); ok {
				f.tables[id] = name
			}
		case strings.HasSuffix(name, ".vlog"), strings.HasSuffix(name, ".mem"):
			if info, err := e.Info(); err == nil && info.Size() > 0 {
				f.logs = append(f.logs, name)
			}
		}
	}
	return f, nil
}

// damageOf is the damage of one file of the store in dir.
func damageOf(dir, file, what string, a ...any) error {
	return &DamageError{Dir: dir, File: file, What: fmt.Sprintf(what, a...)}
}

// missingManifest is the damage of a store without a MANIFEST, or nil for a folder with no store.
func (f storeFiles) missingManifest(dir string) error {
	// Badger creates the MANIFEST before any other file, so a store without one lost it.
	if len(f.tables) > 0 || len(f.logs) > 0 {
		return damageOf(dir, manifestName, "is missing: it is the list of the table files that hold your data (on disk: %s), and Badger would delete them without it",
			fileList(f.tables, f.logs))
	}
	return nil
}

// cutManifest tells a MANIFEST cut short, which would have Badger delete the tables it no longer
// lists, from the unlisted tables a crash leaves. end is where its last whole change ends, size its
// length.
func (f storeFiles) cutManifest(dir string, mf badger.Manifest, end, size int64) error {
	var unlisted []string
	for id, name := range f.tables {
		if _, ok := mf.Tables[id]; !ok {
			unlisted = append(unlisted, name)
		}
	}
	slices.Sort(unlisted)
	// A table file the MANIFEST does not list is normal after a crash (written, not yet recorded,
	// or recorded as deleted and not yet removed), and Badger removes it. Not so when the MANIFEST
	// itself was cut: it lists no change at all, or ends in the middle of one (appends are single
	// writes: a killed process cannot tear one, only a cut file or a lost disk write can).
	switch {
	case end <= manifestMagicLen && len(f.tables) > 0:
		return damageOf(dir, manifestName, "is cut short (%d bytes): it lists none of the table files that hold your data (%s), and Badger would delete them",
			size, strings.Join(unlisted, ", "))
	case end < size && len(unlisted) > 0:
		return damageOf(dir, manifestName, "is cut short (%d bytes, whole to byte %d): it does not list the table files %s, and Badger would delete them",
			size, end, strings.Join(unlisted, ", "))
	}
	return nil
}

// listedTables are the IDs of the tables the MANIFEST lists, in order; a listed table missing from
// the folder is damage.
func (f storeFiles) listedTables(dir string, mf badger.Manifest) ([]uint64, error) {
	var listed []uint64
	for id := range mf.Tables {
		if _, ok := f.tables[id]; !ok {
			return nil, damageOf(dir, table.IDToFilename(id), "is missing: the MANIFEST lists it as holding part of your data")
		}
		listed = append(listed, id)
	}
	slices.Sort(listed)
	return listed, nil
}

// readManifest replays dir's MANIFEST with Badger's own reader, which changes nothing. end is the
// offset after its last whole change set, size the file's length.
func readManifest(dir string) (mf badger.Manifest, end, size int64, err error) {
	f, err := os.Open(filepath.Join(dir, manifestName))
	if err != nil {
		return mf, 0, 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return mf, 0, 0, err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("it is garbled: %v", r)
		}
	}()
	mf, end, err = badger.ReplayManifestFile(f, 0, badger.DefaultOptions(dir).WithLogger(quietLogger{}))
	return mf, end, info.Size(), err
}

// checkKeyRegistryDamage tells a garbled KEYREGISTRY of a plain store from an encrypted store whose
// key file is missing: Badger reports both as ErrEncryptionKeyMismatch. Tables of an encrypted store
// name the data key they were written with (non-zero), and its registry holds those keys; a plain
// store's tables name none and its registry is only its 28-byte header.
func checkKeyRegistryDamage(dir string, enc *encKey, mf badger.Manifest) error {
	if enc != nil {
		return nil // the key file was there and the passphrase fits it; openStore checks the rest
	}
	kr, err := badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: dir, ReadOnly: true})
	if err == nil {
		return kr.Close()
	}
	if !errors.Is(err, badger.ErrEncryptionKeyMismatch) {
		return &DamageError{Dir: dir, File: "KEYREGISTRY", What: fmt.Sprintf("cannot be read (%v)", err)}
	}
	if encryptedTables(mf) {
		return nil // encrypted: openStore says the key file is missing
	}
	if info, err := os.Stat(filepath.Join(dir, "KEYREGISTRY")); err == nil && info.Size() > plainRegistrySize {
		return nil // it holds data keys: encrypted, with no table written yet
	}
	return &DamageError{Dir: dir, File: "KEYREGISTRY", What: "(Badger's key registry) is garbled: " +
		"this data is not encrypted (it has no key file, and no table was written with a key), but the registry's check bytes do not read as plain"}
}

// encryptedTables reports whether a table of the MANIFEST was written with a data key.
func encryptedTables(mf badger.Manifest) bool {
	for _, t := range mf.Tables {
		if t.KeyID != 0 {
			return true
		}
	}
	return false
}

// plainRegistrySize is a plain store's KEYREGISTRY: a 16-byte IV and Badger's 12-byte check text.
const plainRegistrySize = 28

// verifiedName is the file in the data directory that lists the tables whose every block
// checkFiles has verified, each with the size and modification time it had then. Tables never change
// once written, so a table listed with its size and time unchanged gets only the cheap checks (its
// footer, and its index against the index's checksum) on the next open; a new table (written since,
// or restored) or one whose file was written to is verified in full. Verifying every block of a
// 10,000-attempt store takes 0.6 to 1.8 s (BenchmarkOpenVerify10k), too long for every launch; the
// open of tables verified before took 56-95 ms against 58-79 ms with no check at all;
// damage that leaves the time alone (a bit flipped on the disk) is caught instead by Badger's
// OnBlockRead checksums when the block is read, and by `panelprep check`, which verifies all.
const verifiedName = ".panelprep-verified-tables"

// tableStamp is what a table's file looked like when it was verified.
type tableStamp struct {
	size, mtime int64
}

func readVerified(dir string) map[uint64]tableStamp {
	out := map[uint64]tableStamp{}
	b, err := os.ReadFile(filepath.Join(dir, verifiedName))
	if err != nil {
		return out // none yet, or unreadable: verify everything
	}
	for line := range strings.Lines(string(b)) {
		var id uint64
		var st tableStamp
		if n, _ := fmt.Sscanf(line, "%d %d %d", &id, &st.size, &st.mtime); n == 3 {
			out[id] = st
		}
	}
	return out
}

// writeVerified replaces the list of verified tables; a failure only means verifying again.
func writeVerified(dir string, v map[uint64]tableStamp) {
	var b strings.Builder
	for _, id := range slices.Sorted(maps.Keys(v)) {
		fmt.Fprintf(&b, "%d %d %d\n", id, v[id].size, v[id].mtime)
	}
	f, err := os.CreateTemp(dir, verifiedName+"-*")
	if err != nil {
		return
	}
	_, err = f.WriteString(b.String())
	if cerr := f.Close(); err == nil && cerr == nil {
		if os.Rename(f.Name(), filepath.Join(dir, verifiedName)) == nil {
			return
		}
	}
	os.Remove(f.Name())
}

// checkTables opens every table the MANIFEST lists with Badger's table package, checking its
// footer and its index against the index's checksum, and verifies the checksum of every block of
// the tables not verified before (verifiedName), or of all of them with all. A table cut short or garbled makes the table
// package panic (it reads lengths from the file's end and slices by them); here, unlike in
// Badger's goroutines, the panic is recovered and reported as damage.
func checkTables(dir string, enc *encKey, mf badger.Manifest, ids []uint64, all bool) error {
	opts := badger.DefaultOptions(dir)
	topt := table.Options{
		BlockSize:          opts.BlockSize,
		BloomFalsePositive: opts.BloomFalsePositive,
		ChkMode:            badgeropts.NoVerification, // VerifyChecksum below checks every block once
	}
	var kr *badger.KeyRegistry
	if enc != nil {
		var err error
		kr, err = badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: dir, ReadOnly: true, EncryptionKey: enc.storeKey()})
		if err != nil {
			return nil // openStore's own check of the registry explains it
		}
		defer kr.Close()
		// Encrypted tables keep their decrypted index in a cache; the table package requires one.
		cache, err := ristretto.NewCache(&ristretto.Config[uint64, *fb.TableIndex]{NumCounters: 1000, MaxCost: 4 << 20, BufferItems: 64})
		if err != nil {
			return fmt.Errorf("checking the tables in %s: %w", dir, err)
		}
		defer cache.Close()
		topt.IndexCache = cache
	}
	verified := readVerified(dir)
	now := map[uint64]tableStamp{}
	for _, id := range ids {
		o := topt
		tm := mf.Tables[id]
		o.Compression = tm.Compression
		if kr != nil {
			var err error
			if o.DataKey, err = kr.DataKey(tm.KeyID); err != nil {
				return &DamageError{Dir: dir, File: "KEYREGISTRY", What: fmt.Sprintf("does not hold the key of %s (%v)", table.IDToFilename(id), err)}
			}
		}
		info, err := os.Stat(filepath.Join(dir, table.IDToFilename(id)))
		if errors.Is(err, os.ErrNotExist) {
			continue // removed by a compaction since the MANIFEST was read (checkFiles found them all)
		}
		if err != nil {
			return fmt.Errorf("%w: %s cannot be read: %v", ErrDataDir, dir, err)
		}
		st := tableStamp{size: info.Size(), mtime: info.ModTime().UnixNano()}
		seen, ok := verified[id]
		if err := checkTable(dir, id, st.size, o, all || !ok || seen != st); err != nil {
			return err
		}
		now[id] = st
	}
	if !maps.Equal(now, verified) {
		writeVerified(dir, now)
	}
	return nil
}

// checkTable opens one table read-only and checks its footer and index, and with full the checksum
// of every block. size is the file's length as checkTables found it, for the messages.
func checkTable(dir string, id uint64, size int64, o table.Options, full bool) (err error) {
	name := table.IDToFilename(id)
	path := filepath.Join(dir, name)
	mfile, err := z.OpenMmapFile(path, os.O_RDONLY, 0)
	if errors.Is(err, os.ErrNotExist) {
		return nil // removed by a compaction since checkTables looked (checkFiles found every listed table)
	}
	if err != nil {
		return &DamageError{Dir: dir, File: name, What: fmt.Sprintf("cannot be read (%d bytes): %v", size, err)}
	}
	defer mfile.Close(-1) // unmaps and closes; -1: never truncates
	stage := "its index cannot be read"
	defer func() {
		if r := recover(); r != nil {
			err = &DamageError{Dir: dir, File: name, What: fmt.Sprintf("is cut short or garbled (%d bytes): %s", size, stage)}
		}
	}()
	t, err := table.OpenTable(mfile, o)
	if err != nil {
		return &DamageError{Dir: dir, File: name, What: fmt.Sprintf("is cut short or garbled (%d bytes): %v", size, err)}
	}
	if !full {
		return nil
	}
	stage = "its blocks cannot be read"
	if err := t.VerifyChecksum(); err != nil {
		return &DamageError{Dir: dir, File: name, What: fmt.Sprintf("does not match its checksums: bytes in it were changed (%v)", err)}
	}
	return nil
}

// fileList names the table files, then the log files, for a message.
func fileList(tables map[uint64]string, logs []string) string {
	var names []string
	for _, n := range tables {
		names = append(names, n)
	}
	slices.Sort(names)
	slices.Sort(logs)
	return strings.Join(append(names, logs...), ", ")
}
