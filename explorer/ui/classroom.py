"""What a classroom needs from the main window, kept out of ``main_window.py``: the timeline
bar and its keys, presentation mode, and sane dock sizes.

    room = Classroom(window)      # after window.set_data built the views
    room.timeline                 # TimelineState (year, playing, speed, loop)
    room.toggle_presentation()    # F11 / Esc

Keys (window-wide): PgUp/PgDn and Ctrl+Left/Right step the year, Space plays and pauses,
Home/End jump to the first or last year with data. A focused text box, button, list or
spin box keeps Space/Home/End for itself (typing a name with a space, ticking a country).
In presentation mode: Up/Down the previous/next compared country, Left/Right the year,
Tab the next view, Ctrl+1..n a view, Esc leaves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox,
                               QLabel, QLineEdit, QSizePolicy, QTextEdit, QToolBar, QWidget)

from explorer.state import TimelineState

from .docks import DockRoom
from .widgets.timeline import TimelineBar

PRESENT_STEP = 6          # base 12 pt + 6 x 2 pt = 24 pt labels (the minimum at 1080p)
OWN_KEYS = (QAbstractItemView, QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QTextEdit)
SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride
SHARED_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Home, Qt.Key.Key_End)


class _KeepOwnKeys(QObject):
    """Lets a focused input widget keep Space/Home/End (it asks with ShortcutOverride).

    It filters the focus widget only, following the focus: an application-wide filter in
    Python ran for every event of every widget (hundreds per country switch)."""

    def __init__(self, parent):
        super().__init__(parent)
        self._on = None
        QApplication.instance().focusChanged.connect(self._follow)

    def _follow(self, _old, new) -> None:
        if self._on is not None:
            try:
                self._on.removeEventFilter(self)
            except RuntimeError:  # the widget is gone
                pass
            self._on = None
        if isinstance(new, OWN_KEYS):
            new.installEventFilter(self)
            self._on = new

    def stop(self) -> None:
        try:
            QApplication.instance().focusChanged.disconnect(self._follow)
        except (RuntimeError, TypeError):
            pass
        self._follow(None, None)

    def eventFilter(self, obj, ev):  # noqa: N802 (Qt name)
        if (ev.type() == SHORTCUT_OVERRIDE and ev.key() in SHARED_KEYS
                and not ev.modifiers() & ~Qt.KeyboardModifier.KeypadModifier and isinstance(obj, OWN_KEYS)):
            ev.accept()  # the widget gets the key as a key press; the shortcut does not fire
            return False
        return False


def high_contrast(pal: QPalette) -> QPalette:
    """Black on white with a dark blue highlight: survives a washed-out projector."""
    pal = QPalette(pal)
    for role, colour in ((QPalette.ColorRole.Window, "#FFFFFF"), (QPalette.ColorRole.WindowText, "#000000"),
                         (QPalette.ColorRole.Base, "#FFFFFF"), (QPalette.ColorRole.Text, "#000000"),
                         (QPalette.ColorRole.Button, "#FFFFFF"), (QPalette.ColorRole.ButtonText, "#000000"),
                         (QPalette.ColorRole.Highlight, "#002B5C"),
                         (QPalette.ColorRole.HighlightedText, "#FFFFFF")):
        pal.setColor(role, QColor(colour))
    return pal


class _TypedYear(QObject):
    """Sees each key typed into the year box, before the box's validator drops a digit that
    would make the year impossible, so the refusal can be explained."""

    def __init__(self, room):
        super().__init__(room.w)
        self.room = room

    def eventFilter(self, obj, ev):  # noqa: N802 (Qt name)
        if ev.type() == QEvent.Type.KeyPress:
            text = ev.text()
            if text.isdigit():
                cur = obj.text()
                a, b = (obj.selectionStart(), obj.selectionStart() + len(obj.selectedText())) \
                    if obj.hasSelectedText() else (obj.cursorPosition(), obj.cursorPosition())
                self.room._year_typed(cur[:a] + text + cur[b:])
            elif ev.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.room._year_typed(obj.text(), done=True)
        return False


class Classroom:
    def __init__(self, window):
        self.w = w = window
        self.timeline = TimelineState()
        self.bar = TimelineBar(self.timeline, w.state, w.panel_data.years, w)
        self.bar.message.connect(lambda m: w.statusBar().showMessage(m, 8000))
        tb = QToolBar("Timeline", w)
        tb.setObjectName("timeline_toolbar")
        tb.setMovable(False)
        tb.addWidget(self.bar)
        w.addToolBar(Qt.ToolBarArea.BottomToolBarArea, tb)
        self.toolbar = tb
        # the presentation title: indicator, year and source, shown only while presenting
        self.title = QLabel(w)
        self.title.setObjectName("presentation_title")
        self.title.setWordWrap(True)
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title_bar = QToolBar("Presentation title", w)
        self.title_bar.setObjectName("presentation_title_bar")
        self.title_bar.setMovable(False)
        self.title_bar.addWidget(self.title)
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.title_bar)
        w.insertToolBarBreak(self.title_bar)
        self.title_bar.hide()
        self.presenting = False
        self._before: dict = {}
        self._filter = _KeepOwnKeys(w)
        self._filter._follow(None, QApplication.focusWidget())
        w.destroyed.connect(lambda *_: self._remove_filter())
        self._actions()
        w.state.subscribe(self._on_state)
        self.timeline.subscribe(lambda f: f == "playing" and self.follow_year())
        w.views.currentChanged.connect(self.follow_year)
        for tabs in (w.views, w.charts):
            tabs.currentChanged.connect(lambda *_: self.presenting and self._title())
        from .views_menu import SavedViews
        self.saved = SavedViews(w, self)
        w.selector.search.textChanged.connect(self._no_match)  # after the list's own refresh
        from .widgets.details import follow_details
        self.details = follow_details(w.panel)   # the details box follows the current card
        self.docks = DockRoom(w)  # sane widths; stacked as tabs when the text is too large for both
        self._year_keys = _TypedYear(self)
        w.year_spin.lineEdit().installEventFilter(self._year_keys)

    # ---- small things a classroom trips over -------------------------------------------------
    def _no_match(self, text: str) -> None:
        sel = self.w.selector
        if text.strip() and sel.tree.topLevelItemCount() == 0:
            sel.show_notice(f"No country matches \u201c{text.strip()}\u201d. Try part of a name or an ISO code.")

    def _year_typed(self, text: str, done: bool = False) -> None:
        """A typed year outside the box's range is refused by the box in silence: say why."""
        spin = self.w.year_spin
        digits = "".join(ch for ch in text if ch.isdigit())
        if not digits:
            return
        year = int(digits)
        hi = str(spin.maximum())
        could_be = any(str(y).startswith(digits) for y in range(spin.minimum(), spin.maximum() + 1))
        if (done or len(digits) >= len(hi) or not could_be) and not spin.minimum() <= year <= spin.maximum():
            self.year_refusal = (f"{year} is outside the years of the index ({spin.minimum()}\u2013"
                                 f"{spin.maximum()}); the year stays at {self.w.state.year}.")
            self.w.statusBar().showMessage(self.year_refusal, 8000)
            spin.setToolTip(self.year_refusal)

    def closing(self) -> None:
        """The window closes: leave presentation (its font and chrome are not the user's
        layout) and write the session."""
        self.timeline.playing = False
        self.leave_presentation()
        self.saved.save_session()

    def _remove_filter(self) -> None:
        try:
            self._filter.stop()
        except RuntimeError:  # already deleted with the window: Qt disconnected it
            pass

    # ---- keys ------------------------------------------------------------------------------
    def _action(self, text, keys, slot, menu=None, present_only=False) -> QAction:
        a = QAction(text, self.w)
        a.setShortcuts([QKeySequence(k) for k in keys])
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        self.w.addAction(a)
        if menu is not None:
            menu.addAction(a)
        if present_only:
            a.setEnabled(False)
            self._present_actions.append(a)
        return a

    def _actions(self) -> None:
        w, tl = self.w, self.timeline
        self._present_actions: list[QAction] = []
        menu = w.menuBar().addMenu("&Timeline")
        menu.setObjectName("timeline_menu")
        self.play_action = self._action("Play / pause", ["Space"], tl.toggle, menu)
        self._action("Next year", ["PgDown", "Ctrl+Right"], lambda: tl.step(+1), menu)
        self._action("Previous year", ["PgUp", "Ctrl+Left"], lambda: tl.step(-1), menu)
        self._action("First year with data", ["Home"], tl.to_first, menu)
        self._action("Last year with data", ["End"], tl.to_last, menu)
        w.view_menu.addSeparator()
        self.present_action = self._action("Presentation", ["F11"], self.toggle_presentation, w.view_menu)
        self.present_action.setCheckable(True)
        self._action("Leave presentation", ["Esc"], self.leave_presentation, present_only=True)
        self._action("Next year (presenting)", ["Right"], lambda: tl.step(+1), present_only=True)
        self._action("Previous year (presenting)", ["Left"], lambda: tl.step(-1), present_only=True)
        self._action("Next country", ["Down"], lambda: self.step_country(+1), present_only=True)
        self._action("Previous country", ["Up"], lambda: self.step_country(-1), present_only=True)
        self._action("Next view", ["Tab"], lambda: self.step_view(+1), present_only=True)
        self._action("Previous view", ["Shift+Tab", "Backtab"], lambda: self.step_view(-1), present_only=True)

    def step_country(self, n: int) -> None:
        st = self.w.state
        if not st.selected:
            return
        i = st.selected.index(st.focused) if st.focused in st.selected else -1
        st.focused = st.selected[(i + n) % len(st.selected)]

    def views(self) -> list[tuple[int, int]]:
        """Every view as (centre tab, chart tab): the charts, then the answer."""
        return [(0, i) for i in range(self.w.charts.count())] + [(1, -1)]

    def step_view(self, n: int) -> None:
        w = self.w
        now = (w.views.currentIndex(), w.charts.currentIndex() if w.views.currentIndex() == 0 else -1)
        vs = self.views()
        k = vs.index(now) if now in vs else 0
        tab, chart = vs[(k + n) % len(vs)]
        if tab == 0:
            w.show_chart(chart)
        else:
            w.show_answer()
        self._title()

    # ---- presentation mode ---------------------------------------------------------------
    def toggle_presentation(self) -> None:
        if self.presenting:
            self.leave_presentation()
        else:
            self.enter_presentation()

    def chrome(self) -> list[QWidget]:
        """What presentation hides: menus, toolbars, docks, status bar, tab bars."""
        w = self.w
        return [w.menuBar(), w.toolbar, w.selector_dock, w.panel_dock, w.statusBar(),
                w.views.tabBar(), w.charts.tabBar()]

    def enter_presentation(self) -> None:
        if self.presenting:
            return
        w = self.w
        self.presenting = True
        self._before = {"visible": {id(x): x.isVisible() for x in self.chrome()}, "font_step": w.font_step,
                        "full": w.isFullScreen(), "maximized": w.isMaximized(), "palette": QPalette(w.palette()),
                        "geometry": w.saveGeometry()}
        for x in self.chrome():
            x.hide()
        w.setPalette(high_contrast(w.palette()))
        self.title_bar.show()
        self.toolbar.show()
        w.change_text_size(PRESENT_STEP - w.font_step)
        for a in self._present_actions:
            a.setEnabled(True)
        self.present_action.setChecked(True)
        self._title()
        w.showFullScreen()
        w.views.setFocus()

    def leave_presentation(self) -> None:
        if not self.presenting:
            return
        w, before = self.w, self._before
        self.presenting = False
        for a in self._present_actions:
            a.setEnabled(False)
        self.title_bar.hide()
        w.change_text_size(before["font_step"] - w.font_step)
        w.setPalette(before["palette"])
        for x in self.chrome():
            x.setVisible(before["visible"].get(id(x), True))
        w._view_changed(w.views.currentIndex())  # the cards and toolbar as the view now shown has them
        if not before["full"]:
            w.showMaximized() if before["maximized"] else w.showNormal()
            w.restoreGeometry(before["geometry"])
        self.present_action.setChecked(False)

    def _on_state(self, field: str) -> None:
        if field == "year":
            self.follow_year()
        if self.presenting and field in ("indicator", "year", "focused"):
            self._title()

    def follow_year(self, *_) -> None:
        """The Answer tab follows the one year, when it is on screen (a hidden answer catches
        up when its tab opens, so a timeline step on Explore never pays for it)."""
        w = self.w
        year = w.state.year
        if w.answer is not None:   # a playing timeline: each year's robustness waits until it stops
            w.answer.hold_robustness(self.timeline.playing)
        if w.answer is None or year is None or w.views.currentIndex() != 1 or w.answer.state.year == year:
            return
        try:
            w.answer.state.year = year
        except ValueError as e:  # a year the answer cannot score: say so, keep its numbers honest
            w.statusBar().showMessage(f"The answer stays at {w.answer.state.year}: {e}", 8000)

    def follow_answer_year(self, field: str) -> None:
        """The other way: a year typed in the Answer's own Year box moves the one year too (the
        bar, the presentation title and the charts behind the tab say the same year)."""
        w = self.w
        if field != "year" or w.views.currentIndex() != 1:
            return
        year = w.answer.state.year
        if year is not None and year != w.state.year:
            try:
                w.state.year = year
            except ValueError:
                pass   # a year the explorer cannot hold: the Answer keeps it, and says so

    def _title(self) -> None:
        w = self.w
        st = w.state
        if w.views.currentIndex() == 1:
            text = f"Who persecutes least? Composite answer, {st.year}"
        else:
            info = w.charts.data.info(st.indicator) if st.indicator else None
            view = w.charts.tabText(w.charts.currentIndex())
            text = (f"{info.short} — {st.year} — Source: {info.publisher}  ({view})" if info
                    else f"{view} — {st.year}")
        self.title.setText(text)
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)

    # ---- layout (explorer.ui.docks) ---------------------------------------------------------
    def sane_docks(self) -> None:
        self.docks.fit()

    def reset(self) -> None:
        self.docks.reset()
