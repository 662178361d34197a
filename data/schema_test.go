package data

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/panelprep/panelprep/prep"
)

// allRecords reads every key and value of the Badger store in dir, opened directly.
func allRecords(t *testing.T, dir string) map[string]string {
	t.Helper()
	db, err := badger.Open(options(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]string{}
	err = db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			out[string(it.Item().KeyCopy(nil))] = string(v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func schemaOf(records map[string]string) uint32 {
	v := records[string(schemaKind.prefix)]
	if len(v) != 4 {
		return 0
	}
	return binary.BigEndian.Uint32([]byte(v))
}

// Story records were added while the schema stayed at 4, so a PanelPrep reading up to 4 opened a
// store holding them and counted them as unknown. The schema is now 5: a schema 4 store, stories
// and comments included as this code wrote them, opens and is recorded as 5, every record kept.
func TestSchema4StoreWithStoriesIsMigrated(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	a := testAttempt("p1", day, "an answer from schema 4")
	st := prep.NewStory(day)
	st.Title, st.Competencies = "Replacing the payments EM", []string{"delivery"}
	c, err := prep.NewStoryComment(&st, "Sam", "Lead with the figure.", day.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	writeOldStore(t, dir, 4, func(txn *badger.Txn) error {
		entries := attemptEntries(&a)
		sv, err := json.Marshal(st)
		if err != nil {
			return err
		}
		cv, err := json.Marshal(c)
		if err != nil {
			return err
		}
		entries = append(entries, [2][]byte{storyKey(st.ID), sv}, [2][]byte{storyCommentKey(st.ID, c.ID), cv})
		for _, kv := range entries {
			if err := txn.Set(kv[0], kv[1]); err != nil {
				return err
			}
		}
		return nil
	})
	before := allRecords(t, dir)
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	stories, err := s.Stories()
	if err != nil || len(stories) != 1 || stories[0].Title != st.Title {
		t.Errorf("stories after the upgrade: %+v (%v)", stories, err)
	}
	if cs, err := s.StoryComments(st.ID); err != nil || len(cs) != 1 || cs[0].Comment != c.Comment {
		t.Errorf("comments after the upgrade: %+v (%v)", cs, err)
	}
	if got, err := s.Attempt(a.ID); err != nil || got.Answer != a.Answer {
		t.Errorf("the attempt after the upgrade: %v", err)
	}
	if rep, err := s.Check(false); err != nil || len(rep.Problems) != 0 {
		t.Errorf("check after the upgrade: %v\n%s", err, rep)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	after := allRecords(t, dir)
	if got := schemaOf(after); got != 5 || SchemaVersion != 5 {
		t.Fatalf("schema %d after opening, want 5", got)
	}
	delete(before, string(schemaKind.prefix))
	delete(after, string(schemaKind.prefix))
	if !maps.Equal(before, after) {
		t.Errorf("the upgrade changed records: %d before, %d after", len(before), len(after))
	}
}

// A store written by a newer PanelPrep is refused with a message that says which folder, which
// versions, what to do, and that nothing was changed; and nothing is: every record, the schema
// number included, is as it was.
func TestNewerSchemaStoreRefusedAndUnchanged(t *testing.T) {
	dir := t.TempDir()
	newer := uint32(SchemaVersion + 1)
	writeOldStore(t, dir, newer, func(txn *badger.Txn) error {
		return txn.Set([]byte("kind-from-the-future/1"), []byte("a record this version does not know"))
	})
	before := allRecords(t, dir)
	s, err := Open(dir)
	if err == nil {
		s.Close()
		t.Fatal("a store of a newer schema was opened")
	}
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("got %v, want ErrNewerSchema", err)
	}
	for _, want := range []string{dir, fmt.Sprintf("schema version %d", newer), fmt.Sprintf("reads up to %d", SchemaVersion),
		"install the newer PanelPrep", "the data was not changed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the message %q does not say %q", err, want)
		}
	}
	if after := allRecords(t, dir); !maps.Equal(before, after) || schemaOf(after) != newer {
		t.Errorf("the refused store changed: schema %d, %d records before, %d after", schemaOf(after), len(before), len(after))
	}
}
