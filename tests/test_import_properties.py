"""Property-based: random bytes, random columns and random values never crash the importer;
each either previews or fails with one clear message, quickly, and nothing is written."""

from __future__ import annotations

import hashlib
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.errors import ExplorerError
from explorer.importer.commands import make_plan
from importsetup import tiny_index, user_folder
from synthetic import PTS_HEADER

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = 5.0  # seconds: one small file must never take longer


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("props")
    return user_folder(tiny_index(root), root / "data")


def _state(folder):
    return hashlib.sha256((folder / "explorer.sqlite").read_bytes()).hexdigest(), sorted(p.name for p in folder.iterdir())


def check(folder, path):
    before = _state(folder)
    t = time.perf_counter()
    try:
        make_plan(path, folder, remember=False)
    except ExplorerError as e:
        text = str(e)
        assert text and "Traceback" not in text and path.name in text
    assert time.perf_counter() - t < SLOW
    assert _state(folder) == before  # a preview writes nothing, error or not


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


value = st.one_of(st.sampled_from(["NA", "", "-", "1", "5", "0", "6", "2.5", "1e308", "nan", "inf", "x", "３"]),
                  st.integers(-10, 10).map(str), st.floats(allow_nan=True, allow_infinity=True).map(repr), cell)
country = st.sampled_from(["Testland", "Exampleland", "Sampleland", "Atlantis", "", "testland ", "TST"])


@SETTINGS
@given(rows=st.lists(st.tuples(country, st.one_of(st.integers(1890, 2030).map(str), cell), value, value, value,
                               st.sampled_from(["0", "88", "99", "66", "x"])), min_size=1, max_size=15))
def test_random_values_in_a_pts_layout_give_a_preview_or_a_message(folder, tmp_path_factory, rows):
    p = tmp_path_factory.mktemp("v") / "PTS-2022.csv"
    body = "".join(f'"{c}",{c},{y},X,0,,0,x,{a},{h},{s},0,{na},0\n' for c, y, a, h, s, na in
                   [(c.replace('"', ""), y.replace(",", "").replace("\n", "").replace('"', ""),
                     *(v.replace(",", "").replace("\n", "").replace('"', "") for v in vals), na)
                    for c, y, *vals, na in rows])
    p.write_text(PTS_HEADER + body, encoding="utf-8")
    check(folder, p)
