"""Independent raw-file access for reader tests: the stdlib csv module, not the readers' code."""

from __future__ import annotations

import csv
from pathlib import Path


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def find(path: Path, **match) -> dict[str, str]:
    hits = [r for r in rows(path) if all(r[k] == v for k, v in match.items())]
    assert len(hits) == 1, f"expected one row matching {match} in {path.name}, got {len(hits)}"
    return hits[0]
