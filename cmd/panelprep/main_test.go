package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/panelprep/panelprep/data"
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
	ldflags, err := exec.Command("make", "-s", "-C", "../..", "ldflags").Output()
	if err != nil {
		panic("make ldflags: " + err.Error())
	}
	build := exec.Command("go", "build", "-tags", "ci", "-ldflags", strings.TrimSpace(string(ldflags)), "-o", binary, ".")
	if out, err := build.CombinedOutput(); err != nil {
		panic("building panelprep: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// panelprep runs the built binary and returns its exit code, stdout and stderr.
func panelprep(t *testing.T, env []string, args ...string) (int, string, string) {
	t.Helper()
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
