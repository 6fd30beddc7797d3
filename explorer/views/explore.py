"""Qt-free data for the explore window, from the Panel: the country list, indicator cards,
the first view, status and sources text.

Plain Python values only (no pandas, no SQL), so the widgets lay out what they are given and
tests check the content without a display. Year rule of the country list and the cards:
``Exact(year)`` (explorer.data.rules).
"""

from __future__ import annotations

import re

import numpy as np

from ..data.arrays import distinct
from ..data.rank import min_rank
from ..names import name_key
from . import cards as card_views
from .cards import Card  # noqa: F401 (widgets and tests import it from here)
from .readings import documented_text
from .search import CountrySearch
from .text import direction_words, fmt_number, isnan, licence_text, raw_with_scale, value_text  # noqa: F401

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


class ExploreData:
    """What the explore window shows, prepared from one Panel; cheap enough to rebuild every
    card on each click."""

    def __init__(self, panel):
        self.panel = panel
        self.covered = panel.covered
        self.search = CountrySearch.from_panel(panel)
        self._scored = {i for i, m in panel.indicator_meta.items() if not isnan(m["pillar"])}
        self._at_cache: dict[tuple[str, int], dict[str, tuple[float, int, float]]] = {}
        self._editions = None
        self._country_list = [(c, panel.name(c), panel.country_meta.get(c, {}).get("region") or "")
                              for c in self.covered]
        self._name_keys = {c: name_key(n) for c, n, _ in self._country_list}  # the list's sort, once
        self._statics = card_views.card_statics(panel)

    def warm(self, view: dict | None = None) -> dict:
        """Prepare what the first window shows (call it on the loader's thread)."""
        view = view or self.default_view()
        self.editions()
        self.cards(view["focused"], view["year"])
        self.values_at(view["indicator"], view["year"])
        return view

    # ---- indicators and years ---------------------------------------------------------------
    def years(self, indicator: str) -> list[int]:
        return self.panel.years(indicator)

    def indicator(self, indicator: str) -> dict:
        return self.panel.indicator_meta.get(indicator, {})

    def indicator_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(pillar name, [(indicator id, label)]) in pillar order; context indicators last."""
        groups: dict[str, list[tuple[str, str]]] = {}
        who = {sid: s.get("short") for sid, s in self.panel.source_meta.items()}
        for i, m in self.panel.indicator_meta.items():
            short, source = m["short"], m["source"]
            tag = who.get(source) or source
            named = any(w.strip(".") in short for w in tag.split() if len(w) > 3)  # "PTS mean" needs no tag
            label = short if named or tag in short else f"{short} ({tag})"
            groups.setdefault(self.pillar_name(m["pillar"]), []).append((i, label))
        return list(groups.items())

    def indicators_by_pillar(self) -> list[tuple[str | None, list[str]]]:
        """(pillar id or None for context, [indicator ids]) in pillar order, context last."""
        groups: dict[str | None, list[str]] = {}
        for i, m in self.panel.indicator_meta.items():
            groups.setdefault(None if isnan(m["pillar"]) else m["pillar"], []).append(i)
        return list(groups.items())

    def pillar_name(self, pillar) -> str:
        if isnan(pillar) or pillar not in self.panel.pillar_meta:
            return "Context (not scored)"
        return self.panel.pillar_meta[pillar]["name"]

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
            ys = {i: self.years(i) for i in self.panel.indicator_ids if self.years(i)}
            ind = max(ys, key=lambda i: (ys[i][-1], len(ys[i])))
        if year is None or year not in self.years(ind):
            year = self.years(ind)[-1]
        return {"indicator": ind, "year": year, "selected": selected, "focused": focus}

    def well_covered_year(self, iso3: str | None) -> int | None:
        """The latest year in which more than half of the scored indicators the country has
        any data for have a value (None when the country has no scored data)."""
        p = self.panel
        rows = p.rows_of(iso3)
        if not len(rows):
            return None
        per_year: dict[int, set[str]] = {}
        for i, y in zip(p.ind_code[rows].tolist(), p.year[rows].tolist()):
            name = p.indicator_ids[i]
            if name in self._scored:
                per_year.setdefault(y, set()).add(name)
        total = len(set().union(*per_year.values())) if per_year else 0
        good = [y for y, inds in per_year.items() if 2 * len(inds) > total]
        return max(good) if good else None

    # ---- country list ---------------------------------------------------------------------
    def regions(self) -> list[str]:
        return sorted({r for _, _, r in self._country_list if r})

    def values_at(self, indicator: str, year: int | None) -> dict[str, tuple[float, int, float]]:
        """iso3 -> (0-100 value, rank, raw value) of every country with a value for ``indicator``
        in exactly ``year`` (rule ``Exact``)."""
        key = (indicator, year)
        hit = self._at_cache.get(key)
        if hit is None:
            p = self.panel
            rows = p.rows_at(indicator, year)
            # rows_at is one (indicator, year) group of values: its ranks in one go, as rank_at
            hit = dict(zip(p.iso_of(rows).tolist(), zip(p.value[rows].tolist(), min_rank(p.value[rows]).tolist(),
                                                        p.raw[rows].tolist())))
            if len(self._at_cache) > 64:
                self._at_cache.clear()
            self._at_cache[key] = hit
        return hit

    def country_rows(self, query: str = "", region: str | None = None, sort: str = SORT_NAME,
                     indicator: str = "", year: int | None = None) -> list[dict]:
        """The list the selector shows: name, ISO3, region, the current indicator's value (or
        None), its rank and ``score`` as the list writes it. A documented-only indicator (AIGS
        flags, the spyware inventory) reads "documented" / "not documented" and has no rank."""
        vals = self.values_at(indicator, year) if indicator else {}
        meta = self.panel.indicator_meta.get(indicator) or {}
        documented = bool(meta.get("documented_only"))
        rows = []
        for iso3, name, reg in self._country_list:
            if (region and reg != region) or (query and not self.search.matches(iso3, query)):
                continue
            v = vals.get(iso3)
            if v is None:
                score = "\u2014"
            elif documented:
                score = documented_text(v[2], meta.get("unit") or "").split(" (")[0]
            else:
                score = f"{v[0]:.0f}"
            rows.append({"iso3": iso3, "name": name, "region": reg, "score": score,
                         "value": None if v is None else v[0],
                         "rank": None if v is None or documented else v[1]})
        keys = self._name_keys
        key_name = [keys[r["iso3"]] for r in rows]
        order = sorted(range(len(rows)), key=lambda i: key_name[i])
        if sort in (SORT_BEST, SORT_WORST):
            sign = -1 if sort == SORT_BEST else 1
            order.sort(key=lambda i: (rows[i]["value"] is None, sign * (rows[i]["value"] or 0)))
        return [rows[i] for i in order]

    def name(self, iso3: str | None) -> str:
        return self.panel.name(iso3)

    # ---- cards ----------------------------------------------------------------------------
    def cards(self, iso3: str | None, year: int | None) -> list[Card]:
        """One card per indicator for the focused country, in pillar order."""
        return card_views.cards(self.panel, self._statics, iso3, year)

    def deck(self, iso3: str | None, year: int | None) -> card_views.Deck:
        """The same cards, each made when first asked for (the window's cards in view first)."""
        return card_views.Deck(self.panel, self._statics, iso3, year)

    # ---- status bar, help ------------------------------------------------------------------
    def editions(self) -> list[str]:
        """Latest edition of each publication, compact ('FIW 2025', 'PTS-2024', 'V-Dem v14'),
        the most used sources first."""
        if self._editions is not None:
            return list(self._editions)
        p = self.panel
        keep = np.isfinite(p.value)
        ed = p.packed_column("edition")
        pairs = distinct(p.ind_code[keep].astype(np.int64) * (len(ed.categories) + 1) + ed.data[keep] + 1)
        by_source: dict[str, set[str]] = {}
        for key in pairs.tolist():
            i, e = divmod(key, len(ed.categories) + 1)
            if e and ed.categories[e - 1]:
                src = p.indicator_meta.get(p.indicator_ids[i], {}).get("source", "")
                by_source.setdefault(src, set()).add(ed.categories[e - 1])
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
        p = self.panel
        n_ind = len({i for i in p.indicator_ids if p.years(i)})
        lo, hi = p.year_range or (0, 0)
        return f"{len(self.covered)} countries, {n_ind} indicators, {lo}\u2013{hi}, {p.n_values:,} values"

    def source_rows(self) -> list[dict]:
        rows = []
        p = self.panel
        for sid, s in p.source_meta.items():
            n = sum(1 for m in p.indicator_meta.values() if m["source"] == sid)
            rows.append({"id": sid, "name": s["name"], "publisher": s["publisher"], "licence": licence_text(s),
                         "citation": s["citation"], "url": s["url"], "caveats": s.get("caveats") or "",
                         "indicators": n})
        return rows
