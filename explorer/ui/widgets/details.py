"""The indicator details box (under the cards) follows the current card and is readable
without dragging its splitter.

    follow_details(panel)    # panel: widgets.cards.IndicatorPanel

- A card that takes keyboard focus (Tab, the arrow keys from card to card, a click) shows
  its description, scale direction, caveats and source in the box, as a click always did.
- The box gets a sane share of the panel's height: enough for the current text when it can
  (at least MIN_SHARE, at most MAX_SHARE of the splitter), re-fitted when the panel is
  resized or the text size changes, until the user drags the splitter themselves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QSplitter

MIN_SHARE = 0.34     # the box never opens smaller than this share of the splitter...
MAX_SHARE = 0.5      # ... nor takes more than half of it: the cards stay the panel's body
MIN_LINES = 7        # and never fewer lines than these, when the splitter has the room


class _Follow(QObject):
    def __init__(self, panel):
        super().__init__(panel)
        self.panel = panel
        self.split: QSplitter = panel.details.parentWidget()
        self.user_sized = False
        self.split.splitterMoved.connect(self._dragged)
        self._fit_soon = QTimer(self, singleShot=True, interval=0)
        self._fit_soon.timeout.connect(self.fit)
        # one signal per focus change (an event filter on each of the 53 cards saw ~1,800
        # events a refresh and cost 30 ms when a saved view was opened)
        QApplication.instance().focusChanged.connect(self._focus_moved)
        panel.destroyed.connect(lambda *_: self._disconnect())
        for w in (panel, self.split):
            w.installEventFilter(self)
        self._fitting = False
        self._need = 0          # the tallest text shown at this width: the box never shrinks card to card
        self._width = -1

    def _dragged(self, *_):
        if not self._fitting:
            self.user_sized = True

    def _disconnect(self) -> None:
        try:
            QApplication.instance().focusChanged.disconnect(self._focus_moved)
        except (RuntimeError, TypeError):
            pass

    def _focus_moved(self, _old, now) -> None:
        ind = getattr(now, "indicator", None)
        if ind is not None and self.panel.cards.get(ind) is now and ind != self.panel.shown:
            self.panel.show_details(ind)
            self._fit_soon.start()

    def eventFilter(self, obj, ev):  # noqa: N802 (Qt name)
        t = ev.type()
        if t in (QEvent.Resize, QEvent.Show, QEvent.FontChange) and obj in (self.panel, self.split):
            if t == QEvent.FontChange:
                self._width = -1
            self._fit_soon.start()
        return False

    def fit(self) -> None:
        """Share the splitter out: the details' text whole when it fits in MAX_SHARE."""
        if self.user_sized or not self.split.isVisible():
            return
        total = sum(self.split.sizes())
        if total <= 0:
            return
        box = self.panel.details
        doc = box.document()
        doc.setTextWidth(box.viewport().width())
        if box.viewport().width() != self._width:
            self._width, self._need = box.viewport().width(), 0
        self._need = need = max(self._need, int(doc.size().height()) + 2 * box.frameWidth() + 8)
        lines = MIN_LINES * box.fontMetrics().lineSpacing() + 2 * box.frameWidth()
        want = max(need, lines, int(MIN_SHARE * total))
        want = min(want, int(MAX_SHARE * total))
        now = self.split.sizes()[1]
        if abs(now - want) > 4:
            self._fitting = True
            try:
                self.split.setSizes([total - want, want])
            finally:
                self._fitting = False


def follow_details(panel) -> _Follow:
    """Keep ``panel``'s details box on the current card, at a readable height."""
    return _Follow(panel)
