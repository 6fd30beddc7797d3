"""The country brief's content: one country and up to four peers in one year. Qt-free: the
numbers, the wording and the HTML; ``explorer/ui/exports/country_brief.py`` only draws them
(QPdfWriter) with the trend chart. The window (File > Country brief...) and `explorer brief
--country` both call ``country_brief`` and write the same file.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import numpy as np

from ..errors import ExplorerError
from .peers import WINDOW, PeerTable, peer_table
from .readings import UNMEASURED_LEAD, UNMEASURED_TITLE, readings_for, unmeasured_lines

MAX_PEERS = 4
# The trend chart's two indicators: the first two with a history for the country.
KEY_INDICATORS = ("fiw_total", "rsf_score", "fotn_total", "vdem_physical_violence", "vdem_civil_liberties",
                  "pts_mean")
PROVENANCE_MARK = {"publisher's file": "", "third-party copy": "c", "transcription": "t", "provisional": "p"}
PROVENANCE_LEGEND = ("Marks after a value: c = third-party copy of the publisher's data, t = transcribed "
                     "from web pages or reports, p = provisional; no mark = the publisher's own file.")


@dataclass
class Trend:
    indicator: str
    title: str
    axis: str
    lo: float | None
    hi: float | None
    series: dict[str, list[tuple[int, float]]]  # iso3 -> (year, raw value)


@dataclass
class RankLine:
    iso3: str
    name: str
    rank: int | None
    of: int
    lo: int | None
    hi: int | None
    score: float | None
    pillars: dict[str, float]
    note: str = ""


@dataclass
class CountryBrief:
    country: str
    peers: list[str]
    year: int
    names: dict[str, str]
    region: str | None
    headline: str
    ranks: list[RankLine]
    pillar_rows: list[tuple[str, str, list[float | None], float | None, float | None]]  # id, name, per country, region, world
    table: PeerTable
    trends: list[Trend]
    caveats: list[str]
    composite_caveats: list[str]
    citations: list[dict]
    generated_with: str = "Country Privacy Explorer"
    countries: list[str] = field(default_factory=list)
    score_medians: tuple[float | None, float | None] = (None, None)  # region, world
    scales: dict[str, str] = field(default_factory=dict)  # indicator -> short scale ("pts 0–6 ↑")
    keys: dict[str, str] = field(default_factory=dict)  # indicator -> citation key ("FH")

    @property
    def title(self) -> str:
        return f"{self.names[self.country]} and its peers, {self.year}"

    @property
    def footer(self) -> str:
        """Every page's footer: the command that makes the same brief."""
        peers = f" --peers {','.join(self.peers)}" if self.peers else ""
        return f"Made with {self.generated_with}: explorer brief --country {self.country}{peers} --year {self.year}"


def check_codes(panel, country: str, peers: list[str]) -> tuple[str, list[str]]:
    """Upper-cased codes; every unknown code is named, and more than four peers refused."""
    codes = [c.strip().upper() for c in [country, *peers] if c and c.strip()]
    bad = [c for c in codes if c not in panel.country_meta]
    if bad:
        raise ExplorerError(f"unknown country code(s): {', '.join(bad)}; give ISO 3166 alpha-3 codes such as "
                            "CHN (see `explorer countries`)")
    country, peers = codes[0], [c for c in dict.fromkeys(codes[1:]) if c != codes[0]]
    if len(peers) > MAX_PEERS:
        raise ExplorerError(f"at most {MAX_PEERS} peers fit a brief, not {len(peers)}")
    return country, peers


