"""AIGS reader: counts and flags match the raw file; a country the workbook covers but AIGS does
not list is a gap with a reason, never a 0; more AI surveillance normalises lower."""

import numpy as np
import pytest

from explorer.normalise import fit_goalposts, normalise
from explorer.sources import aigs
from rawcsv import find, rows

FLAG_COLS = [f[0] for f in aigs.FLAGS]


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return aigs.read(raw, harmoniser)


@pytest.fixture(scope="module")
def obs(out):
    return out.observations().set_index(["iso3", "indicator", "year"])


def _ind(indicator_id):
    return next(i for i in aigs.INDICATORS if i.id == indicator_id)


def test_count_and_flags_match_raw_file(raw, obs):
    listed = rows(raw / "aigs" / aigs.AIGS_FILE)
    assert len(listed) == 97
    for r in listed:
        assert obs.loc[(r["iso3"], "aigs_ai_surveillance", 2022), "raw_value"] == float(r[aigs.COUNT_COL])
        for col, ind, *_ in aigs.FLAGS:
            hit = obs.loc[(r["iso3"], ind, 2022)]
            assert hit["raw_value"] == float(r[col])
            assert hit["raw_text"] == ("documented" if r[col] == "1" else "not documented")


def test_count_is_the_sum_of_the_four_flags(raw, obs):
    for iso3 in ("CHN", "USA", "MMR", "BHR", "URY"):
        r = find(raw / "aigs" / aigs.AIGS_FILE, iso3=iso3)
        flags = sum(obs.loc[(iso3, ind, 2022), "raw_value"] for _, ind, *_ in aigs.FLAGS)
        assert flags == sum(int(r[c]) for c in FLAG_COLS)
        assert obs.loc[(iso3, "aigs_ai_surveillance", 2022), "raw_value"] == flags


def test_country_absent_from_aigs_is_a_gap_not_zero(raw, out, obs):
    covered = {r["iso3"] for r in rows(raw / "aigs" / aigs.DRI_FILE) if r["iso3"]}
    listed = {r["iso3"] for r in rows(raw / "aigs" / aigs.AIGS_FILE)}
    absent = covered - listed
    assert "SYR" in absent and len(absent) == 79  # Syria: in the DRI, not in AIGS
    assert ("SYR", "aigs_digital_repression", 2021) in obs.index
    assert ("SYR", "aigs_ai_surveillance", 2022) not in obs.index
    emitted = set(obs.xs("aigs_ai_surveillance", level="indicator").index.get_level_values("iso3"))
    assert emitted == listed
    gaps = out.missing()
    g = gaps[gaps["indicator"] == "aigs_ai_surveillance"]
    assert set(g["iso3"]) == absent and (g["year"] == 2022).all()
    assert g.set_index("iso3").loc["SYR", "reason"] == aigs.ABSENT_REASON


def test_digital_repression_values_match_raw_file(raw, obs):
    for iso3 in ("CHN", "DNK", "SYR", "PSE"):
        r = find(raw / "aigs" / aigs.DRI_FILE, iso3=iso3)
        assert obs.loc[(iso3, "aigs_digital_repression", 2021), "raw_value"] == float(r[aigs.DRI_COL])


def test_more_surveillance_or_repression_normalises_lower(raw, obs):
    ind = _ind("aigs_ai_surveillance")
    assert normalise(np.array([4.0, 0.0]), ind, *fit_goalposts(ind, np.array([]))).tolist() == [0.0, 100.0]
    dri = obs.xs("aigs_digital_repression", level="indicator")["raw_value"]
    ind = _ind("aigs_digital_repression")
    value = dict(zip(dri.index.get_level_values("iso3"), normalise(dri.to_numpy(), ind, *fit_goalposts(ind, dri))))
    published = {r["iso3"]: float(r[aigs.DRI_COL]) for r in rows(raw / "aigs" / aigs.DRI_FILE) if r["iso3"]}
    assert value[max(published, key=published.get)] == 0 and value[min(published, key=published.get)] == 100
    assert value["CHN"] < 30 < 90 < value["DNK"]


def test_names_resolve_and_unrated_units_are_excluded_with_reasons(raw, out, harmoniser):
    assert [u for u in harmoniser.unmatched if u[0] == "aigs"] == []
    for name in ("Palestine/Gaza", "Somaliland", "Zanzibar"):
        assert harmoniser.excluded[("aigs", name)]
    dri = [r for r in rows(raw / "aigs" / aigs.DRI_FILE) if r["iso3"]]  # blank = the three excluded units
    assert out.observations()["iso3"].nunique() == len(dri)
