"""The pygame_gui manager with Demarche's bundled fonts and theme (see ``game.resources``).

pygame_gui warns about any font used before it is loaded, and loading each
costs time at start-up. Loading the theme loads the fonts it names (enough for
the title screen); the app preloads the other sizes and styles the screens draw
with (``preload_rest``) once the first frame is on screen, before any other
screen can need them.
"""

from __future__ import annotations

import pygame_gui

from .. import i18n, resources
from .text import FONT_FILES, FONTS, font

THEME = resources.theme_file()
FONT_NAME = "demarche"
PRELOAD_SIZES = (12, 13, 14, 15, 17, 18, 20, 22, 24, 40)
STYLES = ("regular", "bold", "italic")


def make_manager(size) -> pygame_gui.UIManager:
    # pygame_gui's own words (a text field's menu...) in the language the board speaks.
    manager = pygame_gui.UIManager(size, enable_live_theme_updates=False, starting_language=i18n.language())
    manager.add_font_paths(
        FONT_NAME,
        str(FONTS / FONT_FILES[(False, False)]),
        str(FONTS / FONT_FILES[(True, False)]),
        str(FONTS / FONT_FILES[(False, True)]),
        str(FONTS / FONT_FILES[(True, True)]),
    )
    manager.get_theme().load_theme(str(THEME))  # and with it the fonts it names
    return manager


def preload_rest(manager: pygame_gui.UIManager) -> None:
    """Every size and style the screens use that the theme did not load."""
    fonts = manager.get_theme().get_font_dictionary()
    wanted = [(s, style) for s in PRELOAD_SIZES for style in STYLES]
    missing = [
        (s, style)
        for s, style in wanted
        if not fonts.check_font_preloaded(fonts.create_font_id(s, FONT_NAME, style == "bold", style == "italic"))
    ]
    manager.preload_fonts([_font(s, style) for s, style in missing])


def _font(size: int, style: str) -> dict:
    return {"name": FONT_NAME, "point_size": size, "style": style}


def measuring_font(manager: pygame_gui.UIManager, size: int, bold: bool = False, italic: bool = False):
    """The font a widget of this size and style is drawn with, to measure its text: the manager's
    own when it is loaded (the title screen's are, with the theme), else the board's ``text.font``.

    Measuring with the manager's font loads no font file again before the first frame, and warms
    the very glyphs the widget is about to draw.
    """
    fonts = manager.get_theme().get_font_dictionary()
    if fonts.check_font_preloaded(fonts.create_font_id(size, FONT_NAME, bold, italic)):
        return fonts.find_font(size, FONT_NAME, bold, italic)
    return font(size, bold, italic)
