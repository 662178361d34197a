package charts

import (
	"strings"

	"gonum.org/v1/plot/vg"
)

// labelShare is the most of a chart's width its row labels may take.
const labelShare = 0.34

// wrapLabels fits each row label into the room on the left of a bar chart: wrapped at word
// boundaries onto at most two lines, the second cut with an ellipsis when the name is longer
// still. Long criterion names once ran into each other under vertical bars.
func wrapLabels(names []string, s Size) []string {
	room := s.Width * labelShare
	face := labelFace(s)
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = wrapTwo(n, room, face.Width)
	}
	return out
}

// wrapTwo wraps s into at most two lines no wider than room, as measured by width.
func wrapTwo(s string, room vg.Length, width func(string) vg.Length) string {
	words := strings.Fields(s)
	var lines []string
	line := ""
	for i, w := range words {
		try := strings.TrimSpace(line + " " + w)
		if line == "" || width(try) <= room {
			line = try
			continue
		}
		if len(lines) == 1 { // the second line is full: cut it
			return lines[0] + "\n" + ellipsis(line+" "+strings.Join(words[i:], " "), room, width)
		}
		lines = append(lines, line)
		line = w
	}
	lines = append(lines, line)
	for i := range lines {
		if width(lines[i]) > room {
			lines[i] = ellipsis(lines[i], room, width)
		}
	}
	return strings.Join(lines, "\n")
}

// ellipsis cuts s to fit room with a trailing "…".
func ellipsis(s string, room vg.Length, width func(string) vg.Length) string {
	r := []rune(s)
	for len(r) > 1 && width(string(r)+"…") > room {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ,;:") + "…"
}
