"""Compare two: one point per country with both indicators, raw units on both axes. Grey
points are all countries, selected ones take their colour and marker and are named on the
chart (the focused one in bold, framed), each label on the side of its point where it
covers the fewest points and no other label; the legend gives their values too, for
keyboard and projector users. Hovering any point names it as well.

Each axis uses its indicator's own data year (the chosen year, else the latest before it,
else the only published year) and says so when that is not the chosen year.
Level-coded (ordinal) indicators pile countries on a few values, so their points are
spread by a fixed small offset that the axis label states.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg

from .. import palette
from PySide6.QtGui import QFontMetrics

from ...views.charts import WINDOW
from . import logscale
from .base import LABEL_PT, TICK_PT, Chart, Swatch, fmt, font, pen

JITTER = 0.15  # spread of points on a level-coded axis, in levels
PAD = 0.08  # share of the data range left empty around the points


def spread(iso3s: pd.Series, amount: float, salt: int) -> np.ndarray:
    """A repeatable offset in [-amount, amount] per country (same country, same place)."""
    h = np.array([(sum(ord(ch) * (31 ** i) for i, ch in enumerate(c)) * (salt + 7)) % 1000
                  for c in iso3s], dtype=float)
    return (h / 999.0 * 2 - 1) * amount


class ScatterChart(Chart):
    TITLE = "Compare two"
    WATCH = frozenset({"indicator", "indicator_y", "selected", "focused", "year"})

    def __init__(self, data, state, parent=None):
        super().__init__(data, state, parent)
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.others = pg.ScatterPlotItem(pxMode=True, hoverable=True, tip=self._tip,
                                         hoverSize=16, hoverBrush=pg.mkBrush("#404040"))
        self.chosen = pg.ScatterPlotItem(pxMode=True, hoverable=True, tip=self._tip)
        self.chosen.setZValue(5)
        self.plot.addItem(self.others)
        self.plot.addItem(self.chosen)
        self.label = pg.TextItem(anchor=(0, 1), color=palette.TEXT, fill=pg.mkBrush(255, 255, 255, 230),
                                 border=pen(palette.TEXT, 1.5))
        self.label.setFont(font(self.pt(LABEL_PT), bold=True))
        self.label.setZValue(10)
        self.plot.addItem(self.label, ignoreBounds=True)
        self.names: list[pg.TextItem] = []  # labels of the other selected points, reused
        self._chosen = pd.DataFrame()
        # Label boxes are worked out in pixels: place them again when the plot's size changes.
        self.plot.getViewBox().sigResized.connect(self._relabel)
        self._key: tuple | None = None
        self._df = pd.DataFrame()
        self._years: tuple[int | None, int | None] = (None, None)
        self.logscale = logscale.LogToggle(self)
        self._log_on = False

    def rescale_items(self) -> None:
        self.label.setFont(font(self.pt(LABEL_PT), bold=True))
        for item in self.names:
            item.setFont(font(self.pt(TICK_PT)))
        self._key = None  # axes and labels are redone at the new size

    @staticmethod
    def _tip(x, y, data):
        return data or ""

    def y_indicator(self) -> tuple[str | None, bool]:
        """The y indicator: the state's, else a stand-in (True when standing in)."""
        st, inds = self.state, self.data.index.indicators
        if st.indicator_y and st.indicator_y in inds.index:
            return st.indicator_y, False
        # Stand-in: a scored indicator from another pillar and another publisher, with data in
        # the chosen year if possible, widest first: a second view, not a re-scaled copy of x.
        others = inds[inds["id"] != st.indicator]
        if st.indicator in inds.index:
            x = inds.loc[st.indicator]
            apart = others[others["pillar"].notna() & (others["pillar"] != x["pillar"])
                           & (others["source"] != x["source"])]
            others = apart if len(apart) else others
        if st.year is not None:
            inyear = others[(others["first_year"] <= st.year) & (others["last_year"] >= st.year)]
            others = inyear if len(inyear) else others
        others = others.sort_values("n_obs", ascending=False, kind="stable")
        return (others.index[0] if len(others) else None), True

    def redraw(self, changed: set[str]) -> None:
        st, data = self.state, self.data
        ind_x = st.indicator
        ind_y, stand_in = self.y_indicator()
        if not ind_x or ind_x not in data.panel.indicator_meta or ind_y is None:
            self._clear("Choose two indicators to compare.")
            return
        # Rule AtOrBefore(year, 3) for each axis; a pair without data says so and offers a year.
        for ind in (ind_x, ind_y):
            if data.data_year(ind, st.year) is None:
                near = data.exact_year(ind, st.year)[1]
                self._offered = near
                short = data.info(ind).short
                self._clear(f"{short} has no data from {st.year - WINDOW} to {st.year}."
                            + (f" The nearest year with data is {near}." if near is not None else ""))
                self.offer.setText(f"Show {near}")
                self.offer.setVisible(near is not None)
                return
        self.offer.hide()
        key = (ind_x, ind_y, st.year, self.logscale.wanted)
        if key != self._key:
            self._prepare(ind_x, ind_y, stand_in)
            self._key = key
            changed = changed | {"all"}
        if changed & {"all", "selected"}:
            rest = self._df[~self._df["iso3"].isin(st.selected)]
            self.others.setData(x=rest["px"].to_numpy(), y=rest["py"].to_numpy(), size=11,
                                brush=pg.mkBrush(palette.UNSELECTED), pen=pen("#808080", 1),
                                data=rest["tip"].tolist())
        self._draw_selection(ind_x, ind_y, stand_in)

    def _clear(self, message: str) -> None:
        self._log_on = False
        self.logscale.enable()  # nothing drawn: nothing to put on a log scale
        self.others.clear()
        self.chosen.clear()
        self.clear_legend()
        self.label.hide()
        for item in self.names:
            item.hide()
        self.title.setText(self.TITLE)
        self.note.setText(message)
        self._plotted = pd.DataFrame(columns=["iso3", "name", "x", "y", "selected", "focused"])
        self._sources = []
        self._key = None

    def _prepare(self, ind_x: str, ind_y: str, stand_in: bool) -> None:
        """Pairs, tooltips and axes for a new pair of indicators or year."""
        st, data = self.state, self.data
        df, yx, yy = data.scatter(ind_x, ind_y, st.year)
        ix, iy = data.info(ind_x), data.info(ind_y)
        self._sources = [ind_x, ind_y]
        df = df.copy()
        self.logscale.enable(ix, iy)
        log_x, log_y = self.logscale.axis_on(ix), self.logscale.axis_on(iy)
        self._log_on = log_x or log_y
        df["px"] = logscale.fwd(df["x"]) if log_x else df["x"] + (spread(df["iso3"], JITTER, 1) if ix.levels else 0.0)
        df["py"] = logscale.fwd(df["y"]) if log_y else df["y"] + (spread(df["iso3"], JITTER, 2) if iy.levels else 0.0)
        df["tip"] = (df["name"] + "\n" + f"{ix.short}: " + df["x"].map(lambda v: fmt(v, ix.levels))
                     + f" ({yx})\n" + f"{iy.short}: " + df["y"].map(lambda v: fmt(v, iy.levels)) + f" ({yy})")
        self._df, self._years = df, (yx, yy)
        when_x = "" if st.year in (None, yx) else f", {yx} data"
        when_y = "" if st.year in (None, yy) else f", {yy} data"
        spread_x = f"; points spread ±{JITTER} to show ties" if ix.levels else ""
        spread_y = f"; points spread ±{JITTER} to show ties" if iy.levels else ""
        self.set_axis_label("bottom", ix.axis_label(f"{when_x}{spread_x}{', log scale' if log_x else ''}", limit=100))
        self.set_axis_label("left", iy.axis_label(f"{when_y}{spread_y}{', log scale' if log_y else ''}"))
        self.set_levels("bottom", ix.levels)
        self.set_levels("left", iy.levels)
        logscale.set_axis(self.plot.getAxis("bottom"), log_x, df["x"].max() if len(df) else None)
        logscale.set_axis(self.plot.getAxis("left"), log_y, df["y"].max() if len(df) else None)
        year_txt = f"{yx}" if yx == yy else f"{yx} and {yy}"
        self.title.setText(f"{ix.short} vs {iy.short}, {year_txt}: {len(df)} countries with both")
        # Fixed padding around the data: room for the focus label inside the view.
        if len(df):
            x0, x1, y0, y1 = df["px"].min(), df["px"].max(), df["py"].min(), df["py"].max()
            sx, sy = (x1 - x0) or 1.0, (y1 - y0) or 1.0
            self.plot.setXRange(x0 - PAD * sx, x1 + PAD * sx, padding=0)
            self.plot.setYRange(y0 - PAD * sy, y1 + PAD * sy, padding=0)

    def _draw_selection(self, ind_x: str, ind_y: str, stand_in: bool) -> None:
        st, data = self.state, self.data
        df = self._df
        sel = df["iso3"].isin(st.selected)
        chosen = df[sel]
        spots = []
        for _, row in chosen.iterrows():
            slot = st.colour_slot(row["iso3"])
            focused = row["iso3"] == st.focused
            spots.append({"pos": (row["px"], row["py"]), "symbol": palette.slot_symbol(slot),
                          "size": 22 if focused else 17, "brush": pg.mkBrush(palette.slot_colour(slot)),
                          "pen": pen(palette.TEXT, 2 if focused else 1.2), "data": row["tip"]})
        self.chosen.setData(spots)

        plotted = set(chosen["iso3"])
        ix, iy = data.info(ind_x), data.info(ind_y)
        xy = {r.iso3: (r.x, r.y) for r in chosen.itertuples()}
        entries = []
        for iso in st.selected:
            focused = iso == st.focused
            if iso in plotted:  # (x, y) as on the axes: the values without hovering
                x, y = xy[iso]
                text = f"{'▶ ' if focused else ''}{data.name(iso)} ({fmt(x, ix.levels)}, {fmt(y, iy.levels)})"
            else:
                text = f"{data.name(iso)}: no data"
            entries.append((self.slot_swatch(st.colour_slot(iso), focused=focused), text))
        entries.append((Swatch(palette.UNSELECTED, "o", outline="#808080", size=12), "other countries"))
        self._chosen = chosen  # first: a new legend may resize the plot, which relabels
        self.set_legend(entries)
        self._label_points(df, chosen)

        notes = []
        if stand_in:
            notes.append(f"No second indicator chosen: showing {data.info(ind_y).short}.")
        lacking = [c for c in st.selected if c not in plotted]
        if lacking:
            notes.append("Not plotted, a value is missing: " + ", ".join(data.name(c) for c in lacking) + ".")
        notes.append("Legend: (x, y) values. Hover any grey point to name it.")
        if self._log_on:
            notes.append(logscale.NOTE)
        self.note.setText(" ".join(notes))

        yx, yy = self._years
        out = df[["iso3", "name", "x", "y"]].copy()
        out.insert(2, "x_indicator", ind_x)
        out.insert(3, "x_year", yx)
        out.insert(4, "y_indicator", ind_y)
        out.insert(5, "y_year", yy)
        out["selected"] = sel.to_numpy()
        out["focused"] = (df["iso3"] == st.focused).to_numpy()
        self._plotted = out.reset_index(drop=True)

    def _label_points(self, df: pd.DataFrame, chosen: pd.DataFrame) -> None:
        """Name the selected points (and the focused one, selected or not), the focused
        first, each on the side where it covers the fewest points and no earlier label."""
        focus = self.state.focused
        rows = df[df["iso3"].isin(chosen["iso3"]) | (df["iso3"] == focus)]
        rows = pd.concat([rows[rows["iso3"] == focus], rows[rows["iso3"] != focus]])
        vb = self.plot.getViewBox()
        fm_bold = QFontMetrics(font(self.pt(LABEL_PT), bold=True))
        fm = QFontMetrics(font(self.pt(TICK_PT)))
        placed: list[tuple[float, float, float, float]] = []
        self.label.hide()
        n_names = 0
        for _, row in rows.iterrows():
            if row["iso3"] == focus:
                item, size = self.label, (fm_bold.horizontalAdvance(row["name"]) + 12, fm_bold.height() + 8)
            else:
                if n_names == len(self.names):
                    item = pg.TextItem(color=palette.TEXT, fill=pg.mkBrush(255, 255, 255, 200))
                    item.setFont(font(self.pt(TICK_PT)))
                    item.setZValue(9)
                    self.plot.addItem(item, ignoreBounds=True)
                    self.names.append(item)
                item = self.names[n_names]
                n_names += 1
                size = (fm.horizontalAdvance(row["name"]) + 8, fm.height() + 8)
            anchor, box = label_anchor(df, chosen, row, vb, size, placed)
            if row["iso3"] != focus and label_overlaps(box, placed):
                n_names -= 1  # nowhere free: the legend names it (with its values) instead
                continue
            placed.append(box)
            item.setText(row["name"])
            item.setAnchor(anchor)
            item.setPos(row["px"], row["py"])
            item.show()
        for item in self.names[n_names:]:
            item.hide()

    def _relabel(self, *_) -> None:
        if len(self._df) and self._key is not None and "iso3" in self._chosen.columns:
            self._label_points(self._df, self._chosen)

    def point_labels(self) -> dict[str, str]:
        """The names written on the chart: iso3 -> text (for tests and screen readers)."""
        self.flush()
        shown = [it.toPlainText() for it in [self.label, *self.names] if it.isVisible()]
        df = self._df
        return {iso: name for iso, name in zip(df["iso3"], df["name"]) if name in shown}


