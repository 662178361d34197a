package prep_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

// update rewrites the sample bundles under testdata/bundles and the fuzz seed corpus from
// sampleBundles: go test ./prep -run TestSampleBundleFiles -update
var update = flag.Bool("update", false, "rewrite testdata/bundles and the fuzz seed corpus")

const (
	bundlesDir = "../testdata/bundles"
	schemaFile = "../docs/bundle.schema.json"
)

// Hostile answer text: each must reach a report as visible text, never as markup.
const (
	hostileScript = "<script>alert(1)</script>"
	hostileImg    = "<img src=x onerror=alert(1)>"
)

func sampleID(name string) uuid.UUID {
	return uuid.NewSHA1(uuid.NameSpaceOID, []byte("panelprep-sample/"+name))
}

// bank is the bundled library, parsed once for all the tests that need real prompts.
func bank() ([]*prep.PracticeSet, error) {
	b, err := parsedBank()
	if err != nil {
		return nil, err
	}
	return b.Sets, nil
}

func bankPrompt(t testing.TB, id string) (*prep.PracticeSet, prep.Prompt) {
	t.Helper()
	sets, err := bank()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sets {
		if p, ok := s.Prompt(id); ok {
			return s, p
		}
	}
	t.Fatalf("no bundled prompt %q", id)
	return nil, prep.Prompt{}
}

func phaseTimes(p prep.Prompt, stretch float64) []prep.PhaseTime {
	var out []prep.PhaseTime
	for _, ph := range p.Phases {
		budget := time.Duration(ph.Minutes) * time.Minute
		out = append(out, prep.PhaseTime{Name: ph.Name, Budget: budget, Used: time.Duration(float64(budget) * stretch).Round(time.Second)})
	}
	return out
}

func scoresOf(p prep.Prompt, values ...int) []prep.Score {
	var out []prep.Score
	for i, c := range p.Rubric {
		out = append(out, prep.Score{Criterion: c.Name, Value: values[i%len(values)]})
	}
	return out
}

// sampleAttempts are three attempts at bundled prompts made the way the app makes them (a draft
// finished with NewAttempt), covering what a bundle carries: a structured leadership answer with
// follow-up replies and a loop, an org-design answer with a team table, and a free-text systems
// design answer with hostile markup and non-ASCII text. IDs and times are fixed, so the sample
// files are stable.
func sampleAttempts(t testing.TB) []prep.Attempt {
	t.Helper()
	day := time.Date(2026, 10, 5, 9, 0, 0, 0, time.UTC)
	var out []prep.Attempt

	set, p := bankPrompt(t, "ld-underperforming-em-missed-quarter")
	sections := prep.NewSections(p.Round)
	texts := []string{
		"Priya's team missed the quarter's two committed milestones; the VP asked me to act.",
		"Restore delivery without losing Priya, and make expectations observable.",
		"- Met Priya weekly\n- Agreed three observable expectations\n- Paired her with a peer EM",
		"Both milestones landed the next quarter; incidents fell from six a month to two.",
		"I should have made the expectations explicit a quarter earlier.",
	}
	for i := range sections {
		sections[i].Text = texts[i]
	}
	followUps := prep.AskFollowUps(p, nil, time.Duration(p.Minutes)*time.Minute)
	followUps[0].Answer, followUps[0].AnsweredAt = "I would tell the VP the plan and the date I expect to know.", 14*time.Minute+30*time.Second
	if len(followUps) > 1 {
		followUps[1].Answer, followUps[1].AnsweredAt = "Weekly, in our one-to-one, with the three measures.", 31*time.Minute
	}
	d := prep.Draft{SetID: set.ID, SetVersion: set.Version, Prompt: p, Structured: true, Sections: sections,
		FollowUps: followUps, LoopID: sampleID("loop-1"), Scores: scoresOf(p, 3, 2),
		Reflection: "Spent too long on the situation.", StartedAt: day.Add(-time.Duration(p.Minutes) * time.Minute)}
	a, err := prep.NewAttempt(d, phaseTimes(p, 1.1), day)
	if err != nil {
		t.Fatal(err)
	}
	a.ID = sampleID("attempt-leadership")
	out = append(out, a)

	set, p = bankPrompt(t, "od-scaleup-42-engineers-two-ems")
	sections = prep.NewSections(p.Round)
	for i := range sections {
		sections[i].Text = "Notes on " + strings.ToLower(sections[i].Title) + ": spans of 23 and 17 are far past 5 to 9."
	}
	day = day.Add(48 * time.Hour)
	d = prep.Draft{SetID: set.ID, SetVersion: set.Version, Prompt: p, Structured: true, Sections: sections,
		Teams: []prep.Team{
			{Name: "Shipper onboarding", Type: prep.StreamAligned, EM: "Ana", Engineers: 7},
			{Name: "Dispatch", Type: prep.StreamAligned, EM: "Ben", Engineers: 8},
			{Name: "Platform", Type: prep.PlatformTeam, EM: "Ana", Engineers: 4},
		},
		Scores: scoresOf(p, 2, 3, 4), Reflection: "The hiring order was vague.", StartedAt: day.Add(-45 * time.Minute)}
	a, err = prep.NewAttempt(d, phaseTimes(p, 0.9), day)
	if err != nil {
		t.Fatal(err)
	}
	a.ID = sampleID("attempt-org-design")
	out = append(out, a)

	set, p = bankPrompt(t, "sd-card-authorisation-ledger")
	day = day.Add(72 * time.Hour)
	answer := "# Requirements\n\nZoë's café takes 2,000 authorisations a second ✓ (日本 too).\n\n" +
		"Hostile text stays text: " + hostileScript + " and " + hostileImg + " & \"quotes\".\n\n" +
		"- ledger owns the book of record\n- authorisations own the hot path\n\n" +
		"1. shadow period\n2. cut over market by market\n\n[a link](javascript:alert(1)) ![img](http://tracker.example/x.png)"
	d = prep.Draft{SetID: set.ID, SetVersion: set.Version, Prompt: p, Answer: answer,
		FollowUps: prep.AskFollowUps(p, nil, 20*time.Minute), Scores: scoresOf(p, 4, 1, 3),
		Reflection: "Reflection with <b>markup</b> too.", StartedAt: day.Add(-time.Duration(p.Minutes) * time.Minute)}
	a, err = prep.NewAttempt(d, phaseTimes(p, 1.3), day)
	if err != nil {
		t.Fatal(err)
	}
	a.ID = sampleID("attempt-systems-design")
	out = append(out, a)
	return out
}

