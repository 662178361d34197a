package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

// cliAttempt is a finished, scored attempt to put in a store.
func cliAttempt(answer string, finished time.Time) prep.Attempt {
	p := prep.Prompt{
		ID: "ld-1", Round: prep.Leadership, Level: prep.LevelDirector, Context: prep.ContextSaaS,
		Title: "A team keeps missing its dates", Minutes: 30, Scenario: "Two quarters late.",
		Phases: []prep.Phase{{Name: "Situation", Minutes: 30}},
		Rubric: []prep.Criterion{{Name: "Ownership", Anchor1: "a", Anchor2: "b", Anchor3: "c", Anchor4: "d"}},
	}
	return prep.Attempt{
		ID: uuid.New(), SetID: "s", SetVersion: 1, Prompt: p, Answer: answer,
		PhaseTimes: []prep.PhaseTime{{Name: "Situation", Budget: 30 * time.Minute, Used: 25 * time.Minute}},
		Scores:     []prep.Score{{Criterion: "Ownership", Value: 3}},
		StartedAt:  finished.Add(-30 * time.Minute), FinishedAt: finished,
	}
}

// withData opens the store in dir, runs fn on it and closes it.
func withData(t *testing.T, dir string, fn func(s *data.Store)) {
	t.Helper()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	fn(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// answers lists the answers of every attempt in the store in dir, newest first.
func answers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	withData(t, dir, func(s *data.Store) {
		list, err := s.Attempts()
		if err != nil {
			t.Fatal(err)
		}
		for _, sum := range list {
			a, err := s.Attempt(sum.ID)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, a.Answer)
		}
	})
	return out
}

