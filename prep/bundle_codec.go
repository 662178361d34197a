package prep

// Encoding and decoding a bundle file: the strict checks of the JSON (internal/strictjson), the
// wire values turned into a Bundle (bundle_wire.go), and its content validated (bundle_check.go).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/panelprep/panelprep/prep/internal/strictjson"
)

// EncodeBundle writes b as an indented JSON bundle of the current format version. It refuses a
// bundle that would not decode.
func EncodeBundle(w io.Writer, b Bundle) error {
	if problems := b.Validate(); len(problems) > 0 {
		return &BundleError{Problems: problems}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // the file is data, not HTML; reports escape for their own context
	if err := enc.Encode(toWire(&b)); err != nil {
		return fmt.Errorf("writing the bundle: %w", err)
	}
	return nil
}

// DecodeBundle reads and checks a bundle in full. maxBytes caps its size (MaxBundleSize when 0 or
// less). Any problem returns an error and no bundle: a *BundleError listing every problem with its
// JSON path, or an error wrapping ErrNotBundle, ErrNewerBundle or ErrBundleTooBig.
func DecodeBundle(r io.Reader, maxBytes int64) (*Bundle, error) {
	if maxBytes <= 0 {
		maxBytes = MaxBundleSize
	}
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the bundle: %w", err)
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("%w: it is over %d bytes, the most PanelPrep reads; export fewer attempts (by prompt or date)", ErrBundleTooBig, maxBytes)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &BundleError{Problems: []Problem{{Path: "file", Message: "is empty"}}}
	}
	if !utf8.Valid(data) {
		off := firstInvalidUTF8(data)
		return nil, &BundleError{Problems: []Problem{{Path: "file", Message: fmt.Sprintf("is not valid UTF-8 text (byte %d, %s)", off, strictjson.LineCol(data, int64(off)))}}}
	}
	if walked := strictjson.Check[bundleJSON](data, "bundle"); len(walked) > 0 {
		if err := checkHead(data); err != nil {
			return nil, err
		}
		return nil, &BundleError{Problems: convert(walked, func(p strictjson.Problem) Problem { return Problem(p) })}
	}
	// The walk proved the document has exactly the shape of bundleJSON; the decoder now only fills
	// it in. DisallowUnknownFields stays on in case the two ever disagree.
	var wire bundleJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&wire); err != nil {
		return nil, &BundleError{Problems: []Problem{{Path: "file", Message: err.Error()}}}
	}
	b, problems := fromWire(&wire)
	if len(problems) > 0 {
		if err := checkHead(data); err != nil {
			return nil, err
		}
		return nil, &BundleError{Problems: problems}
	}
	return b, nil
}

// checkHead reads format and version leniently, once a bundle has failed the strict checks, so
// that a newer bundle (which may have fields this version does not know) is refused for its
// version, and a file that is some other JSON is called that, rather than listed field by field.
func checkHead(data []byte) error {
	var head struct {
		Format  *string      `json:"format"`
		Version *json.Number `json:"version"`
	}
	if json.Unmarshal(data, &head) != nil {
		return nil // not an object of the right shape: the strict walk says exactly what is wrong
	}
	if head.Format == nil || *head.Format != BundleFormat {
		got := "no format field"
		if head.Format != nil {
			got = fmt.Sprintf("format %q", *head.Format)
		}
		return fmt.Errorf("%w: it has %s; a bundle starts {\"format\": %q, ...}", ErrNotBundle, got, BundleFormat)
	}
	if head.Version != nil {
		if v, err := strconv.ParseInt(head.Version.String(), 10, 64); err == nil && v > BundleVersion {
			return &newerBundleError{version: v}
		}
	}
	return nil
}
