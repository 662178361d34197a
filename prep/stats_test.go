package prep_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

var utc = time.UTC

func summary(prompt string, r prep.RoundType, at time.Time, scores ...prep.Score) prep.AttemptSummary {
	a := prep.Attempt{ID: uuid.New(), Prompt: prep.Prompt{ID: prompt, Title: "Title " + prompt, Round: r}, Scores: scores, FinishedAt: at,
		PhaseTimes: []prep.PhaseTime{{Name: "Clarify", Budget: 5 * time.Minute, Used: 7 * time.Minute}, {Name: "Design", Budget: 20 * time.Minute, Used: 15 * time.Minute}}}
	return a.Summary()
}

func day(d int) time.Time { return time.Date(2026, 11, d, 10, 0, 0, 0, utc) }

func sc(name string, v int) prep.Score { return prep.Score{Criterion: name, Value: v} }

func TestStatsEmptyHistory(t *testing.T) {
	lib := prep.Library{Bundled: []*prep.PracticeSet{{ID: "s", Prompts: []prep.Prompt{{ID: "a", Round: prep.Leadership}}}}}
	st := prep.ComputeStats(nil, lib, day(26), utc)
	if st.Attempts != 0 || len(st.Weekly) != 0 || len(st.Criteria) != 0 || st.Streak != (prep.Streak{}) {
		t.Fatalf("empty history: %+v", st)
	}
	if len(st.Coverage) != 1 || st.Coverage[0].Total != 1 || st.Coverage[0].Attempted != 0 {
		t.Fatalf("coverage %+v", st.Coverage)
	}
	if got := prep.DueForPractice(nil, nil, day(26), 10); len(got) != 0 {
		t.Fatalf("nothing to review with no history: %+v", got)
	}
}

func TestStatsSingleAttempt(t *testing.T) {
	h := []prep.AttemptSummary{summary("a", prep.SystemsDesign, day(25), sc("Trade-offs", 2), sc("Communication", 4))}
	st := prep.ComputeStats(h, prep.Library{}, day(26), utc)
	if len(st.Weekly) != 1 || st.Weekly[0].Average != 3 || st.Weekly[0].Week != time.Date(2026, 11, 23, 0, 0, 0, 0, utc) {
		t.Fatalf("weekly %+v (week of Wed 25 Nov starts Mon 23 Nov)", st.Weekly)
	}
	if st.Criteria[0].Criterion != "Trade-offs" || st.Criteria[1].Average != 4 {
		t.Fatalf("criteria not weakest first: %+v", st.Criteria)
	}
	if len(st.Phases) != 2 || st.Phases[0].Phase != "Clarify" || st.Phases[0].AvgUsed != 7*time.Minute {
		t.Fatalf("phases %+v", st.Phases)
	}
	if st.Streak != (prep.Streak{Current: 1, Longest: 1, Days: 1}) {
		t.Fatalf("practised yesterday: streak %+v", st.Streak)
	}
	if len(st.Coverage) != 1 || st.Coverage[0].Attempted != 1 {
		t.Fatalf("coverage %+v", st.Coverage)
	}
}

func TestStatsWeeksAndStreaks(t *testing.T) {
	h := []prep.AttemptSummary{
		summary("a", prep.Leadership, day(2), sc("Ownership", 1)),
		summary("a", prep.Leadership, day(3), sc("Ownership", 3)),
		summary("b", prep.Leadership, day(9), sc("Ownership", 4)),
		summary("b", prep.Leadership, day(10), sc("Ownership", 4)),
		summary("c", prep.Leadership, day(11), sc("Ownership", 2)),
		summary("c", prep.Leadership, day(11), sc("Ownership", 2)),
	}
	st := prep.ComputeStats(h, prep.Library{}, day(26), utc)
	if len(st.Weekly) != 2 || st.Weekly[0].Average != 2 || st.Weekly[1].Attempts != 4 || st.Weekly[1].Average != 3 {
		t.Fatalf("weekly %+v", st.Weekly)
	}
	if st.Streak.Longest != 3 || st.Streak.Current != 0 || st.Streak.Days != 5 {
		t.Fatalf("streak %+v: longest run 9-11 Nov, broken since", st.Streak)
	}
}

