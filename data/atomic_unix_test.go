//go:build unix

package data

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A backup (and so every file PanelPrep writes atomically) onto a named pipe or a folder is
// refused before anything is written; the rename of a temporary file would otherwise replace it.
func TestWriteFileAtomicRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	folder := filepath.Join(dir, "folder")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	withStore(t, func(s *Store) {
		for _, target := range []string{fifo, folder} {
			err := s.BackupToFile(target)
			if !errors.Is(err, ErrNotRegularFile) {
				t.Errorf("backup to %s: %v, want ErrNotRegularFile", target, err)
			}
		}
	})
	if info, err := os.Lstat(fifo); err != nil || info.Mode().Type() != os.ModeNamedPipe {
		t.Errorf("the pipe is now %v (%v)", info.Mode(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d entries left in the folder, want the pipe and the folder", len(entries))
	}

	// A regular file is replaced; a link to one is written through, and stays a link.
	file, link := filepath.Join(dir, "file"), filepath.Join(dir, "link")
	os.WriteFile(file, []byte("old"), 0o600)
	os.Symlink(file, link)
	for _, p := range []string{file, link} {
		if err := WriteFileAtomic(p, func(w io.Writer) error { _, err := io.WriteString(w, "new "+p); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if b, _ := os.ReadFile(file); string(b) != "new "+link {
		t.Errorf("the file holds %q", b)
	}
	if info, _ := os.Lstat(link); info.Mode().Type() != os.ModeSymlink {
		t.Errorf("the link was replaced: %v", info.Mode())
	}
}
