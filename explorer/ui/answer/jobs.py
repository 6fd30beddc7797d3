"""Robustness (Monte Carlo weightings + leave-one-out) off the UI thread: one job per
generation of settings; a newer generation makes the running job stop early."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QRunnable, Signal

from ...scoring.robustness import Cancelled, robustness


class _JobSignals(QObject):
    progress = Signal(int, int, int)        # generation, done, total
    finished = Signal(int, object, float)   # generation, Robustness, seconds
    failed = Signal(int, str)


class RobustnessJob(QRunnable):
    """Monte Carlo + leave-one-out for one Result; stops early when a newer job supersedes it."""

    def __init__(self, generation: int, res, current):
        super().__init__()
        self.generation, self.res, self.current = generation, res, current
        self.signals = _JobSignals()

    def run(self):
        t0 = time.perf_counter()
        try:
            rob = robustness(self.res, progress=lambda d, n: self.signals.progress.emit(self.generation, d, n),
                             cancelled=lambda: self.current() != self.generation)
            self.signals.finished.emit(self.generation, rob, time.perf_counter() - t0)
        except Cancelled:
            pass
        except Exception as e:  # reported in the view, never a crash
            self.signals.failed.emit(self.generation, str(e))
