"""The seat's hand of instruments, drawn as cards grouped by category.

Each card shows the name (whole, on up to three lines), cost, category (a
coloured badge with a letter, so colour is never the only cue), and — when it
cannot be used now — why. Cards sit under a heading per category, in the order
the categories first appear in the role's hand; they scroll with the mouse wheel
when the hand is larger than its panel, and the keyboard reaches every one: the
number keys pick the first ten, Tab brings the focus into the hand and the
arrows move it card by card.
"""

from __future__ import annotations

from functools import lru_cache

import pygame
from attrs import define, field

from ..i18n import _
from . import look, palette, text
from .look import px

CARD_H = 68
GAP = 8
HEADING_H = 22  # a category's heading row
NAME_INSET = 52  # the badge column and the margins: a card's name is this much narrower than it


def grouped(instruments, category_of) -> list[str]:
    """``instruments`` in display order: by category (in the order the categories first appear),
    the role's own order within each. The number keys follow this order."""
    order: dict[str, int] = {}
    for inst in instruments:
        order.setdefault(category_of(inst), len(order))
    return sorted(instruments, key=lambda i: order[category_of(i)])  # (a stable sort keeps the role's order)


@define
class Card:
    instrument: str
    rect: pygame.Rect
    blocker: str | None


@define
class Heading:
    category: str
    count: int
    rect: pygame.Rect


