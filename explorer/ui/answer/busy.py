""""Computing…" over the Answer's list, chart and breakdown while the year's score is on the job
runner: the numbers of the previous year (or weights) are hidden, never shown as if current."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget


class BusyCover(QLabel):
    """An opaque label laid over ``targets`` (widgets of the same window), following their size.
    ``cover(text)`` shows it, ``uncover()`` hides it."""

    def __init__(self, parent: QWidget, targets):
        super().__init__(parent, objectName="computing")
        self.targets = list(targets)
        self.setAlignment(Qt.AlignCenter)
        self.setWordWrap(True)
        self.setAutoFillBackground(True)   # opaque: nothing under it is painted; a palette, not a style sheet (~20 ms a show)
        pal = self.palette()
        pal.setColor(QPalette.Window, QColor(255, 255, 255))
        pal.setColor(QPalette.WindowText, QColor("#333333"))
        self.setPalette(pal)
        self.setAccessibleName("The answer is being computed")
        self.hide()
        for t in self.targets:
            t.installEventFilter(self)

    def cover(self, text: str) -> None:
        self.setText(text)
        self.follow()
        self.show()
        self.raise_()
        # What it covers is not painted under it (Qt paints hidden siblings too): no repaint of
        # the list, chart and breakdown at each year of a playing timeline while they are out
        # of sight, and one repaint with the new numbers when the cover goes.
        for t in self.targets:
            t.setUpdatesEnabled(False)

    def uncover(self) -> None:
        self.hide()
        for t in self.targets:
            t.setUpdatesEnabled(True)

    def follow(self) -> None:
        """Cover the shown targets' union (a breakdown moved into a tab is no longer beside the list)."""
        rect = QRect()
        for t in self.targets:
            if t.isVisibleTo(self.parentWidget()) and t.parentWidget() is not None:
                rect = rect.united(QRect(t.mapTo(self.parentWidget(), t.rect().topLeft()), t.size()))
        self.setGeometry(rect)

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802 (Qt name)
        if self.isVisible() and ev.type() in (QEvent.Resize, QEvent.Move, QEvent.Show, QEvent.Hide):
            self.follow()
        return False
