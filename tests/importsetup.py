"""A tiny synthetic index (Testland, Exampleland, Sampleland; PTS only) as the user's current
index in a temporary data folder, and synthetic next-edition PTS files for it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer.build import build
from synthetic import PTS_HEADER, make_raw, pts_row


def tiny_index(root: Path) -> Path:
    raw = make_raw(root / "raw")
    target = root / "tiny.sqlite"
    build(raw=raw, target=target, progress=lambda s: None, modules=["pts"])
    return target


def user_folder(tiny: Path, data_dir: Path) -> Path:
    """A data folder whose current index is a copy of ``tiny`` (as after an earlier import)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tiny, data_dir / "explorer.sqlite")
    return data_dir


def pts_file(path: Path, rows: str | None = None) -> Path:
    """A next PTS release: 2022 codings for the three synthetic countries."""
    body = rows if rows is not None else (pts_row("Testland", "TST", 2022, a="2") + pts_row("Exampleland", "EXL", 2022, a="4")
                                          + pts_row("Sampleland", "SMP", 2022, a="3"))
    path.write_text(PTS_HEADER + body, encoding="utf-8")
    return path


# The fixtures the import tests share: import them by name (`from importsetup import folder, tiny`).
@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return tiny_index(tmp_path_factory.mktemp("tiny"))


@pytest.fixture()
def folder(tiny, tmp_path):
    return user_folder(tiny, tmp_path / "data")
