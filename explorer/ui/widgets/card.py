"""One indicator card, painted as one widget.

A card was a frame of nine child widgets in a grid (title, rank, value, year, bar, score,
"no data" text, sparkline). Each country switch made Qt measure and lay out those ~500 labels
again, about 20 ms of the switch, and building them took about 100 ms of the start. Here a card
computes where its parts go for a width (``parts``, cached), reports its height for that width to
the column, and paints its texts itself; it asks the column for a new layout only when its height
changes.

Two arrangements, chosen by the card's own width:
- three columns: title | rank, value | data year, bar and score (or the "no data" text) | sparkline;
- one column, when those do not fit (a narrow dock, the largest text): title, rank, value,
  year, bar and score, sparkline; nothing is cut at the dock's edge, and a rank without room
  elides with "…" and shows in full on hover.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

INK = QColor("#000000")
BAR = QColor("#1F4E79")  # dark blue: strong on white and on a washed-out projector
TRACK = QColor("#E3E3E3")
MISSING = QColor("#8B3A00")  # dark orange-brown for "no data" text, readable on white
CARD_BORDER, CARD_BG = QColor("#9A9A9A"), QColor("#FFFFFF")
CURRENT_BORDER, CURRENT_BG = QColor("#1F4E79"), QColor("#EEF4FA")
# Keyboard focus: a 3 px black frame on pale yellow, unlike the blue "charted" card and visible
# on a washed-out projector (black on white is 21:1).
FOCUS_BORDER, FOCUS_BG, FOCUS_WIDTH = QColor("#000000"), QColor("#FFF6CC"), 3

MX, MY, GAP_X, GAP_Y = 8, 6, 8, 3  # margins and spacing, as the grid of labels had them
SPARK = QSize(120, 34)
BAR_MIN = 60  # the narrowest a 0-100 bar still reads
WRAP = int(Qt.TextWordWrap)
TALL = 1 << 20
WIDEST = 1 << 14  # a width no dock reaches: a card's shortest layout (its minimum height)


@dataclass(frozen=True)
class Parts:
    """Where each shown part of a card goes at one width."""
    narrow: bool
    height: int
    rects: dict[str, QRect]


_WORDS: dict[tuple[str, str], int] = {}  # (font key, word) -> its width: the same words recur card to card


def _longest_word(fm: QFontMetrics, key: str, text: str) -> int:
    best = 0
    for word in text.split():
        w = _WORDS.get((key, word))
        if w is None:
            if len(_WORDS) > 50_000:
                _WORDS.clear()
            w = _WORDS[(key, word)] = fm.horizontalAdvance(word)
        best = max(best, w)
    return best


class _Metrics:
    """A card's two fonts and what it measures with them (one per font: cards share them)."""

    def __init__(self, font: QFont):
        self.font = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.fm, self.fb = QFontMetrics(self.font), QFontMetrics(self.bold)
        self.key, self.key_b = self.font.key(), self.bold.key()
        self.score_min = self.fb.horizontalAdvance("100 ")
        self.line, self.line_b = self.fm.height(), self.fb.height()
        self.elide_min = self.fm.horizontalAdvance("n…")
        self._wrapped: dict[tuple[bool, int, str], int] = {}

    def wrapped(self, bold: bool, text: str, width: int) -> int:
        """The height of ``text`` wrapped at ``width``."""
        if not text:
            return 0
        k = (bold, width, text)
        h = self._wrapped.get(k)
        if h is None:
            if len(self._wrapped) > 20_000:
                self._wrapped.clear()
            fm = self.fb if bold else self.fm
            h = self._wrapped[k] = fm.boundingRect(QRect(0, 0, max(1, width), TALL), WRAP, text).height()
        return h


_METRICS: dict[str, _Metrics] = {}


def metrics_for(font: QFont) -> _Metrics:
    m = _METRICS.get(font.key())
    if m is None:
        m = _METRICS[font.key()] = _Metrics(font)
    return m


