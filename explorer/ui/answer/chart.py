"""The Answer view's chart: the top countries with their rank (dot) and their range of ranks
over the robustness weightings (bar), as many as the chart's height holds at the text size.
A new year or new weights re-sort it with a short transition (``ui/transition.py``): each
country's dot and name move from the old place to the new one, newcomers rise from below;
the last frame is exactly the new ranking."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QGraphicsItem

from ..transition import Transition, lerp
from .colours import BAR, POINT

PLOT_TOP = 20            # countries drawn with their rank interval


class RankChart:
    """Mixin for AnswerView: draws ``self.plot`` (a pg.PlotWidget) from ``self.answer``, with the
    view's highlight colours (``self.model.highlight``), focused country and font helpers."""

    def _setup_plot(self) -> None:
        p = self.plot.getPlotItem()
        p.invertY(True)
        p.setMouseEnabled(x=False, y=False)
        p.hideButtons()
        p.setMenuEnabled(False)
        p.showGrid(x=True, y=False, alpha=0.25)
        for ax in ("left", "bottom"):
            p.getAxis(ax).setTextPen(pg.mkPen("k"))
            p.getAxis(ax).setPen(pg.mkPen("k"))
        # The rank axis draws the grid over the whole plot: painted into a pixmap once, not at
        # each frame of a re-sort (it does not move): ~11 -> ~4 ms a frame while the timeline
        # plays. (The names' axis moves with the countries; caching it saved nothing.)
        p.getAxis("bottom").setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # The names' axis only widens while the years play: one narrower name list would resize
        # the plot, and a resized plot redraws its rank axis and grid (~10 ms) at every year.
        p.getAxis("left").setStyle(autoReduceTextSpace=False)
        self._plot_fonts()
        self.err = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), pen=pg.mkPen(BAR, width=2), beam=0.3)
        self.dots = pg.ScatterPlotItem(size=12, pen=pg.mkPen("w", width=1), brush=pg.mkBrush(POINT))
        p.addItem(self.err)
        p.addItem(self.dots)
        self.resort = Transition(self.plot)
        self._drawn_result = None
        self._chart_at: dict[str, tuple[float, float]] = {}   # iso3 -> (rank, row) as last drawn
        self._frame_data: dict | None = None
        self._ranges_set = self._title_set = None   # what the plot was last given

    def _plot_fonts(self) -> None:
        p = self.plot.getPlotItem()
        for ax in ("left", "bottom"):
            p.getAxis(ax).setTickFont(self._font(0.9))
        p.getAxis("left").textWidth = 0   # measured afresh at a new text size
        p.setLabel("bottom", "rank (dot); 90% range of ranks over all scenarios (bar)",
                   **{"color": "#000000", "font-size": self._pt(0.9)})

    def _draw(self) -> None:
        if self.answer is None:
            return
        t = self.answer.table.head(self._plot_rows())
        self._plot_n = n = len(t)
        y = np.arange(n, dtype=float)
        rank = t["rank"].to_numpy(float)
        ranged = "rank_lo" in t   # the ranges come with robustness (on the job runner)
        if ranged:
            lo = rank - t["rank_lo"].to_numpy(float)
            hi = t["rank_hi"].to_numpy(float) - rank
        else:
            lo = hi = np.zeros(n)
        iso3 = t["iso3"].tolist()
        # where each dot was: its old place if it was drawn, else just below the last row
        was = [self._chart_at.get(c, (r, float(n))) for c, r in zip(iso3, rank)]
        moved = self._drawn_result is not None and self.answer.result is not self._drawn_result
        self._drawn_result = self.answer.result
        self._chart_at = {c: (float(r), float(i)) for i, (c, r) in enumerate(zip(iso3, rank))}
        self._frame_data = {"rank": rank, "y": y, "lo": lo, "hi": hi, "iso3": iso3, "ranged": ranged,
                            "from_rank": np.array([w[0] for w in was], float),
                            "from_y": np.array([w[1] for w in was], float),
                            "labels": [f"{r} {c}" for r, c in zip(t["rank"], t["country"])]}
        brushes = [pg.mkBrush(self.model.highlight.get(c, POINT)) for c in iso3]
        z = self._zoom()
        self.dots.setData(x=rank, y=y, brush=brushes, size=[(18 if c == self.focused else 12) * z for c in iso3],
                          symbol=["d" if c == self.focused else "o" for c in iso3])
        p = self.plot.getPlotItem()
        xmax = max(float((rank + hi).max()) if n else 1.0, n)
        # set only when they change: at each year of a playing timeline they mostly do not, and
        # setting them anyway re-laid out the plot (~5 ms of each landing)
        ranges = (xmax, n)
        if ranges != self._ranges_set:
            self._ranges_set = ranges
            p.setXRange(0.5, xmax + 0.5, padding=0.02)
            p.setYRange(-0.7, max(n, 1) - 0.3, padding=0)
        title = (f"Top {n}: rank and its range of ranks (90%)", self._pt(1.0))
        if title != self._title_set:
            self._title_set = title
            p.setTitle(title[0], color="k", size=title[1])
        if moved and n:
            self.resort.start(self._chart_frame)
        else:
            self.resort.finish()
            self._chart_frame(1.0)

    def _chart_frame(self, f: float) -> None:
        """Dots, range bars and names ``f`` of the way from their old places to the new ranking."""
        d = self._frame_data
        if d is None:
            return
        if f >= 1.0:
            x, y = d["rank"], d["y"]
        else:
            x, y = lerp(d["from_rank"], d["rank"], f), lerp(d["from_y"], d["y"], f)
        self.err.setData(x=x, y=y, left=d["lo"], right=d["hi"], height=0)
        # no ranges yet: no bars (zero-wide, their end ticks through each dot read as "certain");
        # after setData, which shows the item whenever it has x and y
        self.err.setVisible(d["ranged"])
        self.dots.setData(x=x, y=y, brush=self.dots.data["brush"], size=self.dots.data["size"],
                          symbol=self.dots.data["symbol"])
        self.plot.getPlotItem().getAxis("left").setTicks([list(zip(y.tolist(), d["labels"]))])

    def _plot_rows(self) -> int:
        """PLOT_TOP countries, or fewer when the chart is too short for their names at this text size."""
        line = QFontMetrics(self._font(0.9)).lineSpacing()
        room = self.plot.height() - 4 * QFontMetrics(self.font()).lineSpacing()   # title and rank axis
        return max(5, min(PLOT_TOP, int(room / (line * 1.05))))

    def eventFilter(self, obj, ev):
        if obj is self.plot and ev.type() == QEvent.Resize and self.answer is not None:
            if self._plot_rows() != self._plot_n:
                self._redraw.start()
        return super().eventFilter(obj, ev)
