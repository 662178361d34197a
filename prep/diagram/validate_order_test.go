package diagram

import (
	"slices"
	"strings"
	"testing"
)

// Validate lists every problem of a diagram, each once, in one fixed order: teams, then components,
// then arrows, each in the diagram's order and each item's problems in the order of its fields.
// A bundle's or a store's check prints them as they come, so the order is part of the message.
func TestValidateListsEveryProblemInOrder(t *testing.T) {
	d := Diagram{Version: 1,
		Teams: []Team{{Name: " ", Colour: "red"}, {Name: "Core", Colour: "#0072b2"}, {Name: "Core", Colour: "#fff"}},
		Components: []Component{
			{ID: "", Kind: "mainframe", Label: "a\nb", X: 1e9, Y: 0, Team: "Ghosts"},
			{ID: "c1", Kind: Service, Label: strings.Repeat("é", MaxLabel+1), Team: "Core"},
			{ID: "c1", Kind: Database, Label: "\xff", X: 0, Y: -1e9},
		},
		Arrows: []Arrow{
			{ID: "c1", From: "c9", To: "c1", Label: "ok"},
			{ID: "<a>", From: "c1", To: "c1", Label: "a\x1bb"},
			{ID: "a1", From: "", To: "", Label: strings.Repeat("x", MaxArrowLabel+1)},
			{ID: "a1", From: "c1", To: "c1"},
		},
	}
	want := []string{
		`team 1 (" "): name is empty`,
		`team 1 (" "): colour "red" is not #rrggbb`,
		`team 3 ("Core"): named twice`,
		`team 3 ("Core"): colour "#fff" is not #rrggbb`,
		`component 1: id is empty`,
		`component "": kind "mainframe" is not one of the palette's`,
		`component "": label holds the control character U+000A`,
		`component "": position (1e+09, 0) is outside ±100000`,
		`component "": team "Ghosts": no such team`,
		`component "c1": label is 81 characters, at most 80`,
		`component "c1": id already used by a component`,
		`component "c1": label is not valid UTF-8`,
		`component "c1": position (0, -1e+09) is outside ±100000`,
		`arrow "c1": id already used by a component`,
		`arrow "c1": from "c9": no such component`,
		`arrow 2: id "<a>" holds '<': only letters, digits, - and _`,
		`arrow "<a>": goes from "c1" to itself`,
		`arrow "<a>": label holds the control character U+001B`,
		`arrow "a1": label is 61 characters, at most 60`,
		`arrow "a1": id already used by an arrow`,
		`arrow "a1": goes from "c1" to itself`,
	}
	got := d.Validate()
	if !slices.Equal(got, want) {
		t.Errorf("Validate() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := (Diagram{Version: 9, Components: make([]Component, MaxComponents+1), Arrows: make([]Arrow, MaxArrows+1), Teams: make([]Team, MaxTeams+1)}).Validate(); !slices.Equal(got, []string{
		"version 9: this PanelPrep reads diagrams of version 1 or older", "201 components: at most 200", "401 arrows: at most 400", "13 teams: at most 12"}) {
		t.Errorf("Validate() of an oversized diagram = %q", got)
	}
}
