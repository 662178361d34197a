//go:build window

package windowtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
)

// typedAnswer is typed into the answer key by key. Its paragraphs are long enough to wrap several
// times in the answer field, so that many words fall at the end of a line; it keeps the phrases a
// user saw merged at line wraps ("I would check how", "hand-off together"), a single line break,
// two spaces after a full stop, and letters from beyond ASCII.
var typedAnswer = strings.Join([]string{
	"Situation: the team had missed two quarters running, and I would check how the estimates were made before " +
		"judging anyone. The EM owned a hand-off together with the platform team that nobody had written down, so " +
		"work stalled at every boundary and the retrospectives blamed the same dependency each time.",
	"Task: agree with the VP what a recovered quarter looks like, in numbers the team can see every week.  Then " +
		"set three observable expectations for the EM, with a date to look at them together.\nA second line after a single break.",
	"Actions: a weekly one-to-one with a written note, a café-style demo every fortnight, and the naïve estimate " +
		"replaced by ranges — each range checked against what shipped. Results came in the third month.",
}, "\n\n")

// TestTypedAnswerIsStoredExactly types a long answer with paragraphs and line wraps into the
// round's answer as real key events, finishes and scores the round by mouse, quits, and reads the
// attempt back with the binary's export: the stored text must be the typed text, character for
// character.
func TestTypedAnswerIsStoredExactly(t *testing.T) {
	t.Parallel()
	dir := seededStore(t)
	a := launch(t, dir)
	startRound(t, a, leadershipPrompt)
	start := time.Now()
	a.typeText(typedAnswer, 15*time.Millisecond)
	typed := time.Since(start)
	last := typedAnswer[strings.LastIndex(typedAnswer, " ")+1:]
	a.waitFor("the end of the typed answer on screen", func(in Inspection) bool { return in.has(last) })
	t.Logf("typed %d characters in %v; the window showed the last word %v later", len([]rune(typedAnswer)), typed.Round(time.Millisecond), (time.Since(start) - typed).Round(time.Millisecond))

	finishRound(t, a)
	scoreEveryCriterion(t, a)
	a.clickText("Save attempt")
	a.waitFor("the saved attempt", func(in Inspection) bool { return in.Screen == "*ui.attemptScreen" })
	a.quit()

	var found bool
	for _, at := range exportAttempts(t, dir) {
		if at.Prompt.Title != leadershipPrompt || len(at.Sections) == 0 || !strings.HasPrefix(at.Sections[0].Text, "Situation:") {
			continue
		}
		found = true
		if got := at.Sections[0].Text; got != typedAnswer {
			t.Errorf("the stored answer differs from what was typed:\n%s", firstDifference(typedAnswer, got))
		}
		if !strings.Contains(at.Answer, typedAnswer) {
			t.Errorf("the composed answer does not hold the typed text:\n%s", firstDifference(typedAnswer, at.Answer))
		}
	}
	if !found {
		t.Fatal("the export holds no attempt with the typed answer")
	}
}

// firstDifference shows where two texts part, with some context.
func firstDifference(want, got string) string {
	w, g := []rune(want), []rune(got)
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	from := max(0, i-30)
	return fmt.Sprintf("from character %d (of %d typed, %d stored):\n  typed:  %q\n  stored: %q",
		i, len(w), len(g), string(w[from:min(len(w), i+30)]), string(g[from:min(len(g), i+30)]))
}

// scoreEveryCriterion chooses 2 for every criterion on the score screen (the radio labelled "2"
// under each criterion's anchors), scrolling the form with the mouse wheel, until the screen says
// all are scored.
func scoreEveryCriterion(t *testing.T, a *app) {
	t.Helper()
	clicked := map[int]bool{} // the choices clicked since the form last scrolled, by their height
	for range 60 {
		in := a.next(a.waitFor("the score screen", func(in Inspection) bool { return in.Screen == "*ui.scoreScreen" }))
		if in.has("All criteria scored") {
			return
		}
		var options []Inspected
		for _, o := range in.Objects {
			if o.Kind == "text" && o.Text == "2" && !clicked[int(o.Y)] && o.Clip != nil {
				if _, _, _, h := visible(o); h >= o.H { // wholly in view
					options = append(options, o)
				}
			}
		}
		sort.Slice(options, func(i, j int) bool { return options[i].Y < options[j].Y })
		if len(options) > 0 {
			o := options[0]
			clicked[int(o.Y)] = true
			a.click(in, o.X+o.W/2, o.Y+o.H/2)
			continue
		}
		// Nothing left in view: scroll the form down a little, with the pointer over it.
		a.wheelDown(in, in.Width/2, in.Height/2, 3)
		clear(clicked)
	}
	t.Fatal("could not score every criterion on the score screen")
}

// wheelDown turns the mouse wheel down n notches with the pointer at x, y (canvas units).
func (a *app) wheelDown(in Inspection, x, y float32, n int) {
	a.t.Helper()
	s := in.Scale
	if s == 0 {
		s = 1
	}
	if _, err := a.xdotool("mousemove", "--window", a.id(), strconv.Itoa(int(x*s)), strconv.Itoa(int(y*s)),
		"click", "--repeat", strconv.Itoa(n), "--delay", "50", "5"); err != nil {
		a.t.Fatal(err)
	}
}

// exportAttempts reads every attempt back from the store with the binary's own export command.
func exportAttempts(t *testing.T, dataDir string) []prep.BundleAttempt {
	t.Helper()
	if b := exportAll(t, dataDir); b != nil {
		return b.Attempts
	}
	return nil
}

// exportAll reads the store in dataDir back with the binary's own export command: every attempt
// and story, as a bundle. It is nil when the store holds nothing to export.
func exportAll(t *testing.T, dataDir string) *prep.Bundle {
	t.Helper()
	out := filepath.Join(t.TempDir(), "export.json")
	cmd := exec.Command(appBinary(t), "--data-dir", dataDir, "export", "--format", "json", "--out", out)
	cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8")
	if b, err := cmd.CombinedOutput(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && strings.Contains(string(b), "no attempts") {
			return nil
		}
		t.Fatalf("panelprep export: %v\n%s", err, b)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := prep.DecodeBundle(f, 0)
	if err != nil {
		t.Fatalf("reading the export: %v", err)
	}
	return b
}

// finishRound presses Ctrl+Enter and, when the round asks whether to finish with time left,
// confirms; it returns on the score screen.
func finishRound(t *testing.T, a *app) {
	t.Helper()
	a.key("ctrl+Return")
	in := a.waitFor("the score screen or a confirmation", func(in Inspection) bool {
		return in.Screen == "*ui.scoreScreen" || in.topLayer() > 0
	})
	if in.Screen != "*ui.scoreScreen" {
		a.clickText(confirmFinishLabel(t, in))
	}
	a.waitFor("the score screen", func(in Inspection) bool { return in.Screen == "*ui.scoreScreen" && in.topLayer() == 0 })
}
