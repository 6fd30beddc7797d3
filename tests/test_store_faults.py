"""Issue 12, items 3, 6 (broken contents) and 9: odd index paths are opened as given and never
created, stale SQLite side files do not block a good index, and damage is a clear message."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.errors import IndexUnavailable
from explorer.paths import INDEX_PATH
from explorer.store import Index, index_uri, opens_immutable
from synthetic import make_raw

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    """A synthetic index (Testland & co.) built by this version of the builder."""
    from explorer.build import build
    d = tmp_path_factory.mktemp("small")
    target = d / "index.sqlite"
    build(raw=make_raw(d / "raw"), target=target, progress=lambda s: None, modules=["pts"])
    return target


def copy_to(src: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(src, folder / "explorer.sqlite"))


def read_everything(ix: Index) -> None:
    for name in ("meta", "countries", "pillars", "sources", "indicators", "observations", "values",
                 "missing", "population", "manifest", "shapes", "name_matches"):
        getattr(ix, name)


@pytest.mark.parametrize("folder", ["d#1", "d?x=1", "d%20e", "d 1&mode=rwc"])
def test_an_index_in_a_folder_with_uri_characters_opens_that_very_file(tmp_path, small_index, folder):
    path = copy_to(small_index, tmp_path / folder)
    ix = Index(path)
    assert set(ix.values["iso3"]) == {"TST", "EXL", "SMP"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]  # nothing else made beside it


def test_a_path_cut_at_hash_never_creates_or_opens_the_shorter_file(tmp_path):
    with pytest.raises(IndexUnavailable, match="does not exist"):
        Index(tmp_path / "d#1" / "explorer.sqlite")
    assert list(tmp_path.iterdir()) == []
    prefix = tmp_path / "d"
    prefix.write_bytes(b"someone else's file")
    with pytest.raises(IndexUnavailable):
        Index(tmp_path / "d#1" / "explorer.sqlite")
    assert prefix.read_bytes() == b"someone else's file"
    assert "%23" in index_uri(tmp_path / "d#1" / "x.sqlite") and "mode=ro" in index_uri(prefix)


def test_the_shipped_index_opens_immutable():
    assert opens_immutable(INDEX_PATH)
    assert index_uri(INDEX_PATH, True).endswith("?mode=ro&immutable=1")


def _hot_journal(db: Path) -> None:
    """Leave a real hot rollback journal beside ``db``: a writer dies mid-transaction."""
    code = ("import sqlite3, os, sys\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA journal_mode=DELETE'); c.execute('PRAGMA cache_size=1')\n"
            "c.execute('BEGIN'); c.execute(\"UPDATE countries SET name = 'X' || name\")\n"
            "c.execute(\"UPDATE observation_columns SET data = zeroblob(length(data))\")\n"
            "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=30)


def test_a_stale_journal_does_not_block_a_good_index_and_the_build_removes_it(tmp_path, small_index):
    # Builds replace the index by rename and never write it in place, so a journal beside it is
    # left from an earlier file (here: a writer that died on another copy); applying it would
    # damage the good index, and a read-only connection cannot, so it is ignored.
    path = copy_to(small_index, tmp_path / "ix")
    good = Index(small_index).countries["name"].tolist()
    crashed = copy_to(small_index, tmp_path / "old")
    _hot_journal(crashed)
    journal = Path(str(path) + "-journal")
    os.replace(str(crashed) + "-journal", journal)
    assert Index(path).countries["name"].tolist() == good
    from explorer.build import build
    build(raw=make_raw(tmp_path / "raw"), target=path, progress=lambda s: None, modules=["pts"])
    assert not journal.exists() and Index(path).countries["name"].tolist() == good


def test_a_wal_mode_index_in_a_read_only_folder_opens_for_a_normal_user(tmp_path, small_index):
    import tempfile
    top = Path(tempfile.mkdtemp(prefix="cpe-test-"))  # pytest's own tmp folders are owner-only
    folder = top / "ro"
    path = copy_to(small_index, folder)
    with sqlite3.connect(path) as c:
        assert c.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    c.close()
    os.chmod(top, 0o755)
    os.chmod(folder, 0o555)
    os.chmod(path, 0o444)
    code = ("import sys; from explorer.store import Index; "
            "print(sorted(set(Index(sys.argv[1]).values['iso3'])))")
    cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", code, str(path)]
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        cmd = cmd[4:]  # already a normal user
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    os.chmod(folder, 0o755)
    shutil.rmtree(top)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "['EXL', 'SMP', 'TST']"


def test_a_dropped_column_is_reported_as_a_damaged_index(tmp_path, small_index):
    path = copy_to(small_index, tmp_path / "ix")
    with sqlite3.connect(path) as c:
        c.execute("ALTER TABLE indicators DROP COLUMN direction")
    c.close()
    with pytest.raises(IndexUnavailable, match="indicators lacks column.*direction.*build-index"):
        Index(path)


@pytest.mark.parametrize("column", ["year", "iso3", "value"])
def test_a_garbled_packed_column_is_reported_not_read_as_numbers(tmp_path, small_index, column):
    path = copy_to(small_index, tmp_path / "ix")
    with sqlite3.connect(path) as c:
        c.execute("UPDATE observation_columns SET data = randomblob(length(data)) WHERE name = ?", (column,))
    c.close()
    with pytest.raises(IndexUnavailable, match="damaged"):
        Index(path).observations


def test_packed_columns_of_unequal_length_are_reported(tmp_path, small_index):
    path = copy_to(small_index, tmp_path / "ix")
    with sqlite3.connect(path) as c:
        c.execute("UPDATE observation_columns SET data = substr(data, 1, 4) WHERE name = 'raw_value'")
        c.execute("DELETE FROM meta WHERE key = 'packed_crc32'")  # an older index without checksums
    c.close()
    with pytest.raises(IndexUnavailable, match="damaged"):
        Index(path).observations


def test_random_bit_flips_give_the_data_or_a_clear_message_never_a_traceback(tmp_path, small_index):
    data = small_index.read_bytes()
    rng = random.Random(7)
    outcomes = {"read": 0, "message": 0}
    for k in range(40):
        flipped = bytearray(data)
        for _ in range(rng.choice([1, 8, 64])):
            i = rng.randrange(len(flipped))
            flipped[i] ^= 1 << rng.randrange(8)
        path = tmp_path / f"flip{k}.sqlite"
        path.write_bytes(bytes(flipped))
        try:
            ix = Index(path)
            read_everything(ix)
            outcomes["read"] += 1
        except IndexUnavailable as e:
            assert "build-index" in str(e)
            outcomes["message"] += 1
    assert outcomes["message"] > 0  # the flips did hit something that matters
