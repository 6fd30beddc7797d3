"""Indicator cards of the focused country: one per indicator, in pillar order.

Year rule: ``Exact(year)`` (``Latest()`` when no year is chosen). A card without a value for
the year says so, gives the latest value with its year, and the publisher's reason for the
gap when the index has one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.rules import Exact, Latest, pick_position
from .readings import documented_text, reading
from .text import isnan, licence_text, raw_with_scale, value_text


@dataclass
class Card:
    indicator: str
    short: str
    name: str
    pillar: str | None
    unit: str
    year_asked: int | None
    value: float | None = None  # normalised 0-100, 100 = least persecution
    raw_text: str = ""  # "78.72 on 0-100 (lower = freer) · normalised 21 / 100"
    data_year: int | None = None
    rank: int | None = None
    of: int | None = None
    missing_text: str = ""  # "no data for 2023; latest 2021"
    gap_reason: str = ""  # the publisher's reason, when the index has one
    latest_text: str = ""  # the latest value (its year is in missing_text), when the asked year is missing
    history: list[tuple[int, float]] = field(default_factory=list)  # (year, normalised value)
    description: str = ""
    direction: str = ""
    source: str = ""
    publisher: str = ""
    edition: str = ""
    licence: str = ""
    caveat: str = ""
    note: str = ""
    provenance: str = ""  # publisher's file, third-party copy, transcription, provisional
    reading: str = ""  # a caveat that changes how the value reads (shown on the card itself)
    documented_only: bool = False  # documented / not documented: never ranked

    @property
    def rank_text(self) -> str:
        if self.documented_only:
            return "not ranked"
        return f"#{self.rank} of {self.of}" if self.rank else ""


def documented_value_text(raw: float, ind: dict) -> str:
    """'documented (4) · 4 on 0-4': what was listed, never a normalised score."""
    return f"{documented_text(raw, ind['unit'])} \u00b7 {raw_with_scale(raw, ind)}"


def card_statics(panel) -> list[tuple[str, dict, dict]]:
    """(indicator id, its metadata, the card fields that never change), in pillar order."""
    out = []
    for ind_id, ind in panel.indicator_meta.items():
        src = panel.source_meta.get(ind["source"])
        out.append((ind_id, ind, dict(
            indicator=ind_id, short=ind["short"], name=ind["name"],
            pillar=None if isnan(ind["pillar"]) else ind["pillar"], unit=ind["unit"],
            description=ind["description"] or "", direction=ind["direction"] or "",
            edition=ind["edition"] or "", caveat=ind["caveat"] or "",
            source=src["name"] if src is not None else ind["source"],
            publisher=src["publisher"] if src is not None else "",
            licence=licence_text(src, note=False), reading=reading(ind) or "",
            documented_only=bool(ind.get("documented_only")))))
    return out


def series_by_indicator(panel, iso3: str | None) -> dict[str, list[int]]:
    """indicator -> row positions of one country's values, by year."""
    rows = panel.rows_of(iso3)
    out: dict[str, list[int]] = {}
    names = panel.indicator_ids
    for r, i in zip(rows.tolist(), panel.ind_code[rows].tolist()):
        out.setdefault(names[i], []).append(r)
    return out


class Deck:
    """The cards of one country and year, each made when first asked for: the window fills the
    cards in view at once and the others when changes pause, so a switch makes only those."""

    def __init__(self, panel, statics, iso3: str | None, year: int | None):
        self.panel, self.iso3, self.year = panel, iso3, year
        self._statics = {ind_id: (ind, static) for ind_id, ind, static in statics}
        self.order = list(self._statics)
        self._mine = series_by_indicator(panel, iso3) if iso3 else {}
        self._rule = Latest() if year is None else Exact(int(year))
        self._made: dict[str, Card] = {}

    @property
    def span(self) -> tuple[int, int] | None:
        """The first and last year of the country's values, any indicator (the sparklines' span)."""
        rows = [r for rs in self._mine.values() for r in rs]
        if not rows:
            return None
        ys = self.panel.year[rows]
        return int(ys.min()), int(ys.max())

    def __iter__(self):
        return (self[i] for i in self.order)

    def __getitem__(self, ind_id: str) -> Card:
        card = self._made.get(ind_id)
        if card is None:
            card = self._made[ind_id] = self._make(ind_id)
        return card

    def _make(self, ind_id: str) -> Card:
        panel, year, iso3 = self.panel, self.year, self.iso3
        ind, static = self._statics[ind_id]
        years, raws, values = panel.year, panel.raw, panel.value
        card = Card(year_asked=year, **static)
        rows = self._mine.get(ind_id)
        if rows:
            ys = years[rows].tolist()
            card.history = list(zip(ys, values[rows].tolist()))
            k = pick_position(ys, self._rule)
            if k is not None:
                row = rows[k]
                card.value, card.data_year = float(values[row]), int(ys[k])
                card.raw_text = value_text(float(raws[row]), card.value, ind)
                if card.documented_only:  # absence is not proof: a rank or a 0-100 score would read as a verdict
                    card.raw_text = documented_value_text(float(raws[row]), ind)
                else:
                    card.rank, card.of = panel.rank_at(row)
                card.edition = panel.column("edition")[row] or card.edition
                note, prov = panel.column("note")[row], panel.column("provenance")[row]
                card.note = "" if isnan(note) else str(note)
                card.provenance = "" if isnan(prov) else str(prov)
            else:
                last = rows[-1]
                card.missing_text = f"no data for {year}; latest {ys[-1]}"
                card.latest_text = (documented_value_text(float(raws[last]), ind) if card.documented_only
                                    else value_text(float(raws[last]), float(values[last]), ind))
        else:
            card.missing_text = ("not listed in any year (absence is not proof)" if card.documented_only
                                 else "no data for this country in any year")
        if card.value is None and year is not None and iso3:
            card.gap_reason = panel.gap_reason(iso3, ind_id, int(year)) or ""
        return card


def cards(panel, statics, iso3: str | None, year: int | None) -> list[Card]:
    return list(Deck(panel, statics, iso3, year))
