// Package assets holds what PanelPrep ships inside its binary: the competency model, the bundled
// practice sets and the app icon.
package assets

import "embed"

// Sets holds the bundled practice-set files, one TOML file per set, at its root the competency
// model their criteria name, competencies.toml (format: docs/practice-sets.md), and the shipped
// loop files in loops/ (docs/loop-files.md).
//
//go:embed sets/*.toml competencies.toml loops/*.toml
var Sets embed.FS

// Bank is Sets (the model, the sets and the loop shapes) parsed ahead of time (prep.DecodeBank), so a launch does not parse TOML.
//
//go:generate go run ../prep/internal/genbank bank.gob
//go:embed bank.gob
var Bank []byte

// WindowIcon is the app icon at 128 by 128 pixels, for the window and the taskbar: the installers
// take the full-size icon.png from FyneApp.toml, but decoding 512 by 512 pixels at every launch
// would cost milliseconds for nothing a taskbar shows.
//
//go:embed icon-128.png
var WindowIcon []byte
