"""A wrapped label that keeps to a budget of height: a longer text is cut at a word and ends
with MORE, and its tooltip holds the whole text. ``text()`` is always the whole text: captions,
exports, screen readers and tests read that. Used for a chart's note (missing data, other
years, the scale, the credit) in a chart too short for it."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

MORE = "\u2026 (all of it on hover)"


class NoteLabel(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._full = ""
        self._budget: int | None = None  # pixels of height; None: the whole note always
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def text(self) -> str:  # noqa: D102 (the whole note, also when a cut one is shown)
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        self._full = text or ""
        self._fit()

    def is_cut(self) -> bool:
        return super().text() != self._full

    def set_budget(self, pixels: int | None) -> None:
        if pixels != self._budget:
            self._budget = pixels
            self._fit()

    def _height(self, text: str, width: int) -> int:
        fm = QFontMetrics(self.font())
        return fm.boundingRect(QRect(0, 0, width, 1 << 20), int(Qt.TextFlag.TextWordWrap), text).height()

    def _fit(self) -> None:
        full, width = self._full, self.width() - 2 * self.margin()
        shown = full
        if self._budget is not None and full and width > 40 and self._height(full, width) > self._budget:
            words = full.split(" ")
            lo, hi = 0, len(words) - 1  # the most words that fit with MORE after them
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if self._height(" ".join(words[:mid]).rstrip(" ;,.") + MORE, width) <= self._budget:
                    lo = mid
                else:
                    hi = mid - 1
            shown = " ".join(words[:lo]).rstrip(" ;,.") + MORE
        if shown != super().text():
            super().setText(shown)
        tip = full if shown != full else ""
        if tip != self.toolTip():
            self.setToolTip(tip)

    def resizeEvent(self, ev):  # noqa: N802 (Qt name)
        super().resizeEvent(ev)
        if ev.oldSize().width() != ev.size().width():
            self._fit()

    def changeEvent(self, ev):  # noqa: N802 (Qt name)
        super().changeEvent(ev)
        if ev.type() == ev.Type.FontChange:
            self._fit()
