package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// scoreChoice is one criterion's score, 1 to 4, as a row of radio options that is a single stop
// for Tab: with it focused, a digit 1–4 sets the score, Left/Down and Right/Up move it, Backspace
// or Delete clears it. Why not widget.RadioGroup: each of its options is a Tab stop of its own,
// Space on the chosen one clears it, and it takes no digit or arrow key, so scoring a rubric from
// the keyboard while listening meant counting Tab presses.
type scoreChoice struct {
	widget.BaseWidget
	Selected  string
	OnChanged func(string)

	options []string
	focused bool
	// onFocus runs when the keyboard arrives, by Tab or a jump key: the screen scrolls it into view.
	onFocus func()
}

func newScoreChoice(options []string) *scoreChoice {
	c := &scoreChoice{options: options}
	c.ExtendBaseWidget(c)
	return c
}

// SetSelected chooses the option named sel ("" clears the choice) and tells OnChanged if it changed.
func (c *scoreChoice) SetSelected(sel string) {
	if sel == c.Selected {
		return
	}
	c.Selected = sel
	c.Refresh()
	if c.OnChanged != nil {
		c.OnChanged(sel)
	}
}

func (c *scoreChoice) index() int {
	for i, o := range c.options {
		if o == c.Selected {
			return i
		}
	}
	return -1
}

func (c *scoreChoice) FocusGained() {
	c.focused = true
	c.Refresh()
	if c.onFocus != nil {
		c.onFocus()
	}
}

func (c *scoreChoice) FocusLost() { c.focused = false; c.Refresh() }

func (c *scoreChoice) TypedRune(r rune) {
	for _, o := range c.options {
		if o == string(r) {
			c.SetSelected(o)
			return
		}
	}
}

func (c *scoreChoice) TypedKey(k *fyne.KeyEvent) {
	i := c.index()
	switch k.Name {
	case fyne.KeyRight, fyne.KeyUp:
		if i < len(c.options)-1 {
			c.SetSelected(c.options[i+1])
		}
	case fyne.KeyLeft, fyne.KeyDown:
		if i > 0 {
			c.SetSelected(c.options[i-1])
		} else if i < 0 {
			c.SetSelected(c.options[0])
		}
	case fyne.KeyBackspace, fyne.KeyDelete:
		c.SetSelected("")
	}
}

// Tapped chooses the option under the pointer, and takes the keyboard as a radio option does.
func (c *scoreChoice) Tapped(ev *fyne.PointEvent) {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		cv.Focus(c)
	}
	// The options are laid out side by side at the same width (their labels are single digits).
	n := len(c.options)
	w := c.Size().Width
	if n == 0 || w <= 0 {
		return
	}
	i := int(ev.Position.X / (w / float32(n)))
	if i >= 0 && i < n {
		c.SetSelected(c.options[i])
	}
}

func (c *scoreChoice) CreateRenderer() fyne.WidgetRenderer {
	r := &scoreChoiceRenderer{c: c, focus: canvas.NewRectangle(theme.Color(theme.ColorNameFocus))}
	r.focus.CornerRadius = theme.InputRadiusSize()
	for _, o := range c.options {
		icon := widget.NewIcon(theme.RadioButtonIcon())
		label := widget.NewLabel(o)
		r.icons = append(r.icons, icon)
		r.labels = append(r.labels, label)
		r.options = append(r.options, container.NewHBox(icon, label))
	}
	r.Refresh()
	return r
}

type scoreChoiceRenderer struct {
	c       *scoreChoice
	focus   *canvas.Rectangle
	icons   []*widget.Icon
	labels  []*widget.Label
	options []fyne.CanvasObject
}

func (r *scoreChoiceRenderer) Objects() []fyne.CanvasObject {
	return append([]fyne.CanvasObject{r.focus}, r.options...)
}

func (r *scoreChoiceRenderer) MinSize() fyne.Size {
	var s fyne.Size
	for _, o := range r.options {
		m := o.MinSize()
		s.Width = fyne.Max(s.Width, m.Width)
		s.Height = fyne.Max(s.Height, m.Height)
	}
	s.Width *= float32(len(r.options))
	return s
}

func (r *scoreChoiceRenderer) Layout(size fyne.Size) {
	r.focus.Resize(size)
	x := float32(0)
	w := size.Width / float32(len(r.options))
	for _, o := range r.options {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

func (r *scoreChoiceRenderer) Refresh() {
	if r.c.focused {
		r.focus.FillColor = theme.Color(theme.ColorNameFocus)
	} else {
		r.focus.FillColor = color.Transparent
	}
	r.focus.Refresh()
	for i, o := range r.c.options {
		res := theme.RadioButtonIcon()
		if o == r.c.Selected {
			res = theme.NewPrimaryThemedResource(theme.RadioButtonCheckedIcon())
		}
		r.icons[i].SetResource(res)
	}
}

func (r *scoreChoiceRenderer) Destroy() {}

// focusButton is a button that says when the keyboard arrives on it, so that a screen can scroll it
// into view: Fyne's focus moves by Tab but never scrolls, and a focused button below the fold
// was pressed by Space unseen.
type focusButton struct {
	widget.Button
	onFocus func()
}

func newFocusButton(label string, tapped func()) *focusButton {
	b := &focusButton{}
	b.Text, b.OnTapped = label, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *focusButton) FocusGained() {
	b.Button.FocusGained()
	if b.onFocus != nil {
		b.onFocus()
	}
}

// scrollIntoView scrolls sc so that region (the block a focused widget belongs to, e.g. a
// criterion with its anchors) is in view, or, when the region is taller than the view, obj itself.
// Positions are found by walking down from the scroll's content, not through the driver: with two
// windows open (the candidate's) the test driver answers for the wrong one.
func scrollIntoView(sc *container.Scroll, region, obj fyne.CanvasObject) {
	if sc == nil || sc.Content == nil {
		return
	}
	view := sc.Size().Height
	rpos, ok1 := offsetWithin(sc.Content, region)
	opos, ok2 := offsetWithin(sc.Content, obj)
	if view <= 0 || !ok1 || !ok2 {
		return
	}
	top, bottom := rpos.Y, rpos.Y+region.Size().Height
	if bottom-top > view {
		top, bottom = opos.Y, opos.Y+obj.Size().Height
	}
	off := sc.Offset.Y
	if bottom > off+view {
		off = bottom - view
	}
	if top < off {
		off = top
	}
	if off != sc.Offset.Y {
		sc.ScrollToOffset(fyne.NewPos(sc.Offset.X, max(off, 0)))
	}
}

// offsetWithin is where obj sits inside root (root's own top left is 0,0), and whether it is
// there at all.
func offsetWithin(root, obj fyne.CanvasObject) (fyne.Position, bool) {
	if root == obj {
		return fyne.Position{}, true
	}
	var children []fyne.CanvasObject
	switch o := root.(type) {
	case *fyne.Container:
		children = o.Objects
	case fyne.Widget:
		if r, ok := cachedRenderer(o); ok {
			children = r.Objects()
		}
	}
	for _, c := range children {
		if p, ok := offsetWithin(c, obj); ok {
			return p.Add(c.Position()), true
		}
	}
	return fyne.Position{}, false
}
