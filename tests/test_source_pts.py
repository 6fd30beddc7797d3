"""PTS reader: values match the raw workbook; PTS-2025 supersedes PTS-2024 for every year and
each value names its release; NA_Status 88 is 'no report', never a score."""

import math

import pytest

from explorer.sources import pts
from rawcsv import rows as csv_rows
from rawxlsx import rows as xlsx_rows

pytestmark = pytest.mark.shared


def rows(path):
    return xlsx_rows(path, pts.SHEET)


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return pts.read(raw, harmoniser)


def test_sample_values_match_raw_file(raw, out):
    obs = out.observations().set_index(["iso3", "indicator", "year"])
    sample = [r for r in rows(raw / "pts" / pts.FILE) if r["Year"] in (2005, 2023, 2024)][::17]
    assert len(sample) > 10
    checked = 0
    for r in sample:
        for k, (_, ind) in pts.REPORTS.items():
            key = (r["WordBank_Code_A"], ind, int(r["Year"]))
            if r[f"PTS_{k}"] == "NA" or key not in obs.index:
                continue
            assert obs.loc[key, "raw_value"] == float(r[f"PTS_{k}"])
            assert obs.loc[key, "edition"] == "PTS-2025" and obs.loc[key, "provenance"] == "publisher's file"
            checked += 1
    assert checked > 20


def test_missing_scores_are_the_text_na_inside_numeric_columns_and_stay_missing(raw, out):
    na = [r for r in rows(raw / "pts" / pts.FILE) if r["PTS_H"] == "NA" and r["Year"] == 2024]
    assert na and any(isinstance(r["PTS_A"], (int, float)) for r in na)  # the trap: text and numbers mixed
    obs = out.observations().set_index(["iso3", "indicator", "year"])
    for r in na[:20]:
        if r["WordBank_Code_A"]:
            assert (r["WordBank_Code_A"], "pts_hrw", 2024) not in obs.index


def test_2025_release_supersedes_2024_for_every_year(raw, out):
    obs = out.observations()
    assert set(obs["edition"]) == {"PTS-2025"} and obs["year"].max() == 2024
    # Israel 2023 was newly coded in PTS-2025 (SOURCE.md): the series holds the new release's value
    old = next(r for r in csv_rows(raw / "pts" / "PTS-2024.csv") if r["Country"] == "Israel" and r["Year"] == "2023")
    new = next(r for r in rows(raw / "pts" / pts.FILE) if r["Country"] == "Israel" and r["Year"] == 2023)
    assert (old["PTS_A"], old["PTS_H"], old["PTS_S"]) != tuple(str(new[f"PTS_{k}"]) for k in "AHS")
    isr = obs[(obs["iso3"] == "ISR") & (obs["year"] == 2023)].set_index("indicator")["raw_value"]
    for k, (_, ind) in pts.REPORTS.items():
        if new[f"PTS_{k}"] != "NA":
            assert isr[ind] == float(new[f"PTS_{k}"])


def test_new_entities_are_matched_or_excluded_with_a_reason(out, harmoniser):
    assert "not a country" in harmoniser.excluded[("pts", "African Union")]
    assert "NIU" in set(out.observations()["iso3"])


def test_no_report_is_missing_with_reason_not_a_score(raw, out):
    # PTS_S is NA with status 88 for the USA (the State Department does not report on it).
    obs = out.observations()
    assert obs[(obs["iso3"] == "USA") & (obs["indicator"] == "pts_state") & (obs["year"] >= 2000)].empty
    gaps = out.missing()
    usa = gaps[(gaps["iso3"] == "USA") & (gaps["indicator"] == "pts_state") & (gaps["year"] == 2024)]
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
