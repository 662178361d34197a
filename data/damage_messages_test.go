package data

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// checkFiles says exactly which file is damaged and how, for each kind of damage it tells from a
// crash's leftovers; the messages are pinned whole, beyond the few words the other tests look for.
func TestCheckFilesMessages(t *testing.T) {
	damaged := func(t *testing.T, dir string) string {
		t.Helper()
		err := checkFiles(dir, nil)
		var de *DamageError
		if !errors.As(err, &de) {
			t.Fatalf("checkFiles: %v, want a *DamageError", err)
		}
		if de.Dir != dir {
			t.Errorf("the error names the folder %q, want %q", de.Dir, dir)
		}
		return de.File + ": " + de.What
	}
	tables := func(t *testing.T, dir string) []string {
		t.Helper()
		names, err := filepath.Glob(filepath.Join(dir, "*.sst"))
		if err != nil || len(names) == 0 {
			t.Fatalf("no table files in the fixture (%v)", err)
		}
		for i := range names {
			names[i] = filepath.Base(names[i])
		}
		return names
	}
	manifest := func(dir string) string { return filepath.Join(dir, manifestName) }

	t.Run("MANIFEST deleted", func(t *testing.T) {
		dir, _ := damagedStoreFixture(t)
		if err := os.Remove(manifest(dir)); err != nil {
			t.Fatal(err)
		}
		logs, _ := filepath.Glob(filepath.Join(dir, "*.vlog"))
		onDisk := tables(t, dir)
		for _, l := range logs {
			onDisk = append(onDisk, filepath.Base(l))
		}
		want := "MANIFEST: is missing: it is the list of the table files that hold your data (on disk: " + strings.Join(onDisk, ", ") +
			"), and Badger would delete them without it"
		if got := damaged(t, dir); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("MANIFEST garbled", func(t *testing.T) {
		dir, _ := damagedStoreFixture(t)
		if err := os.WriteFile(manifest(dir), []byte("garbage!"), 0o644); err != nil {
			t.Fatal(err)
		}
		if got, want := damaged(t, dir), "MANIFEST: cannot be read (manifest has bad magic)"; got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("MANIFEST cut to its header", func(t *testing.T) {
		dir, _ := damagedStoreFixture(t)
		if err := os.Truncate(manifest(dir), 10); err != nil {
			t.Fatal(err)
		}
		want := "MANIFEST: is cut short (10 bytes): it lists none of the table files that hold your data (" +
			strings.Join(tables(t, dir), ", ") + "), and Badger would delete them"
		if got := damaged(t, dir); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("MANIFEST cut in its last change", func(t *testing.T) {
		dir, _ := damagedStoreFixture(t)
		info, err := os.Stat(manifest(dir))
		if err != nil {
			t.Fatal(err)
		}
		size := info.Size() - 1
		if err := os.Truncate(manifest(dir), size); err != nil {
			t.Fatal(err)
		}
		_, end, _, err := readManifest(dir)
		if err != nil || end <= manifestMagicLen || end >= size {
			t.Fatalf("the cut MANIFEST reads whole to byte %d of %d (%v): the fixture no longer cuts a change that lists a table", end, size, err)
		}
		want := "MANIFEST: is cut short (" + strconv.FormatInt(size, 10) + " bytes, whole to byte " + strconv.FormatInt(end, 10) + "): it does not list the table files " +
			strings.Join(tables(t, dir), ", ") + ", and Badger would delete them"
		if got := damaged(t, dir); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("a listed table deleted", func(t *testing.T) {
		dir, _ := damagedStoreFixture(t)
		name := tables(t, dir)[0]
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		if got, want := damaged(t, dir), name+": is missing: the MANIFEST lists it as holding part of your data"; got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("no store", func(t *testing.T) {
		if err := checkFiles(t.TempDir(), nil); err != nil {
			t.Errorf("an empty folder: %v", err)
		}
	})
	t.Run("folder unreadable", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "gone")
		err := checkFiles(missing, nil)
		if !errors.Is(err, ErrDataDir) || !strings.HasPrefix(err.Error(), ErrDataDir.Error()+": "+missing+" cannot be read: ") {
			t.Errorf("a folder that cannot be read: %v", err)
		}
	})
}
