"""The publishers the index reads beyond the yearly indices: #KeepItOn, Comparitech, the Digital
Repression Index, the spyware inventory, and the transcribed FIW, FOTN and RSF layouts. Each
"next edition" is written by the test (made-up values, future years) in xlsx with title rows and
in csv with `;`, decimal commas and cp1252/Latin-1, then previewed against the shipped index."""

from __future__ import annotations

import pytest

from explorer.errors import ExplorerError, SourceError
from explorer.importer.plan import Base, plan_publisher_file
from explorer.paths import INDEX_PATH
from explorer.sources import comparitech, spyware
from importfiles import write_csv, write_xlsx


@pytest.fixture(scope="module")
def base():
    return Base(INDEX_PATH)


def _write(tmp_path, kind, stem, header, rows, encoding="cp1252", sheet="Data"):
    if kind == "xlsx":
        return write_xlsx(tmp_path / f"{stem}.xlsx", header, rows, title_rows=2, sheet=sheet)
    return write_csv(tmp_path / f"{stem}.csv", header, rows, sep=";", encoding=encoding, decimal_comma=True)


def _obs(plan, iso3, indicator, year):
    o = plan.observations
    return o[(o["iso3"] == iso3) & (o["indicator"] == indicator) & (o["year"] == year)]


def _value(plan, iso3, indicator, year):
    hit = _obs(plan, iso3, indicator, year)
    assert len(hit) == 1, f"{iso3} {indicator} {year}: {len(hit)} rows"
    return hit.iloc[0]


