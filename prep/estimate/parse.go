package estimate

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quantity is a computed value: a number in base units (bytes, seconds, dollars; counts are plain
// numbers) with its dimension, and two hints that only change how it reads: the count noun
// ("users", "%") and the time unit it was written in, so a per-day figure reads per day.
type Quantity struct {
	Value float64
	d     dim
	noun  string
	tu    string
	fixed bool // the row said how to read it ("x in req/day"): no heuristic overrides that
}

// ErrorKind sorts a row's errors, so tests and screens can tell them apart without parsing text.
type ErrorKind uint8

const (
	ErrSyntax  ErrorKind = iota + 1 // not a formula: "2 +", "(x", "3 $$"
	ErrUnknown                      // no row above and no unit by that name
	ErrLater                        // refers to a row below itself
	ErrSelf                         // refers to itself
	ErrDepends                      // refers to a row that has an error or is empty
	ErrUnits                        // adds or compares different dimensions: bytes + requests
	ErrPower                        // a power with units in the exponent, or a fractional power of a unit
	ErrMath                         // division by zero, a result too large to be a number
	ErrName                         // the row's name is not a usable name, or another row has it
	ErrTooLong                      // the row's text or name is longer than a sheet keeps
)

// Error is what is wrong with one row, said so the candidate can fix it.
type Error struct {
	Kind ErrorKind
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

func errorf(k ErrorKind, format string, args ...any) *Error {
	return &Error{Kind: k, Msg: fmt.Sprintf(format, args...)}
}

type tokKind uint8

const (
	tEOF tokKind = iota
	tNum
	tIdent
	tOp // one of + - * / ^ ( ) $ %
)

type token struct {
	kind tokKind
	op   byte
	num  float64
	text string
	pos  int // byte offset, for "at character N"
}

// lex splits a row's text into tokens, appending to buf so a sheet's recompute reuses one slice.
func lex(s string, buf []token) ([]token, *Error) {
	toks := buf[:0]
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case startsNumber(s, i, r):
			v, n, err := lexNumber(s[i:])
			if err != nil {
				return toks, errorf(ErrSyntax, "%q at character %d is not a number", s[i:i+n], i+1)
			}
			toks = append(toks, token{kind: tNum, num: v, pos: i})
			i += n
		case r == '_' || r == 'µ' || unicode.IsLetter(r):
			end := identEnd(s, i+size)
			toks = append(toks, token{kind: tIdent, text: s[i:end], pos: i})
			i = end
		default:
			op, n := operator(s, i, r, size)
			if op == 0 {
				return toks, errorf(ErrSyntax, "%q at character %d is not part of a formula", string(r), i+1)
			}
			toks = append(toks, token{kind: tOp, op: op, pos: i})
			i += n
		}
	}
	return append(toks, token{kind: tEOF, pos: len(s)}), nil
}

// startsNumber says whether r, at byte i of s, starts a number: a digit, or a point before one.
func startsNumber(s string, i int, r rune) bool {
	return r >= '0' && r <= '9' || r == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9'
}

// identEnd is where the name whose rest starts at byte i of s ends: letters, digits and '_'.
func identEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i += size
	}
	return i
}

// operator is the operator r (size bytes at byte i of s) stands for, and how many bytes it takes;
// 0 when r is none. "**" is a power, as in Python, and the typographic ×, ·, ÷ and − read as the
// ASCII ones.
func operator(s string, i int, r rune, size int) (byte, int) {
	switch r {
	case '+', '-', '/', '^', '(', ')', '$', '%':
		return byte(r), size
	case '*':
		if i+1 < len(s) && s[i+1] == '*' { // 2 ** 10, as in Python
			return '^', 2
		}
		return '*', size
	case '×', '·':
		return '*', size
	case '÷':
		return '/', size
	case '−': // the typographic minus a pasted figure brings
		return '-', size
	}
	return 0, size
}

// lexNumber reads a number at the start of s: digits with an optional fraction, "86,400" or
// "86_400" grouping, and an exponent ("1e6") when the e is followed by a digit, so "2EB" stays
// two exabytes.
func lexNumber(s string) (float64, int, error) {
	var b strings.Builder
	i := 0
	digit := func(j int) bool { return j < len(s) && s[j] >= '0' && s[j] <= '9' }
	for i < len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9' || c == '.':
			b.WriteByte(c)
			i++
		case (c == ',' || c == '_') && digit(i+1) && i > 0:
			i++ // a thousands separator
		default:
			goto exponent
		}
	}
