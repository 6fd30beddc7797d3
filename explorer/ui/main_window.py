"""The main window: country selector (left dock), charts (centre), indicator cards (right dock),
an indicator picker and year control (toolbar.py), menus, and a status bar with editions and
coverage. What the File and Help menus do is in window_actions.py; the timeline, presentation
mode and saved views in classroom.py; slides, briefs and the peer table in advocates.py.

The window can be shown before the index is loaded (``MainWindow()`` then ``set_data``): the
loading happens on a worker thread (``explorer.ui.app``) while a progress bar runs in the
status bar. Every widget binds to one ``ExplorerState``; nothing here runs SQL.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (QApplication, QDockWidget, QFrame, QLabel, QMainWindow, QProgressBar, QScrollArea,
                               QTabWidget, QWidget)

from explorer.state import ExplorerState

from . import jobs
from . import settings as saved
from .window_actions import ANSWER_TAB, WindowActions

BASE_PT = 12.0  # readable from the back of a classroom
FONT_STEP_PT = 2.0
MAX_STEPS = 6
WARM_AFTER_MS = 400
DOCK_LAYOUT_VERSION = 1  # Qt's saveState/restoreState version of the dock layout


def apply_base_font(app: QApplication, step: int = 0) -> QFont:
    f = QFont(app.font())
    f.setPointSizeF(BASE_PT + FONT_STEP_PT * step)
    app.setFont(f)
    return f


from .widgets.chrome import DockTitle, StatusText, size_by_current_page  # noqa: E402




KEEP_SIZE_MS = 80  # after the layouts a text-size change sets off have run


class MainWindow(WindowActions, QMainWindow):
    # The app (ui/app.py) sets it: what the filled window and the first Answer build are made
    # of lives as long as the window, and a full garbage collection walked all of it, ~80-120 ms
    # of frozen window (a stall in the middle of a playing timeline). Frozen, a collection walks
    # only what came after. Tests build and close many windows in one process and leave it off.
    freeze_heap = False

    def __init__(self, panel=None, data=None, charts_data=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Country Privacy Explorer")
        self.setObjectName("MainWindow")
        self.panel_data = self.data = self.state = None
        self.selector = self.panel = self.charts = None
        self.font_step = 0
        self._default_state: QByteArray | None = None

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator while the index loads
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("Loading index\u2026")
        self.progress.setTextVisible(True)
        self.status_label = StatusText("Loading the index\u2026")
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        waiting = QLabel("Loading the index\u2026")
        waiting.setAlignment(Qt.AlignCenter)
        self.setCentralWidget(waiting)
        self._build_menus()
        self.resize(1500, 920)
        values, self.settings_notices = saved.load()
        if "geometry" in values and not self.restoreGeometry(values["geometry"]):
            self.settings_notices.append("Saved window size was not readable; using the default.")
        self._saved_state = values.get("dock_state")
        self.font_step = values.get("font_step", 0)
        if self.settings_notices:
            self.statusBar().showMessage(" ".join(self.settings_notices), 15000)
        if panel is not None:
            self.set_data(panel, data, charts_data)

    # ---- menus -----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        mb = self.menuBar()
        f = self.file_menu = mb.addMenu("&File")
        self.export_action = f.addAction("&Export chart\u2026", self.export_dialog, QKeySequence("Ctrl+E"))
        self.export_action.setEnabled(False)
        self._build_import_menu(f)
        f.addSeparator()
        f.addAction("&Quit", self.close, QKeySequence.Quit)
        self.view_menu = mb.addMenu("&View")
        self.chart_actions: list[QAction] = []
        self.view_menu.addSeparator()
        self.find_action = self.view_menu.addAction("Find country", self._focus_search, QKeySequence.Find)
        self.find_action.setEnabled(False)
        self.view_menu.addAction("Larger text", lambda: self.change_text_size(+1), QKeySequence.ZoomIn)
        # Ctrl+= is where + sits on most keyboards without Shift
        self.addAction(QAction(self, shortcut=QKeySequence("Ctrl+="), triggered=lambda: self.change_text_size(+1)))
        self.view_menu.addAction("Smaller text", lambda: self.change_text_size(-1), QKeySequence.ZoomOut)
        self.view_menu.addAction("Normal text size", lambda: self.change_text_size(None), QKeySequence("Ctrl+0"))
        self.view_menu.addSeparator()
        self.view_menu.addAction("Reset layout", self.reset_layout)
        h = mb.addMenu("&Help")
        self.guide_action = h.addAction("&How to read this", self.show_guide, QKeySequence.HelpContents)
        self.sources_action = h.addAction("&Sources and licences", self.show_sources)
        self.about_action = h.addAction("&About", self.show_about)
        self.sources_action.setEnabled(False)
        self._build_advocate_actions(f, self.view_menu, h)

    def _build_advocate_actions(self, file_menu, view_menu, help_menu) -> None:
        """Slides, clipboard, country brief, peer table, "does not measure" (ui/advocates.py)."""
        from . import advocates
        advocates.install(self, file_menu, view_menu, help_menu)

    def _build_import_menu(self, f) -> None:
        f.addSeparator()
        self.import_action = f.addAction("&Import data\u2026", self.import_data)
        self.import_action.setToolTip("Bring in a publisher's new edition (xlsx or csv) or your own indicator")
        self.undo_import_action = f.addAction("&Undo last import", self.undo_import)
        self.import_action.setEnabled(False)
        self.undo_import_action.setEnabled(False)

    # ---- data ----------------------------------------------------------------------------------
    def set_data(self, panel, data=None, charts_data=None, view: dict | None = None) -> None:
        """Build the working window on the loaded Panel (called on the UI thread)."""
        from explorer.views.charts import ChartData
        from explorer.views.explore import ExploreData

        from .widgets.cards import IndicatorPanel
        from .widgets.selector import CountrySelector
        if self.freeze_heap and self.panel_data is not None:
            gc.unfreeze()   # a re-opened index (after an import): the old window's parts may go
        self.panel_data = panel
        self.data = data or ExploreData(panel)
        self.state = st = ExplorerState()
        view = view or self.data.default_view()
        with st.batch():
            st.set_indicator(view["indicator"])
            st.set_year(view["year"])
            st.set_selected(view["selected"])
            st.set_focused(view["focused"])

        self.charts = self._make_charts(charts_data or ChartData(panel))
        # Centre: the exploring charts and the composite answer. The answer is built when its
        # tab is first opened, so it costs nothing at start-up.
        self.answer = None
        self._cards_hidden_by_answer = False
        self.views = QTabWidget()
        self.views.setObjectName("views")
        self.views.setDocumentMode(True)
        self.views.addTab(self.charts, "Explore")
        self.views.addTab(QLabel("Computing the ranking\u2026", alignment=Qt.AlignCenter),
                          "Answer: who persecutes least?")
        # first: the page shown sets the minimum size before the docks come back for it
        self._size_views = size_by_current_page(self.views)
        self.views.currentChanged.connect(self._view_changed)
        self.setCentralWidget(self.views)

        self.selector = CountrySelector(self.data, st)
        self.selector.message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.selector_dock = self._dock("Countries", "countries_dock", self.selector, Qt.LeftDockWidgetArea)
        self.panel = IndicatorPanel(self.data, st)
        self.panel_dock = self._dock("Indicators for the focused country", "indicators_dock", self.panel,
                                     Qt.RightDockWidgetArea)
        self.panel.setMinimumWidth(280)  # the cards wrap; a 1024-pixel window keeps room for the chart
        self.resizeDocks([self.selector_dock, self.panel_dock], [340, 470], Qt.Horizontal)
        self._build_toolbar()
        self._build_view_actions()
        self._build_classroom()
        self.export_action.setEnabled(True)
        self.import_action.setEnabled(True)
        self.undo_import_action.setEnabled(True)
        self.find_action.setEnabled(True)
        self.sources_action.setEnabled(True)
        from . import advocates
        advocates.set_enabled(self)

        self.progress.hide()
        editions = "\n".join("  " + e for e in self.data.editions())
        from explorer.paths import index_status
        whose = index_status(getattr(panel, "path", None))
        mine = whose.startswith("using your") or "bundled data: your" in whose
        self.status_label.set_parts(("Your imported data \u00b7 " if whose.startswith("using your") else "")
                                    + f"Coverage: {self.data.coverage_text()}", self.data.editions_compact(),
                                    f"Editions of the data:\n{editions}\nIndex file: {getattr(panel, 'path', '')}"
                                    f"\n{whose[:1].upper() + whose[1:]}")
        if mine:
            self.statusBar().showMessage(whose[:1].upper() + whose[1:], 15000)
        self._default_state = self.saveState(DOCK_LAYOUT_VERSION)
        if self._saved_state is not None and not self.restoreState(self._saved_state, DOCK_LAYOUT_VERSION):
            self.statusBar().showMessage("Saved dock layout was not readable; using the default.", 15000)
        QTimer.singleShot(0, self.classroom.sane_docks)  # a saved layout sized for another window
        st.subscribe(self._on_state)
        self._on_state("indicator")
        if self.font_step:
            self.change_text_size(0)
        self.selector.tree.setFocus()
        QTimer.singleShot(0, self.panel.show_current)  # once the docks have their sizes
        # The caches that make a country switch fast (all countries' frames, all medians) are
        # filled on the job runner once the filled window is on screen, not before.
        charts = self.charts.data
        QTimer.singleShot(WARM_AFTER_MS, self, lambda: jobs.runner().submit(
            "warm-charts", charts.compute_warm, on_done=lambda warm: self._warm_installed(charts, warm)))
        self._freeze_long_lived()

    def _warm_installed(self, charts, warm) -> None:
        charts.install_warm(warm)
        self._freeze_long_lived()   # the caches live as long as the window

    def _freeze_long_lived(self) -> None:
        if self.freeze_heap:
            gc.freeze()

    def _build_classroom(self) -> None:
        """Timeline, presentation mode, saved views (explorer.ui.classroom)."""
        from .classroom import Classroom
        self.classroom = Classroom(self)

    def _make_charts(self, charts_data) -> QWidget:
        from .charts import ChartsPanel
        return ChartsPanel(charts_data, self.state)

    def _view_changed(self, i: int) -> None:
        # The answer has its own "why this rank" breakdown: the indicator cards step aside
        # while it is shown, so the ranking gets the width, and come back with Explore.
        # Presentation mode keeps every dock and toolbar hidden whichever view is shown; leaving
        # it calls this again for the view then on screen.
        presenting = getattr(self, "classroom", None) is not None and self.classroom.presenting
        if not presenting:
            self.toolbar.setVisible(i != ANSWER_TAB)  # its indicator and year drive Explore only
        if i == ANSWER_TAB:
            if not presenting:
                self._hide_cards_for_answer()
            if self.answer is None:
                self.show_answer()
        elif self._cards_hidden_by_answer and not presenting:
            self._cards_hidden_by_answer = False
            self.panel_dock.show()
            QTimer.singleShot(0, self.classroom.sane_docks)  # the window may have grown meanwhile

    def _hide_cards_for_answer(self) -> None:
        if self.panel_dock.isVisible():
            self._cards_hidden_by_answer = True
            self.panel_dock.hide()

    def show_answer(self):
        """Open the Answer tab, building the composite view the first time."""
        self.build_answer()
        if self.views.currentIndex() != ANSWER_TAB:
            self.views.setCurrentIndex(ANSWER_TAB)  # _view_changed hides the cards
        else:
            self._hide_cards_for_answer()
        return self.answer

    def build_answer(self):
        """The Answer view, built in its tab the first time (without opening the tab)."""
        if self.answer is None:
            from .answer.view import AnswerView
            QApplication.setOverrideCursor(Qt.WaitCursor)
            try:
                self.answer = AnswerView(self.panel_data, explorer_state=self.state)
            finally:
                QApplication.restoreOverrideCursor()
            self.views.blockSignals(True)
            self.views.removeTab(ANSWER_TAB)
            # In a scroll area: at the largest text in a 1024x700 window its headline wraps to a
            # dozen lines and its list (every column whole) and settings need ~1,000 px; the page
            # scrolls rather than growing the window past the screen.
            page = QScrollArea(objectName="answer_page", widgetResizable=True, frameShape=QFrame.NoFrame)
            page.setWidget(self.answer)
            self.views.insertTab(ANSWER_TAB, page, "Answer: who persecutes least?")
            self.views.blockSignals(False)
            self._size_views()
            self.answer.state.subscribe(self.classroom.follow_answer_year)
            self._freeze_long_lived()   # its engine, lists and caches (~40,000 objects)
        return self.answer

    def show_chart(self, i: int) -> None:
        self.views.setCurrentIndex(0)
        self.charts.setCurrentIndex(i)

    def _dock(self, title, name, widget, area) -> QDockWidget:
        d = QDockWidget(title, self)
        d.setObjectName(name)
        d.setTitleBarWidget(DockTitle(d))
        d.setWidget(widget)
        d.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable | QDockWidget.DockWidgetClosable)
        self.addDockWidget(area, d)
        return d

    def _build_toolbar(self) -> None:
        from .toolbar import IndicatorToolbar
        tb = self.toolbar = IndicatorToolbar(self.data, self.panel_data, self.state, self)
        self.addToolBar(Qt.TopToolBarArea, tb)
        # the toolbar's controls, as the classroom, saved views and tests reach them
        self.indicator_combo, self.indicator_y_combo, self.year_spin = (
            tb.indicator_combo, tb.indicator_y_combo, tb.year_spin)

    def _build_view_actions(self) -> None:
        for a in self.chart_actions:
            try:
                self.view_menu.removeAction(a)
            except RuntimeError:  # a dock's toggle action went with its dock (reload_index)
                pass
        self.chart_actions = []
        first = self.view_menu.actions()[0] if self.view_menu.actions() else None
        for i in range(self.charts.count()):
            a = QAction(self.charts.tabText(i), self, shortcut=QKeySequence(f"Ctrl+{i + 1}"))
            a.triggered.connect(lambda _=False, i=i: self.show_chart(i))
            self.view_menu.insertAction(first, a)
            self.chart_actions.append(a)
        a = QAction("Answer: who persecutes least?", self, shortcut=QKeySequence(f"Ctrl+{self.charts.count() + 1}"))
        a.triggered.connect(self.show_answer)
        self.view_menu.insertAction(first, a)
        self.chart_actions.append(a)
        for d in (self.selector_dock, self.panel_dock):
            a = d.toggleViewAction()
            self.view_menu.insertAction(first, a)
            self.chart_actions.append(a)

    # ---- state -> toolbar and title ---------------------------------------------------------
    def _on_state(self, field: str) -> None:
        self.toolbar.sync(field)
        st = self.state
        self.setWindowTitle(f"Country Privacy Explorer \u2014 {self.data.name(st.focused)}, {st.year}")

    def _latest_year(self) -> None:
        self.toolbar.latest_year()

    def _focus_search(self) -> None:
        if self.selector is not None:
            self.selector_dock.show()
            self.selector.focus_search()

    # ---- actions ----------------------------------------------------------------------------
    def change_text_size(self, delta: int | None) -> None:
        """Larger / smaller text for projectors: the whole window follows the application font."""
        old = QApplication.font().pointSizeF()
        size = self.size()
        self.font_step = 0 if delta is None else max(-1, min(MAX_STEPS, self.font_step + delta))
        base = apply_base_font(QApplication.instance(), self.font_step)
        # Style sheets freeze the fonts of the widgets they touch: move every widget that was at
        # the old base size along (charts keep their own, larger, sizes).
        for w in self.findChildren(QWidget):
            f = w.font()
            if abs(f.pointSizeF() - old) < 0.01 and not hasattr(w, "rescale"):
                f.setPointSizeF(base.pointSizeF())
                w.setFont(f)
        # This window's own widgets only, not every widget of the application: another window's
        # charts (a closed one's, in the test suite) are not this window's to rescale.
        for w in self.findChildren(QWidget):
            if hasattr(w, "rescale") and callable(w.rescale):
                w.rescale(base)
        if getattr(self, "toolbar", None) is not None:
            self.toolbar.fit_year_box()
        if self.panel is not None:
            QTimer.singleShot(0, self.panel.show_current)  # the cards grew or shrank
        if getattr(self, "classroom", None) is not None:
            QTimer.singleShot(0, self.classroom.sane_docks)  # larger cards must not take the centre
        QTimer.singleShot(KEEP_SIZE_MS, self, lambda: self._keep_size(size))  # not after a close

    def _keep_size(self, size) -> None:
        """The window keeps its size across a text-size change wherever its contents allow: a
        label measured in the middle of the re-layout (a wrapped headline at a passing width)
        grew a 1024x700 window to 1024x950, and a window does not shrink back by itself."""
        if self.windowState() & (Qt.WindowMaximized | Qt.WindowFullScreen):
            return
        want = size.expandedTo(self.minimumSizeHint())
        if want != self.size():
            self.resize(want)

    def reset_layout(self) -> None:
        if self._default_state is not None:
            for d in (self.selector_dock, self.panel_dock):
                d.setFloating(False)
                d.show()
            self.restoreState(self._default_state, DOCK_LAYOUT_VERSION)
        self.resize(1500, 920)
        if getattr(self, "classroom", None) is not None:
            self.classroom.reset()  # every dock and toolbar shown, at sane widths

    def restore_session(self) -> None:
        """Reopen what was on screen at the last close (the app calls this; tests opt in)."""
        notice = self.classroom.saved.restore_session() if getattr(self, "classroom", None) else None
        if notice:
            self.statusBar().showMessage(notice, 15000)

    def closeEvent(self, ev):
        if getattr(self, "classroom", None) is not None:
            self.classroom.closing()
        values = {"geometry": self.saveGeometry(), "font_step": self.font_step}
        if self.state is not None:
            # The layout is saved as Explore shows it: the Answer tab hides the cards and the
            # toolbar only while it is shown, and a layout saved then reopened without them.
            if self._cards_hidden_by_answer:
                self._cards_hidden_by_answer = False
                self.panel_dock.show()
            if self.views.currentIndex() == ANSWER_TAB:
                self.toolbar.setVisible(True)
            if getattr(self, "classroom", None) is not None and self.classroom.docks.stacked:
                # saved side by side: the next start stacks them again only if still crowded
                # (a stacked layout reopened in a large window stayed stacked, cut tab titles)
                self.setUpdatesEnabled(False)
                self.classroom.docks.unstack()
            values["dock_state"] = self.saveState(DOCK_LAYOUT_VERSION)
        saved.save(values)
        super().closeEvent(ev)
