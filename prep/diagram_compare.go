package prep

import (
	"fmt"
	"strings"

	"github.com/panelprep/panelprep/prep/diagram"
)

// DiagramChanges is what changed in the whiteboard from an earlier attempt to a later one, as the
// compare screen lists it: the components and arrows added and removed, the components re-owned by
// another team and those relabelled (diagram.Compare). It is "" when neither attempt has a diagram.
func DiagramChanges(earlier, later *Attempt) string {
	a, b := earlier.Diagram, later.Diagram
	switch {
	case a == nil && b == nil:
		return ""
	case a == nil:
		return fmt.Sprintf("The earlier attempt has no diagram; the later one has %s.", diagramSize(b))
	case b == nil:
		return fmt.Sprintf("The later attempt has no diagram; the earlier one had %s.", diagramSize(a))
	}
	ch := diagram.Compare(*a, *b)
	if ch.Empty() {
		return fmt.Sprintf("The same diagram in both: %s.", diagramSize(b))
	}
	var out []string
	out = append(out, fmt.Sprintf("Earlier %s; later %s.", diagramSize(a), diagramSize(b)))
	for _, group := range []struct {
		title string
		lines []string
	}{{"Added", ch.Added}, {"Removed", ch.Removed}, {"Re-owned", ch.Reowned}, {"Relabelled", ch.Relabelled}} {
		if len(group.lines) == 0 {
			continue
		}
		out = append(out, fmt.Sprintf("%s (%d):", group.title, len(group.lines)))
		for _, l := range group.lines {
			out = append(out, "  • "+l)
		}
	}
	return strings.Join(out, "\n")
}

func diagramSize(d *diagram.Diagram) string {
	return Count(len(d.Components), "component") + " and " + Count(len(d.Arrows), "arrow")
}
