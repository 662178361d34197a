package data

import (
	"encoding/binary"
	"fmt"

	"github.com/panelprep/panelprep/prep"
)

// CompetencyTallies adds up the self-scores of every stored attempt by competency group, with the
// criteria beneath each (prep.CompetencyStatsOf makes the statistics of them). It reads the summary
// records in place, without decoding them: each score's criterion and competency sit side by side
// in the record, so the pair's bytes are looked up as they are in one small table of the pairs
// seen, and the title, the phase times and every string copy are skipped. Over 10,000 attempts
// that is about as fast as reading the records at all (BenchmarkCompetencyStats10k), where
// decoding them into summaries first took 4 to 6 times as long.
func (s *Store) CompetencyTallies(model prep.Competencies) ([]prep.CompetencyTally, error) {
	type group struct {
		tally prep.CompetencyTally
		last  int // the attempt that last scored in it
	}
	type pair struct {
		group      int
		criterion  string
		sum, count int
	}
	var groups []group
	groupIndex := map[string]int{}
	var pairs []pair
	pairIndex := map[string]int{} // criterion and competency as encoded, a format byte first
	attempt := 0
	err := s.scanNewestFirst(summaryKind.prefix, func(b []byte) error {
		attempt++
		scores, count, format, ok := summaryScores(b)
		if !ok {
			return nil // a damaged summary counts nowhere, as in a list; Check rebuilds it
		}
		for range count {
			start := scores
			crit, rest, ok := nextString(scores)
			if ok && format == summaryFormat {
				_, rest, ok = nextString(rest) // the competency
			}
			if !ok {
				return nil
			}
			key := start[:len(start)-len(rest)]
			value, n := binary.Uvarint(rest)
			if n <= 0 {
				return nil
			}
			scores = rest[n:]
			pi, seen := pairIndex[string(key)]
			if !seen {
				_, compBytes := splitPair(key, format)
				id := model.GroupOf(string(compBytes))
				gi, ok := groupIndex[id]
				if !ok {
					gi = len(groups)
					groups = append(groups, group{tally: prep.CompetencyTally{ID: id}})
					groupIndex[id] = gi
				}
				pi = len(pairs)
				pairs = append(pairs, pair{group: gi, criterion: string(crit)})
				pairIndex[string(key)] = pi
			}
			p := &pairs[pi]
			p.sum += int(value)
			p.count++
			g := &groups[p.group]
			g.tally.Sum += int(value)
			g.tally.Count++
			if g.last != attempt {
				g.last = attempt
				g.tally.Attempts++
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("adding up scores by competency: %w", err)
	}
	// Pairs of one group share a criterion name when several IDs count as Unmapped: one line each.
	for _, p := range pairs {
		t := &groups[p.group].tally
		merged := false
		for i := range t.Criteria {
			if t.Criteria[i].Name == p.criterion {
				t.Criteria[i].Sum += p.sum
				t.Criteria[i].Count += p.count
				merged = true
				break
			}
		}
		if !merged {
			t.Criteria = append(t.Criteria, prep.CriterionTally{Name: p.criterion, Sum: p.sum, Count: p.count})
		}
	}
	out := make([]prep.CompetencyTally, len(groups))
	for i := range groups {
		out[i] = groups[i].tally
	}
	return out, nil
}

// summaryScores is the part of a summary record from its first score on, how many scores it
// holds, and the record's format; ok is false for a record that does not parse that far.
func summaryScores(b []byte) (scores []byte, count int, format byte, ok bool) {
	if len(b) < 33 || (b[0] != summaryFormat && b[0] != 1) {
		return nil, 0, 0, false
	}
	format, b = b[0], b[33:]
	if _, n := binary.Varint(b); n > 0 { // finished
		b = b[n:]
	} else {
		return nil, 0, 0, false
	}
	if _, n := binary.Uvarint(b); n > 0 { // average
		b = b[n:]
	} else {
		return nil, 0, 0, false
	}
	for range 3 { // prompt ID, title, round
		if _, b, ok = nextString(b); !ok {
			return nil, 0, 0, false
		}
	}
	n64, n := binary.Uvarint(b)
	if n <= 0 || n64 > 64 {
		return nil, 0, 0, false
	}
	return b[n:], int(n64), format, true // the phase times follow the scores
}

// nextString reads one length-prefixed string of a summary record.
func nextString(b []byte) (s, rest []byte, ok bool) {
	l, n := binary.Uvarint(b)
	if n <= 0 || uint64(len(b)-n) < l {
		return nil, nil, false
	}
	return b[n : n+int(l)], b[n+int(l):], true
}

// splitPair is the competency of a score's encoded criterion-and-competency bytes (none in format 1).
func splitPair(key []byte, format byte) (crit, comp []byte) {
	crit, rest, _ := nextString(key)
	if format == summaryFormat {
		comp, _, _ = nextString(rest)
	}
	return crit, comp
}
