"""Your own indicator: a plain table plus metadata joins the index marked "user data", and
never enters the composite's default selection."""

from __future__ import annotations

import json

import pytest

from explorer.errors import ExplorerError, SourceError
from explorer.importer import apply as A
from explorer.importer.commands import make_plan
from explorer.importer.user import is_user_data
from explorer.scoring.composite import default_indicator_weights
from explorer.store import Index
from importsetup import folder, tiny  # noqa: F401 (folder, tiny: fixtures)

META = {"name": "Testland camera survey", "unit": "cameras per street (made up)", "min": 0, "max": 10,
        "direction": "higher is worse", "pillar": "surveillance", "source": "My class project",
        "licence": "CC0", "citation": "Class 9b (2026), synthetic survey"}


def _meta(tmp_path, **kw):
    p = tmp_path / "meta.json"
    p.write_text(json.dumps({**META, **kw}))
    return p


def test_own_indicator_joins_the_index_marked_user_data_and_normalised_by_its_direction(folder, tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("country,year,value\nTestland,2021,0\nExampleland,2021,10\nSampleland,2021,2.5\n")
    plan = make_plan(f, folder, meta=_meta(tmp_path))
    assert plan.kind == "user data" and plan.ready and len(plan.added) == 3
    A.apply(plan, folder)
    ix = Index(folder / "explorer.sqlite")
    ind = ix.indicators.loc["user_testland_camera_survey"]
    assert is_user_data(ind) and ind["source"] == "user_my_class_project" and "user data" in ind["edition"]
    assert (ind["n_obs"], ind["first_year"], ind["pillar"]) == (3, 2021, "surveillance")
    v = ix.values.query("indicator == 'user_testland_camera_survey'").set_index("iso3")["value"]
    assert (v["TST"], v["EXL"], v["SMP"]) == (100, 0, 75)  # higher is worse: 0 cameras = best
    assert ix.sources.loc["user_my_class_project", "licence"] == "CC0"
    assert ix.observations.query("indicator == 'user_testland_camera_survey'")["note"].str.contains("user data").all()


def test_own_indicator_never_enters_the_default_composite():
    assert not any(is_user_data(i) for i in default_indicator_weights())


def test_own_indicator_by_iso3_code(folder, tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("iso3;year;value\nTST;2020;1,5\nEXL;2020;3\n")
    plan = make_plan(f, folder, meta=_meta(tmp_path))
    assert sorted(plan.added["raw_value"]) == [1.5, 3.0]


def test_own_indicator_values_outside_the_declared_scale_are_named(folder, tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("country,year,value\nTestland,2021,11\n")
    with pytest.raises(SourceError, match=r"mine.csv, line 2: value 11 is outside the scale you declared, 0..10"):
        make_plan(f, folder, meta=_meta(tmp_path))


@pytest.mark.parametrize("bad, message", [
    ({"direction": "sideways"}, "direction must say"),
    ({"min": 5, "max": 1}, "must be below max"),
    ({"pillar": "economy"}, "not one of surveillance"),
    ({"licence": ""}, "missing licence"),
])
def test_own_indicator_metadata_problems_are_named(folder, tmp_path, bad, message):
    f = tmp_path / "mine.csv"
    f.write_text("country,year,value\nTestland,2021,1\n")
    with pytest.raises(ExplorerError, match=message):
        make_plan(f, folder, meta=_meta(tmp_path, **bad))


def test_own_indicator_unknown_names_are_listed(folder, tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("country,year,value\nTestland,2021,1\nAtlantis,2021,2\n")
    plan = make_plan(f, folder, meta=_meta(tmp_path))
    assert plan.unmatched == [("Atlantis", 3)]
