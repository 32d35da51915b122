"""A text field whose hint never reads as typed text.

pygame_gui draws a placeholder in the same colour and font as what the player
types, so "Player's name" in an empty field looked like a name already given.
``HintedEntry`` draws its hint dim and in italics while the field is empty and
not being typed in, and switches to the ordinary style as soon as it is.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextEntryLine

from .. import look
from ..theme import FONT_NAME

HINT_COLOUR = "#7E889C"  # the theme's disabled text: plainly not a value, still readable on the field
HINT_SIZE = 15  # the theme's size for text fields


class HintedEntry(UITextEntryLine):
    """A one-line text field with a dim, italic hint (``placeholder_text``) while it is empty."""

    def __init__(self, rect: pygame.Rect, manager, hint: str, **kwargs) -> None:
        self.hinting = False  # the field is drawn in the hint's style (set by every rebuild)
        super().__init__(rect, manager, placeholder_text=hint, **kwargs)

    def wants_hint(self) -> bool:
        """The hint shows only in an empty field nobody is typing in, as pygame_gui shows its placeholder."""
        return not getattr(self, "text", "") and not self.is_focused and bool(getattr(self, "placeholder_text", ""))

    def rebuild(self) -> None:
        hint = self.wants_hint()
        if not hint:
            super().rebuild()
        else:
            kept = self.text_colour, self.font, self.hidden_font
            italic = self.ui_theme.get_font_dictionary().find_font(look.px(HINT_SIZE), FONT_NAME, False, True)
            self.text_colour = pygame.Color(HINT_COLOUR)
            self.font = self.hidden_font = italic  # a PIN field's hint too: its typed digits are hidden in mono
            try:
                super().rebuild()
            finally:
                self.text_colour, self.font, self.hidden_font = kept
        self.hinting = hint

    def restyle(self) -> None:
        """Build the field again if its style no longer matches what it shows."""
        if self.wants_hint() != self.hinting:
            self.rebuild()

    def focus(self) -> None:
        self.is_focused = True
        self.restyle()  # typed style first: the next key typed must not appear dim
        super().focus()

    def unfocus(self) -> None:
        super().unfocus()
        self.restyle()

    def set_text(self, text: str | None) -> None:
        super().set_text(text)
        self.restyle()
