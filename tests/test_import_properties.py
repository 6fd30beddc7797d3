"""Property-based: random bytes, random columns and random values never crash the importer;
each either previews or fails with one clear message, quickly, and nothing is written."""

from __future__ import annotations

import hashlib
import sqlite3
import time

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from explorer.errors import ExplorerError
from explorer.importer import apply as A
from explorer.importer.commands import make_plan
from importsetup import tiny_index, user_folder
from synthetic import PTS_HEADER

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = 5.0  # seconds: one small file must never take longer


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return tiny_index(tmp_path_factory.mktemp("props"))


@pytest.fixture(scope="module")
def folder(tiny, tmp_path_factory):
    return user_folder(tiny, tmp_path_factory.mktemp("props-data") / "data")


def _state(folder):
    return hashlib.sha256((folder / "explorer.sqlite").read_bytes()).hexdigest(), sorted(p.name for p in folder.iterdir())


def check(folder, path):
    before = _state(folder)
    t = time.perf_counter()
    try:
        plan = make_plan(path, folder, remember=False)
    except ExplorerError as e:
        text = str(e)
        assert text and "Traceback" not in text and path.name in text
        plan = None
    assert time.perf_counter() - t < SLOW
    assert _state(folder) == before  # a preview writes nothing, error or not
    event("preview ready" if plan is not None and plan.ready else "preview refused or blocked")
    if plan is not None and plan.ready:  # what previews cleanly also applies cleanly, and undoes
        A.apply(plan, folder)
        conn = sqlite3.connect(folder / "explorer.sqlite")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        A.undo(folder)
        assert _state(folder)[0] == before[0]


@SETTINGS
@given(data=st.binary(min_size=1, max_size=4000))
def test_random_bytes_give_a_message_not_a_crash(folder, tmp_path_factory, data):
    p = tmp_path_factory.mktemp("b") / "random.csv"
    p.write_bytes(data)
    check(folder, p)


@SETTINGS
@given(data=st.binary(min_size=1, max_size=2000))
def test_random_bytes_after_a_workbook_signature_give_a_message(folder, tmp_path_factory, data):
    p = tmp_path_factory.mktemp("x") / "random.xlsx"
    p.write_bytes(b"PK\x03\x04" + data)
    check(folder, p)


cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)


@SETTINGS
@given(header=st.lists(cell, min_size=1, max_size=8), rows=st.lists(st.lists(cell, max_size=8), max_size=12),
       sep=st.sampled_from([",", ";", "\t"]))
def test_random_columns_give_a_message_not_a_crash(folder, tmp_path_factory, header, rows, sep):
    p = tmp_path_factory.mktemp("c") / "columns.csv"
    p.write_text("\n".join(sep.join(r) for r in [header, *rows]), encoding="utf-8")
    check(folder, p)


good = st.sampled_from(["1", "2", "3", "4", "5", "NA"])
value = st.one_of(good, good, good, st.sampled_from(["", "-", "0", "6", "2.5", "1e308", "nan", "inf", "x", "３"]),
                  st.integers(-10, 10).map(str), st.floats(allow_nan=True, allow_infinity=True).map(repr), cell)
known = st.sampled_from(["Testland", "Exampleland", "Sampleland", "testland ", "TESTLAND"])
country = st.one_of(known, known, known, st.sampled_from(["Atlantis", "", "TST"]))
year = st.one_of(st.integers(2000, 2026).map(str), st.integers(2000, 2026).map(str), st.integers(1890, 2030).map(str), cell)


@SETTINGS
@given(rows=st.lists(st.tuples(country, year, value, value, value,
                               st.sampled_from(["0", "88", "99", "66", "x"])), min_size=1, max_size=6))
def test_random_values_in_a_pts_layout_give_a_preview_or_a_message(folder, tmp_path_factory, rows):
    p = tmp_path_factory.mktemp("v") / "PTS-2022.csv"
    body = "".join(f'"{c}",{c},{y},X,0,,0,x,{a},{h},{s},0,{na},0\n' for c, y, a, h, s, na in
                   [(c.replace('"', ""), y.replace(",", "").replace("\n", "").replace('"', ""),
                     *(v.replace(",", "").replace("\n", "").replace('"', "") for v in vals), na)
                    for c, y, *vals, na in rows])
    p.write_text(PTS_HEADER + body, encoding="utf-8")
    check(folder, p)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.dictionaries(st.tuples(st.sampled_from(["Testland", "Exampleland", "Sampleland"]), st.integers(2000, 2026)),
                            st.tuples(st.sampled_from(["1", "2", "3", "4", "5", "NA"]), st.sampled_from(["1", "5", "NA"])),
                            min_size=1, max_size=10).filter(lambda d: any(v != ("NA", "NA") for v in d.values())))
def test_random_valid_editions_apply_with_exactly_the_files_values_and_undo(tiny, tmp_path_factory, rows):
    work = tmp_path_factory.mktemp("ok")
    folder = user_folder(tiny, work / "data")  # a fresh folder per example: one failure cannot leak
    p = work / "PTS-2027.csv"
    p.write_text(PTS_HEADER + "".join(f"{c},{c},{y},X,0,,0,x,{a},NA,{s},0,88,0\n" for (c, y), (a, s) in rows.items()))
    before = _state(folder)
    from explorer.store import Index
    old = Index(folder / "explorer.sqlite").values.set_index(["iso3", "indicator", "year"])["raw_value"]
    plan = make_plan(p, folder, remember=False)
    assert plan.ready
    A.apply(plan, folder)
    got = Index(folder / "explorer.sqlite").values.set_index(["iso3", "indicator", "year"])["raw_value"]
    code = {"Testland": "TST", "Exampleland": "EXL", "Sampleland": "SMP"}
    amnesty_years = {y for (_, y), (a, _) in rows.items() if a != "NA"}
    for (c, y), (a, s) in rows.items():
        key = (code[c], "pts_amnesty", y)
        if a != "NA":
            assert got[key] == float(a), key
        elif y in amnesty_years:  # the file has Amnesty scores that year: its NA removes the old value
            assert key not in got.index, key
        else:  # no Amnesty score at all that year in the file: that indicator-year is outside its scope
            assert got.get(key) == old.get(key), key
    A.undo(folder)
    assert _state(folder)[0] == before[0]


from explorer.importer.formats import FORMATS  # noqa: E402

plausible = st.one_of(st.sampled_from(["Testland", "Exampleland", "TST", "EXL", "2021", "2017-2018", "0.5", "1", "5",
                                       "NA", "", "F", "PF", "NF", "Legislation", "x", "-1", "1e9", "inf", "nan"]),
                      cell)


@SETTINGS
@given(fmt=st.sampled_from(FORMATS), rows=st.lists(st.lists(plausible, min_size=1, max_size=60), min_size=1, max_size=6),
       sep=st.sampled_from([",", ";"]))
def test_random_values_under_every_publishers_header_give_a_preview_or_a_message(folder, tmp_path_factory, fmt, rows, sep):
    """Every publisher's reader, fed random cells under its own header: a preview or one clear message."""
    header = list(dict.fromkeys([*fmt.required, *fmt.rename]))
    p = tmp_path_factory.mktemp("f") / f"{fmt.id}.csv"
    clean = [[c.replace(sep, "").replace("\n", "").replace("\r", "").replace('"', "") for c in r] for r in rows]
    p.write_text("\n".join(sep.join(r) for r in [header, *[(r * len(header))[:len(header)] for r in clean]]),
                 encoding="utf-8")
    check(folder, p)
