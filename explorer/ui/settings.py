"""Persistent window settings (geometry, dock layout, text size) in an INI file.

The file carries a schema version. An older file is migrated step by step (``MIGRATIONS``,
as napari's settings migrations do) instead of being discarded; a file from a newer version
of the program is left alone and ignored. Every value is checked on load: a bad one falls
back to its default with a one-line notice, so a damaged file never stops the window.
``$EXPLORER_SETTINGS_DIR`` moves the file (tests and scripts point it at a temp dir).
"""

from __future__ import annotations

import os
from typing import Callable

from PySide6.QtCore import QByteArray, QSettings

SCHEMA_VERSION = 2
ORG, APP = "CountryPrivacyExplorer", "explorer"
KEYS = ("geometry", "dock_state", "font_step")
FONT_STEPS = (-1, 6)  # the window's Smaller/Larger text range


def settings() -> QSettings:
    folder = os.environ.get("EXPLORER_SETTINGS_DIR")
    if folder:
        return QSettings(os.path.join(folder, f"{APP}.ini"), QSettings.IniFormat)
    return QSettings(QSettings.IniFormat, QSettings.UserScope, ORG, APP)


def _v1_to_v2(values: dict) -> dict:
    """Version 1 called the dock layout "state"; "state" now means what the window shows."""
    out = dict(values)
    if "state" in out:
        out["dock_state"] = out.pop("state")
    return out


MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2}


def _version(s: QSettings) -> int | None:
    raw = s.value("schema_version", None)
    try:
        return int(str(raw))
    except (TypeError, ValueError):
        return None


def load(s: QSettings | None = None) -> tuple[dict, list[str]]:
    """(values, notices): the saved values, migrated to this version and checked. Notices say,
    in one line each, what was migrated or ignored."""
    s = s or settings()
    version = _version(s)
    notices: list[str] = []
    if version is None:
        if s.allKeys():
            notices.append("Window settings without a version were ignored.")
        return {}, notices
    if version > SCHEMA_VERSION:
        notices.append(f"Window settings from a newer version ({version}) were ignored.")
        return {}, notices
    values = {k: s.value(k) for k in s.allKeys() if k != "schema_version"}
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            notices.append(f"Window settings of version {version} cannot be migrated and were ignored.")
            return {}, notices
        values = step(values)
        version += 1
    return _checked(values, notices), notices


def _checked(values: dict, notices: list[str]) -> dict:
    out = {}
    for k in ("geometry", "dock_state"):
        if k in values:
            if isinstance(values[k], QByteArray) and not values[k].isEmpty():
                out[k] = values[k]
            else:
                notices.append(f"Saved window {k.replace('_', ' ')} was not readable; using the default.")
    if "font_step" in values:
        try:
            step = float(str(values["font_step"]))
            if step != int(step) or not FONT_STEPS[0] <= step <= FONT_STEPS[1]:
                raise ValueError
            out["font_step"] = int(step)
        except (TypeError, ValueError):
            notices.append(f"Saved text size {values['font_step']!r} is not valid; using the normal size.")
    return out


def save(values: dict, s: QSettings | None = None) -> None:
    s = s or settings()
    s.setValue("schema_version", SCHEMA_VERSION)
    for k, v in values.items():
        s.setValue(k, v)
    s.sync()


def clear(s: QSettings | None = None) -> None:
    s = s or settings()
    s.clear()
    s.sync()
