"""A word-wrapped label whose height only grows while its text changes at one width and font.
The Answer's headline and breakdown title change at every year of a playing timeline; a label
one line shorter or longer each time would re-lay out (and repaint) the whole view, and make
the list jump under the student's eyes."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel


MIN_WIDTH = 120  # narrower than this, a label is between layouts


class SteadyLabel(QLabel):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setWordWrap(True)
        self._width = -1

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        if text == self.text():
            return
        super().setText(text)
        self._hold()

    def _hold(self) -> None:
        if self.width() < MIN_WIDTH:
            return  # not laid out yet, or squeezed for a moment: its wrapped height would stick
        if self.width() != self._width:
            self._width = self.width()
            self.setMinimumHeight(0)   # a new width (or font): measure afresh
        need = self.heightForWidth(self.width())
        if need > self.minimumHeight():
            self.setMinimumHeight(need)

    def resizeEvent(self, ev) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(ev)
        if self.width() != self._width and self._width != -1:
            self._hold()  # a height held for another width (a 528-px headline grew the window)

    def changeEvent(self, ev) -> None:  # noqa: N802 (Qt name)
        if ev.type() == QEvent.FontChange:
            self._width = -1
            self.setMinimumHeight(0)
        super().changeEvent(ev)
