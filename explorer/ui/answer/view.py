"""The Answer view: "which country persecutes its citizens the least?" as a ranked list with
rank intervals, pillar weight sliders, presets, a plain-language headline, the "why this rank"
breakdown and the caveats. The numbers come from explorer.scoring (the CLI's `explorer answer`
computes the same). Both the score (a new year prepares and estimates, ~100 ms) and its
robustness run on the one job runner, each superseded by newer settings: the UI thread only
fills the list, so a playing timeline never stalls. Until the year's score arrives the list,
chart and breakdown say "computing…" instead of showing the previous year's numbers."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QHeaderView, QLabel, QSplitter, QTableView, QTabWidget,
                               QVBoxLayout, QWidget)

from ...errors import ExplorerError
from ...export import atomic_write, atomic_write_text
from ...scoring.answer import Answer, headline
from ...scoring.composite import Engine, Settings
from ...scoring.explain import why
from ...scoring.report import csv_text
from ...state.answer import AnswerState
from .. import jobs as ui_jobs
from .. import palette
from .chart import RankChart
from .colours import FOCUS, GREY
from .controls import SLIDER_MAX, SettingsControls  # noqa: F401  (SLIDER_MAX: tests import it here)
from .busy import BusyCover
from .steady import SteadyLabel
from .jobs import CHANNEL, SCORE_CHANNEL, Shown, robustness_job, score_job
from .soundness import SoundnessPanel
from .table import RankModel, fit_columns, fit_name_column
from .why import WhyPanel

WIDE_MIN = 1340          # narrower than this at 12 pt (e.g. between the main window's docks): the breakdown
                         # moves into a tab beside the ranking, so no column of the list is cut off
NARROW_CTRL = 260        # the settings column at most, narrow: the rest scrolls, the window keeps its size
BUSY_AFTER_MS = 120      # new weights for the same year: "computing…" only if the score takes longer
                         # (a dragged slider would otherwise flash it); a new year shows it at once
EXPORT_SUFFIXES = {".pdf": "PDF brief", ".png": "PNG image", ".csv": "CSV ranking"}


def _alive(widget) -> bool:
    """False once Qt deleted the widget (a job may finish after its view is gone)."""
    try:
        widget.objectName()
        return True
    except RuntimeError:
        return False


class AnswerView(RankChart, SettingsControls, QWidget):
    """Ranked composite answer for a year, with weights the user can change and see the effect of."""

    answer_changed = Signal()       # after every recompute (tests and the main window listen)
    robustness_done = Signal()

    def __init__(self, panel, parent=None, explorer_state=None):
        super().__init__(parent)
        self.engine = Engine(panel)  # the shared Panel (its Index-compatible frames)
        self.state = AnswerState(year=self.engine.default_year())
        self.explorer_state = explorer_state
        self.answer: Answer | None = None
        self.focused: str | None = None
        self._why: dict | None = None
        self.error: str | None = None
        self._generation = 0
        self._runner = ui_jobs.runner()
        self._channel = f"{CHANNEL}-{id(self)}"  # a newer run of this view supersedes the older
        self._score_channel = f"{SCORE_CHANNEL}-{id(self)}"
        self.destroyed.connect(lambda *_, r=self._runner, c=(self._channel, self._score_channel): [r.cancel(x) for x in c])
        self._held = False       # the timeline plays: robustness waits until it stops
        self.computing = False   # a score is on the runner; the list shows "computing…" (after BUSY_AFTER_MS)
        self._busy_after = QTimer(self, singleShot=True, interval=BUSY_AFTER_MS)
        self._busy_after.timeout.connect(self._show_busy)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._start_robustness)
        self._syncing = False
        self._scaled: list[tuple[QWidget, float, bool]] = []   # widgets with their own size: (widget, x body, bold)
        self._build_ui()
        self.state.subscribe_changes(self._on_state)
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
        self.headline = self._sized(SteadyLabel(objectName="headline"), 1.25, bold=True)
        self.headline.setTextInteractionFlags(Qt.TextSelectableByMouse)
        root.addWidget(self.headline)
        # colour only in the style sheet: a font in it would not follow rescale()
        self.message = self._sized(QLabel(wordWrap=True, objectName="message"), 1.0, bold=True)
        self.message.setStyleSheet(f"color: {FOCUS};")
        self.message.hide()
        root.addWidget(self.message)
        self.notes = SteadyLabel(objectName="notes")
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
        self.table.viewport().installEventFilter(self)  # the country column takes the width left (table.py)
        self.table.clicked.connect(lambda ix: self._clicked(self.model.iso3_at(ix.row())))
        self.table.activated.connect(lambda ix: self._show_why_tab())
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _: self._clicked(self.model.iso3_at(cur.row())))
        middle.addWidget(self.table)
        middle.setSizes([430, 330])
        self.centre = QTabWidget(objectName="answer_tabs")
        self.centre.setDocumentMode(True)
        self.centre.setTabBarAutoHide(True)     # one tab: no tab bar
        self.centre.tabBar().setElideMode(Qt.ElideRight)   # narrow: shorter tab names, no scroll arrows
        self.centre.tabBar().setUsesScrollButtons(False)
        self.centre.addTab(middle, "Ranking")
        self.soundness = SoundnessPanel(self._sized)
        self.centre.addTab(self.soundness, "How sound is this?")
        self.centre.currentChanged.connect(self._refresh_soundness)
        split.addWidget(self.centre)
        self.why_box = WhyPanel(self._sized)
        # the panel's parts, by the names tests and exports use
        self.why_title, self.why_tree = self.why_box.title, self.why_box.tree
        self.loo_label, self.disagree = self.why_box.loo_label, self.why_box.disagree
        split.addWidget(self.why_box)
        split.setStretchFactor(1, 1)
        self.busy = self._sized(BusyCover(self, (self.centre, self.why_box)), 1.4, bold=True)
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
        changed, self.narrow = narrow != self.narrow, narrow
        if changed and self.model.rowCount():
            self._fit_columns()  # narrow, the list's later columns may scroll (table.py)
        # narrow: labels above their fields, so the controls take less width from the list
        for f in (self.form, self.adv_form):
            f.setRowWrapPolicy(QFormLayout.WrapAllRows if narrow else QFormLayout.DontWrapRows)
        box = self.controls.widget()
        box.layout().activate()
        need = box.minimumSizeHint().width() + self.controls.verticalScrollBar().sizeHint().width() + 6
        # narrow (a 1024-pixel window, larger text): at most NARROW_CTRL wide, the rest scrolls
        # sideways (the settings keep their labels above them), so the window never outgrows the screen
        ctrl = max(min(need, NARROW_CTRL), 210) if narrow else max(need, 290)
        self.controls.setMinimumWidth(ctrl)
        if narrow:
            if self.centre.indexOf(self.why_box) < 0:
                self.centre.insertTab(1, self.why_box, "Why this rank")
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
        fit_columns(self.table, self.model, self.narrow)

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802 (Qt name)
        if ev.type() == QEvent.Type.Resize and obj is self.table.viewport():
            fit_name_column(self.table)
        return super().eventFilter(obj, ev)

    # ---- reacting
    def _on_state(self, names: set[str]) -> None:
        """One recompute per change, however many fields it touched (a preset sets three)."""
        if names & {"pillar_weights", "indicator_weights", "preset", "later_ok"}:
            self._sync_controls()
        self.recompute()

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
        """Score the current settings on the job runner (a newer call supersedes an older one);
        robustness follows there once the score has landed."""
        self._generation += 1
        gen = self._generation
        self._sync_controls()
        self._debounce.stop()
        self._runner.cancel(self._channel)   # older settings' robustness: stop it, it would never be shown
        st = self.state.settings()
        focus = (self.focused, self.explorer_state.focused if self.explorer_state is not None else None)
        self.computing = True
        if not self._held:
            # not while the timeline plays: the cover says "computing…", and a busy bar repaints
            # ~60 times a second (2-5 ms each) beside the next year's landing
            self.progress.setRange(0, 0)
        self.rob_label.setText("Computing the ranking…")
        self._runner.submit(self._score_channel, score_job, self.engine, st, focus,
                            on_done=lambda shown: self._scored(gen, shown),
                            on_error=lambda e: self._score_failed(gen, e))
        if self.answer is None or self.error is not None or self._year_of(st) != self.answer.year:
            self._show_busy()          # another year: its numbers are not these
        elif not self.busy.isVisible():
            self._busy_after.start()

    def _year_of(self, st: Settings) -> int:
        return st.year if st.year is not None else self.engine.default_year(st)

    def _show_busy(self) -> None:
        if not self.computing:
            return
        year = self._year_of(self.state.settings())
        self.headline.setText(f"In {year}: computing the answer…")
        self.notes.setText("")
        self.busy.cover(f"Computing the answer for {year}…")

    def _hide_busy(self) -> None:
        self.computing = False
        self._busy_after.stop()
        self.busy.uncover()

    def _scored(self, gen: int, shown: Shown) -> None:
        """The score of settings ``gen`` arrived (on the UI thread): the list now, the chart and
        breakdown on the next turn of the event loop (two short stalls rather than one long),
        then robustness. The "computing…" cover stays until both are in place."""
        if not _alive(self) or gen != self._generation:
            return
        self.error = None
        self.message.hide()
        self.answer = shown.answer
        self._refresh_list(shown)
        QTimer.singleShot(0, self, lambda: self._landed(gen, shown))

    def _landed(self, gen: int, shown: Shown) -> None:
        if gen != self._generation:
            return   # newer settings are on their way
        self._hide_busy()
        self._refresh_focus(shown=shown)
        self._robustness_next()
        self.answer_changed.emit()

    def _robustness_next(self) -> None:
        if self._held:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.rob_label.setText("Robustness: computed when the timeline stops.")
        else:
            self.progress.setRange(0, 0)  # busy until the worker reports
            self.rob_label.setText("Robustness: waiting to compute the scenarios…")
            self._debounce.start()

    def hold_robustness(self, hold: bool) -> None:
        """While the timeline plays, each year's robustness (~1 s of the one worker) would delay the
        next year's score: it waits, the rank ranges say "…", and it runs for the year play stops at."""
        if hold == self._held:
            return
        self._held = hold
        if hold:
            self._debounce.stop()
            self._runner.cancel(self._channel)
            if self.answer is not None and self.answer.robust is None and not self.computing:
                self._robustness_next()
        elif self.answer is not None and self.answer.robust is None and not self.computing:
            self._robustness_next()

    def _score_failed(self, gen: int, e: BaseException) -> None:
        if not _alive(self) or gen != self._generation:
            return
        self._show_error(str(e) if isinstance(e, ExplorerError) else f"The ranking could not be computed: {e}")

    def settle(self, timeout_ms: int = 30000) -> None:
        """For tests, scripts and exports: wait until the pending score has landed (not its robustness)."""
        deadline = time.perf_counter() + timeout_ms / 1000
        while self.computing and time.perf_counter() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.002)
        if self.computing:
            raise ExplorerError(f"the answer for {self._year_of(self.state.settings())} took longer than "
                                f"{timeout_ms / 1000:.0f} s to compute")

    def _show_error(self, text: str) -> None:
        self._hide_busy()
        self.error = text
        self.answer = None
        self.message.setText(text)
        self.message.show()
        self.headline.setText("No ranking for these settings.")
        self.notes.setText("")
        self.model.set_answer(None)
        self.table.clearSpans()
        self.err.setData(x=np.zeros(0), y=np.zeros(0), left=np.zeros(0), right=np.zeros(0))
        self.dots.setData([], [])
        self.why_box.clear()
        self.progress.setRange(0, 1)
        self.rob_label.setText("")
        self.answer_changed.emit()

    def _start_robustness(self) -> None:
        if self.answer is None or self.computing or self._held:
            return
        gen, ans = self._generation, self.answer
        self.rob_label.setText("Robustness: computing 10,000+ scenarios over every modelling choice…")
        self._runner.submit(self._channel, robustness_job, ans,
                            on_done=lambda shown: self._rob_finished(gen, shown, of=ans.result),
                            on_error=lambda e: self._rob_failed(gen, str(e)))

    def _rob_failed(self, gen: int, text: str) -> None:
        if _alive(self) and gen == self._generation:
            self.progress.setRange(0, 1)
            self.rob_label.setText(f"Robustness could not be computed: {text}")

    def _rob_finished(self, gen: int, shown: Shown, of) -> None:
        if not _alive(self):
            return
        if gen != self._generation or self.answer is None or self.answer.robust is not None:
            return  # superseded by newer settings (or already computed for an export)
        if of is not self.answer.result:
            return  # the robustness of another score (year, weights): never mixed into this one
        self.answer, rob, seconds = shown.answer, shown.answer.robust, shown.seconds
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        what = (f"{rob.draws:,} scenarios over every modelling choice (Sobol sampling" if rob.full else
                f"{rob.draws:,} weightings (each pillar weight ±{rob.spread:.0%}")
        self.rob_label.setText(f"Robustness: {what}, seed {rob.seed}) and leave-one-indicator-out, "
                               f"{seconds * 1000:.0f} ms.")
        self._refresh(robustness_only=True, shown=shown)
        self.robustness_done.emit()

    def wait_for_robustness(self, timeout_ms: int = 30000) -> None:
        """For tests and scripts: wait for the pending score, start its robustness now and wait for it."""
        self.settle(timeout_ms)
        if self._debounce.isActive():
            self._debounce.stop()
            self._start_robustness()
        deadline = time.perf_counter() + timeout_ms / 1000
        while self._runner.running(self._channel) and time.perf_counter() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.002)
        QCoreApplication.processEvents()

    # ---- exporting
    def answer_for_export(self) -> Answer:
        """The current answer with its robustness (computed now if the worker has not finished)."""
        if self.computing:
            self.settle()
        if self.answer is None:
            raise ExplorerError(f"nothing to export: {self.error or 'no ranking for these settings'}")
        if self.answer.robust is None:
            self._debounce.stop()
            self._runner.cancel(self._channel)
            shown = robustness_job(self.answer, progress=lambda *_: None, cancel=lambda: False)
            self._rob_finished(self._generation, shown, of=self.answer.result)
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
            from ..exports.brief_pdf import write_brief
            return write_brief(self, path)
        return atomic_write(path, self._write_png)

    def image(self, scale: float = 2.0) -> QImage:
        """The view as it looks now, rendered at ``scale`` x its size (sharp on slides)."""
        self.resort.finish()  # the ranking, never a frame of the dots on their way to it
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
    def _refresh_soundness(self, *_) -> None:
        """Only while its tab is shown: the audit is cheap, but not free on every slider move."""
        if self.centre.currentWidget() is self.soundness:
            self.soundness.set_answer(self.engine, self.answer)

    def _refresh(self, robustness_only: bool = False, shown: Shown | None = None) -> None:
        """Show ``self.answer``: headline, list (values in place, no model reset), chart, breakdown.
        ``shown``: its rows, headline and breakdown, already built on the job runner."""
        self._refresh_list(shown)
        self._refresh_focus(robustness_only, shown)

    def _refresh_list(self, shown: Shown | None = None) -> None:
        ans = self.answer
        self._refresh_soundness()
        self.headline.setText(shown.headline if shown is not None else headline(ans))
        self.notes.setText(" · ".join(ans.notes))
        if ans.notes:
            # once shown it keeps its place (empty in a year without notes): a notes line coming
            # and going resized the chart, which then redrew its axes and grid at that year
            self.notes.show()
        self.model.set_answer(ans, shown.rows if shown is not None else None)
        self._fit_columns()
        if not self._split_sized:   # the first list measured: share the width out once
            self._split_sized = True
            self._arrange(self.narrow)

    def _refresh_focus(self, robustness_only: bool = False, shown: Shown | None = None) -> None:
        """The chart and the breakdown of the focused country (kept when still listed)."""
        why_of = shown.why if shown is not None else None
        keep = self.focused
        if keep is None or self.model.row_of(keep) < 0:
            keep = self.explorer_state.focused if self.explorer_state and self.explorer_state.focused else None
        if keep is None or self.model.row_of(keep) < 0:
            keep = self.model.iso3_at(0)
        if robustness_only and keep == self.focused and self._why is not None:
            self._fill_title(self._why)  # values unchanged: only the rank range is new
            self._draw()
        elif keep:
            self.focus(keep, why_of if why_of is not None and why_of.get("iso3") == keep else None)
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

    def focus(self, iso3: str, w: dict | None = None) -> None:
        """Show the 'why this rank' breakdown of a country (``w`` when already computed) and select its row."""
        self.focused = iso3
        if self.answer is None or self.computing:
            return   # the score on its way focuses it
        if w is None:
            try:
                w = why(self.engine, self.answer.result, iso3)
            except ExplorerError as e:
                self.why_title.setText(str(e))
                return
        if self.explorer_state is not None:  # "China ranks below Germany in 100% of scenarios"
            w["compare_with"] = [c for c in self.explorer_state.selected if c != iso3]
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
        self.why_box.fill_title(w, self.answer, self.engine)
        self._title_why_tab()

    def _fill_why(self, w: dict) -> None:
        self._why = w
        self._fill_title(w)
        self.why_box.fill_tree(w)
