"""The toolbar: the charted indicator (grouped by pillar), the year, "Latest year", and the second
indicator of "Compare two", bound both ways to the ExplorerState."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPushButton, QSpinBox, QToolBar

AUTO = ""  # the second indicator chosen automatically


class IndicatorToolbar(QToolBar):
    def __init__(self, data, panel, state, parent=None):
        super().__init__("Indicator and year", parent)
        self.data, self.panel, self.state = data, panel, state
        self.setObjectName("indicator_toolbar")
        self.layout().setSpacing(8)
        self.setContentsMargins(4, 4, 4, 4)
        self.setMovable(False)
        self.indicator_combo = self._indicator_combo()
        self.indicator_y_combo = self._indicator_combo(auto="(automatic)")
        self.year_spin = QSpinBox()
        self.year_spin.setAccessibleName("Year")
        self.fit_year_box()
        latest = QPushButton("Latest year")
        latest.setToolTip("Jump to the latest year with data for this indicator")
        self.addWidget(QLabel(" Indicator: "))
        self.addWidget(self.indicator_combo)
        self.addSeparator()
        self.addWidget(QLabel(" Year: "))
        self.addWidget(self.year_spin)
        self.addWidget(latest)
        self.addSeparator()
        self.addWidget(QLabel(" Second (Compare two): "))
        self.addWidget(self.indicator_y_combo)
        self.indicator_combo.currentIndexChanged.connect(
            lambda _: self.state.set_indicator(self.indicator_combo.currentData() or self.state.indicator))
        self.indicator_y_combo.currentIndexChanged.connect(
            lambda _: self.state.set_indicator_y(self.indicator_y_combo.currentData() or AUTO))
        self.year_spin.valueChanged.connect(lambda y: self.state.set_year(int(y)))
        latest.clicked.connect(self.latest_year)

    def fit_year_box(self) -> None:
        """Four digits whatever the text size."""
        self.year_spin.setMinimumWidth(self.year_spin.fontMetrics().horizontalAdvance("20000") + 40)

    def _indicator_combo(self, auto: str | None = None) -> QComboBox:
        """Indicators grouped under their pillar's name (headers cannot be chosen)."""
        combo = QComboBox()
        combo.setAccessibleName("Indicator")
        model = QStandardItemModel(combo)
        if auto:
            it = QStandardItem(auto)
            it.setData(AUTO, Qt.UserRole)
            model.appendRow(it)
        bold = QFont(QApplication.font())
        bold.setBold(True)
        for title, items in self.data.indicator_groups():
            head = QStandardItem(title)
            head.setFlags(Qt.ItemIsEnabled)
            head.setFont(bold)
            model.appendRow(head)
            for ind_id, label in items:
                it = QStandardItem("    " + label)
                it.setData(ind_id, Qt.UserRole)
                it.setToolTip(self.data.indicator(ind_id).get("name", ""))
                model.appendRow(it)
        combo.setModel(model)
        combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(22)
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 30)
        return combo

    def sync(self, field: str) -> None:
        """State -> toolbar, without echoing back."""
        st = self.state
        if field in ("indicator", "year"):
            # The year box spans every year of the index and the year never moves by itself when
            # the indicator changes: a view without data for the year says so and offers the
            # nearest year (explorer.data.rules).
            years = self.panel.all_years()
            self.year_spin.blockSignals(True)
            if years:
                self.year_spin.setRange(years[0], years[-1])
            if st.year is not None:
                self.year_spin.setValue(st.year)
            self.year_spin.blockSignals(False)
            _select(self.indicator_combo, st.indicator)
        if field == "indicator_y":
            _select(self.indicator_y_combo, st.indicator_y)

    def latest_year(self) -> None:
        years = self.data.years(self.state.indicator)
        if years:
            self.state.set_year(years[-1])


def _select(combo: QComboBox, value: str) -> None:
    i = combo.findData(value)
    if i >= 0 and i != combo.currentIndex():
        combo.blockSignals(True)
        combo.setCurrentIndex(i)
        combo.blockSignals(False)
