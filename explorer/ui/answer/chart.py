"""The Answer view's chart: the top countries with their rank (dot) and their range of ranks
over the robustness weightings (bar), as many as the chart's height holds at the text size."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFontMetrics

from ...scoring import defaults as D
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
        self._plot_fonts()
        self.err = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), pen=pg.mkPen(BAR, width=2), beam=0.3)
        self.dots = pg.ScatterPlotItem(size=12, pen=pg.mkPen("w", width=1), brush=pg.mkBrush(POINT))
        p.addItem(self.err)
        p.addItem(self.dots)

    def _plot_fonts(self) -> None:
        p = self.plot.getPlotItem()
        for ax in ("left", "bottom"):
            p.getAxis(ax).setTickFont(self._font(0.9))
        p.setLabel("bottom", "rank (dot); 90% range of ranks over all scenarios (bar)",
                   **{"color": "#000000", "font-size": self._pt(0.9)})

    def _draw(self) -> None:
        if self.answer is None:
            return
        t = self.answer.table.head(self._plot_rows())
        self._plot_n = n = len(t)
        y = np.arange(n, dtype=float)
        rank = t["rank"].to_numpy(float)
        if "rank_lo" in t:
            lo = rank - t["rank_lo"].to_numpy(float)
            hi = t["rank_hi"].to_numpy(float) - rank
        else:
            lo = hi = np.zeros(n)
        self.err.setData(x=rank, y=y, left=lo, right=hi, height=0)
        brushes = []
        for c in t["iso3"]:
            col = self.model.highlight.get(c, POINT)
            brushes.append(pg.mkBrush(col))
        z = self._zoom()
        self.dots.setData(x=rank, y=y, brush=brushes, size=[(18 if c == self.focused else 12) * z for c in t["iso3"]],
                          symbol=["d" if c == self.focused else "o" for c in t["iso3"]])
        p = self.plot.getPlotItem()
        p.getAxis("left").setTicks([[(i, f"{r} {c}") for i, (r, c) in enumerate(zip(t["rank"], t["country"]))]])
        xmax = max(float((rank + hi).max()) if n else 1.0, n)
        p.setXRange(0.5, xmax + 0.5, padding=0.02)
        p.setYRange(-0.7, max(n, 1) - 0.3, padding=0)
        p.setTitle(f"Top {n}: rank and its range of ranks (90%)", color="k", size=self._pt(1.0))

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
