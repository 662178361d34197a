package data

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
)

// mappingFixture is a store of n attempts made before competencies, each long enough that the
// mapping writes them back in several chunks, and the library that maps them.
func mappingFixture(t *testing.T, dir string, n int) prep.CompetencyIndex {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range n {
		a := legacyAttempt("bundled-prompt", day.Add(time.Duration(i)*time.Minute))
		a.Answer = strings.Repeat(fmt.Sprintf("Answer %d, at some length. ", i), 400) // about 10 KB, as real answers
		if err := s.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	set := &prep.PracticeSet{ID: "bundled", Prompts: []prep.Prompt{{ID: "bundled-prompt", Rubric: []prep.Criterion{
		{Name: "Ownership", Competency: "operational-excellence"}, {Name: "Delivery plan", Competency: "delivery"}}}}}
	return prep.NewCompetencyIndex(testCompetencies, set)
}

// unmappedLeft counts the attempts whose summary still has a criterion with no competency.
func unmappedLeft(t *testing.T, s *Store) int {
	t.Helper()
	list, err := s.Attempts()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := range list {
		if hasUnmapped(&list[i]) {
			n++
		}
	}
	return n
}

// The mapping stopped midway (the app quitting) keeps what it wrote, chunk by chunk, and leaves
// the fingerprint unwritten: the next run maps only what is left, reporting progress as it goes,
// and the one after is skipped.
func TestMappingStoppedMidwayResumes(t *testing.T) {
	dir := t.TempDir()
	ix := mappingFixture(t, dir, 120)
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	stop := make(chan struct{})
	var reports [][2]int
	rep, err := s.MapCompetenciesWith(ix, MappingOptions{Stop: stop, Progress: func(done, total int) {
		reports = append(reports, [2]int{done, total})
		if done > 0 {
			close(stop) // after the first chunk
		}
	}})
	if err != nil || !rep.Stopped || rep.Mapped == 0 || rep.Mapped >= 120 {
		t.Fatalf("stopped run: %+v (%v), want part of 120 mapped", rep, err)
	}
	if len(reports) != 2 || reports[0] != [2]int{0, 120} || reports[1][0] != rep.Mapped || reports[1][1] != 120 {
		t.Fatalf("progress reports %v, want 0 of 120, then %d of 120", reports, rep.Mapped)
	}
	if got := unmappedLeft(t, s); got != 120-rep.Mapped {
		t.Fatalf("%d attempts left unmapped, want %d", got, 120-rep.Mapped)
	}
	first := rep.Mapped
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	reports = nil
	rep, err = s.MapCompetenciesWith(ix, MappingOptions{Progress: func(done, total int) { reports = append(reports, [2]int{done, total}) }})
	if err != nil || rep.Skipped || rep.Stopped || rep.Mapped != 120-first {
		t.Fatalf("resumed run: %+v (%v), want the %d left mapped", rep, err, 120-first)
	}
	if last := reports[len(reports)-1]; last != [2]int{120 - first, 120 - first} {
		t.Errorf("the resumed run's last report is %v", last)
	}
	if got := unmappedLeft(t, s); got != 0 {
		t.Errorf("%d attempts left unmapped", got)
	}
	if rep, err := s.MapCompetencies(ix); err != nil || !rep.Skipped {
		t.Errorf("a third run: %+v (%v), want skipped", rep, err)
	}
}

// killedMappingEnv makes the test binary the helper process that is killed while mapping.
const killedMappingEnv = "PANELPREP_TEST_KILLED_MAPPING"

// TestMappingKilledMidway kills a process with SIGKILL while it maps (after its first chunk is
// written, while the rest is being mapped): the store opens, every attempt is either as it was or
// mapped with its summary, the data check is clean, and the next run maps the rest.
func TestMappingKilledMidway(t *testing.T) {
	if dir := os.Getenv(killedMappingEnv); dir != "" {
		killedMappingHelper(dir)
		return
	}
	dir := t.TempDir()
	ix := mappingFixture(t, dir, 120)
	cmd, out := startChild(t, "TestMappingKilledMidway", killedMappingEnv, dir)
	for out.Scan() && !strings.HasPrefix(out.Text(), "mapped ") {
	}
	killChild(t, cmd)
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("the store does not open after the kill: %v", err)
	}
	defer func() { s.Close() }()
	left := unmappedLeft(t, s)
	if left == 0 || left == 120 {
		t.Fatalf("%d of 120 left unmapped after a kill midway; want some mapped, some not", left)
	}
	if rep, err := s.Check(false); err != nil || len(rep.Problems) != 0 {
		t.Fatalf("check after the kill: %v\n%s", err, rep)
	}
	rep, err := s.MapCompetencies(ix)
	if err != nil || rep.Mapped != left {
		t.Fatalf("the next run: %+v (%v), want the %d left mapped", rep, err, left)
	}
	if got := unmappedLeft(t, s); got != 0 {
		t.Errorf("%d attempts left unmapped", got)
	}
}

// killedMappingHelper maps the store in dir, says when its first chunk is written, and then
// holds the mapping there until it is killed.
func killedMappingHelper(dir string) {
	set := &prep.PracticeSet{ID: "bundled", Prompts: []prep.Prompt{{ID: "bundled-prompt", Rubric: []prep.Criterion{
		{Name: "Ownership", Competency: "operational-excellence"}, {Name: "Delivery plan", Competency: "delivery"}}}}}
	s, err := Open(dir)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	_, _ = s.MapCompetenciesWith(prep.NewCompetencyIndex(testCompetencies, set), MappingOptions{Progress: func(done, total int) {
		if done > 0 {
			fmt.Printf("mapped %d of %d\n", done, total)
			select {} // the kill comes here, with the next chunk being built
		}
	}})
}
