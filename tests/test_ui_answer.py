"""The Answer view, driven through its real widgets (pytest-qt)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from explorer.scoring.composite import Engine, Settings  # noqa: E402
from explorer.scoring.answer import answer  # noqa: E402
from explorer.state import ExplorerState  # noqa: E402
from explorer.ui.answer_view import AnswerView, SLIDER_MAX  # noqa: E402


@pytest.fixture
def view(qtbot, index):
    w = AnswerView(index, explorer_state=ExplorerState())
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    w.wait_for_robustness()
    qtbot.waitUntil(lambda: "weightings." in w.headline.text(), timeout=5000)
    return w


def order(w) -> list[str]:
    return [w.model.iso3_at(r) for r in range(w.model.rowCount()) if w.model.rows[r]["ranked"]]


def test_headline_and_list_match_the_cli_numbers(view, index):
    ans = answer(Engine(index), Settings())
    assert view.headline.text().startswith(f"In {ans.year}, with equal weights, the least persecuting countries are")
    assert order(view) == ans.table["iso3"].tolist()
    assert view.model.rows[0]["cells"][2] == f"{ans.table['score'].iloc[0]:.1f}"
    assert "…" not in view.model.rows[0]["cells"][3]  # the rank interval arrived from the worker


def test_moving_a_slider_changes_the_ranking(view, qtbot):
    before = order(view)
    view.sliders["physical"].setValue(SLIDER_MAX)
    view.sliders["surveillance"].setValue(0)
    assert order(view) != before
    assert view.preset_box.currentText() == "custom"
    assert "custom weights" in view.headline.text()


def test_picking_a_preset_sets_the_sliders_and_headline(view, qtbot):
    i = view.preset_box.findData("surveillance-focused")
    view.preset_box.setCurrentIndex(i)
    view.preset_box.activated.emit(i)
    assert view.sliders["surveillance"].value() == 30
    assert "surveillance-focused weights" in view.headline.text()


def test_all_zero_weights_give_a_message_not_a_crash(view):
    for s in view.sliders.values():
        s.setValue(0)
    assert view.message.isVisible() and "all pillar weights are zero" in view.message.text()
    assert view.model.rowCount() == 0
    view.sliders["civic"].setValue(10)
    assert not view.message.isVisible() and view.model.rowCount() > 0


def test_year_without_enough_data_gives_a_message(view):
    view.window_box.setValue(0)
    view.year_box.setValue(2001)
    assert "no country has enough data" in view.message.text()


def test_clicking_a_row_shows_why_with_data_years(view, qtbot):
    row = 5
    iso3 = view.model.iso3_at(row)
    view.table.selectRow(row)
    assert view.focused == iso3 and view.explorer_state.focused == iso3
    assert view.why_title.text().startswith(view.model.rows[row]["cells"][1])
    raw_cells = [view.why_tree.topLevelItem(0).child(k).text(4) for k in range(view.why_tree.topLevelItem(0).childCount())]
    assert any("(20" in c for c in raw_cells)  # each value shows its data year


def test_new_weights_supersede_a_running_robustness(view, qtbot):
    gen = view._generation
    view.sliders["civic"].setValue(25)
    view.sliders["civic"].setValue(30)
    assert view._generation == gen + 2
    view.wait_for_robustness()
    qtbot.waitUntil(lambda: "…" not in view.model.rows[0]["cells"][3], timeout=5000)
    assert "weightings." in view.headline.text()
