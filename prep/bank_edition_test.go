package prep_test

import (
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/prep"
)

// The practice bank's second edition answered a panel's review of the first with figures; this
// test holds the bundled bank to them, so a later edit cannot quietly bring a problem back.

// parsedBank is the bundled competency model and practice sets parsed from their TOML files, once
// for all the package's tests that read them: every parse took about half a second under -race,
// and over a dozen tests parsed them again. The tests only read it.
var parsedBank = sync.OnceValues(func() (*prep.Bank, error) { return prep.LoadBank(assets.Sets, "sets") })

// bundledBank returns the bundled competency model and practice sets.
func bundledBank(t testing.TB) *prep.Bank {
	t.Helper()
	bank, err := parsedBank()
	if err != nil {
		t.Fatal(err)
	}
	return bank
}

// bundledPrompts returns every bundled prompt.
func bundledPrompts(t *testing.T) []prep.Prompt {
	t.Helper()
	var out []prep.Prompt
	for _, s := range bundledBank(t).Sets {
		out = append(out, s.Prompts...)
	}
	return out
}

// Scores add up across prompts only if criteria share names: a name used once shows no trend.
func TestBankCriterionNamesAreFewAndShared(t *testing.T) {
	uses := map[string]int{}
	for _, p := range bundledPrompts(t) {
		for _, c := range p.Rubric {
			uses[c.Name]++
			if c.Competency == "" {
				t.Errorf("%s: criterion %q names no competency", p.ID, c.Name)
			}
		}
	}
	if len(uses) > 40 {
		t.Errorf("%d distinct criterion names, want at most 40", len(uses))
	}
	for name, n := range uses {
		if n < 2 {
			t.Errorf("criterion %q is used by one prompt only", name)
		}
	}
}

// Behavioural questions: enough for a round of three or four to be drawn for any competency.
func TestBankBehaviouralQuestionsCoverEveryCompetency(t *testing.T) {
	model := bundledBank(t).Competencies
	questions, per := 0, map[string]int{}
	for _, p := range bundledPrompts(t) {
		if p.Round != prep.Behavioural {
			continue
		}
		questions++
		seen := map[string]bool{}
		for _, c := range p.Rubric {
			if !seen[c.Competency] {
				seen[c.Competency] = true
				per[c.Competency]++
			}
		}
		if q := strings.ToLower(p.Scenario); !strings.Contains(q, "tell me") && !strings.Contains(q, "tell us") {
			t.Errorf("%s: a behavioural question that does not ask for the candidate's own story", p.ID)
		}
	}
	if questions < 36 {
		t.Errorf("%d behavioural questions, want at least 36", questions)
	}
	for _, c := range model {
		if per[c.ID] < 4 {
			t.Errorf("competency %s: %d behavioural questions, want at least 4", c.ID, per[c.ID])
		}
	}
}

var (
	// judgement is what a level-4 anchor rewards: a refusal, a reversible step, the evidence or the
	// trigger that would change the call, a choice made against the obvious one.
	judgement = regexp.MustCompile(`(?i)refus|revers|evidence|would change|declin|undo|trigger|threshold|chooses|decides not|won't|will not|rather than|instead of|walk away|push(es)? back|\bstop|kill`)
	// rubricWording is a rubric's language leaking into a strong answer's outline.
	rubricWording = regexp.MustCompile(`(?i)\bA 4\b|scores? a [1-4]|level[- ]4|a 4 means`)
)

func TestBankAnchorsAndOutlines(t *testing.T) {
	var level4, also, judged int
	for _, p := range bundledPrompts(t) {
		for _, c := range p.Rubric {
			if a1 := strings.TrimSpace(c.Anchor1); a1 == "None." || len(strings.Fields(a1)) <= 3 {
				t.Errorf("%s %q: level 1 %q is not an answer a real candidate gives", p.ID, c.Name, a1)
			}
			level4++
			if strings.HasPrefix(c.Anchor4, "Also") {
				also++
			}
			if judgement.MatchString(c.Anchor4) {
				judged++
			}
		}
		for _, o := range p.Outline {
			if rubricWording.MatchString(o) {
				t.Errorf("%s: outline point quotes the rubric: %q", p.ID, o)
			}
		}
	}
	if also*4 > level4 {
		t.Errorf("%d of %d level-4 anchors begin \"Also\", want at most a quarter", also, level4)
	}
	if judged*2 < level4 {
		t.Errorf("%d of %d level-4 anchors reward judgement, want at least half", judged, level4)
	}
	t.Logf("level-4 anchors: %d, %d begin \"Also\", %d reward judgement", level4, also, judged)
}

