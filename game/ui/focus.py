"""Keyboard focus over an overlay's widgets, so a form of buttons, text boxes and drop-downs can be
filled in without the mouse: Tab and Shift+Tab move the focus, Enter or Space presses a button, the
arrows change a drop-down's choice, and a text box takes the typing while it has the focus.

pygame_gui gives no focus order of its own and opens drop-downs by mouse only; this ring is that
order. Entries are named by a stable key, so the focus survives an overlay being built again."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame
import pygame_gui
from pygame_gui import UIManager
from pygame_gui.elements import UIButton, UIDropDownMenu, UITextEntryBox

from . import palette

PRESS_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
NEXT_KEYS = (pygame.K_DOWN, pygame.K_RIGHT)
BACK_KEYS = (pygame.K_UP, pygame.K_LEFT)


@dataclass
class Move:
    """What a key asks of the overlay: press a button, or step a drop-down's choice by ``step``."""

    element: object
    step: int = 0


@dataclass
class FocusRing:
    manager: UIManager
    items: list[tuple[str, object]] = field(default_factory=list)
    current: str | None = None

    def clear(self) -> None:
        """Forget the widgets (they are being built again); the focused key is kept."""
        self.items = []

    def add(self, key: str, element: object) -> None:
        self.items.append((key, element))

    def replace(self, old: object, new: object) -> None:
        self.items = [(k, new if e is old else e) for k, e in self.items]

    def focused(self) -> object | None:
        for key, element in self.items:
            if key == self.current:
                return element
        return None

    def _typing_in(self) -> object | None:
        """The ring's text box the mouse put the typing in, if any."""
        chosen = self.manager.get_focus_set() or set()
        return next((e for _, e in self.items if isinstance(e, UITextEntryBox) and e in chosen), None)

    def move(self, step: int) -> None:
        if not self.items:
            return
        clicked = self._typing_in()
        keys = [k for k, _ in self.items]
        here = next(k for k, e in self.items if e is clicked) if clicked is not None else self.current
        pos = (keys.index(here) + step) % len(keys) if here in keys else (0 if step > 0 else len(keys) - 1)
        self.current = keys[pos]
        self.show()

    def show(self) -> None:
        """Mark the focused widget: a button is selected, a text box takes the keys, a drop-down is outlined."""
        target = self.focused()
        for _, element in self.items:
            if isinstance(element, UIButton) and element is not target:
                element.unselect()
        if isinstance(target, UIButton):
            target.select()
        self.manager.set_focus_set(target if isinstance(target, UITextEntryBox) else None)

    def handle(self, event: pygame.event.Event) -> Move | None:
        """Tab moves the focus here; Enter, Space and the arrows come back as a ``Move`` for the overlay."""
        if event.type != pygame.KEYDOWN:
            return None
        if event.key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return None
        target = self.focused()
        if target is None or self._typing_in() is not None:
            return None  # the keys are text being typed
        if isinstance(target, UIButton) and event.key in PRESS_KEYS:
            return Move(target)
        if isinstance(target, UIDropDownMenu) and event.key in NEXT_KEYS + BACK_KEYS:
            return Move(target, 1 if event.key in NEXT_KEYS else -1)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """An outline around the focused widget, drawn beneath it so it shows as a frame."""
        target = self._typing_in() or self.focused()
        rect = getattr(target, "rect", None)
        if rect is not None and getattr(target, "visible", True):
            pygame.draw.rect(surface, palette.YELLOW, rect.inflate(8, 8), 3, border_radius=6)


def open_menus(elements) -> list[UIDropDownMenu]:
    """The drop-downs among ``elements`` whose list is open."""
    return [e for e in elements if isinstance(e, UIDropDownMenu) and e.current_state is e.menu_states["expanded"]]


def fold(menu: UIDropDownMenu) -> None:
    """Close an open drop-down's list, its choice as it is."""
    state = menu.current_state
    if state is not None:
        state.should_transition = True


def fold_on_chosen_again(manager: UIManager, event: pygame.event.Event) -> bool:
    """A click on the option already chosen in an open drop-down's list closes the list, its choice kept,
    as a desktop list does (pygame_gui un-marks that option and leaves the list open, saying so with
    ``UI_SELECTION_LIST_DROPPED_SELECTION``); whether it did."""
    if event.type != pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION:
        return False
    for menu in open_menus(manager.get_sprite_group().sprites()):
        if getattr(menu.current_state, "options_selection_list", None) is event.ui_element:
            fold(menu)
            return True
    return False


def stepped(menu: UIDropDownMenu, step: int) -> str:
    """The option ``step`` places after a drop-down's current one (wrapping round)."""
    texts = [o[0] if isinstance(o, tuple) else o for o in menu.options_list]
    pick = menu.selected_option
    now = pick[0] if isinstance(pick, tuple) else pick
    pos = texts.index(now) if now in texts else 0
    return texts[(pos + step) % len(texts)]
