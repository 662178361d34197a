package charts

import (
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/prep"
)

// Every competency of the bundled model is named whole on the Progress screen's competency chart,
// at the width a chart has in the default window (about 1080) and at half of it: wrapped onto at
// most two lines inside the label room, never cut with an ellipsis.
func TestCompetencyLabelsFitWhole(t *testing.T) {
	bank, err := prep.DecodeBank(assets.Bank) // the model the app launches with
	if err != nil {
		t.Fatal(err)
	}
	model := bank.Competencies
	var names []string
	for _, c := range model {
		names = append(names, c.Name)
	}
	for _, width := range []float64{1080, 540} {
		s := Size{Width: vg.Length(width), Text: DefaultText}
		face := labelFace(s)
		for i, got := range wrapLabels(names, s) {
			lines := strings.Split(got, "\n")
			if len(lines) > 2 || strings.Contains(got, "…") || strings.Join(lines, " ") != names[i] {
				t.Errorf("at %v wide, %q is shown as %q", width, names[i], got)
			}
			for _, l := range lines {
				if w := face.Width(l); w > s.Width*labelShare {
					t.Errorf("at %v wide, line %q of %q is %v wide; the label room is %v", width, l, names[i], w, s.Width*labelShare)
				}
			}
		}
	}
}
