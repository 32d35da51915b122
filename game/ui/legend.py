"""The "Symbols" page of the F1 help: each mark the board draws, drawn again by the board's own code,
beside what it means.

The samples call the functions that draw the real marks (``board._shape``, ``board._line``, the
palette's colours), and the meter marks' thresholds are read off ``palette.level_symbol`` itself, so
the legend cannot drift from the board. The page scrolls: the wheel, the arrow keys, Page Up/Down.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from ..i18n import N_, _
from . import palette, text
from .board import _line, _shape

if TYPE_CHECKING:
    from ..rules.model import Scenario

SAMPLE_W = 96  # the column of drawn samples
GAP = 16
SIZE = 14
STEP = 40  # pixels one arrow key scrolls


@dataclass(frozen=True)
class Entry:
    """One mark: how to draw a sample of it in a box, and what it means."""

    draw: Callable[[pygame.Surface, pygame.Rect], None]
    words: str
    height: int = 44  # the sample's height


def meter_thirds() -> tuple[int, int]:
    """Where the meter marks change, in percent of a meter's range: (the dot from, the triangle up from),
    for a meter whose good direction is high; read off ``palette.level_symbol``, which the board draws
    them with. (The font has no such glyphs: the board draws the shapes, and the words name them.)"""
    marks = [palette.level_symbol(v, 0, 100) for v in range(101)]
    middle = next(v for v in range(101) if marks[v] != "▼")
    top = next(v for v in range(101) if marks[v] == "▲")
    return middle, top


def _plate(surface: pygame.Surface, words: str, centre, colour) -> None:
    """A number on a line, as the board draws it."""
    size = text.font(13, bold=True).size(words)
    box = pygame.Rect(0, 0, size[0] + 12, size[1] + 2)
    box.center = centre
    pygame.draw.rect(surface, palette.BOARD, box, border_radius=8)
    pygame.draw.rect(surface, colour, box, 1, border_radius=8)
    text.draw(surface, words, box.center, 13, colour, bold=True, anchor="center")


def _token(surface: pygame.Surface, centre, colour, initials: str = "AB", radius: int = 15) -> None:
    pygame.draw.circle(surface, palette.PANEL, centre, radius)
    pygame.draw.circle(surface, colour, centre, radius, 3)
    text.draw(surface, initials, centre, 12, palette.TEXT, bold=True, anchor="center")


def _meter_marks(surface: pygame.Surface, box: pygame.Rect) -> None:
    for i, value in enumerate((90, 50, 10)):
        colour = palette.level(value, 0, 100)
        _shape(surface, palette.level_symbol(value, 0, 100), (box.x + 14 + 30 * i, box.y + 12), colour)
        bar = pygame.Rect(box.x + 4 + 30 * i, box.y + 28, 22, 6)
        pygame.draw.rect(surface, palette.PANEL_LIGHT, bar, border_radius=3)
        pygame.draw.rect(surface, colour, pygame.Rect(bar.x, bar.y, max(4, bar.w * value // 100), 6), border_radius=3)


def _lines(surface: pygame.Surface, box: pygame.Rect) -> None:
    for i, value in enumerate((75, 20)):
        colour = palette.level(value, 0, 100)
        t = value / 100
        y = box.y + 10 + 26 * i
        _line(surface, colour, (box.x + 2, y), (box.right - 4, y), 2 + int(4 * t), dashed=t < 0.34)
        _plate(surface, str(value), (box.centerx, y), colour)


def _estimate(surface: pygame.Surface, box: pygame.Rect) -> None:
    colour = palette.level(47, 0, 100)
    _plate(surface, "40–55", (box.centerx, box.y + 12), colour)
    bar = pygame.Rect(box.x + 4, box.y + 30, box.w - 8, 8)
    pygame.draw.rect(surface, palette.PANEL_LIGHT, bar, border_radius=4)
    band = pygame.Rect(bar.x + bar.w * 40 // 100, bar.y - 2, bar.w * 15 // 100, bar.h + 4)
    pygame.draw.rect(surface, colour, band, 2, border_radius=4)


def _token_label(surface: pygame.Surface, box: pygame.Rect) -> None:
    _token(surface, (box.centerx, box.y + 16), palette.KIND["ally"])
    text.draw(surface, _("Pressure 10"), (box.centerx, box.y + 34), 12, palette.TEXT_DIM, anchor="midtop")


def _kinds(kinds: list[str]) -> Callable[[pygame.Surface, pygame.Rect], None]:
    def draw(surface: pygame.Surface, box: pygame.Rect) -> None:
        for i, kind in enumerate(kinds[:8]):
            row, col = divmod(i, 4)
            centre = (box.x + 11 + 24 * col, box.y + 11 + 24 * row)
            pygame.draw.circle(surface, palette.PANEL, centre, 9)
            pygame.draw.circle(surface, palette.KIND.get(kind, palette.TEXT_DIM), centre, 9, 3)

    return draw


def _rings(surface: pygame.Surface, box: pygame.Rect) -> None:
    """The board's rings around a token, at a third of their size: a target, the keyboard's, one chosen."""
    for i, (colour, width, extra) in enumerate(((palette.SKY, 2, 5), ((255, 255, 255), 3, 8), (palette.GREEN, 2, 4))):
        centre = (box.x + 16 + 32 * i, box.y + 20)
        _token(surface, centre, palette.TEXT_DIM, "", 9)
        pygame.draw.circle(surface, colour, centre, 9 + extra, width)


def _card(surface: pygame.Surface, box: pygame.Rect) -> None:
    card = pygame.Rect(box.x, box.y, box.w - 8, 44)
    pygame.draw.rect(surface, palette.PANEL_LIGHT, card, border_radius=8)
    pygame.draw.rect(surface, palette.YELLOW, card, 3, border_radius=8)
    letter, colour = palette.category_badge("private")
    badge = pygame.Rect(card.x + 6, card.y + 6, 30, 20)
    pygame.draw.rect(surface, colour, badge, border_radius=5)
    text.draw(surface, letter, badge.center, 12, (20, 20, 24), bold=True, anchor="center")
    text.draw(surface, "1", (badge.centerx, badge.bottom + 2), 12, palette.TEXT_DIM, bold=True, anchor="midtop")


def _badges(surface: pygame.Surface, box: pygame.Rect) -> None:
    for i, (letter, colour) in enumerate(palette.category_badge(c) for c in palette.CATEGORY):
        row, col = divmod(i, 3)
        badge = pygame.Rect(box.x + 30 * col, box.y + 24 * row, 26, 18)
        pygame.draw.rect(surface, colour, badge, border_radius=5)
        text.draw(surface, letter, badge.center, 11, (20, 20, 24), bold=True, anchor="center")


def _crisis(surface: pygame.Surface, box: pygame.Rect) -> None:
    """A crisis's card and a development's, in the board's colours."""
    for i, (symbol, edge, fill) in enumerate(
        (("!", palette.VERMILION, (58, 40, 34)), ("▲", palette.GREEN, (30, 54, 46)))
    ):
        card = pygame.Rect(box.x, box.y + 2 + 30 * i, box.w - 8, 26)
        pygame.draw.rect(surface, fill, card, border_radius=8)
        pygame.draw.rect(surface, edge, card, 2, border_radius=8)
        _shape(surface, symbol, (card.x + 14, card.y + 13), edge)


