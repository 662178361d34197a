package diagram

import (
	"fmt"
	"strings"
)

// Changes is what changed from one attempt's diagram to another's, as lines a person reads.
type Changes struct {
	Added, Removed, Reowned, Relabelled []string
}

// Empty says whether nothing changed.
func (c Changes) Empty() bool {
	return len(c.Added)+len(c.Removed)+len(c.Reowned)+len(c.Relabelled) == 0
}

// Compare says what changed from old to new. Two attempts' diagrams are usually drawn apart, so
// their IDs mean nothing to each other: a component is matched first by kind and label (white space
// and case aside), and only what is left is matched by ID and kind, which catches a box relabelled
// in a diagram carried over from the earlier attempt. Arrows are matched by their matched ends and
// label, then by their ends alone (a relabelled arrow).
func Compare(old, new Diagram) Changes {
	var ch Changes
	match := matchComponents(old, new) // new ID -> old ID
	matchedOld := map[string]bool{}
	for _, o := range match {
		matchedOld[o] = true
	}
	for _, n := range new.Components {
		o, ok := match[n.ID]
		if !ok {
			ch.Added = append(ch.Added, describe(n))
			continue
		}
		oc, _ := old.Component(o)
		if norm(oc.Label) != norm(n.Label) {
			ch.Relabelled = append(ch.Relabelled, fmt.Sprintf("%s %s → %s", n.Kind.Title(), show(oc.Label), show(n.Label)))
		}
		if oc.Team != n.Team {
			ch.Reowned = append(ch.Reowned, fmt.Sprintf("%s: %s → %s", name(n), owner(oc.Team), owner(n.Team)))
		}
	}
	for _, o := range old.Components {
		if !matchedOld[o.ID] {
			ch.Removed = append(ch.Removed, describe(o))
		}
	}

	// Arrows in new, their ends translated to old's IDs; an end with no match gets a key no old
	// arrow has.
	end := func(id string) string {
		if o, ok := match[id]; ok {
			return o
		}
		return "\x00new:" + id
	}
	type pair struct{ from, to string }
	oldExact := map[string][]Arrow{}
	for _, a := range old.Arrows {
		k := a.From + "\x00" + a.To + "\x00" + norm(a.Label)
		oldExact[k] = append(oldExact[k], a)
	}
	var leftNew []Arrow
	usedOld := map[string]bool{}
	for _, a := range new.Arrows {
		k := end(a.From) + "\x00" + end(a.To) + "\x00" + norm(a.Label)
		if l := oldExact[k]; len(l) > 0 {
			usedOld[l[0].ID] = true
			oldExact[k] = l[1:]
			continue
		}
		leftNew = append(leftNew, a)
	}
	oldByEnds := map[pair][]Arrow{}
	for _, a := range old.Arrows {
		if !usedOld[a.ID] {
			p := pair{a.From, a.To}
			oldByEnds[p] = append(oldByEnds[p], a)
		}
	}
	for _, a := range leftNew {
		p := pair{end(a.From), end(a.To)}
		if l := oldByEnds[p]; len(l) > 0 {
			usedOld[l[0].ID] = true
			oldByEnds[p] = l[1:]
			ch.Relabelled = append(ch.Relabelled, fmt.Sprintf("arrow %s: %s → %s", arrowEnds(new, a), show(l[0].Label), show(a.Label)))
			continue
		}
		ch.Added = append(ch.Added, "arrow "+ArrowLine(new, a))
	}
	for _, a := range old.Arrows {
		if !usedOld[a.ID] {
			ch.Removed = append(ch.Removed, "arrow "+ArrowLine(old, a))
		}
	}
	return ch
}

// matchComponents pairs new's components with old's: by kind and label, then by ID and kind.
func matchComponents(old, new Diagram) map[string]string {
	match := map[string]string{}
	byLabel := map[string][]string{}
	for _, c := range old.Components {
		k := string(c.Kind) + "\x00" + norm(c.Label)
		byLabel[k] = append(byLabel[k], c.ID)
	}
	used := map[string]bool{}
	var left []Component
	for _, c := range new.Components {
		k := string(c.Kind) + "\x00" + norm(c.Label)
		if l := byLabel[k]; len(l) > 0 {
			match[c.ID], byLabel[k] = l[0], l[1:]
			used[l[0]] = true
			continue
		}
		left = append(left, c)
	}
	for _, c := range left {
		if o, ok := old.Component(c.ID); ok && !used[o.ID] && o.Kind == c.Kind {
			match[c.ID] = o.ID
			used[o.ID] = true
		}
	}
	return match
}

func norm(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// name is how a line names a component: its label, or its kind when it has none.
func name(c Component) string {
	if strings.TrimSpace(c.Label) == "" {
		return c.Kind.Title() + " " + c.ID
	}
	return c.Label
}

func show(label string) string {
	if label == "" {
		return "(no label)"
	}
	return fmt.Sprintf("%q", label)
}

func owner(team string) string {
	if team == "" {
		return "unowned"
	}
	return team
}

func describe(c Component) string {
	s := fmt.Sprintf("%s %s", c.Kind.Title(), show(c.Label))
	if c.Team != "" {
		s += " (" + c.Team + ")"
	}
	return s
}

func arrowEnds(d Diagram, a Arrow) string {
	endName := func(id string) string {
		if c, ok := d.Component(id); ok {
			return name(c)
		}
		return id
	}
	return endName(a.From) + " → " + endName(a.To)
}

// ArrowLine is an arrow as text: "A → B (label)", or "A → B" when it has no label. The Markdown
// report and the compare view use it.
func ArrowLine(d Diagram, a Arrow) string {
	s := arrowEnds(d, a)
	if a.Label != "" {
		s += " (" + a.Label + ")"
	}
	return s
}
