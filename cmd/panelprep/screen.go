package main

import "github.com/go-gl/glfw/v3.3/glfw"

// screenArea is the usable area of the primary monitor (less panels and docks) in screen
// coordinates, for the main window to fit into. Fyne 2.7 exposes no monitor size, so this asks
// GLFW, the windowing library Fyne's desktop driver is built on and has already started. It must
// run on the main goroutine (GLFW's rule), which is where the UI calls it. The window opens on the
// primary monitor unless the window manager decides otherwise, so that is the one measured.
func screenArea() (width, height int, ok bool) {
	defer func() {
		if recover() != nil { // go-gl panics on a GLFW error (no display, say): keep the size as it is
			width, height, ok = 0, 0, false
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0, false
	}
	_, _, width, height = m.GetWorkarea()
	if width <= 0 || height <= 0 { // Wayland and some window managers report no work area
		if v := m.GetVideoMode(); v != nil {
			width, height = v.Width, v.Height
		}
	}
	return width, height, width > 0 && height > 0
}
