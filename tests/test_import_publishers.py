"""Each publisher's "next edition", written by the test in xlsx (title rows above the header) and
csv (`;` with decimal commas, cp1252 or Latin-1), is recognised, read by the project's own reader
and previewed against the shipped index. Values are made up (future editions)."""

from __future__ import annotations

import pytest

from explorer.importer.plan import Base, plan_publisher_file
from explorer.paths import INDEX_PATH
from explorer.sources import fariss, freedomhouse, vdem
from importfiles import write_csv, write_xlsx

PTS_HEADER = ["Country", "Country_OLD", "Year", "COW_Code_A", "COW_Code_N", "WordBank_Code_A", "UN_Code_N",
              "Region", "PTS_A", "PTS_H", "PTS_S", "NA_Status_A", "NA_Status_H", "NA_Status_S"]


@pytest.fixture(scope="module")
def base():
    return Base(INDEX_PATH)


def _value(plan, iso3, indicator, year):
    o = plan.observations
    hit = o[(o["iso3"] == iso3) & (o["indicator"] == indicator) & (o["year"] == year)]
    assert len(hit) == 1, f"{iso3} {indicator} {year}: {len(hit)} rows"
    return hit.iloc[0]


def _pts_rows():
    # Made-up 2026 codings; HRW missing as the text NA inside a numeric column (the PTS Excel trap).
    return [["Germany", "Germany", 2026, "GFR", 255, "DEU", 276, "eca", 1, "NA", 2, 0, 88, 0],
            ["Côte d’Ivoire", "Ivory Coast", 2026, "CDI", 437, "CIV", 384, "ssa", 4, 5, "NA", 0, 0, 99]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_pts_release_is_recognised_with_its_edition_and_text_na_scores(tmp_path, base, kind):
    if kind == "xlsx":
        f = write_xlsx(tmp_path / "PTS-2027.xlsx", PTS_HEADER, _pts_rows(), title_rows=2)
    else:
        f = write_csv(tmp_path / "PTS-2027.csv", PTS_HEADER, _pts_rows(), sep=";", encoding="cp1252")
    plan = plan_publisher_file(f, base, compare_top=False)
    assert (plan.format_id, plan.source, plan.edition) == ("pts", "pts", "PTS-2027")
    row = _value(plan, "DEU", "pts_amnesty", 2026)
    assert row["raw_value"] == 1 and row["value"] == 100 and row["edition"] == "PTS-2027"
    assert _value(plan, "CIV", "pts_mean", 2026)["raw_value"] == 4.5  # mean of the two reports it has
    assert "88" in plan.missing.set_index(["iso3", "indicator", "year"]).loc[("DEU", "pts_hrw", 2026), "reason"]
    assert len(plan.added) == 6 and plan.changed.empty and plan.removed.empty
    assert plan.info["header_line"] == (3 if kind == "xlsx" else 1)
    if kind == "csv":
        assert plan.info["encoding"] == "cp1252" and plan.info["separator"] == ";"


WJP_LONG = ["Country", "Year", "Country_year", "Country Code", "Region", "WJP Rule of Law Index: Overall Score",
            "Factor 4: Fundamental Rights", "4.4 Freedom of opinion and expression is effectively guaranteed",
            "4.6 Freedom from arbitrary interference with privacy is effectively guaranteed"]


def test_the_wjp_workbook_with_mixed_text_and_number_years_changes_and_removes_what_it_should(tmp_path, base):
    rows = [["Denmark", 2026, "Denmark_2026", "DNK", "EU + EFTA + North America", 0.9, 0.91, 0.92, 0.93],
            # "2017-2018" as text (the edition), not a number: data year 2017, a changed value
            ["Denmark", "2017-2018", "Denmark_2017-2018", "DNK", "EU + EFTA + North America", 0.5, 0.5, 0.5, 0.123]]
    f = write_xlsx(tmp_path / "2026_wjp_rule_of_law_index_HISTORICAL_DATA_FILE.xlsx", WJP_LONG, rows,
                   title_rows=0, sheet="Historical Data", extra_sheets=("Introduction", "WJP ROL Index 2026 Scores"))
    plan = plan_publisher_file(f, base, compare_top=False)
    assert plan.format_id == "wjp-historical" and plan.where.endswith("sheet 'Historical Data'")
    new = _value(plan, "DNK", "wjp_privacy", 2026)
    assert new["raw_value"] == 0.93 and new["edition"] == "2026"
    old = _value(plan, "DNK", "wjp_privacy", 2017)
    assert old["raw_value"] == 0.123 and old["edition"] == "2017-2018"
    ch = plan.changed.set_index(["iso3", "indicator", "year"])
    assert ch.loc[("DNK", "wjp_privacy", 2017), "raw_value_new"] == 0.123
    # The file is the truth for the years it has: every other country's 2017 value would disappear.
    assert (plan.removed["year"] == 2017).all() and len(plan.removed) > 100


def test_a_wjp_csv_with_semicolons_and_decimal_commas_reads_the_numbers(tmp_path, base):
    header = ["country", "year", "edition", "code", "sf46", "sf44", "f4"]
    f = write_csv(tmp_path / "wjp_2026.csv", header, [["Norway", 2026, "2026", "NOR", 0.81, 0.82, 0.83]],
                  sep=";", decimal_comma=True)
    assert "0,81" in f.read_text()
    plan = plan_publisher_file(f, base, compare_top=False)
    assert plan.info["decimal_comma"] and _value(plan, "NOR", "wjp_privacy", 2026)["raw_value"] == 0.81


RSF_HEADER = ["ISO", "Score 2026", "Rank", "Safety", "Country_FR", "Country_EN", "Year (N)", "Score N-1"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_rsf_yearly_file_in_latin1_gives_this_year_and_last_years_scores(tmp_path, base, kind):
    rows = [["DEU", 77.5, 11, 80.25, "Allemagne", "Germany", 2026, 70.0],
            ["CIV", 55.5, 70, 60.0, "Côte d'Ivoire", "Côte d'Ivoire", 2026, 50.0]]
    if kind == "xlsx":
        f = write_xlsx(tmp_path / "rsf_2026.xlsx", RSF_HEADER, rows, title_rows=1)
    else:
        f = write_csv(tmp_path / "rsf_2026.csv", RSF_HEADER, rows, sep=";", encoding="latin-1", decimal_comma=True)
    plan = plan_publisher_file(f, base, compare_top=False)
    assert plan.source == "rsf"
    assert _value(plan, "DEU", "rsf_score", 2026)["raw_value"] == 77.5
    assert _value(plan, "CIV", "rsf_safety", 2026)["raw_value"] == 60.0
    # 'Score N-1' restates 2025: a changed value against the shipped index (old -> new)
    ch = plan.changed.set_index(["iso3", "indicator", "year"])
    assert ch.loc[("DEU", "rsf_score", 2025), "raw_value_new"] == 70.0


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_new_fariss_version_is_labelled_by_its_version_and_refits_the_latent_scale(tmp_path, base, kind):
    header = ["YEAR", "COW", "country_name", "theta_mean", "theta_sd", "theta_q025", "theta_q975"]
    rows = [[2021, 385, "Norway", 5.9, 0.4, 5.1, 6.0], [2021, 255, "Germany", -5.9, 0.4, -6.0, -5.1]]
    name = "human_rights_latent_scores_v4.03_2000_2021"
    f = (write_xlsx(tmp_path / f"{name}.xlsx", header, rows) if kind == "xlsx"
         else write_csv(tmp_path / f"{name}.csv", header, rows))
    plan = plan_publisher_file(f, base, compare_top=False)
    assert plan.format_id == "fariss-v4.02" and plan.edition == "v4.03"
    assert _value(plan, "NOR", "fariss_hr_protection", 2021)["edition"] == "v4.03"
    # latent goalposts are refitted over all values, as the build does: the new extremes are the ends
    assert _value(plan, "NOR", "fariss_hr_protection", 2021)["value"] == 100
    assert _value(plan, "DEU", "fariss_hr_protection", 2021)["value"] == 0
    lo, hi = plan.indicator_updates["fariss_hr_protection"]["goal_lo"], plan.indicator_updates["fariss_hr_protection"]["goal_hi"]
    assert (lo, hi) == (-5.9, 5.9)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_freedom_house_all_data_file_dates_values_to_the_year_before_the_edition(tmp_path, base, kind):
    header = ["Country/Territory", "Region", "C/T", "Edition", "Status", "PR rating", "CL rating", "PR", "CL", "Total"]
    rows = [["Iceland", "Europe", "c", 2027, "F", 1, 1, 39, 59, 98]]
    f = (write_xlsx(tmp_path / "All_data_FIW_2013-2027.xlsx", header, rows, title_rows=2) if kind == "xlsx"
         else write_csv(tmp_path / "fiw_2027.csv", header, rows, encoding="cp1252", title_rows=1))
    plan = plan_publisher_file(f, base, compare_top=False)
    assert plan.format_id == "fiw"
    row = _value(plan, "ISL", "fiw_total", 2026)
    assert row["raw_value"] == 98 and row["edition"] == "FIW 2027"
    assert set(plan.scope["indicator"]) == {"fiw_total", "fiw_civil_liberties", "fiw_political_rights"}
    assert freedomhouse.FIW_ALL  # the reader's file this table stood in for


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_vdem_release_is_read_with_every_panel_variable(tmp_path, base, kind):
    ind = {i.id: i for i in vdem.INDICATORS}
    cols = [v[0] for v in vdem.PANEL_VARS]
    mid = [(ind[v[1]].raw_min + ind[v[1]].raw_max) / 2 if ind[v[1]].raw_min is not None else 0.25 for v in vdem.PANEL_VARS]
    header = ["country_name", "country_text_id", "country_id", "year", *cols]
    f = (write_xlsx(tmp_path / "V-Dem-CY-Core-v15.xlsx", header, [["Sweden", "SWE", 5, 2024, *mid]]) if kind == "xlsx"
         else write_csv(tmp_path / "V-Dem-CY-Core-v15.csv", header, [["Sweden", "SWE", 5, 2024, *mid]]))
    plan = plan_publisher_file(f, base, compare_top=False)
    assert plan.format_id == "vdem" and plan.edition == "V-Dem v15, country-year"
    assert set(plan.scope["indicator"]) == {v[1] for v in vdem.PANEL_VARS}
    assert _value(plan, "SWE", "vdem_physical_violence", 2024)["raw_value"] == 0.5


def test_the_preview_shows_the_composite_top_10_before_and_after(tmp_path, base):
    # Made-up worst-possible PTS codings for this year's top country: it must leave first place.
    top = base.index  # the shipped index
    from explorer.scoring.answer import answer
    from explorer.scoring.composite import Engine, Settings
    eng = Engine(top)
    year = eng.default_year()
    first = answer(eng, Settings(year=year), with_robustness=False).table.iloc[0]
    name = top.countries.loc[first["iso3"], "name"]
    rows = [[name, name, year, "X", 0, first["iso3"], 0, "x", 5, 5, 5, 0, 0, 0]]
    f = write_csv(tmp_path / f"PTS-{year + 1}.csv", PTS_HEADER, rows)
    plan = plan_publisher_file(f, base)
    assert plan.top_year == year and len(plan.top_before) == 10
    assert plan.top_before.iloc[0]["iso3"] == first["iso3"]
    assert plan.top_after.iloc[0]["iso3"] != first["iso3"]


def test_fariss_reader_is_reused_not_copied():
    from explorer.importer.formats import BY_ID
    assert BY_ID["fariss-v4.02"].module is fariss and BY_ID["fariss-v4.02"].file == fariss.FILE


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_top10vpn_unctad_and_aigs_layouts_are_recognised(tmp_path, base, kind):
    from explorer.sources import aigs, top10vpn, unctad
    layouts = {
        "top10vpn": (["year", "country", "iso3", *top10vpn.COLUMNS.values()], [[2026, "India", "IND", 10.0, 1000.0]]),
        "unctad": (["country", "iso3", unctad.COLUMN], [["Norway", "NOR", "Draft Legislation"]]),
        "aigs": (["Country", "iso3", aigs.COUNT_COL, *(f[0] for f in aigs.FLAGS)], [["Norway", "NOR", 1, 1, 0, 0, 0]]),
    }
    for fmt, (header, rows) in layouts.items():
        f = (write_xlsx(tmp_path / f"{fmt}.xlsx", header, rows) if kind == "xlsx"
             else write_csv(tmp_path / f"{fmt}.csv", header, rows, sep=";"))
        plan = plan_publisher_file(f, base, compare_top=False)
        assert plan.format_id == fmt and len(plan.added) + len(plan.changed) > 0, fmt


CIRIGHTS_HEADER = ["country", "iso_a3", "year", "physint_sum", "polpris", "disap", "tort", "kill", "speech",
                   "rel_free", "assn"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_cirights_release_is_recognised_and_its_sum_checked(tmp_path, base, kind):
    # Made-up 2021 codings (CIRIGHTS' shipped release ends in 2020): 0-2 per practice, sum 0-8.
    rows = [["Germany", "DEU", 2021, 8, 2, 2, 2, 2, 2, 2, 2],
            ["Myanmar", "MMR", 2021, 1, 0, 0, 0, 1, 0, 0, 0]]
    name = "cirights_v2.01.csv" if kind == "csv" else "cirights_v2.01.xlsx"
    f = (write_csv(tmp_path / name, CIRIGHTS_HEADER, rows, sep=";", encoding="latin-1") if kind == "csv"
         else write_xlsx(tmp_path / name, CIRIGHTS_HEADER, rows, title_rows=1))
    plan = plan_publisher_file(f, base, compare_top=False)
    assert (plan.format_id, plan.source, plan.edition) == ("cirights", "cirights", "CIRIGHTS v2.01")
    deu = _value(plan, "DEU", "cirights_physical_integrity", 2021)
    assert deu["raw_value"] == 8 and deu["value"] == 100 and deu["edition"] == "CIRIGHTS v2.01"
    assert _value(plan, "MMR", "cirights_physical_integrity", 2021)["value"] == 12.5
    bad = [["Germany", "DEU", 2021, 7, 2, 2, 2, 2, 2, 2, 2]]  # the sum is not its parts
    f2 = write_csv(tmp_path / "cirights_v2.02.csv", CIRIGHTS_HEADER, bad)
    from explorer.errors import ExplorerError
    with pytest.raises(ExplorerError, match="not the sum"):
        plan_publisher_file(f2, base, compare_top=False)