func review(t testing.TB, a *prep.Attempt, name, who string, at time.Time, comment string, sections map[string]string, values ...int) prep.Review {
	t.Helper()
	var scores []prep.Score
	for i, c := range a.Prompt.Rubric {
		if i < len(values) && values[i] > 0 {
			scores = append(scores, prep.Score{Criterion: c.Name, Value: values[i]})
		}
	}
	r, err := prep.NewReview(a, who, scores, comment, sections, at)
	if err != nil {
		t.Fatal(err)
	}
	r.ID = sampleID(name)
	return r
}

// sampleBundles returns the candidate's attempts bundle (with one earlier review travelling along)
// and the mentor's feedback bundle (two attempts with their reviews, and a review of the third,
// whose answer is not sent back).
func sampleBundles(t testing.TB) (attempts, feedback prep.Bundle) {
	t.Helper()
	as := sampleAttempts(t)
	exported := time.Date(2026, 10, 12, 18, 0, 0, 0, time.UTC)
	earlier := review(t, &as[1], "review-earlier", "Sam Okafor", exported.Add(-72*time.Hour), "Good diagnosis; the change plan needs dates.", nil, 3, 2)
	attempts = prep.Bundle{Kind: prep.BundleAttempts, ExportedAt: exported, ExportedBy: "Alex Candidate",
		Attempts: []prep.BundleAttempt{{Attempt: as[0]}, {Attempt: as[1], Reviews: []prep.Review{earlier}}, {Attempt: as[2]}}}

	reviewed := exported.Add(26 * time.Hour)
	r1 := review(t, &as[0], "review-leadership", "Priya Raman", reviewed,
		"Strong actions. Front-load the impact: the panel wants the result in the first minute.",
		map[string]string{"Actions": "Name the three expectations.", "What I learned": "Good self-awareness <em>here</em>."}, 3, 0, 2, 3)
	r2 := review(t, &as[1], "review-org-design", "Priya Raman", reviewed.Add(time.Minute),
		"The team table is right; say who you hire first and why.", nil, 3, 3, 2, 2, 3)
	r3 := review(t, &as[2], "review-systems-design", "Priya Raman", reviewed.Add(2*time.Minute),
		"Deep dive on the ledger was thin. "+hostileScript, nil, 2, 2, 3, 2)
	feedback = prep.Bundle{Kind: prep.BundleFeedback, ExportedAt: reviewed.Add(time.Hour), ExportedBy: "Priya Raman",
		Attempts: []prep.BundleAttempt{{Attempt: as[0], Reviews: []prep.Review{r1}}, {Attempt: as[1], Reviews: []prep.Review{earlier, r2}}},
		Reviews:  []prep.Review{r3}}
	return attempts, feedback
}

