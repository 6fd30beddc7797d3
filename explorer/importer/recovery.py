"""What an interrupted import or undo leaves behind, and how the next start mends it.

Kept apart from ``apply`` (which needs pandas and the builder) because the window runs
``recover`` at every start, before it shows: importing ``apply`` there cost ~250 ms.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import ExplorerError
from ..paths import meta_value, user_data_dir, user_index_path

LOG = "imports.json"
BACKUPS = "backups"
TMP_PREFIX = ".explorer-import-"


class ApplyError(ExplorerError):
    pass


def read_log(data_dir: Path) -> list[dict]:
    p = Path(data_dir) / LOG
    if not p.is_file():
        return []
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ApplyError(f"{p}: the list of your imports cannot be read ({e})") from None
    return data if isinstance(data, list) else []


def _write_log(data_dir: Path, entries: list[dict]) -> None:
    tmp = Path(data_dir) / f"{TMP_PREFIX}log.json.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(entries, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, Path(data_dir) / LOG)


def index_content(path: Path) -> str | None:
    """The index's content hash (meta ``content_sha256``), None when unreadable."""
    return meta_value(path, "content_sha256")


def recover(data_dir: Path | None = None) -> list[str]:
    """Undo what an interrupted import or undo left: temp files, a log entry whose index never
    arrived. Returns what it did (for a message); safe to call at every start."""
    data_dir = user_data_dir(data_dir)
    done = []
    if not data_dir.is_dir():
        return done
    for tmp in data_dir.glob(f"{TMP_PREFIX}*"):
        tmp.unlink(missing_ok=True)
        done.append(f"removed the unfinished file {tmp.name}")
    entries = read_log(data_dir)
    target = user_index_path(data_dir)
    if entries:
        last = entries[-1]
        have = index_content(target) if target.is_file() else None
        if have != last.get("content_sha256"):
            entries.pop()
            if last.get("backup"):
                (data_dir / BACKUPS / last["backup"]).unlink(missing_ok=True)
            _write_log(data_dir, entries)
            done.append(f"the import of {last.get('file_name')} did not finish; your data are as before it")
    return done
