"""Start the window: paint it at once, load the Panel on the job runner, then fill it.

``main(index_path=None) -> int`` is what ``explorer`` (no subcommand) calls. A missing or
corrupt index, or any failure while filling the window, shows one dialog saying what
happened and how to rebuild, and returns 2.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QStyleFactory

from explorer.views.window import load_window_data

from . import jobs
from .main_window import MainWindow, apply_base_font

LOAD_CHANNEL = "load-index"
PRELOAD_AFTER_MS = 30


def failure_text(e: BaseException) -> str:
    from explorer.errors import ExplorerError
    if isinstance(e, ExplorerError):
        return str(e)
    return f"Unexpected problem while reading the index: {type(e).__name__}: {e}"


def make_app() -> QApplication:
    # A worker computing in Python (the Answer's score, the uncertainty runs) hands the GIL back
    # to the UI thread within 1 ms instead of 5: playing the Answer tab stalled up to ~110 ms.
    sys.setswitchinterval(0.001)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Country Privacy Explorer")
    app.setOrganizationName("CountryPrivacyExplorer")
    if "Fusion" in QStyleFactory.keys():
        app.setStyle("Fusion")  # same high-contrast look on every platform
    apply_base_font(app)
    return app


def start(index_path=None, on_error=None) -> MainWindow:
    """Show the window, then load on the job runner. ``on_error(message)`` runs on a failure,
    whether opening the index or filling the window failed."""
    window = MainWindow()
    window.freeze_heap = True   # see MainWindow.freeze_heap
    window.show()

    def failed(message: str) -> None:
        window.progress.hide()
        window.status_label.set_parts("The index could not be opened.", [], message)
        if on_error:
            on_error(message)

    def loaded(result) -> None:
        panel, data, charts, view = result
        try:
            window.set_data(panel, data, charts, view)
            window.restore_session()
        except Exception as e:  # noqa: BLE001 - the user gets the index dialog, never a stuck window
            failed(failure_text(e))

    def begin() -> None:
        jobs.runner().submit(LOAD_CHANNEL, load_window_data, index_path, on_done=loaded,
                             on_error=lambda e: failed(failure_text(e)))
        QTimer.singleShot(PRELOAD_AFTER_MS, preload)

    def preload() -> None:
        # While the worker reads the index, this thread imports what the filled window draws
        # with (pyqtgraph above all), after the first paint so the busy window shows first.
        if window.state is None:
            import explorer.ui.charts.timeseries  # noqa: F401
            import explorer.ui.classroom  # noqa: F401
            import explorer.ui.widgets.cards  # noqa: F401
            import explorer.ui.widgets.selector  # noqa: F401

    QTimer.singleShot(0, begin)  # after the first paint
    return window


def main(index_path=None) -> int:
    from explorer.atomic import cleanup_stale_temps
    from explorer.importer.recovery import recover
    cleanup_stale_temps()  # what a killed build, import or export left in data/ and the user folder
    try:
        recover()  # an interrupted import or undo: its temp files and a log entry whose index never came
    except Exception:  # noqa: BLE001 - never stops the window; the import commands report it
        pass
    app = make_app()
    outcome = {"code": 0}

    def failed(message: str) -> None:
        from .dialogs import show_index_error
        show_index_error(message, window)
        outcome["code"] = 2
        window.close()
        app.exit(2)

    window = start(index_path, failed)
    code = app.exec()
    jobs.shutdown()
    return outcome["code"] or code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else None))
