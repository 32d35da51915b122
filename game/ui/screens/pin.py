"""The facilitator's PIN dialog.

A wrong PIN keeps the dialog open, says so inside it and empties the entry: the
facilitator types again at once, and no key meant for the dialog can reach the
screen behind it (an open dialog takes every key).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pygame

from ...i18n import N_, _
from ...session import control
from .. import palette, text
from ..overlays import PromptOverlay

if TYPE_CHECKING:
    from ...session.game import Game
    from ..app import App

WRONG_PIN = N_("That is not the facilitator's PIN. Try again, or Cancel (Esc).")


class PinOverlay(PromptOverlay):
    """Ask for the facilitator's PIN of ``game``; ``on_ok`` runs only when it is right."""

    width, height = 540, 236

    def __init__(self, app: App, on_ok: Callable[[], object], game: Game, title: str | None = None) -> None:
        super().__init__(app, _("Facilitator PIN") if title is None else title, "", _("Open"), lambda pin: on_ok())
        self.game = game
        self.error = ""

    def build(self) -> None:
        super().build()
        self.entry.set_text_hidden(True)
        self.entry.set_allowed_characters("numbers")  # a PIN is digits: any other key types nothing

    def submit(self) -> None:
        pin = self.entry.get_text().strip()
        if not pin:
            self.error = _("Type the PIN first.")
        elif control.check_pin(self.game, pin):
            self.close()
            self.on_ok(pin)
            return
        else:
            self.error = _(WRONG_PIN)
        self.entry.set_text("")
        self.entry.focus()
        self.app.dirty = True

    def draw_under(self, surface: pygame.Surface) -> None:
        super().draw_under(surface)
        if self.error:
            r = self.rect
            f = text.font(15, bold=True)
            for i, line in enumerate(text.wrap(self.error, f, r.w - 40)[:2]):
                text.draw(surface, line, (r.x + 20, r.y + 112 + 22 * i), 15, palette.BAD, bold=True)
