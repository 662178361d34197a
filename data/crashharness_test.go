package data

// The child-process harness of the tests that kill or starve a process writing to a store: the
// test binary runs itself again for one test, with an environment variable naming the store's
// folder, and the parent kills it with SIGKILL (the crash and the killed-mapping tests) or reads
// what it printed (the disk-full test), then reopens the store and checks what is there.

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
)

// childCommand is this test binary run for test alone, with env set to dir: the child half of the
// test, which sees env set and works on the store in dir instead.
func childCommand(test, env, dir string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env+"="+dir)
	return cmd
}

// startChild starts the child of test on dir and returns it with its output, line by line; what it
// says on stderr goes to the test's.
func startChild(t *testing.T, test, env, dir string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := childCommand(test, env, dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out)
}

// killChild kills the child with SIGKILL, as a crash or a power cut would, and waits for it.
func killChild(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
}

// runTestAndKill runs test in a child process with env set to dir, kills it with SIGKILL after d,
// and returns the last "ack N" it printed (0 if none).
func runTestAndKill(t *testing.T, test, env, dir string, d time.Duration) int {
	cmd, out := startChild(t, test, env, dir)
	acks := make(chan int, 1)
	go func() {
		last := 0
		for out.Scan() {
			if n, err := strconv.Atoi(strings.TrimPrefix(out.Text(), "ack ")); err == nil {
				last = n
			}
		}
		acks <- last
	}()
	time.Sleep(d)
	killChild(t, cmd)
	return <-acks
}

// draftsAfterKill reopens the store in dir after round's kill and reads its drafts.
func draftsAfterKill(t *testing.T, dir string, round int) []prep.Draft {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("round %d: reopening after SIGKILL: %v", round, err)
	}
	drafts, err := s.Drafts()
	s.Close()
	if err != nil {
		t.Fatalf("round %d: reading drafts after SIGKILL: %v", round, err)
	}
	return drafts
}

// openChildStore opens the store in dir for a child, which exits with status 2 if it cannot.
func openChildStore(dir, child string) *Store {
	s, err := Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, child+":", err)
		os.Exit(2)
	}
	return s
}

// ackingSaver is a draft saver on s that prints "ack N" once edit N is durable, for a child whose
// every Update is one edit and whose first is edit start.
func ackingSaver(s *Store, start int) *prep.DraftSaver {
	w := bufio.NewWriter(os.Stdout)
	// Update number seq carries edit start+seq-1.
	return prep.NewDraftSaver(s.SaveDraft, func(seq uint64, err error) {
		if err == nil {
			fmt.Fprintf(w, "ack %d\n", start+int(seq)-1)
			w.Flush()
		}
	})
}
