"""The Qt side of the one job runner (``explorer.jobs``): results and progress are delivered
on the UI thread, through a queued signal, so slots never touch widgets from a worker."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from explorer.jobs import Runner


class _UiThread(QObject):
    call = Signal(object)

    def __init__(self):
        super().__init__()
        self.call.connect(self._run, Qt.QueuedConnection)

    @Slot(object)
    def _run(self, fn) -> None:
        fn()


_bridge: _UiThread | None = None
_runner: Runner | None = None


def runner() -> Runner:
    """The application's runner (created on first use, on the UI thread)."""
    global _bridge, _runner
    if _runner is None:
        _bridge = _UiThread()
        _runner = Runner(deliver=_bridge.call.emit)
    return _runner


def shutdown() -> None:
    global _runner
    if _runner is not None:
        _runner.shutdown(wait=True)
        _runner = None
