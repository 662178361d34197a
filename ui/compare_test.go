package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// TestDiffWrapsByWords lays one side of a word diff out at every width over a range and checks
// that no text row goes beyond the side's width or has no width, which is what Fyne's RichText
// does when a highlighted run starts with less than a letter's room left on its line: it then
// breaks the whole run one letter to a row.
func TestDiffWrapsByWords(t *testing.T) {
	testApp(t)
	old := "Spans of 23 and 17 are far past the healthy range, so the first hire is an EM. " +
		"I would ask the staff engineer to write the decision record and review it with both EMs."
	new := "We phase the migration market by market. Spans of 23 and 17 are far past the healthy range, " +
		"so the first hire is an EM. I would ask the staff engineer to write the decision record, and review it with both EMs. Hiring comes next."
	// The fix relies on the mark having no width in the theme's fonts, bold ones included.
	for _, st := range []fyne.TextStyle{{}, {Bold: true}} {
		if w := fyne.MeasureText(zeroWidthSpace, 14, st).Width; w != 0 {
			t.Fatalf("a zero-width space measures %v wide in style %+v", w, st)
		}
	}
	parts := prep.DiffWords(old, new)
	for _, side := range []prep.DiffKind{prep.DiffRemoved, prep.DiffAdded} {
		for w := float32(120); w <= 520; w++ {
			rt := widget.NewRichText(diffSegments(parts, side)...)
			rt.Wrapping = fyne.TextWrapWord
			rt.Resize(fyne.NewSize(w, 2000))
			var bad []string
			walkObjects(rt, func(o fyne.CanvasObject) bool {
				if txt, ok := o.(*canvas.Text); ok && strings.TrimSpace(strings.Trim(txt.Text, zeroWidthSpace)) != "" {
					if txt.Size().Width <= 0 || txt.Position().X+txt.Size().Width > w+1 {
						bad = append(bad, txt.Text)
					}
				}
				return true
			})
			if len(bad) > 0 {
				t.Fatalf("side %v at width %.0f: %d rows without room, e.g. %q", side, w, len(bad), bad[:min(len(bad), 5)])
			}
		}
	}
}
