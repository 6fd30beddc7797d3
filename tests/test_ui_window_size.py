"""A 1024x700 window stays 1024x700: neither the Answer tab (once opened, its table and
settings at the largest text) nor a text-size change pushes the window past a small screen."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from explorer.ui.main_window import KEEP_SIZE_MS, MAX_STEPS, MainWindow  # noqa: E402


@pytest.fixture(autouse=True)
def _settings(temp_settings):
    pass


def _settle(qtbot):
    qtbot.wait(KEEP_SIZE_MS + 60)


def _window(qtbot, data_panel, size=(1024, 700), larger=0):
    """A shown window of ``size``, after ``larger`` presses of Larger text (each settled)."""
    w = MainWindow(data_panel)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    for _ in range(larger):
        w.change_text_size(+1)
        _settle(qtbot)
    return w


def test_a_small_window_keeps_its_size_through_the_answer_and_every_text_size(qtbot, data_panel):
    w = _window(qtbot, data_panel)
    w.show_answer().settle()
    _settle(qtbot)
    w.show_chart(4)  # back to Explore: the docks return beside the map
    _settle(qtbot)
    assert (w.width(), w.height()) == (1024, 700)
    for _ in range(MAX_STEPS):
        w.change_text_size(+1)
        _settle(qtbot)
        assert (w.width(), w.height()) == (1024, 700), "Explore, larger text"
    w.show_answer()
    _settle(qtbot)
    assert w.width() == 1024, "the Answer at the largest text"
    page = w.views.currentWidget()  # its headline wraps to the width: nothing to scroll sideways for
    assert page.widget() is w.answer and not page.horizontalScrollBar().isVisible()
    table = w.answer.table
    names = table.fontMetrics().horizontalAdvance("Luxembourg")
    assert table.columnWidth(1) >= names  # country names stay readable; later columns may scroll
    for _ in range(MAX_STEPS):
        w.change_text_size(-1)
        _settle(qtbot)
        assert (w.width(), w.height()) == (1024, 700), "the Answer, smaller text"
    w.change_text_size(None)


def _plot_height(w):
    return w.charts.current_chart().plot.getViewBox().height()


def test_at_larger_text_in_a_small_window_the_docks_share_one_side_and_come_back(qtbot, data_panel):
    w = _window(qtbot, data_panel)
    _settle(qtbot)
    normal = w.centralWidget().width()
    assert w.panel_dock not in w.tabifiedDockWidgets(w.selector_dock)  # side by side at normal text
    for _ in range(MAX_STEPS):
        w.change_text_size(+1)
        _settle(qtbot)
    assert w.panel_dock in w.tabifiedDockWidgets(w.selector_dock)  # stacked as tabs
    assert w.centralWidget().width() >= 0.6 * w.width() > normal
    chart = w.charts.current_chart()
    assert chart.zoom == chart.room_zoom() < 2  # its texts as large as its height holds
    assert _plot_height(w) >= 25  # it was 0 pixels high: the 2x title, axes, legend and note took it all
    for _ in range(MAX_STEPS):
        w.change_text_size(-1)
        _settle(qtbot)
    assert w.panel_dock not in w.tabifiedDockWidgets(w.selector_dock)  # back on both sides
    assert w.dockWidgetArea(w.panel_dock) != w.dockWidgetArea(w.selector_dock)
    assert (w.width(), w.height()) == (1024, 700)


def test_a_large_window_keeps_the_docks_side_by_side_and_the_charts_full_size_at_the_largest_text(qtbot, data_panel):
    w = _window(qtbot, data_panel, (1920, 1080), larger=MAX_STEPS)
    assert w.panel_dock not in w.tabifiedDockWidgets(w.selector_dock)
    assert w.charts.current_chart().zoom == 2.0  # 24 pt window text: the charts' full 2x
    w.change_text_size(None)


def test_in_a_small_window_at_larger_text_the_map_and_the_over_time_plot_keep_their_room(qtbot, data_panel):
    """At 1024x700 and three presses of Larger text the map's eight lines of note left the map
    42 px and the over-time legend's rows left the plot 79 px; notes are cut, whole on hover,
    and the legend goes beside the plot or gets smaller."""
    w = _window(qtbot, data_panel, larger=3)
    w.show_chart(4)
    qtbot.wait(100)
    m = w.charts.map
    assert m.note.is_cut() and m.note.toolTip() == m.note.text()  # the whole note on hover
    assert "Grey hatched" in m.note.text() and "Natural Earth" in m.note.text()  # text() is whole
    assert m.note.height() <= 0.2 * m.height() + m.note.fontMetrics().lineSpacing()
    assert m.plot.getViewBox().height() >= 100
    w.show_chart(0)
    qtbot.wait(100)
    ts = w.charts.current_chart()
    vb = ts.plot.getViewBox()
    assert vb.height() >= 0.5 * (ts.canvas.height() - ts.plot.getAxis("bottom").height())
    assert len(ts.legend_texts()) == 8  # two medians and six countries, all still in the legend
    w.resize(1920, 1080)
    w.show_chart(4)
    _settle(qtbot)
    assert not m.note.is_cut()  # room again: the note is whole on the screen
    w.change_text_size(None)


def test_at_the_largest_text_in_a_small_window_no_chart_part_overlaps_another(qtbot, data_panel):
    """The profile's note overlapped the axis strip above it by a line (1024x700, largest text)."""
    w = _window(qtbot, data_panel, larger=MAX_STEPS)
    for tab in range(w.charts.count()):
        w.show_chart(tab)
        qtbot.wait(60)
        chart = w.charts.current_chart()
        parts = [chart.layout().itemAt(i).widget() for i in range(chart.layout().count())]
        shown = [p for p in parts if p is not None and p.isVisible()]
        for above, below in zip(shown, shown[1:]):
            assert above.geometry().bottom() < below.geometry().top() + 2, \
                f"{type(chart).__name__}: {type(above).__name__} overlaps {type(below).__name__}"
    w.change_text_size(None)


