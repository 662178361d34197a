package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/panelprep/panelprep/prep"
)

// Each story's status under its column is read as easily as the text around it, in both themes:
// it was an 11-unit green "ok" of 1.5:1 on the light theme's white. A competency's "no story" too.
func TestCoverageMatrixFlagsAreReadable(t *testing.T) {
	h := newHarness(t)
	cov := prep.Coverage{
		Rows: []prep.CoverageRow{{ID: "c", Label: "Delivery", Stories: 2, Planned: 0}, {ID: "h", Label: "Hiring", Planned: -1}},
		Columns: []prep.CoverageColumn{
			{Title: "A clean story"},
			{Title: "A flagged story", Planned: 3, TooMuch: true, Unmeasured: true, Old: true, Undated: true},
		},
		Cells:      [][]prep.CoverageCell{{prep.CellPlanned, prep.CellShows}, {prep.CellNone, prep.CellNone}},
		MaxPerLoop: 2,
	}
	for _, pref := range []string{"Light", "Dark"} {
		h.app.Preferences().SetString(prefTheme, pref)
		h.ui.applyTheme()
		bg := theme.Color(theme.ColorNameBackground)
		var texts []*canvas.Text
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			switch v := o.(type) {
			case *canvas.Text:
				texts = append(texts, v)
			case *fyne.Container:
				for _, c := range v.Objects {
					walk(c)
				}
			}
		}
		walk(matrixView(cov))
		found := map[string]bool{}
		for _, txt := range texts {
			switch txt.Text {
			case "no flags", "carries too much (3)", "no numbers", "over 5 years", "no date", "no story":
			default:
				continue
			}
			found[txt.Text] = true
			if txt.TextSize < theme.TextSize() {
				t.Errorf("%s theme: %q is %v high, smaller than the text's %v", pref, txt.Text, txt.TextSize, theme.TextSize())
			}
			if r := contrast(txt.Color, bg); r < 4.5 {
				t.Errorf("%s theme: %q contrasts %.2f:1 with the background, want 4.5:1 or more", pref, txt.Text, r)
			}
			if w := fyne.MeasureText(txt.Text, txt.TextSize, txt.TextStyle).Width; w > matrixColWidth-2 {
				t.Errorf("%s theme: %q is %v wide, past its %v column", pref, txt.Text, w, matrixColWidth-2)
			}
		}
		for _, want := range []string{"no flags", "carries too much (3)", "no numbers", "over 5 years", "no date", "no story"} {
			if !found[want] {
				t.Errorf("%s theme: the matrix does not say %q under a story", pref, want)
			}
		}
	}
}
