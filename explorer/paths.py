"""Where the project finds its inputs, its shipped index and the user's own (imported) index."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
RESOURCES_DIR = PROJECT_ROOT / "resources"
INDEX_PATH = DATA_DIR / "explorer.sqlite"
ALIASES_PATH = RESOURCES_DIR / "country_aliases.csv"

# Qt's QStandardPaths.AppDataLocation for these names (organisation / application); computed
# here without Qt so that the CLI and the core find the same folder as the window.
ORGANISATION = "CountryPrivacyExplorer"
APPLICATION = "Country Privacy Explorer"
USER_INDEX_NAME = "explorer.sqlite"


def raw_dir() -> Path:
    """The raw public files: ``$EXPLORER_RAW_DIR`` or ``../shared/data/raw`` beside the checkout."""
    env = os.environ.get("EXPLORER_RAW_DIR")
    return Path(env) if env else PROJECT_ROOT.parent / "shared" / "data" / "raw"


def user_data_dir(override: Path | str | None = None) -> Path:
    """The user's data folder: ``override`` (``--data-dir``), ``$EXPLORER_DATA_DIR``, or Qt's
    AppDataLocation on Linux: ``$XDG_DATA_HOME`` (default ``~/.local/share``)/organisation/application."""
    if override:
        return Path(override)
    env = os.environ.get("EXPLORER_DATA_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / ORGANISATION / APPLICATION


def user_index_path(data_dir: Path | str | None = None) -> Path:
    return user_data_dir(data_dir) / USER_INDEX_NAME


def index_path() -> Path:
    """The index the app opens: ``$EXPLORER_INDEX``, else the user's imported index when one
    exists, else the shipped ``data/explorer.sqlite``."""
    env = os.environ.get("EXPLORER_INDEX")
    if env:
        return Path(env)
    user = user_index_path()
    return user if user_index_usable(user) else INDEX_PATH


def meta_value(path: Path, key: str) -> str | None:
    """One value of an index's ``meta`` table, read-only; None when it or the file is unreadable."""
    import sqlite3
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def user_index_usable(path: Path | None = None) -> bool:
    """The user's index exists and has the schema of the index shipped with this program (after an
    upgrade that changed the schema, the app opens the bundled data and says why, instead of
    failing to start)."""
    path = Path(path) if path else user_index_path()
    if not path.is_file():
        return False
    shipped = meta_value(INDEX_PATH, "schema_version") if INDEX_PATH.is_file() else None
    return shipped is None or meta_value(path, "schema_version") == shipped


def build_target() -> Path:
    """Where ``build-index`` writes: ``$EXPLORER_INDEX`` or the shipped index, never the user's."""
    env = os.environ.get("EXPLORER_INDEX")
    return Path(env) if env else INDEX_PATH


def index_status(path: Path | str | None = None) -> str:
    """One line for the window's status bar: whose data the app is showing."""
    path = Path(path) if path else index_path()
    if path.resolve() == INDEX_PATH.resolve():
        user = user_index_path()
        if user.is_file() and not user_index_usable(user):
            return (f"using the bundled data: your imported data ({user}) are from another version of "
                    "this program; import your files again")
        return "using the bundled data"
    if path.resolve() == user_index_path().resolve():
        return f"using your imported data ({path})"
    return f"using the index {path}"
