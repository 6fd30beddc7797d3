"""The Answer view's own small state (Qt-free): year, window, weights, preset, region, method,
coverage thresholds. Widgets call the setters; subscribers get the changed field's name.
``settings()`` turns it into the ``Settings`` the engine scores, so tests and the CLI use the
same path as the window."""

from __future__ import annotations

from ..catalogue import PILLAR_IDS
from ..state import Observable
from . import defaults as D
from .composite import Settings, default_indicator_weights



class AnswerState(Observable):
    FIELDS = ("year", "window", "pillar_weights", "indicator_weights", "preset", "region", "method",
              "coverage", "later_ok", "impute")

    def __init__(self, year: int | None = None):
        super().__init__()
        self.year = year
        self.window = D.DEFAULT_WINDOW
        self.preset: str | None = D.DEFAULT_PRESET
        self.pillar_weights: dict[str, float] = dict(D.PRESETS[D.DEFAULT_PRESET])
        self.indicator_weights: dict[str, float] = default_indicator_weights()
        self.region: str | None = None
        self.method = D.DEFAULT_METHOD
        self.min_pillars = D.MIN_PILLARS
        self.min_share = D.MIN_SHARE
        self.later_ok: frozenset = frozenset()
        self.impute: bool = D.DEFAULT_IMPUTE

    def settings(self) -> Settings:
        return Settings(year=self.year, window=self.window, pillar_weights=dict(self.pillar_weights),
                        indicator_weights=dict(self.indicator_weights), method=self.method, region=self.region,
                        min_pillars=self.min_pillars, min_share=self.min_share, later_ok=self.later_ok,
                        impute=self.impute)

    # ---- setters -----------------------------------------------------------------------------
    def set_year(self, year: int | None) -> None:
        if year != self.year:
            self.year = year
            self._changed("year")

    def set_window(self, window: int) -> None:
        if window < 0:
            raise ValueError("the window is 0 (same year only) or more years")
        if window != self.window:
            self.window = window
            self._changed("window")

    def set_pillar_weight(self, pillar: str, weight: float) -> None:
        """One pillar's weight; zero everywhere is allowed here and reported by the engine."""
        if pillar not in PILLAR_IDS:
            raise ValueError(f"unknown pillar {pillar!r}")
        if not weight >= 0:  # also catches NaN
            raise ValueError(f"pillar weight for {pillar} must be a number >= 0, not {weight}")
        if self.pillar_weights.get(pillar) != weight:
            self.pillar_weights[pillar] = float(weight)
            self.preset = self._matching_preset()
            self._changed("pillar_weights")

    def set_preset(self, name: str) -> None:
        if name not in D.PRESETS:
            raise ValueError(f"unknown preset {name!r}; presets: {', '.join(D.PRESETS)}")
        self.pillar_weights = dict(D.PRESETS[name])
        self.preset = name
        # a preset is a whole weighting: indicator weights back to the default selection (issue 10)
        reset = self.indicator_weights != default_indicator_weights()
        self.indicator_weights = default_indicator_weights()
        self._changed("pillar_weights")
        if reset:
            self._changed("indicator_weights")

    def set_indicator_weight(self, indicator: str, weight: float) -> None:
        if not weight >= 0:  # also catches NaN
            raise ValueError(f"indicator weight for {indicator} must be a number >= 0, not {weight}")
        if self.indicator_weights.get(indicator, 0.0) != weight:
            self.indicator_weights[indicator] = float(weight)
            self._changed("indicator_weights")

    def reset_indicators(self) -> None:
        self.indicator_weights = default_indicator_weights()
        self.later_ok = frozenset()
        self._changed("indicator_weights")

    def set_impute(self, on: bool) -> None:
        """Estimate missing values of ranked countries (marked 'estimated') or not."""
        if bool(on) != self.impute:
            self.impute = bool(on)
            self._changed("impute")

    def set_region(self, region: str | None) -> None:
        if region != self.region:
            self.region = region or None
            self._changed("region")

    def set_method(self, method: str) -> None:
        if method not in D.METHODS:
            raise ValueError(f"unknown method {method!r}")
        if method != self.method:
            self.method = method
            self._changed("method")

    def set_coverage(self, min_pillars: int, min_share: float) -> None:
        if (min_pillars, min_share) != (self.min_pillars, self.min_share):
            self.min_pillars, self.min_share = int(min_pillars), float(min_share)
            self._changed("coverage")

    def set_later_ok(self, indicator: str, allowed: bool) -> None:
        if indicator not in D.LATER_SNAPSHOT_OK:
            raise ValueError(f"{indicator} may not be used from a later year")
        new = (self.later_ok | {indicator}) if allowed else (self.later_ok - {indicator})
        if new != self.later_ok:
            self.later_ok = frozenset(new)
            if allowed:
                self.indicator_weights.setdefault(indicator, 1.0)
            self._changed("later_ok")

    def _matching_preset(self) -> str | None:
        for name, w in D.PRESETS.items():
            if all(abs(self.pillar_weights.get(p, 0) - w[p]) < 1e-9 for p in PILLAR_IDS):
                return name
        return None
