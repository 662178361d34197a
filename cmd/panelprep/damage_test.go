package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep/preptest"
)

func equalHashes(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// Issues 12.1, 12.2, 12.3 and 12.13 from the command line: every damage the hostile trial made is
// refused by check and check --repair alike (exit 5, the file named, the restore command given),
// nothing in the folder changes, and restoring the latest backup moves the folder aside byte for
// byte and brings the attempts back. Before, check said "no problems" and deleted the table (a cut
// MANIFEST), crashed with exit 2 (a cut table), or offered the same repairs on every run.
func TestDamagedStoreFromTheCommandLine(t *testing.T) {
	for _, c := range []struct {
		name, file string
		damage     func(t *testing.T, dir string)
	}{
		{"MANIFEST truncated to 10 bytes", "MANIFEST", func(t *testing.T, dir string) {
			if err := os.Truncate(filepath.Join(dir, "MANIFEST"), 10); err != nil {
				t.Fatal(err)
			}
		}},
		{"MANIFEST deleted", "MANIFEST", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "MANIFEST")); err != nil {
				t.Fatal(err)
			}
		}},
		{"table truncated", ".sst", func(t *testing.T, dir string) {
			sst := preptest.OnlyFile(t, dir, "*.sst")
			info, _ := os.Stat(sst)
			if err := os.Truncate(sst, info.Size()/2); err != nil {
				t.Fatal(err)
			}
		}},
		{"table bytes overwritten", ".sst", func(t *testing.T, dir string) {
			preptest.WriteAt(t, preptest.OnlyFile(t, dir, "*.sst"), 100, []byte(strings.Repeat("X", 32)))
		}},
		{"one bit flipped in a table", ".sst", func(t *testing.T, dir string) {
			sst := preptest.OnlyFile(t, dir, "*.sst")
			b, _ := os.ReadFile(sst)
			preptest.WriteAt(t, sst, 100, []byte{b[100] ^ 1})
		}},
		{"KEYREGISTRY garbled", "KEYREGISTRY", func(t *testing.T, dir string) {
			preptest.WriteAt(t, filepath.Join(dir, "KEYREGISTRY"), 10, []byte("garbagegarbage"))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "PanelPrep")
			seed(t, dir, "first answer", "second answer")
			var backup string
			withData(t, dir, func(s *data.Store) {
				var err error
				if backup, err = s.BackupNow(time.Now()); err != nil {
					t.Fatal(err)
				}
			})
			c.damage(t, dir)
			before := preptest.RelFileHashes(t, dir)
			for _, args := range [][]string{{"check"}, {"check", "--repair"}, {"check", "--repair"}, {"export", "--out", filepath.Join(t.TempDir(), "x.json")}} {
				code, out, errOut := panelprep(t, []string{"LANG=en_US.UTF-8"}, append([]string{"--data-dir", dir}, args...)...)
				if code != exitBadStore {
					t.Fatalf("%v: exit %d, want %d\nstdout %s\nstderr %s", args, code, exitBadStore, out, errOut)
				}
				for _, want := range []string{"is damaged", c.file, "nothing in it was changed",
					"panelprep --data-dir " + dir + " restore " + backup, "moved aside whole", "never deleted"} {
					if !strings.Contains(errOut, want) {
						t.Errorf("%v: stderr does not say %q:\n%s", args, want, errOut)
					}
				}
				if strings.Contains(errOut, "is encrypted but") || strings.Contains(errOut, "panic") {
					t.Errorf("%v: stderr %q", args, errOut)
				}
			}
			if !equalHashes(before, preptest.RelFileHashes(t, dir)) {
				t.Fatal("the commands changed the damaged folder")
			}
			code, out, errOut := panelprep(t, nil, "--data-dir", dir, "restore", backup)
			if code != exitOK || !strings.Contains(out, "moved to "+dir+".damaged-") {
				t.Fatalf("restore: exit %d\nstdout %s\nstderr %s", code, out, errOut)
			}
			aside, _ := filepath.Glob(dir + ".damaged-*")
			if len(aside) != 1 || !equalHashes(before, preptest.RelFileHashes(t, aside[0])) {
				t.Fatalf("the damaged folder was not moved aside byte for byte: %v", aside)
			}
			if got := answers(t, dir); len(got) != 2 || got[0] != "second answer" {
				t.Errorf("after the restore: %q", got)
			}
			if code, out, _ := panelprep(t, nil, "--data-dir", dir, "check"); code != exitOK || !strings.Contains(out, "ok: no problems found") {
				t.Errorf("check after the restore: exit %d\n%s", code, out)
			}
		})
	}
}

// Issue 12.10: a restore killed midway left a .restoring- folder; the next command clears it.
func TestRestoreLeftoverIsClearedAtTheNextStart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "PanelPrep")
	seed(t, dir, "an answer")
	left := dir + ".restoring-4242"
	if err := os.MkdirAll(left, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(left, "000001.vlog"), []byte("half a restore"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	for _, p := range []string{filepath.Join(left, "000001.vlog"), left} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := panelprep(t, nil, "--data-dir", dir, "check")
	if code != exitOK || !strings.Contains(errOut, "removed "+left) {
		t.Fatalf("check: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", left, err)
	}
}
