package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
)

// binary is panelprep built the way the Makefile builds it (version stamped from FyneApp.toml),
// with the headless driver so it runs without a display.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "panelprep-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "panelprep")
	if err := buildBinary(binary); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// builtBinary is where the last binary the tests built is kept, inside the module's bin directory
// (ignored by git), for the next run to start from.
const builtBinary = "../../bin/test/panelprep-ci"

// buildBinary builds panelprep at path. Linking the app (Fyne, GLFW, Badger) takes about 10 s of
// CPU on two cores, every run, and most runs change nothing in it. go build -o leaves a binary
// alone when its build ID shows it up to date, so path starts as a copy of the binary the last run
// built, and go build relinks only if the sources changed; then the result is kept for the next
// run. Each run builds into its own copy, so two runs at once never write the same file.
func buildBinary(path string) error {
	ldflags, err := exec.Command("make", "-s", "-C", "../..", "ldflags").Output()
	if err != nil {
		return fmt.Errorf("make ldflags: %w", err)
	}
	if err := copyFile(builtBinary, path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	build := exec.Command("go", "build", "-tags", "ci", "-ldflags", strings.TrimSpace(string(ldflags)), "-o", path, ".")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building panelprep: %w\n%s", err, out)
	}
	// Kept through a copy and a rename, so a run reading the kept binary meanwhile reads a whole one.
	if err := os.MkdirAll(filepath.Dir(builtBinary), 0o755); err != nil {
		return nil // nothing kept: the next run links again, no more
	}
	tmp := fmt.Sprintf("%s.%d", builtBinary, os.Getpid())
	if err := copyFile(path, tmp); err != nil || os.Rename(tmp, builtBinary) != nil {
		os.Remove(tmp)
	}
	return nil
}

// copyFile copies the executable from to a new file to.
func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o755)
}

// panelprep runs the built binary and returns its exit code, stdout and stderr.
func panelprep(t *testing.T, env []string, args ...string) (int, string, string) {
	t.Helper()
	noteFileArgs(args)
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
}

// noteFileArgs opens each argument that names a file, so that go test's cache counts the file
// among the test's inputs: the binary reads it, and the cache sees only what this process opens.
// Without it, a change to testdata/loops/bad-problems.toml would leave make test replaying the
// last run's pass for a check that reads it.
func noteFileArgs(args []string) {
	for _, a := range args {
		if fi, err := os.Stat(a); err == nil && fi.Mode().IsRegular() {
			if f, err := os.Open(a); err == nil {
				f.Close()
			}
		}
	}
}

func TestVersionComesFromFyneApp(t *testing.T) {
	var meta struct {
		Details struct {
			Version string
			Build   int
		}
	}
	if _, err := toml.DecodeFile("../../FyneApp.toml", &meta); err != nil {
		t.Fatal(err)
	}
	code, out, _ := panelprep(t, nil, "--version")
	want := "PanelPrep " + meta.Details.Version + " (build "
	if code != 0 || !strings.HasPrefix(out, want) || meta.Details.Version == "" {
		t.Fatalf("--version: exit %d, %q; want it to start %q", code, out, want)
	}
}

func TestHelpListsFlags(t *testing.T) {
	code, _, errOut := panelprep(t, nil, "--help")
	for _, flag := range []string{"-data-dir", "-version"} {
		if !strings.Contains(errOut, flag) {
			t.Errorf("--help does not list %s:\n%s", flag, errOut)
		}
	}
	if code != 0 {
		t.Errorf("--help exits %d", code)
	}
	if code, _, _ := panelprep(t, nil, "--no-such-flag"); code != exitUsage {
		t.Errorf("an unknown flag exits %d, want %d", code, exitUsage)
	}
}

func TestStartsOnAFreshDataDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	code, _, errOut := panelprep(t, []string{"PANELPREP_DATA=" + dir})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	s, err := data.Open(dir) // the environment variable chose the directory, and left a valid store
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func TestSecondInstanceIsRefused(t *testing.T) {
	dir := t.TempDir()
	first, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	code, _, errOut := panelprep(t, nil, "--data-dir", dir)
	if code != exitLocked || !strings.Contains(errOut, "PanelPrep is already open on this data") {
		t.Fatalf("second instance: exit %d, stderr %q", code, errOut)
	}
	if _, err := first.Drafts(); err != nil {
		t.Errorf("the first instance's store is harmed: %v", err)
	}
}

func TestUnusableDataDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := panelprep(t, nil, "--data-dir", file)
	if code != exitDataDir || !strings.Contains(errOut, "the data directory cannot be used") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestSetsCheck(t *testing.T) {
	code, out, errOut := panelprep(t, nil, "sets", "check", "../../testdata/sets/custom-v1.toml", "../../assets/sets/leadership.toml")
	if code != 0 || !strings.Contains(out, `custom-v1.toml: ok: set "acme-platform-loop" version 1, 1 prompts (1 Leadership scenario)`) ||
		!strings.Contains(out, "leadership.toml: ok: set \"director-leadership\" version 2, 35 prompts") {
		t.Fatalf("clean files: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	code, out, errOut = panelprep(t, nil, "sets", "check", "../../testdata/sets/bad-problems.toml", "../../testdata/sets/truncated.toml")
	want := []string{
		"bad-problems.toml:20: prompts[0].tag: unknown field",
		"bad-problems.toml:22: prompts[0].phases: phase minutes sum to 35 but the round is 30 minutes",
		`bad-problems.toml:42: prompts[0].followups[2].asker: unknown panel member "recruiter"`,
		`bad-problems.toml:52: prompts[0].rubric[1].anchor3: criterion "Developing managers" has no anchor for a score of 3`,
		`bad-problems.toml:54: prompts[0].rubric[1].competency: unknown competency "velocity" (use "technical-judgement", "delivery",`,
		"truncated.toml:2: toml:",
	}
	if code != exitFailure || out != "" {
		t.Errorf("bad files: exit %d, stdout %q", code, out)
	}
	for _, w := range want {
		if !strings.Contains(errOut, w) {
			t.Errorf("missing %q in:\n%s", w, errOut)
		}
	}
}

func TestSetsImport(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := panelprep(t, nil, "--data-dir", dir, "sets", "import", "../../testdata/sets/bad-problems.toml")
	if code != exitFailure || !strings.Contains(errOut, "not imported") {
		t.Fatalf("bad file: exit %d, %s", code, errOut)
	}
	code, out, errOut := panelprep(t, nil, "--data-dir", dir, "sets", "import", "../../testdata/sets/custom-v1.toml")
	if code != 0 || !strings.Contains(out, `imported set "acme-platform-loop" version 1`) {
		t.Fatalf("good file: exit %d, %s %s", code, out, errOut)
	}
	code, _, errOut = panelprep(t, nil, "--data-dir", dir, "sets", "import", "../../testdata/sets/custom-v1.toml")
	if code != exitFailure || !strings.Contains(errOut, "already imported") {
		t.Fatalf("same version again: exit %d, %s", code, errOut)
	}
	code, _, errOut = panelprep(t, nil, "--data-dir", dir, "sets", "import", "../../assets/sets/leadership.toml")
	if code != exitFailure || !strings.Contains(errOut, "belongs to a bundled set") {
		t.Fatalf("a bundled set's ID: exit %d, %s", code, errOut)
	}
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sets, err := s.ImportedSets()
	if err != nil || len(sets) != 1 || sets[0].ID != "acme-platform-loop" {
		t.Fatalf("store holds %+v (%v), want only the good set", sets, err)
	}
}

// TestDamagedStoreOffersTheLatestBackup breaks a store that has a backup and starts the app on it:
// it must not crash, must say what is wrong, and (headless, where nobody clicks) exit with 5
// leaving the damaged data where it was.
func TestDamagedStoreOffersTheLatestBackup(t *testing.T) {
	dir := t.TempDir()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.BackupNow(time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "MANIFEST"), []byte("this is not a badger manifest"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := panelprep(t, nil, "--data-dir", dir)
	if code != exitBadStore || !strings.Contains(errOut, "is damaged: MANIFEST cannot be read") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "MANIFEST")); string(b) != "this is not a badger manifest" {
		t.Error("the damaged store was changed without the user asking")
	}
}

// TestLiveStoreRestoreSwapsTheStore restores through the same wiring the Settings screen uses.
func TestLiveStoreRestoreSwapsTheStore(t *testing.T) {
	dir := t.TempDir()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	l := data.NewLive(dir, s, nil)
	m := maintenance(l)
	backup, err := m.BackupNow()
	if err != nil {
		t.Fatal(err)
	}
	if err := l.SaveDraft(prep.Draft{Prompt: prep.Prompt{ID: "after-backup"}}); err != nil {
		t.Fatal(err)
	}
	if err := m.Restore(filepath.Join(dir, "not-a-backup"), ""); err == nil {
		t.Fatal("restoring a missing file succeeded")
	}
	if d, _ := l.Drafts(); len(d) != 1 {
		t.Fatal("a refused restore changed the store")
	}
	if err := m.Restore(backup, ""); err != nil {
		t.Fatal(err)
	}
	if d, _ := l.Drafts(); len(d) != 0 {
		t.Fatalf("after the restore the draft made later is still there (%d) or the live store was not swapped", len(d))
	}
	list, _ := m.Backups()
	if len(list) < 2 {
		t.Errorf("the restore did not back up the current data first: %d backups", len(list))
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
}

// A backup encrypted under another passphrase (here, another computer's) restores through the
// Settings wiring once that passphrase is given; the data keeps its own passphrase.
func TestLiveStoreRestoresABackupUnderAnotherPassphrase(t *testing.T) {
	elsewhere := t.TempDir()
	s, err := data.Open(elsewhere)
	if err != nil {
		t.Fatal(err)
	}
	o := data.NewLive(elsewhere, s, nil)
	if err := maintenance(o).SetPassphrase("old laptop words"); err != nil {
		t.Fatal(err)
	}
	if err := o.SaveDraft(prep.Draft{Prompt: prep.Prompt{ID: "from-the-old-laptop"}}); err != nil {
		t.Fatal(err)
	}
	backup, err := maintenance(o).BackupNow()
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Close(); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	if s, err = data.Open(dir); err != nil {
		t.Fatal(err)
	}
	l := data.NewLive(dir, s, nil)
	m := maintenance(l)
	if err := m.SetPassphrase("this laptop words"); err != nil {
		t.Fatal(err)
	}
	err = m.Restore(backup, "")
	if err == nil || !m.NeedsPassphrase(err) {
		t.Fatalf("restoring without the backup's passphrase: %v, want a request for it", err)
	}
	if err := m.Restore(backup, "wrong words"); err == nil || !m.NeedsPassphrase(err) {
		t.Fatalf("restoring with a wrong passphrase: %v, want it refused as wrong", err)
	}
	if d, _ := l.Drafts(); len(d) != 0 {
		t.Fatal("a refused restore changed the data")
	}
	if err := m.Restore(backup, "old laptop words"); err != nil {
		t.Fatal(err)
	}
	if d, _ := l.Drafts(); len(d) != 1 || d[0].Prompt.ID != "from-the-old-laptop" {
		t.Fatalf("after the restore: drafts %+v, want the backup's", d)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := data.UnlockKey(dir, "this laptop words"); err != nil {
		t.Errorf("the restored data no longer opens with its own passphrase: %v", err)
	}
	if _, err := data.UnlockKey(dir, "old laptop words"); err == nil {
		t.Error("the restored data opens with the backup's passphrase: the restore changed the data's passphrase")
	}
}

// Quitting while the daily backup is being written stops it: close returns without waiting for
// it, and the backups folder holds either that backup whole (it won the race) or nothing of it.
func TestQuittingStopsTheDailyBackup(t *testing.T) {
	dir := t.TempDir()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		d := prep.Draft{Prompt: prep.Prompt{ID: fmt.Sprintf("p%03d", i)}, Answer: strings.Repeat("A paragraph of answer. ", 200)}
		if err := s.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
	}
	l := data.NewLive(dir, s, nil)
	var stderr strings.Builder
	autoBackup(l, &stderr)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if stderr.Len() != 0 {
		t.Errorf("a stopped backup was reported as a failure: %s", stderr.String())
	}
	entries, err := os.ReadDir(data.BackupsDir(dir))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".backup") {
			t.Errorf("a stopped backup left %s behind", e.Name())
			continue
		}
		if _, err := data.VerifyBackupFile(filepath.Join(data.BackupsDir(dir), e.Name()), data.Secret{}); err != nil {
			t.Errorf("the backups folder holds a broken backup: %v", err)
		}
	}
}

