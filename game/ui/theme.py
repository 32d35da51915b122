"""The pygame_gui manager with Demarche's bundled fonts and theme (see ``game.resources``)."""

from __future__ import annotations

import pygame_gui

from .. import resources
from .text import FONT_FILES, FONTS

THEME = resources.theme_file()
FONT_NAME = "demarche"
PRELOAD_SIZES = (12, 13, 14, 15, 17, 18, 20, 22, 24, 40)


def make_manager(size) -> pygame_gui.UIManager:
    manager = pygame_gui.UIManager(size, enable_live_theme_updates=False)
    manager.add_font_paths(
        FONT_NAME,
        str(FONTS / FONT_FILES[(False, False)]),
        str(FONTS / FONT_FILES[(True, False)]),
        str(FONTS / FONT_FILES[(False, True)]),
        str(FONTS / FONT_FILES[(True, True)]),
    )
    manager.preload_fonts(
        [
            {"name": FONT_NAME, "point_size": s, "style": style}
            for s in PRELOAD_SIZES
            for style in ("regular", "bold", "italic")
        ]
    )
    manager.get_theme().load_theme(str(THEME))
    return manager
