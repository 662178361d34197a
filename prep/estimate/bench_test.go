package estimate

import (
	"fmt"
	"testing"
)

// benchSheet is n rows of the kind a candidate writes: literals, then formulas over the rows above
// with units that multiply, divide and add.
func benchSheet(n int) Sheet {
	base := []Row{
		{"dau", "50 M users"}, {"requests_per_user", "20 req/user"}, {"seconds_per_day", "86,400 s"},
		{"record", "2 KB"}, {"price", "$0.023/GB/month"},
	}
	s := Sheet{Rows: base[:min(n, len(base))]}
	name := func(j int) string {
		if j < len(base) {
			return base[j].Name
		}
		return fmt.Sprintf("r%d", j)
	}
	for i := len(s.Rows); i < n; i++ {
		var text string
		switch i % 4 {
		case 0:
			text = "dau * requests_per_user / seconds_per_day * (1 + 20 %)"
		case 1:
			text = name(i-1) + " * record"
		case 2:
			text = name(i-1) + " * 365 day/year + " + name(i-1)
		default:
			text = name(i-1) + " * 1 year * price"
		}
		s.Rows = append(s.Rows, Row{Name: name(i), Text: text})
	}
	return s
}

// BenchmarkRecompute: the issue asks at most 1 ms for 100 rows. The 10-row sheet and lexing the
// 100 rows alone are the baselines beside it: computing should cost a small multiple of reading
// the text, and grow linearly with the rows.
func BenchmarkRecompute(b *testing.B) {
	for _, n := range []int{10, 100} {
		s := benchSheet(n)
		for _, r := range s.Compute() {
			if r.Err != nil {
				b.Fatalf("the benchmark sheet has an error: %s", r.Err.Msg)
			}
		}
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = s.Compute()
			}
		})
	}
	s := benchSheet(100)
	b.Run("baseline-lex-only/rows=100", func(b *testing.B) {
		b.ReportAllocs()
		var buf []token
		for b.Loop() {
			for _, r := range s.Rows {
				buf, _ = lex(r.Text, buf)
			}
		}
	})
	b.Run("rows=100+display", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, r := range s.Compute() {
				_ = r.String()
			}
		}
	})
}
