"""Bad input gets a message naming the file, the line and the problem, and the user's index
stays untouched (same bytes, no log, no temp file)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time

import pytest

from explorer.cli import main
from explorer.errors import ExplorerError, SourceError
from explorer.importer import names
from explorer.importer.commands import make_plan
from importfiles import write_xlsx
from importsetup import pts_file, tiny_index, user_folder
from synthetic import PTS_HEADER, pts_row


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return tiny_index(tmp_path_factory.mktemp("tiny"))


@pytest.fixture()
def folder(tiny, tmp_path):
    d = user_folder(tiny, tmp_path / "data")
    yield d
    # untouched: the same index, nothing else written
    assert hashlib.sha256((d / "explorer.sqlite").read_bytes()).digest() == hashlib.sha256(tiny.read_bytes()).digest()
    assert sorted(p.name for p in d.iterdir() if p.name != "name_mappings.json") == ["explorer.sqlite"]


def refused(path, folder, match, line=None):
    with pytest.raises(SourceError, match=match) as e:
        make_plan(path, folder)
    assert e.value.path.name.startswith(path.name)
    if line is not None:
        assert e.value.line == line
    return e.value


def test_a_wrong_file_type_is_named(folder, tmp_path):
    f = tmp_path / "photo.csv"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    refused(f, folder, "not a text table")


def test_a_zip_that_is_not_a_workbook_is_named(folder, tmp_path):
    import zipfile
    f = tmp_path / "data.xlsx"
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    refused(f, folder, "not a readable Excel workbook")


def test_a_truncated_workbook_is_named(folder, tmp_path):
    full = write_xlsx(tmp_path / "full.xlsx", PTS_HEADER.strip().split(","), [["Testland"] * 14] * 50)
    f = tmp_path / "PTS-2022.xlsx"
    f.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    refused(f, folder, "not a readable Excel workbook")


def test_a_truncated_csv_names_the_cut_line(folder, tmp_path):
    f = pts_file(tmp_path / "PTS-2022.csv")
    f.write_bytes(f.read_bytes()[:-20])
    refused(f, folder, "truncated", line=4)


def test_extra_header_rows_in_a_csv_are_skipped_not_refused(folder, tmp_path):
    f = tmp_path / "PTS-2022.csv"
    f.write_text("Political Terror Scale 2022 (synthetic)\nDownloaded from a test\n\n" + PTS_HEADER
                 + pts_row("Testland", "TST", 2022, a="2"), encoding="utf-8")
    plan = make_plan(f, folder)
    assert plan.info["header_line"] == 4 and len(plan.added) == 3
    assert plan.added["source_line"].eq(5).all()  # the line in the user's file


def test_a_file_of_no_known_publisher_lists_what_is_known(folder, tmp_path):
    f = tmp_path / "other.csv"
    f.write_text("a,b,c\n1,2,3\n")
    e = refused(f, folder, "not a file this app can import")
    assert "Political Terror Scale" in str(e) and "--meta" in str(e)


def test_duplicate_country_years_name_both_lines(folder, tmp_path):
    f = pts_file(tmp_path / "PTS-2022.csv", pts_row("Testland", "TST", 2022) + pts_row("Testland", "TST", 2022, a="3"))
    refused(f, folder, r"two values for TST 2022 \(lines 2 and 3")


def test_a_value_outside_the_publishers_scale_is_named(folder, tmp_path):
    f = pts_file(tmp_path / "PTS-2022.csv", pts_row("Testland", "TST", 2022) + pts_row("Exampleland", "EXL", 2022, a="7"))
    refused(f, folder, r"value 7 for EXL 2022 is outside the declared scale 1..5", line=3)


def test_text_in_a_number_column_is_named(folder, tmp_path):
    f = pts_file(tmp_path / "PTS-2022.csv", pts_row("Testland", "TST", 2022, a="two"))
    refused(f, folder, r"'PTS_A': 'two' is not a number", line=2)


def test_a_year_outside_1900_to_next_year_is_named(folder, tmp_path):
    f = pts_file(tmp_path / "PTS-2022.csv", pts_row("Testland", "TST", 2022) + pts_row("Testland", "TST", 2999))
    refused(f, folder, r"'2999' is not a plausible year \(1900-20", line=3)


def test_mixed_encodings_are_refused_with_both_lines(folder, tmp_path):
    f = tmp_path / "PTS-2022.csv"
    f.write_bytes((PTS_HEADER + pts_row("Testland", "TST", 2022)).encode() + "Côte\n".encode("utf-8")
                  + "Côte\n".encode("cp1252"))
    refused(f, folder, r"mixed encodings: line 3 is UTF-8 but byte 0xf4 on line 4", line=4)


def test_a_1_gb_file_is_refused_at_once_by_its_size(folder, tmp_path):
    f = tmp_path / "huge.csv"
    subprocess.run(["truncate", "-s", "1G", str(f)], check=True)  # sparse: no disk used
    t = time.perf_counter()
    refused(f, folder, r"1,074 MB; imports are limited to 64 MB")
    assert time.perf_counter() - t < 1.0


def test_an_empty_file_is_named(folder, tmp_path):
    f = tmp_path / "PTS-2022.csv"
    f.write_bytes(b"")
    refused(f, folder, "file is empty")


def test_unknown_names_are_listed_and_block_the_import_until_resolved(folder, tmp_path, capsys):
    f = pts_file(tmp_path / "PTS-2022.csv", pts_row("Testland", "TST", 2022) + pts_row("Atlantis", "ATL", 2022)
                 + pts_row("Lemuria", "LEM", 2022))
    plan = make_plan(f, folder)
    assert plan.unmatched == [("Atlantis", 3), ("Lemuria", 4)] and not plan.ready
    assert main(["import", str(f), "--data-dir", str(folder)]) == 2
    out = capsys.readouterr()
    assert "'Atlantis' (line 3)" in out.out and "nothing was written" in out.err


def test_a_resolved_name_is_remembered_for_next_time(tiny, tmp_path):
    folder = user_folder(tiny, tmp_path / "data")
    f = pts_file(tmp_path / "PTS-2022.csv", pts_row("Testland", "TST", 2022) + pts_row("Exampleland Republic", "XXX", 2022)
                 + pts_row("Atlantis", "ATL", 2022))
    plan = make_plan(f, folder, maps=["Exampleland Republic=EXL", "Atlantis=-"])
    assert plan.ready and set(plan.added["iso3"]) == {"TST", "EXL"}
    assert names.load_mappings(folder)["pts"] == {"Exampleland Republic": "EXL", "Atlantis": None}
    again = make_plan(f, folder)  # no --map this time
    assert again.ready and set(again.added["iso3"]) == {"TST", "EXL"}


def test_a_map_to_an_unknown_code_is_refused(folder, tmp_path):
    with pytest.raises(ExplorerError, match="'ZZZ' is not an ISO3 code"):
        make_plan(pts_file(tmp_path / "PTS-2022.csv"), folder, maps=["Atlantis=ZZZ"])


def test_errors_reach_the_cli_as_one_message_not_a_traceback(folder, tmp_path):
    f = pts_file(tmp_path / "PTS-2022.csv", pts_row("Testland", "TST", 2022, a="9"))
    r = subprocess.run([sys.executable, "-m", "explorer", "import", str(f), "--data-dir", str(folder)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith("explorer: PTS-2022.csv, line 2: pts_amnesty: value 9 for TST 2022 is outside")


def test_source_restricts_recognition_and_an_unknown_source_is_named(folder, tmp_path):
    f = pts_file(tmp_path / "PTS-2022.csv")
    assert make_plan(f, folder, source="pts").format_id == "pts"
    with pytest.raises(SourceError, match="not a file this app can import.*WJP"):
        make_plan(f, folder, source="wjp")
    with pytest.raises(SourceError, match="unknown source 'nope'; importable sources: .*pts"):
        make_plan(f, folder, source="nope")