def _trends(panel, iso3s: list[str], year: int) -> list[Trend]:
    out = []
    for ind in KEY_INDICATORS:
        meta = panel.indicator_meta.get(ind)
        if not meta:
            continue
        series = {}
        for c in iso3s:
            rows = panel.rows_of(c)
            rows = rows[(panel.ind_code[rows] == panel.indicator_ids.index(ind)) & (panel.year[rows] <= year)]
            if len(rows):
                series[c] = list(zip(panel.year[rows].tolist(), panel.raw[rows].tolist()))
        if len(series.get(iso3s[0], [])) < 2:
            continue
        way = "higher = better" if meta["higher_is_better"] else "higher = worse"
        src = panel.source_meta.get(meta["source"], {})
        lo, hi = meta.get("goal_lo"), meta.get("goal_hi")
        ok = meta["scale"] == "bounded" and lo is not None and hi is not None and lo == lo and hi == hi
        out.append(Trend(ind, f"{meta['short']} ({src.get('short') or meta['source']})",
                         f"{meta['unit']}, {way}", float(lo) if ok else None, float(hi) if ok else None, series))
        if len(out) == 2:
            break
    return out


def country_brief(panel, country: str, peers: list[str], year: int, ans, headline: str,
                  composite_caveats=()) -> CountryBrief:
    """Everything the brief says for ``country`` and ``peers`` in ``year``, given the composite
    answer of that year (``ans``: its ranked ``table`` with rank ranges and ``excluded``) and its
    headline; the caller (ui/exports/country_brief.py) computes them: views sit below scoring."""
    country, peers = check_codes(panel, country, peers)
    iso3s = [country, *peers]
    year = int(year)
    t = ans.table.set_index("iso3")
    pillars = list(panel.pillar_meta)
    ranks = []
    for c in iso3s:
        if c in t.index:
            r = t.loc[c]
            ranks.append(RankLine(c, panel.name(c), int(r["rank"]), len(t), int(r["rank_lo"]), int(r["rank_hi"]),
                                  float(r["score"]), {p: float(r[p]) for p in pillars if r[p] == r[p]}))
        else:
            ex = ans.excluded.set_index("iso3")
            why = ex.loc[c, "missing"] if c in ex.index else "no values in the composite's years"
            ranks.append(RankLine(c, panel.name(c), None, len(t), None, None, None, {}, f"not ranked: {why}"))
    region = panel.region(country)
    pillar_rows = []
    for p in pillars:
        per = [next((r.pillars.get(p) for r in ranks if r.iso3 == c), None) for c in iso3s]
        reg = t.loc[t["region"] == region, p].median() if region else np.nan
        world = t[p].median()
        pillar_rows.append((p, panel.pillar_meta[p]["name"], per,
                            None if reg != reg else float(reg), None if world != world else float(world)))
    table = peer_table(panel, iso3s, year)
    shown = table.shown_indicators()
    caveats = readings_for(panel, shown)
    provs = {c.provenance for r in table.rows for c in r.cells if not c.missing}
    if provs & {"transcription", "provisional"}:
        caveats.append("Values marked t or p are transcriptions or provisional: check them against the "
                       "publisher before quoting.")
    if any(c.year is not None and c.year < year for r in table.rows for c in r.cells):
        caveats.append(f"Values from before {year} keep their own data year: nothing is carried forward "
                       "or filled in.")
    used = list(dict.fromkeys(panel.indicator_meta[i]["source"] for i in shown))
    citations = [{"source": s, "key": source_key(s), "name": panel.source_meta[s]["name"], "publisher": panel.source_meta[s]["publisher"],
                  "licence": panel.source_meta[s]["licence"], "citation": panel.source_meta[s]["citation"],
                  "url": panel.source_meta[s].get("url", "")} for s in used if s in panel.source_meta]
    reg = t.loc[t["region"] == region, "score"].median() if region else np.nan
    world = t["score"].median()
    metas = {r.indicator: panel.indicator_meta[r.indicator] for r in table.rows}
    return CountryBrief(country, peers, year, {c: panel.name(c) for c in iso3s}, region, headline, ranks,
                        pillar_rows, table, _trends(panel, iso3s, year), caveats,
                        [c for c in composite_caveats if not c.startswith("AIGS")][:2], citations, countries=iso3s,
                        score_medians=(None if reg != reg else float(reg), None if world != world else float(world)),
                        scales={i: short_scale(m) for i, m in metas.items()},
                        keys={i: source_key(m["source"]) for i, m in metas.items()})


