"""The semi-rigid review's list, drawn whole and scrolled.

Every proposed change is in the list, however many: its bands, headings and
rows are laid out once for the box's width, drawn through the box, and scrolled
by ``game.ui.scroll``. Each row has its buttons (Override…, or Change… and
Revert once overridden); a button shows only while its row is wholly in the
box, so none is ever drawn over the edge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
from attrs import define, field

from ...i18n import _, ngettext
from ...session.narrate import ARROW
from .. import palette, text
from ..scroll import Scroll
from .review_rows import Band, Item, Row

if TYPE_CHECKING:
    from pygame_gui.elements import UIButton

    from .base import MenuScreen

BAR_W = 18
PAD = 10
BUTTONS_W = 206  # Change… and Revert side by side (one Override… as wide); narrower in a small window
ROW_INDENT = 26
BAND, TITLE, DETAIL, ROW = (17, True, palette.SKY), (15, True, palette.TEXT), (14, False, palette.TEXT_DIM), 15


@define
class Line:
    """One line of text at ``y`` in the list."""

    y: int
    x: int
    words: str
    size: int
    bold: bool
    colour: tuple[int, int, int]


@define
class Slot:
    """Where a row is in the list, and its buttons."""

    row: Row
    item: Item
    band: Band
    y: int
    h: int
    head: int  # where its event's heading starts
    buttons: dict[str, UIButton] = field(factory=dict)


class ReviewList:
    """The laid-out list in ``rect``: lines to draw, row slots with buttons, the scroll."""

    def __init__(self, screen: MenuScreen, rect: pygame.Rect, bands: list[Band], offset: int = 0) -> None:
        self.screen, self.rect = screen, rect
        self.inner = pygame.Rect(rect.x + PAD, rect.y + 6, rect.w - 2 * PAD - BAR_W - 4, rect.h - 12)
        self.buttons_w = max(164, min(BUTTONS_W, self.inner.w // 4))
        self.lines: list[Line] = []
        self.slots: list[Slot] = []
        height = self.lay_out(bands)
        self.scroll = Scroll(self.inner.h, height, offset)
        for slot in self.slots:
            if not slot.item.fixed:
                self.add_buttons(slot)
        bar = self.scroll.add_bar(pygame.Rect(rect.right - BAR_W - 4, rect.y + 4, BAR_W, rect.h - 8), screen.manager)
        if bar is not None:
            screen.add(bar)
        self.place()

    # layout ---------------------------------------------------------------
    def lay_out(self, bands: list[Band]) -> int:
        """Lines and slots for the list's width; the list's height."""
        w = self.inner.w
        y = 0

        def lines(words: str, x: int, style, width: int) -> None:
            nonlocal y
            size, bold, colour = style
            f = text.font(size, bold)
            for line in text.wrap(words, f, width):
                self.lines.append(Line(y, x, line, size, bold, colour))
                y += f.get_linesize() + 1

        for b, band in enumerate(bands):
            y += 10 if b else 0
            lines(band.who, 0, BAND, w)
            for item in band.items:
                head = y + 4
                y = head
                lines(item.title, 10, TITLE, w - 10)
                if item.detail:
                    lines(item.detail, 10, DETAIL, w - 10)
                y += 2
                for row in item.rows:
                    f = text.font(ROW)
                    step = f.get_linesize() + 1
                    # the numbers stay together on a line: "5 › 15 (+10)" is never split
                    kept = (
                        row.words()
                        .replace(f" {ARROW.strip()} ", f"\u00a0{ARROW.strip()}\u00a0")
                        .replace(" (", "\u00a0(")
                    )
                    words = [
                        line.replace("\u00a0", " ") for line in text.wrap(kept, f, w - ROW_INDENT - self.buttons_w - 12)
                    ]
                    h = max(32, len(words) * step + 8)
                    first = y + (h - len(words) * step) // 2  # the text in the middle of its row
                    colour = palette.YELLOW if row.override else palette.TEXT
                    for k, line in enumerate(words):
                        self.lines.append(Line(first + k * step, ROW_INDENT, line, ROW, False, colour))
                    self.slots.append(Slot(row, item, band, y, h, head))
                    y += h
        if not self.slots:
            lines(_("This round changes no meter."), 0, DETAIL, w)
        return y + 6

    def add_buttons(self, slot: Slot) -> None:
        s = self.screen
        if slot.row.override is None:
            slot.buttons["override"] = s.button(
                (0, 0, self.buttons_w, 28), _("Override…"), _("Replace this change with your own amount and a reason.")
            )
        else:
            half = (self.buttons_w - 6) // 2
            slot.buttons["change"] = s.button(
                (0, 0, half, 28), _("Change…"), _("Change the amount or the reason you set.")
            )
            slot.buttons["revert"] = s.button((0, 0, half, 28), _("Revert"), _("Back to the engine's proposal."))

    # scrolling -------------------------------------------------------------
    def place(self, shown: bool = True) -> None:
        """Each button next to its row, shown only while the row is wholly in the box (and ``shown``)."""
        top = self.inner.y - self.scroll.offset
        for slot in self.slots:
            y = top + slot.y + (slot.h - 28) // 2
            inside = shown and self.inner.top <= y and y + 28 <= self.inner.bottom
            x = self.inner.right - self.buttons_w
            for name, button in slot.buttons.items():
                pos = (x + (0 if name != "revert" else self.buttons_w - button.rect.w), y)
                if tuple(button.rect.topleft) != pos:
                    button.set_relative_position(pos)
                if inside and not button.visible:
                    button.show()
                elif not inside and button.visible:
                    button.hide()

    def slot_of(self, element: object) -> tuple[Slot, str] | None:
        for slot in self.slots:
            for name, button in slot.buttons.items():
                if element is button:
                    return slot, name
        return None

    def show_slot(self, slot: Slot) -> None:
        """Scroll so the row is in the box, with its event's heading when both fit."""
        if slot.y + slot.h - slot.head <= self.inner.h:
            self.scroll.show(slot.head, slot.y + slot.h - slot.head)
        else:
            self.scroll.show(slot.y, slot.h)

    # drawing ----------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        pygame.draw.rect(surface, palette.PANEL, self.rect, border_radius=8)
        pygame.draw.rect(surface, palette.BORDER, self.rect, 1, border_radius=8)
        clip = surface.get_clip()
        surface.set_clip(self.inner)
        top = self.inner.y - self.scroll.offset
        for slot in self.slots:
            y = top + slot.y
            if y + slot.h >= self.inner.top and y <= self.inner.bottom and slot.row.override is not None:
                band = pygame.Rect(self.inner.x + ROW_INDENT - 8, y + 2, 4, slot.h - 4)
                pygame.draw.rect(surface, palette.YELLOW, band)
        for line in self.lines:
            y = top + line.y
            if y + line.size * 2 < self.inner.top or y > self.inner.bottom:
                continue
            text.draw(surface, line.words, (self.inner.x + line.x, y), line.size, line.colour, bold=line.bold)
        surface.set_clip(clip)

    def position(self) -> str:
        """Where the box is in the list, in words: "Changes 1–9 of 42" (nothing when all fit)."""
        if self.scroll.limit == 0 or not self.slots:
            return ""
        top, bottom = self.scroll.offset, self.scroll.offset + self.inner.h
        seen = [i for i, s in enumerate(self.slots) if s.y + s.h > top and s.y < bottom]
        if not seen:
            n = len(self.slots)
            # Translators: the English says "changes" for one too.
            return ngettext("{n} changes", "{n} changes", n).format(n=n)
        return _("Changes {first}–{last} of {n}").format(first=seen[0] + 1, last=seen[-1] + 1, n=len(self.slots))
