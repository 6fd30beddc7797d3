"""Write an import into the user's data folder atomically; list and undo imports.

The user's folder holds ``explorer.sqlite`` (the index the app opens when it exists),
``backups/`` (the index before each import) and ``imports.json`` (what was imported, when,
from which file and its SHA-256). The bundled ``data/explorer.sqlite`` is only ever read.

Crash safety, step by step (a kill -9 may land anywhere):
1. the new index is written to a temp file beside the target, checked (``PRAGMA
   integrity_check``) and synced; 2. the current index is hard-linked into ``backups/``;
3. the log gains the entry, with the new index's content hash (temp + replace);
4. ``os.replace(temp, target)``. ``recover`` (run at every start) deletes temp files and drops
a log entry whose index never replaced the target, so the target is always the old or the
new index, and the log always says which.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd
import sqlite_utils

from ..build import _write_columns, content_hash
from ..export import file_mode
from ..paths import INDEX_PATH, user_data_dir, user_index_path
from .plan import Plan
from .recovery import BACKUPS, TMP_PREFIX, ApplyError, _write_log, index_content, read_log, recover  # noqa: F401 (its API)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def current_index(data_dir: Path | None = None) -> Path:
    """The index an import starts from: the user's when one exists, else the bundled one."""
    user = user_index_path(data_dir)
    return user if user.is_file() else INDEX_PATH