func TestSM2Scheduling(t *testing.T) {
	// A weak criterion comes back the next day; a strong prompt drifts out.
	h := []prep.AttemptSummary{
		summary("strong", prep.SystemsDesign, day(1), sc("Communication", 4), sc("Trade-offs", 1)),
		summary("strong", prep.SystemsDesign, day(2), sc("Communication", 4), sc("Trade-offs", 2)),
		summary("strong", prep.SystemsDesign, day(8), sc("Communication", 4), sc("Trade-offs", 2)),
	}
	due := prep.DueForPractice(h, nil, day(10), 10)
	var trade, strong *prep.PracticeItem
	for i := range due {
		if due[i].Title == "Trade-offs" {
			trade = &due[i]
		}
		if due[i].PromptID == "strong" {
			strong = &due[i]
		}
	}
	if trade == nil || trade.Interval != 24*time.Hour {
		t.Fatalf("Trade-offs (scores 1, 2, 2) is not due with a one-day interval: %+v", due)
	}
	if want := "criterion Trade-offs averaged 1.7 over your last 3 systems design rounds"; trade.Reason != want {
		t.Errorf("reason %q, want %q", trade.Reason, want)
	}
	if strong != nil {
		t.Errorf("a prompt averaging 2.5 after 6 days should not be due yet? got %+v", strong)
	}
	// Communication: three 4s: intervals 1, 6, then 6*EF; not due two days after the last.
	for _, d := range due {
		if d.Title == "Communication" {
			t.Errorf("a criterion scored 4 three times is due: %+v", d)
		}
	}
	if later := prep.DueForPractice(h, nil, day(8).AddDate(0, 0, 40), 10); len(later) < 3 {
		t.Errorf("after 40 days everything is due again, got %d items", len(later))
	}
	if got := prep.DueForPractice(h, nil, day(10), 1); len(got) != 1 || got[0].LastScore != 2 {
		t.Errorf("limit and weakest first: %+v", got)
	}
}

func TestSearch(t *testing.T) {
	a := prep.Attempt{ID: uuid.New(), Prompt: prep.Prompt{Title: "Ledger"}, FinishedAt: day(3),
		Answer:     strings.Repeat("filler words here ", 20) + "the Idempotency key is the network message ID" + strings.Repeat(" more text", 20),
		Reflection: "Spent too long on clarifying."}
	b := prep.Attempt{ID: uuid.New(), Prompt: prep.Prompt{Title: "Org"}, FinishedAt: day(2), Answer: "Spans of control.",
		FollowUps: []prep.FollowUpAnswer{{Answer: "I would hire the EM first; idempotency is not my call."}}}
	ix := prep.NewSearchIndex([]prep.SearchDoc{a.SearchDoc(), b.SearchDoc()})
	hits := ix.Search("IDEMPOTENCY", 10)
	if len(hits) != 2 || hits[0].ID != a.ID || hits[0].Field != "answer" || hits[1].Field != "follow-up reply" {
		t.Fatalf("hits %+v", hits)
	}
	h := hits[0]
	if got := h.Passage[h.MatchStart:h.MatchEnd]; got != "Idempotency" {
		t.Fatalf("match %q in passage %q", got, h.Passage)
	}
	if !strings.HasPrefix(h.Passage, "…") || !strings.HasSuffix(h.Passage, "…") || len(h.Passage) > 2*90+len("idempotency")+10 {
		t.Errorf("passage is not the text around the match: %q", h.Passage)
	}
	if got := ix.Search("clarifying", 10); len(got) != 1 || got[0].Field != "reflection" {
		t.Errorf("reflection search: %+v", got)
	}
	if got := ix.Search("  ", 10); got != nil {
		t.Errorf("blank query: %+v", got)
	}
	if got := ix.Search("idempotency", 1); len(got) != 1 {
		t.Errorf("limit: %d hits", len(got))
	}
}

func TestDiffWords(t *testing.T) {
	parts := prep.DiffWords("We split the ledger from auth.\nThen migrate.", "We split the ledger from the auth path.\nThen migrate slowly.")
	var added, removed, same string
	for _, p := range parts {
		switch p.Kind {
		case prep.DiffAdded:
			added += p.Text
		case prep.DiffRemoved:
			removed += p.Text
		default:
			same += p.Text
		}
	}
	if removed != "auth.\nmigrate." || !strings.Contains(added, "the auth path.") || !strings.Contains(added, "slowly.") {
		t.Fatalf("added %q removed %q same %q", added, removed, same)
	}
	var rebuilt strings.Builder
	for _, p := range parts {
		if p.Kind != prep.DiffRemoved {
			rebuilt.WriteString(p.Text)
		}
	}
	if rebuilt.String() != "We split the ledger from the auth path.\nThen migrate slowly." {
		t.Fatalf("same+added does not rebuild the new text: %q", rebuilt.String())
	}
	if got := prep.DiffWords("", ""); len(got) != 0 {
		t.Errorf("empty diff %+v", got)
	}
}

