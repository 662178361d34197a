package data

import (
	"testing"
	"time"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/prep"
)

// BenchmarkProgressLoad10k is what the Progress screen reads and works out off the UI thread over
// 10,000 attempts, with and without the store's competency tallies, in one run: whether the fast
// competency query saves anything end to end on a screen that decodes every summary anyway for
// its other charts (weekly, phases, coverage, streak, calibration).
func BenchmarkProgressLoad10k(b *testing.B) {
	s, lib, attempts := settledStore10k(b)
	bank, err := prep.LoadBank(assets.Sets, "sets")
	if err != nil {
		b.Fatal(err)
	}
	lib.Competencies = bank.Competencies
	model := lib.Competencies
	now := attempts[len(attempts)-1].FinishedAt.Add(24 * time.Hour)
	load := func(b *testing.B) []prep.AttemptSummary {
		history, err := s.Attempts()
		if err != nil {
			b.Fatal(err)
		}
		st := prep.ComputeStats(history, lib, now, time.UTC)
		if st.Attempts != 10000 {
			b.Fatal(st.Attempts)
		}
		reviews, err := s.AllReviews()
		if err != nil {
			b.Fatal(err)
		}
		prep.Calibration(history, reviews, model)
		return history
	}
	// The screen today: every summary decoded, every statistic computed from them.
	b.Run("screen-today", func(b *testing.B) {
		for b.Loop() {
			load(b)
		}
	})
	// The same plus the store's tallies for the competency chart (ComputeStats still adds up by
	// competency, since it has no way to skip it): the cost of the extra scan.
	b.Run("screen-plus-store-tallies", func(b *testing.B) {
		for b.Loop() {
			load(b)
			t, err := s.CompetencyTallies(model)
			if err != nil {
				b.Fatal(err)
			}
			prep.CompetencyStatsOf(t, model)
		}
	})
	// The most the tallies could save: the competency part of ComputeStats, over summaries
	// already in memory, which a ComputeStats that skipped it would not spend.
	b.Run("competency-part-in-memory", func(b *testing.B) {
		history, err := s.Attempts()
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			prep.CompetencyStatsOf(prep.TallyCompetencies(history, model), model)
		}
	})
	// What replacing it would cost: the store's tally scan.
	b.Run("store-tallies", func(b *testing.B) {
		for b.Loop() {
			t, err := s.CompetencyTallies(model)
			if err != nil {
				b.Fatal(err)
			}
			prep.CompetencyStatsOf(t, model)
		}
	})
}
