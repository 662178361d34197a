package data

import (
	"time"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/diagram"
)

// The stored form of a whiteboard diagram (issue 16), kept in draft/, discarded/ and attempt/
// records: the diagram itself in diagram.Record, the JSON form bundles carry too (a file format the
// diagram's own Version governs, declared apart from the model so a renamed field in prep/diagram
// never changes the format on disk), its phase snapshots in data's own record. Both fields are
// omitted when there is no diagram, so records written before diagrams are written again byte for
// byte.

type diagramSnapshotRecord struct {
	Phase   string         `json:"phase"`
	At      time.Duration  `json:"at"`
	Diagram diagram.Record `json:"diagram"`
}

// diagramPtrRecordOf and diagramPtr keep "no diagram" (nil) apart from an empty one.
func diagramPtrRecordOf(d *diagram.Diagram) *diagram.Record {
	if d == nil {
		return nil
	}
	r := diagram.RecordOf(*d)
	return &r
}

func diagramPtr(r *diagram.Record) *diagram.Diagram {
	if r == nil {
		return nil
	}
	d := r.Diagram()
	return &d
}

func diagramSnapshotRecordOf(s prep.DiagramSnapshot) diagramSnapshotRecord {
	return diagramSnapshotRecord{Phase: s.Phase, At: s.At, Diagram: diagram.RecordOf(s.Diagram)}
}

func (r diagramSnapshotRecord) snapshot() prep.DiagramSnapshot {
	return prep.DiagramSnapshot{Phase: r.Phase, At: r.At, Diagram: r.Diagram.Diagram()}
}
