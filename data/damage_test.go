package data

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep/preptest"
)

// damagedStoreFixture is a closed store of 20 attempts in <tmp>/PanelPrep with one backup in its
// backups folder, as a user's data folder looks after a day of use.
func damagedStoreFixture(t *testing.T) (dir, backup string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "PanelPrep")
	s := mustOpen(t, dir)
	seedStore(t, s, 20)
	backup, err := s.BackupNow(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, backup
}

// assertDamaged opens dir and wants it refused as damage naming file, with every byte left as it was.
func assertDamaged(t *testing.T, dir, file, what string) {
	t.Helper()
	before := preptest.RelFileHashes(t, dir)
	s, err := Open(dir)
	if err == nil {
		n, _ := s.Attempts()
		s.Close()
		t.Fatalf("the damaged store opened (%d attempts listed), want it refused as damaged", len(n))
	}
	var de *DamageError
	if !errors.Is(err, ErrDamaged) || !errors.As(err, &de) || de.File != file {
		t.Fatalf("open: %v, want damage of %s", err, file)
	}
	for _, want := range []string{file, what, "nothing in it was changed", "restore a backup"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	if !maps.Equal(before, preptest.RelFileHashes(t, dir)) {
		t.Error("opening the damaged store changed its folder")
	}
}

// assertRestoreMovesAside restores backup over the damaged store in dir and wants the damaged
// folder moved aside byte for byte, the backups in the restored store, and the attempts back.
func assertRestoreMovesAside(t *testing.T, dir, backup string) {
	t.Helper()
	before := preptest.RelFileHashes(t, dir)
	res, err := Restore(dir, backup, time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), Secret{})
	if err != nil {
		t.Fatal(err)
	}
	if want := dir + ".damaged-20261201T080000Z"; res.MovedAside != want {
		t.Errorf("moved aside to %q, want %q", res.MovedAside, want)
	}
	if !maps.Equal(before, preptest.RelFileHashes(t, res.MovedAside)) {
		t.Error("the damaged folder moved aside is not byte for byte the folder it was")
	}
	if res.PreRestoreBackup != "" {
		t.Errorf("a damaged store was backed up (%s): that means it was opened", res.PreRestoreBackup)
	}
	list, err := ListBackups(BackupsDir(dir))
	if err != nil || len(list) != 1 || filepath.Base(list[0].Path) != filepath.Base(backup) {
		t.Errorf("backups of the restored store: %v (%v), want %s", list, err, filepath.Base(backup))
	}
	s := mustOpen(t, dir)
	defer s.Close()
	if got, err := s.Attempts(); err != nil || len(got) != 20 {
		t.Errorf("restored store lists %d attempts (%v), want 20", len(got), err)
	}
}

// Issue 12.1: Badger started a new MANIFEST and deleted the table holding every attempt.
func TestDamagedManifestIsRefusedAndRestoreMovesItAside(t *testing.T) {
	for _, c := range []struct {
		name, what string
		damage     func(t *testing.T, path string)
	}{
		{"truncated to 10 bytes", "cut short", func(t *testing.T, path string) {
			if err := os.Truncate(path, 10); err != nil {
				t.Fatal(err)
			}
		}},
		{"deleted", "missing", func(t *testing.T, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}},
		{"garbled", "cannot be read", func(t *testing.T, path string) { preptest.WriteAt(t, path, 0, []byte("garbage!")) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, backup := damagedStoreFixture(t)
			c.damage(t, filepath.Join(dir, "MANIFEST"))
			assertDamaged(t, dir, "MANIFEST", c.what)
			assertDamaged(t, dir, "MANIFEST", c.what) // every start: still refused, still untouched
			assertRestoreMovesAside(t, dir, backup)
		})
	}
}

// Issue 12.2: a table file cut short made every start panic in a Badger goroutine.
func TestTruncatedTableIsDamageNotAPanic(t *testing.T) {
	for _, c := range []struct {
		name string
		size func(int64) int64
	}{
		{"to half", func(n int64) int64 { return n / 2 }}, // the panic: lengths read from the cut end
		{"to 10 bytes", func(int64) int64 { return 10 }},
		{"to nothing", func(int64) int64 { return 0 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, backup := damagedStoreFixture(t)
			sst := preptest.OnlyFile(t, dir, "*.sst")
			info, err := os.Stat(sst)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(sst, c.size(info.Size())); err != nil {
				t.Fatal(err)
			}
			assertDamaged(t, dir, filepath.Base(sst), "")
			assertRestoreMovesAside(t, dir, backup)
		})
	}
}

