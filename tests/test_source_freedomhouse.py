"""Freedom House reader: values match the raw workbooks, editions land one year earlier,
1-7 ratings (1 = best) normalise the other way from 0-100 scores, every name resolves."""

import pandas as pd
import pytest

from explorer.build import FIRST_YEAR, validate
from explorer.errors import SourceError
from explorer.normalise import fit_goalposts, normalise
from explorer.sources import freedomhouse as fh
from explorer.sources import load_catalogue
from rawcsv import find, rows

pytestmark = pytest.mark.shared

IND = {i.id: i for i in fh.INDICATORS}


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return fh.read(raw, harmoniser)


@pytest.fixture(scope="module")
def obs(out):
    return out.observations().set_index(["iso3", "indicator", "year"])


def folder(raw):
    return raw / fh.SOURCE.folder


def test_fiw_scores_match_all_data_workbook_one_year_earlier(raw, obs):
    sample = [r for r in rows(folder(raw) / fh.FIW_ALL) if r["Country/Territory"] in ("Norway", "China", "India", "Hong Kong")]
    assert len(sample) == 4 * 13
    for r in sample:
        iso3 = {"Norway": "NOR", "China": "CHN", "India": "IND", "Hong Kong": "HKG"}[r["Country/Territory"]]
        year = int(r["Edition"]) - 1
        for col, ind in (("Total", "fiw_total"), ("CL", "fiw_civil_liberties"), ("PR", "fiw_political_rights")):
            row = obs.loc[(iso3, ind, year)]
            assert row["raw_value"] == float(r[col])
            assert row["edition"] == f"FIW {r['Edition']}"


def test_fiw_2025_edition_is_data_year_2024(raw, obs):
    r = find(folder(raw) / fh.FIW_ALL, **{"Country/Territory": "China", "Edition": "2025"})
    row = obs.loc[("CHN", "fiw_political_rights", 2024)]
    assert row["raw_value"] == float(r["PR"]) and row["edition"] == "FIW 2025"
    assert row["provenance"] == "publisher's file"


def test_editions_before_2013_come_from_aggregate_workbook(raw, out, obs):
    r = find(folder(raw) / fh.FIW_AGGREGATE, **{"Country/Territory": "Russia", "Edition": "2008"})
    row = obs.loc[("RUS", "fiw_total", 2007)]
    assert row["raw_value"] == float(r["Total"]) and row["file"].endswith(fh.FIW_AGGREGATE)
    # The two workbooks overlap 2013-2024 and disagree once (Eastern Donbas 2024): 2013+ is the all-data file.
    o = out.observations()
    fiw = o[o["indicator"] == "fiw_total"]
    from_all = fiw["file"].str.endswith(fh.FIW_ALL)
    assert (from_all == fiw["year"].between(fh.ALL_DATA_FIRST_EDITION - 1, 2023 + 1)).all()


def test_ratings_and_status_match_raw_file(raw, obs):
    for name, iso3, year in (("Norway", "NOR", "2024"), ("Belarus", "BLR", "2010"), ("Hong Kong", "HKG", "2000")):
        r = find(folder(raw) / fh.FIW_RATINGS, country_territory=name, year_under_review=year)
        assert obs.loc[(iso3, "fiw_pr_rating", int(year)), "raw_value"] == float(r["PR"])
        assert obs.loc[(iso3, "fiw_cl_rating", int(year)), "raw_value"] == float(r["CL"])
        status = obs.loc[(iso3, "fiw_status", int(year))]
        assert status["raw_text"] == r["Status"]
        assert IND["fiw_status"].levels[int(status["raw_value"])] == {"F": "Free", "PF": "Partly Free", "NF": "Not Free"}[r["Status"]]


def test_rating_1_normalises_to_100_and_7_to_0_while_total_100_is_100(out):
    o = out.observations()
    for ind_id, raw_value, expected in (("fiw_cl_rating", 1, 100), ("fiw_cl_rating", 7, 0), ("fiw_pr_rating", 1, 100),
                                        ("fiw_total", 100, 100), ("fiw_status", 0, 0), ("fiw_status", 2, 100)):
        ind = IND[ind_id]
        values = o.loc[o["indicator"] == ind_id, "raw_value"].to_numpy(float)
        assert raw_value in values, (ind_id, raw_value)
        assert normalise([raw_value], ind, *fit_goalposts(ind, values))[0] == expected, ind_id


