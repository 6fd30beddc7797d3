"""Qt-free data preparation for the window: country search, the country list, indicator cards,
the first view, status and sources text.

Everything here reads the cached frames of ``explorer.store.Index`` (never SQL) and returns
plain Python values, so the widgets only lay out what they are given and tests can check
the content without a display. Missing values stay missing: a card says which year it asked
for, when the latest value is from, and the publisher's reason for the gap when there is one.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .countries import name_key
from .paths import ALIASES_PATH

# First view: China against countries of other regions, on an indicator with recent data.
DEFAULT_FOCUS = "CHN"
DEFAULT_COMPARE = ["CHN", "DEU", "BRA", "IND", "NGA", "USA"]
DEFAULT_INDICATORS = ["fiw_total", "rsf_score", "vdem_civil_liberties"]

# Short names for editions that do not name their publication ("v14" -> "V-Dem v14").
SOURCE_SHORT = {"vdem": "V-Dem", "wjp": "WJP", "fariss": "Fariss HRP", "freedomhouse": "Freedom House",
                "pts": "PTS", "rsf": "RSF"}

# Shorter edition names for the status bar (the full names are in its tooltip and About).
COMPACT_EDITIONS = [(r"^WPFI\b", "RSF"), (r"^PTS-", "PTS "), (r"^Global Cyberlaw Tracker,( early)?", "UNCTAD"),
                    (r" report$", ""), (r"^Digital Repression Index", "AIGS DRI"), (r"^STOP\b", "KeepItOn"),
                    (r"^DSP\b", "V-Dem DSP")]

# Status bar order: the sources most users know first.
SOURCE_ORDER = ["freedomhouse", "rsf", "pts", "vdem", "fariss", "wjp"]

SORT_NAME, SORT_BEST, SORT_WORST = "name", "best", "worst"


def _isnan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def fmt_number(x: float) -> str:
    """Short, honest number: integers stay integers, others keep up to two decimals."""
    x = float(x)
    if abs(x) >= 100 or x == int(x):
        return f"{x:,.0f}".replace("-", "\u2212")
    return f"{x:.2f}".rstrip("0").rstrip(".").replace("-", "\u2212")


def direction_words(ind: pd.Series) -> str:
    """Which way the publisher's own number points: 'higher = freer' or 'lower = freer'."""
    better = ind.get("higher_is_better")
    if _isnan(better):
        return ""
    return "higher = freer" if bool(better) else "lower = freer"


def raw_with_scale(raw: float, ind: pd.Series) -> str:
    """The raw value as its publisher states it, with its scale and direction:
    '78.72 on 0-100 (lower = freer)', 'Partly Free (level 2 of 3; higher = freer)',
    '12 hours per year (lower = freer)'. Without the direction a reversed scale reads as the
    opposite of the normalised number next to it."""
    if _isnan(raw):
        return ""
    levels = [s for s in str(ind.get("levels") or "").split("|") if s]
    lo, hi = ind.get("goal_lo"), ind.get("goal_hi")  # the publisher's scale, not validation bounds
    if _isnan(lo) or _isnan(hi):
        lo, hi = ind.get("raw_min"), ind.get("raw_max")
    if ind["scale"] == "ordinal" and levels and 0 <= int(raw) < len(levels):
        text = f"{levels[int(raw)]} (level {int(raw) + 1} of {len(levels)})"
    elif ind["scale"] == "bounded" and not _isnan(lo) and not _isnan(hi):
        text = f"{fmt_number(raw)} on {fmt_number(lo)}\u2013{fmt_number(hi)}"
    else:  # latent and log scales have no fixed ends: the unit says what the number counts
        text = f"{fmt_number(raw)} {ind['unit']}"
    way = direction_words(ind)
    if not way:
        return text
    return f"{text[:-1]}; {way})" if text.endswith(")") else f"{text} ({way})"


def value_text(raw: float, value: float, ind: pd.Series) -> str:
    """Raw value with scale and direction, then the labelled 0-100 number:
    '78.72 on 0-100 (lower = freer) \u00b7 normalised 21 / 100'."""
    return f"{raw_with_scale(raw, ind)} \u00b7 normalised {value:.0f} / 100"


# ---- country search ---------------------------------------------------------------------

