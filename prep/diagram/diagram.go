// Package diagram is the whiteboard of a design answer: components, the arrows between them and the
// teams that own them. The model is PanelPrep's own, versioned and independent of any widget, so the
// canvas that edits it, the store that keeps it, the bundle that carries it and the reports that draw
// it all read the same plain values. It imports no Fyne and no Badger (and not prep, which imports it).
package diagram

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Version is the stored model's version; Diagram.Version carries it. A diagram of a higher version
// was written by a newer PanelPrep and is refused rather than half read.
const Version = 1

// Kind is a component's kind, from the palette.
type Kind string

// The palette.
const (
	Client        Kind = "client"
	LoadBalancer  Kind = "load-balancer"
	Service       Kind = "service"
	Database      Kind = "database"
	Cache         Kind = "cache"
	Queue         Kind = "queue" // a queue or a stream
	ObjectStorage Kind = "object-storage"
	CDN           Kind = "cdn"
	External      Kind = "external"
	Box           Kind = "box"
)

// Palette is the kinds in palette order.
var Palette = []Kind{Client, LoadBalancer, Service, Database, Cache, Queue, ObjectStorage, CDN, External, Box}

var kindTitles = map[Kind]string{
	Client: "Client", LoadBalancer: "Load balancer", Service: "Service", Database: "Database",
	Cache: "Cache", Queue: "Queue / stream", ObjectStorage: "Object storage", CDN: "CDN",
	External: "External system", Box: "Box",
}

// Title is the kind as a person reads it ("Load balancer"); an unknown kind reads as itself.
func (k Kind) Title() string {
	if t, ok := kindTitles[k]; ok {
		return t
	}
	return string(k)
}

// Valid says whether k is in the palette.
func (k Kind) Valid() bool { _, ok := kindTitles[k]; return ok }

// Geometry is in diagram units (1 unit = 1 px at zoom 1). Components have a fixed size.
const ComponentWidth, ComponentHeight = 150, 64

// Limits. A whiteboard in a 45-minute round holds a few dozen boxes; these bounds are several times
// that, and they keep a hostile bundle from filling a store or a report (a bundle is checked against
// them before anything is written).
const (
	MaxComponents  = 200
	MaxArrows      = 400
	MaxTeams       = 12
	MaxLabel       = 80      // runes in a component's label
	MaxArrowLabel  = 60      // runes in an arrow's label
	MaxTeamName    = 40      // runes in a team's name
	MaxIDLen       = 16      // bytes in a component or arrow ID
	MaxCoordinate  = 100_000 // |x| and |y| of a component, in diagram units
	maxUndoHistory = 500
)

// Component is one box on the whiteboard.
type Component struct {
	ID    string  `json:"id"` // stable, unique in the diagram ("c1", "c2", …)
	Kind  Kind    `json:"kind"`
	Label string  `json:"label"`
	X     float32 `json:"x"` // top-left corner
	Y     float32 `json:"y"`
	Team  string  `json:"team,omitempty"` // a Team.Name, or "" for unowned
}

// Arrow is a directed connection between two components.
type Arrow struct {
	ID    string `json:"id"`   // "a1", …
	From  string `json:"from"` // component IDs
	To    string `json:"to"`
	Label string `json:"label,omitempty"` // "sync REST", "async event"
}

// Team is a team that owns components, with the colour the whiteboard draws it in.
type Team struct {
	Name   string `json:"name"`
	Colour string `json:"colour"` // "#rrggbb", assigned from TeamColours in order
}

// Diagram is the whole whiteboard. The zero value is an empty diagram (Version 0 reads as Version).
type Diagram struct {
	Version    int         `json:"version"`
	Components []Component `json:"components,omitempty"`
	Arrows     []Arrow     `json:"arrows,omitempty"`
	Teams      []Team      `json:"teams,omitempty"`
}

// TeamColours is the palette teams are coloured from, in order: the Okabe–Ito colours (told apart
// with the common colour-vision deficiencies) without its yellow, which vanishes on white, plus two
// darker tones; each reads on a light and on a dark background.
var TeamColours = []string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8c6d31", "#7f7f7f"}

// UnownedColour is the outline of a component no team owns.
const UnownedColour = "#555555"

// CrossTeamColour is the colour of an arrow whose ends two different teams own: the interfaces a
// Director is asked about stand out from the rest.
const CrossTeamColour = "#b00020"

var colourRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// ValidColour says whether c is "#rrggbb".
func ValidColour(c string) bool { return colourRE.MatchString(c) }

// Clone returns a deep copy: editing its slices never changes d.
func (d Diagram) Clone() Diagram {
	d.Components = slices.Clone(d.Components)
	d.Arrows = slices.Clone(d.Arrows)
	d.Teams = slices.Clone(d.Teams)
	return d
}

// Empty says whether nothing is drawn: no components, no arrows and no teams.
func (d Diagram) Empty() bool {
	return len(d.Components) == 0 && len(d.Arrows) == 0 && len(d.Teams) == 0
}

// Component finds a component by ID.
func (d Diagram) Component(id string) (Component, bool) {
	if i := d.componentIndex(id); i >= 0 {
		return d.Components[i], true
	}
	return Component{}, false
}

// Arrow finds an arrow by ID.
func (d Diagram) Arrow(id string) (Arrow, bool) {
	if i := d.arrowIndex(id); i >= 0 {
		return d.Arrows[i], true
	}
	return Arrow{}, false
}

// Team finds a team by name.
func (d Diagram) Team(name string) (Team, bool) {
	if i := d.teamIndex(name); i >= 0 {
		return d.Teams[i], true
	}
	return Team{}, false
}

// TeamColour is the colour a component owned by team is drawn in: the team's colour, or
// UnownedColour for "" or a team the diagram does not name or whose colour is not "#rrggbb". It never
// returns anything but a valid colour, so a renderer may write it out as it is.
func (d Diagram) TeamColour(team string) string {
	if t, ok := d.Team(team); ok && ValidColour(t.Colour) {
		return strings.ToLower(t.Colour)
	}
	return UnownedColour
}

// CrossesTeams says whether both ends of a are owned, by different teams.
func (d Diagram) CrossesTeams(a Arrow) bool {
	from, ok1 := d.Component(a.From)
	to, ok2 := d.Component(a.To)
	return ok1 && ok2 && from.Team != "" && to.Team != "" && from.Team != to.Team
}

// ComponentsOf lists the components team owns ("" for the unowned), in drawing order.
func (d Diagram) ComponentsOf(team string) []Component {
	var out []Component
	for _, c := range d.Components {
		if c.Team == team {
			out = append(out, c)
		}
	}
	return out
}

func (d Diagram) componentIndex(id string) int {
	return slices.IndexFunc(d.Components, func(c Component) bool { return c.ID == id })
}

func (d Diagram) arrowIndex(id string) int {
	return slices.IndexFunc(d.Arrows, func(a Arrow) bool { return a.ID == id })
}

func (d Diagram) teamIndex(name string) int {
	return slices.IndexFunc(d.Teams, func(t Team) bool { return t.Name == name })
}

// Validate lists what is wrong with d, each problem naming the component, arrow or team it is on
// ("arrow a3: from c9: no such component"); nil when d is sound. A bundle and a stored draft are
// checked with it before they are used.
func (d Diagram) Validate() []string {
	var v validation
	v.size(d)
	if len(v.problems) > 0 {
		return v.problems // too big to be worth reading item by item
	}
	teams := v.teams(d.Teams)
	ids := map[string]string{} // component and arrow IDs, to what uses them ("a component")
	v.components(d.Components, teams, ids)
	v.arrows(d, ids)
	return v.problems
}

// validation gathers Validate's problems, in the order they are found.
type validation struct{ problems []string }

func (v *validation) add(format string, args ...any) {
	v.problems = append(v.problems, fmt.Sprintf(format, args...))
}

// size checks the version and the counts against the limits.
func (v *validation) size(d Diagram) {
	if d.Version < 0 || d.Version > Version {
		v.add("version %d: this PanelPrep reads diagrams of version %d or older", d.Version, Version)
	}
	if n := len(d.Components); n > MaxComponents {
		v.add("%d components: at most %d", n, MaxComponents)
	}
	if n := len(d.Arrows); n > MaxArrows {
		v.add("%d arrows: at most %d", n, MaxArrows)
	}
	if n := len(d.Teams); n > MaxTeams {
		v.add("%d teams: at most %d", n, MaxTeams)
	}
}

