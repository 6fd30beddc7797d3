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

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (QFrame, QGridLayout, QLabel, QScrollArea, QSizePolicy, QSplitter,
                               QTextBrowser, QVBoxLayout, QWidget)

from .card_reflow import CardReflow, ElidedLabel

INK = QColor("#000000")
BAR = QColor("#1F4E79")  # dark blue: strong on white and on a washed-out projector
TRACK = QColor("#E3E3E3")
MISSING = "#8B3A00"  # dark orange-brown for "no data" text, readable on white

# Colours are set with palettes and the card frame is painted here: style sheets on 53 cards
# took longer to polish than building the cards themselves.
CARD_BORDER, CARD_BG = QColor("#9A9A9A"), QColor("#FFFFFF")
CURRENT_BORDER, CURRENT_BG = QColor("#1F4E79"), QColor("#EEF4FA")
# Keyboard focus: a 3 px black frame on pale yellow, unlike the blue "charted" card and visible
# on a washed-out projector (black on white is 21:1).
FOCUS_BORDER, FOCUS_BG, FOCUS_WIDTH = QColor("#000000"), QColor("#FFF6CC"), 3


LATER_MS = 150  # the cards out of view are refilled once changes pause this long


def set_tip(w: QWidget, text: str) -> None:
    """A tooltip, set only when it changed: each set sends the widget an event."""
    if getattr(w, "_tip", None) != text:
        w._tip = text
        w.setToolTip(text)


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


class ScoreBar(QWidget):
    """Horizontal 0-100 bar; empty (hatched) when there is no value."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.value: float | None = None
        self.setMinimumHeight(16)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def sizeHint(self):
        return QSize(120, max(16, self.fontMetrics().height()))

    def set_value(self, v: float | None) -> None:
        if v == self.value and v is not None:
            return
        self.value = v
        set_tip(self, "no value" if v is None else f"{v:.0f} / 100 (100 = least persecution)")
        self.update()

    def paintEvent(self, _ev):
        p = QPainter(self)
        r = QRectF(self.rect()).adjusted(0.5, 2.5, -0.5, -2.5)
        p.setPen(QPen(QColor("#707070"), 1))
        if self.value is None:
            p.setBrush(QColor("#FFFFFF"))
            p.drawRect(r)
            p.setBrush(Qt.BDiagPattern)
            p.drawRect(r)
            return
        p.setBrush(TRACK)
        p.drawRect(r)
        w = r.width() * max(0.0, min(100.0, self.value)) / 100
        p.setPen(Qt.NoPen)
        p.setBrush(BAR)
        p.drawRect(QRectF(r.left(), r.top(), w, r.height()))


class Sparkline(QWidget):
    """History of the normalised value (0-100). Gaps between years break the line."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.points: list[tuple[int, float]] = []
        self.mark: int | None = None
        self.span: tuple[int, int] | None = None
        self.setFixedSize(120, 34)

    def set_history(self, points, mark: int | None, span: tuple[int, int] | None) -> None:
        if (points, mark, span) == (self.points, self.mark, self.span):
            return
        self.points, self.mark, self.span = points, mark, span
        if points:
            set_tip(self, "history 0\u2013100: " + ", ".join(f"{y}: {v:.0f}" for y, v in points[-8:]))
        else:
            set_tip(self, "no history")
        self.update()

    def paintEvent(self, _ev):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        r = QRectF(self.rect()).adjusted(3, 3, -3, -3)
        p.setPen(QPen(QColor("#C8C8C8"), 1))
        p.drawLine(r.bottomLeft(), r.bottomRight())
        if not self.points:
            return
        lo, hi = self.span or (self.points[0][0], self.points[-1][0])
        span = max(1, hi - lo)

        def pt(y, v):
            return QPointF(r.left() + r.width() * (y - lo) / span, r.bottom() - r.height() * v / 100)

        p.setPen(QPen(BAR, 1.6))
        path, prev = QPainterPath(), None
        for y, v in self.points:
            if prev is None or y - prev > 1:
                path.moveTo(pt(y, v))
            else:
                path.lineTo(pt(y, v))
            prev = y
        p.drawPath(path)
        p.setBrush(BAR)
        if len(self.points) == 1 or any(b - a > 1 for (a, _), (b, _) in zip(self.points, self.points[1:])):
            for y, v in self.points:  # isolated years would vanish as zero-length lines
                p.drawEllipse(pt(y, v), 1.8, 1.8)
        for y, v in self.points:
            if y == self.mark:
                p.setBrush(QColor("#D55E00"))
                p.setPen(QPen(INK, 1))
                p.drawEllipse(pt(y, v), 3.5, 3.5)


