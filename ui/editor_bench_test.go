package ui

import (
	"fmt"
	"strings"
	"testing"

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

// BenchmarkEditorTyping measures one keystroke in the round screen's answer editor, through the Fyne
// test driver, at the end of an answer of the given length in characters. The goal is that
// /20000 costs no more than twice /1000.
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
		})
	}
}

// BenchmarkParagraphKeystroke is the cost of one keystroke at the end of a single paragraph of 200
// and of 5,000 characters (no blank line anywhere), in the answer editor and, as the baseline, in a
// plain word-wrapping multi-line widget.Entry of the same width. Each iteration types a character and
// deletes it again, so the paragraph keeps its length; ns/key is the cost of one of those keys.
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
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(2*b.N), "ns/key")
				if got() != text {
					b.Fatalf("the paragraph changed: %d characters, ends %q", len(got()), got()[max(0, len(got())-20):])
				}
			})
		}
	}
}
