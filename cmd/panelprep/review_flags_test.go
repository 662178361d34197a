package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// `panelprep review` names the first --score or --section it cannot read (an empty one included),
// as a usage error that writes nothing; a good review says what it added.
func TestReviewFlagMessages(t *testing.T) {
	out := t.TempDir() + "/feedback.json"
	run := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := runReview(append([]string{attemptsSample, "--attempt", "1", "--reviewer", "Sam", "--out", out}, args...), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--score", "Ownership=3", "--score", "x"}, "panelprep review: --score \"x\" is not \"Criterion=N\" with N from 1 to 4\n"},
		{[]string{"--score", ""}, "panelprep review: --score \"\" is not \"Criterion=N\" with N from 1 to 4\n"},
		{[]string{"--score", "Ownership=three"}, "panelprep review: --score \"Ownership=three\" is not \"Criterion=N\" with N from 1 to 4\n"},
		{[]string{"--section", "Situation=fine", "--section", "no equals sign"}, "panelprep review: --section \"no equals sign\" is not \"Section title=comment\"\n"},
		{[]string{"--score", "x", "--section", "y"}, "panelprep review: --score \"x\" is not \"Criterion=N\" with N from 1 to 4\n"},
	} {
		code, stdout, stderr := run(c.args...)
		if code != exitUsage || stdout != "" || stderr != c.want {
			t.Errorf("%q: exit %d, stdout %q, stderr %q, want %q", c.args, code, stdout, stderr, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%q wrote %s", c.args, out)
		}
	}
	code, stdout, stderr := run("--comment", "Good.")
	if code != exitOK || !strings.HasPrefix(stdout, out+": review of attempt 1 (") || !strings.HasSuffix(stdout, ") by Sam added; the file holds 1 review\n") {
		t.Errorf("a good review: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
