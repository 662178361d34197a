//go:build window

package windowtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

// binaryEnv names the binary to test; make test-window passes the one make build made. Without it
// TestMain runs make build and tests bin/panelprep.
const binaryEnv = "PANELPREP_BINARY"

// inspectEnv is ui.InspectEnv (not imported: this package stays free of Fyne).
const inspectEnv = "PANELPREP_INSPECT"

// panelprep is the path of the binary under test; tests reach it through appBinary(t).
var panelprep string

func TestMain(m *testing.M) {
	for _, tool := range []string{"Xvfb", "xdotool", "xmodmap", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			fmt.Fprintf(os.Stderr, "windowtest: %s is missing; run make test-window, which installs it\n", tool)
			os.Exit(1)
		}
	}
	panelprep = os.Getenv(binaryEnv)
	if panelprep == "" {
		// make build, as make test-window runs it: bin/panelprep, not a binary in a temporary
		// directory. go test's cache knows this package's input by the binary's path, size and
		// time (see appBinary), so the path must stay the same from run to run, and make build
		// leaves an unchanged binary alone.
		var err error
		if panelprep, err = filepath.Abs("../../../bin/panelprep"); err != nil {
			panic(err)
		}
		if out, err := exec.Command("make", "-s", "-C", "../../..", "build").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "windowtest: make build: %v\n%s", err, out)
			os.Exit(1)
		}
	}
	code := m.Run()
	if seeded.dir != "" {
		os.RemoveAll(seeded.dir)
	}
	os.Exit(code)
}

// appBinary returns the path of the binary under test, opened first so that go test's cache counts
// it as an input of the test. This package does not import ui, so nothing else tells the cache
// that a change to a screen changes what these tests drive: without this, make test would replay
// the last run's PASS for a window it never started. go test notes the size and modification time
// of each file a test opens (and caches nothing when one is under two seconds old), and runs the
// tests again when either has changed. make build replaces the binary only when its bytes change
// (go build -o alone would touch it every time).
func appBinary(t *testing.T) string {
	t.Helper()
	f, err := os.Open(panelprep)
	if err != nil {
		t.Fatalf("the binary under test: %v", err)
	}
	f.Close()
	return panelprep
}

// Inspection mirrors ui.Inspection, the window's report of what it draws.
type Inspection struct {
	Seq     int
	Screen  string
	Focused string
	Width   float32
	Height  float32
	Scale   float32
	Objects []Inspected
}

// Inspected mirrors ui.Inspected.
type Inspected struct {
	Kind   string
	Type   string
	Text   string
	Layer  int
	X, Y   float32
	W, H   float32
	Clip   *[4]float32
	Scroll string
	// GlyphX and GlyphW: where a text's letters are drawn across (its box may be wider or narrower).
	GlyphX, GlyphW float32
}

// glyphs is o with its box narrowed (or widened) to where its letters are drawn, for a text.
func glyphs(o Inspected) Inspected {
	if o.Kind == "text" && o.GlyphW > 0 {
		o.X, o.W = o.GlyphX, o.GlyphW
	}
	return o
}

