package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The inspection reports each visible text with its absolute position and the scroll that clips
// it, reaches into widgets' renderers (list rows), skips hidden objects, and names a widget the
// window has never drawn.
func TestInspectionReportsWhatTheWindowDraws(t *testing.T) {
	testApp(t)
	list := widget.NewList(func() int { return 3 }, func() fyne.CanvasObject { return widget.NewLabel("row") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText([]string{"alpha", "beta", "gamma"}[id])
		})
	hidden := widget.NewLabel("hidden")
	hidden.Hide()
	box := container.NewVBox(widget.NewLabel("title"), hidden)
	scroll := container.NewVScroll(widget.NewLabel("inside the scroll"))
	scroll.SetMinSize(fyne.NewSize(200, 40))
	content := container.NewBorder(box, nil, nil, nil, container.NewHSplit(list, scroll))
	w := test.NewTempWindow(t, content)
	w.Resize(fyne.NewSize(600, 400))
	w.Canvas().Capture() // paint, as a window does: renderers are made as objects are drawn
	late := widget.NewLabel("added without a refresh")
	box.Objects = append(box.Objects, late) // grown after the first frame, never laid out again

	var got []Inspected
	walkInspect(w.Canvas().Content(), fyne.Position{}, nil, "", 0, "", &got)
	texts := map[string]Inspected{}
	var unrendered []string
	for _, o := range got {
		switch o.Kind {
		case "text":
			texts[o.Text] = o
		case "unrendered":
			unrendered = append(unrendered, o.Type)
		}
	}
	for _, want := range []string{"title", "alpha", "beta", "gamma", "inside the scroll"} {
		o, ok := texts[want]
		if !ok {
			t.Fatalf("the inspection has no text %q: %+v", want, got)
		}
		if o.W <= 0 || o.H <= 0 {
			t.Errorf("%q has no size: %+v", want, o)
		}
	}
	if _, ok := texts["hidden"]; ok {
		t.Error("a hidden label is reported")
	}
	in := texts["inside the scroll"]
	if in.Clip == nil || in.Scroll != "vertical" {
		t.Fatalf("the scroll's text has no clip: %+v", in)
	}
	if in.Clip[2] != scroll.Size().Width || in.Clip[3] != scroll.Size().Height || in.X < in.Clip[0] || in.Y < in.Clip[1] {
		t.Errorf("clip %v around the text at (%v,%v), want the scroll's %v with the text inside", *in.Clip, in.X, in.Y, scroll.Size())
	}
	if texts["title"].Clip != nil {
		t.Error("a text outside any scroll has a clip")
	}
	if len(unrendered) != 1 || unrendered[0] != "*widget.Label" {
		t.Errorf("unrendered = %v, want the label added without a refresh", unrendered)
	}
}

// With InspectEnv set the window writes the inspection to that file; it names the screen.
func TestInspectionIsWrittenToTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "inspect.json")
	t.Setenv(InspectEnv, path)
	h := newHarness(t)
	in := h.ui.inspect(1)
	if err := writeInspection(path, in); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var back Inspection
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Screen != "*ui.homeScreen" || len(back.Objects) == 0 || back.Width <= 0 {
		t.Errorf("inspection = %s %vx%v with %d objects", back.Screen, back.Width, back.Height, len(back.Objects))
	}
	if h.ui.stopInspecting == nil {
		t.Error("New did not start inspecting with " + InspectEnv + " set")
	}
	h.ui.stopInspecting()
	h.ui.stopInspecting() // safe twice
}
