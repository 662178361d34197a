package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/panelprep/panelprep/data"
)

// runBackup handles `panelprep backup FILE`: it writes a backup of the store to FILE. An existing
// FILE is replaced only if it is itself a PanelPrep backup, so a mistyped name cannot overwrite
// another document.
func runBackup(args []string, stdout, stderr io.Writer, openStore func() (*data.Store, int)) int {
	if len(args) != 1 {
		fmt.Fprint(stderr, usageOf("backup"))
		return exitUsage
	}
	file := args[0]
	if info, err := os.Stat(file); err == nil {
		if info.IsDir() {
			fmt.Fprintf(stderr, "panelprep backup: %s is a folder; give a file name, such as %s\n", file, file+"/panelprep.backup")
			return exitFailure
		}
		if _, err := data.ReadBackupHeader(file); errors.Is(err, data.ErrNotBackup) {
			fmt.Fprintf(stderr, "panelprep backup: %s exists and is not a PanelPrep backup; choose another name (nothing was written)\n", file)
			return exitFailure
		}
	}
	store, code := openStore()
	if store == nil {
		return code
	}
	defer store.Close()
	if err := store.BackupToFile(file); err != nil {
		fmt.Fprintln(stderr, "panelprep backup:", err)
		return exitFailure
	}
	size := int64(0)
	if info, err := os.Stat(file); err == nil {
		size = info.Size()
	}
	fmt.Fprintf(stdout, "backed up %s to %s (%s)\n", store.Dir(), file, byteSize(size))
	return exitOK
}

