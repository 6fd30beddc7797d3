"""One shared rule that turns raw values into 0-100, where 100 = least persecution.

Scale kind, direction and goalposts come from the indicator's metadata
(``explorer.catalogue.Indicator``); readers never flip or rescale values themselves.
"""

from __future__ import annotations

import numpy as np

from .catalogue import Indicator

LOG_CAP_QUANTILE = 0.95


def fit_goalposts(ind: Indicator, raw: np.ndarray) -> tuple[float, float]:
    """Goalposts for an indicator, fitted once over all its raw values (all countries, all years).

    Fixed across years so that a value means the same in every year; bounded and ordinal
    scales use the publisher's bounds, latent scales the observed range, counts a capped log.
    """
    raw = np.asarray(raw, dtype=float)
    raw = raw[np.isfinite(raw)]
    if ind.scale == "bounded":
        return float(ind.goal_lo), float(ind.goal_hi)
    if ind.scale == "ordinal":
        return 0.0, float(len(ind.levels) - 1)
    if raw.size == 0:
        raise ValueError(f"{ind.id}: no values to fit goalposts on")
    if ind.scale == "latent":
        lo = ind.goal_lo if ind.goal_lo is not None else float(raw.min())
        hi = ind.goal_hi if ind.goal_hi is not None else float(raw.max())
        return lo, hi
    # log: counts and rates, 0 .. 95th percentile of the non-zero values (values above are
    # capped). Zeros are left out of the quantile: where most country-years record no event,
    # a cap fitted on them would put any country with a handful of events at the floor.
    positive = raw[raw > 0]
    hi = ind.goal_hi if ind.goal_hi is not None else float(np.quantile(positive if positive.size else raw, LOG_CAP_QUANTILE))
    return 0.0, max(hi, 1.0)


def normalise(raw: np.ndarray, ind: Indicator, lo: float, hi: float) -> np.ndarray:
    """Map raw values to 0-100 with 100 = least persecution; NaN stays NaN."""
    x = np.asarray(raw, dtype=float)
    if ind.scale == "log":
        x, lo, hi = np.log1p(np.clip(x, 0, None)), np.log1p(lo), np.log1p(hi)
    if hi == lo:
        raise ValueError(f"{ind.id}: goalposts are equal ({lo}); cannot normalise")
    share = (x - lo) / (hi - lo)
    if not ind.higher_is_better:
        share = 1.0 - share
    return np.clip(share * 100.0, 0.0, 100.0)
