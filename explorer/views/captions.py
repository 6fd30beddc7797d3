"""What an exported image says about itself: a title naming the indicator, the countries and the
year, the reading caveats, and a footer "Source: <publisher, edition> · data year(s) · licence ·
made with Country Privacy Explorer". Qt-free; the drawing is in ``explorer/ui/exports/slides.py``.
The same sources, editions and licences go into CSV columns (``provenance_columns``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .readings import readings_for

MADE_WITH = "made with Country Privacy Explorer"
FOOTER_MAX = 230
MAX_READINGS = 2  # reading caveats spelt out in an image; more are named in one line  # characters of the footer before sources are shortened


@dataclass(frozen=True)
class SourceLine:
    source: str
    publisher: str
    editions: tuple[str, ...]
    licence: str
    citation: str

    def short(self) -> str:
        ed = _span(self.editions)
        return f"{self.publisher}, {ed}" if ed else self.publisher


@dataclass(frozen=True)
class Caption:
    title: str
    footer: str
    footnotes: tuple[str, ...] = ()
    sources: tuple[SourceLine, ...] = field(default=())
    years: tuple[int, ...] = ()


def _span(items) -> str:
    items = [str(x) for x in dict.fromkeys(items) if x]
    if len(items) <= 2:
        return " and ".join(items)
    return f"{items[0]} to {items[-1]}"


def years_text(years) -> str:
    ys = sorted({int(y) for y in years if y is not None and y == y})
    if not ys:
        return "no data year"
    if len(ys) == 1:
        return f"data year {ys[0]}"
    if ys == list(range(ys[0], ys[-1] + 1)) or len(ys) > 3:
        return f"data years {ys[0]}-{ys[-1]}"
    return "data years " + ", ".join(map(str, ys))


def short_licence(licence: str) -> str:
    """ "No open data licence found; Freedom House terms of use apply" -> "Freedom House terms of use apply"."""
    text = " ".join(str(licence or "").split())
    parts = [p.strip() for p in text.split(";") if p.strip()]
    part = parts[1] if len(parts) > 1 and parts[0].lower().startswith("no ") else parts[0] if parts else ""
    if part.count("(") > part.count(")"):  # "CC BY 4.0 (as reported ...; not verified)": the bracket was cut
        part = part[:part.rindex("(")].strip()
    return part or "licence not stated"


def source_lines(panel, indicators, years=None, countries=None) -> list[SourceLine]:
    """One line per source behind ``indicators``, with the editions of the values in ``years``
    (all years when None) for ``countries`` (all when None), as the index dates them."""
    from .charts import short_publisher
    edition = panel.column("edition")
    out: dict[str, SourceLine] = {}
    for ind in indicators:
        meta = panel.indicator_meta.get(ind)
        if not meta:
            continue
        rows = panel.rows_of_indicator(ind)
        if years is not None and len(rows):
            rows = rows[np.isin(panel.year[rows], np.asarray(sorted({int(y) for y in years}), dtype=np.int64))]
        if countries is not None and len(rows):
            codes = [panel.iso3s.index(c) for c in countries if c in panel.iso3s]
            sub = rows[np.isin(panel.iso_code[rows], codes)]
            rows = sub if len(sub) else rows
        eds = [e for e in dict.fromkeys(edition[rows[np.argsort(panel.year[rows], kind="stable")]].tolist()) if e]
        sid = meta["source"]
        src = panel.source_meta.get(sid, {})
        prev = out.get(sid)
        merged = tuple(dict.fromkeys((prev.editions if prev else ()) + tuple(eds)))
        out[sid] = SourceLine(sid, src.get("short") or short_publisher(src.get("publisher", ""), sid), merged,
                              str(src.get("licence") or ""), str(src.get("citation") or ""))
    return list(out.values())


def footer_text(sources: list[SourceLine], years) -> str:
    """The footer; with many sources, editions and then licences are dropped to keep it short
    (the CSV and the brief carry the full citations)."""
    yt = years_text(years)
    if not sources:
        return f"Source: none (no data shown) · {MADE_WITH}"

    def build(with_editions: bool, with_licences: bool) -> str:
        names = "; ".join(s.short() if with_editions else s.publisher for s in sources) or "no source"
        lic = "; ".join(dict.fromkeys(short_licence(s.licence) for s in sources))
        head = "Source" if len(sources) <= 1 else "Sources"
        parts = [f"{head}: {names}", yt]
        parts.append(f"licence: {lic}" if with_licences else "licences: see the CSV or the brief")
        return " · ".join(parts + [MADE_WITH])

    for ed, lic in ((True, True), (False, True), (False, False)):
        text = build(ed, lic)
        if len(text) <= FOOTER_MAX:
            return text
    return text


def caption(panel, title: str, indicators, years, countries=None, extra_notes=()) -> Caption:
    """The caption of an image of ``indicators`` over ``years`` (the data years shown)."""
    years = tuple(sorted({int(y) for y in years if y is not None and y == y}))
    srcs = source_lines(panel, indicators, years or None, countries)
    readings = readings_for(panel, indicators)
    if len(readings) > MAX_READINGS:  # a many-source view: one line, the CSV and brief say the rest
        readings = [condensed_readings(panel, indicators)]
    notes = tuple(dict.fromkeys([n for n in extra_notes if n] + readings))
    return Caption(title, footer_text(srcs, years), notes, tuple(srcs), years)


def condensed_readings(panel, indicators) -> str:
    from .readings import READINGS, reading
    keys = []
    for i in indicators:
        meta = panel.indicator_meta.get(i)
        if meta and reading(meta):
            k = meta["id"] if meta["id"] in READINGS else meta["source"]
            keys.append(panel.source_meta.get(k, {}).get("short") or k)
    return ("Read with care (caveats change the reading): " + ", ".join(dict.fromkeys(keys))
            + "; see the cards, the CSV or the country brief.")


def names_text(panel, iso3s, limit: int = 5) -> str:
    """ "China, Germany and India" (more than ``limit``: "China, Germany and 6 more")."""
    names = [panel.name(c) for c in iso3s]
    if len(names) > limit:
        names = names[:limit - 1] + [f"{len(iso3s) - limit + 1} more"]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def provenance_columns(panel, frame, indicator_col: str | None = None, indicator: str | None = None,
                       year_col: str = "year", iso_col: str = "iso3"):
    """``frame`` with source, publisher, edition, data_year, provenance, licence and citation
    columns: each row's own edition and provenance from the index where the row names a country,
    an indicator and a year."""
    import pandas as pd
    df = frame.copy()
    n = len(df)
    inds = (df[indicator_col].astype(str).tolist() if indicator_col and indicator_col in df
            else [indicator or ""] * n)
    isos = df[iso_col].tolist() if iso_col in df else [None] * n
    yrs = df[year_col].tolist() if year_col in df else [None] * n
    edition, prov = panel.column("edition"), panel.column("provenance")
    lookup: dict[tuple, int] = {}
    for ind in set(inds):
        rows = panel.rows_of_indicator(ind)
        for r, c, y in zip(rows.tolist(), panel.iso_of(rows).tolist(), panel.year[rows].tolist()):
            lookup[(ind, c, int(y))] = r
    src, pub, ed, pv, lic, cit, dy = [], [], [], [], [], [], []
    for ind, c, y in zip(inds, isos, yrs):
        meta = panel.indicator_meta.get(ind, {})
        s = panel.source_meta.get(meta.get("source", ""), {})
        ok_year = y is not None and not pd.isna(y)
        r = lookup.get((ind, c, int(y))) if ok_year else None
        src.append(meta.get("source", ""))
        pub.append(s.get("publisher", ""))
        ed.append(edition[r] if r is not None else "")
        pv.append(prov[r] if r is not None else "")
        lic.append(s.get("licence", ""))
        cit.append(s.get("citation", ""))
        dy.append(int(y) if ok_year else None)
    df["source"], df["publisher"], df["edition"] = src, pub, ed
    df["data_year"] = pd.array(dy, dtype="Int64")
    df["provenance"], df["licence"], df["citation"] = pv, lic, cit
    return df