class IndicatorCard(QFrame):
    clicked = Signal(str)  # click, Enter or Space: show the details
    activated = Signal(str)  # double click: chart it
    step = Signal(str, int)  # arrow key: move focus to the previous (-1) or next (+1) card

    def __init__(self, indicator: str, parent=None):
        super().__init__(parent)
        self.indicator = indicator
        self.card = None
        self.setObjectName("card")
        self._current = False
        self._has_value: bool | None = None  # which of value / "no data" rows is shown
        self._span = self._name = None
        self.setAccessibleDescription("Enter or Space shows its source and caveats")
        self.setCursor(Qt.PointingHandCursor)
        self.setFocusPolicy(Qt.StrongFocus)
        self.title = ScaledLabel(bold=True)
        self.title.setWordWrap(True)
        self.rank = ElidedLabel()  # never cut: "not ranked" elides, in full on hover (card_reflow.py)
        self.rank.setAlignment(Qt.AlignRight | Qt.AlignTop)
        self.raw = QLabel()
        self.raw.setWordWrap(True)
        self.year = QLabel()
        self.year.setAlignment(Qt.AlignRight)
        self.bar = ScoreBar()
        self.score = ScaledLabel(bold=True)
        self.score.setMinimumWidth(self.score.fontMetrics().horizontalAdvance("100 "))
        self.score.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.spark = Sparkline()
        self.missing = QLabel()
        self.missing.setObjectName("missing")
        self.missing.setWordWrap(True)
        set_text_colour(self.missing, MISSING)
        g = QGridLayout(self)
        g.setContentsMargins(8, 6, 8, 6)
        g.setHorizontalSpacing(8)
        g.setVerticalSpacing(3)
        g.addWidget(self.title, 0, 0, 1, 2)
        g.addWidget(self.rank, 0, 2)
        g.addWidget(self.raw, 1, 0, 1, 2)
        g.addWidget(self.year, 1, 2)
        g.addWidget(self.bar, 2, 0)
        g.addWidget(self.score, 2, 1)
        g.addWidget(self.missing, 2, 0, 1, 2)  # shares the bar's row: a gap takes no extra room
        g.addWidget(self.spark, 2, 2)
        g.setColumnStretch(0, 1)

    def fill(self, c, span, current: bool) -> None:
        if c == self.card and span == self._span and current == self._current:
            return  # the same card (another country with the same reading, or a repeat)
        self.card, self._span = c, span
        self.title.setText(c.short)
        self.rank.setText(c.rank_text)
        set_tip(self.rank, f"rank among the {c.of} countries with data in {c.data_year}" if c.rank else
                "not ranked: records documented cases only" if c.documented_only else "")
        has = c.value is not None
        self.raw.setText(c.raw_text + (f"\nRead with care: {c.reading}" if getattr(c, "reading", "") else ""))
        # a value not from the publisher's own file says how we got it, on the card itself
        how = {"transcription": " · transcribed", "provisional": " · provisional"}.get(c.provenance, "")
        self.year.setText(f"data {c.data_year}{how}" if has else "")
        self.bar.set_value(c.value)
        self.score.setText(f"{c.value:.0f}" if has else "\u2014")
        self.spark.set_history(c.history, c.data_year, span)
        text = ""
        if not has:
            text = c.missing_text[:1].upper() + c.missing_text[1:]
            text += f": {c.latest_text}." if c.latest_text else "."
            if c.gap_reason:
                text += f" Publisher: {c.gap_reason}."
            if getattr(c, "reading", ""):
                text += f" Read with care: {c.reading}"
        self.missing.setText(text)
        shown = (has, c.documented_only)
        if self._has_value != shown:  # showing/hiding re-lays out the card: only on a change
            self._has_value = shown
            for w in (self.raw, self.year):
                w.setVisible(has)
            for w in (self.bar, self.score):  # documented or not: no 0-100 bar that reads as a score
                w.setVisible(has and not c.documented_only)
            self.missing.setVisible(not has)
        set_tip(self, details_html(c))
        name = f"{c.short}: {c.raw_text or text}"
        if name != self._name:
            self._name = name
            self.setAccessibleName(name)
        if current != self._current:
            self._current = current
            self.update()

    def paintEvent(self, _ev):
        p = QPainter(self)
        if self.hasFocus():
            w, pen, bg = FOCUS_WIDTH, FOCUS_BORDER, FOCUS_BG
        elif self._current:
            w, pen, bg = 2, CURRENT_BORDER, CURRENT_BG
        else:
            w, pen, bg = 1, CARD_BORDER, CARD_BG
        p.setPen(QPen(pen, w))
        p.setBrush(bg)
        p.drawRect(QRectF(self.rect()).adjusted(w / 2, w / 2, -w / 2, -w / 2))

    def focusInEvent(self, ev):
        super().focusInEvent(ev)
        self.update()

    def focusOutEvent(self, ev):
        super().focusOutEvent(ev)
        self.update()

    def keyPressEvent(self, ev):
        key = ev.key()
        if key in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space) and not ev.isAutoRepeat():
            self.clicked.emit(self.indicator)
        elif key in (Qt.Key_Down, Qt.Key_Right, Qt.Key_Up, Qt.Key_Left):
            self.step.emit(self.indicator, 1 if key in (Qt.Key_Down, Qt.Key_Right) else -1)
        else:
            super().keyPressEvent(ev)

    def mousePressEvent(self, ev):
        self.clicked.emit(self.indicator)
        super().mousePressEvent(ev)

    def mouseDoubleClickEvent(self, ev):
        self.activated.emit(self.indicator)
        super().mouseDoubleClickEvent(ev)


