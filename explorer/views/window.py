"""What the window needs before it can show anything, prepared on the job runner (Qt-free): the
Panel, the explore data with the first view's cards warmed, and the charts' data."""

from __future__ import annotations


def load_window_data(index_path=None, progress=None, cancel=None):
    """(panel, explore data, chart data, first view) for ``MainWindow.set_data``."""
    from ..data.panel import Panel
    from .charts import WORLD, ChartData
    from .explore import ExploreData
    panel = Panel.load(index_path)
    data = ExploreData(panel)
    view = data.warm()  # the first view's cards, list and editions
    charts = ChartData(panel)
    ind = view["indicator"]
    charts.median_arrays(ind, WORLD)  # the first chart's medians, off the UI thread
    region = panel.region(view["focused"])
    if region:
        charts.median_arrays(ind, region)
    return panel, data, charts, view
