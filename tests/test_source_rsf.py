"""RSF reader: values match RSF's exports (and the long table agrees), the 2022 scale flip is two
indicators that never share a country-year, old-method low scores normalise high."""

import pandas as pd
import pytest

from explorer.build import validate
from explorer.normalise import fit_goalposts, normalise
from explorer.sources import load_catalogue, rsf
from explorer.errors import SourceError
from rawcsv import find, rows

pytestmark = pytest.mark.shared
IND = {i.id: i for i in rsf.INDICATORS}
NEW_2023, NEW_2025 = rsf.NEW_METHOD


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return rsf.read(raw, harmoniser)


@pytest.fixture(scope="module")
def obs(out):
    return out.observations().set_index(["iso3", "indicator", "year"])


def folder(raw):
    return raw / rsf.SOURCE.folder


def normalised(out, ind_id, raw_value):
    o = out.observations()
    ind = IND[ind_id]
    return normalise([raw_value], ind, *fit_goalposts(ind, o.loc[o["indicator"] == ind_id, "raw_value"].to_numpy(float)))[0]


def test_old_method_scores_match_raw_file(raw, obs):
    sample = rows(folder(raw) / rsf.OLD_METHOD)[::37]
    checked = 0
    for r in sample:
        if r["ISO"] in ("CTU", "XCD"):
            continue
        iso3 = "XKX" if r["ISO"] == "XKO" else r["ISO"]
        assert obs.loc[(iso3, "rsf_score_pre2022", int(r["Year"])), "raw_value"] == float(r["Score"])
        checked += 1
    assert checked > 30


def test_new_method_scores_and_safety_match_raw_files(raw, obs):
    for name, score_col in rsf.NEW_METHOD.items():
        for iso3 in ("NOR", "USA", "CHN", "IND", "XKX"):
            r = find(folder(raw) / name, ISO=iso3)
            year = int(r["Year (N)"])
            assert obs.loc[(iso3, "rsf_score", year), "raw_value"] == float(r[score_col])
            assert obs.loc[(iso3, "rsf_safety", year), "raw_value"] == float(r["Safety"])
            prev = obs.loc[(iso3, "rsf_score", year - 1)]
            assert prev["raw_value"] == float(r["Score N-1"]) and "Score N-1" in prev["note"]


def test_long_table_agrees_with_reader_from_originals(raw, harmoniser, obs):
    sample = rows(folder(raw) / rsf.LONG)[::29]
    checked = 0
    for r in sample:
        iso3 = harmoniser.resolve("rsf-test", r["country_en"], r["iso3"])
        if iso3 is None:
            continue
        ind = "rsf_score" if int(r["year"]) >= 2022 else "rsf_score_pre2022"
        assert obs.loc[(iso3, ind, int(r["year"])), "raw_value"] == float(r["score"]), r
        checked += 1
    assert checked > 60
    assert {int(r["year"]) for r in sample} == set(range(2014, 2026))


def test_no_country_year_has_both_methods(out):
    o = out.observations()
    old = set(zip(*o.loc[o["indicator"] == "rsf_score_pre2022", ["iso3", "year"]].to_numpy().T))
    new = set(zip(*o.loc[o["indicator"] == "rsf_score", ["iso3", "year"]].to_numpy().T))
    assert old and new and not (old & new)
    assert o.loc[o["indicator"] == "rsf_score_pre2022", "year"].max() == 2021
    assert o.loc[o["indicator"] == "rsf_score", "year"].min() == 2022


def test_old_method_low_score_normalises_high_new_method_to_itself(raw, out):
    norway_2021 = float(find(folder(raw) / rsf.OLD_METHOD, ISO="NOR", Year="2021")["Score"])
    assert norway_2021 < 10  # 0 = best under the old method
    assert normalised(out, "rsf_score_pre2022", norway_2021) > 90
    norway_2023 = float(find(folder(raw) / NEW_2023, ISO="NOR")["Score"])
    assert normalised(out, "rsf_score", norway_2023) == pytest.approx(norway_2023)


