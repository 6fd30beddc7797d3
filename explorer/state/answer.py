"""The Answer view's state: year, window, weights, preset, region, method, coverage thresholds
and the explicit later-snapshot exceptions. ``settings()`` turns it into the ``Settings`` the
engine scores, so tests and the CLI use the same path as the window."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from psygnal import evented

from ..catalogue import PILLAR_IDS
from ..scoring import defaults as D
from ..scoring.settings import Settings, default_indicator_weights
from .base import EventedState

MAX_WEIGHT = 1000.0


def _weight(what: str, w) -> float:
    try:
        w = float(w)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number >= 0, not {w!r}") from None
    if not (w >= 0) or math.isinf(w) or w > MAX_WEIGHT:  # also catches NaN
        raise ValueError(f"{what} must be a number from 0 to {MAX_WEIGHT:g}, not {w}")
    return w


@evented
@dataclass
class AnswerState(EventedState):
    year: int | None = None
    window: int = D.DEFAULT_WINDOW
    preset: str | None = D.DEFAULT_PRESET
    pillar_weights: dict[str, float] = field(default_factory=lambda: dict(D.PRESETS[D.DEFAULT_PRESET]))
    indicator_weights: dict[str, float] = field(default_factory=default_indicator_weights)
    region: str | None = None
    method: str = D.DEFAULT_METHOD
    min_pillars: int = D.MIN_PILLARS
    min_share: float = D.MIN_SHARE
    later_ok: frozenset = frozenset()
    impute: bool = D.DEFAULT_IMPUTE  # estimate missing values of ranked countries (marked "estimated")

    FIELDS = ("year", "window", "pillar_weights", "indicator_weights", "preset", "region", "method",
              "min_pillars", "min_share", "later_ok", "impute")

    def settings(self) -> Settings:
        return Settings(year=self.year, window=self.window, pillar_weights=dict(self.pillar_weights),
                        indicator_weights=dict(self.indicator_weights), method=self.method, region=self.region,
                        min_pillars=self.min_pillars, min_share=self.min_share, later_ok=self.later_ok,
                        impute=self.impute)

    # ---- validation (every assignment) -------------------------------------------------------
    def validate_year(self, year):
        if year is None:
            return None
        if isinstance(year, bool) or not isinstance(year, (int, float)) or year != int(year) \
                or not 1900 <= int(year) <= 2100:
            raise ValueError(f"the year must be a whole number from 1900 to 2100, not {year!r}")
        return int(year)

    def validate_window(self, window):
        if isinstance(window, bool) or not isinstance(window, (int, float)) or window != int(window) \
                or not 0 <= int(window) <= D.MAX_WINDOW:
            raise ValueError(f"the window is 0 (same year only) to {D.MAX_WINDOW} years, not {window!r}")
        return int(window)

    def validate_pillar_weights(self, weights):
        out = {p: _weight(f"pillar weight for {p}", w) for p, w in dict(weights).items()}
        unknown = set(out) - set(PILLAR_IDS)
        if unknown:
            raise ValueError(f"unknown pillar(s) {', '.join(sorted(unknown))}")
        return out

    def validate_indicator_weights(self, weights):
        return {i: _weight(f"indicator weight for {i}", w) for i, w in dict(weights).items()}

    def validate_preset(self, name):
        if name is not None and name not in D.PRESETS:
            raise ValueError(f"unknown preset {name!r}; presets: {', '.join(D.PRESETS)}")
        return name

    def validate_method(self, method):
        if method not in D.METHODS:
            raise ValueError(f"unknown method {method!r}")
        return method

    def validate_region(self, region):
        return region or None

    def validate_min_pillars(self, n):
        if isinstance(n, bool) or not isinstance(n, (int, float)) or n != int(n) or not 1 <= int(n) <= len(PILLAR_IDS):
            raise ValueError(f"the minimum number of pillars is 1 to {len(PILLAR_IDS)}, not {n!r}")
        return int(n)

    def validate_min_share(self, share):
        try:
            share = float(share)
        except (TypeError, ValueError):
            raise ValueError(f"the minimum share of indicators is 0 to 1, not {share!r}") from None
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"the minimum share of indicators is 0 to 1, not {share}")
        return share

    def validate_later_ok(self, inds):
        inds = frozenset(inds or ())
        bad = inds - set(D.LATER_SNAPSHOT_OK)
        if bad:
            raise ValueError(f"{', '.join(sorted(bad))} may not be used from a later year")
        return inds

    # ---- changes a control makes -------------------------------------------------------------
    def set_year(self, year: int | None) -> None:
        self.year = year

    def set_window(self, window: int) -> None:
        self.window = window

    def set_pillar_weight(self, pillar: str, weight: float) -> None:
        """One pillar's weight; zero everywhere is allowed here and reported by the engine."""
        if pillar not in PILLAR_IDS:
            raise ValueError(f"unknown pillar {pillar!r}")
        weight = _weight(f"pillar weight for {pillar}", weight)
        if self.pillar_weights.get(pillar) != weight:
            with self.batch():
                self.pillar_weights = {**self.pillar_weights, pillar: weight}
                self.preset = self._matching_preset()

    def set_preset(self, name: str) -> None:
        """A preset sets every pillar weight and resets the indicator weights and later-year
        exceptions, so "equal weights" means what it says (the headline and exports name it)."""
        self.validate_preset(name)
        with self.batch():
            self.pillar_weights = dict(D.PRESETS[name])
            self.indicator_weights = default_indicator_weights()
            self.later_ok = frozenset()
            self.preset = name

    def set_indicator_weight(self, indicator: str, weight: float) -> None:
        weight = _weight(f"indicator weight for {indicator}", weight)
        if self.indicator_weights.get(indicator, 0.0) != weight:
            self.indicator_weights = {**self.indicator_weights, indicator: weight}

    def reset_indicators(self) -> None:
        with self.batch():
            self.indicator_weights = default_indicator_weights()
            self.later_ok = frozenset()

    def validate_impute(self, on):
        return bool(on)

    def set_impute(self, on: bool) -> None:
        """Estimate missing values of ranked countries (marked 'estimated') or not."""
        self.impute = on

    def set_region(self, region: str | None) -> None:
        self.region = region

    def set_method(self, method: str) -> None:
        self.method = method

    def set_coverage(self, min_pillars: int, min_share: float) -> None:
        with self.batch():
            self.min_pillars = min_pillars
            self.min_share = min_share

    def set_later_ok(self, indicator: str, allowed: bool) -> None:
        new = (self.later_ok | {indicator}) if allowed else (self.later_ok - {indicator})
        if new != self.later_ok:
            with self.batch():
                self.later_ok = frozenset(new)
                if allowed and indicator not in self.indicator_weights:
                    self.indicator_weights = {**self.indicator_weights, indicator: 1.0}

    def custom_indicator_weights(self) -> dict[str, float]:
        """Indicator weights that differ from the defaults (named in the headline and exports)."""
        base = default_indicator_weights()
        return {i: w for i, w in self.indicator_weights.items() if base.get(i, 0.0) != w}

    def _matching_preset(self) -> str | None:
        for name, w in D.PRESETS.items():
            if all(abs(self.pillar_weights.get(p, 0) - w[p]) < 1e-9 for p in PILLAR_IDS):
                return name
        return None
