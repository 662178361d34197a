package data

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

// bank is the bundled library as the app reads it at launch: the embedded bank, whose decoding takes
// milliseconds, where parsing the sets' TOML took about 3 s of the package's test time under -race
// (assets' test keeps the two in step).
var bank = sync.OnceValues(func() ([]*prep.PracticeSet, error) {
	b, err := prep.DecodeBank(assets.Bank)
	if err != nil {
		return nil, err
	}
	return b.Sets, nil
})

func seeded(t testing.TB, n int, seed uint64) []prep.Attempt {
	t.Helper()
	sets, err := bank()
	if err != nil {
		t.Fatal(err)
	}
	return preptest.Attempts(prep.Library{Bundled: sets}, n, time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), 300*24*time.Hour, seed)
}

// sampleFile decodes one of the sample bundles in testdata/bundles (written by the prep tests).
func sampleFile(t testing.TB, name string) *prep.Bundle {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "bundles", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := prep.DecodeBundle(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// snapshot is every key and value in the store, for before-and-after comparisons.
func snapshot(t testing.TB, s *Store) map[string]string {
	t.Helper()
	return dbContents(t, s.db)
}

// dbContents returns every key and value in a Badger database, for before-and-after comparisons.
func dbContents(t testing.TB, db *badger.DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := db.View(func(txn *badger.Txn) error {
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

func sameSnapshot(t testing.TB, before, after map[string]string) {
	t.Helper()
	if reflect.DeepEqual(before, after) {
		return
	}
	for k, v := range after {
		if old, ok := before[k]; !ok {
			t.Errorf("key %s was added", DisplayKey([]byte(k)))
		} else if old != v {
			t.Errorf("key %s was changed", DisplayKey([]byte(k)))
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			t.Errorf("key %s was removed", DisplayKey([]byte(k)))
		}
	}
}

func saveAll(t testing.TB, s *Store, attempts ...prep.Attempt) {
	t.Helper()
	for _, a := range attempts {
		if err := s.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
}

// candidate is a practice store holding the attempts of the sample attempts bundle, as the
// candidate who exported it would have them.
func candidate(t *testing.T, s *Store) []prep.Attempt {
	t.Helper()
	var out []prep.Attempt
	for _, a := range sampleFile(t, "attempts-sample.json").Attempts {
		out = append(out, a.Attempt)
	}
	saveAll(t, s, out...)
	return out
}

func TestExportBundleFilters(t *testing.T) {
	withStore(t, func(s *Store) {
		as := seeded(t, 40, 1)
		saveAll(t, s, as...)
		all, err := s.ExportBundle(prep.ExportFilter{ExportedBy: "  Alex  "})
		if err != nil {
			t.Fatal(err)
		}
		if all.Kind != prep.BundleAttempts || all.ExportedBy != "Alex" || len(all.Attempts) != 40 {
			t.Fatalf("export all: kind %q by %q, %d attempts", all.Kind, all.ExportedBy, len(all.Attempts))
		}
		for i, a := range all.Attempts {
			if a.ID != as[i].ID || a.Answer != as[i].Answer || a.Prompt.Scenario != as[i].Prompt.Scenario {
				t.Fatalf("attempts[%d] is not the %d-th oldest attempt, whole", i, i)
			}
		}

		one, err := s.ExportBundle(prep.ExportFilter{AttemptID: as[7].ID})
		if err != nil || len(one.Attempts) != 1 || one.Attempts[0].ID != as[7].ID {
			t.Fatalf("export one attempt: %v, %+v", err, one.Attempts)
		}

		prompt := as[3].Prompt.ID
		history, err := s.ExportBundle(prep.ExportFilter{PromptID: prompt})
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, a := range as {
			if a.Prompt.ID == prompt {
				want++
			}
		}
		if len(history.Attempts) != want {
			t.Fatalf("prompt %s: exported %d attempts, want %d", prompt, len(history.Attempts), want)
		}
		for _, a := range history.Attempts {
			if a.Prompt.ID != prompt {
				t.Fatalf("prompt filter let %s through", a.Prompt.ID)
			}
		}

		since := as[30].FinishedAt
		recent, err := s.ExportBundle(prep.ExportFilter{Since: since})
		if err != nil || len(recent.Attempts) != 10 || recent.Attempts[0].ID != as[30].ID {
			t.Fatalf("since %s: %v, %d attempts", since, err, len(recent.Attempts))
		}

		if _, err := s.ExportBundle(prep.ExportFilter{Since: as[39].FinishedAt.Add(time.Second)}); !errors.Is(err, prep.ErrNothingToExport) {
			t.Errorf("nothing after the last attempt: %v", err)
		}
		if _, err := s.ExportBundle(prep.ExportFilter{AttemptID: uuid.New()}); !errors.Is(err, prep.ErrNotFound) {
			t.Errorf("an unknown attempt: %v", err)
		}
		if _, err := s.ExportBundle(prep.ExportFilter{Kind: prep.BundleFeedback}); !errors.Is(err, prep.ErrNothingToExport) {
			t.Errorf("feedback from a store without reviews: %v", err)
		}
	})
}

func TestImportFeedback(t *testing.T) {
	withStore(t, func(s *Store) {
		attempts := candidate(t, s)
		before := snapshot(t, s)
		summariesBefore, err := s.Attempts()
		if err != nil {
			t.Fatal(err)
		}
		feedback := sampleFile(t, "feedback-sample.json")
		res, err := s.ImportFeedback(feedback)
		if err != nil {
			t.Fatal(err)
		}
		if res.ReviewsAdded != 4 || res.ReviewsPresent != 0 || len(res.Missing) != 0 || res.AttemptsAdded != 0 {
			t.Fatalf("result %+v", res)
		}
		if got := res.String(); got != "4 reviews added" {
			t.Errorf("result reads %q", got)
		}

		// Only review/ keys were added; every other record is byte-for-byte as it was, so the
		// self-scores, the summaries and the statistics built on them cannot have changed.
		after := snapshot(t, s)
		added := 0
		for k, v := range after {
			if strings.HasPrefix(k, string(reviewKind.prefix)) {
				added++
				continue
			}
			if before[k] != v {
				t.Errorf("%s changed", DisplayKey([]byte(k)))
			}
		}
		if added != 4 || len(after) != len(before)+4 {
			t.Errorf("%d review records, %d keys before and %d after", added, len(before), len(after))
		}
		summariesAfter, err := s.Attempts()
		if err != nil || !reflect.DeepEqual(summariesAfter, summariesBefore) {
			t.Errorf("the attempt summaries changed: %v", err)
		}

		// Reviews attach to the attempts by ID, oldest first.
		rs, err := s.Reviews(attempts[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 2 || rs[0].Reviewer != "Sam Okafor" || rs[1].Reviewer != "Priya Raman" || rs[1].AttemptID != attempts[1].ID {
			t.Fatalf("reviews of attempts[1]: %+v", rs)
		}
		want := feedback.Attempts[0].Reviews[0]
		rs, err = s.Reviews(attempts[0].ID)
		if err != nil || len(rs) != 1 || !reflect.DeepEqual(rs[0].SectionComments, want.SectionComments) || rs[0].Comment != want.Comment ||
			!reflect.DeepEqual(rs[0].Scores, want.Scores) || !rs[0].ReviewedAt.Equal(want.ReviewedAt) {
			t.Fatalf("the review of attempts[0] changed on the way: %+v (%v)", rs, err)
		}
		if rs, err := s.Reviews(attempts[2].ID); err != nil || len(rs) != 1 {
			t.Fatalf("the top-level review did not attach to attempts[2]: %+v (%v)", rs, err)
		}
		a, err := s.Attempt(attempts[0].ID)
		if err != nil || !reflect.DeepEqual(a.Scores, attempts[0].Scores) {
			t.Errorf("self-scores changed: %+v (%v)", a.Scores, err)
		}

		// The same feedback again changes nothing.
		before = snapshot(t, s)
		res, err = s.ImportFeedback(feedback)
		if err != nil || res.Changed() || res.ReviewsPresent != 4 {
			t.Fatalf("second import: %+v, %v", res, err)
		}
		sameSnapshot(t, before, snapshot(t, s))
	})
}

func TestImportFeedbackUpdatesALaterEditOnly(t *testing.T) {
	withStore(t, func(s *Store) {
		candidate(t, s)
		feedback := sampleFile(t, "feedback-sample.json")
		if _, err := s.ImportFeedback(feedback); err != nil {
			t.Fatal(err)
		}
		r := &feedback.Reviews[0]
		r.Comment = "Edited: the deep dive was fine on reflection."
		r.ReviewedAt = r.ReviewedAt.Add(time.Hour)
		res, err := s.ImportFeedback(feedback)
		if err != nil || res.ReviewsUpdated != 1 || res.ReviewsPresent != 3 {
			t.Fatalf("a later edit: %+v, %v", res, err)
		}
		r.Comment, r.ReviewedAt = "An older edit", r.ReviewedAt.Add(-2*time.Hour)
		before := snapshot(t, s)
		if res, err := s.ImportFeedback(feedback); err != nil || res.Changed() {
			t.Fatalf("an older edit: %+v, %v", res, err)
		}
		sameSnapshot(t, before, snapshot(t, s))
		rs, _ := s.Reviews(r.AttemptID)
		if len(rs) != 1 || !strings.HasPrefix(rs[0].Comment, "Edited") {
			t.Errorf("stored review: %+v", rs)
		}
	})
}

func TestImportFeedbackReportsMissingAttempts(t *testing.T) {
	withStore(t, func(s *Store) {
		attempts := sampleFile(t, "attempts-sample.json").Attempts
		saveAll(t, s, attempts[0].Attempt) // the candidate has only the first attempt
		res, err := s.ImportFeedback(sampleFile(t, "feedback-sample.json"))
		if err != nil {
			t.Fatal(err)
		}
		if res.ReviewsAdded != 1 || len(res.Missing) != 2 {
			t.Fatalf("result %+v", res)
		}
		if m := res.Missing[0]; m.AttemptID != attempts[1].ID || m.Reviews != 2 || m.Title != attempts[1].Prompt.Title {
			t.Errorf("missing[0] = %+v", m)
		}
		if m := res.Missing[1]; m.AttemptID != attempts[2].ID || m.Reviews != 1 || m.Title != "" {
			t.Errorf("missing[1] = %+v", m)
		}
		for _, a := range attempts[1:] {
			if _, err := s.Attempt(a.ID); !errors.Is(err, prep.ErrNotFound) {
				t.Errorf("attempt %s was created: %v", a.ID, err)
			}
		}
		if !strings.Contains(res.String(), "2 attempts not in your data (not imported)") {
			t.Errorf("result reads %q", res)
		}
	})
}

// importFile is what `panelprep import-feedback` does: decode in full, then import.
func importFile(s *Store, data []byte) (prep.ImportResult, error) {
	b, err := prep.DecodeBundle(bytes.NewReader(data), 0)
	if err != nil {
		return prep.ImportResult{}, err
	}
	return s.ImportFeedback(b)
}

// TestRejectedBundlesChangeNothing offers broken, hostile and mismatched bundles and checks each is
// refused with the store byte-for-byte as it was.
func TestRejectedBundlesChangeNothing(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("..", "testdata", "bundles", "feedback-sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	attemptsFile, err := os.ReadFile(filepath.Join("..", "testdata", "bundles", "attempts-sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	withStore(t, func(s *Store) {
		attempts := candidate(t, s)
		// An earlier review is already stored: a failed import must not disturb it either.
		earlier := sampleFile(t, "attempts-sample.json").Attempts[1].Reviews[0]
		if err := s.SaveReview(earlier); err != nil {
			t.Fatal(err)
		}
		bad := map[string][]byte{
			"truncated":      good[:len(good)*2/3],
			"empty":          {},
			"not JSON":       []byte("PANELPREP-BACKUP\nformat 1\n"),
			"trailing data":  append(bytes.Clone(good), `{"format":"panelprep-bundle"}`...),
			"duplicate key":  bytes.Replace(good, []byte(`"comment": "`), []byte(`"comment": "x", "comment": "`), 1),
			"unknown field":  bytes.Replace(good, []byte(`"reviewer": `), []byte(`"admin": true, "reviewer": `), 1),
			"newer version":  bytes.Replace(good, []byte(`"version": 1`), []byte(fmt.Sprintf(`"version": %d`, prep.BundleVersion+1)), 1),
			"score 0":        bytes.Replace(good, []byte(`"value": 3`), []byte(`"value": 0`), 1),
			"invalid UTF-8":  bytes.Replace(good, []byte("Priya"), []byte("Pr\xffya"), 1),
			"nested 10,000":  append([]byte(`{"format":"panelprep-bundle","version":1,"kind":"feedback","x":`), bytes.Repeat([]byte("["), 10000)...),
			"attempts kind":  attemptsFile,
			"script in name": bytes.Replace(good, []byte(`"reviewer": "Priya Raman"`), []byte(`"reviewer": "<script>alert(1)</script>", "x": 1`), 1),
		}
		// Bundles that decode cleanly but do not fit this store's attempts.
		fb := sampleFile(t, "feedback-sample.json")
		fb.Reviews[0].Scores[0].Criterion = "Charisma" // the bundle does not carry this attempt: only the store knows its rubric
		bad["criterion not in the stored rubric"] = encodeBundle(t, fb)
		fb = sampleFile(t, "feedback-sample.json")
		fb.Reviews[0].SectionComments = map[string]string{"Deep dive": "Which section?"}
		bad["section the stored answer lacks"] = encodeBundle(t, fb)
		fb = sampleFile(t, "feedback-sample.json")
		fb.Attempts[1].Prompt.ID = attempts[0].Prompt.ID
		bad["carried attempt answers another prompt"] = encodeBundle(t, fb)

		before := snapshot(t, s)
		for name, data := range bad {
			res, err := importFile(s, data)
			if err == nil {
				t.Errorf("%s: imported: %+v", name, res)
			}
			sameSnapshot(t, before, snapshot(t, s))
		}
		_, err := importFile(s, bad["criterion not in the stored rubric"])
		if err == nil || !strings.Contains(err.Error(), `reviews[0].scores[0].criterion: "Charisma" is not a criterion of the rubric`) {
			t.Errorf("the error does not say what is wrong and where: %v", err)
		}
		if _, err := importFile(s, attemptsFile); !errors.Is(err, prep.ErrWrongBundleKind) {
			t.Errorf("an attempts bundle as feedback: %v", err)
		}
	})
}

func encodeBundle(t testing.TB, b *prep.Bundle) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := prep.EncodeBundle(&buf, *b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMentorRoundTrip runs the story end to end: the candidate exports, the mentor opens
// the bundle in a separate review store, reviews, exports feedback, and the candidate imports it.
func TestMentorRoundTrip(t *testing.T) {
	practice, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer practice.Close()
	mine := candidate(t, practice)
	out, err := practice.ExportBundle(prep.ExportFilter{ExportedBy: "Alex"})
	if err != nil {
		t.Fatal(err)
	}
	sent, err := prep.DecodeBundle(bytes.NewReader(encodeBundle(t, &out)), 0)
	if err != nil {
		t.Fatal(err)
	}

	mentorData := filepath.Join(t.TempDir(), "PanelPrep")
	reviews, err := OpenReviews(ReviewDir(mentorData), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer reviews.Close()
	if got := ReviewDir(mentorData); got != filepath.Join(mentorData, "reviews") {
		t.Errorf("ReviewDir = %s", got)
	}
	res, err := reviews.ImportAttempts(sent)
	if err != nil || res.AttemptsAdded != 3 {
		t.Fatalf("opening the bundle for review: %+v, %v", res, err)
	}
	if res, err := reviews.ImportAttempts(sent); err != nil || res.Changed() || res.AttemptsPresent != 3 {
		t.Fatalf("opening it again: %+v, %v", res, err)
	}
	listed, err := reviews.Attempts()
	if err != nil || len(listed) != 3 {
		t.Fatalf("the review store lists %d attempts (%v)", len(listed), err)
	}
	a, err := reviews.Attempt(mine[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	var scores []prep.Score
	for _, c := range a.Prompt.Rubric {
		scores = append(scores, prep.Score{Criterion: c.Name, Value: 2})
	}
	r, err := prep.NewReview(&a, "Priya", scores, "Say the numbers first.", nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := reviews.SaveReview(r); err != nil {
		t.Fatal(err)
	}
	bad := r
	bad.Scores = []prep.Score{{Criterion: "Charisma", Value: 2}}
	if err := reviews.SaveReview(bad); err == nil {
		t.Error("SaveReview took a score for a criterion the rubric does not have")
	}
	back, err := reviews.ExportBundle(prep.ExportFilter{Kind: prep.BundleFeedback, ExportedBy: "Priya"})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Attempts) != 1 || back.Attempts[0].ID != mine[2].ID { // only the attempt Priya reviewed
		t.Fatalf("the feedback carries %d attempts", len(back.Attempts))
	}
	received, err := prep.DecodeBundle(bytes.NewReader(encodeBundle(t, &back)), 0)
	if err != nil {
		t.Fatal(err)
	}
	res, err = practice.ImportFeedback(received)
	if err != nil || res.ReviewsAdded != 1 {
		t.Fatalf("importing the feedback: %+v, %v", res, err)
	}
	got, err := practice.Reviews(mine[2].ID)
	if err != nil || len(got) != 1 || got[0].ID != r.ID || got[0].Comment != r.Comment {
		t.Fatalf("the candidate's store has %+v (%v)", got, err)
	}
	if mineAttempts, _ := practice.Attempts(); len(mineAttempts) != 3 {
		t.Errorf("the practice store lists %d attempts", len(mineAttempts))
	}
}

// TestImportTransactionLimits measures how many seeded attempts one import transaction holds
// with the practice store's options and with the review store's, and checks that a bundle over the
// limit is refused whole with a message, and the store left as it was.
func TestImportTransactionLimits(t *testing.T) {
	as := seeded(t, 4000, 3)
	fit := func(s *Store) (attempts, bytes int) {
		txn := s.db.NewTransaction(true)
		defer txn.Discard()
		for i := range as {
			for _, kv := range attemptEntries(&as[i]) {
				if err := txn.Set(kv[0], kv[1]); errors.Is(err, badger.ErrTxnTooBig) {
					return i, bytes
				} else if err != nil {
					t.Fatal(err)
				}
				bytes += len(kv[0]) + len(kv[1])
			}
		}
		return len(as), bytes
	}
	practice, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer practice.Close()
	review, err := OpenReviews(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer review.Close()
	pn, pb := fit(practice)
	rn, rb := fit(review)
	t.Logf("one transaction holds %d seeded attempts (%.2f MB of records) in a practice store, %d (%.2f MB) in a review store",
		pn, float64(pb)/1e6, rn, float64(rb)/1e6)
	if pn >= 1000 || rn < 1000 {
		t.Fatalf("expected the practice store to refuse 1,000 attempts in one import and the review store to take them")
	}

	b := &prep.Bundle{Kind: prep.BundleAttempts, ExportedAt: time.Now()}
	for _, a := range as[:1000] {
		b.Attempts = append(b.Attempts, prep.BundleAttempt{Attempt: a})
	}
	before := snapshot(t, practice)
	_, err = practice.ImportAttempts(b)
	if !errors.Is(err, prep.ErrImportTooBig) || !strings.Contains(err.Error(), "nothing was imported") {
		t.Fatalf("1,000 attempts into a practice-sized transaction: %v", err)
	}
	t.Log(err)
	sameSnapshot(t, before, snapshot(t, practice))
	if res, err := review.ImportAttempts(b); err != nil || res.AttemptsAdded != 1000 {
		t.Fatalf("1,000 attempts into a review store: %+v, %v", res, err)
	}
	if listed, err := review.Attempts(); err != nil || len(listed) != 1000 {
		t.Fatalf("the review store lists %d attempts (%v)", len(listed), err)
	}
}

func TestDeleteReview(t *testing.T) {
	withStore(t, func(s *Store) {
		candidate(t, s)
		r := sampleFile(t, "attempts-sample.json").Attempts[1].Reviews[0]
		if err := s.SaveReview(r); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteReview(r.AttemptID, r.ID); err != nil {
			t.Fatal(err)
		}
		if rs, err := s.Reviews(r.AttemptID); err != nil || len(rs) != 0 {
			t.Fatalf("after delete: %+v (%v)", rs, err)
		}
	})
}

// BenchmarkExportImport1000 is the mentor round trip at scale: export 1,000 seeded attempts from a
// practice store, encode the bundle, decode it, and import it into a fresh review store.
func BenchmarkExportImport1000(b *testing.B) {
	src, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	saveAll(b, src, seeded(b, 1000, 11)...)
	root := b.TempDir()
	var export, encode, decode, imp time.Duration
	var size int
	n := 0
	for b.Loop() {
		t0 := time.Now()
		bundle, err := src.ExportBundle(prep.ExportFilter{})
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		var buf bytes.Buffer
		if err := prep.EncodeBundle(&buf, bundle); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
		t2 := time.Now()
		got, err := prep.DecodeBundle(&buf, 0)
		if err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		b.StopTimer()
		dst, err := OpenReviews(filepath.Join(root, fmt.Sprint(n)), nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t4 := time.Now()
		res, err := dst.ImportAttempts(got)
		if err != nil || res.AttemptsAdded != 1000 {
			b.Fatalf("%+v, %v", res, err)
		}
		t5 := time.Now()
		b.StopTimer()
		if err := dst.Close(); err != nil {
			b.Fatal(err)
		}
		os.RemoveAll(filepath.Join(root, fmt.Sprint(n)))
		n++
		b.StartTimer()
		export += t1.Sub(t0)
		encode += t2.Sub(t1)
		decode += t3.Sub(t2)
		imp += t5.Sub(t4)
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(n) / 1e6 }
	b.ReportMetric(float64(size), "bundle-bytes")
	b.ReportMetric(ms(export), "export-ms")
	b.ReportMetric(ms(encode), "encode-ms")
	b.ReportMetric(ms(decode), "decode-ms")
	b.ReportMetric(ms(imp), "import-ms")
}
