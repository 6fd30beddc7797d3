"""Over time: the chosen indicator for the selected countries, in raw units, with the
world median and the focused country's region median as reference lines. A focused
country that is not selected is drawn too, in black with hollow markers, so its region's
median never appears without it.

Each selected country keeps its slot's colour, marker and dash pattern, so lines can be
told apart without colour (a projector, a grey-scale print).

A year without a value is a gap in the line, never a bridge; every observed year has a
marker, so an indicator published once still reads as one point per country.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from ...views.charts import WORLD
from .. import palette
from . import logscale
from .base import FOCUS_W, LINE_W, Chart, Swatch, pen


def span_text(first, last) -> str:
    return f"{first}" if first == last else f"{first}-{last}"


def with_gaps(years: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Insert a NaN between non-consecutive years so the line breaks at a gap."""
    if len(years) < 2:
        return years.astype(float), values.astype(float)
    xs, ys = [float(years[0])], [float(values[0])]
    for y0, y1, v in zip(years[:-1], years[1:], values[1:]):
        if y1 - y0 > 1:
            xs.append(np.nan)
            ys.append(np.nan)
        xs.append(float(y1))
        ys.append(float(v))
    return np.array(xs), np.array(ys)


def _last_finite(raw: np.ndarray) -> float:
    """The latest non-missing raw value (a legend's order), NaN when there is none."""
    ok = raw[~np.isnan(raw)]
    return float(ok[-1]) if len(ok) else float("nan")


def _no_data_row(name: str, iso3: str) -> dict:
    return {"series": [name], "iso3": [iso3], "year": [None], "raw_value": [None], "value": [None]}


