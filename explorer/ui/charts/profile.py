"""Profile: the focused country's normalised value (0-100, 100 = least persecution) on every
indicator, against its region's and the world's median of the same data year.

One row per indicator under its pillar's heading, in pillar order; context indicators (not
scored) come last under their own heading, in grey. A value from another year than the
chosen one names its year in the row label; an indicator without a value for the country
says "no data" and draws no bar.

Dozens of rows do not fit a screen, so the rows scroll while the 0-100 scale stays in view
above and below them: two axis strips outside the scroll area, linked to the plot's x range.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy

from ...views.charts import CONTEXT_HEADING, NORMALISED_AXIS, WINDOW
from .. import palette
from .base import LABEL_PT, TICK_PT, Chart, LevelAxis, Swatch, font, pen

ROW_PX = 28           # one row at normal text size: room for a 12 pt label
BAR_H = 0.62          # bar thickness, in rows
HEADING_BAND = "#E4EBF2"   # pale blue-grey behind a pillar heading
MUTED = "#5F5F5F"     # context rows' text: grey, still 6:1 on white
CONTEXT_BAR = "#A6A6A6"
GRID = "#D0D0D0"
SCALE = [0, 20, 40, 60, 80, 100]
LABEL_SHARE = 0.55    # most of the width row labels may take
MARGIN = 8            # canvas margins, the same in the plot and both scale strips


class RowAxis(pg.AxisItem):
    """The row labels: indicator names right-aligned, pillar headings bold on a band and
    left-aligned, context rows grey."""

    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.kinds: dict[str, str] = {}  # label text -> "heading" | "muted"
        self.rows: list[tuple[float, str]] = []

    def set_rows(self, rows: list[tuple[float, str]], kinds: dict[str, str]) -> None:
        """Label rows at their positions. pyqtgraph is given short stand-ins, so it drops no
        label for being wider than the axis; this axis draws the real text, shortened."""
        self.rows, self.kinds = rows, kinds
        self.setTicks([[(y, str(i)) for i, (y, _) in enumerate(rows)]])

    def generateDrawSpecs(self, p):  # noqa: N802 (pyqtgraph name)
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return None
        axis_spec, tick_specs, text_specs = specs
        h = QFontMetrics(self.style["tickFont"] or p.font()).height()
        out = []
        for rect, flags, key in text_specs:
            _, text = self.rows[int(key)]
            out.append((QRectF(0, rect.center().y() - h / 2, rect.right(), h), flags, text))
        return axis_spec, tick_specs, out

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs):  # noqa: N802 (pyqtgraph name)
        super().drawPicture(p, axisSpec, tickSpecs, [])
        tick_font = self.style["tickFont"] or p.font()
        bold = QFont(tick_font)
        bold.setBold(True)
        fm = QFontMetrics(tick_font)
        width = self.boundingRect().width()
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for rect, _flags, text in textSpecs:
            kind = self.kinds.get(text)
            if kind == "heading":
                band = QRectF(0, rect.top() - 3, width, rect.height() + 6)
                p.fillRect(band, QColor(HEADING_BAND))
                p.setFont(bold)
                p.setPen(QColor(palette.TEXT))
                shown = QFontMetrics(bold).elidedText(text, Qt.TextElideMode.ElideRight, int(width - 10))
                p.drawText(band.adjusted(6, 0, 0, 0), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                           shown)
                continue
            p.setFont(tick_font)
            p.setPen(QColor(MUTED if kind == "muted" else palette.TEXT))
            box = QRectF(2, rect.top(), rect.right() - 2, rect.height())
            p.drawText(box, int(right), fit_row_label(text, fm, int(box.width())))


def fit_row_label(text: str, fm: QFontMetrics, room: int) -> str:
    """A row label cut to ``room`` pixels, shortening the indicator's name but keeping
    the data year or "no data" at the end (they matter more than the name's tail)."""
    if fm.horizontalAdvance(text) <= room:
        return text
    m = re.search(r"( \(\d{4}\)|: no data)$", text)
    tail = m.group(1) if m else ""
    head = text[:len(text) - len(tail)]
    return fm.elidedText(head, Qt.TextElideMode.ElideRight, max(0, room - fm.horizontalAdvance(tail))) + tail


class ProfileChart(Chart):
    TITLE = "Profile"
    MEASURED_LEGEND = False  # its legend stays in the top strip, in a row (place_legend below)
    NAMES_COUNTRIES = False  # one country: its title names it; exports do not add the compared ones
    WATCH = frozenset({"focused", "year", "selected"})

    def __init__(self, data, state, parent=None):
        self._rows: pd.DataFrame | None = None  # row layout, fixed for an index
        self._label_w = 0
        super().__init__(data, state, parent)
        row_axis = RowAxis("left")
        self.plot.setAxisItems({"left": row_axis})
        self.style_axes()
        self.plot.hideAxis("bottom")
        self.plot.invertY(True)  # first pillar at the top
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.getViewBox().setDefaultPadding(0)
        self._grid = []
        for x in SCALE + [50]:  # vertical grid: the scale's ticks carried through every row
            line = pg.InfiniteLine(pos=x, angle=90, pen=pen(GRID, 1))
            line.setZValue(-20)
            self.plot.addItem(line, ignoreBounds=True)
            self._grid.append(line)
        self.bands = pg.BarGraphItem(x0=[0], y=[0], height=[0.9], width=[0], brush=pg.mkBrush(HEADING_BAND),
                                     pen=None)
        self.bands.setZValue(-30)
        self.plot.addItem(self.bands)
        self.bars = pg.BarGraphItem(x0=[0], y=[0], height=BAR_H, width=[0], pen=None)
        self.context_bars = pg.BarGraphItem(x0=[0], y=[0], height=BAR_H, width=[0],
                                            brush=pg.mkBrush(CONTEXT_BAR), pen=None)
        for item in (self.bars, self.context_bars):
            item.setZValue(1)
            self.plot.addItem(item)
        self.world = pg.ScatterPlotItem(pxMode=True)
        self.region = pg.ScatterPlotItem(pxMode=True)
        self.country = pg.ScatterPlotItem(pxMode=True)
        self.context_marks = pg.ScatterPlotItem(pxMode=True)
        self.country.setZValue(4)
        self.context_marks.setZValue(4)
        self._brushes: dict[str, object] = {}
        self._outline = pen(palette.TEXT, 1.5)
        self._white = pen("#FFFFFF", 1.5)
        self._region_pen = pen(palette.REGION_MEDIAN, 5)
        self.region.setZValue(5)
        self.world.setZValue(6)
        for item in (self.country, self.context_marks, self.region, self.world):
            self.plot.addItem(item)
        self._ticks: list[tuple[float, str]] = []
        self._colour: str | None = None

        # The rows scroll; the scale sits in strips above and below that do not.
        lay = self.layout()
        lay.removeWidget(self.canvas)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # strips align
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.canvas)
        self.canvas.ci.layout.setContentsMargins(MARGIN, 2, MARGIN, 2)
        self.canvas.ci.removeItem(self.legend)
        self.top_strip, self.top_scale = self._strip("top")
        self.bottom_strip, self.bottom_scale = self._strip("bottom")
        self.top_strip.addItem(self.legend, row=0, col=0)
        self.top_strip.ci.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignLeft)
        self.legend.setColumnCount(3)
        lay.insertWidget(1, self.top_strip)
        lay.insertWidget(2, self.scroll, 1)
        lay.insertWidget(3, self.bottom_strip)
        lay.setSpacing(0)
        self._layout_rows()

    def _strip(self, side: str) -> tuple[pg.GraphicsLayoutWidget, pg.PlotItem]:
        """A scale strip: a plot whose only visible part is the 0-100 axis on ``side``, with
        the same left width and margins as the rows' plot so the scales line up."""
        strip = pg.GraphicsLayoutWidget(self)
        strip.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sbar = self.scroll.verticalScrollBar().sizeHint().width()
        strip.ci.layout.setContentsMargins(MARGIN, 2, MARGIN + sbar, 2)
        scale = strip.addPlot(row=1, col=0, axisItems={"left": pg.AxisItem("left"), side: LevelAxis(side)})
        # Same fixed x range as the rows (setXLink would offset it: it lines views up on screen).
        scale.setXRange(0, 100, padding=0.03)
        scale.hideButtons()
        scale.setMenuEnabled(False)
        scale.setMouseEnabled(x=False, y=False)
        scale.showAxis(side)
        scale.hideAxis("bottom" if side == "top" else "top")
        left = scale.getAxis("left")
        left.setStyle(showValues=False, tickLength=0)
        left.setPen(pg.mkPen(None))
        ax = scale.getAxis(side)
        ax.setTicks([[(float(x), str(x)) for x in SCALE]])
        ax.setPen(pen(palette.TEXT, 1.5))
        ax.setTextPen(palette.TEXT)
        ax.setStyle(hideOverlappingLabels=16)  # keep "0" and "100" at the ends
        scale.getViewBox().setMinimumHeight(0)
        for item in (scale, scale.getAxis("left")):
            item.setMinimumHeight(0)
        return strip, scale

    # ---- layout fixed for an index (and a text size) ---------------------------------------
    def _layout_rows(self) -> None:
        """Row positions with a heading row before each pillar; label column width and the
        canvas height for this text size."""
        base = self.data.profile_rows()
        y, heading_y, headings = [], [], []
        pos = 0
        last = None
        for heading in base["heading"]:
            if heading != last:
                heading_y.append(float(pos))
                headings.append(heading)
                pos += 1
                last = heading
            y.append(float(pos))
            pos += 1
        rows = base.copy()
        rows["y"] = y
        self._rows = rows
        self._headings = list(zip(heading_y, headings))
        self._n_rows = pos
        self.bands.setOpts(x0=np.full(len(heading_y), -10.0), y=np.array(heading_y),
                           width=np.full(len(heading_y), 120.0), height=0.9)

        tick_font = font(self.pt(TICK_PT))
        fm, fm_bold = QFontMetrics(tick_font), QFontMetrics(font(self.pt(TICK_PT), bold=True))
        longest = max([fm.horizontalAdvance(s + " (0000)") for s in rows["short"]]
                      + [fm.horizontalAdvance(s + ": no data") for s in rows["short"]]
                      + [fm_bold.horizontalAdvance(h) + 12 for h in headings])
        self._natural_w = longest + 18
        self._label_w = 0
        for scale, side in ((self.top_scale, "top"), (self.bottom_scale, "bottom")):
            scale.getAxis(side).setTickFont(tick_font)
        self._axis_title = None
        self._fit_columns()
        row_px = self.pt(ROW_PX)
        self.canvas.setMinimumHeight(int(self._n_rows * row_px + 6))
        self.plot.setXRange(0, 100, padding=0.03)
        self.plot.setYRange(-0.55, self._n_rows - 0.45, padding=0)
        self._ticks = []
        self._fit_top_strip()

    def _fit_columns(self) -> None:
        """Split the width between row labels and bars (labels at most LABEL_SHARE, cut
        with "..." beyond), thin the scale's ticks to what fits, wrap its title. Worked
        out from the widget's width, not from a plot resize, which this would re-enter."""
        m = self.layout().contentsMargins()
        sbar = self.scroll.verticalScrollBar().sizeHint().width()
        avail = self.width() - m.left() - m.right() - 2 * MARGIN - sbar
        label_w = int(min(self._natural_w, max(160, LABEL_SHARE * avail)))
        if label_w != self._label_w:
            self._label_w = label_w
            for plot in (self.plot, self.top_scale, self.bottom_scale):
                plot.getAxis("left").setWidth(label_w)
        length = avail - label_w - 4
        tick_w = QFontMetrics(font(self.pt(TICK_PT))).horizontalAdvance("100") * 2
        ticks = SCALE if length >= tick_w * len(SCALE) else [0, 50, 100]
        for plot, side in ((self.top_scale, "top"), (self.bottom_scale, "bottom")):
            plot.getAxis(side).setTicks([[(float(x), str(x)) for x in ticks]])
        for x, line in zip(SCALE + [50], self._grid):
            line.setVisible(x in ticks)
        ax = self.bottom_scale.getAxis("bottom")
        # The scale's title in at most two lines: a narrow chart at large text wrapped it into
        # a column of words whose strip took the rows' height. Shorter wording, same meaning.
        fm = QFontMetrics(font(self.pt(LABEL_PT)))
        title = next((t for t in (NORMALISED_AXIS, "Score 0-100 (100 = least persecution)")
                      if fm.horizontalAdvance(t) <= 1.8 * max(80, length - 8)), "Score 0-100")
        if title != getattr(self, "_axis_title", None):
            self._axis_title = title
            self.bottom_scale.setLabel("bottom", title,
                                       **{"font-size": f"{self.pt(LABEL_PT)}pt", "color": palette.TEXT})
        ax.fit_label(length)
        height = int(ax.maximumHeight()) + 8
        if height != self.bottom_strip.height():
            self.bottom_strip.setFixedHeight(height)

    def resizeEvent(self, event):  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_top_strip(self) -> None:
        tick_h = QFontMetrics(font(self.pt(TICK_PT))).height()
        legend_h = self.legend.boundingRect().height() if self.legend.items else 0
        self.top_scale.getAxis("top").setHeight(tick_h + 12)
        self.top_strip.setFixedHeight(int(legend_h + tick_h + 24))

    def style_axes(self) -> None:
        super().style_axes()
        if self._rows is not None:
            self.plot.getAxis("left").setStyle(tickLength=0)

    def place_legend(self) -> None:
        """The legend stays in the top strip, in a row (the rows need the width)."""

    def rescale_items(self) -> None:
        self.plot.getAxis("left").setStyle(tickLength=0)
        self._layout_rows()

    def _export_parts(self):
        return [self.title, self.top_strip, self.canvas, self.bottom_strip, self.note]

    # ---- per focus --------------------------------------------------------------------------
    def redraw(self, changed: set[str]) -> None:
        st, data = self.state, self.data
        iso = st.focused
        if not iso:
            self._clear()
            return
        p = data.profile(iso, st.year)
        rows = self._rows
        p["y"] = rows["y"].to_numpy()
        p["context"] = p["pillar"].isna().to_numpy()
        self._sources = p["indicator"].tolist()
        name = data.name(iso)
        region = data.region_of(iso)
        slot = st.colour_slot(iso)
        colour = palette.slot_colour(slot if slot is not None else 0)
        symbol = palette.slot_symbol(slot if slot is not None else 0)

        y = p["y"].to_numpy(dtype=float)
        value = p["value"].to_numpy(dtype=float)
        has = ~np.isnan(value)
        ctx = p["context"].to_numpy(dtype=bool)
        scored = has & ~ctx
        context = has & ctx
        if colour != self._colour:
            self.bars.setOpts(brush=self._brush(colour))
            self._colour = colour
        self._set_bars(self.bars, y[scored], value[scored])
        self._set_bars(self.context_bars, y[context], value[context])
        # A marker at the value, so a score of 0 (worst) is visible and never reads as missing.
        # One brush per item (not per point): pyqtgraph then draws every marker from one sprite.
        self.country.setData(x=value[scored], y=y[scored], symbol=symbol, size=self.pt(15),
                             brush=self._brush(colour), pen=self._outline)
        self.context_marks.setData(x=value[context], y=y[context], symbol=symbol, size=self.pt(15),
                                   brush=self._brush(CONTEXT_BAR), pen=self._outline)
        world = p["world_median"].to_numpy(dtype=float)
        reg = p["region_median"].to_numpy(dtype=float)
        wm, rm = ~np.isnan(world), ~np.isnan(reg)
        self.world.setData(x=world[wm], y=y[wm], symbol="d", size=self.pt(17),
                           brush=self._brush(palette.WORLD_MEDIAN), pen=self._white)
        self.region.setData(x=reg[rm], y=y[rm], symbol="|", size=self.pt(26),
                            brush=self._brush(palette.REGION_MEDIAN), pen=self._region_pen)

        asked = st.year
        self._label_rows(p, asked)

        entries = [(Swatch(colour, symbol, pen(colour, 12), size=16, outline=palette.TEXT), name)]
        if region:
            entries.append((Swatch(palette.REGION_MEDIAN, "|", size=26, outline=palette.REGION_MEDIAN),
                            f"{region} median"))
        entries.append((Swatch(palette.WORLD_MEDIAN, "d", size=18, outline="#FFFFFF"), "World median"))
        had = len(self.legend.items)
        self.set_legend(entries)
        if len(entries) != had:
            self._fit_top_strip()
        when = ("latest year with data" if asked is None
                else f"{asked}, or the latest value from {asked - WINDOW}")  # rule AtOrBefore(year, 3)
        self.title.setText(f"Profile of {name} ({when})")
        notes = []
        n_missing = int((~has).sum())
        if n_missing:
            notes.append(f"{n_missing} indicator(s) have no data for {name}.")
        if asked is not None and (p.loc[has, "year"] != asked).any():
            notes.append(f"A year in brackets: the value is from that year, not {asked}; "
                         "medians are of the same year.")
        notes.append(f"Rows are grouped by pillar; \u201c{CONTEXT_HEADING}\u201d rows, in grey, "
                     "add context and count in no score.")
        self.note.setText(" ".join(notes))

        out = p.drop(columns=["y", "context"])
        out.insert(0, "iso3", iso)
        out.insert(1, "name", name)
        self._plotted = out

    def _brush(self, colour: str):
        if colour not in self._brushes:
            self._brushes[colour] = pg.mkBrush(colour)
        return self._brushes[colour]

    @staticmethod
    def _set_bars(item: pg.BarGraphItem, y: np.ndarray, width: np.ndarray) -> None:
        if len(y):
            item.setOpts(x0=np.zeros(len(y)), y=y, width=width, height=BAR_H)
            item.show()
        else:
            item.hide()

    def _label_rows(self, p: pd.DataFrame, asked: int | None) -> None:
        """Row labels: name, "(year)" when not the chosen year, ": no data"; headings."""
        ticks = [(y, h) for y, h in self._headings]
        muted = set()
        for y, short, value, year, ctx in zip(p["y"], p["short"], p["value"], p["year"], p["context"]):
            if pd.isna(value):
                short += ": no data"
            elif asked is not None and year != asked:
                short += f" ({int(year)})"
            ticks.append((float(y), short))
            if ctx:
                muted.add(short)
        if ticks != self._ticks:  # retitling 60 rows costs a full axis redraw
            kinds = {h: "heading" for _, h in self._headings}
            kinds.update({m: "muted" for m in muted})
            self.plot.getAxis("left").set_rows(sorted(ticks), kinds)
            self._ticks = ticks

    def _clear(self) -> None:
        self.clear_legend()
        for item in (self.world, self.region, self.country, self.context_marks):
            item.clear()
        self.bars.hide()
        self.context_bars.hide()
        self.title.setText(self.TITLE)
        self.note.setText("Focus a country to see its profile.")
        self._plotted = pd.DataFrame(columns=["indicator", "value", "year"])
        self._sources = []

    def row_labels(self) -> list[tuple[str, str]]:
        """The rows top to bottom as (kind, text); kind is "heading", "context" or "indicator"
        (for tests and screen readers)."""
        self.flush()
        kinds = self.plot.getAxis("left").kinds
        out = []
        for _, text in sorted(self._ticks):
            kind = kinds.get(text)
            out.append(("heading" if kind == "heading" else "context" if kind == "muted" else "indicator", text))
        return out
