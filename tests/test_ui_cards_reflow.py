"""Cards in a narrow dock (1024x700) and at the largest text size: "not ranked" and every
other card text stay inside the dock (a card reflows to one column), and a rank too narrow
for its room elides with "…" and shows the whole text on hover, instead of being cut."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

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


def _inside(card, part, viewport) -> bool:
    r = card.part_rect(part)
    left = card.mapTo(viewport, r.topLeft()).x()
    right = left + card.fontMetrics().horizontalAdvance(card.text(part))
    return left >= 0 and right <= viewport.width() and card.width() <= viewport.width()


def _apart(card) -> bool:
    """No two shown parts of a card overlap, and all lie inside it."""
    rects = list(card.parts().rects.values())
    return (all(card.rect().contains(r) for r in rects)
            and not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:]))


@pytest.mark.parametrize("width", [286, 240])
def test_not_ranked_is_whole_and_inside_a_narrow_dock_at_the_largest_text(qtbot, panel_data, first_view_state,
                                                                         largest_text, width):
    w = _panel(qtbot, panel_data, first_view_state, width, largest_text)
    card = w.cards[DOCUMENTED]
    assert card.text("rank") == "not ranked"
    vp = w.scroll.viewport()
    assert card.narrow and _inside(card, "rank", vp)
    assert not card.is_elided("rank")
    assert "documented cases only" in card.tip("rank")
    # no card is wider than the dock, and no text runs into another: nothing is cut or overlaps
    assert all(c.width() <= vp.width() and _apart(c) for c in w.cards.values())


def test_a_wide_dock_keeps_the_three_columns(qtbot, panel_data, first_view_state):
    w = _panel(qtbot, panel_data, first_view_state, 700)
    card = w.cards[DOCUMENTED]
    assert not card.narrow and _apart(card)
    rank, title, spark = (card.part_rect(k) for k in ("rank", "title", "spark"))
    assert rank.left() > title.left() + title.width() // 2  # top right
    assert spark.left() > title.left() + title.width() // 2 and spark.top() > rank.bottom()  # right, below
    assert all(_apart(c) and c.height() == c.heightForWidth(c.width()) for c in w.cards.values())


def test_a_dock_made_narrow_reflows_the_cards_and_wide_again_restores_them(qtbot, panel_data, first_view_state):
    w = _panel(qtbot, panel_data, first_view_state, 700)
    assert not w.narrow_cards
    w.resize(200, 900)
    qtbot.waitUntil(lambda: len(w.narrow_cards) > 0, timeout=3000)
    assert all(c.width() <= w.scroll.viewport().width() and _apart(c) for c in w.cards.values())
    w.resize(700, 900)
    qtbot.waitUntil(lambda: not w.narrow_cards, timeout=3000)


def test_a_rank_without_room_elides_and_its_tooltip_has_the_whole_text(qtbot, panel_data, first_view_state):
    w = _panel(qtbot, panel_data, first_view_state, 700)
    card = w.cards[first_view_state.indicator]
    rank = card.text("rank")
    assert rank.startswith("#") and not card.is_elided("rank")
    tiny = card.minimumSizeHint().width()
    assert card.fontMetrics().horizontalAdvance(rank) > tiny - 16  # no room for the whole rank
    card.resize(tiny, card.heightForWidth(tiny))
    assert card.narrow and card.is_elided("rank") and _apart(card)
    assert card.tip("rank").startswith(rank + "\n") and "countries with data" in card.tip("rank")
    card.resize(700, card.heightForWidth(700))
    assert not card.is_elided("rank") and not card.tip("rank").startswith(rank)


def _last_bottom(w) -> int:
    return max(c.y() + c.height() for c in w.cards.values())


@pytest.mark.parametrize("width", [450, 700])
def test_the_column_ends_with_its_last_card(qtbot, panel_data, first_view_state, width):
    """The column was as tall as every card laid out at the narrowest width (~29,800 px): in a
    450-pixel dock ~21,000 pixels of blank scrolled under the last card."""
    w = _panel(qtbot, panel_data, first_view_state, width)
    inner = w.scroll.widget()
    assert inner.height() <= max(w.scroll.viewport().height(), _last_bottom(w) + 40)


def test_the_charted_card_stays_in_view_when_the_dock_changes_width(qtbot, panel_data, first_view_state):
    """A scroll position kept in pixels showed other cards (or none) once the column reflowed."""
    w = _panel(qtbot, panel_data, first_view_state, 260)
    w.show_current()
    current = w.cards[first_view_state.indicator]
    vp, bar = w.scroll.viewport(), w.scroll.verticalScrollBar()

    def in_view() -> bool:
        return bar.value() <= current.y() and current.y() + current.height() <= bar.value() + vp.height()
    assert in_view()
    for width in (700, 320, 900):
        w.resize(width, 900)
        qtbot.waitUntil(in_view, timeout=3000)


def test_a_user_scrolled_away_from_the_charted_card_stays_there_when_the_dock_changes_width(
        qtbot, panel_data, first_view_state):
    w = _panel(qtbot, panel_data, first_view_state, 400)
    current = w.cards[first_view_state.indicator]
    bar = w.scroll.verticalScrollBar()
    far = max(range(bar.maximum() + 1), key=lambda v: abs(v - current.y()))   # as far from it as the column goes
    bar.setValue(far)
    w.resize(420, 900)
    qtbot.wait(50)
    vp = w.scroll.viewport()
    assert not (bar.value() <= current.y() and current.y() + current.height() <= bar.value() + vp.height())
