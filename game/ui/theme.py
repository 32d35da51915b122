"""The pygame_gui manager with Demarche's bundled fonts and theme (see ``game.resources``).

pygame_gui warns about any font used before it is loaded, and loading each
costs time at start-up. Loading the theme loads the fonts it names (enough for
the title screen); the app preloads the other sizes and styles the screens draw
with (``preload_rest``) once the first frame is on screen, before any other
screen can need them.

The theme file holds the board's look at 100% text size; ``theme_data`` scales every font
size in it to the size chosen (``look.px``) and, in high contrast, lays ``HIGH_CONTRAST``'s
colours over it: white text on black, white borders, yellow for what has the focus.
"""

from __future__ import annotations

import json
from typing import Any

import pygame_gui
from pygame_gui.core.text.html_parser import HTMLParser
from pygame_gui.core.ui_font_dictionary import DefaultFontData

from .. import i18n, resources
from . import fonts as fallback
from . import look
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
    _scale_html_sizes()
    _scale_default_font(manager)
    manager.get_theme().load_theme(theme_data())  # and with it the fonts it names
    adopt(manager)
    return manager


def adopt(manager: pygame_gui.UIManager) -> None:
    """The loaded "demarche" fonts draw any script, as the board's do (``fonts.adopt``)."""
    fallback.adopt(manager, {style: str(FONTS / name) for style, name in FONT_FILES.items()})


def preload_rest(manager: pygame_gui.UIManager) -> None:
    """Every size and style the screens use that the theme did not load."""
    fonts = manager.get_theme().get_font_dictionary()
    wanted = [(look.px(s), style) for s in PRELOAD_SIZES for style in STYLES]
    missing = [
        (s, style)
        for s, style in wanted
        if not fonts.check_font_preloaded(fonts.create_font_id(s, FONT_NAME, style == "bold", style == "italic"))
    ]
    manager.preload_fonts([_font(s, style) for s, style in missing])
    adopt(manager)


def _font(size: int, style: str) -> dict:
    return {"name": FONT_NAME, "point_size": size, "style": style}


def measuring_font(manager: pygame_gui.UIManager, size: int, bold: bool = False, italic: bool = False):
    """The font a widget of this size and style is drawn with, to measure its text: the manager's
    own when it is loaded (the title screen's are, with the theme), else the board's ``text.font``.

    Measuring with the manager's font loads no font file again before the first frame, and warms
    the very glyphs the widget is about to draw.
    """
    fonts = manager.get_theme().get_font_dictionary()
    if fonts.check_font_preloaded(fonts.create_font_id(look.px(size), FONT_NAME, bold, italic)):
        return fonts.find_font(look.px(size), FONT_NAME, bold, italic)
    return font(size, bold, italic)


