"""PTS reader: values match the raw file; NA_Status 88 is 'no report', never a score."""

import math

import pytest

from explorer.sources import pts
from rawcsv import rows


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return pts.read(raw, harmoniser)


def test_sample_values_match_raw_file(raw, out):
    obs = out.observations().set_index(["iso3", "indicator", "year"])
    sample = [r for r in rows(raw / "pts" / pts.FILE) if r["Year"] in ("2005", "2023")][::17]
    assert len(sample) > 10
    checked = 0
    for r in sample:
        for k, (_, ind) in pts.REPORTS.items():
            key = (r["WordBank_Code_A"], ind, int(r["Year"]))
            if r[f"PTS_{k}"] == "NA" or key not in obs.index:
                continue
            assert obs.loc[key, "raw_value"] == float(r[f"PTS_{k}"])
            checked += 1
    assert checked > 20


def test_no_report_is_missing_with_reason_not_a_score(raw, out):
    # PTS_S is NA with status 88 for the USA (the State Department does not report on it).
    obs = out.observations()
    assert obs[(obs["iso3"] == "USA") & (obs["indicator"] == "pts_state") & (obs["year"] >= 2000)].empty
    gaps = out.missing()
    usa = gaps[(gaps["iso3"] == "USA") & (gaps["indicator"] == "pts_state") & (gaps["year"] == 2023)]
    assert len(usa) == 1 and "no report" in usa["reason"].iloc[0] and "88" in usa["reason"].iloc[0]


def test_mean_uses_only_available_reports(raw, out):
    obs = out.observations().set_index(["iso3", "indicator", "year"])
    usa = obs.loc[("USA", "pts_mean", 2023)]
    a, h = obs.loc[("USA", "pts_amnesty", 2023), "raw_value"], obs.loc[("USA", "pts_hrw", 2023), "raw_value"]
    assert math.isclose(usa["raw_value"], (a + h) / 2)
    assert "mean of 2" in usa["note"]


def test_higher_pts_is_worse_after_normalisation(index):
    obs = index.observations
    s = obs[obs["indicator"] == "pts_amnesty"]
    assert s.loc[s["raw_value"] == 1, "value"].eq(100).all()
    assert s.loc[s["raw_value"] == 5, "value"].eq(0).all()