@define
class Hand:
    scroll: int = 0
    cards: list[Card] = field(factory=list)
    headings: list[Heading] = field(factory=list)
    area: pygame.Rect = field(factory=lambda: pygame.Rect(0, 0, 0, 0))
    content_h: int = 0
    focus: int | None = None  # the card the keyboard is on (Tab into the hand, arrows move)

    def columns(self, width: int) -> int:
        return max(1, min(3, width // px(185)))

    def layout(
        self, area: pygame.Rect, instruments: list[str], blockers: dict[str, str | None], category_of=None
    ) -> None:
        """Cards in ``instruments``' order (``grouped`` already), a heading wherever the category
        changes when ``category_of`` is given."""
        self.area = area
        cols = self.columns(area.w)
        card_w = (area.w - (cols - 1) * px(GAP) - 12) // cols
        self.cards, self.headings = [], []
        y, col, last = 0, 0, None  # (last: the category of the card before)
        for inst in instruments:
            category: str = category_of(inst) if category_of is not None else ""
            if category != last and category_of is not None:
                if col:
                    y += px(CARD_H) + px(GAP)
                    col = 0
                count = sum(1 for i in instruments if category_of(i) == category)
                self.headings.append(
                    Heading(category, count, pygame.Rect(area.x, area.y + y - self.scroll, area.w - 12, px(HEADING_H)))
                )
                y += px(HEADING_H)
                last = category
            rect = pygame.Rect(area.x + col * (card_w + px(GAP)), area.y + y - self.scroll, card_w, px(CARD_H))
            self.cards.append(Card(inst, rect, blockers.get(inst)))
            col += 1
            if col == cols:
                col = 0
                y += px(CARD_H) + px(GAP)
        self.content_h = (y + px(CARD_H) if col else y - px(GAP)) if instruments else 0
        self.scroll = max(0, min(self.scroll, max(0, self.content_h - area.h)))
        if self.focus is not None and self.focus >= len(self.cards):
            self.focus = None

    def move_focus(self, dx: int, dy: int) -> None:
        """Left/right: the next card in reading order; up/down: the nearest card in the row above or below."""
        if not self.cards:
            return
        if self.focus is None:
            self.focus = 0
        elif dx:
            self.focus = (self.focus + dx) % len(self.cards)
        else:
            here = self.cards[self.focus].rect
            rows = [c for c in self.cards if (c.rect.y - here.y) * dy > 0]
            if rows:
                nearest_y = min(rows, key=lambda c: abs(c.rect.y - here.y)).rect.y
                row = [c for c in rows if c.rect.y == nearest_y]
                best = min(row, key=lambda c: abs(c.rect.x - here.x))
                self.focus = self.cards.index(best)
        self.scroll_to(self.cards[self.focus].instrument)

    @property
    def focused(self) -> Card | None:
        return self.cards[self.focus] if self.focus is not None and self.focus < len(self.cards) else None

    def wheel(self, dy: int) -> bool:
        before = self.scroll
        self.scroll = max(0, min(self.scroll - dy * 40, max(0, self.content_h - self.area.h)))
        return self.scroll != before

    def scroll_to(self, instrument: str) -> None:
        """Scroll so that the card is in view (with its category's heading, when it is the first)."""
        for card in self.cards:
            if card.instrument == instrument:
                top = card.rect.y + self.scroll - self.area.y
                if any(h.rect.bottom == card.rect.y for h in self.headings):
                    top -= px(HEADING_H)
                before = self.scroll
                if top < self.scroll:
                    self.scroll = top
                elif card.rect.y + self.scroll - self.area.y + px(CARD_H) > self.scroll + self.area.h:
                    self.scroll = card.rect.y + self.scroll - self.area.y + px(CARD_H) - self.area.h
                shift = before - self.scroll
                if shift:
                    for c in self.cards:
                        c.rect.y += shift
                    for h in self.headings:
                        h.rect.y += shift

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
        for heading in self.headings:
            if heading.rect.bottom < self.area.top or heading.rect.top > self.area.bottom:
                continue
            letter, colour = palette.category_badge(heading.category)
            mark = pygame.Rect(heading.rect.x, heading.rect.y + px(5), 4, px(12))
            pygame.draw.rect(surface, colour, mark, border_radius=2)
            name = palette.category_name(heading.category).capitalize()
            text.draw(
                surface,
                f"{name} · {heading.count}",
                (heading.rect.x + 10, heading.rect.y + px(3)),
                13,
                palette.TEXT_DIM,
                bold=True,
            )
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
        if self.focus == index:  # the keyboard's card: a ring outside the card's own border
            pygame.draw.rect(surface, palette.SKY, r.inflate(6, 6), 2, border_radius=10)
        letter, colour = palette.category_badge(inst.category)
        if blocked:
            colour = palette.mix(colour, palette.PANEL, 0.55)
        badge = pygame.Rect(r.x + px(8), r.y + px(8), px(30), px(20))
        pygame.draw.rect(surface, colour, badge, border_radius=5)
        text.draw(surface, letter, badge.center, 12, (20, 20, 24), bold=True, anchor="center")
        key = KEYS[index] if index < len(KEYS) else ""
        if key:
            at = (badge.centerx, badge.bottom + px(3))
            text.draw(surface, key, at, 12, palette.TEXT_DIM, bold=True, anchor="midtop")
        name_colour = palette.TEXT_DIM if blocked else palette.TEXT
        name_box = pygame.Rect(badge.right + px(8), r.y + px(6), r.w - px(NAME_INSET), px(38))
        size, step, lines = name_lines(inst.name, name_box.w)
        for i, line in enumerate(lines):
            text.draw(surface, line, (name_box.x, name_box.y + i * step), size, name_colour, bold=True)
        bottom = pygame.Rect(r.x + px(8), r.bottom - px(19), r.w - px(16), px(16))
        if chosen:
            text.draw(surface, _("Ordered this round"), bottom.topleft, 12, palette.GREEN, bold=True)
        elif card.blocker is not None:
            f = text.font(12, italic=True)
            said = card.blocker
            if f.size(said)[0] > bottom.w and "; " in said:  # the last clause says what to do (its tooltip has all)
                said = said.rsplit("; ", 1)[1]
            text.draw(
                surface,
                text.fit(said, f, bottom.w),
                bottom.topleft,
                12,
                palette.ORANGE,
                italic=True,
            )
        else:
            category = palette.category_name(inst.category)
            kind = (
                category
                if inst.category == inst.visibility
                else f"{category}, {palette.category_name(inst.visibility)}"
            )
            text.draw(
                surface,
                text.fit(_("{cost} capital · {kind}").format(cost=inst.cost, kind=kind), text.font(12), bottom.w),
                bottom.topleft,
                12,
                palette.TEXT_DIM,
            )


def name_lines(name: str, width: int) -> tuple[int, int, tuple[str, ...]]:
    """A card's name as (font size, line step, lines): two lines at 14 px, else three at 12 px, so a
    long name ("Public statement of concern") is read whole; only a name longer still ends in "…".
    Kept per name, width and text size: every card is drawn every frame, and up to two wraps measure each name."""
    return _name_lines(name, width, look.percent())


@lru_cache(maxsize=256)
def _name_lines(name: str, width: int, percent: int) -> tuple[int, int, tuple[str, ...]]:
    big = text.wrap(name, text.font(14, bold=True), width, max_lines=3)
    if len(big) <= 2 and " ".join(big) == " ".join(name.split()):  # (no word split across the lines)
        return 14, px(18), tuple(big)
    f = text.font(12, bold=True)
    lines = text.wrap(name, f, width, max_lines=4)
    if len(lines) > 3:
        lines = [lines[0], lines[1], text.fit(" ".join(lines[2:]), f, width)]
    return 12, px(14), tuple(lines)


KEYS = [str(i) for i in range(1, 10)] + ["0"]  # the number keys that pick cards 1 to 10