// tinyBundle has the same shape as the sample attempts bundle (three attempts, a review under the
// second) with a minimal prompt and short text: the fuzzer's seeds, where every byte it mutates
// should matter.
func tinyBundle(t testing.TB) prep.Bundle {
	t.Helper()
	p := prep.Prompt{ID: "p", Round: prep.Leadership, Level: prep.LevelDirector, Context: prep.ContextAny,
		Title: "T", Minutes: 10, Scenario: "S", Phases: []prep.Phase{{Name: "A", Minutes: 10}},
		FollowUps: []prep.FollowUp{{Minute: 5, Asker: prep.AskerVP, Question: "Q?"}},
		Rubric: []prep.Criterion{{Name: "C1", Anchor1: "1", Anchor2: "2", Anchor3: "3", Anchor4: "4"},
			{Name: "C2", Anchor1: "1", Anchor2: "2", Anchor3: "3", Anchor4: "4"}}}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	b := prep.Bundle{Kind: prep.BundleAttempts, ExportedAt: at}
	for i := range 3 {
		a := prep.Attempt{ID: sampleID(fmt.Sprint("tiny-", i)), SetID: "s", SetVersion: 1, Prompt: p, Answer: "# A\n\n- x <b>",
			Sections:   []prep.Section{{Title: "Situation", Text: "x"}},
			Teams:      []prep.Team{{Name: "N", Type: prep.PlatformTeam, EM: "E", Engineers: 6}},
			LoopID:     sampleID("tiny-loop"),
			FollowUps:  []prep.FollowUpAnswer{{Index: 0, Asker: prep.AskerVP, Question: "Q?", AskedAt: time.Second, Answer: "R", AnsweredAt: 2 * time.Second}},
			PhaseTimes: []prep.PhaseTime{{Name: "A", Budget: time.Minute, Used: time.Second}},
			Scores:     []prep.Score{{Criterion: "C1", Value: 2}, {Criterion: "C2", Value: 3}}, StartedAt: at, FinishedAt: at}
		b.Attempts = append(b.Attempts, prep.BundleAttempt{Attempt: a})
	}
	b.Attempts[1].Reviews = []prep.Review{{ID: sampleID("tiny-review"), AttemptID: b.Attempts[1].ID, Reviewer: "M", ReviewedAt: at,
		Scores: []prep.Score{{Criterion: "C2", Value: 4}}, Comment: "c", SectionComments: map[string]string{"Situation": "s"}}}
	return b
}

