"""Cards in a narrow dock (1024x700) and at the largest text size: "not ranked" and every
other card text stay inside the dock (a card reflows to one column), and a label too narrow
for its text elides with "…" and shows the whole text on hover, instead of being cut."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from explorer.ui.widgets.card_reflow import ElidedLabel  # noqa: E402
from explorer.ui.widgets.cards import IndicatorPanel  # noqa: E402

DOCUMENTED = "aigs_facial_recognition"


@pytest.fixture(autouse=True)
def _settings(temp_settings):
    pass


@pytest.fixture
def largest_text():
    from PySide6.QtWidgets import QApplication
    from explorer.ui.main_window import MAX_STEPS, apply_base_font
    app = QApplication.instance()
    old = app.font()
    yield apply_base_font(app, MAX_STEPS)
    app.setFont(old)


def _panel(qtbot, data, state, width: int, base=None):
    w = IndicatorPanel(data, state)
    qtbot.addWidget(w)
    if base is not None:
        w.rescale(base)
    w.resize(width, 900)
    w.show()
    qtbot.waitExposed(w)
    for _ in range(5):
        qtbot.wait(10)
    return w


def _inside(card, label, viewport) -> bool:
    left = label.mapTo(viewport, label.rect().topLeft()).x()
    right = label.mapTo(viewport, label.rect().topLeft()).x() + label.fontMetrics().horizontalAdvance(label.text())
    return left >= 0 and right <= viewport.width() and card.width() <= viewport.width()


@pytest.mark.parametrize("width", [286, 240])
def test_not_ranked_is_whole_and_inside_a_narrow_dock_at_the_largest_text(qtbot, panel_data, first_view_state,
                                                                         largest_text, width):
    w = _panel(qtbot, panel_data, first_view_state, width, largest_text)
    card = w.cards[DOCUMENTED]
    assert card.rank.text() == "not ranked"
    vp = w.scroll.viewport()
    assert card.narrow and _inside(card, card.rank, vp)
    assert not card.rank.is_elided()
    assert "documented cases only" in card.rank.toolTip()
    # no card is wider than the dock: nothing is cut at the right edge
    assert all(c.width() <= vp.width() for c in w.cards.values())


def test_a_wide_dock_keeps_the_three_columns(qtbot, panel_data, first_view_state):
    w = _panel(qtbot, panel_data, first_view_state, 700)
    card = w.cards[DOCUMENTED]
    assert not card.narrow
    assert card.rank.geometry().left() > card.title.geometry().left() + card.title.width() // 2  # top right
    assert card.spark.geometry().top() < card.rank.geometry().bottom() + card.raw.height() + card.bar.height() + 40


def test_a_dock_made_narrow_reflows_the_cards_and_wide_again_restores_them(qtbot, panel_data, first_view_state):
    w = _panel(qtbot, panel_data, first_view_state, 700)
    assert not w.reflow.narrow
    w.resize(200, 900)
    qtbot.waitUntil(lambda: len(w.reflow.narrow) > 0, timeout=3000)
    assert all(c.width() <= w.scroll.viewport().width() for c in w.cards.values())
    w.resize(700, 900)
    qtbot.waitUntil(lambda: not w.reflow.narrow, timeout=3000)


def test_a_label_without_room_elides_and_its_tooltip_has_the_whole_text(qtbot):
    lab = ElidedLabel("not ranked: records documented cases only")
    qtbot.addWidget(lab)
    assert lab.minimumSizeHint().width() < lab.fontMetrics().horizontalAdvance("not ranked")
    lab.resize(lab.fontMetrics().horizontalAdvance("not ran"), 30)
    lab.show()
    assert lab.is_elided()
    lab.resize(lab.sizeHint().width() + 4, 30)
    assert not lab.is_elided()