func seed(t *testing.T, dir string, answers ...string) {
	t.Helper()
	withData(t, dir, func(s *data.Store) {
		base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		for i, ans := range answers {
			if err := s.SaveAttempt(cliAttempt(ans, base.Add(time.Duration(i)*time.Hour))); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SaveDraft(prep.Draft{Prompt: cliAttempt("", base).Prompt, Answer: "half typed"}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestBackupThenRestore(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "data")
	seed(t, dir, "first answer", "second answer")
	file := filepath.Join(t.TempDir(), "my.backup")

	code, out, errOut := panelprep(t, nil, "--data-dir", dir, "backup", file)
	if code != exitOK || !strings.Contains(out, "backed up "+dir+" to "+file) {
		t.Fatalf("backup: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	if _, err := data.VerifyBackupFile(file, data.Secret{}); err != nil {
		t.Fatal(err)
	}
	// Backing up again over a backup is fine; over another file is refused.
	if code, _, errOut := panelprep(t, nil, "--data-dir", dir, "backup", file); code != exitOK {
		t.Fatalf("backup over an older backup: exit %d, %s", code, errOut)
	}
	notes := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notes, []byte("my notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = panelprep(t, nil, "--data-dir", dir, "backup", notes)
	if b, _ := os.ReadFile(notes); code != exitFailure || string(b) != "my notes" || !strings.Contains(errOut, "is not a PanelPrep backup") {
		t.Fatalf("backup over another file: exit %d, %s, file now %q", code, errOut, b)
	}

	withData(t, dir, func(s *data.Store) {
		if err := s.SaveAttempt(cliAttempt("written after the backup", time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))); err != nil {
			t.Fatal(err)
		}
	})
	before := answers(t, dir)

	code, out, errOut = panelprep(t, nil, "--data-dir", dir, "restore", file)
	if code != exitOK || !strings.Contains(out, "restored "+file) || !strings.Contains(out, "backed up in "+filepath.Join(dir, "backups")) ||
		!strings.Contains(out, "moved to "+dir+".before-restore-") {
		t.Fatalf("restore: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	if got, want := answers(t, dir), []string{"second answer", "first answer"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after restore: %q, want %q", got, want)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 2 {
		t.Fatalf("beside the data folder: %v, want it and the previous data moved aside", entries)
	}
	aside := filepath.Join(parent, entries[1].Name())
	if got := answers(t, aside); !reflect.DeepEqual(got, before) {
		t.Errorf("the data moved aside holds %q, want %q", got, before)
	}

	// Restoring into a data folder that does not exist yet, as on a new computer.
	fresh := filepath.Join(t.TempDir(), "new-computer")
	if code, out, errOut := panelprep(t, nil, "--data-dir", fresh, "restore", file); code != exitOK || strings.Contains(out, "moved to") {
		t.Fatalf("restore into a new folder: exit %d\n%s\n%s", code, out, errOut)
	}
	if got := answers(t, fresh); len(got) != 2 {
		t.Errorf("new folder holds %q", got)
	}
}

func TestRestoreRefusesNonBackup(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "data")
	seed(t, dir, "keep me")
	good := filepath.Join(t.TempDir(), "good.backup")
	withData(t, dir, func(s *data.Store) {
		if err := s.BackupToFile(good); err != nil {
			t.Fatal(err)
		}
	})
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	files := t.TempDir()
	truncated, notes := filepath.Join(files, "truncated.backup"), filepath.Join(files, "notes.txt")
	if err := os.WriteFile(truncated, b[:len(b)*2/3], 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notes, []byte("interview notes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := preptest.FileHashes(t, parent)
	for file, want := range map[string]string{
		notes:                                  "is not a PanelPrep backup",
		truncated:                              "incomplete or damaged",
		filepath.Join(files, "missing.backup"): "no such file",
	} {
		code, out, errOut := panelprep(t, nil, "--data-dir", dir, "restore", file)
		if code != exitFailure || !strings.Contains(errOut, want) || !strings.Contains(errOut, "nothing was changed") || out != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 1 and %q", filepath.Base(file), code, out, errOut, want)
		}
		t.Log(strings.TrimSpace(errOut))
		if after := preptest.FileHashes(t, parent); !reflect.DeepEqual(after, before) {
			t.Fatalf("%s: the data folder changed", filepath.Base(file))
		}
	}
	if got := answers(t, dir); !reflect.DeepEqual(got, []string{"keep me"}) {
		t.Errorf("store holds %q", got)
	}
	if code, _, _ := panelprep(t, nil, "--data-dir", dir, "restore"); code != exitUsage {
		t.Errorf("restore without a file: exit %d, want %d", code, exitUsage)
	}
}

func TestRestoreWhileOpenIsRefused(t *testing.T) {
	dir := t.TempDir()
	seed(t, dir, "open elsewhere")
	file := filepath.Join(t.TempDir(), "x.backup")
	withData(t, dir, func(s *data.Store) {
		if err := s.BackupToFile(file); err != nil {
			t.Fatal(err)
		}
	})
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	code, _, errOut := panelprep(t, nil, "--data-dir", dir, "restore", file)
	if code != exitLocked || !strings.Contains(errOut, "already open") {
		t.Fatalf("exit %d, %s", code, errOut)
	}
}

func TestCheckCleanStore(t *testing.T) {
	dir := t.TempDir()
	seed(t, dir, "an answer")
	code, out, errOut := panelprep(t, nil, "--data-dir", dir, "check")
	if code != exitOK || !strings.Contains(out, "ok: no problems found") || !strings.Contains(out, "attempt ") {
		t.Fatalf("check: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	if code, out, _ := panelprep(t, nil, "--data-dir", dir, "check", "--repair"); code != exitOK || !strings.Contains(out, "ok: no problems found") {
		t.Fatalf("check --repair: exit %d\n%s", code, out)
	}
	if code, _, _ := panelprep(t, nil, "--data-dir", dir, "check", "extra"); code != exitUsage {
		t.Errorf("check with an argument: exit %d, want %d", code, exitUsage)
	}
}

// TestCommandsInProcess runs the command functions directly, without the binary: quick, and it
// covers the usage errors.
func TestCommandsInProcess(t *testing.T) {
	dir := t.TempDir()
	seed(t, dir, "in process")
	var out, errOut bytes.Buffer
	open := func() (*data.Store, int) { return openForCLI(dir, &errOut) }
	file := filepath.Join(t.TempDir(), "p.backup")
	steps := []struct {
		name string
		run  func() int
		want int
	}{
		{"backup", func() int { return runBackup([]string{file}, &out, &errOut, open) }, exitOK},
		{"backup without a file", func() int { return runBackup(nil, &out, &errOut, open) }, exitUsage},
		{"backup into a folder", func() int { return runBackup([]string{t.TempDir()}, &out, &errOut, open) }, exitFailure},
		{"check", func() int { return runCheck(nil, &out, &errOut, open) }, exitOK},
		{"check --repair", func() int { return runCheck([]string{"--repair"}, &out, &errOut, open) }, exitOK},
		{"check --bogus", func() int { return runCheck([]string{"--bogus"}, &out, &errOut, open) }, exitUsage},
		{"restore", func() int { return runRestore([]string{file}, dir, &out, &errOut) }, exitOK},
		{"restore two files", func() int { return runRestore([]string{file, file}, dir, &out, &errOut) }, exitUsage},
	}
	for _, s := range steps {
		out.Reset()
		errOut.Reset()
		if got := s.run(); got != s.want {
			t.Errorf("%s: exit %d, want %d\nstdout %s\nstderr %s", s.name, got, s.want, &out, &errOut)
		}
	}
	if got := answers(t, dir); !reflect.DeepEqual(got, []string{"in process"}) {
		t.Errorf("after restore: %q", got)
	}
	for n, want := range map[int64]string{930: "930 B", 14_200: "14.2 KB", 3_100_000: "3.1 MB"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// answersWithKey lists the answers in the store in dir, opened with key.
func answersWithKey(t *testing.T, dir string, key []byte) []string {
	t.Helper()
	s, err := data.OpenWithKey(dir, key)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.Attempts()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, sum := range list {
		a, err := s.Attempt(sum.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a.Answer)
	}
	return out
}

// TestEncryptedDataFromTheCommandLine runs backup and check (in process, through openWithEnv, which
// openForCLI is to call) and restore (through the binary) on encrypted data, with the passphrase
// from PANELPREP_PASSPHRASE.
func TestEncryptedDataFromTheCommandLine(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "data")
	seed(t, dir, "a private answer")
	key, err := data.SetPassphrase(dir, nil, "cli pass", time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	open := func() (*data.Store, int) {
		s, err := openWithEnv(dir)
		if err != nil {
			fmt.Fprintln(&errOut, "panelprep:", err)
			return nil, exitFailure
		}
		return s, exitOK
	}
	file := filepath.Join(t.TempDir(), "enc.backup")
	for pass, want := range map[string]string{"": "set " + passphraseEnv + " to its passphrase", "wrong": "the passphrase is wrong (from " + passphraseEnv} {
		t.Setenv(passphraseEnv, pass)
		errOut.Reset()
		if code := runBackup([]string{file}, &out, &errOut, open); code == exitOK || !strings.Contains(errOut.String(), want) {
			t.Errorf("backup with %s=%q: exit %d, %s", passphraseEnv, pass, code, &errOut)
		}
	}
	t.Setenv(passphraseEnv, "cli pass")
	errOut.Reset()
	if code := runBackup([]string{file}, &out, &errOut, open); code != exitOK {
		t.Fatalf("backup: exit %d, %s", code, &errOut)
	}
	if code := runCheck(nil, &out, &errOut, open); code != exitOK {
		t.Fatalf("check: exit %d, %s", code, &errOut)
	}
	if b, err := os.ReadFile(file); err != nil || bytes.Contains(b, []byte("a private answer")) {
		t.Fatalf("the backup holds the answer in plaintext (%v)", err)
	}
	if info, err := data.ReadBackupHeader(file); err != nil || !info.Encrypted {
		t.Fatalf("header: %+v %v", info, err)
	}

	withKey(t, dir, key, func(s *data.Store) {
		if err := s.SaveAttempt(cliAttempt("written after the backup", time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC))); err != nil {
			t.Fatal(err)
		}
	})
	// Restore without the passphrase, or with a wrong one: refused, nothing touched.
	before := preptest.FileHashes(t, parent)
	for _, pass := range []string{"", "wrong"} {
		code, stdout, stderr := panelprep(t, []string{passphraseEnv + "=" + pass}, "--data-dir", dir, "restore", file)
		if code != exitFailure || stdout != "" || !strings.Contains(stderr, "nothing was changed") || !strings.Contains(stderr, passphraseEnv) {
			t.Errorf("restore with %q: exit %d\nstdout %s\nstderr %s", pass, code, stdout, stderr)
		}
		if !reflect.DeepEqual(preptest.FileHashes(t, parent), before) {
			t.Fatalf("restore with %q changed the data folder", pass)
		}
	}
	code, stdout, stderr := panelprep(t, []string{passphraseEnv + "=cli pass"}, "--data-dir", dir, "restore", file)
	if code != exitOK || !strings.Contains(stdout, "the restored data is encrypted") {
		t.Fatalf("restore: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	if got := answersWithKey(t, dir, key); !reflect.DeepEqual(got, []string{"a private answer"}) {
		t.Errorf("after restore: %q", got)
	}

	// On a new computer the passphrase alone restores it, still encrypted.
	fresh := filepath.Join(t.TempDir(), "new-computer")
	if code, stdout, stderr := panelprep(t, []string{passphraseEnv + "=cli pass"}, "--data-dir", fresh, "restore", file); code != exitOK {
		t.Fatalf("restore on a new computer: exit %d\n%s\n%s", code, stdout, stderr)
	}
	freshKey, err := data.UnlockKey(fresh, "cli pass")
	if err != nil {
		t.Fatal(err)
	}
	if got := answersWithKey(t, fresh, freshKey); len(got) != 1 {
		t.Errorf("new computer holds %q", got)
	}

	// Into plain data, with the backup's passphrase in PANELPREP_BACKUP_PASSPHRASE: restored plain.
	plain := filepath.Join(t.TempDir(), "plain")
	seed(t, plain, "plain answer")
	code, stdout, stderr = panelprep(t, []string{passphraseEnv + "=", backupPassphraseEnv + "=cli pass"}, "--data-dir", plain, "restore", file)
	if code != exitOK || strings.Contains(stdout, "encrypted") {
		t.Fatalf("restore into plain data: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if data.Encrypted(plain) {
		t.Error("plain data became encrypted")
	}
	if got := answers(t, plain); !reflect.DeepEqual(got, []string{"a private answer"}) {
		t.Errorf("plain data after restore: %q", got)
	}
}

// withKey opens the store in dir with key, runs fn on it and closes it.
func withKey(t *testing.T, dir string, key []byte, fn func(s *data.Store)) {
	t.Helper()
	s, err := data.OpenWithKey(dir, key)
	if err != nil {
		t.Fatal(err)
	}
	fn(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
