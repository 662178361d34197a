package data

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

func TestCheckCleanStore(t *testing.T) {
	withStore(t, func(s *Store) {
		rep, err := s.Check(false)
		if err != nil || !rep.Clean() || len(rep.Problems) != 0 {
			t.Fatalf("empty store: %v\n%s", err, rep)
		}
		fill(t, s)
		rep, err = s.Check(true)
		if err != nil || !rep.Clean() || len(rep.Problems) != 0 {
			t.Fatalf("filled store: %v\n%s", err, rep)
		}
		want := map[string]int{KindMeta: 1, KindDraft: 2, KindAttempt: 3, KindAttemptID: 3, KindSummary: 3, KindText: 3, KindSet: 1, KindLoop: 1, KindStory: 1}
		for _, c := range rep.Counts {
			if c.Records != want[c.Kind] {
				t.Errorf("%s: %d records, want %d", c.Kind, c.Records, want[c.Kind])
			}
		}
		if !strings.Contains(rep.String(), "ok: no problems found") {
			t.Errorf("report:\n%s", rep)
		}
	})
}

// problemKeys lists the display keys of a report's problems, by kind.
func problemKeys(r Report) map[string][]string {
	out := map[string][]string{}
	for _, p := range r.Problems {
		out[p.Kind] = append(out[p.Kind], DisplayKey(p.Key))
	}
	return out
}