func seeded(b testing.TB, n int) (prep.Library, []prep.Attempt) {
	bank, err := prep.LoadBank(assets.Sets, "sets")
	if err != nil {
		b.Fatal(err)
	}
	lib := prep.Library{Bundled: bank.Sets, Competencies: bank.Competencies}
	return lib, preptest.Attempts(lib, n, time.Date(2025, 1, 6, 9, 0, 0, 0, utc), 600*24*time.Hour, 1)
}

// BenchmarkStats10k computes the progress screen's statistics and the Today list over 10,000
// attempts. Goal: under 50 ms.
func BenchmarkStats10k(b *testing.B) {
	lib, attempts := seeded(b, 10000)
	history := preptest.Summaries(attempts)
	now := attempts[len(attempts)-1].FinishedAt.Add(24 * time.Hour)
	for b.Loop() {
		st := prep.ComputeStats(history, lib, now, utc)
		due := prep.DueForPractice(history, nil, now, 8)
		if st.Attempts != 10000 || len(due) == 0 {
			b.Fatal(st.Attempts, len(due))
		}
	}
}

// BenchmarkSearch10k searches the answers, reflections and replies of 10,000 attempts for a phrase
// that is in about one in ten (the first 50 hits are returned). Goal: under 50 ms.
func BenchmarkSearch10k(b *testing.B) {
	_, attempts := seeded(b, 10000)
	ix := prep.NewSearchIndex(preptest.SearchDocs(attempts))
	b.Run("common", func(b *testing.B) {
		for b.Loop() {
			if hits := ix.Search("release train", 50); len(hits) != 50 {
				b.Fatal(len(hits))
			}
		}
	})
	b.Run("absent", func(b *testing.B) { // the worst case: every text is scanned to the end
		for b.Loop() {
			if hits := ix.Search("kubernetes operator", 50); len(hits) != 0 {
				b.Fatal(len(hits))
			}
		}
	})
}

// TestPhaseSummaryListsOnlyPhasesOverBudget: the summary under the phase chart once named phases
// that were under their budget as "furthest over budget".
func TestPhaseSummaryListsOnlyPhasesOverBudget(t *testing.T) {
	// summary's phases: Clarify 7 of 5 min (over), Design 15 of 20 min (under).
	st := prep.ComputeStats([]prep.AttemptSummary{summary("a", prep.SystemsDesign, day(25))}, prep.Library{}, day(26), utc)
	got := st.PhaseSummary(3)
	if !strings.Contains(got, "Clarify") || strings.Contains(got, "Design in") {
		t.Fatalf("phase summary %q: want Clarify (over budget) and not Design (under)", got)
	}
	if want := "The one phase over budget, on average: Clarify in systems design: 7.0 min used of 5.0 min (140%)."; got != want {
		t.Fatalf("phase summary\n got %q\nwant %q", got, want)
	}
	under := prep.Attempt{ID: uuid.New(), Prompt: prep.Prompt{ID: "b", Round: prep.Leadership}, FinishedAt: day(25),
		PhaseTimes: []prep.PhaseTime{{Name: "Frame", Budget: 5 * time.Minute, Used: 4 * time.Minute}}}
	st = prep.ComputeStats([]prep.AttemptSummary{under.Summary()}, prep.Library{}, day(26), utc)
	if got, want := st.PhaseSummary(3), "Every phase within its budget, on average."; got != want {
		t.Fatalf("all under budget: got %q, want %q", got, want)
	}
}

func TestCountAndSentence(t *testing.T) {
	for _, c := range []struct {
		n    int
		noun string
		want string
	}{
		{0, "prompt", "0 prompts"}, {1, "prompt", "1 prompt"}, {2, "prompt", "2 prompts"},
		{1, "EM", "1 EM"}, {3, "EM", "3 EMs"}, {1, "team", "1 team"}, {1, "person|people", "1 person"}, {4, "person|people", "4 people"},
		{999, "attempt", "999 attempts"}, {1000, "attempt", "1,000 attempts"}, {10000, "attempt", "10,000 attempts"},
		{1234567, "attempt", "1,234,567 attempts"}, {-2500, "day", "-2,500 days"},
	} {
		if got := prep.Count(c.n, c.noun); got != c.want {
			t.Errorf("Count(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
	for in, want := range map[string]string{
		"Do you create a platform team?": "Do you create a platform team?",
		"Saved":                          "Saved.",
		"Done.":                          "Done.",
		"Wait…":                          "Wait…",
		"":                               "",
	} {
		if got := prep.Sentence(in); got != want {
			t.Errorf("Sentence(%q) = %q, want %q", in, got, want)
		}
	}
}
