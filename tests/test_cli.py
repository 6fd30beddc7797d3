"""The CLI answers what the window answers, as text and as JSON, from the shipped index."""

from __future__ import annotations

import json
import sqlite3

import pytest

from explorer.cli import main
import oracle  # noqa: E402


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_indicators_json_carries_direction_licence_and_coverage(capsys, index):
    code, out, _ = run(capsys, "indicators", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == len(index.indicators)
    pts = next(r for r in rows if r["id"] == "pts_amnesty")
    assert pts["higher_is_better"] in (0, False) and "worse" in pts["direction"]
    assert pts["n_countries"] > 100 and pts["last_year"] >= 2023


def test_show_lists_every_indicator_with_year_and_source(capsys, index):
    code, out, _ = run(capsys, "show", "CHN", "--year", "2023", "--json")
    rows = json.loads(out)
    assert code == 0 and {r["indicator"] for r in rows} == set(index.indicators.index)
    hit = next(r for r in rows if r["indicator"] == "pts_amnesty")
    assert hit["year"] == 2023 and hit["raw_value"] == oracle.ranking(index, "pts_amnesty", 2023).set_index("iso3").loc["CHN", "raw_value"]
    # an indicator with no 2023 value says so instead of borrowing another year's
    dsp = next(r for r in rows if r["indicator"] == "vdem_social_media_monitoring")
    assert dsp["value"] is None and dsp["latest_year"] == 2021


def test_show_text_labels_missing_years(capsys):
    code, out, _ = run(capsys, "show", "china", "--year", "2023")
    assert code == 0 and "China" in out and "no data for 2023 (latest 2021)" in out


def test_rank_top_n_is_sorted_best_first(capsys):
    code, out, _ = run(capsys, "rank", "vdem_civil_liberties", "--year", "2023", "--top", "5", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 5
    assert [r["value"] for r in rows] == sorted((r["value"] for r in rows), reverse=True)
    assert rows[0]["rank"] == 1 and rows[0]["of"] > 150


def test_countries_region_filter(capsys):
    code, out, _ = run(capsys, "countries", "--region", "Europe", "--json")
    rows = json.loads(out)
    assert code == 0 and {"DEU", "FRA"} <= {r["iso3"] for r in rows} and "CHN" not in {r["iso3"] for r in rows}


def test_sources_name_licences(capsys):
    code, out, _ = run(capsys, "sources")
    assert code == 0 and "CC BY-NC 4.0" in out and "CC BY-SA 4.0" in out


@pytest.mark.parametrize("args, message", [
    (("show", "ATLANTIS"), "unknown country"),
    (("rank", "no_such_indicator", "--year", "2023"), "unknown indicator"),
    (("rank", "pts_amnesty", "--year", "1900"), "no data for 1900"),
    (("countries", "--region", "Narnia"), "no countries in region"),
])
def test_bad_questions_get_a_clear_message_and_exit_2(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_corrupt_or_missing_index_is_a_message_not_a_traceback(capsys, tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    code, _, err = run(capsys, "--index", str(bad), "indicators")
    assert code == 2 and "build-index" in err
    code, _, err = run(capsys, "--index", str(tmp_path / "nope.sqlite"), "indicators")
    assert code == 2 and "does not exist" in err
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("create table t (x)").connection.commit()
    code, _, err = run(capsys, "--index", str(other), "indicators")
    assert code == 2 and "not a Country Privacy Explorer index" in err


def test_show_rank_and_export_say_each_values_provenance(capsys, tmp_path):
    code, text, _ = run(capsys, "show", "KEN", "--year", "2024")
    assert code == 0 and "FOTN 2025 (provisional)" in text
    code, text, _ = run(capsys, "show", "KEN", "--year", "2021")
    assert "(95% " in [line for line in text.splitlines() if "HR protection" in line][0]
    code, text, _ = run(capsys, "show", "CHN", "--json")
    rows = {r["indicator"]: r for r in json.loads(text)}
    assert rows["rsf_score"]["provenance"] == "transcription" and rows["pts_mean"]["provenance"] == "publisher's file"
    assert rows["fariss_hr_protection"]["lower"] < rows["fariss_hr_protection"]["raw_value"]
    code, text, _ = run(capsys, "rank", "fiw_total", "--year", "2025", "--top", "3", "--json")
    assert {r["provenance"] for r in json.loads(text)} == {"transcription"}
    import pandas as pd
    out = tmp_path / "p.csv"
    run(capsys, "export", str(out), "--countries", "CHN", "--indicators", "fariss_hr_protection,fotn_total")
    df = pd.read_csv(out)
    assert {"provenance", "lower", "upper", "raw_sd"} <= set(df.columns) and df["provenance"].notna().all()
    assert df.loc[df["indicator"] == "fariss_hr_protection", "raw_sd"].notna().all()


def test_export_writes_cited_csv_atomically(capsys, tmp_path, index):
    import pandas as pd
    out = tmp_path / "china.csv"
    out.write_text("the user's old file")
    code, text, _ = run(capsys, "export", str(out), "--countries", "CHN,DEU", "--indicators", "pts_amnesty",
                        "--years", "2020-2023")
    df = pd.read_csv(out)
    assert code == 0 and set(df["iso3"]) == {"CHN", "DEU"} and set(df["data_year"]) == {2020, 2021, 2022, 2023}
    assert (df["licence"] == "CC BY-NC 4.0").all() and df["citation"].str.contains("Gibney").all()
    assert not list(tmp_path.glob(".china.csv.*"))
    # a failed export leaves the old file as it was
    code, _, err = run(capsys, "export", str(out), "--indicators", "nope")
    assert code == 2 and "unknown indicator" in err and len(pd.read_csv(out)) == len(df)


def test_brief_writes_a_pdf_from_the_command_line(capsys, tmp_path):
    out = tmp_path / "brief.pdf"
    code, text, err = run(capsys, "brief", str(out), "--preset", "equal")
    assert code == 0, err
    assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 5000
    code, _, err = run(capsys, "brief", str(tmp_path / "brief.txt"))
    assert code == 2 and "PDF" in err


def test_rank_top_must_be_positive(capsys):
    code, _, err = run(capsys, "rank", "fiw_total", "--year", "2023", "--top", "-3")
    assert code == 2 and "--top must be 1 or more" in err


def test_exports_are_readable_by_others_like_any_new_file(capsys, tmp_path):
    import os
    import stat
    out = tmp_path / "x.csv"
    code, _, _ = run(capsys, "export", str(out), "--countries", "CHN", "--indicators", "pts_mean")
    umask = os.umask(0)
    os.umask(umask)
    assert code == 0 and stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0o600


def test_no_subcommand_opens_the_window_with_its_own_options(monkeypatch):
    import explorer.cli as cli
    seen = []
    monkeypatch.setattr(cli, "cmd_gui", lambda args: seen.append(args) or 0)
    assert main(["--index", "mine.sqlite", "--debug"]) == 0
    assert main([]) == 0 and main(["gui"]) == 0
    assert [str(a.index) for a in seen] == ["mine.sqlite", "None", "None"]


@pytest.mark.parametrize("argv, told", [
    (["--index"], "expected one argument"),
    (["--index", ""], "must be non-empty"),
    (["--bogus"], "unrecognized arguments: --bogus"),
    (["--json"], "unrecognized arguments: --json"),
])
def test_a_wrong_window_option_is_explained_by_the_full_command_line(capsys, argv, told):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert told in err and "{" in err  # the usage line lists the subcommands


def test_help_lists_every_subcommand(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(c in out for c in ("build-index", "answer", "brief", "chart", "import", "gui"))
