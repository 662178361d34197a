package data

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// TestKeyPrefixBytes pins the stored bytes of every key prefix: changing one would leave every
// existing store's records unread, so a change here must come with a migration, never alone.
func TestKeyPrefixBytes(t *testing.T) {
	want := map[string][]byte{
		"meta/schema":    schemaKind.prefix,
		"draft/":         draftKind.prefix,
		"attempt/":       attemptKind.prefix,
		"attempt-id/":    attemptIDKind.prefix,
		"summary/":       summaryKind.prefix,
		"text/":          searchTextKind.prefix,
		"set/":           setKind.prefix,
		"loop/":          loopKind.prefix,
		"story/":         storyKind.prefix,
		"story-comment/": storyCommentKind.prefix,
		"interview/":     interviewKind.prefix,
		"review/":        prefixReview,
		"discarded/":     discardedKind.prefix,
		"damaged/":       damagedKind.prefix,
		"reviewstore/":   reviewStreamPrefix,
	}
	for s, got := range want {
		if string(got) != s {
			t.Errorf("prefix %q is now %q: stored data would no longer be found", s, got)
		}
	}
	// The derived kinds' table uses the same prefixes as the record kinds' table.
	for _, d := range derivedKinds {
		if got := kindOf(append(bytes.Clone(d.prefix), make([]byte, 24)...)).kind; got != d.kind {
			t.Errorf("a %s key is counted as %q", d.kind, got)
		}
	}
}

// TestRecordKinds checks the table Check reads: the order of a report's counts (which the check
// command prints) is unchanged, every key finds its own row, and no prefix starts another.
func TestRecordKinds(t *testing.T) {
	var order []string
	for _, k := range recordKinds {
		order = append(order, k.kind)
	}
	wantOrder := []string{KindMeta, KindMapping, KindDraft, KindAttempt, KindAttemptID, KindSummary, KindText, KindSet, KindLoop,
		KindStory, KindStoryComment, KindInterview, KindDiscarded, KindDamaged, KindOther}
	if !slices.Equal(order, wantOrder) {
		t.Errorf("kinds in order %v, want %v", order, wantOrder)
	}
	for i, k := range recordKinds[:len(recordKinds)-1] {
		if len(k.prefix) == 0 {
			t.Errorf("row %d (%s) has no prefix: it would claim every key after it", i, k.kind)
		}
		if got := kindOf(k.prefix).kind; got != k.kind {
			t.Errorf("key %q is counted as %q, want %q", k.prefix, got, k.kind)
		}
		for _, o := range recordKinds[:len(recordKinds)-1] {
			if o.kind != k.kind && bytes.HasPrefix(o.prefix, k.prefix) {
				t.Errorf("prefix %q starts prefix %q: a key would belong to two kinds", k.prefix, o.prefix)
			}
		}
	}
	for key, want := range map[string]string{
		"meta/schema2":                      KindOther, // only the one key is the schema record
		"meta/other":                        KindOther,
		"draft/p1":                          KindDraft,
		"attempt-id/0123456789abcdef":       KindAttemptID,
		"review/0123456789abcdef0123456789": KindOther, // as Check has always counted them
		"zzz":                               KindOther,
		"":                                  KindOther,
	} {
		if got := kindOf([]byte(key)).kind; got != want {
			t.Errorf("key %q is counted as %q, want %q", key, got, want)
		}
	}
}

// TestCollectGarbage: a value-log GC pass runs until Badger has nothing left to rewrite, and an
// error other than the two normal ends reaches runGC, which reports it. The loop it replaces
// (for RunValueLogGC() == nil {}) ended on any error and dropped it.
func TestCollectGarbage(t *testing.T) {
	diskErr := errors.New("read vlog 000003.vlog: input/output error")
	for _, tc := range []struct {
		name    string
		results []error
		want    error
	}{
		{"rewrites until nothing is left", []error{nil, nil, badger.ErrNoRewrite}, nil},
		{"another pass running", []error{badger.ErrRejected}, nil},
		{"wrapped end", []error{fmt.Errorf("gc: %w", badger.ErrNoRewrite)}, nil},
		{"disk error after a rewrite", []error{nil, diskErr}, diskErr},
		{"disk error first", []error{diskErr}, diskErr},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			err := collectGarbage(func(ratio float64) error {
				if ratio != gcDiscardRatio {
					t.Errorf("discard ratio %v, want %v", ratio, gcDiscardRatio)
				}
				if calls >= len(tc.results) {
					t.Fatalf("called again after %v", tc.results[len(tc.results)-1])
				}
				calls++
				return tc.results[calls-1]
			})
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
			if calls != len(tc.results) {
				t.Errorf("%d calls, want %d", calls, len(tc.results))
			}
		})
	}
	msg := gcFailure("/data/PanelPrep", diskErr)
	for _, part := range []string{"/data/PanelPrep", diskErr.Error(), "no data was lost", "tried again"} {
		if !strings.Contains(msg, part) {
			t.Errorf("message %q does not say %q", msg, part)
		}
	}
	// On a real store, a pass with nothing to reclaim ends cleanly.
	withStore(t, func(s *Store) {
		if err := collectGarbage(s.db.RunValueLogGC); err != nil {
			t.Errorf("GC on a fresh store: %v", err)
		}
	})
}