# -- Access Now #KeepItOn ------------------------------------------------------------------------
# Access Now's own sheet has no ISO3 column; a register of 2025-2026 with made-up events.
STOP = ["count_year", "start_date", "country", "area_name", "shutdown_type", "shutdown_extent"]
STOP_ROWS = [[2026, "2026-01-05", "India", "Town A (synthetic)", "Shutdown", "Full network"],
             [2026, "2026-02-07", "India", "Town B (synthetic)", "Shutdown", "Service-based"],
             [2025, "2025-03-01", "Pakistan", "Town C (synthetic)", "Throttle", "Full network"],
             [2026, "2026-04-01", "Côte d'Ivoire", "Nationwide (synthetic)", "Shutdown", "Full network"]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_keepiton_register_with_a_new_year_imports_that_year_with_zeros_only_for_listed_countries(tmp_path, base, kind):
    plan = plan_publisher_file(_write(tmp_path, kind, "keepiton_stop_2016_2026", STOP, STOP_ROWS), base,
                               compare_top=False)
    assert (plan.format_id, plan.source, plan.edition) == ("keepiton", "keepiton", "STOP 2025-2026")
    # 2026 was dropped silently before (the reader's years were fixed to 2016-2025)
    assert _value(plan, "IND", "keepiton_shutdowns", 2026)["raw_value"] == 2
    assert _value(plan, "IND", "keepiton_full_network", 2026)["raw_value"] == 1
    assert _value(plan, "CIV", "keepiton_shutdowns", 2026)["raw_value"] == 1  # a cp1252 name, harmonised
    zero = _value(plan, "PAK", "keepiton_shutdowns", 2026)  # listed in 2025: an explicit 0 in 2026
    assert zero["raw_value"] == 0 and "no shutdown recorded" in zero["note"]
    assert _obs(plan, "NOR", "keepiton_shutdowns", 2026).empty  # never listed: nothing, not 0
    new = plan.added.set_index(["iso3", "indicator", "year"]).index
    assert ("IND", "keepiton_shutdowns", 2026) in new and ("PAK", "keepiton_shutdowns", 2026) in new
    assert set(plan.scope["year"]) == {2025, 2026}  # older years keep the shipped snapshot
    assert _value(plan, "IND", "keepiton_shutdowns", 2020)["edition"].startswith("STOP 2016-2025")
    assert _value(plan, "IND", "keepiton_shutdowns", 2026)["provenance"] == "publisher's file"


def test_a_keepiton_event_repeated_in_every_column_is_refused_with_both_lines(tmp_path, base):
    f = write_csv(tmp_path / "stop.csv", STOP, STOP_ROWS + [STOP_ROWS[0]])
    with pytest.raises(SourceError, match="repeats line 2 in every column") as e:
        plan_publisher_file(f, base, compare_top=False)
    assert e.value.line == 6


# -- Comparitech ---------------------------------------------------------------------------------
CCTV = ["City", "Country", "Population (2027)", comparitech.CAMERAS, "# of cameras per 1,000 people"]
# Two Chinese cities carry one national rate (as Comparitech did in 2025); Germany is city data.
CCTV_ROWS = [["Alpha City (synthetic)", "China", 2000000, 1000000, 500.0],
             ["Beta City (synthetic)", "China", 1000000, 500000, 500.0],
             ["Gamma Stadt (synthetic)", "Germany", 1000000, 49841, 49.841],
             ["Delta Ville (synthetic)", "Atlantis", 500000, 100, 0.2]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_comparitech_edition_is_dated_by_its_population_column_and_lists_unknown_countries(tmp_path, base, kind):
    rows = CCTV_ROWS
    if kind == "csv":  # European locale: whole counts with grouping dots, rates with decimal commas
        rows = [[c, n, f"{p:,}".replace(",", "."), f"{k:,}".replace(",", "."), r] for c, n, p, k, r in CCTV_ROWS]
    plan = plan_publisher_file(_write(tmp_path, kind, "surveilled_cities", CCTV, rows), base, compare_top=False)
    assert (plan.format_id, plan.edition) == ("comparitech", "Comparitech 2027")
    assert [n for n, _ in plan.unmatched] == ["Atlantis"] and not plan.ready
    deu = _value(plan, "DEU", "comparitech_cctv", 2027)
    assert deu["raw_value"] == pytest.approx(49.841) and "1 city" in deu["note"]
    chn = _value(plan, "CHN", "comparitech_cctv", 2027)
    assert chn["raw_value"] == 500.0 and "national estimate" in chn["note"]
    assert deu["provenance"] == "transcription"  # Comparitech publishes articles, not files


def test_a_comparitech_camera_count_that_is_not_whole_is_refused(tmp_path, base):
    rows = [["Gamma Stadt (synthetic)", "Germany", "1000000", "1,5", "0,0015"]]  # ';' file: 1,5 is 1.5
    f = write_csv(tmp_path / "cctv_2027.csv", CCTV, rows, sep=";")
    with pytest.raises(SourceError, match="not a whole number") as e:
        plan_publisher_file(f, base, compare_top=False)
    assert e.value.line == 2


def test_a_comparitech_table_without_a_year_asks_for_one_in_the_file_name(tmp_path, base):
    header = ["City", "Country", "# of People", comparitech.CAMERAS, "# of CCTV Cameras per 1,000 People"]
    f = write_csv(tmp_path / "cctv.csv", header, [["Gamma Stadt (synthetic)", "Germany", 1000, 10, 10.0]], sep=";")
    with pytest.raises(SourceError, match="put the year in the file name"):
        plan_publisher_file(f, base, compare_top=False)
    f = write_csv(tmp_path / "cctv_2026.csv", header, [["Gamma Stadt (synthetic)", "Germany", 1000, 10, 10.0]], sep=";")
    assert plan_publisher_file(f, base, compare_top=False).edition == "Comparitech 2026"


# -- Digital Repression Index and the spyware inventory ----------------------------------------
DRI = ["Country", "iso3", "Region", "Year", "v2x_regime", "Digital Repression Index 2023"]
DRI_ROWS = [["Germany", "DEU", "EUR", 2023, "LD", -1.5], ["China", "CHN", "EAP", 2023, "CA", 2.75]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_digital_repression_index_edition_imports_on_its_own(tmp_path, base, kind):
    plan = plan_publisher_file(_write(tmp_path, kind, "dri_2023", DRI, DRI_ROWS), base, compare_top=False)
    assert (plan.format_id, plan.source, plan.edition) == ("dri", "aigs", "Digital Repression Index 2023")
    assert plan.indicators == ["aigs_digital_repression"]  # the AIGS flags are not touched
    assert _value(plan, "CHN", "aigs_digital_repression", 2023)["raw_value"] == 2.75
    assert len(plan.added) == 2 and plan.removed.empty


def test_the_dri_sheet_of_the_aigs_workbook_is_read_when_asked_for(tmp_path, base):
    import openpyxl
    from explorer.sources import aigs
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "AIGS 2022"
    ws.append(["Country", "iso3", aigs.COUNT_COL, *(f[0] for f in aigs.FLAGS)])
    ws.append(["Norway", "NOR", 1, 1, 0, 0, 0])
    ws2 = wb.create_sheet("Digital Repression Inde + V-Dem")
    for r in [DRI, *DRI_ROWS]:
        ws2.append(r)
    wb.save(tmp_path / "AI Global Surveillance Index 2027.xlsx")
    f = tmp_path / "AI Global Surveillance Index 2027.xlsx"
    assert plan_publisher_file(f, base, compare_top=False).format_id == "aigs"  # the first sheet
    plan = plan_publisher_file(f, base, source="dri", compare_top=False)
    assert plan.format_id == "dri" and "Digital Repression Inde" in plan.where


def test_a_digital_repression_value_outside_its_scale_is_refused(tmp_path, base):
    f = write_csv(tmp_path / "dri_2023.csv", DRI, [["Germany", "DEU", "EUR", 2023, "LD", 7.5]], sep=";",
                  decimal_comma=True)
    with pytest.raises(ExplorerError, match="7.5"):
        plan_publisher_file(f, base, compare_top=False)


SPY = [spyware.COUNTRY, "Region", spyware.TECH, "Period of use", "Year of disclosure", spyware.VENDOR,
       "Country of origin", "Description", spyware.LOW, "Source 1"]
SPY_ROWS = [["Côte d'Ivoire", "AF", "Spyware", "2024", "2024, 2025", "Vendor A (synthetic)", "Nowhere", "made up", "x", ""],
            ["Côte d'Ivoire", "AF", "Digital forensics", "2023", "2024", "Vendor B (synthetic)", "Nowhere", "made up", "", ""],
            ["China", "EAP", "Spyware", "2020s", "2025", "Vendor A (synthetic)", "Nowhere", "made up", "", ""]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_spyware_inventory_release_imports_on_its_own_and_absence_stays_missing(tmp_path, base, kind):
    plan = plan_publisher_file(_write(tmp_path, kind, "commercial_spyware_inventory_v11", SPY, SPY_ROWS), base,
                               compare_top=False)
    assert (plan.format_id, plan.edition) == ("spyware", "Commercial spyware inventory v11")
    assert any("year after the last disclosure (2025)" in n for n in plan.notes)
    civ = _value(plan, "CIV", "spyware_documented", 2026)
    assert civ["raw_value"] == 2 and "1 of 2 rest on lower-confidence sources" in civ["note"]
    assert _value(plan, "CIV", "spyware_vendors", 2026)["raw_value"] == 2
    # Norway is in the DRI's coverage (taken from the index) but not listed: missing with a reason, not 0
    assert _obs(plan, "NOR", "spyware_documented", 2026).empty
    gaps = plan.missing.set_index(["iso3", "indicator", "year"])
    assert "absence is not evidence" in gaps.loc[("NOR", "spyware_documented", 2026), "reason"]
    assert not plan.name_matches or all(m["name"] != "NOR" for m in plan.name_matches)  # the index's codes are not names


def test_a_spyware_release_year_in_the_file_name_dates_it(tmp_path, base):
    f = write_csv(tmp_path / "spyware_inventory_v11_2027.csv", SPY, SPY_ROWS, encoding="latin-1")
    plan = plan_publisher_file(f, base, compare_top=False)
    assert set(plan.scope["year"]) == {2027}


def test_a_spyware_row_with_an_unknown_technology_is_refused_with_its_line(tmp_path, base):
    rows = SPY_ROWS[:1] + [["China", "EAP", "Satellites", "", "2025", "Vendor C (synthetic)", "", "", "", ""]]
    with pytest.raises(SourceError, match="'Satellites' is not one of") as e:
        plan_publisher_file(write_csv(tmp_path / "spyware_v11.csv", SPY, rows), base, compare_top=False)
    assert e.value.line == 3


# -- Transcriptions: FIW scores, FOTN totals, RSF's layout --------------------------------------
FIW = ["country", "iso", "kind", "score", "status", "political_rights", "civil_liberties"]
FIW_ROWS = [["Norway", "NO", "country", 97, "Free", 40, 57], ["Côte d'Ivoire", "CI", "country", 50, "Partly Free", 20, 30]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_next_fiw_transcription_is_marked_transcription_and_dated_the_year_before(tmp_path, base, kind):
    plan = plan_publisher_file(_write(tmp_path, kind, "fiw_2027_scores_transcribed", FIW, FIW_ROWS), base,
                               compare_top=False)
    assert (plan.format_id, plan.edition) == ("fiw-transcription", "FIW 2027")
    nor = _value(plan, "NOR", "fiw_total", 2026)
    assert nor["raw_value"] == 97 and nor["provenance"] == "transcription" and nor["edition"] == "FIW 2027"
    assert _value(plan, "CIV", "fiw_status", 2026)["raw_text"] == "PF"
    assert "FIW 2027 transcribed" in nor["note"]


def test_a_fiw_transcription_without_its_edition_in_the_name_is_refused(tmp_path, base):
    with pytest.raises(SourceError, match="put the year in the file name"):
        plan_publisher_file(write_csv(tmp_path / "fiw_scores.csv", FIW, FIW_ROWS), base, compare_top=False)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_next_fotn_totals_are_provisional_at_the_year_before_the_edition(tmp_path, base, kind):
    rows = [["NOR", 2026, 95], ["CIV", 2026, 60]]
    plan = plan_publisher_file(_write(tmp_path, kind, "fotn_2026_totals_transcribed", ["iso3", "edition",
                                      "total_100_most_free"], rows), base, compare_top=False)
    assert (plan.format_id, plan.edition) == ("fotn-totals", "FOTN 2026")
    row = _value(plan, "CIV", "fotn_total", 2025)
    assert row["raw_value"] == 60 and row["provenance"] == "provisional" and "FOTN 2026 total" in row["note"]


def test_fotn_totals_of_two_editions_in_one_file_are_refused(tmp_path, base):
    f = write_csv(tmp_path / "fotn_totals.csv", ["iso3", "edition", "total_100_most_free"],
                  [["NOR", 2026, 95], ["CIV", 2027, 60]])
    with pytest.raises(SourceError, match="2027 is not 2026") as e:
        plan_publisher_file(f, base, compare_top=False)
    assert e.value.line == 3


RSF = ["ISO", "Score 2027", "Rank", "Safety", "Country_FR", "Country_EN", "Year (N)", "Score N-1"]
RSF_ROWS = [["DEU", 77.5, 11, 80.25, "Allemagne", "Germany", 2027, 70.0],
            ["CIV", 55.5, 70, 60.0, "Côte d'Ivoire", "Côte d'Ivoire", 2027, 50.0]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_rsf_transcription_in_rsfs_layout_is_marked_and_reads_only_its_own_year(tmp_path, base, kind):
    plan = plan_publisher_file(_write(tmp_path, kind, "rsf_wpfi_2027_transcribed", RSF, RSF_ROWS, encoding="latin-1"),
                               base, compare_top=False)
    assert plan.format_id == "rsf-transcription"
    row = _value(plan, "DEU", "rsf_score", 2027)
    assert row["raw_value"] == 77.5 and row["provenance"] == "transcription" and row["edition"] == "WPFI 2027"
    assert set(plan.scope["year"]) == {2027}  # its 'Score N-1' is not read as RSF's 2026


def test_rsfs_layout_without_transcribed_in_the_name_is_a_publishers_file_and_the_preview_says_how_to_mark_it(tmp_path, base):
    plan = plan_publisher_file(_write(tmp_path, "csv", "rsf_2027", RSF, RSF_ROWS), base, compare_top=False)
    assert plan.format_id == "rsf" and _value(plan, "DEU", "rsf_score", 2027)["provenance"] == "publisher's file"
    assert any("transcribed" in n for n in plan.notes)


def test_a_file_named_provisional_marks_its_values_provisional(tmp_path, base):
    rows = [["Norway", "NOR", 2026, 8, 2, 2, 2, 2, 2, 2, 2]]
    header = ["country", "iso_a3", "year", "physint_sum", "polpris", "disap", "tort", "kill", "speech", "rel_free", "assn"]
    plan = plan_publisher_file(write_csv(tmp_path / "cirights_provisional.csv", header, rows), base, compare_top=False)
    assert _value(plan, "NOR", "cirights_physical_integrity", 2026)["provenance"] == "provisional"
