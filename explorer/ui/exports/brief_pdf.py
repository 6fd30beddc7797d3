"""The PDF brief: a 1-3 page handout of the composite answer with its method, settings, the top
of the ranking with rank ranges and data years, the caveats and every source's citation and
licence. Vector text (QPdfWriter + QTextDocument), so it stays searchable and sharp on slides.
``write_brief`` serves the window's export; ``cli_brief`` the headless `explorer brief`."""

from __future__ import annotations

import datetime as _dt
import html
import os
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtWidgets import QApplication
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from ...errors import ExplorerError
from ...export import atomic_write
from ...scoring import defaults as D
from ...scoring.answer import Answer, headline
from ...scoring.report import METHOD_TEXT, data_years, settings_lines, sources_used

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


def write_pdf(html_text: str, path: Path | str, title: str) -> Path:
    """Render HTML to an A4 PDF with vector, searchable text; written atomically."""
    if QGuiApplication.instance() is None:
        raise ExplorerError("the PDF brief needs a Qt application (use cli_brief outside the window)")

    def write(tmp: Path) -> None:
        pdf = QPdfWriter(str(tmp))
        pdf.setPageSize(QPageSize(QPageSize.A4))
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter)  # print_ adds 2 cm and page numbers
        pdf.setResolution(300)
        pdf.setTitle(title)
        pdf.setCreator("Country Privacy Explorer")
        doc = QTextDocument()
        doc.setDefaultFont(QFont("DejaVu Sans", 9))
        doc.setHtml(html_text)
        doc.print_(pdf)  # paginates; QPdfWriter's painter is opened and closed inside print_
        del pdf          # flushes and closes the file before the rename
        if tmp.stat().st_size == 0:
            raise ExplorerError(f"could not write the PDF {path}")

    return atomic_write(path, write)


def write_brief(answer_or_view, path: Path | str, engine=None) -> Path:
    """Write the brief of an AnswerView's current answer (or of an Answer with its Engine) to ``path``."""
    if isinstance(answer_or_view, Answer):
        ans = answer_or_view
        if engine is None:
            raise ExplorerError("write_brief needs the Engine that made the Answer")
    else:
        view = answer_or_view
        ans = view.answer_for_export()
        engine = view.engine
    text = brief_html(ans, engine.index)
    return write_pdf(text, path, f"Least persecution ranking {ans.year}")


def cli_brief(index, out_path: Path | str, settings=None) -> Path:
    """Headless: compute the answer for ``settings`` (a scoring.composite.Settings; None = defaults)
    with robustness and write the PDF brief to ``out_path``. Creates an offscreen QGuiApplication
    when none is running."""
    from ...scoring.answer import answer
    from ...scoring.composite import Engine, Settings
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # a QApplication (not only QGuiApplication), so widgets can still be made in this process
        app = QApplication(["explorer-brief"])  # kept referenced until the PDF is written
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".pdf":
        raise ExplorerError(f"the brief is a PDF: {out_path} should end in .pdf")
    engine = Engine(index)
    ans = answer(engine, settings or Settings())
    return write_brief(ans, out_path, engine=engine)
