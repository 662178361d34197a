package data

import (
	"encoding/binary"
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

func dirBytes(tb testing.TB, dir string) int64 {
	tb.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			n += info.Size()
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// BenchmarkMigrateCompetencies10k measures the upgrade a user with 10,000 attempts made before
// competencies goes through on the first start: the schema 3 to 4 migration (every summary
// rewritten) and the mapping of each attempt's criteria through the bundled bank. One iteration is
// one upgrade of a fresh schema 3 store; run with -benchtime=1x. It reports the store's size on
// disk before and after, in MB.
func BenchmarkMigrateCompetencies10k(b *testing.B) {
	bank, err := prep.LoadBank(assets.Sets, "sets")
	if err != nil {
		b.Fatal(err)
	}
	lib := prep.Library{Bundled: bank.Sets, Competencies: bank.Competencies}
	attempts := preptest.Attempts(lib, 10000, time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC), 600*24*time.Hour, 1)
	for i := range attempts { // as they were made before competencies: none in the snapshot
		rubric := append([]prep.Criterion(nil), attempts[i].Prompt.Rubric...)
		for j := range rubric {
			rubric[j].Competency = ""
		}
		attempts[i].Prompt.Rubric = rubric
	}
	ix := prep.NewCompetencyIndex(bank.Competencies, bank.Sets...)
	var before, after int64
	var rep MappingReport
	var migrate, mapping time.Duration
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		db, err := badger.Open(options(dir))
		if err != nil {
			b.Fatal(err)
		}
		wb := db.NewWriteBatch()
		for i := range attempts {
			entries := attemptEntries(&attempts[i])
			entries[2][1] = encodeSummaryV1(attempts[i].Summary())
			for _, kv := range entries {
				if err := wb.Set(kv[0], kv[1]); err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := wb.Set(schemaKind.prefix, binary.BigEndian.AppendUint32(nil, 3)); err != nil {
			b.Fatal(err)
		}
		if err := wb.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		before = dirBytes(b, dir)
		b.StartTimer()
		start := time.Now()
		s, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		migrate = time.Since(start)
		start = time.Now()
		if rep, err = s.MapCompetencies(ix); err != nil {
			b.Fatal(err)
		}
		mapping = time.Since(start)
		b.StopTimer()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		after = dirBytes(b, dir)
		b.StartTimer()
	}
	b.ReportMetric(float64(before)/1e6, "MB-before")
	b.ReportMetric(float64(after)/1e6, "MB-after")
	b.ReportMetric(float64(migrate.Milliseconds()), "ms-schema")
	b.ReportMetric(float64(mapping.Milliseconds()), "ms-mapping")
	b.ReportMetric(float64(rep.Mapped), "mapped")
	b.ReportMetric(float64(rep.Unmapped), "unmapped")
}

// BenchmarkCompetencyStats10k is the statistics by competency of 10,000 attempts read from Badger
// and added up, beside its floor measured in the same run: a raw scan of the same summary records
// that copies out each value and does nothing else. Goal: within 2x the floor and under 50 ms.
func BenchmarkCompetencyStats10k(b *testing.B) {
	s, lib, attempts := settledStore10k(b)
	bank, err := prep.LoadBank(assets.Sets, "sets")
	if err != nil {
		b.Fatal(err)
	}
	lib.Competencies = bank.Competencies
	now := attempts[len(attempts)-1].FinishedAt.Add(24 * time.Hour)
	b.Run("floor-raw-scan", func(b *testing.B) {
		for b.Loop() {
			n, bytes := 0, 0
			err := s.scanNewestFirst(summaryKind.prefix, func(v []byte) error { n++; bytes += len(v); return nil })
			if err != nil || n != 10000 {
				b.Fatal(n, err)
			}
		}
	})
	// The statistics by competency as the store adds them up from the same records in place
	// (Store.CompetencyTallies), then sorted and named: the figure held to 2x the floor.
	b.Run("by-competency", func(b *testing.B) {
		for b.Loop() {
			tallies, err := s.CompetencyTallies(lib.Competencies)
			if err != nil {
				b.Fatal(err)
			}
			if st := prep.CompetencyStatsOf(tallies, lib.Competencies); len(st) == 0 || st[0].Attempts == 0 {
				b.Fatal(st)
			}
		}
	})
	// Before the store added them up in place: every summary decoded, then all of Progress's
	// statistics computed, by competency among them (what the Progress screen still does, since it
	// shows the rest too).
	b.Run("by-competency-via-summaries", func(b *testing.B) {
		for b.Loop() {
			history, err := s.Attempts()
			if err != nil {
				b.Fatal(err)
			}
			st := prep.ComputeStats(history, lib, now, time.UTC)
			if st.Attempts != 10000 || len(st.Competencies) == 0 {
				b.Fatal(st.Attempts, len(st.Competencies))
			}
		}
	})
}
