"""The card that opens a seat's round (its turn of talks where seats talk first, else its orders): what
its own orders did last round.

Each order is a row: the instrument and its target, then each meter it moved and
its value now (never the values just around the order), the change coloured by the
meter's good way (and signed, so colour is never the only cue). An order that
could not be carried out says why. It reads ``game.session.results``, which
reads the seat's observation only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from ...i18n import _, ngettext
from ...session.results import OrderResult, RoundResults
from .. import palette, text
from ..look import px
from ..overlays import Overlay

if TYPE_CHECKING:
    from ...rules.model import Scenario
    from ..app import App

ROW_GAP = 10
MODIFIERS = (pygame.K_LSHIFT, pygame.K_RSHIFT, pygame.K_LCTRL, pygame.K_RCTRL, pygame.K_LALT, pygame.K_RALT)
LINE = 20


class ResultsOverlay(Overlay):
    """Opens a seat's round from round 2 on; Enter, Esc or the button closes it."""

    width, height = 700, 520

    def __init__(self, app: App, scenario: Scenario, results: RoundResults, now: dict, go_on: str) -> None:
        super().__init__(app)
        self.scenario, self.results = scenario, results
        self.now = now  # the seat's meters as its board shows them now
        self.go_on = go_on  # the button's words, naming the screen it leads to

    @property
    def rect(self) -> pygame.Rect:
        w, h = self.app.size
        orders = sum(self.row_height(o) + ROW_GAP for o in self.results.orders)
        need = px(150) + orders + (0 if self.results.orders else px(30))
        r = pygame.Rect(0, 0, min(px(self.width), w - 40), min(max(px(260), need), h - 40))
        r.center = (w // 2, h // 2)
        return r

    def row_height(self, order: OrderResult) -> int:
        return px(26) + px(LINE) * max(1, len(order.changes))

    def build(self) -> None:
        r = self.rect
        self.label(
            pygame.Rect(r.x + 20, r.y + 12, r.w - 40, px(36)),
            _("What your orders did in round {round}").format(round=self.results.round),
            "#heading",
        )
        self.ok = UIButton(
            pygame.Rect(r.right - px(250), r.bottom - px(54), px(230), px(38)),
            self.go_on,
            self.app.manager,
            object_id="#primary",
        )
        self.elements.append(self.ok)

    def draw_under(self, surface: pygame.Surface) -> None:
        super().draw_under(surface)
        r = self.rect
        y = r.y + px(58)
        bottom = r.bottom - px(96)
        if not self.results.orders:
            text.draw(
                surface,
                _("You gave no orders in round {round}.").format(round=self.results.round),
                (r.x + 24, y),
                15,
                palette.TEXT_DIM,
            )
            y += px(30)
        for i, order in enumerate(self.results.orders):
            h = self.row_height(order)
            if y + h > bottom:  # (a hand of more orders than the window holds: say how many are left)
                left = len(self.results.orders) - i
                more = ngettext("…and {n} more order: see the news", "…and {n} more orders: see the news", left)
                text.draw(surface, more.format(n=left), (r.x + 24, y), 14, palette.TEXT_DIM)
                y += px(24)
                break
            self.draw_order(surface, pygame.Rect(r.x + 20, y, r.w - 40, h), order)
            y += h + ROW_GAP
        others = self.results.others
        if others:
            note = ngettext(
                "{n} other thing happened in round {round}: the news lists them all.",
                "{n} other things happened in round {round}: the news lists them all.",
                others,
            ).format(n=others, round=self.results.round)
            at = pygame.Rect(r.x + 24, r.bottom - px(90), r.w - 48, px(34))
            text.draw_wrapped(surface, note, at, 14, palette.TEXT_DIM)

    def draw_order(self, surface: pygame.Surface, row: pygame.Rect, order: OrderResult) -> None:
        sc = self.scenario
        pygame.draw.rect(surface, palette.PANEL_LIGHT, row, border_radius=8)
        inst = sc.instrument(order.instrument)
        head = inst.name + (_(" on {target}").format(target=sc.name_of(order.target)) if order.target else "")
        text.draw(
            surface,
            text.fit(head, text.font(15, bold=True), row.w - 20),
            (row.x + 10, row.y + px(5)),
            15,
            palette.TEXT,
            bold=True,
        )
        y = row.y + px(26)
        if order.failed:
            failed = _("Not carried out: {reason}.").format(reason=order.failed)
            line = text.fit(failed, text.font(14, italic=True), row.w - 24)
            text.draw(surface, line, (row.x + 14, y), 14, palette.ORANGE, italic=True)
            return
        if not order.changes:
            text.draw(surface, _("Nothing you can see moved at once."), (row.x + 14, y), 14, palette.TEXT_DIM)
            return
        for c in order.changes:
            meter = sc.meters[c.path]
            owner = c.path.partition(".")[0]
            label = meter.label if owner == order.target or "." not in c.path else sc.meter_label(c.path)
            delta = c.after - c.before
            good = (delta > 0) == (meter.good == "high")
            colour = palette.GREEN if good else palette.ORANGE
            text.draw(surface, text.fit(label, text.font(14), row.w - px(210)), (row.x + 14, y), 14, palette.TEXT)
            # The change alone, and the value now: the values just before and after this order would tell
            # what the orders resolved around it did, and some of those were private.
            now = self.now.get(c.path)
            if now is not None:
                shown = _("now {value}").format(value=now)
                text.draw(surface, shown, (row.right - px(70), y), 14, palette.TEXT_DIM, anchor="topright")
            sign = f"+{delta}" if delta > 0 else f"−{-delta}"
            text.draw(surface, sign, (row.right - 14, y), 14, colour, bold=True, anchor="topright")
            y += px(LINE)

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE):
            self.close()
        elif event.type == pygame.KEYDOWN and event.key not in MODIFIERS:
            # A player who knows what to do starts at once: the card closes and the key (a card's
            # number, B, T, F1...) goes to the screen under it.
            self.close()
            pygame.event.post(pygame.event.Event(event.type, event.dict))
        elif event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.ok:
            self.close()