class IndicatorCard(QWidget):
    clicked = Signal(str)  # click, Enter or Space: show the details
    activated = Signal(str)  # double click: chart it
    step = Signal(str, int)  # arrow key: move focus to the previous (-1) or next (+1) card

    def __init__(self, indicator: str, parent=None):
        super().__init__(parent)
        self.indicator = indicator
        self.card = None
        self.setObjectName("card")
        self.texts = dict.fromkeys(("title", "rank", "raw", "year", "score", "missing"), "")
        self.value: float | None = None  # the bar's 0-100 value
        self.history: list[tuple[int, float]] = []
        self._mark = self._span = None
        self._shown: frozenset[str] = frozenset(("title", "spark"))
        self._current = False
        self._name = None
        self._cache: dict[int, Parts] = {}
        self._wide: tuple[int, int, int] | None = None
        self._m: _Metrics | None = None
        self.setAccessibleDescription("Enter or Space shows its source and caveats")
        self.setCursor(Qt.PointingHandCursor)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAttribute(Qt.WA_OpaquePaintEvent)  # the frame paints every pixel
        sp = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)

    # -- content
    def fill(self, c, span, current: bool) -> None:
        if c == self.card and span == self._span and current == self._current:
            return  # the same card (another country with the same reading, or a repeat)
        self.card, self._span, self._mark = c, span, c.data_year
        has = c.value is not None
        how = {"transcription": " · transcribed", "provisional": " · provisional"}.get(c.provenance, "")
        missing = ""
        if not has:
            missing = c.missing_text[:1].upper() + c.missing_text[1:]
            missing += f": {c.latest_text}." if c.latest_text else "."
            if c.gap_reason:
                missing += f" Publisher: {c.gap_reason}."
            if getattr(c, "reading", ""):
                missing += f" Read with care: {c.reading}"
        texts = {"title": c.short, "rank": c.rank_text,
                 "raw": c.raw_text + (f"\nRead with care: {c.reading}" if getattr(c, "reading", "") else ""),
                 # a value not from the publisher's own file says how we got it, on the card itself
                 "year": f"data {c.data_year}{how}" if has else "",
                 "score": f"{c.value:.0f}" if has else "\u2014", "missing": missing}
        shown = {"title", "spark"} | ({"rank"} if texts["rank"] else set())
        if has:
            shown |= {"raw", "year"} | (set() if c.documented_only else {"bar", "score"})
        else:
            shown.add("missing")
        shown = frozenset(shown)
        # not on screen yet (the window is being built): its width is Qt's placeholder, and laying
        # the card out at it was thrown away (~5 ms of a start's 63 cards)
        old = self.parts() if self.width() > 0 and self.isVisible() else None
        self.texts, self._shown = texts, shown
        self.value, self.history = c.value, c.history
        name = f"{c.short}: {c.raw_text or missing}"
        if name != self._name:
            self._name = name
            self.setAccessibleName(name)
        self._current = current
        self._cache.clear()
        self._wide = None
        if old is None or self.parts().height != old.height:
            self.updateGeometry()  # only a change of height re-lays out the column
        self.update()

    def text(self, part: str) -> str:
        return self.texts[part]

    def is_shown(self, part: str) -> bool:
        return part in self._shown

    def part_rect(self, part: str) -> QRect | None:
        """Where ``part`` is painted in the card now (None: not shown)."""
        return self.parts().rects.get(part)

    def is_elided(self, part: str = "rank") -> bool:
        r = self.part_rect(part)
        return r is not None and self.fontMetrics().horizontalAdvance(self.texts[part]) > r.width()

    def tip(self, part: str | None = None) -> str:
        """The hover text of ``part`` (None: the card's own, its details), made when asked for."""
        c = self.card
        if c is None:
            return ""
        if part is None:
            return details_html(c)
        if part == "bar":
            return "no value" if c.value is None else f"{c.value:.0f} / 100 (100 = least persecution)"
        if part == "spark":
            return ("history 0\u2013100: " + ", ".join(f"{y}: {v:.0f}" for y, v in c.history[-8:])
                    if c.history else "no history")
        if part != "rank":
            return ""
        t = (f"rank among the {c.of} countries with data in {c.data_year}" if c.rank else
             "not ranked: records documented cases only" if c.documented_only else "")
        if self.is_elided("rank"):
            return self.texts["rank"] + (f"\n{t}" if t and t != self.texts["rank"] else "")
        return t

    @property
    def narrow(self) -> bool:
        """In one column now (the three do not fit the card's width)."""
        return self.parts().narrow

    # -- geometry
    def metrics(self) -> _Metrics:
        if self._m is None:
            self._m = metrics_for(self.font())
        return self._m

    def wide_width(self) -> int:
        """The narrowest this card can be in three columns with its rank in full."""
        return self._widths()[0]

    def _widths(self) -> tuple[int, int, int]:
        """(the narrowest three-column width, the right column's width, the score's width),
        measured once per content and font."""
        if self._wide is None:
            m, t, s = self.metrics(), self.texts, self._shown
            score = max(m.score_min, m.fb.horizontalAdvance(t["score"]))
            right = max(SPARK.width(), m.fm.horizontalAdvance(t["rank"]) + 2 if "rank" in s else 0,
                        m.fm.horizontalAdvance(t["year"]) if "year" in s else 0)
            left = max(_longest_word(m.fb, m.key_b, t["title"]),
                       _longest_word(m.fm, m.key, t["raw"]) if "raw" in s else 0,
                       _longest_word(m.fm, m.key, t["missing"]) if "missing" in s else 0,
                       BAR_MIN + GAP_X + score if "bar" in s else 0)
            self._wide = (2 * MX + left + GAP_X + right, right, score)
        return self._wide

    def parts(self, width: int | None = None) -> Parts:
        width = self.width() if width is None else width
        got = self._cache.get(width)
        if got is None:
            got = self._cache[width] = self._lay_out(width)
        return got

    def _lay_out(self, width: int) -> Parts:
        m, t, s = self.metrics(), self.texts, self._shown
        wide, right, score_w = self._widths()
        narrow = width < wide
        inner = max(1, width - 2 * MX)
        bar_h = max(16, m.line)
        wrapped = m.wrapped
        rects: dict[str, QRect] = {}
        y = MY
        if narrow:  # one column: each part on its own row (bar and score share one)
            def row(name: str, h: int, w: int = inner, x: int = MX) -> None:
                nonlocal y
                rects[name] = QRect(x, y, w, h)
                y += h + GAP_Y
            row("title", wrapped(True, t["title"], inner))
            if "rank" in s:
                row("rank", m.line)
            if "raw" in s:
                row("raw", wrapped(False, t["raw"], inner))
                row("year", m.line)
            if "bar" in s:
                h = max(bar_h, m.line_b)
                rects["bar"] = QRect(MX, y, max(1, inner - GAP_X - score_w), h)
                rects["score"] = QRect(MX + inner - score_w, y, score_w, h)
                y += h + GAP_Y
            if "missing" in s:
                row("missing", wrapped(False, t["missing"], inner))
            row("spark", SPARK.height(), min(SPARK.width(), inner))
        else:  # three columns: the right one as wide as its widest part
            left = inner - GAP_X - right
            rx = MX + left + GAP_X
            h = max(wrapped(True, t["title"], left), m.line if "rank" in s else 0)
            rects["title"] = QRect(MX, y, left, h)
            if "rank" in s:
                rects["rank"] = QRect(rx, y, right, m.line)
            y += h + GAP_Y
            if "raw" in s:
                h = max(wrapped(False, t["raw"], left), m.line)
                rects["raw"] = QRect(MX, y, left, h)
                rects["year"] = QRect(rx, y, right, m.line)
                y += h + GAP_Y
            h = SPARK.height()
            if "missing" in s:
                h = max(h, wrapped(False, t["missing"], left))
                rects["missing"] = QRect(MX, y, left, h)
            elif "bar" in s:
                h = max(h, bar_h, m.line_b)
                mid = y + (h - bar_h) // 2
                rects["bar"] = QRect(MX, mid, max(1, left - GAP_X - score_w), bar_h)
                rects["score"] = QRect(MX + left - score_w, y, score_w, h)
            rects["spark"] = QRect(rx + right - SPARK.width(), y + (h - SPARK.height()) // 2,
                                   SPARK.width(), SPARK.height())
            y += h + GAP_Y
        return Parts(narrow, y - GAP_Y + MY, rects)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        return self.parts(width).height

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        w = self.wide_width()
        return QSize(w, self.parts(w).height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        # never wider than a narrow dock: a card too narrow for three columns takes one.
        # Its height is the card's shortest (every part on as few lines as they go): the column
        # is as tall as its cards' heights for its width (heightForWidth), but never shorter
        # than the sum of these, and the one-column height at the narrowest width left
        # ~21,000 pixels of blank column under the cards of a 450-pixel dock.
        w = 2 * MX + self.metrics().elide_min * 2
        return QSize(w, self.parts(WIDEST).height)

    def changeEvent(self, ev) -> None:  # noqa: N802 (Qt name)
        if ev.type() == QEvent.FontChange:
            self._cache.clear()
            self._wide = self._m = None
            self.updateGeometry()
        super().changeEvent(ev)

    def rescale(self, base: QFont | None = None) -> None:
        self.setFont(QFont(base or QApplication.font()))

    # -- painting
    def paintEvent(self, _ev):  # noqa: N802 (Qt name)
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
        parts = self.parts()
        r, t = parts.rects, self.texts
        m = self.metrics()
        bold, fm = m.bold, m.fm
        ink = self.palette().color(QPalette.WindowText)
        p.setPen(ink)
        p.setFont(bold)
        p.drawText(r["title"], WRAP | int(Qt.AlignLeft | Qt.AlignTop), t["title"])
        if "score" in r:
            p.drawText(r["score"], int(Qt.AlignRight | Qt.AlignVCenter), t["score"])
        p.setFont(self.font())
        if "rank" in r:
            align = Qt.AlignLeft if parts.narrow else Qt.AlignRight
            p.drawText(r["rank"], int(align | Qt.AlignTop), fm.elidedText(t["rank"], Qt.ElideRight, r["rank"].width()))
        if "raw" in r:
            p.drawText(r["raw"], WRAP | int(Qt.AlignLeft | Qt.AlignTop), t["raw"])
            p.drawText(r["year"], int((Qt.AlignLeft if parts.narrow else Qt.AlignRight) | Qt.AlignTop), t["year"])
        if "missing" in r:
            p.setPen(MISSING)
            p.drawText(r["missing"], WRAP | int(Qt.AlignLeft | Qt.AlignTop), t["missing"])
        if "bar" in r:
            paint_bar(p, QRectF(r["bar"]), self.value)
        paint_spark(p, QRectF(r["spark"]), self.history, self._mark, self._span)

    # -- hover, keys, mouse
    def event(self, ev) -> bool:
        if ev.type() == QEvent.Type.ToolTip:
            pos = ev.pos()
            part = next((k for k in ("rank", "bar", "spark") if (rr := self.part_rect(k)) and rr.contains(pos)), None)
            text = self.tip(part) or self.tip()
            if text:
                QToolTip.showText(ev.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(ev)

    def focusInEvent(self, ev):  # noqa: N802 (Qt name)
        super().focusInEvent(ev)
        self.update()

    def focusOutEvent(self, ev):  # noqa: N802 (Qt name)
        super().focusOutEvent(ev)
        self.update()

    def keyPressEvent(self, ev):  # noqa: N802 (Qt name)
        key = ev.key()
        if key in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space) and not ev.isAutoRepeat():
            self.clicked.emit(self.indicator)
        elif key in (Qt.Key_Down, Qt.Key_Right, Qt.Key_Up, Qt.Key_Left):
            self.step.emit(self.indicator, 1 if key in (Qt.Key_Down, Qt.Key_Right) else -1)
        else:
            super().keyPressEvent(ev)

    def mousePressEvent(self, ev):  # noqa: N802 (Qt name)
        self.clicked.emit(self.indicator)
        super().mousePressEvent(ev)

    def mouseDoubleClickEvent(self, ev):  # noqa: N802 (Qt name)
        self.activated.emit(self.indicator)
        super().mouseDoubleClickEvent(ev)


def paint_bar(p: QPainter, rect: QRectF, value: float | None) -> None:
    """A horizontal 0-100 bar; empty (hatched) when there is no value."""
    r = rect.adjusted(0.5, 2.5, -0.5, -2.5)
    p.setPen(QPen(QColor("#707070"), 1))
    if value is None:
        p.setBrush(QColor("#FFFFFF"))
        p.drawRect(r)
        p.setBrush(Qt.BDiagPattern)
        p.drawRect(r)
        return
    p.setBrush(TRACK)
    p.drawRect(r)
    p.setPen(Qt.NoPen)
    p.setBrush(BAR)
    p.drawRect(QRectF(r.left(), r.top(), r.width() * max(0.0, min(100.0, value)) / 100, r.height()))


def paint_spark(p: QPainter, rect: QRectF, points, mark: int | None, span: tuple[int, int] | None) -> None:
    """The history of the normalised value (0-100); a gap between years breaks the line, and the
    year shown is marked."""
    p.save()
    p.setRenderHint(QPainter.Antialiasing)
    r = rect.adjusted(3, 3, -3, -3)
    p.setPen(QPen(QColor("#C8C8C8"), 1))
    p.drawLine(r.bottomLeft(), r.bottomRight())
    if points:
        lo, hi = span or (points[0][0], points[-1][0])
        width = max(1, hi - lo)

        def pt(y, v):
            return QPointF(r.left() + r.width() * (y - lo) / width, r.bottom() - r.height() * v / 100)

        p.setPen(QPen(BAR, 1.6))
        p.setBrush(Qt.NoBrush)
        path, prev = QPainterPath(), None
        for y, v in points:
            if prev is None or y - prev > 1:
                path.moveTo(pt(y, v))
            else:
                path.lineTo(pt(y, v))
            prev = y
        p.drawPath(path)
        p.setBrush(BAR)
        if len(points) == 1 or any(b - a > 1 for (a, _), (b, _) in zip(points, points[1:])):
            for y, v in points:  # isolated years would vanish as zero-length lines
                p.drawEllipse(pt(y, v), 1.8, 1.8)
        for y, v in points:
            if y == mark:
                p.setBrush(QColor("#D55E00"))
                p.setPen(QPen(INK, 1))
                p.drawEllipse(pt(y, v), 3.5, 3.5)
    p.restore()


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
