"""A segmented toggle: one choice among a few, as joined buttons.

A button whose label changed on every click ("Human" → "Bot: random" → …) did
not look like a choice, and the other options were hidden until clicked. Here
every option is on screen: the chosen one filled, the others outlined. The
keyboard reaches the group as one stop (its chosen segment); the arrows choose
the segment beside it, as in any group of radio buttons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton

from .. import palette, text
from ..board import TIP_MAX

if TYPE_CHECKING:
    from ..app import Screen

T = TypeVar("T")

CHOSEN, OTHER = "@segment_on", "@segment"  # the theme's classes: filled and outlined
JOIN = 2  # pixels each segment overlaps the one before: their borders make one line, as in one control
PLACES = ("#seg_first", "#seg_middle", "#seg_last", "#seg_only")  # the theme's corners for each place in the group


def place(i: int, n: int) -> str:
    """The corners of the ``i``th of ``n`` joined segments: rounded only at the group's ends."""
    if n == 1:
        return PLACES[3]
    return PLACES[0] if i == 0 else PLACES[2] if i == n - 1 else PLACES[1]


@dataclass
class Option(Generic[T]):
    value: T
    label: str
    tip: str = ""


@dataclass
class Segments(Generic[T]):
    """The options of one choice and the one chosen; ``build`` puts its buttons on a screen."""

    key: str
    options: list[Option[T]]
    chosen: T
    buttons: list[UIButton] = field(default_factory=list)

    def build(self, screen: Screen, x: int, y: int, width: int, height: int) -> None:
        """One button per option, ``width`` pixels each, added to ``screen`` (which reaches the group
        as one stop of its own focus order)."""
        n = len(self.options)
        self.buttons = [
            screen.add(
                UIButton(
                    pygame.Rect(x + i * (width - JOIN), y, width, height),
                    option.label,
                    screen.manager,
                    tool_tip_text=text.clip(option.tip, TIP_MAX) if option.tip else None,
                    object_id=ObjectID(
                        object_id=place(i, n), class_id=CHOSEN if option.value == self.chosen else OTHER
                    ),
                )
            )
            for i, option in enumerate(self.options)
        ]

    def value_of(self, element: object) -> T | None:
        """The option a button stands for, or None if it is not one of this group's."""
        for option, button in zip(self.options, self.buttons, strict=False):
            if button is element:
                return option.value
        return None

    def owns(self, element: object) -> bool:
        return any(button is element for button in self.buttons)

    def index(self) -> int:
        return next(i for i, o in enumerate(self.options) if o.value == self.chosen)

    def beside(self, step: int) -> T:
        """The option ``step`` places from the chosen one (the group's ends stop it)."""
        i = min(max(self.index() + step, 0), len(self.options) - 1)
        return self.options[i].value

    def chosen_button(self) -> UIButton:
        return self.buttons[self.index()]

    def rect(self) -> pygame.Rect:
        return self.buttons[0].rect.unionall([b.rect for b in self.buttons[1:]])

    def draw_focus(self, surface: pygame.Surface) -> None:
        """The keyboard's frame around the whole group, drawn beneath its buttons."""
        pygame.draw.rect(surface, palette.YELLOW, self.rect().inflate(8, 8), 3, border_radius=8)
