package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bannerKind says how loud a banner is, and so its colour and icon.
type bannerKind int

const (
	bannerWarning  bannerKind = iota // time running short
	bannerUrgent                     // time run out
	bannerQuestion                   // a panel member asks something
	bannerInfo                       // something the app did that the user should know of
)

// banner is a cue the candidate must not miss mid-sentence: a tinted card with a coloured bar, a
// large icon, a bold title and the message, closed with its × button. The tint is the theme's
// warning, error or primary colour over the background, and the text keeps the theme's foreground
// colour, so it reads in the light and the dark theme alike (one line of orange text was missed).
type banner struct {
	widget.BaseWidget
	kind    bannerKind
	title   *widget.Label
	message *widget.Label
	icon    *widget.Icon
	bg, bar *canvas.Rectangle
	close   *widget.Button
}

func newBanner() *banner {
	b := &banner{
		title:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		message: widget.NewLabel(""),
		icon:    widget.NewIcon(nil),
		bg:      canvas.NewRectangle(color.Transparent),
		bar:     canvas.NewRectangle(color.Transparent),
	}
	b.title.SizeName = theme.SizeNameSubHeadingText
	b.message.Wrapping = fyne.TextWrapWord
	b.bg.CornerRadius = theme.InputRadiusSize()
	b.bar.SetMinSize(fyne.NewSize(6, 0))
	b.close = widget.NewButtonWithIcon("", theme.CancelIcon(), b.Hide)
	b.close.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	b.Hide()
	return b
}

// show puts a cue in the banner and shows it.
func (b *banner) show(kind bannerKind, title, message string) {
	b.kind = kind
	b.title.SetText(title)
	b.message.SetText(message)
	b.Show()
	b.Refresh()
}

func (b *banner) colorName() fyne.ThemeColorName {
	switch b.kind {
	case bannerUrgent:
		return theme.ColorNameError
	case bannerQuestion, bannerInfo:
		return theme.ColorNamePrimary
	}
	return theme.ColorNameWarning
}

func (b *banner) iconResource() fyne.Resource {
	switch b.kind {
	case bannerUrgent:
		return theme.NewErrorThemedResource(theme.WarningIcon())
	case bannerQuestion:
		return theme.NewPrimaryThemedResource(theme.QuestionIcon())
	case bannerInfo:
		return theme.NewPrimaryThemedResource(theme.InfoIcon())
	}
	return theme.NewWarningThemedResource(theme.HistoryIcon())
}

// Refresh takes the colours from the theme now, so a theme change recolours the banner.
func (b *banner) Refresh() {
	b.applyTheme()
	b.BaseWidget.Refresh()
}

func (b *banner) applyTheme() {
	c := theme.Color(b.colorName())
	r, g, bl, _ := c.RGBA()
	b.bg.FillColor = color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: 0x38}
	b.bar.FillColor = c
	b.icon.Resource = b.iconResource()
}

func (b *banner) CreateRenderer() fyne.WidgetRenderer {
	b.applyTheme()
	icon := container.NewGridWrap(fyne.NewSquareSize(2*theme.IconInlineSize()), b.icon)
	body := container.NewBorder(nil, nil, container.NewCenter(icon), container.NewVBox(b.close),
		container.NewVBox(b.title, b.message))
	return widget.NewSimpleRenderer(container.NewStack(b.bg,
		container.NewBorder(nil, nil, b.bar, nil, container.NewPadded(body))))
}