# ---- HTML (QTextDocument's subset) -----------------------------------------------------------
# One flowing document of two A4 pages: summary and trend chart, every indicator, caveats,
# what no source measures, citations. Nothing is smaller than 7.5 pt (a printout stays readable).
BODY_PT = 7.5
CSS = f"""
body {{ color: #000000; font-size: {BODY_PT}pt; }}
h1 {{ font-size: 14pt; margin-top: 0px; margin-bottom: 0px; }}
h2 {{ font-size: 9.5pt; margin-top: 10px; margin-bottom: 4px; color: #1F4E79; }}
p, li, td, th {{ font-size: {BODY_PT}pt; line-height: 92%; }}
p {{ margin-top: 0px; margin-bottom: 6px; }}
ul {{ margin-top: 0px; margin-bottom: 0px; margin-left: 0px; -qt-list-indent: 1; }}
li {{ margin-bottom: 2px; }}
.small {{ color: #333333; }}
.head {{ background-color: #E4EAF2; font-weight: bold; }}
th {{ background-color: #1F4E79; color: #FFFFFF; font-weight: bold; }}
td.n {{ text-align: right; }}
"""
SCORE_BG = ("#F4D6D6", "#F8E6D2", "#F5F1D0", "#DDEEDB", "#CDE6D0")  # 0-100 classes, pale (print-safe)
TRENDS_IMAGE = "brief-trends"  # the blank image whose place the PDF writer fills with the trend chart
# Citation keys of the table's Source column (the citations list them in full).
SOURCE_KEYS = {"aigs": "AIGS", "cirights": "CIRI", "comparitech": "CT", "fariss": "HRPS", "freedomhouse": "FH",
               "keepiton": "KIO", "pts": "PTS", "rsf": "RSF", "spyware": "SPY", "top10vpn": "T10",
               "unctad": "UNCTAD", "vdem": "V-Dem", "wjp": "WJP"}
NOT_PROOF = " (absence is not proof)"
SCALE_LEGEND = ("Scale: the publisher's own; ↑ higher = better (less persecution), ↓ higher = worse; "
                "doc. = records documented cases only, never ranked: † absence is not proof.")


def _e(v) -> str:
    return html.escape(str(v))


def _num(v) -> str:
    return "–" if v is None else f"{v:.0f}"


def source_key(source_id: str) -> str:
    return SOURCE_KEYS.get(source_id, source_id.upper())


def short_scale(ind: dict) -> str:
    """'points (0-6)', higher = better -> 'pts 0–6 ↑'; documented-only -> '... doc. only'."""
    unit = str(ind.get("unit") or "")
    if unit.startswith("1 = documented"):
        s = "flag 0/1"
    else:
        s = re.sub(r"\(about ([^)]*)\)", r"\1", unit)
        s = re.sub(r"\((\d[^)=]*)\)", r"\1", s)
        s = re.sub(r"\s*\([^)]*\)", "", s)  # (listed cities), (1 = most free), (technology x vendor)...
        for a, b in (("points", "pts"), (" per year", "/yr"), ("CCTV cameras per 1,000 people", "cameras/1,000"),
                     ("recorded shutdown events", "events"), ("count of technology types", "types"),
                     ("documented entries", "entries"), ("distinct vendors", "vendors"), ("latent score", "latent"), ("latent index", "latent")):
            s = s.replace(a, b)
        s = re.sub(r"(\d)-(\d)", "\\1–\\2", s).replace("..", "…")
    if ind.get("documented_only"):
        return f"doc.: {s}"
    return f"{s} {'↑' if ind.get('higher_is_better') else '↓'}"


def _row_year(r) -> int | None:
    """The data year most of a row's values share: shown once in the Year column."""
    years = [c.year for c in r.cells if not c.missing]
    return max(set(years), key=lambda y: (years.count(y), y)) if years else None