exponent:
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if digit(j) {
			b.WriteString(s[i:j])
			i = j
			for digit(i) {
				b.WriteByte(s[i])
				i++
			}
		}
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	return v, i, err
}

// parser evaluates one row's text as it parses it: a row is a handful of tokens, so building a
// tree first would only cost allocations.
type parser struct {
	toks    []token
	i       int
	row     int            // the row being computed, 0-based
	names   map[string]int // every usable row name, to its first row
	results []Result       // the rows above, computed
	formula bool           // the text refers to another row
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i++; return t }

func (p *parser) isOp(op byte) bool {
	t := p.toks[p.i]
	return t.kind == tOp && t.op == op
}

func (p *parser) parse() (Quantity, *Error) {
	q, err := p.expr()
	if err != nil {
		return q, err
	}
	if t := p.peek(); t.kind == tIdent && t.text == "in" {
		if q, err = p.in(q); err != nil {
			return q, err
		}
	}
	if t := p.peek(); t.kind != tEOF {
		return q, errorf(ErrSyntax, "expected an operator (+ - * / ^) before %s at character %d", p.describe(t), t.pos+1)
	}
	return q, nil
}

// in reads a trailing "in writes/day" or "in GB/month": how the row wants its value read. The
// unit must have the value's dimension; its time unit and count noun replace the ones the formula
// carried.
func (p *parser) in(q Quantity) (Quantity, *Error) {
	at := p.next().pos
	if t := p.peek(); !(t.kind == tIdent || t.kind == tOp && (t.op == '$' || t.op == '%')) {
		return q, errorf(ErrSyntax, "a unit must follow \"in\" at character %d", at+1)
	}
	u, err := p.units(Quantity{Value: 1})
	if err != nil {
		return q, err
	}
	if u.d != q.d {
		return q, errorf(ErrUnits, "cannot show %s in %s", describe(q), describe(u))
	}
	if u.tu != "" {
		q.tu = u.tu
	}
	if u.noun != "" {
		q.noun = u.noun
	}
	q.fixed = true
	return q, nil
}

func (p *parser) describe(t token) string {
	switch t.kind {
	case tNum:
		return "the number"
	case tIdent:
		return fmt.Sprintf("%q", t.text)
	case tOp:
		return fmt.Sprintf("%q", string(t.op))
	}
	return "the end"
}

func (p *parser) expr() (Quantity, *Error) {
	q, err := p.term()
	for err == nil && (p.isOp('+') || p.isOp('-')) {
		op := p.next().op
		var r Quantity
		if r, err = p.term(); err != nil {
			break
		}
		q, err = add(q, r, op == '-')
	}
	return q, err
}

func (p *parser) term() (Quantity, *Error) {
	q, err := p.unary()
	for err == nil && (p.isOp('*') || p.isOp('/')) {
		op := p.next().op
		var r Quantity
		if r, err = p.unary(); err != nil {
			break
		}
		if op == '*' {
			q = mul(q, r)
		} else {
			q, err = div(q, r)
		}
	}
	return q, err
}

func (p *parser) unary() (Quantity, *Error) {
	if p.isOp('-') || p.isOp('+') {
		neg := p.next().op == '-'
		q, err := p.unary()
		if neg {
			q.Value = -q.Value
			q.fixed = false
		}
		return q, err
	}
	return p.power()
}

func (p *parser) power() (Quantity, *Error) {
	q, err := p.primary()
	if err != nil || !p.isOp('^') {
		return q, err
	}
	p.next()
	e, err := p.unary() // right-associative: 2^3^2 is 2^9
	if err != nil {
		return q, err
	}
	return pow(q, e)
}

