package prep_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/panelprep/panelprep/prep"
)

// promptTeamsSet is a one-prompt set whose teams line is line 14, so each problem's line is known.
const promptTeamsSet = `id = "teams-set"
title = "Teams"
version = 1
author = "Me"
description = "d"

[[prompts]]
id = "p1"
round = "systems-design"
level = "Director"
context = "saas"
title = "A title"
minutes = 10
teams = TEAMS
scenario = "Design it."

[[prompts.phases]]
name = "One"
minutes = 10

[[prompts.rubric]]
criterion = "High-level design"
competency = "technical-judgement"
anchor1 = "a"
anchor2 = "b"
anchor3 = "c"
anchor4 = "d"
`

// TestPromptTeamsInSetFile: a prompt's optional team list parses, and every rule it breaks is
// reported as file:line: field: what is wrong.
func TestPromptTeamsInSetFile(t *testing.T) {
	parse := func(teams string) (*prep.PracticeSet, []string) {
		t.Helper()
		text := strings.Replace(promptTeamsSet, "TEAMS", teams, 1)
		if teams == "" {
			text = strings.Replace(promptTeamsSet, "teams = TEAMS\n", "", 1)
		}
		set, err := prep.ParseSet("t.toml", []byte(text), nil)
		var fe *prep.SetFileError
		if err != nil && !errors.As(err, &fe) {
			t.Fatalf("got %v, want a *SetFileError", err)
		}
		var got []string
		if fe != nil {
			for _, p := range fe.Problems {
				got = append(got, p.String())
			}
		}
		return set, got
	}

	set, problems := parse(`["Checkout", "Payments platform", "Fraud & risk"]`)
	if len(problems) > 0 {
		t.Fatalf("a good team list is refused:\n%s", strings.Join(problems, "\n"))
	}
	if got := strings.Join(set.Prompts[0].Teams, "|"); got != "Checkout|Payments platform|Fraud & risk" {
		t.Fatalf("teams = %q", got)
	}
	if set, problems := parse(""); len(problems) > 0 || set.Prompts[0].Teams != nil {
		t.Fatalf("a prompt without teams: %v %v", problems, set)
	}

	long := strings.Repeat("x", prep.MaxTeamNameLen+1)
	cases := []struct{ name, teams, want string }{
		{"too many", `["A", "B", "C", "D", "E", "F", "G", "H", "I"]`, "t.toml:14: prompts[0].teams: lists 9 teams; a prompt may name at most 8"},
		{"empty name", `["A", "  "]`, "t.toml:14: prompts[0].teams[1]: a team name is empty"},
		{"long name", `["` + long + `"]`, `t.toml:14: prompts[0].teams[0]: team name "` + long + `" is 41 characters; at most 40`},
		{"duplicate", `["Checkout", "SRE", " checkout"]`, `t.toml:14: prompts[0].teams[2]: team "checkout" is listed twice (first as teams[0])`},
		{"wrong type", `"Checkout"`, "t.toml:14: prompts.teams: incompatible types"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, got := parse(c.teams)
			for _, g := range got {
				if strings.HasPrefix(g, c.want) {
					return
				}
			}
			t.Errorf("no problem starting %q in:\n%s", c.want, strings.Join(got, "\n"))
		})
	}
	// A name of exactly the limit, in characters rather than bytes, is fine.
	if _, got := parse(`["` + strings.Repeat("é", prep.MaxTeamNameLen) + `"]`); len(got) > 0 {
		t.Errorf("a 40-character name is refused: %v", got)
	}
}

// TestBundleCarriesPromptTeams: the prompt's teams survive EncodeBundle and DecodeBundle, the schema
// accepts them, and a bundle whose prompt names too many teams or one twice is refused by both.
func TestBundleCarriesPromptTeams(t *testing.T) {
	b := tinyBundle(t)
	teams := []string{"Checkout", "Payments platform", "Fraud & risk"}
	for i := range b.Attempts {
		b.Attempts[i].Prompt.Teams = teams
	}
	doc := encode(t, b)
	sch := compileSchema(t)
	if err := schemaValidate(t, sch, doc); err != nil {
		t.Fatalf("the schema rejects a prompt's teams: %v", err)
	}
	got, err := decode(doc)
	if err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(got.Attempts[0].Prompt.Teams, "|"); s != strings.Join(teams, "|") {
		t.Fatalf("teams after the round trip = %q", s)
	}
	// A prompt without teams writes no key: bundles from before teams read the same.
	mutateBundle(t, tinyBundle(t), func(d map[string]any) {
		if v, ok := attemptAt(d, 0)["prompt"].(map[string]any)["teams"]; ok {
			t.Fatalf("a prompt without teams wrote %v", v)
		}
	})

	for name, list := range map[string][]any{
		"too many":  {"A", "B", "C", "D", "E", "F", "G", "H", "I"},
		"duplicate": {"SRE", "Mobile", "SRE"},
		"too long":  {strings.Repeat("x", 41)},
	} {
		t.Run(name, func(t *testing.T) {
			bad := mutateBundle(t, b, func(d map[string]any) { attemptAt(d, 1)["prompt"].(map[string]any)["teams"] = list })
			if schemaValidate(t, sch, bad) == nil {
				t.Error("the schema accepts it")
			}
			_, err := decode(bad)
			if err == nil || !strings.Contains(err.Error(), "attempts[1].prompt.teams") {
				t.Errorf("decoding: %v", err)
			}
		})
	}
}
