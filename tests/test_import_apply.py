"""Applying an import writes the user's folder atomically, keeps a backup, lists it, and undoes it;
the bundled index is never written."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pandas as pd
import pytest

from explorer import paths
from explorer.cli import main
from explorer.importer import apply as A
from explorer.importer.commands import make_plan
from explorer.store import Index
from importsetup import folder, pts_file, tiny, user_folder  # noqa: F401 (folder, tiny: fixtures)


def _sha(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_apply_adds_the_new_year_keeps_a_backup_and_undo_restores_the_old_bytes(folder, tmp_path):
    target = folder / "explorer.sqlite"
    before = _sha(target)
    plan = make_plan(pts_file(tmp_path / "PTS-2022.csv"), folder)
    assert plan.ready and len(plan.added) == 9  # Amnesty, State Dept and their mean for 3 countries (HRW: NA)
    entry = A.apply(plan, folder)
    ix = Index(target)
    v = ix.values.set_index(["iso3", "indicator", "year"])["raw_value"]
    assert v[("TST", "pts_amnesty", 2022)] == 2 and v[("TST", "pts_amnesty", 2020)] == 1
    assert ix.observations.query("year == 2022")["edition"].eq("PTS-2022").all()
    assert (ix.indicators.loc["pts_amnesty", "last_year"], ix.indicators.loc["pts_amnesty", "n_obs"]) == (2022, 8)
    ix.close()
    assert (folder / "backups" / entry["backup"]).is_file() and _sha(folder / "backups" / entry["backup"]) == before
    log = A.read_log(folder)
    assert log[-1]["sha256"] == _sha(tmp_path / "PTS-2022.csv") and log[-1]["file_name"] == "PTS-2022.csv"
    A.undo(folder)
    assert _sha(target) == before and A.read_log(folder) == []


def test_the_packed_columns_equal_the_rows_after_an_import(folder, tmp_path):
    A.apply(make_plan(pts_file(tmp_path / "PTS-2022.csv"), folder), folder)
    ix = Index(folder / "explorer.sqlite")
    rows = ix.query("SELECT * FROM observations")
    packed = ix.observations
    assert len(rows) == len(packed)
    for col in packed.columns:
        a, b = rows[col], packed[col]
        if col in ("raw_value", "value", "lower", "upper", "source_line"):
            assert ((a.astype(float) == b.astype(float)) | (a.isna() & b.isna())).all(), col
        else:
            assert (a.fillna("<NA>").astype(str) == b.astype(object).fillna("<NA>").astype(str)).all(), col
    conn = sqlite3.connect(folder / "explorer.sqlite")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    from explorer.schema import SCHEMA_VERSION
    assert dict(conn.execute("SELECT key, value FROM meta"))["schema_version"] == str(SCHEMA_VERSION)


def test_a_row_the_new_edition_drops_is_shown_as_removed_and_is_gone_after(folder, tmp_path):
    from synthetic import pts_row
    # The next release recodes 2020 for two of the three countries only
    f = pts_file(tmp_path / "PTS-2021.csv", pts_row("Testland", "TST", 2020, a="3") + pts_row("Exampleland", "EXL", 2020, a="5"))
    plan = make_plan(f, folder)
    assert set(plan.removed["iso3"]) == {"SMP"}
    ch = plan.changed.set_index(["iso3", "indicator", "year"])
    assert (ch.loc[("TST", "pts_amnesty", 2020), "raw_value_old"], ch.loc[("TST", "pts_amnesty", 2020), "raw_value_new"]) == (1, 3)
    A.apply(plan, folder)
    assert "SMP" not in set(Index(folder / "explorer.sqlite").values["iso3"])


def test_the_first_import_never_writes_the_bundled_index_and_the_app_then_opens_the_users(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("EXPLORER_INDEX", raising=False)
    bundled = _sha(paths.INDEX_PATH)
    assert paths.index_path() == paths.INDEX_PATH and paths.index_status() == "using the bundled data"
    f = tmp_path / "PTS-2026.csv"
    f.write_text("Country,Country_OLD,Year,COW_Code_A,COW_Code_N,WordBank_Code_A,UN_Code_N,Region,PTS_A,PTS_H,PTS_S,"
                 "NA_Status_A,NA_Status_H,NA_Status_S\nNorway,Norway,2025,NOR,385,NOR,578,eca,5,NA,5,0,88,0\n")
    assert main(["import", str(f)]) == 0
    assert _sha(paths.INDEX_PATH) == bundled
    assert paths.index_path() == tmp_path / "data" / "explorer.sqlite"
    assert "using your imported data" in paths.index_status()
    assert Index(paths.index_path()).values.query("iso3 == 'NOR' and indicator == 'pts_amnesty' and year == 2025")["raw_value"].tolist() == [5]
    assert main(["undo-import"]) == 0
    assert paths.index_path() == paths.INDEX_PATH and _sha(paths.INDEX_PATH) == bundled


def test_imports_lists_what_when_and_the_file_hash(folder, tmp_path, capsys):
    f = pts_file(tmp_path / "PTS-2022.csv")
    assert main(["import", str(f), "--data-dir", str(folder)]) == 0
    capsys.readouterr()
    assert main(["imports", "--data-dir", str(folder), "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [e["file_name"] for e in entries] == ["PTS-2022.csv"] and entries[0]["sha256"] == _sha(f)
    assert entries[0]["source"] == "pts" and entries[0]["edition"] == "PTS-2022" and entries[0]["when"]
    assert main(["imports", "--data-dir", str(folder)]) == 0
    assert _sha(f) in capsys.readouterr().out


def test_dry_run_writes_nothing(folder, tmp_path, capsys):
    before = _sha(folder / "explorer.sqlite")
    assert main(["import", str(pts_file(tmp_path / "PTS-2022.csv")), "--data-dir", str(folder), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "New country-years: 9" in out and "Dry run: nothing was written." in out
    assert _sha(folder / "explorer.sqlite") == before and not (folder / "imports.json").exists()


def test_undo_with_nothing_imported_says_so(tmp_path, capsys):
    assert main(["undo-import", "--data-dir", str(tmp_path / "empty")]) == 2
    assert "nothing to undo" in capsys.readouterr().err


def test_a_stale_preview_is_refused(folder, tmp_path):
    plan = make_plan(pts_file(tmp_path / "PTS-2022.csv"), folder)
    (folder / "explorer.sqlite").unlink()  # the current data changed since the preview
    with pytest.raises(A.ApplyError, match="preview again"):
        A.apply(plan, folder)


def test_user_index_path_follows_xdg_like_qt(tmp_path, monkeypatch):
    monkeypatch.delenv("EXPLORER_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.user_data_dir() == tmp_path / "xdg" / "CountryPrivacyExplorer" / "Country Privacy Explorer"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.user_data_dir() == tmp_path / "home" / ".local/share/CountryPrivacyExplorer/Country Privacy Explorer"
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(tmp_path / "d"))
    assert paths.user_data_dir() == tmp_path / "d" and paths.user_data_dir(tmp_path / "x") == tmp_path / "x"


def test_explorer_index_still_wins_over_the_users_index(tmp_path, monkeypatch, tiny):
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(user_folder(tiny, tmp_path / "data")))
    monkeypatch.setenv("EXPLORER_INDEX", str(tmp_path / "other.sqlite"))
    assert paths.index_path() == tmp_path / "other.sqlite"
    monkeypatch.delenv("EXPLORER_INDEX")
    assert paths.index_path() == tmp_path / "data" / "explorer.sqlite"


def test_build_index_never_targets_the_users_index(tmp_path, monkeypatch, tiny):
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(user_folder(tiny, tmp_path / "data")))
    monkeypatch.delenv("EXPLORER_INDEX", raising=False)
    assert paths.build_target() == paths.INDEX_PATH


def test_observations_keep_a_column_the_shipped_schema_adds(folder, tmp_path):
    """Copying is by the table's columns: a column a later schema adds survives an import."""
    conn = sqlite3.connect(folder / "explorer.sqlite")
    conn.execute("ALTER TABLE observations ADD COLUMN future_col TEXT")
    conn.execute("UPDATE observations SET future_col = 'kept'")
    conn.commit()
    conn.close()
    A.apply(make_plan(pts_file(tmp_path / "PTS-2022.csv"), folder), folder)
    rows = pd.read_sql_query("SELECT year, future_col, provenance FROM observations",
                             sqlite3.connect(folder / "explorer.sqlite"))
    assert rows.loc[rows["year"] < 2022, "future_col"].eq("kept").all() and 2022 in set(rows["year"])
    assert rows.loc[rows["year"] == 2022, "provenance"].eq("publisher's file").all()


def test_a_user_index_of_another_schema_version_falls_back_to_the_bundled_data_and_says_why(tmp_path, monkeypatch, tiny):
    folder = user_folder(tiny, tmp_path / "data")
    monkeypatch.setenv("EXPLORER_DATA_DIR", str(folder))
    monkeypatch.delenv("EXPLORER_INDEX", raising=False)
    conn = sqlite3.connect(folder / "explorer.sqlite")
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    assert paths.index_path() == paths.INDEX_PATH
    assert "from another version" in paths.index_status()


def test_import_json_dry_run_gives_the_preview_and_the_top_10(folder, tmp_path, capsys):
    assert main(["import", str(pts_file(tmp_path / "PTS-2022.csv")), "--data-dir", str(folder), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["applied"] is False and out["preview"]["new"] == 9 and out["preview"]["edition"] == "PTS-2022"
    added = {(r["iso3"], r["indicator"], r["year"]): r["raw_value"] for r in out["added"]}
    assert added[("TST", "pts_amnesty", 2022)] == 2 and len(added) == 9
