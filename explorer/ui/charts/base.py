"""What every chart shares: title, plot, legend, notes, state binding and exports.

A chart is a QWidget holding a title label, a pyqtgraph plot with a legend column beside
it, and a note label under it (missing data, other years). Exports render the whole widget,
so what an advocate pastes into a slide says the same as the screen.

State changes are queued by field and applied when the chart is visible (or when its data
or an export is asked for), so hidden tabs cost nothing when the focus moves.
"""

from __future__ import annotations

import html
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QRegion
from PySide6.QtWidgets import QGraphicsView, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol

from ...state import ExplorerState
from ...views.charts import ChartData
from .. import palette

# Font sizes at the window's normal text size (BASE_PT); "Larger text" scales them all
# through Chart.rescale, so charts stay larger than the window's text.
BASE_PT = 12.0
TICK_PT = 12
LABEL_PT = 14
LEGEND_PT = 13
TITLE_PT = 18
TITLE_MAX_PT = 30
NOTE_PT = 13
LINE_W = 3
FOCUS_W = 6
LEGEND_RIGHT_PX = 1000  # narrower canvases put the legend under the plot, in columns

pg.setConfigOptions(antialias=True, background=palette.BACKGROUND, foreground=palette.TEXT)


def font(pt: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSize(pt)
    f.setBold(bold)
    return f


def pen(colour: str, width: float = LINE_W, style=Qt.PenStyle.SolidLine, dash=None):
    """A pen; ``dash`` is a pattern in pixels (see palette.DASHES), the same at any width."""
    p = pg.mkPen(colour, width=width)
    p.setStyle(style)
    if dash:
        p.setCapStyle(Qt.PenCapStyle.FlatCap)  # square caps would eat the gaps
        p.setDashPattern([d / max(width, 1.0) for d in dash])  # Qt counts in line widths
    return p


class LevelAxis(pg.AxisItem):
    """An axis that names ordinal levels at their codes, and labels only values inside
    ``bounds`` when set (the ranking keeps headroom for its label, not a scale value)."""

    bounds: tuple[float, float] | None = None
    levels: tuple[str, ...] = ()

    def tickValues(self, minVal, maxVal, size):  # noqa: N802,N803 (pyqtgraph names)
        if self.levels:
            return [(1.0, [float(i) for i in range(len(self.levels))])]
        ticks = super().tickValues(minVal, maxVal, size)
        if self.bounds is None:
            return ticks
        lo, hi = self.bounds
        eps = 1e-9 * ((hi - lo) or 1)
        return [(spacing, [v for v in values if lo - eps <= v <= hi + eps]) for spacing, values in ticks]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph name)
        if self.levels:
            return [self.levels[int(v)] if 0 <= int(v) < len(self.levels) else "" for v in values]
        return super().tickStrings(values, scale, spacing)

    def fit_label(self, length: float) -> bool:
        """Wrap the axis title onto more lines, centred, when it is longer than the axis
        (pyqtgraph would centre one long line and cut both ends). True if it changed."""
        label = self.label
        if label is None or not label.isVisible():
            return False
        room = max(80.0, length - 8)
        label.setTextWidth(-1)
        wrap = label.boundingRect().width() > room
        old = label.textWidth()
        label.setTextWidth(room if wrap else -1)
        if wrap:
            opt = label.document().defaultTextOption()
            opt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.document().setDefaultTextOption(opt)
        changed = abs(label.textWidth() - old) > 1
        if self.orientation in ("left", "right"):
            self._updateWidth()
        else:
            self._updateHeight()
        self.resizeEvent()
        return changed

    # pyqtgraph reserves 0.8 of the label's height, which cuts a wrapped label's last line.
    def _updateHeight(self):  # noqa: N802 (pyqtgraph name)
        super()._updateHeight()
        if self.fixedHeight is None and self.isVisible() and self.label.isVisible():
            h = self.maximumHeight() + 0.25 * self.label.boundingRect().height()
            self.setMaximumHeight(h)
            self.setMinimumHeight(h)

    def _updateWidth(self):  # noqa: N802 (pyqtgraph name)
        super()._updateWidth()
        if self.fixedWidth is None and self.isVisible() and self.label.isVisible():
            w = self.maximumWidth() + 0.25 * self.label.boundingRect().height()
            self.setMaximumWidth(w)
            self.setMinimumWidth(w)


