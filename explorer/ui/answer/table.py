"""The Answer view's ranked list: the table model (rank, score, range of ranks, share of
weightings in the top k, data years, disagreement flag) and the column fitting of its table."""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from ...scoring import defaults as D
from ...scoring.answer import Answer
from ...scoring.report import data_years
from .colours import GREY


# Roles and alignments as plain ints, looked up once: ``Qt.DisplayRole`` (PySide6's old-style enum
# shortcut) costs ~11 microseconds per lookup, and data() is called ~400 times per repaint.
_R = Qt.ItemDataRole
DISPLAY, TOOLTIP, FOREGROUND, FONT, ALIGN = (int(r) for r in (_R.DisplayRole, _R.ToolTipRole, _R.ForegroundRole,
                                                               _R.FontRole, _R.TextAlignmentRole))
HORIZONTAL = Qt.Orientation.Horizontal
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
NUMERIC = frozenset((0, 2, 3, 4))


class RankModel(QAbstractTableModel):
    COLS = ["Rank", "Country", "Score", "Rank\nrange\n(90%)", f"In top\n{D.TOP_K}", "Data\nyears", "Flags"]
    TIPS = ["Rank at the chosen weights (1 = least persecution)", "Country", "Composite score, 0-100, 100 = least persecution",
            "The ranks the country takes in 90% of 10,000+ scenarios varying every modelling choice together "
            "(weights, aggregation, normalisation, window, sources, estimates, measurement error; 5th-95th "
            "percentile): a range of ranks, not of scores",
            f"Share of those scenarios in which the country is in the top {D.TOP_K}",
            "Years of the values used, e.g. 2021–24 = 2021 to 2024 (within the window, never later unless marked 'later')",
            "⚠ = publishers measuring the same thing disagree; ≈ = some values estimated from the country's "
            "other values; ◔ = a pillar rests on one value or on values 3+ years old (hover for which)"]
    NOTE = 6
    SPAN = (2, 5)   # 'not enough data' rows: their reason spans Score..⚠

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self.highlight: dict[str, str] = {}   # iso3 -> colour
        self.bold_font = QFont()   # the table's font, bold (AnswerView sets it)
        self.bold_font.setBold(True)

    def set_answer(self, ans: Answer | None, rows: list[dict] | None = None) -> None:
        """The rows of ``ans`` (``rows``: already built by ``rows_of`` on the job runner). Rows
        that stay are changed in place (one dataChanged), rows are only inserted or removed at
        the end: no model reset, so the view keeps its scroll position and row heights, and a
        timeline step costs no re-layout of the whole table."""
        rows = rows_of(ans) if rows is None else rows
        old, new = len(self.rows), len(rows)
        if new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self.rows = self.rows + rows[old:]
            self.endInsertRows()
        elif new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            self.rows = self.rows[:new]
            self.endRemoveRows()
        self.rows = rows
        if new:
            self.dataChanged.emit(self.index(0, 0), self.index(new - 1, self.columnCount() - 1))

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return len(self.COLS)

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == HORIZONTAL and role == DISPLAY:
            return self.COLS[section]
        if orientation == HORIZONTAL and role == TOOLTIP:
            return self.TIPS[section]
        return None

    def data(self, index, role=DISPLAY):
        row = self.rows[index.row()]
        if role == DISPLAY:
            return row["cells"][index.column()]
        if role == TOOLTIP:
            c = index.column()
            if c == 1:
                return row["cells"][1]
            if c == self.NOTE or (c == 2 and not row["ranked"]):
                return row["note"] or None
        elif role == FOREGROUND:
            if row["iso3"] in self.highlight:
                return _brush(self.highlight[row["iso3"]])
            if not row["ranked"]:
                return _brush(GREY)
        elif role == FONT:
            if row["iso3"] in self.highlight:
                return self.bold_font
        elif role == ALIGN:
            c = index.column()
            if c == self.NOTE:
                return CENTRE
            if row["ranked"] and c in NUMERIC:
                return RIGHT
        return None

    def iso3_at(self, row: int) -> str | None:
        return self.rows[row]["iso3"] if 0 <= row < len(self.rows) else None

    def row_of(self, iso3: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["iso3"] == iso3), -1)


