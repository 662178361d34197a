package main

import (
	"fmt"
	"io"
	"time"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
)

// runLoops handles `panelprep loops check FILE...` and `panelprep loops import FILE...`, the loop
// files' twin of runSets.
func runLoops(args []string, stdout, stderr io.Writer, openStore func() (*data.Store, int)) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageOf("loops"))
		return exitUsage
	}
	switch args[0] {
	case "check":
		return checkLoops(args[1:], stdout, stderr)
	case "import":
		return importLoops(args[1:], stdout, stderr, openStore)
	}
	fmt.Fprintf(stderr, "panelprep loops: unknown command %q (use check or import)\n", args[0])
	return exitUsage
}

// readLoop reads and parses one loop file, printing its problems on failure.
func readLoop(name string, model prep.Competencies, stderr io.Writer) (*prep.LoopShape, bool) {
	return readChecked(name, stderr, func(f io.Reader) (*prep.LoopShape, error) { return prep.ReadLoopShape(name, f, model) })
}

// describeLoop summarises a loop file as "3 rounds (4 questions), 165 minutes with breaks".
func describeLoop(s *prep.LoopShape) string {
	return fmt.Sprintf("%s (%s), %d minutes with breaks", prep.Count(len(prep.Sittings(s.Rounds)), "round"),
		prep.Count(len(s.Rounds), "question"), s.Minutes())
}

func checkLoops(files []string, stdout, stderr io.Writer) int {
	if len(files) == 0 {
		fmt.Fprint(stderr, usageOf("loops"))
		return exitUsage
	}
	bank, err := loadBundled()
	if err != nil {
		fmt.Fprintln(stderr, "panelprep: the bundled practice bank is damaged:", err)
		return exitFailure
	}
	code := exitOK
	for _, name := range files {
		shape, ok := readLoop(name, bank.Competencies, stderr)
		if !ok {
			code = exitFailure
			continue
		}
		fmt.Fprintf(stdout, "%s: ok: loop %q version %d, %s\n", name, shape.ID, shape.Version, describeLoop(shape))
	}
	return code
}

// importLoops checks every file in full, then imports them; a file with any problem imports nothing.
func importLoops(files []string, stdout, stderr io.Writer, openStore func() (*data.Store, int)) int {
	if len(files) == 0 {
		fmt.Fprint(stderr, usageOf("loops"))
		return exitUsage
	}
	bank, err := loadBundled()
	if err != nil {
		fmt.Fprintln(stderr, "panelprep: the bundled practice bank is damaged:", err)
		return exitFailure
	}
	var shapes []*prep.LoopShape
	for _, name := range files {
		shape, ok := readLoop(name, bank.Competencies, stderr)
		if !ok {
			fmt.Fprintf(stderr, "%s: not imported; fix the problems above and import again\n", name)
			return exitFailure
		}
		shapes = append(shapes, shape)
	}
	store, code := openStore()
	if store == nil {
		return code
	}
	defer store.Close()
	lib := prep.Library{Competencies: bank.Competencies, Loops: bank.Loops}
	backup, problems, err := prep.ImportLoops(store, lib, shapes,
		func() (string, error) { return store.BackupNowFor(time.Now(), data.BackupBeforeImport) })
	if err != nil {
		fmt.Fprintln(stderr, "panelprep:", err)
		return exitFailure
	}
	if backup != "" {
		fmt.Fprintf(stdout, "backed up your data to %s first\n", backup)
	}
	code = exitOK
	for i, shape := range shapes {
		if problems[i] != nil {
			fmt.Fprintf(stderr, "%s: not imported: %v\n", files[i], problems[i])
			code = exitFailure
			continue
		}
		fmt.Fprintf(stdout, "%s: imported loop %q version %d, %s; the Mock loop screen offers it\n", files[i], shape.ID, shape.Version, describeLoop(shape))
	}
	return code
}
