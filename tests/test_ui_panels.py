"""Indicator cards with real widgets: values, ranks, missing data said in words, provenance."""

import pytest
from PySide6.QtCore import Qt


from explorer.ui.widgets.cards import IndicatorPanel, details_html
import oracle  # noqa: E402


@pytest.fixture(autouse=True)
def _settings(temp_settings):
    pass


@pytest.fixture
def data(panel_data):
    return panel_data


@pytest.fixture
def panel(qtbot, data, first_view_state):
    w = IndicatorPanel(data, first_view_state)
    qtbot.addWidget(w)
    w.resize(480, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_a_card_per_indicator_with_value_rank_and_year(panel, index):
    st = panel.state
    assert set(panel.cards) == set(index.indicators.index)
    assert panel.heading.text() == index.countries.at["CHN", "short_name"]
    rank = oracle.ranking(index, st.indicator, st.year)
    mine = rank[rank["iso3"] == "CHN"].iloc[0]
    card = panel.cards[st.indicator]
    assert card.text("rank") == f"#{mine['rank']} of {mine['of']}"
    assert card.text("score") == f"{mine['value']:.0f}"
    assert card.text("year") == f"data {st.year}"
    assert card.value == pytest.approx(mine["value"])
    assert not card.is_shown("missing")


def test_missing_data_is_labelled_with_the_publishers_reason(panel, index):
    obs = index.observations
    has = obs.groupby(["iso3", "indicator"])["year"].max()
    gap = next(r for r in index.missing.itertuples() if (r.iso3, r.indicator) in has.index)
    panel.state.set_focused(gap.iso3)
    panel.state.set_year(int(gap.year))
    card = panel.cards[gap.indicator]
    panel.scroll.ensureWidgetVisible(card)  # a card out of view is refilled when scrolled to
    assert card.is_shown("missing")
    assert f"No data for {gap.year}" in card.text("missing")
    assert gap.reason in card.text("missing")
    assert card.text("score") == "\u2014" and card.value is None and card.text("rank") == ""


def test_switching_country_refills_the_cards(panel, index):
    panel.state.set_focused("DEU")
    assert panel.heading.text() == index.countries.at["DEU", "short_name"]
    st = panel.state
    rank = oracle.ranking(index, st.indicator, st.year)
    deu = rank[rank["iso3"] == "DEU"]
    if len(deu):
        assert panel.cards[st.indicator].text("rank") == f"#{deu['rank'].iloc[0]} of {deu['of'].iloc[0]}"


def test_click_shows_provenance_and_double_click_charts_the_indicator(qtbot, panel, index):
    other = next(i for i in panel.cards if i != panel.state.indicator)
    card = panel.cards[other]
    panel.scroll.ensureWidgetVisible(card)
    qtbot.mouseClick(card, Qt.LeftButton)
    html = panel.details.toPlainText()
    ind = index.indicators.loc[other]
    assert ind["name"] in html and index.sources.at[ind["source"], "licence"] in html
    assert "100 = least persecution" in html
    qtbot.mouseDClick(card, Qt.LeftButton)
    assert panel.state.indicator == other


def focus_card(qtbot, panel, card):
    panel.window().activateWindow()
    card.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(card.hasFocus)


def test_keyboard_reaches_cards_and_enter_or_space_shows_the_details(qtbot, panel, index):
    order = list(panel.cards)
    first, second, third = (panel.cards[i] for i in order[:3])
    assert first.focusPolicy() & Qt.TabFocus
    focus_card(qtbot, panel, first)
    qtbot.keyClick(first, Qt.Key_Tab)  # Tab goes on to the next card
    assert second.hasFocus()
    qtbot.keyClick(second, Qt.Key_Down)  # and so do the arrow keys
    assert third.hasFocus()
    qtbot.keyClick(third, Qt.Key_Up)
    assert second.hasFocus()
    for key, card in ((Qt.Key_Return, second), (Qt.Key_Space, third)):
        if card is third:
            qtbot.keyClick(second, Qt.Key_Down)
        ind = index.indicators.loc[card.indicator]
        assert ind["name"] not in panel.details.toPlainText()
        qtbot.keyClick(card, key)
        text = panel.details.toPlainText()
        assert ind["name"] in text and index.sources.at[ind["source"], "licence"] in text
        if ind["caveat"]:
            assert ind["caveat"] in text


def test_arrow_keys_scroll_the_focused_card_into_view(qtbot, panel):
    cards = list(panel.cards.values())
    focus_card(qtbot, panel, cards[0])
    for _ in range(len(cards) - 1):
        qtbot.keyClick(panel.focusWidget(), Qt.Key_Down)
    assert cards[-1].hasFocus()
    assert not cards[-1].visibleRegion().isEmpty()  # scrolled down to it
    qtbot.keyClick(cards[-1], Qt.Key_Down)  # the last card keeps focus
    assert cards[-1].hasFocus()


def test_focused_card_has_a_frame_unlike_the_others(qtbot, panel):
    from PySide6.QtGui import QColor
    cards = [c for i, c in panel.cards.items() if i != panel.state.indicator]
    card, other = cards[0], cards[1]
    focus_card(qtbot, panel, card)

    def corner(w):  # the frame's colour, one pixel in from the top-left corner
        return QColor(w.grab().toImage().pixel(1, 1))
    assert corner(card).lightness() < 30  # black frame on the focused card
    assert corner(other).lightness() > 100  # thin grey on the others
    card.clearFocus()
    assert corner(card).lightness() > 100


def test_cards_say_how_a_value_was_got(qtbot, data, index):
    """Provenance class on every card's details; a transcribed or provisional value says so on the card."""
    from explorer.ui.widgets.cards import IndicatorPanel, details_html
    from explorer.state import ExplorerState
    obs = index.observations
    row = obs[obs["provenance"].isin(["transcription", "provisional"])].iloc[0]
    st = ExplorerState()
    st.set_selected([row["iso3"]])
    st.set_year(int(row["year"]))
    w = IndicatorPanel(data, st)
    qtbot.addWidget(w)
    card = w.cards[row["indicator"]]
    assert card.card.provenance == row["provenance"]
    assert ("transcribed" if row["provenance"] == "transcription" else "provisional") in card.text("year")
    assert "How we got it" in details_html(card.card) and row["provenance"] in details_html(card.card)


def test_cards_out_of_view_are_refilled_once_the_changes_pause(qtbot, panel, index):
    """The cards in view change at once; the rest follow when the changes pause (and at once
    when scrolled to), so scrolling or the details never meet another country's card."""
    st = panel.state
    other = "DEU" if st.focused != "DEU" else "CHN"
    now = {c.indicator: c for c in panel.data.cards(st.focused, st.year)}
    then = {c.indicator: c for c in panel.data.cards(other, st.year)}
    last = [i for i in panel.cards if now[i] != then[i]][-1]  # low in the column, and different
    want = then[last]
    panel.scroll.verticalScrollBar().setValue(0)
    qtbot.wait(20)
    first = st.focused
    st.set_focused(other)
    assert panel.cards[last].card == now[last]  # not yet: it is out of view
    qtbot.waitUntil(lambda: panel.cards[last].card == want, timeout=3000)
    st.set_focused(first)
    assert panel.cards[last].card == want  # out of view again
    panel.scroll.ensureWidgetVisible(panel.cards[last])
    assert panel.cards[last].card == now[last]  # scrolled to: refilled at once


def test_in_a_run_of_changes_the_details_box_follows_once_they_pause(qtbot, panel):
    """The first change shows its details at once; the next ones within LATER_MS (arrow keys,
    the timeline playing) update the box when the run pauses, never leaving it on old text."""
    st = panel.state
    ind = panel.shown or st.indicator

    def html(year):
        return details_html(panel.data.deck(st.focused, year)[ind])
    years = sorted({y for y, _ in panel.cards[ind].card.history})
    pairs = [(a, b) for a in years for b in years if html(a) != html(b)]
    if not pairs:
        pytest.skip(f"{ind}'s details read the same in every year")
    a, b = pairs[0]
    st.set_year(a)
    qtbot.waitUntil(lambda: not panel._later_timer.isActive(), timeout=3000)  # a fresh run
    assert panel._details_html == html(a)
    st.set_year(b)  # the first change of a run: at once
    assert panel._details_html == html(b)
    st.set_year(a)  # within the run: the box waits...
    assert panel._details_html == html(b)
    qtbot.waitUntil(lambda: panel._details_html == html(a), timeout=3000)  # ...until it pauses