# Candidate label anchors around a point, in order of preference: right, left, above,
# below, then the four diagonals (TextItem anchors; values beyond 0..1 leave a gap of a
# marker's radius between point and label).
ANCHORS = [(-0.12, 0.5), (1.12, 0.5), (0.5, 1.35), (0.5, -0.35),
           (-0.06, 1.25), (1.06, 1.25), (-0.06, -0.25), (1.06, -0.25),
           (0.5, 2.4), (0.5, -1.4)]  # a line further up or down, where points crowd
OVERLAP_COST = 100.0  # a label over another label is worse than covering any few points


def label_anchor(df: pd.DataFrame, chosen: pd.DataFrame, row, vb, size=None,
                 placed=()) -> tuple[tuple[float, float], tuple[float, float, float, float]]:
    """The anchor whose label box covers the fewest points (selected ones count most),
    no label in ``placed`` and stays inside the data range; returns (anchor, box), the
    box (left, top, width, height) in shares of the data range, y up. ``size`` is the
    label's (width, height) in pixels."""
    w_px = max(vb.width(), 400.0)
    h_px = max(vb.height(), 300.0)
    x0, x1 = df["px"].min(), df["px"].max()
    y0, y1 = df["py"].min(), df["py"].max()
    sx = (x1 - x0) or 1.0
    sy = (y1 - y0) or 1.0
    # The view shows the data range plus PAD on each side: pixels per share of the range.
    w_px, h_px = w_px / (1 + 2 * PAD), h_px / (1 + 2 * PAD)
    lw_px, lh_px = size or (len(row["name"]) * 11 + 16, 30)
    lw, lh = lw_px / w_px, lh_px / h_px  # label size as a share of the data range
    nx = ((df["px"] - x0) / sx).to_numpy()
    ny = ((df["py"] - y0) / sy).to_numpy()
    weight = np.where(df["iso3"].isin(chosen["iso3"]).to_numpy(), 5.0, 1.0)
    px, py = (row["px"] - x0) / sx, (row["py"] - y0) / sy
    best, best_box, best_cost = ANCHORS[0], (0.0, 0.0, lw, lh), float("inf")
    for rank, (ax, ay) in enumerate(ANCHORS):
        left = px - ax * lw
        top = py + ay * lh  # y grows upwards in data space
        inside = (nx >= left) & (nx <= left + lw) & (ny <= top) & (ny >= top - lh)
        cost = float(weight[inside].sum()) + 0.01 * rank
        cost += OVERLAP_COST * label_overlaps((left, top, lw, lh), placed)
        # Outside the data range the label may leave the view (a small padding is shown).
        cost += 20 * sum((left < -PAD, left + lw > 1 + PAD, top > 1 + PAD, top - lh < -PAD))
        if cost < best_cost:
            best, best_box, best_cost = (ax, ay), (left, top, lw, lh), cost
    return best, best_box


def label_overlaps(box, placed) -> int:
    """How many of the ``placed`` boxes (left, top, width, height; y up) ``box`` overlaps."""
    left, top, lw, lh = box
    return sum(left < bl + bw and bl < left + lw and top > bt - bh and bt > top - lh
               for bl, bt, bw, bh in placed)