// TestCheckRepairsDamage damages a closed store through a raw Badger handle (garbage under an
// attempt's key, an index entry removed, a draft, a set and a loop that do not decode), then checks
// that Check reports it all, that Check(true) fixes the index and sets the garbage aside with its
// bytes, and that the store then checks clean.
func TestCheckRepairsDamage(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir)
	base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	var attempts []prep.Attempt
	for i := range 3 {
		a := testAttempt("p", base.Add(time.Duration(i)*time.Hour), "answer")
		if err := s.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
		attempts = append(attempts, a)
	}
	fill(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	garbled, unindexed := attempts[0], attempts[1]
	garbage := []byte("\x00\x01{not json at all")
	brokenLoop := uuid.New()
	rawUpdate(t, dir, func(txn *badger.Txn) error {
		for _, kv := range [][2][]byte{
			{attemptKey(&garbled), garbage},
			{draftKey("broken"), []byte("{")},
			{setKey("broken"), []byte("[]")},
			{loopKey(brokenLoop), []byte("null-ish")},
		} {
			if err := txn.Set(kv[0], kv[1]); err != nil {
				return err
			}
		}
		return txn.Delete(attemptIDKey(unindexed.ID))
	})
	before := rawDump(t, dir)

	s = mustOpen(t, dir)
	defer s.Close()
	if _, err := s.Attempt(unindexed.ID); !errors.Is(err, prep.ErrNotFound) {
		t.Fatalf("the damage did not take: %v", err)
	}
	rep, err := s.Check(false)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("before repair:\n%s", rep)
	got := problemKeys(rep)
	want := map[string][]string{
		KindDraft:     {"draft/broken"},
		KindAttempt:   {DisplayKey(attemptKey(&garbled)), DisplayKey(attemptKey(&unindexed))},
		KindAttemptID: {DisplayKey(attemptIDKey(garbled.ID))},
		KindSummary:   {DisplayKey(summaryKey(attemptKey(&garbled)))},
		KindText:      {DisplayKey(searchTextKey(attemptKey(&garbled)))},
		KindSet:       {"set/broken"},
		KindLoop:      {"loop/" + brokenLoop.String()},
	}
	for kind, keys := range want {
		if strings.Join(got[kind], " ") != strings.Join(keys, " ") {
			t.Errorf("%s problems: %v, want %v", kind, got[kind], keys)
		}
	}
	if rep.Clean() || rep.Remaining() != 8 {
		t.Errorf("%d problems remain, want 8", rep.Remaining())
	}
	for _, p := range rep.Problems {
		if p.Fix == "" || p.Repaired {
			t.Errorf("problem %s: want a fix not yet made", p)
		}
	}
	if !strings.Contains(rep.String(), "8 problems remain; 8 can be repaired with check --repair") {
		t.Errorf("report:\n%s", rep)
	}
	s.Close()
	if after := rawDump(t, dir); !mapsEqual(after, before) {
		t.Fatal("Check(false) changed the store")
	}

	s = mustOpen(t, dir)
	defer s.Close()
	rep, err = s.Check(true)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("repair:\n%s", rep)
	if !rep.Clean() || len(rep.Problems) != 8 || !strings.Contains(rep.String(), "ok: repaired 8 problems") {
		t.Errorf("after repair:\n%s", rep)
	}
	rep, err = s.Check(false)
	if err != nil || !rep.Clean() || len(rep.Problems) != 0 {
		t.Fatalf("check after repair: %v\n%s", err, rep)
	}
	for _, c := range rep.Counts {
		if c.Kind == KindDamaged && c.Records != 6 {
			t.Errorf("%d records set aside, want 6 (attempt, summary, search text, draft, set, loop)", c.Records)
		}
	}
	// The index works again, the garbled attempt is gone from history, and its bytes are kept.
	if a, err := s.Attempt(unindexed.ID); err != nil || a.Answer != "answer" {
		t.Errorf("re-indexed attempt: %v %+v", err, a)
	}
	if _, err := s.Attempt(garbled.ID); !errors.Is(err, prep.ErrNotFound) {
		t.Errorf("garbled attempt: %v, want not found", err)
	}
	list, err := s.Attempts()
	if err != nil || len(list) != 5 {
		t.Errorf("history: %d attempts (%v), want 5", len(list), err)
	}
	if _, err := s.Drafts(); err != nil {
		t.Errorf("drafts after repair: %v", err)
	}
	if _, err := s.ImportedSets(); err != nil {
		t.Errorf("sets after repair: %v", err)
	}
	if _, err := s.ActiveLoop(); err != nil {
		t.Errorf("loops after repair: %v", err)
	}
	s.Close()
	found := false
	for k, v := range rawDump(t, dir) {
		if strings.HasPrefix(k, "damaged/") && strings.HasSuffix(k, string(attemptKey(&garbled))) {
			found = v == string(garbage)
		}
	}
	if !found {
		t.Error("the garbled attempt's bytes are not kept under damaged/")
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestCheckStaleIndexAndSummary points an index entry at the wrong attempt and changes a summary,
// and checks both are rebuilt from the attempts.
func TestCheckStaleIndexSummaryAndSearchText(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir)
	a := testAttempt("p", time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC), "a")
	b := testAttempt("p", time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), "b")
	for _, x := range []prep.Attempt{a, b} {
		if err := s.SaveAttempt(x); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	orphan := uuid.New()
	rawUpdate(t, dir, func(txn *badger.Txn) error {
		if err := txn.Set(attemptIDKey(a.ID), attemptKey(&b)); err != nil {
			return err
		}
		if err := txn.Set(attemptIDKey(orphan), []byte("attempt/nowhere")); err != nil {
			return err
		}
		other := b.Summary()
		other.PromptTitle = "Changed behind PanelPrep's back"
		if err := txn.Set(summaryKey(attemptKey(&b)), encodeSummary(other)); err != nil {
			return err
		}
		text := b.SearchDoc()
		text.Fields[0] = "words the attempt never had"
		if err := txn.Set(searchTextKey(attemptKey(&b)), encodeSearchText(text)); err != nil {
			return err
		}
		return txn.Delete(searchTextKey(attemptKey(&a)))
	})
	s = mustOpen(t, dir)
	defer s.Close()
	rep, err := s.Check(true)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", rep)
	if len(rep.Problems) != 5 || !rep.Clean() {
		t.Fatalf("want 5 problems, all repaired:\n%s", rep)
	}
	for _, want := range []string{
		DisplayKey(searchTextKey(attemptKey(&b))) + ": does not match its attempt (repaired by rebuilding it from its attempt)",
		DisplayKey(attemptKey(&a)) + ": has no text record (it is missing from search) (repaired by rebuilding its text)",
	} {
		if !strings.Contains(rep.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, rep)
		}
	}
	docs, err := s.SearchDocs()
	if err != nil || len(docs) != 2 || docs[0].Fields[0] != "b" || docs[1].Fields[0] != "a" {
		t.Errorf("search texts after repair: %+v (%v)", docs, err)
	}
	if got, err := s.Attempt(a.ID); err != nil || got.Answer != "a" {
		t.Errorf("attempt a after repair: %v %q", err, got.Answer)
	}
	list, _ := s.Attempts()
	if len(list) != 2 || list[0].PromptTitle != b.Prompt.Title {
		t.Errorf("summaries after repair: %+v", list)
	}
	if rep, _ := s.Check(false); len(rep.Problems) != 0 {
		t.Errorf("after repair:\n%s", rep)
	}
}

// TestCheckAttemptWithoutPrompt reports an attempt whose prompt snapshot is missing, and leaves it:
// it still holds the user's answer.
func TestCheckAttemptWithoutPrompt(t *testing.T) {
	withStore(t, func(s *Store) {
		a := testAttempt("p", time.Now(), "kept")
		a.Prompt.Title = ""
		a.Prompt.Rubric = nil
		if err := s.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
		rep, err := s.Check(true)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Problems) != 1 || rep.Clean() || rep.Problems[0].Fix != "" ||
			!strings.Contains(rep.Problems[0].What, "prompt is not known") || !strings.Contains(rep.Problems[0].What, "title, rubric") {
			t.Fatalf("report:\n%s", rep)
		}
		if !strings.Contains(rep.String(), "cannot be repaired automatically") {
			t.Errorf("report:\n%s", rep)
		}
		if got, err := s.Attempt(a.ID); err != nil || got.Answer != "kept" {
			t.Errorf("the attempt was touched: %v %+v", err, got)
		}
	})
}

