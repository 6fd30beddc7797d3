"""The Answer view's slow work as plain job functions for the one job runner (``explorer.jobs``):
the year's score (preparation, estimation of missing values, the table) and its robustness
(Monte Carlo weightings + leave-one-out). Each also builds what the view shows (the list's
rows, the headline), so the UI thread only hands them to the widgets. A newer submission on
the same channel makes the older one stop early, and its result is never delivered."""

from __future__ import annotations

import time
from dataclasses import dataclass

from ...errors import ExplorerError
from ...jobs import Cancelled
from ...scoring.answer import Answer, build, headline, with_robustness
from ...scoring.explain import why
from ...scoring.robustness import robustness
from .table import rows_of

CHANNEL = "answer-robustness"
SCORE_CHANNEL = "answer-score"


@dataclass
class Shown:
    """An answer with what the view shows of it, built off the UI thread."""
    answer: Answer
    rows: list[dict]           # the list's rows (table.rows_of)
    headline: str
    why: dict | None = None    # the breakdown of the country the list will focus (score only)
    seconds: float = 0.0       # robustness only: how long it took


def score_job(engine, settings, focus: tuple[str | None, ...], progress, cancel) -> Shown:
    """The Answer (without robustness) for one Settings, and the 'why' of the country the list
    will focus: the first of ``focus`` that is listed, else the top of the list. Raises
    ExplorerError for settings the composite cannot use (the view shows the message)."""
    res = engine.run(settings)
    if cancel():
        raise Cancelled
    ans = build(engine, res, None)
    if cancel():
        raise Cancelled
    listed = set(ans.table["iso3"]) | set(ans.excluded["iso3"])
    iso3 = next((c for c in focus if c and c in listed), None)
    if iso3 is None and len(ans.table):
        iso3 = str(ans.table["iso3"].iloc[0])
    w = None
    if iso3 is not None:
        try:
            w = why(engine, res, iso3)
        except ExplorerError:
            w = None   # the view explains it when it focuses the country
    return Shown(ans, rows_of(ans), headline(ans), w)


def robustness_job(ans: Answer, progress, cancel) -> Shown:
    """``ans`` with its robustness; raises the scoring's Cancelled when superseded."""
    t0 = time.perf_counter()
    rob = robustness(ans.result, progress=lambda d, n: progress(d / max(n, 1), f"{d:,} of {n:,}"), cancelled=cancel)
    seconds = time.perf_counter() - t0
    out = with_robustness(ans, rob)
    return Shown(out, rows_of(out), headline(out), seconds=seconds)
