"""The six charts of the main window, as tabs bound to one ExplorerState.

    panel = ChartsPanel(index, state)
    panel.current_chart()           # the visible chart (a Chart)
    panel.export_image("x.png")     # or .svg
    panel.export_csv("x.csv")       # plotted data with a citation line

Each chart's ``plotted()`` returns the data it draws (tests assert on it).

A tab's chart is built when the tab is first shown or its chart first asked for: the window
paints its first chart without importing the other five (nor pandas, which they plot from).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtWidgets import QApplication, QTabWidget, QVBoxLayout, QWidget

from ..widgets.chrome import size_by_current_page

from ...state import ExplorerState
from ...views.charts import ChartData

# label, module, class: the order of the tabs (and of Ctrl+1..6)
TABS = (("Over time", "timeseries", "TimeSeriesChart"), ("Ranking", "ranking", "RankingChart"),
        ("Compare two", "scatter", "ScatterChart"), ("Profile", "profile", "ProfileChart"),
        ("Map", "map", "MapChart"), ("Bubbles", "bubble", "BubbleChart"))
_CLASSES = {cls: mod for _, mod, cls in TABS} | {"Chart": "base"}

__all__ = ["ChartsPanel", *_CLASSES]


def __getattr__(name: str):  # noqa: N807 - `from explorer.ui.charts import MapChart` imports its module only
    mod = _CLASSES.get(name)
    if mod is None:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"{__name__}.{mod}"), name)


class _Charts(Mapping):
    """label -> Chart, building a chart the first time it is asked for."""

    def __init__(self, panel: "ChartsPanel"):
        self._panel = panel
        self._built: dict = {}

    def __getitem__(self, label: str):
        chart = self._built.get(label)
        if chart is None:
            chart = self._built[label] = self._panel._build(label)
        return chart

    def __iter__(self):
        return iter(label for label, _, _ in TABS)

    def __len__(self) -> int:
        return len(TABS)

    def built(self) -> list:
        """The charts made so far (what a text-size change or a theme must reach)."""
        return list(self._built.values())


class ChartsPanel(QTabWidget):
    """Tabs "Over time", "Ranking", "Compare two", "Profile", "Map", "Bubbles"."""

    def __init__(self, data: ChartData, state: ExplorerState, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data if isinstance(data, ChartData) else ChartData(data)  # data: ChartData or a Panel
        self.state = state
        self._slots: dict[str, QWidget] = {}
        for label, _, _ in TABS:
            slot = QWidget()
            lay = QVBoxLayout(slot)
            lay.setContentsMargins(0, 0, 0, 0)
            self._slots[label] = slot
            self.addTab(slot, label)
        self.charts = _Charts(self)
        self.setDocumentMode(True)
        self.currentChanged.connect(lambda i: self.charts[self.tabText(i)] if i >= 0 else None)
        size_by_current_page(self)  # the profile's height, say, does not bind the map's tab
        self.charts[self.tabText(self.currentIndex())]

    def _build(self, label: str):
        mod, cls = next((m, c) for lab, m, c in TABS if lab == label)
        chart_cls = getattr(importlib.import_module(f"{__package__}.{mod}"), cls)
        chart = chart_cls(self.data, self.state, self._slots[label])
        chart.setObjectName(cls)
        base = QApplication.font()
        if hasattr(chart, "rescale"):
            chart.rescale(base)  # a chart made after "Larger text" starts at that size
        self._slots[label].layout().addWidget(chart)
        chart.show()  # now, not on the layout's queued show: the chart draws as its tab opens
        return chart

    def _tab_of(self, widget: QWidget) -> QWidget:
        """A chart's tab is the slot holding it."""
        return widget.parentWidget() if widget is not None and widget.parentWidget() in self._slots.values() \
            else widget

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt name)
        super().setCurrentWidget(self._tab_of(widget))

    def indexOf(self, widget: QWidget) -> int:  # noqa: N802 (Qt name)
        return super().indexOf(self._tab_of(widget))

    @property
    def timeseries(self):
        return self.charts["Over time"]

    @property
    def ranking(self):
        return self.charts["Ranking"]

    @property
    def scatter(self):
        return self.charts["Compare two"]

    @property
    def profile(self):
        return self.charts["Profile"]

    @property
    def map(self):
        return self.charts["Map"]

    @property
    def bubbles(self):
        return self.charts["Bubbles"]

    def current_chart(self):
        return self.charts[self.tabText(self.currentIndex())]

    def export_image(self, path: Path | str) -> Path:
        """The current chart as PNG or SVG, by the path's suffix."""
        return self.current_chart().export_image(path)

    def export_csv(self, path: Path | str) -> Path:
        """The current chart's plotted data as CSV, with a citation line."""
        return self.current_chart().export_csv(path)
