//go:build window

package windowtest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWhiteboardReachesTheAttemptAndItsReports draws on a round's whiteboard with
// real key events (in a leadership round: the board is in every round), ends the first phase with the Next phase button (the diagram's snapshot), adds
// a box in the next phase, finishes, scores and saves the attempt, then reads the store back with
// the binary's export: the attempt must carry the final diagram and the first phase's snapshot, and
// the HTML and PDF reports the binary writes must draw it.
func TestWhiteboardReachesTheAttemptAndItsReports(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// The whiteboard is there in every round; the leadership prompt's score screen is one the
	// scoring helper is known to work through.
	a := launch(t, dir)
	startRound(t, a, leadershipPrompt)
	a.typeText("A ledger service in front of Postgres.", 10*time.Millisecond)
	a.key("ctrl+d")
	a.waitFor("the whiteboard focused", func(in Inspection) bool { return in.Focused == "*ui.board" })
	a.key("1", "3")
	a.waitFor("two components drawn and saved", func(in Inspection) bool {
		return onBoard(in, "Client", "Service") && in.has("All changes saved")
	})
	a.clickText("Next phase")
	a.waitFor("the second phase", func(in Inspection) bool { return in.has("Phase 2 of") })
	a.key("ctrl+d")
	a.waitFor("the whiteboard focused again", func(in Inspection) bool { return in.Focused == "*ui.board" })
	a.key("4")
	a.waitFor("a database drawn too", func(in Inspection) bool { return onBoard(in, "Client", "Service", "Database") })
	finishRound(t, a)
	scoreEveryCriterion(t, a)
	a.clickText("Save attempt")
	a.waitFor("the saved attempt, its diagram drawn", func(in Inspection) bool {
		return in.Screen == "*ui.attemptScreen" && onBoard(in, "Client", "Service", "Database")
	})
	a.quit()

	var found bool
	for _, at := range exportAttempts(t, dir) {
		if at.Prompt.Title != leadershipPrompt {
			continue
		}
		found = true
		if at.Diagram == nil || len(at.Diagram.Components) != 3 {
			t.Fatalf("the stored attempt's diagram is %+v, want the three components drawn", at.Diagram)
		}
		if len(at.DiagramSnapshots) < 2 || len(at.DiagramSnapshots[0].Diagram.Components) != 2 || at.DiagramSnapshots[0].Phase != at.Prompt.Phases[0].Name {
			t.Errorf("snapshots %+v: want the first phase's with two components, then the last", at.DiagramSnapshots)
		}
	}
	if !found {
		t.Fatal("the export holds no attempt at the prompt")
	}
	for _, format := range []string{"html", "pdf"} {
		out := filepath.Join(t.TempDir(), "report."+format)
		cmd := exec.Command(appBinary(t), "--data-dir", dir, "export", "--format", format, "--out", out)
		cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("panelprep export --format %s: %v\n%s", format, err, b)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s report: %d bytes", format, len(data))
		switch format {
		case "html":
			if !bytes.Contains(data, []byte(`<figure class="diagram"><svg `)) {
				t.Error("the HTML report does not draw the diagram")
			}
		case "pdf":
			if _, err := exec.LookPath("pdftotext"); err != nil {
				continue
			}
			text, err := exec.Command("pdftotext", out, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(text), "3 components, 0 arrows") {
				t.Errorf("the PDF report does not describe the diagram:\n%s", text)
			}
		}
	}
}
