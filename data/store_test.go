package data

import (
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
	"go.uber.org/goleak"

	"github.com/panelprep/panelprep/prep"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// withStore opens a real Badger store in a fresh temporary directory for the test.
func withStore(t *testing.T, fn func(s *Store)) {
	t.Helper()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	}()
	fn(s)
}

func testPrompt(id string) prep.Prompt {
	return prep.Prompt{
		ID: id, Round: prep.Leadership, Level: prep.LevelDirector, Context: prep.ContextSaaS,
		Title: "Prompt " + id, Minutes: 30, Scenario: "A team is missing a deadline.",
		Phases: []prep.Phase{{Name: "Situation", Minutes: 10}, {Name: "Actions", Minutes: 20}},
		Rubric: []prep.Criterion{{Name: "Ownership", Anchor1: "a", Anchor2: "b", Anchor3: "c", Anchor4: "d"}},
	}
}

func testAttempt(promptID string, finished time.Time, answer string) prep.Attempt {
	return prep.Attempt{
		ID: uuid.New(), SetID: "s", SetVersion: 1, Prompt: testPrompt(promptID), Answer: answer,
		PhaseTimes: []prep.PhaseTime{{Name: "Situation", Budget: 10 * time.Minute, Used: 7 * time.Minute}},
		Scores:     []prep.Score{{Criterion: "Ownership", Value: 3}},
		Reflection: "Too long on context.", StartedAt: finished.Add(-30 * time.Minute), FinishedAt: finished,
	}
}

func TestDraftRoundTrip(t *testing.T) {
	withStore(t, func(s *Store) {
		d := prep.Draft{
			SetID: "s", SetVersion: 2, Prompt: testPrompt("p1"), Answer: "First, I would meet the EM.",
			Clock:     prep.ClockState{Phase: 1, Elapsed: []time.Duration{5 * time.Minute, 90 * time.Second}, Started: true, Running: true},
			StartedAt: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 11, 1, 9, 7, 0, 0, time.UTC),
		}
		if err := s.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
		older := d
		older.Prompt = testPrompt("p0")
		older.UpdatedAt = d.UpdatedAt.Add(-time.Hour)
		if err := s.SaveDraft(older); err != nil {
			t.Fatal(err)
		}
		got, err := s.Drafts()
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Prompt.ID != "p1" || got[1].Prompt.ID != "p0" {
			t.Fatalf("drafts not newest first: %+v", got)
		}
		if got[0].Answer != d.Answer || got[0].Clock.Elapsed[1] != 90*time.Second || got[0].Clock.Phase != 1 {
			t.Errorf("draft changed in the round trip: %+v", got[0])
		}
		if err := s.DeleteDraft("p1"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Drafts(); len(got) != 1 {
			t.Errorf("after delete: %d drafts, want 1", len(got))
		}
	})
}

