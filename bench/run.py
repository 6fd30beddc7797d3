"""Run every benchmark in bench/ and print its numbers: `.venv/bin/python bench/run.py [name ...]`.

Each bench/bench_*.py has a main() that prints one line per measurement with its goal.
Numbers are medians on this machine; goals live here, not in timed tests. Each bench runs in a
process of its own: run one after another in one process, the UI benches paid for the earlier
ones' heap (the index build, 14,336 Sobol runs) in 100-140 ms garbage collections, a cost the
app does not have.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main(argv: list[str]) -> int:
    files = sorted(HERE.glob("bench_*.py"))
    if argv:
        files = [f for f in files if any(a in f.stem for a in argv)]
    failed = 0
    for f in files:
        print(f"== {f.stem}", flush=True)
        failed |= subprocess.run([sys.executable, str(f)], cwd=HERE.parent).returncode != 0
    return int(failed)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
