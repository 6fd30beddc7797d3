"""The Answer view, driven through its real widgets (pytest-qt)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QRect, Qt  # noqa: E402
from PySide6.QtGui import QFont, QFontMetrics, QImage  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402

from explorer.errors import ExplorerError  # noqa: E402

from explorer.scoring.composite import Engine, Settings  # noqa: E402
from explorer.scoring.answer import answer  # noqa: E402
from explorer.state import ExplorerState  # noqa: E402
from explorer.ui.answer.view import AnswerView, SLIDER_MAX  # noqa: E402


@pytest.fixture
def view(qtbot, index, data_panel):
    w = AnswerView(data_panel, explorer_state=ExplorerState())
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    w.wait_for_robustness()
    qtbot.waitUntil(lambda: "scenarios varying" in w.headline.text(), timeout=15000)  # the full analysis
    qtbot.wait(50)  # the robustness may land before the first layout pass: let the layout settle
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
    view.settle()   # the score runs on the job runner
    assert order(view) != before
    assert view.preset_box.currentText() == "custom"
    assert "custom weights" in view.headline.text()


def test_picking_a_preset_sets_the_sliders_and_headline(view, qtbot):
    i = view.preset_box.findData("surveillance-focused")
    view.preset_box.setCurrentIndex(i)
    view.preset_box.activated.emit(i)
    assert view.sliders["surveillance"].value() == 30
    view.settle()
    assert "surveillance-focused weights" in view.headline.text()


def test_all_zero_weights_give_a_message_not_a_crash(view):
    for s in view.sliders.values():
        s.setValue(0)
    view.settle()
    assert view.message.isVisible() and "all pillar weights are zero" in view.message.text()
    assert view.model.rowCount() == 0
    view.sliders["civic"].setValue(10)
    view.settle()
    assert not view.message.isVisible() and view.model.rowCount() > 0


def test_year_without_enough_data_gives_a_message(view):
    view.window_box.setValue(0)
    view.year_box.setValue(2001)
    view.settle()
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
    assert "scenarios varying" in view.headline.text()


# ---- layout: nothing cut off at 1400x900 or between the main window's docks ----------------

def _list_fits(w):
    t = w.table
    widths = [t.columnWidth(c) for c in range(w.model.columnCount())]
    assert sum(widths) <= t.viewport().width() + 1, (widths, t.viewport().width())
    assert not t.horizontalScrollBar().isVisible()
    fm = t.fontMetrics()
    bold = QFont(t.font())
    bold.setBold(True)
    fmb = QFontMetrics(bold)
    for c in (2, 3, 4, 5):  # score, 90% range, P(top 10), data years: every value shown whole
        need = max(fmb.horizontalAdvance(r["cells"][c]) for r in w.model.rows if r["ranked"])
        assert need <= t.columnWidth(c) - 6, (w.model.COLS[c], need, t.columnWidth(c))
    assert t.columnWidth(1) >= fm.horizontalAdvance("Luxembourg") + 8


def _why_rows_fit(w):
    tree = w.why_tree
    fm = QFontMetrics(tree.font())
    names = []
    for k in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(k)
        for j in range(top.childCount()):
            item = top.child(j)
            names.append(item.text(0))
            rect = tree.visualItemRect(item)
            width = tree.columnWidth(0) - 2 * tree.indentation() - 10
            need = fm.boundingRect(QRect(0, 0, width, 10000), int(Qt.TextWordWrap), item.text(0)).height()
            assert rect.height() >= need, (item.text(0), rect.height(), need)
    return names


def test_list_columns_and_why_names_fit_at_1400x900(view, index, qtbot):
    _list_fits(view)
    assert view.split.indexOf(view.why_box) >= 0  # wide: breakdown beside the list
    view.focus("CAF")
    qtbot.wait(50)  # rows are re-measured once the columns have their final widths
    names = _why_rows_fit(view)
    full = set(index.indicators.loc[view.answer.result.prepared.indicators, "short"])
    assert set(names) == full  # full indicator names, never shortened with '...'
    assert "Internet surveillance (FOTN C5)" in names


def test_narrow_view_puts_the_breakdown_in_a_tab_and_still_fits(view, qtbot):
    view.resize(780, 800)
    qtbot.waitUntil(lambda: view.narrow and view.centre.count() == 3, timeout=2000)  # ranking, why, how sound
    qtbot.wait(20)
    _list_fits(view)
    view.centre.setCurrentWidget(view.why_box)
    qtbot.wait(20)
    _why_rows_fit(view)
    assert view.centre.tabText(1) == f"Why this rank: {view._why['country']}"
    view.resize(1400, 900)
    qtbot.waitUntil(lambda: not view.narrow and view.split.indexOf(view.why_box) >= 0, timeout=2000)


def _answer_in_window(qtbot, index, data_panel):
    """The main window at 1600x1000 with its Answer tab open and robustness done."""
    from explorer.ui.main_window import MainWindow
    win = MainWindow(data_panel)
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    ans = win.show_answer()
    ans.wait_for_robustness()
    qtbot.waitUntil(lambda: "scenarios varying" in ans.headline.text(), timeout=5000)
    return win, ans


def test_inside_the_main_window_at_1600x1000_nothing_is_cut_off(qtbot, index, data_panel):
    win, ans = _answer_in_window(qtbot, index, data_panel)
    qtbot.wait(30)
    assert ans.width() > 1100  # the indicator cards step aside for the answer
    _list_fits(ans)


def test_leave_one_out_is_shown_for_the_focused_country(view):
    view.focus("CAF")
    rob = view.answer.robust
    k = list(rob.iso3).index("CAF")
    text = view.loo_label.text()
    assert "Rank without one indicator" in text and f"(now {rob.point_rank[k]})" in text
    moved = [(int(r), view.engine.short(i)) for i, r in zip(rob.indicators, rob.loo_ranks[:, k])
             if int(r) != rob.point_rank[k]]
    biggest = max(moved, key=lambda t: abs(t[0] - rob.point_rank[k]))
    assert f"<b>{biggest[0]}</b> without {biggest[1]}" in text


# ---- export ------------------------------------------------------------------------------------

def test_export_csv_has_ranking_data_years_settings_and_citations(view, index, tmp_path):
    out = view.export(tmp_path / "answer.csv")
    text = out.read_text(encoding="utf-8")
    head = [ln for ln in text.splitlines() if ln.startswith("#")]
    df = pd.read_csv(out, comment="#")
    ranked = df[df["status"] == "ranked"]
    assert ranked["iso3"].tolist() == order(view)
    assert {"rank", "score", "rank_5pct", "rank_95pct", "p_top10", "data_years", "pillar_civic"} <= set(df.columns)
    assert ranked["data_years"].str.match(r"^20\d\d(–20\d\d)?").all()
    first = ranked.iloc[0]
    row = view.answer.table.iloc[0]
    assert first["data_years"] == f"{row['oldest_year']}–{row['newest_year']}"
    assert (df["status"] == "not enough data").sum() == len(view.answer.excluded)
    assert df.loc[df["status"] == "not enough data", "not_enough_data_because"].str.contains("pillars").all()
    assert any(view.headline.text() in ln for ln in head)
    assert any("seed 20240601" in ln for ln in head) and any("Coverage rule" in ln for ln in head)
    used = index.indicators.loc[view.answer.result.prepared.indicators, "source"].unique()
    for s in used:
        src = index.sources.loc[s]
        assert any(src["citation"].rstrip(".") in ln and src["licence"] in ln for ln in head), s


def test_export_png_is_twice_the_view_size(view, tmp_path):
    out = view.export(tmp_path / "answer.png")
    img = QImage(str(out))
    assert not img.isNull()
    assert (img.width(), img.height()) == (2 * view.width(), 2 * view.height())


def test_export_pdf_brief(view, tmp_path):
    out = view.export(tmp_path / "brief.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    assert 1 <= len(re.findall(rb"/Type /Page\b(?!s)", data)) <= 3


def test_failed_exports_leave_the_existing_file_alone(view, tmp_path, monkeypatch):
    keep = tmp_path / "answer.txt"
    keep.write_text("mine")
    with pytest.raises(ExplorerError, match=r"\.pdf.*\.png.*\.csv"):
        view.export(keep)
    assert keep.read_text() == "mine"
    with pytest.raises(ExplorerError, match="does not exist"):
        view.export(tmp_path / "no such folder" / "answer.csv")
    png = tmp_path / "answer.png"
    png.write_bytes(b"old image")
    monkeypatch.setattr(QImage, "save", lambda *a, **k: False)  # the image cannot be written
    with pytest.raises(ExplorerError):
        view.export(png)
    assert png.read_bytes() == b"old image"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answer.png", "answer.txt"]  # no temp left


def test_export_before_robustness_finished_computes_it(view, tmp_path):
    view.sliders["civic"].setValue(25)  # robustness pending on the worker
    out = view.export(tmp_path / "a.csv")
    df = pd.read_csv(out, comment="#")
    assert df.loc[df["status"] == "ranked", "rank_5pct"].notna().all()
    assert "scenarios varying" in view.headline.text()


def test_export_with_no_ranking_says_why(view, tmp_path):
    for s in view.sliders.values():
        s.setValue(0)
    with pytest.raises(ExplorerError, match="nothing to export"):  # the export waits for the score
        view.export(tmp_path / "a.csv")
    assert not (tmp_path / "a.csv").exists()


# ---- text size and wording a lay reader can follow ---------------------------------------------

def _sizes(w) -> dict:
    p = w.plot.getPlotItem()
    return {"headline": w.headline.font().pointSizeF(), "table": w.table.font().pointSizeF(),
            "header": w.table.horizontalHeader().font().pointSizeF(), "why": w.why_tree.font().pointSizeF(),
            "caveats": w.findChild(QLabel, "caveats").font().pointSizeF(),
            "ticks": p.getAxis("left").style["tickFont"].pointSizeF(),
            "axis_label": float(p.getAxis("bottom").labelStyle["font-size"].rstrip("pt")),
            "title": float(p.titleLabel.opts["size"].rstrip("pt"))}


def test_rescale_makes_every_text_larger_and_names_still_fit(view, qtbot):
    view.focus("FRA")
    before = _sizes(view)
    bigger = QFont(view.font())
    bigger.setPointSizeF(view.font().pointSizeF() + 4)
    view.rescale(bigger)
    qtbot.wait(30)
    after = _sizes(view)
    assert all(after[k] > before[k] + 2 for k in before), (before, after)
    assert after["table"] == bigger.pointSizeF()
    # the pillar rows (their own bold font) and the highlighted row follow too
    assert view.why_tree.topLevelItem(0).font(0).pointSizeF() == after["why"]
    assert view.model.bold_font.pointSizeF() == after["table"]
    _list_fits(view)  # every value whole, "Luxembourg" whole in the country column
    assert view.table.rowHeight(0) >= QFontMetrics(view.table.font()).height()


def test_larger_text_in_the_main_window_reaches_the_answer(qtbot, index, data_panel):
    win, ans = _answer_in_window(qtbot, index, data_panel)
    before = _sizes(ans)
    win.change_text_size(+1)
    win.change_text_size(+1)
    qtbot.wait(30)
    after = _sizes(ans)
    assert all(after[k] > before[k] for k in before), (before, after)
    _list_fits(ans)
    for box in (ans.method_box, ans.region_box):  # 'arithmetic', 'All regions' whole at the larger size
        assert len(box.currentText()) <= box.minimumContentsLength()
        assert box.width() >= QFontMetrics(box.font()).horizontalAdvance(box.currentText()) + 20
    win.change_text_size(None)
    assert _sizes(ans) == pytest.approx(before)


def test_column_names_say_what_they_hold(view):
    cols = [c.replace("\n", " ") for c in view.model.COLS]
    assert cols[3] == "Rank range (90%)" and cols[4] == "In top 10" and cols[6] == "Flags"
    assert view.why_tree.headerItem().text(3).replace("\n", " ") == "Adds to score"


def test_disagreement_shows_both_sources_on_the_0_100_scale(view):
    from explorer.scoring.explain import why
    # a country whose civil-liberty sources disagree (the engine decides, not the test)
    t = view.answer.table
    iso3 = t.loc[t["sources_disagree"].str.contains("Civil liberties"), "iso3"].iloc[0]
    view.focus(iso3)
    text = view.disagree.text()
    group = next(d for d in why(view.engine, view.answer.result, iso3)["disagreements"]
                 if d["group"].startswith("Civil liberties"))
    assert group["disagree"]
    line = next(ln for ln in text.split("<br>") if "Civil liberties" in ln and "disagree" in ln)
    for v in group["values"]:
        assert f"<b>{v['value']:.0f}</b>/100 (raw {v['raw_value']:g}, {v['year']})" in line
    assert f"gap {group['spread']:.0f} on the 0-100 scale" in line


def test_a_year_after_all_the_data_names_the_data_years(view):
    y = view.engine.year_range()[1]
    view.year_box.setValue(y)
    view.wait_for_robustness()
    t = view.answer.table
    lo, hi = int(t["oldest_year"].min()), int(t["newest_year"].max())
    if hi >= y:
        pytest.skip(f"the index has data for {y}")
    assert view.headline.text().startswith(f"In {y} (data from {lo}–{hi}), with equal weights")


def test_export_csv_writes_ranks_as_whole_numbers(view, tmp_path):
    import csv
    out = view.export(tmp_path / "answer.csv")
    lines = [ln for ln in out.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    rows = list(csv.DictReader(lines))
    ranked = [r for r in rows if r["status"] == "ranked"]
    assert ranked and all(re.fullmatch(r"\d+", r[c]) for r in ranked for c in ("rank", "rank_5pct", "rank_95pct"))
    assert [int(r["rank"]) for r in ranked] == view.answer.table["rank"].tolist()
    assert all(r["rank"] == "" for r in rows if r["status"] != "ranked")


def test_estimated_values_are_flagged_in_the_list_and_the_breakdown(view):
    row = next(r for r in view.model.rows if r["ranked"] and "Estimated:" in r["note"])
    assert "≈" in row["cells"][view.model.NOTE]
    view.focus(row["iso3"])
    raws = [view.why_tree.topLevelItem(i).child(j).text(4) for i in range(view.why_tree.topLevelItemCount())
            for j in range(view.why_tree.topLevelItem(i).childCount())]
    assert any(r.startswith("estimated (±") for r in raws)
    assert "What moves this rank" in view.loo_label.text() and "Best case" in view.loo_label.text()


def test_how_sound_is_this_shows_the_coherence_audit(view):
    view.centre.setCurrentWidget(view.soundness)
    text = view.soundness.text.toPlainText()
    assert "Cronbach" in text and "r with composite" in text and "Does thin data pay?" in text
    assert "What moves the ranks" in text


def test_estimation_can_be_switched_off_and_the_flags_go_with_it(view):
    ranked = {r["iso3"] for r in view.model.rows if r["ranked"]}
    view.advanced.setChecked(True)
    view.impute_box.setChecked(False)
    assert view.state.impute is False
    view.settle()
    assert not any("≈" in r["cells"][view.model.NOTE] for r in view.model.rows)
    assert {r["iso3"] for r in view.model.rows if r["ranked"]} == ranked  # estimates never decide who is ranked


def test_the_year_box_follows_the_year_set_from_outside(view):
    """The timeline and saved views set the answer's year: the control must say the same year."""
    target = view.year_box.value() - 1
    view.state.year = target
    assert view.year_box.value() == target
    view.settle()
    assert view.answer.year == target


