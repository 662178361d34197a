package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"fyne.io/fyne/v2"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/ui"
)

// maintenance wires the Settings screen to the live store, the one handle the window holds.
func maintenance(l *data.Live) ui.Maintenance {
	return ui.Maintenance{
		BackupNow: func() (string, error) { return l.BackupNow(time.Now()) },
		BackupBeforeImport: func() (string, error) {
			return l.BackupNowFor(time.Now(), data.BackupBeforeImport)
		},
		Backups: func() ([]ui.BackupEntry, error) {
			list, err := l.Backups()
			out := make([]ui.BackupEntry, len(list))
			for i, b := range list {
				out[i] = ui.BackupEntry{Path: b.Path, Time: b.Time, Size: b.Size, Why: b.Reason.Describe()}
			}
			return out, err
		},
		Restore: func(path, passphrase string) error { return l.Restore(path, passphrase, time.Now()) },
		NeedsPassphrase: func(err error) bool {
			return errors.Is(err, data.ErrPassphraseNeeded) || errors.Is(err, data.ErrWrongPassphrase)
		},
		Encrypted:     l.Encrypted,
		SetPassphrase: func(passphrase string) error { return l.SetPassphrase(passphrase, time.Now()) },
		Check: func(repair bool) (string, bool, error) {
			r, err := l.Check(repair)
			return r.String(), r.Clean(), err
		},
	}
}

// autoBackup makes the daily backup and prunes old ones in the background, saying on stderr what
// failed.
func autoBackup(l *data.Live, stderr io.Writer) {
	l.AutoBackup(time.Now(), func(err error) { fmt.Fprintln(stderr, "panelprep:", err) })
}

// newLive wraps a store just opened in dir with key (nil: not encrypted) as the window's live
// store, and says whether it holds attempts. It reads the store, so call it off the UI thread,
// where the store was opened.
func newLive(dir string, s *data.Store, key []byte) (*data.Live, bool) {
	history, _ := s.HasAttempts() // a read error here shows up, explained, when the history loads
	return data.NewLive(dir, s, key), history
}

// startup is what main prepared while the store opened.
type startup struct {
	win             fyne.Window // created early: creating the first window starts the windowing system
	warm            *ui.Warmup
	afterFirstFrame func()
}

// startGUI opens the main window over the live store.
// st is nil when the event loop is already going (after an unlock or a recovery window):
// background work then starts at once rather than after the first frame.
// history says the store held attempts when it opened (asked then, off the UI thread).
func startGUI(a fyne.App, l *data.Live, history bool, bundled *prep.Bank, stdout, stderr io.Writer, st *startup) *ui.UI {
	deps := ui.Deps{Store: l, Bundled: bundled.Sets, Loops: bundled.Loops, Competencies: bundled.Competencies, DataDir: l.Dir(), Version: version, Tick: tickInterval,
		Maintenance: maintenance(l), Mentor: mentor(l), HoldBackground: true, ExpectHistory: history,
		ScreenArea: screenArea,
		// Behind the window, not before it: 8 to 15 s once on a store of 10,000 old attempts.
		MapAttempts: func(progress func(done, total int), stop <-chan struct{}) error {
			return mapCompetenciesWith(l, bundled, data.MappingOptions{Progress: progress, Stop: stop}, stderr)
		}}
	if st != nil {
		deps.Window, deps.Warm = st.win, st.warm
	}
	if speed := clockSpeed(stderr); speed != 1 {
		deps.Clock = fastClock(speed)
	}
	u := ui.New(a, deps)
	if st == nil {
		u.ReleaseBackground()
		autoBackup(l, stderr)
		return u
	}
	probe := os.Getenv(quitWhenReadyEnv) != ""
	a.Lifecycle().SetOnStarted(func() {
		ui.Do(func() { // the next turn of the event loop: the first frame is on screen
			st.afterFirstFrame()
			u.ReleaseBackground()
			autoBackup(l, stderr)
			if probe {
				// The launch benchmark's probe: report once the event loop runs with the home screen up.
				fmt.Fprintln(stdout, "ready")
				// Quit a moment later: quitting in the first frame can race glfw's first pointer event.
				time.AfterFunc(200*time.Millisecond, func() { ui.Do(a.Quit) })
			}
		})
	})
	return u
}

