"""WJP reader: values match WJP's 2025 workbook; two-year editions sit at their first year with
their label; text and number years mix in one column; formula cells are read as their values;
blank sub-factor cells are gaps, never zeros."""

import pandas as pd
import pytest

from explorer.errors import SourceError
from explorer.sources import wjp
from rawcsv import find, rows as csv_rows
from rawxlsx import rows as xlsx_rows

pytestmark = pytest.mark.shared


def rows(raw, data_only=True):
    return xlsx_rows(raw / "wjp" / wjp.WORKBOOK, wjp.SHEET, data_only)


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return wjp.read(raw, harmoniser)


@pytest.fixture(scope="module")
def obs(out):
    return out.observations().set_index(["iso3", "indicator", "year"])


def test_sample_values_match_the_workbook(raw, obs):
    sample = rows(raw)[::23]
    assert len(sample) > 50
    checked = 0
    for r in sample:
        for col, ind, *_ in wjp.COLUMNS:
            cell = r[wjp.WORKBOOK_COLUMNS[col]]
            if cell in (None, ""):
                continue
            hit = obs.loc[(r["Country Code"], ind, int(str(r["Year"])[:4]))]
            assert hit["raw_value"] == float(cell) and hit["provenance"] == "publisher's file"
            checked += 1
    assert checked > 150


def test_2025_edition_is_read_with_the_published_values(obs):
    # SOURCE.md: 2025 China 4.6 = 0.097; 143 countries
    assert round(obs.loc[("CHN", "wjp_privacy", 2025), "raw_value"], 3) == 0.097
    assert obs.loc[("CHN", "wjp_privacy", 2025), "edition"] == "2025"
    assert obs.xs(("wjp_privacy", 2025), level=("indicator", "year")).shape[0] == 143


def test_text_and_number_years_in_one_column_both_read(raw, obs):
    kinds = {type(r["Year"]) for r in rows(raw)}
    assert kinds == {str, int}  # the trap is in the file
    hit = obs.loc[("DNK", "wjp_privacy", 2017)]
    assert hit["edition"] == "2017-2018"
    assert obs.loc[("DNK", "wjp_privacy", 2016), "edition"] == "2016"
    years = set(obs.index.get_level_values("year"))
    assert 2013 not in years and 2018 not in years


def test_formula_cells_are_read_as_their_cached_values(raw, out):
    formulas = [r for r in rows(raw, data_only=False) if str(r["Country_year"]).startswith("=")]
    assert len(formulas) > 100  # older rows hold =CONCAT(...) formulas
    # the reader checks Country_year against Country and Year, so it read the values, not the formulas
    assert len(out.observations()) > 4000


def test_workbook_reproduces_the_older_csv_exactly(raw, obs):
    sample = csv_rows(raw / "wjp" / wjp.FILE)[::31]
    for r in sample:
        if r["sf46"]:
            assert obs.loc[(r["code"], "wjp_privacy", int(r["year"])), "raw_value"] == float(r["sf46"])


def test_blank_privacy_cell_is_a_gap_not_a_zero(raw, out, obs):
    blanks = [r for r in rows(raw) if r[wjp.WORKBOOK_COLUMNS["sf46"]] in (None, "")]
    assert len(blanks) == 6
    gaps = out.missing().set_index(["iso3", "indicator", "year"])
    for r in blanks:
        key = (r["Country Code"], "wjp_privacy", int(str(r["Year"])[:4]))
        assert key not in obs.index
        assert "sub-factor 4.6" in gaps.loc[key, "reason"] and str(r["Year"]) in gaps.loc[key, "reason"]
        assert obs.loc[(key[0], "wjp_expression", key[2]), "raw_value"] == float(r[wjp.WORKBOOK_COLUMNS["sf44"]])


def test_every_country_resolves_and_kosovo_is_kept(raw, out, harmoniser):
    assert [u for u in harmoniser.unmatched if u[0] == "wjp"] == []
    codes = {r["Country Code"] for r in rows(raw)}
    assert set(out.observations()["iso3"]) == codes
    assert "XKX" in codes and "QAT" in codes  # Qatar is new in 2025


def _workbook(tmp_path, years, country_year=None):
    """A tiny synthetic WJP workbook (made-up scores) in the publisher's layout."""
    from openpyxl import Workbook

    folder = tmp_path / "wjp"
    folder.mkdir(exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = wjp.SHEET
    ws.append(["Country", "Year", "Country_year", "Country Code", *list(wjp.WORKBOOK_COLUMNS.values())[2:]])
    for i, y in enumerate(years):
        ws.append(["Norway", y, country_year or f"=CONCAT(A{i + 2},\"_\",B{i + 2})", "NOR", 0.5, 0.5, 0.5])
    wb.save(folder / wjp.WORKBOOK)
    return folder


def test_a_year_that_is_neither_a_year_nor_an_edition_names_the_row(tmp_path, harmoniser):
    _workbook(tmp_path, [2024, "twenty25"], country_year="Norway_2024")
    with pytest.raises(SourceError) as e:
        wjp.read(tmp_path, harmoniser)
    assert "'twenty25'" in str(e.value) and e.value.line == 3


def test_formulas_without_cached_values_are_refused_not_misread(tmp_path, harmoniser):
    # openpyxl writes formulas without cached values: the check sees they are not 'Norway_2024'
    _workbook(tmp_path, [2024])
    with pytest.raises(SourceError) as e:
        wjp.read(tmp_path, harmoniser)
    assert "Country_year" in str(e.value) and e.value.line == 2


def test_openpyxl_fallback_reads_the_same_values_as_calamine(raw, harmoniser, obs, monkeypatch):
    from explorer.sources import _xlsx
    monkeypatch.setattr(_xlsx, "engines", lambda: ("openpyxl",))
    again = wjp.read(raw, harmoniser).observations().set_index(["iso3", "indicator", "year"])
    pd.testing.assert_series_equal(again["raw_value"].sort_index(), obs["raw_value"].sort_index())