// Issue 12.3: overwritten bytes in a table opened silently and served garbage.
func TestOverwrittenTableIsRefused(t *testing.T) {
	t.Run("32 bytes", func(t *testing.T) {
		dir, backup := damagedStoreFixture(t)
		sst := preptest.OnlyFile(t, dir, "*.sst")
		preptest.WriteAt(t, sst, 3000, []byte(strings.Repeat("X", 32)))
		assertDamaged(t, dir, filepath.Base(sst), "")
		assertRestoreMovesAside(t, dir, backup)
	})
	t.Run("one bit", func(t *testing.T) {
		dir, _ := damagedStoreFixture(t)
		sst := preptest.OnlyFile(t, dir, "*.sst")
		b, err := os.ReadFile(sst)
		if err != nil {
			t.Fatal(err)
		}
		preptest.WriteAt(t, sst, 3000, []byte{b[3000] ^ 0x10})
		// Where the bit lands decides the words: a block's checksum, or a length the table reads
		// before it (garbled); both are damage of that file.
		assertDamaged(t, dir, filepath.Base(sst), "")
	})
}

// A bit flipped on the disk leaves the file's time alone, so the open checks only the table's
// index (the blocks were verified on an earlier open); Badger's block checksums and the check find
// it. Before, check reported records to "repair" on every run and never converged.
func TestCheckReportsDamagedTableAndRepairConverges(t *testing.T) {
	dir, _ := damagedStoreFixture(t)
	mustOpen(t, dir).Close() // the open that verifies every block and notes it
	sst := preptest.OnlyFile(t, dir, "*.sst")
	info, err := os.Stat(sst)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(sst)
	if err != nil {
		t.Fatal(err)
	}
	preptest.WriteAt(t, sst, 3000, []byte{b[3000] ^ 0x10})
	if err := os.Chtimes(sst, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t, dir)
	defer s.Close()
	for run := range 2 {
		rep, err := s.Check(true)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Problems) != 1 || rep.Problems[0].Kind != KindTable || rep.Problems[0].Repaired || rep.Clean() {
			t.Fatalf("run %d: %+v, want one table problem, not repaired", run+1, rep.Problems)
		}
		out := rep.String()
		for _, want := range []string{"the table file " + filepath.Base(sst) + " is damaged", "cannot mend it and changes nothing", "restore a backup"} {
			if !strings.Contains(out, want) {
				t.Errorf("run %d: report %q does not say %q", run+1, out, want)
			}
		}
		if strings.Contains(out, "can be repaired") {
			t.Errorf("run %d: report offers a repair that cannot converge: %q", run+1, out)
		}
	}
}

// Issue 12.13: a garbled key registry of a plain store was reported as a missing key file.
func TestGarbledKeyRegistryIsDamage(t *testing.T) {
	dir, backup := damagedStoreFixture(t)
	preptest.WriteAt(t, filepath.Join(dir, "KEYREGISTRY"), 10, []byte("garbagegarbage"))
	assertDamaged(t, dir, "KEYREGISTRY", "garbled")
	_, err := Open(dir)
	if strings.Contains(err.Error(), "encrypted but") || strings.Contains(err.Error(), keyFileName) {
		t.Errorf("a plain store's garbled registry reported as encryption: %v", err)
	}
	assertRestoreMovesAside(t, dir, backup)
}

