"""Draws the country brief (content from ``explorer/views/brief.py``) into an A4 PDF with
QPdfWriter: vector, searchable text; the trend chart of two key indicators is drawn with
QPainter as vector lines, in the place the document keeps blank for it. One document flows over
two A4 pages: rank and pillar scores, the trend chart, every indicator for the country and its
peers, the caveats, what no source measures, and the citations in two columns.
The window and `explorer brief --country` both call ``write_country_brief``: the same file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QImage, QPageLayout, QPageSize, QPainter,
                           QPainterPath, QPdfWriter, QPen, QTextDocument)

from ...atomic import atomic_write_bytes, verify_pdf
from ...errors import ExplorerError
from ...views.brief import BODY_PT, TRENDS_IMAGE, CountryBrief, brief_html, check_codes, country_brief
from .. import palette
from .slides import ensure_app

DPI = 300
MARGIN_MM = 10
CHART_MM = 36  # height of the trend chart strip
FOOT_MM = 6  # the page footer's band


def _doc(html_text: str, width: float, device) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    blank = QImage(1, 1, QImage.Format.Format_ARGB32)
    blank.fill(Qt.GlobalColor.transparent)
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(TRENDS_IMAGE), blank)
    f = _font(BODY_PT)
    doc.setDefaultFont(f)
    doc.setDocumentMargin(0)
    doc.setHtml(html_text)
    doc.setTextWidth(width)
    return doc


def _mm(mm: float) -> float:
    return mm / 25.4 * DPI


def _pt(pt: float) -> float:
    return pt / 72 * DPI


def _font(pt: float, bold: bool = False) -> QFont:
    f = QFont("DejaVu Sans")
    f.setPointSizeF(pt)
    f.setBold(bold)
    # No ligatures: "profiling" must stay findable and copyable as plain letters, not "ﬁ".
    f.setFeature(QFont.Tag("liga"), 0)
    return f


def _nice(lo: float, hi: float) -> list[float]:
    span = (hi - lo) or 1.0
    step = 10 ** int(f"{span:e}".split("e")[1])
    for m in (1, 2, 5, 10):
        if span / (step * m / 10) <= 6:
            step = step * m / 10
            break
    first = (lo // step) * step
    ticks, v = [], first
    while v <= hi + 1e-9:
        if v >= lo - 1e-9:
            ticks.append(round(v, 10))
        v += step
    return ticks


def draw_trend(p: QPainter, box: QRectF, trend, brief: CountryBrief) -> None:
    """One small line chart: raw values over time for the country and its peers."""
    p.save()
    p.setFont(_font(8.5, True))
    p.setPen(QColor(palette.TEXT))
    fm = QFontMetricsF(p.font())
    p.drawText(QRectF(box.left(), box.top(), box.width(), fm.height() * 1.2), int(Qt.AlignmentFlag.AlignLeft),
               trend.title)
    p.setFont(_font(BODY_PT))
    fm = QFontMetricsF(p.font())
    p.drawText(QRectF(box.left(), box.top() + fm.height() * 1.5, box.width(), fm.height() * 1.2),
               int(Qt.AlignmentFlag.AlignLeft), trend.axis)
    years = [y for s in trend.series.values() for y, _ in s]
    vals = [v for s in trend.series.values() for _, v in s]
    lo = trend.lo if trend.lo is not None else min(vals)
    hi = trend.hi if trend.hi is not None else max(vals)
    if hi == lo:
        hi = lo + 1
    y0, y1 = min(years), max(years)
    if y1 == y0:
        y1 = y0 + 1
    left = box.left() + fm.horizontalAdvance("0000") + _pt(4)
    plot = QRectF(left, box.top() + fm.height() * 3.4, box.right() - left - _pt(2),
                  box.height() - fm.height() * 3.4 - fm.height() * 3.2)

    def xy(y, v):
        return QPointF(plot.left() + (y - y0) / (y1 - y0) * plot.width(),
                       plot.bottom() - (v - lo) / (hi - lo) * plot.height())
    p.setPen(QPen(QColor("#BBBBBB"), _pt(0.4)))
    for t in _nice(lo, hi):
        a = xy(y0, t)
        p.drawLine(QPointF(plot.left(), a.y()), QPointF(plot.right(), a.y()))
        p.setPen(QColor(palette.TEXT))
        p.drawText(QRectF(box.left(), a.y() - fm.height() / 2, left - box.left() - _pt(2), fm.height()),
                   int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"{t:g}")
        p.setPen(QPen(QColor("#BBBBBB"), _pt(0.4)))
    step = max(1, round((y1 - y0) / 6))
    p.setPen(QColor(palette.TEXT))
    for y in range(y0, y1 + 1, step):
        a = xy(y, lo)
        p.drawText(QRectF(a.x() - _pt(14), plot.bottom() + fm.height() * 0.55, _pt(28), fm.height()),
                   int(Qt.AlignmentFlag.AlignHCenter), str(y))
    lx = box.left()
    ly = plot.bottom() + fm.height() * 1.9
    for slot, c in enumerate(brief.countries):
        colour = QColor(palette.slot_colour(slot))
        width = _pt(1.8 if slot == 0 else 1.1)
        pts = trend.series.get(c, [])
        p.setPen(QPen(colour, width))
        path = QPainterPath()
        prev = None
        for y, v in pts:
            pt = xy(y, v)
            if prev is None or y - prev > 1:  # a gap stays a gap
                path.moveTo(pt)
            else:
                path.lineTo(pt)
            prev = y
        p.drawPath(path)
        p.setBrush(colour)
        for y, v in pts:
            p.drawEllipse(xy(y, v), _pt(1.1), _pt(1.1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        label = brief.names[c] + ("" if pts else " (no data)")
        p.drawLine(QPointF(lx, ly + fm.height() / 2), QPointF(lx + _pt(10), ly + fm.height() / 2))
        p.setPen(QColor(palette.TEXT))
        p.drawText(QPointF(lx + _pt(12), ly + fm.ascent()), label)
        lx += _pt(16) + fm.horizontalAdvance(label)
    p.restore()


def _trends_top(doc: QTextDocument) -> float | None:
    """Where the blank trend image sits in the document (its paginated y), or None."""
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            f = it.fragment().charFormat()
            if f.isImageFormat() and f.toImageFormat().name() == TRENDS_IMAGE:
                lay = block.layout()
                return lay.position().y() + lay.lineAt(0).y()
            it += 1
        block = block.next()
    return None


def layout(brief: CountryBrief, pdf: QPdfWriter) -> tuple[QTextDocument, float]:
    """The brief's document laid out in pages for ``pdf``, and the page height it paginates to
    (the page less the footer band). Table rows never split; the table header repeats."""
    w, ph = pdf.width(), pdf.height() - _mm(FOOT_MM)
    css_px = DPI / 96  # QTextDocument sizes an <img> in CSS pixels, scaled to the device
    doc = _doc(brief_html(brief, (w / css_px, _mm(CHART_MM) / css_px)), w, pdf)
    doc.setPageSize(QSizeF(w, ph))
    return doc, ph


def render_pdf(brief: CountryBrief) -> bytes:
    """The brief as PDF bytes (A4, vector text)."""
    ensure_app()
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    pdf = QPdfWriter(buf)
    pdf.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    pdf.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM - 2, MARGIN_MM, MARGIN_MM - 2), QPageLayout.Unit.Millimeter)
    pdf.setResolution(DPI)
    pdf.setTitle(brief.title)
    pdf.setCreator("Country Privacy Explorer")
    w, h = pdf.width(), pdf.height()
    doc, ph = layout(brief, pdf)
    at = _trends_top(doc)
    p = QPainter(pdf)
    try:
        for i in range(doc.pageCount()):
            if i:
                pdf.newPage()
            p.save()
            p.translate(0, -i * ph)
            doc.drawContents(p, QRectF(0, i * ph, w, ph))
            p.restore()
            if at is not None and int(at // ph) == i:
                gap = _mm(6)
                cw = (w - gap * (len(brief.trends) - 1)) / len(brief.trends)
                for k, t in enumerate(brief.trends):
                    draw_trend(p, QRectF(k * (cw + gap), at - i * ph, cw, _mm(CHART_MM)), t, brief)
            _footer(p, w, h, f"{brief.footer} · page {i + 1} of {doc.pageCount()}")
    finally:
        p.end()
    del pdf
    data = bytes(buf.data())
    buf.close()
    return data


def _footer(p: QPainter, w: float, h: float, text: str) -> None:
    p.save()
    p.setFont(_font(BODY_PT))
    p.setPen(QColor("#555555"))
    p.drawText(QRectF(0, h - _mm(4), w, _mm(4)), int(Qt.AlignmentFlag.AlignRight),
               text)
    p.restore()


def brief_for(panel, country: str, peers: list[str], year: int | None = None, engine=None) -> CountryBrief:
    """The brief's content: the default composite of ``year`` (None = its default year) with
    1,000-draw rank ranges, then the country, its peers and their values."""
    from ...scoring import defaults as D
    from ...scoring.answer import answer, headline
    from ...scoring.composite import Engine, ScoringError, Settings
    check_codes(panel, country, peers)  # unknown codes are named before any work
    engine = engine or Engine(panel)
    year = int(year) if year is not None else engine.default_year()
    try:
        ans = answer(engine, Settings(year=year))
    except ScoringError as e:
        raise ExplorerError(f"no composite for {year}: {e}") from None
    return country_brief(panel, country, peers, year, ans, headline(ans), D.CAVEATS)


def write_country_brief(panel, path: Path | str, country: str, peers: list[str], year: int | None = None,
                        engine=None) -> Path:
    """Compute and write the brief, atomically (a failed write leaves the old file)."""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise ExplorerError(f"the brief is a PDF: {path} should end in .pdf")
    brief = brief_for(panel, country, peers, year, engine=engine)
    return atomic_write_bytes(path, render_pdf(brief), verify=verify_pdf)
