//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// An export, a report or a review onto something that is not a regular file (a named pipe here;
// /dev/null behaves the same) is refused before anything is written, and the target is left as it
// was: writing atomically would rename a new regular file over it.
func TestExportRefusesTargetsThatAreNotRegularFiles(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	seedSample(t, dir, 2)
	fifo := filepath.Join(out, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	link := filepath.Join(out, "link-to-pipe")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{fifo, link} {
		for _, args := range [][]string{
			{"--data-dir", dir, "export", "--out", target, "--format", "json"},
			{"report", attemptsSample, "--format", "md", "--out", target},
		} {
			code, stdout, stderr := panelprep(t, nil, args...)
			if code == exitOK || !strings.Contains(stderr, "is not a regular file (it is a named pipe)") || !strings.Contains(stderr, "nothing was changed") {
				t.Errorf("%v: exit %d\n%s%s", args, code, stdout, stderr)
			}
			for _, p := range []string{fifo, link} {
				info, err := os.Lstat(p)
				if err != nil {
					t.Fatal(err)
				}
				if want := map[string]os.FileMode{fifo: os.ModeNamedPipe, link: os.ModeSymlink}[p]; info.Mode().Type() != want {
					t.Errorf("%v: %s is now %v", args, p, info.Mode())
				}
			}
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 2 {
		t.Errorf("the folder holds %d entries, want the pipe and the link only", len(entries))
	}
}
