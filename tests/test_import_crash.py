"""kill -9 at random moments during an import, until 50 kills landed (in a subprocess, tests/crash_import.py):
every time the user's index passes PRAGMA integrity_check and is either the old or the new
index, the log says which, and no temp file is left after the next start."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROUNDS = 50


def test_kill_9_during_an_import_leaves_the_old_or_the_new_index_never_a_broken_one(tmp_path):
    script = Path(__file__).with_name("crash_import.py")
    r = subprocess.run([sys.executable, str(script), str(tmp_path), str(ROUNDS), "20261201"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    rounds = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert sum(x["killed"] for x in rounds) >= ROUNDS  # kills that landed before the import finished
    for x in rounds:
        assert x["integrity"] == "ok", x
        assert x["state"] in ("old", "new"), x
        assert x["log_entries"] == (1 if x["state"] == "new" else 0), x
        assert x["temp_after_start"] == [], x
    states = {x["state"] for x in rounds}
    # the random moments cover both outcomes, and some kills found a temp file to clean up
    assert states == {"old", "new"}, states
    assert any(x["temp_before_start"] for x in rounds)
