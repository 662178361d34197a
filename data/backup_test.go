package data

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// contents is everything a store holds as read through its API.
type contents struct {
	Drafts   []prep.Draft
	Attempts []prep.Attempt
	Sets     []*prep.PracticeSet
	Loop     *prep.Loop
	Stories  []prep.Story
}

// fill writes drafts, attempts, a set and a loop, so a round trip has every kind of record to keep.
func fill(t *testing.T, s *Store) {
	t.Helper()
	base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		if err := s.SaveAttempt(testAttempt(fmt.Sprintf("p%d", i), base.Add(time.Duration(i)*time.Hour), "answer "+strings.Repeat("x", i*100))); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"d1", "d2"} {
		d := prep.Draft{SetID: "s", SetVersion: 1, Prompt: testPrompt(id), Answer: "typing " + id,
			Clock:     prep.ClockState{Phase: 1, Elapsed: []time.Duration{time.Minute, 2 * time.Second}, Started: true},
			StartedAt: base, UpdatedAt: base.Add(time.Minute)}
		if err := s.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.ImportSet(readTestSet(t, "custom-v1.toml")); err != nil {
		t.Fatal(err)
	}
	l := prep.Loop{ID: uuid.New(), StartedAt: base, Slots: []prep.LoopSlot{{Plan: prep.DefaultLoop[0], SetID: "s", PromptID: "p0"}}}
	if err := s.SaveLoop(l); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveStory(testStory(base)); err != nil {
		t.Fatal(err)
	}
}

