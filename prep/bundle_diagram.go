package prep

// The whiteboard in a bundle (format version 4, issue 16): an attempt's diagram and its snapshot at
// the end of each phase travel with the attempt, so a mentor sees what was drawn. A bundle whose
// attempts have no diagram is written in the lower version its other content needs, which older
// PanelPrep versions read; one with a diagram is refused by an older PanelPrep for its version.

import (
	"fmt"

	"github.com/panelprep/panelprep/prep/diagram"
)

// bundleWhiteboardVersion is the first format version whose attempts carry a diagram.
const bundleWhiteboardVersion = 4

// diagramJSON is a diagram on the wire. Coordinates are numbers in diagram units (1 unit = 1 pixel
// at zoom 1), as exact as the app keeps them.
type diagramJSON struct {
	Version    int                    `json:"version"`
	Components []diagramComponentJSON `json:"components,omitempty"`
	Arrows     []diagramArrowJSON     `json:"arrows,omitempty"`
	Teams      []diagramTeamJSON      `json:"teams,omitempty"`
}

type diagramComponentJSON struct {
	ID    string  `json:"id"`
	Kind  string  `json:"kind"`
	Label string  `json:"label"`
	X     float32 `json:"x"`
	Y     float32 `json:"y"`
	Team  string  `json:"team,omitempty"`
}

type diagramArrowJSON struct {
	ID    string `json:"id"`
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label,omitempty"`
}

type diagramTeamJSON struct {
	Name   string `json:"name"`
	Colour string `json:"colour"`
}

type diagramSnapshotJSON struct {
	Phase   string      `json:"phase"`
	AtMS    int64       `json:"at_ms"`
	Diagram diagramJSON `json:"diagram"`
}

func diagramToWire(d diagram.Diagram) diagramJSON {
	return diagramJSON{
		Version: d.Version,
		Components: convert(d.Components, func(c diagram.Component) diagramComponentJSON {
			return diagramComponentJSON{ID: c.ID, Kind: string(c.Kind), Label: c.Label, X: c.X, Y: c.Y, Team: c.Team}
		}),
		Arrows: convert(d.Arrows, func(a diagram.Arrow) diagramArrowJSON { return diagramArrowJSON(a) }),
		Teams:  convert(d.Teams, func(t diagram.Team) diagramTeamJSON { return diagramTeamJSON(t) }),
	}
}

func (w *diagramJSON) diagram() diagram.Diagram {
	return diagram.Diagram{
		Version: w.Version,
		Components: convert(w.Components, func(c diagramComponentJSON) diagram.Component {
			return diagram.Component{ID: c.ID, Kind: diagram.Kind(c.Kind), Label: c.Label, X: c.X, Y: c.Y, Team: c.Team}
		}),
		Arrows: convert(w.Arrows, func(a diagramArrowJSON) diagram.Arrow { return diagram.Arrow(a) }),
		Teams:  convert(w.Teams, func(t diagramTeamJSON) diagram.Team { return diagram.Team(t) }),
	}
}

// diagramOnWire puts an attempt's diagram and snapshots into its wire form.
func diagramOnWire(w *attemptJSON, a *Attempt) {
	if a.Diagram != nil {
		w.Diagram = diagramToWire(*a.Diagram)
	}
	w.DiagramSnapshots = convert(a.DiagramSnapshots, func(s DiagramSnapshot) diagramSnapshotJSON {
		return diagramSnapshotJSON{Phase: s.Phase, AtMS: ms(s.At), Diagram: diagramToWire(s.Diagram)}
	})
}

// diagram reads an attempt's diagram and snapshots off the wire, at path at (the attempt's).
func (p *parser) diagram(at string, w *attemptJSON, a *Attempt) {
	has := w.Diagram.Version != 0 || len(w.Diagram.Components) > 0 || len(w.Diagram.Arrows) > 0 || len(w.Diagram.Teams) > 0
	if p.version < bundleWhiteboardVersion {
		if has {
			p.add(at+".diagram", "needs format version %d or later (this bundle says version %d)", bundleWhiteboardVersion, p.version)
		}
		if len(w.DiagramSnapshots) > 0 {
			p.add(at+".diagram_snapshots", "need format version %d or later (this bundle says version %d)", bundleWhiteboardVersion, p.version)
		}
	}
	if has {
		d := w.Diagram.diagram()
		a.Diagram = &d
	}
	for j, s := range w.DiagramSnapshots {
		a.DiagramSnapshots = append(a.DiagramSnapshots, DiagramSnapshot{Phase: s.Phase,
			At: p.duration(fmt.Sprintf("%s.diagram_snapshots[%d].at_ms", at, j), s.AtMS), Diagram: s.Diagram.diagram()})
	}
}

// hasDiagram says whether any attempt in b carries a diagram, so b needs bundleWhiteboardVersion.
func (b *Bundle) hasDiagram() bool {
	for i := range b.Attempts {
		if b.Attempts[i].Diagram != nil || len(b.Attempts[i].DiagramSnapshots) > 0 {
			return true
		}
	}
	return false
}

// diagram checks an attempt's diagram and snapshots against the model's rules and bounds (the
// same Validate the app's own store uses), each problem at its path.
func (v *validator) diagram(d *diagram.Diagram, snaps []DiagramSnapshot, at string) {
	if d != nil {
		if d.Version == 0 {
			v.add(at+".diagram.version", "is missing (this PanelPrep writes version %d)", diagram.Version)
		}
		for _, msg := range d.Validate() {
			v.add(at+".diagram", "%s", msg)
		}
	}
	if len(snaps) > MaxDiagramSnapshots {
		v.add(at+".diagram_snapshots", "has %d snapshots, at most %d (one per phase)", len(snaps), MaxDiagramSnapshots)
		return
	}
	for j, s := range snaps {
		sa := fmt.Sprintf("%s.diagram_snapshots[%d]", at, j)
		if n := len([]rune(s.Phase)); n == 0 || n > maxPhaseNameLen {
			v.add(sa+".phase", "must be 1 to %d characters (got %d)", maxPhaseNameLen, n)
		}
		for _, msg := range s.Diagram.Validate() {
			v.add(sa+".diagram", "%s", msg)
		}
	}
}

// maxPhaseNameLen bounds a snapshot's phase name, the same as CheckDiagram's.
const maxPhaseNameLen = 200
