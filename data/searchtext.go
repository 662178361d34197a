package data

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// Search text records (text/<finished BE><uuid>, the attempt's own key suffix) hold what Search
// looks through: the answer, the reflection and the follow-up replies, with the prompt's title and
// the finish time for the hit list. They exist so that opening Search reads only that text rather
// than decoding every whole attempt, its prompt snapshot included (10,000 attempts: about 650 ms
// as JSON). Layout, after a format byte of 1:
//
//	id[16] finished(varint unix nanos) title answer reflection replies (each uvarint length + bytes)
const searchTextFormat = 1

var errShortText = errors.New("search text record is truncated")

func encodeSearchText(d prep.SearchDoc) []byte {
	n := 32
	for _, f := range d.Fields {
		n += len(f) + 4
	}
	b := make([]byte, 0, n+len(d.PromptTitle))
	b = append(b, searchTextFormat)
	b = append(b, d.ID[:]...)
	b = binary.AppendVarint(b, d.FinishedAt.UnixNano())
	b = appendString(b, d.PromptTitle)
	for _, f := range d.Fields {
		b = appendString(b, f)
	}
	return b
}

func decodeSearchText(b []byte) (prep.SearchDoc, error) {
	var d prep.SearchDoc
	if len(b) < 17 || b[0] != searchTextFormat {
		return d, fmt.Errorf("search text record has an unknown format")
	}
	copy(d.ID[:], b[1:17])
	b = b[17:]
	ns, n := binary.Varint(b)
	if n <= 0 {
		return d, errShortText
	}
	b = b[n:]
	d.FinishedAt = time.Unix(0, ns).UTC()
	str := func() (string, error) {
		l, n := binary.Uvarint(b)
		if n <= 0 || uint64(len(b)-n) < l {
			return "", errShortText
		}
		s := string(b[n : n+int(l)])
		b = b[n+int(l):]
		return s, nil
	}
	var err error
	if d.PromptTitle, err = str(); err != nil {
		return d, err
	}
	for i := range d.Fields {
		if d.Fields[i], err = str(); err != nil {
			return d, err
		}
	}
	if len(b) != 0 {
		return d, fmt.Errorf("search text record has %d bytes after its last field", len(b))
	}
	if d.ID == uuid.Nil {
		return d, fmt.Errorf("search text record has no attempt ID")
	}
	return d, nil
}
