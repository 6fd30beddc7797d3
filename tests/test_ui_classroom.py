"""Issue 8 in the window: one timeline moves every view (map fills, plotted data, the year
cursor), play advances and stops, the keys work, presentation mode hides and restores the
chrome and the type size, saved views round-trip / migrate / refuse without a change, the
session comes back, and the map keeps its height at the largest text size."""

import json

import numpy as np

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from explorer.state.view_file import FORMAT  # noqa: E402
from explorer.ui.charts.map import CLASS_COLOURS, colour_class  # noqa: E402
from explorer.ui.main_window import MainWindow  # noqa: E402

IND = "fiw_total"


@pytest.fixture(autouse=True)
def _quiet(temp_settings, monkeypatch):
    monkeypatch.setenv("EXPLORER_NO_DIALOGS", "1")


@pytest.fixture
def window(qtbot, data_panel):
    w = MainWindow(data_panel)
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    w.state.indicator = IND
    yield w
    w.classroom.timeline.playing = False
    w.change_text_size(None)


def two_years_with_different_fills(panel):
    """Two years of IND and a country whose colour class differs between them (from the data)."""
    years = panel.years(IND)
    v = panel.values
    mine = v[v["indicator"] == IND].set_index(["iso3", "year"])["value"]
    y1, y2 = years[0], years[-1]
    for iso in ("RUS", "TUR", "VEN", "HUN", "NIC", "IND", "BRA"):
        if (iso, y1) in mine.index and (iso, y2) in mine.index and \
                colour_class(mine[(iso, y1)]) != colour_class(mine[(iso, y2)]):
            return y1, y2, iso, mine
    pytest.skip("no listed country changed colour class between the first and last year")


def test_the_timeline_recolours_the_map_and_moves_every_chart(qtbot, window, data_panel):
    y1, y2, iso, values = two_years_with_different_fills(data_panel)
    tl, charts = window.classroom.timeline, window.charts
    fills = {}
    for year in (y1, y2):
        tl.year = year
        assert window.state.year == year
        window.show_chart(4)
        df = charts.map.plotted().set_index("iso3")
        assert int(df.loc[iso, "year"]) == year
        assert df.loc[iso, "value"] == pytest.approx(values[(iso, year)])
        fills[year] = charts.map.items[iso].brush().color().name().upper()
        assert fills[year] == CLASS_COLOURS[colour_class(values[(iso, year)])]
        assert str(year) in charts.map.title.text()
        window.show_chart(1)
        ranking = charts.ranking.plotted()
        assert set(ranking["year"].dropna().astype(int)) == {year}
        window.show_chart(0)
        charts.timeseries.flush()
        assert charts.timeseries.year_line.value() == year  # the moving year cursor
    assert fills[y1] != fills[y2]


def test_a_year_without_data_stays_without_data_while_the_timeline_moves(qtbot, window, data_panel):
    for ind in data_panel.indicator_meta:
        ys = data_panel.years(ind)
        gaps = sorted(set(range(ys[0], ys[-1] + 1)) - set(ys)) if ys else []
        if gaps:
            break
    else:
        pytest.skip("every indicator has every year of its span")
    window.state.indicator = ind
    window.show_chart(4)
    window.classroom.timeline.year = gaps[0]
    m = window.charts.map
    assert window.state.year == gaps[0]  # the timeline does not skip the year
    assert f"no data for {gaps[0]}" in m.note.text()
    assert m.plotted()["fill"].eq("no data").all()  # nothing carried over from another year


def test_play_advances_year_by_year_and_stops_at_the_last_year(qtbot, window):
    tl = window.classroom.timeline
    seen = []
    window.state.subscribe(lambda f: f == "year" and seen.append(window.state.year))
    tl.speed = 4.0
    tl.year = tl.last - 2
    seen.clear()
    qtbot.mouseClick(window.classroom.bar.play, Qt.LeftButton)
    assert tl.playing and window.classroom.bar.play.text().endswith("Pause")
    qtbot.waitUntil(lambda: not tl.playing, timeout=5000)
    assert seen == [tl.last - 1, tl.last]
    assert not window.classroom.bar.timer.isActive()
    assert window.classroom.bar.play.text().endswith("Play")


