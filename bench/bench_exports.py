"""Speed of the advocates' exports: a country brief with three peers (content + PDF), and a
16:9 slide PNG of a chart (a fresh chart drawn at 1920x1080, caption, PNG encoding)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_ms as _median_ms  # noqa: E402  (the benches' one timing helper)


def main() -> None:
    from explorer.data.panel import Panel
    from explorer.state import ExplorerState
    from explorer.ui.charts import MapChart, RankingChart, TimeSeriesChart
    from explorer.ui.exports.country_brief import render_pdf
    from explorer.ui.exports.slides import ensure_app, render_state
    from explorer.ui.exports.country_brief import brief_for as country_brief
    from explorer.views.charts import ChartData

    ensure_app()
    panel = Panel.load()
    data = ChartData(panel)
    data.warm()  # the window warms these caches on start-up
    st = ExplorerState()
    st.update_from_dict({"indicator": "fotn_total", "year": 2023, "selected": ["CHN", "DEU", "USA", "IND"],
                         "focused": "CHN"})
    for cls in (RankingChart, TimeSeriesChart, MapChart):
        render_state(cls, data, st, ".png")  # first draw: fonts, pyqtgraph items
        ms = _median_ms(lambda: render_state(cls, data, st, ".png"), 5)
        print(f"slide PNG 1920x1080, {cls.__name__}: {ms:.0f} ms median (goal <= 300 ms)")
    from explorer.scoring.composite import Engine
    engine = Engine(panel)
    country_brief(panel, "CHN", ["DEU", "USA", "IND"], 2024, engine=engine)  # warm: the composite's cube

    def brief():
        render_pdf(country_brief(panel, "CHN", ["DEU", "USA", "IND"], 2024, engine=engine))
    ms = _median_ms(brief, 3)
    print(f"country brief, China + 3 peers (composite with 1,000 draws, tables, PDF): {ms:.0f} ms median "
          "(goal <= 1000 ms)")
    t0 = time.perf_counter()
    render_pdf(country_brief(panel, "CHN", ["DEU", "USA", "IND"], 2024))
    print(f"  the same from a fresh engine (what `explorer brief` pays): {(time.perf_counter() - t0) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
