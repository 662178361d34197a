package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"
	_ "unsafe" // go:linkname, for cachedRenderer below

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// InspectEnv, when set to a file path, makes the window write what it shows to that file a few
// times a second: every visible text and image with its absolute position, size and the area left
// visible by the scrolls around it. The real-window tests (cmd/panelprep/windowtest) read it to
// check that each screen's texts lie inside the window and, against a screenshot, that the window
// really drew them; Fyne's test driver draws some things a real window does not. Off by default;
// nothing here runs unless the variable is set.
const InspectEnv = "PANELPREP_INSPECT"

// inspectEvery is how often the inspection is written: often enough that a test waits little.
const inspectEvery = 200 * time.Millisecond

// Inspection is one snapshot of the window.
type Inspection struct {
	Seq     int
	Screen  string // the Go type of the screen shown, e.g. "*ui.roundScreen"
	Focused string // the Go type of the focused widget, "" when none
	Width   float32
	Height  float32
	Scale   float32 // pixels per unit of the canvas
	Objects []Inspected
}

// Inspected is one object drawn in the window. Kind is "text", "image", or "unrendered": a visible
// widget the window has never drawn (it has no renderer), as when a container grows after the
// first frame and nothing lays it out again.
type Inspected struct {
	Kind  string
	Type  string // the widget holding it (text, image) or the widget itself (unrendered)
	Text  string `json:",omitempty"`
	Layer int    // 0: the screen; 1 and up: overlays (dialogs, pop-ups), topmost last
	X, Y  float32
	W, H  float32
	// Clip is the area (x, y, width, height) the enclosing scrolls leave visible; nil outside any.
	Clip   *[4]float32 `json:",omitempty"`
	Scroll string      `json:",omitempty"` // "vertical" or "horizontal" when the innermost scroll is one-way
	// GlyphX and GlyphW are where a text's letters are drawn across: a text's box is often wider
	// than its letters (a radio option's is the option's width), or narrower when squeezed.
	GlyphX, GlyphW float32 `json:",omitempty"`
}

// cachedRenderer is the renderer Fyne has made for a widget, if it has drawn it. Fyne exposes it
// only through its test package, which must not be linked into the app (its init installs a test
// app). The pinned Fyne version in go.mod and the inspection's test keep this honest.
//
//go:linkname cachedRenderer fyne.io/fyne/v2/internal/cache.CachedRenderer
func cachedRenderer(fyne.Widget) (fyne.WidgetRenderer, bool)

// startInspecting writes an Inspection to path every inspectEvery until stop is called. The tree is
// read on the UI thread; the file is written off it.
func (u *UI) startInspecting(path string) (stop func()) {
	done := make(chan struct{})
	goBackground(nil, func() {
		t := time.NewTicker(inspectEvery)
		defer t.Stop()
		got := make(chan Inspection, 1)
		for seq := 1; ; seq++ {
			select {
			case <-done:
				return
			case <-t.C:
			}
			u.bg.deliver(func() { got <- u.inspect(seq) })
			select {
			case <-done:
				return
			case in := <-got:
				if err := writeInspection(path, in); err != nil {
					fmt.Fprintln(os.Stderr, "panelprep: writing the window inspection:", err)
					return
				}
			}
		}
	})
	stopped := false
	return func() {
		if !stopped {
			stopped = true
			close(done)
		}
	}
}

func writeInspection(path string, in Inspection) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path) // a reader never sees half a file
}

// inspect walks what the window shows now. Call it on the UI thread.
func (u *UI) inspect(seq int) Inspection {
	c := u.win.Canvas()
	size := c.Size()
	in := Inspection{Seq: seq, Screen: fmt.Sprintf("%T", u.current), Width: size.Width, Height: size.Height, Scale: c.Scale()}
	if f := c.Focused(); f != nil {
		in.Focused = fmt.Sprintf("%T", f)
	}
	walkInspect(c.Content(), fyne.Position{}, nil, "", 0, "", &in.Objects)
	for i, o := range c.Overlays().List() {
		walkInspect(o, fyne.Position{}, nil, "", i+1, "", &in.Objects)
	}
	return in
}

type clipRect struct{ x, y, w, h float32 }

func (r clipRect) intersect(o clipRect) clipRect {
	x, y := max(r.x, o.x), max(r.y, o.y)
	return clipRect{x, y, max(0, min(r.x+r.w, o.x+o.w)-x), max(0, min(r.y+r.h, o.y+o.h)-y)}
}

// walkInspect records o and what it holds; parent is the origin o's position is relative to.
func walkInspect(o fyne.CanvasObject, parent fyne.Position, clip *clipRect, holder string, layer int, scroll string, out *[]Inspected) {
	if o == nil || !o.Visible() {
		return
	}
	pos, size := parent.Add(o.Position()), o.Size()
	add := func(kind, typ, text string) {
		in := Inspected{Kind: kind, Type: typ, Text: text, Layer: layer, X: pos.X, Y: pos.Y, W: size.Width, H: size.Height, Scroll: scroll}
		if clip != nil {
			in.Clip = &[4]float32{clip.x, clip.y, clip.w, clip.h}
		}
		*out = append(*out, in)
	}
	switch t := o.(type) {
	case *canvas.Text:
		if strings.TrimSpace(t.Text) != "" {
			add("text", holder, t.Text)
			in := &(*out)[len(*out)-1]
			in.GlyphX, in.GlyphW = pos.X, t.MinSize().Width
			switch t.Alignment {
			case fyne.TextAlignCenter:
				in.GlyphX += (size.Width - in.GlyphW) / 2
			case fyne.TextAlignTrailing:
				in.GlyphX += size.Width - in.GlyphW
			}
		}
		return
	case *canvas.Image, *canvas.Raster:
		add("image", holder, "")
		return
	case *container.Scroll:
		view := clipRect{pos.X, pos.Y, size.Width, size.Height}
		if clip != nil {
			view = clip.intersect(view)
		}
		clip = &view
		switch t.Direction {
		case container.ScrollVerticalOnly:
			scroll = "vertical"
		case container.ScrollHorizontalOnly:
			scroll = "horizontal"
		default:
			scroll = ""
		}
	}
	switch t := o.(type) {
	case fyne.Widget:
		r, ok := cachedRenderer(t)
		if !ok {
			add("unrendered", fmt.Sprintf("%T", t), "")
			return
		}
		for _, child := range r.Objects() {
			walkInspect(child, pos, clip, fmt.Sprintf("%T", t), layer, scroll, out)
		}
	case *fyne.Container:
		for _, child := range t.Objects {
			walkInspect(child, pos, clip, holder, layer, scroll, out)
		}
	}
}
