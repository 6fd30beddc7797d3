"""What `explorer chart` draws, headless: the same chart classes and slide path as the window
(ui/exports/slides.py), the peer table (ui/peers.py) and the Answer chart (ui/exports/answer_image.py)."""

from __future__ import annotations

from pathlib import Path

from ..atomic import atomic_write_bytes, atomic_write_text, verify_png, verify_svg
from ..errors import ExplorerError
from ..state import ExplorerState
from ..views.charts import ChartData
from .exports.slides import SLIDE, chart_csv, ensure_app, render_state, slide_chart


def chart_classes() -> dict:
    from .charts import MapChart, ProfileChart, RankingChart, ScatterChart, TimeSeriesChart
    from .charts import BubbleChart
    return {"timeseries": TimeSeriesChart, "ranking": RankingChart, "scatter": ScatterChart,
            "profile": ProfileChart, "map": MapChart, "bubbles": BubbleChart}


def view_state(indicator="", indicator_y="", countries=(), focus=None, year=None) -> ExplorerState:
    st = ExplorerState()
    st.update_from_dict({"indicator": indicator, "indicator_y": indicator_y, "selected": list(countries),
                         "focused": focus, "year": year}, strict=True)
    return st


def write_view(panel, view: str, out: Path, *, indicator="", indicator_y="", countries=(), focus=None,
               year=None, size=SLIDE, scale=1.0, log=False) -> Path:
    ensure_app()
    out = Path(out)
    kind = out.suffix.lower()
    st = view_state(indicator, indicator_y, countries, focus, year)
    if view == "peers":
        from .peers import write_peers
        return write_peers(panel, st, out, size=size, scale=scale)
    if view == "answer":
        from .exports.answer_image import write_answer
        return write_answer(panel, st, out, size=size, scale=scale)
    cls = chart_classes().get(view)
    if cls is None:
        raise ExplorerError(f"unknown view {view!r}")
    data = ChartData(panel)
    if kind == ".csv":
        chart, _, _ = slide_chart(cls, data, st, size, log=log)
        return atomic_write_text(out, chart_csv(chart))
    data_bytes = render_state(cls, data, st, kind, size=size, scale=scale, log=log)
    return atomic_write_bytes(out, data_bytes, verify=verify_png if kind == ".png" else verify_svg)
