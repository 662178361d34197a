package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// selectDown times Shift+Down pressed keys times from the top of e (a plain Entry or the score
// screen's answer) in a window of size, in ns per key.
func selectDown(b *testing.B, e interface {
	fyne.Widget
	fyne.Focusable
	desktop.Keyable
}, size fyne.Size, keys int) float64 {
	b.Helper()
	w := test.NewTempWindow(b, e)
	w.Resize(size)
	w.Canvas().Focus(e)
	// A first pass down the same lines, untimed: text measured once is cached, and whichever
	// widget went first would pay for both.
	for range keys {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	start := time.Now()
	for range keys {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	d := time.Since(start)
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	return float64(d.Nanoseconds()) / float64(keys)
}

// BenchmarkCiteSelection measures, through the Fyne test driver, a 2,000-word answer (13,000
// characters in paragraphs) on the score screen: laying the selectable answer out at a new width
// (ns/op), beside the same text in a wrapping Label (label-ns, the floor: laying the text out at
// all) and in the Markdown view the screen used before citing (markdown-ns); and one Shift+Down
// extending a selection (select-ns/key) beside the same key in a plain multi-line Entry
// (entry-ns/key, its floor: the read-only wrapper should add nothing).
func BenchmarkCiteSelection(b *testing.B) {
	text := answerOfLength(13000)
	size := fyne.NewSize(1000, 400)
	layout := func(o fyne.CanvasObject, i int) {
		o.Resize(fyne.NewSize(900+float32(i%2)*50, 400)) // a new width each time: the text wraps again
	}
	a := newAnswerText(text)
	test.NewTempWindow(b, a).Resize(size)
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	test.NewTempWindow(b, label).Resize(size)
	md := newMarkdownView(text)
	test.NewTempWindow(b, md).Resize(size)
	timeLayout := func(o fyne.CanvasObject) float64 {
		b.StopTimer()
		defer b.StartTimer()
		start := time.Now()
		for i := range 5 {
			layout(o, i)
		}
		return float64(time.Since(start).Nanoseconds()) / 5
	}
	labelNs, mdNs := timeLayout(label), timeLayout(md)
	for i := 0; b.Loop(); i++ {
		layout(a, i)
	}
	b.StopTimer()
	b.ReportMetric(labelNs, "label-ns")
	b.ReportMetric(mdNs, "markdown-ns")

	const keys = 30
	b.ReportMetric(selectDown(b, newAnswerText(text), size, keys), "select-ns/key")
	plain := widget.NewMultiLineEntry()
	plain.Wrapping = fyne.TextWrapWord
	plain.SetText(text)
	b.ReportMetric(selectDown(b, plain, size, keys), "entry-ns/key")
}
