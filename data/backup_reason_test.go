package data

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The backups list showed identical times and no reason for each backup. Every backup's name now
// says why it was made, and the list reads it back; backups named before reasons were still list.
func TestBackupsSayWhyTheyWereMade(t *testing.T) {
	withStore(t, func(s *Store) {
		t0 := time.Date(2026, 11, 26, 19, 0, 0, 0, time.UTC)
		if _, _, err := s.AutoBackup(t0, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.BackupNow(t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.BackupNowFor(t0.Add(2*time.Minute), BackupBeforeImport); err != nil {
			t.Fatal(err)
		}
		if _, err := s.BackupNowFor(t0.Add(2*time.Minute), BackupBeforeImport); err != nil { // the same second
			t.Fatal(err)
		}
		old := filepath.Join(BackupsDir(s.Dir()), "panelprep-20261101T080000Z-2.backup")
		if err := os.WriteFile(old, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		list, err := s.Backups()
		if err != nil {
			t.Fatal(err)
		}
		var got []BackupReason
		for _, b := range list {
			got = append(got, b.Reason)
		}
		want := []BackupReason{BackupBeforeImport, BackupBeforeImport, BackupManual, BackupDaily, ""}
		if len(got) != len(want) {
			t.Fatalf("reasons %q, want %q", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("reasons %q, want %q (newest first)", got, want)
			}
		}
		if list[0].seq != 1 || list[4].Path != old || list[4].seq != 2 {
			t.Errorf("same-second order or an old name lost: %+v", list)
		}
		for _, r := range want[:4] {
			if r.Describe() == "" {
				t.Errorf("%q has no description", r)
			}
		}
	})
}