func encode(t testing.TB, b prep.Bundle) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := prep.EncodeBundle(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decode(data []byte) (*prep.Bundle, error) {
	return prep.DecodeBundle(bytes.NewReader(data), 0)
}

func TestBundleRoundTrip(t *testing.T) {
	attempts, feedback := sampleBundles(t)
	for name, b := range map[string]prep.Bundle{"attempts": attempts, "feedback": feedback} {
		t.Run(name, func(t *testing.T) {
			data := encode(t, b)
			got, err := decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if again := encode(t, *got); !bytes.Equal(again, data) {
				t.Fatalf("decode then encode changed the bundle:\n%s\nvs\n%s", again, data)
			}
			if got.Kind != b.Kind || !got.ExportedAt.Equal(b.ExportedAt) || got.ExportedBy != b.ExportedBy ||
				len(got.Attempts) != len(b.Attempts) || len(got.AllReviews()) != len(b.AllReviews()) {
				t.Fatalf("bundle changed: %+v", got)
			}
			for i, a := range got.Attempts {
				w := b.Attempts[i]
				if a.ID != w.ID || a.Answer != w.Answer || a.Prompt.Scenario != w.Prompt.Scenario ||
					len(a.Prompt.Rubric) != len(w.Prompt.Rubric) || a.Prompt.Rubric[0] != w.Prompt.Rubric[0] ||
					len(a.Sections) != len(w.Sections) || len(a.Teams) != len(w.Teams) || len(a.FollowUps) != len(w.FollowUps) ||
					a.LoopID != w.LoopID || !a.FinishedAt.Equal(w.FinishedAt) || a.Reflection != w.Reflection {
					t.Errorf("attempts[%d] changed in the round trip", i)
				}
				for j := range a.FollowUps {
					if a.FollowUps[j] != w.FollowUps[j] {
						t.Errorf("attempts[%d].followups[%d] = %+v, want %+v", i, j, a.FollowUps[j], w.FollowUps[j])
					}
				}
				for j := range a.PhaseTimes {
					if a.PhaseTimes[j] != w.PhaseTimes[j] {
						t.Errorf("attempts[%d].phase_times[%d] = %+v, want %+v", i, j, a.PhaseTimes[j], w.PhaseTimes[j])
					}
				}
			}
			if r := got.AllReviews()[0]; r.SectionComments == nil && name == "feedback" {
				t.Errorf("section comments lost: %+v", r)
			}
		})
	}
}

func TestSampleBundleFiles(t *testing.T) {
	attempts, feedback := sampleBundles(t)
	files := map[string][]byte{
		"attempts-sample.json": encode(t, attempts),
		"feedback-sample.json": encode(t, feedback),
	}
	for name, want := range files {
		path := filepath.Join(bundlesDir, name)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./prep -run TestSampleBundleFiles -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is out of date with sampleBundles; run go test ./prep -run TestSampleBundleFiles -update", path)
		}
	}
	if *update {
		writeFuzzSeeds(t, files)
	}
}

