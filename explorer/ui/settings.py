"""Persistent window settings (geometry, dock layout, text size) in an INI file.

The file carries a schema version, as napari's settings do: when the layout format changes,
bump ``SCHEMA_VERSION`` and older saved layouts are ignored instead of restoring a broken
window. ``$EXPLORER_SETTINGS_DIR`` moves the file (tests and scripts point it at a temp dir).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

SCHEMA_VERSION = 1
ORG, APP = "CountryPrivacyExplorer", "explorer"


def settings() -> QSettings:
    folder = os.environ.get("EXPLORER_SETTINGS_DIR")
    if folder:
        return QSettings(os.path.join(folder, f"{APP}.ini"), QSettings.IniFormat)
    return QSettings(QSettings.IniFormat, QSettings.UserScope, ORG, APP)


def load(s: QSettings | None = None) -> dict:
    """Saved values, or {} when nothing was saved or it was saved by another schema version."""
    s = s or settings()
    if s.value("schema_version", None, type=int) != SCHEMA_VERSION:
        return {}
    return {k: s.value(k) for k in ("geometry", "state", "font_step") if s.contains(k)}


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
