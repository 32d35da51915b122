"""Fonts, wrapping and drawing text — and a record of every string drawn.

All text the board draws itself goes through ``draw``/``draw_wrapped``, which
append it to ``DRAWN``. The secrecy tests read that record (plus the text of
the visible widgets) to prove a seat's secrets never reach the screen during
another seat's turn.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pygame

from .. import resources

FONTS = resources.fonts_dir()
FONT_FILES = {
    (False, False): "NotoSans-Regular.ttf",
    (True, False): "NotoSans-Bold.ttf",
    (False, True): "NotoSans-Italic.ttf",
    (True, True): "NotoSans-BoldItalic.ttf",
}

DRAWN: list[str] = []  # cleared by the app at the start of every frame


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    return pygame.font.Font(str(FONTS / FONT_FILES[(bold, italic)]), size)


def reflow(text: str) -> list[str]:
    """Author text -> paragraphs: a single newline is a space, a blank line a break."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return [" ".join(p.split()) for p in paragraphs if p.strip()]


def wrap(text: str, f: pygame.font.Font, width: int) -> list[str]:
    """Lines of ``text`` that fit ``width`` pixels; words longer than a line are split."""
    lines: list[str] = []
    for paragraph in reflow(text) or [""]:
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if f.size(trial)[0] <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            while f.size(word)[0] > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and f.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def fit(text: str, f: pygame.font.Font, width: int) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` (for one-line labels)."""
    if f.size(text)[0] <= width:
        return text
    while text and f.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw(surface: pygame.Surface, text: str, pos, size: int = 15, colour=(232, 236, 242), bold: bool = False, italic: bool = False, anchor: str = "topleft") -> pygame.Rect:
    DRAWN.append(text)
    image = font(size, bold, italic).render(text, True, colour)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect


def draw_wrapped(surface: pygame.Surface, text: str, rect: pygame.Rect, size: int = 15, colour=(232, 236, 242), bold: bool = False, italic: bool = False, spacing: int = 2) -> int:
    """Draw ``text`` wrapped inside ``rect``; return the height used. Lines past the
    bottom are not drawn, and the last visible one ends with an ellipsis."""
    f = font(size, bold, italic)
    lines = wrap(text, f, rect.width)
    y = rect.top
    step = f.get_linesize() + spacing
    for i, line in enumerate(lines):
        if y + step > rect.bottom and i < len(lines) - 1:
            draw(surface, fit(line + " …", f, rect.width), (rect.left, y), size, colour, bold, italic)
            return y + step - rect.top
        draw(surface, line, (rect.left, y), size, colour, bold, italic)
        y += step
    return y - rect.top


def wrapped_height(text: str, width: int, size: int = 15, bold: bool = False, spacing: int = 2) -> int:
    f = font(size, bold)
    return len(wrap(text, f, width)) * (f.get_linesize() + spacing)


def html(text: str) -> str:
    """Author text made safe for a pygame_gui text box: escaped, paragraphs kept."""
    from html import escape

    return "<br><br>".join(escape(p, quote=False) for p in reflow(text))
