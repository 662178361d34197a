package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

const (
	attemptsSample = "../../testdata/bundles/attempts-sample.json"
	feedbackSample = "../../testdata/bundles/feedback-sample.json"
)

func sampleBundle(t *testing.T, name string) *prep.Bundle {
	t.Helper()
	f, err := os.Open(name)
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

// seedSample puts the sample bundle's attempts (the first n of them) into the store in dir, as
// the candidate who exported it has them.
func seedSample(t *testing.T, dir string, n int) *prep.Bundle {
	t.Helper()
	b := sampleBundle(t, attemptsSample)
	withData(t, dir, func(s *data.Store) {
		for _, a := range b.Attempts[:n] {
			if err := s.SaveAttempt(a.Attempt); err != nil {
				t.Fatal(err)
			}
		}
	})
	return b
}

func reviewCount(t *testing.T, dir string, b *prep.Bundle) int {
	t.Helper()
	n := 0
	withData(t, dir, func(s *data.Store) {
		for _, a := range b.Attempts {
			rs, err := s.Reviews(a.ID)
			if err != nil {
				t.Fatal(err)
			}
			n += len(rs)
		}
	})
	return n
}

func TestExportCommand(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	b := seedSample(t, dir, 3)
	file := filepath.Join(out, "attempts.json")
	code, stdout, stderr := panelprep(t, nil, "--data-dir", dir, "export", "--out", file, "--by", "Alex")
	if code != exitOK || !strings.Contains(stdout, "wrote "+file+": bundle of 3 attempts") {
		t.Fatalf("export: exit %d\n%s%s", code, stdout, stderr)
	}
	got := sampleBundle(t, file)
	if got.Kind != prep.BundleAttempts || got.ExportedBy != "Alex" || len(got.Attempts) != 3 || got.Attempts[2].Answer != b.Attempts[2].Answer {
		t.Fatalf("the exported bundle: %+v", got)
	}

	cases := []struct {
		file  string
		args  []string
		wants []string
	}{
		{"r.html", nil, []string{"Content-Security-Policy", "&lt;script&gt;"}},
		{"r.txt", []string{"--format", "md", "--prompt", b.Attempts[1].Prompt.ID}, []string{"## 1. " + b.Attempts[1].Prompt.Title}},
		{"r.pdf", []string{"--since", "2026-10-09"}, []string{"%PDF-"}},
		{"one.json", []string{"--attempt", b.Attempts[0].ID.String()}, []string{`"kind": "attempts"`, b.Attempts[0].ID.String()}},
	}
	for _, c := range cases {
		path := filepath.Join(out, c.file)
		code, stdout, stderr := panelprep(t, nil, append([]string{"--data-dir", dir, "export", "--out", path}, c.args...)...)
		if code != exitOK {
			t.Errorf("export %s %v: exit %d\n%s%s", c.file, c.args, code, stdout, stderr)
			continue
		}
		content, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range c.wants {
			if !bytes.Contains(content, []byte(w)) {
				t.Errorf("export %s %v: the file lacks %q", c.file, c.args, w)
			}
		}
	}
	if _, stdout, _ := panelprep(t, nil, "--data-dir", dir, "export", "--since", "2026-10-09", "--out", filepath.Join(out, "recent.json")); !strings.Contains(stdout, "bundle of 1 attempt ") {
		t.Errorf("--since: %s", stdout)
	}

	failures := []struct {
		args []string
		code int
		says string
	}{
		{nil, exitUsage, "usage: panelprep export --out FILE"},
		{[]string{"--out", filepath.Join(out, "x.json"), "--since", "10/9/2026"}, exitUsage, "is not a date written YYYY-MM-DD"},
		{[]string{"--out", filepath.Join(out, "x.docx")}, exitUsage, `unknown format "docx"`},
		{[]string{"--out", filepath.Join(out, "x.json"), "--attempt", "seven"}, exitUsage, "is not an attempt ID"},
		{[]string{"--out", filepath.Join(out, "x.json"), "--prompt", "no-such-prompt"}, exitFailure, "nothing to export: no attempts match"},
		{[]string{"--out", out}, exitFailure, "is a folder"},
	}
	for _, f := range failures {
		code, _, stderr := panelprep(t, nil, append([]string{"--data-dir", dir, "export"}, f.args...)...)
		if code != f.code || !strings.Contains(stderr, f.says) {
			t.Errorf("export %v: exit %d, stderr %q; want exit %d saying %q", f.args, code, stderr, f.code, f.says)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "x.json")); !os.IsNotExist(err) {
		t.Error("a failed export left a file")
	}
}

func TestReportCommandNeedsNoStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "never-created")
	code, stdout, stderr := panelprep(t, nil, "--data-dir", dir, "report", feedbackSample, "--format", "md")
	if code != exitOK || !strings.HasPrefix(stdout, "# PanelPrep: mentor feedback, 2 attempts") || !strings.Contains(stdout, "Review by Priya Raman") {
		t.Fatalf("report --format md: exit %d\n%.300s\n%s", code, stdout, stderr)
	}
	pdf := filepath.Join(t.TempDir(), "feedback.pdf")
	code, stdout, stderr = panelprep(t, nil, "--data-dir", dir, "report", "--out", pdf, feedbackSample)
	if content, err := os.ReadFile(pdf); code != exitOK || err != nil || !bytes.HasPrefix(content, []byte("%PDF-")) {
		t.Fatalf("report --out x.pdf: exit %d, %v\n%s%s", code, err, stdout, stderr)
	}
	code, stdout, _ = panelprep(t, nil, "--data-dir", dir, "report", attemptsSample)
	if code != exitOK || !strings.Contains(stdout, `<meta http-equiv="Content-Security-Policy"`) || strings.Contains(stdout, "<script") {
		t.Errorf("report as HTML on stdout: exit %d", code)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("report touched the data directory: %v", err)
	}

	bad := filepath.Join(t.TempDir(), "bad.json")
	content, err := os.ReadFile(feedbackSample)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, bytes.Replace(content, []byte(`"value": 3`), []byte(`"value": 7`), 1), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = panelprep(t, nil, "report", bad)
	if code != exitFailure || !strings.Contains(stderr, bad+": attempts[0].scores[") || !strings.Contains(stderr, ".value: must be 1 to 4 (got 7)") {
		t.Errorf("a bad bundle: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := panelprep(t, nil, "report"); code != exitUsage {
		t.Errorf("report without a bundle: exit %d", code)
	}
	if code, _, stderr := panelprep(t, nil, "report", feedbackSample, "--format", "docx"); code != exitUsage || !strings.Contains(stderr, "use html, md or pdf") {
		t.Errorf("report --format docx: exit %d, %q", code, stderr)
	}
}