// A hypothetical ("what do you do?") has no results yet: its phases and rubric say so.
func TestBankHypotheticalsScoreNoInventedResults(t *testing.T) {
	for _, p := range bundledPrompts(t) {
		if p.Round != prep.Leadership && p.Round != prep.OrgDesign {
			continue
		}
		for _, c := range p.Rubric {
			if strings.Contains(strings.ToLower(c.Name), "result") {
				t.Errorf("%s: hypothetical scored on %q", p.ID, c.Name)
			}
		}
		for _, ph := range p.Phases {
			if n := strings.ToLower(ph.Name); strings.Contains(n, "result") || strings.Contains(n, "situation and task") {
				t.Errorf("%s: hypothetical with a story's phase %q", p.ID, ph.Name)
			}
		}
		if len(p.Outline) > 0 && strings.HasPrefix(p.Outline[0], "Front-loads") {
			t.Errorf("%s: outline opens with a story's %q", p.ID, p.Outline[0])
		}
	}
}

// A 60-minute systems design round drills down as real panels do: five to seven follow-ups, at
// least three from the senior IC while the design is being drawn or deepened.
func TestBankSystemsDesignFollowUps(t *testing.T) {
	for _, p := range bundledPrompts(t) {
		if p.Round != prep.SystemsDesign || p.Minutes != 60 {
			continue
		}
		if n := len(p.FollowUps); n < 5 || n > 7 {
			t.Errorf("%s: %d follow-ups, want 5 to 7", p.ID, n)
		}
		inside := 0
		start := 0
		for _, ph := range p.Phases {
			name := strings.ToLower(ph.Name)
			if strings.Contains(name, "design") || strings.Contains(name, "architecture") || strings.Contains(name, "deep") {
				for _, f := range p.FollowUps {
					if f.Asker == prep.AskerIC && f.Minute >= start && f.Minute < start+ph.Minutes {
						inside++
					}
				}
			}
			start += ph.Minutes
		}
		if inside < 3 {
			t.Errorf("%s: %d senior-IC follow-ups inside the design and deep-dive phases, want at least 3", p.ID, inside)
		}
	}
}

// At VP level the company's leaders ask: a CTO or CEO, not the VP of Engineering playing one.
func TestBankVPPromptsHaveExecutiveAskers(t *testing.T) {
	for _, p := range bundledPrompts(t) {
		if p.Level != prep.LevelVP {
			continue
		}
		exec := false
		for _, f := range p.FollowUps {
			exec = exec || f.Asker == prep.AskerCTO || f.Asker == prep.AskerCEO
			if f.Asker == prep.AskerVP && strings.Contains(strings.ToLower(f.Question), "playing the ceo") {
				t.Errorf("%s: the VP of Engineering plays the CEO: %q", p.ID, f.Question)
			}
		}
		if !exec {
			t.Errorf("%s: a VP-level prompt with no CTO or CEO follow-up", p.ID)
		}
	}
}

// The topics a 2026 Director loop covers that the first edition lacked, each with a prompt.
func TestBankCoversTheGaps(t *testing.T) {
	gaps := map[string][]string{
		"AI adoption":            {"ai-adoption", "ai-platform"},
		"interview loop and bar": {"interview-loop"},
		"engineering metrics":    {"engineering-metrics"},
		"live incident command":  {"incident-command"},
		"reduction in force":     {"reduction-in-force"},
		"acquisition":            {"acquisition"},
		"build versus buy":       {"build-vs-buy"},
		"cloud cost":             {"cloud-cost"},
		"engineering strategy":   {"engineering-strategy"},
		"return to office":       {"return-to-office"},
		"equity quality":         {"equity"},
		"severance":              {"severance"},
		"level in the contract":  {"contract"},
	}
	tagged := map[string]int{}
	for _, p := range bundledPrompts(t) {
		if p.Round == prep.Behavioural {
			continue // the gaps are for the scenario rounds; stories are the candidate's own
		}
		for _, tag := range p.Tags {
			tagged[tag]++
		}
	}
	for gap, tags := range gaps {
		n := 0
		for _, tag := range tags {
			n += tagged[tag]
		}
		if n == 0 {
			t.Errorf("no prompt covers %s (tags %v)", gap, tags)
		}
	}
}

// The slips the review found stay fixed.
func TestBankFactualSlipsStayFixed(t *testing.T) {
	slips := map[string][]string{
		"sd-card-authorisation-ledger":     {"1 billion rows"},
		"sd-bank-disaster-recovery-dora":   {"important business service", "impact tolerance"},
		"od-fin-vp-director-layer-lending": {"every Director needs a statement of responsibilities"},
	}
	for _, p := range bundledPrompts(t) {
		text := strings.Join(append(append([]string{p.Scenario}, p.Constraints...), append(p.Hints, p.Outline...)...), "\n")
		for _, slip := range slips[p.ID] {
			if strings.Contains(strings.ToLower(text), strings.ToLower(slip)) {
				t.Errorf("%s: %q is back", p.ID, slip)
			}
		}
		if p.ID == "od-ent-nearshore-hub-mexico-city" && strings.Contains(text, "one hour") && !strings.Contains(text, "two") {
			t.Errorf("%s: the time difference ignores US daylight saving", p.ID)
		}
	}
}
