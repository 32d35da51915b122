"""Colours: a colour-blind-safe palette (Okabe–Ito) on a dark slate background, or in high contrast.

Colour never carries meaning alone: every coloured thing on the board also has
a number, a symbol or a label. Screens read ``palette.X`` when they draw, so
``use(high_contrast=True)`` recolours the whole board: white text on black, bright
borders, and the same hues made light enough for WCAG AA on black (4.5:1 for text,
3:1 for shapes; tests/ui/test_contrast.py measures them).
"""

from ..i18n import N_, _, pgettext

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

# The words the board shows for the rules' categories (and an instrument's visibility) and the
# actor kinds the palette knows: ids, looked up with ``_`` where shown; any other kind is shown as
# the scenario writes it.
CATEGORY_NAMES = {
    "private": N_("private"),
    "public": N_("public"),
    "economic": N_("economic"),
    "legal": N_("legal"),
    "multilateral": N_("multilateral"),
    "security": N_("security"),
    "humanitarian": N_("humanitarian"),
}
KIND_NAMES = {
    "ally": N_("ally"),
    "partner": N_("partner"),
    "adversary": N_("adversary"),
    "host": N_("host"),
    "faction": N_("faction"),
    "forum": N_("forum"),
    "civil_society": N_("civil society"),
}


def category_name(category: str) -> str:
    """A category (or a visibility, "private"/"public") as the board says it: "economic", "humanitarian"."""
    return _(CATEGORY_NAMES[category]) if category in CATEGORY_NAMES else category.replace("_", " ")


def kind_name(kind: str) -> str:
    """An actor's kind as the board says it: "civil society"; a kind the palette does not know as written."""
    return _(KIND_NAMES[kind]) if kind in KIND_NAMES else kind.replace("_", " ")


def category_badge(category: str) -> tuple[str, tuple[int, int, int]]:
    """A category's badge: its letter (in the language spoken: the initial of its name) and colour."""
    letter, colour = CATEGORY.get(category, ("?", TEXT_DIM))
    return _letters().get(category, letter), colour


def _letters() -> dict[str, str]:
    """Each category's badge letter in the language spoken (``CATEGORY`` has the English ones)."""
    # Translators: the letters on an instrument's badge: the initial of its category's name
    # (private, public, economic, legal, multilateral, security, humanitarian); "Pu" tells public from private.
    return {
        "private": pgettext("category letter", "P"),
        "public": pgettext("category letter", "Pu"),
        "economic": pgettext("category letter", "E"),
        "legal": pgettext("category letter", "L"),
        "multilateral": pgettext("category letter", "M"),
        "security": pgettext("category letter", "S"),
        "humanitarian": pgettext("category letter", "H"),
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


# The colours above, as they are at import (the dark slate palette), and their high-contrast
# counterparts: black ground, white text and borders, hues lightened to read on black.
NAMES = (
    "BG", "PANEL", "PANEL_LIGHT", "BORDER", "TEXT", "TEXT_DIM", "BOARD", "BOARD_GRID",
    "ORANGE", "SKY", "GREEN", "YELLOW", "BLUE", "VERMILION", "PURPLE", "MIDDLE",
)  # fmt: skip
STANDARD = {name: globals()[name] for name in NAMES}
HIGH_CONTRAST = {
    "BG": (0, 0, 0),
    "PANEL": (0, 0, 0),
    "PANEL_LIGHT": (26, 26, 26),
    "BORDER": (235, 235, 235),
    "TEXT": (255, 255, 255),
    "TEXT_DIM": (220, 220, 220),
    "BOARD": (0, 0, 0),
    "BOARD_GRID": (130, 130, 130),
    "ORANGE": (255, 176, 0),
    "SKY": (110, 200, 255),
    "GREEN": (0, 200, 140),
    "YELLOW": (245, 235, 70),
    "BLUE": (90, 170, 255),
    "VERMILION": (255, 120, 50),
    "PURPLE": (235, 150, 200),
    "MIDDLE": (215, 215, 215),
}
_CATEGORY_COLOUR = {"private": "PURPLE", "public": "ORANGE", "economic": "YELLOW", "legal": "SKY",
                    "multilateral": "GREEN", "security": "BLUE"}  # fmt: skip
_KIND_COLOUR = {"ally": "ORANGE", "partner": "GREEN", "adversary": "VERMILION", "host": "YELLOW",
                "faction": "PURPLE", "forum": "SKY"}  # fmt: skip


def use(high_contrast: bool) -> None:
    """The board's colours from now on: the standard palette, or the high-contrast one."""
    chosen = HIGH_CONTRAST if high_contrast else STANDARD
    module = globals()
    module.update(chosen)
    module["GOOD"], module["BAD"] = chosen["SKY"], chosen["VERMILION"]
    for category, name in _CATEGORY_COLOUR.items():  # the tables are changed in place: they are shared
        CATEGORY[category] = (CATEGORY[category][0], chosen[name])
    for kind, name in _KIND_COLOUR.items():
        KIND[kind] = chosen[name]
