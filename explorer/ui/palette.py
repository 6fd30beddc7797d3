"""Colours for the ten colour slots, chosen to survive colour-blindness and a projector.

Okabe-Ito (without its yellow, too pale on white) plus Paul Tol's dark colours. No pale
tints: every slot keeps at least 2.2:1 contrast against white (orange and sky blue are the
lightest, so charts draw them as thick lines and large outlined markers), and every pair
stays clearly apart (CIE76 delta E > 10) for normal vision and simulated protan-, deuteran-
and tritanopia (``min_difference``).
Colour is never the only cue: charts also give each slot its own marker shape (``SYMBOLS``),
its own line pattern (``DASHES``) and a legend with the country's name. Neutral greys carry
the unselected countries and the reference medians, so they never compete with a selected
country.
"""

from __future__ import annotations

# slot -> (hex, name); order matters: the first slots are the most distinct pairs.
SLOTS: list[tuple[str, str]] = [
    ("#0072B2", "blue"),             # Okabe-Ito
    ("#D55E00", "vermilion"),        # Okabe-Ito
    ("#009E73", "bluish green"),     # Okabe-Ito
    ("#CC79A7", "reddish purple"),   # Okabe-Ito
    ("#E69F00", "orange"),           # Okabe-Ito
    ("#332288", "indigo"),           # Tol
    ("#882255", "wine"),             # Tol
    ("#56B4E9", "sky blue"),         # Okabe-Ito
    ("#117733", "green"),            # Tol
    ("#999933", "olive"),            # Tol
]
# Marker per slot (pyqtgraph symbol codes), so slots differ in shape too.
SYMBOLS = ["o", "s", "t", "d", "t1", "star", "p", "h", "t2", "x"]
# Dash pattern per slot for lines, in pixels (dash, gap, ...; None = solid), so lines differ
# without colour too (blue and sky blue, the two greens, on a washed-out projector).
# Each period fits a legend sample; similar colours get unlike patterns (0 vs 7, 2 vs 8).
DASHES: list[list[float] | None] = [
    None,                          # solid
    [9, 5],                        # dashed
    [3, 5],                        # dotted
    [9, 5, 3, 5],                  # dash-dot
    [18, 5],                       # long dashes
    [9, 5, 3, 5, 3, 5],            # dash-dot-dot
    [18, 5, 3, 5],                 # long dash-dot
    [18, 5, 9, 5],                 # long-short
    [18, 5, 3, 5, 3, 5],           # long dash-dot-dot
    [9, 5, 9, 5, 3, 5],            # dash-dash-dot
]
# Reference medians: longer dashes than any slot and no markers.
WORLD_DASH = [24, 8]
REGION_DASH = [24, 8, 4, 8]

UNSELECTED = "#B0B0B0"      # other countries: light grey
WORLD_MEDIAN = "#000000"    # world median: black, dashed
REGION_MEDIAN = "#5A5A5A"   # region median: dark grey, dash-dot
FOCUS_ONLY = "#000000"      # a focused country that is not selected: black, hollow marker
TEXT = "#000000"
BACKGROUND = "#FFFFFF"


def slot_colour(slot: int | None) -> str:
    """Colour of a slot; unselected (None) is grey."""
    return UNSELECTED if slot is None else SLOTS[slot % len(SLOTS)][0]


def slot_symbol(slot: int | None) -> str:
    return "o" if slot is None else SYMBOLS[slot % len(SYMBOLS)]


def slot_dash(slot: int | None) -> list[float] | None:
    """A slot's line pattern in pixels (None = solid, also for no slot)."""
    return None if slot is None else DASHES[slot % len(DASHES)]


# ---- checks: used by tests and by anyone changing the palette ----------------------------

def _rgb(hex_: str) -> tuple[float, float, float]:
    h = hex_.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def contrast_on_white(hex_: str) -> float:
    """WCAG contrast ratio of a colour against white."""
    r, g, b = (_linear(c) for c in _rgb(hex_))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (lum + 0.05)


def _lab(rgb_lin: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb_lin
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


# Machado, Oliveira & Fernandes (2009) full-severity simulation matrices (linear RGB).
CVD = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def seen_as(hex_: str, vision: str) -> tuple[float, float, float]:
    """CIELAB colour of ``hex_`` as seen with ``vision`` (a key of CVD)."""
    lin = [_linear(c) for c in _rgb(hex_)]
    m = CVD[vision]
    sim = tuple(min(1.0, max(0.0, sum(m[i][j] * lin[j] for j in range(3)))) for i in range(3))
    return _lab(sim)


def delta_e(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """CIE76 colour difference (about 2.3 = just noticeable; > 10 clearly different)."""
    return sum((x - y) ** 2 for x, y in zip(a, b)) ** 0.5


def min_difference(vision: str = "normal") -> tuple[float, str, str]:
    """The closest pair of slot colours under ``vision``: (delta E, name, name)."""
    best = (float("inf"), "", "")
    for i, (ha, na) in enumerate(SLOTS):
        for hb, nb in SLOTS[i + 1:]:
            d = delta_e(seen_as(ha, vision), seen_as(hb, vision))
            if d < best[0]:
                best = (d, na, nb)
    return best