def _cell_html(c, row_year, notes: list[str]) -> str:
    text = c.text[:-len(NOT_PROOF)] + "†" if c.text.endswith(NOT_PROOF) else c.text
    if c.missing:
        mark = ""
        if c.reason:
            if c.reason not in notes:
                notes.append(c.reason)
            mark = f"<sup>{notes.index(c.reason) + 1}</sup>"
        return f"<td class='small'>{_e(text)}{mark}</td>"
    mark = PROVENANCE_MARK.get(c.provenance, "")
    yr = f" ({c.year})" if c.year != row_year else ""
    k = min(4, int(c.value // 20))
    return f"<td bgcolor='{SCORE_BG[k]}'>{_e(text)}{yr}{('<sup>' + mark + '</sup>') if mark else ''}</td>"


def _summary(b: CountryBrief) -> list[str]:
    names = [b.names[c] for c in b.countries]
    cols = len(names) + 3
    out = [f"<h2>Composite rank and pillar scores ({b.year}; 0-100, 100 = least persecution)</h2>",
           "<table width='100%' cellspacing='0' cellpadding='1' border='0.5'><tr><th width='27%'></th>"
           + "".join(f"<th>{_e(n)}</th>" for n in names)
           + f"<th>{_e(b.region or 'Region')} median</th><th>World median</th></tr>"]

    def row(label, vals, reg="", world="", bold=False):
        lab = f"<b>{_e(label)}</b>" if bold else _e(label)
        return (f"<tr><td>{lab}</td>" + "".join(f"<td class='n'>{v}</td>" for v in vals)
                + f"<td class='n'>{reg}</td><td class='n'>{world}</td></tr>")
    of = b.ranks[0].of if b.ranks else 0
    out.append(row(f"Rank of {of} (90% range)",
                   [f"<b>{r.rank}</b> ({r.lo}–{r.hi})" if r.rank else "not ranked*" for r in b.ranks], bold=True))
    out.append(row("Composite score", [f"{r.score:.1f}" if r.score is not None else "–" for r in b.ranks],
                   _num(b.score_medians[0]), _num(b.score_medians[1])))
    out.append(f"<tr><td class='head' colspan='{cols}'>Pillars</td></tr>")
    for _, pname, per, reg, world in b.pillar_rows:
        out.append(row(pname, [_num(v) for v in per], _num(reg), _num(world)))
    out.append("</table>")
    # The reason without its list of missing indicators: the table below marks each "no data".
    notes = [f"{r.name}: {r.note.split('; missing:')[0]}" for r in b.ranks if r.rank is None]
    out.append("<p class='small'>" + (f"* {_e('; '.join(notes))}. " if notes else "")
               + "Range: the 5th–95th percentile of the rank over the robustness runs. Medians over the "
               "ranked countries of the default composite (equal pillar weights); "
               f"a dash = not enough data. {_e(b.headline)}</p>")
    return out


def _indicator_table(b: CountryBrief) -> list[str]:
    names = [b.names[c] for c in b.countries]
    out = [f"<h2>Every indicator, {b.year}</h2>",
           f"<p class='small'>Each value is the latest in the {WINDOW} years up to {b.year}, on the publisher's own "
           "scale; Year = the data year of the row's values, another year is in brackets after the value. "
           "Colour: the 0-100 score (red = most persecution, green = least). "
           f"{_e(SCALE_LEGEND)} {_e(PROVENANCE_LEGEND)}</p>",
           "<table width='100%' cellspacing='0' cellpadding='0' border='0.5'><thead><tr>"
           "<th width='26%'>Indicator</th><th width='14%'>Scale</th><th width='6%'>Src</th><th width='5%'>Year</th>"
           + "".join(f"<th width='{49 / len(names):.1f}%'>{_e(n)}</th>" for n in names) + "</tr></thead>"]
    heading, notes = None, []
    for r in b.table.rows:
        if not any(not c.missing for c in r.cells):
            continue  # rows without a value for anyone are named below
        if r.heading != heading:
            heading = r.heading
            out.append(f"<tr><td class='head' colspan='{len(names) + 4}'>{_e(heading)}</td></tr>")
        ry = _row_year(r)
        cells = "".join(_cell_html(c, ry, notes) for c in r.cells)
        out.append(f"<tr><td>{_e(r.short)}</td><td class='small'>{_e(b.scales.get(r.indicator, r.scale))}</td>"
                   f"<td class='small'>{_e(b.keys.get(r.indicator, r.source))}</td><td>{ry or ''}</td>{cells}</tr>")
    out.append("</table>")
    foot = []
    if notes:
        foot.append("No data: " + "; ".join(f"<sup>{i}</sup> {_e(n)}" for i, n in enumerate(notes, 1)) + ".")
    empty = [r.short for r in b.table.rows if all(c.missing for c in r.cells)]
    if empty:
        foot.append(f"No value for any of these countries in the window: {_e(', '.join(empty))}.")
    if foot:
        out.append(f"<p class='small'>{' '.join(foot)}</p>")
    return out


def _caveats(b: CountryBrief) -> list[str]:
    out = ["<h2>Read with care</h2><ul>" + "".join(f"<li>{_e(c)}</li>" for c in b.caveats + b.composite_caveats)
           + "</ul>", f"<h2>{_e(UNMEASURED_TITLE)}</h2><p>{_e(UNMEASURED_LEAD)}</p><ul>"]
    for topic, why, proxies in unmeasured_lines():
        out.append(f"<li><b>{_e(topic)}</b>: {_e(why)} <i>Closest here:</i> {_e(proxies)}.</li>")
    out.append("</ul>")
    return out


def _citation(s: dict) -> str:
    """Key, name, the publisher's citation (it names the publisher), the address when the
    citation has none, and the licence."""
    cite = str(s["citation"]).rstrip(".")
    url = "" if "http" in cite or "doi:" in cite else f" {_e(s['url'])}"
    name = "" if s["name"].lower() in cite.lower() else f" {_e(s['name'])}."
    return (f"<p class='small'><b>[{_e(s['key'])}]{name}</b> {_e(cite)}.{url} "
            f"Licence: <b>{_e(s['licence'])}</b>.</p>")


def _citations(b: CountryBrief) -> list[str]:
    """Two columns, split where the text is halved (the left one may be a little longer)."""
    items = [_citation(s) for s in b.citations]
    total, run, cut = sum(map(len, items)), 0, len(items)
    for i, t in enumerate(items):
        run += len(t)
        if run >= total / 2:
            cut = i + 1
            break
    cols = [items[:cut], items[cut:]]
    return ["<h2>Sources, citations and licences</h2>",
            "<table width='100%' cellspacing='0' cellpadding='0' border='0'><tr>"
            + "".join(f"<td width='50%' valign='top'>{''.join(c)}</td>" for c in cols) + "</tr></table>"]


def brief_html(b: CountryBrief, chart_size: tuple[float, float] | None = None) -> str:
    """The whole brief as one document; ``chart_size`` (width, height in the document's units)
    reserves the trend chart's place as a blank image named TRENDS_IMAGE, which the PDF writer
    draws over (None: no chart)."""
    peers = ", ".join(b.names[c] for c in b.peers) or "no peers chosen"
    out = [f"<html><head><style>{CSS}</style></head><body>", f"<h1>{_e(b.title)}</h1>",
           f"<p class='small'>Country brief from public indices of surveillance and persecution · "
           f"peers: {_e(peers)} · region: {_e(b.region or 'none')}</p>"]
    out += _summary(b)
    if chart_size and b.trends:
        w, h = chart_size
        out.append(f"<p><img src='{TRENDS_IMAGE}' width='{w:.0f}' height='{h:.0f}'></p>")
    out += _indicator_table(b) + _caveats(b) + _citations(b)
    out.append("</body></html>")
    return "\n".join(out)
