"""The timeline under the views: play/pause, a year slider, speed and loop, bound to one
``TimelineState`` and through it to the ``ExplorerState`` year every view reads.

Play is a QTimer on the UI thread: each tick sets the year once, and each chart redraws only
when visible and only what the year changed (``Chart.flush``). A tick never waits for work;
the timer keeps its interval whatever the views cost.

The span is the current indicator's years with data; a year inside it without data stays in
the animation, and the views say so. A year typed outside the span (in the toolbar) is kept
by the views and named here as outside, never clamped behind the user's back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QSlider, QToolButton, QWidget

from explorer.state import ExplorerState, TimelineState
from explorer.state.timeline import SPEEDS

PLAY, PAUSE = "\u25b6 Play", "\u23f8 Pause"


class TimelineBar(QWidget):
    """A slim bar: [Play] 2003 ----o---------- 2024  speed  [x] loop, with the shown year."""

    message = Signal(str)

    def __init__(self, timeline: TimelineState, state: ExplorerState, years_of, parent=None):
        super().__init__(parent)
        self.setObjectName("timeline")
        self.timeline, self.state, self.years_of = timeline, state, years_of
        self._following = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.play = QToolButton(self)
        self.play.setObjectName("timeline_play")
        self.play.setText(PLAY)
        self.play.setToolTip("Play the years (Space); PgUp/PgDn or Ctrl+\u2190/\u2192 step, Home/End jump")
        self.play.setAccessibleName("Play or pause the timeline")
        self.play.clicked.connect(timeline.toggle)
        self.first_label, self.last_label = QLabel(self), QLabel(self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setAccessibleName("Year on the timeline")
        self.slider.setPageStep(5)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.valueChanged.connect(self._slid)
        self.year_label = QLabel(self)
        self.year_label.setObjectName("timeline_year")
        f = self.year_label.font()
        f.setBold(True)
        self.year_label.setFont(f)
        self.speed = QComboBox(self)
        self.speed.setAccessibleName("Play speed")
        for s in SPEEDS:
            self.speed.addItem(f"{s:g} year/s" if s <= 1 else f"{s:g} years/s", s)
        self.speed.setCurrentIndex(SPEEDS.index(timeline.speed))
        self.speed.currentIndexChanged.connect(lambda i: setattr(timeline, "speed", self.speed.itemData(i)))
        self.loop = QCheckBox("Loop", self)
        self.loop.setChecked(timeline.loop)
        self.loop.toggled.connect(lambda on: setattr(timeline, "loop", on))
        for w in (self.play, self.slider, self.speed, self.loop):
            w.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # the keys work anywhere; clicks keep focus put
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 2, 8, 2)
        lay.addWidget(self.play)
        lay.addWidget(self.first_label)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.last_label)
        lay.addWidget(self.year_label)
        lay.addWidget(self.speed)
        lay.addWidget(self.loop)
        self._unsubs = [timeline.subscribe(self._on_timeline), state.subscribe(self._on_state)]
        self.destroyed.connect(lambda *_: [u() for u in self._unsubs])
        self._on_state("indicator")

    # ---- explorer -> timeline ------------------------------------------------------------
    def _on_state(self, field: str) -> None:
        tl, st = self.timeline, self.state
        self._following = True  # the explorer's year moved: the timeline follows, never pushes back
        try:
            if field == "indicator":
                tl.set_span(self.years_of(st.indicator))
                self._sync_slider()
            if field in ("indicator", "year") and st.year is not None and tl.in_span(st.year):
                tl.year = st.year
        finally:
            self._following = False
        self._show_year()

    # ---- timeline -> explorer and the bar --------------------------------------------------
    def _on_timeline(self, field: str) -> None:
        tl = self.timeline
        if field == "year" and tl.year is not None and tl.year != self.state.year and not self._following:
            self.state.year = tl.year
        if field in ("year", "first", "last"):
            self._sync_slider()
            self._show_year()
        if field == "playing":
            self.play.setText(PAUSE if tl.playing else PLAY)
            if tl.playing:
                self.timer.start(tl.interval_ms())
            else:
                self.timer.stop()
        if field == "speed":
            self.timer.setInterval(tl.interval_ms())
            i = self.speed.findData(tl.speed)
            if i >= 0 and i != self.speed.currentIndex():
                self.speed.blockSignals(True)
                self.speed.setCurrentIndex(i)
                self.speed.blockSignals(False)
        if field == "loop" and self.loop.isChecked() != tl.loop:
            self.loop.blockSignals(True)
            self.loop.setChecked(tl.loop)
            self.loop.blockSignals(False)

    def _tick(self) -> None:
        if not self.timeline.advance():
            self.timer.stop()

    def _slid(self, value: int) -> None:
        if self.timeline.first is not None:
            self.timeline.year = value

    def _sync_slider(self) -> None:
        tl = self.timeline
        self.slider.blockSignals(True)
        if tl.first is None:
            self.slider.setEnabled(False)
            self.first_label.setText("")
            self.last_label.setText("")
        else:
            self.slider.setEnabled(True)
            self.slider.setRange(tl.first, tl.last)
            self.slider.setTickInterval(5 if tl.last - tl.first > 12 else 1)
            self.first_label.setText(str(tl.first))
            self.last_label.setText(str(tl.last))
            if tl.year is not None:
                self.slider.setValue(tl.year)
        self.slider.blockSignals(False)
        self.play.setEnabled(tl.first is not None and tl.first < tl.last)

    def _show_year(self) -> None:
        tl, y = self.timeline, self.state.year
        if y is None:
            self.year_label.setText("")
        elif tl.first is not None and not tl.in_span(y):
            self.year_label.setText(f"{y} (data {tl.first}\u2013{tl.last})")
        else:
            self.year_label.setText(str(y))
        self.year_label.setToolTip("The year every view shows")

    def rescale(self, base) -> None:
        """Follow the window's text size (the bar is built after the font is set)."""
        for w in [self] + self.findChildren(QWidget):
            f = w.font()
            f.setPointSizeF(base.pointSizeF())
            w.setFont(f)
