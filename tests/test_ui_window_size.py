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


def test_a_small_window_keeps_its_size_through_the_answer_and_every_text_size(qtbot, data_panel):
    w = MainWindow(data_panel)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    qtbot.waitExposed(w)
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
