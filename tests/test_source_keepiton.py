"""KeepItOn reader: yearly counts equal the published country-year table, multi-country events
count for each country, and 0 appears only for countries the register lists in another year."""

from collections import Counter

import pytest

from explorer.sources import keepiton
from rawcsv import rows

COUNTS_FILE = "stop_country_year_counts.csv"


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return keepiton.read(raw, harmoniser)


@pytest.fixture(scope="module")
def obs(out):
    return out.observations().set_index(["iso3", "indicator", "year"])


@pytest.fixture(scope="module")
def counts(raw):
    """The country-year table shipped beside the events (Somaliland has no ISO3)."""
    return {(r["iso3"], int(r["year"])): r for r in rows(raw / "keepiton" / COUNTS_FILE) if r["iso3"]}


def test_yearly_counts_equal_country_year_table(obs, counts):
    for (iso3, year), r in counts.items():
        assert obs.loc[(iso3, "keepiton_shutdowns", year), "raw_value"] == int(r["events"]), (iso3, year)
        assert obs.loc[(iso3, "keepiton_full_network", year), "raw_value"] == int(r["full_network_events"]), (iso3, year)
    # ...and nothing the table lacks is counted as an event.
    nonzero = obs[obs["raw_value"] > 0].reset_index()
    listed = set(counts)
    assert set(zip(nonzero["iso3"], nonzero["year"])) <= listed
    assert len(listed) > 350


def test_multi_country_event_counts_for_each_listed_country(raw, obs):
    events = rows(raw / "keepiton" / keepiton.FILE)
    multi = [r for r in events if ";" in r["country"]]
    assert multi, "the file lists no multi-country event any more"
    laos_myanmar = next(r for r in multi if r["country"] == "Laos; Myanmar")
    year = int(laos_myanmar["count_year"])
    # Laos is recorded only in that joint row; Myanmar also in rows of its own.
    assert obs.loc[("LAO", "keepiton_shutdowns", year), "raw_value"] == 1
    assert "several countries" in obs.loc[("LAO", "keepiton_shutdowns", year), "note"]
    own = sum(1 for r in events if r["country"] == "Myanmar" and int(r["count_year"]) == year)
    assert obs.loc[("MMR", "keepiton_shutdowns", year), "raw_value"] == own + 1


def test_zero_only_for_countries_recorded_in_another_year(raw, obs, counts):
    years_per_country = Counter(iso3 for iso3, _ in counts)
    # A country in the register with a year without events: explicit 0 with a note.
    iso3 = next(c for c, n in sorted(years_per_country.items()) if n < len(keepiton.YEARS))
    empty_year = next(y for y in keepiton.YEARS if (iso3, y) not in counts)
    zero = obs.loc[(iso3, "keepiton_shutdowns", empty_year)]
    assert zero["raw_value"] == 0 and "no shutdown recorded" in zero["note"]
    # A country the register never lists (Norway, Finland): nothing at all, not zeros.
    registered = {c for c, _ in counts}
    for absent in ("NOR", "FIN"):
        assert absent not in registered
        assert absent not in obs.index.get_level_values("iso3")
    # Zeros stay within the years the register covers.
    assert set(obs.index.get_level_values("year")) == set(keepiton.YEARS)


def test_every_name_resolves_and_somaliland_is_excluded(out, harmoniser):
    assert not [u for u in harmoniser.unmatched if u[0] == "keepiton"]
    assert ("keepiton", "Somaliland") in harmoniser.excluded
    assert out.observations()["iso3"].notna().all()
