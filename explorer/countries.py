"""Country reference (ISO 3166 alpha-3, UN M49 regions, population) and name harmonisation.

Every source spells countries its own way ("Congo (Kinshasa)", "Türkiye", "Burma/Myanmar",
"KSV"). ``Harmoniser`` maps each name or code to an ISO3 through the ISO table and the
hand-kept table ``resources/country_aliases.csv``; a name that is neither a country nor an
explicit exclusion is *unmatched* and stops the build with the full list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import SourceError, UnmatchedCountries
from .names import name_key  # noqa: F401 (readers import it from here)
from .paths import RESOURCES_DIR
from .sources._io import cell, numbers, read_csv, years

ADDITIONS_PATH = RESOURCES_DIR / "country_additions.csv"
ALIASES_PATH = RESOURCES_DIR / "country_aliases.csv"


def load_reference(raw: Path) -> pd.DataFrame:
    """ISO 3166 table plus the additions (Kosovo, Taiwan's region), one row per ISO3."""
    path = raw / "countries" / "iso3166_countries_regions.csv"
    iso = read_csv(path, ["name", "alpha-2", "alpha-3", "country-code", "region", "sub-region"])
    fail_on_duplicates(path, iso, ["alpha-3"], "country code")
    ref = pd.DataFrame({
        "iso3": iso["alpha-3"], "iso2": iso["alpha-2"], "name": iso["name"],
        "m49": iso["country-code"], "region": iso["region"], "subregion": iso["sub-region"],
        "reference_note": "",
    })
    add = pd.read_csv(ADDITIONS_PATH, dtype=str, keep_default_na=False)
    for _, row in add.iterrows():
        if row["iso3"] in set(ref["iso3"]):
            mask = ref["iso3"] == row["iso3"]
            for col in ("region", "subregion", "reference_note"):
                if row[col]:
                    ref.loc[mask, col] = row[col]
        else:
            ref = pd.concat([ref, pd.DataFrame([row[ref.columns].to_dict()])], ignore_index=True)
    ref = ref.replace({"": None})
    ref["short_name"] = ref["iso3"].map(_SHORT_NAMES).fillna(ref["name"])
    return ref.sort_values("iso3").reset_index(drop=True)


def load_population(raw: Path, iso3s: set[str]) -> pd.DataFrame:
    """World Bank population for the reference's countries (aggregates such as WLD dropped)."""
    path = raw / "countries" / "population_worldbank.csv"
    df = read_csv(path, ["Country Code", "Year", "Value"])
    fail_on_duplicates(path, df, ["Country Code", "Year"], "population row")
    out = pd.DataFrame({"iso3": df["Country Code"], "year": years(df, "Year", path),
                        "population": numbers(df, "Value", path)})
    return out[out["iso3"].isin(iso3s)].dropna().reset_index(drop=True)


def fail_on_duplicates(path: Path, df: pd.DataFrame, key: list[str], what: str) -> None:
    """Two rows for one key would give two answers (or crash the build's primary key)."""
    dup = df.duplicated(key, keep=False)
    if dup.any():
        rows = df[dup].sort_values(key + ["_line"])
        first = rows.iloc[0]
        same = rows[(rows[key] == first[key]).all(axis=1)]
        label = " ".join(cell(first[k]) for k in key)
        raise SourceError(path, f"duplicate {what} {label} on lines "
                          f"{', '.join(str(n) for n in same['_line'].head(5))}; keep one", int(same["_line"].iloc[1]))


# Plain names for display where ISO's are long ("Bolivia (Plurinational State of)").
_SHORT_NAMES = {
    "BOL": "Bolivia", "COD": "DR Congo", "COG": "Congo (Republic)", "FSM": "Micronesia",
    "GBR": "United Kingdom", "IRN": "Iran", "KOR": "South Korea", "PRK": "North Korea",
    "LAO": "Laos", "MDA": "Moldova", "PSE": "Palestine", "RUS": "Russia", "SYR": "Syria",
    "TWN": "Taiwan", "TZA": "Tanzania", "USA": "United States", "VEN": "Venezuela",
    "VNM": "Vietnam", "BRN": "Brunei", "NLD": "Netherlands", "VAT": "Holy See",
    "CZE": "Czechia", "TUR": "Türkiye", "MKD": "North Macedonia", "CPV": "Cabo Verde",
    "SWZ": "Eswatini", "HKG": "Hong Kong", "MAC": "Macao", "KNA": "Saint Kitts and Nevis",
    "LCA": "Saint Lucia", "VCT": "Saint Vincent and the Grenadines", "CIV": "Côte d'Ivoire",
}


@dataclass
class Harmoniser:
    """Resolves (name, code) pairs from a source to ISO3, remembering what it could not."""

    reference: pd.DataFrame
    aliases: pd.DataFrame
    unmatched: list[tuple[str, str, str, int | None]] = field(default_factory=list)
    excluded: dict[tuple[str, str], str] = field(default_factory=dict)  # (source, name) -> reason
    matched: dict[tuple[str, str], str] = field(default_factory=dict)  # (source, name) -> iso3

    def __post_init__(self):
        self._iso = set(self.reference["iso3"])
        self._by_name = {name_key(n): c for n, c in zip(self.reference["name"], self.reference["iso3"])}
        self._by_name.update({name_key(n): c for n, c in zip(self.reference["short_name"], self.reference["iso3"])})
        self._alias_name: dict[str, tuple[str | None, str]] = {}
        self._alias_code: dict[str, tuple[str | None, str]] = {}
        for row in self.aliases.itertuples(index=False):
            target = (row.iso3 or None, row.reason)
            if row.iso3 and row.iso3 not in self._iso:
                continue  # a country this reference lacks (tests use a tiny synthetic one)
            if row.kind == "code":
                self._alias_code[row.value.strip().upper()] = target
            else:
                self._alias_name[name_key(row.value)] = target

    @classmethod
    def load(cls, raw: Path) -> "Harmoniser":
        aliases = pd.read_csv(ALIASES_PATH, dtype=str, keep_default_na=False)
        return cls(load_reference(raw), aliases)

    def resolve(self, source: str, name: str, code: str | None = None,
                path: Path | str = "", line: int | None = None) -> str | None:
        """ISO3 for a source's country, or None (recorded as excluded or unmatched)."""
        label = name or code or ""
        code = (code or "").strip().upper()
        target: tuple[str | None, str] | None = None
        if code and code not in ("NA", "-"):
            if code in self._alias_code:
                target = self._alias_code[code]
            elif code in self._iso:
                target = (code, "")
        if target is None:
            key = name_key(name or "")
            if key in self._alias_name:
                target = self._alias_name[key]
            elif key in self._by_name:
                target = (self._by_name[key], "")
        if target is None:
            self.unmatched.append((source, label, str(path), line))
            return None
        iso3, reason = target
        if iso3 is None:
            self.excluded[(source, label)] = reason
        else:
            self.matched[(source, label)] = iso3
        return iso3

    def resolve_column(self, df: pd.DataFrame, source: str, path: Path, name_col: str,
                       code_col: str | None = None) -> pd.Series:
        """ISO3 per row (None where excluded or unmatched), resolving each distinct pair once."""
        codes = df[code_col] if code_col else pd.Series("", index=df.index)
        pairs = pd.DataFrame({"n": df[name_col].astype(str), "c": codes.astype(str), "l": df["_line"]})
        first = pairs.drop_duplicates(["n", "c"])
        lookup = {(r.n, r.c): self.resolve(source, r.n.strip(), r.c, path, int(r.l)) for r in first.itertuples()}
        return pd.Series([lookup[(n, c)] for n, c in zip(pairs["n"], pairs["c"])], index=df.index, dtype=object)

    def check(self) -> None:
        if self.unmatched:
            raise UnmatchedCountries(sorted(set(self.unmatched), key=lambda u: (u[0], u[1])))


def check_aliases_file() -> None:
    """The alias table itself must be well-formed (used by tests and the build)."""
    df = pd.read_csv(ALIASES_PATH, dtype=str, keep_default_na=False)
    for i, row in df.iterrows():
        if row["kind"] not in ("name", "code"):
            raise SourceError(ALIASES_PATH, f"kind must be 'name' or 'code', not {row['kind']!r}", i + 2)
        if not row["iso3"] and not row["reason"]:
            raise SourceError(ALIASES_PATH, f"{row['value']!r}: an exclusion needs a reason", i + 2)
