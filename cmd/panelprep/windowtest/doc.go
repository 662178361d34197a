// Package windowtest drives the built PanelPrep binary in a real X window: its own Xvfb, real key
// and mouse events through xdotool, screenshots through ImageMagick, and the store read back with
// the binary's own export command after the app has quit. The tests are behind the "window" build
// tag; `make test-window` (part of `make test`) installs what they need and runs them.
//
// Each screen is checked against what the window itself reports drawing (ui.InspectEnv) and the
// pixels of a screenshot, because Fyne's test driver draws some things a real window does not.
package windowtest