// recoverable reports whether a failure to open the store is one a backup can mend: damage, not a
// lock, an unusable folder or a newer PanelPrep.
func recoverable(err error) bool {
	for _, not := range []error{data.ErrLocked, data.ErrDataDir, data.ErrNewerSchema, data.ErrPassphraseNeeded, data.ErrWrongPassphrase} {
		if errors.Is(err, not) {
			return false
		}
	}
	return true
}

// offerRecovery runs the app on a window that explains the damaged store and offers the latest
// backup. It returns the main UI and the live store if the user restored, or nil if they quit.
func offerRecovery(a fyne.App, w fyne.Window, dir string, key []byte, openErr error, bundled *prep.Bank, stdout, stderr io.Writer) (*ui.UI, *data.Live) {
	backups, _ := data.ListBackups(data.BackupsDir(dir))
	if de := (*data.DamageError)(nil); len(backups) == 0 && key == nil && errors.As(openErr, &de) {
		return offerFreshStart(a, w, dir, de, bundled, stdout, stderr)
	}
	if len(backups) == 0 {
		ui.ShowStartupError(a, w, "PanelPrep cannot open its data",
			openErr.Error()+"\n\nThere is no backup to restore. Your data folder is untouched: "+dir)
		return nil, nil
	}
	var u *ui.UI
	var live *data.Live
	message, action := restoreOffer(a, dir, key, openErr, backups[0], bundled, stdout, stderr, func(mu *ui.UI, l *data.Live) { u, live = mu, l })
	ui.ShowRecovery(a, w, "PanelPrep cannot open its data", message, "Restore the latest backup", action)
	return u, live
}

// restoreOffer is the recovery window's text and action for the store in dir that failed to open
// with openErr: restoring latest, then opening the main window, which it hands to started.
func restoreOffer(a fyne.App, dir string, key []byte, openErr error, latest data.BackupFile, bundled *prep.Bank,
	stdout, stderr io.Writer, started func(*ui.UI, *data.Live),
) (message string, action func() error) {
	when := latest.Time.Local().Format("Mon 2 Jan 2006 15:04")
	message = fmt.Sprintf("%v\n\nPanelPrep can restore the latest backup, from %s. The damaged data is moved aside to a folder "+
		"beside it, never deleted.", openErr, when)
	if de := (*data.DamageError)(nil); errors.As(openErr, &de) {
		// The same facts as the command line's message, in the order a person reads them here.
		message = fmt.Sprintf("The data in %s is damaged: %s %s.\n\nPanelPrep did not open it, so nothing in it was changed.\n\n"+
			"PanelPrep can restore the latest backup, from %s. The damaged folder is moved aside whole to %s.damaged-<date> "+
			"beside it, never deleted, and your backups come with the restored data. Anything saved after that backup stays in the "+
			"damaged folder.", de.Dir, de.File, de.What, when, filepath.Base(dir))
	}
	return message, func() error {
		res, err := data.Restore(dir, latest.Path, time.Now(), data.Secret{Key: key})
		if err != nil {
			return err
		}
		if res.MovedAside != "" {
			fmt.Fprintln(stderr, "panelprep: restored the backup of", when+"; the damaged data is in", res.MovedAside)
		}
		s, err := data.OpenWithKey(dir, res.Key)
		if err != nil {
			return err
		}
		live, history := newLive(dir, s, res.Key)
		ui.DoAndWait(func() {
			u := startGUI(a, live, history, bundled, stdout, stderr, nil)
			u.Window().Show()
			started(u, live)
		})
		return nil
	}
}

