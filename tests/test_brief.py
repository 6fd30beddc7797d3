"""The PDF brief: what it says (HTML given to the PDF writer) and that a real PDF is written."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("PySide6")

from explorer.errors import ExplorerError  # noqa: E402
from explorer.scoring.answer import answer, headline  # noqa: E402
from explorer.scoring.composite import Engine, Settings  # noqa: E402
from explorer.ui.exports.brief_pdf import brief_html, brief_rows, cli_brief, write_brief  # noqa: E402


@pytest.fixture(autouse=True)
def _qapp(qapp):
    """A full QApplication first: cli_brief would otherwise create a bare QGuiApplication that
    later widget tests in the same session could not use."""
    return qapp


@pytest.fixture(scope="module")
def engine(index):
    return Engine(index)


@pytest.fixture(scope="module")
def ans(engine):
    return answer(engine, Settings())


def _pages(path) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", path.read_bytes()))


def test_brief_says_headline_method_top20_caveats_and_every_citation(ans, index):
    text = brief_html(ans, index)
    assert "Which country persecutes its citizens the least?" in text
    assert headline(ans) in text.replace("&#x27;", "'")
    assert "scenarios varying" in headline(ans)  # robustness is in, not "being computed"
    rows, what = brief_rows(ans)
    assert len(rows) == 20 and what == f"the top 20 of {len(ans.table)} ranked"
    for r in ans.table.head(20).to_dict("records"):
        assert f"<td>{r['country']}</td>" in text
        assert f"{int(r['rank_lo'])}–{int(r['rank_hi'])}" in text
    assert ans.table.iloc[20]["country"] not in text.split("Not ranked")[0]
    row = ans.table.iloc[0]
    assert f"<td>{row['oldest_year']}–{row['newest_year']}</td>" in text  # data years of the values used
    assert "seed 20240601" in text and "Coverage rule" in text
    for c in ans.caveats:
        assert c.replace("'", "&#x27;") in text
    import html
    used = index.indicators.loc[ans.result.prepared.indicators, "source"].unique()
    assert {"pts", "vdem", "rsf"} <= set(used)
    for s in used:
        src = index.sources.loc[s]
        assert html.escape(src["citation"].rstrip(".")) in text, s
        assert html.escape(src["licence"]) in text, s
    assert "CC BY-NC" in text and "CC BY-SA" in text


def test_region_brief_lists_the_whole_region_when_small(engine, index):
    small = next(r for r in engine.region_names()
                 if 3 <= len(answer(engine, Settings(region=r), with_robustness=False).table) <= 30)
    a = answer(engine, Settings(region=small))
    rows, what = brief_rows(a)
    assert len(rows) == len(a.table) and what.startswith("all ") and small in what
    assert f"in {small}" in brief_html(a, index)


def test_cli_brief_writes_a_short_pdf(index, tmp_path):
    out = cli_brief(index, tmp_path / "brief.pdf", Settings(year=2021, window=1))
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert 1 <= _pages(out) <= 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]  # no temporary file left


def test_cli_brief_refuses_other_suffixes_and_missing_folders(index, tmp_path):
    with pytest.raises(ExplorerError, match=r"\.pdf"):
        cli_brief(index, tmp_path / "brief.png")
    with pytest.raises(ExplorerError, match="does not exist"):
        cli_brief(index, tmp_path / "nowhere" / "brief.pdf")


def test_write_brief_of_an_answer_needs_its_engine(ans, engine, tmp_path):
    with pytest.raises(ExplorerError, match="Engine"):
        write_brief(ans, tmp_path / "b.pdf")
    old = tmp_path / "b.pdf"
    old.write_bytes(b"previous")
    write_brief(ans, old, engine=engine)
    assert old.read_bytes().startswith(b"%PDF")


def test_brief_names_indicators_as_readers_know_them(ans, index):
    text = brief_html(ans, index)
    used = text.split("Indicators used: ")[1:]
    assert used, "every source lists its indicators"
    ids = list(ans.result.prepared.indicators)
    for i in ids:
        assert f">{i}<" not in text and f": {i}," not in text and f", {i}<" not in text  # no internal ids
    listed = " ".join(u.split("</span>")[0] for u in used)
    import html
    for i in ids:
        assert html.escape(str(index.indicators.at[i, "short"])) in listed, i


def test_brief_headline_stands_apart_from_the_first_heading(ans, index):
    from PySide6.QtGui import QFont, QTextDocument
    doc = QTextDocument()
    doc.setDefaultFont(QFont("DejaVu Sans", 9))
    doc.setHtml(brief_html(ans, index))
    doc.setTextWidth(600)
    lay = doc.documentLayout()
    b, lead = doc.begin(), None
    while b.isValid() and b.text() != "How the ranking is made":
        lead = b
        b = b.next()
    assert b.isValid() and lead.text().startswith("In ")
    gap = lay.blockBoundingRect(b).top() - lay.blockBoundingRect(lead).bottom()
    assert gap >= 12, gap
