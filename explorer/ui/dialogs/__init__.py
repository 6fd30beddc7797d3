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


def guide_html(pillars: list[tuple[str, str]]) -> str:
    """'How to read this': the few ideas a student needs before trusting any number here."""
    items = "".join(f"<li><b>{escape(name)}</b>: {escape(desc)}</li>" for name, desc in pillars)
    return (
        "<h2>How to read this program</h2>"
        "<h3>1. Every number comes from a publisher</h3>"
        "<p>Freedom House, V-Dem, the Political Terror Scale, RSF and the others measure different "
        "things in different ways. Each card and chart names its source, edition and the year the "
        "value describes. Cite the publisher, not this program (Help \u203a Sources and licences).</p>"
        "<h3>2. Two numbers per value</h3>"
        "<p>The <b>raw value</b> is what the publisher printed, on its own scale (for example "
        "\u201c6 on 1\u20137 (lower = freer)\u201d). The <b>normalised value</b> puts every indicator on "
        "<b>0\u2013100, where 100 = least persecution</b>, so that they can be compared and averaged. "
        "Watch the direction: on some raw scales a higher number is worse.</p>"
        "<h3>3. Missing is missing</h3>"
        "<p>Many countries are not covered by every publisher, and many indicators are not published "
        "every year. A gap is shown as \u201cno data\u201d with the latest year that has a value; it "
        "is never filled in or counted as 0. Absence can itself mislead: a secretive state may simply "
        "be less documented.</p>"
        f"<h3>4. Five pillars</h3><ul>{items}</ul>"
        "<h3>5. The answer is a choice, shown openly</h3>"
        "<p>The Answer tab averages the pillars with weights you can change. The bars show how far a "
        "country's rank moves when the weights change a little; \u201cwhy this rank\u201d shows what "
        "lifts or lowers it. Read the caveats under the ranking before you quote it.</p>"
        "<h3>Keyboard</h3>"
        "<p>Ctrl+F: find a country \u00b7 Space/Enter: compare it \u00b7 Ctrl+1\u20135: chart views "
        "\u00b7 Ctrl+6: the answer \u00b7 Tab to a card, Enter: its source \u00b7 Ctrl++ / Ctrl+\u2212: "
        "text size \u00b7 Ctrl+E: export.</p>")
