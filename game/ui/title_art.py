"""The title screen's art (the game's name, its subtitle, the keys line) and the window it opens in.

Both need pygame alone, not pygame_gui: the board's first frame is this art on the
background, drawn before pygame_gui is imported (a third of the launch); the title
screen then draws the very same art under its buttons, so nothing on screen moves
when they appear. Input that arrives meanwhile waits in pygame's event queue.
"""

from __future__ import annotations

import pygame

from ..i18n import N_, _
from . import look, palette, text

DEFAULT_SIZE = (1280, 800)
TITLE = "Demarche"
# Looked up where drawn (``parts``): the art is drawn in the language spoken.
SUBTITLE = N_("A hot-seat wargame of diplomacy: pressure, relationships, and what comes after.")
KEYS = N_("F1: keys, help and settings · M: sound on or off · Tab / arrows to move · Enter to choose")


DECORATIONS = 40  # of a desktop's height: the window's title bar and a task bar, roughly
NO_DESKTOP = ("dummy", "offscreen")  # video drivers with no screen of their own (tests, CI): no desktop to fit


def window_size() -> tuple[int, int]:
    """The size a window opens at when none is asked for: ``DEFAULT_SIZE``, or smaller where the desktop
    is (a 1366x768 laptop: 1280x728, so that the buttons at the bottom are not under the task bar), but
    never below the smallest the board is laid out for (``look.SMALL``). Call with the display started."""
    if pygame.display.get_driver() in NO_DESKTOP:
        return DEFAULT_SIZE
    desktops = pygame.display.get_desktop_sizes()
    if not desktops:
        return DEFAULT_SIZE
    width, height = desktops[0]
    return (
        max(look.SMALL[0], min(DEFAULT_SIZE[0], width)),
        max(look.SMALL[1], min(DEFAULT_SIZE[1], height - DECORATIONS)),
    )


def open_window(size=None) -> pygame.Surface:
    """A new window for the board (pygame's display and fonts, started if they are not), of ``size``
    or, by default, the ``window_size`` that fits the desktop."""
    # Only what the board uses: pygame.init() would also open the audio device (tens of ms, and ALSA
    # noise where there is none); the board's sounds start it at their first (game.ui.sound).
    pygame.display.init()
    pygame.font.init()
    text.forget()  # fonts die with a previous pygame.quit(), and what was made with them
    pygame.display.set_caption("Demarche")
    return pygame.display.set_mode(size or window_size(), pygame.RESIZABLE)


_SHOWN: list[pygame.Surface] = []  # the window ``first_frame`` opened, until the app takes it


def take_window(size=None) -> pygame.Surface:
    """The app's window: the one the first frame is on (with the fonts it loaded), else a new one
    (``size``, or by default the one that fits the desktop)."""
    shown = _SHOWN.pop() if _SHOWN else None
    _SHOWN.clear()
    if shown is not None and shown is pygame.display.get_surface():
        if size is None or shown.get_size() == tuple(size):
            return shown
    return open_window(size)


def parts(size) -> list[tuple[str, pygame.Rect, int, bool, bool, tuple[int, int, int]]]:
    """Each line of the art: (words, the rect it is centred in, point size, bold, italic, colour)."""
    w, h = size
    if look.percent() != look.DEFAULT:  # a larger text: the lines upwards from the buttons, two lines each
        line = text.font(17, italic=True).get_linesize()
        subtitle = pygame.Rect(0, h // 2 - 72 - 2 * line, w, 2 * line)
        big = text.font(40, True).get_linesize()
        title = pygame.Rect(0, subtitle.y - 4 - big, w, big)
        keys = pygame.Rect(0, h - 8 - 2 * line, w, 2 * line)
        return [
            (TITLE, title, 40, True, False, palette.TEXT),
            (_(SUBTITLE), subtitle, 17, False, True, palette.TEXT_DIM),
            (_(KEYS), keys, 17, False, True, palette.TEXT_DIM),
        ]
    return [
        (TITLE, pygame.Rect(0, h // 2 - 200, w, 60), 40, True, False, palette.TEXT),
        (_(SUBTITLE), pygame.Rect(0, h // 2 - 138, w, 30), 17, False, True, palette.TEXT_DIM),
        (_(KEYS), pygame.Rect(0, h - 40, w, 24), 17, False, True, palette.TEXT_DIM),
    ]


def draw(surface: pygame.Surface, size) -> None:
    """The art, each line centred in its rect and shortened with an ellipsis if the window is narrow."""
    for words, rect, points, bold, italic, colour in parts(size):
        f = text.font(points, bold, italic)
        room = max(1, rect.h // f.get_linesize())  # lines: one, or two at a larger text size
        lines = text.wrap(words, f, rect.w - 12) if room > 1 else [words]
        if len(lines) > room:
            lines = lines[: room - 1] + [" ".join(lines[room - 1 :])]
        top = rect.centery - len(lines) * f.get_linesize() // 2
        for i, line in enumerate(lines):
            centre = (rect.centerx, top + i * f.get_linesize() + f.get_linesize() // 2)
            text.draw(surface, text.fit(line, f, rect.w - 12), centre, points, colour, bold, italic, anchor="center")


def first_frame(size=None) -> pygame.Surface:
    """Open the window and show the art on the background: the board's first frame."""
    window = open_window(size)
    window.fill(palette.BG)
    draw(window, window.get_size())
    pygame.display.flip()
    _SHOWN[:] = [window]
    return window
