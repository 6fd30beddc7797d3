"""A documented-only indicator on the map (AIGS flags, the spyware inventory) reads
"documented / not documented (absence is not proof)": two fills and the hatched not-listed
grey, never a 0-100 scale or a rank, in the legend, the hover and the cited export."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPointF  # noqa: E402

from explorer.state import ExplorerState  # noqa: E402
from explorer.ui.charts import ChartsPanel  # noqa: E402
from explorer.ui.charts.map import CLASS_COLOURS, DOCUMENTED_FILLS, NO_DATA  # noqa: E402

FLAG, COUNT = "aigs_facial_recognition", "spyware_documented"


def _map(qtbot, data_panel, ind: str):
    year = max(data_panel.years(ind))
    st = ExplorerState(indicator=ind, year=year, selected=["CHN", "DEU"], focused="CHN")
    p = ChartsPanel(data_panel, st)
    qtbot.addWidget(p)
    p.resize(1200, 800)
    p.setCurrentWidget(p.map)
    p.show()
    qtbot.waitExposed(p)
    p.map.flush()
    p.map.keep_panel = p  # the panel owns the chart: it must outlive the test's use of it
    return p.map, year


def _raw(data_panel, ind: str, year: int) -> dict[str, float]:
    from explorer.views.charts import ChartData
    frame = ChartData(data_panel).map_values(ind, year)
    return dict(zip(frame["iso3"], frame["raw_value"]))


@pytest.mark.parametrize("ind", [FLAG, COUNT])
def test_the_legend_says_documented_or_not_and_never_gives_a_score_scale(qtbot, data_panel, ind):
    m, year = _map(qtbot, data_panel, ind)
    scale = [t for t in m.legend_texts() if "absence is not proof" in t or t.startswith("Documented")]
    assert any(t.startswith("Documented:") for t in scale)
    assert any(t.startswith("Not documented (absence is not proof)") for t in scale)
    assert any(t.startswith(f"Not listed in {year} (absence is not proof)") for t in scale)
    texts = " ".join(m.legend_texts()) + " " + m.note.text()
    assert "0-100" not in texts and "/100" not in texts and "#" not in texts and "raw scale" not in texts
    assert "China: documented" in texts


@pytest.mark.parametrize("ind", [FLAG, COUNT])
def test_listed_countries_take_one_of_two_fills_and_unlisted_ones_are_hatched(qtbot, data_panel, ind):
    m, year = _map(qtbot, data_panel, ind)
    raw = _raw(data_panel, ind, year)
    fills = {}
    for iso, item in m.items.items():
        colour = item.brush().color().name().upper()
        if iso not in raw:
            assert item.hatched and colour == NO_DATA
        else:
            want = DOCUMENTED_FILLS["documented" if raw[iso] > 0 else "not documented"]
            assert colour == want.upper(), iso
            fills[colour] = True
    assert set(fills) <= {c.upper() for c in DOCUMENTED_FILLS.values()}
    if ind == COUNT:  # counts of 1 to 14 would have spread over five classes on a score scale
        assert not set(fills) & (set(CLASS_COLOURS) - {DOCUMENTED_FILLS["documented"].upper()})


def test_the_hover_reads_documented_not_a_score_and_no_rank(qtbot, data_panel):
    m, year = _map(qtbot, data_panel, COUNT)
    chn = m.shapes.loc["CHN"]
    m._moved(m.plot.getViewBox().mapViewToScene(QPointF(float(chn["label_x"]), float(chn["label_y"]))))
    text = m.hover.textItem.toPlainText()
    assert text.startswith("China: documented (") and "/100" not in text and "#" not in text
    unlisted = next(iso for iso, it in m.items.items() if it.hatched)
    assert m.value_text(unlisted) == f"not listed in {year} (absence is not proof)"


def test_the_cited_map_export_says_absence_is_not_proof(qtbot, data_panel, tmp_path):
    from explorer.ui.exports.slides import chart_caption
    m, _ = _map(qtbot, data_panel, FLAG)
    cap = chart_caption(m)
    notes = " ".join(cap.footnotes)
    assert "documented / not documented" in notes and "absence is not proof" in notes
    assert "0-100" not in notes
    svg = m.export_image(tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "Not documented (absence is not proof)" in svg and "Score 0-100" not in svg


def test_a_score_indicator_still_has_its_0_100_scale(qtbot, data_panel):
    m, _ = _map(qtbot, data_panel, "fiw_total")
    assert any("100 = least persecution" in t for t in m.legend_texts())
