"""Country selector: search-as-you-type, region filter, sort, and a compare list of up to 10.

The current row is the focused country; the check box (or Space / Enter) adds a country to the
comparison, where it keeps one colour in every chart. Typing anywhere in the list goes to the
search box; Down (or Tab) in the search box comes back to the list. Tab runs search, list, region,
sort: a keyboard user who tabbed to the region box and pressed Down changed the region by accident.
A refusal notice goes after a few seconds or at the next thing that works. Bound to
``ExplorerState`` only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QToolTip, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from explorer.state import MAX_SELECTED

try:
    from ..palette import slot_colour
except ImportError:  # palette not there yet: a fixed fallback keeps slots distinct
    _FALLBACK = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
                 "#332288", "#882255", "#56B4E9", "#117733", "#999933"]

    def slot_colour(slot):
        return "#B0B0B0" if slot is None else _FALLBACK[slot % len(_FALLBACK)]

SORTS = [("name", "Sort: name A\u2013Z"), ("best", "Sort: least persecution first"),
         ("worst", "Sort: most persecution first")]
COL_NAME, COL_SCORE, COL_RANK = 0, 1, 2
NOTICE_MS = 8000  # as long as the status bar shows the same message
SHORT_DOCK_LINES = 20  # a list shorter than this many lines of its text hides the hint
NAME_SAMPLE = "Botswana"  # a list narrower than this name beside its columns drops a column


_SWATCHES: dict[tuple[str | None, int], QIcon] = {}


def swatch(colour: str | None, size: int = 14) -> QIcon:
    """A filled disc in the country's compare colour (transparent when not compared)."""
    icon = _SWATCHES.get((colour, size))
    if icon is None:  # one pixmap per colour, not one per row and refresh
        icon = _SWATCHES[(colour, size)] = _draw_swatch(colour, size)
    return icon


def _draw_swatch(colour: str | None, size: int) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(Qt.transparent)
    if colour:
        p = QPainter(pm)
        p.setRenderHint(QPainter.Antialiasing)
        p.setPen(QColor("#000000"))
        p.setBrush(QColor(colour))
        p.drawEllipse(1, 1, size - 2, size - 2)
        p.end()
    return QIcon(pm)


def _colour(w: QWidget, role, colour: str, *more) -> None:
    pal = w.palette()
    pal.setColor(role, QColor(colour))
    for group in (QPalette.Active, QPalette.Inactive):
        pal.setColor(group, role, QColor(colour))
    for role2, colour2 in zip(more[::2], more[1::2]):
        for group in (QPalette.Active, QPalette.Inactive):
            pal.setColor(group, role2, QColor(colour2))
    w.setPalette(pal)