def details_html(c) -> str:
    """What an indicator is and where it comes from, for the tooltip and the details box."""
    rows = [("Direction", c.direction + "; the bar is 0\u2013100, 100 = least persecution"),
            ("Source", f"{c.source} \u2014 {c.publisher}" if c.publisher else c.source),
            ("Edition", c.edition), ("How we got it", c.provenance), ("Licence", c.licence),
            ("Caveat", c.caveat), ("Note", c.note)]
    if c.value is None:
        rows.insert(0, ("Missing", c.missing_text + (f" \u2014 {c.gap_reason}" if c.gap_reason else "")))
    body = "".join(f"<tr><td valign='top'><b>{k}</b>&nbsp;</td><td>{v}</td></tr>" for k, v in rows if v)
    return (f"<p style='white-space:normal'><b>{c.name}</b></p><p>{c.description}</p>"
            f"<table>{body}</table>")


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
        self._later_timer = QTimer(self, singleShot=True, interval=LATER_MS, timeout=self.flush)
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _: self._later and self.flush())
        self._unsub = state.subscribe(self._on_state)
        self.refresh()
        self.reflow = CardReflow(self)  # one column when the dock is too narrow for three

    def _on_state(self, field: str) -> None:
        if field in ("focused", "year", "indicator"):
            if self.window().isVisible() and not self.isVisible():
                self._stale = True  # a closed dock or presentation mode: refreshed when shown
            else:
                self.refresh()
        if field == "indicator":
            self.show_current()

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
        cards = self.data.cards(s.focused, s.year)
        years = [y for c in cards for y, _ in c.history]
        span = (min(years), max(years)) if years else None
        self.heading.setText(self.data.name(s.focused) or "No country selected")
        self.subheading.setText(f"Values for {s.year} \u00b7 bars 0\u2013100, 100 = least persecution \u00b7 "
                                "click a card (or Enter) for its source, double-click to chart it")
        # The cards in view are refilled now; the others LATER_MS after the last change (or at
        # once when scrolled to, focused or asked for): a refill re-lays out the whole column,
        # and a run of changes (arrow keys in the country list, the timeline playing) refills
        # them once, when it pauses.
        seen = self._in_view()
        self._later = {}
        self.setUpdatesEnabled(False)
        for c in cards:
            card = self.cards.get(c.indicator)
            if card is None:
                continue
            args = (c, span, c.indicator == s.indicator)
            if seen is None or c.indicator in seen or c.indicator in (s.indicator, self.shown):
                card.fill(*args)
            else:
                self._later[c.indicator] = args
        self.setUpdatesEnabled(True)
        if self._later:
            self._later_timer.start()
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
        if later:
            self.setUpdatesEnabled(False)
            for ind, args in later.items():
                self.cards[ind].fill(*args)
            self.setUpdatesEnabled(True)

    def show_details(self, indicator: str) -> None:
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

    def rescale(self, base) -> None:
        for lab in self.findChildren(ScaledLabel):
            lab.rescale(base)
