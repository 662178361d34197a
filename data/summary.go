package data

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// Summary records are read by the thousand every time history or statistics are shown, so they use
// a compact binary form rather than JSON (10,000 summaries: about 200 ms as JSON). Layout, after a
// format byte of 2:
//
//	id[16] loop[16] finished(varint unix nanos) average(uvarint, hundredths)
//	promptID title round (each uvarint length + bytes)
//	nScores  { criterion competency value(uvarint) }
//	nPhases  { name budget(varint ns) used(varint ns) }
//
// Format 1 (schema 3 and before) has no competency. It is still read, its scores unmapped, so that
// a store stays readable until the schema 4 migration has rewritten it.
const summaryFormat = 2

func encodeSummary(a prep.AttemptSummary) []byte {
	b := make([]byte, 0, 256)
	b = append(b, summaryFormat)
	b = append(b, a.ID[:]...)
	b = append(b, a.LoopID[:]...)
	b = binary.AppendVarint(b, a.FinishedAt.UnixNano())
	b = binary.AppendUvarint(b, uint64(a.Average*100+0.5))
	for _, s := range []string{a.PromptID, a.PromptTitle, string(a.Round)} {
		b = appendString(b, s)
	}
	b = binary.AppendUvarint(b, uint64(len(a.Scores)))
	for i, s := range a.Scores {
		b = appendString(b, s.Criterion)
		comp := ""
		if i < len(a.Competencies) {
			comp = a.Competencies[i]
		}
		b = appendString(b, comp)
		b = binary.AppendUvarint(b, uint64(s.Value))
	}
	b = binary.AppendUvarint(b, uint64(len(a.PhaseTimes)))
	for _, p := range a.PhaseTimes {
		b = appendString(b, p.Name)
		b = binary.AppendVarint(b, int64(p.Budget))
		b = binary.AppendVarint(b, int64(p.Used))
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errShortSummary = errors.New("summary record is truncated")

// summaryReader decodes summaries, sharing one copy of each repeated string (criterion and phase
// names recur in every record) and carving scores and phase times out of shared blocks, so a list
// of 10,000 summaries costs a few hundred allocations rather than 20,000.
type summaryReader struct {
	interned map[string]string
	scores   []prep.Score
	comps    []string
	phases   []prep.PhaseTime
}

// summaryBlock is how many scores or phase times each shared block holds.
const summaryBlock = 4096

// take returns the first n elements of *block as a slice of its own (capped, so an append to it
// cannot reach its neighbour), refilling the block when it runs short.
func take[T any](block *[]T, n int) []T {
	if len(*block) < n {
		*block = make([]T, max(n, summaryBlock))
	}
	s := (*block)[:n:n]
	*block = (*block)[n:]
	return s
}

func (r *summaryReader) decode(b []byte) (prep.AttemptSummary, error) {
	var a prep.AttemptSummary
	if len(b) < 33 || (b[0] != summaryFormat && b[0] != 1) {
		return a, fmt.Errorf("summary record has an unknown format")
	}
	format := b[0]
	copy(a.ID[:], b[1:17])
	copy(a.LoopID[:], b[17:33])
	b = b[33:]
	var err error
	next := func() int64 {
		v, n := binary.Varint(b)
		if n <= 0 {
			err = errShortSummary
			return 0
		}
		b = b[n:]
		return v
	}
	nextU := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			err = errShortSummary
			return 0
		}
		b = b[n:]
		return v
	}
	str := func() string {
		n := nextU()
		if err != nil || uint64(len(b)) < n {
			err = errShortSummary
			return ""
		}
		s, ok := r.interned[string(b[:n])]
		if !ok {
			s = string(b[:n])
			r.interned[s] = s
		}
		b = b[n:]
		return s
	}
	a.FinishedAt = time.Unix(0, next()).UTC()
	a.Average = float64(nextU()) / 100
	a.PromptID, a.PromptTitle, a.Round = str(), str(), prep.RoundType(str())
	if n := nextU(); err == nil && n <= 64 {
		a.Scores = take(&r.scores, int(n))
		if format == 1 {
			for i := range a.Scores {
				a.Scores[i] = prep.Score{Criterion: str(), Value: int(nextU())}
			}
		} else {
			a.Competencies = take(&r.comps, int(n))
			mapped := false
			for i := range a.Scores {
				a.Scores[i].Criterion, a.Competencies[i] = str(), str()
				a.Scores[i].Value = int(nextU())
				mapped = mapped || a.Competencies[i] != ""
			}
			if !mapped {
				a.Competencies = nil // as Attempt.Summary gives it: no competency at all
			}
		}
	}
	if n := nextU(); err == nil && n <= 64 {
		a.PhaseTimes = take(&r.phases, int(n))
		for i := range a.PhaseTimes {
			a.PhaseTimes[i] = prep.PhaseTime{Name: str(), Budget: time.Duration(next()), Used: time.Duration(next())}
		}
	}
	if a.ID == uuid.Nil {
		err = fmt.Errorf("summary record has no attempt ID")
	}
	return a, err
}
