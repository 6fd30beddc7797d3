"""What every chart shares: title, plot, legend, notes and state binding.

A chart is a QWidget holding a title label, a pyqtgraph plot with a legend column beside
it, and a note label under it (missing data, other years). Exports (``exporting.py``) render
the chart itself, so what an advocate pastes into a slide says the same as the screen; the
look (fonts, pens, axes) is in ``style.py``, legend entries in ``legend.py``.

State changes are queued by field and applied when the chart is visible (or when its data
or an export is asked for), so hidden tabs cost nothing when the focus moves.
"""

from __future__ import annotations

import html
import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ...state import ExplorerState
from ...views.charts import ChartData
from .. import palette
from .exporting import ChartExports
from .legend import Swatch, SwatchSample, fill_legend
from ..widgets.note import NoteLabel
from .style import (BASE_PT, FOCUS_W, LABEL_PT, LEGEND_PT, LEGEND_RIGHT_PX, LINE_W, NOTE_PT, TICK_PT,  # noqa: F401
                    TITLE_MAX_PT, TITLE_PT, LevelAxis, fmt, font, pen)

ZOOM_ROOM_PX = 330   # a chart's texts grow past their design size only with this much height per 1x
NOTE_SHARE = 0.2     # the note takes at most this share of the chart's height (the rest on hover)
MIN_LEGEND_PT = 11   # a legend's text is never made smaller than this (read from the back of a room)
PLOT_SHARE = 0.55    # the legend leaves the plot at least this share of the canvas's plot height


