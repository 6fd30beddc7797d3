"""The Answer view: "which country persecutes its citizens the least?" as a ranked list with
rank intervals, pillar weight sliders, presets, a plain-language headline, the "why this rank"
breakdown and the caveats. The numbers come from explorer.scoring (the CLI's `explorer answer`
computes the same). Robustness (1,000 weightings) runs on a worker thread and is superseded
by newer weights; the list itself updates at once."""

from __future__ import annotations

import html
import math
import time
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, QObject, QRect, QRunnable, Qt, QThreadPool,
                            QTimer, Signal)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QImage
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout,
                               QGridLayout, QGroupBox, QHeaderView, QLabel, QProgressBar,
                               QPushButton, QScrollArea, QSlider, QSpinBox, QSplitter, QStyledItemDelegate,
                               QStyleOptionViewItem, QTableView, QTabWidget, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from ..catalogue import PILLAR_IDS, PILLARS
from ..errors import ExplorerError
from ..export import atomic_write, atomic_write_text
from ..scoring import defaults as D
from ..scoring.answer import Answer, build, headline, with_robustness
from ..scoring.composite import Engine
from ..scoring.explain import why
from ..scoring.report import csv_text, data_years
from ..scoring.robustness import Cancelled, robustness
from ..scoring.state import AnswerState
from . import palette

SLIDER_STEPS = 10        # slider units per weight unit: 0..40 -> weight 0..4.0
SLIDER_MAX = 40
PLOT_TOP = 20            # countries drawn with their rank interval
POINT = "#0072B2"        # Okabe-Ito blue: point ranks
BAR = "#000000"          # black interval bars
FOCUS = "#D55E00"        # vermilion: the country whose breakdown is shown
GREY = "#5A5A5A"
PILLAR_NAME = {p[0]: p[1] for p in PILLARS}
WIDE_MIN = 1340          # narrower than this at 12 pt (e.g. between the main window's docks): the breakdown
                         # moves into a tab beside the ranking, so no column of the list is cut off
EXPORT_SUFFIXES = {".pdf": "PDF brief", ".png": "PNG image", ".csv": "CSV ranking"}


# ---- robustness off the UI thread ---------------------------------------------------------

class _JobSignals(QObject):
    progress = Signal(int, int, int)        # generation, done, total
    finished = Signal(int, object, float)   # generation, Robustness, seconds
    failed = Signal(int, str)


class RobustnessJob(QRunnable):
    """Monte Carlo + leave-one-out for one Result; stops early when a newer job supersedes it."""

    def __init__(self, generation: int, res, current):
        super().__init__()
        self.generation, self.res, self.current = generation, res, current
        self.signals = _JobSignals()

    def run(self):
        t0 = time.perf_counter()
        try:
            rob = robustness(self.res, progress=lambda d, n: self.signals.progress.emit(self.generation, d, n),
                             cancelled=lambda: self.current() != self.generation)
            self.signals.finished.emit(self.generation, rob, time.perf_counter() - t0)
        except Cancelled:
            pass
        except Exception as e:  # reported in the view, never a crash
            self.signals.failed.emit(self.generation, str(e))


# ---- the ranked list ------------------------------------------------------------------------

