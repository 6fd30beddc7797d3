"""File › Import data…: pick a download (or your own indicator), preview what changes, resolve
names no rule knows, apply. Reading, previewing and applying run on a worker thread (the
window never freezes); the core is ``explorer.importer``. ``run_import_dialog`` is the entry."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QProgressBar, QPushButton, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout)

from ...errors import ExplorerError
from ...importer import apply as A
from ...importer.commands import make_plan
from ...importer.plan import Plan, top10_change
from ...paths import user_data_dir
from .. import jobs

EXCLUDE = "— not a country (exclude) —"
UNRESOLVED = "— choose —"
ROWS_SHOWN = 500
NOTHING_TO_CHANGE = "Nothing to change: this file matches your data."


def _message(e: BaseException) -> str:
    if isinstance(e, ExplorerError):
        return str(e)
    return f"The import failed unexpectedly ({type(e).__name__}: {e}); nothing was written."


def _fill(table: QTableWidget, df: pd.DataFrame, cols: list[tuple[str, str]]) -> None:
    table.clear()
    table.setColumnCount(len(cols))
    table.setHorizontalHeaderLabels([label for _, label in cols])
    shown = df.head(ROWS_SHOWN) if df is not None else pd.DataFrame()
    table.setRowCount(len(shown))
    for r, row in enumerate(shown.itertuples(index=False)):
        d = row._asdict()
        for c, (col, _) in enumerate(cols):
            v = d.get(col)
            text = "" if v is None or (isinstance(v, float) and pd.isna(v)) else (f"{v:g}" if isinstance(v, float) else str(v))
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemIsEditable)
            table.setItem(r, c, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)


class ImportDialog(QDialog):
    def __init__(self, parent=None, index_path: Path | None = None, data_dir: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import data")
        self.index_path = index_path
        self.data_dir = user_data_dir(data_dir)
        self.plan: Plan | None = None
        self._channel = f"import-{id(self)}"
        self.destroyed.connect(lambda *_, c=self._channel: jobs.runner().cancel(c))
        self.applied = False

        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText("an official download (.xlsx, .csv) or your own indicator (.csv)")
        browse = QPushButton("Choose file…")
        browse.clicked.connect(self._choose_file)
        self.meta_edit = QLineEdit()
        self.meta_edit.setPlaceholderText("only for your own indicator: its metadata (.json)")
        meta_btn = QPushButton("Metadata…")
        meta_btn.clicked.connect(self._choose_meta)
        self.preview_btn = QPushButton("Preview")
        self.preview_btn.clicked.connect(self.preview)

        self.summary = QLabel("Choose a file, then Preview. Nothing is written until you press Apply.")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()

        self.tabs = QTabWidget()
        self.new_table, self.changed_table, self.removed_table, self.top_table = (QTableWidget() for _ in range(4))
        self.names_table = QTableWidget()
        # short labels: all five fit at 1024 px with the largest text
        for t, label in ((self.new_table, "New"), (self.changed_table, "Changed"), (self.removed_table, "Removed"),
                         (self.top_table, "Top 10"), (self.names_table, "Names")):
            self.tabs.addTab(t, label)
        self.tabs.setToolTip("New country-years, changed values, rows that disappear, the composite's top 10 "
                             "before and after, and names in the file that match no country")

        self.buttons = QDialogButtonBox()
        self.apply_btn = self.buttons.addButton("Apply", QDialogButtonBox.AcceptRole)
        self.apply_btn.setEnabled(False)
        self.apply_btn.clicked.connect(self.apply)
        close = self.buttons.addButton(QDialogButtonBox.Close)
        close.clicked.connect(self.reject)

        row1, row2 = QHBoxLayout(), QHBoxLayout()
        row1.addWidget(self.file_edit, 1)
        row1.addWidget(browse)
        row2.addWidget(self.meta_edit, 1)
        row2.addWidget(meta_btn)
        row2.addWidget(self.preview_btn)
        lay = QVBoxLayout(self)
        lay.addLayout(row1)
        lay.addLayout(row2)
        lay.addWidget(self.summary)
        lay.addWidget(self.busy)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.buttons)
        self.resize(900, 640)

    # -- choosing
    def _choose_file(self):
        f, _ = QFileDialog.getOpenFileName(self, "Import data", "", "Tables (*.xlsx *.xls *.csv *.txt);;All files (*)")
        if f:
            self.file_edit.setText(f)

    def _choose_meta(self):
        f, _ = QFileDialog.getOpenFileName(self, "Your indicator's metadata", "", "JSON (*.json)")
        if f:
            self.meta_edit.setText(f)

    # -- running on the worker
    def _run(self, fn, done, what: str):
        self.busy.show()
        self.preview_btn.setEnabled(False)
        self.apply_btn.setEnabled(False)
        self.summary.setText(what)
        # the one job runner: a newer preview supersedes an older one; results arrive on the UI thread
        jobs.runner().submit(self._channel, lambda progress, cancel: fn(),
                             on_done=done, on_error=lambda e: self._failed(_message(e)))

    def _idle(self):
        self.busy.hide()
        self.preview_btn.setEnabled(True)

    def _failed(self, message: str):
        self._idle()
        self.plan = None
        self.summary.setText(message)
        for t in (self.new_table, self.changed_table, self.removed_table, self.top_table):
            t.clear()
            t.setRowCount(0)

    def answers(self) -> list[str]:
        """The user's choices in the names table as --map items (unchosen rows left out)."""
        out = []
        for r in range(self.names_table.rowCount()):
            name = self.names_table.item(r, 0).text()
            box = self.names_table.cellWidget(r, 2)
            choice = box.currentData() if box else None
            if choice == "-" or (choice and choice != UNRESOLVED):
                out.append(f"{name}={choice}")
        return out

    def preview(self):
        file = self.file_edit.text().strip()
        if not file:
            self.summary.setText("Choose a file first.")
            return
        meta = self.meta_edit.text().strip() or None
        maps = self.answers()
        self._run(lambda: make_plan(Path(file), self.data_dir, meta=Path(meta) if meta else None, maps=maps),
                  self._show, f"Reading and checking {Path(file).name}…")

    def _show(self, plan: Plan):
        self._idle()
        self.plan = plan
        s = plan.summary()
        years = f"{s['years'][0]}–{s['years'][1]}" if s["years"] else "no years"
        text = (f"<b>{plan.file.name}</b>: {s['recognised_as']}" + (f", edition {s['edition']}" if s["edition"] else "")
                + f"<br>{s['new']:,} new country-years, {s['changed']:,} changed values, {s['removed']:,} rows "
                f"that disappear; data years {years}; indicators {', '.join(s['indicators'])}.")
        if plan.unmatched:
            text += (f"<br><b>{len(plan.unmatched)} name(s) match no country</b>: choose a country or "
                     "'not a country' for each in the last tab, then Preview again.")
        if plan.ready and plan.unchanged:
            text += f"<br><b>{NOTHING_TO_CHANGE}</b>"
        self.summary.setText(text)
        key = [("iso3", "Country"), ("indicator", "Indicator"), ("year", "Year")]
        _fill(self.new_table, plan.added, key + [("raw_value", "Value"), ("edition", "Edition")])
        _fill(self.changed_table, plan.changed, key + [("raw_value_old", "Old"), ("raw_value_new", "New")])
        _fill(self.removed_table, plan.removed, key + [("raw_value", "Value"), ("edition", "Edition")])
        _fill(self.top_table, top10_change(plan), [("position", "#"), ("before", "Before"), ("after", "After"),
                                                   ("change", "Change")])
        counts = (len(plan.added), len(plan.changed), len(plan.removed))
        for i, (label, n) in enumerate(zip(("New", "Changed", "Removed"), counts)):
            self.tabs.setTabText(i, f"{label} ({n:,})")
        self.tabs.setTabText(4, f"Names ({len(plan.unmatched)})")
        self._names(plan)
        self.apply_btn.setEnabled(plan.ready and not plan.unchanged)
        self.apply_btn.setToolTip(NOTHING_TO_CHANGE if plan.ready and plan.unchanged else "")
        if plan.unmatched:
            self.tabs.setCurrentWidget(self.names_table)
        else:  # the first tab with something in it (the names tab of an earlier preview is empty now)
            self.tabs.setCurrentIndex(next((i for i, n in enumerate(counts) if n), 0))

    def _names(self, plan: Plan):
        from ...store import Index
        countries = Index(A.current_index(self.data_dir)).countries.sort_values("short_name")
        t = self.names_table
        t.clear()
        t.setColumnCount(3)
        t.setHorizontalHeaderLabels(["Name in the file", "Line", "Is"])
        t.setRowCount(len(plan.unmatched))
        for r, (name, line) in enumerate(plan.unmatched):
            t.setItem(r, 0, QTableWidgetItem(name))
            t.setItem(r, 1, QTableWidgetItem("" if line is None else str(line)))
            box = QComboBox()
            box.addItem(UNRESOLVED, UNRESOLVED)
            box.addItem(EXCLUDE, "-")
            for iso3, short in zip(countries["iso3"], countries["short_name"]):
                box.addItem(f"{short} ({iso3})", iso3)
            t.setCellWidget(r, 2, box)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)

    def apply(self):
        plan = self.plan
        if plan is None or not plan.ready or plan.unchanged:
            return
        self._run(lambda: A.apply(plan, self.data_dir), self._applied, f"Importing {plan.file.name}…")

    def _applied(self, entry: dict):
        self._idle()
        self.applied = True
        self.summary.setText(f"Imported {entry['file_name']}. The app now uses your data; "
                             "File › Undo import restores the previous index.")
        self.accept()


def run_import_dialog(parent, index_path=None, data_dir=None) -> bool:
    """Show the dialog; True when an import was applied (the window should reopen its index)."""
    dlg = ImportDialog(parent, index_path, data_dir)
    dlg.exec()
    return dlg.applied


def undo_last_import(data_dir=None) -> str:
    """For File › Undo import: restores the index before the last import; returns a message."""
    try:
        entry = A.undo(data_dir)
    except ExplorerError as e:
        return str(e)
    return f"Undid the import of {entry['file_name']} ({entry['when']})."


