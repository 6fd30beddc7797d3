"""Bounded, sane values for every number the CLI takes: argparse types that refuse what no
question needs (year 9223372036854775808, a window of a trillion years) with a one-line message."""

from __future__ import annotations

import argparse
import datetime
import math

FIRST_YEAR = 1900
MAX_WINDOW = 100   # years; the index spans about 25
MAX_TOP = 10_000
MAX_WEIGHT = 1_000.0
PILLARS = 5


def _int(text: str, what: str) -> int:
    try:
        return int(str(text).strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} must be a whole number, not {str(text)[:40]!r}") from None


def _ranged(text: str, what: str, lo: int, hi: int) -> int:
    v = _int(text, what)
    if not lo <= v <= hi:
        raise argparse.ArgumentTypeError(f"{what} must be from {lo} to {hi}, not {str(text)[:40]}")
    return v


def last_year() -> int:
    return datetime.date.today().year + 1


def year(text: str) -> int:
    return _ranged(text, "the year", FIRST_YEAR, last_year())


def window(text: str) -> int:
    return _ranged(text, "the window", 0, MAX_WINDOW)


def top(text: str) -> int:
    v = _int(text, "--top")
    if v < 1:
        raise argparse.ArgumentTypeError(f"--top must be 1 or more, not {v}")
    return min(v, MAX_TOP)  # more than every country is every country


def min_pillars(text: str) -> int:
    return _ranged(text, "--min-pillars", 0, PILLARS)


def fraction(text: str) -> float:
    try:
        v = float(str(text).strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"a share must be a number from 0 to 1, not {str(text)[:40]!r}") from None
    if math.isnan(v) or not 0 <= v <= 1:
        raise argparse.ArgumentTypeError(f"a share must be a number from 0 to 1, not {str(text)[:40]}")
    return v