class CountrySearch:
    """Accent- and case-insensitive search on name, short name, ISO3, ISO2 and the aliases
    that map to a country ('cote' -> Côte d'Ivoire, 'turkey' -> Türkiye, 'burma' -> Myanmar)."""

    def __init__(self, countries: pd.DataFrame, aliases: pd.DataFrame | None = None):
        self.keys: dict[str, list[str]] = {}
        self.codes: dict[str, set[str]] = {}
        for r in countries.itertuples(index=False):
            names = [r.name, r.short_name]
            codes = {str(c).casefold() for c in (r.iso3, r.iso2) if not _isnan(c) and c}
            self.keys[r.iso3] = [name_key(n) for n in names if not _isnan(n)]
            self.codes[r.iso3] = codes
        if aliases is not None:
            for a in aliases.itertuples(index=False):
                if a.iso3 in self.keys:
                    if a.kind == "code":
                        self.codes[a.iso3].add(a.value.strip().casefold())
                    else:
                        self.keys[a.iso3].append(name_key(a.value))

    @classmethod
    def from_index(cls, ix) -> "CountrySearch":
        try:  # the csv module: pandas' reader costs more than the whole search index
            with open(ALIASES_PATH, newline="", encoding="utf-8") as f:
                aliases = pd.DataFrame(list(csv.DictReader(f)), columns=["kind", "value", "iso3", "reason"])
        except (OSError, csv.Error):
            aliases = None  # the search still works on ISO names and codes
        return cls(ix.countries, aliases)

    def matches(self, iso3: str, query: str) -> bool:
        q = name_key(query)
        if not q:
            return True
        if q in self.codes.get(iso3, ()):
            return True
        # every word of the query starts a word of some name ("south kor", "ivoire")
        words = q.split()
        for key in self.keys.get(iso3, ()):
            kw = key.split()
            if q in key and all(any(k.startswith(w) for k in kw) for w in words):
                return True
        return False


# ---- indicator cards ------------------------------------------------------------------------

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

    @property
    def rank_text(self) -> str:
        return f"#{self.rank} of {self.of}" if self.rank else ""


