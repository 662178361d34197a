//go:build window

package windowtest

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
)

// citeFirstLine and citeLastLine are the answer typed for the citation test: two lines, so that
// the keyboard selects in one and the mouse in the other. The first has Markdown and markup in it,
// which the reports must show as text.
const (
	citeFirstLine = "We moved on-call to a **shared rota** and wrote <b>why</b> down for the team."
	citeLastLine  = "Incidents fell from six a month to two."
)

// TestCiteSelectedPassages selects a passage of the answer on the score screen with real
// Shift+Left key presses and cites it with Ctrl+1 (the cursor still in the answer), then selects
// another by dragging the mouse across a line and cites it with Ctrl+2; saves, quits, and reads
// both citations back with the binary's export, as JSON and as the HTML report. In the dark theme
// at normal size, and in the light theme at one and a half times (where every position differs).
func TestCiteSelectedPassages(t *testing.T) {
	t.Parallel()
	for _, look := range []struct{ name, theme, scale string }{{"dark", "dark", "1"}, {"light-large", "light", "1.5"}} {
		t.Run(look.name, func(t *testing.T) {
			t.Parallel()
			citeSelectedPassages(t, look.name, "FYNE_THEME="+look.theme, "FYNE_SCALE="+look.scale)
		})
	}
}

func citeSelectedPassages(t *testing.T, look string, env ...string) {
	dir := t.TempDir()
	a := launch(t, dir, env...)
	startRound(t, a, leadershipPrompt)
	a.typeText(citeFirstLine+"\n"+citeLastLine, 15*time.Millisecond)
	a.waitFor("the answer typed", func(in Inspection) bool { return in.has(citeLastLine) })
	finishRound(t, a)
	scoreEveryCriterion(t, a)

	// The keyboard: the cursor into the answer, to its end (Page Down), back past " to two.", then
	// Shift+Left over "six a month".
	a.clickText("## Situation")
	a.waitFor("the cursor in the answer", func(in Inspection) bool { return in.Focused == "*ui.answerText" })
	a.key("Next")
	for range len(" to two.") {
		a.key("Left")
	}
	for range len("six a month") {
		a.key("shift+Left")
	}
	a.waitFor("the selection said under the answer", func(in Inspection) bool { return in.has("Selected, 3 words: “six a month”") })
	a.key("ctrl+1")
	a.waitFor("the passage cited for the first criterion", func(in Inspection) bool {
		return in.has("Cited for 1. ") && in.has("“six a month”")
	})

	// The mouse: from the middle of the first line to past its end.
	in := a.waitFor("the first line of the answer", func(in Inspection) bool { _, ok := in.find(citeFirstLine); return ok })
	line, _ := in.find(citeFirstLine)
	line = glyphs(line)
	a.drag(in, line.X+line.W/2, line.Y+line.H/2, line.X+line.W+40, line.Y+line.H/2)
	in = a.waitFor("a mouse selection said under the answer", func(in Inspection) bool { return in.has("Selected, ") })
	var dragged string
	for _, l := range strings.Split(in.texts(), "\n") {
		if rest, ok := strings.CutPrefix(l, "Selected, "); ok {
			_, q, _ := strings.Cut(rest, ": “")
			dragged = strings.TrimSuffix(q, "”")
		}
	}
	if dragged == "" || !strings.HasSuffix(citeFirstLine, dragged) || len(dragged) < len(citeFirstLine)/3 {
		t.Fatalf("dragging across the second half of %q selected %q", citeFirstLine, dragged)
	}
	// A drag from mid-line starts inside a word: what is kept is widened to the whole word.
	cited, err := prep.CitePassage(citeFirstLine+"\n"+citeLastLine, dragged)
	if err != nil || !strings.HasSuffix(cited, dragged) {
		t.Fatalf("the dragged %q cites as %q, %v", dragged, cited, err)
	}
	t.Logf("the drag selected %q, kept as %q", dragged, cited)
	a.key("ctrl+2")
	a.waitFor("the dragged passage cited for the second criterion", func(in Inspection) bool { return in.has("Cited for 2. ") })
	keepShot(t, a, "cite-score-screen-"+look)

	a.clickText("Save attempt")
	a.waitFor("the saved attempt with its evidence", func(in Inspection) bool {
		return in.Screen == "*ui.attemptScreen" && in.has("Your evidence: “six a month”")
	})
	keepShot(t, a, "cite-attempt-"+look)
	a.quit()

	var found bool
	for _, at := range exportAttempts(t, dir) {
		if at.Prompt.Title != leadershipPrompt {
			continue
		}
		found = true
		if len(at.Scores) < 3 || at.Scores[0].Evidence != "six a month" || at.Scores[1].Evidence != cited || at.Scores[2].Evidence != "" {
			t.Fatalf("stored scores %+v; want the first citing %q, the second %q, no other", at.Scores, "six a month", cited)
		}
	}
	if !found {
		t.Fatal("the export holds no attempt at the prompt")
	}
	out := filepath.Join(t.TempDir(), "report.html")
	cmd := exec.Command(appBinary(t), "--data-dir", dir, "export", "--format", "html", "--out", out)
	cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("panelprep export --format html: %v\n%s", err, b)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"“six a month”", "“" + html.EscapeString(cited) + "”"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the HTML report does not quote %s", want)
		}
	}
}

