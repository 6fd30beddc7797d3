"""A short re-sort transition, so a student can follow a country as the ranking moves.

    t = Transition(widget)
    t.start(frame)     # frame(p) draws the state p of the way from old to new, 0 <= p <= 1;
                       # frame(1.0) (the exact new state) is always the last call
    t.finish()         # jump to the end now (an export must show the real ranking)

The transition is skipped (one frame(1.0) at once) when the widget is not on screen, when
the duration is 0, and when steps come faster than it could run: a playing timeline at 4
years/s shortens it to fit between two steps, and a faster key repeat just jumps.
``EXPLORER_TRANSITION_MS`` sets the duration (tests set 0: they assert on final states).
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QEasingCurve, QObject, QVariantAnimation
from PySide6.QtWidgets import QWidget

DEFAULT_MS = 320       # long enough to see a bar move, short enough for 2 years/s
SHORTEST_MS = 120      # below this a transition is a blur: jump instead
FIT = 0.8              # share of the time between two steps a transition may take


def duration_ms() -> int:
    try:
        return max(0, int(os.environ.get("EXPLORER_TRANSITION_MS", DEFAULT_MS)))
    except ValueError:
        return DEFAULT_MS


def lerp(a, b, p: float):
    """a + (b - a) * p for numbers and numpy arrays."""
    return a + (b - a) * p


class Transition(QObject):
    def __init__(self, widget: QWidget, duration: int | None = None):
        super().__init__(widget)
        self.widget = widget
        self.duration = duration          # None: duration_ms() at each start
        self._frame = None
        self._last = float("-inf")
        self.anim = QVariantAnimation(self)
        self.anim.setStartValue(0.0)
        self.anim.setEndValue(1.0)
        self.anim.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self.anim.valueChanged.connect(self._step)
        self.anim.finished.connect(self._end)

    @property
    def running(self) -> bool:
        return self.anim.state() == QVariantAnimation.State.Running

    def start(self, frame) -> bool:
        """Run ``frame`` from 0 to 1; returns whether it animates (False: drawn at the end at once)."""
        now = time.perf_counter()
        since_ms = (now - self._last) * 1000
        self._last = now
        self.finish()
        want = duration_ms() if self.duration is None else self.duration
        ms = int(min(want, FIT * since_ms))
        if want <= 0 or ms < SHORTEST_MS or not self.widget.isVisible():
            frame(1.0)
            return False
        self._frame = frame
        frame(0.0)
        self.anim.setDuration(ms)
        self.anim.start()
        return True

    def finish(self) -> None:
        if self._frame is not None:
            self.anim.stop()
            self._end()

    def _step(self, p) -> None:
        if self._frame is not None and self.running:
            self._frame(float(p))

    def _end(self) -> None:
        frame, self._frame = self._frame, None
        if frame is not None:
            frame(1.0)
