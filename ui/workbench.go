package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/diagram"
)

// workbench is the round screen's tabbed panel beside the written answer: the whiteboard, and the
// other working sheets of a design answer as they come. It is open from the start in a systems
// design round and a button (or Ctrl+D) away in the others; Ctrl+M gives it the whole screen and
// back. The round keeps its draft; the workbench edits the draft's parts it owns in place and calls
// save after each edit, as the answer panel does.
type workbench struct {
	draft *prep.Draft
	save  func()
	win   fyne.Window

	board *whiteboard
	sheet *estimateSheet // the Estimates tab (estimate.go)
	tabs  *container.AppTabs
	// insertIntoAnswer puts a line into the written answer (set by the round screen).
	insertIntoAnswer func(line string)
	// show opens or closes the panel beside the answer; its label names both tabs, since it opens
	// and hides the estimate sheet as much as the whiteboard.
	show *widget.Button

	besideAnswer *fyne.Container   // the panel's place beside the answer (empty while closed or large)
	split        *container.Split  // the answer and the panel
	body         *fyne.Container   // the round's body: its usual layout, or the panel alone
	normal       fyne.CanvasObject // the round's usual layout: the prompt, then the answer and the panel
	// clockLine is the round's compact clock (phase, time left, the latest cue), set by the round:
	// the larger view keeps it above the panel, so drawing in the whole window never hides the time.
	clockLine   fyne.CanvasObject
	open, large bool
}

func newWorkbench(d *prep.Draft, win fyne.Window, save func()) *workbench {
	w := &workbench{draft: d, save: save, win: win, open: d.Prompt.Round == prep.SystemsDesign}
	start := diagram.Diagram{}
	if d.Diagram != nil {
		start = *d.Diagram
	}
	w.board = newWhiteboard(start, d.Prompt.Teams, win, w.onDiagram)
	w.board.onLarger = w.toggleLarge
	w.sheet = newEstimateSheet(d, win, save, func(line string) {
		if w.insertIntoAnswer != nil {
			w.insertIntoAnswer(line)
		}
	})
	w.tabs = container.NewAppTabs(container.NewTabItemWithIcon("Whiteboard", theme.GridIcon(), w.board.root),
		container.NewTabItemWithIcon("Estimates", theme.ListIcon(), w.sheet.root))
	w.show = widget.NewButtonWithIcon("", theme.GridIcon(), w.toggleOpen)
	w.besideAnswer = container.NewStack()
	return w
}

// onDiagram puts the edited diagram in the draft (none while it is empty) and saves.
func (w *workbench) onDiagram(d diagram.Diagram) {
	if d.Empty() {
		w.draft.Diagram = nil
	} else {
		w.draft.Diagram = &d
	}
	w.save()
}

// beside lays the workbench out beside the answer.
func (w *workbench) beside(answer fyne.CanvasObject) fyne.CanvasObject {
	w.split = container.NewHSplit(answer, w.besideAnswer)
	w.split.Offset = 0.4
	w.showOpen()
	return w.split
}

// frame wraps the round's whole body, so that the larger view can take its place.
//
// The prompt keeps its width when the panel opens: narrowed to a third of the default window,
// Fyne's RichText broke a bold word of the scenario one letter a line.
func (w *workbench) frame(normal fyne.CanvasObject) fyne.CanvasObject {
	w.normal = normal
	w.body = container.NewStack(normal)
	return w.body
}

func (w *workbench) showOpen() {
	if w.open {
		w.show.SetText("Hide whiteboard and estimates")
		if !w.large {
			w.besideAnswer.Objects = []fyne.CanvasObject{w.tabs}
		}
		w.split.Offset = 0.4
	} else {
		w.show.SetText("Whiteboard and estimates")
		w.besideAnswer.Objects = nil
		w.split.Offset = 1
	}
	w.besideAnswer.Refresh()
	w.split.Refresh()
}

func (w *workbench) toggleOpen() {
	if w.large {
		w.toggleLarge()
	}
	w.open = !w.open
	w.showOpen()
}

// focusBoard opens the panel on the whiteboard and gives the board the keyboard.
func (w *workbench) focusBoard() {
	if !w.open {
		w.open = true
		w.showOpen()
	}
	w.tabs.SelectIndex(0)
	w.win.Canvas().Focus(w.board.board)
}

// focusSheet opens the panel on the estimate sheet and gives its first row the keyboard.
func (w *workbench) focusSheet() {
	if !w.open {
		w.open = true
		w.showOpen()
	}
	w.tabs.SelectIndex(1)
	w.win.Canvas().Focus(w.sheet.lines[0].text)
}

// toggleLarge gives the workbench the whole body of the round screen, or gives it back.
func (w *workbench) toggleLarge() {
	w.large = !w.large
	if w.large {
		w.open = true
		w.besideAnswer.Objects = nil
		w.besideAnswer.Refresh()
		var whole fyne.CanvasObject = w.tabs
		if w.clockLine != nil {
			whole = container.NewBorder(w.clockLine, nil, nil, nil, w.tabs)
		}
		w.body.Objects = []fyne.CanvasObject{whole}
	} else {
		w.body.Objects = []fyne.CanvasObject{w.normal}
		w.showOpen()
	}
	w.body.Refresh()
	if w.tabs.SelectedIndex() == 0 { // the estimate sheet keeps its own focus
		w.win.Canvas().Focus(w.board.board)
	}
}

// shortcuts are the workbench's keys, listed with the round's.
func (w *workbench) shortcuts() []shortcut {
	return []shortcut{
		{key: fyne.KeyD, label: "Draw: open the whiteboard and give it the keyboard", action: w.focusBoard},
		{key: fyne.KeyM, label: "Whiteboard and estimates in the whole window, or back beside the answer", action: w.toggleLarge},
		{key: fyne.KeyE, label: "Estimates: open the sheet and give it the keyboard", action: w.focusSheet},
	}
}