func TestDisplayKey(t *testing.T) {
	id := uuid.MustParse("6f1c2a8e-0d4b-4c1e-9a53-2f7d1b9e8c40")
	a := prep.Attempt{ID: id, FinishedAt: time.Date(2026, 11, 26, 19, 0, 0, 0, time.UTC)}
	for k, want := range map[string]string{
		string(attemptKey(&a)):             "attempt/2026-11-26T19:00:00Z/" + id.String(),
		string(attemptIDKey(id)):           "attempt-id/" + id.String(),
		string(summaryKey(attemptKey(&a))): "summary/2026-11-26T19:00:00Z/" + id.String(),
		string(loopKey(id)):                "loop/" + id.String(),
		"draft/sd-1":                       "draft/sd-1",
		"set/\x00odd":                      `"set/\x00odd"`,
		string(damagedKey(a.FinishedAt, []byte("draft/x"))): "damaged/2026-11-26T19:00:00Z/draft/x",
	} {
		if got := DisplayKey([]byte(k)); got != want {
			t.Errorf("DisplayKey(%q) = %q, want %q", k, got, want)
		}
	}
	if !bytes.HasPrefix(damagedKey(time.Now(), []byte("x")), damagedKind.prefix) {
		t.Error("damaged key prefix")
	}
}

// TestCheckReadsReviews: review/ records have their own row, so Check counts them as reviews and
// reads them. One that does not decode is set aside by a repair, bytes kept; one under another
// attempt's key is reported and left for a person. Before the row, both were counted under
// "other" and never read, and the damaged one broke every read of that attempt's reviews.
func TestCheckReadsReviews(t *testing.T) {
	withStore(t, func(s *Store) {
		fill(t, s)
		sums, err := s.Attempts()
		if err != nil || len(sums) < 2 {
			t.Fatalf("%d attempts, %v", len(sums), err)
		}
		a, err := s.Attempt(sums[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		good, err := prep.NewReview(&a, "Sam", []prep.Score{{Criterion: "Ownership", Value: 2}}, "More on the trade-off.", nil, at)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveReview(good); err != nil {
			t.Fatal(err)
		}
		misplaced := reviewKey(sums[1].ID, good.ID) // holds good's bytes under the other attempt
		garbage := reviewKey(a.ID, uuid.New())
		err = s.db.Update(func(txn *badger.Txn) error {
			if err := txn.Set(misplaced, encodeReview(&good)); err != nil {
				return err
			}
			return txn.Set(garbage, []byte(`{"id": 7`))
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Reviews(a.ID); err == nil {
			t.Fatal("reading the reviews over a damaged one: no error")
		}

		rep, err := s.Check(true)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range rep.Counts {
			if c.Kind == KindReview && c.Records != 3 || c.Kind == KindOther && c.Records != 0 {
				t.Errorf("%s: %d records", c.Kind, c.Records)
			}
		}
		got := problemKeys(rep)[KindReview]
		if !slices.Equal(got, []string{DisplayKey(garbage), DisplayKey(misplaced)}) && !slices.Equal(got, []string{DisplayKey(misplaced), DisplayKey(garbage)}) {
			t.Fatalf("review problems at %v, want the damaged and the misplaced one\n%s", got, rep)
		}
		if rep.Remaining() != 1 || !strings.Contains(rep.String(), "holds review "+good.ID.String()+" of attempt "+a.ID.String()+" under another key") {
			t.Errorf("want the misplaced review left to a person, the damaged one set aside:\n%s", rep)
		}
		rs, err := s.Reviews(a.ID)
		if err != nil || len(rs) != 1 || rs[0].Comment != good.Comment {
			t.Errorf("after the repair the attempt's reviews are %+v, %v; want the good one", rs, err)
		}
		if v, ok := snapshot(t, s)[string(damagedPrefixOf(t, s, garbage))]; !ok || v != `{"id": 7` {
			t.Errorf("the damaged review's bytes were not kept under damaged/: %q", v)
		}
	})
}

// damagedPrefixOf is the damaged/ key under which a repair set key aside.
func damagedPrefixOf(t *testing.T, s *Store, key []byte) []byte {
	t.Helper()
	for k := range snapshot(t, s) {
		if kindOf([]byte(k)).recordKind == damagedKind && bytes.HasSuffix([]byte(k), key) {
			return []byte(k)
		}
	}
	t.Fatalf("no damaged/ record for %s", DisplayKey(key))
	return nil
}