// writeFuzzSeeds writes FuzzDecodeBundle's seed corpus in Go's corpus format: small valid bundles
// and near misses, so the fuzzer starts from documents that get deep into the decoder.
func writeFuzzSeeds(t *testing.T, files map[string][]byte) {
	dir := filepath.Join("testdata", "fuzz", "FuzzDecodeBundle")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	small := func(b []byte) []byte { // compact: the fuzzer mutates fewer bytes of whitespace
		var buf bytes.Buffer
		if err := json.Compact(&buf, b); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	seeds := map[string][]byte{
		"attempts-sample": small(files["attempts-sample.json"]),
		"feedback-sample": small(files["feedback-sample.json"]),
	}
	tiny := tinyBundle(t)
	seeds["tiny"] = small(encode(t, tiny))
	seeds["stories"] = small(encode(t, storyBundle(t)))
	seeds["story-comments"] = small(encode(t, storyCommentBundle(t)))
	for name, c := range invalidCases(t, tiny) {
		seeds["invalid-"+name] = c.doc
	}
	for name, data := range seeds {
		body := "go test fuzz v1\n[]byte(" + strconv.Quote(string(data)) + ")\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatalf("compiling %s: %v", schemaFile, err)
	}
	return sch
}

func schemaValidate(t *testing.T, sch *jsonschema.Schema, doc []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// TestEncodedBundlesMatchSchema checks what EncodeBundle writes against docs/bundle.schema.json with
// a real JSON Schema validator: the sample bundles, and bundles of 200 seeded attempts with reviews.
func TestEncodedBundlesMatchSchema(t *testing.T) {
	sch := compileSchema(t)
	attempts, feedback := sampleBundles(t)
	docs := map[string][]byte{"sample attempts": encode(t, attempts), "sample feedback": encode(t, feedback)}

	sets, err := bank()
	if err != nil {
		t.Fatal(err)
	}
	seeded := preptest.Attempts(prep.Library{Bundled: sets}, 200, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 200*24*time.Hour, 7)
	b := prep.Bundle{Kind: prep.BundleFeedback, ExportedAt: time.Now().UTC(), ExportedBy: "Mentor"}
	for i := range seeded {
		ba := prep.BundleAttempt{Attempt: seeded[i]}
		if i%3 == 0 {
			ba.Reviews = append(ba.Reviews, review(t, &seeded[i], fmt.Sprint("seeded-", i), "Mentor", time.Now(), "Comment.", nil, 2, 3, 4, 1, 2, 3))
		}
		b.Attempts = append(b.Attempts, ba)
	}
	docs["200 seeded attempts, feedback"] = encode(t, b)
	b.Kind = prep.BundleAttempts
	docs["200 seeded attempts"] = encode(t, b)

	for name, doc := range docs {
		if err := schemaValidate(t, sch, doc); err != nil {
			t.Errorf("%s: the schema rejects what EncodeBundle wrote: %v", name, err)
		}
		if _, err := decode(doc); err != nil {
			t.Errorf("%s: DecodeBundle rejects what EncodeBundle wrote: %v", name, err)
		}
	}
}

type invalidCase struct {
	doc      []byte
	path     string // expected in DecodeBundle's error
	schemaOK bool   // true where only the decoder can tell (duplicate keys, cross-references)
}

// mutate decodes the sample attempts bundle as generic JSON, changes it, and encodes it again.
func mutate(t testing.TB, change func(doc map[string]any)) []byte {
	t.Helper()
	attempts, _ := sampleBundles(t)
	return mutateBundle(t, attempts, change)
}

func mutateBundle(t testing.TB, b prep.Bundle, change func(doc map[string]any)) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(encode(t, b), &doc); err != nil {
		t.Fatal(err)
	}
	change(doc)
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func attemptAt(doc map[string]any, i int) map[string]any {
	return doc["attempts"].([]any)[i].(map[string]any)
}

// invalidCases are broken versions of base, which has the shape of the sample attempts bundle.
func invalidCases(t testing.TB, base prep.Bundle) map[string]invalidCase {
	mutate := func(t testing.TB, change func(doc map[string]any)) []byte { return mutateBundle(t, base, change) }
	return map[string]invalidCase{
		"unknown-field": {doc: mutate(t, func(d map[string]any) { attemptAt(d, 0)["mood"] = "happy" }), path: "attempts[0].mood"},
		"wrong-type":    {doc: mutate(t, func(d map[string]any) { attemptAt(d, 1)["answer"] = 42 }), path: "attempts[1].answer"},
		"score-out-of-range": {doc: mutate(t, func(d map[string]any) {
			attemptAt(d, 2)["scores"].([]any)[1].(map[string]any)["value"] = 5
		}), path: "attempts[2].scores[1].value"},
		"nil-uuid":   {doc: mutate(t, func(d map[string]any) { attemptAt(d, 0)["id"] = uuid.Nil.String() }), path: "attempts[0].id"},
		"not-a-uuid": {doc: mutate(t, func(d map[string]any) { attemptAt(d, 0)["id"] = "attempt-1" }), path: "attempts[0].id"},
		"bad-prompt-id": {doc: mutate(t, func(d map[string]any) {
			attemptAt(d, 1)["prompt"].(map[string]any)["id"] = "Bad ID/../x"
		}), path: "attempts[1].prompt.id"},
		"missing-field": {doc: mutate(t, func(d map[string]any) { delete(attemptAt(d, 0), "finished_at") }), path: "attempts[0].finished_at"},
		"bad-time":      {doc: mutate(t, func(d map[string]any) { d["exported_at"] = "yesterday" }), path: "exported_at"},
		"bad-kind":      {doc: mutate(t, func(d map[string]any) { d["kind"] = "everything" }), path: "kind"},
		"null":          {doc: mutate(t, func(d map[string]any) { attemptAt(d, 0)["sections"] = nil }), path: "attempts[0].sections"},
		"fraction":      {doc: mutate(t, func(d map[string]any) { attemptAt(d, 0)["set_version"] = 1.5 }), path: "attempts[0].set_version"},
		"empty-review": {doc: mutate(t, func(d map[string]any) {
			r := attemptAt(d, 1)["reviews"].([]any)[0].(map[string]any)
			r["scores"], r["comment"] = []any{}, " "
		}), path: "attempts[1].reviews[0]"},
		"duplicate-key": {doc: bytes.Replace(mutate(t, func(map[string]any) {}), []byte(`"answer":`), []byte(`"answer":"first","answer":`), 1),
			path: "attempts[0].answer", schemaOK: true},
		"self-score-wrong-criterion": {doc: mutate(t, func(d map[string]any) {
			attemptAt(d, 0)["scores"].([]any)[1].(map[string]any)["criterion"] = "Charisma"
		}), path: "attempts[0].scores[1].criterion", schemaOK: true},
		"review-criterion-not-in-rubric": {doc: mutate(t, func(d map[string]any) {
			attemptAt(d, 1)["reviews"].([]any)[0].(map[string]any)["scores"].([]any)[0].(map[string]any)["criterion"] = "Charisma"
		}), path: "attempts[1].reviews[0].scores[0].criterion", schemaOK: true},
		"review-under-wrong-attempt": {doc: mutate(t, func(d map[string]any) {
			attemptAt(d, 1)["reviews"].([]any)[0].(map[string]any)["attempt_id"] = attemptAt(d, 0)["id"]
		}), path: "attempts[1].reviews[0].attempt_id", schemaOK: true},
		"duplicate-attempt": {doc: mutate(t, func(d map[string]any) { attemptAt(d, 2)["id"] = attemptAt(d, 0)["id"] }),
			path: "attempts[2].id", schemaOK: true},
		"trailing-data": {doc: append(mutate(t, func(map[string]any) {}), []byte(` {"more": true}`)...), path: "file", schemaOK: true},
	}
}

// TestInvalidBundlesAreRejected checks each broken document is refused by DecodeBundle with the
// path of what is wrong, and by the schema too where a schema can say it.
func TestInvalidBundlesAreRejected(t *testing.T) {
	sch := compileSchema(t)
	attempts, _ := sampleBundles(t)
	for name, c := range invalidCases(t, attempts) {
		t.Run(name, func(t *testing.T) {
			b, err := decode(c.doc)
			var be *prep.BundleError
			if !errors.As(err, &be) || b != nil {
				t.Fatalf("DecodeBundle: bundle %v, error %v; want a *BundleError", b != nil, err)
			}
			found := false
			for _, p := range be.Problems {
				found = found || p.Path == c.path
			}
			if !found {
				t.Errorf("no problem at %s in:\n%v", c.path, err)
			}
			serr := schemaValidate(t, sch, c.doc)
			if !c.schemaOK && serr == nil {
				t.Errorf("the schema accepts it")
			}
		})
	}
}

func TestDecodeBundleErrors(t *testing.T) {
	valid := mutate(t, func(map[string]any) {})
	cases := []struct {
		name string
		doc  []byte
		max  int64
		want string
		is   error
	}{
		{"newer version", mutate(t, func(d map[string]any) { d["version"] = prep.BundleVersion + 1; d["new_field"] = true }), 0,
			fmt.Sprintf("bundle format version %d is newer than this PanelPrep reads (%d); update PanelPrep", prep.BundleVersion+1, prep.BundleVersion), prep.ErrNewerBundle},
		{"not a bundle", []byte(`{"id": "director-leadership", "prompts": []}`), 0, "not a PanelPrep bundle: it has no format field", prep.ErrNotBundle},
		{"other format", []byte(`{"format": "something-else", "version": 1}`), 0, `format "something-else"`, prep.ErrNotBundle},
		{"too big", valid, int64(len(valid)) - 1, "is over", prep.ErrBundleTooBig},
		{"invalid UTF-8", append([]byte(`{"format":"panelprep-bundle","exported_by":"`), 0xff, '"', '}'), 0, "not valid UTF-8", nil},
		{"truncated", valid[:len(valid)/2], 0, "cut short", nil},
		{"syntax", []byte("{\"format\": \"panelprep-bundle\",\n  \"version\": 1,\n  oops}"), 0, "line 3", nil},
		{"not an object", []byte(`[1, 2]`), 0, "bundle: must be an object, not a list", nil},
		{"empty", []byte(" \n"), 0, "file: is empty", nil},
		{"deep nesting", append([]byte(`{"format":"panelprep-bundle","x":`), bytes.Repeat([]byte("["), 100000)...), 0, "", nil},
		{"wrong version", mutate(t, func(d map[string]any) { d["version"] = 0 }), 0, fmt.Sprintf("version: must be 1 to %d (got 0)", prep.BundleVersion), nil},
		{"a round past a working day", mutate(t, func(d map[string]any) {
			attemptAt(d, 0)["prompt"].(map[string]any)["minutes"] = 100000
		}), 0, "attempts[0].prompt.minutes: must be 0 to 480 minutes (got 100000)", nil},
		{"a phase past a working day", mutate(t, func(d map[string]any) {
			attemptAt(d, 0)["prompt"].(map[string]any)["phases"].([]any)[0].(map[string]any)["minutes"] = 481
		}), 0, "attempts[0].prompt.phases[0].minutes: must be 0 to 480 minutes (got 481)", nil},
		{"numbers out of range", mutate(t, func(d map[string]any) {
			attemptAt(d, 0)["phase_times"].([]any)[0].(map[string]any)["used_ms"] = 1e30
		}), 0, "attempts[0].phase_times[0].used_ms", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := prep.DecodeBundle(bytes.NewReader(c.doc), c.max)
			if err == nil || b != nil {
				t.Fatalf("accepted: %+v", b)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not say %q", err, c.want)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %v is not %v", err, c.is)
			}
		})
	}
}

