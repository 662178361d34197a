package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// noEvidence is the picker's choice for citing nothing.
const noEvidence = "None"

// evidenceOptionLen is how much of a passage the picker's list shows: a menu item does not wrap,
// so a long sentence would widen the list past the window. The whole passage shows below.
const evidenceOptionLen = 90

// evidencePicker chooses the passage of the answer that earns a criterion's score. A rendered
// answer cannot be selected in this app, so the answer's sentences and list items are offered in
// a list, reachable by keyboard (Tab, then Space), with the chosen one quoted in full beneath.
type evidencePicker struct {
	pick   *widget.Select
	quote  *widget.Label
	box    fyne.CanvasObject
	byName map[string]string // option label to passage
}

// newEvidencePicker offers passages, with cited chosen; changed is called when the user picks.
// A cited passage that is no longer among them (the answer was edited since) is not offered: it
// could not be saved with the attempt.
func newEvidencePicker(passages []string, cited string, changed func()) *evidencePicker {
	e := &evidencePicker{byName: map[string]string{}}
	options := []string{noEvidence}
	selected := noEvidence
	for _, p := range passages {
		name := clipRunes(p, evidenceOptionLen)
		for n := 2; e.byName[name] != "" || name == noEvidence; n++ {
			name = fmt.Sprintf("%s (%d)", clipRunes(p, evidenceOptionLen), n)
		}
		e.byName[name] = p
		options = append(options, name)
		if p == cited {
			selected = name
		}
	}
	e.quote = widget.NewLabel("")
	e.quote.Wrapping = fyne.TextWrapWord
	e.quote.TextStyle = fyne.TextStyle{Italic: true}
	e.pick = widget.NewSelect(options, nil)
	e.pick.PlaceHolder = "Score first, then cite"
	e.pick.SetSelected(selected)
	e.showQuote()
	e.pick.OnChanged = func(string) {
		e.showQuote()
		changed()
	}
	e.box = container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel("Evidence from your answer:"), nil, e.pick), e.quote)
	return e
}

// setScored enables the picker once its criterion is scored. Until then it shows why it is
// disabled rather than a "None" that reads like a choice. Selected is set directly so that no
// change is reported: nothing was chosen.
func (e *evidencePicker) setScored(scored bool) {
	switch {
	case scored && e.pick.Disabled():
		if e.pick.Selected == "" {
			e.pick.Selected = noEvidence
		}
		e.pick.Enable()
	case !scored && !e.pick.Disabled():
		if e.pick.Selected == noEvidence {
			e.pick.Selected = ""
		}
		e.pick.Disable()
	}
	e.pick.Refresh()
}

// passage is the chosen passage, or "" for none.
func (e *evidencePicker) passage() string { return e.byName[e.pick.Selected] }

func (e *evidencePicker) showQuote() {
	if p := e.passage(); p != "" {
		e.quote.SetText(quoted(p))
		e.quote.Show()
	} else {
		e.quote.SetText("")
		e.quote.Hide()
	}
}

// quoted is a cited passage as the screens show it.
func quoted(p string) string { return "“" + p + "”" }

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n-1])) + "…"
}

// evidenceLabel is a cited passage beside its score: quoted, wrapped, or nil when none was cited.
func evidenceLabel(who, p string) fyne.CanvasObject {
	if strings.TrimSpace(p) == "" {
		return nil
	}
	l := widget.NewLabel(who + " " + quoted(p))
	l.Wrapping = fyne.TextWrapWord
	return l
}

// evidenceOf is the passage cited for criterion's score, or "".
func evidenceOf(scores []prep.Score, criterion string) string {
	for _, s := range scores {
		if s.Criterion == criterion {
			return s.Evidence
		}
	}
	return ""
}
