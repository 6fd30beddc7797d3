"""Issue 12, items 6 and 10: bad raw data stops the build with the file, the right line and a
short message; changed raw files are caught by the record; a failed build changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import raw_manifest
from explorer.build import build
from explorer.errors import ExplorerError, SourceError
from synthetic import PTS_HEADER, make_raw, pts_row
from conftest import needs_raw

ROOT = Path(__file__).resolve().parent.parent
QUIET = dict(progress=lambda s: None, modules=["pts"])


@pytest.fixture()
def setup(tmp_path):
    raw = make_raw(tmp_path / "raw")
    target = tmp_path / "out" / "index.sqlite"
    target.parent.mkdir()
    target.write_bytes(b"the index in place (stand-in bytes: a failed build must leave them as they are)")
    return raw, target, target.read_bytes()


def pts_file(raw: Path) -> Path:
    return raw / "pts" / "PTS-2024.csv"


def failing_build(raw, target, before) -> str:
    with pytest.raises(ExplorerError) as err:
        build(raw=raw, target=target, **QUIET)
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == [target.name], "temporary file left behind"
    return str(err.value)


@pytest.mark.parametrize("year", ["99999", "1899", "3000", "-5"])
def test_an_implausible_year_stops_the_build_at_its_line(setup, year):
    raw, target, before = setup
    pts_file(raw).write_text(PTS_HEADER + pts_row("Testland", "TST", 2020) + pts_row("Exampleland", "EXL", year))
    msg = failing_build(raw, target, before)
    assert "PTS-2024.csv, line 3" in msg and "not a plausible year" in msg and year in msg


@pytest.mark.parametrize("cell", ["inf", "-inf", "1e400", "Infinity"])
def test_an_infinite_value_is_an_error_naming_file_and_line(setup, cell):
    raw, target, before = setup
    pts_file(raw).write_text(PTS_HEADER + pts_row("Testland", "TST", 2020) + pts_row("Exampleland", "EXL", 2020, a=cell))
    msg = failing_build(raw, target, before)
    assert "PTS-2024.csv, line 3" in msg and "not a finite number" in msg


def test_blank_lines_do_not_shift_the_reported_line(setup):
    raw, target, before = setup
    pts_file(raw).write_text(PTS_HEADER + pts_row("Testland", "TST", 2020) + "\n\n"
                             + pts_row("Exampleland", "EXL", 2020, a="high"))
    assert "line 5" in failing_build(raw, target, before)


def test_blank_lines_alone_are_skipped_and_lines_stay_true(setup):
    raw, target, _ = setup
    pts_file(raw).write_text(PTS_HEADER + "\n" + pts_row("Testland", "TST", 2020) + "\n")
    build(raw=raw, target=target, **QUIET)
    from explorer.store import Index
    obs = Index(target).observations
    assert obs.loc[obs["source_file"].str.endswith(".csv"), "source_line"].unique().tolist() == [3]


def test_a_huge_cell_gives_a_short_message(setup):
    raw, target, before = setup
    pts_file(raw).write_text(PTS_HEADER + pts_row("Testland", "TST", 2020, a="9" * 1_000_000 + "x"))
    msg = failing_build(raw, target, before)
    assert len(msg) < 600 and "is not a number" in msg and "1,000,001 characters" in msg


def test_values_in_messages_are_plain_numbers(setup):
    raw, target, before = setup
    pts_file(raw).write_text(PTS_HEADER + pts_row("Testland", "TST", 2020, a="9"))
    msg = failing_build(raw, target, before)
    assert "value 9 for TST 2020" in msg and "np." not in msg and "declared scale 1..5" in msg


def test_duplicate_countries_in_the_reference_table_are_an_error(setup):
    raw, target, before = setup
    iso = raw / "countries" / "iso3166_countries_regions.csv"
    lines = iso.read_text().splitlines(keepends=True)
    iso.write_text("".join(lines + [lines[1]]))
    msg = failing_build(raw, target, before)
    assert "duplicate country code 'TST' on lines 2, 5" in msg


def test_duplicate_population_rows_are_an_error(setup):
    raw, target, before = setup
    pop = raw / "countries" / "population_worldbank.csv"
    pop.write_text(pop.read_text() + "Testland,TST,2020,2000\n")
    msg = failing_build(raw, target, before)
    assert "population_worldbank.csv" in msg and "duplicate population row 'TST' '2020'" in msg


@pytest.mark.parametrize("text", ['{"type": "FeatureCollection", "features": []}', '{"features": [1]}'])
def test_a_geojson_without_usable_features_is_an_error(setup, text):
    raw, target, before = setup
    (raw / "naturalearth" / "ne_110m_admin_0_countries.geojson").write_text(text)
    msg = failing_build(raw, target, before)
    assert "ne_110m_admin_0_countries.geojson" in msg and "feature" in msg


def test_repeated_keepiton_event_rows_are_an_error_naming_both_lines(tmp_path):
    from explorer.countries import Harmoniser
    from explorer.sources import keepiton
    raw = make_raw(tmp_path / "raw")
    f = tmp_path / "events.csv"
    row = "2021,Testland,TST,Full network,2021-01-02,Test city\n"
    f.write_text("count_year,country,iso3,shutdown_extent,start_date,area_name\n" + row
                 + "2021,Testland,TST,Full network,2021-03-04,Test city\n" + row)
    with pytest.raises(SourceError, match=r"events.csv, line 4: line 4 repeats line 2 in every column"):
        keepiton.events(f, Harmoniser.load(raw))


def test_a_raw_file_changed_or_cut_since_the_record_is_named_and_can_be_accepted(setup, tmp_path, monkeypatch):
    raw, target, before = setup
    monkeypatch.setattr(raw_manifest, "RECORD_PATH", tmp_path / "raw_manifest.csv")
    build(raw=raw, target=target, check_raw=True, record_raw=True, **QUIET)
    assert "pts/PTS-2024.csv" in raw_manifest.read_record()
    before = target.read_bytes()
    f = pts_file(raw)
    f.write_text("".join(f.read_text().splitlines(keepends=True)[:-1]))  # the last row is lost
    with pytest.raises(ExplorerError) as err:
        build(raw=raw, target=target, check_raw=True, **QUIET)
    assert "pts/PTS-2024.csv" in str(err.value) and "cut short" in str(err.value)
    assert "--record-raw" in str(err.value) and target.read_bytes() == before
    said = []
    build(raw=raw, target=target, check_raw=True, accept_raw_changes=True, progress=said.append, modules=["pts"])
    assert any("accepted a raw file that differs" in s for s in said)


@needs_raw
def test_the_committed_raw_record_matches_the_shared_raw_files(raw):
    record = raw_manifest.read_record()
    assert len(record) >= 20
    assert raw_manifest.check(raw, record, accept=True, progress=lambda s: None) == [], \
        "raw files changed: regenerate the record with `explorer build-index --record-raw`"


def test_a_build_on_a_full_disk_keeps_the_index_and_leaves_no_temp(setup):
    raw, target, before = setup
    code = ("import sys; import explorer.sources as s; s.READER_MODULES[:] = ['pts']; from explorer.cli import main; "
            f"sys.exit(main(['build-index', '--raw', {str(raw)!r}, '--index', {str(target)!r}]))")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run(["bash", "-c", 'ulimit -f 16; exec "$0" -c "$1"', sys.executable, code],
                         capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 2 and "Traceback" not in res.stderr, res.stderr
    assert res.stderr.startswith("explorer: cannot write") and "nothing was changed" in res.stderr
    assert target.read_bytes() == before and os.listdir(target.parent) == [target.name]


def test_ctrl_c_during_the_build_keeps_the_index_and_leaves_no_temp(setup, monkeypatch, capsys):
    import explorer.build as b
    from explorer.cli import main
    raw, target, before = setup
    real_write = b._write

    def interrupted(path, *a):
        real_write(path, *a)  # the new index is complete in the temp file...
        raise KeyboardInterrupt  # ...when the user presses Ctrl-C
    monkeypatch.setattr(b, "_write", interrupted)
    monkeypatch.setattr("explorer.sources.READER_MODULES", ["pts"])  # the synthetic raw has PTS only
    code = main(["build-index", "--raw", str(raw), "--index", str(target)])
    assert code == 130 and "explorer: interrupted" in capsys.readouterr().err
    assert target.read_bytes() == before and os.listdir(target.parent) == [target.name]


def test_a_build_into_an_impossible_folder_is_a_message(setup, tmp_path):
    raw, _, _ = setup
    (tmp_path / "afile").write_text("x")
    with pytest.raises(ExplorerError, match="cannot write"):
        build(raw=raw, target=tmp_path / "afile" / "index.sqlite", **QUIET)