class PanelData:
    """Lookups over one index, prepared with numpy in well under 100 ms and fast enough to
    rebuild every card on each click. Per-country and per-(indicator, year) work is done on
    demand, for the country or list the user is looking at."""

    def __init__(self, ix):
        self.ix = ix
        self.indicators = ix.indicators
        self.sources = ix.sources
        self.countries = ix.countries
        v = ix.values  # same rows, same order as ix.observations (both from the packed columns)
        keep = v["value"].notna().to_numpy()
        iso = v["iso3"].to_numpy(dtype=object)[keep]
        ind = v["indicator"].to_numpy(dtype=object)[keep]
        self._year = v["year"].to_numpy(dtype=np.int64)[keep]
        self._raw = v["raw_value"].to_numpy(dtype=float)[keep]
        self._value = v["value"].to_numpy(dtype=float)[keep]
        self._rows = np.flatnonzero(keep)  # positions in ix.observations, for edition and note
        self._iso_codes, self._iso_names = pd.factorize(iso)
        self._ind_codes, self._ind_names = pd.factorize(ind)
        self._ind_index = {name: i for i, name in enumerate(self._ind_names)}
        self._rank_tables()
        # Rows of each country, by year (a stable sort keeps the packed order within a year).
        self._by_iso = np.lexsort((self._year, self._iso_codes))
        bounds = np.searchsorted(self._iso_codes[self._by_iso], np.arange(len(self._iso_names) + 1))
        self._iso_slice = {name: (int(bounds[i]), int(bounds[i + 1])) for i, name in enumerate(self._iso_names)}
        self.covered = sorted(self._iso_names)
        self._years: dict[str, list[int]] = {}
        for g in np.unique(self._group_sorted).tolist():  # sorted: years come in order
            self._years.setdefault(self._ind_names[g // 10_000], []).append(g % 10_000)
        m = ix.missing
        keys = zip(m["iso3"].to_numpy(dtype=object).tolist(), m["indicator"].to_numpy(dtype=object).tolist(),
                   m["year"].astype(int).tolist())
        self.gaps = dict(zip(keys, m["reason"].to_numpy(dtype=object).tolist()))
        self.search = CountrySearch.from_index(ix)
        self._pillar_names = dict(zip(ix.pillars["id"], ix.pillars["name"]))
        self._scored = set(self.indicators.index[self.indicators["pillar"].notna()])
        self._at_cache: dict[tuple[str, int], dict[str, tuple[float, int]]] = {}
        self._edition = self._note = self._editions = None
        self._country_list = [(r.iso3, r.short_name, r.region or "") for r in
                              self.countries.loc[self.covered, ["iso3", "short_name", "region"]].itertuples()]
        self._meta = self._indicator_meta()

    def _rank_tables(self) -> None:
        """Rank (ties share the best rank) and count of every value within its (indicator, year)."""
        n = len(self._value)
        group = self._ind_codes.astype(np.int64) * 10_000 + self._year
        order = np.lexsort((self._value, group))  # by group, then value ascending
        gs, vs = group[order], self._value[order]
        new_run = np.ones(n, dtype=bool)
        new_run[1:] = (gs[1:] != gs[:-1]) | (vs[1:] != vs[:-1])
        run_starts = np.flatnonzero(new_run)
        run_last = np.append(run_starts[1:], n) - 1  # last position of each run of equal values
        group_end = np.searchsorted(gs, gs, side="right")
        group_start = np.searchsorted(gs, gs, side="left")
        rank, of = np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64)
        rank[order] = group_end - run_last[np.cumsum(new_run) - 1]  # 1 + how many are greater
        of[order] = group_end - group_start
        self._rank, self._of = rank, of
        self._group_sorted, self._group_order = gs, order

    def warm(self, view: dict | None = None) -> dict:
        """Prepare what the first window shows (call it on the loader's thread): provenance
        for the cards and the status bar, the first view's cards and country list."""
        view = view or self.default_view()
        self.editions()
        self.cards(view["focused"], view["year"])
        self.values_at(view["indicator"], view["year"])
        return view

    def _provenance(self) -> tuple[np.ndarray, np.ndarray]:
        """Edition and note of each kept row (from the full observations frame, loaded once)."""
        if self._edition is None:
            obs = self.ix.observations
            self._edition = obs["edition"].to_numpy(dtype=object)[self._rows]
            self._note = obs["note"].to_numpy(dtype=object)[self._rows]
        return self._edition, self._note

    # ---- indicators and years ---------------------------------------------------------------
    def years(self, indicator: str) -> list[int]:
        return self._years.get(indicator, [])

    def indicator_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(pillar name, [(indicator id, label)]) in pillar order; context indicators last."""
        groups: dict[str, list[tuple[str, str]]] = {}
        d = self.indicators
        who = dict(zip(self.sources["id"], self.sources["short"]))
        for i, pillar, short, source in zip(d["id"], d["pillar"], d["short"], d["source"]):
            tag = who.get(source) or source
            named = any(w.strip(".") in short for w in tag.split() if len(w) > 3)  # "PTS mean" needs no tag
            label = short if named or tag in short else f"{short} ({tag})"
            groups.setdefault(self.pillar_name(pillar), []).append((i, label))
        return list(groups.items())

    def pillar_name(self, pillar) -> str:
        return self._pillar_names.get(pillar, "Context (not scored)") if not _isnan(pillar) else "Context (not scored)"

    def default_view(self) -> dict:
        """China focused and compared with other regions, on the latest year in which most of
        China's scored indicators have data (so that the first cards are not mostly empty), on
        the first preferred indicator with data that year."""
        have = set(self.covered)
        selected = [c for c in DEFAULT_COMPARE if c in have] or self.covered[:1]
        focus = DEFAULT_FOCUS if DEFAULT_FOCUS in have else (selected[0] if selected else None)
        year = self.well_covered_year(focus)
        ind = next((i for i in DEFAULT_INDICATORS if year in self.years(i)), None)
        if ind is None:
            ind = next((i for i in DEFAULT_INDICATORS if self.years(i)), None)
        if ind is None:  # any indicator with the most recent data
            ind = max(self._years, key=lambda i: (self._years[i][-1], len(self._years[i])))
        if year is None or year not in self.years(ind):
            year = self.years(ind)[-1]
        return {"indicator": ind, "year": year, "selected": selected, "focused": focus}

    def well_covered_year(self, iso3: str | None) -> int | None:
        """The latest year in which more than half of the scored indicators the country has
        any data for have a value (None when the country has no scored data)."""
        if iso3 not in self._iso_slice:
            return None
        a, b = self._iso_slice[iso3]
        rows = self._by_iso[a:b]
        per_year: dict[int, set[str]] = {}
        for i, y in zip(self._ind_codes[rows].tolist(), self._year[rows].tolist()):
            name = self._ind_names[i]
            if name in self._scored:
                per_year.setdefault(y, set()).add(name)
        total = len(set().union(*per_year.values())) if per_year else 0
        good = [y for y, inds in per_year.items() if 2 * len(inds) > total]
        return max(good) if good else None

    # ---- country list ---------------------------------------------------------------------
    def regions(self) -> list[str]:
        return sorted({r for _, _, r in self._country_list if r})

    def values_at(self, indicator: str, year: int | None) -> dict[str, tuple[float, int]]:
        """iso3 -> (0-100 value, rank) of every country with a value for ``indicator`` in ``year``."""
        key = (indicator, year)
        hit = self._at_cache.get(key)
        if hit is None:
            i = self._ind_index.get(indicator)
            hit = {}
            if i is not None and year is not None:
                g = i * 10_000 + int(year)
                a, b = np.searchsorted(self._group_sorted, [g, g + 1])
                rows = self._group_order[a:b]
                hit = dict(zip(self._iso_names[self._iso_codes[rows]].tolist(),
                               zip(self._value[rows].tolist(), self._rank[rows].tolist())))
            if len(self._at_cache) > 64:
                self._at_cache.clear()
            self._at_cache[key] = hit
        return hit

    def country_rows(self, query: str = "", region: str | None = None, sort: str = SORT_NAME,
                     indicator: str = "", year: int | None = None) -> list[dict]:
        """The list the selector shows: name, ISO3, region, the current indicator's value (or None)."""
        vals = self.values_at(indicator, year) if indicator else {}
        rows = []
        for iso3, name, reg in self._country_list:
            if (region and reg != region) or (query and not self.search.matches(iso3, query)):
                continue
            v = vals.get(iso3)
            rows.append({"iso3": iso3, "name": name, "region": reg,
                         "value": None if v is None else v[0], "rank": None if v is None else v[1]})
        key_name = [name_key(r["name"]) for r in rows]
        order = sorted(range(len(rows)), key=lambda i: key_name[i])
        if sort in (SORT_BEST, SORT_WORST):
            sign = -1 if sort == SORT_BEST else 1
            order.sort(key=lambda i: (rows[i]["value"] is None, sign * (rows[i]["value"] or 0)))
        return [rows[i] for i in order]

    def name(self, iso3: str | None) -> str:
        if iso3 and iso3 in self.countries.index:
            return self.countries.at[iso3, "short_name"]
        return iso3 or ""

    # ---- cards ----------------------------------------------------------------------------
    def _indicator_meta(self) -> list[tuple[str, dict, dict]]:
        meta = []
        # plain dicts: every card reads them on each country switch, and Series lookups are slow
        for ind_id, ind in zip(self.indicators.index, self.indicators.to_dict("records")):
            src = self.sources.loc[ind["source"]] if ind["source"] in self.sources.index else None
            meta.append((ind_id, ind, dict(
                indicator=ind_id, short=ind["short"], name=ind["name"],
                pillar=None if _isnan(ind["pillar"]) else ind["pillar"], unit=ind["unit"],
                description=ind["description"] or "", direction=ind["direction"] or "",
                edition=ind["edition"] or "", caveat=ind["caveat"] or "",
                source=src["name"] if src is not None else ind["source"],
                publisher=src["publisher"] if src is not None else "",
                licence=_licence_text(src, note=False))))
        return meta

    def _series_of(self, iso3: str | None) -> dict[str, list[tuple]]:
        """indicator -> [(year, raw, value, rank, of, row)] of one country, by year."""
        if iso3 not in self._iso_slice:
            return {}
        a, b = self._iso_slice[iso3]
        rows = self._by_iso[a:b]
        out: dict[str, list[tuple]] = {}
        names = self._ind_names
        for r, i, y, raw, v, rank, of in zip(rows.tolist(), self._ind_codes[rows].tolist(),
                                             self._year[rows].tolist(), self._raw[rows].tolist(),
                                             self._value[rows].tolist(), self._rank[rows].tolist(),
                                             self._of[rows].tolist()):
            out.setdefault(names[i], []).append((y, raw, v, rank, of, r))
        return out

    def cards(self, iso3: str | None, year: int | None) -> list[Card]:
        """One card per indicator for the focused country, in pillar order."""
        mine = self._series_of(iso3) if iso3 else {}
        edition, notes = self._provenance() if mine else (None, None)
        out = []
        for ind_id, ind, static in self._meta:
            card = Card(year_asked=year, **static)
            series = mine.get(ind_id)  # [(year, raw, value, rank, of, row)], by year
            if series:
                card.history = [(r[0], r[2]) for r in series]
                hit = next((r for r in series if r[0] == year), None) if year is not None else series[-1]
                if hit is not None:
                    y, raw, value, rank, of, row = hit
                    card.value, card.data_year = value, y
                    card.raw_text = value_text(raw, value, ind)
                    card.rank, card.of = rank, of
                    card.edition = edition[row] or card.edition
                    card.note = "" if _isnan(notes[row]) else str(notes[row])
                else:
                    last = series[-1]
                    card.missing_text = f"no data for {year}; latest {last[0]}"
                    card.latest_text = value_text(last[1], last[2], ind)
            else:
                card.missing_text = "no data for this country in any year"
            if card.value is None and year is not None and iso3:
                card.gap_reason = self.gaps.get((iso3, ind_id, int(year)), "")
            out.append(card)
        return out

    # ---- status bar, help ------------------------------------------------------------------
    def editions(self) -> list[str]:
        """Latest edition of each publication, compact ('FIW 2025', 'PTS-2024', 'V-Dem v14'),
        the most used sources first."""
        if self._editions is not None:
            return list(self._editions)
        ed, _ = self._provenance()
        ed_codes, ed_names = pd.factorize(ed)  # missing editions get -1
        width = len(ed_names) + 1
        src_of = self.indicators["source"]
        by_source: dict[str, set[str]] = {}
        for key in np.unique(self._ind_codes.astype(np.int64) * width + ed_codes + 1).tolist():
            i, e = divmod(key, width)
            if e and ed_names[e - 1]:
                by_source.setdefault(src_of.get(self._ind_names[i], ""), set()).add(ed_names[e - 1])
        order = sorted(by_source, key=lambda s: (SOURCE_ORDER.index(s) if s in SOURCE_ORDER else len(SOURCE_ORDER), s))
        parts = []
        for sid in order:
            latest: dict[str, str] = {}
            for e in sorted(by_source[sid]):
                e = e.split(" (")[0].strip()
                head = e.split()[0] if e.split() else ""
                latest[head if head.isalpha() else ""] = e
            for e in latest.values():
                named = re.search(r"[A-Za-z]{3,}", e.split()[0]) is not None
                parts.append(e if named else f"{SOURCE_SHORT.get(sid, sid.upper())} {e}")
        self._editions = parts
        return list(parts)

    def editions_compact(self) -> list[str]:
        """The editions as short as a status bar needs: 'RSF 2025', 'PTS 2024', 'UNCTAD 2026'."""
        out = []
        for e in self.editions():
            for a, b in COMPACT_EDITIONS:
                e = re.sub(a, b, e)
            out.append(e.strip())
        return out

    def editions_text(self) -> str:
        """The editions as one line: 'FIW 2025; FOTN 2024; WPFI 2025; PTS-2024; V-Dem v14; ...'."""
        return "; ".join(self.editions())

    def coverage_text(self) -> str:
        return (f"{len(self.covered)} countries, {len(self._ind_names)} indicators, "
                f"{int(self._year.min())}\u2013{int(self._year.max())}, {len(self._value):,} values")

    def source_rows(self) -> list[dict]:
        rows = []
        for sid, s in self.sources.iterrows():
            n = int((self.indicators["source"] == sid).sum())
            rows.append({"id": sid, "name": s["name"], "publisher": s["publisher"], "licence": _licence_text(s),
                         "citation": s["citation"], "url": s["url"], "caveats": s.get("caveats") or "",
                         "indicators": n})
        return rows


def _licence_text(src, note: bool = True) -> str:
    if src is None:
        return "no open licence found"
    lic = src["licence"] or "no open licence found"
    note = (src.get("licence_note") or "") if note else ""
    return f"{lic} ({note})" if note and note not in lic else lic
