"""A list taller than its box, scrolled by the wheel, a scroll bar and the keys.

A screen that draws its own rows keeps one ``Scroll``: how far down the list
the box shows, kept within the list. The scroll bar is pygame_gui's; the offset
is the screen's, so the rows, their buttons and the bar always agree, whichever
moved them.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIVerticalScrollBar

LINE = 40  # pixels one arrow key or one notch of the wheel moves
KEYS = (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END)


class Scroll:
    """The offset of a ``content``-pixel list seen through a ``view``-pixel box."""

    def __init__(self, view: int, content: int, offset: int = 0) -> None:
        self.view, self.content = view, content
        self.offset = 0
        self.bar: UIVerticalScrollBar | None = None
        self.to(offset)

    @property
    def limit(self) -> int:
        return max(0, self.content - self.view)

    def to(self, offset: float) -> bool:
        """Scroll to ``offset`` (kept within the list); True when that moved it."""
        new = int(max(0, min(self.limit, round(offset))))
        moved, self.offset = new != self.offset, new
        if self.bar is not None and moved:
            self.bar.set_scroll_from_start_percentage(self.offset / self.content if self.content else 0.0)
        return moved

    def by(self, dy: float) -> bool:
        return self.to(self.offset + dy)

    def show(self, top: int, height: int) -> bool:
        """Scroll just enough for ``top``..``top + height`` of the list to be in the box."""
        if top < self.offset:
            return self.to(top)
        if top + height > self.offset + self.view:
            return self.to(top + height - self.view)
        return False

    def key(self, key: int) -> bool:
        """Arrows move a line, PgUp/PgDn a box less a line, Home/End to either end; True when used."""
        page = max(LINE, self.view - LINE)
        moves = {
            pygame.K_UP: -LINE,
            pygame.K_DOWN: LINE,
            pygame.K_PAGEUP: -page,
            pygame.K_PAGEDOWN: page,
            pygame.K_HOME: -self.content,
            pygame.K_END: self.content,
        }
        if key not in moves:
            return False
        self.by(moves[key])
        return True

    def wheel(self, notches: int) -> bool:
        return self.by(-notches * LINE)

    def add_bar(self, rect: pygame.Rect, manager: pygame_gui.UIManager) -> UIVerticalScrollBar | None:
        """The scroll bar along ``rect``, or None when the whole list fits."""
        if self.limit == 0:
            self.bar = None
            return None
        self.bar = UIVerticalScrollBar(rect, self.view / self.content, manager)
        if self.offset:
            self.bar.set_scroll_from_start_percentage(self.offset / self.content)
        return self.bar

    def follow_bar(self) -> bool:
        """After the bar was dragged or its arrows pressed, the offset it shows; True when that moved."""
        bar = self.bar
        if bar is None or not bar.alive() or not bar.check_has_moved_recently():
            return False
        new = int(max(0, min(self.limit, round(bar.start_percentage * self.content))))
        moved, self.offset = new != self.offset, new
        return moved
