"""What the composite is asked to compute, without the engine (pandas-free: the window's
saved views and the Answer state read it at start-up)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping

from . import defaults as D


@dataclass(frozen=True)
class Settings:
    year: int | None = None                        # None = the default year
    window: int = D.DEFAULT_WINDOW
    pillar_weights: Mapping[str, float] = field(default_factory=lambda: dict(D.PRESETS[D.DEFAULT_PRESET]))
    indicator_weights: Mapping[str, float] | None = None  # None = default selection, weight 1 each; 0 = left out
    method: str = D.DEFAULT_METHOD
    region: str | None = None                      # UN region; ranks are then within the region
    min_pillars: int = D.MIN_PILLARS
    min_share: float = D.MIN_SHARE
    later_ok: frozenset = frozenset()              # snapshot indicators allowed from a later year
    impute: bool = D.DEFAULT_IMPUTE                # estimate missing values of ranked countries (impute.py)

    def with_(self, **kw) -> "Settings":
        return replace(self, **kw)


def default_indicator_weights() -> dict[str, float]:
    return {i: 1.0 for ids in D.DEFAULT_SELECTION.values() for i in ids}
