package estimate

import (
	"strings"
	"testing"
)

// compute is the result of the last row of a sheet of rows given as name, text pairs.
func compute(t *testing.T, pairs ...string) []Result {
	t.Helper()
	var s Sheet
	for i := 0; i < len(pairs); i += 2 {
		s.Rows = append(s.Rows, Row{Name: pairs[i], Text: pairs[i+1]})
	}
	return s.Compute()
}

func TestLiteralsReadInUnits(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"50 M users", "50 M users"},
		{"50M users", "50 M users"},
		{"2 KB", "2 KB"},
		{"2KB", "2 KB"},
		{"2048 B", "2.05 KB"},
		{"1 KiB", "1.02 KB"},
		{"99.9 %", "99.9 %"},
		{"99.9%", "99.9 %"},
		{"1.5e6", "1.5 M"},
		{"86,400", "86.4 k"},
		{"3 bn", "3 bn"},
		{"1200 req/s", "1.2 k req/s"},
		{"1200 rps", "1.2 k req/s"},
		{"10 Gbit/s", "1.25 GB/s"},
		{"10 Gb/s", "1.25 GB/s"},
		{"8 bits", "1 B"},
		{"150 ms", "150 ms"},
		{"0.5 ns", "0.5 ns"},
		{"100 µs", "100 µs"},
		{"100 us", "100 µs"},
		{"90 s", "1.5 min"},
		{"36 h", "1.5 days"},
		{"1 day", "1 day"},
		{"2 years", "2 years"},
		{"$4100/month", "$4.1 k/month"},
		{"$0.023/GB/month", "$0.023/GB/month"},
		{"0.09 $/GB", "$0.09/GB"},
		{"5 writes/user/day", "5 writes/day"},
		{"999999", "1 M"},
		{"-3 KB", "-3 KB"},
		{"0", "0"},
		{"1e15 B", "1 PB"},
		{"2 EB", "2 EB"},
		{"3 * (2 + 1)", "9"},
		{"2^10", "1.02 k"},
		{"2 ** 3", "8"},
		{"2^3^2", "512"},
		{"-2^2", "-4"},
		{"10 / 4", "2.5"},
		{"7 − 2", "5"},
		{"3 × 4 ÷ 2", "6"},
		{"KB", "1 KB"},
		{"GB/month", "1 GB/month"},
		{"4 s^2", "4 s^2"},
		{"1 MB * 1 MB", "1e+12 B^2"},
	} {
		r := compute(t, "x", c.text)[0]
		if r.Err != nil {
			t.Errorf("%q: error %q, want %q", c.text, r.Err.Msg, c.want)
			continue
		}
		if got := r.String(); got != c.want {
			t.Errorf("%q reads %q, want %q", c.text, got, c.want)
		}
	}
}

// TestUnitArithmetic is the dimensional analysis over a sheet a candidate would write.
func TestUnitArithmetic(t *testing.T) {
	res := compute(t,
		"dau", "50 M users",
		"requests_per_user", "20 req/user",
		"requests_per_day", "dau * requests_per_user",
		"seconds_per_day", "86,400 s",
		"rps", "requests_per_day / seconds_per_day",
		"peak_rps", "rps * 3",
		"record", "2 KB",
		"bandwidth", "peak_rps * record",
		"storage_per_day", "dau * 5 writes/user/day * record",
		"storage_per_year", "storage_per_day * 365 day/year",
		"price", "$0.023/GB/month",
		"stored_after_a_year", "storage_per_year * 1 year",
		"cost_per_month", "stored_after_a_year * price",
		"servers", "peak_rps / (1 k req/s)",
		"cache_size", "20 % * storage_per_day * 1 day",
		"availability", "99.9 %",
		"downtime", "(1 - availability) * 1 month",
		"latency_budget", "200 ms - 2 * 50 ms",
		"per_gb_month_in_dollars", "price * 1 GB * 1 month",
		"writes", "dau * 5 writes/user/day", // a rate of counts reads per second, as QPS is said
		"slow_writes", "1000 writes/day", // unless that is less than one a second
		"writes_per_day", "writes in writes/day", // or the row says how to read it
		"storage_in_gb", "storage_per_year in GB/month",
	)
	want := []string{
		"50 M users", "20 req", "1 bn req", "1 day", "11.6 k req/s", "34.7 k req/s", "2 KB",
		"69.4 MB/s", "500 GB/day", "182 TB/year", "$0.023/GB/month", "182 TB", "$4.2 k/month",
		"34.7", "100 GB", "99.9 %", "43.8 min", "100 ms", "$0.023",
		"2.89 k writes/s", "1 k writes/day", "250 M writes/day", "15.2 TB/month",
	}
	for i, r := range res {
		if r.Err != nil {
			t.Errorf("row %d: %s", i+1, r.Err.Msg)
			continue
		}
		if got := r.String(); got != want[i] {
			t.Errorf("row %d reads %q, want %q", i+1, got, want[i])
		}
	}
	if res[0].Formula || !res[2].Formula {
		t.Errorf("Formula: literal row %v, formula row %v", res[0].Formula, res[2].Formula)
	}
}

