"""File > Save view / Open view / Recent views, and the session that comes back on reopen.

A view is the JSON of ``explorer.state.view_file``. Opening checks the whole file against
fresh state objects first, then applies it in one batch: an invalid or foreign file shows a
message and changes nothing in the window.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from explorer.atomic import atomic_write_text
from explorer.errors import ExplorerError
from explorer.state import ExplorerState, TimelineState
from explorer.state.answer import AnswerState
from explorer.state.view_file import ViewFileError, check_into, from_text, to_doc, to_text

from . import settings as saved

MAX_RECENT = 8
FILTER = "Saved view (*.cpview.json *.json)"


def session_path() -> Path:
    folder = Path(saved.settings().fileName()).parent
    return folder / "session.cpview.json"


class SavedViews:
    def __init__(self, window, room):
        self.w, self.room = window, room
        self.recent: list[str] = []
        self.last_folder = ""
        s = saved.settings()
        self.recent = [p for p in (s.value("recent_views") or []) if isinstance(p, str)][:MAX_RECENT] \
            if isinstance(s.value("recent_views"), list) else []
        self.last_folder = str(s.value("last_folder") or "")
        menu = window.file_menu
        first = menu.actions()[0] if menu.actions() else None
        self.save_action = menu.addAction("Save view\u2026", self.save_dialog)
        self.open_action = menu.addAction("Open view\u2026", self.open_dialog)
        self.recent_menu = menu.addMenu("Recent views")
        for a in (self.save_action, self.open_action, self.recent_menu.menuAction()):
            menu.removeAction(a)
            menu.insertAction(first, a)
        menu.insertSeparator(first)
        self._fill_recent()

    # ---- document <-> window -----------------------------------------------------------------
    def doc(self) -> dict:
        w = self.w
        answer = w.answer.state.as_dict() if w.answer is not None else None
        return to_doc(w.state.as_dict(), self.room.timeline.as_dict(), answer,
                      w.views.currentIndex(), w.charts.currentIndex())

    def apply_text(self, text: str, where: str) -> None:
        """Check everything, then apply it; ViewFileError leaves the window as it was."""
        doc = from_text(text, where)
        ex = {k: v for k, v in doc["explorer"].items() if k in ExplorerState.field_names()}
        check_into(ExplorerState, ex, where, "the countries, indicator or year")
        tl = {k: v for k, v in doc["timeline"].items() if k in ("speed", "loop")}
        check_into(TimelineState, tl, where, "the timeline")
        ans = doc.get("answer")
        if ans:
            check_into(AnswerState, ans, where, "the answer settings")
        ind = ex.get("indicator")
        if ind and ind not in self.w.panel_data.indicator_meta:
            raise ViewFileError(f"{where}: the indicator {ind!r} is not in this index")
        w = self.w
        if doc["tab"] > 1 or doc["chart"] >= w.charts.count():
            raise ViewFileError(f"{where}: no view number {doc['tab']}/{doc['chart']} in this window")
        with w.state.batch():
            w.state.update_from_dict(ex, strict=True)
        self.room.timeline.update_from_dict(tl, strict=True)
        w.charts.setCurrentIndex(doc["chart"])
        if doc["tab"] == 1 or ans:
            view = w.show_answer() if doc["tab"] == 1 else w.build_answer()
            if ans:
                view.state.update_from_dict(ans, strict=True)
        if doc["tab"] == 0:
            w.views.setCurrentIndex(0)

    # ---- files ------------------------------------------------------------------------------
    def save_to(self, path) -> Path:
        path = Path(path)
        atomic_write_text(path, to_text(self.doc()))
        self._remember(path)
        return path

    def open_path(self, path) -> bool:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
            self.apply_text(text, path.name)
        except (OSError, UnicodeDecodeError) as e:
            self._refuse(f"Could not read {path}:\n{e}")
            return False
        except ViewFileError as e:
            self._refuse(f"{e}\n\nNothing in the window was changed.")
            return False
        self._remember(path)
        self.w.statusBar().showMessage(f"Opened the view {path.name}", 8000)
        return True

    def _refuse(self, text: str) -> None:
        self.last_error = text
        self.w.statusBar().showMessage(text.splitlines()[0], 15000)
        if not os.environ.get("EXPLORER_NO_DIALOGS"):
            QMessageBox.warning(self.w, "Cannot open this view", text)

    def folder(self) -> str:
        return self.last_folder or QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) \
            or str(Path.home())

    def save_dialog(self) -> None:
        st = self.w.state
        stem = f"{st.indicator}_{st.year}.cpview.json"
        path, _ = QFileDialog.getSaveFileName(self.w, "Save the view", str(Path(self.folder()) / stem), FILTER)
        if path:
            try:
                out = self.save_to(path)
            except (OSError, ValueError, ExplorerError) as e:
                QMessageBox.warning(self.w, "Save failed", f"Could not write {path}:\n{e}")
                return
            self.w.statusBar().showMessage(f"Saved the view to {out}", 8000)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.w, "Open a saved view", self.folder(), FILTER)
        if path:
            self.open_path(path)

    def remember_folder(self, folder: Path) -> None:
        """Every save dialog opens where the user last saved (views and exports alike)."""
        self.last_folder = str(Path(folder).resolve())
        s = saved.settings()
        s.setValue("last_folder", self.last_folder)
        s.sync()

    def _remember(self, path: Path) -> None:
        p = str(path.resolve())
        self.recent = [p] + [r for r in self.recent if r != p][:MAX_RECENT - 1]
        s = saved.settings()
        s.setValue("recent_views", self.recent)
        s.sync()
        self.remember_folder(path.resolve().parent)
        self._fill_recent()

    def _fill_recent(self) -> None:
        m = self.recent_menu
        m.clear()
        for p in self.recent:
            m.addAction(Path(p).name, lambda p=p: self.open_path(p)).setToolTip(p)
        m.setEnabled(bool(self.recent))

    # ---- session -----------------------------------------------------------------------------
    def save_session(self) -> None:
        try:
            session_path().parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(session_path(), to_text(self.doc()))
        except (OSError, ValueError, ExplorerError):
            pass  # closing never fails over a session file; the next start opens the default

    def restore_session(self) -> str | None:
        """Reopen what was on screen at the last close; a notice when it could not be."""
        path = session_path()
        if not path.is_file():
            return None
        try:
            self.apply_text(path.read_text(encoding="utf-8"), "the last session")
        except (OSError, UnicodeDecodeError, ViewFileError) as e:
            return f"The last session could not be restored ({e}); showing the default view."
        return None
