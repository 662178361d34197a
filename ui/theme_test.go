package ui

import (
	"testing"

	"fyne.io/fyne/v2/theme"
)

func TestThemeOverridesOnlyVariantAndTextSize(t *testing.T) {
	a := testApp(t)
	p := a.Preferences()
	p.SetString(prefTheme, "Dark")
	p.SetFloat(prefTextScale, 1.3)
	th := themeFromPrefs(p)
	def := theme.DefaultTheme()
	if th.Color(theme.ColorNameBackground, theme.VariantLight) != def.Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Error("a Dark choice does not give the dark background under a light system")
	}
	if got, want := th.Size(theme.SizeNameText), def.Size(theme.SizeNameText)*1.3; got != want {
		t.Errorf("text size %v, want %v", got, want)
	}
	if th.Size(theme.SizeNamePadding) != def.Size(theme.SizeNamePadding) {
		t.Error("padding changed: the theme should override only text sizes")
	}
	p.SetString(prefTheme, "System")
	p.SetFloat(prefTextScale, 99) // nonsense falls back to normal
	th = themeFromPrefs(p)
	if th.Color(theme.ColorNameBackground, theme.VariantLight) != def.Color(theme.ColorNameBackground, theme.VariantLight) ||
		th.Size(theme.SizeNameText) != def.Size(theme.SizeNameText) {
		t.Error("System with a bad scale should be the default theme")
	}
}
