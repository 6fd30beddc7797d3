"""Bad raw input stops the build with the file, the line and the problem; the index in place is untouched."""

from __future__ import annotations

import pytest

from explorer.build import build
from explorer.errors import SourceError, UnmatchedCountries
from explorer.store import Index
from synthetic import PTS_HEADER, make_raw, pts_row, write_xlsx
import oracle  # noqa: E402


@pytest.fixture()
def setup(tmp_path):
    raw = make_raw(tmp_path / "raw")
    target = tmp_path / "index.sqlite"
    build(raw=raw, target=target, progress=lambda s: None, modules=["pts"])
    return raw, target, target.read_bytes()


def rebuild(raw, target):
    return build(raw=raw, target=target, progress=lambda s: None, modules=["pts"])


def test_good_synthetic_build_normalises_pts(setup):
    raw, target, _ = setup
    ix = Index(target)
    v = ix.values[ix.values["year"] == 2020].set_index(["iso3", "indicator"])["value"]
    assert v[("TST", "pts_amnesty")] == 100 and v[("EXL", "pts_amnesty")] == 0 and v[("SMP", "pts_amnesty")] == 50
    assert "88" in oracle.gap_reason(ix, "SMP", "pts_state", 2020)


@pytest.mark.parametrize("case, expect", [
    ("renamed column", ["PTS-2024.csv", "line 1", "PTS_A"]),
    ("missing column", ["PTS-2024.csv", "line 1", "NA_Status_S"]),
    ("non-utf8", ["PTS-2024.csv", "line 3", "UTF-8"]),
    ("empty", ["PTS-2024.csv", "empty"]),
    ("out of scale", ["PTS-2024.csv", "line 3", "outside the declared scale"]),
    ("not a number", ["PTS-2024.csv", "line 2", "'high' is not a number"]),
    ("duplicate country-year", ["PTS-2024.csv", "two values for TST 2020"]),
])
def test_bad_input_names_file_line_problem_and_keeps_index(setup, case, expect):
    raw, target, before = setup
    f = raw / "pts" / "PTS-2024.csv"
    good = pts_row("Testland", "TST", 2020)
    if case == "renamed column":
        f.write_text(PTS_HEADER.replace("PTS_A", "PTS_Amnesty") + good)
    elif case == "missing column":
        f.write_text(PTS_HEADER.replace(",NA_Status_S", "") + good.rsplit(",", 1)[0] + "\n")
    elif case == "non-utf8":
        f.write_bytes((PTS_HEADER + good).encode() + "Exampl\xe9land,X,2020,EXL,0,EXL,0,eca,1,NA,2,0,88,0\n".encode("latin-1"))
    elif case == "empty":
        f.write_text("")
    elif case == "out of scale":
        f.write_text(PTS_HEADER + good + pts_row("Exampleland", "EXL", 2020, a="9"))
    elif case == "not a number":
        f.write_text(PTS_HEADER + pts_row("Testland", "TST", 2020, a="high"))
    elif case == "duplicate country-year":
        f.write_text(PTS_HEADER + good + good)
    with pytest.raises(SourceError) as err:
        rebuild(raw, target)
    for part in expect:
        assert part in str(err.value)
    assert target.read_bytes() == before
    assert not list(target.parent.glob(".explorer-*")), "temporary file left behind"


def test_unknown_country_fails_with_the_list_of_names(setup):
    raw, target, before = setup
    f = raw / "pts" / "PTS-2024.csv"
    f.write_text(f.read_text() + pts_row("Atlantis", "NA", 2020) + pts_row("Lemuria", "NA", 2021))
    with pytest.raises(UnmatchedCountries) as err:
        rebuild(raw, target)
    assert "'Atlantis'" in str(err.value) and "'Lemuria'" in str(err.value) and "country_aliases.csv" in str(err.value)
    assert target.read_bytes() == before


def test_build_is_deterministic(setup, tmp_path):
    raw, target, before = setup
    other = tmp_path / "again.sqlite"
    build(raw=raw, target=other, progress=lambda s: None, modules=["pts"])
    assert other.read_bytes() == before


def test_newer_pts_release_in_a_workbook_gives_its_years_and_names_itself(setup):
    raw, target, _ = setup
    v = Index(target).observations.set_index(["iso3", "indicator", "year"])
    assert v.loc[("TST", "pts_amnesty", 2021), "edition"] == "PTS-2025"
    assert v.loc[("TST", "pts_amnesty", 2021), "provenance"] == "publisher's file"
    assert v.loc[("TST", "pts_amnesty", 2020), "edition"] == "PTS-2024"
    assert v.loc[("TST", "pts_amnesty", 2020), "provenance"] == "third-party copy"
    assert ("EXL", "pts_hrw", 2021) not in v.index  # the text "NA" in a numeric column stays missing


def test_newer_release_supersedes_the_older_for_the_same_country_year(setup):
    raw, target, _ = setup
    write_xlsx(raw / "pts" / "PTS-2025.xlsx", "PTS-2025", PTS_HEADER, [pts_row("Testland", "TST", 2020, a="4")])
    rebuild(raw, target)
    v = Index(target).observations.set_index(["iso3", "indicator", "year"])
    assert v.loc[("TST", "pts_amnesty", 2020), "raw_value"] == 4
    assert v.loc[("TST", "pts_amnesty", 2020), "edition"] == "PTS-2025"
    assert v.loc[("EXL", "pts_amnesty", 2020), "edition"] == "PTS-2024"  # not in the newer release: kept


@pytest.mark.parametrize("case, expect", [
    ("csv renamed .xlsx", ["PTS-2025.xlsx", "not an Excel .xlsx workbook"]),
    ("truncated", ["PTS-2025.xlsx", "cannot open the workbook"]),
    ("wrong sheet", ["PTS-2025.xlsx", "no sheet 'PTS-2025'", "Sheet1"]),
    ("missing column", ["PTS-2025.xlsx", "line 1", "sheet 'PTS-2025'", "PTS_H"]),
    ("not a number", ["PTS-2025.xlsx", "line 3", "'high' is not a number"]),
])
def test_bad_workbook_names_file_row_problem_and_keeps_index(setup, case, expect):
    raw, target, before = setup
    f = raw / "pts" / "PTS-2025.xlsx"
    good = [pts_row("Testland", "TST", 2021)]
    if case == "csv renamed .xlsx":
        f.write_text(PTS_HEADER + good[0])
    elif case == "truncated":
        f.write_bytes(f.read_bytes()[:300])
    elif case == "wrong sheet":
        write_xlsx(f, "Sheet1", PTS_HEADER, good)
    elif case == "missing column":
        write_xlsx(f, "PTS-2025", PTS_HEADER.replace("PTS_H,", ""), [good[0].replace(",NA,2,", ",2,", 1)])
    elif case == "not a number":
        write_xlsx(f, "PTS-2025", PTS_HEADER, good + [pts_row("Exampleland", "EXL", 2021, a="high")])
    with pytest.raises(SourceError) as err:
        rebuild(raw, target)
    for part in expect:
        assert part in str(err.value)
    assert target.read_bytes() == before
