// Package estimate is the back-of-envelope sheet of a design answer: named rows, each a quantity
// with a unit ("50 M users", "2 KB", "99.9 %") or a formula over earlier rows, computed with
// dimensional analysis so that requests per second times bytes is bytes per second and adding
// gigabytes to requests is an error on that row. Results read the way a candidate would say them
// (2.3 TB/year, 1.2 k req/s, $4.1 k/month). It imports neither Fyne nor Badger.
package estimate

import "strings"

// The base dimensions. Counts (users, requests, messages) are not a dimension: a count noun is a
// label carried for display, so "dau * requests_per_user" needs no "per user" bookkeeping, and
// adding users to requests is allowed (both are counts) while adding bytes to requests is not.
const (
	dimBytes = iota
	dimSeconds
	dimMoney
	numDims
)

// dim is a quantity's exponent of each base dimension: bytes per second is {1, -1, 0}.
type dim [numDims]int8

func (d dim) plus(e dim) dim {
	for i := range d {
		d[i] += e[i]
	}
	return d
}

func (d dim) minus(e dim) dim {
	for i := range d {
		d[i] -= e[i]
	}
	return d
}

func (d dim) times(n int) dim {
	for i := range d {
		d[i] *= int8(n)
	}
	return d
}

func (d dim) none() bool { return d == dim{} }

// unitKind says how a unit word combines with the number before it.
type unitKind uint8

const (
	kindScale unitKind = iota // a multiplier: k, M, bn
	kindCount                 // a count noun: users, req
	kindBytes
	kindTime
	kindMoney
	kindPercent
	kindRate // a count per second: qps, rps
)

type unitDef struct {
	kind  unitKind
	value float64 // in base units (bytes, seconds, dollars)
	dim   dim
	noun  string // the count noun it sets, or the time unit's canonical name
}

const (
	minute = 60.0
	hour   = 3600.0
	day    = 86400.0
	week   = 7 * day
	year   = 365 * day
	// A month is a twelfth of a 365-day year (2.63 M seconds): per-month figures then add up to
	// the per-year ones, which a 30-day month does not.
	month = year / 12
)

// units are the unit words a sheet understands. Case matters where the trade writes it so:
// "GB" is gigabytes, "Gb" gigabits; "M" is a million, "ms" a millisecond; "m" is nothing (metres or
// minutes?), so it is refused rather than guessed.
var units = map[string]unitDef{}

func init() {
	scale := func(v float64, words ...string) {
		for _, w := range words {
			units[w] = unitDef{kind: kindScale, value: v}
		}
	}
	scale(1e3, "k", "K", "thousand")
	scale(1e6, "M", "million", "mn")
	scale(1e9, "G", "bn", "billion") // not "B": that is a byte
	scale(1e12, "T", "tn", "trillion")
	scale(1e15, "P")
	scale(1<<10, "Ki")
	scale(1<<20, "Mi")
	scale(1<<30, "Gi")
	scale(1<<40, "Ti")

	bytes := func(v float64, words ...string) {
		for _, w := range words {
			units[w] = unitDef{kind: kindBytes, value: v, dim: dim{dimBytes: 1}}
		}
	}
	bytes(1, "B", "byte", "bytes")
	bytes(1.0/8, "bit", "bits")
	bytes(1e3, "KB", "kB")
	bytes(1e6, "MB")
	bytes(1e9, "GB")
	bytes(1e12, "TB")
	bytes(1e15, "PB")
	bytes(1e18, "EB")
	bytes(1<<10, "KiB")
	bytes(1<<20, "MiB")
	bytes(1<<30, "GiB")
	bytes(1<<40, "TiB")
	bytes(1<<50, "PiB")
	bytes(1e3/8, "Kb", "kb", "Kbit", "kbit")
	bytes(1e6/8, "Mb", "Mbit")
	bytes(1e9/8, "Gb", "Gbit")
	bytes(1e12/8, "Tb", "Tbit")

	times := func(v float64, name string, words ...string) {
		for _, w := range append(words, name) {
			units[w] = unitDef{kind: kindTime, value: v, dim: dim{dimSeconds: 1}, noun: name}
		}
	}
	times(1e-9, "ns", "nanosecond", "nanoseconds")
	times(1e-6, "µs", "us", "microsecond", "microseconds")
	times(1e-3, "ms", "millisecond", "milliseconds")
	times(1, "s", "sec", "secs", "second", "seconds")
	times(minute, "min", "mins", "minute", "minutes")
	times(hour, "h", "hr", "hrs", "hour", "hours")
	times(day, "day", "days")
	times(week, "week", "weeks")
	times(month, "month", "months")
	times(year, "year", "years", "yr")

	units["$"] = unitDef{kind: kindMoney, value: 1, dim: dim{dimMoney: 1}}
	units["USD"] = units["$"]
	units["dollars"] = units["$"]
	units["%"] = unitDef{kind: kindPercent, value: 0.01, noun: "%"}
	units["percent"] = units["%"]
	units["qps"] = unitDef{kind: kindRate, value: 1, dim: dim{dimSeconds: -1}, noun: "queries"}
	units["QPS"] = units["qps"]
	units["rps"] = unitDef{kind: kindRate, value: 1, dim: dim{dimSeconds: -1}, noun: "req"}
	units["RPS"] = units["rps"]
	units["tps"] = unitDef{kind: kindRate, value: 1, dim: dim{dimSeconds: -1}, noun: "txn"}
	units["TPS"] = units["tps"]
	units["iops"] = unitDef{kind: kindRate, value: 1, dim: dim{dimSeconds: -1}, noun: "ops"}
	units["IOPS"] = units["iops"]

	for _, n := range countNouns {
		units[n] = unitDef{kind: kindCount, value: 1, noun: n}
	}
}

// countNouns label counts. A row may be named like one ("users"): the row wins wherever a row
// reference can stand, the noun wins right after a number ("50 M users").
var countNouns = strings.Fields(`user users req reqs request requests read reads write writes op ops
	query queries event events message messages msg msgs item items record records row rows txn txns
	transaction transactions post posts photo photos video videos file files object objects server
	servers node nodes host hosts machine machines instance instances shard shards partition partitions
	connection connections conn conns order orders click clicks view views visit visits session sessions
	tweet tweets upload uploads download downloads call calls job jobs task tasks device devices
	customer customers tenant tenants page pages image images doc docs document documents account
	accounts key keys entry entries sample samples metric metrics log logs line lines core cores
	disk disks packet packets hit hits miss misses character characters char chars link links`)

// lookupUnit is the unit word w, if it is one.
func lookupUnit(w string) (unitDef, bool) {
	u, ok := units[w]
	return u, ok
}

// reservedName reports whether a row may not be called name: a unit word other than a count noun
// or a rate ("users", "rps") would be ambiguous in a formula ("x / day").
func reservedName(name string) bool {
	u, ok := units[name]
	return ok && !u.nameable()
}

// nameable units may also be row names: where a row reference can stand, the row wins.
func (u unitDef) nameable() bool { return u.kind == kindCount || u.kind == kindRate }