func (p *parser) primary() (Quantity, *Error) {
	t := p.next()
	switch {
	case t.kind == tNum:
		return p.units(Quantity{Value: t.num})
	case t.kind == tOp && t.op == '$':
		n := p.next()
		if n.kind != tNum {
			return Quantity{}, errorf(ErrSyntax, "a number must follow $ at character %d", t.pos+1)
		}
		q, err := p.units(Quantity{Value: n.num})
		q.d[dimMoney]++
		return q, err
	case t.kind == tOp && t.op == '(':
		q, err := p.expr()
		if err != nil {
			return q, err
		}
		if !p.isOp(')') {
			return q, errorf(ErrSyntax, "the ( at character %d is never closed", t.pos+1)
		}
		p.next()
		return q, nil
	case t.kind == tIdent:
		return p.name(t)
	case t.kind == tEOF && t.pos == 0:
		return Quantity{}, errorf(ErrSyntax, "empty")
	case t.kind == tEOF:
		return Quantity{}, errorf(ErrSyntax, "the formula ends too soon: a number, a row or ( is missing at the end")
	}
	return Quantity{}, errorf(ErrSyntax, "a number, a row or ( is missing before %s at character %d", p.describe(t), t.pos+1)
}

// name is a row reference or a bare unit ("x / day", "GB/month"). A row above wins over a count
// noun of the same name; names of other units cannot be row names (checked on the row).
func (p *parser) name(t token) (Quantity, *Error) {
	if at, ok := p.names[t.text]; ok {
		switch {
		case at == p.row:
			return Quantity{}, errorf(ErrSelf, "%q refers to this row itself", t.text)
		case at > p.row:
			return Quantity{}, errorf(ErrLater, "%q is row %d, below this one: a formula can use only the rows above it", t.text, at+1)
		}
		r := p.results[at]
		if r.Err != nil {
			return Quantity{}, errorf(ErrDepends, "uses %q (row %d), which has an error", t.text, at+1)
		}
		if r.Empty {
			return Quantity{}, errorf(ErrDepends, "uses %q (row %d), which is empty", t.text, at+1)
		}
		p.formula = true
		return r.Quantity, nil
	}
	if _, ok := lookupUnit(t.text); ok {
		p.i--
		return p.units(Quantity{Value: 1})
	}
	return Quantity{}, errorf(ErrUnknown, "no row above is named %q, and it is not a unit", t.text)
}

// units applies the unit words that follow a number: "50 M users", "2 KB", "$0.023/GB/month",
// "5 writes/user/day", "99.9 %". A word right after the number is always a unit; after a "/" it is
// a unit only if no row above has that name, so "total / 2 KB / users" divides by the row users.
func (p *parser) units(q Quantity) (Quantity, *Error) {
	for {
		t := p.peek()
		switch {
		case t.kind == tIdent:
			u, ok := lookupUnit(t.text)
			if !ok {
				if _, row := p.names[t.text]; row {
					return q, errorf(ErrSyntax, "an operator is missing before %q at character %d", t.text, t.pos+1)
				}
				return q, errorf(ErrUnknown, "%q at character %d is not a unit", t.text, t.pos+1)
			}
			p.next()
			n, err := p.unitPower()
			if err != nil {
				return q, err
			}
			q = applyUnit(q, u, n)
		case t.kind == tOp && t.op == '%':
			p.next()
			q = applyUnit(q, units["%"], 1)
		case t.kind == tOp && t.op == '$':
			p.next()
			q = applyUnit(q, units["$"], 1)
		case t.kind == tOp && t.op == '/':
			n := p.toks[p.i+1]
			if n.kind != tIdent {
				return q, nil
			}
			u, ok := lookupUnit(n.text)
			if _, row := p.names[n.text]; !ok || row && u.nameable() {
				return q, nil
			}
			p.i += 2
			e, err := p.unitPower()
			if err != nil {
				return q, err
			}
			q = applyUnit(q, u, -e)
		default:
			return q, nil
		}
	}
}

// unitPower reads an optional "^2" after a unit word.
func (p *parser) unitPower() (int, *Error) {
	if !p.isOp('^') {
		return 1, nil
	}
	at := p.next().pos
	neg := false
	if p.isOp('-') {
		p.next()
		neg = true
	}
	t := p.next()
	if t.kind != tNum || t.num != math.Trunc(t.num) || t.num > 4 {
		return 0, errorf(ErrPower, "a unit's power must be a whole number from -4 to 4 (at character %d)", at+1)
	}
	if neg {
		return -int(t.num), nil
	}
	return int(t.num), nil
}

