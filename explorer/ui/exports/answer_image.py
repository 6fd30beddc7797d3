"""The Answer as a clean chart of its own (issue 9): the top N, plus the compared and focused
countries wherever they rank, each as its rank with the 90% rank range of 1,000 weightings, the
headline, and the cited footer. Drawn with QPainter (real text in SVG), never a grab of the pane.
The window (File > Export slide on the Answer tab) and `explorer chart answer` share it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ...errors import ExplorerError
from ...views.answer_chart import AnswerChart, answer_chart
from ...views.captions import caption
from .. import palette
from .slides import SLIDE, ensure_app, render_widget, write_bytes

COMPARED = "#0072B2"
OTHER = "#8A8A8A"


class AnswerPlot(QWidget):
    """Rows in rank order: name, a line over the rank range, a dot at the rank, the score."""

    def __init__(self, chart: AnswerChart, parent=None):
        super().__init__(parent)
        self.chart = chart

    def paintEvent(self, event):  # noqa: N802 (Qt name)
        p = QPainter(self)
        try:
            self.draw(p)
        finally:
            p.end()

    def draw(self, p: QPainter) -> None:
        c = self.chart
        w, h = self.width(), self.height()
        n = len(c.rows) + len(c.gaps_after()) * 0.6 + (1 if c.not_ranked else 0)
        row_h = min(44.0, (h - 60) / max(n, 1))
        f = QFont("DejaVu Sans")
        f.setPixelSize(max(11, int(row_h * 0.5)))
        f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        p.setFont(f)
        fm = QFontMetricsF(f)
        fb = QFont(f)
        fb.setBold(True)
        name_w = max([QFontMetricsF(fb).horizontalAdvance(f"#{r.rank} {r.name}") for r in c.rows] + [100]) + 24
        score_w = fm.horizontalAdvance("score 100.0") + 20
        left, right = name_w, w - score_w
        hi = max([r.hi or r.rank for r in c.rows] + [c.of])

        def x(rank: float) -> float:  # rank 1 on the left
            return left + (rank - 1) / max(hi - 1, 1) * (right - left)
        # axis
        p.setPen(QPen(QColor("#BBBBBB"), 1))
        for t in [1] + [k for k in range(20, hi + 1, 20) if c.of - k >= 10] + [c.of]:
            p.drawLine(QPointF(x(t), 24), QPointF(x(t), h - 8))
            p.setPen(QColor(palette.TEXT))
            p.drawText(QRectF(x(t) - 30, 0, 60, 22), int(Qt.AlignmentFlag.AlignCenter), str(t))
            p.setPen(QPen(QColor("#BBBBBB"), 1))
        y = 30.0
        gaps = set(c.gaps_after())
        for i, r in enumerate(c.rows):
            colour = QColor(COMPARED if (r.compared or r.focused) else OTHER)
            mid = y + row_h / 2
            if r.lo is not None and r.hi is not None:
                p.setPen(QPen(colour, max(3.0, row_h * 0.18), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
                p.drawLine(QPointF(x(r.lo), mid), QPointF(x(r.hi), mid))
            p.setPen(QPen(QColor(palette.TEXT), 1.5))
            p.setBrush(colour)
            rad = row_h * (0.24 if r.focused else 0.18)
            p.drawEllipse(QPointF(x(r.rank), mid), rad, rad)
            p.setBrush(Qt.BrushStyle.NoBrush)
            bold = QFont(f)
            bold.setBold(r.compared or r.focused)
            p.setFont(bold)
            p.setPen(QColor(palette.TEXT))
            label = f"#{r.rank} {r.name}" + ("" if r.lo is None else "")
            p.drawText(QRectF(0, y, name_w - 12, row_h), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
            rng = f"ranks {r.lo}-{r.hi}" if r.lo is not None and r.lo != r.hi else ""
            tx = x(r.hi if r.hi is not None else r.rank) + rad + 8
            if rng and tx + fm.horizontalAdvance(rng) < right:
                p.setFont(f)
                p.drawText(QPointF(tx, mid + fm.ascent() / 2 - 2), rng)
            p.setFont(f)
            p.drawText(QRectF(right + 10, y, score_w - 10, row_h), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                       f"score {r.score:.1f}")
            y += row_h
            if i in gaps:
                p.setPen(QPen(QColor("#888888"), 1, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(12, y + row_h * 0.3), QPointF(w - 12, y + row_h * 0.3))
                y += row_h * 0.6
        if c.not_ranked:
            p.setPen(QColor(palette.TEXT))
            p.drawText(QRectF(0, y, w, row_h), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                       "Not ranked (not enough data): " + ", ".join(c.not_ranked))


def answer_caption(panel, chart: AnswerChart, ans):
    inds = list(ans.result.prepared.indicators)
    years = []
    if len(ans.table):
        years = list(range(int(ans.table["oldest_year"].min()), int(ans.table["newest_year"].max()) + 1))
    title = f"Who persecutes least? Composite ranking {chart.year}: top {min(len(chart.rows), 10)} of {chart.of}"
    shown = [r.name for r in chart.rows if r.compared or r.focused]
    if shown:
        title += ", with " + (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0])
    notes = [chart.headline, "Bar: the ranks a country takes in 90% of 1,000 random weightings; dot: its rank with "
             "the chosen weights. Dashed line: ranks left out."]
    return caption(panel, title, inds, years, None, notes)


def write_answer(panel, state, path: Path | str, *, size=SLIDE, scale: float = 1.0, ans=None) -> Path:
    """The Answer chart for ``state``'s compared and focused countries and year (default
    composite settings unless ``ans``, the window's current answer, is given)."""
    ensure_app()
    if ans is None:
        from ...scoring.answer import answer
        from ...scoring.composite import Engine, ScoringError, Settings
        try:
            ans = answer(Engine(panel), Settings(year=state.year))
        except ScoringError as e:
            raise ExplorerError(str(e)) from None
    path = Path(path)
    kind = path.suffix.lower()
    from ...scoring.answer import headline
    chart = answer_chart(ans, panel, headline(ans), list(state.selected), state.focused)
    if kind == ".csv":
        from ...atomic import atomic_write_text
        from ...csvsafe import to_csv_text
        import pandas as pd
        cap = answer_caption(panel, chart, ans)
        df = pd.DataFrame([r.__dict__ for r in chart.rows])
        head = [cap.title, cap.footer, chart.headline]
        return atomic_write_text(path, "".join("# " + " ".join(x.split()) + "\n" for x in head) + to_csv_text(df, index=False))
    if kind not in (".png", ".svg"):
        raise ExplorerError(f"cannot export the answer chart as {kind or 'a file without suffix'}: use .png, .svg or .csv")
    widget = AnswerPlot(chart)
    try:
        return write_bytes(path, render_widget(widget, answer_caption(panel, chart, ans), kind, size=size, scale=scale))
    finally:
        widget.deleteLater()