def test_the_timeline_keys_step_jump_and_play(qtbot, window):
    tl = window.classroom.timeline
    window.show_chart(1)
    target = window.charts.ranking.canvas
    target.setFocus()
    tl.year = tl.first + 3
    qtbot.keyClick(target, Qt.Key_PageDown)
    assert window.state.year == tl.first + 4
    qtbot.keyClick(target, Qt.Key_Left, Qt.ControlModifier)
    assert window.state.year == tl.first + 3
    qtbot.keyClick(target, Qt.Key_End)
    assert window.state.year == tl.last
    qtbot.keyClick(target, Qt.Key_Home)
    assert window.state.year == tl.first
    qtbot.keyClick(target, Qt.Key_Space)
    assert tl.playing
    qtbot.keyClick(target, Qt.Key_Space)
    assert not tl.playing


def test_space_in_the_search_box_types_a_space_and_does_not_play(qtbot, window):
    search = window.selector.search
    search.setFocus()
    qtbot.keyClicks(search, "United States")
    assert search.text() == "United States" and not window.classroom.timeline.playing


def test_presentation_hides_the_chrome_raises_the_type_and_restores_both(qtbot, window):
    room = window.classroom
    before = QApplication.font().pointSizeF()
    tick_before = window.charts.map.plot.getAxis("left").style.get("tickFont") or None
    room.enter_presentation()
    assert not window.menuBar().isVisible() and not window.toolbar.isVisible()
    assert not window.selector_dock.isVisible() and not window.panel_dock.isVisible()
    assert not window.statusBar().isVisible()
    assert room.toolbar.isVisible() and room.title_bar.isVisible()
    assert QApplication.font().pointSizeF() >= 24
    assert window.charts.current_chart().title.font().pointSizeF() >= 24
    assert str(window.state.year) in room.title.text() and "Freedom House" in room.title.text()
    # the presentation keys: country, year, view
    sel = window.state.selected
    window.state.focused = sel[0]
    target = window.views
    target.setFocus()
    qtbot.keyClick(target, Qt.Key_Down)
    assert window.state.focused == sel[1]
    year = window.state.year
    qtbot.keyClick(target, Qt.Key_Left)
    assert window.state.year == year - 1
    chart = window.charts.currentIndex()
    qtbot.keyClick(target, Qt.Key_Tab)
    assert window.charts.currentIndex() == chart + 1
    qtbot.keyClick(target, Qt.Key_Escape)
    assert not room.presenting
    assert window.menuBar().isVisible() and window.toolbar.isVisible()
    assert window.selector_dock.isVisible() and window.panel_dock.isVisible() and window.statusBar().isVisible()
    assert not room.title_bar.isVisible()
    assert QApplication.font().pointSizeF() == pytest.approx(before)
    del tick_before


def test_a_saved_view_reopens_exactly(qtbot, window, tmp_path):
    st = window.state
    st.set_selected(["NOR", "CHN", "BRA"])
    st.focused = "BRA"
    window.classroom.timeline.year = 2015
    window.classroom.timeline.speed = 2.0
    window.show_chart(4)
    path = window.classroom.saved.save_to(tmp_path / "lesson.cpview.json")
    saved = json.loads(path.read_text())
    assert saved["format"] == FORMAT and saved["version"] == 2
    st.set_selected(["USA"])
    window.classroom.timeline.year = 2020
    window.show_chart(0)
    assert window.classroom.saved.open_path(path)
    assert (st.selected, st.focused, st.year, st.indicator) == (["NOR", "CHN", "BRA"], "BRA", 2015, IND)
    assert window.charts.currentIndex() == 4 and window.classroom.timeline.speed == 2.0
    assert str(path.resolve()) == window.classroom.saved.recent[0]
    assert window.classroom.saved.last_folder == str(tmp_path.resolve())


def test_an_old_version_view_is_migrated_when_opened(window, tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": FORMAT, "version": 1, "tab": 0,
                                "view": {"indicator": IND, "year": 2012, "countries": ["DEU", "IND"],
                                         "focus": "IND"}}))
    assert window.classroom.saved.open_path(path)
    assert (window.state.selected, window.state.focused, window.state.year) == (["DEU", "IND"], "IND", 2012)


