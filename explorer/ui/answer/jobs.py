"""Robustness (Monte Carlo weightings + leave-one-out) as a plain job function for the one job
runner (``explorer.jobs``): a newer submission on the same channel makes this one stop early."""

from __future__ import annotations

import time

from ...scoring.robustness import robustness

CHANNEL = "answer-robustness"


def robustness_job(res, progress, cancel):
    """(Robustness, seconds) for one Result; raises the scoring's Cancelled when superseded."""
    t0 = time.perf_counter()
    rob = robustness(res, progress=lambda d, n: progress(d / max(n, 1), f"{d:,} of {n:,}"), cancelled=cancel)
    return rob, time.perf_counter() - t0
