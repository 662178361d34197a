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
		fmt.Fprint(stderr, usageOf("sets"))
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
func readSet(name string, model prep.Competencies, stderr io.Writer) (*prep.PracticeSet, bool) {
	return readChecked(name, stderr, func(f io.Reader) (*prep.PracticeSet, error) { return prep.ReadSet(name, f, model) })
}

// readChecked opens name and parses it with parse (a practice set or a loop file), printing each
// file:line problem, or the one error, on failure.
func readChecked[T any](name string, stderr io.Writer, parse func(io.Reader) (T, error)) (T, bool) {
	var zero T
	f, err := os.Open(name)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return zero, false
	}
	defer f.Close()
	v, err := parse(f)
	var fe *prep.SetFileError
	if errors.As(err, &fe) {
		for _, p := range fe.Problems {
			fmt.Fprintln(stderr, p)
		}
		return zero, false
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return zero, false
	}
	return v, true
}

func checkSets(files []string, stdout, stderr io.Writer) int {
	if len(files) == 0 {
		fmt.Fprint(stderr, usageOf("sets"))
		return exitUsage
	}
	bank, err := loadBundled()
	if err != nil {
		fmt.Fprintln(stderr, "panelprep: the bundled practice bank is damaged:", err)
		return exitFailure
	}
	code := exitOK
	for _, name := range files {
		set, ok := readSet(name, bank.Competencies, stderr)
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
		fmt.Fprint(stderr, usageOf("sets"))
		return exitUsage
	}
	bundled, err := loadBundled()
	if err != nil {
		fmt.Fprintln(stderr, "panelprep: the bundled practice bank is damaged:", err)
		return exitFailure
	}
	var sets []*prep.PracticeSet
	for _, name := range files {
		set, ok := readSet(name, bundled.Competencies, stderr)
		if !ok {
			fmt.Fprintf(stderr, "%s: not imported; fix the problems above and import again\n", name)
			return exitFailure
		}
		sets = append(sets, set)
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
	im := prep.SetImport{Store: store, Library: prep.Library{Bundled: bundled.Sets, Imported: imported, Competencies: bundled.Competencies},
		Backup: func() (string, error) { return store.BackupNowFor(time.Now(), data.BackupBeforeImport) }}
	backup, problems, err := im.Run(sets)
	if err != nil {
		fmt.Fprintln(stderr, "panelprep:", err)
		return exitFailure
	}
	if backup != "" {
		fmt.Fprintf(stdout, "backed up your data to %s first\n", backup)
	}
	code = exitOK
	for i, set := range sets {
		if problems[i] != nil {
			fmt.Fprintf(stderr, "%s: not imported: %v\n", files[i], problems[i])
			code = exitFailure
			continue
		}
		fmt.Fprintf(stdout, "%s: imported set %q version %d, %s\n", files[i], set.ID, set.Version, countByRound(set))
	}
	return code
}

// loadBundled returns the bundled competency model and practice sets, from the bank parsed when the
// binary was built (see assets/assets.go): the window and every command read them this one way.
func loadBundled() (*prep.Bank, error) { return prep.DecodeBank(assets.Bank) }
