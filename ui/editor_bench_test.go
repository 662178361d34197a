package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// answerOfLength is realistic answer text: paragraphs of about 400 characters.
func answerOfLength(n int) string {
	para := strings.Repeat("The ledger team owns the book of record and its API; authorisations own the projection. ", 5)[:400]
	var b strings.Builder
	for b.Len() < n {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(para)
	}
	return b.String()[:n]
}

// paragraphOfLength is one paragraph of n characters with no line break in it, as a user types who
// never presses Enter.
func paragraphOfLength(n int) string {
	s := strings.Repeat("I would check how the ledger and authorisation teams hand-off together works. ", n/70+1)
	return s[:n]
}

// entryFloor is the floor under the editor's figures, measured in the same run: the time of one key
// at the end of text in a plain word-wrapping multi-line widget.Entry of the given size, typing a
// character and deleting it again keys/2 times (so the text keeps its length), in ns per key. The
// benchmark's timer is stopped meanwhile. Beside the editor's own time per key it makes x-entry,
// the figure that holds across machines (the editor's goal is in ratios too).
func entryFloor(b *testing.B, text string, size fyne.Size, keys int) float64 {
	b.Helper()
	b.StopTimer()
	defer b.StartTimer()
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	w := test.NewTempWindow(b, e)
	w.Resize(size)
	e.SetText(text)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown}) // the cursor at the end
	backspace := &fyne.KeyEvent{Name: fyne.KeyBackspace}
	pairs := max(keys/2, 1)
	start := time.Now()
	for range pairs {
		e.TypedRune('x')
		e.TypedKey(backspace)
	}
	d := time.Since(start)
	if e.Text != text {
		b.Fatalf("the floor's entry changed its text: %d characters", len(e.Text))
	}
	return float64(d.Nanoseconds()) / float64(2*pairs)
}

// floorKeys is how many keys entryFloor times: enough to average out a frame, few enough that a
// plain Entry holding 20,000 characters (which lays all of them out again on every key) does not
// double the benchmark's run.
func floorKeys(n int) int { return min(max(n, 20), 200) }

// BenchmarkEditorTyping measures one keystroke in the round screen's answer editor, through the Fyne
// test driver, at the end of an answer of the given length in characters, beside a plain Entry
// holding the same answer (entry-ns/key, x-entry). The goal is that /20000 costs no more than
// twice /1000.
func BenchmarkEditorTyping(b *testing.B) {
	for _, n := range []int{1000, 20000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			h := newHarness(b)
			h.startPrompt(firstPrompt(h, prep.Leadership).Title)
			r := h.round()
			if r.answer.mode != nil && r.draft.Structured {
				test.Tap(r.answer.mode) // free text: the whole answer in one editor
			}
			ed := r.answer.free
			h.ui.win.Resize(fyne.NewSize(1100, 760))
			ed.SetText(answerOfLength(n)) // editing continues at the end of the answer
			for b.Loop() {
				test.Type(ed.entry, "x")
			}
			b.StopTimer()
			if got := len(ed.Text()); got < n+b.N {
				b.Fatalf("typed text lost: %d characters", got)
			}
			perKey := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			floor := entryFloor(b, answerOfLength(n), ed.scroll.Size(), floorKeys(b.N))
			b.ReportMetric(floor, "entry-ns/key")
			b.ReportMetric(perKey/floor, "x-entry")
		})
	}
}

// BenchmarkParagraphKeystroke is the cost of one keystroke at the end of a single paragraph of 200
// and of 5,000 characters (no blank line anywhere), in the answer editor and, as the baseline, in a
// plain word-wrapping multi-line widget.Entry of the same width. Each iteration types a character and
// deletes it again, so the paragraph keeps its length; ns/key is the cost of one of those keys.
// The editor's rows also measure the entry in their own run (entry-ns/key) and report the ratio
// (x-entry), the figure that compares across machines.
// The goal (issue 11): editor/5000 costs at most twice editor/200.
func BenchmarkParagraphKeystroke(b *testing.B) {
	for _, kind := range []string{"editor", "entry"} {
		for _, n := range []int{200, 5000} {
			b.Run(fmt.Sprintf("%s/%d", kind, n), func(b *testing.B) {
				test.NewTempApp(b)
				text := paragraphOfLength(n)
				var target fyne.Focusable
				var content fyne.CanvasObject
				var got func() string
				if kind == "editor" {
					ed := newLongEditor("", "")
					content, target, got = ed.scroll, ed.entry, ed.Text
					w := test.NewTempWindow(b, content)
					w.Resize(fyne.NewSize(800, 600))
					ed.SetText(text)
				} else {
					e := widget.NewMultiLineEntry()
					e.Wrapping = fyne.TextWrapWord
					content, target, got = e, e, func() string { return e.Text }
					w := test.NewTempWindow(b, content)
					w.Resize(fyne.NewSize(800, 600))
					e.SetText(text)
					e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown}) // the cursor at the end
				}
				backspace := &fyne.KeyEvent{Name: fyne.KeyBackspace}
				for b.Loop() {
					target.TypedRune('x')
					target.TypedKey(backspace)
				}
				b.StopTimer()
				perKey := float64(b.Elapsed().Nanoseconds()) / float64(2*b.N)
				b.ReportMetric(perKey, "ns/key")
				if got() != text {
					b.Fatalf("the paragraph changed: %d characters, ends %q", len(got()), got()[max(0, len(got())-20):])
				}
				if kind == "editor" {
					floor := entryFloor(b, text, fyne.NewSize(800, 600), floorKeys(2*b.N))
					b.ReportMetric(floor, "entry-ns/key")
					b.ReportMetric(perKey/floor, "x-entry")
				}
			})
		}
	}
}