func readContents(t *testing.T, s *Store) contents {
	t.Helper()
	var c contents
	var err error
	if c.Drafts, err = s.Drafts(); err != nil {
		t.Fatal(err)
	}
	sums, err := s.Attempts()
	if err != nil {
		t.Fatal(err)
	}
	for _, sum := range sums {
		a, err := s.Attempt(sum.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.Attempts = append(c.Attempts, a)
	}
	if c.Sets, err = s.ImportedSets(); err != nil {
		t.Fatal(err)
	}
	if c.Loop, err = s.ActiveLoop(); err != nil {
		t.Fatal(err)
	}
	if c.Stories, err = s.Stories(); err != nil {
		t.Fatal(err)
	}
	return c
}

// rawDump opens the closed store in dir with a raw Badger handle and returns every key and value.
func rawDump(t *testing.T, dir string) map[string]string {
	t.Helper()
	db, err := badger.Open(options(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return dbContents(t, db)
}

// rawUpdate changes the closed store in dir through a raw Badger handle, as damage would.
func rawUpdate(t *testing.T, dir string, fn func(txn *badger.Txn) error) {
	t.Helper()
	db, err := badger.Open(options(dir))
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(fn)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func mustOpen(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestBackupRoundTrip(t *testing.T) {
	src := t.TempDir()
	s := mustOpen(t, src)
	fill(t, s)
	want := readContents(t, s)
	var buf bytes.Buffer
	if err := s.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "x.backup")
	if err := s.BackupToFile(file); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	wantRaw := rawDump(t, src)
	if !strings.HasPrefix(buf.String(), fmt.Sprintf("PANELPREP-BACKUP\nformat 1\nschema %d\n\n", SchemaVersion)) {
		t.Errorf("backup header: %q", buf.String()[:40])
	}
	if info, err := VerifyBackupFile(file, Secret{}); err != nil || info.Schema != SchemaVersion || info.Format != 1 {
		t.Fatalf("VerifyBackupFile: %+v %v", info, err)
	}

	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for name, r := range map[string]io.Reader{
		"stream (copied aside to be checked)": &buf, // a bytes.Buffer cannot seek
		"file (checked, then reread)":         f,
	} {
		t.Run(name, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "restored") // does not exist yet
			if err := restoreIntoEmpty(dst, r); err != nil {
				t.Fatal(err)
			}
			if got := rawDump(t, dst); !reflect.DeepEqual(got, wantRaw) {
				t.Errorf("restored records differ: %d keys, want %d", len(got), len(wantRaw))
			}
			r := mustOpen(t, dst)
			defer r.Close()
			got := readContents(t, r)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("restored store differs:\n got %+v\nwant %+v", got, want)
			}
			if len(got.Attempts) != 3 || len(got.Drafts) != 2 || len(got.Sets) != 1 || got.Loop == nil {
				t.Errorf("restored %d attempts, %d drafts, %d sets, loop %v", len(got.Attempts), len(got.Drafts), len(got.Sets), got.Loop)
			}
			// The restored store takes new writes.
			if err := r.SaveAttempt(testAttempt("p9", time.Now(), "after restore")); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// backupBytes returns a backup of a filled store.
func backupBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	withStore(t, func(s *Store) {
		fill(t, s)
		if err := s.Backup(&buf); err != nil {
			t.Fatal(err)
		}
	})
	return buf.Bytes()
}

func TestRestoreIntoRefusesBadFiles(t *testing.T) {
	good := backupBytes(t)
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x55
	newer := bytes.Replace(good, fmt.Appendf(nil, "schema %d\n", SchemaVersion), fmt.Appendf(nil, "schema %d\n", SchemaVersion+1), 1)
	newerFormat := bytes.Replace(good, []byte("format 1\n"), []byte("format 9\n"), 1)
	cases := []struct {
		name string
		file []byte
		want error
	}{
		{"empty file", nil, ErrNotBackup},
		{"text file", []byte("Dear diary,\nnot a backup\n"), ErrNotBackup},
		{"badger stream without the header", good[strings.Index(string(good), "\n\n")+2:], ErrNotBackup},
		{"cut in the header", good[:20], ErrDamagedBackup},
		{"cut after the header", good[:strings.Index(string(good), "\n\n")+2], ErrDamagedBackup},
		{"cut in the middle", good[:len(good)/2], ErrDamagedBackup},
		{"trailer missing", good[:len(good)-trailerLen], ErrDamagedBackup},
		{"last byte missing", good[:len(good)-1], ErrDamagedBackup},
		{"one byte changed", flipped, ErrDamagedBackup},
		{"newer schema", newer, ErrNewerSchema},
		{"newer file format", newerFormat, ErrNewerSchema},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			missing := filepath.Join(t.TempDir(), "new")
			err := restoreIntoEmpty(missing, bytes.NewReader(c.file))
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if _, serr := os.Stat(missing); !errors.Is(serr, os.ErrNotExist) {
				t.Errorf("a refused restore left %s behind", missing)
			}
			empty := t.TempDir()
			if err := restoreIntoEmpty(empty, bytes.NewBuffer(c.file)); !errors.Is(err, c.want) {
				t.Fatalf("from a stream: got %v, want %v", err, c.want)
			}
			if names := listDir(t, empty); len(names) != 0 {
				t.Errorf("a refused restore left %v in the empty folder", names)
			}
			t.Log(err)
		})
	}
	t.Run("folder not empty", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := restoreIntoEmpty(dir, bytes.NewReader(good)); err == nil || !strings.Contains(err.Error(), "not empty") {
			t.Fatalf("got %v", err)
		}
		if names := listDir(t, dir); !slices.Equal(names, []string{"keep.txt"}) {
			t.Errorf("folder now holds %v", names)
		}
	})
}

// TestRestoreRefusesBadFileAndChangesNothing offers Restore files that are not complete backups
// and checks every key and value, and every folder, is as it was.
func TestRestoreRefusesBadFileAndChangesNothing(t *testing.T) {
	parent := t.TempDir()
	dataDir := filepath.Join(parent, "data")
	s := mustOpen(t, dataDir)
	fill(t, s)
	if _, err := s.BackupNow(time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	before := rawDump(t, dataDir)
	parentBefore, backupsBefore := listDir(t, parent), listDir(t, BackupsDir(dataDir))

	files := t.TempDir()
	bad := map[string][]byte{
		"notes.txt":        []byte("meeting notes\n"),
		"truncated.backup": buf.Bytes()[:buf.Len()-200],
	}
	for name, b := range bad {
		path := filepath.Join(files, name)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Restore(dataDir, path, time.Date(2026, 11, 26, 19, 0, 0, 0, time.UTC), Secret{})
		want := ErrNotBackup
		if name == "truncated.backup" {
			want = ErrDamagedBackup
		}
		if !errors.Is(err, want) || !strings.Contains(err.Error(), "nothing was changed") {
			t.Errorf("%s: got %v, want %v", name, err, want)
		}
		if got := rawDump(t, dataDir); !reflect.DeepEqual(got, before) {
			t.Errorf("%s: the store changed", name)
		}
		if got := listDir(t, parent); !slices.Equal(got, parentBefore) {
			t.Errorf("%s: beside the data folder: %v, was %v", name, got, parentBefore)
		}
		if got := listDir(t, BackupsDir(dataDir)); !slices.Equal(got, backupsBefore) {
			t.Errorf("%s: backups folder: %v, was %v", name, got, backupsBefore)
		}
	}
}

func TestRestoreMovesOldStoreAsideAfterBackingItUp(t *testing.T) {
	parent := t.TempDir()
	dataDir := filepath.Join(parent, "PanelPrep")
	s := mustOpen(t, dataDir)
	fill(t, s)
	early, err := s.BackupNow(time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	snapshot := filepath.Join(t.TempDir(), "snapshot.backup")
	if err := s.BackupToFile(snapshot); err != nil {
		t.Fatal(err)
	}
	restoredWant := readContents(t, s)
	later := testAttempt("later", time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), "written after the snapshot")
	if err := s.SaveAttempt(later); err != nil {
		t.Fatal(err)
	}
	currentWant := readContents(t, s)

	now := time.Date(2026, 11, 26, 19, 0, 0, 0, time.UTC)
	if _, err := Restore(dataDir, snapshot, now, Secret{}); !errors.Is(err, ErrLocked) {
		t.Fatalf("restore while the store is open: got %v, want ErrLocked", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	res, err := Restore(dataDir, snapshot, now, Secret{})
	if err != nil {
		t.Fatal(err)
	}
	wantAside := dataDir + ".before-restore-20261126T190000Z"
	if res.MovedAside != wantAside || res.PreRestoreBackup != filepath.Join(dataDir, "backups", "panelprep-20261126T190000Z-before-restore.backup") {
		t.Errorf("result %+v", res)
	}
	// The data folder holds the snapshot, and the backups folder (older backups included).
	r := mustOpen(t, dataDir)
	got := readContents(t, r)
	backups, err := r.Backups()
	r.Close()
	if !reflect.DeepEqual(got, restoredWant) {
		t.Errorf("restored store differs from the snapshot")
	}
	if err != nil || len(backups) != 2 || backups[0].Path != res.PreRestoreBackup || backups[1].Path != early {
		t.Errorf("backups after restore: %+v %v", backups, err)
	}
	// The old store was moved aside whole, not deleted.
	old := mustOpen(t, res.MovedAside)
	gotOld := readContents(t, old)
	old.Close()
	if !reflect.DeepEqual(gotOld, currentWant) {
		t.Errorf("the store moved aside differs from the store before the restore")
	}
	// The pre-restore backup holds the store as it was, later attempt included.
	pre := filepath.Join(t.TempDir(), "pre")
	f, err := os.Open(res.PreRestoreBackup)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := restoreIntoEmpty(pre, f); err != nil {
		t.Fatal(err)
	}
	p := mustOpen(t, pre)
	defer p.Close()
	if gotPre := readContents(t, p); !reflect.DeepEqual(gotPre, currentWant) {
		t.Errorf("the pre-restore backup differs from the store before the restore")
	}
	// Nothing else was left beside the data folder.
	if names := listDir(t, parent); !slices.Equal(names, []string{"PanelPrep", "PanelPrep.before-restore-20261126T190000Z"}) {
		t.Errorf("beside the data folder: %v", names)
	}
}

func TestRestoreIntoMissingDataDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.backup")
	if err := os.WriteFile(file, backupBytes(t), 0o600); err != nil {
		t.Fatal(err)
	}
	dataDir := filepath.Join(t.TempDir(), "fresh", "PanelPrep")
	res, err := Restore(dataDir, file, time.Now(), Secret{})
	if err != nil || !reflect.DeepEqual(res, RestoreResult{}) {
		t.Fatalf("%+v %v", res, err)
	}
	s := mustOpen(t, dataDir)
	defer s.Close()
	if c := readContents(t, s); len(c.Attempts) != 3 {
		t.Errorf("restored %d attempts, want 3", len(c.Attempts))
	}
}

// Quitting stops the daily backup: a stopped backup ends with ErrBackupStopped and leaves nothing
// in the backups folder, not even its temporary file, so the next launch makes it whole. Both a
// stop before the backup starts and one while Badger is streaming are covered.
func TestAutoBackupStopsWhenTheAppQuits(t *testing.T) {
	withStore(t, func(s *Store) {
		seedStore(t, s, 300)
		now := time.Date(2026, 11, 26, 19, 0, 0, 0, time.UTC)
		stopped := make(chan struct{})
		close(stopped)
		if _, made, err := s.AutoBackup(now, stopped); !errors.Is(err, ErrBackupStopped) || made {
			t.Fatalf("stopped before it started: made %v, %v; want ErrBackupStopped", made, err)
		}
		// Stop it mid-stream: the writer is stopped after its first write gets through.
		stop := make(chan struct{})
		var once sync.Once
		err := s.backupToFileVia(filepath.Join(BackupsDir(s.Dir()), "panelprep-20261126T190000Z.backup"), stop, func(w io.Writer) io.Writer {
			return writerFunc(func(p []byte) (int, error) {
				n, err := w.Write(p)
				once.Do(func() { close(stop) })
				return n, err
			})
		})
		if !errors.Is(err, ErrBackupStopped) {
			t.Fatalf("stopped mid-stream: %v, want ErrBackupStopped", err)
		}
		if left, _ := os.ReadDir(BackupsDir(s.Dir())); len(left) != 0 {
			t.Fatalf("a stopped backup left %d files behind: %v", len(left), left)
		}
		path, made, err := s.AutoBackup(now, nil)
		if err != nil || !made {
			t.Fatalf("the next try: %v %v", made, err)
		}
		if _, err := VerifyBackupFile(path, Secret{}); err != nil {
			t.Fatal(err)
		}
	})
}

// writerFunc is a function as an io.Writer.
type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestAutoBackupOnlyWhenADayOld(t *testing.T) {
	withStore(t, func(s *Store) {
		t0 := time.Date(2026, 11, 26, 19, 0, 0, 0, time.UTC)
		path, made, err := s.AutoBackup(t0, nil)
		if err != nil || !made || filepath.Base(path) != "panelprep-20261126T190000Z-daily.backup" {
			t.Fatalf("first: %q %v %v", path, made, err)
		}
		if got, made, err := s.AutoBackup(t0.Add(23*time.Hour+59*time.Minute), nil); err != nil || made || got != path {
			t.Fatalf("23h59m later: %q %v %v, want no new backup", got, made, err)
		}
		next, made, err := s.AutoBackup(t0.Add(24*time.Hour), nil)
		if err != nil || !made || filepath.Base(next) != "panelprep-20261127T190000Z-daily.backup" {
			t.Fatalf("24h later: %q %v %v", next, made, err)
		}
		// A backup dated in the future (a clock that was wrong) does not stop backups now.
		future := filepath.Join(BackupsDir(s.Dir()), "panelprep-20300101T000000Z.backup")
		if err := os.WriteFile(future, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, made, err := s.AutoBackup(t0.Add(72*time.Hour), nil); err != nil || !made {
			t.Fatalf("with a future-dated backup: %v %v", made, err)
		}
		list, err := s.Backups()
		if err != nil || len(list) != 4 || list[0].Path != future || list[3].Path != path || list[3].Size == 0 {
			t.Fatalf("list %+v %v", list, err)
		}
		if _, err := VerifyBackupFile(next, Secret{}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestBackupNowSameSecond(t *testing.T) {
	withStore(t, func(s *Store) {
		now := time.Date(2026, 11, 26, 19, 0, 0, 0, time.UTC)
		a, err := s.BackupNow(now)
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.BackupNow(now)
		if err != nil || a == b || filepath.Base(b) != "panelprep-20261126T190000Z-1-manual.backup" {
			t.Fatalf("%q %q %v", a, b, err)
		}
		list, _ := s.Backups()
		if len(list) != 2 || list[0].Path != b {
			t.Fatalf("newest first: %+v", list)
		}
		if names := listDir(t, BackupsDir(s.Dir())); len(names) != 2 {
			t.Errorf("temporary files left: %v", names)
		}
	})
}

func TestPruneKeepsDailyAndWeekly(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 26, 19, 0, 0, 0, time.UTC) // a Thursday
	touch := func(name string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// A backup at 19:00 every day for 100 days, two extra ones on two days, one from the future,
	// and files that are not backups.
	for d := range 100 {
		touch("panelprep-" + now.AddDate(0, 0, -d).Format(backupStamp) + ".backup")
	}
	touch("panelprep-20261126T090000Z.backup")
	touch("panelprep-20261125T080000Z-1.backup")
	touch("panelprep-20301231T000000Z.backup")
	touch("notes.txt")
	touch("panelprep-latest.backup")

	deleted, err := Prune(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"notes.txt",
		"panelprep-20261011T190000Z.backup", // Sundays ending the 6 weeks before last week
		"panelprep-20261018T190000Z.backup",
		"panelprep-20261025T190000Z.backup",
		"panelprep-20261101T190000Z.backup",
		"panelprep-20261108T190000Z.backup",
		"panelprep-20261115T190000Z.backup",
		"panelprep-20261120T190000Z.backup", // the last 7 days, newest of each
		"panelprep-20261121T190000Z.backup",
		"panelprep-20261122T190000Z.backup", // also last week's newest
		"panelprep-20261123T190000Z.backup",
		"panelprep-20261124T190000Z.backup",
		"panelprep-20261125T190000Z.backup",
		"panelprep-20261126T190000Z.backup", // today's newest, this week's newest
		"panelprep-20301231T000000Z.backup", // dated after now: kept
		"panelprep-latest.backup",
	}
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Errorf("survivors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(deleted) != 100+2-13 {
		t.Errorf("deleted %d, want %d", len(deleted), 100+2-13)
	}
	for _, d := range deleted {
		if slices.Contains(want, filepath.Base(d)) {
			t.Errorf("deleted %s, which it keeps", d)
		}
	}
	if again, err := Prune(dir, now); err != nil || len(again) != 0 {
		t.Errorf("a second prune deleted %v (%v)", again, err)
	}
	// The newest backup is kept even when it is older than every window (and one from the future
	// does not count as the newest).
	if _, err := Prune(dir, now.AddDate(2, 0, 0)); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, dir); !slices.Equal(got, []string{"notes.txt", "panelprep-20261126T190000Z.backup", "panelprep-20301231T000000Z.backup", "panelprep-latest.backup"}) {
		t.Errorf("two years later: %v", got)
	}
}

// TestPruneDailyForMonths runs a daily backup and prune for 150 days of fake time and checks the
// folder settles at one backup per day for a week and one per week for two months.
func TestPruneDailyForMonths(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 6, 1, 19, 0, 0, 0, time.UTC)
	var now time.Time
	for d := range 150 {
		now = start.AddDate(0, 0, d)
		if err := os.WriteFile(filepath.Join(dir, "panelprep-"+now.Format(backupStamp)+".backup"), nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Prune(dir, now); err != nil {
			t.Fatal(err)
		}
	}
	list, err := ListBackups(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) > keepDaily+keepWeekly {
		t.Errorf("%d backups kept, want at most %d", len(list), keepDaily+keepWeekly)
	}
	for d := range 7 {
		if !list[d].Time.Equal(now.AddDate(0, 0, -d)) {
			t.Errorf("backup %d is from %s, want one a day for the last week", d, list[d].Time)
		}
	}
	weeks := map[int64]bool{}
	for _, b := range list {
		weeks[weekNumber(dayNumber(b.Time))] = true
	}
	for w := range int64(keepWeekly) {
		if !weeks[weekNumber(dayNumber(now))-w] {
			t.Errorf("no backup from %d weeks ago", w)
		}
	}
	if oldest := now.Sub(list[len(list)-1].Time); oldest < 6*7*24*time.Hour {
		t.Errorf("oldest backup is %s old, want about two months", oldest)
	}
}

func TestPruneRemovesStaleTempFiles(t *testing.T) {
	dir := t.TempDir()
	stale, fresh := filepath.Join(dir, ".panelprep-1.tmp"), filepath.Join(dir, ".panelprep-2.tmp")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	if err := os.Chtimes(stale, now.Add(-48*time.Hour), now.Add(-48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	deleted, err := Prune(dir, now)
	if err != nil || !slices.Equal(deleted, []string{stale}) {
		t.Fatalf("deleted %v (%v), want only the stale temporary file", deleted, err)
	}
}

// TestBackupsFolderIsHarmlessToBadger checks that a backups folder inside Badger's directory does not
// disturb opening, writing, value-log GC or closing.
func TestBackupsFolderIsHarmlessToBadger(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir)
	fill(t, s)
	for d := range 3 {
		if _, err := s.BackupNow(time.Date(2026, 11, 20+d, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
	}
	want := readContents(t, s)
	s.Close()
	for range 2 {
		s = mustOpen(t, dir)
		if err := s.SaveDraft(prep.Draft{Prompt: testPrompt("again")}); err != nil {
			t.Fatal(err)
		}
		if err := s.db.RunValueLogGC(0.5); err != nil && !errors.Is(err, badger.ErrNoRewrite) {
			t.Fatal(err)
		}
		if err := s.DeleteDraft("again"); err != nil {
			t.Fatal(err)
		}
		if got := readContents(t, s); !reflect.DeepEqual(got, want) {
			t.Errorf("store changed with a backups folder beside it")
		}
		if list, err := s.Backups(); err != nil || len(list) != 3 {
			t.Errorf("backups %+v %v", list, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// BenchmarkBackup1000 backs up and restores a store of 1,000 attempts with 2 KB answers.
func BenchmarkBackup1000(b *testing.B) {
	src := b.TempDir()
	s, err := Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	answer := strings.Repeat("We split the ledger from the authorisation path. ", 42)[:2048]
	base := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range 1000 {
		if err := s.SaveAttempt(testAttempt(fmt.Sprintf("p%d", i%40), base.Add(time.Duration(i)*time.Hour), answer)); err != nil {
			b.Fatal(err)
		}
	}
	file := filepath.Join(b.TempDir(), "bench.backup")
	b.Run("backup", func(b *testing.B) {
		for b.Loop() {
			if err := s.BackupToFile(file); err != nil {
				b.Fatal(err)
			}
		}
		if info, err := os.Stat(file); err == nil {
			b.ReportMetric(float64(info.Size())/1e6, "MB")
		}
	})
	b.Run("restore", func(b *testing.B) {
		root := b.TempDir()
		n := 0
		for b.Loop() {
			f, err := os.Open(file)
			if err != nil {
				b.Fatal(err)
			}
			dst := filepath.Join(root, fmt.Sprint(n))
			n++
			err = restoreIntoEmpty(dst, f)
			f.Close()
			if err != nil {
				b.Fatal(err)
			}
			os.RemoveAll(dst)
		}
	})
	// verify is one check of the whole file, the floor of what Restore adds to the stream restore
	// above: Restore verifies the file once before it touches anything, then loads it.
	b.Run("verify", func(b *testing.B) {
		for b.Loop() {
			if _, err := VerifyBackupFile(file, Secret{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Restore-new-folder", func(b *testing.B) {
		root := b.TempDir()
		n := 0
		for b.Loop() {
			dst := filepath.Join(root, fmt.Sprint(n))
			n++
			if _, err := Restore(dst, file, base, Secret{}); err != nil {
				b.Fatal(err)
			}
			os.RemoveAll(dst)
		}
	})
}

// TestRestoreOlderSchemaBackup restores a backup taken from a schema-1 store (attempts without
// summary records) and checks Open migrates it.
func TestRestoreOlderSchemaBackup(t *testing.T) {
	old := t.TempDir()
	a := testAttempt("p1", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), "from schema 1")
	db, err := badger.Open(options(old))
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(txn *badger.Txn) error {
		entries := attemptEntries(&a)[:2] // the record and its index; schema 1 had no summaries
		entries = append(entries, [2][]byte{schemaKind.prefix, {0, 0, 0, 1}})
		for _, kv := range entries {
			if err := txn.Set(kv[0], kv[1]); err != nil {
				return err
			}
		}
		return nil
	})
	var buf bytes.Buffer
	if err == nil {
		err = (&Store{db: db, dir: old}).Backup(&buf)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String()[:60], "\nschema 1\n") {
		t.Fatalf("header: %q", buf.String()[:60])
	}
	dst := filepath.Join(t.TempDir(), "restored")
	if err := restoreIntoEmpty(dst, &buf); err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t, dst)
	defer s.Close()
	list, err := s.Attempts()
	if err != nil || len(list) != 1 || list[0].ID != a.ID {
		t.Fatalf("after migration: %+v %v", list, err)
	}
	if rep, err := s.Check(false); err != nil || len(rep.Problems) != 0 {
		t.Errorf("check after migration: %v\n%s", err, rep)
	}
}

// restoreIntoEmpty restores a plain backup read from r into dir, empty or missing.
func restoreIntoEmpty(dir string, r io.Reader) error {
	_, err := restoreStream(dir, r, Secret{})
	return err
}

// TestPruneKeepsManualBackups: a backup the user made stays when a later backup of the same day
// (the daily one, one before an import) takes the day's slot; only beyond the newest keepManual of
// them does the daily and weekly rule thin them out.
func TestPruneKeepsManualBackups(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 26, 19, 0, 0, 0, time.UTC)
	touch := func(name string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	touch("panelprep-20261126T080000Z-daily.backup")
	touch("panelprep-20261126T120000Z-manual.backup")
	touch("panelprep-20261126T150000Z-before-import.backup")
	if _, err := Prune(dir, now); err != nil {
		t.Fatal(err)
	}
	want := []string{"panelprep-20261126T120000Z-manual.backup", "panelprep-20261126T150000Z-before-import.backup"}
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Fatalf("survivors %v, want %v (the manual backup and the day's newest)", got, want)
	}

	// One manual backup a day at noon for 30 days, beside the daily ones at 08:00: the newest
	// keepManual manual backups stay whatever their age; older ones only where they are the
	// newest of a week being kept.
	dir = t.TempDir()
	for d := range 30 {
		day := now.AddDate(0, 0, -d)
		touch("panelprep-" + day.Add(-11*time.Hour).Format(backupStamp) + "-daily.backup")
		touch("panelprep-" + day.Add(-7*time.Hour).Format(backupStamp) + "-manual.backup")
	}
	if _, err := Prune(dir, now); err != nil {
		t.Fatal(err)
	}
	list, err := ListBackups(dir)
	if err != nil {
		t.Fatal(err)
	}
	manual := 0
	for _, b := range list {
		if b.Reason == BackupManual {
			manual++
		}
	}
	for d := range keepManual {
		name := "panelprep-" + now.AddDate(0, 0, -d).Add(-7*time.Hour).Format(backupStamp) + "-manual.backup"
		if !slices.Contains(listDir(t, dir), name) {
			t.Errorf("manual backup %s was pruned; the newest %d are kept", name, keepManual)
		}
	}
	// Days 10 to 29 hold 20 manual backups; of those, only the newest of each earlier week stays.
	if manual >= 30 || manual < keepManual {
		t.Errorf("%d manual backups kept, want the newest %d and the weekly ones", manual, keepManual)
	}
}
