"""Legend entries drawn large enough for a projector, and a legend filled by reusing its rows."""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol

class Swatch:
    """What a legend entry shows: a line (pen or None) and/or a marker."""

    def __init__(self, colour: str, symbol: str | None = None, line=None, size: int = 14,
                 outline: str | None = None):
        self.colour, self.symbol, self.line, self.size = colour, symbol, line, size
        self.outline = outline or colour


class SwatchSample(ItemSample):
    """A legend sample large enough for a projector, drawn from a Swatch; clicks do nothing
    (hiding a series from the legend would make exports disagree with the data)."""

    W, H = 44, 26
    LINE_SAMPLE_W = 84  # wide enough to show a whole dash pattern on each side of the marker

    def __init__(self, item):
        super().__init__(item)
        self.W = self.LINE_SAMPLE_W if item.line is not None else SwatchSample.W
        self.setFixedWidth(self.W)
        self.setFixedHeight(self.H)

    def set_swatch(self, swatch) -> None:
        self.item = swatch
        w = self.LINE_SAMPLE_W if swatch.line is not None else SwatchSample.W
        if w != self.W:
            self.prepareGeometryChange()
            self.W = w
            self.setFixedWidth(w)
        self.update()

    def boundingRect(self):
        return QRectF(0, 0, self.W, self.H)

    def paint(self, p, *args):
        sw = self.item
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if sw.line is not None:
            p.setPen(sw.line)
            p.drawLine(QPointF(2, self.H / 2), QPointF(self.W - 2, self.H / 2))
        if sw.symbol:
            p.translate(self.W / 2, self.H / 2)
            drawSymbol(p, sw.symbol, sw.size, pg.mkPen(sw.outline, width=1.5), pg.mkBrush(sw.colour))

    def mouseClickEvent(self, event):  # noqa: N802 (Qt name)
        event.ignore()


def fill_legend(legend, entries: list[tuple[Swatch, str]]) -> None:
    """Show exactly ``entries`` in a legend, reusing its rows: a focus switch or a timeline step
    only retitles rows instead of rebuilding the legend (their time budgets)."""
    items = legend.items
    while len(items) > len(entries):  # rows no longer needed go from the end
        sample, _ = items[-1]
        legend.removeItem(sample.item)
    for (sample, label), (swatch, text) in zip(list(items), entries):
        if vars(sample.item) != vars(swatch):
            sample.set_swatch(swatch)
        text = html.escape(text)
        if label.text != text:
            label.setText(text)
    for swatch, text in entries[len(items):]:  # and new ones are added there
        legend.addItem(swatch, html.escape(text))
