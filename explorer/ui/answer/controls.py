"""The Answer view's settings panel: year, window, region, weight presets, mean, pillar weight
sliders, robustness progress and the Advanced box (indicator weights, coverage rule), kept in
step with the view's AnswerState."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox, QLabel,
                               QProgressBar, QPushButton, QScrollArea, QSlider, QSpinBox, QVBoxLayout, QWidget)

from ...catalogue import PILLAR_IDS, PILLARS
from ...scoring import defaults as D
from .why import PILLAR_NAME

SLIDER_STEPS = 10        # slider units per weight unit: 0..40 -> weight 0..4.0
SLIDER_MAX = 40


class SettingsControls:
    """Mixin for AnswerView: builds the controls on the view (``self.year_box``, ``self.sliders``, ...)
    and writes every change into ``self.state``; ``_sync_controls`` shows the state back."""

    def _controls(self) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        self.form = form = QFormLayout()
        lo, hi = self.engine.year_range()
        self.year_box = QSpinBox(minimum=lo, maximum=hi, value=self.state.year)
        self.year_box.valueChanged.connect(self.state.set_year)
        form.addRow("Year", self.year_box)
        self.window_box = QSpinBox(minimum=0, maximum=15, value=self.state.window, suffix=" years back")
        self.window_box.setToolTip("Use each indicator's latest value up to this many years before the year "
                                   "(0 = same year only); never a later year.")
        self.window_box.valueChanged.connect(self.state.set_window)
        form.addRow("Window", self.window_box)
        self.region_box = QComboBox()
        self.region_box.addItem("All regions", None)
        for r in self.engine.region_names():
            self.region_box.addItem(r, r)
        self.region_box.currentIndexChanged.connect(lambda i: self.state.set_region(self.region_box.itemData(i)))
        form.addRow("Region", self.region_box)
        self.preset_box = QComboBox()
        for name in D.PRESETS:
            self.preset_box.addItem(name, name)
        self.preset_box.addItem("custom", None)
        self.preset_box.activated.connect(self._preset_picked)
        form.addRow("Weights", self.preset_box)
        self.method_box = QComboBox()
        self.method_box.addItem("arithmetic", "arithmetic")   # the row is labelled 'Mean'
        self.method_box.addItem("geometric", "geometric")
        self.method_box.setToolTip("Geometric mean: one very bad pillar cannot be averaged away by good ones.")
        self.method_box.currentIndexChanged.connect(lambda i: self.state.set_method(self.method_box.itemData(i)))
        form.addRow("Mean", self.method_box)
        for b in (self.region_box, self.preset_box, self.method_box):
            # 'All regions', 'arithmetic' whole; longer region and preset names are elided, whole in the tooltip
            b.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            b.setMinimumContentsLength(11)
        for b in (self.region_box, self.preset_box):
            b.currentTextChanged.connect(b.setToolTip)
            b.setToolTip(b.currentText())
        lay.addLayout(form)

        sliders = QGroupBox("Pillar weights")
        grid = QGridLayout(sliders)
        self.sliders: dict[str, QSlider] = {}
        self.slider_labels: dict[str, QLabel] = {}
        for row, (pid, name, desc) in enumerate(PILLARS):
            lab = QLabel(name, wordWrap=True, toolTip=desc)
            s = QSlider(Qt.Horizontal, minimum=0, maximum=SLIDER_MAX, singleStep=1, pageStep=5)
            s.setAccessibleName(f"weight of {name}")
            s.setValue(int(round(self.state.pillar_weights[pid] * SLIDER_STEPS)))
            val = QLabel()
            val.setMinimumWidth(34)
            s.valueChanged.connect(lambda v, p=pid: self._slider_moved(p, v))
            grid.addWidget(lab, 2 * row, 0, 1, 2)
            grid.addWidget(s, 2 * row + 1, 0)
            grid.addWidget(val, 2 * row + 1, 1)
            self.sliders[pid], self.slider_labels[pid] = s, val
        lay.addWidget(sliders)

        self.progress = QProgressBar(minimum=0, maximum=1, textVisible=False)
        self.progress.setMaximumHeight(10)
        self.rob_label = QLabel(wordWrap=True)
        lay.addWidget(self.progress)
        lay.addWidget(self.rob_label)

        self.advanced = QGroupBox("Advanced", checkable=True, checked=False)
        self.advanced.setToolTip("Advanced settings: per-indicator weights and the coverage rule")
        adv = QVBoxLayout(self.advanced)
        self.adv_body = QWidget()
        adv.addWidget(self.adv_body)
        self.advanced.toggled.connect(self.adv_body.setVisible)
        self.adv_body.setVisible(False)
        self.adv_form = body = QFormLayout(self.adv_body)
        self.min_pillars_box = QSpinBox(minimum=1, maximum=5, value=self.state.min_pillars, suffix=" of 5 pillars")
        self.min_share_box = QSpinBox(minimum=0, maximum=100, value=int(round(self.state.min_share * 100)),
                                      suffix=" % of indicators")
        for b in (self.min_pillars_box, self.min_share_box):
            b.valueChanged.connect(lambda _: self.state.set_coverage(self.min_pillars_box.value(),
                                                                     self.min_share_box.value() / 100))
        body.addRow("Rank only with", self.min_pillars_box)
        body.addRow("and", self.min_share_box)
        self.impute_box = QCheckBox("Estimate missing values (marked ≈)", checked=self.state.impute)
        self.impute_box.setToolTip("A ranked country's missing values are estimated from its other values (EM); "
                                   "off: each pillar is the mean of the values the country has. See the method, 5b.")
        self.impute_box.toggled.connect(self.state.set_impute)
        body.addRow(self.impute_box)
        self.ind_boxes: dict[str, QDoubleSpinBox] = {}
        meta = self.engine.meta
        for pid in PILLAR_IDS:
            body.addRow(QLabel(f"<b>{PILLAR_NAME[pid]}</b>"))
            for ind in meta.index[meta["pillar"] == pid]:
                sb = QDoubleSpinBox(minimum=0, maximum=5, singleStep=0.5, decimals=1)
                sb.setValue(self.state.indicator_weights.get(ind, 0.0))
                sb.setToolTip(f"{ind}: weight inside its pillar; 0 = not used")
                sb.valueChanged.connect(lambda v, i=ind: self.state.set_indicator_weight(i, v))
                self.ind_boxes[ind] = sb
                body.addRow(QLabel(str(meta.at[ind, "short"]), toolTip=str(meta.at[ind, "name"])), sb)
                if ind in D.LATER_SNAPSHOT_OK:
                    cb = QCheckBox(f"allow its later snapshot ({self._span(ind)}), marked 'later'")
                    cb.toggled.connect(lambda on, i=ind: self._later_toggled(i, on))
                    body.addRow(cb)
        reset = QPushButton("Default indicators")
        reset.clicked.connect(self.state.reset_indicators)
        body.addRow(reset)
        lay.addWidget(self.advanced)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(box)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)  # only the opened Advanced panel may need it
        self.controls = scroll
        return scroll

    def _span(self, ind: str) -> str:
        ys = self.engine.cube.years_of(ind)
        return ", ".join(map(str, ys)) if ys else "no data"

    def _preset_picked(self, i: int) -> None:
        name = self.preset_box.itemData(i)
        if name:
            self.state.set_preset(name)

    def _slider_moved(self, pillar: str, v: int) -> None:
        self.slider_labels[pillar].setText(f"{v / SLIDER_STEPS:.1f}")
        if not self._syncing:
            self.state.set_pillar_weight(pillar, v / SLIDER_STEPS)

    def _later_toggled(self, ind: str, on: bool) -> None:
        self.state.set_later_ok(ind, on)
        if on and self.ind_boxes[ind].value() == 0:
            self.ind_boxes[ind].setValue(1.0)

    def _sync_controls(self) -> None:
        self._syncing = True
        try:
            for p, s in self.sliders.items():
                s.setValue(int(round(self.state.pillar_weights[p] * SLIDER_STEPS)))
                self.slider_labels[p].setText(f"{self.state.pillar_weights[p]:.1f}")
            k = self.preset_box.findData(self.state.preset) if self.state.preset else self.preset_box.count() - 1
            self.preset_box.setCurrentIndex(k)
            if self.impute_box.isChecked() != self.state.impute:
                self.impute_box.setChecked(self.state.impute)
            # the year and window may change from outside (the timeline, a saved view)
            for box, want in ((self.year_box, self.state.year), (self.window_box, self.state.window)):
                if want is not None and box.value() != want:
                    box.blockSignals(True)
                    box.setValue(want)
                    box.blockSignals(False)
            for ind, sb in self.ind_boxes.items():
                want = self.state.indicator_weights.get(ind, 0.0)
                if sb.value() != want:
                    sb.blockSignals(True)
                    sb.setValue(want)
                    sb.blockSignals(False)
        finally:
            self._syncing = False
