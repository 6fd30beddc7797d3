"""Saved views and sessions: what is on screen as a small versioned JSON document.

    doc = to_doc(explorer=st.as_dict(), timeline=tl.as_dict(), answer=..., tab=0, chart=4)
    parts = from_text(text)   # checked and migrated; ViewFileError says what is wrong

Version 1 (before the timeline) had ``{"version": 1, "view": {indicator, year, countries,
focus}, "tab": int}``; it is migrated. A file of another program, a newer version, or one
whose values do not validate is refused as a whole, so opening it changes nothing.
"""

from __future__ import annotations

import json
from typing import Any, Callable

FORMAT = "country-privacy-explorer-view"
VERSION = 2
MAX_BYTES = 1_000_000  # a view is a few hundred bytes; anything larger is not one


class ViewFileError(ValueError):
    """A saved view that cannot be opened; the message names the problem."""


def to_doc(explorer: dict, timeline: dict, answer: dict | None = None, tab: int = 0, chart: int = 0) -> dict:
    tl = {k: timeline[k] for k in ("year", "speed", "loop") if k in timeline}
    return {"format": FORMAT, "version": VERSION, "explorer": explorer, "timeline": tl,
            "answer": answer, "tab": int(tab), "chart": int(chart)}


def to_text(doc: dict) -> str:
    def plain(v):
        if isinstance(v, (set, frozenset)):
            return sorted(v)
        raise TypeError(f"cannot save {type(v).__name__}")
    return json.dumps(doc, indent=1, sort_keys=True, default=plain) + "\n"


def _v1_to_v2(doc: dict) -> dict:
    view = doc.get("view") or {}
    if not isinstance(view, dict):
        raise ViewFileError("its 'view' is not a set of values")
    return {"format": FORMAT, "version": 2,
            "explorer": {"indicator": view.get("indicator", ""), "year": view.get("year"),
                         "selected": view.get("countries", []), "focused": view.get("focus")},
            "timeline": {"year": view.get("year")}, "answer": None,
            "tab": doc.get("tab", 0), "chart": doc.get("chart", 0)}


MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2}


def from_text(text: str, where: str = "the file") -> dict[str, Any]:
    """The checked, migrated document; ViewFileError naming ``where`` and the problem."""
    if len(text) > MAX_BYTES:
        raise ViewFileError(f"{where} is {len(text):,} bytes: too large to be a saved view")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise ViewFileError(f"{where} is not a saved view: not JSON (line {e.lineno}: {e.msg})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ViewFileError(f"{where} is not a Country Privacy Explorer view (no \"format\": \"{FORMAT}\")")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ViewFileError(f"{where} has no whole-number version")
    if version > VERSION:
        raise ViewFileError(f"{where} is a view of a newer version ({version}); this program reads up to {VERSION}")
    while version < VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ViewFileError(f"{where} is of version {version}, which cannot be migrated")
        doc = step(doc)
        version += 1
    for key in ("explorer", "timeline"):
        if not isinstance(doc.get(key), dict):
            raise ViewFileError(f"{where}: '{key}' is missing or not a set of values")
    if doc.get("answer") is not None and not isinstance(doc["answer"], dict):
        raise ViewFileError(f"{where}: 'answer' is not a set of values")
    for key in ("tab", "chart"):
        v = doc.get(key, 0)
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ViewFileError(f"{where}: '{key}' must be a whole number >= 0, not {v!r}")
    return doc


def check_into(state_cls, values: dict, where: str, part: str) -> None:
    """Refuse the file if ``values`` would not validate on a fresh ``state_cls`` (so applying
    it to the window cannot half-succeed)."""
    trial = state_cls()
    try:
        trial.update_from_dict(values, strict=True)
    except (ValueError, TypeError) as e:
        raise ViewFileError(f"{where}: {part}: {e}") from None
