"""Bubbles (Gapminder-style): two indicators in raw units, one bubble per country with both
values in the shown year, its area the country's population that year, its colour the UN
region; the compared countries leave a trail of their earlier years as the timeline plays.

The year rule is ``Exact`` for both axes: a country appears only in years where both values
exist, so a bubble never moves on a value from another year. A country without a population
for the year is a small hollow ring, counted in the note (size unknown, not guessed).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg

from ...views.bubble import BubbleData, sizes
from .. import palette
from . import logscale
from .base import LEGEND_RIGHT_PX, LINE_W, Chart, Swatch, pen
from .scatter import ScatterChart

# UN regions: Okabe-Ito colours not used by the first compare slots' meanings
REGION_COLOURS = {"Africa": "#E69F00", "Americas": "#D55E00", "Asia": "#009E73", "Europe": "#0072B2",
                  "Oceania": "#CC79A7", None: "#999999"}
UNKNOWN_SIZE = 10


class BubbleChart(Chart):
    TITLE = "Bubbles"
    WATCH = frozenset({"indicator", "indicator_y", "selected", "focused", "year"})

    def __init__(self, data, state, parent=None):
        super().__init__(data, state, parent)
        self.bubbles_data = BubbleData(data.panel)
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.bubbles = pg.ScatterPlotItem(pxMode=True, hoverable=True, tip=lambda x, y, d: d or "")
        self.plot.addItem(self.bubbles)
        self.trails: dict[str, pg.PlotDataItem] = {}
        self.year_text = pg.TextItem(color="#C8C8C8", anchor=(1, 1))
        self.year_text.setZValue(-10)
        self.plot.addItem(self.year_text, ignoreBounds=True)
        self._pair: tuple | None = None
        self._top = 0.0
        self.logscale = logscale.LogToggle(self)
        self._log_on = False
        self._log_xy = (False, False)

    y_indicator = ScatterChart.y_indicator

    def _narrow(self) -> bool:
        """A canvas too narrow for the legend beside the plot (the width rule alone: the
        trails' legend lines follow it, so they never feed back into where the legend goes;
        they did, and a narrow chart at the largest text redrew itself without end)."""
        return self.width() < LEGEND_RIGHT_PX * self.zoom

    def place_legend(self) -> None:
        narrow, before = self._narrow(), getattr(self, "_was_narrow", None)
        self._was_narrow = narrow
        super().place_legend()
        if before is not None and narrow != before:  # the trails' legend lines change with it
            self._pending.add("all")
            if self.isVisible():
                self.flush()

    def rescale_items(self) -> None:
        self._pair = None

    def redraw(self, changed: set[str]) -> None:
        st, data = self.state, self.data
        ind_x = st.indicator
        ind_y, stand_in = self.y_indicator()
        if not ind_x or ind_x not in data.panel.indicator_meta or ind_y is None:
            self._clear("Choose an indicator for the bubbles.")
            return
        bd = self.bubbles_data
        years = bd.years(ind_x, ind_y)
        self._sources = [ind_x, ind_y]
        # no year chosen: the latest with both values (rule Latest), named in the title
        year = st.year if st.year is not None else (years[-1] if years else None)
        if year not in years:
            near = min(years, key=lambda y: (abs(y - year), y > year)) if years else None
            self._offered = near
            short_x, short_y = data.info(ind_x).short, data.info(ind_y).short
            self._clear(f"No country has both {short_x} and {short_y} for {year}." if year else
                        f"No country has both {short_x} and {short_y} in any year.")
            self._sources = [ind_x, ind_y]
            self.note.setText(self.note.text()
                        + (f" The nearest year with both is {near}." if near else ""))
            if near is not None:
                self.offer.setText(f"Show {near}")
                self.offer.show()
            return
        self.offer.hide()
        ix, iy = data.info(ind_x), data.info(ind_y)
        self.logscale.enable(ix, iy)
        self._log_xy = (self.logscale.axis_on(ix), self.logscale.axis_on(iy))
        self._log_on = any(self._log_xy)
        pair = (ind_x, ind_y, self.zoom, self._log_xy)
        if pair != self._pair:  # axes fixed over every year, so bubbles move, not the axes
            self._pair = pair
            allp = bd.pairs(ind_x, ind_y)
            for axis, col, log in (("x", "x", self._log_xy[0]), ("y", "y", self._log_xy[1])):
                lo, hi = float(allp[col].min()), float(allp[col].max())
                if log:
                    lo, hi = 0.0, float(logscale.fwd(hi))
                pad = 0.06 * ((hi - lo) or 1)
                (self.plot.setXRange if axis == "x" else self.plot.setYRange)(lo - pad, hi + pad, padding=0)
                logscale.set_axis(self.plot.getAxis("bottom" if axis == "x" else "left"), log,
                                  float(allp[col].max()) if len(allp) else None)
            self.set_axis_label("bottom", logscale.axis_label(ix.raw_axis) if self._log_xy[0] else ix.raw_axis)
            self.set_axis_label("left", (logscale.axis_label(iy.raw_axis) if self._log_xy[1] else iy.raw_axis)
                                + (" (automatic second indicator)" if stand_in else ""))
            pops = [p for p in bd.population().values() if p == p]
            self._top = max(pops) if pops else 0.0
        df = bd.frame(ind_x, ind_y, year)
        d = sizes(df["population"].to_numpy(), self._top, smallest=6 * self.zoom, largest=60 * self.zoom)
        unknown = ~np.isfinite(d)
        spots = []
        sel = set(st.selected)
        order = np.argsort(-np.nan_to_num(d, nan=0))  # large first: small bubbles stay on top
        for k in order:
            r = df.iloc[k]
            colour = REGION_COLOURS.get(r["region"], REGION_COLOURS[None])
            outline = palette.TEXT if r["iso3"] in sel else "#FFFFFF"
            tip = f"{r['name']}: x {r['x']:.3g}, y {r['y']:.3g}, " + (
                f"population {r['population'] / 1e6:,.1f} million" if not unknown[k] else "population unknown")
            pos = tuple(float(v) for v in self._pos(r["x"], r["y"]))
            if unknown[k]:
                spots.append({"pos": pos, "size": UNKNOWN_SIZE * self.zoom, "data": tip,
                              "brush": pg.mkBrush(None), "pen": pen(colour, 2)})
            else:
                spots.append({"pos": pos, "size": float(d[k]), "data": tip,
                              "brush": pg.mkBrush(colour + "B4"),
                              "pen": pen(outline, 3 if r["iso3"] in sel else 1)})
        self.bubbles.setData(spots)
        self._draw_trails(ind_x, ind_y, year)
        vb = self.plot.getViewBox().viewRange()
        self.year_text.setText(str(year))
        self.year_text.setFont(pg.QtGui.QFont("", int(64 * self.zoom), pg.QtGui.QFont.Weight.Bold))
        self.year_text.setPos(vb[0][1], vb[1][0])
        when = f"{year}" if st.year is not None else f"{year} (latest with both)"
        self.title.setText(f"{ix.short} and {iy.short}, {when}: bubble area = population, "
                           f"colour = UN region ({len(df)} countries with both)")
        entries = [(Swatch(c, "o", size=16, outline="#FFFFFF"), region) for region, c in REGION_COLOURS.items()
                   if region is not None and (df["region"] == region).any()]
        trails = [c for c in st.selected if c in self.trails]
        if self._narrow() and len(trails) > 2:
            # a narrow chart (both docks open at 1024 px): one line for the trails, or the legend
            # takes the plot's height; each trail keeps its country's colour from the list
            entries.append((Swatch(palette.TEXT, None, pen(palette.TEXT, LINE_W)),
                            f"{len(trails)} selected (trail)"))
        else:
            entries += [(self.slot_swatch(st.colour_slot(c), line=True), f"{data.name(c)} (trail)")
                        for c in trails]
        self.set_legend(entries)
        notes = [f"Year rule: both values of {year} only; a country without one of them is not drawn."]
        if unknown.any():
            notes.append(f"{int(unknown.sum())} hollow rings: no population for {year} (size unknown).")
        missing = [data.name(c) for c in st.selected if c not in set(df["iso3"])]
        if missing:
            notes.append(f"No data for {year}: " + ", ".join(missing) + ".")
        if self._log_on:
            notes.append(logscale.NOTE)
        self.note.setText(" ".join(notes))
        self._sources = [ind_x, ind_y]
        self._plotted = df.assign(size_px=d)

    def _pos(self, x, y):
        """Where raw (x, y) sit on the axes (log10(1 + v) on a log axis)."""
        lx, ly = self._log_xy
        return (logscale.fwd(x) if lx else x), (logscale.fwd(y) if ly else y)

    def _draw_trails(self, ind_x: str, ind_y: str, year: int) -> None:
        st = self.state
        for iso in list(self.trails):
            if iso not in st.selected:
                self.plot.removeItem(self.trails.pop(iso))
        for iso in st.selected:
            t = self.bubbles_data.trail(ind_x, ind_y, iso, year)
            if t.empty:
                if iso in self.trails:
                    self.trails[iso].setData([], [])
                continue
            ys = t["year"].to_numpy()
            xs, yv = self._pos(t["x"].to_numpy(dtype=float), t["y"].to_numpy(dtype=float))
            # a missing year breaks the trail (connect="finite" over inserted NaNs)
            brk = np.r_[False, np.diff(ys) > 1]
            xs = np.insert(xs, np.where(brk)[0], np.nan)
            yv = np.insert(yv, np.where(brk)[0], np.nan)
            slot = st.colour_slot(iso)
            colour = palette.slot_colour(slot)
            item = self.trails.get(iso)
            if item is None:
                item = self.trails[iso] = pg.PlotDataItem(connect="finite")
                item.setZValue(3)
                self.plot.addItem(item)
            item.setData(xs, yv, pen=pen(colour, LINE_W, dash=palette.slot_dash(slot)), symbol="o",
                         symbolSize=6, symbolBrush=colour, symbolPen=pen(colour, 1))

    def _clear(self, message: str) -> None:
        self._log_on = False
        self.logscale.enable()  # nothing drawn: nothing to put on a log scale
        self.bubbles.setData([])
        for item in self.trails.values():
            self.plot.removeItem(item)
        self.trails.clear()
        self.year_text.setText("")
        self.clear_legend()
        self.title.setText(self.TITLE)
        self.note.setText(message)
        self._plotted = pd.DataFrame(columns=["iso3", "name", "region", "year", "x", "y", "population", "size_px"])
