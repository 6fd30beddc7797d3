"""What the Answer's exported chart shows (Qt-free): the top N of the composite ranking, plus
the compared and focused countries wherever they rank, each with its rank range, and the
headline. ``explorer/ui/exports/answer_image.py`` draws it; it is never a grab of the pane."""

from __future__ import annotations

from dataclasses import dataclass

TOP_N = 10


@dataclass(frozen=True)
class AnswerRow:
    iso3: str
    name: str
    rank: int
    lo: int | None
    hi: int | None
    score: float
    compared: bool
    focused: bool


@dataclass(frozen=True)
class AnswerChart:
    year: int
    of: int
    headline: str
    rows: tuple[AnswerRow, ...]  # rank order; a gap between rows means ranks in between are left out
    not_ranked: tuple[str, ...]  # compared countries without enough data

    def gaps_after(self) -> list[int]:
        """Positions after which ranks are left out (drawn as a break)."""
        return [i for i in range(len(self.rows) - 1) if self.rows[i + 1].rank - self.rows[i].rank > 1]


def answer_chart(ans, panel, headline: str, compared=(), focused=None, top: int = TOP_N) -> AnswerChart:
    """``ans``: a scoring Answer (its ranked ``table``), ``headline``: its sentence."""
    t = ans.table
    keep = set(t["iso3"].head(top)) | set(compared) | ({focused} if focused else set())
    rows = []
    has_range = "rank_lo" in t
    for r in t[t["iso3"].isin(keep)].itertuples():
        rows.append(AnswerRow(r.iso3, panel.name(r.iso3), int(r.rank),
                              int(r.rank_lo) if has_range else None, int(r.rank_hi) if has_range else None,
                              float(r.score), r.iso3 in compared, r.iso3 == focused))
    ranked = set(t["iso3"])
    missing = tuple(panel.name(c) for c in [*compared, *([focused] if focused else [])]
                    if c and c not in ranked)
    return AnswerChart(ans.year, len(t), headline, tuple(rows), tuple(dict.fromkeys(missing)))
