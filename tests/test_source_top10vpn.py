"""Top10VPN reader: hours and users match the raw file; countries absent from a report stay
unknown; the contested cost figures are not emitted."""

import pytest

from explorer.sources import top10vpn
from rawcsv import find, rows


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return top10vpn.read(raw, harmoniser)


@pytest.fixture(scope="module")
def obs(out):
    return out.observations().set_index(["iso3", "indicator", "year"])


@pytest.fixture(scope="module")
def raw_rows(raw):
    return rows(raw / "top10vpn" / top10vpn.FILE)


def test_values_match_raw_file(obs, raw_rows):
    checked = 0
    for r in raw_rows:
        if not r["iso3"]:
            continue
        for ind, col in top10vpn.COLUMNS.items():
            key = (r["iso3"], ind, int(r["year"]))
            if r[col] == "":
                assert key not in obs.index, "a blank raw value must stay missing"
                continue
            assert obs.loc[key, "raw_value"] == float(r[col]), key
            checked += 1
    assert checked > 300


def test_country_absent_from_a_report_is_unknown_not_zero(out, obs, raw_rows):
    listed = {(r["iso3"], int(r["year"])) for r in raw_rows}
    # Benin is in the 2019 report only.
    assert ("BEN", 2019) in listed and ("BEN", 2020) not in listed
    assert ("BEN", "top10vpn_shutdown_hours", 2020) not in obs.index
    assert (obs["raw_value"] > 0).all()
    assert out.missing().empty


def test_cost_is_not_emitted(out):
    assert set(out.observations()["indicator"]) == set(top10vpn.COLUMNS)
    assert not any("cost" in ind.id for ind in top10vpn.INDICATORS)


def test_region_only_row_says_so(raw, obs):
    r = find(raw / "top10vpn" / top10vpn.FILE, country="Pakistan - Azad Kashmir")
    row = obs.loc[(r["iso3"], "top10vpn_shutdown_hours", int(r["year"]))]
    assert row["raw_value"] == float(r["duration_hours"])
    assert "Azad Kashmir" in row["note"] and "region only" in row["note"]


def test_every_name_resolves_and_somaliland_is_excluded(out, harmoniser):
    assert not [u for u in harmoniser.unmatched if u[0] == "top10vpn"]
    assert ("top10vpn", "Somaliland") in harmoniser.excluded
