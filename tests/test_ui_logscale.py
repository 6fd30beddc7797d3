"""Log scale for heavy-tailed counts (CCTV cameras, #KeepItOn shutdowns): the ranking, the
time series, the scatter and the bubbles take it when asked, a 0-100 indicator never does
(the box is disabled), zeros stay on a "0" tick, and the cited export and `explorer chart
--log` say "log scale"."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from explorer.state import ExplorerState  # noqa: E402
from explorer.ui.charts import ChartsPanel  # noqa: E402
from explorer.ui.charts import logscale  # noqa: E402

CCTV, SHUTDOWNS, BOUNDED = "comparitech_cctv", "keepiton_shutdowns", "fotn_total"


@pytest.fixture
def charts(qtbot, data_panel):
    st = ExplorerState(indicator=CCTV, year=2025, selected=["CHN", "DEU", "USA", "IND"], focused="CHN")
    p = ChartsPanel(data_panel, st)
    qtbot.addWidget(p)
    p.resize(1400, 900)
    p.show()
    qtbot.waitExposed(p)
    return p


def _show(panel, chart):
    panel.setCurrentWidget(chart)
    chart.flush()
    return chart


def _tick_labels(axis) -> list[str]:
    return [t for level in (axis._tickLevels or []) for _, t in level]


def test_the_catalogue_marks_counts_as_heavy_tailed_and_scores_not(data_panel):
    from explorer.views.charts import ChartData
    d = ChartData(data_panel)
    assert logscale.heavy_tailed(d.info(CCTV)) and logscale.heavy_tailed(d.info(SHUTDOWNS))
    assert not logscale.heavy_tailed(d.info(BOUNDED)) and not logscale.heavy_tailed(d.info("rsf_score"))


def test_zero_sits_on_the_zero_tick_and_steps_are_ratios():
    assert logscale.fwd([0.0, 9.0, 99.0]).tolist() == pytest.approx([0.0, 1.0, 2.0])
    assert np.isnan(logscale.fwd([np.nan]))[0]  # a gap stays a gap
    vals = logscale.tick_values(494)
    assert vals[0] == 0 and 100 in vals and max(vals) <= 494 * 1.05 and len(vals) <= 9


def test_ranking_bars_go_on_a_log_axis_when_toggled(charts, data_panel):
    r = _show(charts, charts.ranking)
    raw = r.plotted()["raw_value"].to_numpy(dtype=float)
    assert r.logscale.box.isEnabled()
    before = np.asarray(r.bars.opts["y1"], dtype=float)
    assert before == pytest.approx(raw)
    r.logscale.box.setChecked(True)
    after = np.asarray(r.bars.opts["y1"], dtype=float)
    assert after == pytest.approx(np.log10(1 + raw))
    labels = _tick_labels(r.plot.getAxis("left"))
    assert "0" in labels and "100" in labels
    assert r._axis_text["left"].endswith("log scale")
    assert "log10(1 + value)" in r.note.text()
    r.logscale.box.setChecked(False)
    assert np.asarray(r.bars.opts["y1"], dtype=float) == pytest.approx(raw)
    assert r.plot.getAxis("left")._tickLevels is None


def test_a_0_100_indicator_has_the_box_disabled_and_stays_linear(charts):
    r = _show(charts, charts.ranking)
    r.logscale.box.setChecked(True)
    charts.state.update_from_dict({"indicator": BOUNDED, "year": 2024})
    r.flush()
    assert not r.logscale.box.isEnabled() and not r._log_on
    raw = r.plotted()["raw_value"].to_numpy(dtype=float)
    assert np.asarray(r.bars.opts["y1"], dtype=float) == pytest.approx(raw)
    assert "log" not in r._axis_text["left"] and r.plot.getAxis("left")._tickLevels is None


def test_time_series_keeps_zero_counts_on_the_log_axis(charts):
    charts.state.update_from_dict({"indicator": SHUTDOWNS, "year": 2024})
    ts = _show(charts, charts.timeseries)
    ts.logscale.box.setChecked(True)
    x, y = ts._curves["CHN"].getData()
    raw = ts.data.series(SHUTDOWNS, "CHN")[1]
    assert np.nanmin(y) == 0.0 and np.isfinite(y).sum() == np.isfinite(raw).sum()  # zeros kept, not dropped
    assert np.nanmax(y) == pytest.approx(np.log10(1 + np.nanmax(raw)))
    assert "0" in _tick_labels(ts.plot.getAxis("left"))


def test_scatter_logs_only_the_heavy_tailed_axis(charts):
    charts.state.update_from_dict({"indicator": SHUTDOWNS, "indicator_y": BOUNDED, "year": 2024})
    sc = _show(charts, charts.scatter)
    sc.logscale.box.setChecked(True)
    df = sc._df
    assert df["px"].to_numpy() == pytest.approx(np.log10(1 + df["x"].to_numpy()))
    assert df["py"].to_numpy() == pytest.approx(df["y"].to_numpy())
    assert sc._axis_text["bottom"].endswith("log scale") and "log scale" not in sc._axis_text["left"]


def test_bubble_axes_take_the_log_scale(charts):
    charts.state.update_from_dict({"indicator": SHUTDOWNS, "indicator_y": BOUNDED, "year": 2023})
    b = _show(charts, charts.bubbles)
    b.logscale.box.setChecked(True)
    assert b._log_xy == (True, False)
    assert "0" in _tick_labels(b.plot.getAxis("bottom"))


def test_the_cited_export_says_log_scale(charts, tmp_path):
    from explorer.ui.exports.slides import chart_caption
    r = _show(charts, charts.ranking)
    r.logscale.box.setChecked(True)
    cap = chart_caption(r)
    assert cap.title.endswith("(log scale)") and any("log10(1 + value)" in f for f in cap.footnotes)
    svg = r.export_image(tmp_path / "r.svg").read_text(encoding="utf-8")
    assert "(log scale)" in svg
    r.logscale.box.setChecked(False)
    assert "log scale" not in chart_caption(r).title


def test_cli_chart_log_writes_the_log_scale_and_refuses_a_bounded_indicator(tmp_path, capsys):
    from explorer.cli import main
    out = tmp_path / "cctv.svg"
    assert main(["chart", "ranking", "--indicator", CCTV, "--countries", "CHN,DEU", "--year", "2025",
                 "--log", "--slide", "--out", str(out)]) == 0
    assert "(log scale)" in out.read_text(encoding="utf-8")
    assert main(["chart", "ranking", "--indicator", BOUNDED, "--year", "2024", "--log",
                 "--out", str(tmp_path / "f.png")]) == 2
    assert "not a heavy-tailed count" in capsys.readouterr().err and not (tmp_path / "f.png").exists()