# ---- the year's score on the job runner (issue 8: the timeline never stalls the Answer tab) -----

def test_a_new_year_says_computing_instead_of_showing_the_previous_years_numbers(view):
    old = view.answer.year
    view.state.year = old - 2
    assert view.computing and view.busy.isVisible()
    assert "computing" in view.busy.text().lower() and str(old - 2) in view.busy.text()
    assert str(old) not in view.headline.text()         # no headline of the year that was
    assert not any(t.updatesEnabled() for t in view.busy.targets)   # not repainted under the cover
    view.settle()
    assert not view.busy.isVisible() and view.answer.year == old - 2
    assert all(t.updatesEnabled() for t in view.busy.targets)       # ... and never left frozen
    assert view.headline.text().startswith(f"In {old - 2}")


def test_a_newer_year_supersedes_an_older_one_that_is_still_computing(view, qtbot):
    landed = []
    view.answer_changed.connect(lambda: landed.append(view.answer.year if view.answer else None))
    y = view.answer.year
    view.state.year = y - 3
    view.state.year = y - 1
    view.settle()
    qtbot.wait(50)
    assert landed == [y - 1]                             # the older year was never shown
    assert view.answer.year == y - 1 and view.answer.result.settings.year == y - 1


def test_a_years_robustness_never_lands_on_another_year(view, qtbot):
    y = view.answer.year
    view.state.year = y - 1
    view.settle()
    view._debounce.stop()
    view._start_robustness()                             # robustness of y - 1 on the worker
    view.state.year = y - 2                              # ... and the year moves on
    view.wait_for_robustness()
    qtbot.waitUntil(lambda: view.answer.robust is not None, timeout=20000)
    ans = view.answer
    assert ans.year == y - 2
    rob_rank = dict(zip(ans.robust.iso3, ans.robust.point_rank))
    assert all(rob_rank[c] == r for c, r in zip(ans.table["iso3"], ans.table["rank"]))


