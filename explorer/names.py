"""The one key by which country names are compared, by the harmoniser and the search alike."""

from __future__ import annotations

import re
import unicodedata


def name_key(name: str) -> str:
    """Accent-, case- and punctuation-insensitive key: 'Côte d’Ivoire' -> 'cote d ivoire'."""
    s = unicodedata.normalize("NFKD", str(name))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(s.split())
