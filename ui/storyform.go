package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// storyChecklist shows what the open story needs before a panel hears it (prep.Story.Checklist):
// every item always, ticked when done, each on one line, so the block keeps its height while the
// story is typed and the form below it stays where the mouse expects it.
type storyChecklist struct {
	box     *fyne.Container
	heading *widget.Label
	icons   []*widget.Icon
	labels  []*widget.Label
	done    []bool // as shown; nil before the first show
}

// checkDone and checkTodo are the checklist's marks. They are made when drawn, not at package
// init: Fyne's theme icons ask for the running app, and the command-line tools start none (they
// printed "Fyne error: Attempt to access current Fyne app" before their own output).
func checkDone() fyne.Resource {
	return theme.NewSuccessThemedResource(theme.CheckButtonCheckedIcon())
}

func checkTodo() fyne.Resource { return theme.NewWarningThemedResource(theme.CheckButtonIcon()) }

func newStoryChecklist() storyChecklist {
	c := storyChecklist{heading: widget.NewLabel("")}
	c.heading.Truncation = fyne.TextTruncateEllipsis
	grid := container.NewGridWithColumns(3)
	for _, item := range (&prep.Story{}).Checklist(time.Time{}) {
		icon := widget.NewIcon(checkTodo())
		l := widget.NewLabel(item.Item)
		// One line, cut short rather than wrapped: a wrapped item would make the block taller.
		l.Truncation = fyne.TextTruncateEllipsis
		c.icons, c.labels = append(c.icons, icon), append(c.labels, l)
		// readable: a done item is drawn in the low-importance grey, which Fyne's own colour for it
		// (that of a switched-off control) leaves at 1.3:1 on the light theme's white.
		grid.Add(container.NewBorder(nil, nil, icon, nil, readable(l)))
	}
	c.box = container.NewVBox(c.heading, grid)
	return c
}

func (c *storyChecklist) show(items []prep.StoryCheck) {
	n := 0
	for _, it := range items {
		if it.Done {
			n++
		}
	}
	// The heading and the items still to do are in the text colour: the theme's orange and green
	// are about 2:1 on the light theme's white. The marks beside the items carry the colour.
	heading, importance := fmt.Sprintf("Before a panel hears it: %d of %d done", n, len(items)), widget.MediumImportance
	if n == len(items) {
		heading = fmt.Sprintf("Ready to tell: all %d done", len(items))
	}
	if heading != c.heading.Text || importance != c.heading.Importance {
		c.heading.Text, c.heading.Importance = heading, importance
		c.heading.Refresh()
	}
	for i, it := range items {
		if i >= len(c.labels) || (c.done != nil && c.done[i] == it.Done && c.labels[i].Text == it.Item) {
			continue
		}
		l := c.labels[i]
		l.Text = it.Item
		l.Importance = widget.MediumImportance
		c.icons[i].SetResource(checkTodo())
		if it.Done {
			l.Importance = widget.LowImportance
			c.icons[i].SetResource(checkDone())
		}
		l.Refresh()
	}
	c.done = make([]bool, len(items))
	for i, it := range items {
		c.done[i] = it.Done
	}
}

// The story editor's fields scroll into view when the keyboard reaches them: at a text size of 1.5
// the form is taller than its view, and Tab led the typing out of sight below it. (A competency's
// box, inside the CheckGroup, scrolls into view when ticked: onEdited.)

// storyEntry is a one-line field of the story editor that says when it gains the keyboard.
type storyEntry struct {
	entry
	onFocus func()
}

func newStoryEntry() *storyEntry {
	e := &storyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *storyEntry) FocusGained() {
	e.entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus()
	}
}

// storySelect is the editor's month choice, which says when it gains the keyboard.
type storySelect struct {
	widget.Select
	onFocus func()
}

func newStorySelect(options []string, changed func(string)) *storySelect {
	s := &storySelect{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

func (s *storySelect) FocusGained() {
	s.Select.FocusGained()
	if s.onFocus != nil {
		s.onFocus()
	}
}
