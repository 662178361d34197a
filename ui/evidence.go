package ui

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// answerText is the answer as written, read-only, in which a passage is selected to cite: with the
// mouse (drag, double-click a word, triple-click a line) or with the keyboard (arrows move the
// cursor, Shift+arrows, Shift+Home/End, Ctrl+Shift+Left/Right select, Ctrl+A selects everything).
//
// Why an Entry that refuses edits rather than widget.Label{Selectable: true}: a selectable Label
// (Fyne 2.7) takes no keys at all, so a passage could be chosen only with the mouse; and a disabled
// Entry cannot take the focus either (fyne-io/fyne#5534). So every key and shortcut that would
// change the text (typing, Backspace, Delete, Return, Tab, paste, cut, undo, redo, deleting a word)
// is dropped here before the Entry sees it, and only moving, selecting and copying go through. The
// text is shown as typed: Markdown marks (##, **, -, table bars) are not rendered, so that what is
// selected is exactly what the answer holds.
type answerText struct {
	widget.Entry
	// selectionChanged runs when the cursor or the selection may have moved.
	selectionChanged func()
}

func newAnswerText(text string) *answerText {
	a := &answerText{}
	a.MultiLine = true
	a.Wrapping = fyne.TextWrapWord
	a.Text = text
	a.ExtendBaseWidget(a)
	a.OnCursorChanged = func() {
		if a.selectionChanged != nil {
			a.selectionChanged()
		}
	}
	return a
}

// TypedRune drops every typed character: the answer is not edited here.
func (a *answerText) TypedRune(rune) {}

// TypedKey passes on the keys that move the cursor (with Shift held, they select) and drops the
// rest, every one of which edits.
func (a *answerText) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight, fyne.KeyHome, fyne.KeyEnd, fyne.KeyPageUp, fyne.KeyPageDown:
		a.Entry.TypedKey(k)
	}
}

// AcceptsTab is false: Tab moves on to the next field rather than being typed (and dropped).
func (a *answerText) AcceptsTab() bool { return false }

// TypedShortcut offers the shortcut to the window first (the score screen's Ctrl+1… cite the
// selection), then lets through only copying, selecting everything and word moves.
func (a *answerText) TypedShortcut(s fyne.Shortcut) {
	if routeShortcut(a, s) {
		return
	}
	switch s := s.(type) {
	case *fyne.ShortcutCopy, *fyne.ShortcutSelectAll:
		a.Entry.TypedShortcut(s)
	case *desktop.CustomShortcut:
		if s.KeyName == fyne.KeyLeft || s.KeyName == fyne.KeyRight {
			a.Entry.TypedShortcut(s)
		}
	}
}

// TappedSecondary offers Copy and Select all: the Entry's own menu has Cut, Paste, Undo and Redo.
func (a *answerText) TappedSecondary(pe *fyne.PointEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(a)
	if c == nil {
		return
	}
	clip := fyne.CurrentApp().Clipboard()
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Copy", func() { a.Entry.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip}) }),
		fyne.NewMenuItem("Select all", func() { a.Entry.TypedShortcut(&fyne.ShortcutSelectAll{}) }))
	widget.ShowPopUpMenuAtPosition(menu, c, fyne.CurrentApp().Driver().AbsolutePositionForObject(a).Add(pe.Position))
}

// selectionHint is what the line under the answer says while nothing is selected.
const selectionHint = "Select a passage above (drag with the mouse, or Shift+arrow keys with the cursor in the answer), then cite it for a criterion below."

// citation is the passage a criterion's score cites: quoted under the criterion, set from the
// answer's selection by its Cite button (or Ctrl+its number), removed by Clear. It can cite only
// once the criterion is scored: the passage is kept in the score, and a criterion not scored yet
// has no score to keep it in, so nothing cited could be lost.
type citation struct {
	passage string
	quote   *widget.Label
	cite    *widget.Button
	clear   *widget.Button
	box     fyne.CanvasObject
	scored  bool
	note    string // said in place of the quote until the next citation or clearing
}

// newCitation shows cited, the passage the draft holds for the criterion, unless it is no longer
// in answer (the answer was edited since): then it is dropped, and the candidate told so, since
// an attempt cannot be saved with it.
func newCitation(answer, cited string, key string, onCite, onClear func()) *citation {
	c := &citation{}
	c.quote = widget.NewLabel("")
	c.quote.Wrapping = fyne.TextWrapWord
	label := "Cite selection"
	if key != "" {
		label += " (" + key + ")"
	}
	c.cite = widget.NewButton(label, onCite)
	c.clear = widget.NewButton("Clear", onClear)
	c.box = container.NewVBox(container.NewHBox(widget.NewLabel("Evidence from your answer:"), c.cite, c.clear), c.quote)
	if strings.TrimSpace(cited) != "" {
		if p, err := prep.CitePassage(answer, cited); err == nil {
			c.passage = p
		} else {
			c.note = "The passage cited before is no longer in your answer, which was edited since: cite it again."
		}
	}
	c.show()
	return c
}

// setScored enables citing once the criterion is scored.
func (c *citation) setScored(scored bool) {
	c.scored = scored
	c.show()
}

// set cites p (already checked against the answer), or clears the citation for "".
func (c *citation) set(p string) {
	c.passage, c.note = p, ""
	c.show()
}

// show refreshes the quote and the buttons.
func (c *citation) show() {
	switch {
	case c.note != "":
		c.quote.TextStyle = fyne.TextStyle{}
		c.quote.SetText(c.note)
	case c.passage != "":
		c.quote.TextStyle = fyne.TextStyle{Italic: true}
		c.quote.SetText(quoted(c.passage))
	case !c.scored:
		c.quote.TextStyle = fyne.TextStyle{}
		c.quote.SetText("Score this criterion first, then cite the passage of your answer that earns it.")
	default:
		c.quote.TextStyle = fyne.TextStyle{}
		c.quote.SetText("None cited.")
	}
	if c.scored {
		c.cite.Enable()
	} else {
		c.cite.Disable()
	}
	if c.scored && c.passage != "" {
		c.clear.Enable()
	} else {
		c.clear.Disable()
	}
}

// citeProblem is what to tell the candidate when a selection cannot be cited.
func citeProblem(err error) string {
	if errors.Is(err, prep.ErrNothingSelected) {
		return "Nothing is selected in your answer: " + lowerFirst(selectionHint)
	}
	return strings.TrimPrefix(err.Error(), prep.ErrEvidence.Error()+": ") + ". Nothing was cited."
}

// selectionSummary is the line under the answer describing its selection: what a Cite button
// would cite, shown even when the answer has lost the focus (and with it the highlight).
func selectionSummary(selected string) string {
	p := strings.Join(strings.Fields(selected), " ")
	if p == "" {
		return selectionHint
	}
	n := len(strings.Fields(p))
	return fmt.Sprintf("Selected, %s: %s", prep.Count(n, "word"), quoted(clipRunes(p, 120)))
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