// drag presses the left button at x0, y0, moves to x1, y1 in a few steps, and lets go (canvas
// units). Each step waits a little: the window reads a drag from the pointer's motion events, and
// a button let go before it has read the last of them ends the selection short.
func (a *app) drag(in Inspection, x0, y0, x1, y1 float32) {
	a.t.Helper()
	s := in.Scale
	if s == 0 {
		s = 1
	}
	px := func(v float32) string { return strconv.Itoa(int(v * s)) }
	if _, err := a.xdotool("mousemove", "--window", a.id(), px(x0), px(y0), "mousedown", "1"); err != nil {
		a.t.Fatal(err)
	}
	for i := 1; i <= 5; i++ { // the last step moves by a pixel: the end point arrives twice
		time.Sleep(100 * time.Millisecond)
		f := min(float32(i)/4, 1)
		if _, err := a.xdotool("mousemove", "--window", a.id(), px(x0+(x1-x0)*f+float32(i/5)), px(y0+(y1-y0)*f)); err != nil {
			a.t.Fatal(err)
		}
	}
	// The window takes a drag's last motion a frame or two later: let go only once it has.
	time.Sleep(300 * time.Millisecond)
	if _, err := a.xdotool("mouseup", "1"); err != nil {
		a.t.Fatal(err)
	}
}

// TestCiteInALongAnswer opens the score screen on a 2,000-word answer (twenty paragraphs) in the
// real window and selects from the top with Shift+Down held down key by key: it logs how long the
// score screen took to show and how long twenty Shift+Down took to reach the line under the
// answer, and fails if either is past what a user would take for a hang (3 s), then cites the
// selection (over the 1,000-character limit it is refused, and saying so is checked) and a short one.
func TestCiteInALongAnswer(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := seedLongDraft(dir, 2000); err != nil {
		t.Fatal(err)
	}
	a := launch(t, dir)
	a.clickText("Resume")
	a.waitFor("the round", func(in Inspection) bool { return in.Screen == "*ui.roundScreen" })
	start := time.Now()
	finishRound(t, a)
	opened := time.Since(start)
	t.Logf("2,000 words: the score screen showed %v after Finish (its confirmation included)", opened.Round(time.Millisecond))
	if opened > 8*time.Second {
		t.Errorf("the score screen took %v to show a 2,000-word answer", opened)
	}
	a.clickText("## Situation")
	a.waitFor("the cursor in the answer", func(in Inspection) bool { return in.Focused == "*ui.answerText" })
	keys := make([]string, 20)
	for i := range keys {
		keys[i] = "shift+Down"
	}
	start = time.Now()
	a.key(keys...) // one key every 60 ms, as a held key repeats a little slower
	sent := time.Since(start)
	// Settled: the line under the answer says the same in two inspections in a row.
	var last string
	a.waitFor("the selection said under the answer, settled", func(in Inspection) bool {
		var said string
		for _, l := range strings.Split(in.texts(), "\n") {
			if strings.HasPrefix(l, "Selected, ") {
				said = l
			}
		}
		settled := said != "" && said == last
		last = said
		return settled
	})
	settled := time.Since(start)
	t.Logf("20 Shift+Down sent in %v; the selection under the answer settled %v after the last (within two inspections, 200 ms apart): %.60s…",
		sent.Round(time.Millisecond), (settled - sent).Round(time.Millisecond), last)
	if settled-sent > 3*time.Second {
		t.Errorf("the selection settled %v after the last key", settled-sent)
	}
	keepShot(t, a, "cite-long-answer")
	// Twenty lines of the answer are over 1,000 characters: refused, and said so.
	a.key("ctrl+1")
	a.waitFor("the overlong selection refused", func(in Inspection) bool { return in.has("a passage may be at most 1000. Nothing was cited") })
}

// seedLongDraft leaves an unfinished round at the leadership prompt in a new store at dir, its
// answer about words words long in paragraphs of a hundred, every criterion scored 3.
func seedLongDraft(dir string, words int) error {
	bank, err := prep.DecodeBank(assets.Bank)
	if err != nil {
		return err
	}
	var d prep.Draft
	for _, set := range bank.Sets {
		for _, p := range set.Prompts {
			if p.Title == leadershipPrompt {
				d = prep.Draft{SetID: set.ID, SetVersion: set.Version, Prompt: p}
			}
		}
	}
	if d.Prompt.Title == "" {
		return fmt.Errorf("no prompt %q in the bank", leadershipPrompt)
	}
	sentence := "We moved the platform team under infrastructure, hired two managers, and halved the incident rate within two quarters."
	var paras []string
	for n := 0; n < words; n += 100 {
		paras = append(paras, strings.TrimSpace(strings.Repeat(sentence+" ", 100/len(strings.Fields(sentence))+1)))
	}
	d.Answer = strings.Join(paras, "\n\n")
	d.Structured = true
	d.Sections = prep.SplitAnswer(d.Prompt.Round, d.Answer)
	d.Clock = prep.ClockState{Elapsed: make([]time.Duration, len(d.Prompt.Phases)), Started: true}
	d.StartedAt = time.Now().Add(-time.Hour)
	d.UpdatedAt = time.Now()
	for _, c := range d.Prompt.Rubric {
		d.Scores = append(d.Scores, prep.Score{Criterion: c.Name, Value: 3})
	}
	s, err := data.Open(dir)
	if err != nil {
		return err
	}
	if err := s.SaveDraft(d); err != nil {
		s.Close()
		return err
	}
	return s.Close()
}
