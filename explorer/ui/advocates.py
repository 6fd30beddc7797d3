"""The advocates' menu entries, kept out of the main window's wiring: File > Export slide
(16:9)..., Copy chart as image (Ctrl+Shift+C), Country brief..., View > Peer table, and
Help > What this app does not measure. ``install(window, file_menu, view_menu, help_menu)``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QLineEdit, QMessageBox, QSpinBox)

from ..errors import ExplorerError

SLIDE_FILTERS = "PNG image, 1920x1080 (*.png);;PNG image, 3840x2160 (2x) (*.png);;SVG image (*.svg)"



def _write(win, path, failed: str, done: str, write):
    """Run one file write with a busy cursor; a failure is a message and the old file stays."""
    try:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        out = write()
    except (OSError, ValueError, ExplorerError) as e:
        QMessageBox.warning(win, failed, f"Could not write {path}:\n{e}")
        return None
    finally:
        QApplication.restoreOverrideCursor()
    win.statusBar().showMessage(f"{done} {out}", 8000)
    return out

def install(win, file_menu, view_menu, help_menu) -> list:
    """Add the actions; they are disabled until the data are loaded (``set_enabled``)."""
    def act(menu, text, fn, keys):
        a = QAction(text, win)
        a.setShortcut(QKeySequence(keys))
        a.triggered.connect(lambda *_: fn(win))
        before = next((x for x in menu.actions() if x.isSeparator()), None)  # above Quit
        menu.insertAction(before, a)
        return a
    acts = [act(file_menu, "Export &slide (16:9)\u2026", export_slide, "Ctrl+Shift+E"),
            act(file_menu, "&Copy chart as image", copy_chart, "Ctrl+Shift+C"),
            act(file_menu, "Country &brief\u2026", country_brief_dialog, "Ctrl+B")]
    acts.append(view_menu.addAction("&Peer table", lambda: show_peer_table(win), QKeySequence("Ctrl+T")))
    for a in acts:
        a.setEnabled(False)
    help_menu.addAction("What this app does &not measure", lambda: show_unmeasured(win))
    win._advocate_actions = acts
    return acts


def set_enabled(win, on: bool = True) -> None:
    for a in getattr(win, "_advocate_actions", []):
        a.setEnabled(on)


def _folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


def _current_chart(win):
    if win.charts is None:
        return None
    if win._answer_current():
        return None
    return win.charts.current_chart()


def export_slide(win, path: str | None = None, scale: float | None = None):
    if win.answer is not None and win._answer_current():
        return export_answer_slide(win, path, scale)
    chart = _current_chart(win)
    if chart is None:
        QMessageBox.information(win, "Export slide", "Open a chart of the Explore tab to export it as a slide.")
        return None
    if path is None:
        st = win.state
        stem = f"{st.indicator}_{st.year}_{chart.TITLE.lower().replace(' ', '_')}_slide"
        path, chosen = QFileDialog.getSaveFileName(win, "Export the chart as a 16:9 slide",
                                                   str(_folder() / f"{stem}.png"), SLIDE_FILTERS)
        if not path:
            return None
        scale = 2.0 if "2x" in chosen else 1.0
    return _write(win, path, "Export failed", "Exported the slide",
                  lambda: chart.export_image(path, scale=scale or 1.0, slide=True))


def export_answer_slide(win, path: str | None = None, scale: float | None = None):
    """The Answer tab: its own clean chart (top 10, compared and focused countries with rank ranges)."""
    from .exports.answer_image import write_answer
    if path is None:
        path, chosen = QFileDialog.getSaveFileName(win, "Export the answer as a 16:9 slide",
                                                   str(_folder() / f"least_persecution_{win.answer.state.year}_slide.png"),
                                                   SLIDE_FILTERS)
        if not path:
            return None
        scale = 2.0 if "2x" in chosen else 1.0
    return _write(win, path, "Export failed", "Exported the answer slide",
                  lambda: write_answer(win.panel_data, win.state, path, scale=scale or 1.0,
                                       ans=win.answer.answer_for_export()))


def copy_chart(win):
    chart = _current_chart(win)
    if chart is None:
        return None
    img = chart.copy_image(slide=True, scale=1.0)
    win.statusBar().showMessage("Copied the chart as a 1920x1080 image with its title and sources", 8000)
    return img


class BriefDialog(QDialog):
    """Country, peers (up to four) and year of a country brief; defaults from the window."""

    def __init__(self, panel, state, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Country brief")
        self.country = QComboBox()
        for iso in panel.covered:
            self.country.addItem(f"{panel.name(iso)} ({iso})", iso)
        if state.focused in panel.covered:
            self.country.setCurrentIndex(panel.covered.index(state.focused))
        self.peers = QLineEdit(",".join([c for c in state.selected if c != state.focused][:4]))
        self.peers.setPlaceholderText("e.g. DEU,USA,IND (up to four ISO3 codes)")
        self.year = QSpinBox()
        lo, hi = panel.year_range or (2000, 2025)
        self.year.setRange(lo, hi)
        self.year.setValue(state.year or hi)
        form = QFormLayout(self)
        form.addRow("Country", self.country)
        form.addRow("Peers", self.peers)
        form.addRow("Year", self.year)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, list[str], int]:
        peers = [p.strip().upper() for p in self.peers.text().split(",") if p.strip()]
        return self.country.currentData(), peers, self.year.value()


def country_brief_dialog(win, path: str | None = None, values=None):
    """File > Country brief...: the same file as `explorer brief --country ... --peers ...`."""
    from .exports.country_brief import write_country_brief
    if values is None:
        dlg = BriefDialog(win.panel_data, win.state, win)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        values = dlg.values()
    country, peers, year = values
    if path is None:
        path, _ = QFileDialog.getSaveFileName(win, "Save the country brief",
                                              str(_folder() / f"{country.lower()}_brief_{year}.pdf"),
                                              "PDF (*.pdf)")
        if not path:
            return None
    return _write(win, path, "Country brief failed", "Wrote the country brief",
                  lambda: write_country_brief(win.panel_data, path, country, peers, year))


def show_peer_table(win):
    from .peers import PeerTableDialog
    dlg = getattr(win, "_peer_dialog", None)
    if dlg is None:
        dlg = win._peer_dialog = PeerTableDialog(win.panel_data, win.state, win)
    dlg.show()
    dlg.raise_()
    return dlg


def unmeasured_html(panel=None) -> str:
    from html import escape

    from ..views.readings import UNMEASURED_LEAD, UNMEASURED_TITLE, unmeasured_lines
    parts = [f"<h2>{escape(UNMEASURED_TITLE)}</h2><p>{escape(UNMEASURED_LEAD)}</p>"]
    for topic, why, proxies in unmeasured_lines(panel):
        parts.append(f"<h3>{escape(topic)}</h3><p>{escape(why)}</p><p><i>Closest indicators here:</i> "
                     f"{escape(proxies)}</p>")
    return "".join(parts)


def show_unmeasured(win):
    from .dialogs import HtmlDialog
    dlg = HtmlDialog("What this app does not measure", unmeasured_html(win.panel_data), win, size=(680, 560))
    dlg.open()
    return dlg