@pytest.mark.parametrize("content", [
    "{broken", json.dumps({"some": "other program"}),
    json.dumps({"format": FORMAT, "version": 2, "explorer": {"year": "soon", "selected": ["NOR"]},
                "timeline": {}}),
    json.dumps({"format": FORMAT, "version": 2, "explorer": {"indicator": "no_such_indicator"},
                "timeline": {}}),
])
def test_an_invalid_or_foreign_view_says_why_and_changes_nothing(window, tmp_path, content):
    before = window.state.as_dict(), window.classroom.timeline.as_dict(), window.charts.currentIndex()
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert not window.classroom.saved.open_path(path)
    assert "Nothing in the window was changed" in window.classroom.saved.last_error
    assert (window.state.as_dict(), window.classroom.timeline.as_dict(), window.charts.currentIndex()) == before


def test_a_restart_restores_the_session(qtbot, window, data_panel):
    st = window.state
    st.set_selected(["KEN", "NOR"])
    st.focused = "KEN"
    window.classroom.timeline.year = 2011
    window.show_chart(3)
    window.close()
    again = MainWindow(data_panel)
    qtbot.addWidget(again)
    again.restore_session()
    s2 = again.state
    assert (s2.selected, s2.focused, s2.year, s2.indicator) == (["KEN", "NOR"], "KEN", 2011, IND)
    assert again.charts.currentIndex() == 3 and again.classroom.timeline.year == 2011


def test_reset_layout_brings_back_every_dock_and_the_toolbars(qtbot, window):
    window.selector_dock.close()
    window.panel_dock.setFloating(True)
    window.toolbar.hide()
    window.classroom.toolbar.hide()
    window.reset_layout()
    qtbot.wait(50)
    assert window.selector_dock.isVisible() and window.panel_dock.isVisible()
    assert not window.panel_dock.isFloating()
    assert window.toolbar.isVisible() and window.classroom.toolbar.isVisible()


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080), (2560, 1440)])
def test_docks_keep_to_a_sane_share_of_the_window(qtbot, window, size):
    window.resize(*size)
    qtbot.wait(150)  # the window's own re-share after a resize (50 ms later) is over
    window.resizeDocks([window.selector_dock], [int(0.8 * size[0])], Qt.Horizontal)  # the layout seen
    qtbot.wait(10)
    assert window.selector_dock.width() > 0.4 * size[0]
    window.classroom.sane_docks()
    qtbot.wait(50)
    assert window.selector_dock.width() <= 0.3 * size[0]
    assert window.centralWidget().width() >= 0.3 * size[0]


def test_at_the_largest_text_size_the_map_keeps_most_of_its_height(qtbot, window):
    window.resize(1920, 1080)
    window.show_chart(4)
    qtbot.wait(100)
    vb = window.charts.map.plot.getViewBox()
    normal = vb.height()
    assert normal > 300
    for _ in range(6):
        window.change_text_size(+1)
    qtbot.wait(100)
    assert QApplication.font().pointSizeF() >= 24
    assert vb.height() >= 0.6 * normal
    assert window.charts.map.legend_texts()  # the key is still there


def test_the_answer_tab_follows_the_timeline_when_shown(qtbot, window):
    tl = window.classroom.timeline
    tl.year = tl.last - 3
    answer = window.show_answer()
    assert answer.state.year == tl.last - 3  # caught up when its tab opened
    with qtbot.waitSignal(answer.answer_changed, timeout=3000):
        qtbot.keyClick(window.views, Qt.Key_PageDown)
    assert answer.state.year == tl.last - 2 == window.state.year
    window.show_chart(0)
    tl.year = tl.last
    assert answer.state.year == tl.last - 2  # hidden: no recompute per step
    window.show_answer()
    assert answer.state.year == tl.last


def test_a_typed_year_outside_the_index_says_why_it_was_refused(qtbot, window):
    spin = window.year_spin
    year = window.state.year
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "2150")
    assert window.state.year == year
    assert "2150 is outside the years of the index" in window.classroom.year_refusal
    assert f"stays at {year}" in window.statusBar().currentMessage()


def test_a_search_without_a_match_says_no_country_matches(qtbot, window):
    window.selector.search.setText("Atlantis")
    assert window.selector.tree.topLevelItemCount() == 0
    assert "No country matches \u201cAtlantis\u201d" in window.selector.notice.text()