def test_a_layout_stacked_for_large_text_reopens_side_by_side_in_a_large_window(qtbot, data_panel):
    w = _window(qtbot, data_panel, larger=MAX_STEPS)
    assert w.classroom.docks.stacked
    w.close()  # saves the session: geometry, text size, dock layout
    again = MainWindow(data_panel)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    _settle(qtbot)
    again.resize(1920, 1080)  # (after the saved geometry is restored)
    _settle(qtbot)
    assert again.font_step == MAX_STEPS  # the text size came back
    assert again.panel_dock not in again.tabifiedDockWidgets(again.selector_dock)
    assert again.panel_dock.windowTitle() == "Indicators for the focused country"
    again.change_text_size(None)


def test_at_the_largest_text_in_a_small_window_the_country_list_shows_names_not_initials(qtbot, data_panel):
    """At 1024x700 and the largest text the list cut every name to its first letter ("B...")
    beside its Score and Rank: it drops the Rank column (then Score) while it is that narrow."""
    from explorer.ui.widgets.selector import COL_NAME, COL_RANK, COL_SCORE
    w = _window(qtbot, data_panel, larger=MAX_STEPS)
    tree = w.selector.tree
    h = tree.header()
    room = h.sectionSize(COL_NAME) - tree.fontMetrics().height() - 22   # check box, colour swatch
    assert room >= tree.fontMetrics().horizontalAdvance("Botswana")
    assert h.isSectionHidden(COL_RANK) and not h.isSectionHidden(COL_SCORE)
    w.change_text_size(None)
    _settle(qtbot)
    assert not h.isSectionHidden(COL_RANK) and not h.isSectionHidden(COL_SCORE)  # normal text: all three


def test_a_small_windows_layout_maximised_widens_the_docks_with_the_window(qtbot, data_panel):
    """A layout made at 1024 pixels, then the window made 1920 wide (a laptop on a projector):
    the docks grow with it, the cards kept 260 pixels of 1920 and the names were cut."""
    w = _window(qtbot, data_panel)
    _settle(qtbot)
    before = [d.width() for d in (w.selector_dock, w.panel_dock)]
    w.resize(1920, 1080)
    _settle(qtbot)
    after = [d.width() for d in (w.selector_dock, w.panel_dock)]
    assert all(a >= 1.5 * b for a, b in zip(after, before)), (before, after)
    assert all(a <= 0.28 * 1920 + 2 for a in after), after   # each within its share (DOCK_SHARE)
    assert w.centralWidget().width() >= 0.45 * w.width()   # the view keeps its share (less the separators)


def test_stacked_at_the_largest_text_the_docks_tabs_show_their_whole_names(qtbot, data_panel):
    """1024x700 at the largest text: the two docks share a column as tabs, which read
    "Countr..." and "Indicat..." (11 pixels short); their text now shrinks until both fit."""
    from PySide6.QtWidgets import QTabBar
    w = _window(qtbot, data_panel, larger=MAX_STEPS)
    _settle(qtbot)
    assert w.panel_dock in w.tabifiedDockWidgets(w.selector_dock)
    bars = [b for b in w.findChildren(QTabBar) if b.parent() is w and b.count() >= 2 and b.isVisible()]
    assert bars
    for bar in bars:
        assert all(bar.tabRect(i).width() >= bar.tabSizeHint(i).width() for i in range(bar.count()))
        assert bar.font().pointSizeF() >= 0.75 * w.font().pointSizeF()
    w.change_text_size(None)


def test_a_layout_saved_at_1024_reopened_in_a_1920_window_is_widened_within_the_docks_shares(qtbot, data_panel):
    """The session of a 1024-pixel window, reopened and made 1920 wide before its layout was
    fitted (a laptop's layout on a projector): the docks widen from the saved widths, each
    within its share, and the charted card is in view (it showed other cards)."""
    small = _window(qtbot, data_panel)
    _settle(qtbot)
    small.close()
    w = MainWindow(data_panel)
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    _settle(qtbot)
    widths = [d.width() for d in (w.selector_dock, w.panel_dock)]
    assert all(300 <= x <= 0.28 * 1920 + 2 for x in widths), widths
    p = w.panel
    card, bar = p.cards[w.state.indicator], p.scroll.verticalScrollBar()
    assert bar.value() <= card.y() and card.y() + card.height() <= bar.value() + p.scroll.viewport().height()


def test_a_window_widened_on_the_answer_tab_widens_the_cards_when_they_come_back(qtbot, data_panel):
    """The cards dock is hidden on the Answer tab: widened there, only the country list grew,
    and back on Explore the cards kept their 1024-pixel width."""
    w = _window(qtbot, data_panel)
    _settle(qtbot)
    cards = w.panel_dock.width()
    w.show_answer()
    _settle(qtbot)
    w.resize(1920, 1080)
    _settle(qtbot)
    w.show_chart(0)
    _settle(qtbot)
    assert w.panel_dock.isVisible() and 1.5 * cards <= w.panel_dock.width() <= 0.28 * 1920 + 2
