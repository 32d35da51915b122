"""High contrast: every text colour of the board reads at 4.5:1 and every shape at 3:1 against the
grounds it is drawn on (WCAG 2 AA), in the board's palette and in pygame_gui's theme."""

import pygame
import pytest

from game.ui import look, palette, theme


def luminance(rgb) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def hex_rgb(value: str):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


GROUNDS = ("BG", "PANEL", "PANEL_LIGHT", "BOARD")
TEXTS = ("TEXT", "TEXT_DIM", "ORANGE", "SKY", "GREEN", "YELLOW", "BLUE", "VERMILION", "PURPLE", "MIDDLE")
SHAPES = ("BORDER", "BOARD_GRID")


@pytest.fixture
def high():
    palette.use(high_contrast=True)
    yield palette
    palette.use(high_contrast=False)


def test_the_ratio_is_wcag_s():
    assert ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert ratio((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)  # the classic #777 on white
    # and it tells a pair that fails: the standard palette's blue on black is under 4.5
    assert ratio(palette.STANDARD["BLUE"], (0, 0, 0)) < 4.5


def test_every_text_colour_reads_on_every_ground_in_high_contrast(high):
    low = [
        (t, g, round(ratio(getattr(high, t), getattr(high, g)), 2))
        for t in TEXTS
        for g in GROUNDS
        if ratio(getattr(high, t), getattr(high, g)) < 4.5
    ]
    assert low == []
    colours = [c for _, c in high.CATEGORY.values()] + list(high.KIND.values()) + [high.GOOD, high.BAD]
    assert [c for c in colours for g in GROUNDS if ratio(c, getattr(high, g)) < 4.5] == []


def test_borders_and_grid_stand_out_in_high_contrast(high):
    assert [s for s in SHAPES for g in GROUNDS if ratio(getattr(high, s), getattr(high, g)) < 3.0] == []
    assert high.BG == (0, 0, 0) and high.TEXT == (255, 255, 255)


def test_the_standard_palette_comes_back():
    before = dict(palette.STANDARD)
    palette.use(high_contrast=True)
    palette.use(high_contrast=False)
    assert {n: getattr(palette, n) for n in palette.NAMES} == before
    assert palette.CATEGORY["security"][1] == before["BLUE"] and palette.KIND["ally"] == before["ORANGE"]


def theme_pairs(data):
    """Each block's (text, ground) and (border, ground) pairs, the block's colours over the defaults."""
    defaults = data["defaults"]["colours"]
    texts, borders = [], []
    for name, block in data.items():
        colours = {**defaults, **block.get("colours", {})}
        grounds = [colours[k] for k in ("normal_bg", "dark_bg") if k in colours and len(colours[k]) == 7]
        for ground in grounds:
            for key in ("normal_text", "hovered_text", "selected_text", "link_text"):
                texts.append((name, key, colours[key], ground))
            for key in ("normal_border", "hovered_border", "selected_border"):
                borders.append((name, key, colours[key], ground))
        for state in ("hovered", "selected", "disabled"):
            bg = colours.get(f"{state}_bg", "")
            if len(bg) == 7:
                texts.append((name, f"{state}_text", colours[f"{state}_text"], bg))
    return texts, borders


def test_the_theme_s_high_contrast_colours_read():
    texts, borders = theme_pairs(theme.theme_data(100, high_contrast=True))
    assert texts and borders
    assert [(n, k, t, g) for n, k, t, g in texts if ratio(hex_rgb(t), hex_rgb(g)) < 4.5] == []
    assert [(n, k, b, g) for n, k, b, g in borders if ratio(hex_rgb(b), hex_rgb(g)) < 3.0] == []


def test_the_standard_theme_fails_that_check():
    """The measure has teeth: the slate theme's borders are too faint for high contrast."""
    texts, borders = theme_pairs(theme.theme_data(100, high_contrast=False))
    assert any(ratio(hex_rgb(b), hex_rgb(g)) < 3.0 for _, _, b, g in borders)


def test_the_board_opens_white_on_black_with_high_contrast_stored(data_dir):
    from game.ui.preferences import Preferences, save
    from game.ui.run import build_app

    from .driver import Driver

    save(Preferences(high_contrast=True))
    app = build_app()
    try:
        d = Driver(app)
        d.frame(2)
        assert app.window.get_at((2, 2))[:3] == (0, 0, 0)
        assert look.high_contrast() and palette.TEXT == (255, 255, 255)
        d.shot("high_contrast_title")  # kept with the tests' artifacts, to be looked at
        d.key(pygame.K_c)  # C turns it off, at once
        assert app.window.get_at((2, 2))[:3] == palette.STANDARD["BG"] and not look.high_contrast()
    finally:
        look.use(100, False)