def test_safety_only_for_2023_2025_and_2026(out):
    o = out.observations()
    assert sorted(o.loc[o["indicator"] == "rsf_safety", "year"].unique()) == [2023, 2025, 2026]


def rsf_2026(raw):
    """The 2026 transcription read with the stdlib: ';'-separated, decimal commas."""
    import csv
    with open(folder(raw) / "rsf_wpfi_2026.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def test_2026_transcription_values_match_with_decimal_commas_and_are_marked(raw, obs):
    table = rsf_2026(raw)
    assert len(table) == 180
    for r in table[::9]:
        key = (r["ISO"], "rsf_score", 2026)
        if r["ISO"] in ("CTU", "XCD", "CSS"):  # Northern Cyprus, OECS: not shown
            continue
        assert obs.loc[key, "raw_value"] == float(r["Score 2026"].replace(",", "."))
        assert obs.loc[(r["ISO"], "rsf_safety", 2026), "raw_value"] == float(r["Safety"].replace(",", "."))
        assert obs.loc[key, "provenance"] == "transcription" and obs.loc[key, "edition"] == "WPFI 2026"
    assert obs.loc[("NOR", "rsf_score", 2026), "raw_value"] == 92.72  # SOURCE.md


def test_2025_values_come_from_rsf_s_own_file_not_the_transcription(raw, obs):
    n1 = {r["ISO"]: float(r["Score N-1"].replace(",", ".")) for r in rsf_2026(raw)}
    nor = obs.loc[("NOR", "rsf_score", 2025)]
    assert nor["provenance"] == "publisher's file" and nor["file"].endswith(NEW_2025)
    assert nor["raw_value"] == n1["NOR"]  # the transcription's N-1 column agrees with RSF's 2025 file


def test_a_point_decimal_in_the_2026_layout_is_refused_with_its_line(tmp_path):
    path = tmp_path / "rsf_wpfi_2026.csv"
    path.write_text("ISO;Score 2026;Safety;Country_EN;Year (N)\nNOR;92,72;96,46;Norway;2026\n"
                    "SWE;88.1;90,00;Sweden;2026\n", encoding="utf-8")
    with pytest.raises(SourceError) as e:
        rsf.read_rsf_export(path, ["ISO", "Score 2026", "Safety"], ["Score 2026", "Safety"])
    assert e.value.line == 3 and "'88.1'" in str(e.value) and "decimal comma" in str(e.value)


def test_a_comma_separated_file_in_place_of_the_2026_export_says_so(tmp_path):
    path = tmp_path / "rsf_wpfi_2026.csv"
    path.write_text("ISO,Score 2026,Safety\nNOR,92.72,96.46\n", encoding="utf-8")
    with pytest.raises(SourceError, match="';'-separated"):
        rsf.read_rsf_export(path, ["ISO", "Score 2026", "Safety"], ["Score 2026", "Safety"])


def test_every_name_resolves(raw, harmoniser, out):
    for name, name_col, code_col in ((rsf.OLD_METHOD, "Country", "ISO"), (NEW_2023, "Country_EN", "ISO"),
                                     (NEW_2025, "Country_EN", "ISO"), (rsf.LONG, "country_en", "iso3")):
        df = pd.DataFrame(rows(folder(raw) / name))
        df["_line"] = range(2, len(df) + 2)
        harmoniser.resolve_column(df, "rsf-test", folder(raw) / name, name_col, code_col)
    assert [u for u in harmoniser.unmatched if u[0].startswith("rsf")] == []
    assert harmoniser.matched[("rsf", "Kosovo")] == "XKX"
    assert ("rsf", "Northern Cyprus") in harmoniser.excluded


def test_readout_passes_build_validation(out):
    validate(out.observations(), load_catalogue(["rsf"]))
