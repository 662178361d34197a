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
