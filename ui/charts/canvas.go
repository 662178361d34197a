package charts

import (
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// vgimgCanvas is a PNG canvas at 144 dpi, twice the points, for sharp text on HiDPI screens.
func vgimgCanvas(w, h vg.Length) *vgimg.PngCanvas {
	return &vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(144))}
}
