package prep

import (
	"fmt"
	"io"
)

// ReadSet reads one practice-set file from r and parses it; name is how its problems name the
// file. A file larger than MaxSetFileSize is refused after reading one byte past the cap, never
// read whole. Its criteria are checked against model (see ParseSet).
func ReadSet(name string, r io.Reader, model Competencies) (*PracticeSet, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSetFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return ParseSet(name, data, model)
}

// SetImport imports parsed practice sets into the user's data. The command line and the window
// both import through it, so the rules are the same in both: each set is checked against the
// library first, the data is backed up before anything is written, and a set that fails changes
// nothing.
type SetImport struct {
	Store SetStore
	// Library is what the user has now: bundled and imported sets. Run adds each imported set to
	// it, so two sets in one import cannot claim the same prompt ID.
	Library Library
	// Backup makes the backup taken before an import and returns its path; nil takes none.
	Backup func() (path string, err error)
}

// Run checks every set, then backs up once (if any set passed) and stores the sets that passed.
// It returns the backup's path and, per set in order, nil or why it was not imported. An error
// from the backup means nothing was imported.
func (si *SetImport) Run(sets []*PracticeSet) (backup string, problems []error, err error) {
	problems = make([]error, len(sets))
	lib := si.Library
	lib.Imported = append([]*PracticeSet(nil), lib.Imported...) // Run adds to its own copy first
	passed := false
	for i, set := range sets {
		if problems[i] = lib.CheckImport(set); problems[i] == nil {
			lib.Imported = ReplaceSet(lib.Imported, set)
			passed = true
		}
	}
	if !passed {
		return "", problems, nil
	}
	if si.Backup != nil {
		if backup, err = si.Backup(); err != nil {
			return "", problems, fmt.Errorf("backing up before the import failed, so nothing was imported: %w", err)
		}
	}
	for i, set := range sets {
		if problems[i] != nil {
			continue
		}
		if problems[i] = si.Store.ImportSet(set); problems[i] == nil {
			si.Library.Imported = ReplaceSet(si.Library.Imported, set)
		}
	}
	return backup, problems, nil
}

// ReplaceSet returns sets with set added, or replacing an older version with the same ID. sets is
// not changed.
func ReplaceSet(sets []*PracticeSet, set *PracticeSet) []*PracticeSet {
	out := make([]*PracticeSet, 0, len(sets)+1)
	for _, s := range sets {
		if s.ID != set.ID {
			out = append(out, s)
		}
	}
	return append(out, set)
}
