"""Cards that fit a narrow dock. At 1024x700 or at the largest text size the cards' three columns
(title | score | rank and sparkline) are wider than the dock, and the scroll area (no
horizontal scrolling) cut their right column: "not ranked" lost its end. When its columns do
not fit, a card reflows to one column (title, rank, value, year, bar and score, sparkline)
that never grows wider than the dock;
the rank label elides with "…" rather than being cut, and its tooltip gives the full text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QToolTip


class ElidedLabel(QLabel):
    """One line that shrinks with an ellipsis instead of being cut; hovering shows the whole text."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        s = super().minimumSizeHint()
        return QSize(min(s.width(), self.fontMetrics().horizontalAdvance("n…") + 2), s.height())

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def paintEvent(self, _ev) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        r = self.contentsRect()
        p.setPen(self.palette().color(self.foregroundRole()))
        p.setFont(self.font())
        p.drawText(r, int(self.alignment()), self.fontMetrics().elidedText(self.text(), Qt.ElideRight, r.width()))
        p.end()

    def event(self, ev) -> bool:
        if ev.type() == QEvent.Type.ToolTip and self.is_elided():
            tip = self.toolTip()
            QToolTip.showText(ev.globalPos(), self.text() + (f"\n{tip}" if tip and tip != self.text() else ""), self)
            return True
        return super().event(ev)


def wide_width(card) -> int:
    """The narrowest ``card`` can be in three columns with its rank in full."""
    g = card.layout()
    m, sp = g.contentsMargins(), g.horizontalSpacing()

    def w(x) -> int:
        return 0 if x.isHidden() else max(0, x.minimumSizeHint().width())
    left = max(w(card.title), w(card.raw), w(card.missing), w(card.bar) + sp + w(card.score))
    right = max(0 if card.rank.isHidden() else card.rank.sizeHint().width(), card.spark.width(), w(card.year))
    return m.left() + m.right() + left + sp + right


def lay_out(card, narrow: bool) -> None:
    """Three columns, or one column for a narrow dock (bar and score still share a row)."""
    if getattr(card, "narrow", None) == narrow:
        return
    card.narrow = narrow
    g = card.layout()
    parts = (card.title, card.rank, card.raw, card.year, card.bar, card.score, card.missing, card.spark)
    for part in parts:
        g.removeWidget(part)
    if narrow:
        places = {card.title: (0, 0, 1, 2), card.rank: (1, 0, 1, 2), card.raw: (2, 0, 1, 2),
                  card.year: (3, 0, 1, 2), card.bar: (4, 0, 1, 1), card.score: (4, 1, 1, 1),
                  card.missing: (4, 0, 1, 2), card.spark: (5, 0, 1, 2)}
        card.rank.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        card.year.setAlignment(Qt.AlignLeft)
    else:  # the cards' own layout (widgets/cards.py)
        places = {card.title: (0, 0, 1, 2), card.rank: (0, 2, 1, 1), card.raw: (1, 0, 1, 2),
                  card.year: (1, 2, 1, 1), card.bar: (2, 0, 1, 1), card.score: (2, 1, 1, 1),
                  card.missing: (2, 0, 1, 2), card.spark: (2, 2, 1, 1)}
        card.rank.setAlignment(Qt.AlignRight | Qt.AlignTop)
        card.year.setAlignment(Qt.AlignRight)
    for part in parts:
        g.addWidget(part, *places[part])
    # One column: a word longer than the dock is wide (a title at the largest text) is cut in
    # its own card only, instead of widening every card past the dock's edge.
    for part in (card.title, card.raw, card.missing):
        part.setMinimumWidth(1 if narrow else 0)
    for col in range(3):
        g.setColumnStretch(col, 1 if col == 0 else 0)


class CardReflow(QObject):
    """Watches the cards' scroll area: on a resize, or when the cards' texts or text size
    change (a layout request), a card whose three columns need more room than the viewport
    has takes one column; the others keep theirs."""

    def __init__(self, panel):
        super().__init__(panel)
        self.panel = panel
        self._gone = False
        panel.scroll.viewport().installEventFilter(self)
        panel.scroll.widget().installEventFilter(self)

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802 (Qt name)
        if ev.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest) and not self._gone:
            try:
                self.apply()
            except RuntimeError:  # the panel is being destroyed: its cards are already gone
                self._gone = True
        return False

    def apply(self) -> None:
        inner = self.panel.scroll.widget().layout().contentsMargins()
        room = self.panel.scroll.viewport().width() - inner.left() - inner.right()
        narrow = False
        for c in self.panel.cards.values():
            # Measuring a card asks each of its labels for its size: only when its content, the
            # room or the text size changed (a country switch sends several layout requests).
            key = (room, id(c.card), c.font().pointSizeF(), c.title.font().pointSizeF())
            if getattr(c, "_reflow_key", None) != key:
                c._reflow_key = key
                lay_out(c, wide_width(c) > room)
            narrow = narrow or c.narrow
        for lab in self.panel.group_labels:  # a pillar's long word must not widen the cards either
            want = 1 if narrow else 0
            if lab.minimumWidth() != want:
                lab.setMinimumWidth(want)

    @property
    def narrow(self) -> list[str]:
        """The indicators whose cards are in one column now."""
        return [i for i, c in self.panel.cards.items() if getattr(c, "narrow", False)]
