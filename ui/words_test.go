package ui

import (
	"strings"
	"testing"

	"github.com/panelprep/panelprep/prep"
)

// The team table's arithmetic said "1 EMs in 1 teams" and "across 1 team(s)".
func TestTeamStatsCountInWords(t *testing.T) {
	st := prep.TeamStats{Engineers: 1, EMs: 1, Spans: []prep.ManagerSpan{{EM: "Ana", Reports: 1, Teams: 1}}}
	got := teamStatsText(st, 1)
	for _, want := range []string{"1 engineer and 1 EM in 1 team.", "Ana: 1 report across 1 team,"} {
		if !strings.Contains(got, want) {
			t.Errorf("team stats %q lack %q", got, want)
		}
	}
	for _, bad := range []string{"(s)", "1 EMs", "1 teams", "1 engineers"} {
		if strings.Contains(got, bad) {
			t.Errorf("team stats %q say %q", got, bad)
		}
	}
}