class RankModel(QAbstractTableModel):
    COLS = ["Rank", "Country", "Score", "Rank\nrange\n(90%)", f"In top\n{D.TOP_K}", "Data\nyears", "Sources\ndisagree"]
    TIPS = ["Rank at the chosen weights (1 = least persecution)", "Country", "Composite score, 0-100, 100 = least persecution",
            f"The ranks the country takes in 90% of {D.MC_DRAWS:,} weightings (5th-95th percentile; each pillar "
            f"weight ±{D.MC_SPREAD:.0%}): a range of ranks, not of scores",
            f"Share of the {D.MC_DRAWS:,} weightings in which the country is in the top {D.TOP_K}",
            "Years of the values used, e.g. 2021–24 = 2021 to 2024 (within the window, never later unless marked 'later')",
            "⚠ = publishers measuring the same thing disagree (hover the ⚠ for which)"]
    NOTE = 6
    SPAN = (2, 5)   # 'not enough data' rows: their reason spans Score..⚠

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self.highlight: dict[str, str] = {}   # iso3 -> colour
        self.bold_font = QFont()   # the table's font, bold (AnswerView sets it)
        self.bold_font.setBold(True)

    def set_answer(self, ans: Answer | None) -> None:
        self.beginResetModel()
        self.rows = []
        if ans is not None:
            for r in ans.table.to_dict("records"):
                has_rob = "rank_lo" in r and not (isinstance(r["rank_lo"], float) and math.isnan(r["rank_lo"]))
                note = f"Sources disagree: {r['sources_disagree']}" if r["sources_disagree"] else ""
                self.rows.append({"iso3": r["iso3"], "ranked": True, "note": note, "cells": [
                    str(r["rank"]), r["country"], f"{r['score']:.1f}",
                    f"{int(r['rank_lo'])}–{int(r['rank_hi'])}" if has_rob else "…",
                    f"{r[f'p_top{D.TOP_K}']:.0%}" if has_rob else "…", short_years(r), "⚠" if note else ""]})
            for r in ans.excluded.to_dict("records"):
                self.rows.append({"iso3": r["iso3"], "ranked": False, "note": f"Not ranked: {r['missing']}", "cells": [
                    "–", r["country"], f"not enough data: {r['missing']}", "", "", "", ""]})
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return len(self.COLS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.COLS[section]
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole:
            return self.TIPS[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        row = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return row["cells"][index.column()]
        if role == Qt.ToolTipRole:
            c = index.column()
            if c == 1:
                return row["cells"][1]
            if c == self.NOTE or (c == 2 and not row["ranked"]):
                return row["note"] or None
        if role == Qt.ForegroundRole:
            if row["iso3"] in self.highlight:
                return _brush(self.highlight[row["iso3"]])
            if not row["ranked"]:
                return _brush(GREY)
        if role == Qt.FontRole and row["iso3"] in self.highlight:
            return self.bold_font
        if role == Qt.TextAlignmentRole and row["ranked"] and index.column() in (0, 2, 3, 4):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.TextAlignmentRole and index.column() == self.NOTE:
            return int(Qt.AlignCenter)
        return None

    def iso3_at(self, row: int) -> str | None:
        return self.rows[row]["iso3"] if 0 <= row < len(self.rows) else None

    def row_of(self, iso3: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["iso3"] == iso3), -1)


def short_years(r) -> str:
    """'2021–24' in the list (narrow column); the exports write '2021–2024'."""
    s = data_years(r)
    lo, hi = int(r["oldest_year"]), int(r["newest_year"])
    if lo != hi and lo // 100 == hi // 100:
        s = s.replace(f"–{hi}", f"–{hi % 100:02d}", 1)
    return s


_BRUSHES: dict[str, QBrush] = {}


def _brush(colour: str) -> QBrush:
    if colour not in _BRUSHES:
        _BRUSHES[colour] = QBrush(QColor(colour))
    return _BRUSHES[colour]


class WrapDelegate(QStyledItemDelegate):
    """Row height for word-wrapped text: QTreeView asks the delegate without the column width,
    so long indicator names would be cut to one line; this measures them at the real width."""

    def __init__(self, tree: QTreeWidget):
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth, p = 0, index.parent()
        while p.isValid():
            depth, p = depth + 1, p.parent()
        width = self.tree.columnWidth(index.column()) - self.tree.indentation() * (depth + 1) - 10
        if width > 20 and opt.text:
            r = QFontMetrics(opt.font).boundingRect(QRect(0, 0, width, 10000), int(Qt.TextWordWrap), opt.text)
            size.setHeight(max(size.height(), r.height() + 6))
        return size


# ---- the view --------------------------------------------------------------------------------

class AnswerView(QWidget):
    """Ranked composite answer for a year, with weights the user can change and see the effect of."""

    answer_changed = Signal()       # after every recompute (tests and the main window listen)
    robustness_done = Signal()

    def __init__(self, index, parent=None, explorer_state=None):
        super().__init__(parent)
        self.engine = Engine(index)
        self.state = AnswerState(year=self.engine.default_year())
        self.explorer_state = explorer_state
        self.answer: Answer | None = None
        self.focused: str | None = None
        self._why: dict | None = None
        self.error: str | None = None
        self._generation = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: dict[int, RobustnessJob] = {}
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._start_robustness)
        self._syncing = False
        self._scaled: list[tuple[QWidget, float, bool]] = []   # widgets with their own size: (widget, x body, bold)
        self._build_ui()
        self.state.subscribe(self._on_state)
        if explorer_state is not None:
            explorer_state.subscribe(self._on_explorer_state)
        self.recompute()

    # ---- layout
    def _build_ui(self) -> None:
        f = self.font()
        # projector-readable body text: the main window's 12 pt base, or at least that on its own
        f.setPointSizeF(max(f.pointSizeF(), 12.0))
        self.setFont(f)
        root = QVBoxLayout(self)
        self.headline = self._sized(QLabel(wordWrap=True, objectName="headline"), 1.25, bold=True)
        self.headline.setTextInteractionFlags(Qt.TextSelectableByMouse)
        root.addWidget(self.headline)
        # colour only in the style sheet: a font in it would not follow rescale()
        self.message = self._sized(QLabel(wordWrap=True, objectName="message"), 1.0, bold=True)
        self.message.setStyleSheet(f"color: {FOCUS};")
        self.message.hide()
        root.addWidget(self.message)
        self.notes = QLabel(wordWrap=True, objectName="notes")
        self.notes.setStyleSheet(f"color: {GREY};")
        root.addWidget(self.notes)

        # Wide: controls | chart over list | why.  Narrow (< WIDE_MIN): controls | tabs {ranking, why}.
        self.split = split = QSplitter(Qt.Horizontal, childrenCollapsible=False)
        root.addWidget(split, 1)
        split.addWidget(self._controls())
        self.middle = middle = QSplitter(Qt.Vertical, childrenCollapsible=False)
        self.plot = pg.PlotWidget(background="w")
        self._setup_plot()
        self._plot_n = 0
        self._redraw = QTimer(self, singleShot=True, interval=0)
        self._redraw.timeout.connect(self._draw)
        self.plot.installEventFilter(self)   # a taller or shorter chart shows more or fewer countries
        middle.addWidget(self.plot)
        self.model = RankModel()
        self.table = self._sized(QTableView(), 1.0)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)          # long text is elided, the full text is in the tooltip
        self.table.setTextElideMode(Qt.ElideRight)
        hdr = self.table.horizontalHeader()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(QHeaderView.Fixed)
        hdr.setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.clicked.connect(lambda ix: self._clicked(self.model.iso3_at(ix.row())))
        self.table.activated.connect(lambda ix: self._show_why_tab())
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _: self._clicked(self.model.iso3_at(cur.row())))
        middle.addWidget(self.table)
        middle.setSizes([430, 330])
        self.centre = QTabWidget(objectName="answer_tabs")
        self.centre.setDocumentMode(True)
        self.centre.setTabBarAutoHide(True)     # one tab (wide layout): no tab bar
        self.centre.addTab(middle, "Ranking")
        split.addWidget(self.centre)
        self.why_box = self._why_panel()
        split.addWidget(self.why_box)
        split.setStretchFactor(1, 1)
        self.narrow = False
        self._split_sized = False
        self._user_split = False     # once the user drags a splitter handle, keep their sizes
        split.splitterMoved.connect(lambda *_: setattr(self, "_user_split", True))
        self._resplit = QTimer(self, singleShot=True, interval=0)
        self._resplit.timeout.connect(lambda: self._arrange(self.narrow))
        self._arrange(narrow=False)

    # ---- text size (View > Larger text): every font is a fixed multiple of the body size
    def _font(self, factor: float = 1.0, bold: bool = False) -> QFont:
        f = QFont(self.font())
        f.setPointSizeF(self.font().pointSizeF() * factor)
        f.setBold(bold)
        return f

    def _sized(self, w, factor: float, bold: bool = False):
        self._scaled.append((w, factor, bold))
        w.setFont(self._font(factor, bold))
        return w

    def _pt(self, factor: float) -> str:
        return f"{self.font().pointSizeF() * factor:.1f}pt"

    def _zoom(self) -> float:
        return self.font().pointSizeF() / 12.0

    def _plot_fonts(self) -> None:
        p = self.plot.getPlotItem()
        for ax in ("left", "bottom"):
            p.getAxis(ax).setTickFont(self._font(0.9))
        p.setLabel("bottom", f"rank (dot); 90% range of ranks over {D.MC_DRAWS:,} weightings (bar)",
                   **{"color": "#000000", "font-size": self._pt(0.9)})

    def rescale(self, base: QFont) -> None:
        """Follow the window's text size: body text at the base size, the rest in proportion;
        the columns, the controls' width and the chart are re-fitted to the new sizes."""
        f = QFont(self.font())
        f.setPointSizeF(base.pointSizeF())
        self.setFont(f)
        for w, factor, bold in self._scaled:
            w.setFont(self._font(factor, bold))
        self.model.bold_font = self._font(1.0, bold=True)
        self.table.verticalHeader().setDefaultSectionSize(QFontMetrics(self.table.font()).height() + 8)
        for lab in self.slider_labels.values():
            lab.setMinimumWidth(QFontMetrics(self.font()).horizontalAdvance("0.0") + 8)
        self._plot_fonts()
        if self._why is not None:
            self._fill_why(self._why)        # the pillar rows carry their own bold font
        self.why_tree.doItemsLayout()
        if self.model.rowCount():
            self._fit_columns()
            self._apply_highlight(force=True)
        self._arrange(self.width() < self._wide_min())
        self._draw()

    def _wide_min(self) -> int:
        """Width needed for the breakdown beside the list: larger text needs more."""
        return int(WIDE_MIN * max(1.0, self._zoom()))

    def _arrange(self, narrow: bool) -> None:
        """Wide: the breakdown beside the list. Narrow: the breakdown in a tab beside the ranking."""
        self.narrow = narrow
        # narrow: labels above their fields, so the controls take less width from the list
        for f in (self.form, self.adv_form):
            f.setRowWrapPolicy(QFormLayout.WrapAllRows if narrow else QFormLayout.DontWrapRows)
        box = self.controls.widget()
        box.layout().activate()
        need = box.minimumSizeHint().width() + self.controls.verticalScrollBar().sizeHint().width() + 6
        ctrl = max(need, 210 if narrow else 290)
        self.controls.setMinimumWidth(ctrl)
        if narrow:
            if self.centre.indexOf(self.why_box) < 0:
                self.centre.addTab(self.why_box, "Why this rank")
                self._title_why_tab()
            self.split.setSizes([ctrl, max(self.width() - ctrl, 400)])
        else:
            k = self.centre.indexOf(self.why_box)
            if k >= 0:
                self.centre.removeTab(k)
            if self.split.indexOf(self.why_box) < 0:
                self.split.addWidget(self.why_box)
            self.why_box.show()
            rest = max(self.width() - ctrl - 30, 900)
            fixed = sum(self.table.columnWidth(c) for c in range(self.model.columnCount()) if c != 1)
            name = int(QFontMetrics(self.model.bold_font).horizontalAdvance("Luxembourg") * 1.5) + 20
            mid = min(max(fixed + name, 460), int(rest * 0.56))   # the list with ~15 characters of country name
            self.split.setSizes([ctrl, mid, rest - mid])

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        narrow = ev.size().width() < self._wide_min()
        if narrow != self.narrow:
            self._arrange(narrow)
        if not self._user_split:
            self._resplit.start()   # after the layout has given the splitter its new width

    def _show_why_tab(self) -> None:
        if self.narrow:
            self.centre.setCurrentWidget(self.why_box)

    def _title_why_tab(self) -> None:
        k = self.centre.indexOf(self.why_box)
        if k >= 0:
            name = self._why["country"] if self._why else ""
            self.centre.setTabText(k, f"Why this rank: {name}" if name else "Why this rank")

    def _fit_columns(self) -> None:
        """Fixed widths that hold every value (measured, so they follow the font); the country
        column takes the rest, so rank range, P(top 10) and data years are never cut off."""
        hdr = self.table.horizontalHeader()
        bold = QFont(self.table.font())
        bold.setBold(True)
        fm = QFontMetrics(bold)
        pad = 10
        for c in range(self.model.columnCount()):
            if c == 1:
                continue
            cells = [r["cells"][c] for r in self.model.rows if r["ranked"]] or ["00.0"]
            want = max(max(fm.horizontalAdvance(t) for t in cells) + pad, hdr.sectionSizeHint(c))
            self.table.setColumnWidth(c, want)
        hdr.setMinimumSectionSize(24)
        self.table.clearSpans()
        a, b = RankModel.SPAN
        for i, r in enumerate(self.model.rows):
            if not r["ranked"]:
                self.table.setSpan(i, a, 1, b)

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

    def _why_panel(self) -> QWidget:
        w = QWidget(objectName="why_panel")
        lay = QVBoxLayout(w)
        self.why_title = self._sized(QLabel(wordWrap=True, objectName="why_title"), 1.0, bold=True)
        lay.addWidget(self.why_title)
        self.why_tree = QTreeWidget()
        self.why_tree.setColumnCount(5)
        self.why_tree.setHeaderLabels(["Pillar / indicator", "Score", "Median", "Adds to\nscore", "Raw value\n(year)"])
        self.why_tree.setIndentation(12)
        self.why_tree.setWordWrap(True)          # full indicator names, on two lines when narrow
        self.why_tree.setUniformRowHeights(False)
        self.why_tree.setItemDelegateForColumn(0, WrapDelegate(self.why_tree))
        hdr = self.why_tree.header()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(0, QHeaderView.Stretch)
        for c in range(1, 5):
            hdr.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        hdr.setMinimumSectionSize(40)
        self._relayout_why = QTimer(self, singleShot=True, interval=0)
        self._relayout_why.timeout.connect(self.why_tree.doItemsLayout)  # row heights follow the column width
        hdr.sectionResized.connect(lambda c, *_: self._relayout_why.start() if c == 0 else None)
        self._sized(self.why_tree, 0.9)
        lay.addWidget(self.why_tree, 3)
        # below the tree, scrolled as one: leave-one-out, source disagreement, caveats
        below = QWidget(objectName="why_notes")
        blay = QVBoxLayout(below)
        blay.setContentsMargins(4, 4, 4, 4)
        self.loo_label = QLabel(wordWrap=True, objectName="leave_one_out")
        self.loo_label.setToolTip("Leave-one-indicator-out: the composite recomputed without each selected "
                                  "indicator in turn (same ranked countries)")
        blay.addWidget(self.loo_label)
        self.disagree = QLabel(wordWrap=True, objectName="disagree")
        blay.addWidget(self.disagree)
        cav = self._sized(QLabel("<b>Read with care</b><ul>" + "".join(f"<li>{c}</li>" for c in D.CAVEATS) + "</ul>",
                                 wordWrap=True, objectName="caveats"), 0.9)
        cav.setTextFormat(Qt.RichText)
        blay.addWidget(cav)
        blay.addStretch(1)
        sc = QScrollArea()
        sc.setWidgetResizable(True)
        sc.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        sc.setWidget(below)
        sc.setMinimumHeight(120)
        lay.addWidget(sc, 2)
        return w

    def _setup_plot(self) -> None:
        p = self.plot.getPlotItem()
        p.invertY(True)
        p.setMouseEnabled(x=False, y=False)
        p.hideButtons()
        p.setMenuEnabled(False)
        p.showGrid(x=True, y=False, alpha=0.25)
        for ax in ("left", "bottom"):
            p.getAxis(ax).setTextPen(pg.mkPen("k"))
            p.getAxis(ax).setPen(pg.mkPen("k"))
        self._plot_fonts()
        self.err = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), pen=pg.mkPen(BAR, width=2), beam=0.3)
        self.dots = pg.ScatterPlotItem(size=12, pen=pg.mkPen("w", width=1), brush=pg.mkBrush(POINT))
        p.addItem(self.err)
        p.addItem(self.dots)

    # ---- reacting
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

    def _on_state(self, name: str) -> None:
        if name in ("pillar_weights", "indicator_weights"):
            self._sync_controls()
        self.recompute()

    def _sync_controls(self) -> None:
        self._syncing = True
        try:
            for p, s in self.sliders.items():
                s.setValue(int(round(self.state.pillar_weights[p] * SLIDER_STEPS)))
                self.slider_labels[p].setText(f"{self.state.pillar_weights[p]:.1f}")
            k = self.preset_box.findData(self.state.preset) if self.state.preset else self.preset_box.count() - 1
            self.preset_box.setCurrentIndex(k)
            for ind, sb in self.ind_boxes.items():
                want = self.state.indicator_weights.get(ind, 0.0)
                if sb.value() != want:
                    sb.blockSignals(True)
                    sb.setValue(want)
                    sb.blockSignals(False)
        finally:
            self._syncing = False

    def _on_explorer_state(self, name: str) -> None:
        if name == "selected":
            self._apply_highlight()
            self._draw()
        elif name == "focused" and self.explorer_state.focused:
            self.focus(self.explorer_state.focused)

    def _clicked(self, iso3: str | None) -> None:
        if not iso3:
            return
        if self.explorer_state is not None:
            self.explorer_state.set_focused(iso3)
        if self.focused != iso3:
            self.focus(iso3)

    # ---- computing
    def recompute(self) -> None:
        """Score at once (milliseconds); robustness follows on the worker thread."""
        self._generation += 1
        self._sync_controls()
        try:
            res = self.engine.run(self.state.settings())
        except ExplorerError as e:
            self._show_error(str(e))
            return
        self.error = None
        self.message.hide()
        self.answer = build(self.engine, res, None)
        self._refresh()
        self.progress.setRange(0, 0)  # busy until the worker reports
        self.rob_label.setText(f"Robustness: waiting to compute {D.MC_DRAWS:,} weightings…")
        self._debounce.start()
        self.answer_changed.emit()

    def _show_error(self, text: str) -> None:
        self.error = text
        self.answer = None
        self.message.setText(text)
        self.message.show()
        self.headline.setText("No ranking for these settings.")
        self.notes.setText("")
        self.model.set_answer(None)
        self.table.clearSpans()
        self.loo_label.setText("")
        self.err.setData(x=np.zeros(0), y=np.zeros(0), left=np.zeros(0), right=np.zeros(0))
        self.dots.setData([], [])
        self.why_tree.clear()
        self.why_title.setText("")
        self.disagree.setText("")
        self.rob_label.setText("")
        self.answer_changed.emit()

    def _start_robustness(self) -> None:
        if self.answer is None:
            return
        gen = self._generation
        job = RobustnessJob(gen, self.answer.result, lambda: self._generation)
        job.signals.finished.connect(self._rob_finished)
        job.signals.failed.connect(self._rob_failed)
        self._jobs = {g: j for g, j in self._jobs.items() if g >= gen - 2}
        self._jobs[gen] = job
        self.rob_label.setText(f"Robustness: computing {D.MC_DRAWS:,} weightings…")
        self._pool.start(job)

    def _rob_failed(self, gen: int, text: str) -> None:
        if gen == self._generation:
            self.rob_label.setText(f"Robustness could not be computed: {text}")

    def _rob_finished(self, gen: int, rob, seconds: float) -> None:
        self._jobs.pop(gen, None)
        if gen != self._generation or self.answer is None or self.answer.robust is not None:
            return  # superseded by newer settings (or already computed for an export)
        self.answer = with_robustness(self.answer, rob)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.rob_label.setText(f"Robustness: {rob.draws:,} weightings (each pillar weight ±{rob.spread:.0%}, "
                               f"seed {rob.seed}) and leave-one-indicator-out, {seconds * 1000:.0f} ms.")
        self._refresh(robustness_only=True)
        self.robustness_done.emit()

    def wait_for_robustness(self, timeout_ms: int = 5000) -> None:
        """For tests and scripts: start pending robustness now and wait for the pool."""
        if self._debounce.isActive():
            self._debounce.stop()
            self._start_robustness()
        self._pool.waitForDone(timeout_ms)

    # ---- exporting
    def answer_for_export(self) -> Answer:
        """The current answer with its robustness (computed now if the worker has not finished)."""
        if self.answer is None:
            raise ExplorerError(f"nothing to export: {self.error or 'no ranking for these settings'}")
        if self.answer.robust is None:
            self._debounce.stop()
            t0 = time.perf_counter()
            rob = robustness(self.answer.result)
            self._rob_finished(self._generation, rob, time.perf_counter() - t0)
        return self.answer

    def export(self, path) -> Path:
        """File > Export on the Answer tab: .pdf brief, .png image (2x, for slides) or .csv ranking
        with data years and citations. Written atomically: a failure leaves any existing file as it was."""
        path = Path(path)
        kind = path.suffix.lower()
        if kind not in EXPORT_SUFFIXES:
            raise ExplorerError(f"cannot export the answer as {kind or 'a file without an extension'!s}: "
                                "choose .pdf (brief with citations), .png (image) or .csv (ranking with data years)")
        if not path.parent.is_dir():
            raise ExplorerError(f"cannot write {path}: folder {path.parent} does not exist")
        ans = self.answer_for_export()
        if kind == ".csv":
            return atomic_write_text(path, csv_text(ans, self.engine.index))
        if kind == ".pdf":
            from .brief import write_brief
            return write_brief(self, path)
        return atomic_write(path, self._write_png)

    def image(self, scale: float = 2.0) -> QImage:
        """The view as it looks now, rendered at ``scale`` x its size (sharp on slides)."""
        # settle pending layouts first (an export may follow a change made a moment ago)
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)
            QCoreApplication.processEvents()
        img = QImage(int(self.width() * scale), int(self.height() * scale), QImage.Format_ARGB32)
        img.setDevicePixelRatio(scale)
        img.fill(QColor("white"))
        self.render(img)
        return img

    def _write_png(self, tmp: Path) -> None:
        if not self.image().save(str(tmp), "PNG"):
            raise ExplorerError(f"could not write the PNG image {tmp.name}")

    # ---- drawing
    def _refresh(self, robustness_only: bool = False) -> None:
        ans = self.answer
        self.headline.setText(headline(ans))
        self.notes.setText(" · ".join(ans.notes))
        self.notes.setVisible(bool(ans.notes))
        keep = self.focused
        self.model.set_answer(ans)
        self._fit_columns()
        if not self._split_sized:   # the first list measured: share the width out once
            self._split_sized = True
            self._arrange(self.narrow)
        if keep is None or self.model.row_of(keep) < 0:
            keep = self.explorer_state.focused if self.explorer_state and self.explorer_state.focused else None
        if keep is None or self.model.row_of(keep) < 0:
            keep = self.model.iso3_at(0)
        if robustness_only and keep == self.focused and self._why is not None:
            self._fill_title(self._why)  # values unchanged: only the rank range is new
            self._draw()
        elif keep:
            self.focus(keep)
        else:
            self._draw()

    def _apply_highlight(self, force: bool = False) -> None:
        hl = {}
        if self.explorer_state is not None:
            for c in self.explorer_state.selected:
                hl[c] = palette.slot_colour(self.explorer_state.colour_slot(c))
        if self.focused:
            hl.setdefault(self.focused, FOCUS)
        if hl != self.model.highlight or force:
            self.model.highlight = hl
            n = self.model.rowCount()
            if n:
                self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(n - 1, self.model.columnCount() - 1))

    def _draw(self) -> None:
        if self.answer is None:
            return
        t = self.answer.table.head(self._plot_rows())
        self._plot_n = n = len(t)
        y = np.arange(n, dtype=float)
        rank = t["rank"].to_numpy(float)
        if "rank_lo" in t:
            lo = rank - t["rank_lo"].to_numpy(float)
            hi = t["rank_hi"].to_numpy(float) - rank
        else:
            lo = hi = np.zeros(n)
        self.err.setData(x=rank, y=y, left=lo, right=hi, height=0)
        brushes = []
        for c in t["iso3"]:
            col = self.model.highlight.get(c, POINT)
            brushes.append(pg.mkBrush(col))
        z = self._zoom()
        self.dots.setData(x=rank, y=y, brush=brushes, size=[(18 if c == self.focused else 12) * z for c in t["iso3"]],
                          symbol=["d" if c == self.focused else "o" for c in t["iso3"]])
        p = self.plot.getPlotItem()
        p.getAxis("left").setTicks([[(i, f"{r} {c}") for i, (r, c) in enumerate(zip(t["rank"], t["country"]))]])
        xmax = max(float((rank + hi).max()) if n else 1.0, n)
        p.setXRange(0.5, xmax + 0.5, padding=0.02)
        p.setYRange(-0.7, max(n, 1) - 0.3, padding=0)
        p.setTitle(f"Top {n}: rank and its range of ranks (90%)", color="k", size=self._pt(1.0))

    def _plot_rows(self) -> int:
        """PLOT_TOP countries, or fewer when the chart is too short for their names at this text size."""
        line = QFontMetrics(self._font(0.9)).lineSpacing()
        room = self.plot.height() - 4 * QFontMetrics(self.font()).lineSpacing()   # title and rank axis
        return max(5, min(PLOT_TOP, int(room / (line * 1.05))))

    def eventFilter(self, obj, ev):
        if obj is self.plot and ev.type() == QEvent.Resize and self.answer is not None:
            if self._plot_rows() != self._plot_n:
                self._redraw.start()
        return super().eventFilter(obj, ev)

    def focus(self, iso3: str) -> None:
        """Show the 'why this rank' breakdown of a country and select its row."""
        if self.answer is None:
            return
        self.focused = iso3
        try:
            w = why(self.engine, self.answer.result, iso3)
        except ExplorerError as e:
            self.why_title.setText(str(e))
            return
        row = self.model.row_of(iso3)
        if row >= 0 and self.table.currentIndex().row() != row:
            self.table.blockSignals(True)
            self.table.selectRow(row)
            self.table.blockSignals(False)
            self.table.scrollTo(self.model.index(row, 0))
        self._apply_highlight()
        self._draw()
        self._fill_why(w)

    def _fill_title(self, w: dict) -> None:
        if w["ranked"]:
            rob = ""
            t = self.answer.table
            r = t[t["iso3"] == w["iso3"]].iloc[0]
            if "rank_lo" in t and not math.isnan(r["rank_lo"]):
                rob = (f"; ranks {int(r['rank_lo'])}–{int(r['rank_hi'])} in 90% of weightings, in the top {D.TOP_K} "
                       f"in {r[f'p_top{D.TOP_K}']:.0%}")
            self.why_title.setText(f"{w['country']}: rank {w['rank']} of {w['of']}, score {w['score']:.1f} "
                                   f"(median country {w['median_score']:.1f}){rob}")
        else:
            self.why_title.setText(f"{w['country']}: not ranked, not enough data ({w['missing']})")
        self.loo_label.setText(self._loo_text(w))
        self._title_why_tab()

    def _loo_text(self, w: dict) -> str:
        """'Rank without one indicator (now 5): 7 without PTS mean; 4 without ...' for the focused country."""
        if not w["ranked"] or self.answer is None:
            return ""
        rob = self.answer.robust
        if rob is None:
            return "<b>Rank without one indicator</b>: computing…"
        k = np.flatnonzero(rob.iso3 == w["iso3"])
        if not len(k) or not len(rob.indicators):
            return ""
        now = int(rob.point_rank[k[0]])
        moved = sorted(((int(r), ind) for ind, r in zip(rob.indicators, rob.loo_ranks[:, k[0]]) if int(r) != now),
                       key=lambda t: (-abs(t[0] - now), t[1]))
        head = f"<b>Rank without one indicator</b> (now {now}): "
        if not moved:
            return head + f"{now} without any one of the {len(rob.indicators)} indicators."
        parts = [f"<b>{r}</b> without {self.engine.short(ind)}" for r, ind in moved[:5]]
        if len(moved) > 5:
            parts.append(f"{len(moved) - 5} more change it by less")
        same = len(rob.indicators) - len(moved)
        tail = f"; unchanged without any of the other {same}." if same else "."
        return head + "; ".join(parts) + tail

    def _fill_why(self, w: dict) -> None:
        self._why = w
        self._fill_title(w)
        self.why_tree.clear()
        geo = w["method"] == "geometric"
        bold = QFont(self.why_tree.font())
        bold.setBold(True)
        for p in w["pillars"]:
            share = f"{p['weight_share']:.0%}"
            item = QTreeWidgetItem([f"{p['pillar'].capitalize()} ({share})",
                                    _f(p["score"]), _f(p["median_score"]),
                                    "" if geo else _f(p["contribution"]), ""])
            if not geo:
                item.setToolTip(3, _points_tip(p))
            item.setToolTip(0, f"{PILLAR_NAME.get(p['pillar'], p['pillar'])}: {share} of the composite weight")
            for c in range(5):
                item.setFont(c, bold)
            if p["score"] is not None and p["median_score"] is not None:
                item.setForeground(1, QBrush(QColor(POINT if p["score"] >= p["median_score"] else FOCUS)))
            self.why_tree.addTopLevelItem(item)
            for i in w["indicators"]:
                if i["pillar"] != p["pillar"]:
                    continue
                if i["year"] is None:
                    raw = "missing"
                else:
                    raw = f"{i['raw_value']:.3g} ({int(i['year'])}{' later' if i['later_snapshot'] else ''})"
                child = QTreeWidgetItem([i["short"], _f(i["value"]), _f(i["median_value"]),
                                         "" if geo else _f(i["contribution"]), raw])
                if not geo:
                    child.setToolTip(3, _points_tip(i))
                child.setToolTip(0, f"{i['indicator']} ({i['source']}): {i['unit']}")
                if i["year"] is not None and int(i["year"]) != w["year"]:
                    child.setForeground(4, QBrush(QColor(FOCUS)))
                    child.setToolTip(4, f"value from {int(i['year'])}, not {w['year']} (window rule)")
                item.addChild(child)
            item.setExpanded(True)
        self.disagree.setText("<br>".join(disagreement_lines(w["disagreements"])))
        self.why_tree.headerItem().setToolTip(3, "Points this pillar/indicator adds to the composite score (share "
                                                 "of the weight x score); hover a value for the median country's")


def disagreement_lines(groups: list[dict]) -> list[str]:
    """One line per group, each publisher's value on the shared 0-100 scale (raw value and year in
    brackets), so the gap can be judged: raw scales differ (FIW 0-60, V-Dem 0-1)."""
    lines = []
    for d in groups:
        vals = ", ".join(f"{html.escape(v['short'])} <b>{v['value']:.0f}</b>/100 (raw {v['raw_value']:g}, {v['year']})"
                         for v in d["values"])
        head = "⚠ <b>Sources disagree</b> – " if d["disagree"] else "Sources agree – "
        lines.append(f"{head}{html.escape(d['group'])}: {vals}; gap {d['spread']:.0f} on the 0-100 scale")
    return lines


def _points_tip(d: dict) -> str:
    c, m = d.get("contribution"), d.get("median_contribution")
    if c is None or m is None:
        return ""
    return f"adds {c:.1f} points to the score; the median country's adds {m:.1f} ({c - m:+.1f})"


def _f(v, nd: int = 1, signed_vs=None) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    s = f"{v:.{nd}f}"
    if signed_vs is not None and not (isinstance(signed_vs, float) and math.isnan(signed_vs)):
        s += f" ({v - signed_vs:+.1f})"
    return s
