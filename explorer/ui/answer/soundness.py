"""'How sound is this?': the statistical coherence audit of the current selection (correlations,
Cronbach's alpha, each indicator against its pillar and the composite), the thin-data audit, and,
once the uncertainty analysis has run, what drives the ranks overall (mean Sobol indices)."""

from __future__ import annotations

import html
import re

import numpy as np
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from ...scoring import coherence
from ...scoring.fairness import audit as thin_audit
from ...scoring.uncertainty import label


class SoundnessPanel(QWidget):
    def __init__(self, sized):
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.text = sized(QTextBrowser(objectName="soundness"), 1.0)
        self.text.setOpenExternalLinks(False)
        lay.addWidget(self.text)
        self._key = None

    def set_answer(self, engine, ans) -> None:
        if ans is None:
            self.text.setPlainText("")
            return
        res = ans.result
        key = (id(res.prepared), res.W.tobytes(), res.settings.method, res.eligible.tobytes(), ans.robust is not None)
        if key == self._key:
            return
        self._key = key
        parts = ["<h3>How sound is this?</h3>",
                 "<p>The checks the JRC/OECD Handbook asks for before trusting a composite: do the indicators "
                 "of a pillar agree, does each move with its pillar and with the composite, and does thin data "
                 "pay? Observed values of the ranked countries only (estimates would manufacture agreement).</p>"]
        try:
            md = coherence.markdown(coherence.audit(engine, res))
            parts.append(_md_to_html(md))
        except Exception as e:  # a selection too small to correlate: say so, never crash
            parts.append(f"<p>Coherence audit not available: {html.escape(str(e))}</p>")
        try:
            a = thin_audit(engine, res)
            parts.append("<h4>Does thin data pay?</h4><p>" + html.escape(a.text()) + ". Rank gap = composite "
                         "rank minus the mean of the FIW total and V-Dem civil liberties ranks; see the method, "
                         "section 5b.</p>")
        except Exception:
            pass
        rob = ans.robust
        if rob is not None and rob.full:
            st = np.nanmean(rob.ua.ST, axis=1)
            order = np.argsort(-np.nan_to_num(st))
            rows = "".join(f"<tr><td>{html.escape(label(rob.ua.factors[k]))}</td><td align='right'>{st[k]:.2f}</td>"
                           f"<td align='right'>{np.nanmean(rob.ua.S1[k]):.2f}</td></tr>" for k in order)
            parts.append(f"<h4>What moves the ranks ({rob.draws:,} scenarios)</h4>"
                         "<table cellspacing='0' cellpadding='3' border='1'><tr><th>choice</th><th>total index "
                         "(mean)</th><th>alone (mean)</th></tr>" + rows + "</table>")
            if rob.ua.inputs.notes:
                parts.append("<p>" + "<br>".join(html.escape(n) for n in rob.ua.inputs.notes) + "</p>")
        self.text.setHtml("".join(parts))


def _md_to_html(md: str) -> str:
    """The audit's markdown tables as HTML (QTextBrowser's markdown has no table borders)."""
    out, table = [], []
    for line in md.splitlines() + [""]:
        if line.startswith("|"):
            # the window names indicators as readers know them; ids stay in docs/method.md
            cells = [re.sub(r"\s*\(`[a-z0-9_]+`\)$", "", c.strip()) for c in line.strip("|").split("|")]
            if not all(set(c) <= {"-"} for c in cells):
                table.append(cells)
            continue
        if table:
            head, *body = table
            out.append("<table cellspacing='0' cellpadding='3' border='1'><tr>"
                       + "".join(f"<th>{html.escape(c)}</th>" for c in head) + "</tr>"
                       + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in body)
                       + "</table>")
            table = []
        if line.strip():
            out.append(f"<p>{html.escape(line)}</p>")
    return "".join(out)
