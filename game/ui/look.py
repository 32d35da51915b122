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

_now = {"percent": DEFAULT, "high_contrast": False}


def percent() -> int:
    return _now["percent"]


def high_contrast() -> bool:
    return bool(_now["high_contrast"])


def state() -> tuple[int, bool]:
    return percent(), high_contrast()


def px(n: int) -> int:
    """``n`` pixels (or points) at the text size chosen: what was laid out for text at 100%."""
    p = _now["percent"]
    return n if p == DEFAULT else round(n * p / DEFAULT)


def valid(size: object) -> bool:
    return type(size) is int and size in SIZES


def use(text_size: int, high: bool) -> bool:
    """Make ``text_size`` and ``high`` the board's look; True when it changed (fonts, widgets and
    layouts then need making anew: ``App.restyle``)."""
    size = text_size if valid(text_size) else DEFAULT
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
