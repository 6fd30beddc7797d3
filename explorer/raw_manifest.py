"""The committed record of the raw files the index is built from (``resources/raw_manifest.csv``:
file, sha256, bytes), checked before every build from the shared raw folder.

A raw file that changed or was cut short since it was recorded stops the build, naming the
file, unless the build is told to accept it. After an intended change (a new edition, a new
source) regenerate the record with one command: ``explorer build-index --record-raw``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from .errors import ExplorerError
from .paths import RESOURCES_DIR

RECORD_PATH = RESOURCES_DIR / "raw_manifest.csv"
FIELDS = ("file", "sha256", "bytes")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_record(path: Path | None = None) -> dict[str, dict]:
    """file -> {sha256, bytes}; empty when there is no record yet."""
    path = path or RECORD_PATH
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    rows = list(csv.DictReader(io.StringIO(text)))
    if rows and set(FIELDS) - set(rows[0]):
        raise ExplorerError(f"{path}: the raw-file record needs the columns {', '.join(FIELDS)}; "
                            "regenerate it with `explorer build-index --record-raw`")
    out = {}
    for k, r in enumerate(rows, start=2):
        if not r["bytes"].isdigit() or len(r["sha256"]) != 64:
            raise ExplorerError(f"{path}, line {k}: not a file,sha256,bytes row; regenerate the record "
                                "with `explorer build-index --record-raw`")
        out[r["file"]] = {"sha256": r["sha256"], "bytes": int(r["bytes"])}
    return out


def check(raw: Path, record: dict[str, dict], accept: bool = False, progress=print) -> list[str]:
    """Compare every recorded file with the one in ``raw``; returns the problems found.
    Raises ExplorerError naming them unless ``accept`` (then they are only reported)."""
    problems = []
    for rel, want in sorted(record.items()):
        path = raw / rel
        if not path.is_file():
            continue  # the reader that needs it says so, with the file name
        size = path.stat().st_size
        if size != want["bytes"]:
            cut = " (cut short?)" if size < want["bytes"] else ""
            problems.append(f"{rel}: {size:,} bytes, recorded {want['bytes']:,}{cut}")
        elif sha256(path) != want["sha256"]:
            problems.append(f"{rel}: same size as recorded, different contents")
    if problems and not accept:
        raise ExplorerError(
            f"{len(problems)} raw file(s) differ from the record {RECORD_PATH.name}:\n"
            + "\n".join(f"  {p}" for p in problems)
            + "\nIf the change is intended, record the new files with `explorer build-index --record-raw`; "
              "to build from them once without recording, add `--accept-raw-changes`.")
    for p in problems:
        progress(f"  accepted a raw file that differs from the record: {p}")
    return problems


def unrecorded(manifest: list[dict], record: dict[str, dict]) -> list[str]:
    return [m["file"] for m in manifest if m["file"] not in record]


def write_record(manifest: list[dict], path: Path | None = None) -> Path:
    from .atomic import atomic_write_text
    path = path or RECORD_PATH
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    for m in sorted(manifest, key=lambda m: m["file"]):
        w.writerow({k: m[k] for k in FIELDS})
    return atomic_write_text(path, buf.getvalue())
