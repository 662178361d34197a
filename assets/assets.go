// Package assets holds what PanelPrep ships inside its binary: the bundled practice sets and the
// app icon.
package assets

import "embed"

// Sets holds the bundled practice-set files, one TOML file per set (format: docs/practice-sets.md).
//
//go:embed sets/*.toml
var Sets embed.FS
