package ui

import "time"

// Maintenance is what the Settings screen needs from the data layer. cmd wires it to the Badger
// store, so ui never opens Badger itself. Any field may be nil; its controls are then hidden.
type Maintenance struct {
	BackupNow func() (path string, err error)
	// BackupBeforeImport makes the backup taken before a practice set is imported, named for that
	// reason; without it the import uses BackupNow.
	BackupBeforeImport func() (path string, err error)
	Backups            func() ([]BackupEntry, error)
	// Restore replaces the data with a backup. The current data is backed up and moved aside
	// first. The store the screens hold (Deps.Store) stays the same handle: what is behind it is
	// swapped (the previous data reopened when the restore failed). passphrase opens a backup
	// encrypted under another passphrase than the data's (one set before a change, or on another
	// computer); it is "" on the first try.
	Restore func(path, passphrase string) error
	// NeedsPassphrase reports whether a Restore failed for want of the backup's passphrase, or
	// because the one given does not open it: the Settings screen then asks for it.
	NeedsPassphrase func(err error) bool
	// Check verifies every record; with repair it rebuilds what is derivable.
	Check func(repair bool) (report string, clean bool, err error)
	// Encrypted reports whether the data is encrypted with a passphrase.
	Encrypted func() bool
	// SetPassphrase re-encrypts the data with a new passphrase ("" removes encryption); like
	// Restore, it swaps what is behind Deps.Store, never the handle.
	SetPassphrase func(passphrase string) error
}

// BackupEntry is one backup file.
type BackupEntry struct {
	Path string
	Time time.Time
	Size int64
	Why  string // why it was made ("daily", "before a restore"…), "" when unknown
}
