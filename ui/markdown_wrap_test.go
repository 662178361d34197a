package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// A criterion's name in bold and its description after it stay on one row when the row has room:
// Fyne 2.7's RichText moved a short run that starts mid-row whole onto the next row whenever the
// part of it that fits ends just before a space, so "Own actions and reasoning" stood alone with
// ": a 4 means …" under it at some widths of the review and library briefs.
func TestMarkdownRunsWrapByWords(t *testing.T) {
	test.NewTempApp(t)
	// The fix leans on the mark before each word having no width in every style a run may have.
	for _, st := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true}, {Monospace: true}} {
		if w := fyne.MeasureText(zeroWidthSpace, 14, st).Width; w != 0 {
			t.Fatalf("a zero-width space measures %v wide in style %+v", w, st)
		}
	}
	for _, md := range []string{
		"Use `idempotency keys` on **every** retry, *and say so* in the runbook for the on-call engineer tonight.",
		"- **Own actions and reasoning**: a 4 means names the pressure from above they resisted and what they offered instead.",
		"You lead three teams: **Authorisations** (6 engineers), **Ledger** (5) and **Customer Money Movement** (7). Today every card authorisation writes into a shared schema.",
	} {
		checkWrapsByWords(t, md)
	}
}

// checkWrapsByWords lays md (one paragraph or list item) out at a narrow pane's widths and a
// review pane's, 3 units apart (each case fails only at some widths), and fails where a row ends
// although the next row's first word would have fitted on it.
func checkWrapsByWords(t *testing.T, md string) {
	t.Helper()
	var widths []float32
	for w := float32(260); w <= 320; w += 3 {
		widths = append(widths, w)
	}
	for w := float32(590); w <= 770; w += 3 {
		widths = append(widths, w)
	}
	for _, w := range widths {
		rt := newMarkdownText(md)
		win := test.NewWindow(rt)
		win.Resize(fyne.NewSize(w, 2000))
		limit := rt.Size().Width - 2*8 // the RichText's inner padding either side
		type row struct {
			right float32
			first *canvas.Text
		}
		var rows []*row
		var lastY float32 = -1
		for _, o := range test.LaidOutObjects(rt) {
			tx, ok := o.(*canvas.Text)
			if !ok || strings.Trim(tx.Text, "\u200b") == "" {
				continue
			}
			// Code sits a little lower than the text beside it, on the same row.
			if y := o.Position().Y; y < lastY-6 || y > lastY+6 {
				rows = append(rows, &row{first: tx})
				lastY = o.Position().Y
			}
			r := rows[len(rows)-1]
			r.right = max(r.right, o.Position().X-8+fyne.MeasureText(tx.Text, tx.TextSize, tx.TextStyle).Width)
		}
		for i := 0; i+1 < len(rows); i++ {
			next := rows[i+1].first
			if strings.HasPrefix(next.Text, "•") {
				continue
			}
			words := strings.Fields(strings.ReplaceAll(next.Text, "\u200b", ""))
			if len(words) == 0 {
				continue
			}
			word := words[0]
			if need := fyne.MeasureText(" "+word, next.TextSize, next.TextStyle).Width; rows[i].right+need < limit-1 {
				t.Errorf("at %v wide a row ends at %.0f of %.0f, and the next starts %q, which fitted", w, rows[i].right, limit, next.Text)
			}
		}
		win.Close()
	}
}