def apply(plan: Plan, data_dir: Path | None = None) -> dict:
    """Write the plan into the user's index; returns the log entry."""
    if not plan.ready:
        raise ApplyError(f"{len(plan.unmatched)} country name(s) are not resolved yet: "
                         + ", ".join(repr(n) for n, _ in plan.unmatched[:10]))
    data_dir = user_data_dir(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    recover(data_dir)
    base = current_index(data_dir)
    if plan.base_index is not None and Path(plan.base_index).resolve() != base.resolve():
        raise ApplyError(f"this preview was made from {plan.base_index}, but your data are now {base}; preview again")
    target = user_index_path(data_dir)
    entry_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    tmp = data_dir / f"{TMP_PREFIX}{entry_id}.sqlite.tmp"
    try:
        shutil.copyfile(base, tmp)
        content = write_into(tmp, plan)
        os.chmod(tmp, file_mode(target) if target.exists() else 0o644)
        _fsync(tmp)
        backup = None
        if target.is_file():
            (data_dir / BACKUPS).mkdir(exist_ok=True)
            backup = f"{entry_id}.sqlite"
            try:
                os.link(target, data_dir / BACKUPS / backup)
            except OSError:  # no hard links here (some network folders): copy
                shutil.copyfile(target, data_dir / BACKUPS / backup)
        s = plan.summary()
        entry = {"id": entry_id, "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                 "file": str(Path(plan.file).resolve()), "file_name": Path(plan.file).name, "sha256": plan.sha256,
                 "bytes": plan.size, "kind": plan.kind, "format": plan.format_id, "source": plan.source,
                 "edition": plan.edition, "indicators": s["indicators"], "years": s["years"],
                 "new": s["new"], "changed": s["changed"], "removed": s["removed"],
                 "backup": backup, "content_sha256": content}
        _write_log(data_dir, read_log(data_dir) + [entry])
        os.replace(tmp, target)
        _fsync(data_dir)
    finally:
        tmp.unlink(missing_ok=True)
    return entry


def undo(data_dir: Path | None = None) -> dict:
    """Restore the index from before the last import (or go back to the bundled data)."""
    data_dir = user_data_dir(data_dir)
    recover(data_dir)
    entries = read_log(data_dir)
    if not entries:
        raise ApplyError("nothing to undo: no import is recorded in " + str(data_dir))
    last = entries[-1]
    target = user_index_path(data_dir)
    if last.get("backup"):
        backup = data_dir / BACKUPS / last["backup"]
        if not backup.is_file():
            raise ApplyError(f"the backup {backup} is missing; cannot undo the import of {last['file_name']}")
        os.replace(backup, target)
    else:
        target.unlink(missing_ok=True)  # the first import: back to the bundled data
    _fsync(data_dir)
    _write_log(data_dir, entries[:-1])
    return last


def _rows(df: pd.DataFrame, cols: list[str]):
    """Rows as tuples of Python values, NULL for missing (column-wise: ~10x faster than per value)."""
    out = []
    for c in cols:
        s = df[c]
        na = s.isna().to_numpy()
        vals = s.astype(object).tolist() if s.dtype == object or str(s.dtype) in ("str", "string") else s.tolist()
        out.append([None if m else (v.item() if hasattr(v, "item") else v) for v, m in zip(vals, na)])
    return list(zip(*out)) if out else []


def _columns(conn, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]


def _insert(conn, table: str, rows: list[dict], replace: bool = False) -> None:
    cols = _columns(conn, table)
    for r in rows:
        use = [c for c in cols if c in r]
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        conn.execute(f"{verb} INTO [{table}] ({', '.join(f'[{c}]' for c in use)}) VALUES "
                     f"({', '.join('?' * len(use))})", [r[c] for c in use])


def write_into(path: Path, plan: Plan) -> str:
    """Rewrite the copy at ``path`` with the plan; returns the new content hash. Every table is
    written by its own columns (the schema is the shipped one, whatever its version)."""
    db = sqlite_utils.Database(path)
    conn = db.conn
    # A private temp file until os.replace: no journal needed (a crash leaves only the temp file,
    # which recover() deletes); it is synced and checked before it replaces anything.
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    try:
        obs = plan.observations
        cols = _columns(conn, "observations")
        indexes = [r[0] for r in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observations' AND sql IS NOT NULL")]
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                    "tbl_name = 'observations' AND sql IS NOT NULL").fetchall():
            conn.execute(f"DROP INDEX [{name}]")
        conn.execute("DELETE FROM observations")
        conn.executemany(f"INSERT INTO observations ({', '.join(f'[{c}]' for c in cols)}) VALUES "
                         f"({', '.join('?' * len(cols))})", _rows(obs.reindex(columns=cols), cols))
        for sql in indexes:
            conn.execute(sql)
        conn.execute("DELETE FROM observation_columns")
        conn.execute("DELETE FROM meta WHERE key = 'packed_crc32'")  # rewritten with the packed columns
        packed = pd.read_sql_query("SELECT * FROM observations ORDER BY rowid", conn)
        _write_columns(db, packed)
        mcols = _columns(conn, "missing")
        conn.execute("DELETE FROM missing")
        conn.executemany(f"INSERT INTO missing ({', '.join(mcols)}) VALUES ({', '.join('?' * len(mcols))})",
                         _rows(plan.missing.reindex(columns=mcols), mcols))
        _insert(conn, "sources", plan.new_sources, replace=True)
        _insert(conn, "indicators", plan.new_indicators, replace=True)
        icols = set(_columns(conn, "indicators"))
        for ind, upd in plan.indicator_updates.items():
            upd = {k: v for k, v in upd.items() if k in icols}
            if upd:
                conn.execute(f"UPDATE indicators SET {', '.join(f'[{k}] = ?' for k in upd)} WHERE id = ?",
                             [*upd.values(), ind])
        _insert(conn, "name_matches", plan.name_matches, replace=True)
        _insert(conn, "manifest", [{"file": f"imports/{Path(plan.file).name}", "sha256": plan.sha256,
                                    "bytes": plan.size}], replace=True)
        content = content_hash(packed)
        conn.execute("UPDATE meta SET value = ? WHERE key = 'content_sha256'", [content])
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('imported', ?)",
                     [dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")])
        conn.commit()
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise ApplyError(f"the new index failed its integrity check ({ok}); nothing was changed")
    finally:
        db.close()
    return content
