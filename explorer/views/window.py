"""What the window needs before it can show anything, prepared on the job runner (Qt-free): the
Panel, the explore data with the first view's cards warmed, and the charts' data."""

from __future__ import annotations


def load_window_data(index_path=None, progress=None, cancel=None):
    """(panel, explore data, chart data, first view) for ``MainWindow.set_data``."""
    from ..data.panel import Panel
    from .charts import ChartData
    from .explore import ExploreData
    panel = Panel.load(index_path)
    data = ExploreData(panel)
    view = data.warm()  # the first view's cards, list and editions
    charts = ChartData(panel)
    charts.frame(view["indicator"])  # the first chart's frame and medians, off the UI thread
    charts.medians(view["indicator"])
    return panel, data, charts, view
