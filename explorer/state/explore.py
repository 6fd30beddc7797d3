"""What the explore window shows: compared countries (each with a fixed colour slot), the
focused country, the indicators, the year and the region filter of the country list."""

from __future__ import annotations

from dataclasses import dataclass, field

from psygnal import evented

from .base import EventedState

MAX_SELECTED = 10
YEAR_MIN, YEAR_MAX = 1900, 2100  # any year a publisher could date; views say when one has no data


@evented
@dataclass
class ExplorerState(EventedState):
    indicator: str = ""
    year: int | None = None
    selected: list[str] = field(default_factory=list)
    focused: str | None = None
    indicator_y: str = ""  # second indicator, for the scatter; "" = automatic
    region: str | None = None  # filter of the country list; None = all

    FIELDS = ("selected", "focused", "indicator", "indicator_y", "year", "region")

    # ``_slots`` (iso3 -> colour slot, stable while selected) is set by validate_selected.

    # ---- validation (runs on every assignment) -------------------------------------------
    def validate_year(self, year):
        if year is None:
            return None
        if isinstance(year, bool) or not isinstance(year, (int, float)) or year != int(year):
            raise ValueError(f"the year must be a whole number, not {year!r}")
        if not YEAR_MIN <= int(year) <= YEAR_MAX:
            raise ValueError(f"the year must be between {YEAR_MIN} and {YEAR_MAX}, not {int(year)}")
        return int(year)

    def validate_selected(self, iso3s):
        seen: list[str] = []
        for c in iso3s or ():
            if not isinstance(c, str) or not c:
                raise ValueError(f"not a country code: {c!r}")
            if c not in seen:
                seen.append(c)
        if len(seen) > MAX_SELECTED:
            raise ValueError(f"at most {MAX_SELECTED} countries can be compared at once")
        slots = {c: s for c, s in getattr(self, "_slots", {}).items() if c in seen}
        for c in seen:
            if c not in slots:
                slots[c] = next(i for i in range(MAX_SELECTED) if i not in slots.values())
        object.__setattr__(self, "_slots", slots)  # before the event: views read the slots
        return seen

    def validate_focused(self, iso3):
        if iso3 is not None and (not isinstance(iso3, str) or not iso3):
            raise ValueError(f"not a country code: {iso3!r}")
        return iso3 or None

    def validate_indicator(self, ind):
        return str(ind or "")

    validate_indicator_y = validate_indicator

    def validate_region(self, region):
        return region or None

    # ---- selection -----------------------------------------------------------------------
    def colour_slot(self, iso3: str) -> int | None:
        """The palette slot of a selected country: fixed from selection until deselection."""
        return getattr(self, "_slots", {}).get(iso3)

    def set_selected(self, iso3s: list[str]) -> None:
        self.selected = list(iso3s)
        if self.focused not in self.selected and self.selected:
            self.focused = self.selected[0]

    def add(self, iso3: str) -> None:
        if iso3 not in self.selected:
            self.set_selected(self.selected + [iso3])

    def remove(self, iso3: str) -> None:
        if iso3 in self.selected:
            self.set_selected([c for c in self.selected if c != iso3])

    # Setters kept for widgets' signal connections (a plain assignment does the same).
    def set_focused(self, iso3: str | None) -> None:
        self.focused = iso3

    def set_indicator(self, indicator: str) -> None:
        self.indicator = indicator

    def set_indicator_y(self, indicator: str) -> None:
        self.indicator_y = indicator

    def set_year(self, year: int | None) -> None:
        self.year = year

    def set_region(self, region: str | None) -> None:
        self.region = region
