"""Indicator cards for the focused country, grouped by pillar.

A card shows the raw value with its scale ("9 / 100"), a 0-100 bar (100 = least persecution),
the rank among countries with data that year, the data year and a sparkline of the history.
A missing value is said in words, with the latest year and the publisher's reason; nothing is
filled. Hover shows provenance as a tooltip; a click, or Enter / Space on a focused card, shows
it in the details box below the cards; a double click charts that indicator. Cards take keyboard
focus (Tab, or the arrow keys from card to card) and show it with a thick black frame. Cards are
built once and refilled on each change so that switching country stays fast.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from .card import IndicatorCard, details_html

__all__ = ["IndicatorCard", "IndicatorPanel", "ScaledLabel", "details_html"]

LATER_MS = 150  # the cards out of view are refilled once changes pause this long


def set_text_colour(w: QWidget, colour: str) -> None:
    pal = w.palette()
    pal.setColor(QPalette.WindowText, QColor(colour))
    w.setPalette(pal)


class ScaledLabel(QLabel):
    """A label whose font is a fixed factor of the application font (kept on 'Larger text')."""

    def __init__(self, text="", factor=1.0, bold=False, parent=None):
        super().__init__(text, parent)
        self.factor, self.bold = factor, bold
        self.rescale()

    def rescale(self, base: QFont | None = None) -> None:
        from PySide6.QtWidgets import QApplication
        f = QFont(base or QApplication.font())
        f.setPointSizeF(f.pointSizeF() * self.factor)
        f.setBold(self.bold)
        self.setFont(f)


class IndicatorPanel(QWidget):
    """Header (country, year), scrolling cards grouped by pillar, and a details box."""

    indicator_chosen = Signal(str)

    def __init__(self, data, state, parent=None):
        super().__init__(parent)
        self.data, self.state = data, state
        self.heading = ScaledLabel(factor=1.35, bold=True)
        self.subheading = QLabel(wordWrap=True)
        self.cards: dict[str, IndicatorCard] = {}
        self.group_labels: list[ScaledLabel] = []
        self.shown: str | None = None

        inner = QWidget()
        inner.setObjectName("cards")
        col = QVBoxLayout(inner)
        col.setContentsMargins(4, 4, 4, 4)
        col.setSpacing(6)
        for pillar, ids in data.indicators_by_pillar():
            lab = ScaledLabel(data.pillar_name(pillar), factor=1.1, bold=True)
            lab.setObjectName("group")
            lab.setWordWrap(True)
            lab.setMinimumWidth(1)  # a pillar's long word must not widen the cards past a narrow dock
            lab.setContentsMargins(0, 6, 0, 0)
            set_text_colour(lab, "#1F4E79")
            self.group_labels.append(lab)
            col.addWidget(lab)
            for ind_id in ids:
                card = IndicatorCard(ind_id)
                card.clicked.connect(self.show_details)
                card.activated.connect(self._choose)
                card.step.connect(self._step)
                self.cards[ind_id] = card
                col.addWidget(card)
        col.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(inner)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

        self.details = QTextBrowser()
        self.details.setOpenExternalLinks(True)
        self.details.setAccessibleName("Indicator details")
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.scroll)
        split.addWidget(self.details)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.heading)
        lay.addWidget(self.subheading)
        lay.addWidget(split, 1)
        self._later: dict = {}
        self._details_later = False
        self._later_timer = QTimer(self, singleShot=True, interval=LATER_MS, timeout=self.flush)
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _: self._later and self.flush())
        self._cards_width = 0
        self.scroll.viewport().installEventFilter(self)
        self._unsub = state.subscribe(self._on_state)
        self.refresh()

    def _on_state(self, field: str) -> None:
        if field in ("focused", "year", "indicator"):
            if self.window().isVisible() and not self.isVisible():
                self._stale = True  # a closed dock or presentation mode: refreshed when shown
            else:
                self.refresh()
        if field == "indicator":
            self.show_current()

    def eventFilter(self, obj, ev):  # noqa: N802 (Qt name)
        # The column reflows at a new width (a dock dragged or widened with the window): its
        # cards' heights change under a scroll position kept in pixels, which then showed other
        # cards, or past the last one. The charted indicator's card, if it was in view (the
        # cards have not moved yet), comes back into view; a user scrolled elsewhere stays there.
        if ev.type() == QEvent.Type.Resize and obj is self.scroll.viewport() and obj.width() != self._cards_width:
            self._cards_width = obj.width()
            card = self.cards.get(self.state.indicator)
            top = self.scroll.verticalScrollBar().value()
            if card is not None and card.y() < top + obj.height() and card.y() + card.height() > top:
                QTimer.singleShot(0, self, self.show_current)
        return False

    def showEvent(self, ev):  # noqa: N802 (Qt name)
        super().showEvent(ev)
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh()

    def show_current(self) -> None:
        """Scroll the charted indicator's card into view (it is highlighted)."""
        card = self.cards.get(self.state.indicator)
        if card is None:
            return
        view, bar = self.scroll.viewport(), self.scroll.verticalScrollBar()
        top = card.mapTo(self.scroll.widget(), card.rect().topLeft()).y()
        if top < bar.value() or top + card.height() > bar.value() + view.height():
            bar.setValue(max(0, top - view.height() // 3))  # a third down: its neighbours show too

    def refresh(self) -> None:
        s = self.state
        deck = self.data.deck(s.focused, s.year)
        span = deck.span
        self.heading.setText(self.data.name(s.focused) or "No country selected")
        self.subheading.setText(f"Values for {s.year} \u00b7 bars 0\u2013100, 100 = least persecution \u00b7 "
                                "click a card (or Enter) for its source, double-click to chart it")
        # The cards in view are made and filled now; the others LATER_MS after the last change
        # (or at once when scrolled to, focused or asked for): a run of changes (arrow keys in
        # the country list, the timeline playing) makes and fills them once, when it pauses.
        seen = self._in_view()
        running = self._later_timer.isActive()  # within LATER_MS of the last change: a run of them
        self._later = {}
        # (no setUpdatesEnabled around the fill: turning updates back on repaints the whole
        # panel, the details box and its scroll bar too, ~4 ms a timeline step; the cards'
        # own updates are merged into one repaint anyway)
        for ind in deck.order:
            card = self.cards.get(ind)
            if card is None:
                continue
            args = (deck, ind, span, ind == s.indicator)
            if seen is None or ind in seen or ind in (s.indicator, self.shown):
                card.fill(deck[ind], span, args[3])
            else:
                self._later[ind] = args
        # the details box's rich text takes ~2.5 ms to lay out: in a run, once it pauses
        self._details_later = running
        if self._later or running:
            self._later_timer.start()
        if not running:
            self.show_details(self.shown or s.indicator)

    def _in_view(self) -> set[str] | None:
        """Indicators whose cards the scroll area shows now (None: not laid out yet, so all)."""
        inner = self.scroll.widget()
        if not self.isVisible() or inner.height() <= 0:
            return None
        top = self.scroll.verticalScrollBar().value()
        bottom = top + self.scroll.viewport().height()
        margin = self.scroll.viewport().height() // 2  # half a page each way: a short scroll is ready
        return {i for i, card in self.cards.items()
                if card.y() < bottom + margin and card.y() + card.height() > top - margin}

    def flush(self) -> None:
        """Refill the cards still waiting (tests, exports and screen readers see every card)."""
        later, self._later = self._later, {}
        self._later_timer.stop()
        for ind, (deck, _, span, current) in later.items():
            self.cards[ind].fill(deck[ind], span, current)
        if self._details_later:
            self._details_later = False
            self.show_details(self.shown or self.state.indicator)

    def show_details(self, indicator: str) -> None:
        self._details_later = False
        if indicator in self._later:
            self.flush()
        self.shown = indicator
        card = self.cards.get(indicator)
        if card is not None and card.card is not None:
            html = details_html(card.card)
            if html != getattr(self, "_details_html", None):  # re-laying out rich text costs
                self._details_html = html
                self.details.setHtml(html)

    def _step(self, indicator: str, delta: int) -> None:
        """Arrow keys: focus the neighbouring card and scroll it into view."""
        order = list(self.cards)
        i = order.index(indicator) + delta
        if 0 <= i < len(order):
            card = self.cards[order[i]]
            card.setFocus(Qt.OtherFocusReason)
            self.scroll.ensureWidgetVisible(card, 0, 24)

    def _choose(self, indicator: str) -> None:
        self.state.set_indicator(indicator)
        self.indicator_chosen.emit(indicator)

    @property
    def narrow_cards(self) -> list[str]:
        """The indicators whose cards are in one column now (too narrow for three)."""
        return [i for i, c in self.cards.items() if c.narrow]

    def rescale(self, base) -> None:
        for lab in self.findChildren(ScaledLabel):
            lab.rescale(base)
        for card in self.cards.values():
            card.rescale(base)
