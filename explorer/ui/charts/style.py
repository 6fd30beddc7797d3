"""How the charts look: font sizes at the normal text size, pens, the axis that names ordinal
levels, and how a raw value is written."""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from .. import palette

# Font sizes at the window's normal text size (BASE_PT); "Larger text" scales them all
# through Chart.rescale, so charts stay larger than the window's text.
BASE_PT = 12.0
TICK_PT = 12
LABEL_PT = 14
LEGEND_PT = 13
TITLE_PT = 18
TITLE_MAX_PT = 30
NOTE_PT = 13
LINE_W = 3
FOCUS_W = 6
AXIS_LINES = 3  # an axis title longer than this many lines is shortened, whole in its tooltip
LEGEND_RIGHT_PX = 1000  # narrower canvases put the legend under the plot, in columns

pg.setConfigOptions(antialias=True, background=palette.BACKGROUND, foreground=palette.TEXT)


def font(pt: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSize(pt)
    f.setBold(bold)
    return f


def pen(colour: str, width: float = LINE_W, style=Qt.PenStyle.SolidLine, dash=None):
    """A pen; ``dash`` is a pattern in pixels (see palette.DASHES), the same at any width."""
    p = pg.mkPen(colour, width=width)
    p.setStyle(style)
    if dash:
        p.setCapStyle(Qt.PenCapStyle.FlatCap)  # square caps would eat the gaps
        p.setDashPattern([d / max(width, 1.0) for d in dash])  # Qt counts in line widths
    return p


class LevelAxis(pg.AxisItem):
    """An axis that names ordinal levels at their codes, and labels only values inside
    ``bounds`` when set (the ranking keeps headroom for its label, not a scale value)."""

    bounds: tuple[float, float] | None = None
    levels: tuple[str, ...] = ()

    def tickValues(self, minVal, maxVal, size):  # noqa: N802,N803 (pyqtgraph names)
        if self.levels:
            return [(1.0, [float(i) for i in range(len(self.levels))])]
        ticks = super().tickValues(minVal, maxVal, size)
        if self.bounds is None:
            return ticks
        lo, hi = self.bounds
        eps = 1e-9 * ((hi - lo) or 1)
        return [(spacing, [v for v in values if lo - eps <= v <= hi + eps]) for spacing, values in ticks]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph name)
        if self.levels:
            return [self.levels[int(v)] if 0 <= int(v) < len(self.levels) else "" for v in values]
        return super().tickStrings(values, scale, spacing)

    def fit_label(self, length: float) -> bool:
        """Wrap the axis title onto more lines, centred, when it is longer than the axis
        (pyqtgraph would centre one long line and cut both ends). True if it changed."""
        label = self.label
        if label is None or not label.isVisible():
            return False
        if self.labelText != getattr(self, "_shown_text", None):
            self._full_text = self.labelText  # a new title was set: the whole of it is what we fit
        full = self._full_text
        if self.labelText != full:
            self.labelText = full
            label.setHtml(self.labelString())
        room = max(80.0, length - 8)
        label.setTextWidth(-1)
        wrap = label.boundingRect().width() > room
        one_line = label.boundingRect().height()
        old = label.textWidth()
        label.setTextWidth(room if wrap else -1)
        if wrap:
            opt = label.document().defaultTextOption()
            opt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.document().setDefaultTextOption(opt)
        self._cap_lines(label, full if wrap else "", one_line)
        self._shown_text = self.labelText
        changed = abs(label.textWidth() - old) > 1
        if self.orientation in ("left", "right"):
            self._updateWidth()
        else:
            self._updateHeight()
        self.resizeEvent()
        return changed

    def _cap_lines(self, label, full: str, one_line: float) -> None:
        """A title wrapped onto more than AXIS_LINES lines (a short axis: a narrow window with both
        docks open) keeps its first words and an ellipsis; hovering shows all of it."""
        label.setToolTip("")

        def fits() -> bool:  # (the document's own line count is 1 here: it does not count wraps)
            return label.boundingRect().height() <= (AXIS_LINES + 0.5) * one_line

        if not full or fits():
            return
        words = full.split(" ")
        lo, hi = 1, len(words) - 1
        while lo < hi:  # the most words that still fit
            mid = (lo + hi + 1) // 2
            self.labelText = " ".join(words[:mid]) + "\u2026"
            label.setHtml(self.labelString())
            if fits():
                lo = mid
            else:
                hi = mid - 1
        self.labelText = " ".join(words[:lo]) + "\u2026"
        label.setHtml(self.labelString())
        label.setToolTip(html.unescape(full))

    # pyqtgraph reserves 0.8 of the label's height, which cuts a wrapped label's last line.
    def _updateHeight(self):  # noqa: N802 (pyqtgraph name)
        super()._updateHeight()
        if self.fixedHeight is None and self.isVisible() and self.label.isVisible():
            h = self.maximumHeight() + 0.25 * self.label.boundingRect().height()
            self.setMaximumHeight(h)
            self.setMinimumHeight(h)

    def _updateWidth(self):  # noqa: N802 (pyqtgraph name)
        super()._updateWidth()
        if self.fixedWidth is None and self.isVisible() and self.label.isVisible():
            w = self.maximumWidth() + 0.25 * self.label.boundingRect().height()
            self.setMaximumWidth(w)
            self.setMinimumWidth(w)


def fmt(v: float, levels: tuple[str, ...] = ()) -> str:
    """A raw value as people read it: a level's name, or a number."""
    if levels and float(v).is_integer() and 0 <= int(v) < len(levels):
        return levels[int(v)]
    return f"{v:.3g}" if abs(v) < 1000 else f"{v:,.0f}"
