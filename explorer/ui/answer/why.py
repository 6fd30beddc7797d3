"""The Answer view's "why this rank" panel: the focused country's pillar and indicator breakdown
(score, median country, points added, raw value and year), its rank without each indicator
(leave-one-out), where sources disagree, and the caveats."""

from __future__ import annotations

import html
import math

import numpy as np
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (QHeaderView, QLabel, QScrollArea, QStyledItemDelegate, QStyleOptionViewItem,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ...catalogue import PILLARS
from ...scoring import defaults as D
from .colours import FOCUS, POINT
from .steady import SteadyLabel

PILLAR_NAME = {p[0]: p[1] for p in PILLARS}


class WrapDelegate(QStyledItemDelegate):
    """Row height for word-wrapped text: QTreeView asks the delegate without the column width,
    so long indicator names would be cut to one line; this measures them at the real width."""

    def __init__(self, tree: QTreeWidget):
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth, p = 0, index.parent()
        while p.isValid():
            depth, p = depth + 1, p.parent()
        width = self.tree.columnWidth(index.column()) - self.tree.indentation() * (depth + 1) - 10
        if width > 20 and opt.text:
            r = QFontMetrics(opt.font).boundingRect(QRect(0, 0, width, 10000), int(Qt.TextWordWrap), opt.text)
            size.setHeight(max(size.height(), r.height() + 6))
        return size


class WhyPanel(QWidget):
    """Breakdown of one country's rank. ``sized(widget, factor, bold)`` gives a widget its font as a
    multiple of the view's body size and keeps it so when the text size changes."""

    def __init__(self, sized, parent=None):
        super().__init__(parent, objectName="why_panel")
        lay = QVBoxLayout(self)
        self.title = sized(SteadyLabel(objectName="why_title"), 1.0, bold=True)
        lay.addWidget(self.title)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(["Pillar / indicator", "Score", "Median", "Adds to\nscore", "Raw value\n(year)"])
        self.tree.setIndentation(12)
        self.tree.setWordWrap(True)          # full indicator names, on two lines when narrow
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegateForColumn(0, WrapDelegate(self.tree))
        hdr = self.tree.header()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(0, QHeaderView.Stretch)
        for c in range(1, 5):
            hdr.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        hdr.setMinimumSectionSize(40)
        self._relayout = QTimer(self, singleShot=True, interval=0)
        self._relayout.timeout.connect(self.tree.doItemsLayout)  # row heights follow the column width
        hdr.sectionResized.connect(lambda c, *_: self._relayout.start() if c == 0 else None)
        sized(self.tree, 0.9)
        lay.addWidget(self.tree, 3)
        # below the tree, scrolled as one: leave-one-out, source disagreement, caveats
        below = QWidget(objectName="why_notes")
        blay = QVBoxLayout(below)
        blay.setContentsMargins(4, 4, 4, 4)
        self.loo_label = QLabel(wordWrap=True, objectName="leave_one_out")
        self.loo_label.setToolTip("Leave-one-indicator-out: the composite recomputed without each selected "
                                  "indicator in turn (same ranked countries)")
        blay.addWidget(self.loo_label)
        self.disagree = QLabel(wordWrap=True, objectName="disagree")
        blay.addWidget(self.disagree)
        cav = sized(QLabel("<b>Read with care</b><ul>" + "".join(f"<li>{c}</li>" for c in D.CAVEATS) + "</ul>",
                           wordWrap=True, objectName="caveats"), 0.9)
        cav.setTextFormat(Qt.RichText)
        blay.addWidget(cav)
        blay.addStretch(1)
        sc = QScrollArea()
        sc.setWidgetResizable(True)
        sc.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        sc.setWidget(below)
        sc.setMinimumHeight(120)
        lay.addWidget(sc, 2)

    def clear(self) -> None:
        self.loo_label.setText("")
        self.tree.clear()
        self.title.setText("")
        self.disagree.setText("")

    def fill_title(self, w: dict, answer, engine) -> None:
        """Rank, score and range of ranks of the country, and its rank without each indicator."""
        if w["ranked"]:
            rob = ""
            t = answer.table
            r = t[t["iso3"] == w["iso3"]].iloc[0]
            if "rank_lo" in t and not math.isnan(r["rank_lo"]):
                what = "scenarios" if answer.robust is not None and answer.robust.full else "weightings"
                rob = (f"; ranks {int(r['rank_lo'])}–{int(r['rank_hi'])} in 90% of {what}, in the top {D.TOP_K} "
                       f"in {r[f'p_top{D.TOP_K}']:.0%}")
            self.title.setText(f"{w['country']}: rank {w['rank']} of {w['of']}, score {w['score']:.1f} "
                               f"(median country {w['median_score']:.1f}){rob}")
        else:
            self.title.setText(f"{w['country']}: not ranked, not enough data ({w['missing']})")
        self.loo_label.setText(loo_text(w, answer, engine))

    def fill_tree(self, w: dict) -> None:
        """Pillars (bold, with their weight share) and their indicators; disagreement below."""
        self.tree.clear()
        geo = w["method"] == "geometric"
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for p in w["pillars"]:
            share = f"{p['weight_share']:.0%}"
            item = QTreeWidgetItem([f"{p['pillar'].capitalize()} ({share})",
                                    _f(p["score"]), _f(p["median_score"]),
                                    "" if geo else _f(p["contribution"]), ""])
            if not geo:
                item.setToolTip(3, _points_tip(p))
            item.setToolTip(0, f"{PILLAR_NAME.get(p['pillar'], p['pillar'])}: {share} of the composite weight")
            for c in range(5):
                item.setFont(c, bold)
            if p["score"] is not None and p["median_score"] is not None:
                item.setForeground(1, QBrush(QColor(POINT if p["score"] >= p["median_score"] else FOCUS)))
            self.tree.addTopLevelItem(item)
            for i in w["indicators"]:
                if i["pillar"] != p["pillar"]:
                    continue
                if i.get("estimated"):
                    raw = f"estimated (±{i['estimate_sd']:.0f})"
                elif i["year"] is None:
                    raw = "missing"
                else:
                    raw = f"{i['raw_value']:.3g} ({int(i['year'])}{' later' if i['later_snapshot'] else ''})"
                child = QTreeWidgetItem([i["short"], _f(i["value"]), _f(i["median_value"]),
                                         "" if geo else _f(i["contribution"]), raw])
                if not geo:
                    child.setToolTip(3, _points_tip(i))
                child.setToolTip(0, f"{i['indicator']} ({i['source']}): {i['unit']}")
                if i["year"] is not None and int(i["year"]) != w["year"]:
                    child.setForeground(4, QBrush(QColor(FOCUS)))
                    child.setToolTip(4, f"value from {int(i['year'])}, not {w['year']} (window rule)")
                item.addChild(child)
            item.setExpanded(True)
        self.disagree.setText("<br>".join(disagreement_lines(w["disagreements"])))
        self.tree.headerItem().setToolTip(3, "Points this pillar/indicator adds to the composite score (share "
                                             "of the weight x score); hover a value for the median country's")


def loo_text(w: dict, answer, engine) -> str:
    """'Rank without one indicator (now 5): 7 without PTS mean; 4 without ...' for the focused country."""
    if not w["ranked"] or answer is None:
        return ""
    rob = answer.robust
    if rob is None:
        return "<b>Rank without one indicator</b>: computing…"
    k = np.flatnonzero(rob.iso3 == w["iso3"])
    if not len(k) or not len(rob.indicators):
        return ""
    now = int(rob.point_rank[k[0]])
    moved = sorted(((int(r), ind) for ind, r in zip(rob.indicators, rob.loo_ranks[:, k[0]]) if int(r) != now),
                   key=lambda t: (-abs(t[0] - now), t[1]))
    head = f"<b>Rank without one indicator</b> (now {now}): "
    if not moved:
        return head + f"{now} without any one of the {len(rob.indicators)} indicators."
    parts = [f"<b>{r}</b> without {engine.short(ind)}" for r, ind in moved[:5]]
    if len(moved) > 5:
        parts.append(f"{len(moved) - 5} more change it by less")
    same = len(rob.indicators) - len(moved)
    tail = f"; unchanged without any of the other {same}." if same else "."
    return head + "; ".join(parts) + tail + uncertainty_text(w, answer)


def uncertainty_text(w: dict, answer) -> str:
    """What drives this rank's uncertainty (Sobol), its best case, and P(above) each compared country."""
    import html
    rob = answer.robust
    if rob is None or not rob.full:
        return ""
    t = answer.table.set_index("iso3")
    if w["iso3"] not in t.index:
        return ""
    r = t.loc[w["iso3"]]
    out = [f"<br><b>What moves this rank</b> ({rob.draws:,} scenarios): {html.escape(str(r['drivers']))}."]
    try:
        from ...scoring.uncertainty import best_case
        bc = best_case(answer.result, w["iso3"])
        ws = ", ".join(f"{p} {x:.0%}" for p, x in bc["weights"].items())
        out.append(f"<b>Best case</b> (weights most favourable to it): rank {bc['best_rank']} ({ws}).")
    except KeyError:
        pass
    if r.get("thin_data"):
        out.append(f"<b>Thin or old data</b>: {html.escape(str(r['thin_data']))}.")
    if r.get("estimated"):
        out.append(f"<b>Estimated</b> from its other values: {html.escape(str(r['estimated']))}.")
    from ...scoring.answer import compare
    from ...scoring.composite import ScoringError
    names = dict(zip(answer.table["iso3"], answer.table["country"]))
    vs = []
    for b in w.get("compare_with", []):
        try:
            c = compare(answer, w["iso3"], b, best=False)
        except ScoringError:
            continue  # not ranked: the list says why
        vs.append(f"{html.escape(names[b])} {c['p_a_better']:.0%}")
    if vs:
        out.append("<b>Ranks above</b> (persecutes less than), share of scenarios: " + ", ".join(vs) + ".")
    return "<br>".join(out)


def disagreement_lines(groups: list[dict]) -> list[str]:
    """One line per group, each publisher's value on the shared 0-100 scale (raw value and year in
    brackets), so the gap can be judged: raw scales differ (FIW 0-60, V-Dem 0-1)."""
    lines = []
    for d in groups:
        vals = ", ".join(f"{html.escape(v['short'])} <b>{v['value']:.0f}</b>/100 (raw {v['raw_value']:g}, {v['year']})"
                         for v in d["values"])
        head = "⚠ <b>Sources disagree</b> – " if d["disagree"] else "Sources agree – "
        lines.append(f"{head}{html.escape(d['group'])}: {vals}; gap {d['spread']:.0f} on the 0-100 scale")
    return lines


def _points_tip(d: dict) -> str:
    c, m = d.get("contribution"), d.get("median_contribution")
    if c is None or m is None:
        return ""
    return f"adds {c:.1f} points to the score; the median country's adds {m:.1f} ({c - m:+.1f})"


def _f(v, nd: int = 1, signed_vs=None) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    s = f"{v:.{nd}f}"
    if signed_vs is not None and not (isinstance(signed_vs, float) and math.isnan(signed_vs)):
        s += f" ({v - signed_vs:+.1f})"
    return s
