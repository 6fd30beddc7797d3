"""The peer table: compared countries side by side on every indicator, grouped by pillar.

Year rule: ``AtOrBefore(year, 3)``, as the composite answer and the profile: each cell holds the
country's latest value in [year - 3, year] with its data year (never a later one); without one
the cell says "no data" and gives the publisher's reason when the index has one. Documented-only
indicators (AIGS flags, the spyware inventory) read "documented / not documented (absence is
not proof)" and are never ranked. Qt-free: the widget, the CSV, the slide and the brief read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..data.rules import AtOrBefore, pick_position
from .charts import CONTEXT_HEADING
from .readings import NO_RANK, documented_text, reading
from .text import fmt_number, isnan, raw_with_scale

WINDOW = 3
RULE_TEXT = ("Each cell: the latest value in the 3 years up to {year} (its year in brackets when "
             "earlier), on the publisher's own scale; colour = 0-100 score, 100 = least persecution.")


@dataclass
class Cell:
    iso3: str
    raw: float | None = None
    value: float | None = None  # 0-100, 100 = least persecution
    year: int | None = None
    text: str = "no data"
    edition: str = ""
    provenance: str = ""
    reason: str = ""  # the publisher's reason for a gap
    rank: int | None = None
    of: int | None = None
    documented_only: bool = False

    @property
    def missing(self) -> bool:
        return self.value is None

    @property
    def rank_text(self) -> str:
        if self.documented_only:
            return NO_RANK
        return f"#{self.rank} of {self.of}" if self.rank else ""


@dataclass
class Row:
    indicator: str
    short: str
    heading: str  # pillar name or "Context (not scored)"
    scale: str  # "points (0-100), higher = better"
    source: str
    documented_only: bool
    reading: str | None
    cells: list[Cell] = field(default_factory=list)


@dataclass
class PeerTable:
    countries: list[str]
    names: list[str]
    year: int
    rows: list[Row]

    @property
    def rule(self) -> str:
        return RULE_TEXT.format(year=self.year)

    def headings(self) -> list[str]:
        return list(dict.fromkeys(r.heading for r in self.rows))

    def shown_indicators(self) -> list[str]:
        return [r.indicator for r in self.rows if any(not c.missing for c in r.cells)]

    def sorted_by(self, iso3: str, descending: bool = True) -> "PeerTable":
        """Rows ordered within each pillar by one country's 0-100 score (no data last)."""
        k = self.countries.index(iso3)
        order = {h: i for i, h in enumerate(self.headings())}

        def key(r: Row):
            v = r.cells[k].value
            return (order[r.heading], v is None, -(v or 0) if descending else (v or 0))
        return PeerTable(self.countries, self.names, self.year, sorted(self.rows, key=key))

    def frame(self):
        """One row per (indicator, country) with provenance columns, for CSV."""
        import pandas as pd
        out = []
        for r in self.rows:
            for name, c in zip(self.names, r.cells):
                out.append({"pillar": r.heading, "indicator": r.indicator, "indicator_name": r.short,
                            "iso3": c.iso3, "country": name, "value_text": c.text,
                            "raw_value": c.raw, "score_0_100": None if c.value is None else round(c.value, 1),
                            "year": c.year, "rank": None if c.documented_only else c.rank,
                            "of": None if c.documented_only else c.of, "scale": r.scale,
                            "no_data_reason": c.reason, "documented_only": r.documented_only})
        df = pd.DataFrame(out)
        df["year"] = pd.array(df["year"], dtype="Int64")
        for col in ("rank", "of"):
            df[col] = pd.array(df[col], dtype="Int64")
        return df


def scale_text(ind: dict) -> str:
    way = "higher = better" if ind.get("higher_is_better") else "higher = worse"
    if ind.get("documented_only"):
        return f"{ind['unit']}; documented cases only"
    return f"{ind['unit']}, {way}"


def cell_text(raw: float, ind: dict) -> str:
    if ind.get("documented_only"):
        return documented_text(raw, ind.get("unit", ""))
    levels = [s for s in str(ind.get("levels") or "").split("|") if s]
    if levels and 0 <= int(raw) < len(levels):
        return levels[int(raw)]
    return fmt_number(raw)


def peer_table(panel, iso3s: list[str], year: int | None, indicators: list[str] | None = None) -> PeerTable:
    """The table for ``iso3s`` in ``year`` (None: each indicator's latest year)."""
    year = int(year) if year is not None else (panel.year_range[1] if panel.year_range else 0)
    edition, prov = panel.column("edition"), panel.column("provenance")
    pillar_names = {p: m["name"] for p, m in panel.pillar_meta.items()}
    mine = {}
    for c in iso3s:
        rows = panel.rows_of(c)
        by: dict[str, list[int]] = {}
        for r, i in zip(rows.tolist(), panel.ind_code[rows].tolist()):
            by.setdefault(panel.indicator_ids[i], []).append(r)
        mine[c] = by
    rule = AtOrBefore(year, WINDOW)
    out = []
    for ind_id, ind in panel.indicator_meta.items():
        if indicators is not None and ind_id not in indicators:
            continue
        pillar = ind.get("pillar")
        heading = pillar_names.get(pillar, CONTEXT_HEADING) if not isnan(pillar) else CONTEXT_HEADING
        src = panel.source_meta.get(ind["source"], {})
        row = Row(ind_id, ind["short"], heading, scale_text(ind), src.get("short") or ind["source"],
                  bool(ind.get("documented_only")), reading(ind))
        for c in iso3s:
            rows = mine[c].get(ind_id, [])
            cell = Cell(c, documented_only=row.documented_only)
            k = pick_position(panel.year[rows].tolist(), rule) if rows else None
            if k is not None:
                r = rows[k]
                cell.raw, cell.value, cell.year = float(panel.raw[r]), float(panel.value[r]), int(panel.year[r])
                cell.text = cell_text(cell.raw, ind)
                cell.edition, cell.provenance = edition[r] or "", prov[r] or ""
                if not row.documented_only:
                    cell.rank, cell.of = panel.rank_at(r)
            else:
                if row.documented_only:
                    cell.text = documented_text(None)
                cell.reason = panel.gap_reason(c, ind_id, year) or ""
            row.cells.append(cell)
        out.append(row)
    # Scored pillars first (the panel's order), context last.
    order = {h: i for i, h in enumerate([pillar_names[p] for p in panel.pillar_meta] + [CONTEXT_HEADING])}
    out.sort(key=lambda r: order.get(r.heading, len(order)))
    return PeerTable(list(iso3s), [panel.name(c) for c in iso3s], year, out)


def raw_detail(cell: Cell, ind: dict) -> str:
    """Tooltip text: the value on its scale with direction, year, edition and provenance."""
    if cell.missing:
        return cell.text + (f" ({cell.reason})" if cell.reason else "")
    return (f"{raw_with_scale(cell.raw, ind)} · {cell.value:.0f}/100 · {cell.year} · {cell.edition} · "
            f"{cell.provenance}" + (f" · {cell.rank_text}" if cell.rank_text else ""))


def colour_class(value: float | None) -> int | None:
    """0-4 (as the map's classes), None for no data."""
    if value is None or not np.isfinite(value):
        return None
    return min(4, int(value // 20))
