"""The country brief's content: one country and up to four peers in one year. Qt-free: the
numbers, the wording and the HTML; ``explorer/ui/exports/country_brief.py`` only draws them
(QPdfWriter) with the trend chart. The window (File > Country brief...) and `explorer brief
--country` both call ``country_brief`` and write the same file.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np

from ..errors import ExplorerError
from .captions import short_licence
from .peers import PeerTable, peer_table
from .readings import UNMEASURED_LEAD, UNMEASURED_TITLE, readings_for, unmeasured_lines
from .text import fmt_number

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

    @property
    def title(self) -> str:
        return f"{self.names[self.country]} and its peers, {self.year}"


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
        caveats.append("Some values are transcriptions or provisional (marked t and p); check them against "
                       "the publisher before quoting.")
    if any(c.year is not None and c.year < year for r in table.rows for c in r.cells):
        caveats.append(f"A year in brackets is the value's own data year, earlier than {year}: nothing is "
                       "carried forward or filled in.")
    used = list(dict.fromkeys(panel.indicator_meta[i]["source"] for i in shown))
    citations = [{"source": s, "name": panel.source_meta[s]["name"], "publisher": panel.source_meta[s]["publisher"],
                  "licence": panel.source_meta[s]["licence"], "citation": panel.source_meta[s]["citation"],
                  "url": panel.source_meta[s].get("url", "")} for s in used if s in panel.source_meta]
    return CountryBrief(country, peers, year, {c: panel.name(c) for c in iso3s}, region, headline, ranks,
                        pillar_rows, table, _trends(panel, iso3s, year), caveats,
                        [c for c in composite_caveats if not c.startswith("AIGS")][:2], citations, countries=iso3s)


# ---- HTML (QTextDocument's subset) -----------------------------------------------------------
CSS = """
body { color: #000000; }
h1 { font-size: 16pt; margin-top: 0px; margin-bottom: 2px; }
h2 { font-size: 11pt; margin-top: 10px; margin-bottom: 4px; color: #1F4E79; }
p, li, td, th { font-size: 8pt; }
.small { font-size: 7pt; color: #333333; }
.head { background-color: #E4EAF2; font-weight: bold; }
th { background-color: #1F4E79; color: #FFFFFF; font-weight: bold; }
td.n { text-align: right; }
"""
TABLE_CSS = "td { font-size: 6.5pt; } th { font-size: 7pt; } .small { font-size: 6.5pt; }"
SCORE_BG = ("#F4D6D6", "#F8E6D2", "#F5F1D0", "#DDEEDB", "#CDE6D0")  # 0-100 classes, pale (print-safe)


def _e(v) -> str:
    return html.escape(str(v))


def _num(v) -> str:
    return "–" if v is None else f"{v:.0f}"


def page1_html(b: CountryBrief) -> str:
    names = [b.names[c] for c in b.countries]
    peers = ", ".join(b.names[c] for c in b.peers) or "no peers chosen"
    out = [f"<html><head><style>{CSS}</style></head><body>",
           f"<h1>{_e(b.title)}</h1>",
           f"<p class='small'>Country brief from public indices of surveillance and persecution · "
           f"peers: {_e(peers)} · region: {_e(b.region or 'none')} · {b.generated_with}</p>",
           "<h2>Composite rank (100 = least persecution)</h2>",
           "<table width='100%' cellspacing='0' cellpadding='2' border='0.5'><tr><th>Country</th><th>Rank</th>"
           "<th>Rank range (90% of weightings)</th><th>Score 0-100</th></tr>"]
    for r in b.ranks:
        if r.rank is None:
            out.append(f"<tr><td><b>{_e(r.name)}</b></td><td colspan='3'>{_e(r.note)}</td></tr>")
        else:
            out.append(f"<tr><td><b>{_e(r.name)}</b></td><td class='n'>{r.rank} of {r.of}</td>"
                       f"<td class='n'>{r.lo}–{r.hi}</td><td class='n'>{r.score:.1f}</td></tr>")
    out.append("</table>")
    out.append(f"<p class='small'>{_e(b.headline)}</p>")
    out.append("<h2>Pillar scores (0-100) against the region and the world</h2>"
               "<table width='100%' cellspacing='0' cellpadding='2' border='0.5'><tr><th>Pillar</th>"
               + "".join(f"<th>{_e(n)}</th>" for n in names)
               + f"<th>{_e(b.region or 'Region')} median</th><th>World median</th></tr>")
    for _, pname, per, reg, world in b.pillar_rows:
        out.append(f"<tr><td>{_e(pname)}</td>" + "".join(f"<td class='n'>{_num(v)}</td>" for v in per)
                   + f"<td class='n'>{_num(reg)}</td><td class='n'>{_num(world)}</td></tr>")
    out.append("</table><p class='small'>Medians over the ranked countries of the default composite "
               "(equal pillar weights); a dash = not enough data for that pillar.</p>")
    out.append("</body></html>")
    return "\n".join(out)


def caveats_html(b: CountryBrief) -> str:
    """Caveats and what no source measures (page 1, under the trend chart)."""
    out = [f"<html><head><style>{CSS}{TABLE_CSS} li {{ font-size: 7pt; }} p {{ font-size: 7pt; }}</style></head><body>",
           "<h2>Read with care</h2><ul>" + "".join(f"<li>{_e(c)}</li>" for c in b.caveats + b.composite_caveats)
           + "</ul>",
           f"<h2>{_e(UNMEASURED_TITLE)}</h2><p>{_e(UNMEASURED_LEAD)}</p><ul>"]
    for topic, why, proxies in unmeasured_lines():
        out.append(f"<li><b>{_e(topic)}</b>: {_e(why)} <i>Closest here:</i> {_e(proxies)}.</li>")
    out.append("</ul></body></html>")
    return "\n".join(out)


def table_html(b: CountryBrief) -> str:
    """Every indicator for the country and its peers, then the citations (page 2 on)."""
    names = [b.names[c] for c in b.countries]
    out = [f"<html><head><style>{CSS}{TABLE_CSS}</style></head><body>"]
    out.append(f"<h2>Every indicator, {b.year}</h2><p class='small'>{_e(b.table.rule)} {_e(PROVENANCE_LEGEND)}</p>"
               "<table width='100%' cellspacing='0' cellpadding='1' border='0.5'><thead><tr><th width='19%'>Indicator</th>"
               "<th width='21%'>Scale</th>" + "".join(f"<th>{_e(n)}</th>" for n in names) + "<th>Source</th></tr></thead>")
    heading = None
    for r in b.table.rows:
        if not any(not c.missing for c in r.cells):
            continue  # rows without a value for anyone are counted below
        if r.heading != heading:
            heading = r.heading
            out.append(f"<tr><td class='head' colspan='{len(names) + 3}'>{_e(heading)}</td></tr>")
        cells = []
        for c in r.cells:
            if c.missing:
                reason = c.reason if len(c.reason) <= 70 else c.reason[:67].rsplit(" ", 1)[0] + "..."
                cells.append(f"<td class='small'>{_e(c.text)}{(' – ' + _e(reason)) if reason else ''}</td>")
                continue
            mark = PROVENANCE_MARK.get(c.provenance, "")
            yr = f" ({c.year})" if c.year != b.year else ""
            k = min(4, int(c.value // 20))
            cells.append(f"<td bgcolor='{SCORE_BG[k]}'>{_e(c.text)}{yr}{('<sup>' + mark + '</sup>') if mark else ''}</td>")
        out.append(f"<tr><td>{_e(r.short)}</td><td class='small'>{_e(r.scale)}</td>{''.join(cells)}"
                   f"<td class='small'>{_e(r.source)}</td></tr>")
    out.append("</table>")
    empty = [r.short for r in b.table.rows if all(c.missing for c in r.cells)]
    if empty:
        out.append(f"<p class='small'>No value for any of these countries in the window: {_e(', '.join(empty))}.</p>")
    out.append("<p class='small'>Cell colour: the 0-100 score (red = most persecution, green = least). "
               "Documented-only indicators (AIGS flags, the spyware inventory) say whether a case is documented; "
               "absence is not proof, and they are never ranked.</p>")
    out.append("<h2>Sources, citations and licences</h2>")
    for s in b.citations:
        out.append(f"<p class='small'><b>{_e(s['name'])}</b> ({_e(s['publisher'])}). Licence: <b>{_e(s['licence'])}</b>. "
                   f"{_e(str(s['citation']).rstrip('.'))}. {_e(s['url'])}</p>")
    out.append("<p class='small'>Made with Country Privacy Explorer; the same brief comes from "
               f"<tt>explorer brief --country {b.country}"
               + (f" --peers {','.join(b.peers)}" if b.peers else "") + f" --year {b.year}</tt>.</p></body></html>")
    return "\n".join(out)


def licences_line(b: CountryBrief) -> str:
    return "; ".join(dict.fromkeys(short_licence(s["licence"]) for s in b.citations))


def trend_value_text(v: float) -> str:
    return fmt_number(v)
