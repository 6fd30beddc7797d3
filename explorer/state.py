"""The small, Qt-free state the window binds to (in the spirit of glue's state objects).

Widgets read these attributes and call the setters; every change notifies subscribers with
the name of what changed. Nothing here knows about Qt or SQL, so the same object drives
tests, the CLI and the window.
"""

from __future__ import annotations

from typing import Callable

MAX_SELECTED = 10

Callback = Callable[[str], None]


class Observable:
    """Subscribers hear the name of each field that changed, after it changed."""

    def __init__(self):
        self._subs: list[Callback] = []

    def subscribe(self, callback: Callback) -> Callable[[], None]:
        """Call ``callback(field_name)`` after every change; returns an unsubscribe function."""
        self._subs.append(callback)
        return lambda: self._subs.remove(callback) if callback in self._subs else None

    def _changed(self, name: str) -> None:
        for cb in list(self._subs):
            cb(name)


class ExplorerState(Observable):
    """Selected countries (each with a fixed colour slot), focused country, indicators, year."""

    FIELDS = ("selected", "focused", "indicator", "indicator_y", "year", "region")

    def __init__(self, indicator: str = "", year: int | None = None):
        super().__init__()
        self.selected: list[str] = []
        self.focused: str | None = None
        self.indicator: str = indicator
        self.indicator_y: str = ""  # second indicator, for the scatter
        self.year: int | None = year
        self.region: str | None = None  # filter of the country list; None = all
        self._slots: dict[str, int] = {}  # iso3 -> colour slot, stable while selected

    # ---- selection -----------------------------------------------------------------------
    def colour_slot(self, iso3: str) -> int | None:
        """The palette slot of a selected country: fixed from selection until deselection."""
        return self._slots.get(iso3)

    def set_selected(self, iso3s: list[str]) -> None:
        seen: list[str] = []
        for c in iso3s:
            if c not in seen:
                seen.append(c)
        if len(seen) > MAX_SELECTED:
            raise ValueError(f"at most {MAX_SELECTED} countries can be compared at once")
        if seen == self.selected:
            return
        self._slots = {c: s for c, s in self._slots.items() if c in seen}
        for c in seen:
            if c not in self._slots:
                free = next(i for i in range(MAX_SELECTED) if i not in self._slots.values())
                self._slots[c] = free
        self.selected = seen
        self._changed("selected")
        if self.focused not in seen and seen:
            self.set_focused(seen[0])

    def add(self, iso3: str) -> None:
        if iso3 not in self.selected:
            self.set_selected(self.selected + [iso3])

    def remove(self, iso3: str) -> None:
        if iso3 in self.selected:
            self.set_selected([c for c in self.selected if c != iso3])

    def set_focused(self, iso3: str | None) -> None:
        if iso3 == self.focused:
            return
        self.focused = iso3
        self._changed("focused")

    # ---- indicator, year, region ------------------------------------------------------------
    def set_indicator(self, indicator: str) -> None:
        if indicator != self.indicator:
            self.indicator = indicator
            self._changed("indicator")

    def set_indicator_y(self, indicator: str) -> None:
        if indicator != self.indicator_y:
            self.indicator_y = indicator
            self._changed("indicator_y")

    def set_year(self, year: int | None) -> None:
        if year != self.year:
            self.year = year
            self._changed("year")

    def set_region(self, region: str | None) -> None:
        if region != self.region:
            self.region = region
            self._changed("region")
