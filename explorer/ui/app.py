"""Start the window: paint it at once, load the index on a worker thread, then fill it.

``main(index_path=None) -> int`` is what ``explorer`` (no subcommand) calls. A missing or
corrupt index shows a dialog saying what happened and how to rebuild, and returns 2.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QStyleFactory

from .main_window import MainWindow, apply_base_font


class IndexLoader(QObject):
    """Opens the index and prepares the window's data off the UI thread."""

    loaded = Signal(object, object, object)  # index, PanelData, ViewData (or None)
    failed = Signal(str)

    def __init__(self, path=None):
        super().__init__()
        self.path = path

    def run(self) -> None:
        try:
            from explorer.errors import ExplorerError
        except ImportError as e:  # pragma: no cover - broken install
            self.failed.emit(str(e))
            return
        try:
            from explorer.panel_data import PanelData
            from explorer.store import Index
            ix = Index(self.path)
            data = PanelData(ix)
            data.warm()  # the first view's cards, list and editions, here rather than on the UI thread
            try:  # the charts' per-indicator frames are built when first drawn; the caches
                # for switching countries are warmed after the window is up (MainWindow.set_data)
                from explorer.viewdata import ViewData
                view = ViewData(ix)
            except ImportError:
                view = None
            self.loaded.emit(ix, data, view)
        except ExplorerError as e:
            self.failed.emit(str(e))
        except Exception as e:  # noqa: BLE001 - the user gets a message, never a traceback
            self.failed.emit(f"Unexpected problem while reading the index: {type(e).__name__}: {e}")


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Country Privacy Explorer")
    app.setOrganizationName("CountryPrivacyExplorer")
    if "Fusion" in QStyleFactory.keys():
        app.setStyle("Fusion")  # same high-contrast look on every platform
    apply_base_font(app)
    return app


class Starter(QObject):
    """Lives on the UI thread so that the loader's results are delivered there (queued)."""

    def __init__(self, window: MainWindow, on_error=None):
        super().__init__(window)
        self.window, self.on_error = window, on_error

    @Slot(object, object, object)
    def loaded(self, ix, data, view) -> None:
        self.window.set_data(ix, data, view)

    @Slot(str)
    def failed(self, message: str) -> None:
        self.window.progress.hide()
        self.window.status_label.setText("The index could not be opened.")
        if self.on_error:
            self.on_error(message)


def start(index_path=None, on_error=None) -> tuple[MainWindow, QThread, IndexLoader]:
    """Show the window, then load on a thread. ``on_error(message)`` runs on a failure."""
    window = MainWindow()
    window.show()
    thread = QThread(window)
    loader = IndexLoader(index_path)
    loader.moveToThread(thread)
    starter = Starter(window, on_error)
    thread.started.connect(loader.run)
    loader.loaded.connect(starter.loaded)
    loader.failed.connect(starter.failed)
    loader.loaded.connect(thread.quit)
    loader.failed.connect(thread.quit)
    window._loader = (loader, starter)  # keep them alive as long as the window
    QTimer.singleShot(0, thread.start)  # after the first paint
    return window, thread, loader


def main(index_path=None) -> int:
    app = make_app()
    outcome = {"code": 0}

    def failed(message: str) -> None:
        from .dialogs import show_index_error
        show_index_error(message, window)
        outcome["code"] = 2
        window.close()
        app.exit(2)

    window, thread, _ = start(index_path, failed)
    code = app.exec()
    thread.quit()
    thread.wait()
    return outcome["code"] or code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else None))
