"""Where the project finds its inputs and its shipped index."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
RESOURCES_DIR = PROJECT_ROOT / "resources"
INDEX_PATH = DATA_DIR / "explorer.sqlite"
ALIASES_PATH = RESOURCES_DIR / "country_aliases.csv"


def raw_dir() -> Path:
    """The raw public files: ``$EXPLORER_RAW_DIR`` or ``../shared/data/raw`` beside the checkout."""
    env = os.environ.get("EXPLORER_RAW_DIR")
    return Path(env) if env else PROJECT_ROOT.parent / "shared" / "data" / "raw"


def index_path() -> Path:
    """The index the app opens: ``$EXPLORER_INDEX`` or the shipped ``data/explorer.sqlite``."""
    env = os.environ.get("EXPLORER_INDEX")
    return Path(env) if env else INDEX_PATH
