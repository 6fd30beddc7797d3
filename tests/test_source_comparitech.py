"""Comparitech reader: a country value is the population-weighted mean of its listed cities,
labelled as derived; China 2025 is Comparitech's national estimate, labelled as such."""

import math
from collections import defaultdict

import pytest

from explorer.sources import comparitech
from rawcsv import rows


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return comparitech.read(raw, harmoniser)


@pytest.fixture(scope="module")
def obs(out):
    return out.observations().set_index(["iso3", "year"])


def _cities(raw, year):
    """iso3 -> raw rows of that edition, read with the stdlib csv module."""
    file, _, _ = comparitech.EDITIONS[year]
    by_country = defaultdict(list)
    for r in rows(raw / "comparitech" / file):
        by_country[r["iso3"]].append(r)
    return by_country


@pytest.mark.parametrize("year", sorted(comparitech.EDITIONS))
def test_country_value_is_weighted_mean_of_its_cities(raw, obs, year):
    _, pop_col, _ = comparitech.EDITIONS[year]
    checked = 0
    for iso3, cities in _cities(raw, year).items():
        if len(cities) < 3 or (year, iso3) in comparitech.NATIONAL_ESTIMATES:
            continue
        cameras = sum(float(c["# of CCTV Cameras"].replace(",", "")) for c in cities)
        people = sum(float(c[pop_col].replace(",", "")) for c in cities)
        row = obs.loc[(iso3, year)]
        assert math.isclose(row["raw_value"], cameras / people * 1000, rel_tol=1e-9), (iso3, year)
        assert row["note"].startswith(f"derived: {len(cities)} cities (")
        assert all(c["City"].strip() in row["note"] for c in cities)
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize("year", sorted(comparitech.EDITIONS))
def test_one_city_country_matches_published_rate(raw, obs, year):
    _, _, rate_col = comparitech.EDITIONS[year]
    singles = [(iso3, c[0]) for iso3, c in _cities(raw, year).items() if len(c) == 1]
    assert len(singles) > 10
    for iso3, city in singles:  # the published rate is rounded to 2 decimals
        assert abs(obs.loc[(iso3, year), "raw_value"] - float(city[rate_col])) <= 0.0051, (iso3, city["City"])


def test_china_2025_is_the_national_estimate_not_a_city_aggregate(raw, obs):
    _, _, rate_col = comparitech.EDITIONS[2025]
    chinese = _cities(raw, 2025)["CHN"]
    assert len({c[rate_col] for c in chinese}) == 1
    china = obs.loc[("CHN", 2025)]
    assert china["raw_value"] == float(chinese[0][rate_col])
    assert "national estimate" in china["note"] and "not an aggregate" in china["note"]
    # 2021 had separate city figures: there the value is our derived aggregate.
    assert obs.loc[("CHN", 2021), "note"].startswith("derived:")


def test_indicator_is_marked_derived():
    assert all(ind.derived for ind in comparitech.INDICATORS)


def test_every_name_resolves(out, harmoniser):
    assert not [u for u in harmoniser.unmatched if u[0] == "comparitech"]
    assert out.observations()["iso3"].notna().all()