def test_negative_fiw_score_is_valid_and_shows_as_zero(out):
    ind = IND["fiw_political_rights"]
    o = out.observations()
    values = o.loc[o["indicator"] == ind.id, "raw_value"].to_numpy(float)
    assert values.min() < 0  # FH's discretionary penalty (e.g. China)
    assert normalise([values.min()], ind, *fit_goalposts(ind, values))[0] == 0


def synthetic_ratings(tmp_path, line):
    path = tmp_path / "ratings.csv"
    path.write_text("country_territory,c_t,survey_edition,year_under_review,PR,CL,Status\n"
                    "Norway,c,1982,Jan.1981-Aug. 1982,2(5),3(6),F (NF)\n" + line, encoding="utf-8")
    return path


def test_ratings_skip_pre_2000_spans_and_odd_cells_but_not_later_ones(tmp_path, harmoniser):
    from explorer.sources import Readout

    out = Readout()
    fh.read_ratings(out, synthetic_ratings(tmp_path, "Norway,c,2021,2020,1,2,F\n"), harmoniser)
    o = out.observations()
    assert sorted(o["year"].unique()) == [2020] and len(o) == 3
    with pytest.raises(SourceError, match="not a number"):
        fh.read_ratings(Readout(), synthetic_ratings(tmp_path, "Norway,c,2021,2020,2(5),2,F\n"), harmoniser)
    with pytest.raises(SourceError, match="Status"):
        fh.read_ratings(Readout(), synthetic_ratings(tmp_path, "Norway,c,2021,2020,1,2,F (NF)\n"), harmoniser)


def test_fotn_pre_2019_panel_row_is_converted_and_says_so(raw, obs):
    r = find(folder(raw) / fh.FOTN_PANEL, iso3="CHN", edition="2012")
    reported = find(folder(raw) / "fotn_category_scores_editions_2011_2016_reports.csv", iso3="CHN", edition="2012")
    row = obs.loc[("CHN", "fotn_total", 2011)]
    assert row["raw_value"] == float(r["total_100_most_free"]) == 100 - float(reported["total"])
    assert obs.loc[("CHN", "fotn_user_rights", 2011), "raw_value"] == 40 - float(reported["C"])
    assert row["edition"] == "FOTN 2012"
    assert "pre-2019 scale" in row["note"] and "max - value" in row["note"]


def test_fotn_2024_edition_lands_at_2023_and_matches_workbook(raw, obs):
    r = find(folder(raw) / fh.FOTN_2024, Country="Kenya")
    for col, ind in (("Total", "fotn_total"), ("A", "fotn_obstacles_access"), ("C", "fotn_user_rights"),
                     ("C5", "fotn_surveillance"), ("C4", "fotn_anonymity"), ("C6", "fotn_data_collection"),
                     ("C3", "fotn_prosecution"), ("C7", "fotn_violence")):
        row = obs.loc[("KEN", ind, 2023)]
        assert row["raw_value"] == float(r[col]) and row["edition"] == "FOTN 2024", ind
    assert ("KEN", "fotn_obstacles_access", 2024) not in obs.index  # FOTN 2025 has totals only


def test_fiw_2026_transcription_is_data_year_2025_marked_transcription(raw, obs):
    for name, iso3 in (("Finland", "FIN"), ("China", "CHN"), ("North Korea", "PRK"), ("Hong Kong", "HKG")):
        r = find(folder(raw) / fh.FIW_2026, country=name)
        for col, ind in (("score", "fiw_total"), ("political_rights", "fiw_political_rights"),
                         ("civil_liberties", "fiw_civil_liberties")):
            row = obs.loc[(iso3, ind, 2025)]
            assert row["raw_value"] == float(r[col]) and row["edition"] == "FIW 2026"
            assert row["provenance"] == "transcription" and "transcribed" in row["note"]
        status = obs.loc[(iso3, "fiw_status", 2025)]
        assert IND["fiw_status"].levels[int(status["raw_value"])] == r["status"]
    # no 1-7 ratings in the transcription: none invented for 2025
    assert ("FIN", "fiw_cl_rating", 2025) not in obs.index and ("FIN", "fiw_pr_rating", 2025) not in obs.index
    assert obs.loc[("CHN", "fiw_political_rights", 2025), "raw_value"] < 0  # negative PR kept (China -2)


