package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

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
