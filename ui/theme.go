package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

// hintTheme is the app's theme with one colour changed: the one low-importance labels are drawn
// in (theme.ColorNameDisabled). That colour is for switched-off controls: #e3e3e3 on the light
// theme's white is a contrast of 1.3:1, #39393a on the dark background 1.6:1, and the labels that
// used it carry text a user must read ("All changes saved", the whiteboard's hints, the notes of
// the reference figures). Labels are wrapped in it (readable), never controls, so a disabled
// button keeps its faint look.
type hintTheme struct{}

func (hintTheme) app() fyne.Theme {
	if a := fyne.CurrentApp(); a != nil && a.Settings().Theme() != nil {
		return a.Settings().Theme()
	}
	return theme.DefaultTheme()
}

func (h hintTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	th := h.app()
	if n != theme.ColorNameDisabled {
		return th.Color(n, v)
	}
	return hintColour(th.Color(theme.ColorNameBackground, v))
}

func (h hintTheme) Font(s fyne.TextStyle) fyne.Resource     { return h.app().Font(s) }
func (h hintTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return h.app().Icon(n) }
func (h hintTheme) Size(n fyne.ThemeSizeName) float32       { return h.app().Size(n) }

// hintColour is secondary text on bg: grey, lighter than the text beside it on a light background
// and darker on a dark one, and at least 4.5:1 against either (WCAG AA for body text): 5.4:1 on
// white, 7.9:1 on Fyne's dark background.
func hintColour(bg color.Color) color.Color {
	if contrast(bg, color.Black) > contrast(bg, color.White) { // a light background
		return color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff}
	}
	return color.NRGBA{R: 0xa8, G: 0xa8, B: 0xa8, A: 0xff}
}

// readable draws a low-importance label (or whatever holds some) in hintColour.
func readable(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewThemeOverride(o, hintTheme{})
}