class CountrySelector(QWidget):
    message = Signal(str)  # for the status bar as well

    def __init__(self, data, state, parent=None):
        super().__init__(parent)
        self.data, self.state = data, state
        self._rows: list[dict] = []
        self._updating = False

        self.search = QLineEdit(placeholderText="Search name or ISO code (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search countries")
        self.region = QComboBox()
        self.region.addItem("All regions", None)
        for r in data.regions():
            self.region.addItem(r, r)
        self.region.setAccessibleName("Filter by region")
        self.sort = QComboBox()
        for key, label in SORTS:
            self.sort.addItem(label, key)
        self.sort.setAccessibleName("Sort countries")
        for box in (self.region, self.sort):   # long region names never widen the dock (elided, whole in the tooltip)
            box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(10)
            box.currentTextChanged.connect(box.setToolTip)
            box.setToolTip(box.currentText())

        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Country", "Score", "Rank"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.setAccessibleName("Countries: Space or Enter adds to or removes from the comparison")
        # rows a little taller than the text, easier to hit and to read on a projector (a style
        # sheet on the tree alone: a Python delegate was asked for thousands of size hints)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 3px 0px; }")
        # the current row stays dark blue with white text, also when the list has no focus
        _colour(self.tree, QPalette.Highlight, "#1F4E79", QPalette.HighlightedText, "#FFFFFF")
        h = self.tree.header()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(COL_NAME, QHeaderView.Stretch)
        h.setSectionResizeMode(COL_SCORE, QHeaderView.ResizeToContents)
        h.setSectionResizeMode(COL_RANK, QHeaderView.ResizeToContents)
        # the Score header's tooltip (indicator and year) is made when hovered: setting it on
        # the header item at each year step made the header re-measure both fitted columns
        # over every row, ~8 ms of a timeline step
        h.viewport().installEventFilter(self)
        self.tree.viewport().installEventFilter(self)
        self._keep_names()

        self.compared = QLabel(wordWrap=True)
        self.notice = QLabel(wordWrap=True)
        self.notice.setObjectName("notice")
        _colour(self.notice, QPalette.WindowText, "#8B0000")
        f = self.notice.font()
        f.setBold(True)
        self.notice.setFont(f)
        self.notice.hide()
        self.notice_timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self.notice_timer.timeout.connect(self.notice.hide)
        self.clear_btn = QPushButton("Clear comparison")
        self.clear_btn.setToolTip("Keep only the focused country")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.search)
        lay.addWidget(self.region)  # one per row: side by side they were cut at larger text sizes
        lay.addWidget(self.sort)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.notice)
        lay.addWidget(self.compared)
        lay.addWidget(self.clear_btn)
        hint = QLabel("\u2191\u2193 move \u00b7 Space/Enter compare \u00b7 type to search")
        _colour(hint, QPalette.WindowText, "#333333")
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.hint = hint
        # the list right after the search box; the combo boxes change on Down, so they come later
        for a, b in ((self.search, self.tree), (self.tree, self.region), (self.region, self.sort),
                     (self.sort, self.clear_btn)):
            QWidget.setTabOrder(a, b)

        self.search.textChanged.connect(self.refresh)
        self.search.textChanged.connect(self.hide_notice)
        self.search.installEventFilter(self)
        self.region.currentIndexChanged.connect(lambda _: self.state.set_region(self.region.currentData()))
        self.sort.currentIndexChanged.connect(self.refresh)
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemChanged.connect(self._on_check)
        self.tree.installEventFilter(self)
        self.clear_btn.clicked.connect(self._clear)
        self._unsub = state.subscribe(self._on_state)
        self.refresh()

    # ---- state -> widgets -------------------------------------------------------------------
    def _on_state(self, field: str) -> None:
        if field in ("selected", "focused", "region"):
            self.hide_notice()  # the user has moved on: an old refusal would now mislead
        if field in ("indicator", "year", "region"):
            if field == "region":
                i = self.region.findData(self.state.region)
                if i >= 0 and i != self.region.currentIndex():
                    self.region.setCurrentIndex(i)
            if self.window().isVisible() and not self.isVisible():
                self._stale = True  # a closed dock or presentation mode: rebuilt when shown
            else:
                self.refresh()
        elif field == "selected":
            self._paint_selection()
        elif field == "focused":
            self._select_current(self.state.focused)

    def showEvent(self, ev):  # noqa: N802 (Qt name)
        super().showEvent(ev)
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh()

    def refresh(self, *_):
        """Rebuild the visible rows from the search, region, sort and current indicator/year."""
        s = self.state
        self._rows = self.data.country_rows(self.search.text(), s.region, self.sort.currentData(),
                                            s.indicator, s.year)
        if self._same_rows():
            return self._retext()  # a year step in the same order: new numbers, same rows
        self._updating = True
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        items = []
        # what the tree shows, kept here: a year step compares and retexts without asking Qt
        self._order = [r["iso3"] for r in self._rows]
        self._row_of = {iso: i for i, iso in enumerate(self._order)}
        self._texts = [self._cells(r) for r in self._rows]
        for r, (score, rank, tip) in zip(self._rows, self._texts):
            it = QTreeWidgetItem([r["name"], score, rank])
            it.setData(COL_NAME, Qt.UserRole, r["iso3"])
            it.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
            it.setTextAlignment(COL_SCORE, Qt.AlignRight | Qt.AlignVCenter)
            it.setTextAlignment(COL_RANK, Qt.AlignRight | Qt.AlignVCenter)
            if tip:
                it.setToolTip(COL_SCORE, tip)
            it.setToolTip(COL_NAME, f"{r['name']} ({r['iso3']}), {r['region'] or 'no UN region'}")
            items.append(it)
        self.tree.addTopLevelItems(items)
        self._paint_selection()
        self._select_current(s.focused)
        self.tree.setUpdatesEnabled(True)
        self._updating = False
        self.tree.headerItem().setText(COL_SCORE, "Score")

    def _same_rows(self) -> bool:
        order = getattr(self, "_order", None)
        return bool(order) and self.tree.topLevelItemCount() == len(order) \
            and [r["iso3"] for r in self._rows] == order

    def _cells(self, r) -> tuple[str, str, str]:
        """(score, rank, score tooltip) of one row."""
        return (r["score"], "" if r["rank"] is None else f"#{r['rank']}",
                f"no data for {self.state.year}" if r["value"] is None else "")

    def _retext(self) -> None:
        self._updating = True
        model = self.tree.model()
        model.blockSignals(True)  # one repaint below, not a re-measure of the columns per cell
        for i, r in enumerate(self._rows):
            cells = self._cells(r)
            if cells != self._texts[i]:  # a year step changes some rows' numbers, not all
                self._texts[i] = cells
                it = self.tree.topLevelItem(i)
                it.setText(COL_SCORE, cells[0])
                it.setText(COL_RANK, cells[1])
                it.setToolTip(COL_SCORE, cells[2])
        model.blockSignals(False)
        self.tree.viewport().update()
        self._updating = False

    def _score_tip(self) -> str:
        s = self.state
        ind = self.data.indicator(s.indicator)
        if ind.get("documented_only"):
            return (f"{ind.get('short', '')} {s.year or ''}: documented / not documented (absence is not "
                    "proof), never ranked")
        return f"{ind.get('short', '')} {s.year or ''}: 0\u2013100, 100 = least persecution"

    def _paint_selection(self) -> None:
        was, self._updating = self._updating, True
        sel = set(self.state.selected)
        for i in range(self.tree.topLevelItemCount()):
            it = self.tree.topLevelItem(i)
            iso3 = it.data(COL_NAME, Qt.UserRole)
            on = iso3 in sel
            it.setCheckState(COL_NAME, Qt.Checked if on else Qt.Unchecked)
            it.setIcon(COL_NAME, swatch(slot_colour(self.state.colour_slot(iso3)) if on else None))
        self._updating = was
        self._show_compared()
        self.clear_btn.setEnabled(len(self.state.selected) > 1)

    def _select_current(self, iso3: str | None) -> None:
        was, self._updating = self._updating, True
        i = getattr(self, "_row_of", {}).get(iso3)
        if i is not None:
            it = self.tree.topLevelItem(i)
            self.tree.setCurrentItem(it)
            self.tree.scrollToItem(it)
        self._updating = was

    # ---- widgets -> state -------------------------------------------------------------------
    def _on_current(self, cur, _prev) -> None:
        if cur is not None and not self._updating:
            self.state.set_focused(cur.data(COL_NAME, Qt.UserRole))

    def _on_check(self, item, column) -> None:
        if self._updating or column != COL_NAME:
            return
        self.set_compared(item.data(COL_NAME, Qt.UserRole), item.checkState(COL_NAME) == Qt.Checked)

    def toggle(self, iso3: str) -> None:
        self.set_compared(iso3, iso3 not in self.state.selected)

    def show_notice(self, msg: str) -> None:
        """A refusal, in red under the list, until NOTICE_MS pass or the next thing works."""
        self.notice.setText(msg)
        self.notice.show()
        self.notice_timer.start()

    def hide_notice(self, *_) -> None:
        self.notice_timer.stop()
        self.notice.hide()

    def set_compared(self, iso3: str, on: bool) -> None:
        if on and iso3 not in self.state.selected and len(self.state.selected) >= MAX_SELECTED:
            msg = (f"At most {MAX_SELECTED} countries can be compared at once: remove one "
                   f"(Space on a ticked country) before adding {self.data.name(iso3)}.")
            self.show_notice(msg)
            self.message.emit(msg)
            self._paint_selection()  # undo the tick
            return
        if on:
            self.state.add(iso3)
        elif len(self.state.selected) == 1 and iso3 in self.state.selected:
            self.show_notice("Keep at least one country in the comparison.")
            self._paint_selection()
            return
        else:
            self.state.remove(iso3)
        self.hide_notice()
        self.state.set_focused(iso3 if on else self.state.focused)

    def _clear(self) -> None:
        keep = self.state.focused if self.state.focused in self.state.selected else self.state.selected[:1]
        self.state.set_selected([keep] if isinstance(keep, str) else keep)
        self.hide_notice()

    def _show_compared(self) -> None:
        """'Comparing n of 10' and the names; in a short dock the names only on hover."""
        n = len(self.state.selected)
        names = ", ".join(self.data.name(c) for c in self.state.selected)
        short = getattr(self, "_short", False)
        self.compared.setText(f"<b>Comparing {n} of {MAX_SELECTED}</b>" + ("" if short else f"<b>:</b> {names}")
                              if n else "<b>Comparing none.</b>" + ("" if short else " Tick countries (Space) to compare."))
        self.compared.setToolTip(names if n else "Tick countries (Space) to compare.")

    def resizeEvent(self, ev):  # noqa: N802 (Qt name)
        super().resizeEvent(ev)
        self._fit_short()
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The names come first: a list too narrow for a name of NAME_SAMPLE's length beside
        the score and the rank hides the Rank column (the card and the ranking chart give it),
        and then the Score column, until it is wide enough again. At the largest text in a
        1024-pixel window every name was cut to its first letter ("B\u2026")."""
        fm, h = self.tree.fontMetrics(), self.tree.header()
        need = fm.horizontalAdvance(NAME_SAMPLE) + fm.height() + 22  # check box, colour swatch
        room = self.tree.viewport().width()
        # a shown column's own width, remembered while it is hidden (a hidden section's size
        # hint is 0, and a smaller guess would show and hide it again in a band of widths)
        seen = self._column_widths = getattr(self, "_column_widths", {})
        key = self.tree.font().key()
        for col in (COL_SCORE, COL_RANK):
            if not h.isSectionHidden(col):
                seen[(key, col)] = h.sectionSize(col)
        score = max(seen.get((key, COL_SCORE), 0), fm.horizontalAdvance("100") + 16)
        rank = max(seen.get((key, COL_RANK), 0), fm.horizontalAdvance("#190") + 16)
        show_rank = room - score - rank >= need
        show_score = show_rank or room - score >= need
        for col, show in ((COL_RANK, show_rank), (COL_SCORE, show_score)):
            if h.isSectionHidden(col) == show:
                h.setSectionHidden(col, not show)

    def _fit_short(self) -> None:
        # A dock short for its text (1024x700, larger text): the keyboard hint goes and the
        # compared names go to the tooltip, so the list keeps rows (it kept none)
        short = self.height() < SHORT_DOCK_LINES * self.fontMetrics().lineSpacing()
        if short != getattr(self, "_short", False):
            self._short = short
            self.hint.setVisible(not short)
            self._show_compared()

    def changeEvent(self, ev):  # noqa: N802 (Qt name)
        super().changeEvent(ev)
        if ev.type() in (QEvent.FontChange, QEvent.ApplicationFontChange):
            self._keep_names()
            self._fit_short()
            self._fit_columns()

    def _keep_names(self) -> None:
        """The list never narrows below a short country name beside its score and rank, at
        any text size (at the largest the name column was squeezed to 'Cour')."""
        fm = self.tree.fontMetrics()
        # a short name: longer ones are elided; a longer sample took the
        # width the map's legend needs at the largest text, and a 1024-pixel window's chart
        name = fm.horizontalAdvance("Chile") + fm.height() + 22   # check box, colour swatch
        score = max(fm.horizontalAdvance("Score"), fm.horizontalAdvance("100")) + 16
        rank = fm.horizontalAdvance("#190") + 16
        scroll = self.tree.verticalScrollBar().sizeHint().width()
        self.tree.setMinimumWidth(name + score + rank + scroll + 2 * self.tree.frameWidth())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.ShortcutFocusReason)
        self.search.selectAll()

    def header_tip(self, x: int) -> str:
        """The header's tooltip at ``x`` (the Score column: the indicator and its year)."""
        return self._score_tip() if self.tree.header().logicalIndexAt(x) == COL_SCORE else ""

    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Resize and obj is self.tree.viewport():
            self._fit_columns()   # its scroll bar came or went (a filter): the names' room changed
            return False
        if ev.type() == QEvent.ToolTip and obj is self.tree.header().viewport():
            tip = self.header_tip(ev.pos().x())
            if tip:
                QToolTip.showText(ev.globalPos(), tip, obj)
            else:
                QToolTip.hideText()
                ev.ignore()
            return True
        if ev.type() != QEvent.KeyPress:
            return super().eventFilter(obj, ev)
        key, text = ev.key(), ev.text()
        if obj is self.tree:
            it = self.tree.currentItem()
            if key in (Qt.Key_Space, Qt.Key_Return, Qt.Key_Enter) and it is not None:
                self.toggle(it.data(COL_NAME, Qt.UserRole))
                return True
            if text and text.isprintable() and not text.isspace() and not (
                    ev.modifiers() & (Qt.ControlModifier | Qt.AltModifier)):
                self.search.setFocus(Qt.OtherFocusReason)
                self.search.insert(text)
                return True
        elif obj is self.search:
            if key in (Qt.Key_Down, Qt.Key_Return, Qt.Key_Enter) and self.tree.topLevelItemCount():
                self.tree.setFocus(Qt.OtherFocusReason)
                if self.tree.currentItem() is None or self.tree.currentItem().isHidden():
                    self.tree.setCurrentItem(self.tree.topLevelItem(0))
                return True
            if key == Qt.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(obj, ev)