// Issue 12.10: a restore killed midway left a .restoring- folder that nothing removed.
func TestRestoreLeftoversAreCleanedAtOpen(t *testing.T) {
	old := time.Now().Add(-time.Hour)
	age := func(t *testing.T, dir string) {
		t.Helper()
		filepath.WalkDir(dir, func(p string, _ os.DirEntry, _ error) error { return os.Chtimes(p, old, old) })
	}
	t.Run("partial, killed while loading", func(t *testing.T) {
		dir, _ := damagedStoreFixture(t)
		left := dir + restoringInfix + "123"
		if err := os.MkdirAll(left, 0o700); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(left, "000001.vlog"), []byte("partial"), 0o600)
		age(t, left)
		s := mustOpen(t, dir)
		s.Close()
		if _, err := os.Stat(left); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there (%v)", left, err)
		}
	})
	t.Run("recent: a restore may be running", func(t *testing.T) {
		dir, _ := damagedStoreFixture(t)
		left := dir + restoringInfix + "456"
		if err := os.MkdirAll(left, 0o700); err != nil {
			t.Fatal(err)
		}
		mustOpen(t, dir).Close()
		if _, err := os.Stat(left); err != nil {
			t.Errorf("a restoring folder made just now was removed: %v", err)
		}
	})
	t.Run("holding the backups, killed before the old data moved aside", func(t *testing.T) {
		dir, backup := damagedStoreFixture(t)
		left := dir + restoringInfix + "789"
		if err := os.MkdirAll(left, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(BackupsDir(dir), BackupsDir(left)); err != nil {
			t.Fatal(err)
		}
		age(t, left)
		mustOpen(t, dir).Close()
		if _, err := os.Stat(left); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there (%v)", left, err)
		}
		if _, err := os.Stat(backup); err != nil {
			t.Errorf("the backup did not come back to the backups folder: %v", err)
		}
	})
	t.Run("complete, killed after the old data moved aside", func(t *testing.T) {
		dir, backup := damagedStoreFixture(t)
		left := dir + restoringInfix + "abc"
		if _, err := restoreStream(left, mustOpenFile(t, backup), Secret{}); err != nil {
			t.Fatal(err)
		}
		if err := writeMarker(left); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(dir, dir+".before-restore-x"); err != nil {
			t.Fatal(err)
		}
		s := mustOpen(t, dir)
		defer s.Close()
		if got, err := s.Attempts(); err != nil || len(got) != 20 {
			t.Errorf("after finishing the restore: %d attempts (%v), want the backup's 20", len(got), err)
		}
		if _, err := os.Stat(left); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there (%v)", left, err)
		}
		if _, err := os.Stat(filepath.Join(dir, restoredMarker)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the marker stayed in the data folder (%v)", err)
		}
	})
}

func mustOpenFile(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// An encrypted store's tables are checked with their data keys: a cut table is damage there too,
// not a panic, and a whole one opens.
func TestDamagedEncryptedTableIsRefused(t *testing.T) {
	dir, _ := damagedStoreFixture(t)
	key, err := SetPassphrase(dir, nil, "correct horse battery staple", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenWithKey(dir, key)
	if err != nil {
		t.Fatalf("the whole encrypted store: %v", err)
	}
	if got, err := s.Attempts(); err != nil || len(got) != 20 {
		t.Fatalf("%d attempts (%v)", len(got), err)
	}
	s.Close()
	sst := preptest.OnlyFile(t, dir, "*.sst")
	info, err := os.Stat(sst)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(sst, info.Size()/2); err != nil {
		t.Fatal(err)
	}
	before := preptest.RelFileHashes(t, dir)
	_, err = OpenWithKey(dir, key)
	var de *DamageError
	if !errors.As(err, &de) || de.File != filepath.Base(sst) {
		t.Fatalf("open: %v, want damage of %s", err, filepath.Base(sst))
	}
	if !maps.Equal(before, preptest.RelFileHashes(t, dir)) {
		t.Error("opening the damaged store changed its folder")
	}
}

// With no backup to restore, the damaged folder can be moved aside whole so PanelPrep starts
// afresh; a healthy store is refused.
func TestMoveDamagedAside(t *testing.T) {
	dir, _ := damagedStoreFixture(t)
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	if _, err := MoveDamagedAside(dir, now); err == nil || !strings.Contains(err.Error(), "not damaged") {
		t.Fatalf("a healthy store: %v, want it refused", err)
	}
	if err := os.Truncate(filepath.Join(dir, "MANIFEST"), 10); err != nil {
		t.Fatal(err)
	}
	before := preptest.RelFileHashes(t, dir)
	aside, err := MoveDamagedAside(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	if aside != dir+".damaged-20261201T080000Z" || !maps.Equal(before, preptest.RelFileHashes(t, aside)) {
		t.Fatalf("moved to %s; same bytes: %v", aside, maps.Equal(before, preptest.RelFileHashes(t, aside)))
	}
	s := mustOpen(t, dir)
	defer s.Close()
	if got, err := s.Attempts(); err != nil || len(got) != 0 {
		t.Errorf("the fresh store lists %d attempts (%v)", len(got), err)
	}
}
