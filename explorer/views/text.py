"""How numbers and scales read in the window, the CLI and exports (one place for the wording)."""

from __future__ import annotations

import math


def isnan(x) -> bool:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return True
    return type(x).__name__ == "NAType"  # pandas.NA, without importing pandas


def fmt_number(x: float) -> str:
    """Short, honest number: integers stay integers, others keep up to two decimals."""
    x = float(x)
    if abs(x) >= 100 or x == int(x):
        return f"{x:,.0f}".replace("-", "\u2212")
    return f"{x:.2f}".rstrip("0").rstrip(".").replace("-", "\u2212")


def direction_words(ind: dict) -> str:
    """Which way the publisher's own number points: 'higher = freer' or 'lower = freer'."""
    better = ind.get("higher_is_better")
    if isnan(better):
        return ""
    return "higher = freer" if bool(better) else "lower = freer"


def raw_with_scale(raw: float, ind: dict) -> str:
    """The raw value as its publisher states it, with its scale and direction:
    '78.72 on 0-100 (lower = freer)', 'Partly Free (level 2 of 3; higher = freer)',
    '12 hours per year (lower = freer)'. Without the direction a reversed scale reads as the
    opposite of the normalised number next to it."""
    if isnan(raw):
        return ""
    levels = [s for s in str(ind.get("levels") or "").split("|") if s]
    lo, hi = ind.get("goal_lo"), ind.get("goal_hi")  # the publisher's scale, not validation bounds
    if isnan(lo) or isnan(hi):
        lo, hi = ind.get("raw_min"), ind.get("raw_max")
    if ind["scale"] == "ordinal" and levels and 0 <= int(raw) < len(levels):
        text = f"{levels[int(raw)]} (level {int(raw) + 1} of {len(levels)})"
    elif ind["scale"] == "bounded" and not isnan(lo) and not isnan(hi):
        text = f"{fmt_number(raw)} on {fmt_number(lo)}\u2013{fmt_number(hi)}"
    else:  # latent and log scales have no fixed ends: the unit says what the number counts
        text = f"{fmt_number(raw)} {ind['unit']}"
    way = direction_words(ind)
    if not way:
        return text
    return f"{text[:-1]}; {way})" if text.endswith(")") else f"{text} ({way})"


def value_text(raw: float, value: float, ind: dict) -> str:
    """Raw value with scale and direction, then the labelled 0-100 number:
    '78.72 on 0-100 (lower = freer) \u00b7 normalised 21 / 100'."""
    return f"{raw_with_scale(raw, ind)} \u00b7 normalised {value:.0f} / 100"


def licence_text(src: dict | None, note: bool = True) -> str:
    if src is None:
        return "no open licence found"
    lic = src.get("licence") or "no open licence found"
    extra = (src.get("licence_note") or "") if note else ""
    return f"{lic} ({extra})" if extra and extra not in lic else lic
