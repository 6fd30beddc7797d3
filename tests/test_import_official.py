"""The official downloads in ../shared import as they are: recognised, edition named, and sample
values equal to the workbook cells read here with openpyxl (independently of the importer)."""

from __future__ import annotations

import openpyxl
import pytest

from conftest import needs_raw
from explorer.importer.plan import Base, plan_publisher_file
from explorer.paths import INDEX_PATH

pytestmark = needs_raw


@pytest.fixture(scope="module")
def base():
    return Base(INDEX_PATH)


def _cells(path, sheet, header_row=1):
    ws = openpyxl.load_workbook(path, read_only=True, data_only=True)[sheet]
    rows = ws.iter_rows(values_only=True)
    for _ in range(header_row - 1):
        next(rows)
    header = next(rows)
    return [dict(zip(header, r)) for r in rows]


def test_pts_2025_workbook_previews_as_the_2025_release(raw, base):
    path = raw / "pts" / "PTS-2025.xlsx"
    # PTS-2025 adds the African Union: not a country (an exclusion in the alias table or a user's answer)
    plan = plan_publisher_file(path, base, answers={"African Union": None}, compare_top=False)
    assert (plan.format_id, plan.edition) == ("pts", "PTS-2025")
    assert plan.ready and plan.scope["year"].max() == 2024
    row = next(r for r in _cells(path, "PTS-2025") if r["WordBank_Code_A"] == "CHN" and int(r["Year"]) == 2024)
    o = plan.observations.set_index(["iso3", "indicator", "year"])
    assert o.loc[("CHN", "pts_amnesty", 2024), "raw_value"] == float(row["PTS_A"])
    assert o.loc[("CHN", "pts_state", 2024), "edition"] == "PTS-2025"
    # SOURCE.md: against PTS-2024 only Israel / occupied territories / Palestine 2023 were newly coded
    before_2024 = plan.added[plan.added["year"] < 2024]
    assert set(before_2024["iso3"]) <= {"ISR", "PSE"} and plan.changed.empty


def test_wjp_2025_workbook_previews_the_2025_edition_from_its_historical_sheet(raw, base):
    path = raw / "wjp" / "2025_wjp_rule_of_law_index_HISTORICAL_DATA_FILE.xlsx"
    plan = plan_publisher_file(path, base, compare_top=False)
    assert plan.format_id == "wjp-historical" and plan.ready
    cells = [r for r in _cells(path, "Historical Data") if r["Country Code"] == "CHN" and str(r["Year"]) == "2025"]
    privacy = cells[0]["4.6 Freedom from arbitrary interference with privacy is effectively guaranteed"]
    o = plan.observations.set_index(["iso3", "indicator", "year"])
    assert o.loc[("CHN", "wjp_privacy", 2025), "raw_value"] == pytest.approx(privacy)
    assert o.loc[("CHN", "wjp_privacy", 2017), "edition"] == "2017-2018"
    assert (plan.added["year"] == 2025).all()


def test_fariss_v402_previews_as_a_new_version_replacing_the_whole_series(raw, base):
    path = raw / "fariss_hrscores" / "human_rights_latent_scores_v4.02_1946_2021.csv"
    plan = plan_publisher_file(path, base, compare_top=False)
    assert plan.edition == "v4.02" and plan.format_id == "fariss-v4.02"
    kept = plan.observations[plan.observations["indicator"] == "fariss_hr_protection"]
    assert set(plan.scope["year"]) >= set(range(2000, 2020))  # every v4.01 year is in scope: no mixing
    assert (kept.loc[kept["year"].between(2000, 2021), "edition"] == "v4.02").all()


def test_rsf_2026_yearly_file_previews(raw, base):
    plan = plan_publisher_file(raw / "rsf" / "rsf_wpfi_2026.csv", base, compare_top=False)
    assert plan.source == "rsf" and 2026 in set(plan.scope["year"])
    import csv
    with open(raw / "rsf" / "rsf_wpfi_2026.csv", encoding="utf-8-sig", newline="") as f:
        row = next(r for r in csv.DictReader(f, delimiter=";") if r["ISO"] == "NOR")
    score = next(v for k, v in row.items() if k.startswith("Score") and k != "Score N-1")
    o = plan.observations.set_index(["iso3", "indicator", "year"])
    assert o.loc[("NOR", "rsf_score", 2026), "raw_value"] == float(score.replace(",", "."))
