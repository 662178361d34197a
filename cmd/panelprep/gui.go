package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/ui"
)

// liveStore is the store the window works on. A restore swaps it, so everything that reaches the
// store from outside the UI goes through here, one at a time.
type liveStore struct {
	mu    sync.RWMutex // guards store and key: a restore or a passphrase change swaps them
	dir   string
	store *data.Store
	key   []byte // the store's encryption key, nil when it is not encrypted
	// hasHistory says the store held attempts when it opened (read then, off the UI thread).
	hasHistory bool
	bg         sync.WaitGroup // automatic backup and pruning
	// quitting is closed by close: it stops the daily backup if it is still being written, so
	// quitting never waits for it (nothing of it is kept; the next launch makes it).
	quitting chan struct{}
	quitOnce sync.Once
}

// newLiveStore wraps a store just opened in dir with key (nil: not encrypted). It asks the store
// whether it holds attempts, so call it off the UI thread, where the store was opened.
func newLiveStore(dir string, s *data.Store, key []byte) *liveStore {
	history, _ := s.HasAttempts() // a read error here shows up, explained, when the history loads
	return &liveStore{dir: dir, store: s, key: key, hasHistory: history, quitting: make(chan struct{})}
}

// autoBackup makes the daily backup and prunes old ones, in the background: a launch never waits
// for it.
func (l *liveStore) autoBackup(stderr io.Writer) {
	l.bg.Add(1)
	go func() {
		defer l.bg.Done()
		l.mu.RLock() // reading the store: the window may read it too meanwhile
		defer l.mu.RUnlock()
		now := time.Now()
		if _, _, err := l.store.AutoBackup(now, l.quitting); errors.Is(err, data.ErrBackupStopped) {
			return
		} else if err != nil {
			fmt.Fprintln(stderr, "panelprep: the automatic backup failed:", err)
			return
		}
		if _, err := data.Prune(data.BackupsDir(l.dir), now); err != nil {
			fmt.Fprintln(stderr, "panelprep: pruning old backups failed:", err)
		}
	}()
}

// close stops the daily backup if it is running, waits for background work and closes the store.
func (l *liveStore) close() error {
	l.quitOnce.Do(func() { close(l.quitting) })
	l.bg.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.store == nil {
		return nil
	}
	err := l.store.Close()
	l.store = nil
	return err
}

