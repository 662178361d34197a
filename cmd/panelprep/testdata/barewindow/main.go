// Command barewindow is the baseline of the launch and memory benchmarks: the least a Fyne app can
// do, one window with one label, reporting "ready" when its event loop is running and quitting
// (staying up when BAREWINDOW_STAY is set, for the memory benchmark to measure it at idle).
package main

import (
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("io.github.panelprep.barewindow")
	w := a.NewWindow("Bare window")
	w.SetContent(widget.NewLabel("PanelPrep"))
	w.Resize(fyne.NewSize(1100, 760))
	a.Lifecycle().SetOnStarted(func() {
		fyne.Do(func() {
			fmt.Println("ready")
			if os.Getenv("BAREWINDOW_STAY") != "" {
				return
			}
			// Quit a moment later: quitting in the first frame can race glfw's first pointer event.
			time.AfterFunc(200*time.Millisecond, func() { fyne.Do(a.Quit) })
		})
	})
	w.ShowAndRun()
}
