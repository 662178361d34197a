// Command panelprep is the PanelPrep desktop app: rehearse the Director of Engineering interview
// loop offline. It parses flags, opens the store, loads the bundled practice sets and starts the
// window.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/panelprep/panelprep/assets"
	_ "github.com/panelprep/panelprep/cmd/panelprep/internal/quietlocale" // before Fyne's init: see the package
	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/ui"
)

// version and build are set from FyneApp.toml by the Makefile (-ldflags -X); see `make ldflags`.
var (
	version = "dev"
	build   = "0"
)

const appID = "io.github.panelprep.panelprep"

// quitWhenReadyEnv makes the app print "ready" and quit as soon as it is up (launch benchmark).
const quitWhenReadyEnv = "PANELPREP_QUIT_WHEN_READY"

// Exit codes, so scripts and the desktop launcher can tell failures apart.
const (
	exitOK       = 0
	exitFailure  = 1
	exitUsage    = 2
	exitLocked   = 3
	exitDataDir  = 4
	exitBadStore = 5
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("panelprep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataDir := fs.String("data-dir", "", "keep PanelPrep's data in `DIR` (default: $PANELPREP_DATA, else your user data directory)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "PanelPrep %s: rehearse the Director of Engineering interview loop offline.\n\n", version)
		fmt.Fprintf(stderr, "Usage:\n")
		printUsageLine(stderr, "[flags]", "start the app")
		for _, c := range commands {
			for _, u := range c.usage {
				printUsageLine(stderr, u.synopsis, u.what)
			}
		}
		fmt.Fprintf(stderr, "\nWhen your data is encrypted, the commands read the passphrase from $PANELPREP_PASSPHRASE.\n")
		fmt.Fprintf(stderr, "\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	if *showVersion {
		fmt.Fprintf(stdout, "PanelPrep %s (build %s)\n", version, build)
		return exitOK
	}
	dir, err := resolveDataDir(*dataDir)
	if err != nil {
		fmt.Fprintln(stderr, "panelprep:", err)
		return exitDataDir
	}
	if fs.NArg() > 0 {
		c, ok := findCommand(fs.Arg(0))
		if !ok {
			fmt.Fprintf(stderr, "panelprep: unknown command %q; see panelprep --help\n", fs.Arg(0))
			return exitUsage
		}
		return c.run(fs.Args()[1:], cmdEnv{dir: dir, stdout: stdout, stderr: stderr})
	}
	// The launch: parse the bundled sets, open the store and start the windowing system at once;
	// each takes milliseconds, and none needs the others.
	// The garbage collector waits until the first frame: a launch allocates about 50 MB, mostly
	// fonts, and collecting it on the way slows every one of these steps.
	releaseGC := holdGC()
	defer releaseGC()
	type setsResult struct {
		bank *prep.Bank
		err  error
	}
	type storeResult struct {
		live    *data.Live
		history bool
		err     error
	}
	setsCh, storeCh := make(chan setsResult, 1), make(chan storeResult, 1)
	go func() {
		bank, err := loadBundled()
		setsCh <- setsResult{bank, err}
	}()
	go func() {
		s, err := data.Open(dir)
		if err != nil {
			storeCh <- storeResult{nil, false, err}
			return
		}
		live, history := newLive(dir, s, nil)
		storeCh <- storeResult{live, history, nil}
	}()
	a := app.NewWithID(appID)
	app.SetMetadata(fyne.AppMetadata{ID: appID, Name: "PanelPrep", Version: version, Migrations: map[string]bool{"fyneDo": true},
		Icon: fyne.NewStaticResource("icon-128.png", assets.WindowIcon)})
	win := a.NewWindow("PanelPrep") // starts the windowing system, the longest step before the store is open
	sr, opened := <-setsCh, <-storeCh
	// The fonts load while the main window is created (ui.New shows it first); started any earlier,
	// they slow the store and the windowing system, which the window waits for. Every window below
	// waits for them.
	warm := ui.Warm(a)
	if sr.err != nil {
		// The bundled sets are checked by the tests; reaching this means a broken build.
		fmt.Fprintln(stderr, "panelprep: the bundled practice sets are damaged:", sr.err)
		if opened.live != nil {
			opened.live.Close()
		}
		return exitFailure
	}
	bundled := sr.bank
	var u *ui.UI
	var live *data.Live
	if opened.err != nil {
		releaseGC()
		warm.Wait() // the windows below draw text: the fonts must be loaded first
	}
	if errors.Is(opened.err, data.ErrPassphraseNeeded) {
		if u, live = unlockAndStart(a, win, dir, bundled, stdout, stderr); u == nil {
			return exitFailure // the user quit at the unlock window
		}
	} else if err := opened.err; err != nil {
		fmt.Fprintln(stderr, "panelprep:", err)
		code, title := classifyOpenError(err)
		if !recoverable(err) {
			ui.ShowStartupError(a, win, title, err.Error())
			return code
		}
		if u, live = offerRecovery(a, win, dir, nil, err, bundled, stdout, stderr); u == nil {
			return code
		}
	} else {
		live = opened.live
		u = startGUI(a, live, opened.history, bundled, stdout, stderr, &startup{win: win, warm: warm, afterFirstFrame: releaseGC})
		finish := shutdown(u, live, stderr)
		go exitIfStuck(u.Closed(), finish)
		u.ShowAndRun()
		return finish()
	}
	return shutdown(u, live, stderr)()
}

// shutdown returns the app's last step, once however often it is called: write out the drafts
// still being saved, then close the store.
func shutdown(u *ui.UI, live *data.Live, stderr io.Writer) func() int {
	return sync.OnceValue(func() int {
		u.Drain()
		if err := live.Close(); err != nil {
			fmt.Fprintln(stderr, "panelprep: closing the store:", err)
			return exitFailure
		}
		return exitOK
	})
}

// stuckExitGrace is how long ShowAndRun may take to return once the window has closed; it takes
// well under a second (0.3 to 0.9 s with eight apps at once on two cores).
const stuckExitGrace = 10 * time.Second

// exitIfStuck finishes and exits the process if ShowAndRun has not returned stuckExitGrace after
// the window closed. Fyne 2.7.1 can wait for ever there: its lifecycle queue hands the app's stop
// hook to the main loop just as the loop drains its queue for the last time, and the hook's wait
// is never answered (goroutines in glfw.runOnMainWithWait and intapp.(*Lifecycle).WaitForEvents;
// seen twice in about fifteen runs of the real-window suite). The window was gone but the process
// stayed, holding the store's lock: the next launch would say PanelPrep is already running. The
// drafts are written out and the store closed as on a normal exit (finish runs once: if
// ShowAndRun returns meanwhile, main waits for this one).
func exitIfStuck(closed <-chan struct{}, finish func() int) {
	<-closed
	time.Sleep(stuckExitGrace)
	os.Exit(finish())
}

// tickInterval is how often the round clock redraws: often enough that seconds never skip.
const tickInterval = 250 * time.Millisecond

// holdGC turns the garbage collector off, within a memory limit far above what a launch uses, until
// the returned func is called (safe to call more than once).
func holdGC() (release func()) {
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(512 << 20)
	var once sync.Once
	return func() {
		once.Do(func() {
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(limit)
		})
	}
}

// openForCLI opens the store for a headless command, explaining failures on stderr.
func openForCLI(dir string, stderr io.Writer) (*data.Store, int) {
	s, err := openWithEnv(dir) // an encrypted store is unlocked with $PANELPREP_PASSPHRASE (backup.go)
	if err != nil {
		fmt.Fprintln(stderr, "panelprep:", err)
		if errors.Is(err, data.ErrDamaged) {
			fmt.Fprintln(stderr, restoreHint(dir))
		}
		code, _ := classifyOpenError(err)
		return nil, code
	}
	if bank, err := loadBundled(); err == nil { // a damaged bank is reported by the commands that use it
		mapCompetencies(s, bank, stderr)
	}
	return s, exitOK
}

// mapCompetencies records the competencies of stored attempts made before competencies existed,
// through the bundled and imported sets (data.Store.MapCompetencies: once per mapping). A failure is
// reported and the store used as it is: those attempts count under "Unmapped" until the next start.
func mapCompetencies(s mappingStore, bank *prep.Bank, stderr io.Writer) {
	_ = mapCompetenciesWith(s, bank, data.MappingOptions{}, stderr)
}

// mappingStore is what the mapping reads and writes.
type mappingStore interface {
	ImportedSets() ([]*prep.PracticeSet, error)
	MapCompetenciesWith(prep.CompetencyIndex, data.MappingOptions) (data.MappingReport, error)
}

// mapCompetenciesWith is mapCompetencies with progress and a stop (the window runs it behind
// itself); it returns the failure it reported.
func mapCompetenciesWith(s mappingStore, bank *prep.Bank, opt data.MappingOptions, stderr io.Writer) error {
	imported, err := s.ImportedSets()
	if err == nil {
		_, err = s.MapCompetenciesWith(prep.NewCompetencyIndex(bank.Competencies, append(append([]*prep.PracticeSet(nil), bank.Sets...), imported...)...), opt)
	}
	if err != nil {
		fmt.Fprintln(stderr, "panelprep: old attempts could not be mapped to competencies, so they count under Unmapped for now:", err)
	}
	return err
}

// classifyOpenError maps a failure to open the store to an exit code and a window title.
func classifyOpenError(err error) (code int, title string) {
	switch {
	case errors.Is(err, data.ErrLocked):
		return exitLocked, "PanelPrep is already open"
	case errors.Is(err, data.ErrDataDir):
		return exitDataDir, "PanelPrep cannot use its data folder"
	case errors.Is(err, data.ErrPassphraseNeeded), errors.Is(err, data.ErrWrongPassphrase), errors.Is(err, data.ErrNotEncrypted):
		return exitFailure, "PanelPrep needs your passphrase"
	}
	return exitBadStore, "PanelPrep cannot open its data"
}

// resolveDataDir picks the data directory: the flag, then $PANELPREP_DATA, then the user's data dir.
func resolveDataDir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if env := os.Getenv("PANELPREP_DATA"); env != "" {
		return env, nil
	}
	return data.DefaultDir()
}
