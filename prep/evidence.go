package prep

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxEvidenceLen is the longest passage, in characters, a score may cite: a paragraph, not the
// whole answer.
const MaxEvidenceLen = 1000

// ErrEvidence is returned when a score's cited passage is too long, holds a control character or
// is not in the answer.
var ErrEvidence = errors.New("a cited passage must be text from the answer")

// ErrNothingSelected is returned by CitePassage for a selection with nothing in it but white space.
var ErrNothingSelected = errors.New("nothing is selected")

var spaces = regexp.MustCompile(`\s+`)

// normaliseSpace collapses every run of white space to one space, so that a passage cited from a
// wrapped paragraph still matches the answer it came from.
func normaliseSpace(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// CitePassage is the passage to keep for a selection made in answer: any stretch of it, a few
// words or several paragraphs, with its white space collapsed to single spaces (a selection that
// runs across lines or paragraphs is quoted on one line), widened to the whole words it touches. It
// fails with ErrNothingSelected for a blank selection, and with ErrEvidence for one that is too long
// or not in the answer.
func CitePassage(answer, selected string) (string, error) {
	p := normaliseSpace(selected)
	if p == "" {
		return "", ErrNothingSelected
	}
	// The control characters are looked for in the selection as made: trimming drops some (U+0085).
	problem := controlProblem(selected)
	var norm string
	if problem == "" {
		problem = evidenceProblem(answer, &norm, p)
	}
	if problem != "" {
		return "", fmt.Errorf("%w: the selection %s", ErrEvidence, problem)
	}
	if w := wholeWords(norm, p); utf8.RuneCountInString(w) <= MaxEvidenceLen {
		p = w
	}
	return p, nil
}

// wholeWords widens passage p, found in the normalised answer norm, to the whole words at its ends: a
// drag that starts or stops inside a word ("vels with all 9 engineers" of "I ran skip-levels with…")
// would otherwise show a mentor half a word. A word here is a run of anything but spaces, so the
// punctuation attached to it comes too. When p also stands in the answer as whole words (the
// selection "ten" in "…ten weeks… attention…"), it is kept as it is: that is the likelier one meant.
func wholeWords(norm, p string) string {
	first := -1
	for from := 0; ; {
		i := strings.Index(norm[from:], p)
		if i < 0 {
			break
		}
		at := from + i
		if first < 0 {
			first = at
		}
		if (at == 0 || norm[at-1] == ' ') && (at+len(p) == len(norm) || norm[at+len(p)] == ' ') {
			return p
		}
		_, size := utf8.DecodeRuneInString(norm[at:])
		from = at + size
	}
	if first < 0 {
		return p
	}
	start, end := first, first+len(p)
	for start > 0 && norm[start-1] != ' ' {
		start--
	}
	for end < len(norm) && norm[end] != ' ' {
		end++
	}
	return norm[start:end]
}

// CheckEvidence reports the first score whose cited passage is too long, holds a control
// character or does not occur in answer (white space normalised). Scores without a passage are
// fine.
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
//
// A passage may be any stretch of the answer, not only a whole sentence: the candidate selects it.
// White space other than a plain space (a tab, a line break) is allowed, since a passage may run
// across lines and is matched with its white space collapsed; any other control character is not:
// a selection never holds one, and in a hand-edited bundle it could disguise what is quoted.
func evidenceProblem(answer string, norm *string, evidence string) string {
	if problem := controlProblem(evidence); problem != "" {
		return problem
	}
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

// controlProblem names the first control character in s other than a tab or a line break, or "".
func controlProblem(s string) string {
	for _, r := range s {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return fmt.Sprintf("holds the control character U+%04X; a passage is text from the answer", r)
		}
	}
	return ""
}
