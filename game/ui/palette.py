"""Colours: a colour-blind-safe palette (Okabe–Ito) on a dark slate background.

Colour never carries meaning alone: every coloured thing on the board also has
a number, a symbol or a label.
"""

BG = (24, 28, 38)
PANEL = (34, 40, 54)
PANEL_LIGHT = (46, 54, 72)
BORDER = (70, 80, 102)
TEXT = (232, 236, 242)
TEXT_DIM = (160, 170, 188)
BOARD = (30, 44, 58)
BOARD_GRID = (40, 58, 74)

# Okabe–Ito
ORANGE = (230, 159, 0)
SKY = (86, 180, 233)
GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
BLUE = (0, 114, 178)
VERMILION = (213, 94, 0)
PURPLE = (204, 121, 167)

GOOD = SKY
BAD = VERMILION
MIDDLE = (200, 200, 200)

CATEGORY = {
    "private": ("P", PURPLE),
    "public": ("Pu", ORANGE),
    "economic": ("E", YELLOW),
    "legal": ("L", SKY),
    "multilateral": ("M", GREEN),
    "security": ("S", BLUE),
    "humanitarian": ("H", (240, 240, 240)),
}

KIND = {
    "ally": ORANGE,
    "partner": GREEN,
    "adversary": VERMILION,
    "host": YELLOW,
    "faction": PURPLE,
    "forum": SKY,
    "civil_society": (220, 220, 220),
}


def mix(a, b, t: float):
    t = max(0.0, min(1.0, t))
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def level(value: float, lo: float, hi: float, good_high: bool = True):
    """Colour for a meter value: vermillion (bad) through grey to sky blue (good)."""
    t = 0.5 if hi == lo else (value - lo) / (hi - lo)
    if not good_high:
        t = 1 - t
    return mix(BAD, MIDDLE, t * 2) if t < 0.5 else mix(MIDDLE, GOOD, (t - 0.5) * 2)


def level_symbol(value: float, lo: float, hi: float, good_high: bool = True) -> str:
    """A shape that says the same as ``level``'s colour: ▼ bad, ● middling, ▲ good."""
    t = 0.5 if hi == lo else (value - lo) / (hi - lo)
    if not good_high:
        t = 1 - t
    return "▼" if t < 0.34 else "▲" if t > 0.66 else "●"