func TestBundleErrorsNameLineAndPath(t *testing.T) {
	attempts, _ := sampleBundles(t)
	doc := encode(t, attempts) // indented: one field a line
	doc = bytes.Replace(doc, []byte(`"reflection": "Spent too long on the situation."`), []byte(`"reflection": "x", "mood": 1`), 1)
	_, err := decode(doc)
	line := 1 + bytes.Count(doc[:bytes.Index(doc, []byte(`"mood"`))], []byte("\n"))
	want := fmt.Sprintf("attempts[0].mood: unknown field (line %d,", line)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v; want %q", err, want)
	}
}

func TestEncodeRefusesInvalidBundle(t *testing.T) {
	attempts, _ := sampleBundles(t)
	attempts.Attempts[1].Scores[0].Value = 9
	var buf bytes.Buffer
	err := prep.EncodeBundle(&buf, attempts)
	if err == nil || !strings.Contains(err.Error(), "attempts[1].scores[0].value: must be 1 to 4 (got 9)") || buf.Len() != 0 {
		t.Fatalf("EncodeBundle wrote %d bytes, error %v", buf.Len(), err)
	}
}

func TestTopLevelReviewOfCarriedAttemptIsRefused(t *testing.T) {
	_, feedback := sampleBundles(t)
	r := feedback.Attempts[0].Reviews[0]
	r.ID = uuid.New()
	feedback.Reviews = append(feedback.Reviews, r)
	problems := feedback.Validate()
	if len(problems) != 1 || problems[0].Path != "reviews[1].attempt_id" || !strings.Contains(problems[0].Message, "attempts[0].reviews") {
		t.Fatalf("problems: %v", problems)
	}
}

