package ui

import (
	"strings"
	"testing"
	"time"

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

// The "Time per phase" card was empty when the attempts kept no phase times; it says so now, and
// when only one attempt kept them it shows that one's.
func TestTimePerPhaseSaysWhenNoneWereKept(t *testing.T) {
	kept := []prep.PhaseTime{{Name: "Clarify", Budget: 8 * time.Minute, Used: 6 * time.Minute}}
	none := prep.Attempt{}
	with := prep.Attempt{PhaseTimes: kept}
	for _, c := range []struct {
		name string
		a, b prep.Attempt
		want string
	}{
		{"neither", none, none, "No phase times were kept for these attempts."},
		{"only the earlier", with, none, "No phase times were kept for the later attempt. The earlier one's:\nClarify: 6:00 of 8:00"},
		{"only the later", none, with, "No phase times were kept for the earlier attempt. The later one's:\nClarify: 6:00 of 8:00"},
		{"both", with, with, "Clarify: 6:00 → 6:00 of 8:00 (+0:00)"},
	} {
		if got := timeChanges(c.a, c.b); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// The attempt and the comparison of two attempts without phase times say why their "Time per
// phase" card holds no times, instead of showing it empty.
func TestScreensSayWhenNoPhaseTimesWereKept(t *testing.T) {
	h := newHarness(t)
	p := firstPrompt(h, prep.Leadership)
	a, b := fixedAttempt(p, h.now().Add(-2*time.Hour), "one", func(int) int { return 2 }), fixedAttempt(p, h.now().Add(-time.Hour), "two", func(int) int { return 3 })
	a.PhaseTimes, b.PhaseTimes = nil, nil
	for _, x := range []prep.Attempt{a, b} {
		if err := h.store.SaveAttempt(x); err != nil {
			t.Fatal(err)
		}
	}
	h.ui.showAttempt(b.ID)
	h.settle()
	if !h.hasText("No phase times were kept for this attempt.") {
		t.Error("the attempt's Time per phase card does not say that no times were kept")
	}
	h.ui.showCompare(a.ID, b.ID)
	h.settle()
	if !h.hasText("No phase times were kept for these attempts.") {
		t.Error("the comparison's Time per phase card does not say that no times were kept")
	}
}
