"""Cited chart images: the chart's plot with a title naming the indicator, countries and year,
the reading caveats and a footer "Source: <publisher, edition> · data year(s) · licence · made
with Country Privacy Explorer" drawn into the image (real <text> in an SVG), as PNG, SVG or the
clipboard, either "as on screen" or as a 16:9 slide (1920x1080 logical; 3840x2160 at 2x).

A slide is drawn by a fresh, never-shown chart of the same class built from a copy of the
state, so the window's chart is not resized and the CLI (``render_view``) draws the same image
for the same settings. Caption text comes from ``explorer.views.captions`` (Qt-free).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPainter, QPen, QPicture, QRegion
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from ...atomic import atomic_write_bytes, atomic_write_text, verify_png, verify_svg
from ...csvsafe import to_csv_text
from ...errors import ExplorerError
from ...state import ExplorerState
from ...views.captions import Caption, caption, names_text, provenance_columns
from .. import palette

SLIDE = (1920, 1080)
BASE_PT = 12.0  # = charts.base.BASE_PT (this module may not import the charts: they import it)
PNG_QUALITY = 80  # zlib level 1-2: a slide encodes in ~100 ms instead of ~140, 10% larger
SLIDE_ZOOM = 1.6  # chart text on a slide, relative to the window's normal size
KINDS = (".png", ".svg", ".csv")
CLIPPED = "Only the rows that fit this slide are shown; the CSV and the country brief list every indicator."


@dataclass(frozen=True)
class Look:
    """Sizes of the caption, in logical pixels, for an image ``width`` wide."""
    margin: int
    title_px: int
    note_px: int
    footer_px: int

    @classmethod
    def for_width(cls, width: int) -> "Look":
        k = max(0.6, min(1.0, width / SLIDE[0]))
        return cls(round(36 * k), round(44 * k), round(24 * k), round(22 * k))


def _font(px: int, bold: bool = False) -> QFont:
    f = QFont("DejaVu Sans")
    f.setPixelSize(max(8, px))
    f.setBold(bold)
    # Unhinted, as an SVG viewer draws it: the PNG and the SVG of one export then agree.
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


@contextmanager
def export_mode(scene):
    """pyqtgraph items in their export mode: markers drawn one by one as vectors (their sprite
    sheet reaches an SVG whole). The charts' own exporter uses this too."""
    items = [it for it in scene.items() if hasattr(it, "setExportMode")]
    for it in items:
        it.setExportMode(True, {"antialias": True})
    try:
        yield
    finally:
        for it in items:
            it.setExportMode(False)


def _text_height(text: str, f: QFont, width: float) -> float:
    if not text:
        return 0.0
    return QFontMetricsF(f).boundingRect(QRectF(0, 0, width, 10_000), FLAGS, text).height()


def chart_caption(chart) -> Caption:
    """The caption of what ``chart`` shows now: its title plus the compared countries, the
    data years of the plotted values, its note and the reading caveats of its indicators."""
    chart.flush()
    panel = chart.data.panel
    st = chart.state
    title = chart.title.text()
    shown = [c for c in st.selected if panel.name(c) not in title]
    if shown and getattr(chart, "NAMES_COUNTRIES", True):
        title = f"{title} · {names_text(panel, st.selected)}"
    df = chart.plotted()
    years: list[int] = []
    for col in ("year", "year_x", "year_y"):
        if col in df:
            years += [int(y) for y in pd.to_numeric(df[col], errors="coerce").dropna().tolist()]
    if not years and st.year is not None:
        years = [st.year]
    if years and not re.search(r"\b(19|20)\d\d\b", title):  # the title names the year(s) shown
        lo, hi = min(years), max(years)
        title = f"{title}, {lo}" if lo == hi else f"{title}, {lo}-{hi}"
    if getattr(chart, "_log_on", False):  # the slide says so, not only the axis (charts/logscale.py)
        title = f"{title} (log scale)"
    return caption(panel, title, chart._sources, years, st.selected or None, chart.note.text().split("\n"))


