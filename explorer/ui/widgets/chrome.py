"""Window chrome: dock title bars with projector-readable colours and glyphs, and the status bar's
coverage-and-editions text that fits the width it has."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

# No style sheets: one on the window restyled every widget (charts and 53 cards included) and
# made building the filled window several times slower. Colours are palettes instead.
TITLE_BG, TITLE_FG = "#1F4E79", "#FFFFFF"
SEP = "  \u00b7  "


def title_icon(glyph: str, size: int = 16) -> QIcon:
    """White float / close glyphs: the style's grey ones vanish on the dark blue title."""
    pm = QPixmap(size, size)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(QPen(QColor(TITLE_FG), 2))
    if glyph == "close":
        p.drawLine(4, 4, size - 4, size - 4)
        p.drawLine(size - 4, 4, 4, size - 4)
    else:  # two overlapping windows
        p.drawRect(6, 3, size - 9, size - 9)
        p.drawRect(3, 6, size - 9, size - 9)
    p.end()
    return QIcon(pm)


class DockTitle(QWidget):
    """A dock's title bar in white on dark blue, with the usual float and close buttons.
    Mouse events it does not use go to the dock, so dragging and double-clicking still work."""

    def __init__(self, dock: QDockWidget):
        super().__init__(dock)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(QPalette.Window, QColor(TITLE_BG))
        pal.setColor(QPalette.WindowText, QColor(TITLE_FG))
        pal.setColor(QPalette.ButtonText, QColor(TITLE_FG))
        self.setPalette(pal)
        self.label = QLabel(dock.windowTitle())
        self.label.setToolTip(dock.windowTitle())
        # at large text the title's full width became the dock's minimum (690 px of 1920)
        self.label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.label.setMinimumWidth(60)
        f = self.label.font()
        f.setBold(True)
        self.label.setFont(f)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        lay.addWidget(self.label, 1)
        for glyph, tip, slot in (("float", "Float or dock this panel",
                                  lambda: dock.setFloating(not dock.isFloating())),
                                 ("close", "Close this panel (View menu brings it back)", dock.close)):
            b = QToolButton(self)
            b.setIcon(title_icon(glyph))
            b.setToolTip(tip)
            b.setAccessibleName(tip)
            b.setAutoRaise(True)
            b.setFocusPolicy(Qt.NoFocus)
            b.clicked.connect(slot)
            lay.addWidget(b)


class StatusText(QLabel):
    """Coverage and editions in the status bar, cut to the width it has: the editions that do
    not fit become '+N more', and the tooltip has them all."""

    def __init__(self, text=""):
        super().__init__(text)
        self.head, self.items = text, []
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # the bar sets the width
        self.setMinimumWidth(80)

    def set_parts(self, head: str, items: list[str], tooltip: str) -> None:
        self.head, self.items = head, list(items)
        self.setToolTip(tooltip)
        self._fit()

    def _fit(self) -> None:
        if not self.items:
            self.setText(self.head)
            return
        fm, room = self.fontMetrics(), self.width() - 8
        for k in range(len(self.items), -1, -1):
            rest = len(self.items) - k
            shown = self.items[:k] + ([f"+{rest} more (hover)"] if rest else [])
            text = f"{self.head}{SEP}Editions: " + " \u00b7 ".join(shown)
            if fm.horizontalAdvance(text) <= room or k == 0:
                break
        self.setText(text)

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        self._fit()

    def changeEvent(self, ev):
        super().changeEvent(ev)
        if ev.type() == ev.Type.FontChange:
            self._fit()


def size_by_current_page(tabs) -> Callable[[], None]:
    """Let a tab widget's minimum size be its current page's, not its largest hidden page's.

    A QStackedWidget asks every page for its minimum size, shown or not: once the Answer tab had
    been opened, its ranking table (wider at each "Larger text") widened Explore too, and at a
    1024-pixel window the window grew past the screen (1251 px, 1903 at the largest text). A
    hidden page's size policy is Ignored (Qt then skips its size hint); the page shown gets its
    own back. Returns the function to call when a page is added or replaced."""
    def apply(*_):
        current = tabs.currentWidget()
        for i in range(tabs.count()):
            page = tabs.widget(i)
            own = page.property("own_size_policy")
            if own is None:
                own = page.sizePolicy()
                page.setProperty("own_size_policy", own)
            page.setSizePolicy(own if page is current else QSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored))
    tabs.currentChanged.connect(apply)
    apply()
    return apply
