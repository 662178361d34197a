package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/data"
)

// BenchmarkDailyBackupMemory measures resident memory (Linux /proc) around the first launch of the
// day, which writes the daily backup of a store of 10,000 attempts, in a real window under Xvfb,
// beside a bare Fyne window at idle:
//
//	bare-MB          a bare Fyne window at idle (VmRSS)
//	backup-peak-MB   PanelPrep's peak while it launches and writes the daily backup (VmHWM)
//	backup-idle-MB   PanelPrep at idle once the backup is written (VmRSS)
//	nobackup-idle-MB PanelPrep at idle on a launch that makes no backup (one already made today)
//	peak-x-bare, idle-x-bare  the ratios. Goal: peak at most 2x, idle at most 1.5x.
//
// Run it with -benchtime 1x: it seeds a store, opens it twice, then launches three windows. The
// peak varies by some 50 MB from run to run with when the garbage collector runs.
func BenchmarkDailyBackupMemory(b *testing.B) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		b.Skip("reads /proc/PID/status: Linux only")
	}
	display := startXvfb(b)
	dir := b.TempDir()
	bare, gl := buildWindows(b, dir)
	dataDir := filepath.Join(dir, "data")
	seed10k(b, dataDir)
	b.Logf("store: %.1f MB", float64(dirSize(dataDir))/(1<<20))
	env := append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8", "BAREWINDOW_STAY=1")
	// A store just seeded in bulk has compactions pending, which its first open runs: open it once,
	// as a store in daily use has been, and warm the page cache.
	for range 2 {
		p := startWindow(b, env, gl, "--data-dir", dataDir)
		time.Sleep(10 * time.Second)
		p.stop()
	}
	var bareMB, peakMB, idleMB, noBackupMB float64
	for b.Loop() {
		if err := os.RemoveAll(data.BackupsDir(dataDir)); err != nil {
			b.Fatal(err)
		}
		// The bare window: up, then settled.
		p := startWindow(b, env, bare)
		waitFor(b, 30*time.Second, func() bool { return p.ready })
		time.Sleep(3 * time.Second)
		bareMB, _ = memoryOf(b, p.cmd.Process.Pid)
		p.stop()

		// PanelPrep with no backup made today: it writes one in the background.
		p = startWindow(b, env, gl, "--data-dir", dataDir)
		waitFor(b, 5*time.Minute, func() bool {
			list, _ := data.ListBackups(data.BackupsDir(dataDir))
			return len(list) > 0
		})
		time.Sleep(3 * time.Second) // idle: the window up, the backup written
		idleMB, peakMB = memoryOf(b, p.cmd.Process.Pid)
		p.stop()

		// The same launch with today's backup already there.
		p = startWindow(b, env, gl, "--data-dir", dataDir)
		time.Sleep(8 * time.Second)
		noBackupMB, _ = memoryOf(b, p.cmd.Process.Pid)
		p.stop()
	}
	b.ReportMetric(bareMB, "bare-MB")
	b.ReportMetric(peakMB, "backup-peak-MB")
	b.ReportMetric(idleMB, "backup-idle-MB")
	b.ReportMetric(noBackupMB, "nobackup-idle-MB")
	b.ReportMetric(peakMB/bareMB, "peak-x-bare")
	b.ReportMetric(idleMB/bareMB, "idle-x-bare")
}

// window is a GUI process started for a measurement.
type window struct {
	cmd   *exec.Cmd
	ready bool // it printed "ready" (the bare window does)
	done  chan struct{}
}

func startWindow(b *testing.B, env []string, prog string, args ...string) *window {
	b.Helper()
	w := &window{cmd: exec.Command(prog, args...), done: make(chan struct{})}
	w.cmd.Env = env
	out, err := w.cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := w.cmd.Start(); err != nil {
		b.Fatal(err)
	}
	go func() {
		defer close(w.done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "ready" {
				w.ready = true
			}
		}
	}()
	return w
}

// stop ends the window (SIGTERM, as a desktop session's logout does) and waits for it.
func (w *window) stop() {
	_ = w.cmd.Process.Signal(os.Interrupt)
	select {
	case <-w.done:
	case <-time.After(10 * time.Second):
		_ = w.cmd.Process.Kill()
		<-w.done
	}
	_ = w.cmd.Wait()
}

func waitFor(b *testing.B, limit time.Duration, ok func() bool) {
	b.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			b.Fatalf("gave up after %s", limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// memoryOf reads a process's resident memory now (VmRSS) and at its peak (VmHWM), in MB.
func memoryOf(b *testing.B, pid int) (rss, peak float64) {
	b.Helper()
	f, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(f), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(fields[1], 64)
		switch fields[0] {
		case "VmRSS:":
			rss = kb / 1024
		case "VmHWM:":
			peak = kb / 1024
		case "RssAnon:", "RssFile:":
			b.Logf("pid %d %s %.1f MB", pid, fields[0], kb/1024) // the heap, and mapped files (tables, libraries)
		}
	}
	return rss, peak
}

func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
		return nil
	})
	return n
}