def test_the_export_dialog_opens_in_the_last_folder_saved_to(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    window.classroom.saved.save_to(tmp_path / "lesson.cpview.json")
    asked = {}

    def fake(parent, title, start, filters):
        asked["start"] = start
        return "", ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    window.export_dialog()
    assert asked["start"].startswith(str(tmp_path.resolve()))


def test_the_bubbles_move_with_the_timeline_sized_by_population_with_trails(qtbot, window, data_panel):
    st, tl = window.state, window.classroom.timeline
    st.set_selected(["CHN", "IND", "NOR"])
    window.show_chart(5)
    chart = window.charts.bubbles
    ind_y, _ = chart.y_indicator()
    years = chart.bubbles_data.years(st.indicator, ind_y)
    assert len(years) >= 2
    y1, y2 = years[-2], years[-1]
    pop = data_panel.population_of()
    frames = {}
    for year in (y1, y2):
        tl.year = year
        df = chart.plotted().set_index("iso3")
        assert set(df["year"]) == {year}
        frames[year] = df
        assert str(year) in chart.title.text()
        if ("CHN", year) in pop and ("NOR", year) in pop:
            assert df.loc["CHN", "size_px"] > df.loc["NOR", "size_px"]  # area = population
    assert not frames[y1][["x", "y"]].equals(frames[y2][["x", "y"]])
    trail = chart.trails["CHN"].getData()[0]
    assert np.isfinite(trail).sum() >= 2  # the path of its earlier years
    assert any("(trail)" in t for t in chart.legend_texts())


def test_a_saved_view_brings_back_the_answer_tab_and_its_weights(qtbot, window, tmp_path, data_panel):
    answer = window.show_answer()
    pillar = next(iter(answer.state.pillar_weights))
    weights = dict(answer.state.pillar_weights, **{pillar: 3.0})
    answer.state.update_from_dict({"pillar_weights": weights, "preset": None})
    path = window.classroom.saved.save_to(tmp_path / "answer.cpview.json")
    window.close()
    again = MainWindow(data_panel)
    qtbot.addWidget(again)
    assert again.classroom.saved.open_path(path)
    assert again.views.currentIndex() == 1 and again.answer is not None
    assert again.answer.state.pillar_weights[pillar] == 3.0


def test_the_details_box_follows_the_card_the_keyboard_moves_to(qtbot, window):
    panel = window.panel
    first, second = list(panel.cards.values())[:2]
    first.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(lambda: panel.shown == first.indicator, timeout=2000)
    text = panel.details.toPlainText()
    assert first.card.name in text and "Direction" in text and "Source" in text
    qtbot.keyClick(first, Qt.Key_Down)                        # arrow keys move card to card
    qtbot.waitUntil(lambda: panel.shown == second.indicator, timeout=2000)
    assert second.card.name in panel.details.toPlainText()


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
def test_the_details_box_opens_readable_without_dragging_its_splitter(qtbot, window, size):
    from explorer.ui.widgets.details import MAX_SHARE, MIN_SHARE
    window.resize(*size)
    window.classroom.reset()
    qtbot.wait(100)
    box = window.panel.details
    split = box.parentWidget()
    cards, details = split.sizes()
    total = cards + details
    assert details >= MIN_SHARE * total - 2, (cards, details)
    assert cards >= (1 - MAX_SHARE) * total - 2                # the cards stay the panel's body
    assert details >= 6 * box.fontMetrics().lineSpacing()     # a description and its source, not a strip


def test_playing_the_answer_tab_holds_robustness_until_the_timeline_stops(qtbot, window):
    answer = window.show_answer()
    tl = window.classroom.timeline
    tl.year = tl.last - 2
    tl.playing = True
    assert answer._held
    tl.playing = False
    assert not answer._held


def test_presentation_entered_on_the_answer_keeps_the_chrome_hidden_on_every_view(qtbot, window):
    """Tab from the Answer to a chart in presentation mode: still no docks or toolbar; leaving
    on a chart brings back the cards and the toolbar that the Answer had set aside."""
    room = window.classroom
    window.show_answer()
    room.enter_presentation()
    window.show_chart(0)
    assert not window.toolbar.isVisible() and not window.panel_dock.isVisible()
    assert not window.selector_dock.isVisible()
    room.leave_presentation()
    assert window.toolbar.isVisible() and window.panel_dock.isVisible() and window.selector_dock.isVisible()
