"""Map: a world choropleth of the chosen indicator in one year, coloured by the 0-100 score
(100 = least persecution) in five classes of a viridis ramp (colour-blind safe, dark to
light, so it also reads in grey on a washed-out projector). Countries without a value that
year are light grey and hatched, never coloured as 0. Selected countries are outlined in
their slot colours over a white halo (readable on any fill), the focused one thicker and
named; a click on a country focuses it, hovering names it with its value.

Geometry is Natural Earth 1:110m (public domain; equirectangular, lon/lat as x/y), built
into QPainterPaths once: an indicator or year change only recolours, a focus change only
moves the outlines. Small states are not drawn at this scale; selected ones are listed
under the map. Antarctica is left out (no index covers it).
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPainterPath, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsPathItem, QSizePolicy

from ... import geo
from ...views.readings import documented_map_notes, documented_map_rows
from ...views.readings import documented_text, is_documented_only
from .. import palette
from .base import (FOCUS_W, LABEL_PT, LEGEND_PT, LINE_W, TICK_PT, Chart, Swatch, fill_legend,
                   SwatchSample, fmt, font, pen)

# viridis at the middle of each 20-point class (low = dark purple, high = light green):
# distinct for colour-blind viewers and ordered in lightness.
CLASS_COLOURS = ["#482576", "#35608D", "#21918D", "#43BF71", "#BCDF27"]
CLASS_EDGES = [0, 20, 40, 60, 80, 100]
NO_DATA = "#DCDCDC"  # light grey, lighter than any class but the last, and hatched
HATCH = "#8C8C8C"
BORDER = "#FFFFFF"
NO_DATA_BORDER = "#9A9A9A"
# A documented-only indicator (AIGS flags, the spyware inventory) has two fills, never a scale:
# documented = the darkest class; not documented = a pale blue that is no class of the ramp.
DOCUMENTED_FILLS = {"documented": "#482576", "not documented": "#C6DBEF"}
VIEW = QRectF(-180, -57, 360, 141)  # lon -180..180, lat -57..84: the world without Antarctica
MAP_ASPECT = 360 / 141  # width / height of the world in view
CREDIT = "Made with Natural Earth (public domain)"


def colour_class(value: float) -> int:
    """The colour class (0-4) of a 0-100 value; 100 falls in the top class."""
    return int(min(max(value, 0.0) // 20, len(CLASS_COLOURS) - 1))


def _cosmetic(colour: str, width: float) -> QPen:
    p = QPen(QColor(colour), width)
    p.setCosmetic(True)  # pixels on screen, whatever the map's scale
    p.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return p


def hatch_texture(size: int) -> QBrush:
    """Grey with dark diagonal lines, in pixels: the legend's no-data swatch of ``size``
    pixels (legend symbols are drawn scaled by their size; the texture undoes that)."""
    pix = QPixmap(8, 8)
    pix.fill(QColor(NO_DATA))
    p = QPainter(pix)
    try:
        p.setPen(QPen(QColor(HATCH), 1.2))
        p.drawLine(0, 8, 8, 0)
    finally:
        p.end()
    brush = QBrush(pix)
    brush.setTransform(QTransform.fromScale(1 / size, 1 / size))
    return brush


def country_path(rings: list[np.ndarray]) -> QPainterPath:
    """All rings of a country as one path (odd-even fill: lakes and enclaves stay holes)."""
    xy = np.concatenate(rings)
    connect = np.ones(len(xy), dtype=np.int32)
    connect[np.cumsum([len(r) for r in rings]) - 1] = 0  # no line from one ring to the next
    return pg.arrayToQPath(xy[:, 0], xy[:, 1], connect=connect)


class CountryItem(QGraphicsPathItem):
    """One country's fill; a country without data is hatched over its grey.

    The hatch is a child item shown only then: Qt paints both in C++. A Python paint() on each
    of the ~190 countries cost ~8 ms of every timeline step, since a new year repaints them all."""

    HATCH_BRUSH: QBrush | None = None

    def __init__(self, iso3: str, path: QPainterPath):
        super().__init__(path)
        self.iso3 = iso3
        self.bounds = path.boundingRect()
        if CountryItem.HATCH_BRUSH is None:  # pattern brushes are cosmetic: lines in pixels
            CountryItem.HATCH_BRUSH = QBrush(QColor(HATCH), Qt.BrushStyle.BDiagPattern)
        self._hatch = QGraphicsPathItem(path, self)
        self._hatch.setPen(QPen(Qt.PenStyle.NoPen))
        self._hatch.setBrush(self.HATCH_BRUSH)
        self._hatch.setAcceptHoverEvents(False)
        self._hatch.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._hatch.hide()

    @property
    def hatched(self) -> bool:
        return self._hatch.isVisible()

    @hatched.setter
    def hatched(self, on: bool) -> None:
        if on != self._hatch.isVisible():
            self._hatch.setVisible(on)


class OutlineItem(QGraphicsPathItem):
    """A compared country's outline (or its white halo). Its cosmetic pen keeps its width
    in a 2x PNG export too, where Qt would otherwise draw it in device pixels, half as thick."""

    def paint(self, painter, option, widget=None):
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        if dpr != 1.0:
            scaled = QPen(self.pen())
            scaled.setWidthF(scaled.widthF() * dpr)
            painter.setPen(scaled)
            painter.setBrush(self.brush())
            painter.drawPath(self.path())
            return
        super().paint(painter, option, widget)


class MapChart(Chart):
    TITLE = "Map"
    MEASURED_LEGEND = False  # its own place_legend: two legends, sized by the band they get
    WATCH = frozenset({"indicator", "selected", "focused", "year"})

    def __init__(self, data, state, parent=None):
        super().__init__(data, state, parent)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setMouseEnabled(x=False, y=False)
        vb = self.plot.getViewBox()
        vb.setAspectLocked(True, ratio=1.0)  # equirectangular: a degree is a degree both ways
        vb.setMenuEnabled(False)
        vb.setRange(VIEW, padding=0.01)
        self.items: dict[str, CountryItem] = {}
        self.shapes = pd.DataFrame()
        self._brushes = [QBrush(QColor(c)) for c in CLASS_COLOURS]
        self._no_data_brush = QBrush(QColor(NO_DATA))
        self._border = _cosmetic(BORDER, 0.8)
        self._no_data_border = _cosmetic(NO_DATA_BORDER, 0.8)
        self._outlines: list[tuple[OutlineItem, OutlineItem]] = []  # (halo, line)
        self.label = pg.TextItem(anchor=(0.5, 1.0), color=palette.TEXT, fill=pg.mkBrush(255, 255, 255, 235),
                                 border=pen(palette.TEXT, 1.5))
        self.label.setFont(font(self.pt(LABEL_PT), bold=True))
        self.label.setZValue(100)  # above every outline (they use 10..29)
        self.plot.addItem(self.label, ignoreBounds=True)
        self.hover = pg.TextItem(anchor=(0, 1), color=palette.TEXT, fill=pg.mkBrush(255, 255, 224, 240),
                                 border=pen("#606060", 1))
        self.hover.setFont(font(self.pt(TICK_PT)))
        self.hover.setZValue(110)
        self.plot.addItem(self.hover, ignoreBounds=True)
        self.hover.hide()
        self.hovered: str | None = None
        self._values = pd.DataFrame(columns=["iso3", "year", "raw_value", "value", "rank", "of"])
        self._by_iso: dict[str, tuple[float, float, int, int]] = {}
        self._key: tuple | None = None
        self._year: int | None = None
        self._levels: tuple[str, ...] = ()
        # Legends under the map: the colour scale on the left, the compared countries beside it.
        self.scale_legend = pg.LegendItem(labelTextSize=f"{LEGEND_PT}pt", labelTextColor=palette.TEXT,
                                          verSpacing=-4, frame=False, sampleType=SwatchSample)
        self.scale_legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.canvas.ci.removeItem(self.legend)
        self._legends = self.canvas.ci.addLayout(row=1, col=0)
        self._legends.addItem(self.scale_legend, row=0, col=0)
        self._legends.addItem(self.legend, row=0, col=1)
        for item in (self.scale_legend, self.legend):
            self._legends.layout.setAlignment(item, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._legends.layout.setColumnStretchFactor(1, 1)
        self._legend_layout: tuple[str, int] | None = None
        vb.sigResized.connect(self._fit_view)
        scene = self.canvas.scene()
        scene.sigMouseClicked.connect(self._clicked)
        scene.sigMouseMoved.connect(self._moved)

    def rescale_items(self) -> None:
        self.label.setFont(font(self.pt(LABEL_PT), bold=True))
        self.hover.setFont(font(self.pt(TICK_PT)))
        self.scale_legend.opts["labelTextSize"] = f"{self.pt(LEGEND_PT)}pt"
        self._legend_pt = None  # place_legend picks the size again
        self._key = None  # the scale legend is rebuilt at the new size

    LEGEND_SHARE = 0.35  # the legends never take more of the canvas height than this
    LEGEND_SHARE_LARGE = 0.2  # ... at the larger text sizes
    MIN_LEGEND_PT = 11  # smaller would not be read from the back of a room
    FALLBACK_SHARE = 0.45  # a legend that fits no band may take this much, never more: beyond it
                           # the compared countries go into the note (the map was a thin strip)
    RIGHT_MAP_SHARE = (0.9, 0.7)  # width of the map's full height kept when the legend goes right
                                  # (normal, larger text): larger text gives the legend more room

    def place_legend(self) -> None:
        """Both legends stay under the map (a world map is wide, not tall), in a band of at
        most LEGEND_SHARE of the canvas height, so the legend never squeezes the map: the
        fewest columns that fit the band, the colour scale beside or above the compared
        countries, and only when nothing fits at the design size a smaller legend font
        (at the largest text size three presses of Larger text collapsed the map)."""
        scale = [html.unescape(label.text) for _, label in self.scale_legend.items]
        texts = [html.unescape(label.text) for _, label in self.legend.items]
        # larger text already took height from the canvas (title, notes): the legends get less
        share = self.LEGEND_SHARE if self.zoom < 1.3 else self.LEGEND_SHARE_LARGE
        room_w, room_h = self.canvas.width() - 24, share * max(self.canvas.height(), 1)
        key = (tuple(scale), tuple(texts), room_w, round(room_h), self.zoom)
        if key == getattr(self, "_legend_key", None) and self._legend_below is not None:
            return
        self._legend_key = key
        choice = fallback = None
        modes = getattr(self, "_scale_entries", None) or {"full": [(None, t) for t in scale]}
        top = self.pt(LEGEND_PT)
        # the full scale at any size down to the normal one, then the compact scale at any size
        tries = [("full", pt) for pt in range(top, min(top, LEGEND_PT) - 1, -1)]
        if "compact" in modes:
            tries += [("compact", pt) for pt in range(top, self.MIN_LEGEND_PT - 1, -1)]
        tries += [("full", pt) for pt in range(min(top, LEGEND_PT) - 1, self.MIN_LEGEND_PT - 1, -1)]
        for mode, pt in tries:
            scale = [t for _, t in modes[mode]]
            fm = QFontMetrics(font(pt))
            row = max(SwatchSample.H, 1.45 * fm.height()) + 6  # a label's margins included

            widest = {id(scale): max((fm.horizontalAdvance(t) for t in scale), default=0),
                      id(texts): max((fm.horizontalAdvance(t) for t in texts), default=0)}

            def need(items, cols, widest=widest):
                return cols * (widest[id(items)] + SwatchSample.W + 28)

            def rows(items, cols):
                return -(-len(items) // cols) if items else 0
            fits = []  # (height, columns, layout) of the layouts that fit the width
            for cs in range(1, max(len(scale), 1) + 1):
                for cc in range(1, max(len(texts), 1) + 1):
                    if need(scale, cs) + need(texts, cc) <= room_w:
                        fits.append((max(rows(scale, cs), rows(texts, cc)) * row + 16, cs + cc,
                                     ("beside", cs, cc)))
                    if max(need(scale, cs), need(texts, cc)) <= room_w:
                        fits.append(((rows(scale, cs) + rows(texts, cc)) * row + 24, cs + cc + 0.5,
                                     ("under", cs, cc)))
            # a wide canvas (presentation, a wide window): the legends stacked right of the
            # map, in the blank beside a world map at its full height
            keep = self.RIGHT_MAP_SHARE[0] if self.zoom < 1.3 else self.RIGHT_MAP_SHARE[1]
            right_w = self.canvas.width() - 24 - MAP_ASPECT * keep * self.canvas.height()
            for cs in range(1, max(len(scale), 1) + 1):
                for cc in range(1, max(len(texts), 1) + 1):
                    if max(need(scale, cs), need(texts, cc)) <= right_w and \
                            (rows(scale, cs) + rows(texts, cc)) * row <= self.canvas.height() - 24:
                        fits.append((0, cs + cc - 0.5, ("right", cs, cc)))
            in_band = [f for f in fits if f[0] <= room_h]
            if in_band:
                choice = (pt, min(in_band, key=lambda f: f[1])[2])
                break
            if fits:  # the lowest layout of all tried, should none fit the band
                low = min(fits)
                if fallback is None or low[0] < fallback[0]:
                    fallback = (low[0], mode, pt, low[2])
        if fallback is not None and fallback[0] > self.FALLBACK_SHARE * max(self.canvas.height(), 1):
            fallback = None
        if choice is None and fallback is not None:
            _, mode, pt, layout = fallback
            choice = (pt, layout)
        # nothing fits: the compact scale (fewer, shorter rows) when there is one
        mode = mode if choice else ("compact" if "compact" in modes else "full")
        self._apply_scale_mode(mode)
        scale = [t for _, t in modes[mode]]
        fallback = None
        if choice is None:
            # nothing fits the band: the colour scale alone stays on the canvas and the
            # compared countries move into the note under it (the map keeps its height)
            pt = self.MIN_LEGEND_PT
            fm = QFontMetrics(font(pt))
            row = max(SwatchSample.H, 1.35 * fm.height()) + 2
            widest = max((fm.horizontalAdvance(t) for t in scale), default=0) + SwatchSample.W + 28
            cs = max(1, min(len(scale), int(room_w // max(widest, 1))))
            choice = (pt, ("scale only", cs, 1))
        choice = choice or fallback or (self.MIN_LEGEND_PT, ("under", 1, 1))
        pt, layout = choice
        self._legend_below = True
        self._set_legend_pt(pt)
        if layout == self._legend_layout:
            return
        self._legend_layout = layout
        where, cs, cc = layout
        if self.legend.parentItem() is not None or self.legend in self._legends.items:
            self._legends.removeItem(self.legend)
        self.legend.setVisible(where != "scale only")
        ci = self.canvas.ci
        ci.removeItem(self._legends)
        if where == "right":
            ci.addItem(self._legends, row=0, col=1)
            ci.layout.setAlignment(self._legends, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        else:
            ci.addItem(self._legends, row=1, col=0)
        if where in ("right", "under"):
            self._legends.addItem(self.legend, row=1, col=0, colspan=2)
        elif where == "beside":
            self._legends.addItem(self.legend, row=0, col=1)
        if where != "scale only":
            self._legends.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.scale_legend.setColumnCount(cs)
        self.legend.setColumnCount(cc)
        self._compose_note()

    def _compose_note(self) -> None:
        parts = list(getattr(self, "_note_parts", []))
        if self._legend_layout and self._legend_layout[0] == "scale only" and self.legend.items:
            parts.insert(0, "Outlined: " + "; ".join(html.unescape(lb.text) for _, lb in self.legend.items) + ".")
        self.note.setText(" ".join(parts))

    def _apply_scale_mode(self, mode: str) -> None:
        if mode == getattr(self, "_scale_mode", "full") or not getattr(self, "_scale_entries", None):
            return
        self._scale_mode = mode
        self._set_scale_legend(self._scale_entries[mode])
        self._legend_pt = None  # new rows: set their size again

    def _set_legend_pt(self, pt: int) -> None:
        if getattr(self, "_legend_pt", None) == pt:
            return
        self._legend_pt = pt
        for legend in (self.scale_legend, self.legend):
            legend.opts["labelTextSize"] = f"{pt}pt"
            for _, label in legend.items:
                label.setAttr("size", f"{pt}pt")
                label.setText(label.text)

    def legend_texts(self) -> list[str]:
        """The colour scale, then the compared countries, as shown."""
        return [html.unescape(label.text) for _, label in self.scale_legend.items] + super().legend_texts()

    def _fit_view(self, *_) -> None:
        """The whole world in view at any size (aspect locked: the spare side is blank)."""
        self.plot.getViewBox().setRange(VIEW, padding=0.01)

    # ---- geometry, built once --------------------------------------------------------------
    def _build(self) -> None:
        self.shapes = self.data.map_shapes().set_index("iso3", drop=False)
        for iso, rings in zip(self.shapes["iso3"], self.shapes["rings"]):
            item = CountryItem(iso, country_path(rings))
            item.setPen(self._no_data_border)
            item.setBrush(self._no_data_brush)
            self.plot.addItem(item)
            self.items[iso] = item

    def country_at(self, lon: float, lat: float) -> str | None:
        """The country whose outline contains (lon, lat): exact path test, not bounding
        shapes (those put Paris in Russia too)."""
        pt = QPointF(lon, lat)
        for iso, item in self.items.items():
            if item.bounds.contains(pt) and item.path().contains(pt):
                return iso
        return None

    # ---- drawing -------------------------------------------------------------------------
    def redraw(self, changed: set[str]) -> None:
        st, data = self.state, self.data
        if not self.items:
            self._build()
        ind = st.indicator
        if not ind or ind not in data.panel.indicator_meta:
            self._clear("Choose an indicator to map.")
            return
        year = self.year_or_offer(ind)  # rule Exact: a year without data says so, never moves
        if year is None:
            return
        if changed & {"all", "indicator", "year"} or (ind, year) != self._key:
            self._recolour(ind, year)
        self._draw_selection(ind, year)
        self._plotted = None  # built on demand (a focus switch need not pay for it)

    def _clear(self, message: str) -> None:
        for item in self.items.values():
            item.setBrush(self._no_data_brush)
            item.setPen(self._no_data_border)
            item.hatched = True
            item.update()
        self._values = self._values.iloc[0:0]
        self._by_iso = {}
        self._key = self._year = None
        self.scale_legend.clear()
        self._set_outlines([])
        self.label.hide()
        self.clear_legend()
        self.title.setText(self.TITLE)
        self.note.setText(message)
        self._sources = []
        self._plotted = None

    def _recolour(self, ind: str, year: int) -> None:
        """Fill every country by its class in ``year``; hatched grey without a value."""
        info = self.data.info(ind)
        self._levels = info.levels
        self._sources = [ind]
        # a timeline plays the same years again and again: each year's values are computed once
        cache = self.__dict__.setdefault("_values_cache", {})
        if (ind, year) not in cache:
            if len(cache) > 256:
                cache.clear()
            cache[(ind, year)] = self.data.map_values(ind, year)
        self._values = cache[(ind, year)]
        v = self._values
        self._by_iso = {iso: (float(raw), float(val), int(rk), int(of)) for iso, raw, val, rk, of
                        in zip(v["iso3"], v["raw_value"], v["value"], v["rank"], v["of"])}
        for iso, item in self.items.items():
            hit = self._by_iso.get(iso)
            if hit is None or not np.isfinite(hit[1]):
                item.setBrush(self._no_data_brush)
                item.setPen(self._no_data_border)
                item.hatched = True
            else:
                item.setBrush(self._brushes[colour_class(hit[1])])
                item.setPen(self._border)
                item.hatched = False  # (each setter repaints its item only when it changes)
        self._key, self._year = (ind, year), year
        self._documented = is_documented_only(self.data.panel, ind)
        if self._documented:
            self._documented_scale(info, year)
        else:
            self._score_scale(info, year)
        asked = self.state.year
        when = f"{year}" if asked in (None, year) else f"{year} (latest with data; {asked} chosen)"
        self.title.setText(f"{info.short} ({info.publisher}) on the map, {when}: "
                           f"{len(self._values)} countries {'listed' if self._documented else 'with data'}")

    def _documented_scale(self, info, year: int) -> None:
        """Documented-only: listed countries take one of two fills by whether a case is
        documented; the legend says so and gives no 0-100 scale (absence is not proof)."""
        brushes = {k: QBrush(QColor(c)) for k, c in DOCUMENTED_FILLS.items()}
        for iso, item in self.items.items():
            if not item.hatched:
                raw = self._by_iso[iso][0]
                item.setBrush(brushes["documented" if raw > 0 else "not documented"])
        n_grey = sum(1 for it in self.items.values() if it.hatched)
        rows = documented_map_rows(self._values["raw_value"], info.unit, year, n_grey)
        swatch = {"head": Swatch("#00000000"), "not listed": Swatch(hatch_texture(20), "s", size=20, outline="#404040")}
        swatch.update({k: Swatch(c, "s", size=20, outline="#404040") for k, c in DOCUMENTED_FILLS.items()})
        entries = [(swatch[kind], text) for kind, text in rows]
        self._scale_entries = {"full": entries, "compact": [(sw, t.split(":")[0]) for sw, t in entries[1:]]}
        self._set_scale_legend(entries if getattr(self, "_scale_mode", "full") == "full"
                               else self._scale_entries["compact"])

    def _score_scale(self, info, year: int) -> None:
        v = self._values
        # Legend: the scale, then each class (best on top) with the raw values it holds.
        classes = np.array([colour_class(x) for x in v["value"]], dtype=int) if len(v) else np.array([], int)
        entries = [(Swatch("#00000000"), "Score 0-100, 100 = least persecution")]
        for k in reversed(range(len(CLASS_COLOURS))):
            raw = v["raw_value"].to_numpy(dtype=float)[classes == k]
            lo, hi = CLASS_EDGES[k], CLASS_EDGES[k + 1]
            if raw.size:
                a, b = fmt(raw.min(), info.levels), fmt(raw.max(), info.levels)
                words = f"raw {a}" if a == b else f"raw {a} to {b}" if info.levels else f"raw {a}-{b}"
            else:
                words = "no country"
            entries.append((Swatch(CLASS_COLOURS[k], "s", size=20, outline="#404040"), f"{lo}-{hi}: {words}"))
        n_grey = sum(1 for it in self.items.values() if it.hatched)
        entries.append((Swatch(hatch_texture(20), "s", size=20, outline="#404040"),
                        f"No data for {year} ({n_grey} drawn)"))
        # the compact scale, for a canvas too small for the full one: classes only (the note
        # gives the raw scale), and still the year without data
        self._scale_entries = {"full": entries,
                               "compact": [(sw, t.split(":")[0]) for sw, t in entries[1:-1]]
                               + [(entries[-1][0], f"No data for {year}")]}
        self._set_scale_legend(entries if getattr(self, "_scale_mode", "full") == "full"
                               else self._scale_entries["compact"])

    def _set_scale_legend(self, entries) -> None:
        """Retitle the scale's rows in place when their number holds (a timeline step changes
        only the raw ranges and the year): rebuilding them cost most of a step."""
        fill_legend(self.scale_legend, entries)

    def _draw_selection(self, ind: str, year: int) -> None:
        """Outlines, the focus label, legend rows of the compared countries, notes."""
        st, data = self.state, self.data
        info = data.info(ind)
        compared = list(st.selected)
        extra = st.focused if st.focused and st.focused not in compared else None
        outlines = []  # (iso3, colour, width): focused last, so it is drawn on top
        for iso in compared + ([extra] if extra else []):
            if iso not in self.items:
                continue
            slot = st.colour_slot(iso)
            colour = palette.slot_colour(slot) if iso != extra else palette.FOCUS_ONLY
            outlines.append((iso, colour, FOCUS_W if iso == st.focused else LINE_W))
        outlines.sort(key=lambda o: o[0] == st.focused)
        self._set_outlines(outlines)
        self._label_focus()

        entries = []
        not_drawn = []
        for iso in compared + ([extra] if extra else []):
            focused = iso == st.focused
            if iso == extra:
                swatch = Swatch("#FFFFFF", "s", size=18, outline=palette.FOCUS_ONLY)
            else:
                swatch = self.slot_swatch(st.colour_slot(iso), focused=focused)
            text = f"{'▶ ' if focused else ''}{data.name(iso)}{' (focused, not selected)' if iso == extra else ''}"
            if iso not in self.items:
                not_drawn.append(iso)
                entries.append((swatch, f"{text}: not drawn at this scale"))
            else:
                entries.append((swatch, f"{text}: {self.value_text(iso, rank=False)}"))
        self.set_legend(entries)
        self.place_legend()

        short = data.panel.source_meta.get(info.source, {}).get("short") or info.publisher
        notes = (documented_map_notes(short, year) if getattr(self, "_documented", False) else
                 [f"Colour: normalised score 0-100 (100 = least persecution); raw scale: {info.axis_label()}.",
                  f"Grey hatched = no data for {year} (never shown as 0)."])
        if not_drawn:
            notes.append("Not drawn at this scale: " + ", ".join(data.name(c) for c in not_drawn)
                         + " (see the other charts).")
        if not compared:
            notes.append("Select countries to outline them; click a country to focus it.")
        notes.append(f"Map: {CREDIT}.")
        self._note_parts = notes
        self._compose_note()

    def value_text(self, iso: str, rank: bool = True) -> str:
        """A country's value as the hover (with its rank) and the legend say it."""
        hit = self._by_iso.get(iso)
        if getattr(self, "_documented", False):  # a record of cases: words, never x/100 or a rank
            if hit is None or not np.isfinite(hit[0]):
                return f"not listed in {self._year} (absence is not proof)"
            return documented_text(hit[0], self.data.info(self.state.indicator).unit)
        if hit is None or not np.isfinite(hit[1]):
            return f"no data for {self._year}"
        raw, value, pos, of = hit
        where = f", #{pos} of {of}" if rank else ""
        return f"{value:.0f}/100 (raw {fmt(raw, self._levels)}{where})"

    def _set_outlines(self, outlines: list[tuple[str, str, float]]) -> None:
        """Reuse a small pool of outline items: a focus switch only re-pens a few paths."""
        while len(self._outlines) < len(outlines):
            halo, line = OutlineItem(), OutlineItem()
            for it in (halo, line):
                it.setBrush(QBrush(Qt.BrushStyle.NoBrush))
                self.plot.addItem(it, ignoreBounds=True)
            self._outlines.append((halo, line))
        for k, (halo, line) in enumerate(self._outlines):
            if k >= len(outlines):
                halo.hide()
                line.hide()
                continue
            iso, colour, width = outlines[k]
            path = self.items[iso].path()
            for it, p, z in ((halo, _cosmetic(BORDER, width + 4), 10 + 2 * k), (line, _cosmetic(colour, width), 11 + 2 * k)):
                if it.path() != path:
                    it.setPath(path)
                it.setPen(p)
                it.setZValue(z)
                it.show()

    def _label_focus(self) -> None:
        iso = self.state.focused
        if not iso or iso not in self.items:
            self.label.hide()
            return
        row = self.shapes.loc[iso]
        x, y = float(row["label_x"]), float(row["label_y"])
        ax = 0.0 if x < -130 else (1.0 if x > 130 else 0.5)
        ay = -0.3 if y > 62 else 1.3  # above the label point; below it in the far north
        self.label.setAnchor((ax, ay))
        self.label.setText(f"{self.data.name(iso)}: {self.value_text(iso).split(' (')[0]}")
        self.label.setPos(x, y)
        self.label.show()

    # ---- mouse -----------------------------------------------------------------------------
    def _view_point(self, scene_pos) -> QPointF | None:
        vb = self.plot.getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        return vb.mapSceneToView(scene_pos)

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pt = self._view_point(event.scenePos())
        iso = self.country_at(pt.x(), pt.y()) if pt is not None else None
        if iso:
            event.accept()
            self.state.set_focused(iso)

    def _moved(self, scene_pos) -> None:
        pt = self._view_point(scene_pos)
        iso = self.country_at(pt.x(), pt.y()) if pt is not None else None
        self.hovered = iso
        if iso is None or self._year is None:
            self.hover.hide()
            return
        self.hover.setText(f"{self.data.name(iso)}: {self.value_text(iso)}")
        self.hover.setAnchor((1.0 if pt.x() > 60 else 0.0, 1.2))
        self.hover.setPos(pt)
        self.hover.show()

    # ---- data and exports -----------------------------------------------------------------
    def build_plotted(self) -> pd.DataFrame:
        """One row per drawn country: its value that year (NaN = no data, drawn grey) and
        the fill it has."""
        st = self.state
        rows = []
        for iso, item in self.items.items():
            raw, value, rank, of = self._by_iso.get(iso, (np.nan, np.nan, None, None))
            rows.append({"iso3": iso, "name": self.data.name(iso), "year": self._year,
                         "raw_value": raw, "value": value,
                         "fill": "no data" if item.hatched else item.brush().color().name().upper(),
                         "selected": iso in st.selected, "focused": iso == st.focused})
        out = pd.DataFrame(rows, columns=["iso3", "name", "year", "raw_value", "value", "fill",
                                          "selected", "focused"])
        out["year"] = out["year"].astype("Int64")
        return out

    def not_drawn(self) -> list[str]:
        """Compared (selected or focused) countries with no outline at this scale."""
        self.flush()
        st = self.state
        return [c for c in dict.fromkeys(st.selected + ([st.focused] if st.focused else []))
                if c not in self.items]

    def citation(self) -> str:
        base = super().citation()
        return f"{base} | {geo.CITATION}" if base else geo.CITATION

    def export_image(self, path, scale: float = 2.0, slide: bool = False):
        shown = self.hover.isVisible()
        self.hover.hide()  # a stray hover label does not belong in a slide
        try:
            return super().export_image(path, scale, slide)
        finally:
            self.hover.setVisible(shown)
