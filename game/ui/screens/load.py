"""The saves on this computer: load one to play on, or replay it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList

from .base import MenuScreen

if TYPE_CHECKING:
    from ...session.slots import SaveInfo


class LoadScreen(MenuScreen):
    def __init__(self, app):
        super().__init__(app)
        self.damaged: dict = {}  # path -> reason, for saves found damaged only when replayed

    def build(self) -> None:
        w, h = self.app.size
        m = self.manager
        import attrs

        from ...session.slots import list_saves

        self.saves = [
            attrs.evolve(s, error=self.damaged[s.path]) if s.path in self.damaged else s for s in list_saves()
        ]
        self.label(pygame.Rect(40, 24, w - 80, 40), "Load a game", "#heading")
        labels: list[str | tuple[str, str]] = [s.label for s in self.saves] or [
            "No saved games yet. Games are autosaved after every phase."
        ]
        self.list = self.add(UISelectionList(pygame.Rect(40, 76, w - 80, h - 170), labels, m))
        self.choice: SaveInfo | None = None
        self.back = self.button((40, h - 74, 140, 44), "Back")
        self.replay = self.button(
            (w - 480, h - 74, 200, 44),
            "Replay",
            "Step through the chosen game round by round, everything visible, and try a different course "
            "from any round. Nothing is changed. A game not yet finished needs the facilitator's PIN.",
        )
        self.load = self.button((w - 260, h - 74, 220, 44), "Load", object_id="#primary")
        self.load.disable()
        self.replay.disable()

    def on_event(self, event) -> bool:
        if (
            event.type
            in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION)
            and event.ui_element is self.list
        ):
            labels = [s.label for s in self.saves]
            if event.text in labels:
                self.choose(self.saves[labels.index(event.text)])
                if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
                    self.on_button(self.load)
            return True
        return False

    def on_key(self, event) -> bool:
        if event.key in (pygame.K_UP, pygame.K_DOWN) and self.saves:
            labels: list[str | tuple[str, str]] = [s.label for s in self.saves]
            choice = self.choice
            i = labels.index(choice.label) if choice is not None and choice in self.saves else -1
            i = (i + (1 if event.key == pygame.K_DOWN else -1)) % len(self.saves)
            choice = self.choice = self.saves[i]
            self.list.kill()
            rect = self.list.relative_rect
            self.list = self.add(UISelectionList(rect, labels, self.manager, default_selection=choice.label))
            self.choose(choice)
            self.app.dirty = True
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.choice is not None:
            self.on_button(self.load)
            return True
        return False

    def mark_damaged(self, path, error) -> None:
        """A save that failed to replay is listed as damaged from now on."""
        self.damaged[Path(path)] = (
            f"damaged save: {error.reason}" if getattr(error, "damaged", True) else str(getattr(error, "reason", error))
        )
        self.rebuild()

    def choose(self, info) -> None:
        """Select a save; a damaged one (its reason is in its label) cannot be opened."""
        self.choice = info
        for button in (self.load, self.replay):
            if info.error:
                button.disable()
            else:
                button.enable()
        if info.error:
            self.app.toast("This save is damaged and cannot be opened; your other saves are fine.")

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
