package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/panelprep/panelprep/data"
)

// runBackup handles `panelprep backup FILE`: it writes a backup of the store to FILE. An existing
// FILE is replaced only if it is itself a PanelPrep backup, so a mistyped name cannot overwrite
// another document.
func runBackup(args []string, stdout, stderr io.Writer, openStore func() (*data.Store, int)) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: panelprep backup FILE")
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
// backup is refused with exit code 1 and nothing is changed.
func runRestore(args []string, dir string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: panelprep restore FILE")
		return exitUsage
	}
	res, err := data.RestoreDetailed(dir, args[0], time.Now())
	switch {
	case err == nil:
	case errors.Is(err, data.ErrLocked):
		fmt.Fprintln(stderr, "panelprep restore:", err)
		return exitLocked
	case errors.Is(err, data.ErrDataDir):
		fmt.Fprintln(stderr, "panelprep restore:", err)
		return exitDataDir
	default: // not a backup, damaged, from a newer PanelPrep, or a failure while restoring
		fmt.Fprintln(stderr, "panelprep restore:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "restored %s into %s\n", args[0], dir)
	if res.PreRestoreBackup != "" {
		fmt.Fprintf(stdout, "your data as it was before is backed up in %s\n", res.PreRestoreBackup)
	}
	if res.MovedAside != "" {
		fmt.Fprintf(stdout, "the previous data folder was moved to %s; delete it once you no longer need it\n", res.MovedAside)
	}
	return exitOK
}

// runCheck handles `panelprep check [--repair]`: it prints what Check finds, and exits 0 when no
// problem remains, 1 when some do.
func runCheck(args []string, stdout, stderr io.Writer, openStore func() (*data.Store, int)) int {
	fs := flag.NewFlagSet("panelprep check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	repair := fs.Bool("repair", false, "rebuild missing or stale indexes and summaries, and move records that cannot be read to damaged/ (their bytes are kept)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: panelprep check [--repair]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
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
	if len(rep.Counts) > 0 {
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
