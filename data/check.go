package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// Report is what Check found.
type Report struct {
	Counts   []KindCount // records of each kind, in key-layout order
	Problems []Problem   // in key order within each kind
}

// KindCount is how many records of one kind the store holds.
type KindCount struct {
	Kind    string
	Records int
}

// Problem is one thing wrong with one record.
type Problem struct {
	Kind     string
	Key      []byte // the record's key
	What     string // what is wrong
	Fix      string // what a repair does about it ("adding its index entry"); empty when it cannot be repaired automatically
	Repaired bool   // the repair was made
}

func (p Problem) String() string {
	s := DisplayKey(p.Key) + ": " + p.What
	switch {
	case p.Kind == KindTable:
		return "the table file " + string(p.Key) + " is damaged: it " + p.What + " (check --repair cannot mend it and changes nothing: " +
			"restore a backup, from Settings or with panelprep restore FILE; the damaged folder is moved aside, never deleted)"
	case p.Repaired:
		s += " (repaired by " + p.Fix + ")"
	case p.Fix != "":
		s += " (check --repair fixes it by " + p.Fix + ")"
	default:
		s += " (cannot be repaired automatically)"
	}
	return s
}

// Remaining is the number of problems not repaired.
func (r Report) Remaining() int {
	n := 0
	for _, p := range r.Problems {
		if !p.Repaired {
			n++
		}
	}
	return n
}

// Clean reports whether no problem remains.
func (r Report) Clean() bool { return r.Remaining() == 0 }