// TestErrorsStayOnTheirRow: every kind of error, each on the row that has it, with the rows around
// it still computed.
func TestErrorsStayOnTheirRow(t *testing.T) {
	for _, c := range []struct {
		name, text string
		kind       ErrorKind
		msg        string
	}{
		{"bad", "requests + 2 GB", ErrUnits, "cannot add bytes to requests"},
		{"bad", "requests - 2 GB", ErrUnits, "cannot subtract bytes from requests"},
		{"bad", "record + 1 s", ErrUnits, "cannot add a duration to bytes"},
		{"bad", "record + 3", ErrUnits, "cannot add a plain number to bytes"},
		{"bad", "$3 + record / 1 s", ErrUnits, "cannot add bytes per second to money"},
		{"bad", "after * 2", ErrLater, `"after" is row 7, below this one`},
		{"bad", "record in req/s", ErrUnits, "cannot show bytes in requests per second"},
		{"bad", "record in", ErrSyntax, "a unit must follow"},
		{"bad", "record in TB later", ErrSyntax, "an operator is missing before \"later\""},
		{"bad", "bad + 1", ErrSelf, "refers to this row itself"},
		{"bad", "missing * 2", ErrUnknown, `no row above is named "missing"`},
		{"bad", "3 widgets", ErrUnknown, `"widgets" at character 3 is not a unit`},
		{"bad", "broken * 2", ErrDepends, `uses "broken" (row 2), which has an error`},
		{"bad", "blank * 2", ErrDepends, "which is empty"},
		{"bad", "2 +", ErrSyntax, "ends too soon"},
		{"bad", "(2 + 3", ErrSyntax, "never closed"},
		{"bad", "2 3", ErrSyntax, "expected an operator"},
		{"bad", "requests requests", ErrSyntax, "expected an operator"},
		{"bad", "2 requests_x", ErrUnknown, "is not a unit"},
		{"bad", "3 # 4", ErrSyntax, `"#" at character 3 is not part of a formula`},
		{"bad", "* 3", ErrSyntax, "missing before"},
		{"bad", "$ x", ErrSyntax, "a number must follow $"},
		{"bad", "2 ^ record", ErrPower, "an exponent must be a plain number, not bytes"},
		{"bad", "record ^ 0.5", ErrPower, "whole power"},
		{"bad", "4 s^9", ErrPower, "whole number from -4 to 4"},
		{"bad", "1 / (2 - 2)", ErrMath, "division by zero"},
		{"bad", "10^300 * 10^300", ErrMath, "too large"},
		{"bad", "(-8)^0.5", ErrMath, "not a number"},
		{"bad", strings.Repeat("1+", 151) + "1", ErrTooLong, "longer than 300 characters"},
		{"bad", strings.Repeat("(", 40) + "1" + strings.Repeat(")", 40), ErrSyntax, "parentheses deep"},
		{"day", "3", ErrName, `"day" is a unit`},
		{"two words", "3", ErrName, `write "two_words"`},
		{"1st", "3", ErrName, "starting with a letter"},
		{"requests", "3", ErrName, `the name "requests" is already row 1's`},
		{strings.Repeat("n", 41), "3", ErrTooLong, "longer than 40 characters"},
	} {
		res := compute(t,
			"requests", "1 k req",
			"broken", "2 +",
			"blank", "",
			"later", "5",
			"record", "2 KB",
			c.name, c.text,
			"after", "requests * 2",
		)
		got := res[5]
		if got.Err == nil {
			t.Errorf("%s = %q computed %q; want the error %q", c.name, c.text, got.String(), c.msg)
			continue
		}
		if got.Err.Kind != c.kind || !strings.Contains(got.Err.Msg, c.msg) {
			t.Errorf("%s = %q: error %d %q, want %d containing %q", c.name, c.text, got.Err.Kind, got.Err.Msg, c.kind, c.msg)
		}
		if res[0].Err != nil || res[4].Err != nil || res[6].Err != nil || res[6].String() != "2 k req" {
			t.Errorf("%s = %q: the error spread to other rows: %q, %q, %q", c.name, c.text, res[0], res[4], res[6])
		}
	}
}

func TestRowNamesAndUnitsShareWords(t *testing.T) {
	res := compute(t,
		"users", "50 M users", // a row may be named like a count noun
		"rps", "users * 2 req/user / 1 day", // and like a rate
		"x", "rps * 2",
		"y", "100 users", // right after a number the word is the unit, not the row
		"z", "1 G / users", // after a "/", a row above wins over the noun
	)
	for i, want := range []string{"50 M users", "1.16 k req/s", "2.31 k req/s", "100 users", "20"} {
		if res[i].Err != nil || res[i].String() != want {
			t.Errorf("row %d reads %q (%v), want %q", i+1, res[i].String(), res[i].Err, want)
		}
	}
}