class Chart(ChartExports, QWidget):
    """Base of the four charts. Subclasses set TITLE, WATCH and implement ``redraw``."""

    TITLE = ""
    WATCH: frozenset[str] = frozenset()
    MEASURED_LEGEND = True  # placed and sized by place_legend here (the map and the profile place their own)

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
        self.note = NoteLabel(self)  # wraps; in a short chart cut to NOTE_SHARE, whole on hover
        self.note.setFont(font(self.pt(NOTE_PT)))
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
                asked = (f"has no data for {self.state.year}. The nearest" if self.state.year is not None
                         else "needs a year. The latest")
                self._clear(f"{short} {asked} year with data is {nearest}.")
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
            self.fit_note()  # the parts above it may have grown (larger text, a longer title)

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
        if getattr(self, "_asked_zoom", 1.0) > 1.0:
            self._apply_zoom()  # a shorter or taller chart holds less or more of the larger text
        self.fit_note()
        self.place_legend()

    def fit_note(self) -> None:
        """A note longer than NOTE_SHARE of the chart, or than the other parts leave it, is cut
        (at 1024x700 the map's eight lines of note left the map itself 95 px)."""
        self.note.set_budget(max(QFontMetrics(self.note.font()).lineSpacing(),
                                 min(int(NOTE_SHARE * self.height()), self._room_for_note())))

    def _room_for_note(self) -> int:
        """The height the other parts leave the note at their least (at the largest text in a
        short window the profile's note overlapped the axis strip above it by a line)."""
        lay = self.layout()
        m = lay.contentsMargins()
        used = m.top() + m.bottom()
        for i in range(lay.count()):
            part = lay.itemAt(i).widget()
            if part is None or part is self.note or not part.isVisibleTo(self):
                continue
            fit = part.heightForWidth(part.width()) if part.hasHeightForWidth() else -1
            used += max(part.minimumHeight(), part.minimumSizeHint().height(), fit) + lay.spacing()
        return self.height() - used

    def place_legend(self) -> None:
        """Legend right of the plot on a wide canvas; under it, in columns, on a narrow one
        (the main window's centre), so the plot keeps a useful width. On a canvas too short
        for that (at 1024x700 and larger text the legend's four rows left the plot 34 px), the
        layout, and if need be a smaller legend text (never below MIN_LEGEND_PT), that leaves
        the plot the best shape (see legend_layout)."""
        items = self.legend.items
        texts = tuple(html.unescape(label.text) for _, label in items)
        key = (texts, self.canvas.width(), self.canvas.height(), self.zoom)
        if key == getattr(self, "_legend_key", None) and self._legend_below is not None:
            return
        self._legend_key = key
        below, cols, pt = self.legend_layout(texts, tuple(sample.W for sample, _ in items))
        size = f"{pt}pt"
        self.legend.opts["labelTextSize"] = size  # rows added later are made at it
        stale = [label for _, label in items if label.opts.get("size") != size]
        for label in stale:
            label.setAttr("size", size)
            label.setText(label.text)
        resized = bool(stale)
        if (below, cols) != (self._legend_below, getattr(self, "_legend_cols", None)):
            self._legend_below, self._legend_cols = below, cols
            lay = self.canvas.ci.layout
            self.canvas.ci.removeItem(self.legend)
            if below:
                self.canvas.addItem(self.legend, row=1, col=0)
                lay.setColumnStretchFactor(1, 0)
            else:
                self.canvas.addItem(self.legend, row=0, col=1)
                lay.setColumnStretchFactor(0, 4)
                lay.setColumnStretchFactor(1, 1)
            lay.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.legend.setColumnCount(cols)
        if resized:
            self.legend.layout.activate()
            self.legend.updateSize()  # it measures its rows as laid out: after a new text size

    def legend_layout(self, texts, samples) -> tuple[bool, int, int]:
        """(under the plot, columns, point size). The design: beside the plot on a canvas at
        least LEGEND_RIGHT_PX wide (at the text zoom), else under it in two columns. That is
        kept while it leaves the plot PLOT_SHARE of the canvas's plot height (and beside, 45%
        of its width); otherwise, from the design size down, the first size at which some
        layout (under in more columns, or beside in one) does; failing all, the best plot."""
        top = self.pt(LEGEND_PT)
        w, h = self.canvas.width(), self.canvas.height()
        wide = w >= LEGEND_RIGHT_PX * self.zoom
        design = (not wide, 1 if wide else 2, top)
        if len(texts) < 2 or w <= 0 or h <= 0:
            return design
        left, bottom = self.plot.getAxis("left"), self.plot.getAxis("bottom")
        pw = w - (left.width() if left.isVisible() else 0) - 16
        ph = h - (bottom.height() if bottom.isVisible() else 0) - 16
        memo = (tuple(texts), tuple(samples), top, w, h, pw, ph)  # set_legend then place_legend ask twice
        if memo == getattr(self, "_layout_memo", (None,))[0]:
            return self._layout_memo[1]
        self._layout_memo = (memo, self._legend_layout(texts, samples, top, w, h, pw, ph, design))
        return self._layout_memo[1]

    def _legend_layout(self, texts, samples, top, w, h, pw, ph, design) -> tuple[bool, int, int]:
        sample = max(samples, default=SwatchSample.W)
        best, best_score = design, float("-inf")
        for pt in range(top, min(top, MIN_LEGEND_PT) - 1, -1):
            fm = QFontMetrics(font(pt))
            row = max(SwatchSample.H, 1.45 * fm.height()) + 2  # a label's margins, less the spacing
            col = max(fm.horizontalAdvance(t) for t in texts) + sample + 16  # sample, label, gaps
            layouts = [(False, 1, pw - col, ph if len(texts) * row + 16 <= h else -1)]
            layouts += [(True, c, pw, ph - (-(-len(texts) // c)) * row - 16)  # two as designed; more if they fit
                        for c in range(2, len(texts) + 1) if c == 2 or c * col <= w - 24]
            for under, cols, lw, lh in layouts:
                fits = lw >= 0.45 * pw and lh >= PLOT_SHARE * ph
                if pt == top and (under, cols) == design[:2] and fits:
                    return design
                score = min(lw / 2, lh) + (10_000 if fits else 0)
                if score > best_score:
                    best, best_score = (under, cols, pt), score
            if best_score >= 10_000:  # the largest text at which a layout fits
                return best
        return best

    def rescale(self, base: QFont) -> None:
        """Follow the window's text size (View > Larger text): every chart text scales with
        the base font, keeping its design size relative to it, as far as the chart's height
        allows (see room_zoom)."""
        self._asked_zoom = base.pointSizeF() / BASE_PT
        self._apply_zoom()

    def room_zoom(self) -> float:
        """The text zoom the chart's height holds: ZOOM_ROOM_PX of height per 1x, in the
        window's steps of a sixth, never below 1. At 1024x700 and the largest text the chart's
        2x title, axes, legend and note left its plot no pixel of height."""
        h = self.height()
        return float("inf") if h <= 0 else max(1.0, math.floor(6 * h / ZOOM_ROOM_PX) / 6)

    def _apply_zoom(self) -> None:
        zoom = min(getattr(self, "_asked_zoom", 1.0), self.room_zoom())
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
        if self.MEASURED_LEGEND:
            # new rows are made at the text size their layout will have (re-sizing them after
            # cost a rich-text layout each: ~15 ms of the first chart's draw at start-up)
            samples = tuple(SwatchSample.LINE_SAMPLE_W if sw.line is not None else SwatchSample.W for sw, _ in entries)
            pt = self.legend_layout(tuple(t for _, t in entries), samples)[2]
            self.legend.opts["labelTextSize"] = f"{pt}pt"
        fill_legend(self.legend, entries)
        self.place_legend()  # other entries may need another layout

    def legend_texts(self) -> list[str]:
        """The legend as shown, top to bottom (for tests and screen readers)."""
        return [html.unescape(label.text) for _, label in self.legend.items]

    def slot_swatch(self, slot: int | None, line: bool = False, focused: bool = False) -> Swatch:
        """The legend look of a country's colour slot (marker, and line if ``line``)."""
        colour = palette.slot_colour(slot)
        return Swatch(colour, palette.slot_symbol(slot),
                      pen(colour, FOCUS_W if focused else LINE_W, dash=palette.slot_dash(slot)) if line else None,
                      size=18 if focused else 14, outline=palette.TEXT if not line else colour)