// String is the report as text: a line per kind, then a line per problem, then a verdict.
func (r Report) String() string {
	var b strings.Builder
	perKind := map[string]int{}
	for _, p := range r.Problems {
		perKind[p.Kind]++
	}
	notes := map[string]string{}
	for _, k := range recordKinds {
		notes[k.kind] = k.note
	}
	for _, c := range r.Counts {
		fmt.Fprintf(&b, "%-11s %6d %s", c.Kind, c.Records, plural(c.Records, "record"))
		if n := perKind[c.Kind]; n > 0 {
			fmt.Fprintf(&b, ", %d %s", n, plural(n, "problem"))
		}
		if note := notes[c.Kind]; note != "" {
			b.WriteString(" (" + note + ")")
		}
		b.WriteByte('\n')
	}
	for _, p := range r.Problems {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	repaired := len(r.Problems) - r.Remaining()
	fixable := 0
	for _, p := range r.Problems {
		if !p.Repaired && p.Fix != "" {
			fixable++
		}
	}
	switch {
	case len(r.Problems) == 0:
		b.WriteString("ok: no problems found\n")
	case r.Remaining() == 0:
		fmt.Fprintf(&b, "ok: repaired %d %s\n", repaired, plural(repaired, "problem"))
	default:
		fmt.Fprintf(&b, "%d %s", r.Remaining(), plural(r.Remaining(), "problem remains", "problems remain"))
		if repaired > 0 {
			fmt.Fprintf(&b, " (%d repaired)", repaired)
		}
		if fixable > 0 {
			fmt.Fprintf(&b, "; %d can be repaired with check --repair", fixable)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// plural is word for one, else word with an s, or forms[0] when given.
func plural(n int, word string, forms ...string) string {
	if n == 1 {
		return word
	}
	if len(forms) > 0 {
		return forms[0]
	}
	return word + "s"
}

// DisplayKey renders a key for people: times and UUIDs decoded where the layout says where they are
// (the shape of its kind in recordKinds).
func DisplayKey(k []byte) string {
	rk := kindOf(k)
	rest := k[len(rk.prefix):]
	switch {
	case rk.shape == shapeTimeID && len(rest) == 8+16:
		id, _ := uuid.FromBytes(rest[8:])
		return fmt.Sprintf("%s%s/%s", rk.prefix, keyTime(rest), id)
	case rk.shape == shapeID && len(rest) == 16:
		id, _ := uuid.FromBytes(rest)
		return fmt.Sprintf("%s%s", rk.prefix, id)
	case rk.shape == shapeIDs && len(rest) == 16+16:
		owner, _ := uuid.FromBytes(rest[:16])
		id, _ := uuid.FromBytes(rest[16:])
		return fmt.Sprintf("%s%s/%s", rk.prefix, owner, id)
	case rk.shape == shapeTimeKey && len(rest) >= 8:
		return fmt.Sprintf("%s%s/%s", rk.prefix, keyTime(rest), DisplayKey(rest[8:]))
	}
	if utf8.Valid(k) && !bytes.ContainsFunc(k, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return string(k)
	}
	return fmt.Sprintf("%q", k)
}

// keyTime is the big-endian Unix nanoseconds at the start of b, for people.
func keyTime(b []byte) string {
	return time.Unix(0, int64(binary.BigEndian.Uint64(b))).UTC().Format(time.RFC3339Nano)
}

// Check reads every record and reports what is wrong: records that do not decode, attempt-id index
// entries that point at no attempt or the wrong one, attempts missing from the index, summary and
// search text records missing, out of date or without their attempt, attempts whose prompt snapshot
// is missing or incomplete, and keys that do not match their records.
//
// With repair, it fixes what can be fixed without losing anything, in one transaction: it rebuilds
// the attempt-id index entries, summaries and search texts that are missing or stale (all derived
// from the attempts), and moves each record that does not decode, and each summary or search text
// whose attempt is gone,
// to damaged/<time><original key>, bytes intact. A record that changed while Check ran is
// left alone (run Check again). Problems that would need a person to decide (an attempt without its
// prompt, a key that does not match its record) are reported, never "fixed" by deleting.
func (s *Store) Check(repair bool) (Report, error) {
	// Records read from a damaged table are not what was written: judging or "repairing" them
	// would act on garbage, and a repair would never converge. A damaged table is reported alone,
	// as something only a backup mends.
	if p, ok := s.verifyTables(); !ok {
		return Report{Problems: []Problem{p}}, nil
	}
	c := checker{
		counts:     map[string]int{},
		attempts:   map[string]checkedAttempt{},
		byID:       map[uuid.UUID][][]byte{},
		index:      map[uuid.UUID]indexEntry{},
		badAttempt: map[string]bool{},
		derived:    map[string]map[string]bool{},
		derivedAt:  map[string][]indexEntry{},
	}
	if err := s.db.View(c.scan); err != nil {
		return Report{}, fmt.Errorf("checking the store in %s: %w", s.dir, err)
	}
	c.checkIndex()
	for _, d := range derivedKinds {
		c.checkDerived(d)
	}
	rep := c.report()
	if !repair || len(c.fixes) == 0 {
		return rep, nil
	}
	moved := time.Now()
	var done []int
	err := s.db.Update(func(txn *badger.Txn) error {
		done = done[:0]
		for i, f := range c.fixes {
			ok, err := f.apply(txn, moved)
			if err != nil {
				return err
			}
			if ok {
				done = append(done, i)
			}
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("repairing the store in %s (nothing was changed; run the check again): %w", s.dir, err)
	}
	for _, i := range done {
		rep.Problems[c.fixes[i].problem].Repaired = true
	}
	return rep, nil
}

type checker struct {
	counts     map[string]int
	problems   []Problem
	fixes      []fix
	attempts   map[string]checkedAttempt // by attempt/ key
	byID       map[uuid.UUID][][]byte    // attempt/ keys of decoded, well-keyed attempts, by ID
	index      map[uuid.UUID]indexEntry  // well-formed attempt-id/ entries
	indexOrder []uuid.UUID
	badAttempt map[string]bool            // attempt/ keys whose record cannot be read or decoded
	derived    map[string]map[string]bool // by kind: keys of decodable derived records
	derivedAt  map[string][]indexEntry    // by kind: decodable derived records, in key order
}

type checkedAttempt struct {
	id      uuid.UUID
	ok      bool              // decoded and its key matches its ID and finish time
	derived map[string][]byte // by kind: the derived records it should have
}

type indexEntry struct {
	key, value []byte
}

// fix is one repair, with what the record must still hold for it to apply.
type fix struct {
	problem int
	op      fixOp
	key     []byte
	expect  []byte // the value seen by the check; nil means the key was absent
	value   []byte // for fixSet, the new value
	needs   []byte // for fixSet, the attempt/ key that must still exist
}

type fixOp int

const (
	fixMoveAside fixOp = iota
	fixSet
	fixDelete
)

func (c *checker) problem(kind string, key []byte, what string) int {
	c.problems = append(c.problems, Problem{Kind: kind, Key: bytes.Clone(key), What: what})
	return len(c.problems) - 1
}

func (c *checker) fixable(kind string, key []byte, what, howFix string, f fix) {
	f.problem = c.problem(kind, key, what)
	c.problems[f.problem].Fix = howFix
	c.fixes = append(c.fixes, f)
}

// damaged records a record that cannot be decoded; repair moves it aside.
func (c *checker) damaged(kind string, key, value []byte, err error) {
	c.fixable(kind, key, "cannot be decoded: "+err.Error(), "moving it to damaged/ (bytes kept)",
		fix{op: fixMoveAside, key: bytes.Clone(key), expect: value})
}

func (c *checker) scan(txn *badger.Txn) error {
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 64})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		key := item.KeyCopy(nil)
		rk := kindOf(key)
		kind := rk.kind
		c.counts[kind]++
		if rk.check == nil {
			continue
		}
		value, err := item.ValueCopy(nil)
		if value == nil {
			value = []byte{} // nil means "absent" to a fix
		}
		if err != nil {
			c.problem(kind, key, "cannot be read: "+err.Error())
			if kind == KindAttempt {
				c.badAttempt[string(key)] = true
			}
			continue
		}
		rk.check(c, key, value)
	}
	if c.counts[KindMeta] == 0 {
		c.problem(KindMeta, schemaKind.prefix, "the schema version record is missing")
	}
	return nil
}

func (c *checker) checkDraft(key, value []byte) {
	if d, err := decodeDraft(value); err != nil {
		c.damaged(KindDraft, key, value, err)
	} else if id := string(draftKind.suffix(key)); d.Prompt.ID != id {
		c.problem(KindDraft, key, fmt.Sprintf("holds the draft of prompt %q, not %q", d.Prompt.ID, id))
	} else if err := prep.CheckDiagram(d.Diagram, d.DiagramSnapshots); err != nil {
		c.problem(KindDraft, key, err.Error())
	}
}

func (c *checker) checkSet(key, value []byte) {
	if set, err := decodeSet(value); err != nil {
		c.damaged(KindSet, key, value, err)
	} else if id := string(setKind.suffix(key)); set.ID != id {
		c.problem(KindSet, key, fmt.Sprintf("holds set %q, not %q", set.ID, id))
	}
}

func (c *checker) checkDiscarded(key, value []byte) {
	if _, err := decodeDraft(value); err != nil {
		c.damaged(KindDiscarded, key, value, err)
	}
}

func (c *checker) checkLoopShape(key, value []byte) {
	if s, err := decodeLoopShape(value); err != nil {
		c.damaged(KindLoopShape, key, value, err)
	} else if id := string(loopShapeKind.suffix(key)); s.ID != id {
		c.problem(KindLoopShape, key, fmt.Sprintf("holds loop file %q, not %q", s.ID, id))
	}
}

func (c *checker) checkLoop(key, value []byte) {
	if l, err := decodeLoop(value); err != nil {
		c.damaged(KindLoop, key, value, err)
	} else if !bytes.Equal(key, loopKey(l.ID)) {
		c.problem(KindLoop, key, fmt.Sprintf("holds loop %s under another key", l.ID))
	}
}

func (c *checker) checkMeta(key, value []byte) {
	if len(value) != 4 {
		c.problem(KindMeta, key, fmt.Sprintf("the schema version record is %d bytes, want 4", len(value)))
		return
	}
	if v := binary.BigEndian.Uint32(value); v > SchemaVersion {
		c.problem(KindMeta, key, fmt.Sprintf("schema version %d is newer than this PanelPrep (%d)", v, SchemaVersion))
	}
}

func (c *checker) checkAttempt(key, value []byte) {
	a, err := decodeAttempt(value)
	if err != nil {
		c.damaged(KindAttempt, key, value, err)
		c.badAttempt[string(key)] = true
		return
	}
	ok := true
	if a.ID == uuid.Nil {
		c.problem(KindAttempt, key, "has no ID")
		ok = false
	} else if !bytes.Equal(key, attemptKey(&a)) {
		c.problem(KindAttempt, key, fmt.Sprintf("holds attempt %s finished %s, which belongs under another key",
			a.ID, a.FinishedAt.UTC().Format(time.RFC3339Nano)))
		ok = false
	}
	if what := promptProblem(&a.Prompt); what != "" {
		c.problem(KindAttempt, key, "its prompt is not known: "+what)
	}
	if err := prep.CheckDiagram(a.Diagram, a.DiagramSnapshots); err != nil {
		c.problem(KindAttempt, key, err.Error())
	}
	ca := checkedAttempt{id: a.ID, ok: ok, derived: map[string][]byte{}}
	for _, d := range derivedKinds {
		ca.derived[d.kind] = d.value(&a)
	}
	c.attempts[string(key)] = ca
	if ok {
		c.byID[a.ID] = append(c.byID[a.ID], bytes.Clone(key))
	}
}

// promptProblem says what is missing from an attempt's snapshot of its prompt, or "".
func promptProblem(p *prep.Prompt) string {
	var missing []string
	if p.ID == "" {
		missing = append(missing, "ID")
	}
	if p.Title == "" {
		missing = append(missing, "title")
	}
	if len(p.Rubric) == 0 {
		missing = append(missing, "rubric")
	} else {
		for i, cr := range p.Rubric {
			if cr.Name == "" {
				missing = append(missing, fmt.Sprintf("the name of rubric criterion %d", i+1))
			}
		}
	}
	if len(missing) == 0 {
		return ""
	}
	return "the snapshot of its prompt has no " + strings.Join(missing, ", ")
}

// checkRecord is Check's check of one stored record of kind d (its row in recordKinds).
func (d derivedKind) checkRecord(c *checker, key, value []byte) {
	kind := d.kind
	if len(key) != len(d.prefix)+8+16 {
		c.fixable(kind, key, "the key is not "+string(d.prefix)+" and a 24-byte time and ID", "moving it to damaged/ (bytes kept)",
			fix{op: fixMoveAside, key: bytes.Clone(key), expect: value})
		return
	}
	if err := d.check(value); err != nil {
		c.damaged(kind, key, value, err)
		return
	}
	if c.derived[kind] == nil {
		c.derived[kind] = map[string]bool{}
	}
	c.derived[kind][string(key)] = true
	c.derivedAt[kind] = append(c.derivedAt[kind], indexEntry{key: key, value: value})
}

// checkDerived compares the records of one derived kind with the attempts, once both are read.
func (c *checker) checkDerived(d derivedKind) {
	for _, e := range c.derivedAt[d.kind] {
		ak := string(attemptKind.like(d.recordKind, e.key))
		a, exists := c.attempts[ak]
		switch {
		case exists && a.ok:
			if want := a.derived[d.kind]; !bytes.Equal(e.value, want) {
				c.fixable(d.kind, e.key, "does not match its attempt", "rebuilding it from its attempt",
					fix{op: fixSet, key: e.key, expect: e.value, value: want, needs: []byte(ak)})
			}
		case exists:
			// The attempt's key is wrong; that is reported with the attempt.
		case c.badAttempt[ak]:
			c.fixable(d.kind, e.key, "its attempt record cannot be read", "moving it to damaged/ beside its attempt (bytes kept)",
				fix{op: fixMoveAside, key: e.key, expect: e.value})
		default:
			c.fixable(d.kind, e.key, "has no attempt", "moving it to damaged/ (bytes kept)",
				fix{op: fixMoveAside, key: e.key, expect: e.value})
		}
	}
	for _, ak := range slices.Sorted(maps.Keys(c.attempts)) {
		a := c.attempts[ak]
		dk := d.key([]byte(ak))
		if !a.ok || c.derived[d.kind][string(dk)] {
			continue
		}
		c.fixable(KindAttempt, []byte(ak), fmt.Sprintf("has no %s record (it is missing from %s)", d.kind, d.usedBy), "rebuilding its "+d.kind,
			fix{op: fixSet, key: dk, expect: nil, value: a.derived[d.kind], needs: []byte(ak)})
	}
}

func (c *checker) checkIndexEntry(key, value []byte) {
	if len(key) != len(attemptIDKind.prefix)+16 {
		c.fixable(KindAttemptID, key, "the key is not attempt-id/ and a 16-byte ID", "moving it to damaged/ (bytes kept)",
			fix{op: fixMoveAside, key: bytes.Clone(key), expect: value})
		return
	}
	id, _ := uuid.FromBytes(attemptIDKind.suffix(key))
	c.index[id] = indexEntry{key: key, value: value}
	c.indexOrder = append(c.indexOrder, id)
}

// checkIndex compares the attempt-id index with the attempts, once both are read.
func (c *checker) checkIndex() {
	for _, id := range c.indexOrder {
		e := c.index[id]
		if a, ok := c.attempts[string(e.value)]; ok && a.ok && a.id == id {
			continue
		}
		a, exists := c.attempts[string(e.value)]
		var what string
		switch {
		case exists && a.id == id:
			continue // the attempt's own key is wrong, and is reported with it; the lookup works
		case c.badAttempt[string(e.value)]:
			what = fmt.Sprintf("points at %s, which cannot be read", DisplayKey(e.value))
		case exists:
			what = fmt.Sprintf("points at %s, which holds attempt %s", DisplayKey(e.value), a.id)
		default:
			what = fmt.Sprintf("points at %s, which does not exist", DisplayKey(e.value))
		}
		if keys := c.byID[id]; len(keys) == 1 {
			c.fixable(KindAttemptID, e.key, what, "pointing it at "+DisplayKey(keys[0]),
				fix{op: fixSet, key: e.key, expect: e.value, value: keys[0], needs: keys[0]})
		} else if len(keys) == 0 {
			c.fixable(KindAttemptID, e.key, what+"; no attempt has this ID", "deleting this index entry (nothing is lost: the index is derived from the attempts)",
				fix{op: fixDelete, key: e.key, expect: e.value})
		} else {
			c.problem(KindAttemptID, e.key, what+fmt.Sprintf("; %d attempts have this ID", len(keys)))
		}
	}
	// Attempts missing from the index, in key order (the attempts map has none).
	for _, p := range slices.Sorted(maps.Keys(c.attempts)) {
		a := c.attempts[p]
		if !a.ok {
			continue
		}
		keys := c.byID[a.id]
		if len(keys) > 1 {
			if string(keys[0]) == p {
				c.problem(KindAttempt, []byte(p), fmt.Sprintf("%d attempt records have ID %s", len(keys), a.id))
			}
			continue
		}
		if _, ok := c.index[a.id]; ok {
			continue
		}
		c.fixable(KindAttempt, []byte(p), "has no attempt-id index entry", "adding its index entry",
			fix{op: fixSet, key: attemptIDKey(a.id), expect: nil, value: []byte(p), needs: []byte(p)})
	}
}

func (c *checker) report() Report {
	var r Report
	for _, k := range recordKinds {
		r.Counts = append(r.Counts, KindCount{Kind: k.kind, Records: c.counts[k.kind]})
	}
	// Problems grouped by kind in key-layout order, in the order found within a kind; fixes refer
	// to problems by index, so renumber them.
	order := make([]int, 0, len(c.problems))
	for _, k := range recordKinds {
		for i, p := range c.problems {
			if p.Kind == k.kind {
				order = append(order, i)
			}
		}
	}
	newIndex := make([]int, len(c.problems))
	for to, from := range order {
		r.Problems = append(r.Problems, c.problems[from])
		newIndex[from] = to
	}
	for i := range c.fixes {
		c.fixes[i].problem = newIndex[c.fixes[i].problem]
	}
	return r
}

// apply makes one repair inside txn, if the record still holds what the check saw. It reports
// whether it made it.
func (f fix) apply(txn *badger.Txn, moved time.Time) (bool, error) {
	var current []byte
	item, err := txn.Get(f.key)
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
	case err != nil:
		return false, err
	default:
		if current, err = item.ValueCopy(nil); err != nil {
			return false, err
		}
		if current == nil {
			current = []byte{}
		}
	}
	if (current == nil) != (f.expect == nil) || !bytes.Equal(current, f.expect) {
		return false, nil // changed since the check read it
	}
	switch f.op {
	case fixMoveAside:
		if err := txn.Set(damagedKey(moved, f.key), current); err != nil {
			return false, err
		}
		return true, txn.Delete(f.key)
	case fixSet:
		if _, err := txn.Get(f.needs); err != nil {
			if errors.Is(err, badger.ErrKeyNotFound) {
				return false, nil // the attempt went away
			}
			return false, err
		}
		return true, txn.Set(f.key, f.value)
	case fixDelete:
		return true, txn.Delete(f.key)
	}
	return false, nil
}

// KindTable is a Problem with one of the store's table files, not with a record.
const KindTable = "table"

// verifyTables verifies the checksum of every block of every table the store's MANIFEST lists,
// reading the files themselves: the damage that the open-time check of unchanged tables
// (damage.go) leaves to Badger's reads. (Badger's own DB.VerifyChecksum dereferences a nil block on
// the first bad one when blocks are verified as they are read.) A table that compaction removes
// meanwhile is skipped; its records were verified as they were read into the tables replacing it.
func (s *Store) verifyTables() (Problem, bool) {
	mf, _, _, err := readManifest(s.dir)
	if err != nil {
		return Problem{Kind: KindTable, Key: []byte(manifestName), What: fmt.Sprintf("cannot be read (%v)", err)}, false
	}
	ids := slices.Sorted(maps.Keys(mf.Tables))
	err = checkTables(s.dir, s.enc, mf, ids, true)
	if de := (*DamageError)(nil); errors.As(err, &de) {
		return Problem{Kind: KindTable, Key: []byte(de.File), What: de.What}, false
	}
	if err != nil {
		return Problem{Kind: KindTable, What: err.Error()}, false
	}
	return Problem{}, true
}
