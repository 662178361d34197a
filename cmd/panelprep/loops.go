package main

import (
	"fmt"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
)

// loopsCommand is `panelprep loops check FILE...` and `panelprep loops import FILE...`, the loop
// files' twin of setsCommand.
var loopsCommand = fileCommand[*prep.LoopShape]{
	name:  "loops",
	parse: prep.ReadLoopShape,
	describe: func(s *prep.LoopShape) string {
		return fmt.Sprintf("loop %q version %d, %s", s.ID, s.Version, describeLoop(s))
	},
	store: func(s *data.Store, bank *prep.Bank, shapes []*prep.LoopShape) (string, []error, error) {
		lib := prep.Library{Competencies: bank.Competencies, Loops: bank.Loops}
		return prep.ImportLoops(s, lib, shapes, backupBeforeImport(s))
	},
	afterImport: "; the Mock loop screen offers it",
}

// describeLoop summarises a loop file as "3 rounds (4 questions), 165 minutes with breaks".
func describeLoop(s *prep.LoopShape) string {
	return fmt.Sprintf("%s (%s), %d minutes with breaks", prep.Count(len(prep.Sittings(s.Rounds)), "round"),
		prep.Count(len(s.Rounds), "question"), s.Minutes())
}
