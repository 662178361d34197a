package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Appearance preferences: how the window looks, read with fallbacks.
const (
	prefTheme     = "appearance.theme" // "system", "light" or "dark"
	prefTextScale = "appearance.text_scale"
)

// Theme choices, as stored and as shown.
var themeChoices = []string{"System", "Light", "Dark"}

// Text sizes offered, as a scale on the default theme's sizes.
var textScales = []struct {
	label string
	scale float64
}{{"Small", 0.9}, {"Normal", 1}, {"Large", 1.15}, {"Larger", 1.3}}

// appTheme is the default Fyne theme with two overrides the user can set: a fixed light or dark
// variant instead of the system's, and a larger or smaller text size. Everything else is the default.
type appTheme struct {
	variant *fyne.ThemeVariant // nil follows the system
	scale   float32
}

func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.variant != nil {
		v = *t.variant
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t appTheme) Font(s fyne.TextStyle) fyne.Resource     { return theme.DefaultTheme().Font(s) }
func (t appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// sizeNameTitle is the size of a screen's title (an attempt's prompt): above the headings of the
// cards beneath it, which are the theme's heading size.
const sizeNameTitle fyne.ThemeSizeName = "panelprep-title"

func (t appTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == sizeNameTitle {
		return theme.DefaultTheme().Size(theme.SizeNameHeadingText) * 1.3 * t.scale
	}
	s := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameCaptionText, theme.SizeNameInlineIcon:
		return s * t.scale
	}
	return s
}

// themeFromPrefs builds the theme the preferences ask for.
func themeFromPrefs(p fyne.Preferences) appTheme {
	t := appTheme{scale: float32(p.FloatWithFallback(prefTextScale, 1))}
	switch p.StringWithFallback(prefTheme, "System") {
	case "Light":
		v := theme.VariantLight
		t.variant = &v
	case "Dark":
		v := theme.VariantDark
		t.variant = &v
	}
	if t.scale < 0.5 || t.scale > 2 {
		t.scale = 1
	}
	return t
}

// applyTheme sets the theme from the preferences.
func (u *UI) applyTheme() { applyTheme(u.app) }

func applyTheme(app fyne.App) { app.Settings().SetTheme(themeFromPrefs(app.Preferences())) }