func TestAttemptsKeptNewestFirst(t *testing.T) {
	withStore(t, func(s *Store) {
		if has, err := s.HasAttempts(); err != nil || has {
			t.Fatalf("new store: HasAttempts %v, %v", has, err)
		}
		if err := s.SaveDraft(prep.Draft{Prompt: testAttempt("p1", time.Now(), "").Prompt, Answer: "only a draft"}); err != nil {
			t.Fatal(err)
		}
		if has, err := s.HasAttempts(); err != nil || has {
			t.Fatalf("a draft is not an attempt: HasAttempts %v, %v", has, err)
		}
		base := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
		var ids []uuid.UUID
		for i := 0; i < 3; i++ {
			a := testAttempt("p1", base.Add(time.Duration(i)*24*time.Hour), "answer "+string(rune('A'+i)))
			if err := s.SaveDraft(prep.Draft{Prompt: a.Prompt, Answer: "draft"}); err != nil {
				t.Fatal(err)
			}
			if err := s.SaveAttempt(a); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		if has, err := s.HasAttempts(); err != nil || !has {
			t.Fatalf("after saving: HasAttempts %v, %v", has, err)
		}
		list, err := s.Attempts()
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 3 {
			t.Fatalf("got %d attempts, want 3: earlier attempts of the same prompt must be kept", len(list))
		}
		for i, sum := range list {
			if sum.ID != ids[2-i] {
				t.Errorf("position %d: got %s, want %s (newest first)", i, sum.ID, ids[2-i])
			}
		}
		a, err := s.Attempt(ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if a.Answer != "answer A" || a.Scores[0].Value != 3 || a.PhaseTimes[0].Used != 7*time.Minute || a.Reflection == "" {
			t.Errorf("attempt changed in the round trip: %+v", a)
		}
		if d, _ := s.Drafts(); len(d) != 0 {
			t.Errorf("saving the attempt left %d drafts behind", len(d))
		}
		if _, err := s.Attempt(uuid.New()); !errors.Is(err, prep.ErrNotFound) {
			t.Errorf("unknown ID: got %v, want ErrNotFound", err)
		}
	})
}

func TestAttemptNeverOverwritten(t *testing.T) {
	withStore(t, func(s *Store) {
		a := testAttempt("p1", time.Now(), "original")
		if err := s.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
		b := a
		b.Answer = "replacement"
		if err := s.SaveAttempt(b); err == nil {
			t.Fatal("saving an attempt with an existing ID succeeded")
		}
		got, _ := s.Attempt(a.ID)
		if got.Answer != "original" {
			t.Errorf("answer is %q, want the original", got.Answer)
		}
	})
}

func TestEmptyAnswerRoundTrips(t *testing.T) {
	withStore(t, func(s *Store) {
		a := testAttempt("p1", time.Now(), "")
		if err := s.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
		got, err := s.Attempt(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Answer != "" || got.ID != a.ID {
			t.Errorf("got %+v", got)
		}
		if err := s.SaveDraft(prep.Draft{Prompt: testPrompt("p2")}); err != nil {
			t.Fatal(err)
		}
		d, _ := s.Drafts()
		if len(d) != 1 || d[0].Answer != "" {
			t.Errorf("empty draft: %+v", d)
		}
	})
}

func TestSecondOpenIsLocked(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a := testAttempt("p1", time.Now(), "kept")
	if err := s.SaveAttempt(a); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: got %v, want ErrLocked", err)
	}
	// The first store is unharmed by the refused second open.
	if got, err := s.Attempt(a.ID); err != nil || got.Answer != "kept" {
		t.Errorf("first store after refused open: %v %+v", err, got)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	dir := t.TempDir()
	db, err := badger.Open(options(dir))
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(txn *badger.Txn) error {
		return txn.Set(schemaKind.prefix, binary.BigEndian.AppendUint32(nil, SchemaVersion+1))
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(dir)
	if !errors.Is(err, ErrNewerSchema) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("got %v, want ErrNewerSchema", err)
	}
	t.Log(err)
}

func TestSchemaWrittenOnFirstOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := badger.Open(options(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(schemaKind.prefix)
		if err != nil {
			return err
		}
		v, err := item.ValueCopy(nil)
		if err == nil && binary.BigEndian.Uint32(v) != SchemaVersion {
			t.Errorf("schema version %d, want %d", binary.BigEndian.Uint32(v), SchemaVersion)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestUnwritableDataDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	if os.Geteuid() == 0 {
		// Root ignores permission bits; /proc is a filesystem nobody can create directories in.
		dir = "/proc/panelprep-test-data"
	}
	_, err := Open(dir)
	if !errors.Is(err, ErrDataDir) {
		t.Fatalf("got %v, want ErrDataDir", err)
	}
	t.Log(err)
}

func TestDataDirIsAFile(t *testing.T) {
	f := t.TempDir() + "/not-a-dir"
	if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(f)
	if !errors.Is(err, ErrDataDir) {
		t.Fatalf("got %v, want ErrDataDir", err)
	}
	t.Log(err)
}

// TestOpensAfterKillDuringOpen recreates what a process killed while Badger opens leaves behind:
// empty value-log and memtable files. The store must open, with its data.
func TestOpensAfterKillDuringOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := testAttempt("p1", time.Now(), "survives")
	if err := s.SaveAttempt(a); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"000099.vlog", "000099.mem"} {
		if err := os.WriteFile(dir+"/"+name, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s, err = Open(dir)
	if err != nil {
		t.Fatalf("open after an interrupted open: %v", err)
	}
	defer s.Close()
	if got, err := s.Attempt(a.ID); err != nil || got.Answer != "survives" {
		t.Errorf("attempt after recovery: %v %+v", err, got)
	}
}

// writeOldStore writes, with Badger directly, a store of an older schema: what fill writes, and
// the schema version record.
func writeOldStore(t *testing.T, dir string, schema uint32, fill func(txn *badger.Txn) error) {
	t.Helper()
	db, err := badger.Open(options(dir))
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(txn *badger.Txn) error {
		if err := fill(txn); err != nil {
			return err
		}
		return txn.Set(schemaKind.prefix, binary.BigEndian.AppendUint32(nil, schema))
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestMigratesSchema1 opens a store written by schema 1 (attempts without summary records) and
// finds its attempts listed after the upgrade.
func TestMigratesSchema1(t *testing.T) {
	dir := t.TempDir()
	a := testAttempt("p1", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), "from schema 1")
	writeOldStore(t, dir, 1, func(txn *badger.Txn) error {
		for _, kv := range attemptEntries(&a)[:2] { // the record and its index: what schema 1 wrote
			if err := txn.Set(kv[0], kv[1]); err != nil {
				return err
			}
		}
		return nil
	})
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.Attempts()
	if err != nil || len(list) != 1 || list[0].ID != a.ID || list[0].Average != 3 || len(list[0].PhaseTimes) != 1 {
		t.Fatalf("after migration: %+v (%v)", list, err)
	}
	docs, err := s.SearchDocs()
	if err != nil || len(docs) != 1 || docs[0].ID != a.ID || docs[0].Fields[0] != "from schema 1" {
		t.Fatalf("search texts after migration: %+v (%v)", docs, err)
	}
}

// A schema 2 store (summaries, no search texts) gains a search text for every attempt on open; an
// attempt that does not decode gets none and does not stop the upgrade: the store opens, and the
// check reports it for repair.
func TestMigratesSchema2WithADamagedAttempt(t *testing.T) {
	dir := t.TempDir()
	good := testAttempt("p1", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), "kept through the upgrade")
	bad := testAttempt("p1", time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), "lost to a bad sector")
	writeOldStore(t, dir, 2, func(txn *badger.Txn) error {
		for _, a := range []*prep.Attempt{&good, &bad} {
			for _, kv := range attemptEntries(a)[:3] { // record, index, summary: what schema 2 wrote
				if err := txn.Set(kv[0], kv[1]); err != nil {
					return err
				}
			}
		}
		return txn.Set(attemptKey(&bad), []byte("{\"id\": tru"))
	})
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("a damaged attempt stopped the upgrade: %v", err)
	}
	defer s.Close()
	docs, err := s.SearchDocs()
	if err != nil || len(docs) != 1 || docs[0].ID != good.ID || docs[0].Fields[0] != "kept through the upgrade" {
		t.Fatalf("search texts after migration: %+v (%v)", docs, err)
	}
	rep, err := s.Check(false)
	if err != nil || !strings.Contains(rep.String(), DisplayKey(attemptKey(&bad))+": cannot be decoded") {
		t.Errorf("the check does not report the damaged attempt: %v\n%s", err, rep)
	}
}