// texts returns every text drawn on the top layer, joined by newlines.
func (in Inspection) texts() string {
	var b strings.Builder
	top := in.topLayer()
	for _, o := range in.Objects {
		if o.Kind == "text" && o.Layer == top {
			b.WriteString(o.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func (in Inspection) topLayer() int {
	top := 0
	for _, o := range in.Objects {
		top = max(top, o.Layer)
	}
	return top
}

// has reports whether a text on the top layer contains s.
func (in Inspection) has(s string) bool { return strings.Contains(in.texts(), s) }

// find returns the visible text on the top layer that equals s (or, failing that, starts with it).
func (in Inspection) find(s string) (Inspected, bool) {
	top := in.topLayer()
	var prefix *Inspected
	for i, o := range in.Objects {
		if o.Kind != "text" || o.Layer != top || visibleArea(o) == 0 {
			continue
		}
		if o.Text == s {
			return o, true
		}
		if prefix == nil && strings.HasPrefix(o.Text, s) {
			prefix = &in.Objects[i]
		}
	}
	if prefix != nil {
		return *prefix, true
	}
	return Inspected{}, false
}

// visible is the part of o the scrolls around it leave visible (the window's edge is not a scroll:
// what lies beyond it is cut off, which the screen checks look for).
func visible(o Inspected) (x, y, w, h float32) {
	if o.Clip == nil {
		return o.X, o.Y, o.W, o.H
	}
	c := *o.Clip
	x, y = max(o.X, c[0]), max(o.Y, c[1])
	w = min(o.X+o.W, c[0]+c[2]) - x
	h = min(o.Y+o.H, c[1]+c[3]) - y
	return x, y, max(w, 0), max(h, 0)
}

func visibleArea(o Inspected) float32 {
	_, _, w, h := visible(o)
	return w * h
}

// app is one PanelPrep process in its own Xvfb.
type app struct {
	t       *testing.T
	display int
	window  uint32
	dataDir string
	inspect string
	cmd     *exec.Cmd
	log     *lockedBuffer
	exited  chan struct{}
	exitErr error
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startXvfb starts a virtual display on a free number, chosen by Xvfb itself, and returns it.
func startXvfb(t *testing.T, width, height int) int {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	// -noreset: without it the server resets whenever its last client leaves, and a client that
	// connects meanwhile (the app, just after the check below) is refused.
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", width, height), "-nolisten", "tcp", "-noreset")
	x.ExtraFiles = []*os.File{w}
	xlog := &lockedBuffer{}
	x.Stdout, x.Stderr = xlog, xlog
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("Xvfb's log:\n%s", xlog.String())
		}
	})
	if err := x.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	// SIGTERM, not SIGKILL: Xvfb then removes its socket and lock, freeing the number.
	t.Cleanup(func() { _ = x.Process.Signal(syscall.SIGTERM); _ = x.Wait() })
	got := make(chan string, 1)
	go func() {
		// Xvfb writes the number, then a newline: read both before closing, or the second write
		// fails and Xvfb exits.
		line, _ := bufio.NewReader(r).ReadString('\n')
		r.Close()
		got <- strings.TrimSpace(line)
	}()
	select {
	case s := <-got:
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("Xvfb reported display %q", s)
		}
		for i := 0; ; i++ { // Xvfb reports the number once it listens; check that it does
			c, err := net.Dial("unix", fmt.Sprintf("/tmp/.X11-unix/X%d", n))
			if err == nil {
				c.Close()
				return n
			}
			if i == 50 {
				t.Fatalf("Xvfb reported display :%d but does not answer on it: %v", n, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Xvfb did not start within 15 s")
	}
	return 0
}

// typedCharacters are the characters beyond ASCII that the tests type.
const typedCharacters = "éïèüñ—–’“”…·"

// mapTypedCharacters gives each of typedCharacters a keycode of its own on display n, before the app
// starts. Without one, xdotool types such a character by binding it to a spare keycode, sending the
// key and binding the keycode back; on a loaded machine the app may read the key after the binding
// is undone and get nothing, and a test then blames the app for a character the input device lost
// (an "é" or a "—" missing from a typed answer). A keycode bound for good has no such race: xdotool
// finds the character in the keymap and sends its key. The display must keep the mapping between
// clients, which is why startXvfb runs Xvfb with -noreset.
func mapTypedCharacters(t *testing.T, n int) {
	t.Helper()
	display := fmt.Sprintf(":%d", n)
	keymap, err := exec.Command("xmodmap", "-display", display, "-pke").Output()
	if err != nil {
		t.Fatalf("reading display %s's keymap with xmodmap: %v", display, err)
	}
	var free []string // keycodes with no keysym
	for _, line := range strings.Split(string(keymap), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "keycode" && f[2] == "=" {
			free = append(free, f[1])
		}
	}
	chars := []rune(typedCharacters)
	if len(free) < len(chars) {
		t.Fatalf("display %s has %d free keycodes for the %d characters the tests type", display, len(free), len(chars))
	}
	args := []string{"-display", display}
	for i, r := range chars {
		args = append(args, "-e", fmt.Sprintf("keycode %s = U%04X", free[i], r))
	}
	if out, err := exec.Command("xmodmap", args...).CombinedOutput(); err != nil {
		t.Fatalf("binding the typed characters to keycodes with xmodmap: %v\n%s", err, out)
	}
}

// seededAttempts is the size of the history the tests start from: a user of a few months. It also
// makes the home screen's background reads take long enough to finish after the first frame,
// which is when a container that grows without telling the window stays blank.
const seededAttempts = 2000

// seeded is a store holding seededAttempts attempts, written once; seededStore copies it.
var seeded struct {
	once sync.Once
	dir  string
	err  error
}

// seededStore returns a new data directory holding a copy of the seeded store.
func seededStore(t *testing.T) string {
	t.Helper()
	seeded.once.Do(func() {
		seeded.dir, seeded.err = os.MkdirTemp("", "panelprep-seeded")
		if seeded.err == nil {
			seeded.err = seedStore(seeded.dir, seededAttempts)
		}
	})
	if seeded.err != nil {
		t.Fatalf("seeding the store: %v", seeded.err)
	}
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.CopyFS(dir, os.DirFS(seeded.dir)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// seedStore writes n attempts, finishing over the last weeks, into a new store at dir, so that
// every screen has something to show: the Today list, progress charts, history, search.
func seedStore(dir string, n int) error {
	bank, err := prep.DecodeBank(assets.Bank)
	if err != nil {
		return err
	}
	s, err := data.Open(dir)
	if err != nil {
		return err
	}
	span := 45 * 24 * time.Hour
	start := time.Now().Add(-span - 24*time.Hour)
	for _, a := range preptest.Attempts(prep.Library{Bundled: bank.Sets, Competencies: bank.Competencies}, n, start, span, 7) {
		if err := s.SaveAttempt(a); err != nil {
			s.Close()
			return err
		}
	}
	return s.Close()
}

// launch starts panelprep on dataDir in a new Xvfb and waits for its home screen.
func launch(t *testing.T, dataDir string, env ...string) *app {
	t.Helper()
	display := startXvfb(t, 1920, 1200) // room for the window at one and a half times
	mapTypedCharacters(t, display)
	home := t.TempDir() // Fyne keeps preferences (the window size) under the home directory
	a := &app{t: t, display: display, dataDir: dataDir, inspect: filepath.Join(home, "inspect.json"),
		log: &lockedBuffer{}, exited: make(chan struct{})}
	a.cmd = exec.Command(appBinary(t), "--data-dir", dataDir)
	a.cmd.Env = append(os.Environ(), "DISPLAY=:"+strconv.Itoa(display), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"LANG=en_US.UTF-8", inspectEnv+"="+a.inspect)
	a.cmd.Env = append(a.cmd.Env, env...)
	a.cmd.Stdout, a.cmd.Stderr = a.log, a.log
	if err := a.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		a.exitErr = a.cmd.Wait()
		close(a.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-a.exited:
		default:
			_ = a.cmd.Process.Kill()
			<-a.exited
		}
		if t.Failed() {
			t.Logf("the app's log:\n%s", a.log.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for a.window == 0 {
		out, _ := a.xdotool("search", "--name", "^PanelPrep$")
		if f := strings.Fields(out); len(f) > 0 {
			id, err := strconv.ParseUint(f[len(f)-1], 10, 32)
			if err == nil {
				a.window = uint32(id)
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no PanelPrep window within 30 s; log:\n%s", a.log.String())
		}
		select {
		case <-a.exited:
			t.Fatalf("panelprep exited before showing a window: %v\n%s", a.exitErr, a.log.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
	// Focus the window at once, before its background reads finish: gaining the focus redraws the
	// whole window, which would hide a container that grew without telling the window.
	for i := 0; ; i++ {
		_, err := a.xdotool("windowfocus", "--sync", a.id())
		if err == nil {
			break
		}
		if i == 100 { // BadMatch until the window is mapped, a moment after it is made
			t.Fatalf("focusing the window: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	a.waitFor("the home screen", func(in Inspection) bool { return in.Screen == "*ui.homeScreen" })
	return a
}

func (a *app) id() string { return strconv.FormatUint(uint64(a.window), 10) }

func (a *app) xdotool(args ...string) (string, error) {
	cmd := exec.Command("xdotool", args...)
	// A UTF-8 locale that every Debian has, so that xdotool reads "é" as one letter (make exports
	// LANG=en_US.UTF-8, which a fresh machine may not have generated).
	cmd.Env = append(os.Environ(), "DISPLAY=:"+strconv.Itoa(a.display), "LC_ALL=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("xdotool %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// key presses each key chord (xdotool syntax: "ctrl+p", "Return") as real X key events.
func (a *app) key(chords ...string) {
	a.t.Helper()
	if _, err := a.xdotool(append([]string{"key", "--clearmodifiers", "--delay", "60"}, chords...)...); err != nil {
		a.t.Fatal(err)
	}
}

// typeText types s key by key, delay apart, pressing the Return key for each "\n". (xdotool's type
// sends a newline as the Linefeed key, which no keyboard has and GLFW ignores.) A letter beyond
// ASCII is typed on its own, slowly: xdotool maps it to a spare key first, and typed fast the
// window may read the key before the new mapping (a plain Entry then shows "—" for "é").
func (a *app) typeText(s string, delay time.Duration) {
	a.t.Helper()
	typeRun := func(run string, d time.Duration) {
		if _, err := a.xdotool("type", "--delay", strconv.Itoa(int(d/time.Millisecond)), "--", run); err != nil {
			a.t.Fatal(err)
		}
	}
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			if _, err := a.xdotool("key", "--delay", strconv.Itoa(int(delay/time.Millisecond)), "Return"); err != nil {
				a.t.Fatal(err)
			}
		}
		ascii := 0
		for j, r := range line {
			if r < 128 {
				continue
			}
			if j > ascii {
				typeRun(line[ascii:j], delay)
			}
			time.Sleep(100 * time.Millisecond)
			typeRun(string(r), 100*time.Millisecond)
			time.Sleep(100 * time.Millisecond)
			ascii = j + len(string(r))
		}
		if ascii < len(line) {
			typeRun(line[ascii:], delay)
		}
	}
}

// click presses the left button at x, y in the window's canvas units. (No --sync on the moves:
// xdotool then waits, for many seconds, when the pointer is already there.)
func (a *app) click(in Inspection, x, y float32) {
	a.t.Helper()
	s := in.Scale
	if s == 0 {
		s = 1
	}
	px, py := strconv.Itoa(int(x*s)), strconv.Itoa(int(y*s))
	if _, err := a.xdotool("mousemove", "--window", a.id(), px, py, "click", "1"); err != nil {
		a.t.Fatal(err)
	}
}

// clickText clicks the middle of the visible text s on the top layer (a button's label, a list row),
// once it has stayed in one place for two inspections: content loading in the background moves
// things about.
func (a *app) clickText(s string) {
	a.t.Helper()
	var last Inspected
	in := a.waitFor(fmt.Sprintf("%q on screen, staying in place", s), func(in Inspection) bool {
		o, ok := in.find(s)
		if !ok {
			return false
		}
		still := o.X == last.X && o.Y == last.Y && o.W == last.W && o.H == last.H && o.Text == last.Text
		last = o
		return still
	})
	o, _ := in.find(s)
	x, y, w, h := visible(o)
	a.click(in, x+w/2, y+h/2)
}

// clickFirstRow clicks the first row wholly in view of the topmost list (or pop-up menu) on the top
// layer: the text nearest the top inside a vertical scroll.
func (a *app) clickFirstRow() {
	a.t.Helper()
	var row Inspected
	in := a.waitFor("a list with a row in view", func(in Inspection) bool {
		row = Inspected{}
		for _, o := range in.Objects {
			if o.Kind != "text" || o.Layer != in.topLayer() || o.Clip == nil || o.Scroll != "vertical" {
				continue
			}
			if _, _, _, h := visible(o); h < o.H {
				continue
			}
			if row.Text == "" || o.Y < row.Y {
				row = o
			}
		}
		return row.Text != ""
	})
	a.click(in, row.X+min(row.W, 100)/2, row.Y+row.H/2)
}

// current returns the window's latest inspection.
func (a *app) current() (Inspection, error) {
	b, err := os.ReadFile(a.inspect)
	if err != nil {
		return Inspection{}, err
	}
	var in Inspection
	err = json.Unmarshal(b, &in)
	return in, err
}

// waitFor polls the window's inspection until cond holds, for up to 20 s; the inspection is
// written afresh every fifth of a second. It fails the test, showing what was on screen, if not.
func (a *app) waitFor(what string, cond func(Inspection) bool) Inspection {
	a.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last Inspection
	for {
		in, err := a.current()
		if err == nil && in.Seq != last.Seq {
			last = in
			if cond(in) {
				return in
			}
		}
		if time.Now().After(deadline) {
			a.t.Fatalf("waited 20 s for %s; the window shows %s (focus: %q) with these texts:\n%s", what, last.Screen, last.Focused, last.texts())
		}
		select {
		case <-a.exited:
			a.t.Fatalf("panelprep exited while waiting for %s: %v", what, a.exitErr)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// next waits for an inspection newer than in: one taken after whatever happened since in.
func (a *app) next(in Inspection) Inspection {
	a.t.Helper()
	return a.waitFor("the next inspection", func(n Inspection) bool { return n.Seq > in.Seq+1 })
}

// screenshot captures the window as the X server has it.
func (a *app) screenshot() image.Image {
	a.t.Helper()
	cmd := exec.Command("import", "-window", a.id(), "png:-")
	cmd.Env = append(os.Environ(), "DISPLAY=:"+strconv.Itoa(a.display))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		a.t.Fatalf("screenshot: %v: %s", err, stderr.String())
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		a.t.Fatalf("screenshot: %v", err)
	}
	return img
}

// quit closes the window as a user does and waits for the process to exit cleanly.
func (a *app) quit() {
	a.t.Helper()
	if err := closeWindow(a.display, a.window); err != nil {
		a.t.Fatalf("closing the window: %v", err)
	}
	select {
	case <-a.exited:
	case <-time.After(30 * time.Second):
		// SIGQUIT makes the Go runtime print every goroutine's stack to stderr, which is the log:
		// what the app was waiting on is then in the failure, not lost with the process.
		_ = a.cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-a.exited:
		case <-time.After(5 * time.Second):
		}
		a.t.Fatalf("panelprep did not exit within 30 s of its window closing; its goroutines, after SIGQUIT, are in its log:\n%s", a.log.String())
	}
	if a.exitErr != nil {
		a.t.Fatalf("panelprep exited with %v; log:\n%s", a.exitErr, a.log.String())
	}
}

// logProblems returns the lines of the app's log that report a problem. A clean run logs nothing.
func (a *app) logProblems() []string {
	var out []string
	lines := strings.Split(a.log.String(), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasSuffix(l, "Fyne error:  Preferences load error:") && i+1 < len(lines) && strings.HasSuffix(lines[i+1], "Cause: EOF") {
			// Fyne writes its preferences file in place and watches it: reading it back while
			// its own write is under way finds it empty (fyne-io/fyne#2936). The values in
			// memory stay, and the next save writes them whole, so nothing a user sees changes.
			i += 2 // the "At:" line
			continue
		}
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}
