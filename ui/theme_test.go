package ui

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
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

// lowLabelColours returns the colour of every text drawn by a low-importance label under root.
func lowLabelColours(root fyne.CanvasObject) map[string]color.Color {
	out := map[string]color.Color{}
	walkObjects(root, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.LowImportance && strings.TrimSpace(l.Text) != "" {
			walkObjects(l, func(o fyne.CanvasObject) bool {
				if t, ok := o.(*canvas.Text); ok && strings.TrimSpace(t.Text) != "" {
					out[t.Text] = t.Color
				}
				return true
			})
		}
		return true
	})
	return out
}

// The low-importance labels carry text a user must read (the save status, the whiteboard's hint,
// the reference figures' notes). They were drawn in the theme's colour for switched-off controls,
// 1.3:1 on the light theme's white; every one must reach 4.5:1 on the background, in both themes.
func TestLowImportanceLabelsAreReadable(t *testing.T) {
	for _, variant := range []string{"Light", "Dark"} {
		t.Run(variant, func(t *testing.T) {
			h := newHarness(t)
			h.ui.app.Preferences().SetString(prefTheme, variant)
			h.ui.applyTheme()
			h.startPrompt(firstPrompt(h, prep.SystemsDesign).Title)
			r := h.round()
			r.refresh()
			th := fyne.CurrentApp().Settings().Theme()
			v := fyne.CurrentApp().Settings().ThemeVariant()
			check := func(where string, root fyne.CanvasObject, bg color.Color) {
				t.Helper()
				texts := lowLabelColours(root)
				if len(texts) == 0 {
					t.Fatalf("%s: no low-importance label to check", where)
				}
				for text, c := range texts {
					if got := contrast(c, bg); got < 4.5 {
						t.Errorf("%s: %q is drawn at a contrast of %.1f:1 on the background, want 4.5:1", where, text, got)
					}
				}
			}
			check("the round screen", h.ui.win.Content(), th.Color(theme.ColorNameBackground, v))
			r.bench.focusSheet()
			r.bench.sheet.showCard()
			check("the reference figures", h.ui.win.Canvas().Overlays().Top(), th.Color(theme.ColorNameOverlayBackground, v))
		})
	}
}
