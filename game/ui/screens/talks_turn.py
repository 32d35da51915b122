"""A seat's private turn: what its turns of talks and of orders share (``PrivateTurn``), and the turn of
talks itself that "step" negotiation gives each seat before anyone gives orders (``TalksScreen``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...i18n import _
from ...session.results import own_results
from .. import look, palette, text
from ..look import px
from .base import TableScreen
from .results import ResultsOverlay
from .table import GameKeys
from .talks import TalksOverlay

if TYPE_CHECKING:
    from ...rules.observe import Observation
    from ...session.hotseat import HotSeat
    from ..app import App


class PrivateTurn:
    """What a seat's private turns (of talks, of orders) share: the talks one key away, Ctrl+S and Esc."""

    app: App
    hotseat: HotSeat
    keys: GameKeys
    obs: Observation
    if TYPE_CHECKING:

        def rebuild(self) -> None: ...

    def show_last_results(self, go_on: str) -> None:
        """From round 2, the seat's first private screen of a round opens with what its own orders did in
        the last one (``ResultsOverlay``), once: a seat that talks first reads it before it talks.
        ``go_on``: the card's button, naming where it leads."""
        key = (self.hotseat.seat, self.obs.round)
        if self.obs.round <= 1 or key in self.hotseat.results_read:
            return
        self.hotseat.results_read.add(key)
        results = own_results(self.obs, self.obs.round - 1, self.hotseat.scenario)
        ResultsOverlay(self.app, self.hotseat.scenario, results, self.obs.meters, go_on).open()

    def open_talks(self) -> None:
        TalksOverlay(self.app, self.hotseat, on_close=self.after_talks).open()

    def after_talks(self) -> None:
        """Talks may have changed what the seat sees (a deal accepted, an offer made): read it again."""
        self.obs = self.hotseat.observation()
        self.rebuild()

    def save_prompt(self) -> None:
        self.keys.save_prompt()

    def on_back(self) -> None:
        self.app.request_quit()


class TalksScreen(PrivateTurn, TableScreen):
    """A seat's private turn of talks ("step" talks): the board and its news, the talks one key away,
    and the hand-over to the next seat when it is done. It gives no orders."""

    private = True
    hotseat: HotSeat

    def __init__(self, app: App, hotseat: HotSeat) -> None:
        super().__init__(app, hotseat)
        self.hotseat = hotseat
        self.keys = GameKeys(self, hotseat)

    def enter(self) -> None:
        super().enter()
        self.show_last_results(_("OK, to the talks (Enter)"))

    def seat_caption(self, short: bool = False) -> str:
        return _("{seat} — talks (private)").format(seat=self.hotseat.seat_label(self.hotseat.seat, short))

    def build(self) -> None:
        b = self.layout()["bottom"]
        new = self.hotseat.unread_talks(self.hotseat.seat)
        top = b.y + 70 if look.percent() == look.DEFAULT else b.y + px(30) + 2 * text.font(15).get_linesize() + 12
        self.open_button = self.button(
            (b.x, top, b.w // 2 - 8, 48),
            _("Open talks (T) — {n} waiting").format(n=new) if new else _("Open talks (T)"),
            _("Read, write, propose and answer, in private."),
        )
        self.done_button = self.button(
            (b.x + b.w // 2 + 8, top, b.w - b.w // 2 - 8, 48),
            _("Done talking (Enter)"),
            _("Hand the computer on. Orders come after every seat's turn of talks."),
            "#primary",
        )
        self.news_box(self.obs.events, _("News and intelligence (newest round first)"))

    def draw_bottom(self, surface, area: pygame.Rect) -> None:
        text.draw(surface, _("Your turn of talks"), (area.x, area.y), 17, palette.TEXT, bold=True)
        every = _("Every seat talks in private before anyone gives orders: agree this round's moves now.")
        if look.percent() != look.DEFAULT:  # a larger text: on two lines, read whole
            two = pygame.Rect(area.x, area.y + px(30), area.w, 2 * text.font(15).get_linesize() + 6)
            text.draw_wrapped(surface, every, two, 15, palette.TEXT_DIM)
            return
        text.draw(surface, text.fit(every, text.font(15), area.w), (area.x, area.y + 30), 15, palette.TEXT_DIM)

    def done(self) -> None:
        self.hotseat.end_talks()
        self.app.route.show_step()

    def on_button(self, element) -> None:
        if self.keys.pressed(element):
            return
        if element is self.open_button:
            self.open_talks()
        elif element is self.done_button:
            self.done()

    def on_key(self, event) -> bool:
        if self.keys.handle(event):
            return True
        if event.key == pygame.K_t:
            self.open_talks()
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focused() is None:
            self.done()
            return True
        return False

    def help_lines(self):
        return [
            ("T", _("open the talks: messages; deals to propose, accept, decline or counter")),
            (_("In the talks"), _("Tab moves, Enter presses, the arrows change a choice, Esc closes")),
            (_("Enter"), _("done talking: hand the computer on")),
        ]
