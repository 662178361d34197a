package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shortcut is one keyboard shortcut, the key with Ctrl (Cmd on macOS), and what it does. Screens
// register theirs as data, and the help overlay lists them from the same data.
//
// Every key takes Ctrl: Fyne's window never treats a key without a modifier (F1) as a shortcut, and
// it turns Ctrl+Z, Ctrl+Y, Ctrl+A, Ctrl+C, Ctrl+V and Ctrl+X into the editing shortcuts (Ctrl+Y is
// Redo), so none of those may be used here.
type shortcut struct {
	key    fyne.KeyName
	label  string
	action func()
}

func (s shortcut) keys() string {
	name := string(s.key)
	switch s.key {
	case fyne.KeyReturn:
		name = "Enter"
	case fyne.KeySlash:
		name = "/"
	case fyne.KeyComma:
		name = ","
	}
	return "Ctrl+" + name
}

func (s shortcut) fyneShortcut() fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: s.key, Modifier: fyne.KeyModifierShortcutDefault}
}

// windowShortcuts holds, for each window's canvas, the shortcuts bound on it, so that a focused
// text field can offer them a key press first (see routeShortcut).
var windowShortcuts sync.Map // fyne.Canvas -> *shortcutTable

type shortcutTable struct {
	mu      sync.Mutex
	actions map[string]func()
}

// bindShortcuts adds shortcuts to the window and returns a function that removes them.
func (u *UI) bindShortcuts(list []shortcut) func() {
	c := u.win.Canvas()
	v, _ := windowShortcuts.LoadOrStore(c, &shortcutTable{actions: map[string]func(){}})
	table := v.(*shortcutTable)
	for _, s := range list {
		action := s.action
		c.AddShortcut(s.fyneShortcut(), func(fyne.Shortcut) { action() })
		table.mu.Lock()
		table.actions[s.fyneShortcut().ShortcutName()] = action
		table.mu.Unlock()
	}
	return func() {
		for _, s := range list {
			c.RemoveShortcut(s.fyneShortcut())
			table.mu.Lock()
			delete(table.actions, s.fyneShortcut().ShortcutName())
			table.mu.Unlock()
		}
	}
}

// forgetShortcuts drops a closed window's table.
func forgetShortcuts(c fyne.Canvas) { windowShortcuts.Delete(c) }

// routeShortcut runs the window shortcut matching s, if the window obj is in has one, and says
// whether it did.
//
// Why: in Fyne (fyne-io/fyne#2627, #3038) a key press with a modifier goes to the focused widget
// when it handles shortcuts (every Entry does) and never reaches the window's shortcuts, even when
// the widget has no use for it. In a round the cursor is always in a text field, so without this
// Ctrl+P, Ctrl+N, Ctrl+I and Ctrl+Enter did nothing. The window's keys are offered first: none of
// them is a key an Entry uses.
func routeShortcut(obj fyne.CanvasObject, s fyne.Shortcut) bool {
	app := fyne.CurrentApp()
	if app == nil {
		return false
	}
	c := app.Driver().CanvasForObject(obj)
	if c == nil {
		return false
	}
	v, ok := windowShortcuts.Load(c)
	if !ok {
		return false
	}
	table := v.(*shortcutTable)
	table.mu.Lock()
	action := table.actions[s.ShortcutName()]
	table.mu.Unlock()
	if action == nil {
		return false
	}
	action()
	return true
}

// entry is a one-line text field in which the window's keyboard shortcuts keep working. Use it
// (or newMultiLineEntry, in longeditor.go, for several lines) for every text field on a screen that
// has shortcuts.
type entry struct {
	widget.Entry
}

func newEntry() *entry {
	e := &entry{}
	e.ExtendBaseWidget(e)
	return e
}

// newPasswordEntry is newEntry for a passphrase: the text is masked, and the Entry's renderer adds
// the button that shows it, as widget.NewPasswordEntry does.
func newPasswordEntry() *entry {
	e := newEntry()
	e.Password = true
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	return e
}

// TypedShortcut offers the shortcut to the window before the Entry's own (copy, paste, word moves).
func (e *entry) TypedShortcut(s fyne.Shortcut) {
	if !routeShortcut(e, s) {
		e.Entry.TypedShortcut(s)
	}
}

// globalShortcuts work on every screen.
func (u *UI) globalShortcuts() []shortcut {
	var out []shortcut
	for _, d := range u.destinations() {
		out = append(out, shortcut{key: d.key, label: "Go to " + d.title, action: d.open})
	}
	return append(out, shortcut{key: fyne.KeySlash, label: "Show keyboard shortcuts", action: u.showShortcuts})
}

// showShortcuts opens the help overlay listing the shortcuts that work right now.
func (u *UI) showShortcuts() {
	list := u.globalShortcuts()
	if s, ok := u.current.(interface{ shortcuts() []shortcut }); ok {
		list = append(s.shortcuts(), list...)
	}
	// One row per shortcut, so a key stays level with its action (two multi-line labels in
	// different fonts drift apart line by line).
	grid := container.New(layout.NewFormLayout())
	for _, s := range list {
		grid.Add(widget.NewLabelWithStyle(s.keys(), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(s.label))
	}
	scroll := container.NewVScroll(grid)
	scroll.SetMinSize(fyne.NewSize(grid.MinSize().Width, 0))
	d := dialog.NewCustom("Keyboard shortcuts", "Close", scroll, u.win)
	// What the dialog adds around the list (its title, the Close button, padding), measured rather
	// than guessed: it changes with the theme's sizes.
	chrome := d.MinSize().Height - scroll.MinSize().Height
	scroll.SetMinSize(fyne.NewSize(grid.MinSize().Width,
		fitHeight(grid.MinSize().Height, u.win.Canvas().Size().Height-chrome-2*theme.Padding())))
	scrollByKeys(u.win.Canvas(), d, scroll)
	d.Show()
}

// fitHeight is the height of a scroller showing content of height want in room: all of it when it
// fits, else the room there is (never less than a few lines). At FYNE_SCALE=1.5 the round's 20
// shortcuts are taller than the window: the list was cut off at the window's bottom, with no way
// to reach its end, and the window grew past the screen to hold it.
func fitHeight(want, room float32) float32 {
	if want <= room {
		return want
	}
	return max(room, 4*theme.TextSize())
}

// scrollByKeys lets the arrow keys, Page Up/Down, Home and End scroll a dialog's scroller, and
// Escape close it, while the dialog is open. Nothing in the dialog has the keyboard focus (the
// window's own focus stays with the screen below), so its keys reach the canvas's key handler:
// that handler is set aside while the dialog is open and put back when it closes.
func scrollByKeys(c fyne.Canvas, d dialog.Dialog, s *container.Scroll) {
	onKey := c.OnTypedKey()
	d.SetOnClosed(func() { c.SetOnTypedKey(onKey) })
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		line := theme.TextSize() * 2
		page := max(s.Size().Height-line, line)
		y := s.Offset.Y
		switch k.Name {
		case fyne.KeyDown:
			y += line
		case fyne.KeyUp:
			y -= line
		case fyne.KeyPageDown, fyne.KeySpace:
			y += page
		case fyne.KeyPageUp:
			y -= page
		case fyne.KeyHome:
			y = 0
		case fyne.KeyEnd:
			y = s.Content.MinSize().Height
		case fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter:
			d.Hide()
			return
		default:
			return
		}
		// ScrollToOffset keeps the offset inside the content.
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, y))
	})
}
