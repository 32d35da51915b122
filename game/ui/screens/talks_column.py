"""The talks' column of history and offers, where it is taller than its room: it scrolls as one.

The talks overlay lays its widgets out afresh at every scroll (``TalksOverlay.rebuild``), each
placed ``offset`` pixels higher, so the column keeps only where it is scrolled to and what its last
layout found: the room it shows in (``shown``), how tall it is (``content``), where the history and
each offer begin (``stops``) and each offer's card and buttons (``units``). Side by side with the
writing it ``snaps``: a step stops where the history or an offer begins, so each offer is seen whole
with its buttons, and the last stop is where the rest fits, which may lie past the plain end. In the
one column of a larger text it moves by pixels. This is not ``game.ui.scroll.Scroll``: that one keeps
a list of rows within its end under a pygame_gui bar, where this one snaps past it and draws its own
thin bar (the widgets under a pygame_gui bar would be built again at every step).
"""

from __future__ import annotations

import pygame

from .. import palette
from ..look import px

MARGIN = 4  # pixels an element may stand out of the room and still count as shown


def span(elements: list) -> pygame.Rect:
    """The rectangle that holds every one of ``elements``."""
    return elements[0].rect.unionall([e.rect for e in elements[1:]])


class Column:
    """Where the column of history and offers is scrolled to, and what its last layout found."""

    def __init__(self) -> None:
        self.offset = 0  # pixels the column is scrolled up
        self.content = 0  # how tall all of it is (``measure``)
        self.snaps = False  # a step stops where an item begins (side by side, offers that do not fit)
        self.rect = pygame.Rect(0, 0, 0, 0)  # where it is laid out, as scrolled
        self.shown = pygame.Rect(0, 0, 0, 0)  # the room it shows in
        self.stops = [0]  # where the history and each offer begin, as offsets
        self.units: list[list] = []  # each offer's card and buttons, shown or hidden together

    @property
    def end(self) -> int:
        """The plain end: the offset at which the column's bottom meets the room's."""
        return max(0, self.content - self.shown.h)

    def measure(self, bottom: int) -> None:
        """The column's height, from the bottom of the lowest thing laid out in it (and a margin)."""
        self.content = bottom + px(8) + self.offset - self.shown.y

    def step(self, dy: int) -> bool:
        """Scroll by ``dy`` pixels (snapping, to the next item's start that way); True when it moved."""
        end = self.end
        offset = max(0, min(end, self.offset + dy))
        if self.snaps and dy:
            fits = [s for s in self.stops if s >= end] or [end]  # (from the first of these, all the rest fits)
            stops = [s for s in self.stops if s < fits[0]] + [fits[0]]
            if dy > 0:
                offset = min((s for s in stops if s >= self.offset + dy), default=stops[-1])
            else:
                offset = max((s for s in stops if s <= self.offset + dy), default=0)
        moved, self.offset = offset != self.offset, offset
        return moved

    def out_of_view(self, scrolled: list) -> tuple[set, int, int]:
        """What of ``scrolled`` (the elements that scroll) to hide, and how many offers are below and above
        the room: an element out of the room, and an offer whole if any of it is out and the room could
        show it whole (no buttons without their card). Sets ``content`` from where the elements end."""
        shown = self.shown
        self.measure(max((e.rect.bottom for e in scrolled), default=shown.y))
        out = {e for e in scrolled if e.rect.top < shown.top - MARGIN or e.rect.bottom > shown.bottom + MARGIN}
        below = above = 0
        for unit in self.units:
            if out.intersection(unit):
                if span(unit).h <= shown.h:  # (one taller than the room: what is out of it, element-wise)
                    out.update(unit)
                if unit[0].rect.top >= shown.top - MARGIN:
                    below += 1
                else:
                    above += 1
        return out, below, above

    def step_to(self, element) -> int:
        """The step that brings ``element`` into the room, with the rest of its offer where the room has
        space for the offer whole; 0 when it is in view already."""
        rect = element.rect
        unit = next((u for u in self.units if element in u), None)
        if unit is not None and span(unit).h <= self.shown.h - px(16):
            rect = span(unit)
        if rect.top < self.shown.top:
            return rect.top - self.shown.top - px(8)
        if rect.bottom > self.shown.bottom:
            return rect.bottom - self.shown.bottom + px(8)
        return 0

    def draw(self, surface: pygame.Surface, x: int) -> None:
        """A thin bar at ``x`` beside the room, its thumb where the view is, when there is somewhere to
        scroll to (a snap past the plain end counts as its end)."""
        most = max(self.end, self.offset)
        if not most:
            return
        shown = self.shown
        track = pygame.Rect(x, shown.y, 5, shown.h)
        pygame.draw.rect(surface, palette.PANEL_LIGHT, track, border_radius=2)
        thumb_h = max(20, shown.h * shown.h // max(1, self.content))
        thumb_y = shown.y + (shown.h - thumb_h) * self.offset // most
        pygame.draw.rect(surface, palette.BORDER, pygame.Rect(track.x, thumb_y, 5, thumb_h), border_radius=2)
