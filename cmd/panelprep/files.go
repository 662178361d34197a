package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
)

// fileCommand is a command over files a person writes, practice sets or loop files: `NAME check
// FILE...` prints each file's problems as file:line: field: problem, and `NAME import FILE...`
// checks every file in full, then imports them, a file with any problem importing nothing. The
// kinds differ only in what is here.
type fileCommand[T any] struct {
	name  string // the command, "sets"
	parse func(name string, f io.Reader, model prep.Competencies) (T, error)
	// describe says what a file holds, after "ok: " or "imported ": `set "acme" version 2, 30 prompts (…)`.
	describe func(T) string
	// store imports the files' contents into the store (taking a backup first when any passes),
	// with a problem per file or nil; an error is a failure of the whole import.
	store func(s *data.Store, bank *prep.Bank, items []T) (backup string, problems []error, err error)
	// afterImport follows the description of an imported file.
	afterImport string
}

// badStoreError is a store that could not be read, as against an import that failed.
type badStoreError struct{ error }

func (e badStoreError) Unwrap() error { return e.error }

// run handles `panelprep NAME check FILE...` and `panelprep NAME import FILE...`.
func (c fileCommand[T]) run(args []string, stdout, stderr io.Writer, openStore func() (*data.Store, int)) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageOf(c.name))
		return exitUsage
	}
	switch args[0] {
	case "check":
		return c.check(args[1:], stdout, stderr)
	case "import":
		return c.importFiles(args[1:], stdout, stderr, openStore)
	}
	fmt.Fprintf(stderr, "panelprep %s: unknown command %q (use check or import)\n", c.name, args[0])
	return exitUsage
}

// bank is the bundled bank for a subcommand given files, or the exit code once the usage or the
// damage has been printed.
func (c fileCommand[T]) bank(files []string, stderr io.Writer) (*prep.Bank, int) {
	if len(files) == 0 {
		fmt.Fprint(stderr, usageOf(c.name))
		return nil, exitUsage
	}
	bank, err := loadBundled()
	if err != nil {
		fmt.Fprintln(stderr, "panelprep: the bundled practice bank is damaged:", err)
		return nil, exitFailure
	}
	return bank, exitOK
}

func (c fileCommand[T]) check(files []string, stdout, stderr io.Writer) int {
	bank, code := c.bank(files, stderr)
	if bank == nil {
		return code
	}
	for _, name := range files {
		v, ok := c.read(name, bank.Competencies, stderr)
		if !ok {
			code = exitFailure
			continue
		}
		fmt.Fprintf(stdout, "%s: ok: %s\n", name, c.describe(v))
	}
	return code
}

func (c fileCommand[T]) importFiles(files []string, stdout, stderr io.Writer, openStore func() (*data.Store, int)) int {
	bank, code := c.bank(files, stderr)
	if bank == nil {
		return code
	}
	var items []T
	for _, name := range files {
		v, ok := c.read(name, bank.Competencies, stderr)
		if !ok {
			fmt.Fprintf(stderr, "%s: not imported; fix the problems above and import again\n", name)
			return exitFailure
		}
		items = append(items, v)
	}
	store, code := openStore()
	if store == nil {
		return code
	}
	defer store.Close()
	backup, problems, err := c.store(store, bank, items)
	if err != nil {
		fmt.Fprintln(stderr, "panelprep:", err)
		if errors.As(err, new(badStoreError)) {
			return exitBadStore
		}
		return exitFailure
	}
	if backup != "" {
		fmt.Fprintf(stdout, "backed up your data to %s first\n", backup)
	}
	code = exitOK
	for i, v := range items {
		if problems[i] != nil {
			fmt.Fprintf(stderr, "%s: not imported: %v\n", files[i], problems[i])
			code = exitFailure
			continue
		}
		fmt.Fprintf(stdout, "%s: imported %s%s\n", files[i], c.describe(v), c.afterImport)
	}
	return code
}

// read opens name and parses it, printing each file:line problem, or the one error, on failure.
func (c fileCommand[T]) read(name string, model prep.Competencies, stderr io.Writer) (T, bool) {
	var zero T
	f, err := os.Open(name)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return zero, false
	}
	defer f.Close()
	v, err := c.parse(name, f, model)
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

// backupBeforeImport is the backup an import takes before it writes.
func backupBeforeImport(s *data.Store) func() (string, error) {
	return func() (string, error) { return s.BackupNowFor(time.Now(), data.BackupBeforeImport) }
}
