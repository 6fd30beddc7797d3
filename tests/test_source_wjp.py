"""WJP reader: values match the raw file; two-year editions sit at their first year with their
label; blank sub-factor cells are gaps, never zeros."""

import pytest

from explorer.sources import wjp
from rawcsv import find, rows


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return wjp.read(raw, harmoniser)


@pytest.fixture(scope="module")
def obs(out):
    return out.observations().set_index(["iso3", "indicator", "year"])


def test_sample_values_match_raw_file(raw, obs):
    sample = rows(raw / "wjp" / wjp.FILE)[::23]
    assert len(sample) > 50
    checked = 0
    for r in sample:
        for col, ind, *_ in wjp.COLUMNS:
            if r[col] == "":
                continue
            assert obs.loc[(r["code"], ind, int(r["year"])), "raw_value"] == float(r[col])
            checked += 1
    assert checked > 150


def test_two_year_edition_lands_at_its_first_year_with_its_label(raw, obs):
    r = find(raw / "wjp" / wjp.FILE, code="DNK", year="2017")
    assert r["edition"] == "2017-2018"
    hit = obs.loc[("DNK", "wjp_privacy", 2017)]
    assert hit["edition"] == "2017-2018" and hit["raw_value"] == float(r["sf46"])
    years = set(obs.index.get_level_values("year"))
    assert 2013 not in years and 2018 not in years
    assert obs.loc[("DNK", "wjp_privacy", 2024), "edition"] == "2024"


def test_blank_privacy_cell_is_a_gap_not_a_zero(raw, out, obs):
    blanks = [r for r in rows(raw / "wjp" / wjp.FILE) if r["sf46"] == ""]
    assert len(blanks) == 6
    gaps = out.missing().set_index(["iso3", "indicator", "year"])
    for r in blanks:
        key = (r["code"], "wjp_privacy", int(r["year"]))
        assert key not in obs.index
        assert "sub-factor 4.6" in gaps.loc[key, "reason"] and r["edition"] in gaps.loc[key, "reason"]
        # the same country-year keeps its published expression score
        assert obs.loc[(r["code"], "wjp_expression", int(r["year"])), "raw_value"] == float(r["sf44"])


def test_every_country_resolves_and_kosovo_is_kept(raw, out, harmoniser):
    assert [u for u in harmoniser.unmatched if u[0] == "wjp"] == []
    codes = {r["code"] for r in rows(raw / "wjp" / wjp.FILE)}
    assert set(out.observations()["iso3"]) == codes
    assert "XKX" in codes
