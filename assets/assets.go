// Package assets holds what PanelPrep ships inside its binary: the bundled practice sets and the
// app icon.
package assets

import "embed"

// Sets holds the bundled practice-set files, one TOML file per set (format: docs/practice-sets.md).
//
//go:embed sets/*.toml
var Sets embed.FS

// Bank is Sets parsed ahead of time (prep.DecodeBank), so a launch does not parse TOML.
//
//go:generate go run ../prep/internal/genbank bank.gob
//go:embed bank.gob
var Bank []byte
