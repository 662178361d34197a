package prep

import (
	"strings"

	"github.com/panelprep/panelprep/prep/estimate"
)

// An attempt's estimate sheet travels in bundleWhiteboardVersion (bundle_diagram.go), with the
// diagram: an older PanelPrep refuses such a bundle as newer than it reads, rather than as one
// with an unknown field.

// estimateRowJSON is a row of an attempt's estimate sheet in a bundle, as written. The sheet is
// the list of its rows; computed values are not carried: the reader computes them, so a
// hand-edited value can never disagree with its formula.
type estimateRowJSON struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// estimatesToWire is the sheet's rows; an attempt never keeps an empty sheet, so none is nil.
func estimatesToWire(s *estimate.Sheet) []estimateRowJSON {
	if s == nil {
		return nil
	}
	return convert(s.Rows, func(r estimate.Row) estimateRowJSON { return estimateRowJSON(r) })
}

func sheetFromWire(rows []estimateRowJSON) *estimate.Sheet {
	if len(rows) == 0 {
		return nil
	}
	return &estimate.Sheet{Rows: convert(rows, func(r estimateRowJSON) estimate.Row { return estimate.Row(r) })}
}

// hasEstimates reports whether any attempt carries a sheet, so b needs bundleWhiteboardVersion.
func (b *Bundle) hasEstimates() bool {
	for i := range b.Attempts {
		if b.Attempts[i].Estimates != nil {
			return true
		}
	}
	return false
}

// estimates checks an attempt's sheet for what no sheet the app writes can hold: more rows, or
// longer names and texts, than a sheet keeps, and text that is not one line of UTF-8. A formula
// with an error is not a problem: it is the candidate's, and part of the attempt.
func (v *validator) estimates(s *estimate.Sheet, at string) {
	if s == nil {
		return
	}
	for _, p := range s.Problems() {
		// The bundle's estimates are the sheet's rows: "rows[3].text" is "estimates[3].text".
		v.add(at+".estimates"+strings.TrimPrefix(p.Path, "rows"), "%s", p.Message)
	}
}
