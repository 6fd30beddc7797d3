"""The peer table (issue 9): compared countries side by side, sortable, exportable, with
publishers' gap reasons; the Answer chart; Help > What this app does not measure."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

PEERS = ["CHN", "DEU", "USA", "IND"]


@pytest.fixture()
def state():
    from explorer.state import ExplorerState
    st = ExplorerState()
    st.update_from_dict({"indicator": "fotn_total", "year": 2024, "selected": PEERS, "focused": "CHN"})
    return st


def test_each_cell_has_its_own_scale_value_year_or_the_publishers_reason(data_panel):
    from explorer.views.peers import peer_table
    t = peer_table(data_panel, PEERS, 2024)
    row = next(r for r in t.rows if r.indicator == "fotn_surveillance")
    china = row.cells[0]
    assert row.heading == "Surveillance technology and practice" and "points (0-6)" in row.scale
    assert china.year == 2023 and china.raw == data_panel.raw[data_panel.rows_of("CHN")][
        (data_panel.ind_code[data_panel.rows_of("CHN")] == data_panel.indicator_ids.index("fotn_surveillance"))
        & (data_panel.year[data_panel.rows_of("CHN")] == 2023)][0]
    pts = next(r for r in t.rows if r.indicator == "pts_state")
    usa = pts.cells[2]
    assert usa.missing and usa.reason  # the publisher explains the gap (no report on itself)
    assert [r.heading for r in t.rows][-1] == "Context (not scored)"


def test_clicking_a_country_sorts_every_pillar_by_its_score(qtbot, data_panel, state):
    from explorer.ui.peers import PeerTableDialog
    dlg = PeerTableDialog(data_panel, state)
    qtbot.addWidget(dlg)
    view = dlg.view
    view.horizontalHeader().sectionClicked.emit(2)  # Germany
    assert view.sort_by == "DEU"
    rows = [r for r in view.table.sorted_by("DEU").rows if r.heading.startswith("Surveillance")]
    vals = [r.cells[1].value for r in rows if r.cells[1].value is not None]
    assert vals == sorted(vals, reverse=True)
    first_row = view.cell_texts()[1]
    assert first_row[0] == rows[0].short
    state.set_selected(["CHN", "RUS"])  # follows the comparison
    assert view.table.countries == ["CHN", "RUS"]
    assert "What no source here measures" in dlg.footer.text()


def test_the_peer_table_exports_a_cited_csv_and_a_1920x1080_slide(qtbot, data_panel, state, tmp_path):
    from PySide6.QtGui import QImage
    from explorer.ui.peers import write_peers
    text = write_peers(data_panel, state, tmp_path / "p.csv").read_text(encoding="utf-8")
    back = pd.read_csv(io.StringIO(text), comment="#")
    assert {"licence", "edition", "provenance", "data_year", "citation", "no_data_reason"} <= set(back.columns)
    assert set(back["iso3"]) == set(PEERS)
    assert "What no source here measures" in text.splitlines()[2]
    img = QImage(str(write_peers(data_panel, state, tmp_path / "p.png")))
    assert (img.width(), img.height()) == (1920, 1080)


def test_the_answer_chart_shows_the_top_ten_and_every_compared_country_with_its_range(data_panel, state, tmp_path):
    from PySide6.QtGui import QImage
    from explorer.scoring.answer import answer
    from explorer.scoring.composite import Engine, Settings
    from explorer.ui.exports.answer_image import write_answer
    from explorer.views.answer_chart import answer_chart
    ans = answer(Engine(data_panel), Settings(year=2024))
    from explorer.scoring.answer import headline
    chart = answer_chart(ans, data_panel, headline(ans), PEERS, "CHN")
    assert [r.rank for r in chart.rows[:10]] == list(range(1, 11))
    assert {"CHN", "DEU", "USA", "IND"} <= {r.iso3 for r in chart.rows}
    china = next(r for r in chart.rows if r.iso3 == "CHN")
    assert china.focused and china.lo <= china.rank <= china.hi
    svg = write_answer(data_panel, state, tmp_path / "a.svg", ans=ans)
    text = " ".join(" ".join("".join(e.itertext()) for e in ET.parse(svg).getroot().iter() if e.tag.endswith("text")).split())
    assert "Who persecutes least?" in text and f"#{china.rank} China" in text
    assert "Sources:" in text and "made with Country Privacy Explorer" in text
    img = QImage(str(write_answer(data_panel, state, tmp_path / "a.png", ans=ans, scale=2.0)))
    assert (img.width(), img.height()) == (3840, 2160)


def test_help_says_what_no_source_measures_and_the_closest_indicators(data_panel):
    from explorer.ui.advocates import unmeasured_html
    html = unmeasured_html(data_panel)
    for topic in ("Social credit", "Biometric (face-scan) SIM registration", "Real-name registration",
                  "Ethnic profiling"):
        assert topic in html
    for proxy in ("Anonymity and encryption (FOTN C4)", "Facial recognition", "CCTV per 1,000", "Spyware documented"):
        assert proxy in html


def test_the_window_offers_slides_clipboard_brief_peer_table_and_the_unmeasured_help(qtbot, data_panel, tmp_path):
    from PySide6.QtGui import QGuiApplication
    from explorer.ui import advocates as actions
    from explorer.ui.main_window import MainWindow
    w = MainWindow(data_panel)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    keys = {a.text(): a.shortcut().toString() for a in w._advocate_actions}
    assert keys["&Copy chart as image"] == "Ctrl+Shift+C" and all(a.isEnabled() for a in w._advocate_actions)
    from PySide6.QtWidgets import QMenu
    menus = {m.title(): [a.text() for a in m.actions()] for m in w.menuBar().findChildren(QMenu)}
    assert menus["&File"].index("Country &brief\u2026") < menus["&File"].index("&Quit")
    assert "What this app does &not measure" in menus["&Help"]
    img = actions.copy_chart(w)
    assert (img.width(), img.height()) == (1920, 1080)
    assert QGuiApplication.clipboard().image().size() == img.size()
    out = actions.export_slide(w, str(tmp_path / "s.svg"), 1.0)
    assert "Source" in out.read_text(encoding="utf-8")
    dlg = actions.show_peer_table(w)
    assert dlg.view.table.countries == [c for c in w.state.selected]
