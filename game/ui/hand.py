"""The seat's hand of instruments, drawn as cards.

Each card shows the name, cost, category (a coloured badge with a letter, so
colour is never the only cue), what it can target, and — when it cannot be
used now — why. Cards scroll with the mouse wheel when the hand is larger
than its panel.
"""

from __future__ import annotations

from functools import lru_cache

import pygame
from attrs import define, field

from . import palette, text

CARD_H = 68
GAP = 8
NAME_INSET = 52  # the badge column and the margins: a card's name is this much narrower than it


@define
class Card:
    instrument: str
    rect: pygame.Rect
    blocker: str | None


@define
class Hand:
    scroll: int = 0
    cards: list[Card] = field(factory=list)
    area: pygame.Rect = field(factory=lambda: pygame.Rect(0, 0, 0, 0))
    content_h: int = 0

    def columns(self, width: int) -> int:
        return max(1, min(3, width // 185))

    def layout(self, area: pygame.Rect, instruments: list[str], blockers: dict[str, str | None]) -> None:
        self.area = area
        cols = self.columns(area.w)
        card_w = (area.w - (cols - 1) * GAP - 12) // cols
        self.cards = []
        for i, inst in enumerate(instruments):
            row, col = divmod(i, cols)
            rect = pygame.Rect(
                area.x + col * (card_w + GAP), area.y + row * (CARD_H + GAP) - self.scroll, card_w, CARD_H
            )
            self.cards.append(Card(inst, rect, blockers.get(inst)))
        rows = (len(instruments) + cols - 1) // cols
        self.content_h = rows * (CARD_H + GAP) - GAP
        self.scroll = max(0, min(self.scroll, max(0, self.content_h - area.h)))

    def wheel(self, dy: int) -> bool:
        before = self.scroll
        self.scroll = max(0, min(self.scroll - dy * 40, max(0, self.content_h - self.area.h)))
        return self.scroll != before

    def scroll_to(self, instrument: str) -> None:
        for card in self.cards:
            if card.instrument == instrument:
                top = card.rect.y + self.scroll - self.area.y
                if top < self.scroll:
                    self.scroll = top
                elif top + CARD_H > self.scroll + self.area.h:
                    self.scroll = top + CARD_H - self.area.h

    def hit(self, pos) -> Card | None:
        if not self.area.collidepoint(pos):
            return None
        for card in self.cards:
            if card.rect.collidepoint(pos):
                return card
        return None

    def draw(
        self,
        surface: pygame.Surface,
        scenario,
        selected: str | None,
        hover: str | None,
        chosen: set[str],
        full: bool = False,
    ) -> None:
        """``full``: every order slot is taken, so cards are dimmed without a reason each."""
        clip = surface.get_clip()
        surface.set_clip(self.area)
        for i, card in enumerate(self.cards):
            if card.rect.bottom < self.area.top or card.rect.top > self.area.bottom:
                continue
            inst = scenario.instrument(card.instrument)
            self._card(
                surface,
                card,
                inst,
                i,
                selected == card.instrument,
                hover == card.instrument,
                card.instrument in chosen,
                full,
            )
        surface.set_clip(clip)
        if self.content_h > self.area.h:
            track = pygame.Rect(self.area.right - 6, self.area.y, 6, self.area.h)
            pygame.draw.rect(surface, palette.PANEL, track, border_radius=3)
            h = max(30, int(self.area.h * self.area.h / self.content_h))
            y = self.area.y + int((self.area.h - h) * self.scroll / max(1, self.content_h - self.area.h))
            pygame.draw.rect(surface, palette.BORDER, pygame.Rect(track.x, y, 6, h), border_radius=3)

    def _card(
        self, surface, card: Card, inst, index: int, selected: bool, hover: bool, chosen: bool, full: bool
    ) -> None:
        r = card.rect
        blocked = (card.blocker is not None or full) and not chosen
        bg = palette.PANEL if blocked else palette.PANEL_LIGHT
        if hover and not blocked:
            bg = (58, 68, 92)
        pygame.draw.rect(surface, bg, r, border_radius=8)
        border = palette.YELLOW if selected else palette.GREEN if chosen else palette.BORDER
        pygame.draw.rect(surface, border, r, 3 if selected or chosen else 1, border_radius=8)
        letter, colour = palette.CATEGORY.get(inst.category, ("?", palette.TEXT_DIM))
        if blocked:
            colour = palette.mix(colour, palette.PANEL, 0.55)
        badge = pygame.Rect(r.x + 8, r.y + 8, 30, 20)
        pygame.draw.rect(surface, colour, badge, border_radius=5)
        text.draw(surface, letter, badge.center, 12, (20, 20, 24), bold=True, anchor="center")
        key = KEYS[index] if index < len(KEYS) else ""
        if key:
            text.draw(surface, key, (r.x + 23, badge.bottom + 3), 12, palette.TEXT_DIM, bold=True, anchor="midtop")
        name_colour = palette.TEXT_DIM if blocked else palette.TEXT
        name_box = pygame.Rect(badge.right + 8, r.y + 6, r.w - NAME_INSET, 38)
        size, step, lines = name_lines(inst.name, name_box.w)
        for i, line in enumerate(lines):
            text.draw(surface, line, (name_box.x, name_box.y + i * step), size, name_colour, bold=True)
        bottom = pygame.Rect(r.x + 8, r.bottom - 19, r.w - 16, 16)
        if chosen:
            text.draw(surface, "Ordered this round", bottom.topleft, 12, palette.GREEN, bold=True)
        elif card.blocker is not None:
            text.draw(
                surface,
                text.fit(card.blocker, text.font(12, italic=True), bottom.w),
                bottom.topleft,
                12,
                palette.ORANGE,
                italic=True,
            )
        else:
            kind = inst.category if inst.category == inst.visibility else f"{inst.category}, {inst.visibility}"
            text.draw(
                surface,
                text.fit(f"{inst.cost} capital · {kind}", text.font(12), bottom.w),
                bottom.topleft,
                12,
                palette.TEXT_DIM,
            )


@lru_cache(maxsize=256)
def name_lines(name: str, width: int) -> tuple[int, int, tuple[str, ...]]:
    """A card's name as (font size, line step, lines): two lines at 14 px, else three at 12 px, so a
    long name ("Public statement of concern") is read whole; only a name longer still ends in "…".
    Kept per name and width: every card is drawn every frame, and up to two wraps measure each name."""
    big = text.wrap(name, text.font(14, bold=True), width, max_lines=3)
    if len(big) <= 2 and " ".join(big) == " ".join(name.split()):  # (no word split across the lines)
        return 14, 18, tuple(big)
    f = text.font(12, bold=True)
    lines = text.wrap(name, f, width, max_lines=4)
    if len(lines) > 3:
        lines = [lines[0], lines[1], text.fit(" ".join(lines[2:]), f, width)]
    return 12, 14, tuple(lines)


KEYS = [str(i) for i in range(1, 10)] + ["0"]  # the number keys that pick cards 1 to 10
