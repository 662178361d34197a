package main

import (
	"bufio"
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

// BenchmarkLaunchWindow measures, with the real OpenGL driver in a real X window (Xvfb), the time
// from starting a process to its event loop running with its first screen painted: a bare Fyne
// window, and PanelPrep opening a store of 10,000 attempts with its home screen up. Each iteration
// launches both, one after the other, so drift on the machine affects both alike; it reports the
// median of each (bare-ms, panelprep-ms) and their ratio (x-bare). Goal: x-bare at most 1.3.
// It skips where there is no Xvfb or no GL headers (`make deps` installs them; `apt-get install
// xvfb` for the display).
func BenchmarkLaunchWindow(b *testing.B) {
	display := startXvfb(b)
	dir := b.TempDir()
	bare, gl := buildWindows(b, dir)
	dataDir := filepath.Join(dir, "data")
	seed10k(b, dataDir)
	env := append(os.Environ(), "DISPLAY="+display, quitWhenReadyEnv+"=1", "LANG=en_US.UTF-8")
	launch(b, env, bare) // warm the page cache for both
	launch(b, env, gl, "--data-dir", dataDir)
	var bareTimes, appTimes []time.Duration
	for b.Loop() {
		bareTimes = append(bareTimes, launch(b, env, bare))
		appTimes = append(appTimes, launch(b, env, gl, "--data-dir", dataDir))
	}
	mb, ma := median(bareTimes), median(appTimes)
	b.ReportMetric(float64(mb.Microseconds())/1000, "bare-ms")
	b.ReportMetric(float64(ma.Microseconds())/1000, "panelprep-ms")
	b.ReportMetric(float64(ma)/float64(mb), "x-bare")
}

// buildWindows builds, into dir, the two programs the window benchmarks launch: a bare Fyne
// window (bare) and PanelPrep itself (gl), both with the OpenGL driver. It skips the benchmark
// where they cannot be built (no GL headers).
func buildWindows(b *testing.B, dir string) (bare, gl string) {
	bare = filepath.Join(dir, "barewindow")
	gl = filepath.Join(dir, "panelprep-gl")
	for _, build := range [][]string{{"-o", bare, "./testdata/barewindow"}, {"-o", gl, "."}} {
		if out, err := exec.Command("go", append([]string{"build"}, build...)...).CombinedOutput(); err != nil {
			b.Skipf("cannot build with the OpenGL driver here (run make deps): %v\n%s", err, out)
		}
	}
	return bare, gl
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// launch starts a program and waits until it prints "ready"; then it waits for it to exit.
func launch(b *testing.B, env []string, prog string, args ...string) time.Duration {
	cmd := exec.Command(prog, args...)
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	ready := false
	for sc.Scan() {
		if sc.Text() == "ready" {
			ready = true
			break
		}
	}
	took := time.Since(start)
	b.StopTimer()
	for sc.Scan() {
	}
	if err := cmd.Wait(); err != nil || !ready {
		b.Fatalf("%s did not report ready: %v\n%s", filepath.Base(prog), err, stderr.String())
	}
	b.StartTimer()
	return took
}

// startXvfb starts a display for the launch benchmarks: :97, or $PANELPREP_BENCH_DISPLAY (":66")
// where another is in use.
func startXvfb(b *testing.B) string {
	if _, err := exec.LookPath("Xvfb"); err != nil {
		b.Skip("no Xvfb: apt-get install xvfb to run the launch benchmark")
	}
	display := cmp.Or(os.Getenv("PANELPREP_BENCH_DISPLAY"), ":97")
	x := exec.Command("Xvfb", display, "-screen", "0", "1280x860x24")
	if err := x.Start(); err != nil {
		b.Skipf("cannot start Xvfb: %v", err)
	}
	b.Cleanup(func() { _ = x.Process.Kill(); _ = x.Wait() })
	for i := 0; i < 50; i++ {
		if _, err := os.Stat("/tmp/.X11-unix/X" + strings.TrimPrefix(display, ":")); err == nil {
			return display
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.Skip("Xvfb did not come up")
	return ""
}

// BenchmarkLaunchWindowUnmapped10k is BenchmarkLaunchWindow on a store whose 10,000 attempts were
// made before competencies (none in their prompt snapshots), as the first launch after the upgrade
// finds it: the launch maps them to competencies. Each launch starts from a fresh copy of that
// store (copied outside the timing), since a launch that maps leaves it mapped. It reports the
// median launch to the first frame (panelprep-ms) beside the bare window's.
func BenchmarkLaunchWindowUnmapped10k(b *testing.B) {
	display := startXvfb(b)
	dir := b.TempDir()
	bare, gl := buildWindows(b, dir)
	template := filepath.Join(dir, "template")
	seedAttempts(b, template, 10000, true)
	env := append(os.Environ(), "DISPLAY="+display, quitWhenReadyEnv+"=1", "LANG=en_US.UTF-8")
	fresh := func() string {
		d := filepath.Join(dir, "data")
		if err := os.RemoveAll(d); err != nil {
			b.Fatal(err)
		}
		if out, err := exec.Command("cp", "-a", template, d).CombinedOutput(); err != nil {
			b.Fatalf("copying the store: %v\n%s", err, out)
		}
		return d
	}
	launch(b, env, bare) // warm the page cache
	var bareTimes, appTimes []time.Duration
	for b.Loop() {
		b.StopTimer()
		d := fresh()
		b.StartTimer()
		bareTimes = append(bareTimes, launch(b, env, bare))
		appTimes = append(appTimes, launch(b, env, gl, "--data-dir", d))
	}
	mb, ma := median(bareTimes), median(appTimes)
	b.ReportMetric(float64(mb.Microseconds())/1000, "bare-ms")
	b.ReportMetric(float64(ma.Microseconds())/1000, "panelprep-ms")
	b.ReportMetric(float64(ma)/float64(mb), "x-bare")
}

// seed10k writes 10,000 seeded attempts into a new store at dir.
func seed10k(b *testing.B, dir string) { seedAttempts(b, dir, 10000, false) }

// seedAttempts writes n seeded attempts into a new store at dir; unmapped: as made before
// competencies, with none in their prompt snapshots.
func seedAttempts(b *testing.B, dir string, n int, unmapped bool) {
	bundled, err := prep.LoadSets(assets.Sets, "sets")
	if err != nil {
		b.Fatal(err)
	}
	s, err := data.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, a := range preptest.Attempts(prep.Library{Bundled: bundled}, n, time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC), 600*24*time.Hour, 1) {
		if unmapped {
			a.Prompt.Rubric = slices.Clone(a.Prompt.Rubric)
			for j := range a.Prompt.Rubric {
				a.Prompt.Rubric[j].Competency = ""
			}
		}
		if err := s.SaveAttempt(a); err != nil {
			b.Fatal(fmt.Errorf("seeding: %w", err))
		}
	}
}
