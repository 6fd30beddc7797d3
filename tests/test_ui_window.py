"""The main window end to end: starts on the bundled index, binds selector, cards and charts,
survives a corrupt index with a dialog, persists its layout in a temporary settings file."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from explorer.paths import INDEX_PATH
from explorer.ui import app as app_mod
from explorer.ui import dialogs, settings
from explorer.ui.main_window import BASE_PT, MainWindow


@pytest.fixture(autouse=True)
def temp_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORER_SETTINGS_DIR", str(tmp_path / "settings"))


@pytest.fixture
def window(qtbot, index, data_panel):
    w = MainWindow(data_panel)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_first_view_is_china_compared_across_regions(window, index):
    st = window.state
    assert st.focused == "CHN" and "CHN" in st.selected and len(st.selected) >= 4
    assert window.panel.heading.text() == index.countries.at["CHN", "short_name"]
    assert "countries" in window.status_label.text() and "Editions" in window.status_label.text()
    assert window.indicator_combo.currentData() == st.indicator
    assert window.year_spin.value() == st.year


def test_status_bar_fits_its_width_and_names_every_edition_in_the_tooltip(qtbot, window):
    label = window.status_label
    editions = window.data.editions()
    for width in (1600, 900):
        window.resize(width, 900)
        qtbot.waitUntil(lambda: label.width() < width)
        text = label.text()
        assert label.fontMetrics().horizontalAdvance(text) <= label.width()
        assert text.startswith("Coverage:") and "Editions:" in text
        shown = text.split("Editions: ", 1)[1].split(" \u00b7 ")
        hidden = len(editions) - len([p for p in shown if "more" not in p])
        assert (f"+{hidden} more" in text) == (hidden > 0)
    assert "more" in label.text()  # 900 px cannot hold them all
    assert all(e in label.toolTip() for e in editions)


def test_first_view_opens_on_a_year_with_data_and_shows_the_charted_card(window):
    st = window.state
    cards = window.panel.cards
    scored = [c for c in cards.values() if c.card.pillar and c.card.history]
    assert 2 * sum(c.card.value is not None for c in scored) > len(scored)
    assert cards[st.indicator].card.value is not None
    window.panel.show_current()
    card, view = cards[st.indicator], window.panel.scroll.viewport()
    assert not card.visibleRegion().isEmpty() and view.isVisible()


def test_selecting_countries_changes_state_and_charts(qtbot, window):
    from explorer.ui.charts import ChartsPanel
    assert isinstance(window.charts, ChartsPanel)
    sel = window.selector
    qtbot.keyClicks(sel.search, "cote")
    qtbot.keyClick(sel.search, Qt.Key_Return)
    qtbot.keyClick(sel.tree, Qt.Key_Space)
    assert window.state.focused == "CIV" and "CIV" in window.state.selected
    window.charts.setCurrentWidget(window.charts.timeseries)
    plotted = window.charts.timeseries.plotted()
    assert "CIV" in set(plotted["iso3"].dropna())
    qtbot.keyClick(sel.tree, Qt.Key_Space)
    assert "CIV" not in window.state.selected
    assert "CIV" not in set(window.charts.timeseries.plotted()["iso3"].dropna())


def test_indicator_picker_and_year_set_the_state(window, index):
    combo = window.indicator_combo
    target = next(combo.itemData(i) for i in range(combo.count())
                  if combo.itemData(i) and combo.itemData(i) != window.state.indicator)
    combo.setCurrentIndex(combo.findData(target))
    assert window.state.indicator == target
    years = sorted(index.observations.loc[index.observations["indicator"] == target, "year"].unique())
    window.year_spin.setValue(years[0])
    assert window.state.year == years[0]


def test_changing_the_indicator_never_moves_the_year(window, index):
    """The year box spans every year of the index; an indicator without data that year does
    not pull the year to its own range (the views say "no data" and offer the nearest year)."""
    obs = index.observations
    window.state.set_year(2012)
    once = obs.groupby("indicator")["year"].nunique()
    single = next(i for i in once.index if once[i] == 1 and obs.loc[obs["indicator"] == i, "year"].iloc[0] != 2012)
    combo = window.indicator_combo
    combo.setCurrentIndex(combo.findData(single))
    assert window.state.indicator == single and window.state.year == 2012 == window.year_spin.value()
    assert (window.year_spin.minimum(), window.year_spin.maximum()) == (int(obs["year"].min()), int(obs["year"].max()))


def test_ctrl_f_focuses_search(qtbot, window):
    window.activateWindow()
    window.find_action.trigger()
    assert QApplication.focusWidget() is window.selector.search


def test_larger_text_grows_the_font(window):
    before = QApplication.font().pointSizeF()
    window.change_text_size(+1)
    assert QApplication.font().pointSizeF() > before
    window.change_text_size(None)
    assert QApplication.font().pointSizeF() == BASE_PT


def test_sources_dialog_lists_every_publisher_and_licence(window, index):
    html = dialogs.sources_html(window.data.source_rows())
    for _, s in index.sources.iterrows():
        assert s["publisher"] in html.replace("&amp;", "&") and s["licence"] in html.replace("&amp;", "&")
    about = dialogs.about_html(window.data.editions_text(), window.data.coverage_text())
    assert "100 = least persecution" in about


def test_layout_persists_and_other_schema_versions_are_ignored(qtbot, index, data_panel):
    w = MainWindow(data_panel)
    qtbot.addWidget(w)
    w.show()
    # the offscreen screen is 800 px wide: vary the height, just above the window's minimum
    target = w.minimumSizeHint().height() + 11
    w.resize(w.width(), target)
    w.panel_dock.hide()
    w.close()
    assert settings.load()[0]["geometry"]
    w2 = MainWindow(data_panel)
    qtbot.addWidget(w2)
    w2.show()
    assert w2.height() == target != 920 and not w2.panel_dock.isVisible()
    s = settings.settings()
    s.setValue("schema_version", settings.SCHEMA_VERSION + 1)
    s.sync()
    values, notices = settings.load()
    assert values == {} and "newer version" in notices[0]


def test_closing_on_the_answer_tab_keeps_the_cards_and_the_toolbar_for_next_time(qtbot, data_panel):
    """The Answer tab hides the cards and the toolbar while shown; the saved layout must not."""
    w = MainWindow(data_panel)
    qtbot.addWidget(w)
    w.show()
    w.show_answer()
    assert not w.panel_dock.isVisible() and not w.toolbar.isVisible()
    w.close()
    w2 = MainWindow(data_panel)
    qtbot.addWidget(w2)
    w2.show()
    qtbot.wait(20)
    assert w2.panel_dock.isVisible() and w2.toolbar.isVisible()


def test_settings_written_by_version_1_are_migrated_not_discarded(qtbot, data_panel):
    """Version 1 (the release before this one) saved the dock layout as "state"."""
    w = MainWindow(data_panel)
    qtbot.addWidget(w)
    w.show()
    w.panel_dock.hide()
    geometry, dock = w.saveGeometry(), w.saveState(1)
    w.close()
    s = settings.settings()
    s.clear()
    s.setValue("schema_version", 1)
    s.setValue("geometry", geometry)
    s.setValue("state", dock)
    s.setValue("font_step", 2)
    s.sync()
    values, notices = settings.load()
    assert set(values) == {"geometry", "dock_state", "font_step"} and values["font_step"] == 2 and not notices
    w2 = MainWindow(data_panel)
    qtbot.addWidget(w2)
    w2.show()
    assert w2.font_step == 2 and not w2.panel_dock.isVisible()


@pytest.mark.parametrize("key,value", [("font_step", "1.5"), ("font_step", "abc"), ("font_step", "99"),
                                       ("geometry", "hello"), ("dock_state", "hello")])
def test_a_bad_settings_value_falls_back_to_its_default_with_a_notice(qtbot, data_panel, key, value):
    s = settings.settings()
    s.clear()
    s.setValue("schema_version", settings.SCHEMA_VERSION)
    s.setValue(key, value)
    s.sync()
    w = MainWindow(data_panel)  # must start
    qtbot.addWidget(w)
    w.show()
    notes = " ".join(w.settings_notices)
    assert w.font_step == 0 and ("default" in notes or "normal size" in notes), notes


def test_app_starts_on_the_bundled_index(qtbot):
    window = app_mod.start(INDEX_PATH)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.state is not None, timeout=30000)
    assert window.state.focused == "CHN" and not window.progress.isVisible()


def test_a_failure_while_filling_the_window_shows_the_index_dialog_not_a_stuck_window(qtbot, tmp_path):
    """A valid index whose indicators table is empty: the window must not sit on "Loading"."""
    import shutil
    import sqlite3
    bad = tmp_path / "no_indicators.sqlite"
    shutil.copy(INDEX_PATH, bad)
    with sqlite3.connect(bad) as c:
        c.execute("DELETE FROM indicators")
    errors = []
    window = app_mod.start(bad, on_error=errors.append)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(errors), timeout=30000)
    assert "index" in errors[0].lower() and not window.progress.isVisible()
    assert window.status_label.text() == "The index could not be opened."


# The app's main() runs and quits the application's event loop, which leaves Qt in its
# closing state for the rest of a process; run it in a child process, as a user would.
MAIN_WITH_FAKE_DIALOG = """
import sys
from explorer.ui import app as app_mod, dialogs
shown = []
dialogs.IndexErrorDialog.exec = lambda box: shown.append(box.informativeText()) or 0
code = app_mod.main(index_path=sys.argv[1])
print("DIALOGS", len(shown))
print("TEXT", shown[0] if shown else "")
sys.exit(code)
"""


def run_main(path, tmp_path):
    import os
    import subprocess
    import sys
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EXPLORER_SETTINGS_DIR=str(tmp_path / "settings"))
    return subprocess.run([sys.executable, "-c", MAIN_WITH_FAKE_DIALOG, str(path)], capture_output=True,
                          text=True, env=env, timeout=120)


def test_corrupt_index_shows_the_error_dialog_not_a_traceback(tmp_path):
    bad = tmp_path / "explorer.sqlite"
    bad.write_bytes(b"this is not a database \x00\xff" * 200)
    res = run_main(bad, tmp_path)
    assert res.returncode == 2, res.stderr
    assert "DIALOGS 1" in res.stdout
    assert str(bad) in res.stdout and "explorer build-index" in res.stdout
    assert "Traceback" not in res.stdout + res.stderr


def test_missing_index_shows_the_error_dialog(tmp_path):
    res = run_main(tmp_path / "nowhere.sqlite", tmp_path)
    assert res.returncode == 2 and "does not exist" in res.stdout and "Traceback" not in res.stderr


def test_answer_tab_is_built_on_first_open_and_follows_the_focused_country(qtbot, window):
    from explorer.ui.answer.view import AnswerView
    assert window.answer is None  # nothing computed at start-up
    window.views.setCurrentIndex(1)
    assert isinstance(window.answer, AnswerView) and window.views.currentWidget().widget() is window.answer
    window.answer.settle()   # the score runs on the job runner
    assert "least persecuting" in window.answer.headline.text()
    window.state.set_focused("DEU")
    assert window.answer.focused == "DEU"
    # the View menu reaches both the charts and the answer by keyboard
    texts = [a.text() for a in window.chart_actions]
    assert "Answer: who persecutes least?" in texts and "Profile" in texts
    # the cards and the Explore toolbar step aside for the answer and come back with Explore
    assert not window.panel_dock.isVisible() and not window.toolbar.isVisible()
    window.show_chart(3)
    assert window.views.currentIndex() == 0 and window.charts.currentIndex() == 3
    assert window.panel_dock.isVisible() and window.toolbar.isVisible()


def test_help_explains_scales_missing_data_and_pillars(window, monkeypatch):
    from explorer.catalogue import PILLARS
    from explorer.ui.dialogs import HtmlDialog
    shown = []
    monkeypatch.setattr(HtmlDialog, "exec", lambda self: shown.append(self) or 0)
    window.guide_action.trigger()
    text = shown[0].browser.toPlainText()
    assert "100 = least persecution" in text and "never filled in" in text
    assert all(name in text for _, name, _ in PILLARS)


def test_the_status_bar_says_when_the_window_shows_the_users_imported_data(qtbot, tmp_path, monkeypatch):
    import shutil
    from explorer import paths
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(tmp_path / "user"))
    monkeypatch.delenv("EXPLORER_INDEX", raising=False)
    paths.user_index_path().parent.mkdir(parents=True)
    shutil.copy(INDEX_PATH, paths.user_index_path())  # as an import leaves it
    window = app_mod.start(None)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.state is not None, timeout=30000)
    assert window.status_label.text().startswith("Your imported data")
    assert str(paths.user_index_path()) in window.status_label.toolTip()


def test_reopening_the_index_after_an_import_keeps_what_was_on_screen(qtbot, window):
    st = window.state
    st.set_selected(["DEU", "IND"])
    st.set_focused("IND")
    st.set_year(2016)
    window.reload_index()
    qtbot.waitUntil(lambda: window.state is not st and window.state.focused == "IND", timeout=30000)
    assert window.state.selected == ["DEU", "IND"] and window.state.year == 2016
    assert len(window.findChildren(type(window.selector_dock))) == 2  # no docks left over


def test_the_year_box_shows_four_digits_at_the_largest_text(window):
    from explorer.ui.main_window import MAX_STEPS
    window.change_text_size(MAX_STEPS)
    try:
        spin = window.year_spin
        assert spin.minimumWidth() >= spin.fontMetrics().horizontalAdvance("20000")  # was set at 12 pt
    finally:
        window.change_text_size(None)


# What the start-up path imports is only visible in a fresh process, started as the user starts
# it: the `explorer` command with no subcommand (explorer.cli.main).
FILLED_WINDOW_MODULES = """
import sys
import explorer.cli as cli
gui = cli.cmd_gui
def cmd_gui(args):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from explorer.ui import app as app_mod, main_window
    main_window.WARM_AFTER_MS = 600000  # the caches a focus switch uses are warmed after the start: not here
    start = app_mod.start
    def hooked(*a, **k):
        window = start(*a, **k)
        def check():
            if window.state is None:
                return QTimer.singleShot(20, check)
            QApplication.processEvents()  # the cards and the first chart painted
            print("charts built:", sorted(type(c).__name__ for c in window.charts.charts.built()))
            heavy = ("pandas", "sqlite_utils", "explorer.build", "explorer.cli.query", "explorer.importer.apply")
            print("imported:", [m for m in heavy if m in sys.modules])
            QApplication.instance().quit()
        QTimer.singleShot(0, check)
        return window
    app_mod.start = hooked
    return gui(args)
