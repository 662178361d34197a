package main

import (
	"fmt"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
)

// setsCommand is `panelprep sets check FILE...` and `panelprep sets import FILE...`.
var setsCommand = fileCommand[*prep.PracticeSet]{
	name:  "sets",
	parse: prep.ReadSet,
	describe: func(set *prep.PracticeSet) string {
		return fmt.Sprintf("set %q version %d, %s", set.ID, set.Version, countByRound(set))
	},
	store: func(s *data.Store, bank *prep.Bank, sets []*prep.PracticeSet) (string, []error, error) {
		imported, err := s.ImportedSets()
		if err != nil {
			return "", nil, badStoreError{err}
		}
		im := prep.SetImport{Store: s, Library: prep.Library{Bundled: bank.Sets, Imported: imported, Competencies: bank.Competencies},
			Backup: backupBeforeImport(s)}
		return im.Run(sets)
	},
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

// loadBundled returns the bundled competency model and practice sets, from the bank parsed when the
// binary was built (see assets/assets.go): the window and every command read them this one way.
func loadBundled() (*prep.Bank, error) { return prep.DecodeBank(assets.Bank) }
