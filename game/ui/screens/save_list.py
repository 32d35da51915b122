"""The Load screen's list, drawn by the screen and scrolled by ``game.ui.scroll``.

Three parts under their headings: the saves a player named (a yellow band and
a "Saved" tag, so they stand out), then one entry per game with a triangle
that opens its autosaves beneath it, then the files that cannot be loaded,
each with the reason. pygame_gui's selection list draws every line alike, so
the rows are drawn here, each laid out once for the list's width; only those
in the box are drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from ...i18n import N_, _, ngettext
from ...session.save_groups import GameSaves, SaveListing
from ...session.slots import SaveInfo, printable
from .. import palette, text
from ..scroll import Scroll
from .save_words import broken, joined, players, progress, when

HEADING, NAMED, GAME, AUTOSAVE, BROKEN, EMPTY = "heading", "named", "game", "autosave", "broken", "empty"
PAD = 10  # inside a row
INDENT = 44  # an autosave under its game; the game's text after its triangle
BADGE_W = 58  # the "Saved" tag before a named save's name
BAR_W = 16
GAP = 4  # between rows
EMPTY_TEXT = N_("No saved games yet. Games are autosaved after every phase.")


@dataclass
class Line:
    words: str
    size: int
    colour: tuple
    bold: bool = False
    x: int = 0  # from the row's left edge
    y: int = 0  # from the row's top


@dataclass
class Row:
    kind: str
    key: str
    save: SaveInfo | None = None  # what Load opens when the row is chosen
    game: GameSaves | None = None
    lines: list[Line] = field(default_factory=list)
    y: int = 0
    h: int = 0

    @property
    def choosable(self) -> bool:
        return self.kind not in (HEADING, EMPTY)


def row_key(kind: str, save: SaveInfo) -> str:
    return f"{kind}:{save.path}"


class SaveList:
    """The rows of a ``SaveListing`` in ``rect``, the games in ``expanded`` opened; one row chosen."""

    def __init__(self, rect: pygame.Rect, listing: SaveListing, expanded: set[str], offset: int = 0) -> None:
        self.rect = rect
        self.inner = pygame.Rect(rect.x + 6, rect.y + 6, rect.w - 12 - BAR_W - 4, rect.h - 12)
        self.listing, self.expanded = listing, expanded
        self.chosen: int | None = None
        self.hover: int | None = None
        self.rows = self.lay_out()
        self.scroll = Scroll(self.inner.h, self.content_height(), offset)

    # laying out ---------------------------------------------------------------------------------
    def lay_out(self) -> list[Row]:
        rows: list[Row] = []
        listing = self.listing
        if listing.empty:
            rows.append(self.row(Row(EMPTY, "empty"), [(_(EMPTY_TEXT), 15, palette.TEXT_DIM, False, 0)]))
        if listing.named:
            rows.append(self.heading("Saved games", _("Saved games"), _("saved under a name with Ctrl+S")))
            for save in listing.named:
                rows.append(self.named(save))
        if listing.games:
            about = _("each autosaved after every phase: open one to pick an earlier point")
            rows.append(self.heading("Games", _("Games"), about))
            for game in listing.games:
                rows.append(self.game(game))
                if game.key in self.expanded:
                    rows.extend(self.autosave(save) for save in game.autosaves)
        if listing.broken:
            about = _("these files are damaged; your other saves are fine")
            rows.append(self.heading("Cannot be loaded", _("Cannot be loaded"), about))
            for save in listing.broken:
                rows.append(self.row(Row(BROKEN, row_key(BROKEN, save), save), [(broken(save), 14, palette.ORANGE)]))
        y = 0
        for row in rows:
            row.y = y
            y += row.h + GAP
        return rows

    def row(self, row: Row, parts: list[tuple], x: int = PAD, top: int = 7) -> Row:
        """``row`` with ``parts`` (words, size, colour[, bold[, x]]) wrapped to the list's width, line under line."""
        y = top
        for part in parts:
            words, size, colour = part[:3]
            bold = part[3] if len(part) > 3 else False
            left = part[4] if len(part) > 4 else x
            f = text.font(size, bold)
            for line in text.wrap(words, f, self.inner.w - left - PAD):
                row.lines.append(Line(line, size, colour, bold, left, y))
                y += f.get_linesize()
        row.h = y + 7
        return row

    def heading(self, key: str, title: str, about: str) -> Row:
        return self.row(
            Row(HEADING, f"heading:{key}"),
            [(f"{title} — {about}", 14, palette.TEXT_DIM, True)],
            x=2,
            top=10,
        )

    def named(self, save: SaveInfo) -> Row:
        saved = _("saved {when}").format(when=when(save.created))
        about = joined(save.title, progress(save), players(save), saved)
        return self.row(
            Row(NAMED, row_key(NAMED, save), save),
            [(printable(save.path.stem), 17, palette.TEXT, True, PAD + BADGE_W + 8), (about, 14, palette.TEXT_DIM)],
        )

    def game(self, game: GameSaves) -> Row:
        latest = game.latest
        n = len(game.autosaves)
        count = ngettext("{n} autosave", "{n} autosaves", n).format(n=n)
        played = _("last played {when}").format(when=when(game.last_played))
        about = joined(players(latest), progress(latest), played, count)
        return self.row(
            Row(GAME, f"game:{game.key}", latest, game),
            [(printable(latest.title), 17, palette.TEXT, True, INDENT), (about, 14, palette.TEXT_DIM, False, INDENT)],
        )

    def autosave(self, save: SaveInfo) -> Row:
        if save.error:
            return self.row(Row(AUTOSAVE, row_key(AUTOSAVE, save), save), [(broken(save), 14, palette.ORANGE)], INDENT)
        line = joined(when(save.created, seconds=True), progress(save))
        return self.row(Row(AUTOSAVE, row_key(AUTOSAVE, save), save), [(line, 14, palette.TEXT)], INDENT, top=5)

    def content_height(self) -> int:
        return self.rows[-1].y + self.rows[-1].h if self.rows else 0

    # choosing -------------------------------------------------------------------------------------
    def choosable(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r.choosable]

    def choose(self, index: int | None) -> Row | None:
        self.chosen = index
        if index is None:
            return None
        row = self.rows[index]
        top = row.y
        if index > 0 and self.rows[index - 1].kind == HEADING:
            top = self.rows[index - 1].y  # the first row of a part shows with its heading
        self.scroll.show(top, row.y + row.h - top)
        return row

    def step(self, by: int) -> Row | None:
        """The row ``by`` choosable rows from the chosen one (the first when none is), kept within the list."""
        rows = self.choosable()
        if not rows:
            return None
        here = rows.index(self.chosen) if self.chosen in rows else (-1 if by > 0 else len(rows))  # none: from an end
        pos = min(max(here + by, 0), len(rows) - 1)
        return self.choose(rows[pos])

    def find(self, key: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.key == key), None)

    def game_of(self, index: int) -> int | None:
        """The game row an autosave row is folded under (or the game row itself); None for other rows."""
        for i in range(index, -1, -1):
            if self.rows[i].kind == GAME:
                return i
            if self.rows[i].kind != AUTOSAVE:
                return None
        return None

    def page(self) -> int:
        """How many rows a page key moves: about a box's height of them."""
        heights = [r.h + GAP for r in self.rows if r.choosable] or [1]
        return max(1, self.inner.h // (sum(heights) // len(heights)) - 1)

    # the mouse ----------------------------------------------------------------------------------------
    def row_at(self, pos) -> int | None:
        if not self.inner.collidepoint(pos):
            return None
        y = pos[1] - self.inner.y + self.scroll.offset
        for i, row in enumerate(self.rows):
            if row.y <= y < row.y + row.h:
                return i if row.choosable else None
        return None

    def on_triangle(self, index: int, pos) -> bool:
        """Whether ``pos`` is on a game row's triangle (a click there opens or closes the game)."""
        return self.rows[index].kind == GAME and pos[0] < self.inner.x + INDENT

    # drawing ------------------------------------------------------------------------------------------
    def row_rect(self, row: Row) -> pygame.Rect:
        return pygame.Rect(self.inner.x, self.inner.y + row.y - self.scroll.offset, self.inner.w, row.h)

    def draw(self, surface: pygame.Surface) -> None:
        pygame.draw.rect(surface, palette.PANEL, self.rect, border_radius=8)
        pygame.draw.rect(surface, palette.BORDER, self.rect, 1, border_radius=8)
        clip = surface.get_clip()
        surface.set_clip(self.inner)
        for i, row in enumerate(self.rows):
            box = self.row_rect(row)
            if box.bottom < self.inner.top or box.top > self.inner.bottom:
                continue
            self.draw_row(surface, row, box, chosen=i == self.chosen, hover=i == self.hover)
        surface.set_clip(clip)

    def draw_row(self, surface: pygame.Surface, row: Row, box: pygame.Rect, chosen: bool, hover: bool) -> None:
        if row.kind == AUTOSAVE:
            box = box.inflate(-INDENT + 12, 0).move((INDENT - 12) // 2, 0)
        if row.choosable:
            fill = palette.PANEL_LIGHT if chosen or hover else palette.BG
            pygame.draw.rect(surface, fill, box, border_radius=6)
            if chosen:
                pygame.draw.rect(surface, palette.SKY, box, 2, border_radius=6)
        if row.kind == NAMED:
            pygame.draw.rect(surface, palette.YELLOW, pygame.Rect(box.x, box.y + 4, 5, box.h - 8), border_radius=2)
            tag = pygame.Rect(box.x + PAD, box.y + 9, BADGE_W, 20)
            pygame.draw.rect(surface, palette.YELLOW, tag, 1, border_radius=4)
            # Translators: the tag before a save the player named (58 pixels wide: keep it short).
            text.draw(surface, _("Saved"), tag.center, 13, palette.YELLOW, bold=True, anchor="center")
        if row.kind == GAME and row.game is not None:
            self.draw_triangle(surface, box, row.game.key in self.expanded)
        left = self.inner.x
        for line in row.lines:
            text.draw(surface, line.words, (left + line.x, box.y + line.y), line.size, line.colour, bold=line.bold)

    @staticmethod
    def draw_triangle(surface: pygame.Surface, box: pygame.Rect, open_: bool) -> None:
        """Pointing right when the game's autosaves are folded away, down when they are shown."""
        cx, cy = box.x + 22, box.y + 19
        points = (
            [(cx - 6, cy - 4), (cx + 6, cy - 4), (cx, cy + 4)]
            if open_
            else [(cx - 4, cy - 6), (cx + 4, cy), (cx - 4, cy + 6)]
        )
        pygame.draw.polygon(surface, palette.TEXT_DIM, points)

    def position(self) -> str:
        """Where the box is in the list ("Saves 1–8 of 23"), or "" when the whole list is in view."""
        if self.scroll.limit == 0:
            return ""
        top, bottom = self.scroll.offset, self.scroll.offset + self.inner.h
        rows = [r for r in self.rows if r.choosable]
        seen = [i for i, r in enumerate(rows) if r.y >= top and r.y + r.h <= bottom]  # the rows seen whole
        if not seen:
            return ""
        return _("Showing {first}–{last} of {n} · the wheel or Page Down for more").format(
            first=seen[0] + 1, last=seen[-1] + 1, n=len(rows)
        )