def test_fiw_2026_alpha2_code_cross_checks_the_name(tmp_path, harmoniser):
    d = tmp_path / fh.SOURCE.folder
    d.mkdir()
    (d / fh.FIW_2026).write_text("country,iso,kind,score,status,political_rights,civil_liberties\n"
                                 "Norway,NO,country,90,Free,35,55\nSweden,NO,country,90,Free,35,55\n", encoding="utf-8")
    from explorer.sources import Readout
    with pytest.raises(SourceError) as e:
        fh._fiw_2026(Readout(), tmp_path, harmoniser)
    assert e.value.line == 3 and "SWE" in str(e.value) and "'NO'" in str(e.value)


def test_fiw_2026_pr_plus_cl_must_equal_the_total(tmp_path, harmoniser):
    d = tmp_path / fh.SOURCE.folder
    d.mkdir()
    (d / fh.FIW_2026).write_text("country,iso,kind,score,status,political_rights,civil_liberties\n"
                                 "Norway,NO,country,91,Free,35,55\n", encoding="utf-8")
    from explorer.sources import Readout
    with pytest.raises(SourceError, match="is not the score 91"):
        fh._fiw_2026(Readout(), tmp_path, harmoniser)


def test_fotn_2025_totals_are_provisional_at_data_year_2024(raw, obs):
    r = find(folder(raw) / fh.FOTN_2025, iso3="KEN")
    row = obs.loc[("KEN", "fotn_total", 2024)]
    assert row["raw_value"] == float(r["total_100_most_free"]) and row["edition"] == "FOTN 2025"
    assert row["provenance"] == "provisional" and "provisional" in row["note"]
    assert ("TWN", "fotn_total", 2024) not in obs.index  # missing from the transcription, not filled
    assert obs.loc[("TWN", "fotn_total", 2023), "provenance"] == "publisher's file"


def test_fotn_panel_rows_carry_the_provenance_of_their_origin(obs):
    assert obs.loc[("CHN", "fotn_total", 2011), "provenance"] == "transcription"  # parsed from the report PDF
    assert obs.loc[("CHN", "fotn_total", 2016), "provenance"] == "third-party copy"  # via DA2I (edition 2017)
    assert obs.loc[("CHN", "fotn_total", 2020), "provenance"] == "publisher's file"


def test_fotn_questions_2019_2023_match_workbooks(raw, obs):
    sample = rows(folder(raw) / fh.FOTN_2019_2023)[::23]
    assert len(sample) > 10
    for r in sample:
        for col, ind, *_ in fh.QUESTIONS:
            assert obs.loc[(r["iso3"], ind, int(r["Edition"]) - 1), "raw_value"] == float(r[col])


def test_fotn_question_maxima_hold_in_data(out):
    o = out.observations()
    for col, ind, *_, top, _desc in fh.QUESTIONS:
        assert o.loc[o["indicator"] == ind, "raw_value"].max() <= top == IND[ind].raw_max


def test_every_name_resolves_territories_included(raw, harmoniser, out):
    files = [(fh.FIW_ALL, "Country/Territory", None), (fh.FIW_AGGREGATE, "Country/Territory", None),
             (fh.FIW_RATINGS, "country_territory", None), (fh.FOTN_PANEL, "country", "iso3"),
             (fh.FOTN_2019_2023, "Country", "iso3"), (fh.FOTN_2024, "Country", None)]
    for name, name_col, code_col in files:
        df = pd.DataFrame(rows(folder(raw) / name))
        df["_line"] = range(2, len(df) + 2)
        harmoniser.resolve_column(df, "freedomhouse-test", folder(raw) / name, name_col, code_col)
    assert [u for u in harmoniser.unmatched if u[0].startswith("freedomhouse")] == []
    assert harmoniser.matched[("freedomhouse", "Hong Kong")] == "HKG"
    assert harmoniser.matched[("freedomhouse", "Puerto Rico")] == "PRI"
    assert ("freedomhouse", "Tibet") in harmoniser.excluded


def test_readout_passes_build_validation(out):
    o = out.observations()
    validate(o[o["year"] >= FIRST_YEAR], load_catalogue(["freedomhouse"]))
