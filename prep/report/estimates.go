package report

import (
	"strings"

	"github.com/panelprep/panelprep/prep/estimate"
)

// estimatesTable is an attempt's estimate sheet as a table, header first: each row's name in
// words, its value computed now (or what is wrong with it) and the text the candidate wrote, so a
// reader can check the arithmetic. Nil without a sheet.
func estimatesTable(s *estimate.Sheet) [][]string {
	if s == nil || s.Empty() {
		return nil
	}
	rows := [][]string{{"Estimate", "Value", "Written as"}}
	for i, r := range s.Compute() {
		row := s.Rows[i]
		if r.Empty && strings.TrimSpace(row.Name) == "" {
			continue // a blank row (a bundle from another tool may keep one)
		}
		value := r.String()
		if r.Err != nil {
			value = "error: " + value
		}
		rows = append(rows, []string{estimate.Readable(row.Name), value, row.Text})
	}
	return rows
}