# Laid over the theme's colours in high contrast, block by block (each block's colours replaced
# where named here): text white or yellow, grounds black or deep blue, borders white, focus yellow.
_HC_DEFAULTS = {
    "normal_bg": "#000000",
    "hovered_bg": "#1A1A1A",
    "disabled_bg": "#000000",
    "selected_bg": "#003F8A",
    "active_bg": "#003F8A",
    "dark_bg": "#000000",
    "disabled_dark_bg": "#000000",
    "normal_text": "#FFFFFF",
    "hovered_text": "#FFFFFF",
    "disabled_text": "#B4B4B4",
    "selected_text": "#FFFFFF",
    "active_text": "#FFFFFF",
    "normal_border": "#FFFFFF",
    "hovered_border": "#F5EB46",
    "disabled_border": "#8C8C8C",
    "selected_border": "#F5EB46",
    "active_border": "#F5EB46",
    "link_text": "#6EC8FF",
    "link_hover": "#F5EB46",
    "link_selected": "#F5EB46",
    "text_shadow": "#00000000",
    "filled_bar": "#6EC8FF",
    "unfilled_bar": "#595959",
    "text_cursor": "#F5EB46",
}
_HC_CHOSEN = {
    "normal_bg": "#003F8A",
    "hovered_bg": "#0050B0",
    "disabled_bg": "#000000",
    "selected_bg": "#003F8A",
    "active_bg": "#003F8A",
    "normal_text": "#FFFFFF",
    "hovered_text": "#FFFFFF",
    "selected_text": "#FFFFFF",
    "normal_border": "#FFFFFF",
    "hovered_border": "#F5EB46",
    "selected_border": "#F5EB46",
}
HIGH_CONTRAST = {
    "defaults": _HC_DEFAULTS,
    "label": {"dark_bg": "#00000000", "normal_text": "#FFFFFF"},
    "#subtitle": {"normal_text": "#DCDCDC"},
    "#dim": {"normal_text": "#DCDCDC"},
    "#primary": _HC_CHOSEN,
    "#chosen": _HC_CHOSEN,
    "#danger": {"normal_bg": "#5A0000", "hovered_bg": "#8A0000", "normal_border": "#FF7832"},
    "text_box": {"dark_bg": "#000000", "normal_border": "#FFFFFF"},
    "#news": {"dark_bg": "#000000"},
    "tool_tip": {"dark_bg": "#000000", "normal_border": "#F5EB46", "normal_text": "#FFFFFF"},
    "selection_list": {"dark_bg": "#000000"},
    "text_entry_line": {"dark_bg": "#000000", "selected_bg": "#003F8A"},
    "@segment": {**_HC_DEFAULTS, "normal_text": "#FFFFFF", "normal_border": "#FFFFFF"},
    "@segment_on": _HC_CHOSEN,
    "#start_here": {"normal_text": "#F5EB46", "hovered_text": "#F5EB46", "selected_text": "#FFFFFF"},
}


def theme_data(text_size: int | None = None, high_contrast: bool | None = None) -> dict:
    """The theme file's data at a text size (its font sizes and tooltip width scaled) and contrast:
    by default the board's own (``look``)."""
    data = json.loads(THEME.read_text(encoding="utf-8"))
    percent = look.percent() if text_size is None else text_size
    high = look.high_contrast() if high_contrast is None else high_contrast
    for block in data.values():
        font_block = block.get("font", {})
        if "size" in font_block:
            font_block["size"] = str(round(int(font_block["size"]) * percent / 100))
        misc = block.get("misc", {})
        if "rect_width" in misc:
            misc["rect_width"] = str(round(int(misc["rect_width"]) * percent / 100))
    if percent != look.DEFAULT:  # a list's and a drop-down's rows (pygame_gui's own 20 pixels), as tall as their text
        for name in ("selection_list", "drop_down_menu"):
            data.setdefault(name, {}).setdefault("misc", {})["list_item_height"] = str(round(20 * percent / 100))
    if high:
        for name, colours in HIGH_CONTRAST.items():
            data.setdefault(name, {}).setdefault("colours", {}).update(colours)
    return data


_HTML_SIZES = dict(HTMLParser.font_sizes)  # <font size=4> in a text box: 14 points, at 100%


def _scale_default_font(manager: pygame_gui.UIManager) -> None:
    """pygame_gui's own font, for the widgets the theme names no font for (plain buttons, lists), at
    the text size chosen."""
    fonts: Any = manager.get_theme().get_font_dictionary()  # its default font is no part of its interface
    d = fonts.default_font
    if look.px(d.size) == d.size:
        return
    fonts.default_font = DefaultFontData(
        look.px(d.size),
        d.name,
        d.style,
        d.regular_file_name,
        d.bold_file_name,
        d.italic_file_name,
        d.bold_italic_file_name,
        d.script,
        d.direction,
    )
    fonts._load_default_font(fonts.default_font)


def _scale_html_sizes() -> None:
    """A text box's <font size=N> at the text size chosen, as the theme's sizes are."""
    HTMLParser.font_sizes = {k: look.px(v) for k, v in _HTML_SIZES.items()}
