"""Run by test_import_crash.py in a fresh interpreter: kill -9 an import at random moments.

    python tests/crash_import.py WORKDIR KILLS SEED  -> prints one JSON line per round

Each round: the user's folder holds the tiny synthetic index; a forked child applies a prepared
import; the parent sends SIGKILL after a random delay (0 to 1.1x the time a child takes to import) until ROUNDS kills landed before the child finished, then
"starts again" (``recover``) and reports what it finds: temp files left, integrity, which
index (old/new) the folder holds, and whether the log agrees.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from explorer.importer import apply as A  # noqa: E402
from explorer.importer.commands import make_plan  # noqa: E402
from importsetup import pts_file, tiny_index, user_folder  # noqa: E402

TABLES = ("observations", "observation_columns", "missing", "indicators", "name_matches", "manifest")


def content(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    h = hashlib.sha256()
    for t in TABLES:
        for row in conn.execute(f"SELECT * FROM [{t}] ORDER BY rowid"):
            h.update(repr(row).encode())
    conn.close()
    return h.hexdigest()


def reset(tiny: Path, folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    user_folder(tiny, folder)


def main(work: Path, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    tiny = tiny_index(work / "tiny")
    old = content(tiny)
    folder = work / "data"
    reset(tiny, folder)
    plan = make_plan(pts_file(work / "PTS-2022.csv"), folder)
    A.apply(plan, folder)
    new = content(folder / "explorer.sqlite")
    durations = []
    for _ in range(3):  # how long a forked child takes to apply, unkilled
        reset(tiny, folder)
        t = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            try:
                A.apply(plan, folder)
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        durations.append(time.perf_counter() - t)
    # the middle of three: the slowest (one hiccup of a shared machine) made most delays
    # outlast the import, and 150 tries once landed only 49 kills
    duration = sorted(durations)[1]
    kills, i = 0, 0
    while kills < rounds and i < 6 * rounds:  # until ROUNDS kills landed during an import
        reset(tiny, folder)
        delay = rng.uniform(0, 1.1 * duration)
        pid = os.fork()
        if pid == 0:
            try:
                A.apply(plan, folder)
            finally:
                os._exit(0)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(status)
        kills += killed
        leftovers_before = sorted(p.name for p in folder.glob(f"{A.TMP_PREFIX}*"))
        A.recover(folder)  # the next start
        target = folder / "explorer.sqlite"
        conn = sqlite3.connect(target)
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
        now = content(target)
        log = A.read_log(folder)
        print(json.dumps({"round": i, "delay": round(delay, 4), "killed": killed, "integrity": integrity,
                          "state": "old" if now == old else "new" if now == new else "other",
                          "log_entries": len(log), "temp_before_start": leftovers_before,
                          "temp_after_start": sorted(p.name for p in folder.glob(f"{A.TMP_PREFIX}*")),
                          "duration": round(duration, 4)}), flush=True)
        i += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