func TestLine(t *testing.T) {
	s := Sheet{Rows: []Row{
		{"storage_per_day", "500 GB/day"},
		{"storage_per_year", "storage_per_day  *  365 day/year"},
		{"", "3 + 4"},
		{"oops", "2 +"},
	}}
	res := s.Compute()
	for i, want := range []string{
		"Storage per day: 500 GB/day",
		"Storage per year: 182 TB/year (= storage_per_day * 365 day/year)",
		"7",
		"Oops: 2 +",
	} {
		if got := Line(s.Rows[i], res[i]); got != want {
			t.Errorf("line %d: %q, want %q", i+1, got, want)
		}
	}
}

func TestConstantsComputeAndInsert(t *testing.T) {
	var s Sheet
	for _, c := range Constants {
		s = s.Insert(len(s.Rows), c)
	}
	for i, r := range s.Compute() {
		if r.Err != nil || r.Empty {
			t.Errorf("constant %s = %q: %v", s.Rows[i].Name, s.Rows[i].Text, r.Err)
		}
	}
	// A second insert of the same constant gets a fresh name; inserting at 0 puts it after row 0.
	s = Sheet{Rows: []Row{{"a", "1"}, {"seconds_per_day", "2"}}}
	s = s.Insert(0, Constants[0])
	if len(s.Rows) != 3 || s.Rows[1].Name != "seconds_per_day_2" || s.Rows[2].Name != "seconds_per_day" {
		t.Errorf("after insert: %+v", s.Rows)
	}
	s = s.Insert(-1, Constants[1])
	if s.Rows[0].Name != "seconds_per_month" {
		t.Errorf("insert at -1 should put the row first: %+v", s.Rows)
	}
	res := compute(t, "seconds_per_day", Constants[0].Row.Text, "rps", "1 bn req / seconds_per_day")
	if got := res[1].String(); got != "11.6 k req/s" {
		t.Errorf("a day's requests per second: %q", got)
	}
}

func TestProblems(t *testing.T) {
	if p := (Sheet{Rows: []Row{{"a", "2 +"}, {"two words", "x"}}}).Problems(); len(p) != 0 {
		t.Errorf("formula mistakes are part of the attempt, not problems: %q", p)
	}
	p := Sheet{Rows: []Row{
		{strings.Repeat("n", 41), "1"},
		{"a", strings.Repeat("1", 301)},
		{"b", "1\n2"},
		{"c\xff", "1"},
	}}.Problems()
	want := []string{"rows[0].name: has 41 characters", "rows[1].text: has 301 characters", "rows[2].text: holds a control character", "rows[3].name: is not valid UTF-8"}
	if len(p) != len(want) {
		t.Fatalf("problems %q, want %d", p, len(want))
	}
	for i := range want {
		if got := p[i].Path + ": " + p[i].Message; !strings.HasPrefix(got, want[i]) {
			t.Errorf("problem %q, want %q…", got, want[i])
		}
	}
	big := Sheet{Rows: make([]Row, MaxRows+1)}
	if p := big.Problems(); len(p) != 1 || p[0].Path != "rows" || !strings.Contains(p[0].Message, "at most 200") {
		t.Errorf("too many rows: %q", p)
	}
	if r := big.Compute()[MaxRows]; r.Err == nil || r.Err.Kind != ErrTooLong {
		t.Errorf("row %d of a too-long sheet: %+v", MaxRows+1, r)
	}
}

func TestReadableAndEmpty(t *testing.T) {
	if got := Readable("storage_per_year"); got != "Storage per year" {
		t.Errorf("Readable: %q", got)
	}
	if Readable("") != "" || Readable("élan") != "Élan" {
		t.Errorf("Readable of empty or accented names")
	}
	if !(Sheet{Rows: []Row{{" ", ""}}}).Empty() || (Sheet{Rows: []Row{{"", "1"}}}).Empty() {
		t.Errorf("Empty")
	}
	s := Sheet{Rows: []Row{{"a", "1"}}}
	c := s.Clone()
	c.Rows[0].Text = "2"
	if s.Rows[0].Text != "1" {
		t.Errorf("Clone shares rows")
	}
}

// FuzzCompute: no text, however hostile, makes a sheet panic or hang.
func FuzzCompute(f *testing.F) {
	for _, s := range []string{"50 M users", "dau * 2 KB / 1 s", "$0.023/GB/month", "(((1)))", "2^3^4^5",
		"1e308 * 10", "x / 0", "99.9 %", "1,", ".5", "5 writes/user/day", "s^-2", "--1", "$", "%", "1e", "µ"} {
		f.Add("dau", s)
	}
	f.Fuzz(func(t *testing.T, name, text string) {
		s := Sheet{Rows: []Row{{"dau", "50 M users"}, {name, text}, {"after", name + " * 2"}}}
		for i, r := range s.Compute() {
			_ = r.String()
			_ = Line(s.Rows[i], r)
		}
		_ = s.Problems()
	})
}
