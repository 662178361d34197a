package data

import (
	"time"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/diagram"
)

// The stored form of a whiteboard diagram (issue 16), kept in draft/, discarded/ and attempt/
// records. Like the other records here it is data's own, so a renamed field in prep/diagram never
// changes the format on disk. Both fields are omitted when there is no diagram, so records written
// before diagrams are written again byte for byte.

type diagramRecord struct {
	Version    int                      `json:"version"`
	Components []diagramComponentRecord `json:"components,omitempty"`
	Arrows     []diagramArrowRecord     `json:"arrows,omitempty"`
	Teams      []diagramTeamRecord      `json:"teams,omitempty"`
}

type diagramComponentRecord struct {
	ID    string  `json:"id"`
	Kind  string  `json:"kind"`
	Label string  `json:"label"`
	X     float32 `json:"x"`
	Y     float32 `json:"y"`
	Team  string  `json:"team,omitempty"`
}

type diagramArrowRecord struct {
	ID    string `json:"id"`
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label,omitempty"`
}

type diagramTeamRecord struct {
	Name   string `json:"name"`
	Colour string `json:"colour"`
}

type diagramSnapshotRecord struct {
	Phase   string        `json:"phase"`
	At      time.Duration `json:"at"`
	Diagram diagramRecord `json:"diagram"`
}

func diagramRecordOf(d diagram.Diagram) diagramRecord {
	return diagramRecord{
		Version: d.Version,
		Components: convert(d.Components, func(c diagram.Component) diagramComponentRecord {
			return diagramComponentRecord{ID: c.ID, Kind: string(c.Kind), Label: c.Label, X: c.X, Y: c.Y, Team: c.Team}
		}),
		Arrows: convert(d.Arrows, func(a diagram.Arrow) diagramArrowRecord {
			return diagramArrowRecord{ID: a.ID, From: a.From, To: a.To, Label: a.Label}
		}),
		Teams: convert(d.Teams, func(t diagram.Team) diagramTeamRecord { return diagramTeamRecord{Name: t.Name, Colour: t.Colour} }),
	}
}

func (r *diagramRecord) diagram() diagram.Diagram {
	return diagram.Diagram{
		Version: r.Version,
		Components: convert(r.Components, func(c diagramComponentRecord) diagram.Component {
			return diagram.Component{ID: c.ID, Kind: diagram.Kind(c.Kind), Label: c.Label, X: c.X, Y: c.Y, Team: c.Team}
		}),
		Arrows: convert(r.Arrows, func(a diagramArrowRecord) diagram.Arrow {
			return diagram.Arrow{ID: a.ID, From: a.From, To: a.To, Label: a.Label}
		}),
		Teams: convert(r.Teams, func(t diagramTeamRecord) diagram.Team { return diagram.Team{Name: t.Name, Colour: t.Colour} }),
	}
}

// diagramPtrRecordOf and diagramPtr keep "no diagram" (nil) apart from an empty one.
func diagramPtrRecordOf(d *diagram.Diagram) *diagramRecord {
	if d == nil {
		return nil
	}
	r := diagramRecordOf(*d)
	return &r
}

func (r *diagramRecord) diagramPtr() *diagram.Diagram {
	if r == nil {
		return nil
	}
	d := r.diagram()
	return &d
}

func diagramSnapshotRecordOf(s prep.DiagramSnapshot) diagramSnapshotRecord {
	return diagramSnapshotRecord{Phase: s.Phase, At: s.At, Diagram: diagramRecordOf(s.Diagram)}
}

func (r diagramSnapshotRecord) snapshot() prep.DiagramSnapshot {
	return prep.DiagramSnapshot{Phase: r.Phase, At: r.At, Diagram: r.Diagram.diagram()}
}
