"""Regenerate docs/indicators.md and the README's source table from the catalogue and the index."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from explorer.docs import write_all  # noqa: E402

write_all()
print("wrote README.md source table and docs/indicators.md")