func TestNewReviewChecksRubricAndSections(t *testing.T) {
	as := sampleAttempts(t)
	a := &as[0] // structured leadership answer
	at := time.Now()
	rubric := a.Prompt.Rubric
	if _, err := prep.NewReview(a, "Mentor", []prep.Score{{Criterion: rubric[0].Name, Value: 4}, {Criterion: rubric[2].Name, Value: 1}}, "", nil, at); err != nil {
		t.Errorf("a subset of the rubric in order: %v", err)
	}
	bad := []struct {
		scores   []prep.Score
		comment  string
		sections map[string]string
		who      string
		want     string
	}{
		{[]prep.Score{{Criterion: rubric[2].Name, Value: 3}, {Criterion: rubric[0].Name, Value: 3}}, "", nil, "M", "review.scores[1].criterion: \"" + rubric[0].Name + "\" is out of rubric order"},
		{[]prep.Score{{Criterion: "Charisma", Value: 3}}, "", nil, "M", "is not a criterion of the rubric"},
		{[]prep.Score{{Criterion: rubric[0].Name, Value: 0}}, "", nil, "M", "review.scores[0].value: must be 1 to 4 (got 0)"},
		{[]prep.Score{{Criterion: rubric[0].Name, Value: 2}, {Criterion: rubric[0].Name, Value: 3}}, "", nil, "M", "is scored twice"},
		{nil, "", map[string]string{"Deep dive": "x"}, "M", `review.section_comments["Deep dive"]: the attempt has no section "Deep dive"`},
		{nil, "", nil, "M", "the review is empty"},
		{nil, "ok", nil, "  ", "review.reviewer: is missing"},
	}
	for _, c := range bad {
		_, err := prep.NewReview(a, c.who, c.scores, c.comment, c.sections, at)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewReview(%v, %v): error %v; want %q", c.scores, c.sections, err, c.want)
		}
	}
	free := &as[2] // free text: no sections to comment on
	if _, err := prep.NewReview(free, "M", nil, "", map[string]string{"Requirements": "x"}, at); err == nil || !strings.Contains(err.Error(), "has no sections") {
		t.Errorf("section comment on a free-text answer: %v", err)
	}
}
