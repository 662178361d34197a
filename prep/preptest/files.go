package preptest

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FileHashes maps every file under dir to a hash of its bytes, and every folder (its path with a
// trailing slash) to the zero hash: two calls compare equal when nothing under dir was added,
// removed or changed. Tests use it to show that refused work changed nothing on disk.
func FileHashes(t testing.TB, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			out[path+"/"] = [32]byte{}
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out[path] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// RelFileHashes is FileHashes with paths relative to dir, so that a folder moved aside can be
// compared with what it was before the move.
func RelFileHashes(t testing.TB, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	for path, h := range FileHashes(t, dir) {
		out[strings.TrimPrefix(path, dir)] = h
	}
	return out
}

// WriteAt overwrites the bytes of the file at path from off with b, as damage on disk would.
func WriteAt(t testing.TB, path string, off int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// OnlyFile is the one file in dir whose name matches pattern (filepath.Match syntax); the test
// stops when there is none or more than one.
func OnlyFile(t testing.TB, dir, pattern string) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil || len(m) != 1 {
		t.Fatalf("want one %s file in %s, have %v (%v)", pattern, dir, m, err)
	}
	return m[0]
}
