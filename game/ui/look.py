"""How the board looks: the size of its text and its contrast, both the player's (``preferences``).

One scale applies to every text of the board: the board's own (``text.font`` scales the size it
is asked for) and pygame_gui's (the theme's font sizes, ``theme``). Layouts measure what a text
takes with those fonts (their line height); what they still size in pixels for text, a row, a
button's height, is given through ``px``, scaled the same way. High contrast swaps the palette
(``palette.use``) and the theme's colours. The app applies a change (``App.restyle``): fonts and
widgets are made anew, every screen laid out again.
"""

from __future__ import annotations

import pygame

from . import palette

SIZES = (100, 125, 150, 175, 200)  # the text sizes offered, in percent of the board's own
DEFAULT = 100
# A larger text needs a larger window: every size up to 200% holds in 1280x800 and more, the smallest
# window (1024x700) holds 125% (the map's names would cover each other above it). Between the two, the
# room grows with the window. The size chosen is kept; the board shows what the window has room for.
ROOMY = (1280, 800)
SMALL = (1024, 700)
SMALL_ROOM = 125

_now = {"percent": DEFAULT, "high_contrast": False, "chosen": DEFAULT}


def percent() -> int:
    return _now["percent"]


def high_contrast() -> bool:
    return bool(_now["high_contrast"])


def chosen() -> int:
    """The text size the player chose, which a small window may show smaller (``room``)."""
    return _now["chosen"]


def state() -> tuple[int, bool]:
    return percent(), high_contrast()


def room(window: tuple[int, int] | None) -> int:
    """The largest text size a window of this size lays out whole (any, for no window yet)."""
    if window is None:
        return SIZES[-1]
    w, h = window
    t = min((w - SMALL[0]) / (ROOMY[0] - SMALL[0]), (h - SMALL[1]) / (ROOMY[1] - SMALL[1]))
    most = SMALL_ROOM + (SIZES[-1] - SMALL_ROOM) * max(0.0, min(1.0, t))
    return max(s for s in SIZES if s <= most or s == SIZES[0])


def px(n: int) -> int:
    """``n`` pixels (or points) at the text size chosen: what was laid out for text at 100%."""
    p = _now["percent"]
    return n if p == DEFAULT else round(n * p / DEFAULT)


def valid(size: object) -> bool:
    return type(size) is int and size in SIZES


def use(text_size: int, high: bool, window: tuple[int, int] | None = None) -> bool:
    """Make ``text_size`` (as far as ``window`` has room for it) and ``high`` the board's look; True
    when what is shown changed (fonts, widgets and layouts then need making anew: ``App.restyle``)."""
    wanted = text_size if valid(text_size) else DEFAULT
    _now["chosen"] = wanted
    size = min(wanted, room(window))
    if (size, bool(high)) == state():
        return False
    _now["percent"], _now["high_contrast"] = size, bool(high)
    palette.use(high_contrast=bool(high))
    return True


def step(text_size: int, by: int) -> int:
    """The next text size up (``by`` 1) or down (-1) from ``text_size``, held at the ends."""
    i = SIZES.index(text_size) if text_size in SIZES else 0
    return SIZES[max(0, min(len(SIZES) - 1, i + by))]


def cycled(text_size: int) -> int:
    """The size after ``text_size``, back to the first after the last (the help's button)."""
    i = SIZES.index(text_size) if text_size in SIZES else -1
    return SIZES[(i + 1) % len(SIZES)]


def tall_enough(rect: pygame.Rect, f) -> pygame.Rect:
    """``rect``, taller about its centre if one line of ``f`` would not fit in it (a larger text size)."""
    if percent() == DEFAULT:  # the layouts at 100% are made for their fonts
        return rect
    line = f.get_linesize() if hasattr(f, "get_linesize") else f.size("Hg")[1]  # a pygame_gui font has no linesize
    need = line + 4
    if rect.h >= need:
        return rect
    grown = pygame.Rect(rect.x, 0, rect.w, need)
    grown.centery = rect.centery
    return grown


def roomy(rect: pygame.Rect, words: str, f, window: pygame.Rect | None = None) -> pygame.Rect:
    """``rect``, at a text size above 100%, wide and tall enough for ``words`` in ``f`` (a button's
    font), grown about its centre and kept in ``window``: a button's words are never clipped."""
    if percent() == DEFAULT:
        return rect
    w, h = f.size(words)
    grown = rect.inflate(max(0, w + 16 - rect.w), max(0, h + 8 - rect.h))
    if window is not None:
        grown.clamp_ip(window.inflate(-16, -16) if grown.w <= window.w - 16 else window)
    return grown