// maintenance wires the Settings screen to the store.
func (l *liveStore) maintenance() ui.Maintenance {
	return ui.Maintenance{
		BackupNow: func() (string, error) {
			l.mu.RLock()
			defer l.mu.RUnlock()
			return l.store.BackupNow(time.Now())
		},
		BackupBeforeImport: func() (string, error) {
			l.mu.RLock()
			defer l.mu.RUnlock()
			return l.store.BackupNowFor(time.Now(), data.BackupBeforeImport)
		},
		Backups: func() ([]ui.BackupEntry, error) {
			l.mu.RLock()
			defer l.mu.RUnlock()
			list, err := data.ListBackups(data.BackupsDir(l.dir))
			out := make([]ui.BackupEntry, len(list))
			for i, b := range list {
				out[i] = ui.BackupEntry{Path: b.Path, Time: b.Time, Size: b.Size, Why: b.Reason.Describe()}
			}
			return out, err
		},
		Restore: func(path, passphrase string) (prep.Store, error) {
			l.bg.Wait()
			l.mu.Lock()
			defer l.mu.Unlock()
			sec := data.Secret{Key: l.key, Passphrase: passphrase}
			if _, err := data.VerifyBackupFileWith(path, sec); err != nil {
				return l.store, err // refused before anything is touched
			}
			if err := l.store.Close(); err != nil {
				return nil, fmt.Errorf("closing the store before the restore: %w", err)
			}
			key := l.key
			res, restoreErr := data.RestoreWith(l.dir, path, time.Now(), sec)
			if restoreErr == nil {
				key = res.Key
			}
			s, err := data.OpenWithKey(l.dir, key)
			if err != nil {
				return nil, errors.Join(restoreErr, fmt.Errorf("reopening the store: %w", err))
			}
			l.store, l.key = s, key
			return s, restoreErr
		},
		NeedsPassphrase: func(err error) bool {
			return errors.Is(err, data.ErrPassphraseNeeded) || errors.Is(err, data.ErrWrongPassphrase)
		},
		Encrypted: func() bool {
			l.mu.RLock()
			defer l.mu.RUnlock()
			return l.key != nil
		},
		SetPassphrase: func(passphrase string) (prep.Store, error) {
			l.bg.Wait()
			l.mu.Lock()
			defer l.mu.Unlock()
			if err := l.store.Close(); err != nil {
				return nil, fmt.Errorf("closing the store before re-encrypting: %w", err)
			}
			key, setErr := data.SetPassphrase(l.dir, l.key, passphrase, time.Now())
			if setErr == nil || errors.Is(setErr, data.ErrUnfinished) {
				l.key, setErr = key, nil // ErrUnfinished: done; the next open completes the swap
			}
			s, err := data.OpenWithKey(l.dir, l.key)
			if err != nil {
				return nil, errors.Join(setErr, fmt.Errorf("reopening the store: %w", err))
			}
			l.store = s
			return s, setErr
		},
		Check: func(repair bool) (string, bool, error) {
			l.mu.RLock()
			defer l.mu.RUnlock()
			r, err := l.store.Check(repair)
			return r.String(), r.Clean(), err
		},
	}
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
func startGUI(a fyne.App, l *liveStore, bundled *prep.Bank, stdout, stderr io.Writer, st *startup) *ui.UI {
	mapCompetencies(l.store, bundled, stderr) // before the window reads any statistics
	deps := ui.Deps{Store: l.store, Bundled: bundled.Sets, Competencies: bundled.Competencies, DataDir: l.dir, Version: version, Tick: tickInterval,
		Maintenance: l.maintenance(), Mentor: l.mentor(), HoldBackground: true, ExpectHistory: l.hasHistory}
	if st != nil {
		deps.Window, deps.Warm = st.win, st.warm
	}
	u := ui.New(a, deps)
	if st == nil {
		u.ReleaseBackground()
		l.autoBackup(stderr)
		return u
	}
	probe := os.Getenv(quitWhenReadyEnv) != ""
	a.Lifecycle().SetOnStarted(func() {
		ui.Do(func() { // the next turn of the event loop: the first frame is on screen
			st.afterFirstFrame()
			u.ReleaseBackground()
			l.autoBackup(stderr)
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
func offerRecovery(a fyne.App, w fyne.Window, dir string, key []byte, openErr error, bundled *prep.Bank, stdout, stderr io.Writer) (*ui.UI, *liveStore) {
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
	var live *liveStore
	message, action := restoreOffer(a, dir, key, openErr, backups[0], bundled, stdout, stderr, func(mu *ui.UI, l *liveStore) { u, live = mu, l })
	ui.ShowRecovery(a, w, "PanelPrep cannot open its data", message, "Restore the latest backup", action)
	return u, live
}

// restoreOffer is the recovery window's text and action for the store in dir that failed to open
// with openErr: restoring latest, then opening the main window, which it hands to started.
func restoreOffer(a fyne.App, dir string, key []byte, openErr error, latest data.BackupFile, bundled *prep.Bank,
	stdout, stderr io.Writer, started func(*ui.UI, *liveStore),
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
		res, err := data.RestoreWith(dir, latest.Path, time.Now(), data.Secret{Key: key})
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
		live := newLiveStore(dir, s, res.Key)
		ui.DoAndWait(func() {
			u := startGUI(a, live, bundled, stdout, stderr, nil)
			u.Window().Show()
			started(u, live)
		})
		return nil
	}
}

// offerFreshStart is offerRecovery with no backup to restore: it offers to move the damaged folder
// aside whole (never deleted, for recovery by hand) and start with empty data, rather than leave the
// user at the same message on every start.
func offerFreshStart(a fyne.App, w fyne.Window, dir string, de *data.DamageError, bundled *prep.Bank, stdout, stderr io.Writer) (*ui.UI, *liveStore) {
	var u *ui.UI
	var live *liveStore
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
			live = newLiveStore(dir, s, nil)
			ui.DoAndWait(func() {
				u = startGUI(a, live, bundled, stdout, stderr, nil)
				u.Window().Show()
			})
			return nil
		})
	return u, live
}

// unlockAndStart asks for the passphrase of an encrypted store (three tries) and opens the main
// window once it unlocks. It returns nil if the user quits instead.
func unlockAndStart(a fyne.App, w fyne.Window, dir string, bundled *prep.Bank, stdout, stderr io.Writer) (*ui.UI, *liveStore) {
	var u *ui.UI
	var live *liveStore
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
				message, action := restoreOffer(a, dir, key, err, backups[0], bundled, stdout, stderr, func(mu *ui.UI, l *liveStore) { u, live = mu, l })
				ui.DoAndWait(func() {
					ui.OpenRecovery(a, "PanelPrep cannot open its data", message, "Restore the latest backup", action)
				})
				return nil
			}
		}
		if err != nil {
			return err
		}
		live = newLiveStore(dir, s, key)
		ui.DoAndWait(func() {
			u = startGUI(a, live, bundled, stdout, stderr, nil)
			u.Window().Show()
		})
		return nil
	})
	return u, live
}