def _layout(cap: Caption, width: int, look: Look) -> tuple[float, float, float]:
    """Heights of the title block, the footnotes and the footer at ``width``."""
    inner = width - 2 * look.margin
    th = _text_height(cap.title, _font(look.title_px, True), inner)
    nh = _text_height("\n".join(cap.footnotes), _font(look.note_px), inner)
    fh = _text_height(cap.footer, _font(look.footer_px), inner)
    return th, nh, fh


def _paint(painter: QPainter, parts: list[QWidget], cap: Caption, w: int, h: int, look: Look, vector: bool) -> None:
    """Title, the chart's plot, footnotes and footer into ``painter`` (``w`` x ``h``); ends it."""
    m = look.margin
    inner = w - 2 * m
    th, nh, fh = _layout(cap, w, look)
    try:
        painter.fillRect(QRectF(0, 0, w, h), QColor(palette.BACKGROUND))
        painter.setPen(QColor(palette.TEXT))
        painter.setFont(_font(look.title_px, True))
        painter.drawText(QRectF(m, m, inner, th + 2), FLAGS, cap.title)
        y = m + th + m // 2
        bottom = h - m - fh - (nh + m if cap.footnotes else 0) - m // 2
        for part in parts:
            room = int(bottom - y)
            if room <= 0:
                break
            pw, ph = _part_size(part)
            ph = min(ph, room)  # a slide clips what does not fit (the profile's lower rows)
            if vector and isinstance(part, QGraphicsView):
                with export_mode(part.scene()):
                    part.render(painter, QRectF(m, y, pw, ph), QRect(0, 0, pw, ph))
            else:
                QWidget.render(part, painter, QPoint(m, int(y)), QRegion(QRect(0, 0, pw, ph)),
                               QWidget.RenderFlag.DrawChildren)
            y += ph
            if vector:  # QSvgGenerator ignores clipping: cover what overflowed the plot, as a PNG clips it
                bg = QColor(palette.BACKGROUND)
                top = y - ph
                painter.fillRect(QRectF(0, top, m, ph), bg)
                painter.fillRect(QRectF(m + pw, top, w - m - pw, ph), bg)
                painter.fillRect(QRectF(0, y, w, h - y), bg)
        fy = h - m - fh
        if cap.footnotes:
            painter.setPen(QColor(palette.TEXT))
            painter.setFont(_font(look.note_px))
            painter.drawText(QRectF(m, fy - nh - m // 3, inner, nh + 2), FLAGS, "\n".join(cap.footnotes))
            fy_rule = fy - nh - m // 2
        else:
            fy_rule = fy - m // 4
        painter.setPen(QPen(QColor("#888888"), 1))
        painter.drawLine(QRectF(m, fy_rule, inner, 0).topLeft(), QRectF(m, fy_rule, inner, 0).topRight())
        painter.setPen(QColor("#333333"))
        painter.setFont(_font(look.footer_px))
        painter.drawText(QRectF(m, fy, inner, fh + 2), FLAGS, cap.footer)
    finally:
        painter.end()


def body_parts(chart) -> list[QWidget]:
    """The chart's drawing without its title and note (the caption says those)."""
    skip = (chart.title, chart.note)
    return [p for p in chart._export_parts() if p not in skip and (p.isVisibleTo(chart) or p is chart.canvas)]


def _part_size(part: QWidget) -> tuple[int, int]:
    w = part.viewport() if isinstance(part, QGraphicsView) else part
    return w.width(), w.height()


def _canvas_box(cap: Caption, w: int, h: int, look: Look) -> tuple[int, int]:
    """The plot's size inside a ``w`` x ``h`` image."""
    th, nh, fh = _layout(cap, w, look)
    m = look.margin
    used = m + th + m // 2 + (nh + m if cap.footnotes else 0) + fh + m + m // 2
    return w - 2 * m, max(200, int(h - used))


def _image_size(chart, cap: Caption) -> tuple[int, int, Look]:
    """As on screen: the plot at its size (a scrolled profile at full length), the caption around it."""
    sizes = [_part_size(p) for p in body_parts(chart)]
    bw, bh = max(w for w, _ in sizes), sum(h for _, h in sizes)
    w = bw + 2 * Look.for_width(bw).margin
    look = Look.for_width(w)
    th, nh, fh = _layout(cap, w, look)
    m = look.margin
    h = int(m + th + m // 2 + bh + m // 2 + (nh + m if cap.footnotes else 0) + fh + m + m // 2)
    return w, h, look


def ensure_app():
    """The QApplication an export needs (offscreen when there is no display)."""
    import os
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["explorer-export"])
    return app


def slide_chart(cls, data, state: ExplorerState, size=SLIDE, look: Look | None = None, log: bool = False):
    """A never-shown chart of class ``cls`` on a copy of ``state``, its plot sized to fill a
    ``size`` slide around the caption; ``log``: its "Log scale" checked (where the indicator
    takes one). Returns (chart, caption, look)."""
    ensure_app()
    copy = ExplorerState()
    copy.update_from_dict(state.as_dict())
    chart = cls(data, copy)
    toggle = getattr(chart, "logscale", None)
    if toggle is not None:
        toggle.box.hide()  # a control, not part of the slide
        toggle.set(log)
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    chart.resize(size[0], size[1])  # first: a chart's text zoom is what its height holds
    f = QFont()
    f.setPointSizeF(BASE_PT * SLIDE_ZOOM)  # the charts' design size (charts.base.BASE_PT) times the slide zoom
    chart.rescale(f)
    look = look or Look.for_width(size[0])
    chart.setUpdatesEnabled(False)  # laid out, never painted on screen: render() draws it once
    chart.show()
    chart.flush()
    cap = chart_caption(chart)
    cw, ch = _canvas_box(cap, size[0], size[1], look)
    # The chart's own title and note are part of the caption: the plot takes the whole widget.
    chart.title.hide()
    chart.note.hide()
    chart.offer.hide()
    chart.layout().setContentsMargins(0, 0, 0, 0)
    chart.resize(cw, ch)
    QApplication.sendPostedEvents()
    chart.layout().activate()
    QApplication.processEvents()
    chart.flush()  # the caption made before the resize still holds: size changes no text
    if sum(_part_size(p)[1] for p in body_parts(chart)) > _canvas_box(cap, size[0], size[1], look)[1] + 2:
        cap = replace(cap, footnotes=(CLIPPED,) + cap.footnotes)
    chart.setUpdatesEnabled(True)  # render() draws nothing while updates are off
    return chart, cap, look


def render(chart, kind: str, *, slide: bool = False, scale: float = 2.0, size=SLIDE) -> bytes:
    """The cited image of ``chart`` as PNG or SVG bytes. ``slide``: 16:9 at ``size`` logical
    pixels (PNG: ``scale`` times that), drawn by a fresh chart; else the plot as on screen."""
    kind = kind.lower()
    if kind not in (".png", ".svg"):
        raise ExplorerError(f"cannot export an image as {kind or 'a file without suffix'}: use .png or .svg")
    chart.flush()
    if slide:   # drawn by a fresh chart of the same state: nothing of this one's is moving there
        return render_state(type(chart), chart.data, chart.state, kind, size=size, scale=scale,
                            log=getattr(getattr(chart, "logscale", None), "wanted", False))
    chart.settle()
    cap = chart_caption(chart)
    w, h, look = _image_size(chart, cap)
    return _encode(chart, cap, kind, w, h, look, scale)


def render_state(cls, data, state: ExplorerState, kind: str, *, size=SLIDE, scale: float = 1.0,
                 log: bool = False) -> bytes:
    """The cited image of a ``cls`` chart of ``state`` filling ``size`` (the slide path; the
    CLI's `explorer chart` calls this too, so both write the same bytes)."""
    kind = kind.lower()
    if kind not in (".png", ".svg"):
        raise ExplorerError(f"cannot export an image as {kind or 'a file without suffix'}: use .png or .svg")
    chart, cap, look = slide_chart(cls, data, state, size, log=log)
    try:
        return _encode(chart, cap, kind, size[0], size[1], look, scale)
    finally:
        chart.deleteLater()


def _encode(chart, cap: Caption, kind: str, w: int, h: int, look: Look, scale: float) -> bytes:
    """``chart``: a Chart (its plot is drawn) or a list of widgets stacked under the title."""
    parts = chart if isinstance(chart, list) else body_parts(chart)
    if kind == ".png":
        img = QImage(int(round(w * scale)), int(round(h * scale)), QImage.Format.Format_RGB32)
        img.setDevicePixelRatio(scale)
        img.fill(QColor(palette.BACKGROUND))
        _paint(QPainter(img), parts, cap, w, h, look, vector=False)
        ba = QByteArray()
        buf = QBuffer(ba)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        if not img.save(buf, "PNG", PNG_QUALITY):
            raise ExplorerError("could not encode the PNG")
        buf.close()
        return bytes(ba)
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setSize(QSize(w, h))
    gen.setViewBox(QRectF(0, 0, w, h))
    gen.setTitle(cap.title)
    gen.setDescription(cap.footer)
    gen.setResolution(QPicture().logicalDpiX())  # see Chart.export_image: text and pictures agree
    _paint(QPainter(gen), parts, cap, w, h, look, vector=True)
    return bytes(buf.data())


def chart_csv(chart) -> str:
    """The plotted data with source, publisher, edition, data year, provenance, licence and
    citation columns, after comment lines with the title and the footer."""
    cap = chart_caption(chart)
    df = chart.plotted()
    ind_col = "indicator" if "indicator" in df else None
    one = chart._sources[0] if len(chart._sources) == 1 else None
    if ind_col or one:
        df = provenance_columns(chart.data.panel, df, indicator_col=ind_col, indicator=one)
    else:  # two indicators (the scatter): cite both per row
        for k, ind in zip(("x", "y"), chart._sources):
            part = provenance_columns(chart.data.panel, df[["iso3"]].assign(year=df.get(f"year_{k}")),
                                      indicator=ind)
            for col in ("source", "edition", "data_year", "provenance", "licence", "citation"):
                df[f"{k}_{col}"] = part[col].to_numpy()
    sha = chart.data.panel.meta.get("content_sha256", "")
    head = [cap.title, f"Source: {chart.citation()}", cap.footer, *cap.footnotes,
            f"Country Privacy Explorer index {sha[:12]}; empty cells = no data (never filled)"]
    return "".join("# " + " ".join(str(line).split()) + "\n" for line in head) + to_csv_text(df, index=False)


def export(chart, path: Path | str, *, slide: bool = False, scale: float = 2.0) -> Path:
    """Write ``chart`` to ``path`` as a cited PNG, SVG or CSV (by suffix), atomically: a
    failed write leaves any old file as it was."""
    path = Path(path)
    kind = path.suffix.lower()
    if kind == ".csv":
        return atomic_write_text(path, chart_csv(chart))
    data = render(chart, kind, slide=slide, scale=scale)
    return atomic_write_bytes(path, data, verify=verify_png if kind == ".png" else verify_svg)


def render_widget(widget: QWidget, cap: Caption, kind: str, *, size=SLIDE, scale: float = 1.0) -> bytes:
    """A plain widget (the peer table) as a cited slide: ``widget`` is resized to fill the
    space between the title and the footer."""
    look = Look.for_width(size[0])
    cw, ch = _canvas_box(cap, size[0], size[1], look)
    widget.resize(cw, ch)
    QApplication.sendPostedEvents()
    return _encode([widget], cap, kind.lower(), size[0], size[1], look, scale)


def write_bytes(path: Path | str, data: bytes) -> Path:
    kind = Path(path).suffix.lower()
    return atomic_write_bytes(path, data, verify=verify_png if kind == ".png" else verify_svg)


def copy_to_clipboard(chart, *, slide: bool = False, scale: float = 2.0) -> QImage:
    """Put the cited PNG of ``chart`` on the clipboard (for pasting into a slide)."""
    img = QImage.fromData(render(chart, ".png", slide=slide, scale=scale), "PNG")
    QGuiApplication.clipboard().setImage(img)
    return img
