"""Log scale for heavy-tailed counts (CCTV cameras per 1,000, #KeepItOn shutdowns, shutdown
hours, users affected): a checkable "Log scale" on the ranking, the time series, the scatter
and the bubble chart, enabled only for indicators the catalogue gives a log scale
(``scale == "log"``). Zeros are honest: the axis is log10(1 + value), so a zero count sits on
the 0 tick instead of vanishing (log 0) or being moved; the axis title says "log scale" and
the cited export's title and footnote say so too.

A chart holds a ``LogToggle`` (``chart.logscale``), calls ``enable(info, ...)`` and
``axis_on(info)`` while drawing, maps its values with ``fwd``, sets the axis ticks with
``set_axis`` and sets ``chart._log_on`` for the export's caption.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QCheckBox

NOTE = "Log scale: the axis is log10(1 + value), so equal steps are equal ratios and 0 stays at 0."
DISABLED_TIP = "Log scale is for heavy-tailed counts (CCTV cameras, shutdowns); this indicator has a bounded scale."


def heavy_tailed(info) -> bool:
    """Counts whose few large values squash the rest (the catalogue's ``scale: log``)."""
    return getattr(info, "scale", "") == "log"


def fwd(values):
    """Axis position of raw values: log10(1 + v); 0 -> 0, NaN stays NaN (a gap)."""
    a = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.log10(1.0 + np.clip(a, 0.0, None))


def tick_values(hi: float) -> list[float]:
    """Raw values to label, 0 and 1-2-5 steps up to ``hi``; 1-10-100 when that is too many."""
    hi = max(float(hi), 1.0)
    out, decade = [0.0], 1.0
    while decade <= hi * 10:
        out += [decade * m for m in (1, 2, 5)]
        decade *= 10
    out = [v for v in out if v <= hi * 1.05] or [0.0, 1.0]
    if len(out) > 9:
        out = [v for v in out if v == 0 or np.log10(v).is_integer()]
    return out


def tick_text(v: float) -> str:
    return f"{v:,.0f}" if v >= 1 or v == 0 else f"{v:g}"


def axis_label(text: str) -> str:
    return f"{text}, log scale"


def set_axis(axis, on: bool, hi: float | None = None) -> None:
    """Log ticks (labelled in raw values) on ``axis``, or its own ticks back."""
    if on:
        vals = tick_values(hi if hi is not None and np.isfinite(hi) else 1.0)
        axis.setTicks([[(float(fwd(v)), tick_text(v)) for v in vals], []])
    else:
        axis.setTicks(None)


class LogToggle:
    """The chart's "Log scale" box: checked by the user (or `explorer chart --log`), in effect
    only for a heavy-tailed indicator; otherwise disabled with a tooltip saying why."""

    def __init__(self, chart):
        self.chart = chart
        self.wanted = False
        self.box = QCheckBox("Log scale", chart)
        self.box.setObjectName("log_scale")
        self.box.setEnabled(False)
        self.box.setToolTip(DISABLED_TIP)
        self.box.toggled.connect(self._toggled)
        lay = chart.layout()
        lay.insertWidget(1, self.box)  # under the title, over the plot

    def _toggled(self, on: bool) -> None:
        if on != self.wanted:
            self.set(on)

    def set(self, on: bool) -> None:
        """Ask for the log scale (it applies once the indicator is heavy-tailed)."""
        self.wanted = bool(on)
        if self.box.isChecked() != self.wanted:
            self.box.setChecked(self.wanted)
        self.chart._pending.add("all")
        self.chart._plotted = None
        if self.chart.isVisible():
            self.chart.flush()

    def enable(self, *infos) -> None:
        """Keep the box enabled only while an axis shows a heavy-tailed indicator."""
        able = any(heavy_tailed(i) for i in infos if i is not None)
        if self.box.isEnabled() != able:
            self.box.setEnabled(able)
            self.box.setToolTip("Draw heavy-tailed counts on a log scale (0 stays at 0)" if able else DISABLED_TIP)

    def axis_on(self, info) -> bool:
        """Whether the axis showing ``info``'s indicator is on the log scale."""
        return self.wanted and heavy_tailed(info)
