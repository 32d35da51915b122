"""A tip that points at something on screen: a bubble, an arrow to the thing, a ring round it.

The bubble is placed where it covers none of what it points at, inside the window, and over as
few of the screen's widgets as it can (a click on the bubble should not also press a button
under it). Its two buttons are drawn by hand, like everything else over the board, and found by
``button_at``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import pygame

from ..i18n import N_, _
from . import palette, text

WIDTH = 340
PAD = 14
MARGIN = 10  # from the window's edges
CLEAR = 14  # kept between the bubble and anything it points at
BUTTON_H = 30
GOT_IT, NEVER = N_("Got it (Esc)"), N_("No more tips")  # the buttons' keys, labelled with ``_(name)``


@dataclass
class Bubble:
    """One tip's words and where it points: ``rings`` are drawn round and never covered; the arrow
    ends at ``rings[0]``. ``circles`` says the rings are round (tokens) rather than boxes (cards)."""

    heading: str
    words: str
    rings: list[pygame.Rect]
    circles: bool = False
    counter: str = ""
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    buttons: dict[str, pygame.Rect] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return text.wrap(self.words, text.font(14), WIDTH - 2 * PAD)

    def height(self) -> int:
        return PAD + 18 + 24 + len(self.lines()) * (text.font(14).get_linesize() + 1) + 10 + BUTTON_H + PAD

    def place(
        self,
        window: pygame.Rect,
        candidates: Iterable[pygame.Rect],
        costs: list[tuple[pygame.Rect, int]],
        avoid: Iterable[pygame.Rect] = (),
    ) -> None:
        """Put the bubble at the best of ``candidates`` (rects of its size, in order of preference):
        inside the window, clear of every ring and of ``avoid``, where it covers least of ``costs``
        (rects, each with what a pixel of it costs covered: a widget more than a drawn token)."""
        inner = window.inflate(-2 * MARGIN, -2 * MARGIN)
        keep_clear = [r.inflate(2 * CLEAR, 2 * CLEAR) for r in (*self.rings, *avoid)]
        best: tuple[int, int] | None = None
        for rank, spot in enumerate(candidates):
            spot = spot.clamp(inner)
            if any(spot.colliderect(k) for k in keep_clear):
                continue
            covered = sum(_area(spot.clip(r)) * weight for r, weight in costs)
            if best is None or (covered, rank) < best:
                best = (covered, rank)
                self.rect = spot
        if best is None:  # nowhere clear (a tiny window): the corner farthest from what it points at
            self.rect = max(
                (
                    pygame.Rect(x, y, WIDTH, self.height())
                    for x in (inner.x, inner.right - WIDTH)
                    for y in (inner.y, inner.bottom - self.height())
                ),
                key=lambda s: math.dist(s.center, self.rings[0].center),
            )
        r = self.rect
        never_w = text.font(13, bold=True).size(_(NEVER))[0] + 20
        got_w = text.font(13, bold=True).size(_(GOT_IT))[0] + 24
        y = r.bottom - PAD - BUTTON_H
        self.buttons = {
            GOT_IT: pygame.Rect(r.right - PAD - got_w, y, got_w, BUTTON_H),
            NEVER: pygame.Rect(r.right - PAD - got_w - 8 - never_w, y, never_w, BUTTON_H),
        }

    def button_at(self, pos) -> str | None:
        return next((name for name, rect in self.buttons.items() if rect.collidepoint(pos)), None)

    def draw(self, surface: pygame.Surface, hover=None) -> None:
        for ring in self.rings:
            if self.circles:
                pygame.draw.circle(surface, palette.YELLOW, ring.center, ring.w // 2 + 4, 3)
            else:
                pygame.draw.rect(surface, palette.YELLOW, ring.inflate(8, 8), 3, border_radius=10)
        self._arrow(surface)
        r = self.rect
        pygame.draw.rect(surface, palette.PANEL_LIGHT, r, border_radius=10)
        pygame.draw.rect(surface, palette.YELLOW, r, 2, border_radius=10)
        y = r.y + PAD
        text.draw(surface, self.counter, (r.x + PAD, y), 12, palette.TEXT_DIM, bold=True)
        y += 18
        text.draw(
            surface,
            text.fit(self.heading, text.font(16, bold=True), r.w - 2 * PAD),
            (r.x + PAD, y),
            16,
            palette.YELLOW,
            bold=True,
        )
        y += 24
        for line in self.lines():
            text.draw(surface, line, (r.x + PAD, y), 14, palette.TEXT)
            y += text.font(14).get_linesize() + 1
        for name, rect in self.buttons.items():
            lit = hover is not None and rect.collidepoint(hover)
            fill = palette.YELLOW if name == GOT_IT else (58, 68, 92) if lit else palette.PANEL
            if name == GOT_IT and lit:
                fill = (255, 245, 140)
            pygame.draw.rect(surface, fill, rect, border_radius=6)
            pygame.draw.rect(surface, palette.YELLOW if name == GOT_IT else palette.BORDER, rect, 1, border_radius=6)
            colour = (20, 20, 24) if name == GOT_IT else palette.TEXT
            text.draw(surface, _(name), rect.center, 13, colour, bold=True, anchor="center")

    def _arrow(self, surface: pygame.Surface) -> None:
        """From the bubble's edge to the edge of the first ring, with a head at the ring."""
        ring = self.rings[0]
        start = _towards(self.rect, ring.center)
        aim = pygame.Vector2(ring.center) - pygame.Vector2(start)
        if aim.length() == 0:
            return
        reach = ring.w / 2 + 8 if self.circles else _inside(ring.inflate(16, 16), aim)
        end = pygame.Vector2(ring.center) - aim.normalize() * reach
        if (end - pygame.Vector2(start)).length() < 12:
            return
        pygame.draw.line(surface, palette.YELLOW, start, end, 4)
        d = (end - pygame.Vector2(start)).normalize()
        side = pygame.Vector2(-d.y, d.x)
        head = [end + d * 4, end - d * 14 + side * 8, end - d * 14 - side * 8]
        pygame.draw.polygon(surface, palette.YELLOW, head)


