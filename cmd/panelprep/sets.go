package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
)

// runSets handles `panelprep sets check FILE...` and `panelprep sets import FILE...`.
func runSets(args []string, stdout, stderr io.Writer, openStore func() (*data.Store, int)) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: panelprep sets check FILE...\n       panelprep sets import FILE...")
		return exitUsage
	}
	switch args[0] {
	case "check":
		return checkSets(args[1:], stdout, stderr)
	case "import":
		return importSets(args[1:], stdout, stderr, openStore)
	}
	fmt.Fprintf(stderr, "panelprep sets: unknown command %q (use check or import)\n", args[0])
	return exitUsage
}

// readSet reads and parses one practice-set file, printing its problems on failure.
func readSet(name string, stderr io.Writer) (*prep.PracticeSet, bool) {
	data, err := readCapped(name, prep.MaxSetFileSize)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return nil, false
	}
	set, err := prep.ParseSet(name, data)
	var fe *prep.SetFileError
	if errors.As(err, &fe) {
		for _, p := range fe.Problems {
			fmt.Fprintln(stderr, p)
		}
		return nil, false
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return nil, false
	}
	return set, true
}

// readCapped reads a file, refusing one larger than max without reading it whole.
func readCapped(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("file is larger than %d bytes; a practice set is never that big", max)
	}
	return data, nil
}

func checkSets(files []string, stdout, stderr io.Writer) int {
	if len(files) == 0 {
		fmt.Fprintln(stderr, "usage: panelprep sets check FILE...")
		return exitUsage
	}
	code := exitOK
	for _, name := range files {
		set, ok := readSet(name, stderr)
		if !ok {
			code = exitFailure
			continue
		}
		fmt.Fprintf(stdout, "%s: ok: set %q version %d, %s\n", name, set.ID, set.Version, countByRound(set))
	}
	return code
}

// countByRound summarises a set as "30 prompts (12 systems design, 18 leadership scenario)".
func countByRound(set *prep.PracticeSet) string {
	counts := map[prep.RoundType]int{}
	for _, p := range set.Prompts {
		counts[p.Round]++
	}
	s := fmt.Sprintf("%d prompts (", len(set.Prompts))
	first := true
	for _, r := range prep.RoundTypes {
		if counts[r] == 0 {
			continue
		}
		if !first {
			s += ", "
		}
		s += fmt.Sprintf("%d %s", counts[r], r.Label())
		first = false
	}
	return s + ")"
}

// importSets checks every file in full, then imports them; a file with any problem imports nothing.
func importSets(files []string, stdout, stderr io.Writer, openStore func() (*data.Store, int)) int {
	if len(files) == 0 {
		fmt.Fprintln(stderr, "usage: panelprep sets import FILE...")
		return exitUsage
	}
	var sets []*prep.PracticeSet
	for _, name := range files {
		set, ok := readSet(name, stderr)
		if !ok {
			fmt.Fprintf(stderr, "%s: not imported; fix the problems above and import again\n", name)
			return exitFailure
		}
		sets = append(sets, set)
	}
	bundled, err := prep.LoadSets(assets.Sets, "sets")
	if err != nil {
		fmt.Fprintln(stderr, "panelprep: the bundled practice sets are damaged:", err)
		return exitFailure
	}
	store, code := openStore()
	if store == nil {
		return code
	}
	defer store.Close()
	imported, err := store.ImportedSets()
	if err != nil {
		fmt.Fprintln(stderr, "panelprep:", err)
		return exitBadStore
	}
	lib := prep.Library{Bundled: bundled, Imported: imported}
	// A backup before every import, so that an import can always be undone with restore.
	if path, err := store.BackupNowFor(time.Now(), data.BackupBeforeImport); err != nil {
		fmt.Fprintln(stderr, "panelprep: backing up before the import failed, so nothing was imported:", err)
		return exitFailure
	} else {
		fmt.Fprintf(stdout, "backed up your data to %s first\n", path)
	}
	code = exitOK
	for i, set := range sets {
		if err := lib.CheckImport(set); err != nil {
			fmt.Fprintf(stderr, "%s: not imported: %v\n", files[i], err)
			code = exitFailure
			continue
		}
		if err := store.ImportSet(set); err != nil {
			fmt.Fprintf(stderr, "%s: not imported: %v\n", files[i], err)
			code = exitFailure
			continue
		}
		lib.Imported = append(lib.Imported, set)
		fmt.Fprintf(stdout, "%s: imported set %q version %d, %s\n", files[i], set.ID, set.Version, countByRound(set))
	}
	return code
}