def _rounds(surface: pygame.Surface, box: pygame.Rect) -> None:
    for i in range(3):
        r = pygame.Rect(box.x + 28 * i, box.y + 8, 22, 22)
        if i == 0:
            pygame.draw.rect(surface, palette.BLUE, r, border_radius=5)
        elif i == 1:
            pygame.draw.rect(surface, palette.YELLOW, r, border_radius=5)
        else:
            pygame.draw.rect(surface, palette.PANEL_LIGHT, r, 1, border_radius=5)
        colour = (20, 20, 20) if i == 1 else palette.TEXT
        text.draw(surface, str(i + 1), r.center, 12, colour, bold=True, anchor="center")


def _own(surface: pygame.Surface, box: pygame.Rect) -> None:
    text.draw(surface, "3", (box.x + 40, box.y + 10), 14, palette.SKY, bold=True, anchor="midtop")


def entries(scenario: Scenario | None = None, shown: set[str] | None = None) -> list[Entry]:
    """The legend, naming the scenario's own meters where the seat looking may see them (``shown``:
    the meter ids of the screen behind the help; without it, public meters only)."""
    middle, top = meter_thirds()

    def visible(m) -> bool:
        return m.visibility == "public" or (shown is not None and m.id in shown)

    actor_meters = [m for m in scenario.actor_meters if visible(m)] if scenario else []
    trust = next((m for m in actor_meters if m.id == "trust"), None)
    trust_words = (
        _("“{label}” ({lo}–{hi})").format(label=trust.label, lo=trust.min, hi=trust.max) if trust else _("trust in us")
    )
    others = [m for m in actor_meters if m.id != "trust"]
    under = (
        "; ".join(_("“{word} 10” is its {label}").format(word=m.label.split()[0], label=m.label) for m in others)
        if others
        else _("“Pressure 10” is how much pressure it feels from us")
    )
    kinds = sorted({a.kind for a in scenario.actors}) if scenario else list(palette.KIND)
    kind_words = ", ".join(f"{palette.kind_name(k)} {_colour_name(palette.KIND.get(k))}" for k in kinds)
    categories = ", ".join(
        f"{palette.category_badge(name)[0]} {palette.category_name(name)}" for name in palette.CATEGORY
    )
    return [
        Entry(
            _meter_marks,
            _(
                "Beside a meter in “The situation”: a triangle pointing up, it is in the best third of its range "
                "(from {top}%); a dot, the middle third; a triangle pointing down, the worst third (below "
                "{middle}%). Best follows the meter: where lower is better (its tooltip says so), up means low. "
                "The colour says the same, blue good, grey middling, orange bad, and the bar under it fills with "
                "the value."
            ).format(top=top, middle=middle),
        ),
        Entry(
            _lines,
            _(
                "A line runs from “Our side” (the bar at the foot of the board) to each actor. Its number is that "
                "actor's {trust}: the line is thicker the higher it is, coloured like the meters, and dashed "
                "when it is in the worst third."
            ).format(trust=trust_words),
            54,
        ),
        Entry(
            _estimate,
            _(
                "A range instead of a number is an estimate: the true value is hidden somewhere in it. On a "
                "meter's bar the outlined stretch is that range."
            ),
        ),
        Entry(
            _token_label,
            _(
                "A token is an actor: its initials, with its name and kind under it, then its other meters by the "
                "first word of their name: {under}. On a small window they share the kind's line."
            ).format(under=under),
            50,
        ),
        Entry(
            _kinds(kinds),
            _("The token's outline is the actor's kind: {kinds}.").format(kinds=kind_words),
            24 * ((len(kinds) + 3) // 4),
        ),
        Entry(
            _rings,
            _(
                "Rings round a token while an instrument waits for its target: blue, you can aim at it (click "
                "it); white, with “Enter: aim here”, the target Tab has moved to; green, a target of an order you "
                "have already chosen this round."
            ),
        ),
        Entry(
            _card,
            _(
                "A card is an instrument in your hand. The number under its badge is its key. A yellow border: "
                "chosen, waiting for a target. Green with “Ordered this round”: in your orders. Dimmed with an "
                "orange line: not available now, and the line says why. Its last line gives its cost in capital "
                "and whether it is public or private."
            ),
        ),
        Entry(
            _badges,
            _("The badge's letter and colour are the instrument's category: {categories}.").format(
                categories=categories
            ),
            72,
        ),
        Entry(
            _crisis,
            _(
                "Under “Active crises and developments”: a red card with a warning sign is a crisis under way; a "
                "green one with a triangle pointing up is a development, good news for your seat on balance. "
                "Hover a card for its whole text."
            ),
            58,
        ),
        Entry(
            _rounds,
            _("The round track, top right: blue rounds are played, yellow is this round, outlined are to come."),
        ),
        Entry(
            _own,
            _(
                "Numbers in blue under “Your ministry” are your seat's own meters, such as political capital: "
                "private to your seat and the facilitator."
            ),
            28,
        ),
    ]


def _colour_name(colour) -> str:
    names = {
        palette.ORANGE: N_("orange"),
        palette.GREEN: N_("green"),
        palette.VERMILION: N_("red"),
        palette.YELLOW: N_("yellow"),
        palette.PURPLE: N_("pink"),
        palette.SKY: N_("blue"),
    }
    other = N_("white") if colour else N_("grey")
    name = _(names.get(colour, other))
    return f"({name})"


class Legend:
    """The entries laid out down a column, scrolled by ``scroll`` pixels."""

    def __init__(self, items: list[Entry]) -> None:
        self.items = items
        self.scroll = 0
        self.area = pygame.Rect(0, 0, 0, 0)
        self.rows: list[tuple[Entry, list[str], int]] = []  # entry, wrapped words, row height

    def layout(self, area: pygame.Rect) -> None:
        self.area = pygame.Rect(area)
        f = text.font(SIZE)
        width = area.w - SAMPLE_W - GAP - 14
        self.rows = []
        for entry in self.items:
            lines = text.wrap(entry.words, f, width)
            self.rows.append((entry, lines, max(entry.height, len(lines) * (f.get_linesize() + 1)) + 14))
        self.scroll_by(0)

    @property
    def content_h(self) -> int:
        return sum(h for _, _, h in self.rows)

    def scroll_by(self, dy: int) -> bool:
        before = self.scroll
        self.scroll = max(0, min(self.scroll + dy, max(0, self.content_h - self.area.h)))
        return self.scroll != before

    def scroll_to_end(self, end: bool) -> bool:
        return self.scroll_by(self.content_h if end else -self.content_h)

    def words(self) -> str:
        """All of the page's text, drawn or scrolled out of sight."""
        return "\n".join(e.words for e in self.items)

    def draw(self, surface: pygame.Surface) -> None:
        area = self.area
        clip = surface.get_clip()
        surface.set_clip(area)
        f = text.font(SIZE)
        y = area.y - self.scroll
        for entry, lines, h in self.rows:
            if y + h > area.y and y < area.bottom:
                entry.draw(surface, pygame.Rect(area.x, y + 4, SAMPLE_W, entry.height))
                for i, line in enumerate(lines):
                    text.draw(surface, line, (area.x + SAMPLE_W + GAP, y + i * (f.get_linesize() + 1)), SIZE)
            y += h
        surface.set_clip(clip)
        if self.content_h > area.h:  # where the page is, as the hand's scrollbar shows it
            track = pygame.Rect(area.right - 6, area.y, 6, area.h)
            pygame.draw.rect(surface, palette.PANEL_LIGHT, track, border_radius=3)
            h = max(30, area.h * area.h // self.content_h)
            top = area.y + (area.h - h) * self.scroll // max(1, self.content_h - area.h)
            pygame.draw.rect(surface, palette.BORDER, pygame.Rect(track.x, top, 6, h), border_radius=3)