def test_while_the_timeline_plays_robustness_waits_and_runs_when_it_stops(view, qtbot):
    view.hold_robustness(True)
    view.state.year = view.answer.year - 1
    view.settle()
    qtbot.wait(200)                                      # longer than the robustness debounce
    assert view.answer.robust is None and not view._runner.running(view._channel)
    assert "when the timeline stops" in view.rob_label.text()
    assert view.model.rows[0]["cells"][3] == "…"         # no rank range of another year
    assert not view.err.isVisible()                      # nor bars of no width with ticks through the dots
    view.hold_robustness(False)
    view.wait_for_robustness()
    qtbot.waitUntil(lambda: view.answer.robust is not None, timeout=20000)
    view.settle()
    assert view.err.isVisible() and len(view.err.opts["x"]) == view._plot_n   # the ranges, once computed


def test_a_year_step_changes_the_list_in_place_without_a_model_reset(view):
    resets = []
    view.model.modelReset.connect(lambda: resets.append(1))
    view.table.scrollTo(view.model.index(40, 0))
    view.state.year = view.answer.year - 1
    view.settle()
    assert resets == []
    assert order(view) == view.answer.table["iso3"].tolist()
    assert view.model.rowCount() == len(view.answer.table) + len(view.answer.excluded)


def test_the_chart_keeps_its_size_while_the_years_step(view, qtbot):
    """A student follows the dots, not a plot that jumps: over the year steps the plot only
    narrows when a longer name arrives and only shortens when a longer headline or note does,
    never back and forth (each jump redrew the whole chart, rank axis and grid included, at
    every year of a playing timeline, and showed 18 countries one year and 20 the next)."""
    vb = view.plot.getPlotItem().getViewBox()
    sizes = []
    # up to the last year: with notes (a pillar's data missing), without, and with again
    for y in range(view.answer.year - 6, view.year_box.maximum() + 1):
        view.state.year = y
        view.settle()
        qtbot.wait(20)
        sizes.append((vb.width(), vb.height()))
    assert all(b[0] <= a[0] for a, b in zip(sizes, sizes[1:])), sizes   # the names' axis only widens
    assert all(b[1] <= a[1] for a, b in zip(sizes, sizes[1:])), sizes   # notes keep their line
