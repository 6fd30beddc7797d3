"""Ranking: every country with a value in the year, least persecution on the left, bars in
raw units. Selected countries take their colour (and a marker on the bar top); the
focused one is labelled on the chart, the others are named in the legend with rank and
value, so ten selected countries never stack labels on each other.

When the year changes, the bars move from their old rank to the new one over a short
transition (``ui/transition.py``), so a student can follow a country; the last frame is the
exact new ranking. A country new to the ranking grows from the scale's floor in its place.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg

from ...views.readings import NOT_LISTED, documented_text
from .. import palette
from . import logscale
from ..transition import Transition, lerp
from .base import LABEL_PT, Chart, fmt, font, pen


STUB = 0.03  # share of the scale a bar at the scale's floor keeps, so it is seen


def compared_first_in_ties(r: pd.DataFrame, compared) -> pd.DataFrame:
    """The ranking with, in each group of countries tied at one rank, the compared ones first:
    a marked bar then stands at its rank on the rank axis ("#24 Germany", one of four tied at
    24, was drawn at 27). The bars of a tie are equally tall, so only their order changes."""
    if r.empty or not r["rank"].duplicated().any():
        return r
    later = (~r["iso3"].isin(list(compared))).to_numpy()
    order = np.lexsort((np.arange(len(r)), later, r["rank"].to_numpy()))
    return r.iloc[order].reset_index(drop=True)


def bar_base(info, heights: np.ndarray) -> float:
    """Where bars start: a bounded scale's floor (PTS 1-5 starts at 1, not 0, which would
    exaggerate), a little below it so a country at the floor still has a visible bar;
    ordinal levels from half a level below the first; other scales from 0."""
    if info.levels:
        return -0.5  # the lowest level is a bar, not an empty slot
    if info.floor is not None:
        top = info.raw_max if info.raw_max is not None else float(np.nanmax(heights, initial=info.floor + 1))
        return info.floor - STUB * ((top - info.floor) or 1.0)
    return 0.0


class RankingChart(Chart):
    TITLE = "Ranking"
    WATCH = frozenset({"indicator", "selected", "focused", "year"})

    def __init__(self, data, state, parent=None):
        super().__init__(data, state, parent)
        self.left_axis = self.plot.getAxis("left")
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.bars: pg.BarGraphItem | None = None
        self.marks = pg.ScatterPlotItem(pxMode=True)
        self.plot.addItem(self.marks)
        self.label = pg.TextItem(anchor=(0.5, 1.0), color=palette.TEXT, fill=pg.mkBrush(255, 255, 255, 230),
                                 border=pen(palette.TEXT, 1.5))
        self.label.setFont(font(self.pt(LABEL_PT), bold=True))
        self.plot.addItem(self.label, ignoreBounds=True)
        self.label.setZValue(10)
        self.leader = pg.PlotCurveItem(pen=pen(palette.TEXT, 2))
        self.leader.setZValue(4)
        self.plot.addItem(self.leader, ignoreBounds=True)
        self._ranking = self._ranked = pd.DataFrame()  # drawn / as the data ranks it
        self._spots: list[tuple[int, dict]] = []
        self._label_at: tuple[int, float, float] | None = None
        self._top = None  # the y range's top before the label's headroom (see _fit_headroom)
        self.plot.getViewBox().sigResized.connect(self._fit_headroom)
        self._shown: tuple[str, int] | None = None
        self._span = (0.0, 1.0)
        self._levels: tuple[str, ...] = ()
        self._documented = False  # documented-only indicator: listed, never ranked
        self.logscale = logscale.LogToggle(self)
        self._log_on = False
        self.resort = Transition(self)
        self._at: dict[str, tuple[float, float]] = {}   # iso3 -> (x, height) as last drawn
        self._final = (np.zeros(0), np.zeros(0))        # the new ranking's x and heights
        self._from = (np.zeros(0), np.zeros(0))         # where each of its bars starts
        self._showing = False

    def showEvent(self, event):  # noqa: N802 (Qt name)
        self._showing = True      # changes queued while hidden are drawn at once, not replayed
        try:
            super().showEvent(event)
        finally:
            self._showing = False

    def settle(self) -> None:
        self.resort.finish()      # an export shows the ranking, never a frame of its transition

    def rescale_items(self) -> None:
        self.label.setFont(font(self.pt(LABEL_PT), bold=True))

    def redraw(self, changed: set[str]) -> None:
        st, data = self.state, self.data
        ind = st.indicator
        if not ind or ind not in data.panel.indicator_meta:
            self._clear("Choose an indicator to rank countries.")
            return
        year = self.year_or_offer(ind)  # rule Exact: a year without data says so, never moves
        if year is None:
            return
        moved = False
        if changed & {"all", "indicator", "year"} or (ind, year) != self._shown:
            moved = self._shown is not None and self._shown[0] == ind and self._shown[1] != year
            self._ranking = self._ranked = data.ranking(ind, year)
            self._shown = (ind, year)
            changed = changed | {"all"}
        if changed & {"all", "selected"} or self.bars is None or (
                "focused" in changed and not self._marked_first().equals(self._ranking["iso3"])):
            self._draw_bars(ind, year)   # (a new focus tied with others moves to its rank)
        self._draw_selection(ind, year)
        if moved and not self._showing and not self._documented:
            self.resort.start(self._resort_frame)
        else:
            self.resort.finish()

    def _marked(self) -> set[str]:
        """The countries with a marker or the focus label: each stands at its rank in a tie."""
        st = self.state
        return set(st.selected) | ({st.focused} if st.focused else set())

    def _marked_first(self):
        """The order the bars would take now (see compared_first_in_ties)."""
        if self._documented:
            return self._ranking["iso3"]
        return compared_first_in_ties(self._ranked, self._marked())["iso3"]

    def _resort_frame(self, p: float) -> None:
        """The bars, markers and focus label ``p`` of the way from the old ranking to the new."""
        if self.bars is None:
            return
        (x0, h0), (x1, h1) = self._from, self._final
        x, h = (x1, h1) if p >= 1.0 else (lerp(x0, x1, p), lerp(h0, h1, p))
        self.bars.setOpts(x=x, y1=h)
        spots = [dict(s, pos=(float(x[i]), float(h[i]))) for i, s in self._spots]
        self.marks.setData(spots)
        if self._label_at is not None and self.label.isVisible():
            i, y, top = self._label_at
            self.label.setPos(float(x[i]), y)
            self.leader.setData([float(x[i])] * 2, [max(float(h[i]), top), y])

    def _clear(self, message: str) -> None:
        if self.bars is not None:
            self.plot.removeItem(self.bars)
            self.bars = None
        self._shown = None
        self._log_on = False
        self.logscale.enable()  # nothing drawn: nothing to put on a log scale
        self.marks.clear()
        self.clear_legend()
        self.label.hide()
        self.leader.hide()
        self.title.setText(self.TITLE)
        self.note.setText(message)
        self._plotted = pd.DataFrame(columns=["rank", "of", "iso3", "name", "year", "raw_value",
                                              "value", "selected", "focused"])
        self._sources = []

    def _draw_bars(self, ind: str, year: int) -> None:
        st, data = self.state, self.data
        info = data.info(ind)
        self._levels = info.levels
        self._sources = [ind]
        if not data.panel.indicator_meta[ind].get("documented_only"):
            # from the data's order each time: the order within a tie never depends on what was compared before
            self._ranking = compared_first_in_ties(self._ranked, self._marked())
        r = self._ranking
        x = np.arange(1, len(r) + 1, dtype=float)
        heights = r["raw_value"].to_numpy(dtype=float)
        self.logscale.enable(info)
        log = self._log_on = self.logscale.axis_on(info)
        top_raw = float(np.nanmax(heights)) if len(r) else 1.0
        slots = [st.colour_slot(c) for c in r["iso3"]]
        brushes = [pg.mkBrush(palette.slot_colour(s)) for s in slots]
        if self.bars is not None:
            self.plot.removeItem(self.bars)
        if log:  # counts on log10(1 + x): a zero is a bar of height 0 on the "0" tick
            heights = logscale.fwd(heights)
        base = 0.0 if log else bar_base(info, heights)
        self.bars = pg.BarGraphItem(x=x, y0=base, y1=heights, width=1.0, brushes=brushes, pen=None)
        self.plot.addItem(self.bars)
        # where each bar was (a country new to the ranking grows from the floor in its new place)
        iso3 = r["iso3"].tolist()
        was = [self._at.get(c, (xi, base)) for c, xi in zip(iso3, x)]
        self._from = (np.array([w[0] for w in was], float), np.array([w[1] for w in was], float))
        self._final = (x, heights)
        self._at = dict(zip(iso3, zip(x.tolist(), heights.tolist())))

        lo = min(base, float(np.nanmin(heights))) if len(r) else base
        hi = max(base, float(np.nanmax(heights))) if len(r) else base + 1.0
        if info.floor is not None and info.raw_max is not None and not log:
            hi = max(hi, info.raw_max)  # the whole scale: a country's bar reads against its range
        self._span = (lo, hi)
        span = (hi - lo) or 1.0
        if log:
            lo -= 0.03 * span  # the "0" tick sits inside the plot, not on its edge
        self._top = (lo, hi + 0.25 * span)
        self.plot.setYRange(*self._top, padding=0)
        self.plot.setXRange(0, len(r) + 1, padding=0)
        # No ticks below the scale's floor or in the headroom kept for the label.
        self.left_axis.bounds = (info.floor if info.floor is not None and not log else lo, hi)
        self.set_levels("left", info.levels)
        logscale.set_axis(self.left_axis, log, top_raw)
        raw_axis = logscale.axis_label(info.raw_axis) if log else info.raw_axis

        asked = st.year
        when = f"{year}" if asked in (None, year) else f"{year} (latest with data; {asked} chosen)"
        self._documented = bool(data.panel.indicator_meta[ind].get("documented_only"))
        if self._documented:  # documented cases only: absence is not proof, so no rank is shown
            n = int((r["raw_value"] > 0).sum())
            self.title.setText(f"{info.short} ({info.publisher}): documented for {n} of {len(r)} listed "
                               f"countries, {when} (not a ranking)")
            self.set_axis_label("left", raw_axis)
            self.set_axis_label("bottom", f"Countries listed in {year} (order is not a rank; absence is not proof)")
            return
        self.title.setText(f"{info.short} ({info.publisher}): {len(r)} countries ranked, {when}")
        self.set_axis_label("left", raw_axis)
        self.set_axis_label("bottom", f"Rank in {year} (1 = least persecution)")

    def _draw_selection(self, ind: str, year: int) -> None:
        """Markers on selected bars, the focus label, legend, notes, plotted frame."""
        st, data = self.state, self.data
        r = self._ranking
        chosen = r[r["iso3"].isin(st.selected)]
        spots = []
        for pos, row in chosen.iterrows():
            slot = st.colour_slot(row["iso3"])
            focused = row["iso3"] == st.focused
            y = float(logscale.fwd(row["raw_value"])) if self._log_on else row["raw_value"]
            spots.append((int(pos), {"pos": (pos + 1, y), "symbol": palette.slot_symbol(slot),
                                     "size": 22 if focused else 16, "brush": pg.mkBrush(palette.slot_colour(slot)),
                                     "pen": pen(palette.TEXT, 1.5)}))
        self._spots = spots        # (row, spot): the transition moves them with their bars
        self.marks.setData([s for _, s in spots])

        # Legend: selected countries by rank, then those without a value this year.
        entries = []
        for _, row in chosen.iterrows():
            focused = row["iso3"] == st.focused
            place = "" if self._documented else f"#{row['rank']} "
            shown = (documented_text(row["raw_value"], data.info(ind).unit) if self._documented
                     else fmt(row["raw_value"], self._levels))
            entries.append((self.slot_swatch(st.colour_slot(row["iso3"]), focused=focused),
                            f"{'▶ ' if focused else ''}{place}{row['name']}: {shown}"))
        ranked = set(r["iso3"])
        missing = [c for c in st.selected if c not in ranked]
        for iso in missing:
            gap = NOT_LISTED if self._documented else f"no data for {year}"
            entries.append((self.slot_swatch(st.colour_slot(iso)), f"{data.name(iso)}: {gap}"))
        self.set_legend(entries)
        self._label_focus(r)

        notes = ["Ties share a rank."] if r["rank"].duplicated().any() and not self._documented else []
        if missing:
            notes.append(f"No data for {year}: " + ", ".join(data.name(c) for c in missing)
                         + " (not ranked, not counted as 0).")
        if not st.selected:
            notes.append("Select countries to highlight them.")
        if self._log_on:
            notes.append(logscale.NOTE)
        self.note.setText(" ".join(notes))
        out = r.drop(columns=["region"])
        out["selected"] = out["iso3"].isin(st.selected)
        out["focused"] = out["iso3"] == st.focused
        if self._documented:
            out = out.drop(columns=["rank", "of"]).assign(record=[documented_text(v, data.info(ind).unit)
                                                                 for v in out["raw_value"]])
        self._plotted = out

    def _label_focus(self, r: pd.DataFrame) -> None:
        st = self.state
        hit = r.index[r["iso3"] == st.focused] if st.focused else []
        self._label_at = None
        if not len(hit):
            self.label.hide()
            self.leader.hide()
            return
        pos = int(hit[0])
        row = r.loc[pos]
        lo, hi = self._span
        span = (hi - lo) or 1.0
        top = max(float(logscale.fwd(row["raw_value"]) if self._log_on else row["raw_value"]), lo)
        y = hi + 0.15 * span
        if self._documented:
            texts = [f"{row['name']}: {documented_text(row['raw_value'], self.data.info(self.state.indicator).unit)}"]
        else:  # shorter ones for a narrow plot (the legend has the whole line too)
            texts = [f"{row['name']}: #{row['rank']} of {row['of']}, {fmt(row['raw_value'], self._levels)}",
                     f"{row['name']}: #{row['rank']}", f"#{row['rank']}"]
        self._label_texts = texts
        self.label.setText(texts[0])
        self.label.setPos(pos + 1, y)
        self.leader.setData([pos + 1, pos + 1], [top, y])
        self._label_at = (pos, y, lo)
        self.label.show()
        self.leader.show()
        self._fit_headroom()

    def _fit_label_x(self) -> None:
        """The focus label stays inside the plot sideways: anchored so that it does, and in a
        plot narrower than it, a shorter text (at 1024x700 and the largest text it was cut)."""
        vb = self.plot.getViewBox()
        width = vb.width()
        (x0, x1), _ = vb.viewRange()
        if width <= 0 or x1 <= x0:
            return
        at = (self._label_at[0] + 1 - x0) / (x1 - x0) * width  # the bar, in pixels from the left
        texts = getattr(self, "_label_texts", [self.label.textItem.toPlainText()])
        for text in texts:
            if self.label.textItem.toPlainText() != text:
                self.label.setText(text)
            w = self.label.textItem.boundingRect().width()
            if w + 8 <= width or text is texts[-1]:
                break
        a = 0.5 if w <= 0 else min(max(0.5, 1 - (width - 4 - at) / w), max(0.0, (at - 4) / w))
        self.label.setAnchor((min(max(a, 0.0), 1.0), 1.0))

    def _fit_headroom(self, *_) -> None:
        """Room above the bars for the focus label, in pixels: a quarter of the scale held it at
        normal text, but at the largest text in a short plot its top was cut off."""
        if self._top is None or self._label_at is None or not self.label.isVisible():
            return
        self._fit_label_x()
        lo, top = self._top
        y = self._label_at[1]
        plot_px = self.plot.getViewBox().height()
        need_px = self.label.textItem.boundingRect().height() + 8
        k = need_px / plot_px if plot_px > 0 else 1.0
        if k < 0.8:  # (a plot shorter than this cannot hold it anyway)
            top = max(top, (y - k * lo) / (1 - k))
        if abs(self.plot.getViewBox().viewRange()[1][1] - top) > 1e-9:
            self.plot.setYRange(lo, top, padding=0)
