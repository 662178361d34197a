package prep

// The whiteboard in a bundle (format version 4, issue 16): an attempt's diagram and its snapshot at
// the end of each phase travel with the attempt, so a mentor sees what was drawn. A bundle whose
// attempts have no diagram is written in the lower version its other content needs, which older
// PanelPrep versions read; one with a diagram is refused by an older PanelPrep for its version.

import (
	"fmt"

	"github.com/panelprep/panelprep/prep/diagram"
)

// bundleWhiteboardVersion is the first format version whose attempts carry a diagram, in the JSON
// form the store keeps it in too (diagram.Record).
const bundleWhiteboardVersion = 4

type diagramSnapshotJSON struct {
	Phase   string         `json:"phase"`
	AtMS    int64          `json:"at_ms"`
	Diagram diagram.Record `json:"diagram"`
}

// diagramOnWire puts an attempt's diagram and snapshots into its wire form.
func diagramOnWire(w *attemptJSON, a *Attempt) {
	if a.Diagram != nil {
		w.Diagram = diagram.RecordOf(*a.Diagram)
	}
	w.DiagramSnapshots = convert(a.DiagramSnapshots, func(s DiagramSnapshot) diagramSnapshotJSON {
		return diagramSnapshotJSON{Phase: s.Phase, AtMS: ms(s.At), Diagram: diagram.RecordOf(s.Diagram)}
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
		d := w.Diagram.Diagram()
		a.Diagram = &d
	}
	for j, s := range w.DiagramSnapshots {
		a.DiagramSnapshots = append(a.DiagramSnapshots, DiagramSnapshot{Phase: s.Phase,
			At: p.duration(fmt.Sprintf("%s.diagram_snapshots[%d].at_ms", at, j), s.AtMS), Diagram: s.Diagram.Diagram()})
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
