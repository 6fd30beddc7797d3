"""The classroom timeline: which year is shown, whether it plays, how fast, and whether it
loops. The span is the years the current indicator has data for (``set_span``); the year is
clamped into it, so every key press or play step lands on a year the views can state.

Years inside the span without data stay in it on purpose: the views say "no data for 2017"
while the animation plays, they never skip or fill the year.
"""

from __future__ import annotations

from dataclasses import dataclass

from psygnal import evented

from .base import EventedState

SPEEDS = (0.5, 1.0, 2.0, 4.0)  # years per second
DEFAULT_SPEED = 1.0


@evented
@dataclass
class TimelineState(EventedState):
    year: int | None = None
    playing: bool = False
    speed: float = DEFAULT_SPEED
    loop: bool = False
    first: int | None = None  # the span; set together by set_span
    last: int | None = None

    def validate_year(self, year):
        if year is None:
            return None
        if isinstance(year, bool) or not isinstance(year, (int, float)) or year != int(year):
            raise ValueError(f"the year must be a whole number, not {year!r}")
        year = int(year)
        if self.first is not None and self.last is not None:
            year = max(self.first, min(self.last, year))
        return year

    def validate_playing(self, playing):
        return bool(playing) and self.first is not None

    def validate_speed(self, speed):
        if isinstance(speed, bool) or not isinstance(speed, (int, float)) or float(speed) not in SPEEDS:
            raise ValueError(f"the speed must be one of {', '.join(f'{s:g}' for s in SPEEDS)} years a second")
        return float(speed)

    def validate_loop(self, loop):
        return bool(loop)

    # ---- span --------------------------------------------------------------------------
    def set_span(self, years: list[int]) -> None:
        """The years the timeline runs over (the current indicator's years with data)."""
        with self.batch():
            if years:
                object.__setattr__(self, "first", int(min(years)))
                object.__setattr__(self, "last", int(max(years)))
                if self.year is not None:
                    self.year = self.year  # re-clamp into the new span
            else:
                object.__setattr__(self, "first", None)
                object.__setattr__(self, "last", None)
                self.playing = False

    def in_span(self, year: int) -> bool:
        return self.first is not None and self.first <= year <= self.last

    # ---- moves -------------------------------------------------------------------------
    def step(self, n: int) -> None:
        if self.first is None:
            return
        self.year = (self.year if self.year is not None else self.first) + n

    def to_first(self) -> None:
        if self.first is not None:
            self.year = self.first

    def to_last(self) -> None:
        if self.last is not None:
            self.year = self.last

    def interval_ms(self) -> int:
        return round(1000 / self.speed)

    def advance(self) -> bool:
        """One play step: the next year; at the last year loop to the first or stop.
        Returns whether it is still playing."""
        if not self.playing or self.first is None:
            return False
        if self.year is None or self.year >= self.last:
            if self.loop or self.year is None:
                self.year = self.first
            else:
                self.playing = False
                return False
        else:
            self.year = self.year + 1
        return True

    def toggle(self) -> None:
        if not self.playing and self.year is not None and self.year >= (self.last or 0) and not self.loop:
            self.year = self.first  # play from the start after reaching the end
        self.playing = not self.playing
