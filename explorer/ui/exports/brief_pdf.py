"""Drawing the PDF brief, a 1-3 page handout of the composite answer; its text and layout come
from the core (``explorer.scoring.brief``). Vector text (QPdfWriter + QTextDocument), so it stays searchable and sharp on slides.
``write_brief`` serves the window's export; ``cli_brief`` the headless `explorer brief`."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtWidgets import QApplication
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from ...errors import ExplorerError
from ...atomic import atomic_write_bytes, verify_pdf
from ...scoring.answer import Answer
from ...scoring.brief import brief_html, brief_rows  # noqa: F401 (tests import brief_rows here)


def write_pdf(html_text: str, path: Path | str, title: str) -> Path:
    """Render HTML to an A4 PDF with vector, searchable text; written atomically."""
    if QGuiApplication.instance() is None:
        raise ExplorerError("the PDF brief needs a Qt application (use cli_brief outside the window)")

    # Rendered in memory, then written by the atomic writer: QPdfWriter does not report write
    # errors (a full disk gave a cut file and "success"); the writer checks size and %%EOF.
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    pdf = QPdfWriter(buf)
    pdf.setPageSize(QPageSize(QPageSize.A4))
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter)  # print_ adds 2 cm and page numbers
    pdf.setResolution(300)
    pdf.setTitle(title)
    pdf.setCreator("Country Privacy Explorer")
    doc = QTextDocument()
    doc.setDefaultFont(QFont("DejaVu Sans", 9))
    doc.setHtml(html_text)
    doc.print_(pdf)  # paginates; QPdfWriter's painter is opened and closed inside print_
    del pdf          # finishes the PDF (writes the trailer) into the buffer
    data = bytes(buf.data())
    buf.close()
    return atomic_write_bytes(path, data, verify=verify_pdf)


def write_brief(answer_or_view, path: Path | str, engine=None) -> Path:
    """Write the brief of an AnswerView's current answer (or of an Answer with its Engine) to ``path``."""
    if isinstance(answer_or_view, Answer):
        ans = answer_or_view
        if engine is None:
            raise ExplorerError("write_brief needs the Engine that made the Answer")
    else:
        view = answer_or_view
        ans = view.answer_for_export()
        engine = view.engine
    text = brief_html(ans, engine.index)
    return write_pdf(text, path, f"Least persecution ranking {ans.year}")


def cli_brief(index, out_path: Path | str, settings=None) -> Path:
    """Headless: compute the answer for ``settings`` (a scoring.composite.Settings; None = defaults)
    with robustness and write the PDF brief to ``out_path``. Creates an offscreen QGuiApplication
    when none is running."""
    from ...scoring.answer import answer
    from ...scoring.composite import Engine, Settings
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # a QApplication (not only QGuiApplication), so widgets can still be made in this process
        app = QApplication(["explorer-brief"])  # kept referenced until the PDF is written
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".pdf":
        raise ExplorerError(f"the brief is a PDF: {out_path} should end in .pdf")
    engine = Engine(index)
    ans = answer(engine, settings or Settings())
    return write_brief(ans, out_path, engine=engine)
