package ui

import (
	"strings"
	"testing"
	"time"

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

// The backups list showed two backups of the same minute as identical lines, and never why a
// backup was made.
func TestBackupLineSaysWhenToTheSecondAndWhy(t *testing.T) {
	at := time.Date(2026, 11, 26, 19, 0, 5, 0, time.Local)
	a := backupLine(BackupEntry{Path: "/b/panelprep-1-daily.backup", Time: at, Size: 2048, Why: "daily"})
	b := backupLine(BackupEntry{Path: "/b/panelprep-2.backup", Time: at.Add(30 * time.Second), Size: 2048})
	if !strings.Contains(a, "19:00:05") || !strings.Contains(a, "daily") {
		t.Errorf("backup line %q lacks the second or the reason", a)
	}
	if !strings.Contains(b, "19:00:35") || !strings.Contains(b, "reason not recorded") {
		t.Errorf("backup line %q", b)
	}
}
