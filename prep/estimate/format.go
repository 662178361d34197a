package estimate

import (
	"math"
	"strconv"
	"strings"
)

// String reads q the way a candidate would say it: "2.3 TB/year", "1.2 k req/s", "$4.1 k/month",
// "150 ms", "50 M users", "99.9 %". Three significant figures: an estimate is not more precise.
func (q Quantity) String() string {
	v := q.Value
	d := q.d
	perName, perSec := q.per()
	switch {
	case d.none() && q.noun == "%":
		return number(v*100) + " %"
	case d.none():
		return count(v, q.noun, "")
	case d == dim{dimSeconds: -1}:
		if !q.fixed && perSec != 1 && math.Abs(v) >= 1 {
			// Capacity is planned in requests per second, however the inputs were written,
			// unless that hides the figure under a decimal point.
			perName, perSec = "s", 1
		}
		return count(v*perSec, q.noun, perName)
	case d == dim{dimBytes: 1}:
		return byteSize(v)
	case d == dim{dimBytes: 1, dimSeconds: -1}:
		return byteSize(v*perSec) + "/" + perName
	case d == dim{dimMoney: 1}:
		return money(v)
	case d == dim{dimMoney: 1, dimSeconds: -1}:
		return money(v*perSec) + "/" + perName
	case d == dim{dimSeconds: 1}:
		return duration(v)
	case d == dim{dimMoney: 1, dimBytes: -1}:
		return money(v*1e9) + "/GB" // storage and egress are priced per gigabyte
	case d == dim{dimMoney: 1, dimBytes: -1, dimSeconds: -1}:
		return money(v*1e9*perSec) + "/GB/" + perName
	case d == dim{dimBytes: -1, dimSeconds: 1}:
		return duration(v*1e6) + "/MB" // the time to move a megabyte
	}
	return number(v) + " " + unitString(d)
}

// per is the time unit a rate reads in: the one it was written in, else a month for money (bills
// are monthly) and a second for everything else (capacity is planned per second).
func (q Quantity) per() (string, float64) {
	switch q.tu {
	case "min", "h", "day", "week", "month", "year":
		return q.tu, units[q.tu].value
	}
	if q.d[dimMoney] != 0 && q.tu == "" {
		return "month", month
	}
	return "s", 1
}

// count reads "50 M users", "1.2 k req/s", "3.4 bn/day".
func count(v float64, noun, per string) string {
	s := scaled(v, countScales)
	if noun != "" {
		s += " " + noun
	}
	if per != "" {
		if noun == "" {
			s += " "
		}
		s += "/" + per
	}
	return s
}

type scale struct {
	at     float64
	suffix string
}

var (
	countScales = []scale{{1e12, " tn"}, {1e9, " bn"}, {1e6, " M"}, {1e3, " k"}}
	byteScales  = []scale{{1e18, " EB"}, {1e15, " PB"}, {1e12, " TB"}, {1e9, " GB"}, {1e6, " MB"}, {1e3, " KB"}}
)

// scaled is v with the largest suffix that keeps it at least 1, rounded first so that 999,999
// reads "1 M" rather than "1000 k".
func scaled(v float64, scales []scale) string {
	r := roundSig(v)
	for _, s := range scales {
		if math.Abs(r) >= s.at {
			return number(r/s.at) + s.suffix
		}
	}
	return number(r)
}

func byteSize(v float64) string {
	s := scaled(v, byteScales)
	if !strings.HasSuffix(s, "B") {
		s += " B"
	}
	return s
}

func money(v float64) string {
	if v < 0 {
		return "-" + money(-v)
	}
	return "$" + scaled(v, countScales)
}

func duration(v float64) string {
	a := math.Abs(v)
	switch {
	case a == 0:
		return "0 s"
	case a < 1e-6:
		return number(v*1e9) + " ns"
	case a < 1e-3:
		return number(v*1e6) + " µs"
	case a < 1:
		return number(v*1e3) + " ms"
	case a < minute:
		return number(v) + " s"
	case a < hour:
		return number(v/minute) + " min"
	case a < day:
		return number(v/hour) + " h"
	case a < year:
		return number(v/day) + plural(" day", v/day)
	}
	return number(v/year) + plural(" year", v/year)
}

func plural(w string, n float64) string {
	if roundSig(n) == 1 {
		return w
	}
	return w + "s"
}

// roundSig rounds v to three significant figures.
func roundSig(v float64) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	p := math.Pow(10, 2-math.Floor(math.Log10(math.Abs(v))))
	if math.IsInf(p, 0) || p == 0 {
		return v
	}
	return math.Round(v*p) / p
}

// number writes v to three significant figures without an exponent where a reader would not
// expect one: "2.3", "150", "0.023".
func number(v float64) string {
	r := roundSig(v)
	a := math.Abs(r)
	if a != 0 && (a < 1e-3 || a >= 1e6) {
		return strconv.FormatFloat(r, 'g', 3, 64)
	}
	s := strconv.FormatFloat(r, 'f', 6, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// unitString writes a dimension nothing reads better for: "B·s", "$/B²".
func unitString(d dim) string {
	names := [numDims]string{dimBytes: "B", dimSeconds: "s", dimMoney: "$"}
	var num, den []string
	for i := dimMoney; i >= 0; i-- {
		e := d[i]
		if e == 0 {
			continue
		}
		s := names[i]
		if e > 1 || e < -1 {
			s += "^" + strconv.Itoa(int(max(e, -e)))
		}
		if e > 0 {
			num = append(num, s)
		} else {
			den = append(den, s)
		}
	}
	out := strings.Join(num, "·")
	if out == "" {
		out = "1"
	}
	for _, s := range den {
		out += "/" + s
	}
	return out
}
