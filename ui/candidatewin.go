package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// candidateWindow is the second window of interviewer mode, for the candidate: shared on a video
// call or shown on a second screen. It holds only the scenario, its constraints and the clock: it
// is built from candidateMarkdown, which never reads the rubric, the hints, the outline or the
// follow-ups, so nothing of them can reach it. The interviewer's screen redraws its clock.
type candidateWindow struct {
	win       fyne.Window
	phase     *widget.Label
	phaseLeft *widget.Label
	roundLeft *widget.Label
	state     *widget.Label
	closed    bool
}

// newCandidateWindow builds the window for prompt p; onClosed runs when the user closes it.
func newCandidateWindow(newWindow func(string) fyne.Window, p prep.Prompt, onClosed func()) *candidateWindow {
	c := &candidateWindow{win: newWindow("PanelPrep: candidate view"),
		phase:     widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		phaseLeft: widget.NewLabel(""), roundLeft: widget.NewLabel(""), state: widget.NewLabel("")}
	// The clock is read across a video call or a room: larger than the app's text.
	for _, l := range []*widget.Label{c.phase, c.phaseLeft, c.roundLeft, c.state} {
		l.SizeName = theme.SizeNameSubHeadingText
	}
	brief := newMarkdownText(candidateMarkdown(p))
	brief.Wrapping = fyne.TextWrapWord
	clock := container.NewVBox(c.phase, container.NewHBox(c.phaseLeft, c.roundLeft, c.state), widget.NewSeparator())
	c.win.SetContent(container.NewBorder(clock, nil, nil, nil, container.NewVScroll(brief)))
	c.win.Resize(fyne.NewSize(720, 560))
	c.win.SetOnClosed(func() {
		c.closed = true
		onClosed()
	})
	return c
}

// update shows the clock as st says, in a round of phases phases.
func (c *candidateWindow) update(st prep.Status, phases int) {
	if c.closed {
		return
	}
	setLabel(c.phase, fmt.Sprintf("Phase %d of %d: %s", st.Phase+1, phases, st.PhaseName))
	setLabel(c.phaseLeft, "This phase: "+formatLeft(st.PhaseLeft))
	setLabel(c.roundLeft, "Round: "+formatLeft(st.RoundLeft))
	setOver(c.phaseLeft, st.PhaseLeft < 0)
	setOver(c.roundLeft, st.RoundLeft < 0)
	state := ""
	switch st.State {
	case prep.StateReady:
		state = "Not started"
	case prep.StatePaused:
		state = "Paused"
	case prep.StateFinished:
		state = "The round is over"
	}
	setLabel(c.state, state)
}

// close closes the window unless the user has.
func (c *candidateWindow) close() {
	if !c.closed {
		c.closed = true
		c.win.Close()
	}
}
