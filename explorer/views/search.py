"""Country search: accent- and case-insensitive, on names, codes and aliases."""

from __future__ import annotations

import csv

from ..names import name_key
from ..paths import ALIASES_PATH
from .text import isnan


class CountrySearch:
    """Accent- and case-insensitive search on name, short name, ISO3, ISO2 and the aliases
    that map to a country ('cote' -> Côte d'Ivoire, 'turkey' -> Türkiye, 'burma' -> Myanmar)."""

    def __init__(self, countries: list[dict], aliases: list[dict] | None = None):
        self.keys: dict[str, list[str]] = {}
        self.codes: dict[str, set[str]] = {}
        for r in countries:
            names = [r.get("name"), r.get("short_name")]
            self.keys[r["iso3"]] = [name_key(n) for n in names if not isnan(n)]
            self.codes[r["iso3"]] = {str(c).casefold() for c in (r["iso3"], r.get("iso2")) if not isnan(c) and c}
        for a in aliases or ():
            if a.get("iso3") in self.keys:
                if a.get("kind") == "code":
                    self.codes[a["iso3"]].add(a["value"].strip().casefold())
                else:
                    self.keys[a["iso3"]].append(name_key(a["value"]))

    @classmethod
    def from_panel(cls, panel) -> "CountrySearch":
        try:
            with open(ALIASES_PATH, newline="", encoding="utf-8") as f:
                aliases = list(csv.DictReader(f))
        except (OSError, csv.Error, UnicodeDecodeError):
            aliases = None  # the search still works on ISO names and codes
        return cls(list(panel.country_meta.values()), aliases)

    def matches(self, iso3: str, query: str) -> bool:
        q = name_key(query)
        if not q:
            return True
        if q in self.codes.get(iso3, ()):
            return True
        # every word of the query starts a word of some name ("south kor", "ivoire")
        words = q.split()
        for key in self.keys.get(iso3, ()):
            kw = key.split()
            if q in key and all(any(k.startswith(w) for k in kw) for w in words):
                return True
        return False
