"""The saves on this computer: load one to play on, or replay it.

One entry per game, not one per autosave: a game's newest autosave says where
it stands and Load resumes it; its earlier autosaves open beneath it (the
triangle, the arrow right, or Space). Named saves come first. A file that
cannot be read is listed at the end with the reason, and the others still load.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pygame

from ...i18n import N_, _, ngettext
from ...session.save_groups import SaveListing, group_saves
from ...session.slots import list_saves
from .. import look, palette, text
from ..look import px
from .base import MenuScreen
from .save_list import GAME, SaveList

if TYPE_CHECKING:
    from ...session.slots import SaveInfo

TOP, BOTTOM = 96, 110  # the list's box: under the heading and its count, above the keys and the buttons
KEYS_HINT = N_("Up and Down: choose · Right or Space: show a game's autosaves · Left: fold them · Enter: load")
DOUBLE_CLICK = 0.4  # seconds


class LoadScreen(MenuScreen):
    box: SaveList  # the list of saves, laid out by each build

    def __init__(self, app):
        super().__init__(app)
        self.damaged: dict = {}  # path -> reason, for saves found damaged only when replayed
        self.expanded: set[str] = set()  # the games whose autosaves are shown
        self.chosen_key: str | None = None  # the row chosen, kept when the list is laid out again
        self.choice: SaveInfo | None = None
        self.last_click: tuple[str | None, float] = (None, 0.0)  # the row clicked last, and when

    # the saves ----------------------------------------------------------------------------------
    def read(self) -> None:
        self.saves = [
            attrs.evolve(s, error=self.damaged[s.path]) if s.path in self.damaged else s for s in list_saves()
        ]
        self.listing: SaveListing = group_saves(self.saves)

    def summary(self) -> str:
        listing = self.listing
        parts = []
        if listing.named:
            n = len(listing.named)
            parts.append(ngettext("{n} saved game", "{n} saved games", n).format(n=n))
        if listing.games:
            n = len(listing.games)
            parts.append(ngettext("{n} game autosaved", "{n} games autosaved", n).format(n=n))
        if listing.broken:
            n = len(listing.broken)
            parts.append(
                ngettext(
                    "{n} file cannot be loaded (it is last)", "{n} files cannot be loaded (they are last)", n
                ).format(n=n)
            )
        return " · ".join(parts)

    # building -----------------------------------------------------------------------------------
    def build(self) -> None:
        w, h = self.app.size
        self.read()
        self.label(pygame.Rect(40, 24, w - 80, px(40)), _("Load a game"), "#heading")
        self.label(pygame.Rect(40, 24 + px(40), w - 80, px(24)), self.summary(), "#dim")
        offset = self.box.scroll.offset if hasattr(self, "box") else 0  # a list built again keeps its place
        box = pygame.Rect(40, px(TOP), w - 80, h - px(TOP) - px(BOTTOM))
        rows = self.box = SaveList(box, self.listing, self.expanded, offset)
        bar = rows.scroll.add_bar(
            pygame.Rect(rows.rect.right - 22, rows.rect.y + 6, 16, rows.rect.h - 12), self.manager
        )
        if bar is not None:
            self.add(bar)
        self.back = self.button((40, h - 74, 140, 44), _("Back"))
        self.replay = self.button(
            (w - 480, h - 74, 200, 44),
            _("Replay"),
            _(
                "Step through the chosen game round by round, everything visible, and try a different course "
                "from any round. Nothing is changed. A game not yet finished needs the facilitator's PIN."
            ),
        )
        self.load = self.button((w - 260, h - 74, 220, 44), _("Load"), object_id="#primary")
        index = self.box.find(self.chosen_key) if self.chosen_key else None
        if index is not None:
            self.box.choose(index)
            self.box.scroll.to(offset)  # as it was: choosing again must not move the list
        self.sync_buttons()

    def relay(self) -> None:
        """The list laid out again (a game opened or folded), the chosen row kept in view."""
        self.rebuild()
        if self.box.chosen is not None:
            self.box.choose(self.box.chosen)

    def sync_buttons(self) -> None:
        usable = self.choice is not None and not self.choice.error
        for button in (self.load, self.replay):
            button.enable() if usable else button.disable()

    # choosing -----------------------------------------------------------------------------------
    def choose_row(self, index: int | None) -> None:
        row = self.box.choose(index)
        if row is None:
            return
        self.chosen_key = row.key
        if row.save is not None:
            self.choose(row.save)
        self.app.dirty = True

    def choose(self, info) -> None:
        """Select a save; a damaged one (its reason is in its line) cannot be opened."""
        self.choice = info
        if self.box.chosen is None or self.box.rows[self.box.chosen].save is not info:
            index = next((i for i, r in enumerate(self.box.rows) if r.save is info), None)
            if index is not None:
                self.box.choose(index)
                self.chosen_key = self.box.rows[index].key
        self.sync_buttons()
        if info.error:
            self.app.toast(_("This save is damaged and cannot be opened; your other saves are fine."))

    def open_game(self, index: int, open_: bool) -> None:
        """Show or fold the autosaves of the game at row ``index`` (or of the game an autosave is under)."""
        game = self.box.game_of(index)
        if game is None:
            return
        row = self.box.rows[game]
        key = row.game.key if row.game is not None else ""
        if (key in self.expanded) == open_:
            return
        if open_:
            self.expanded.add(key)
        else:
            self.expanded.discard(key)
            self.chosen_key = row.key  # an autosave folded away: its game stays chosen
            self.choose(row.save) if row.save is not None else None
        self.relay()

    def unfocus_buttons(self) -> None:
        """The arrows are in the list now: Enter loads the chosen save, not a button Tab went to."""
        if 0 <= self.focus_index < len(self.focusables):
            self.focusables[self.focus_index].unselect()
        self.focus_index = -1

    # keys and the mouse ---------------------------------------------------------------------------
    def on_key(self, event) -> bool:
        rows, chosen = self.box, self.box.chosen
        moves = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_HOME: -(10**6), pygame.K_END: 10**6}
        moves.update({pygame.K_PAGEUP: -rows.page(), pygame.K_PAGEDOWN: rows.page()})
        if event.key in moves:
            self.unfocus_buttons()
            row = rows.step(moves[event.key])
            if row is not None:
                self.choose_row(rows.rows.index(row))
            return True
        if event.key in (pygame.K_RIGHT, pygame.K_SPACE, pygame.K_LEFT) and chosen is not None:
            row = rows.rows[chosen]
            if event.key == pygame.K_LEFT:
                self.open_game(chosen, False)
            elif row.kind == GAME:
                opened = row.game is not None and row.game.key in self.expanded
                self.open_game(chosen, not opened if event.key == pygame.K_SPACE else True)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focused() is None and self.choice is not None:
            self.on_button(self.load)
            return True
        return False

    def on_event(self, event) -> bool:
        rows = self.box
        if event.type == pygame.MOUSEWHEEL:
            if rows.scroll.wheel(event.y):
                self.app.dirty = True
            return True
        if event.type == pygame.MOUSEMOTION:
            hover = rows.row_at(event.pos)
            if hover != rows.hover:
                rows.hover = hover
                self.app.dirty = True
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            index = rows.row_at(event.pos)
            if index is None:
                return False
            self.unfocus_buttons()
            if rows.on_triangle(index, event.pos):
                game = rows.rows[index].game
                self.choose_row(index)
                self.open_game(index, game is not None and game.key not in self.expanded)
                return True
            now = pygame.time.get_ticks() / 1000
            again = self.last_click[0] == rows.rows[index].key and now - self.last_click[1] < DOUBLE_CLICK
            self.choose_row(index)
            self.last_click = (rows.rows[index].key, now)
            if again:
                self.on_button(self.load)  # a double click loads
            return True
        return False

    def update(self, dt: float) -> bool:
        if self.box.scroll.follow_bar():
            self.app.dirty = True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        self.box.draw(surface)
        w, h = self.app.size
        where = self.box.position()
        if where:  # beside the count of saves, at the right
            text.draw(surface, where, (w - 40, 24 + px(52)), 13, palette.TEXT_DIM, anchor="midright")
        lines = text.wrap(_(KEYS_HINT), text.font(13), w - 80, max_lines=2)
        step = 16 if look.percent() == look.DEFAULT else text.font(13).get_linesize()
        for i, line in enumerate(lines):
            text.draw(surface, line, (40, h - px(BOTTOM) + 6 + i * step), 13, palette.TEXT_DIM)

    # actions ------------------------------------------------------------------------------------
    def mark_damaged(self, path, error) -> None:
        """A save that failed to replay is listed as damaged from now on."""
        self.damaged[Path(path)] = (
            _("damaged save: {reason}").format(reason=error.reason)
            if getattr(error, "damaged", True)
            else str(getattr(error, "reason", error))
        )
        if self.choice is not None and self.choice.path == Path(path):
            self.choice = attrs.evolve(self.choice, error=self.damaged[Path(path)])
        self.rebuild()

    def on_button(self, element) -> None:
        if self.choice is not None and self.choice.error and element in (self.load, self.replay):
            return
        if element is self.back:
            self.on_back()
        elif element is self.load and self.choice is not None:
            from .flow import resume_game

            resume_game(self.app, self.choice.path)
        elif element is self.replay and self.choice is not None:
            from .replay import open_replay

            open_replay(self.app, self.choice.path)

    def on_back(self) -> None:
        self.app.route.title()

    def help_lines(self) -> list[tuple[str, str]]:
        return [
            (_("Up / Down"), _("choose a save (Page Up / Page Down, Home / End jump)")),
            (_("Right or Space"), _("show the chosen game's autosaves, newest first (Space again folds them)")),
            (_("Left"), _("fold them away")),
            (_("Enter"), _("load the chosen save (or press the button Tab moved to)")),
            (_("Mouse"), _("click to choose, the triangle to open a game, a double click to load; the wheel scrolls")),
            (_("Esc"), _("back to the title")),
        ]
