"""The answer brief's text and layout data (Qt-free): the HTML a PDF writer renders, with the
method, settings, the top of the ranking with rank ranges and data years, flags, caveats and
every source's citation and licence. The drawing is in ``explorer/ui/exports/brief_pdf.py``."""

from __future__ import annotations

import datetime as _dt
import html

from . import defaults as D
from .answer import Answer, headline
from .report import METHOD_TEXT, data_years, settings_lines, sources_used

TOP = 20          # rows of the table (the whole region when it has at most REGION_MAX ranked)
REGION_MAX = 30
CSS = """
body { color: #000000; }
h1 { font-size: 17pt; margin-top: 0px; margin-bottom: 4px; }
h2 { font-size: 12pt; margin-top: 18px; margin-bottom: 6px; color: #1F4E79; }
p, li, td, th { font-size: 9pt; }
.lead { font-size: 11pt; font-weight: bold; margin-top: 8px; margin-bottom: 14px; }
.small { font-size: 8pt; color: #333333; }
th { background-color: #1F4E79; color: #FFFFFF; font-weight: bold; }
td.n { text-align: right; }
"""


def _flags(r) -> str:
    """Short, so the brief stays within three pages; which values and pillars: the CSV and the window."""
    n_est = len([x for x in str(r.get("estimated") or "").split(", ") if x])
    parts = ["sources disagree" if r.get("sources_disagree") else "",
             f"{n_est} estimated" if n_est else "", "thin" if r.get("thin_data") else ""]
    return ", ".join(p for p in parts if p)


def _e(v) -> str:
    return html.escape(str(v))


def brief_rows(ans: Answer) -> tuple[list[dict], str]:
    """Rows of the brief's table and its caption: the top 20, or the whole region if small."""
    t = ans.table
    region = ans.settings.region
    n = len(t) if region and len(t) <= REGION_MAX else min(TOP, len(t))
    what = (f"all {n} ranked countries in {region}" if region and n == len(t)
            else f"the top {n} of {len(t)} ranked" + (f" in {region}" if region else ""))
    return t.head(n).to_dict("records"), what


def brief_html(ans: Answer, index) -> str:
    """The brief as HTML (QTextDocument's subset): everything the PDF says, citations included."""
    k = f"p_top{D.TOP_K}"
    rows, what = brief_rows(ans)
    has_rob = "rank_lo" in ans.table
    out = [f"<html><head><style>{CSS}</style></head><body>",
           "<h1>Which country persecutes its citizens the least?</h1>",
           f"<p class='small'>Composite of public indices of surveillance and persecution, {ans.year} · "
           f"Country Privacy Explorer · made {_dt.date.today().isoformat()}</p>",
           f"<p class='lead'>{_e(headline(ans))}</p>",
           "<h2>How the ranking is made</h2>",
           f"<p>{_e(METHOD_TEXT)}</p>",
           "<table cellspacing='0' cellpadding='2'>"]
    short = index.indicators["short"]
    for a, b in settings_lines(ans):
        if a == "Indicators":  # names a reader knows, not ids
            b = ", ".join(str(short.get(i, i)) for i in ans.result.prepared.indicators)
        out.append(f"<tr><td><b>{_e(a)}</b></td><td>{_e(b)}</td></tr>")
    out.append("</table>")
    if ans.notes:
        out.append("<p class='small'>" + "<br>".join(_e(n) for n in ans.notes) + "</p>")
    out.append(f"<h2>Ranking: {_e(what)}</h2>")
    out.append("<table width='100%' cellspacing='0' cellpadding='3' border='0.5' style='border-color:#888888'>"
               "<thead><tr><th>Rank</th><th>Country</th><th>Score (0-100)</th><th>Rank range (90%)</th>"
               f"<th>In top {D.TOP_K}</th><th>Data years</th><th>Flags</th></tr></thead>")
    for i, r in enumerate(rows):
        bg = " bgcolor='#EEF3F8'" if i % 2 else ""
        rng = f"{int(r['rank_lo'])}–{int(r['rank_hi'])}" if has_rob else "–"
        p = f"{r[k]:.0%}" if has_rob else "–"
        out.append(f"<tr{bg}><td class='n'>{int(r['rank'])}</td><td>{_e(r['country'])}</td>"
                   f"<td class='n'>{r['score']:.1f}</td><td class='n'>{rng}</td><td class='n'>{p}</td>"
                   f"<td>{_e(data_years(r))}</td><td>{_e(_flags(r))}</td></tr>")
    out.append("</table>")
    what_runs = (f"{ans.robust.draws:,} scenarios varying every modelling choice" if ans.robust is not None
                 and ans.robust.full else f"{D.MC_DRAWS:,} weightings")
    out.append("<p class='small'>Score: 100 = least persecution. Rank range (90%): the ranks the country takes in "
               f"90% of {what_runs} (5th–95th percentile). In top {D.TOP_K}: share of those "
               f"runs with a top-{D.TOP_K} place. Data years: the years of the values used (a value from an earlier "
               "year is used within the window). Flags: sources disagree; 'estimated' = values estimated from the "
               "country's other values (EM, marked, never used to decide who is ranked); 'thin' = a pillar resting "
               "on one value or on values three or more years old.</p>")
    if len(ans.excluded):
        names = ", ".join(_e(c) for c in ans.excluded["country"])
        out.append(f"<p class='small'><b>Not ranked, not enough data ({len(ans.excluded)}):</b> {names}.</p>")
    out.append("<h2>Read with care</h2><ul>" + "".join(f"<li>{_e(c)}</li>" for c in ans.caveats) + "</ul>")
    out.append("<h2>Sources and licences</h2>")
    for _, s in sources_used(ans, index).iterrows():
        out.append(f"<p><b>{_e(s['name'])}</b> ({_e(s.get('publisher', ''))}). Licence: <b>{_e(s['licence'])}</b>."
                   f"<br>{_e(str(s['citation']).rstrip('.'))}. {_e(s.get('url', ''))}"
                   f"<br><span class='small'>Indicators used: {_e(s['indicators'])}</span></p>")
    out.append("<p class='small'>Made with Country Privacy Explorer; the same numbers come from "
               "<tt>explorer answer</tt>. Respect each publisher's licence when you reuse these data.</p>")
    out.append("</body></html>")
    return "\n".join(out)
