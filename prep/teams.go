package prep

import (
	"fmt"
	"sort"
	"strings"
)

// TeamType is a team's kind in the Team Topologies sense.
type TeamType string

// The four team types an org-design answer uses.
const (
	StreamAligned        TeamType = "stream-aligned"
	PlatformTeam         TeamType = "platform"
	EnablingTeam         TeamType = "enabling"
	ComplicatedSubsystem TeamType = "complicated-subsystem"
)

// TeamTypes lists the team types in the order the editor offers them.
var TeamTypes = []TeamType{StreamAligned, PlatformTeam, EnablingTeam, ComplicatedSubsystem}

// Team is one row of an org-design answer's team table.
type Team struct {
	Name      string   `json:"name"`
	Type      TeamType `json:"type"`
	EM        string   `json:"em"`
	Engineers int      `json:"engineers"`
}

// Healthy span of control for a manager of engineers, and the most EMs one Director carries well.
const (
	MinSpan          = 5
	MaxSpan          = 9
	MaxEMsOfDirector = 6
)

// ManagerSpan is one manager's direct reports across the teams they lead.
type ManagerSpan struct {
	EM      string
	Teams   int
	Reports int
	Flag    string // why the span is outside the healthy range, or ""
}

// TeamStats is the arithmetic an org-design panel expects a candidate to do on the team table.
type TeamStats struct {
	Spans []ManagerSpan
	// Engineers and EMs in the table.
	Engineers, EMs int
	// PathsPerTeam is n(n-1)/2 for each team of n people (engineers plus its EM).
	PathsPerTeam []int
	// PathsIfOneTeam is n(n-1)/2 for everyone in the table as one group: what the teams save.
	PathsIfOneTeam int
	// DirectorFlag says when the Director carries more EMs than is healthy.
	DirectorFlag string
}

// Paths is the number of pairwise communication paths among n people, n(n-1)/2.
func Paths(n int) int {
	if n < 2 {
		return 0
	}
	return n * (n - 1) / 2
}

// ComputeTeamStats works out spans of control and communication paths for a team table. Teams
// without an EM are counted under "(no EM)", which is itself flagged.
func ComputeTeamStats(teams []Team) TeamStats {
	var st TeamStats
	byEM := map[string]*ManagerSpan{}
	for _, t := range teams {
		em := strings.TrimSpace(t.EM)
		if em == "" {
			em = "(no EM)"
		}
		n := max(t.Engineers, 0)
		st.Engineers += n
		ms := byEM[em]
		if ms == nil {
			ms = &ManagerSpan{EM: em}
			byEM[em] = ms
		}
		ms.Teams++
		ms.Reports += n
		people := n
		if em != "(no EM)" {
			people++
		}
		st.PathsPerTeam = append(st.PathsPerTeam, Paths(people))
	}
	for _, ms := range byEM {
		switch {
		case ms.EM == "(no EM)":
			ms.Flag = "no manager named"
		case ms.Reports < MinSpan:
			ms.Flag = fmt.Sprintf("%d reports is below %d: consider merging or growing the team", ms.Reports, MinSpan)
		case ms.Reports > MaxSpan:
			ms.Flag = fmt.Sprintf("%d reports is above %d: split the team or add a manager", ms.Reports, MaxSpan)
		}
		if ms.EM != "(no EM)" {
			st.EMs++
		}
		st.Spans = append(st.Spans, *ms)
	}
	sort.Slice(st.Spans, func(i, j int) bool { return st.Spans[i].EM < st.Spans[j].EM })
	st.PathsIfOneTeam = Paths(st.Engineers + st.EMs)
	if st.EMs > MaxEMsOfDirector {
		st.DirectorFlag = fmt.Sprintf("%d EMs report to you; more than %d strains a Director's span", st.EMs, MaxEMsOfDirector)
	}
	return st
}

// FormatTeamTable renders the team table as Markdown, for the answer text.
func FormatTeamTable(teams []Team) string {
	if len(teams) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("| Team | Type | EM | Engineers |\n| --- | --- | --- | --- |\n")
	// A pipe in a name would end its cell, and a line break the table: escaped and flattened.
	cell := strings.NewReplacer("|", `\|`, "\r", " ", "\n", " ")
	for _, t := range teams {
		fmt.Fprintf(&b, "| %s | %s | %s | %d |\n", cell.Replace(t.Name), t.Type, cell.Replace(t.EM), t.Engineers)
	}
	return b.String()
}
