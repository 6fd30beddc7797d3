"""The country selector with real widgets: search, keyboard, compare limit."""

import pytest
from PySide6.QtCore import Qt

from explorer.state import MAX_SELECTED
from explorer.ui.widgets.selector import COL_NAME, CountrySelector


@pytest.fixture(autouse=True)
def _settings(temp_settings):
    pass


@pytest.fixture
def data(panel_data):
    return panel_data


@pytest.fixture
def selector(qtbot, data, first_view_state):
    w = CountrySelector(data, first_view_state)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def listed(sel):
    return [sel.tree.topLevelItem(i).text(COL_NAME) for i in range(sel.tree.topLevelItemCount())]


def test_typing_filters_the_list(qtbot, selector, data):
    qtbot.keyClicks(selector.search, "cote")
    assert listed(selector) == [data.name("CIV")]
    selector.search.clear()
    qtbot.keyClicks(selector.search, "turkey")
    assert listed(selector) == ["Türkiye"]
    selector.search.clear()
    assert len(listed(selector)) == len(data.covered)


def test_common_english_names_find_the_iso_country(qtbot, selector, data):
    for typed, iso3 in (("burma", "MMR"), ("ivory", "CIV"), ("uae", "ARE")):
        selector.search.clear()
        qtbot.keyClicks(selector.search, typed)
        assert listed(selector) == [data.name(iso3)], typed


def test_keyboard_moves_focus_and_toggles_compare(qtbot, selector):
    st = selector.state
    qtbot.keyClicks(selector.search, "germ")
    qtbot.keyClick(selector.search, Qt.Key_Down)  # into the list, on the first hit
    assert selector.tree.hasFocus() or selector.tree.currentItem() is not None
    assert st.focused == "DEU"
    selector.search.clear()
    selector.tree.setFocus()
    before = st.focused
    qtbot.keyClick(selector.tree, Qt.Key_Down)
    after = st.focused
    assert after != before
    was_compared = after in st.selected
    qtbot.keyClick(selector.tree, Qt.Key_Space)
    assert (after in st.selected) != was_compared
    qtbot.keyClick(selector.tree, Qt.Key_Return)
    assert (after in st.selected) == was_compared


def test_typing_in_the_list_goes_to_the_search_box(qtbot, selector):
    selector.tree.setFocus()
    qtbot.keyClicks(selector.tree, "nig")
    assert selector.search.text() == "nig"
    assert all("Nig" in n for n in listed(selector))


def test_eleventh_country_is_refused_with_a_message(qtbot, selector, data):
    st = selector.state
    st.set_selected(data.covered[:MAX_SELECTED])
    extra = data.covered[MAX_SELECTED]
    selector.set_compared(extra, True)
    assert extra not in st.selected and len(st.selected) == MAX_SELECTED
    assert selector.notice.isVisible() and str(MAX_SELECTED) in selector.notice.text()
    item = next(selector.tree.topLevelItem(i) for i in range(selector.tree.topLevelItemCount())
                if selector.tree.topLevelItem(i).data(COL_NAME, Qt.UserRole) == extra)
    assert item.checkState(COL_NAME) == Qt.Unchecked  # the tick was undone


def test_region_filter_and_value_sort(qtbot, selector, data, index):
    i = selector.region.findData("Europe")
    selector.region.setCurrentIndex(i)
    assert selector.state.region == "Europe"
    shown = [selector.tree.topLevelItem(k).data(COL_NAME, Qt.UserRole) for k in range(selector.tree.topLevelItemCount())]
    assert shown and set(index.countries.loc[shown, "region"]) == {"Europe"}
    selector.sort.setCurrentIndex(selector.sort.findData("best"))
    scores = [selector.tree.topLevelItem(k).text(1) for k in range(selector.tree.topLevelItemCount())]
    known = [float(s) for s in scores if s != "\u2014"]
    assert known == sorted(known, reverse=True)