// teams checks each team's name and colour, and returns the names.
func (v *validation) teams(ts []Team) map[string]bool {
	names := map[string]bool{}
	for i, t := range ts {
		what := fmt.Sprintf("team %d (%s)", i+1, quoteShort(t.Name))
		if msg := checkText(t.Name, MaxTeamName, false); msg != "" {
			v.add("%s: name %s", what, msg)
		}
		if names[t.Name] {
			v.add("%s: named twice", what)
		}
		names[t.Name] = true
		if !ValidColour(t.Colour) {
			v.add("%s: colour %s is not #rrggbb", what, quoteShort(t.Colour))
		}
	}
	return names
}

// id checks the ID of the i-th (from 1) component or arrow (thing), and records in ids that one
// (user: "a component") uses it.
func (v *validation) id(thing, user string, i int, id string, ids map[string]string) {
	if msg := checkID(id); msg != "" {
		v.add("%s %d: id %s", thing, i, msg)
	} else if prev, dup := ids[id]; dup {
		v.add("%s %s: id already used by %s", thing, quoteShort(id), prev)
	}
	ids[id] = user
}

// components checks each component: its ID, kind, label, position and team.
func (v *validation) components(cs []Component, teams map[string]bool, ids map[string]string) {
	for i, c := range cs {
		what := "component " + quoteShort(c.ID)
		v.id("component", "a component", i+1, c.ID, ids)
		if !c.Kind.Valid() {
			v.add("%s: kind %s is not one of the palette's", what, quoteShort(string(c.Kind)))
		}
		if msg := checkText(c.Label, MaxLabel, true); msg != "" {
			v.add("%s: label %s", what, msg)
		}
		if !coordinateOK(c.X) || !coordinateOK(c.Y) {
			v.add("%s: position (%v, %v) is outside ±%d", what, c.X, c.Y, MaxCoordinate)
		}
		if c.Team != "" && !teams[c.Team] {
			v.add("%s: team %s: no such team", what, quoteShort(c.Team))
		}
	}
}

// arrows checks each arrow of d: its ID, both ends, that it does not loop, and its label.
func (v *validation) arrows(d Diagram, ids map[string]string) {
	for i, a := range d.Arrows {
		what := "arrow " + quoteShort(a.ID)
		v.id("arrow", "an arrow", i+1, a.ID, ids)
		for _, end := range []struct{ name, id string }{{"from", a.From}, {"to", a.To}} {
			if _, ok := d.Component(end.id); !ok {
				v.add("%s: %s %s: no such component", what, end.name, quoteShort(end.id))
			}
		}
		if a.From == a.To && a.From != "" {
			v.add("%s: goes from %s to itself", what, quoteShort(a.From))
		}
		if msg := checkText(a.Label, MaxArrowLabel, true); msg != "" {
			v.add("%s: label %s", what, msg)
		}
	}
}

func coordinateOK(v float32) bool {
	f := float64(v)
	return !math.IsNaN(f) && !math.IsInf(f, 0) && math.Abs(f) <= MaxCoordinate
}

// checkText says what is wrong with a label or name: too long, not UTF-8, or holding a control
// character (a label is one line; a newline or an escape code in it is a pasted accident or an attack).
func checkText(s string, max int, emptyOK bool) string {
	switch {
	case !utf8.ValidString(s):
		return "is not valid UTF-8"
	case !emptyOK && strings.TrimSpace(s) == "":
		return "is empty"
	case utf8.RuneCountInString(s) > max:
		return fmt.Sprintf("is %d characters, at most %d", utf8.RuneCountInString(s), max)
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return fmt.Sprintf("holds the control character %U", r)
		}
	}
	return ""
}

func checkID(id string) string {
	switch {
	case id == "":
		return "is empty"
	case len(id) > MaxIDLen:
		return fmt.Sprintf("is %d bytes, at most %d", len(id), MaxIDLen)
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return fmt.Sprintf("%s holds %q: only letters, digits, - and _", quoteShort(id), r)
		}
	}
	return ""
}

// quoteShort quotes s for a message, cut to 40 runes so a hostile 10 MB label makes a short message.
func quoteShort(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		return fmt.Sprintf("%q…", string(r[:40]))
	}
	return fmt.Sprintf("%q", s)
}

// CleanLabel is label as the editor stores it: spaces trimmed, every run of white space (a pasted
// newline or tab included) one space, other control characters dropped.
func CleanLabel(label string) string {
	label = strings.ToValidUTF8(label, "")
	var b strings.Builder
	space := false
	for _, r := range label {
		switch {
		case unicode.IsSpace(r) || r == '\u2028' || r == '\u2029':
			space = b.Len() > 0
		case unicode.IsControl(r):
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