// applyUnit multiplies q by u to the power n (n is ±1 but for "s^2").
func applyUnit(q Quantity, u unitDef, n int) Quantity {
	switch u.kind {
	case kindCount:
		if n > 0 {
			q.noun = u.noun
		}
		return q // "req/user" is requests: counts are not a dimension
	case kindPercent:
		if n > 0 {
			q.noun = "%"
		}
	case kindTime:
		q.tu = u.noun
	case kindRate:
		if n > 0 {
			q.noun = u.noun
		}
		q.tu = "s"
	}
	q.Value *= math.Pow(u.value, float64(n))
	q.d = q.d.plus(u.dim.times(n))
	return q
}

func add(a, b Quantity, sub bool) (Quantity, *Error) {
	if a.d != b.d {
		if sub {
			return a, errorf(ErrUnits, "cannot subtract %s from %s", describe(b), describe(a))
		}
		return a, errorf(ErrUnits, "cannot add %s to %s", describe(b), describe(a))
	}
	a.fixed = false
	if sub {
		a.Value -= b.Value
	} else {
		a.Value += b.Value
	}
	if a.noun == "" {
		a.noun = b.noun
	}
	if a.tu == "" {
		a.tu = b.tu
	}
	return a, nil
}

func mul(a, b Quantity) Quantity {
	r := Quantity{Value: a.Value * b.Value, d: a.d.plus(b.d), tu: a.tu}
	if b.tu != "" {
		r.tu = b.tu
	}
	switch {
	case b.noun != "" && b.noun != "%":
		r.noun = b.noun // users × requests per user: requests
	case a.noun != "" && a.noun != "%":
		r.noun = a.noun
	case (a.noun == "%" || b.noun == "%") && r.d.none():
		r.noun = "%" // 2 × 10 % reads 20 %
	}
	return r
}

func div(a, b Quantity) (Quantity, *Error) {
	if b.Value == 0 {
		return a, errorf(ErrMath, "division by zero")
	}
	r := Quantity{Value: a.Value / b.Value, d: a.d.minus(b.d), noun: a.noun, tu: a.tu}
	if b.tu != "" {
		r.tu = b.tu
	}
	if a.noun == b.noun || a.noun == "%" {
		r.noun = ""
	}
	return r, nil
}

func pow(b, e Quantity) (Quantity, *Error) {
	if !e.d.none() {
		return b, errorf(ErrPower, "an exponent must be a plain number, not %s", describe(e))
	}
	if !b.d.none() {
		n := e.Value
		if n != math.Trunc(n) || math.Abs(n) > 4 {
			return b, errorf(ErrPower, "%s can be raised only to a whole power from -4 to 4", describe(b))
		}
		b.d = b.d.times(int(n))
	}
	b.fixed = false
	b.Value = math.Pow(b.Value, e.Value)
	if b.noun == "%" {
		b.noun = ""
	}
	return b, nil
}

// describe names a quantity's dimension for an error message: "bytes", "requests",
// "bytes per second".
func describe(q Quantity) string {
	if q.d.none() {
		switch q.noun {
		case "":
			return "a plain number"
		case "%":
			return "a percentage"
		}
		if w, ok := longNoun[q.noun]; ok {
			return w
		}
		return q.noun
	}
	var parts []string
	if q.d[dimMoney] != 0 && q.d[dimBytes] == 0 && q.d[dimSeconds] >= -1 && q.d[dimSeconds] <= 0 && q.d[dimMoney] == 1 {
		parts = append(parts, "money")
	} else if q.d[dimBytes] == 1 && q.d[dimMoney] == 0 && q.d[dimSeconds] >= -1 && q.d[dimSeconds] <= 0 {
		parts = append(parts, "bytes")
	} else if q.d == (dim{dimSeconds: 1}) {
		return "a duration"
	} else if q.d == (dim{dimSeconds: -1}) {
		n := "a count"
		if q.noun != "" && q.noun != "%" {
			n = q.noun
			if w, ok := longNoun[n]; ok {
				n = w
			}
		}
		return n + " per second"
	} else {
		return unitString(q.d)
	}
	if q.d[dimSeconds] == -1 {
		parts = append(parts, "per second")
	}
	return strings.Join(parts, " ")
}

var longNoun = map[string]string{
	"req": "requests", "reqs": "requests", "msg": "messages", "msgs": "messages", "txn": "transactions",
	"txns": "transactions", "ops": "operations", "op": "operations", "conn": "connections",
	"conns": "connections", "user": "users", "doc": "documents", "docs": "documents",
}
