"""Qt-free data preparation for the window: country search, the country list, indicator cards,
the first view, status and sources text.

Everything here reads the cached frames of ``explorer.store.Index`` (never SQL) and returns
plain Python values, so the widgets only lay out what they are given and tests can check
the content without a display. Missing values stay missing: a card says which year it asked
for, when the latest value is from, and the publisher's reason for the gap when there is one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

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

SORT_NAME, SORT_BEST, SORT_WORST = "name", "best", "worst"


def _isnan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def fmt_number(x: float) -> str:
    """Short, honest number: integers stay integers, others keep up to two decimals."""
    x = float(x)
    if abs(x) >= 100 or x == int(x):
        return f"{x:.0f}".replace("-", "\u2212")
    return f"{x:.2f}".rstrip("0").rstrip(".").replace("-", "\u2212")


def raw_with_scale(raw: float, ind: pd.Series) -> str:
    """The raw value as its publisher states it, with the scale: '9 / 100', '3 on the 1-5 scale'."""
    if _isnan(raw):
        return ""
    levels = [s for s in str(ind.get("levels") or "").split("|") if s]
    if ind["scale"] == "ordinal" and levels and 0 <= int(raw) < len(levels):
        return f"{levels[int(raw)]} (level {int(raw) + 1} of {len(levels)})"
    lo, hi = ind.get("goal_lo"), ind.get("goal_hi")  # the publisher's scale, not validation bounds
    if _isnan(lo) or _isnan(hi):
        lo, hi = ind.get("raw_min"), ind.get("raw_max")
    if ind["scale"] == "bounded" and not _isnan(lo) and not _isnan(hi):
        if float(lo) == 0:
            return f"{fmt_number(raw)} / {fmt_number(hi)}"
        return f"{fmt_number(raw)} on the {fmt_number(lo)}\u2013{fmt_number(hi)} scale"
    return f"{fmt_number(raw)} \u00b7 {ind['unit']}"


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
        try:
            aliases = pd.read_csv(ALIASES_PATH, dtype=str, keep_default_na=False)
        except (OSError, pd.errors.ParserError):
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
    raw_text: str = ""  # "9 / 100"
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
    """Precomputed lookups over one index, fast enough to rebuild every card on each click."""

    def __init__(self, ix):
        self.ix = ix
        obs = ix.observations[["iso3", "indicator", "year", "raw_value", "value", "edition", "note"]].copy()
        obs = obs[obs["value"].notna()]
        grp = obs.groupby(["indicator", "year"])["value"]
        obs["rank"] = grp.rank(ascending=False, method="min").astype(int)
        obs["of"] = grp.transform("size").astype(int)
        self.obs = obs.sort_values("year", kind="stable")
        self.by_country = {iso3: df for iso3, df in self.obs.groupby("iso3")}
        self.indicators = ix.indicators
        self.sources = ix.sources
        self.countries = ix.countries
        self.covered = sorted(set(obs["iso3"]))
        m = ix.missing
        self.gaps = {(r.iso3, r.indicator, int(r.year)): r.reason for r in m.itertuples(index=False)}
        self.search = CountrySearch.from_index(ix)
        self._years: dict[str, list[int]] = {k: sorted(v.unique().tolist())
                                             for k, v in obs.groupby("indicator")["year"]}
        self._pillar_names = dict(zip(ix.pillars["id"], ix.pillars["name"]))
        self._series = None
        self._card_tables()  # here, so that it runs on the loader's thread

    # ---- indicators and years ---------------------------------------------------------------
    def years(self, indicator: str) -> list[int]:
        return self._years.get(indicator, [])

    def indicator_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(pillar name, [(indicator id, label)]) in pillar order; context indicators last."""
        out: list[tuple[str, list[tuple[str, str]]]] = []
        d = self.indicators
        for pillar, grp in d.groupby(d["pillar"].fillna(""), sort=False):
            title = self._pillar_names.get(pillar, "Context (not scored)")
            out.append((title, [(i, f"{r['short']} ({r['source']})") for i, r in grp.iterrows()]))
        return out

    def pillar_name(self, pillar) -> str:
        return self._pillar_names.get(pillar, "Context (not scored)") if not _isnan(pillar) else "Context (not scored)"

    def default_view(self) -> dict:
        """China focused and compared with other regions, on a recent indicator, latest year."""
        ind = next((i for i in DEFAULT_INDICATORS if self.years(i)), None)
        if ind is None:  # any indicator with the most recent data
            ind = max(self._years, key=lambda i: (self._years[i][-1], len(self._years[i])))
        have = set(self.covered)
        selected = [c for c in DEFAULT_COMPARE if c in have] or self.covered[:1]
        focus = DEFAULT_FOCUS if DEFAULT_FOCUS in have else (selected[0] if selected else None)
        return {"indicator": ind, "year": self.years(ind)[-1], "selected": selected, "focused": focus}

    # ---- country list ---------------------------------------------------------------------
    def regions(self) -> list[str]:
        c = self.countries
        return sorted(c.loc[c["iso3"].isin(self.covered), "region"].dropna().unique().tolist())

    def values_at(self, indicator: str, year: int | None) -> pd.DataFrame:
        o = self.obs
        return o[(o["indicator"] == indicator) & (o["year"] == year)].set_index("iso3")

    def country_rows(self, query: str = "", region: str | None = None, sort: str = SORT_NAME,
                     indicator: str = "", year: int | None = None) -> list[dict]:
        """The list the selector shows: name, ISO3, region, the current indicator's value (or None)."""
        c = self.countries.loc[self.covered]
        if region:
            c = c[c["region"] == region]
        if query:
            c = c[[self.search.matches(i, query) for i in c["iso3"]]]
        vals = self.values_at(indicator, year) if indicator else pd.DataFrame(columns=["value", "rank"])
        rows = []
        for r in c.itertuples(index=False):
            v = vals["value"].get(r.iso3) if r.iso3 in vals.index else None
            rows.append({"iso3": r.iso3, "name": r.short_name, "region": r.region or "",
                         "value": None if _isnan(v) else float(v),
                         "rank": int(vals["rank"][r.iso3]) if v is not None and not _isnan(v) else None})
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
    def _card_tables(self):
        """Plain-Python lookups built once: pandas per click is too slow for 50+ cards."""
        if self._series is not None:
            return
        self._series: dict[str, dict[str, list[tuple]]] = {}
        cols = ["iso3", "indicator", "year", "raw_value", "value", "edition", "note", "rank", "of"]
        for iso3, ind, *rest in self.obs[cols].itertuples(index=False, name=None):
            self._series.setdefault(iso3, {}).setdefault(ind, []).append(tuple(rest))
        self._meta: list[tuple[str, pd.Series, dict]] = []
        for ind_id, ind in self.indicators.iterrows():
            src = self.sources.loc[ind["source"]] if ind["source"] in self.sources.index else None
            self._meta.append((ind_id, ind, dict(
                indicator=ind_id, short=ind["short"], name=ind["name"],
                pillar=None if _isnan(ind["pillar"]) else ind["pillar"], unit=ind["unit"],
                description=ind["description"] or "", direction=ind["direction"] or "",
                edition=ind["edition"] or "", caveat=ind["caveat"] or "",
                source=src["name"] if src is not None else ind["source"],
                publisher=src["publisher"] if src is not None else "",
                licence=_licence_text(src, note=False))))

    def cards(self, iso3: str | None, year: int | None) -> list[Card]:
        """One card per indicator for the focused country, in pillar order."""
        self._card_tables()
        mine = self._series.get(iso3, {}) if iso3 else {}
        out = []
        for ind_id, ind, static in self._meta:
            card = Card(year_asked=year, **static)
            series = mine.get(ind_id)  # [(year, raw, value, edition, note, rank, of)], by year
            if series:
                card.history = [(int(r[0]), float(r[2])) for r in series]
                hit = next((r for r in series if r[0] == year), None) if year is not None else series[-1]
                if hit is not None:
                    y, raw, value, edition, note, rank, of = hit
                    card.value, card.data_year = float(value), int(y)
                    card.raw_text = raw_with_scale(raw, ind)
                    card.rank, card.of = int(rank), int(of)
                    card.edition = edition or card.edition
                    card.note = "" if _isnan(note) else str(note)
                else:
                    last = series[-1]
                    card.missing_text = f"no data for {year}; latest {int(last[0])}"
                    card.latest_text = f"{raw_with_scale(last[1], ind)} (score {last[2]:.0f})"
            else:
                card.missing_text = "no data for this country in any year"
            if card.value is None and year is not None and iso3:
                card.gap_reason = self.gaps.get((iso3, ind_id, int(year)), "")
            out.append(card)
        return out

    # ---- status bar, help ------------------------------------------------------------------
    def editions_text(self) -> str:
        """Latest edition of each publication, compact: 'FIW 2025; FOTN 2024; PTS-2024; V-Dem v14'."""
        src = self.obs["indicator"].map(self.indicators["source"])
        parts = []
        for sid, eds in self.obs.groupby(src)["edition"]:
            latest: dict[str, str] = {}
            for e in sorted(set(eds.dropna())):
                e = e.split(" (")[0].strip()
                head = e.split()[0] if e.split() else ""
                latest[head if head.isalpha() else ""] = e
            for e in latest.values():
                named = re.search(r"[A-Za-z]{3,}", e.split()[0]) is not None
                parts.append(e if named else f"{SOURCE_SHORT.get(sid, sid.upper())} {e}")
        return "; ".join(parts)

    def coverage_text(self) -> str:
        o = self.obs
        return (f"{len(self.covered)} countries, {o['indicator'].nunique()} indicators, "
                f"{int(o['year'].min())}\u2013{int(o['year'].max())}, {len(o):,} values")

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
