package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
)

// legacyAttempts writes n attempts as they were made before competencies (no competency in their
// prompt snapshots) into a new Badger store at dir, each answer long enough (about 12 KB) that the
// mapping writes them back in several chunks, and closes it.
func legacyAttempts(t *testing.T, h *harness, dir string, n int) {
	t.Helper()
	p := firstPrompt(h, prep.SystemsDesign)
	p.Rubric = slices.Clone(p.Rubric)
	for i := range p.Rubric {
		p.Rubric[i].Competency = ""
	}
	legacyAttemptsAt(t, h, dir, p, nil, n)
}

// legacyAttemptsAt is legacyAttempts at prompt p, in a store holding set (nil: none) as imported.
func legacyAttemptsAt(t *testing.T, h *harness, dir string, p prep.Prompt, set *prep.PracticeSet, n int) {
	t.Helper()
	s, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if set != nil {
		if err := s.ImportSet(set); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		answer := strings.Repeat(fmt.Sprintf("Answer %d names the zebra crossing service at some length. ", i), 200)
		if err := s.SaveAttempt(fixedAttempt(p, h.now().Add(-time.Duration(i+1)*time.Hour), answer, func(int) int { return 2 })); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// heldMapping is the app's mapping of old attempts (the data store's own, through the bundled
// sets), held part way once armed: after its first chunk is written, it waits for release. So a
// test sees the window while the store is half mapped, as a slow mapping of 10,000 attempts
// leaves it for tens of seconds.
type heldMapping struct {
	armed   atomic.Bool
	held    chan struct{} // closed once the mapping is held part way
	release chan struct{}
	once    sync.Once
}

func newHeldMapping() *heldMapping {
	m := &heldMapping{held: make(chan struct{}), release: make(chan struct{})}
	m.armed.Store(true)
	return m
}

func (m *heldMapping) work(h *harness, live *data.Live) MapAttempts {
	return func(progress func(done, total int), stop <-chan struct{}) error {
		imported, err := live.ImportedSets() // as the app maps: through the bundled and the imported sets
		if err != nil {
			return err
		}
		ix := prep.NewCompetencyIndex(h.model, append(slices.Clone(h.sets), imported...)...)
		_, err = live.MapCompetenciesWith(ix, data.MappingOptions{Stop: stop, Progress: func(done, total int) {
			progress(done, total)
			if m.armed.Load() && done > 0 && done < total {
				m.once.Do(func() { close(m.held) })
				<-m.release
			}
		}})
		return err
	}
}

// waitHeld waits until the mapping is held part way, running the results delivered meanwhile.
func (m *heldMapping) waitHeld(h *harness) {
	h.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		h.pump() // what the UI thread runs meanwhile, such as the end of a restore that starts it
		select {
		case <-m.held:
			h.pump()
			return
		default:
		}
		if time.Now().After(deadline) {
			h.t.Fatal("the mapping never reached its second chunk")
		}
	}
}

// openWithMapping opens the harness's UI over the Badger store in h.dir, with m as its mapping.
func openWithMapping(t *testing.T, h *harness, m *heldMapping) *data.Live {
	t.Helper()
	s, err := data.Open(h.dir)
	if err != nil {
		t.Fatal(err)
	}
	live := data.NewLive(h.dir, s, nil)
	h.store = live
	history, _ := live.HasAttempts()
	h.ui = New(h.app, Deps{Store: live, Bundled: h.sets, Loops: h.loops, Competencies: h.model, Clock: h.clock.now, Now: h.now, Deliver: h.queue.push,
		DataDir: h.dir, Maintenance: h.maintenance(), ExpectHistory: history, MapAttempts: m.work(h, live)})
	t.Cleanup(func() {
		m.once.Do(func() { close(m.held) })
		select {
		case <-m.release:
		default:
			close(m.release)
		}
		h.close()
	})
	return live
}

// unmappedIn counts the stored attempts with a score under no competency.
func unmappedIn(t *testing.T, live *data.Live) int {
	t.Helper()
	list, err := live.Attempts()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := range list {
		for j := range list[i].Scores {
			if list[i].CompetencyOf(j) == prep.Unmapped {
				n++
				break
			}
		}
	}
	return n
}

// TestScreensWithoutCompetenciesDoNotWaitForTheMapping: on a store made before competencies, the
// mapping of its attempts runs behind the window, and History, Search and Practice's library show
// at once while it runs; only the figures by competency wait (the Today list, Progress's
// competency chart and calibration), each saying how far the mapping is where it will be. Progress
// draws the rest of its figures meanwhile, and its competency figures once the mapping is done,
// with nothing left under Unmapped. History was blank until the mapping ended: tens of seconds
// on a store of 10,000 attempts.
func TestScreensWithoutCompetenciesDoNotWaitForTheMapping(t *testing.T) {
	const n = 60
	h := newUnopenedHarness(t)
	legacyAttempts(t, h, h.dir, n)
	m := newHeldMapping()
	live := openWithMapping(t, h, m)
	m.waitHeld(h)
	if left := unmappedIn(t, live); left == 0 || left == n {
		t.Fatalf("%d of %d attempts unmapped: the mapping is not held part way", left, n)
	}
	if !h.ui.mapping.row.Visible() || !strings.Contains(h.ui.mapping.label.Text, fmt.Sprintf(" of %d done", n)) {
		t.Fatalf("no progress under the navigation bar: %q", h.ui.mapping.label.Text)
	}

	test.Tap(h.button("History"))
	h.pump()
	hs, ok := h.ui.current.(*historyScreen)
	if !ok || len(hs.attempts) != n || hs.message.Text != fmt.Sprintf("%d attempts, newest first", n) {
		t.Fatalf("History while the mapping runs: %T, %q", h.ui.current, hs.message.Text)
	}

	test.Tap(h.button("Search"))
	h.pump()
	ss := h.ui.current.(*searchScreen)
	ss.query.SetText("zebra")
	h.pump()
	if len(ss.hits) == 0 {
		t.Errorf("Search finds nothing while the mapping runs: %q", ss.message.Text)
	}

	test.Tap(h.button("Practice"))
	h.pump()
	home := h.home()
	if home.list.Length() == 0 || home.due != nil ||
		!h.hasText("Today's reviews wait for your earlier attempts to be mapped to competencies, which runs once: ") {
		t.Errorf("Practice while the mapping runs: %d prompts listed, Today %+v", home.list.Length(), home.due)
	}

	test.Tap(h.button("Progress"))
	h.pump()
	if !h.hasText(fmt.Sprintf("%d attempts.", n)) || chartNamed(h, "weekly") == nil {
		t.Error("Progress's figures that need no competency wait for the mapping")
	}
	if chartNamed(h, "competencies") != nil || h.hasText("Unmapped") {
		t.Error("Progress draws figures by competency from half-mapped attempts")
	}
	if !h.hasText("Figures by competency and the calibration wait for your earlier attempts to be mapped to competencies, which runs once: ") {
		t.Error("Progress does not say where its competency figures will be and why they wait")
	}

	close(m.release)
	h.settle()
	if left := unmappedIn(t, live); left != 0 {
		t.Fatalf("%d attempts still unmapped after the mapping", left)
	}
	if h.ui.mapping.row.Visible() {
		t.Error("the progress row stays after the mapping ended")
	}
	if chartNamed(h, "competencies") == nil || h.hasText("Unmapped") || h.hasText("wait for your earlier attempts") {
		t.Error("Progress does not draw its competency figures, all mapped, once the mapping ends")
	}
}

// chartNamed is the chart box of that name on screen, or nil.
func chartNamed(h *harness, name string) *chartBox {
	var found *chartBox
	h.find(func(o fyne.CanvasObject) bool {
		if b, ok := o.(*chartBox); ok && b.name == name {
			found = b
			return true
		}
		return false
	})
	return found
}

// TestRestoreMapsBehindTheWindowAtOnce: Settings → Restore of a backup made before competencies
// starts the mapping of its attempts straight away, behind the window, with the same progress
// row, and History lists them meanwhile; once it ends, none is left under Unmapped. The mapping
// ran only at the next start: until a relaunch, every figure by competency put the restored
// attempts under Unmapped.
func TestRestoreMapsBehindTheWindowAtOnce(t *testing.T) {
	const n = 60
	h := newUnopenedHarness(t)
	before := t.TempDir()
	legacyAttempts(t, h, before, n)
	s, err := data.Open(before)
	if err != nil {
		t.Fatal(err)
	}
	backup, err := s.BackupNow(h.now())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err != nil {
		t.Fatal(err)
	}

	m := newHeldMapping()
	m.armed.Store(false) // the launch's mapping, over an empty store, runs through
	live := openWithMapping(t, h, m)
	h.settle()
	m.armed.Store(true)
	h.ui.restore(backup)
	m.waitHeld(h)
	if _, ok := h.ui.current.(*settingsScreen); !ok {
		t.Fatalf("after the restore: %T", h.ui.current)
	}
	if !h.ui.mapping.row.Visible() || !strings.Contains(h.ui.mapping.label.Text, fmt.Sprintf(" of %d done", n)) || !h.hasText(h.ui.mapping.label.Text) {
		t.Fatalf("no mapping under way on the screen after the restore: %q", h.ui.mapping.label.Text)
	}
	if left := unmappedIn(t, live); left == 0 || left == n {
		t.Fatalf("%d of %d restored attempts unmapped: the mapping is not held part way", left, n)
	}
	h.dismissDialogs()
	test.Tap(h.button("History"))
	h.pump()
	if hs, ok := h.ui.current.(*historyScreen); !ok || len(hs.attempts) != n {
		t.Fatalf("History while the restored attempts are mapped: %T", h.ui.current)
	}
	close(m.release)
	h.settle()
	if left := unmappedIn(t, live); left != 0 {
		t.Errorf("%d restored attempts still unmapped", left)
	}
	if h.ui.mapping.row.Visible() {
		t.Error("the progress row stays after the mapping ended")
	}
}

// TestImportedSetMapsBehindTheWindowAtOnce: importing a newer version of a set written before
// competencies, which names them, maps the attempts at its prompts straight away, behind the
// window with the progress row, not at the next start; until then their scores counted under
// Unmapped in every figure by competency.
func TestImportedSetMapsBehindTheWindowAtOnce(t *testing.T) {
	const n = 40
	h := newUnopenedHarness(t)
	text, err := os.ReadFile("../testdata/sets/legacy-v1.toml")
	if err != nil {
		t.Fatal(err)
	}
	legacy, err := prep.ParseSet("legacy-v1.toml", text, nil) // as it was checked when it was imported
	if err != nil {
		t.Fatal(err)
	}
	legacyAttemptsAt(t, h, h.dir, legacy.Prompts[0], legacy, n)

	m := newHeldMapping()
	m.armed.Store(false)
	live := openWithMapping(t, h, m)
	h.settle()
	if left := unmappedIn(t, live); left != n {
		t.Fatalf("%d of %d attempts at the legacy set unmapped before the import", left, n)
	}

	v2 := strings.Replace(string(text), "version = 1", "version = 2", 1)
	v2 = strings.Replace(v2, `criterion = "Ownership"`, "criterion = \"Ownership\"\ncompetency = \"operational-excellence\"", 1)
	v2 = strings.Replace(v2, `criterion = "Developing managers"`, "criterion = \"Developing managers\"\ncompetency = \"developing-people\"", 1)
	path := filepath.Join(t.TempDir(), "legacy-v2.toml")
	if err := os.WriteFile(path, []byte(v2), 0o600); err != nil {
		t.Fatal(err)
	}
	m.armed.Store(true)
	h.ui.importSetFile(path)
	m.waitHeld(h)
	// The Today list, drawn from those attempts unmapped, waits to be drawn again.
	if !h.hasText("Today's reviews wait for your earlier attempts to be mapped to competencies, which runs once: ") {
		t.Error("the Today list drawn before the import stays while its attempts are mapped")
	}
	if !strings.Contains(h.overlayText(), "version 2") {
		t.Fatalf("the import says %q", h.overlayText())
	}
	if !h.ui.mapping.row.Visible() || !strings.Contains(h.ui.mapping.label.Text, fmt.Sprintf(" of %d done", n)) || !h.hasText(h.ui.mapping.label.Text) {
		t.Fatalf("no mapping under way on the screen after the import: %q", h.ui.mapping.label.Text)
	}
	close(m.release)
	h.settle()
	if left := unmappedIn(t, live); left != 0 {
		t.Errorf("%d attempts at the set still unmapped after the import", left)
	}
}