def _area(r: pygame.Rect) -> int:
    return r.w * r.h


def _towards(rect: pygame.Rect, point) -> tuple[float, float]:
    """Where a line from ``rect``'s centre to ``point`` leaves ``rect``."""
    centre = pygame.Vector2(rect.center)
    aim = pygame.Vector2(point) - centre
    if aim.length() == 0:
        return rect.center
    edge = _inside(rect, aim)
    out = centre + aim.normalize() * edge
    return out.x, out.y


def _inside(rect: pygame.Rect, direction: pygame.Vector2) -> float:
    """How far from ``rect``'s centre, along ``direction``, its edge is."""
    d = direction.normalize()
    reach = []
    if d.x:
        reach.append(rect.w / 2 / abs(d.x))
    if d.y:
        reach.append(rect.h / 2 / abs(d.y))
    return min(reach)


def around(target: pygame.Rect, size: tuple[int, int]) -> list[pygame.Rect]:
    """Rects of ``size`` beside ``target``: above, to the left, to the right, below."""
    w, h = size
    gap = CLEAR + 28  # room for the arrow
    above = pygame.Rect(0, 0, w, h)
    above.midbottom = (target.centerx, target.top - gap)
    left = pygame.Rect(0, 0, w, h)
    left.midright = (target.left - gap, target.centery)
    right = pygame.Rect(0, 0, w, h)
    right.midleft = (target.right + gap, target.centery)
    below = pygame.Rect(0, 0, w, h)
    below.midtop = (target.centerx, target.bottom + gap)
    return [above, left, right, below]


def corners(area: pygame.Rect, size: tuple[int, int]) -> list[pygame.Rect]:
    """Rects of ``size`` in each corner of ``area``, a little in."""
    w, h = size
    inner = area.inflate(-16, -16)
    return [pygame.Rect(x, y, w, h) for y in (inner.y, inner.bottom - h) for x in (inner.x, inner.right - w)]


def grid(area: pygame.Rect, size: tuple[int, int], step: int = 40) -> list[pygame.Rect]:
    """Rects of ``size`` all over ``area``, ``step`` pixels apart: the free stretches of a crowded board."""
    w, h = size
    return [
        pygame.Rect(x, y, w, h)
        for y in range(area.y + 8, max(area.y + 9, area.bottom - h - 7), step)
        for x in range(area.x + 8, max(area.x + 9, area.right - w - 7), step)
    ]