def rows_of(ans: Answer | None) -> list[dict]:
    """The list's rows: the ranked countries in rank order, then those without enough data.
    Plain data (no Qt), so the job that scores a year builds them off the UI thread."""
    rows: list[dict] = []
    if ans is None:
        return rows
    for r in ans.table.to_dict("records"):
        has_rob = "rank_lo" in r and not (isinstance(r["rank_lo"], float) and math.isnan(r["rank_lo"]))
        notes = [f"Sources disagree: {r['sources_disagree']}" if r["sources_disagree"] else "",
                 f"Estimated: {r['estimated']}" if r.get("estimated") else "",
                 f"Thin or old data: {r['thin_data']}" if r.get("thin_data") else ""]
        note = "\n".join(n for n in notes if n)
        marks = "".join(m for m, n in zip(("⚠", "≈", "◔"), notes) if n)
        rows.append({"iso3": r["iso3"], "ranked": True, "note": note, "cells": [
            str(r["rank"]), r["country"], f"{r['score']:.1f}",
            f"{int(r['rank_lo'])}–{int(r['rank_hi'])}" if has_rob else "…",
            f"{r[f'p_top{D.TOP_K}']:.0%}" if has_rob else "…", short_years(r), marks]})
    for r in ans.excluded.to_dict("records"):
        rows.append({"iso3": r["iso3"], "ranked": False, "note": f"Not ranked: {r['missing']}", "cells": [
            "–", r["country"], f"not enough data: {r['missing']}", "", "", "", ""]})
    return rows


def short_years(r) -> str:
    """'2021–24' in the list (narrow column); the exports write '2021–2024'."""
    s = data_years(r)
    lo, hi = int(r["oldest_year"]), int(r["newest_year"])
    if lo != hi and lo // 100 == hi // 100:
        s = s.replace(f"–{hi}", f"–{hi % 100:02d}", 1)
    return s


_BRUSHES: dict[str, QBrush] = {}


def _brush(colour: str) -> QBrush:
    if colour not in _BRUSHES:
        _BRUSHES[colour] = QBrush(QColor(colour))
    return _BRUSHES[colour]


def fit_columns(table: QTableView, model: RankModel, narrow: bool = False) -> None:
    """Fixed widths that hold every value (measured, so they follow the font); the country
    column takes the rest, so rank range, P(top 10) and data years are never cut off."""
    hdr = table.horizontalHeader()
    bold = QFont(table.font())
    bold.setBold(True)
    fm = QFontMetrics(bold)
    pad = 10
    fixed = 0
    for c in range(model.columnCount()):
        if c == 1:
            continue
        cells = [r["cells"][c] for r in model.rows if r["ranked"]] or ["00.0"]
        want = max(max(fm.horizontalAdvance(t) for t in cells) + pad, hdr.sectionSizeHint(c))
        table.setColumnWidth(c, want)
        fixed += want
    hdr.setMinimumSectionSize(24)
    # The country column keeps room for a common long name whatever the splitter gives the
    # table ("Luxembourg"; longer names are elided with their full name in the tooltip) and
    # takes the rest of the width. Beside the breakdown (wide) every column stays whole. Narrow
    # (a 1024-pixel window, larger text) the table needs only rank and name, and the columns
    # after them scroll sideways: all of them at the largest text pushed the window past the screen.
    scroll = table.verticalScrollBar().sizeHint().width()
    name = QFontMetrics(table.font()).horizontalAdvance("Luxembourg") + 16
    table.setProperty("fixed_columns", fixed)
    table.setProperty("name_min", name)
    need = table.columnWidth(0) if narrow else fixed
    table.setMinimumWidth(need + name + scroll + 2 * table.frameWidth())
    fit_name_column(table)
    table.clearSpans()
    a, b = RankModel.SPAN
    for i, r in enumerate(model.rows):
        if not r["ranked"]:
            table.setSpan(i, a, 1, b)


def fit_name_column(table: QTableView) -> None:
    """The country column: the width the other columns leave, never less than "Luxembourg"."""
    fixed, name = table.property("fixed_columns"), table.property("name_min")
    if fixed is None:
        return
    want = max(int(name), table.viewport().width() - int(fixed))
    if table.columnWidth(1) != want:
        table.setColumnWidth(1, want)