def fmt(v: float, levels: tuple[str, ...] = ()) -> str:
    """A raw value as people read it: a level's name, or a number."""
    if levels and float(v).is_integer() and 0 <= int(v) < len(levels):
        return levels[int(v)]
    return f"{v:.3g}" if abs(v) < 1000 else f"{v:,.0f}"


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


class Chart(QWidget):
    """Base of the four charts. Subclasses set TITLE, WATCH and implement ``redraw``."""

    TITLE = ""
    WATCH: frozenset[str] = frozenset()

    def __init__(self, data: ChartData, state: ExplorerState, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data
        self.state = state
        self._pending: set[str] = {"all"}
        self._plotted = None  # a pandas frame, built when asked for (see plotted)
        self._sources: list[str] = []  # indicators behind the plotted data, for the citation
        self.zoom = 1.0  # text size factor ("Larger text"), see rescale
        self._axis_text: dict[str, str] = {}
        self._legend_below: bool | None = None

        self.title = QLabel(self)
        self.title.setFont(font(self.pt(TITLE_PT), bold=True))
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.canvas = pg.GraphicsLayoutWidget(self)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.plot: pg.PlotItem = self.canvas.addPlot(
            row=0, col=0, axisItems={"left": LevelAxis("left"), "bottom": LevelAxis("bottom")})
        self.legend = pg.LegendItem(labelTextSize=f"{LEGEND_PT}pt", labelTextColor=palette.TEXT,
                                    verSpacing=-4, frame=False, sampleType=SwatchSample)
        self.legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.canvas.addItem(self.legend, row=0, col=1)
        self.canvas.ci.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.note = QLabel(self)
        self.note.setFont(font(self.pt(NOTE_PT)))
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        # "No data for 2025": the year never moves by itself; this offers the nearest year.
        self.offer = QPushButton(self)
        self.offer.setObjectName("nearest_year")
        self.offer.hide()
        self.offer.clicked.connect(lambda: self._offered is not None and self.state.set_year(self._offered))
        self._offered: int | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.addWidget(self.title)
        lay.addWidget(self.canvas, 1)
        lay.addWidget(self.note)
        lay.addWidget(self.offer, 0, Qt.AlignmentFlag.AlignLeft)
        self.style_axes()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.getViewBox().sigResized.connect(self._fit_axis_labels)
        self._unsubscribe = state.subscribe(self._on_state)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def year_or_offer(self, indicator: str) -> int | None:
        """The state's year when ``indicator`` has data then (rule ``Exact``); otherwise None,
        after saying so in the note and offering the nearest year with data."""
        year, nearest = self.data.exact_year(indicator, self.state.year)
        self._offered = nearest if year is None else None
        if year is None:
            short = self.data.info(indicator).short
            if nearest is None:
                self._clear(f"{short} has no data.")
            else:
                self._clear(f"{short} has no data for {self.state.year}. The nearest year with data is {nearest}.")
                self.offer.setText(f"Show {nearest}")
        self.offer.setVisible(year is None and nearest is not None)
        return year

    def pt(self, size: float) -> int:
        """A font size of the chart's design scaled to the current text size."""
        return max(1, round(size * self.zoom))

    def style_axes(self) -> None:
        for side in ("left", "bottom"):
            ax = self.plot.getAxis(side)
            ax.setTickFont(font(self.pt(TICK_PT)))
            ax.setPen(pen(palette.TEXT, 1.5))
            ax.setTextPen(palette.TEXT)

    # ---- state binding -----------------------------------------------------------------
    def _on_state(self, field: str) -> None:
        if field in self.WATCH:
            self._pending.add(field)
            if self.isVisible():
                self.flush()

    def flush(self) -> None:
        """Apply the queued state changes."""
        if self._pending:
            changed, self._pending = self._pending, set()
            self.redraw(changed)
            self._add_readings()

    def _add_readings(self) -> None:
        """Caveats that change how the plotted values read (AIGS, #KeepItOn zeros, UNCTAD law on
        paper, Comparitech China) go under the chart, not only into a side panel; several
        sources (the profile) get one line naming them."""
        from ...views.captions import MAX_READINGS, condensed_readings
        from ...views.readings import readings_for
        texts = readings_for(self.data.panel, self._sources)
        if len(texts) > MAX_READINGS:
            texts = [condensed_readings(self.data.panel, self._sources)]
        note = self.note.text()
        extra = [t for t in texts if t not in note]
        if extra:
            self.note.setText("\n".join([note, *extra] if note else extra))

    def showEvent(self, event):  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.flush()

    def redraw(self, changed: set[str]) -> None:
        raise NotImplementedError

    # ---- helpers for subclasses ---------------------------------------------------------
    def set_levels(self, side: str, levels: tuple[str, ...]) -> None:
        """Name ordinal levels on an axis (or plain numbers when ``levels`` is empty)."""
        ax = self.plot.getAxis(side)
        ax.setTicks(None)
        ax.levels = tuple(levels)
        if side == "left":
            # pyqtgraph widens an axis only after a paint drops labels that did not fit.
            widest = max((QFontMetrics(font(self.pt(TICK_PT))).horizontalAdvance(lv) for lv in levels),
                         default=0)
            ax.setWidth(widest + 60 if levels else None)
        ax.picture = None
        ax.update()

    def set_axis_label(self, side: str, text: str) -> None:
        """An axis title; one longer than the axis wraps onto a second line (see fit_label)."""
        if self._axis_text.get(side) == text and self.plot.getAxis(side).labelText == html.escape(text):
            return  # unchanged: re-laying out the axis costs a redraw
        self._axis_text[side] = text
        size = self.pt(LABEL_PT if len(text) <= 60 else TICK_PT)  # long unit names stay readable
        self.plot.setLabel(side, html.escape(text), **{"font-size": f"{size}pt", "color": palette.TEXT})
        if not text:
            self.plot.getAxis(side).showLabel(False)
        self._fit_axis_labels()

    def _fit_axis_labels(self, *_) -> None:
        vb = self.plot.getViewBox()
        for side, length in (("bottom", vb.width()), ("left", vb.height())):
            if length > 0 and self._axis_text.get(side):
                self.plot.getAxis(side).fit_label(length)

    # ---- layout: legend beside or under the plot, text size ----------------------------------
    def resizeEvent(self, event):  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.place_legend()

    def place_legend(self) -> None:
        """Legend right of the plot on a wide canvas; under it, in columns, on a narrow one
        (the main window's centre), so the plot keeps a useful width."""
        below = self.width() < LEGEND_RIGHT_PX * self.zoom
        if below == self._legend_below:
            return
        self._legend_below = below
        lay = self.canvas.ci.layout
        self.canvas.ci.removeItem(self.legend)
        if below:
            self.canvas.addItem(self.legend, row=1, col=0)
            self.legend.setColumnCount(2)
            lay.setColumnStretchFactor(1, 0)
        else:
            self.canvas.addItem(self.legend, row=0, col=1)
            self.legend.setColumnCount(1)
            lay.setColumnStretchFactor(0, 4)
            lay.setColumnStretchFactor(1, 1)
        lay.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

    def rescale(self, base: QFont) -> None:
        """Follow the window's text size (View > Larger text): every chart text scales with
        the base font, keeping its design size relative to it."""
        zoom = base.pointSizeF() / BASE_PT
        if abs(zoom - self.zoom) < 1e-3:
            return
        self.zoom = zoom
        # titles grow with the text up to TITLE_MAX_PT: beyond it a two-line title took the
        # plot's height at the largest text size, and 30 pt still reads across a room
        self.title.setFont(font(min(self.pt(TITLE_PT), TITLE_MAX_PT), bold=True))
        self.note.setFont(font(self.pt(NOTE_PT)))
        self.style_axes()
        self.legend.opts["labelTextSize"] = f"{self.pt(LEGEND_PT)}pt"
        for _, label in self.legend.items:
            label.setAttr("size", f"{self.pt(LEGEND_PT)}pt")
            label.setText(label.text)
        texts, self._axis_text = self._axis_text, {}
        for side, text in texts.items():
            self.set_axis_label(side, text)
        self.rescale_items()
        self._legend_below = None
        self.place_legend()
        self._pending.add("all")
        if self.isVisible():
            self.flush()

    def rescale_items(self) -> None:
        """Subclasses rescale their own text items here."""

    def clear_legend(self) -> None:
        self.legend.clear()

    def add_legend(self, swatch: Swatch, text: str) -> None:
        self.legend.addItem(swatch, html.escape(text))

    def set_legend(self, entries: list[tuple[Swatch, str]]) -> None:
        fill_legend(self.legend, entries)

    def legend_texts(self) -> list[str]:
        """The legend as shown, top to bottom (for tests and screen readers)."""
        return [html.unescape(label.text) for _, label in self.legend.items]

    def slot_swatch(self, slot: int | None, line: bool = False, focused: bool = False) -> Swatch:
        """The legend look of a country's colour slot (marker, and line if ``line``)."""
        colour = palette.slot_colour(slot)
        return Swatch(colour, palette.slot_symbol(slot),
                      pen(colour, FOCUS_W if focused else LINE_W, dash=palette.slot_dash(slot)) if line else None,
                      size=18 if focused else 14, outline=palette.TEXT if not line else colour)

    # ---- what is plotted, and exports ------------------------------------------------------
    def plotted(self):
        """The data the chart currently shows, one row per plotted mark."""
        self.flush()
        if self._plotted is None:  # built on demand: a focus switch need not pay for it
            self._plotted = self.build_plotted()
        return self._plotted.copy()

    def build_plotted(self):
        """Charts that set ``_plotted = None`` on redraw build the frame here."""
        import pandas as pd
        return pd.DataFrame()

    def citation(self) -> str:
        return self.data.citation(self._sources)

    def export_image(self, path: Path | str, scale: float = 2.0, slide: bool = False) -> Path:
        """Write the chart as a cited PNG or SVG by suffix, atomically: its title naming the
        indicator, countries and year, the reading caveats and the source footer are drawn into
        the image (``ui/exports/slides.py``). ``slide``: a 16:9 1920x1080 image (PNG: times
        ``scale``); otherwise the plot as on screen, PNG at ``scale`` times the screen size."""
        from ..exports import slides
        kind = Path(path).suffix.lower()
        if kind not in (".png", ".svg"):
            raise ValueError(f"cannot export an image as {kind or 'a file without suffix'}: use .png or .svg")
        return slides.export(self, path, slide=slide, scale=scale)

    def copy_image(self, slide: bool = False, scale: float = 2.0):
        """The cited PNG on the clipboard (Ctrl+Shift+C)."""
        from ..exports import slides
        return slides.copy_to_clipboard(self, slide=slide, scale=scale)

    EXPORT_MARGIN = 16

    def _export_parts(self) -> list[QWidget]:
        """Widgets stacked top to bottom in an exported image (the plot at full size, even
        where the screen shows it in a scroll area)."""
        return [self.title, self.canvas, self.note]

    def _export_size(self) -> tuple[int, int]:
        m = self.EXPORT_MARGIN
        parts = [p for p in self._export_parts() if p.isVisibleTo(self) or p is self.canvas]
        w = max(p.width() for p in parts) + 2 * m
        h = sum(p.height() for p in parts) + m * (len(parts) + 1)
        return w, h

    def _paint_export(self, painter: QPainter, vector: bool) -> None:
        """Paint the parts one under another; ends the painter. ``vector`` draws the plot
        scene item by item (SVG) rather than as the widget paints itself."""
        m = self.EXPORT_MARGIN
        y = m
        try:
            for part in self._export_parts():
                if not (part.isVisibleTo(self) or part is self.canvas):
                    continue
                if vector and isinstance(part, QGraphicsView):  # the plot: draw the scene as vectors
                    from ..exports.slides import export_mode
                    vp = part.viewport()
                    with export_mode(part.scene()):
                        part.render(painter, QRectF(m, y, vp.width(), vp.height()),
                                    QRect(0, 0, vp.width(), vp.height()))
                else:
                    QWidget.render(part, painter, QPoint(m, y), QRegion(),
                                   QWidget.RenderFlag.DrawChildren)
                y += part.height() + m
        finally:
            painter.end()

    def export_csv(self, path: Path | str) -> Path:
        """Write the plotted data as CSV with source, edition, data year, provenance, licence and
        citation columns, after comment lines naming the chart, its sources and its caption."""
        from ..exports import slides
        return slides.export(self, Path(path).with_suffix(".csv") if not str(path).lower().endswith(".csv")
                             else path)
