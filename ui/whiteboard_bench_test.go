package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/panelprep/panelprep/prep/diagram"
)

// benchDiagram is n components in rows of ten, owned by three teams in turn, and m arrows between
// them (each component to ones a few places on, so some cross teams and some do not).
func benchDiagram(n, m int) diagram.Diagram {
	d := diagram.Diagram{Version: diagram.Version,
		Teams: []diagram.Team{{Name: "Authorisations", Colour: diagram.TeamColours[0]},
			{Name: "Ledger", Colour: diagram.TeamColours[1]}, {Name: "Money movement", Colour: diagram.TeamColours[2]}}}
	for i := range n {
		d.Components = append(d.Components, diagram.Component{ID: fmt.Sprintf("c%d", i+1), Kind: diagram.Palette[i%len(diagram.Palette)],
			Label: fmt.Sprintf("Component number %d", i+1), X: float32(i%10) * 190, Y: float32(i/10) * 110, Team: d.Teams[i%3].Name})
	}
	for i := range m {
		from, to := i%n, (i*7+3)%n
		if from == to {
			to = (to + 1) % n
		}
		d.Arrows = append(d.Arrows, diagram.Arrow{ID: fmt.Sprintf("a%d", i+1), From: d.Components[from].ID, To: d.Components[to].ID, Label: "sync REST"})
	}
	return d
}

// BenchmarkWhiteboardDrag is one frame of dragging a component: the drag event, the editor's move,
// the diagram handed over, and the board's renderer matching its canvas objects to the diagram and
// laying them out (what the UI thread does before the GL driver paints). The goal is at most 8 ms
// per frame for 60 components and 100 arrows. Baselines from the same run: the same board redrawn
// with nothing moved, and a 10-component diagram dragged.
func BenchmarkWhiteboardDrag(b *testing.B) {
	for _, c := range []struct {
		name   string
		n, m   int
		moving bool
	}{
		{"drag-60-components-100-arrows", 60, 100, true},
		{"redraw-still-60-components-100-arrows", 60, 100, false},
		{"drag-10-components-12-arrows", 10, 12, true},
	} {
		b.Run(c.name, func(b *testing.B) {
			test.NewTempApp(b)
			handed := 0
			wb := newWhiteboard(benchDiagram(c.n, c.m), nil, nil, func(diagram.Diagram) { handed++ })
			w := test.NewTempWindow(b, wb.root)
			w.Resize(fyne.NewSize(1400, 900))
			bd := wb.board
			bd.zoom = 0.6 // the whole diagram in view, every object drawn
			bd.Refresh()
			target := wb.ed.Diagram().Components[c.n/2]
			start := bd.toScreen(target.X+10, target.Y+10)
			pos := start
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if !c.moving {
					bd.Refresh()
					continue
				}
				// A pointer wandering over a 40-pixel square, one or two pixels a frame.
				d := fyne.NewDelta(float32(1+i%2), float32(1-(i/20)%2*2))
				if i%40 >= 20 {
					d.DX = -d.DX
				}
				pos = pos.Add(d)
				bd.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: d})
			}
			b.StopTimer()
			bd.DragEnd()
			r := test.WidgetRenderer(bd)
			b.ReportMetric(float64(len(r.Objects())), "objects")
			if c.moving && handed < b.N {
				b.Fatalf("%d frames handed the diagram over %d times", b.N, handed)
			}
		})
	}
}
