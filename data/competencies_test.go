package data

import (
	"encoding/binary"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/panelprep/panelprep/prep"
)

// encodeSummaryV1 is a summary as schema 3 wrote it (format 1: no competencies).
func encodeSummaryV1(a prep.AttemptSummary) []byte {
	b := []byte{1}
	b = append(b, a.ID[:]...)
	b = append(b, a.LoopID[:]...)
	b = binary.AppendVarint(b, a.FinishedAt.UnixNano())
	b = binary.AppendUvarint(b, uint64(a.Average*100+0.5))
	for _, s := range []string{a.PromptID, a.PromptTitle, string(a.Round)} {
		b = appendString(b, s)
	}
	b = binary.AppendUvarint(b, uint64(len(a.Scores)))
	for _, s := range a.Scores {
		b = appendString(b, s.Criterion)
		b = binary.AppendUvarint(b, uint64(s.Value))
	}
	b = binary.AppendUvarint(b, uint64(len(a.PhaseTimes)))
	for _, p := range a.PhaseTimes {
		b = appendString(b, p.Name)
		b = binary.AppendVarint(b, int64(p.Budget))
		b = binary.AppendVarint(b, int64(p.Used))
	}
	return b
}

// legacyAttempt is an attempt made before competencies: two criteria, neither with one.
func legacyAttempt(promptID string, finished time.Time) prep.Attempt {
	a := testAttempt(promptID, finished, "answer to "+promptID)
	a.Prompt.Rubric = append(a.Prompt.Rubric, prep.Criterion{Name: "Delivery plan", Anchor1: "a", Anchor2: "b", Anchor3: "c", Anchor4: "d"})
	a.Scores = []prep.Score{{Criterion: "Ownership", Value: 3}, {Criterion: "Delivery plan", Value: 2}}
	return a
}

// writeSchema3 writes attempts as schema 3 did: record, index, format-1 summary, search text.
func writeSchema3(t *testing.T, dir string, attempts ...*prep.Attempt) {
	t.Helper()
	writeOldStore(t, dir, 3, func(txn *badger.Txn) error {
		for _, a := range attempts {
			entries := attemptEntries(a)
			entries[2][1] = encodeSummaryV1(a.Summary())
			for _, kv := range entries {
				if err := txn.Set(kv[0], kv[1]); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

var testCompetencies = prep.Competencies{
	{ID: "delivery", Name: "Delivery and execution across teams"},
	{ID: "operational-excellence", Name: "Operational excellence"},
}

// A schema 3 store opens as schema 4 with every summary rewritten, and MapCompetencies then records
// each old attempt's competencies from the library by prompt ID and criterion name. What the library
// cannot map (a criterion it has no competency for, a prompt of a set it no longer has) stays in the
// figures under Unmapped; answers and scores are untouched; a second run does nothing.
func TestMigratesSchema3AndMapsCompetencies(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	known := legacyAttempt("bundled-prompt", day)
	gone := legacyAttempt("legacy-set-prompt", day.Add(time.Hour))
	// Saved between the format change and the schema upgrade: its snapshot names a competency.
	snap := legacyAttempt("snapshotted", day.Add(2*time.Hour))
	snap.Prompt.Rubric = append([]prep.Criterion(nil), snap.Prompt.Rubric...)
	snap.Prompt.Rubric[0].Competency = "operational-excellence"
	writeSchema3(t, dir, &known, &gone, &snap)

	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	list, err := s.Attempts()
	if err != nil || len(list) != 3 || list[0].Competencies != nil || list[1].Competencies != nil || list[2].Competencies != nil {
		t.Fatalf("after the schema upgrade: %+v (%v)", list, err)
	}
	var schema uint32
	if err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(schemaKind.prefix)
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error { schema = binary.BigEndian.Uint32(v); return nil })
	}); err != nil || schema != SchemaVersion || SchemaVersion < 4 {
		t.Fatalf("schema %d (%v), want %d", schema, err, SchemaVersion)
	}

	// The library: the bundled prompt maps "Delivery plan" only.
	set := &prep.PracticeSet{ID: "bundled", Prompts: []prep.Prompt{{ID: "bundled-prompt", Rubric: []prep.Criterion{
		{Name: "Delivery plan", Competency: "delivery"}, {Name: "Ownership"}}}}}
	ix := prep.NewCompetencyIndex(testCompetencies, set)
	rep, err := s.MapCompetencies(ix)
	if err != nil || rep.Skipped || rep.Scanned != 3 || rep.Mapped != 1 || rep.Unmapped != 3 {
		t.Fatalf("MapCompetencies: %+v (%v), want 3 scanned, 1 mapped, 3 left with an unmapped criterion", rep, err)
	}
	got, err := s.Attempt(known.ID)
	if err != nil || got.Prompt.Rubric[1].Competency != "delivery" || got.Prompt.Rubric[0].Competency != "" ||
		got.Answer != known.Answer || got.Scores[1] != known.Scores[1] {
		t.Fatalf("mapped attempt: %+v (%v)", got, err)
	}
	s.Close()
	if s, err = Open(dir); err != nil { // what was mapped is on disk
		t.Fatal(err)
	}
	list, err = s.Attempts()
	if err != nil {
		t.Fatal(err)
	}
	st := prep.ComputeStats(list, prep.Library{Competencies: testCompetencies}, day.Add(24*time.Hour), time.UTC)
	if len(st.Competencies) != 3 || st.Competencies[0].ID != "delivery" || st.Competencies[0].Count != 1 ||
		st.Competencies[1].ID != "operational-excellence" || st.Competencies[1].Count != 1 ||
		st.Competencies[2].ID != prep.Unmapped || st.Competencies[2].Count != 4 || st.Competencies[2].Attempts != 3 {
		t.Fatalf("statistics by competency: %+v", st.Competencies)
	}
	if rep, err := s.MapCompetencies(ix); err != nil || !rep.Skipped {
		t.Errorf("second run with the same mapping: %+v (%v), want skipped", rep, err)
	}
	if rep, err := s.Check(false); err != nil || len(rep.Problems) != 0 {
		t.Errorf("check after mapping: %v\n%s", err, rep)
	}
	// A newer set that maps Ownership too: the mapping runs again and maps what is new.
	set.Prompts[0].Rubric[1].Competency = "operational-excellence"
	rep, err = s.MapCompetencies(prep.NewCompetencyIndex(testCompetencies, set))
	if err != nil || rep.Skipped || rep.Mapped != 1 || rep.Unmapped != 2 {
		t.Fatalf("with a newer mapping: %+v (%v)", rep, err)
	}
}

// A format-1 summary (a store mid-upgrade, or read by a check) still decodes, its scores unmapped.
func TestReadsFormat1Summary(t *testing.T) {
	a := legacyAttempt("p", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	r := summaryReader{interned: map[string]string{}}
	got, err := r.decode(encodeSummaryV1(a.Summary()))
	if err != nil || got.ID != a.ID || len(got.Scores) != 2 || got.Competencies != nil || got.CompetencyOf(0) != prep.Unmapped {
		t.Fatalf("decoded %+v (%v)", got, err)
	}
	a.Prompt.Rubric[0].Competency = "delivery"
	got, err = r.decode(encodeSummary(a.Summary()))
	if err != nil || strings.Join(got.Competencies, ",") != "delivery," {
		t.Fatalf("format 2: %+v (%v)", got, err)
	}
}
