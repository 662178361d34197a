package data

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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
		"loop-shape/":    loopShapeKind.prefix,
		"story/":         storyKind.prefix,
		"story-comment/": storyCommentKind.prefix,
		"interview/":     interviewKind.prefix,
		"review/":        reviewKind.prefix,
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
		KindLoopShape, KindStory, KindStoryComment, KindInterview, KindReview, KindDiscarded, KindDamaged, KindOther}
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
		"review/0123456789abcdef0123456789": KindReview,
		"reviewstore/":                      KindOther, // a backup stream's marker, never a key in a store
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
		string(reviewKey(id, id)):                               "review/" + id.String() + "/" + id.String(), // quoted bytes before review/ had its row
		string(reviewKey(id, id)[:20]):                          fmt.Sprintf("%q", reviewKey(id, id)[:20]),
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
		{reviewKey(id, id), reviewKind},
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
		case shapeIDs:
			if len(rest) != 32 {
				t.Errorf("%s key %q: %d bytes after the prefix, want two IDs of 16", row.kind, c.key, len(rest))
			}
		case shapeTimeKey:
			if !bytes.Equal(rest[8:], draftKey("p1")) {
				t.Errorf("%s key %q does not end with the key it set aside", row.kind, c.key)
			}
		}
	}
}

// TestEveryKeyPrefixHasARow reads data's own source: every record kind declared (a recordKind
// literal) is a row of recordKinds, and every key prefix spelled as a string literal
// ("word/...") is the prefix of a row. A new kind of record written without its row in the
// table, or keys built from a prefix spelled outside it, fail here, before Check would count the
// records under "other" and never read them. The one exception is the backup stream's marker,
// which starts no key in a store.
func TestEveryKeyPrefixHasARow(t *testing.T) {
	rows := map[string]bool{}
	for _, k := range recordKinds {
		if k.prefix != nil {
			rows[string(k.prefix)] = true
		}
	}
	notKeys := map[string]string{string(reviewStreamPrefix): "reviewStreamPrefix marks the review store's records in a backup stream"}
	prefixLike := regexp.MustCompile(`^[a-z][a-z-]*/`)

	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared, spelled := 0, 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		f.Imports = nil
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ImportSpec:
				return false
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); !ok || id.Name != "recordKind" {
					return true
				}
				declared++
				for _, e := range n.Elts {
					kv, ok := e.(*ast.KeyValueExpr)
					if !ok || kv.Key.(*ast.Ident).Name != "prefix" {
						continue
					}
					// The prefix itself is checked as a literal below; a kind with a computed
					// prefix could not be checked here at all.
					if _, ok := kv.Value.(*ast.CallExpr); !ok {
						t.Errorf("%s: a recordKind's prefix is not spelled as []byte(\"...\"): this test cannot check it", fset.Position(kv.Pos()))
					}
				}
			case *ast.BasicLit:
				if n.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(n.Value)
				if err != nil || !prefixLike.MatchString(s) {
					return true
				}
				spelled++
				if !rows[s] && notKeys[s] == "" {
					t.Errorf("%s: key prefix %q has no row in recordKinds (keys.go): Check would count its records as %q and never read them; add a recordKind and its row",
						fset.Position(n.Pos()), s, KindOther)
				}
			}
			return true
		})
	}
	if declared != len(recordKinds) {
		t.Errorf("data declares %d record kinds and recordKinds has %d rows: every kind needs its row", declared, len(recordKinds))
	}
	if spelled < len(rows) {
		t.Errorf("found %d prefixes spelled in the source, fewer than the %d rows: the scan misses them", spelled, len(rows))
	}
}

// TestWrittenRecordsAreKnownKinds fills a store through its API with every kind of record it
// writes (attempts with their index, summaries and search texts, drafts, a discarded draft, a
// set, a loop, an imported loop file, a story and its comment, a review, a live session, the competency mapping, a record
// set aside)
// and finds none that Check would count under "other".
func TestWrittenRecordsAreKnownKinds(t *testing.T) {
	withStore(t, func(s *Store) {
		fill(t, s)
		at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		if err := s.DiscardDraft("d1", at); err != nil {
			t.Fatal(err)
		}
		sums, err := s.Attempts()
		if err != nil || len(sums) == 0 {
			t.Fatalf("%d attempts, %v", len(sums), err)
		}
		a, err := s.Attempt(sums[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		r, err := prep.NewReview(&a, "Sam", []prep.Score{{Criterion: "Ownership", Value: 2}}, "More on the trade-off.", nil, at)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveReview(r); err != nil {
			t.Fatal(err)
		}
		stories, err := s.Stories()
		if err != nil || len(stories) == 0 {
			t.Fatalf("%d stories, %v", len(stories), err)
		}
		c, err := prep.NewStoryComment(&stories[0], "Sam", "Lead with the number.", at)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveStoryComment(c); err != nil {
			t.Fatal(err)
		}
		set := &prep.PracticeSet{ID: "s", Version: 1}
		if err := s.SaveInterview(prep.NewInterview(set, testPrompt("p1"), "Sam", at)); err != nil {
			t.Fatal(err)
		}
		shape := &prep.LoopShape{ID: "a-company", Name: "A company's loop", Version: 1, Bands: prep.DefaultBands,
			Rounds: []prep.LoopRound{{Round: prep.Leadership, Minutes: 45, Lead: prep.AskerCEO}}}
		if err := s.ImportLoopShape(shape); err != nil {
			t.Fatal(err)
		}
		if _, err := s.MapCompetencies(prep.NewCompetencyIndex(testCompetencies)); err != nil {
			t.Fatal(err)
		}
		if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(draftKey("junk"), []byte("{")) }); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Check(true); err != nil { // sets the junk draft aside under damaged/
			t.Fatal(err)
		}

		seen := map[string]int{}
		for k := range snapshot(t, s) {
			seen[kindOf([]byte(k)).kind]++
		}
		if n := seen[KindOther]; n > 0 {
			t.Errorf("%d records are of no known kind: %v", n, seen)
		}
		for _, k := range recordKinds[:len(recordKinds)-1] {
			if seen[k.kind] == 0 {
				t.Errorf("no %s record was written: the test no longer writes every kind (%v)", k.kind, seen)
			}
		}
	})
}
