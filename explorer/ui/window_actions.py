"""What the File and Help menus do in the main window: import and undo, reopening the index,
exports of the current chart or of the answer, and the sources, guide and about dialogs.
Mixed into ``MainWindow`` (it needs its state, data, charts, answer and status bar)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from explorer.errors import ExplorerError

from . import jobs

ANSWER_TAB = 1
ANSWER_EXPORTS = ("PDF brief with citations (*.pdf);;PNG image (*.png);;"
                  "CSV ranking with data years and citations (*.csv)")


class WindowActions:
    def import_data(self) -> None:
        from .dialogs.import_dialog import run_import_dialog
        if run_import_dialog(self, self._index_path()):
            self.reload_index()

    def undo_import(self) -> None:
        from .dialogs.import_dialog import undo_last_import
        message = undo_last_import()
        self.statusBar().showMessage(message, 15000)
        if message.startswith("Undid"):
            self.reload_index()

    def _index_path(self):
        return getattr(self.panel_data, "path", None)

    def reload_index(self) -> None:
        """Open the index again (after an import or its undo), keeping what was on screen."""
        from explorer.views.window import load_window_data
        keep = self.state.as_dict() if self.state is not None else {}
        for d in (self.selector_dock, self.panel_dock):
            self.removeDockWidget(d)
            d.deleteLater()
        self.removeToolBar(self.toolbar)
        self.toolbar.deleteLater()
        self.progress.show()
        self.status_label.set_parts("Reopening the index\u2026", [], "")

        def loaded(result) -> None:
            panel, data, charts, view = result
            self.set_data(panel, data, charts, view)
            self.state.update_from_dict({k: v for k, v in keep.items() if k != "selected"})
            self.state.set_selected([c for c in keep.get("selected", []) if c in data.covered][:10]
                                    or self.state.selected)

        def failed(e) -> None:
            from .dialogs import show_index_error
            show_index_error(str(e), self)

        jobs.runner().submit("load-index", load_window_data, None, on_done=loaded, on_error=failed)

    def _answer_current(self) -> bool:
        return self.answer is not None and self.views.currentIndex() == ANSWER_TAB

    def export_dialog(self) -> None:
        st = self.state
        folder = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())
        if self._answer_current():
            stem = f"least_persecution_{self.answer.state.year}"
            title, filters = "Export the answer", ANSWER_EXPORTS
        else:
            stem = f"{st.indicator}_{st.year}_{self.charts.tabText(self.charts.currentIndex()).lower().replace(' ', '_')}"
            title = "Export the current chart"
            filters = "PNG image (*.png);;SVG image (*.svg);;CSV data with citation (*.csv)"
        suffix = ".pdf" if self._answer_current() else ".png"  # the first filter's type
        if getattr(self, "classroom", None) is not None:
            folder = self.classroom.saved.folder()  # the last folder saved to (views or exports)
        path, chosen = QFileDialog.getSaveFileName(self, title, str(Path(folder) / f"{stem}{suffix}"), filters)
        if path:
            if getattr(self, "classroom", None) is not None:
                self.classroom.saved.remember_folder(Path(path).parent)
            self.export_to(path)

    def export_to(self, path: str) -> Path | None:
        try:
            if self._answer_current():
                out = self.answer.export(path)
            else:
                out = (self.charts.export_csv(path) if path.lower().endswith(".csv")
                       else self.charts.export_image(path))
        except (OSError, ValueError, ExplorerError) as e:
            QMessageBox.warning(self, "Export failed", f"Could not write {path}:\n{e}")
            return None
        self.statusBar().showMessage(f"Exported {out}", 8000)
        return out

    def show_sources(self) -> None:
        from .dialogs import HtmlDialog, sources_html
        HtmlDialog("Sources and licences", sources_html(self.data.source_rows()), self).exec()

    def show_guide(self) -> None:
        from explorer.catalogue import PILLARS

        from .dialogs import HtmlDialog, guide_html
        HtmlDialog("How to read this", guide_html([(n, d) for _, n, d in PILLARS]), self, size=(680, 620)).exec()

    def show_about(self) -> None:
        from .dialogs import HtmlDialog, about_html
        eds = self.data.editions_text() if self.data else "(index not loaded)"
        cov = self.data.coverage_text() if self.data else ""
        HtmlDialog("About Country Privacy Explorer", about_html(eds, cov), self, size=(640, 460)).exec()