// offerFreshStart is offerRecovery with no backup to restore: it offers to move the damaged folder
// aside whole (never deleted, for recovery by hand) and start with empty data, rather than leave the
// user at the same message on every start.
func offerFreshStart(a fyne.App, w fyne.Window, dir string, de *data.DamageError, bundled *prep.Bank, stdout, stderr io.Writer) (*ui.UI, *data.Live) {
	var u *ui.UI
	var live *data.Live
	ui.ShowRecovery(a, w, "PanelPrep cannot open its data",
		fmt.Sprintf("The data in %s is damaged: %s %s.\n\nPanelPrep did not open it, so nothing in it was changed. "+
			"There is no backup to restore.\n\nPanelPrep can move the damaged folder aside whole, to %s.damaged-<date> beside it, "+
			"never deleted, and start with empty data. Keep that folder: the attempts in it may be recovered by hand.",
			de.Dir, de.File, de.What, filepath.Base(dir)),
		"Move it aside and start afresh",
		func() error {
			aside, err := data.MoveDamagedAside(dir, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintln(stderr, "panelprep: the damaged data is in", aside)
			s, err := data.Open(dir)
			if err != nil {
				return err
			}
			var history bool
			live, history = newLive(dir, s, nil)
			ui.DoAndWait(func() {
				u = startGUI(a, live, history, bundled, stdout, stderr, nil)
				u.Window().Show()
			})
			return nil
		})
	return u, live
}

// unlockAndStart asks for the passphrase of an encrypted store (three tries) and opens the main
// window once it unlocks. It returns nil if the user quits instead.
func unlockAndStart(a fyne.App, w fyne.Window, dir string, bundled *prep.Bank, stdout, stderr io.Writer) (*ui.UI, *data.Live) {
	var u *ui.UI
	var live *data.Live
	ui.AskPassphrase(a, w, dir, func(passphrase string) error {
		key, err := data.UnlockKey(dir, passphrase) // Argon2id: about half a second, off the UI thread
		if err != nil {
			return err
		}
		s, err := data.OpenWithKey(dir, key)
		if errors.Is(err, data.ErrDamaged) {
			// Found only now, with the key that reads the tables: offer the latest backup in a
			// window of its own, as offerRecovery does for a plain store; this one closes.
			if backups, _ := data.ListBackups(data.BackupsDir(dir)); len(backups) > 0 {
				message, action := restoreOffer(a, dir, key, err, backups[0], bundled, stdout, stderr, func(mu *ui.UI, l *data.Live) { u, live = mu, l })
				ui.DoAndWait(func() {
					ui.OpenRecovery(a, "PanelPrep cannot open its data", message, "Restore the latest backup", action)
				})
				return nil
			}
		}
		if err != nil {
			return err
		}
		var history bool
		live, history = newLive(dir, s, key)
		ui.DoAndWait(func() {
			u = startGUI(a, live, history, bundled, stdout, stderr, nil)
			u.Window().Show()
		})
		return nil
	})
	return u, live
}

// clockSpeedEnv runs every round clock this many times faster than real time (the real-window
// tests, and an interviewer rehearsing the flow, run a 45-minute round in a minute or two). Only
// the round clocks: stamps on records keep the wall clock.
const clockSpeedEnv = "PANELPREP_CLOCK_SPEED"

// clockSpeed reads clockSpeedEnv: 1 when unset, and when it is not a number from 1 to 3600 (said
// on stderr, and ignored).
func clockSpeed(stderr io.Writer) float64 {
	v := os.Getenv(clockSpeedEnv)
	if v == "" {
		return 1
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 1 || f > 3600 {
		fmt.Fprintf(stderr, "panelprep: %s=%q is not a speed from 1 to 3600; the clock runs at real time\n", clockSpeedEnv, v)
		return 1
	}
	return f
}

// fastClock is the system's monotonic clock run speed times faster.
func fastClock(speed float64) prep.Monotonic {
	real := prep.SystemMonotonic()
	return func() time.Duration { return time.Duration(float64(real()) * speed) }
}