// TestDisplayKeyShapes pins DisplayKey for the shapes TestDisplayKey leaves out: it held before
// the shapes moved into recordKinds and must hold after.
func TestDisplayKeyShapes(t *testing.T) {
	id := uuid.MustParse("6f1c2a8e-0d4b-4c1e-9a53-2f7d1b9e8c40")
	a := prep.Attempt{ID: id, FinishedAt: time.Date(2026, 11, 26, 19, 0, 0, 123, time.UTC)}
	ak := attemptKey(&a)
	for k, want := range map[string]string{
		string(searchTextKey(ak)):                               "text/2026-11-26T19:00:00.000000123Z/" + id.String(),
		string(ak[:len(ak)-1]):                                  fmt.Sprintf("%q", ak[:len(ak)-1]), // too short for a time and ID
		string(append(bytes.Clone(loopKind.prefix), id[:4]...)): fmt.Sprintf("%q", append(bytes.Clone(loopKind.prefix), id[:4]...)),
		string(damagedKey(a.FinishedAt, ak)):                    "damaged/2026-11-26T19:00:00.000000123Z/attempt/2026-11-26T19:00:00.000000123Z/" + id.String(),
		"damaged/short":                                         "damaged/short",
		string(discardedKey(time.Unix(0, 0), "p")):              fmt.Sprintf("%q", discardedKey(time.Unix(0, 0), "p")), // not decoded, as before
		"meta/schema":                                           "meta/schema",
		string(reviewKey(id, id)):                               fmt.Sprintf("%q", reviewKey(id, id)),
	} {
		if got := DisplayKey([]byte(k)); got != want {
			t.Errorf("DisplayKey(%q) = %q, want %q", k, got, want)
		}
	}
}

// The keys the store writes are built through the rows of recordKinds, so each lands in its own
// row and has the shape that row declares: what Check counts and DisplayKey shows is what the
// writers wrote.
func TestWrittenKeysFindTheirRow(t *testing.T) {
	id := uuid.MustParse("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b")
	at := time.Date(2026, 11, 26, 19, 0, 0, 123, time.UTC)
	a := &prep.Attempt{ID: id, FinishedAt: at}
	for _, c := range []struct {
		key  []byte
		want *recordKind
	}{
		{schemaKind.key(), schemaKind},
		{mappingKind.key(), mappingKind},
		{draftKey("p1"), draftKind},
		{attemptKey(a), attemptKind},
		{attemptIDKey(id), attemptIDKind},
		{summaryKey(attemptKey(a)), summaryKind},
		{searchTextKey(attemptKey(a)), searchTextKind},
		{setKey("s1"), setKind},
		{loopKey(id), loopKind},
		{storyKey(id), storyKind},
		{storyCommentKey(id, id), storyCommentKind},
		{discardedKey(at, "p1"), discardedKind},
		{damagedKey(at, draftKey("p1")), damagedKind},
	} {
		row := kindOf(c.key)
		if row.recordKind != c.want {
			t.Errorf("key %q is counted as %s, want %s", c.key, row.kind, c.want.kind)
			continue
		}
		rest := row.suffix(c.key)
		switch row.shape {
		case shapeID:
			if len(rest) != 16 {
				t.Errorf("%s key %q: %d bytes after the prefix, want an ID of 16", row.kind, c.key, len(rest))
			}
		case shapeTimeID:
			if len(rest) != 24 || !bytes.Equal(rest[8:], id[:]) {
				t.Errorf("%s key %q is not a time and the ID", row.kind, c.key)
			}
		case shapeTimeKey:
			if !bytes.Equal(rest[8:], draftKey("p1")) {
				t.Errorf("%s key %q does not end with the key it set aside", row.kind, c.key)
			}
		}
	}
	if got := kindOf(reviewKey(id, id)).kind; got != KindOther {
		t.Errorf("a review key is counted as %s; Check has always counted them under %s", got, KindOther)
	}
}
