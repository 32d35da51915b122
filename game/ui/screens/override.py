"""The facilitator overrides one proposed change: a new amount and a reason.

The dialog says which meter and which event, in full; what the engine
proposed; and takes the new change and the reason in fields of their own. A bad
amount or a missing reason is said inside the dialog, and nothing changes until
both are right.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UITextEntryLine

from ...i18n import _
from .. import palette, text
from ..overlays import Overlay
from .review_rows import moved, signed

if TYPE_CHECKING:
    from ...rules.model import Meter
    from ...rules.state import Change, Override
    from ..app import App

AMOUNT = re.compile(r"^[+-]?\d{1,4}$")
WIDTH = 660


def parse_amount(raw: str, meter: Meter, label: str) -> tuple[int | None, str]:
    """The whole number typed, or None and what is wrong with it."""
    raw = raw.strip().replace("−", "-").replace(" ", "")
    if not AMOUNT.match(raw):
        return None, _("The new change must be a whole number, like +2, 0 or -3.")
    delta = int(raw)
    span = meter.max - meter.min
    if abs(delta) > span:
        return None, _("{meter} runs from {min} to {max}: it cannot move by {delta}.").format(
            meter=label, min=meter.min, max=meter.max, delta=signed(delta)
        )
    return delta, ""


class OverrideOverlay(Overlay):
    """Ask for the new change of ``label`` in the event ``event`` (its heading), proposed as ``proposed``."""

    def __init__(
        self,
        app: App,
        label: str,
        event: str,
        meter: Meter,
        proposed: Change | None,
        current: Override | None,
        on_ok: Callable[[int, str], None],
    ) -> None:
        super().__init__(app)
        self.label_text, self.event, self.meter = label, event, meter
        self.proposed, self.current, self.on_ok = proposed, current, on_ok
        self.error = ""
        self.width = WIDTH
        w = min(WIDTH, app.size[0] - 40) - 40
        self.title_lines = text.wrap(_("Override: {meter}").format(meter=label), text.font(22, True), w)
        self.event_lines = text.wrap(_("In: {event}").format(event=event), text.font(15), w)
        self.proposal_lines = text.wrap(self.proposal_words(), text.font(15), w)
        lines = 30 * len(self.title_lines) + 21 * len(self.event_lines) + 22 * len(self.proposal_lines)
        self.height = 314 + lines

    def proposal_words(self) -> str:
        was = (
            _("The engine proposed {change}.").format(change=moved(self.proposed, first=False))
            if self.proposed
            else _("The engine proposed no change.")
        )
        if self.current is not None:
            was += " " + _("You set {delta}: {reason}").format(
                delta=signed(self.current.delta), reason=self.current.reason
            )
        return was

    def build(self) -> None:
        r = self.rect
        m = self.app.manager
        x, w = r.x + 20, r.w - 40
        y = r.y + 12 + 30 * len(self.title_lines) + 4 + 21 * len(self.event_lines) + 12
        y += 22 * len(self.proposal_lines) + 10
        self.elements.append(UILabel(pygame.Rect(x, y, w, 22), _("New change (a whole number: +2, 0 or -3)"), m))
        self.amount = UITextEntryLine(pygame.Rect(x, y + 24, 160, 38), m, placeholder_text=_("e.g. -2"))
        self.amount.set_allowed_characters(list("0123456789+-−"))
        self.amount.set_text_length_limit(5)
        if self.current is not None:
            start = self.current.delta
        else:
            start = self.proposed.after - self.proposed.before if self.proposed else 0
        self.amount.set_text(signed(start))
        y += 72
        why = _("Reason (required: it goes in the log and the review)")
        self.elements.append(UILabel(pygame.Rect(x, y, w, 22), why, m))
        self.reason = UITextEntryLine(pygame.Rect(x, y + 24, w, 38), m, placeholder_text=_("Why this change?"))
        self.reason.set_text_length_limit(200)
        if self.current:
            self.reason.set_text(self.current.reason)
        self.error_y = y + 70
        self.ok = UIButton(pygame.Rect(r.right - 150, r.bottom - 54, 130, 38), _("Override"), m, object_id="#primary")
        self.cancel = UIButton(pygame.Rect(r.right - 290, r.bottom - 54, 130, 38), _("Cancel"), m)
        self.elements += [self.amount, self.reason, self.ok, self.cancel]
        self.focus(self.reason if self.current is None else self.amount)

    def focus(self, entry: UITextEntryLine) -> None:
        self.app.manager.set_focus_set(entry)
        self.app.dirty = True

    def draw_under(self, surface: pygame.Surface) -> None:
        super().draw_under(surface)
        r = self.rect
        x, y = r.x + 20, r.y + 12
        for line in self.title_lines:
            text.draw(surface, line, (x, y), 22, palette.TEXT, bold=True)
            y += 30
        y += 4
        for line in self.event_lines:
            text.draw(surface, line, (x, y), 15, palette.TEXT_DIM)
            y += 21
        y += 12
        for line in self.proposal_lines:
            text.draw(surface, line, (x, y), 15, palette.TEXT)
            y += 22
        if self.error:
            for i, line in enumerate(text.wrap(self.error, text.font(15, True), r.w - 40)[:2]):
                text.draw(surface, line, (x, self.error_y + 22 * i), 15, palette.BAD, bold=True)

    def submit(self) -> None:
        delta, problem = parse_amount(self.amount.get_text(), self.meter, self.label_text)
        reason = " ".join(self.reason.get_text().split())
        if delta is None:
            self.error, field = problem, self.amount
        elif not reason:
            self.error, field = _("Write a reason: it goes in the log and the review."), self.reason
        else:
            self.close()
            self.on_ok(delta, reason)
            return
        self.focus(field)

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.submit()
            elif event.key == pygame.K_ESCAPE:
                self.close()
            elif event.key == pygame.K_TAB:
                self.focus(self.reason if self.amount.is_focused else self.amount)
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.ok:
                self.submit()
            elif event.ui_element is self.cancel:
                self.close()