func TestImportFeedbackCommand(t *testing.T) {
	dir := t.TempDir()
	b := seedSample(t, dir, 3)
	code, stdout, stderr := panelprep(t, nil, "--data-dir", dir, "import-feedback", feedbackSample)
	if code != exitOK || !strings.Contains(stdout, "feedback from Priya Raman: 4 reviews added") {
		t.Fatalf("import-feedback: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = panelprep(t, nil, "--data-dir", dir, "import-feedback", feedbackSample)
	if code != exitOK || !strings.Contains(stdout, "0 reviews added, 4 already imported") {
		t.Fatalf("the same feedback again: exit %d, %s", code, stdout)
	}
	if n := reviewCount(t, dir, b); n != 4 {
		t.Errorf("%d reviews stored, want 4", n)
	}

	// A broken file changes nothing: not a byte of the data directory.
	content, err := os.ReadFile(feedbackSample)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, bytes.Replace(content, []byte(`"comment": "`), []byte(`"comment": "a", "comment": "`), 1), 0o600); err != nil {
		t.Fatal(err)
	}
	before := preptest.FileHashes(t, dir)
	code, _, stderr = panelprep(t, nil, "--data-dir", dir, "import-feedback", bad)
	if code != exitFailure || !strings.Contains(stderr, `duplicate key "comment"`) || !strings.Contains(stderr, "not imported; nothing was changed") {
		t.Errorf("a bundle with a duplicate key: exit %d, stderr %q", code, stderr)
	}
	if after := preptest.FileHashes(t, dir); len(after) != len(before) {
		t.Errorf("the data directory changed")
	} else {
		for path, h := range before {
			if after[path] != h {
				t.Errorf("%s changed", path)
			}
		}
	}
	if code, _, stderr := panelprep(t, nil, "--data-dir", dir, "import-feedback", attemptsSample); code != exitFailure || !strings.Contains(stderr, "not a mentor's feedback") {
		t.Errorf("an attempts bundle: exit %d, %q", code, stderr)
	}
	if code, _, _ := panelprep(t, nil, "--data-dir", dir, "import-feedback"); code != exitUsage {
		t.Errorf("no file: exit %d", code)
	}

	// Reviews of attempts this data does not hold are reported, not imported.
	other := t.TempDir()
	seedSample(t, other, 1)
	code, stdout, stderr = panelprep(t, nil, "--data-dir", other, "import-feedback", feedbackSample)
	if code != exitOK || !strings.Contains(stdout, "1 review added, 2 attempts not in your data (not imported)") ||
		!strings.Contains(stderr, "2 reviews of attempt "+b.Attempts[1].ID.String()) {
		t.Errorf("missing attempts: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestReviewCommand(t *testing.T) {
	b := sampleBundle(t, attemptsSample)
	fb := filepath.Join(t.TempDir(), "feedback.json")
	rubric := b.Attempts[0].Prompt.Rubric
	code, stdout, stderr := panelprep(t, nil, "review", attemptsSample, "--attempt", "1", "--reviewer", "Priya",
		"--score", rubric[2].Name+"=2", "--score", rubric[0].Name+" = 4", "--comment", "Lead with the result.",
		"--section", "Actions=Name the three expectations.", "--out", fb)
	if code != exitOK || !strings.Contains(stdout, "review of attempt 1 ("+b.Attempts[0].Prompt.Title+") by Priya added; the file holds 1 review") {
		t.Fatalf("review: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = panelprep(t, nil, "review", attemptsSample, "--attempt", b.Attempts[2].ID.String()[:8], "--reviewer", "Priya", "--comment", "Numbers first.", "--out", fb)
	if code != exitOK || !strings.Contains(stdout, "the file holds 2 reviews") {
		t.Fatalf("a second review: exit %d\n%s%s", code, stdout, stderr)
	}
	got := sampleBundle(t, fb)
	if got.Kind != prep.BundleFeedback || len(got.Attempts) != 2 {
		t.Fatalf("feedback bundle: %+v", got)
	}
	if r := got.Attempts[0].Reviews[0]; len(r.Scores) != 2 || r.Scores[0].Criterion != rubric[0].Name || r.Scores[0].Value != 4 || r.SectionComments["Actions"] == "" {
		t.Errorf("the review: %+v", r)
	}

	failures := []struct {
		args []string
		says string
	}{
		{[]string{"--attempt", "9"}, "the bundle has attempts 1 to 3"},
		{[]string{"--attempt", "1", "--score", "Charisma=3"}, `"Charisma" is not a criterion of the rubric`},
		{[]string{"--attempt", "1", "--score", rubric[0].Name + "=5"}, "must be 1 to 4 (got 5)"},
		{[]string{"--attempt", "3", "--section", "Deep dive=Thin."}, "has no sections"},
		{[]string{"--attempt", "1"}, "the review is empty"},
	}
	for _, f := range failures {
		args := append([]string{"review", attemptsSample, "--reviewer", "Priya", "--out", fb}, f.args...)
		if code, _, stderr := panelprep(t, nil, args...); code != exitFailure || !strings.Contains(stderr, f.says) {
			t.Errorf("review %v: exit %d, stderr %q; want %q", f.args, code, stderr, f.says)
		}
	}
	if len(sampleBundle(t, fb).AllReviews()) != 2 {
		t.Error("a refused review changed the feedback file")
	}
	if code, _, stderr := panelprep(t, nil, "review", attemptsSample, "--attempt", "1", "--reviewer", "P", "--comment", "x", "--out", attemptsSample); code != exitFailure || !strings.Contains(stderr, "not feedback") {
		t.Errorf("--out naming the candidate's bundle: exit %d, %q", code, stderr)
	}

	// The candidate imports what the review command wrote.
	dir := t.TempDir()
	seedSample(t, dir, 3)
	if code, stdout, stderr := panelprep(t, nil, "--data-dir", dir, "import-feedback", fb); code != exitOK || !strings.Contains(stdout, "2 reviews added") {
		t.Errorf("importing the review command's feedback: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestExportCommandsInProcess runs the command functions directly: quick, and it covers the usage
// errors without the binary.
func TestExportCommandsInProcess(t *testing.T) {
	dir := t.TempDir()
	seedSample(t, dir, 3)
	var out, errOut bytes.Buffer
	open := func() (*data.Store, int) { return openForCLI(dir, &errOut) }
	file := filepath.Join(t.TempDir(), "a.json")
	steps := []struct {
		name string
		run  func() int
		want int
	}{
		{"export", func() int { return runExport([]string{"--out", file}, &out, &errOut, open) }, exitOK},
		{"export with a stray argument", func() int { return runExport([]string{"--out", file, "extra"}, &out, &errOut, open) }, exitUsage},
		{"export --help", func() int { return runExport([]string{"--help"}, &out, &errOut, open) }, exitOK},
		{"report", func() int { return runReport([]string{file, "--format", "md"}, &out, &errOut) }, exitOK},
		{"report two files", func() int { return runReport([]string{file, file}, &out, &errOut) }, exitUsage},
		{"report a missing file", func() int { return runReport([]string{file + ".missing"}, &out, &errOut) }, exitFailure},
		{"import-feedback", func() int { return runImportFeedback([]string{feedbackSample}, &out, &errOut, open) }, exitOK},
		{"import-feedback --bogus", func() int { return runImportFeedback([]string{"--bogus"}, &out, &errOut, open) }, exitUsage},
		{"review without --out", func() int { return runReview([]string{file, "--attempt", "1", "--reviewer", "M"}, &out, &errOut) }, exitUsage},
		{"review with a bad --score", func() int {
			return runReview([]string{file, "--attempt", "1", "--reviewer", "M", "--score", "x", "--out", file + ".fb"}, &out, &errOut)
		}, exitUsage},
	}
	for _, s := range steps {
		out.Reset()
		errOut.Reset()
		if got := s.run(); got != s.want {
			t.Errorf("%s: exit %d, want %d\nstdout %s\nstderr %s", s.name, got, s.want, &out, &errOut)
		}
	}
}

// A mentor comments on a story with `review --story`; the feedback bundle carries the comment, and
// a wrong story number says what the bundle holds.
func TestReviewCommandCommentsOnAStory(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC)
	st := prep.Story{ID: uuid.New(), Title: "Platform split", Year: 2025, Competencies: []string{"org-design"}, CreatedAt: at, UpdatedAt: at}
	var buf bytes.Buffer
	if err := prep.EncodeBundle(&buf, prep.Bundle{Kind: prep.BundleAttempts, ExportedAt: at, Stories: []prep.Story{st}}); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "attempts.json")
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	fb := filepath.Join(dir, "feedback.json")
	code, stdout, stderr := panelprep(t, nil, "review", in, "--story", "S1", "--reviewer", "Priya", "--comment", "Open with the lead time.", "--out", fb)
	if code != exitOK || !strings.Contains(stdout, "comment on story S1 (Platform split) by Priya added; the file holds 1 comment on stories") {
		t.Fatalf("review --story: exit %d\n%s%s", code, stdout, stderr)
	}
	got := sampleBundle(t, fb)
	if got.Kind != prep.BundleFeedback || len(got.StoryComments) != 1 || got.StoryComments[0].StoryID != st.ID || got.StoryComments[0].Comment != "Open with the lead time." {
		t.Fatalf("feedback bundle: %+v", got)
	}
	for args, says := range map[string]string{"2": "the bundle has stories S1 to S1", "zzz": "no story of the bundle has that ID"} {
		if code, _, stderr := panelprep(t, nil, "review", in, "--story", args, "--reviewer", "Priya", "--comment", "x", "--out", fb); code != exitFailure || !strings.Contains(stderr, says) {
			t.Errorf("--story %s: exit %d, %q", args, code, stderr)
		}
	}
	if code, _, stderr := panelprep(t, nil, "review", in, "--story", "1", "--reviewer", "Priya", "--out", fb); code != exitFailure || !strings.Contains(stderr, "story_comment.comment: is empty") {
		t.Errorf("no comment: exit %d, %q", code, stderr)
	}
}
