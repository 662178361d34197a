package preptest

import "github.com/panelprep/panelprep/prep/diagram"

// FormatDiagram is a small whiteboard with every field of a diagram set, an unowned component, an
// unlabelled arrow, positions that are not whole and a label with markup and a non-ASCII letter:
// the tests that pin a diagram's JSON form in the store and in a bundle write the same one.
func FormatDiagram() diagram.Diagram {
	return diagram.Diagram{Version: 1,
		Components: []diagram.Component{
			{ID: "c1", Kind: diagram.Client, Label: "Card terminal", X: 0.25, Y: -40},
			{ID: "c2", Kind: diagram.Service, Label: `Ledger "<b>" é`, X: 190, Y: 110.5, Team: "Payments"},
			{ID: "c3", Kind: diagram.Database, Label: "", X: 380, Y: 110, Team: "Platform"},
		},
		Arrows: []diagram.Arrow{{ID: "a1", From: "c1", To: "c2", Label: "sync REST"}, {ID: "a2", From: "c2", To: "c3"}},
		Teams:  []diagram.Team{{Name: "Payments", Colour: "#0072b2"}, {Name: "Platform", Colour: "#e69f00"}},
	}
}
