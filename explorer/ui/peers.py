"""The peer table window (View > Peer table): the compared countries side by side on every
indicator, grouped by pillar. Each cell: the value on its own scale, its data year when
earlier, a 0-100 colour (the map's classes), or "no data" with the publisher's reason;
documented-only rows say documented / not documented and are never ranked. Click a country's
header to sort each pillar by that country's score. The data come from
``explorer/views/peers.py``; exports are cited CSV and 16:9 slides.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..atomic import atomic_write_text
from ..errors import ExplorerError
from ..views.captions import caption, names_text
from ..views.peers import PeerTable, colour_class, peer_table, raw_detail
from ..views.readings import UNMEASURED_TITLE, unmeasured_lines
from .charts.map import CLASS_COLOURS, NO_DATA
from .exports.slides import SLIDE, ensure_app, render_widget, write_bytes

HEAD_BG = "#E4EAF2"


def _text_colour(bg: str) -> str:
    c = QColor(bg)
    return "#000000" if (0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()) > 140 else "#FFFFFF"


class PeerTableView(QTableWidget):
    """Rows: pillar headings and indicators; columns: scale, then one per country."""

    def __init__(self, panel, parent: QWidget | None = None):
        super().__init__(parent)
        self.panel = panel
        self.table: PeerTable | None = None
        self.sort_by: str | None = None
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(True)
        self.setWordWrap(True)
        self.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Two lines a row: ResizeToContents sized rows by the widest wrapped text (very tall rows).
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 2 + 10)

    def show_table(self, table: PeerTable) -> None:
        self.table = table
        shown = table.sorted_by(self.sort_by) if self.sort_by in table.countries else table
        self.clear()
        self.setColumnCount(1 + len(shown.countries))
        self.setHorizontalHeaderLabels(["Scale"] + [
            f"{n} {'▼' if c == self.sort_by else ''}".strip() for c, n in zip(shown.countries, shown.names)])
        rows: list = []
        heading = None
        for r in shown.rows:
            if r.heading != heading:
                heading = r.heading
                rows.append(heading)
            rows.append(r)
        self.setRowCount(len(rows))
        labels = []
        bold = QFont(self.font())
        bold.setBold(True)
        for i, r in enumerate(rows):
            if isinstance(r, str):
                labels.append(r)
                for j in range(self.columnCount()):
                    it = QTableWidgetItem("")
                    it.setBackground(QBrush(QColor(HEAD_BG)))
                    self.setItem(i, j, it)
                continue
            labels.append(r.short)
            scale = QTableWidgetItem(r.scale)
            scale.setToolTip(r.reading or r.scale)
            self.setItem(i, 0, scale)
            meta = self.panel.indicator_meta[r.indicator]
            for j, c in enumerate(r.cells, start=1):
                text = c.text if c.missing else (c.text + (f" ({c.year})" if c.year != shown.year else ""))
                if c.missing and c.reason:
                    text += f": {c.reason}"
                it = QTableWidgetItem(text)
                k = None if r.documented_only else colour_class(c.value)
                bg = NO_DATA if c.missing else (CLASS_COLOURS[k] if k is not None else "#FFFFFF")
                it.setBackground(QBrush(QColor(bg)))
                it.setForeground(QBrush(QColor(_text_colour(bg))))
                it.setToolTip(raw_detail(c, meta) + (f"\n{r.reading}" if r.reading else ""))
                it.setData(Qt.ItemDataRole.UserRole, c.value)
                self.setItem(i, j, it)
        self.setVerticalHeaderLabels(labels)
        for i, r in enumerate(rows):
            if isinstance(r, str):
                self.verticalHeaderItem(i).setFont(bold)

    def _header_clicked(self, section: int) -> None:
        if self.table is None or section == 0:
            return
        iso = self.table.countries[section - 1] if self.sort_by is None else \
            (self.table.sorted_by(self.sort_by) if self.sort_by in self.table.countries else self.table).countries[section - 1]
        self.sort_by = None if self.sort_by == iso else iso
        self.show_table(self.table)

    def cell_texts(self) -> list[list[str]]:
        """What the table shows, row by row (tests, screen readers)."""
        return [[self.verticalHeaderItem(i).text()] + [(self.item(i, j).text() if self.item(i, j) else "")
                                                       for j in range(self.columnCount())]
                for i in range(self.rowCount())]


def footer_text(table: PeerTable, panel=None) -> str:
    topics = "; ".join(f"{t} (closest: {p})" for t, _, p in unmeasured_lines(panel))
    return f"{table.rule} {UNMEASURED_TITLE}: {topics}."


def peer_caption(panel, table: PeerTable):
    title = f"{names_text(panel, table.countries)} side by side on every indicator, {table.year}"
    years = [c.year for r in table.rows for c in r.cells if c.year is not None]
    return caption(panel, title, table.shown_indicators(), years, table.countries,
                   [table.rule, f"{UNMEASURED_TITLE}: social credit, biometric SIM and real-name registration, "
                    "ethnic profiling (see Help)."])


def peers_csv(panel, table: PeerTable) -> str:
    from ..csvsafe import to_csv_text
    from ..views.captions import provenance_columns
    cap = peer_caption(panel, table)
    df = provenance_columns(panel, table.frame(), indicator_col="indicator")
    head = [cap.title, cap.footer, footer_text(table, panel)]
    return "".join("# " + " ".join(line.split()) + "\n" for line in head) + to_csv_text(df, index=False)


class PeerTableDialog(QDialog):
    """A window of its own, following the compared countries and the year."""

    def __init__(self, panel, state, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Peer table: compared countries side by side")
        self.panel, self.state = panel, state
        self.view = PeerTableView(panel, self)
        self.footer = QLabel(self)
        self.footer.setWordWrap(True)
        csv = QPushButton("Export CSV\u2026", self)
        csv.clicked.connect(lambda: self.export_dialog(".csv"))
        slide = QPushButton("Export slide\u2026", self)
        slide.clicked.connect(lambda: self.export_dialog(".png"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(csv)
        buttons.addWidget(slide)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.footer)
        lay.addLayout(buttons)
        self.resize(1100, 760)
        self.refresh()
        self._unsub = state.subscribe(lambda name: name in ("selected", "year", "focused") and self.refresh())
        self.destroyed.connect(lambda *_: self._unsub())

    def countries(self) -> list[str]:
        st = self.state
        out = list(st.selected) or ([st.focused] if st.focused else [])
        return out

    def refresh(self) -> None:
        table = peer_table(self.panel, self.countries(), self.state.year)
        self.view.show_table(table)
        self.footer.setText(footer_text(table, self.panel))

    def export(self, path: str | Path, scale: float = 1.0) -> Path:
        return write_peers(self.panel, self.state, path, scale=scale)

    def export_dialog(self, kind: str) -> None:
        filters = "CSV with citations (*.csv)" if kind == ".csv" else "PNG slide 1920x1080 (*.png);;SVG (*.svg)"
        stem = f"peers_{'_'.join(self.countries())}_{self.state.year}"
        path, _ = QFileDialog.getSaveFileName(self, "Export the peer table", f"{stem}{kind}", filters)
        if not path:
            return
        try:
            self.export(path)
        except (OSError, ValueError, ExplorerError) as e:
            QMessageBox.warning(self, "Export failed", f"Could not write {path}:\n{e}")


# ---- exports: a cited CSV or a 16:9 slide (the window and `explorer chart peers`) ----------
SLIDE_PILLARS = ("Surveillance technology and practice", "Digital rights and censorship")


def write_peers(panel, state, path: Path | str, *, size=SLIDE, scale: float = 1.0) -> Path:
    ensure_app()
    countries = list(state.selected) or ([state.focused] if state.focused else [])
    if not countries:
        raise ExplorerError("the peer table needs countries: give --countries (or select some)")
    table = peer_table(panel, countries, state.year)
    path = Path(path)
    kind = path.suffix.lower()
    if kind == ".csv":
        return atomic_write_text(path, peers_csv(panel, table))
    if kind not in (".png", ".svg"):
        raise ExplorerError(f"cannot export the peer table as {kind or 'a file without suffix'}: use .png, .svg or .csv")
    # A slide holds two pillars at a readable size: surveillance and digital rights, the
    # question advocates ask first ("how does China compare on surveillance?"); the CSV has all.
    view = PeerTableView(panel)
    f = view.font()
    f.setPixelSize(16)
    view.setFont(f)
    view.horizontalHeader().setFont(f)
    view.verticalHeader().setFont(f)
    shown = [r.indicator for r in table.rows if r.heading in SLIDE_PILLARS]
    sub = peer_table(panel, countries, state.year, shown)
    view.show_table(sub)
    view.verticalHeader().setSectionResizeMode(view.verticalHeader().ResizeMode.Fixed)
    for i in range(view.rowCount()):
        view.setRowHeight(i, 32)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    cap = peer_caption(panel, sub)
    cap = replace(cap, title=cap.title.replace("on every indicator", "on surveillance and digital rights"),
                  footnotes=cap.footnotes + ("The CSV and the country brief list every indicator and pillar.",))
    try:
        return write_bytes(path, render_widget(view, cap, kind, size=size, scale=scale))
    finally:
        view.deleteLater()
