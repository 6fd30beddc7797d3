"""Profile: the focused country's normalised value (0-100, 100 = least persecution) on every
indicator, against its region's and the world's median of the same data year.

One row per indicator, grouped by pillar. A value from another year than the chosen one
names its year in the row label; an indicator without a value for the country says
"no data" and draws no bar.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea

from ...viewdata import NORMALISED_AXIS
from .. import palette
from .base import Chart, Swatch, pen


ROW_PX = 30  # height of one indicator row: room for a 12 pt label


class ProfileChart(Chart):
    TITLE = "Profile"
    WATCH = frozenset({"focused", "year", "selected"})

    def __init__(self, data, state, parent=None):
        super().__init__(data, state, parent)
        self.plot.showGrid(x=True, y=False, alpha=0.25)
        self.plot.invertY(True)  # first indicator at the top
        self.bars: pg.BarGraphItem | None = None
        self.world = pg.ScatterPlotItem(pxMode=True)
        self.region = pg.ScatterPlotItem(pxMode=True)
        self.country = pg.ScatterPlotItem(pxMode=True)
        self.country.setZValue(4)
        self.plot.addItem(self.country)
        self.world.setZValue(6)
        self.region.setZValue(5)
        self.plot.addItem(self.region)
        self.plot.addItem(self.world)
        self._separators: list[pg.InfiniteLine] = []
        self._pillars: list[str] = []
        self._ticks: list[tuple[float, str]] = []
        # Dozens of indicators: each row keeps a readable height and the plot scrolls.
        lay = self.layout()
        lay.removeWidget(self.canvas)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.canvas)
        lay.insertWidget(1, self.scroll, 1)

    def _separate_pillars(self, pillars: list[str]) -> None:
        """Dashed lines between pillars; the rows only change with the index."""
        if pillars == self._pillars:
            return
        for line in self._separators:
            self.plot.removeItem(line)
        self._separators = []
        for i in range(1, len(pillars)):
            if pillars[i] != pillars[i - 1]:
                line = pg.InfiniteLine(pos=i - 0.5, angle=0, pen=pen("#808080", 1.5, Qt.PenStyle.DashLine))
                self.plot.addItem(line)
                self._separators.append(line)
        self.canvas.setMinimumHeight(int(len(pillars) * ROW_PX + 110))
        self.plot.setXRange(0, 100, padding=0.02)
        self.plot.setYRange(-0.6, len(pillars) - 0.4, padding=0)
        self._pillars = pillars

    def redraw(self, changed: set[str]) -> None:
        st, data = self.state, self.data
        if self.bars is not None:
            self.plot.removeItem(self.bars)
            self.bars = None
        iso = st.focused
        if not iso:
            self.clear_legend()
            self.world.clear()
            self.region.clear()
            self.country.clear()
            self.title.setText(self.TITLE)
            self.note.setText("Focus a country to see its profile.")
            self._plotted = pd.DataFrame(columns=["indicator", "value", "year"])
            self._sources = []
            return
        p = data.profile(iso, st.year)
        self._sources = p["indicator"].tolist()
        name = data.name(iso)
        region = data.region_of(iso)
        slot = st.colour_slot(iso)
        colour = palette.slot_colour(slot if slot is not None else 0)
        symbol = palette.slot_symbol(slot if slot is not None else 0)

        y = np.arange(len(p), dtype=float)
        has = p["value"].notna().to_numpy()
        self.bars = pg.BarGraphItem(x0=np.zeros(has.sum()), y=y[has], height=0.62,
                                    width=p.loc[has, "value"].to_numpy(dtype=float),
                                    brush=pg.mkBrush(colour), pen=None)
        self.plot.addItem(self.bars)
        # A marker at the value, so a score of 0 (worst) is visible and never reads as missing.
        self.country.setData(x=p.loc[has, "value"].to_numpy(dtype=float), y=y[has], symbol=symbol,
                             size=16, brush=pg.mkBrush(colour), pen=pen(palette.TEXT, 1.5))
        wm = p["world_median"].notna().to_numpy()
        rm = p["region_median"].notna().to_numpy()
        self.world.setData(x=p.loc[wm, "world_median"].to_numpy(), y=y[wm], symbol="d", size=18,
                           brush=pg.mkBrush(palette.WORLD_MEDIAN), pen=pen("#FFFFFF", 1.5))
        self.region.setData(x=p.loc[rm, "region_median"].to_numpy(), y=y[rm], symbol="|", size=30,
                            brush=pg.mkBrush(palette.REGION_MEDIAN), pen=pen(palette.REGION_MEDIAN, 5))

        asked = st.year
        ticks = []
        for i, (short, value, year) in enumerate(zip(p["short"], p["value"], p["year"])):
            if pd.isna(value):
                short += ": no data"
            elif asked is not None and year != asked:
                short += f" ({int(year)})"
            ticks.append((float(i), short))
        if ticks != self._ticks:  # retitling 50 rows costs a full axis redraw
            ax = self.plot.getAxis("left")
            ax.setTicks([ticks])
            ax.setStyle(tickLength=0)
            self._ticks = ticks
        self._separate_pillars(p["pillar"].fillna("context").tolist())

        entries = [(Swatch(colour, symbol, pen(colour, 12), size=16, outline=palette.TEXT), name)]
        if region:
            entries.append((Swatch(palette.REGION_MEDIAN, "|", size=26, outline=palette.REGION_MEDIAN),
                            f"{region} median"))
        entries.append((Swatch(palette.WORLD_MEDIAN, "d", size=18, outline="#FFFFFF"), "World median"))
        self.set_legend(entries)
        self.set_axis_label("bottom", NORMALISED_AXIS)
        self.set_axis_label("left", "")
        when = "latest year with data" if asked is None else f"{asked}, or latest year with data"
        self.title.setText(f"Profile of {name} ({when})")
        notes = []
        n_missing = int((~has).sum())
        if n_missing:
            notes.append(f"{n_missing} indicator(s) have no data for {name}.")
        if asked is not None and (p.loc[has, "year"] != asked).any():
            notes.append(f"A year in brackets: the value is from that year, not {asked}; "
                         "medians are of the same year.")
        notes.append("Dashed lines separate pillars. Context indicators are not scored.")
        self.note.setText(" ".join(notes))

        out = p.copy()
        out.insert(0, "iso3", iso)
        out.insert(1, "name", name)
        self._plotted = out