// TestCommandsPrintOnlyTheirOutput runs the built binary under the locales of containers, ssh
// sessions and cron (LANG=C, C.UTF-8, POSIX.UTF-8, or none at all): every command prints exactly
// what it prints under en_US.UTF-8. Fyne's lang package used to log three lines of "Fyne error:
// Error parsing user locale C" from its init, before main ran, even for --version.
func TestCommandsPrintOnlyTheirOutput(t *testing.T) {
	home := t.TempDir()
	run := func(locale []string, args ...string) (string, string) {
		t.Helper()
		noteFileArgs(args)
		cmd := exec.Command(binary, args...)
		cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + home}, locale...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatal(err)
			}
		}
		return stdout.String(), stderr.String()
	}
	dataDir := filepath.Join(t.TempDir(), "data")
	commands := [][]string{
		{"--version"},
		{"--help"},
		{"sets", "check", "../../testdata/sets/custom-v1.toml", "../../testdata/sets/bad-problems.toml"},
		{"--data-dir", dataDir, "check"},
	}
	for _, args := range commands {
		wantOut, wantErr := run([]string{"LANG=en_US.UTF-8"}, args...)
		if strings.Contains(wantOut+wantErr, "Fyne") {
			t.Fatalf("%v under en_US.UTF-8 mentions Fyne:\n%s%s", args, wantOut, wantErr)
		}
		for _, locale := range [][]string{{"LANG=C"}, {"LANG=C.UTF-8"}, {"LC_ALL=POSIX.UTF-8", "LANG=en_US.UTF-8"}, nil} {
			out, errOut := run(locale, args...)
			if out != wantOut || errOut != wantErr {
				t.Errorf("%v with %v printed\n%s%s\nwant\n%s%s", args, locale, out, errOut, wantOut, wantErr)
			}
		}
	}
	if out, errOut := run([]string{"LANG=C.UTF-8"}, "--version"); !strings.HasPrefix(out, "PanelPrep ") || strings.Count(out, "\n") != 1 || errOut != "" {
		t.Errorf("--version under LANG=C.UTF-8: %q %q", out, errOut)
	}
}

// A set written before competencies is refused by the checker, which names each criterion without
// one and the competencies to choose from; nothing else about the file is wrong.
func TestSetsCheckAsksForCompetencies(t *testing.T) {
	code, out, errOut := panelprep(t, nil, "sets", "check", "../../testdata/sets/legacy-v1.toml")
	want := []string{
		`legacy-v1.toml:47: prompts[0].rubric[0].competency: criterion "Ownership" names no competency; add competency = one of "technical-judgement",`,
		`legacy-v1.toml:54: prompts[0].rubric[1].competency: criterion "Developing managers" names no competency;`,
	}
	if code != exitFailure || out != "" || strings.Count(errOut, "\n") != 2 {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}
	for _, w := range want {
		if !strings.Contains(errOut, w) {
			t.Errorf("missing %q in:\n%s", w, errOut)
		}
	}
}
