"""The five charts of the main window, as tabs bound to one ExplorerState.

    panel = ChartsPanel(index, state)
    panel.current_chart()           # the visible chart (a Chart)
    panel.export_image("x.png")     # or .svg
    panel.export_csv("x.csv")       # plotted data with a citation line

Each chart's ``plotted()`` returns the data it draws (tests assert on it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTabWidget, QWidget

from ...state import ExplorerState
from ...views.charts import ChartData
from .base import Chart
from .bubble import BubbleChart
from .map import MapChart
from .profile import ProfileChart
from .ranking import RankingChart
from .scatter import ScatterChart
from .timeseries import TimeSeriesChart

__all__ = ["ChartsPanel", "Chart", "TimeSeriesChart", "RankingChart", "ScatterChart", "ProfileChart",
           "MapChart", "BubbleChart"]


class ChartsPanel(QTabWidget):
    """Tabs "Over time", "Ranking", "Compare two", "Profile", "Map", "Bubbles"."""

    TABS = (("Over time", TimeSeriesChart), ("Ranking", RankingChart),
            ("Compare two", ScatterChart), ("Profile", ProfileChart),
            ("Map", MapChart), ("Bubbles", BubbleChart))

    def __init__(self, data: ChartData, state: ExplorerState, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data if isinstance(data, ChartData) else ChartData(data)  # data: ChartData or a Panel
        self.state = state
        self.charts: dict[str, Chart] = {}
        for label, cls in self.TABS:
            chart = cls(self.data, state, self)
            chart.setObjectName(cls.__name__)
            self.charts[label] = chart
            self.addTab(chart, label)
        self.setDocumentMode(True)

    @property
    def timeseries(self) -> TimeSeriesChart:
        return self.charts["Over time"]

    @property
    def ranking(self) -> RankingChart:
        return self.charts["Ranking"]

    @property
    def scatter(self) -> ScatterChart:
        return self.charts["Compare two"]

    @property
    def profile(self) -> ProfileChart:
        return self.charts["Profile"]

    @property
    def map(self) -> MapChart:
        return self.charts["Map"]

    @property
    def bubbles(self) -> BubbleChart:
        return self.charts["Bubbles"]

    def current_chart(self) -> Chart:
        return self.currentWidget()

    def export_image(self, path: Path | str) -> Path:
        """The current chart as PNG or SVG, by the path's suffix."""
        return self.current_chart().export_image(path)

    def export_csv(self, path: Path | str) -> Path:
        """The current chart's plotted data as CSV, with a citation line."""
        return self.current_chart().export_csv(path)
