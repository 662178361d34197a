package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// shortcut is one keyboard shortcut: the key with Ctrl (Cmd on macOS), or a bare function key, and
// what it does. Screens register theirs as data, and the help overlay lists them from the same data.
type shortcut struct {
	key    fyne.KeyName
	bare   bool // no modifier (function keys)
	label  string
	action func()
}

func (s shortcut) keys() string {
	if s.bare {
		return string(s.key)
	}
	name := string(s.key)
	if s.key == fyne.KeyReturn {
		name = "Enter"
	}
	return "Ctrl+" + name
}

func (s shortcut) fyneShortcut() fyne.Shortcut {
	if s.bare {
		return &desktop.CustomShortcut{KeyName: s.key}
	}
	return &desktop.CustomShortcut{KeyName: s.key, Modifier: fyne.KeyModifierShortcutDefault}
}

// bindShortcuts adds shortcuts to the window's canvas and returns a function that removes them.
func (u *UI) bindShortcuts(list []shortcut) func() {
	c := u.win.Canvas()
	for _, s := range list {
		action := s.action
		c.AddShortcut(s.fyneShortcut(), func(fyne.Shortcut) { action() })
	}
	return func() {
		for _, s := range list {
			c.RemoveShortcut(s.fyneShortcut())
		}
	}
}

// globalShortcuts work on every screen.
func (u *UI) globalShortcuts() []shortcut {
	var out []shortcut
	for _, d := range u.destinations() {
		out = append(out, shortcut{key: d.key, label: "Go to " + d.title, action: d.open})
	}
	return append(out, shortcut{key: fyne.KeyF1, bare: true, label: "Show keyboard shortcuts", action: u.showShortcuts})
}

// showShortcuts opens the help overlay listing the shortcuts that work right now.
func (u *UI) showShortcuts() {
	list := u.globalShortcuts()
	if s, ok := u.current.(interface{ shortcuts() []shortcut }); ok {
		list = append(s.shortcuts(), list...)
	}
	var keys, labels []string
	for _, s := range list {
		keys = append(keys, s.keys())
		labels = append(labels, s.label)
	}
	grid := container.NewGridWithColumns(2,
		widget.NewLabelWithStyle(strings.Join(keys, "\n"), fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true}),
		widget.NewLabel(strings.Join(labels, "\n")))
	dialog.ShowCustom("Keyboard shortcuts", "Close", grid, u.win)
}
