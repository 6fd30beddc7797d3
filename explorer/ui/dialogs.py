"""Dialogs: the index could not be opened; sources and licences; about."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout

REBUILD = ("To rebuild the index from the raw public files, run:\n\n"
           "    explorer build-index\n\n"
           "(it needs the raw data folder ../shared/data/raw), or restore data/explorer.sqlite "
           "from the project.")


class IndexErrorDialog(QMessageBox):
    """Says what happened and how to rebuild; no traceback."""

    def __init__(self, message: str, parent=None):
        super().__init__(parent)
        self.setIcon(QMessageBox.Critical)
        self.setWindowTitle("Country Privacy Explorer: the index cannot be opened")
        self.setText("The data index could not be opened, so there is nothing to show.")
        self.setInformativeText(f"{message}\n\n{REBUILD}")
        self.setStandardButtons(QMessageBox.Close)


def show_index_error(message: str, parent=None) -> IndexErrorDialog:
    box = IndexErrorDialog(message, parent)
    box.exec()
    return box


class HtmlDialog(QDialog):
    def __init__(self, title: str, html: str, parent=None, size=(760, 620)):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        self.resize(*size)


def sources_html(rows: list[dict]) -> str:
    parts = ["<h2>Sources and licences</h2>",
             "<p>Every number in this program comes from one of these publishers, unchanged except for "
             "rescaling to 0\u2013100 (100 = least persecution). Cite the publisher, not this program.</p>"]
    for r in rows:
        parts.append(
            f"<h3>{escape(r['name'])}</h3><table cellspacing='3'>"
            f"<tr><td><b>Publisher</b></td><td>{escape(r['publisher'])}</td></tr>"
            f"<tr><td><b>Licence</b></td><td>{escape(r['licence'])}</td></tr>"
            f"<tr><td valign='top'><b>Citation</b></td><td>{escape(r['citation'])}</td></tr>"
            f"<tr><td><b>URL</b></td><td><a href='{escape(r['url'])}'>{escape(r['url'])}</a></td></tr>"
            f"<tr><td><b>Indicators</b></td><td>{r['indicators']}</td></tr>"
            + (f"<tr><td valign='top'><b>Caveats</b></td><td>{escape(r['caveats'])}</td></tr>" if r["caveats"] else "")
            + "</table>")
    return "".join(parts)


def about_html(editions: str, coverage: str) -> str:
    from explorer import __version__
    return (f"<h2>Country Privacy Explorer {__version__}</h2>"
            "<p><b>Which country persecutes its citizens the least?</b> This program puts public indices of "
            "state surveillance, censorship, legal privacy protection, physical persecution and civic "
            "freedom side by side, offline, with their sources.</p>"
            "<p>Every indicator is shown as its publisher states it and rescaled to <b>0\u2013100, where "
            "100 = least persecution</b>. A missing value is shown as missing, with the latest year that "
            "has data; nothing is filled in.</p>"
            f"<p><b>Data editions:</b> {escape(editions)}</p><p><b>Coverage:</b> {escape(coverage)}</p>"
            "<p>See Help \u203a Sources and licences for citations and licences.</p>")
