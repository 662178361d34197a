package diagram

// Record is a diagram's JSON form: the one the store keeps in its draft and attempt records and
// the one a bundle carries (format version 4 on). It is a file format, declared apart from Diagram
// so that a renamed field of the model never changes what is on disk or in a bundle: never rename
// a field's tag here. The form is versioned by the diagram's own Version, which Validate refuses
// above what this PanelPrep reads, so a change to it comes with a new Version. Coordinates are
// numbers in diagram units (1 unit = 1 pixel at zoom 1), as exact as the app keeps them.
type Record struct {
	Version    int               `json:"version"`
	Components []ComponentRecord `json:"components,omitempty"`
	Arrows     []ArrowRecord     `json:"arrows,omitempty"`
	Teams      []TeamRecord      `json:"teams,omitempty"`
}

// ComponentRecord is a Component in a Record.
type ComponentRecord struct {
	ID    string  `json:"id"`
	Kind  string  `json:"kind"`
	Label string  `json:"label"`
	X     float32 `json:"x"`
	Y     float32 `json:"y"`
	Team  string  `json:"team,omitempty"`
}

// ArrowRecord is an Arrow in a Record.
type ArrowRecord struct {
	ID    string `json:"id"`
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label,omitempty"`
}

// TeamRecord is a Team in a Record.
type TeamRecord struct {
	Name   string `json:"name"`
	Colour string `json:"colour"`
}

// RecordOf is d in its JSON form.
func RecordOf(d Diagram) Record {
	return Record{
		Version: d.Version,
		Components: mapSlice(d.Components, func(c Component) ComponentRecord {
			return ComponentRecord{ID: c.ID, Kind: string(c.Kind), Label: c.Label, X: c.X, Y: c.Y, Team: c.Team}
		}),
		Arrows: mapSlice(d.Arrows, func(a Arrow) ArrowRecord { return ArrowRecord(a) }),
		Teams:  mapSlice(d.Teams, func(t Team) TeamRecord { return TeamRecord(t) }),
	}
}

// Diagram is the diagram r holds. It is not validated: the store and the bundle reader check it
// with Validate before it is used.
func (r *Record) Diagram() Diagram {
	return Diagram{
		Version: r.Version,
		Components: mapSlice(r.Components, func(c ComponentRecord) Component {
			return Component{ID: c.ID, Kind: Kind(c.Kind), Label: c.Label, X: c.X, Y: c.Y, Team: c.Team}
		}),
		Arrows: mapSlice(r.Arrows, func(a ArrowRecord) Arrow { return Arrow(a) }),
		Teams:  mapSlice(r.Teams, func(t TeamRecord) Team { return Team(t) }),
	}
}

// mapSlice maps a slice, keeping nil as nil.
func mapSlice[T, U any](in []T, f func(T) U) []U {
	if in == nil {
		return nil
	}
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