cli.cmd_gui = cmd_gui
print("exit:", cli.main([]))
"""


def test_the_filled_window_needs_neither_pandas_nor_the_hidden_charts(tmp_path):
    """`explorer` opens the window building the visible chart only, plotting it without pandas,
    and without the subcommands, the builder or the importer's writer (issue 7): each cost the
    start ~250 ms while the bench, which skipped the command, did not see it."""
    import os
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent  # this checkout's code, not an installed copy
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EXPLORER_SETTINGS_DIR=str(tmp_path),
               EXPLORER_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(root))
    out = subprocess.run([sys.executable, "-c", FILLED_WINDOW_MODULES], capture_output=True, text=True,
                         env=env, cwd=root, timeout=120).stdout
    assert "charts built: ['TimeSeriesChart']" in out
    assert "imported: []" in out
    assert "exit: 0" in out


def test_the_answers_own_year_box_moves_the_one_timeline(window, qtbot):
    """The Answer's Year box and the timeline bar never disagree: a year typed there is the
    year the bar, the explore charts and the presentation title show."""
    window.show_answer()
    window.answer.settle()
    target = window.answer.year_box.value() - 4
    window.answer.year_box.setValue(target)
    assert window.state.year == target
    assert window.classroom.timeline.year == target
    window.answer.settle()
    assert window.answer.answer.year == target


def test_a_saved_view_builds_the_answer_in_its_scrolling_page(window, qtbot, tmp_path):
    """A saved view with answer settings, saved on the Explore tab and opened in a new window,
    builds the Answer in the same scrolling page as opening its tab does (at the largest text
    the page must scroll), not bare in the tab."""
    window.show_answer()
    window.views.setCurrentIndex(0)
    path = window.classroom.saved.save_to(tmp_path / "v.cpview.json")
    w2 = MainWindow(window.panel_data)
    qtbot.addWidget(w2)
    w2.show()
    assert w2.answer is None
    assert w2.classroom.saved.open_path(path)
    assert w2.answer is not None and w2.views.currentIndex() == 0
    assert w2.views.widget(1).objectName() == "answer_page"
    assert w2.views.widget(1).widget() is w2.answer
