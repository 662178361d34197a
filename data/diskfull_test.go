package data

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/panelprep/panelprep/prep"
)

const diskFullChildEnv = "PANELPREP_DISKFULL_CHILD_DIR"

// TestDiskFullKeepsTheDraftAndRecovers saves a draft on a small filesystem filled up on purpose.
// The save must fail with ErrDiskFull (not kill the process: Badger's memory-mapped writes die with
// SIGBUS on a full disk, which is why the writing runs in a child process), the draft must stay
// pending and be written once space returns, and the store must reopen intact.
func TestDiskFullKeepsTheDraftAndRecovers(t *testing.T) {
	if dir := os.Getenv(diskFullChildEnv); dir != "" {
		if err := diskFullChild(dir); err != nil {
			fmt.Println("child:", err)
			os.Exit(1)
		}
		fmt.Println("child: ok")
		os.Exit(0)
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=160m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("needs a small filesystem and cannot mount a size-limited tmpfs here (run as root on Linux): %v %s", err, out)
	}
	defer func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			t.Errorf("umount: %v %s", err, out)
		}
	}()
	out, err := childCommand("TestDiskFullKeepsTheDraftAndRecovers", diskFullChildEnv, mnt).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "child: ok") {
		t.Fatalf("the child failed (%v):\n%s", err, out)
	}
	s, err := Open(filepath.Join(mnt, "data"))
	if err != nil {
		t.Fatalf("reopening after the disk was full: %v", err)
	}
	defer s.Close()
	d, err := s.Drafts()
	if err != nil || len(d) != 1 || d[0].Answer != "typed while the disk was full" {
		t.Fatalf("draft after recovery: %+v (%v)", d, err)
	}
	r, err := s.Check(false)
	if err != nil || !r.Clean() {
		t.Fatalf("the store is not sound after the disk was full: %v\n%s", err, r)
	}
}

func diskFullChild(mnt string) error {
	s, err := Open(filepath.Join(mnt, "data"))
	if err != nil {
		return err
	}
	defer s.Close()
	saver := prep.NewDraftSaver(s.SaveDraft, nil)
	defer saver.Close()
	saver.Update(prep.Draft{Prompt: prep.Prompt{ID: "p"}, Answer: "before"})
	if err := saver.Flush(); err != nil {
		return fmt.Errorf("saving with room to spare: %w", err)
	}
	// Fill the disk until less than MinFreeBytes is left.
	free, err := freeBytes(mnt)
	if err != nil {
		return err
	}
	filler := filepath.Join(mnt, "filler")
	if err := os.WriteFile(filler, make([]byte, free-MinFreeBytes/2), 0o600); err != nil {
		return fmt.Errorf("filling the disk: %w", err)
	}
	saver.Update(prep.Draft{Prompt: prep.Prompt{ID: "p"}, Answer: "typed while the disk was full"})
	if err := saver.Flush(); !errors.Is(err, ErrDiskFull) {
		return fmt.Errorf("saving on a full disk: got %v, want ErrDiskFull", err)
	}
	if !saver.Pending() {
		return errors.New("the draft is not kept pending while the disk is full")
	}
	if err := os.Remove(filler); err != nil {
		return err
	}
	for saver.Pending() { // the saver retries every second on its own
		_ = saver.Flush()
	}
	return saver.Err()
}