// runRestore handles `panelprep restore FILE`: it replaces the store in dir with the backup in FILE,
// after backing up the current data and moving it aside. A file that is not a complete PanelPrep
// backup is refused with exit code 1 and nothing is changed; so is an encrypted store or backup
// without its passphrase (see secretFromEnv).
func runRestore(args []string, dir string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprint(stderr, usageOf("restore"))
		return exitUsage
	}
	sec, err := secretFromEnv(dir)
	if err != nil {
		fmt.Fprintln(stderr, "panelprep restore: nothing was changed:", err)
		return exitFailure
	}
	res, err := data.Restore(dir, args[0], time.Now(), sec)
	switch {
	case err == nil:
	case errors.Is(err, data.ErrLocked):
		fmt.Fprintln(stderr, "panelprep restore:", err)
		return exitLocked
	case errors.Is(err, data.ErrDataDir):
		fmt.Fprintln(stderr, "panelprep restore:", err)
		return exitDataDir
	case errors.Is(err, data.ErrPassphraseNeeded), errors.Is(err, data.ErrWrongPassphrase):
		fmt.Fprintf(stderr, "panelprep restore: %v\n(set %s to the passphrase of your data, and %s to the backup's if it was made with another one)\n",
			err, passphraseEnv, backupPassphraseEnv)
		return exitFailure
	default: // not a backup, damaged, from a newer PanelPrep, or a failure while restoring
		fmt.Fprintln(stderr, "panelprep restore:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "restored %s into %s\n", args[0], dir)
	if res.Key != nil {
		fmt.Fprintln(stdout, "the restored data is encrypted; it opens with the same passphrase as before")
	}
	if res.PreRestoreBackup != "" {
		fmt.Fprintf(stdout, "your data as it was before is backed up in %s\n", res.PreRestoreBackup)
	}
	if res.MovedAside != "" {
		fmt.Fprintf(stdout, "the previous data folder was moved to %s; delete it once you no longer need it\n", res.MovedAside)
	}
	return exitOK
}

// The headless commands never prompt (they run from scripts, with no terminal); an encrypted
// store's passphrase comes from the environment.
const (
	// passphraseEnv holds the passphrase of the encrypted data that sets import, backup, restore
	// and check open, and of the backups made under it.
	passphraseEnv = "PANELPREP_PASSPHRASE"
	// backupPassphraseEnv holds the passphrase of a backup that restore reads, when it differs from
	// the data's (a backup made before a passphrase change, or of other data); optional.
	backupPassphraseEnv = "PANELPREP_BACKUP_PASSPHRASE"
)

// unlockFromEnv returns the key of the store in dir: nil when it is not encrypted, else the key that
// $PANELPREP_PASSPHRASE unlocks.
func unlockFromEnv(dir string) ([]byte, error) {
	if !data.Encrypted(dir) {
		return nil, nil
	}
	pass := os.Getenv(passphraseEnv)
	if pass == "" {
		return nil, fmt.Errorf("%w: the data in %s is encrypted; set %s to its passphrase", data.ErrPassphraseNeeded, dir, passphraseEnv)
	}
	key, err := data.UnlockKey(dir, pass)
	if errors.Is(err, data.ErrWrongPassphrase) {
		return nil, fmt.Errorf("%w (from %s) for the data in %s", err, passphraseEnv, dir)
	}
	return key, err
}

// openWithEnv opens the store in dir for a headless command: with the key $PANELPREP_PASSPHRASE
// unlocks when it is encrypted.
func openWithEnv(dir string) (*data.Store, error) {
	key, err := unlockFromEnv(dir)
	if err != nil {
		return nil, err
	}
	return data.OpenWithKey(dir, key)
}

// secretFromEnv is what restore opens the store in dir and the backup with: the store's key from
// $PANELPREP_PASSPHRASE, and for the backup $PANELPREP_BACKUP_PASSPHRASE, else the same passphrase.
func secretFromEnv(dir string) (data.Secret, error) {
	key, err := unlockFromEnv(dir)
	if err != nil {
		return data.Secret{}, err
	}
	pass := os.Getenv(backupPassphraseEnv)
	if pass == "" {
		pass = os.Getenv(passphraseEnv)
	}
	return data.Secret{Key: key, Passphrase: pass}, nil
}

// runCheck handles `panelprep check [--repair]`: it prints what Check finds, and exits 0 when no
// problem remains, 1 when some do.
func runCheck(args []string, stdout, stderr io.Writer, openStore func() (*data.Store, int)) int {
	fs := flag.NewFlagSet("panelprep check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	repair := fs.Bool("repair", false, "rebuild missing or stale indexes and summaries, and move records that cannot be read to damaged/ (their bytes are kept)")
	fs.Usage = func() {
		fmt.Fprint(stderr, usageOf("check"))
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	store, code := openStore()
	if store == nil {
		return code
	}
	defer store.Close()
	rep, err := store.Check(*repair)
	if len(rep.Counts) > 0 || len(rep.Problems) > 0 {
		fmt.Fprint(stdout, rep)
	}
	if err != nil {
		fmt.Fprintln(stderr, "panelprep check:", err)
		return exitBadStore
	}
	if !rep.Clean() {
		return exitFailure
	}
	return exitOK
}

// restoreHint tells the user of a damaged store in dir how to restore its latest backup: the
// command line's form of the window's recovery offer.
func restoreHint(dir string) string {
	list, err := data.ListBackups(data.BackupsDir(dir))
	if err != nil || len(list) == 0 {
		return fmt.Sprintf("There is no backup in %s to restore. The damaged folder is left as it is: keep a copy of it before changing anything.",
			data.BackupsDir(dir))
	}
	b := list[0]
	return fmt.Sprintf("To restore the latest backup (made %s), run:\n  panelprep --data-dir %s restore %s\n"+
		"The damaged folder is then moved aside whole to %s.damaged-<time>, never deleted, and its backups come with the restored data.",
		b.Time.Local().Format("Mon 2 Jan 2006 15:04"), shellQuote(dir), shellQuote(b.Path), dir)
}

// shellQuote quotes s for a POSIX shell when it holds anything but plain path characters.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:=@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// byteSize formats a size for people: 930 B, 14.2 KB, 3.1 MB.
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f KB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