def test_tab_from_search_goes_to_the_list_then_region_then_sort(qtbot, selector):
    selector.window().activateWindow()
    selector.search.setFocus()
    qtbot.waitUntil(selector.search.hasFocus)
    region_before = selector.region.currentIndex()
    qtbot.keyClick(selector.search, Qt.Key_Tab)
    assert selector.tree.hasFocus()
    qtbot.keyClick(selector.tree, Qt.Key_Down)  # moves in the list, the region filter stays
    assert selector.region.currentIndex() == region_before and selector.state.region is None
    qtbot.keyClick(selector.tree, Qt.Key_Tab)
    assert selector.region.hasFocus()
    qtbot.keyClick(selector.region, Qt.Key_Tab)
    assert selector.sort.hasFocus()


def test_down_in_the_search_box_moves_into_the_list(qtbot, selector):
    selector.window().activateWindow()
    selector.search.setFocus()
    qtbot.waitUntil(selector.search.hasFocus)
    qtbot.keyClicks(selector.search, "ger")
    qtbot.keyClick(selector.search, Qt.Key_Down)
    assert selector.tree.hasFocus() and selector.state.region is None
    assert selector.tree.currentItem().data(COL_NAME, Qt.UserRole) == selector.state.focused


def refuse_one(selector, data):
    selector.state.set_selected(data.covered[:MAX_SELECTED])
    extra = data.covered[MAX_SELECTED]
    selector.set_compared(extra, True)
    assert selector.notice.isVisible() and data.name(extra) in selector.notice.text()
    return extra


def test_refusal_notice_goes_by_itself_after_a_few_seconds(qtbot, selector, data):
    from explorer.ui.widgets.selector import NOTICE_MS
    assert 3000 <= NOTICE_MS <= 10000  # long enough to read aloud, short enough not to linger
    refuse_one(selector, data)
    assert selector.notice_timer.isActive() and selector.notice_timer.interval() == NOTICE_MS
    selector.notice_timer.setInterval(50)  # the same timer, shortened so the test stays quick
    selector.notice_timer.start()
    qtbot.waitUntil(lambda: not selector.notice.isVisible(), timeout=2000)


@pytest.mark.parametrize("next_step", ["type in the search box", "untick one", "move in the list"])
def test_refusal_notice_goes_at_the_next_thing_that_works(qtbot, selector, data, next_step):
    refuse_one(selector, data)
    if next_step == "type in the search box":
        qtbot.keyClicks(selector.search, "a")
    elif next_step == "untick one":
        selector.set_compared(selector.state.selected[-1], False)
    else:
        selector.tree.setFocus()
        qtbot.keyClick(selector.tree, Qt.Key_Down)
    assert not selector.notice.isVisible()
    assert not selector.notice_timer.isActive()


def test_the_score_headers_tooltip_names_the_indicator_and_follows_the_year(qtbot, selector, data):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip
    from explorer.ui.widgets.selector import COL_SCORE
    header = selector.tree.header()

    def hover(col):
        x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
        at = QPoint(x, header.height() // 2)
        QApplication.sendEvent(header.viewport(), QHelpEvent(QEvent.ToolTip, at, header.viewport().mapToGlobal(at)))
        return QToolTip.text() if QToolTip.isVisible() else ""

    short = data.indicator(selector.state.indicator)["short"]
    year = selector.state.year
    assert hover(COL_SCORE).startswith(f"{short} {year}:")
    selector.state.year = year - 1
    assert hover(COL_SCORE).startswith(f"{short} {year - 1}:")
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    assert hover(COL_NAME) == ""  # the country column has no header tip


def test_a_short_list_hides_the_key_hint_and_puts_the_compared_names_on_hover(qtbot, selector, data):
    selector.resize(340, 900)
    qtbot.wait(20)
    names = ", ".join(data.name(c) for c in selector.state.selected)
    assert selector.hint.isVisible() and names in selector.compared.text()
    selector.resize(340, 260)  # 1024x700 at larger text: the list kept no row
    qtbot.wait(20)
    assert not selector.hint.isVisible()
    assert names not in selector.compared.text() and selector.compared.toolTip() == names
    selector.resize(340, 900)
    qtbot.wait(20)
    assert selector.hint.isVisible() and names in selector.compared.text()
