package prep

import (
	"errors"
	"os"
	"strings"
	"testing"
)

const goodSet = `id = "my-set"
title = "Mine"
version = 1
author = "Me"
description = "d"

[[prompts]]
id = "p1"
round = "leadership"
level = "Director"
context = "saas"
title = "A title"
minutes = 30
scenario = """
Line one.
key = "not a key: this is inside a multi-line string"
"""
hints = ["h"]

[[prompts.phases]]
name = "One"
minutes = 10

[[prompts.phases]]
name = "Two"
minutes = 20

[[prompts.followups]]
minute = 12
asker = "senior-ic"
question = "Why?"

[[prompts.rubric]]
criterion = "Ownership"
competency = "delivery"
anchor1 = "a"
anchor2 = "b"
anchor3 = "c"
anchor4 = "d"
`

func TestParseSetGood(t *testing.T) {
	s, err := ParseSet("good.toml", []byte(goodSet), testModel)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := s.Prompt("p1")
	if !ok || p.Minutes != 30 || len(p.Phases) != 2 || p.FollowUps[0].Asker != AskerIC || p.Rubric[0].Anchor(4) != "d" {
		t.Fatalf("parsed %+v", p)
	}
}

// problems parses text that must fail and returns the problems it reports, as printed.
func problems(t *testing.T, text string) []string {
	t.Helper()
	_, err := ParseSet("bad.toml", []byte(text), testModel)
	var fe *SetFileError
	if !errors.As(err, &fe) {
		t.Fatalf("got %v, want a *SetFileError", err)
	}
	var out []string
	for _, p := range fe.Problems {
		out = append(out, p.String())
	}
	return out
}

