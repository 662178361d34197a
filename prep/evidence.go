package prep

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// MaxEvidenceLen is the longest passage, in characters, a score may cite: a paragraph, not the
// whole answer.
const MaxEvidenceLen = 1000

// ErrEvidence is returned when a score's cited passage is too long or not in the answer.
var ErrEvidence = errors.New("a cited passage must be text from the answer")

var spaces = regexp.MustCompile(`\s+`)

// normaliseSpace collapses every run of white space to one space, so that a passage cited from a
// wrapped paragraph still matches the answer it came from.
func normaliseSpace(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// CheckEvidence reports the first score whose cited passage is too long or does not occur in
// answer (white space normalised). Scores without a passage are fine.
func CheckEvidence(answer string, scores []Score) error {
	var norm string
	for _, s := range scores {
		if problem := evidenceProblem(answer, &norm, s.Evidence); problem != "" {
			return fmt.Errorf("%w: the passage cited for %q %s", ErrEvidence, s.Criterion, problem)
		}
	}
	return nil
}

// evidenceProblem says what is wrong with one cited passage, or "". norm caches the normalised
// answer across calls.
func evidenceProblem(answer string, norm *string, evidence string) string {
	e := normaliseSpace(evidence)
	if e == "" {
		return ""
	}
	if n := utf8.RuneCountInString(evidence); n > MaxEvidenceLen {
		return fmt.Sprintf("is %d characters; a passage may be at most %d", n, MaxEvidenceLen)
	}
	if *norm == "" {
		*norm = normaliseSpace(answer)
	}
	if !strings.Contains(*norm, e) {
		return "is not in the answer"
	}
	return ""
}

var (
	sentenceEnd = regexp.MustCompile(`[.!?]["'”’)]*\s+`)
	listMarker  = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+`)
)

// Passages splits an answer into the passages a score can cite: each sentence of each paragraph,
// each list item on its own. Headings, tables and rules are left out (they claim nothing), as are
// repeats. Every passage occurs in the answer, white space normalised, and is at most
// MaxEvidenceLen characters (a longer sentence is cut, so it still occurs).
func Passages(answer string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		p = normaliseSpace(p)
		if utf8.RuneCountInString(p) > MaxEvidenceLen {
			p = strings.TrimSpace(string([]rune(p)[:MaxEvidenceLen]))
		}
		if p == "" || seen[p] {
			return
		}
		seen[p] = true
		out = append(out, p)
	}
	var para []string
	flush := func() {
		text := strings.Join(para, " ")
		para = para[:0]
		for len(text) > 0 {
			loc := sentenceEnd.FindStringIndex(text)
			if loc == nil {
				add(text)
				break
			}
			add(text[:loc[1]])
			text = text[loc[1]:]
		}
	}
	for _, line := range strings.Split(answer, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
		case strings.HasPrefix(t, "#"), strings.HasPrefix(t, "|"), strings.HasPrefix(t, "---"), strings.HasPrefix(t, "```"):
			flush()
		case listMarker.MatchString(line):
			flush()
			para = append(para, listMarker.ReplaceAllString(line, ""))
		case strings.HasPrefix(t, ">"):
			// A quoted line stands alone: its marker sits between it and the next in the answer.
			flush()
			para = append(para, strings.TrimPrefix(t, ">"))
			flush()
		default:
			para = append(para, t)
		}
	}
	flush()
	return out
}
