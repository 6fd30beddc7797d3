"""The two side docks (Countries, Indicators) keep the current view readable: sane widths at
any window size, and, when the text is too large for the window to hold both beside the view,
the two share one side as tabs until there is room again.

    docks = DockRoom(window)   # after set_data built the docks
    docks.fit()                # after a resize, a text-size change or a restored layout
    docks.reset()              # View > Reset layout: every dock and toolbar back
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QTabBar

DOCK_SHARE = 0.28         # a dock never takes more than this share of the window's width
CENTRE_SHARE = 0.48       # and the docks together leave the current view at least this share
CENTRE_MIN_CHARS = 44     # side by side, the docks leave the view about this many characters
                          # of the window's text: at 1024x700 and the largest text they left it
                          # 360 px, a chart title in three lines over a 60-pixel plot
STACKED_SHARE = 0.33      # stacked as tabs, the one column of docks may take this share
STACKED_TITLE = "Indicators"  # the Indicators dock's tab: its whole title left "C..." for Countries
UNSTACK_MARGIN_CHARS = 4  # room needed beyond that before they go back to both sides (no flapping)
TAB_FONT_FLOOR = 0.75     # stacked docks' tabs shrink their text to this share of the window's, at most


class _OnResize(QObject):
    """Calls ``fn`` after the watched window changed width."""

    def __init__(self, window, fn):
        super().__init__(window)
        self.fn, self._width = fn, window.width()
        window.installEventFilter(self)

    def eventFilter(self, obj, ev):  # noqa: N802 (Qt name)
        if ev.type() == QEvent.Type.Resize and obj.width() != self._width:
            self._width = obj.width()
            self.fn()
        return False


class DockRoom:
    def __init__(self, window):
        self.w = window
        self.stacked = False  # the docks were stacked here (not by the user), so may be unstacked
        self._title: str | None = None  # the Indicators dock's whole title while its tab is short
        # the window's width when each dock was last fitted: a dock hidden while the window
        # grew (the cards, on the Answer tab) catches up when it is shown again
        self._fitted = {d.objectName(): window.width() for d in self.docks}
        self._resized = QTimer(window, singleShot=True, interval=50)
        self._resized.timeout.connect(self.fit)
        self._width_filter = _OnResize(window, self._resized.start)

    @property
    def docks(self):
        return self.w.selector_dock, self.w.panel_dock

    def centre_min(self) -> int:
        """The width the view keeps beside both docks, in pixels of the window's text now."""
        return CENTRE_MIN_CHARS * QFontMetrics(QApplication.font()).averageCharWidth()

    def side_by_side_width(self) -> int:
        """The narrowest window that holds both docks beside a readable view."""
        a, b = self.docks
        return a.minimumSizeHint().width() + b.minimumSizeHint().width() + self.centre_min()

    def fit(self) -> None:
        """Stack or unstack the docks for the window's width and text size, then share widths."""
        w = self.w
        if getattr(getattr(w, "classroom", None), "presenting", False):
            return  # the docks are hidden; leaving presentation calls this again
        a, b = self.docks
        together = b in w.tabifiedDockWidgets(a)
        docked = all(d.isVisible() and not d.isFloating() for d in (a, b))
        # a wider window (a laptop's layout maximised on a projector) widens the side docks with
        # it: Qt gave all the new width to the view, and a layout made for 1024 pixels left a
        # 1920-pixel window's cards in 260 pixels and its country names cut. The user's
        # proportions stay; share() caps each dock.
        grow = not together
        if docked and not together and w.width() < self.side_by_side_width():
            w.tabifyDockWidget(a, b)  # the Indicators join the Countries as a tab
            self._title = b.windowTitle()
            b.setWindowTitle(STACKED_TITLE)  # the tab's text (its title bar keeps the whole title)
            a.raise_()
            self.stacked = True
            QTimer.singleShot(0, self.w, self.fit_tabs)  # their tab bar is laid out by then
            # one column for both: wider than a dock beside another, so that the list's names
            # are read, not cut to their first letter ("B...", at the largest text in 1024 px)
            w.resizeDocks([a], [int(STACKED_SHARE * w.width())], Qt.Orientation.Horizontal)
            return
        elif self.stacked and together and w.width() >= self.side_by_side_width() \
                + UNSTACK_MARGIN_CHARS * QFontMetrics(QApplication.font()).averageCharWidth():
            self.unstack()   # at default widths for this window: nothing to widen
            grow = False
        elif self.stacked and not together:
            self._untitle()
            self.stacked = False  # the user moved them: theirs now
        self.share(grow)
        self.fit_tabs()

    def fit_tabs(self) -> None:
        """Docks sharing one column show their names in tabs: at the largest text in a
        1024-pixel window both were cut ("Countr\u2026", "Indicat\u2026", 11 pixels short). The
        tabs' text shrinks a point at a time, to TAB_FONT_FLOOR of the window's at most, until
        every name fits; otherwise it is the window's."""
        base = QApplication.font()
        for bar in self.w.findChildren(QTabBar):
            if bar.parent() is not self.w or bar.count() < 2:
                continue   # not a dock column's tabs (the views have their own)
            fm = bar.fontMetrics()
            texts = [bar.tabText(i) for i in range(bar.count())]
            pads = [bar.tabSizeHint(i).width() - fm.horizontalAdvance(t) for i, t in enumerate(texts)]
            f, size = QFont(base), base.pointSizeF()
            while size > TAB_FONT_FLOOR * base.pointSizeF():
                f.setPointSizeF(size)
                m = QFontMetrics(f)
                if sum(m.horizontalAdvance(t) + p for t, p in zip(texts, pads)) <= bar.width():
                    break
                size -= 1.0
            f.setPointSizeF(max(size, TAB_FONT_FLOOR * base.pointSizeF()))
            if f != bar.font():
                bar.setFont(f)

    def unstack(self) -> None:
        """Countries on the left, Indicators on the right, at their default widths."""
        w = self.w
        self._untitle()
        self.stacked = False
        w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, w.panel_dock)
        width = max(w.width(), 1)
        w.resizeDocks(list(self.docks), [int(0.22 * width), int(DOCK_SHARE * width)], Qt.Orientation.Horizontal)

    def _untitle(self) -> None:
        if self._title:
            self.w.panel_dock.setWindowTitle(self._title)
            self._title = None

    def share(self, grow: bool = False) -> None:
        """Docks at most DOCK_SHARE of the window each (a restored layout gave the country list
        80% of a 1024-pixel window), and together at most 1 - CENTRE_SHARE: at 1024x700 with
        both docks open the chart kept 440 pixels and was cut at its right edge. ``grow``: each
        dock grows as the window has since that dock was last fitted (within those shares)."""
        w = self.w
        width = max(w.width(), 1)
        docks, areas = [], set()
        for d in self.docks:  # stacked docks share one column: count it once
            if d.isVisible() and not d.isFloating() and w.dockWidgetArea(d) not in areas:
                areas.add(w.dockWidgetArea(d))
                docks.append(d)
        share = STACKED_SHARE if len(docks) == 1 and self.stacked else DOCK_SHARE
        ratios = [max(1.0, width / self._fitted.get(d.objectName(), width)) if grow else 1.0 for d in docks]
        for d in docks:
            self._fitted[d.objectName()] = width
        sizes = [min(int(d.width() * r), int(share * width)) for d, r in zip(docks, ratios)]
        budget = int((1 - CENTRE_SHARE) * width)
        mins = [d.minimumSizeHint().width() for d in docks]
        for _ in range(3):        # shrink in proportion, never below what each needs
            if sum(sizes) <= budget or sizes == mins:
                break
            sizes = [max(m, int(s * budget / sum(sizes))) for s, m in zip(sizes, mins)]
        if docks and any(s != d.width() for s, d in zip(sizes, docks)):
            w.resizeDocks(docks, sizes, Qt.Orientation.Horizontal)

    def reset(self) -> None:
        w = self.w
        for d in self.docks:
            d.setFloating(False)
            d.show()
        for tb in (w.toolbar, w.classroom.toolbar):
            tb.show()
        self.unstack()
        self.fit()  # still too little room for both beside the view: stacked again
