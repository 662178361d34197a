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

// breakScreen sits between two rounds of a loop, counting down to the next one.
type breakScreen struct {
	now       func() time.Time
	until     time.Time
	countdown *widget.Label
	stopTick  func()
	root      fyne.CanvasObject
}

func newBreakScreen(l *loopRun) *breakScreen {
	next := l.loop.Slots[l.loop.Current()].Plan
	plans := prep.Plans(l.loop.Slots)
	k, st := prep.SittingOf(plans, l.loop.Current())
	what := next.String()
	if st.Len() > 1 {
		what = fmt.Sprintf("%s, %d questions of %d min back to back, led by the %s", next.Round.Label(), st.Len(), next.Minutes, next.Lead.Label())
	}
	title := widget.NewLabelWithStyle("Break", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	msg := widget.NewLabelWithStyle(fmt.Sprintf("Round %d of %d is next: %s.\nTake your break until %s; stand up, drink some water, "+
		"and leave the last round behind: the next interviewer has not seen it.",
		k+1, len(prep.Sittings(plans)), what, l.loop.BreakUntil.Local().Format("15:04")), fyne.TextAlignCenter, fyne.TextStyle{})
	msg.Wrapping = fyne.TextWrapWord
	b := &breakScreen{now: l.now, until: l.loop.BreakUntil,
		countdown: widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})}
	b.countdown.SizeName = theme.SizeNameHeadingText
	start := widget.NewButtonWithIcon("Start the next round", theme.MediaPlayIcon(), l.startRound)
	start.Importance = widget.HighImportance
	// A column of readable width in the middle of the window: the break was a few lines in its
	// top-left corner, easy to take for a screen that had not finished drawing.
	column := container.NewVBox(title, msg, b.countdown, container.NewCenter(start))
	b.root = container.NewBorder(l.frame.navBar("Mock loop"), nil, nil, nil, container.NewCenter(readableWidth(column)))
	b.refresh()
	b.stopTick = l.tickEvery(b.refresh)
	return b
}

// readableWidthInText is the width of a column of text a screen centres, in text sizes.
const readableWidthInText = 40

// readableWidth holds o at a comfortable reading width (narrower when the window is), so wrapped
// text in a centred column neither collapses to a word per line nor runs across a wide window.
func readableWidth(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&columnLayout{width: readableWidthInText}, o)
}

type columnLayout struct{ width float32 }

func (c *columnLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (c *columnLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	w := c.width * theme.TextSize()
	var h float32
	for _, o := range objects {
		// the height of o at this width: a wrapped label is as tall as its lines there
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}

// refresh shows the time left in the break.
func (b *breakScreen) refresh() {
	left := b.until.Sub(b.now()).Round(time.Second)
	if left <= 0 {
		setLabel(b.countdown, "The break is over: start the next round when you are ready.")
		return
	}
	setLabel(b.countdown, fmt.Sprintf("Next round in %d:%02d", int(left.Minutes()), int(left.Seconds())%60))
}

func (b *breakScreen) content() fyne.CanvasObject { return b.root }
func (b *breakScreen) leave()                     { b.stopTick() }