func TestParseSetReportsLines(t *testing.T) {
	cases := []struct {
		name, from, to, want string
	}{
		{"phases do not sum", "minutes = 20\n", "minutes = 25\n", "bad.toml:20: prompts[0].phases: phase minutes sum to 35 but the round is 30 minutes"},
		{"missing anchor", `anchor3 = "c"` + "\n", "", `bad.toml:33: prompts[0].rubric[0].anchor3: criterion "Ownership" has no anchor for a score of 3`},
		{"follow-up past the end", "minute = 12", "minute = 31", "bad.toml:29: prompts[0].followups[0].minute: minute 31 is outside the 30-minute round"},
		{"unknown round type", `round = "leadership"`, `round = "culture"`, `bad.toml:9: prompts[0].round: unknown round type "culture"`},
		{"unknown key", `hints = ["h"]`, `hint = ["h"]`, "bad.toml:18: prompts[0].hint: unknown field"},
		{"wrong type", "minutes = 30", `minutes = "thirty"`, "bad.toml:13: prompts.minutes: incompatible types"},
		{"duplicate key", `title = "A title"`, `title = "A title"` + "\ntitle = \"Again\"", "bad.toml:13: toml: Key 'prompts.title' has already been defined"},
		{"unknown asker", `asker = "senior-ic"`, `asker = "recruiter"`, `bad.toml:30: prompts[0].followups[0].asker: unknown panel member "recruiter"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(goodSet, c.from, c.to, 1)
			if text == goodSet {
				t.Fatalf("replacement %q not found", c.from)
			}
			got := problems(t, text)
			for _, g := range got {
				if strings.HasPrefix(g, c.want) {
					return
				}
			}
			t.Errorf("no problem starting %q in:\n%s", c.want, strings.Join(got, "\n"))
		})
	}
}

func TestParseSetDuplicatePromptID(t *testing.T) {
	second := goodSet[strings.Index(goodSet, "[[prompts]]"):]
	got := problems(t, goodSet+"\n"+second)
	want := `prompts[1].id: duplicate prompt ID "p1" (first used by prompts[0])`
	for _, g := range got {
		if strings.HasPrefix(g, "bad.toml:42: "+want) {
			return
		}
	}
	t.Errorf("no %q at line 42 in:\n%s", want, strings.Join(got, "\n"))
}

func TestParseSetRejectsInvalidUTF8(t *testing.T) {
	got := problems(t, strings.Replace(goodSet, "Line one.", "Line \xff one.", 1))
	if len(got) != 1 || !strings.Contains(got[0], "bad.toml:15: file: is not valid UTF-8") {
		t.Errorf("got %v", got)
	}
}

func TestParseSetRejectsOversizedFile(t *testing.T) {
	got := problems(t, goodSet+strings.Repeat("#", MaxSetFileSize))
	if len(got) != 1 || !strings.Contains(got[0], "at most") {
		t.Errorf("got %v", got)
	}
}

// Minutes are bounded by a working day, and phases whose minutes would overflow an int (here
// 2^63-1 + 2^63-1 + 32, which wraps round to exactly the round's 30) are refused, never summed
// into a round that looks right.
func TestParseSetBoundsMinutes(t *testing.T) {
	const huge = "9223372036854775807"
	cases := []struct {
		name string
		edit func(string) string
		want []string
	}{
		{"round of 2^63-1 minutes", func(s string) string {
			return strings.Replace(s, "minutes = 30\n", "minutes = "+huge+"\n", 1)
		}, []string{"bad.toml:13: prompts[0].minutes: a round is at most 480 minutes, a working day (got " + huge + ")"}},
		{"round of 481 minutes", func(s string) string {
			s = strings.Replace(s, "minutes = 30\n", "minutes = 481\n", 1)
			return strings.Replace(s, "minutes = 20\n", "minutes = 471\n", 1)
		}, []string{"bad.toml:13: prompts[0].minutes: a round is at most 480 minutes"}},
		{"phases that wrap round to the round's length", func(s string) string {
			s = strings.Replace(s, "minutes = 10\n", "minutes = "+huge+"\n", 1)
			s = strings.Replace(s, "minutes = 20\n", "minutes = "+huge+"\n", 1)
			return strings.Replace(s, "\n[[prompts.followups]]", "\n[[prompts.phases]]\nname = \"Three\"\nminutes = 32\n\n[[prompts.followups]]", 1)
		}, []string{
			"bad.toml:22: prompts[0].phases[0].minutes: a phase is at most 480 minutes, a working day (got " + huge + ")",
			"bad.toml:26: prompts[0].phases[1].minutes: a phase is at most 480 minutes",
		}},
		{"phases summing past a working day", func(s string) string {
			s = strings.Replace(s, "minutes = 10\n", "minutes = 480\n", 1)
			return strings.Replace(s, "minutes = 20\n", "minutes = 480\n", 1)
		}, []string{"bad.toml:20: prompts[0].phases: phase minutes sum to more than 480 but the round is 30 minutes"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := c.edit(goodSet)
			if text == goodSet {
				t.Fatal("the edit changed nothing")
			}
			got := problems(t, text)
			for _, w := range c.want {
				found := false
				for _, g := range got {
					found = found || strings.HasPrefix(g, w)
				}
				if !found {
					t.Errorf("no problem starting %q in:\n%s", w, strings.Join(got, "\n"))
				}
			}
		})
	}
	// The largest round is fine.
	text := strings.Replace(strings.Replace(goodSet, "minutes = 30\n", "minutes = 480\n", 1), "minutes = 20\n", "minutes = 470\n", 1)
	if _, err := ParseSet("ok.toml", []byte(text), testModel); err != nil {
		t.Errorf("a 480-minute round was refused: %v", err)
	}
}

// An unknown key in a table that repeats (every criterion of a rubric) is reported once per place
// it stands, not once per place for each place: a set with 163 stray keys printed 26,000 lines.
func TestParseSetReportsEachUnknownKeyOnce(t *testing.T) {
	data, err := os.ReadFile("../testdata/sets/custom-v1.toml")
	if err != nil {
		t.Fatal(err)
	}
	stray := strings.ReplaceAll(string(data), "criterion = ", "extra = 1\ncriterion = ")
	n := strings.Count(stray, "extra = 1")
	_, err = ParseSet("stray.toml", []byte(stray), nil)
	var fe *SetFileError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want a SetFileError", err)
	}
	seen := map[string]bool{}
	for _, p := range fe.Problems {
		if seen[p.String()] {
			t.Errorf("reported twice: %s", p)
		}
		seen[p.String()] = true
	}
	if len(fe.Problems) != n || n < 2 {
		t.Errorf("%d problems for %d stray keys:\n%v", len(fe.Problems), n, fe.Problems)
	}
}