# Lines are redrawn on a data or style change only: pyqtgraph's default dynamicRangeLimit
# re-renders every line and marker set on each change of the view's range (40 times while
# the first chart was laid out). Our values never lie far off screen, which that limit guards.
class TimeSeriesChart(Chart):
    TITLE = "Over time"
    WATCH = frozenset({"indicator", "selected", "focused", "year"})

    def __init__(self, data, state, parent=None):
        super().__init__(data, state, parent)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.year_line = pg.InfiniteLine(angle=90, movable=False,
                                         pen=pen("#808080", 2, Qt.PenStyle.DotLine))
        self.plot.addItem(self.year_line, ignoreBounds=True)
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._medians: dict[str, pg.PlotDataItem] = {}
        # What is plotted, as the columns of plotted()'s frame (built only when asked for: pandas
        # stays off the start-up path and a focus switch builds no frame).
        self._median_rows: dict[str, dict] = {}
        self._region: str | None = None
        self._extra: str | None = None  # the focused country drawn although not selected
        self._extra_rows: list[dict] = []
        self._extra_item: pg.PlotDataItem | None = None
        self.logscale = logscale.LogToggle(self)
        self._log_on = False

    def redraw(self, changed: set[str]) -> None:
        st = self.state
        ind = st.indicator
        if not ind or ind not in self.data.panel.indicator_meta:
            self._log_on = False
            self.logscale.enable()
            self._empty("Choose an indicator to see it over time.")
        elif changed & {"all", "indicator", "selected"}:
            self._draw(ind)
        elif "focused" in changed:
            self._refocus(ind)
        if st.year is not None:
            self.year_line.setPos(st.year)
            self.year_line.show()
        else:
            self.year_line.hide()

    def _empty(self, message: str) -> None:
        for item in self._curves.values():
            if item is not self._extra_item:
                self.plot.removeItem(item)
        self._curves.clear()
        if self._extra_item is not None:
            self._extra_item.setData([], [])
            self._extra_item.hide()
        self._extra = None
        self._extra_rows = []
        for item in self._medians.values():  # kept for reuse: adding an item re-lays out the plot
            item.setData([], [])
            item.hide()
        self._order, self._spans, self._missing = [], {}, []
        if message:
            self.clear_legend()
        self.title.setText(self.TITLE)
        self.note.setText(message)
        self._country_rows: list[dict] = []
        self._median_rows = {}
        self._plotted = None
        self._sources = []
        self._region = None

    COLUMNS = ["series", "iso3", "year", "raw_value", "value", "n_countries"]

    def _y(self, raw: np.ndarray) -> np.ndarray:
        """Where raw values sit on the value axis (log10(1 + x) on the log scale)."""
        return logscale.fwd(raw) if self._log_on else raw

    def _draw(self, ind: str) -> None:
        """Everything: countries, medians, axes, notes (indicator or selection changed)."""
        st, data = self.state, self.data
        info = data.info(ind)
        self.logscale.enable(info)
        self._log_on = self.logscale.axis_on(info)
        self._empty("")
        self._sources = [ind]
        series = {iso: data.series(ind, iso) for iso in sorted(set(st.selected))}
        series = {iso: s for iso, s in series.items() if len(s[0])}
        years = data.years(ind)
        chart_span = span_text(years[0], years[-1]) if years else ""
        frames = []
        latest = {iso: _last_finite(raw) for iso, (_, raw, _) in series.items()}
        self._order = sorted(latest, key=lambda c: -latest[c])  # legend top = chart top
        self._spans = {}
        for iso in self._order:
            yrs, raw, val = series[iso]
            slot = st.colour_slot(iso)
            colour = palette.slot_colour(slot)
            x, y = with_gaps(yrs, self._y(raw))
            item = pg.PlotDataItem(x, y, pen=pen(colour, dash=palette.slot_dash(slot)), connect="finite",
                                   dynamicRangeLimit=None,
                                   symbol=palette.slot_symbol(slot), symbolSize=10,
                                   symbolBrush=colour, symbolPen=pen(colour, 1))
            item.setZValue(2)
            self.plot.addItem(item)
            self._curves[iso] = item
            span = span_text(yrs.min(), yrs.max())
            # Only a span that differs from the chart's says something.
            self._spans[iso] = "" if span == chart_span else f" ({span})"
            frames.append({"series": data.name(iso), "iso3": iso, "year": yrs, "raw_value": raw, "value": val})
        self._missing = data.without_data(ind, st.selected)
        for iso in self._missing:
            frames.append(_no_data_row(data.name(iso), iso))
        self._country_rows = frames
        self._draw_median(ind, WORLD, "World median", palette.WORLD_MEDIAN, palette.WORLD_DASH)
        self._refocus(ind, force=True)

        self.title.setText(f"{info.short} over time ({info.publisher})")
        self.set_axis_label("left", logscale.axis_label(info.raw_axis) if self._log_on else info.raw_axis)
        self.set_axis_label("bottom", "Year")
        if years:
            self.plot.setXRange(min(years) - 0.5, max(years) + 0.5, padding=0.02)
            self.plot.getAxis("bottom").setTickSpacing(major=5 if len(years) > 12 else 1, minor=1)
        # The value axis spans every country's values: it stays put while the selection and
        # the focus change (nothing jumps, and a focus switch redraws no axis).
        if info.levels:
            self.plot.setYRange(-0.5, len(info.levels) - 0.5, padding=0.02)
        elif (ext := data.extent(ind)) is not None:
            lo, hi = ext
            if info.floor is not None:
                lo = min(lo, info.floor)
            if self._log_on:
                lo, hi = 0.0, float(logscale.fwd(hi))
            self.plot.setYRange(lo, hi if hi > lo else lo + 1, padding=0.04)
        self.set_levels("left", info.levels)
        logscale.set_axis(self.plot.getAxis("left"), self._log_on, ext[1] if (ext := data.extent(ind)) else None)
        notes = []
        if not st.selected:
            notes.append("Select countries to compare them; the lines show the medians only.")
        if self._missing:
            notes.append("No data for this indicator: "
                         + ", ".join(data.name(c) for c in self._missing) + ".")
        if len(years) == 1:
            notes.append(f"Published for {years[0]} only.")
        notes.append("Gaps in a line are years without data; nothing is filled in.")
        if self._log_on:
            notes.append(logscale.NOTE)
        self.note.setText(" ".join(notes))

    def _draw_median(self, ind: str, group: str, label: str, colour: str, dash) -> None:
        """Draw a group's median into its line, reusing the line item when there is one."""
        med = self.data.median_arrays(ind, group)
        key = WORLD if group == WORLD else "region"
        item = self._medians.get(key)
        if not len(med["year"]):
            if item is not None:
                item.setData([], [])
                item.hide()
            self._median_rows.pop(key, None)
            return
        x, y = with_gaps(med["year"], self._y(med["raw_value"]))
        single = len(med["year"]) == 1
        if item is None:
            item = pg.PlotDataItem(pen=pen(colour, LINE_W, dash=dash), connect="finite", dynamicRangeLimit=None,
                                   symbolSize=9,
                                   symbolBrush=colour, symbolPen=None)
            item.setZValue(1)
            self.plot.addItem(item)
            self._medians[key] = item
        item.setSymbol("o" if single else None)
        item.setData(x, y)
        item.show()
        item.legend_label = label
        item.single = single
        self._median_rows[key] = {"series": label, "iso3": "", "year": med["year"], "raw_value": med["raw_value"],
                                  "value": med["value"], "n_countries": med["n"]}

    def _refocus(self, ind: str, force: bool = False) -> None:
        """Focus moved: thicken its line, switch the region median, retitle the legend."""
        st, data = self.state, self.data
        self._draw_extra(ind, force)
        for iso, item in self._curves.items():
            focused = iso == st.focused
            if iso == self._extra or (not force and focused == (item.zValue() == 3)):
                continue  # unchanged: restyling costs a redraw of the curve
            slot = st.colour_slot(iso)
            colour = palette.slot_colour(slot)
            # pen and symbol size in one restyle (setPen and setSymbolSize would each rebuild the points)
            item.opts["pen"] = pen(colour, FOCUS_W if focused else LINE_W, dash=palette.slot_dash(slot))
            item.opts["symbolSize"] = 14 if focused else 10
            item.updateItems(styleUpdate=True)
            item.setZValue(3 if focused else 2)
        region = data.region_of(st.focused)
        if force or region != self._region:
            if region:
                self._draw_median(ind, region, f"{region} median", palette.REGION_MEDIAN,
                                  palette.REGION_DASH)
            elif "region" in self._medians:
                self._medians["region"].hide()
                self._median_rows.pop("region", None)
            self._region = region
        entries = []
        for key, item in self._medians.items():
            if not item.isVisible() or key not in self._median_rows:
                continue
            dash = palette.WORLD_DASH if key == WORLD else palette.REGION_DASH
            colour = palette.WORLD_MEDIAN if key == WORLD else palette.REGION_MEDIAN
            entries.append((Swatch(colour, "o" if item.single else None, pen(colour, LINE_W, dash=dash), size=10),
                            item.legend_label))
        if self._extra:
            has = self._extra in self._curves
            entries.append((Swatch("#FFFFFF", "o", pen(palette.FOCUS_ONLY, FOCUS_W) if has else None, size=18,
                                   outline=palette.FOCUS_ONLY),
                            f"▶ {data.name(self._extra)} (focused, not selected)"
                            + ("" if has else ": no data")))
        for iso in self._order:
            focused = iso == st.focused
            entries.append((self.slot_swatch(st.colour_slot(iso), line=True, focused=focused),
                            f"{'▶ ' if focused else ''}{data.name(iso)}{self._spans[iso]}"))
        for iso in self._missing:
            entries.append((Swatch(palette.UNSELECTED), f"{data.name(iso)}: no data"))
        self.set_legend(entries)
        self._plotted = None  # built when asked for (build_plotted)

    def _draw_extra(self, ind: str, force: bool) -> None:
        """Draw the focused country when it is not selected (and only then)."""
        st, data = self.state, self.data
        extra = st.focused if st.focused and st.focused not in st.selected else None
        if extra == self._extra and not force:
            return
        if self._extra in self._curves:
            self._curves.pop(self._extra)
        self._extra, self._extra_rows = extra, []
        self._plotted = None
        yrs, raw, val = data.series(ind, extra) if extra else (np.zeros(0), np.zeros(0), np.zeros(0))
        if extra is None or not len(yrs):
            if self._extra_item is not None:
                self._extra_item.setData([], [])
                self._extra_item.hide()
            if extra is not None:
                self._extra_rows = [_no_data_row(data.name(extra), extra)]
            return
        x, y = with_gaps(yrs, self._y(raw))
        item = self._extra_item
        if item is None:  # one line for whichever country is focused without being selected
            item = self._extra_item = pg.PlotDataItem(
                pen=pen(palette.FOCUS_ONLY, FOCUS_W), connect="finite", dynamicRangeLimit=None, symbol="o",
                symbolSize=14,
                symbolBrush="#FFFFFF", symbolPen=pen(palette.FOCUS_ONLY, 2.5))
            item.setZValue(3)
            self.plot.addItem(item)
        item.setData(x, y)
        item.show()
        self._curves[extra] = item
        self._extra_rows = [{"series": data.name(extra), "iso3": extra, "year": yrs, "raw_value": raw,
                             "value": val}]

    def build_plotted(self):
        import pandas as pd
        parts = [self._median_rows[k] for k in (WORLD, "region") if k in self._median_rows]
        frames = [pd.DataFrame(p) for p in parts + self._extra_rows + self._country_rows]
        frames = [f for f in frames if len(f)]
        if not frames:
            return pd.DataFrame(columns=self.COLUMNS)
        return pd.concat(frames, ignore_index=True).reindex(columns=self.COLUMNS)

    def curve_pens(self) -> dict[str, float]:
        """Line width per plotted country (the focused one is thicker)."""
        self.flush()
        return {iso: item.opts["pen"].widthF() for iso, item in self._curves.items()}
