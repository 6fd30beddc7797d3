"""Re-sort transitions (issue 8): when the year changes, the ranking bars and the Answer chart
move each country from its old place to its new one, so a student can follow it; the last
frame is exactly the new ranking. Transitions are off in the other tests (conftest)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from explorer.state import ExplorerState  # noqa: E402
from explorer.ui import transition  # noqa: E402
from explorer.ui.charts import ChartsPanel  # noqa: E402

MS = 400


@pytest.fixture
def slow(monkeypatch):
    monkeypatch.setenv("EXPLORER_TRANSITION_MS", str(MS))


def _two_years(data_panel, ind):
    """Two consecutive years of ``ind`` whose rankings differ (the index decides)."""
    years = sorted(data_panel.years(ind))
    for a, b in zip(years[-2::-1], years[::-1]):
        if b == a + 1:
            return a, b
    pytest.skip(f"{ind} has no two consecutive years")


def _shown_ranking(qtbot, data_panel):
    """A charts panel on the ranking of FIW's first of two consecutive years."""
    ind = "fiw_total"
    a, b = _two_years(data_panel, ind)
    st = ExplorerState(indicator=ind, year=a)
    p = ChartsPanel(data_panel, st)
    qtbot.addWidget(p)
    p.resize(1200, 800)
    p.show()
    p.setCurrentWidget(p.ranking)
    qtbot.waitExposed(p)
    return p, st, a, b


@pytest.fixture
def ranking(qtbot, data_panel, slow):
    p, st, a, b = _shown_ranking(qtbot, data_panel)
    p.ranking.resort.finish()
    yield p.ranking, st, a, b
    p.close()   # the panel lives as long as the test


def _bar_x(chart) -> dict[str, float]:
    x = np.asarray(chart.bars.opts["x"], float)
    return dict(zip(chart._ranking["iso3"], x))


def test_ranking_bars_move_between_the_old_and_new_ranks_and_end_sorted(ranking, qtbot):
    chart, st, a, b = ranking
    old = _bar_x(chart)
    st.year = b
    assert chart.resort.running
    new_rank = {c: float(i + 1) for i, c in enumerate(chart._ranking["iso3"])}
    movers = [c for c in new_rank if c in old and old[c] != new_rank[c]]
    assert movers, "the two years rank the same: nothing to see move"
    chart.resort.anim.setCurrentTime(MS // 2)                # half way (a loaded machine may not wait)
    mid = _bar_x(chart)
    for c in movers:
        lo, hi = sorted((old[c], new_rank[c]))
        assert lo <= mid[c] <= hi
    assert any(lo < mid[c] < hi for c in movers for lo, hi in [sorted((old[c], new_rank[c]))])  # under way
    qtbot.waitUntil(lambda: not chart.resort.running, timeout=3 * MS)
    assert _bar_x(chart) == new_rank                          # exactly the new ranking
    assert chart.plotted()["iso3"].tolist() == chart._ranking["iso3"].tolist()


def test_no_transition_when_steps_come_faster_than_it_runs(ranking, qtbot):
    chart, st, a, b = ranking
    st.year = b
    st.year = a                                              # at once: a key held down
    assert not chart.resort.running
    assert _bar_x(chart) == {c: float(i + 1) for i, c in enumerate(chart._ranking["iso3"])}


def test_no_transition_for_a_chart_off_screen(qtbot, data_panel, slow):
    p, st, a, b = _shown_ranking(qtbot, data_panel)
    p.setCurrentWidget(p.timeseries)                         # the ranking is hidden
    qtbot.wait(MS)
    st.year = b
    p.setCurrentWidget(p.ranking)                            # shown later: drawn at once
    assert not p.ranking.resort.running


def test_the_duration_setting_turns_transitions_off(monkeypatch):
    monkeypatch.setenv("EXPLORER_TRANSITION_MS", "0")
    assert transition.duration_ms() == 0
    monkeypatch.setenv("EXPLORER_TRANSITION_MS", "fast")
    assert transition.duration_ms() == transition.DEFAULT_MS  # a bad value is not a crash


def _settled_answer(qtbot, data_panel):
    """A shown Answer view, its first ranking drawn and still (robustness held back)."""
    from explorer.ui.answer.view import AnswerView
    v = AnswerView(data_panel, explorer_state=ExplorerState())
    qtbot.addWidget(v)
    v.resize(1400, 900)
    v.show()
    v.hold_robustness(True)
    v.settle()
    qtbot.waitUntil(lambda: not v.resort.running, timeout=3 * MS)
    return v


def test_the_answer_chart_moves_countries_to_their_new_places(qtbot, data_panel, slow):
    v = _settled_answer(qtbot, data_panel)
    before = dict(zip(v._frame_data["iso3"], v._frame_data["rank"]))
    v.state.year = v.answer.year - 1
    v.settle()
    assert v.resort.running
    d = v._frame_data
    v.resort.anim.setCurrentTime(MS // 2)
    x = np.asarray(v.dots.data["x"], float)
    for c, xi, r in zip(d["iso3"], x, d["rank"]):
        if c in before:
            lo, hi = sorted((before[c], r))
            assert lo - 1e-9 <= xi <= hi + 1e-9
    qtbot.waitUntil(lambda: not v.resort.running, timeout=3 * MS)
    assert np.asarray(v.dots.data["x"], float).tolist() == v.answer.table["rank"].head(len(x)).astype(float).tolist()
    ticks = v.plot.getPlotItem().getAxis("left")._tickLevels[0]
    assert [t for _, t in ticks] == [f"{r} {c}" for r, c in zip(v.answer.table["rank"].head(len(x)),
                                                                 v.answer.table["country"].head(len(x)))]
    assert [y for y, _ in ticks] == list(range(len(x)))


def test_an_export_during_a_transition_shows_the_new_ranking_not_a_frame_of_it(ranking, qtbot, tmp_path):
    """File > Export chart (and the clipboard copy) while the bars are still moving: the picture
    is the year's ranking, as it is once they settle."""
    chart, st, a, b = ranking
    st.year = b
    chart.resort.anim.setCurrentTime(MS // 2)                # half way
    assert chart.resort.running
    chart.export_image(tmp_path / "mid.png", scale=1.0)
    new_rank = {c: float(i + 1) for i, c in enumerate(chart._ranking["iso3"])}
    assert not chart.resort.running and _bar_x(chart) == new_rank
    chart.export_image(tmp_path / "settled.png", scale=1.0)
    assert (tmp_path / "mid.png").read_bytes() == (tmp_path / "settled.png").read_bytes()


def test_the_answers_image_during_a_transition_shows_the_new_ranks(qtbot, data_panel, slow):
    v = _settled_answer(qtbot, data_panel)
    v.state.year = v.answer.year - 1
    v.settle()
    v.resort.anim.setCurrentTime(MS // 2)
    assert v.resort.running
    v.image(scale=1.0)
    x = np.asarray(v.dots.data["x"], float)
    assert not v.resort.running
    assert x.tolist() == v.answer.table["rank"].head(len(x)).astype(float).tolist()
