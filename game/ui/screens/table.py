"""The screens of a round around the orders: hand-over, private briefing, public news."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import pygame
from pygame_gui.elements import UIButton, UITextBox

from ...i18n import _, ngettext
from ...rules.timing import timing_text
from ...session.hotseat import BRIEFING_HANDOVER, TALKS_HANDOVER, HotSeat
from .. import look, text
from ..look import px
from ..news import grouped, item_html
from ..overlays import PromptOverlay
from ..sound import CRISIS, HANDOVER
from ..widgets import settle, widget_pending
from .base import MenuScreen, TableScreen

if TYPE_CHECKING:
    from pygame.typing import RectLike

    from ...rules.model import Role
    from ..app import App


class GameKeys:
    """The keys and the button every screen of a seated game shares: Ctrl+S saves under a
    name, F5 reloads the scenario, F9 (or the Facilitator button) opens the control seat.
    A screen holds one and hands it the keys and button presses it does not use itself."""

    def __init__(self, screen: MenuScreen, hotseat: HotSeat) -> None:
        self.screen = screen
        self.app = screen.app
        self.hotseat = hotseat
        self.control: UIButton | None = None

    def save_prompt(self) -> None:
        from ...session.slots import save_named

        hs = self.hotseat
        default = f"{hs.scenario.id}-round-{hs.state.round}"

        def save(name: str) -> None:
            try:
                path = save_named(hs.game, name)
            except OSError as e:
                self.app.toast(_("Could not save: {error}").format(error=e.strerror or e))
                return
            from ...session.autosaver import status_of

            saver = status_of(hs)
            if saver is not None:
                saver.saved_elsewhere(hs.game)  # nothing is lost any more, even while autosaving fails
            self.app.toast(_("Saved as {name} (confirmed orders only). Load it from Load game.").format(name=path.stem))

        PromptOverlay(self.app, _("Save the game as"), default, _("Save"), save).open()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
            self.save_prompt()
            return True
        if event.key == pygame.K_F5:
            from .flow import reload_scenario

            reload_scenario(self.app)
            return True
        if event.key == pygame.K_F9 and self.has_control():
            from .facilitator import open_control

            open_control(self.app, self.hotseat)
            return True
        return False

    def has_control(self) -> bool:
        from ...session import control

        return control.has_facilitator(self.hotseat.game)

    def add_control_button(self, rect: RectLike) -> None:
        """The way into the facilitator's seat, between turns only."""
        if self.has_control():
            self.control = self.screen.button(
                rect, _("Facilitator (F9)"), _("The control seat: opens with the facilitator's PIN.")
            )
        else:
            self.control = None

    def pressed(self, element: object) -> bool:
        """Open the control seat if ``element`` is its button."""
        if element is not None and element is self.control:
            from .facilitator import open_control

            open_control(self.app, self.hotseat)
            return True
        return False


class HandoverScreen(MenuScreen):
    """Nothing private: who is next, and Space to continue."""

    def __init__(self, app: App, hotseat: HotSeat) -> None:
        super().__init__(app)
        self.hotseat = hotseat
        self.keys = GameKeys(self, hotseat)

    def enter(self) -> None:
        super().enter()
        self.app.feel.play(HANDOVER)  # heard across the room: the next seat's turn

    def build(self) -> None:
        w, h = self.app.size
        hs = self.hotseat
        role = hs.seat
        what = (
            _("to read your private briefing. Everyone else, please look away.")
            if hs.step.kind == BRIEFING_HANDOVER
            else _("to talk in private with the other seats, round {round}. Everyone else, please look away.")
            if hs.step.kind == TALKS_HANDOVER
            else _("to give your orders for round {round}. Everyone else, please look away.")
        ).format(round=hs.state.round)
        if look.percent() == look.DEFAULT:
            self.label(
                pygame.Rect(0, h // 2 - 150, w, 30),
                _("{title} — round {round} of {rounds}").format(
                    title=hs.scenario.title, round=hs.state.round, rounds=hs.scenario.rounds
                ),
                "#subtitle",
            )
            self.label(pygame.Rect(0, h // 2 - 100, w, 40), _("Pass the computer to"), "#subtitle")
            self.label(pygame.Rect(0, h // 2 - 56, w, 60), hs.seat_label(role), "#title")
            self.label(pygame.Rect(0, h // 2 + 10, w, 30), what, "#subtitle")
        waiting = hs.unread_talks(role) if hs.step.kind != BRIEFING_HANDOVER else 0
        count = (
            ngettext(
                "{n} new message or offer for you: once you are ready, press T to read it",
                "{n} new messages or offers for you: once you are ready, press T to read them",
                waiting,
            ).format(n=waiting)
            if waiting  # a count for the seat about to play: never a sender or a word of it
            else ""
        )
        if look.percent() == look.DEFAULT:
            if waiting:
                self.label(pygame.Rect(0, h // 2 + 40, w, 26), count, "#subtitle")
            ready_y = h // 2 + (86 if waiting else 70)  # clear of the count line
        else:  # a larger text: the lines one under the other, wrapped, the whole centred
            title = _("{title} — round {round} of {rounds}").format(
                title=hs.scenario.title, round=hs.state.round, rounds=hs.scenario.rounds
            )
            lines: list[tuple[str, str | None]] = [(title, "#subtitle"), (_("Pass the computer to"), "#subtitle")]
            lines.append((hs.seat_label(role), "#title"))
            lines += [(what, "#subtitle")] + ([(count, "#subtitle")] if count else [])
            ready_y = self.stack(lines, pygame.Rect(20, 0, w - 40, h - 80), below=px(70)) + px(16)
        self.ready = self.button((w // 2 - 160, ready_y, 320, 54), _("I'm ready — press Space"), object_id="#primary")
        self.move_focus(1)
        self.keys.add_control_button((w - 220, h - 64, 200, 44))

    def on_key(self, event) -> bool:
        if event.key == pygame.K_SPACE:
            self.on_button(self.ready)
            return True
        return self.keys.handle(event)

    def on_button(self, element) -> None:
        if self.keys.pressed(element):
            return
        if element is self.ready:
            self.hotseat.advance()
            self.app.route.show_step()

    def help_lines(self):
        return [(_("Space"), _("show this seat's private screen"))]

    def wants_quit_confirmation(self) -> bool:
        return True

    def save_prompt(self) -> None:
        self.keys.save_prompt()

    def on_back(self) -> None:
        self.app.request_quit()


def objectives_html(role: Role, progress: tuple[tuple[str, str], ...] = ()) -> str:
    """The seat's objectives, each with its timing and, where the seat can know it, how it stands
    (``Observation.progress``)."""
    standing = dict(progress)
    rows = []
    for o in role.objectives:
        notes = [ngettext("{n} point", "{n} points", o.points).format(n=o.points)]
        when = timing_text(o)
        if when:
            notes.append(when)
        if o.partial is not None:
            notes.append(_("partial credit if missed"))
        row = f"<br>• {escape(o.text)} <i>({escape('; '.join(notes))})</i>"
        if o.id in standing:
            row += f" <font color='#A0AABC'>— {escape(standing[o.id])}</font>"
        rows.append(row)
    heading, scored = _("Your objectives"), _(", scored after the last round:")
    return f"<b>{heading}</b>{scored}{''.join(rows)}"


class BriefingScreen(MenuScreen):
    private = True

    def __init__(self, app: App, hotseat: HotSeat) -> None:
        super().__init__(app)
        self.hotseat = hotseat
        self.keys = GameKeys(self, hotseat)

    def build(self) -> None:
        w, h = self.app.size
        m = self.manager
        hs = self.hotseat
        role = hs.scenario.role(hs.step.role)
        heading = _("Private briefing — {seat}").format(seat=hs.seat_label(role.id))
        self.label(pygame.Rect(40, 20, w - 80, 40), heading, "#heading")
        each = ngettext(
            "Each round you may give up to {n} order. F1 lists the keys.",
            "Each round you may give up to {n} orders. F1 lists the keys.",
            role.orders,
        ).format(n=role.orders)
        body = f"{text.html(role.briefing)}<br><br>{objectives_html(role)}<br><br><i>{each}</i>"
        self.add(UITextBox(body, pygame.Rect(40, 70, w - 80, h - 160), m))
        self.done = self.button((w - 380, h - 74, 340, 46), _("I have read it — hide it (Enter)"), object_id="#primary")
        self.focus_index = 0
        self.done.select()

    def on_key(self, event) -> bool:
        return self.keys.handle(event)

    def on_button(self, element) -> None:
        if element is self.done:
            self.hotseat.advance()
            self.app.route.show_step()

    def wants_quit_confirmation(self) -> bool:
        return True

    def save_prompt(self) -> None:
        self.keys.save_prompt()

    def on_back(self) -> None:
        self.app.request_quit()


class NewsScreen(TableScreen):
    """Public: what happened since the last orders, revealed one item at a time."""

    REVEAL_EVERY = 0.7
    CONTINUE_PAUSE = 600  # milliseconds after the last item comes on its own in which Space does not continue
    hotseat: HotSeat

    def __init__(self, app: App, hotseat: HotSeat) -> None:
        super().__init__(app, hotseat)
        self.hotseat = hotseat
        self.keys = GameKeys(self, hotseat)
        self.items = [e for e in hotseat.fresh_news() if e.kind != "round"]
        self.revealed = 0
        self.clock = 0.0
        self.all_seen = False  # every item has been on screen, so Space may continue
        self.done_at = -self.CONTINUE_PAUSE  # when the reveal ended on its own (pygame ticks)

    def seat_caption(self, short: bool = False) -> str:
        return _("News for everyone")

    def shown_meters(self) -> dict:
        """The meters as they were before the unrevealed items happened."""
        meters = dict(self.obs.meters)
        for event in reversed(self.items[self.revealed :]):
            for c in reversed(event.changes):
                if c.path in meters:
                    meters[c.path] = c.before
        return meters

    def shown_crises(self) -> tuple[str, ...]:
        """A crisis's card appears with its news item, not before."""
        untold = {e.ref for e in self.items[self.revealed :] if e.kind == "crisis_started"}
        return tuple(c for c in self.obs.active_crises if c not in untold)

    def draw(self, surface) -> None:
        super().draw(surface)
        if self.revealed >= len(self.items) and not widget_pending(self.list_box) and not widget_pending(self.go):
            self.all_seen = True  # this frame shows every item and "Continue"

    def build(self) -> None:
        lay = self.layout()
        b = lay["bottom"]
        items = pygame.Rect(b.x, b.y, b.w - px(250), b.h)
        self.list_box = self.add(UITextBox(self.items_html(), items, self.manager))
        go = (b.right - px(230), b.bottom - px(56), px(230), px(50))
        self.go = self.button(go, self.go_label(), object_id="#primary")
        self.keys.add_control_button((b.right - px(230), b.bottom - px(108), px(230), px(42)))
        self.focus_index = 0
        self.go.select()
        self.news_box(self.hotseat.earlier_news(), _("Earlier news"))

    def go_label(self) -> str:
        return _("Show all (Space)") if self.revealed < len(self.items) else _("Continue (Space)")

    def items_html(self) -> str:
        hs = self.hotseat
        said = (
            _("Round {round} of {rounds}").format(round=hs.state.round, rounds=hs.scenario.rounds)
            if not hs.state.over
            else _("The game has ended")
        )
        head = f"<font size=5><b>{said}</b></font>"
        if not self.items:
            return head + "<br><br>" + _("A quiet start: no crises yet. Read the board, then pass the computer on.")
        lines = []
        current = None
        for e, n, changes in grouped(self.items[: self.revealed]):
            if e.round != current:
                current = e.round
                heading = (
                    _("Start of round {round}").format(round=e.round)
                    if e.round == hs.state.round and not hs.state.over
                    else _("Round {round}: what happened").format(round=e.round)
                )
                lines.append(f"<font color='#A0AABC'><b>{heading}</b></font>")
            lines.append(item_html(hs.scenario, e, n, changes) + "<br>")
        waiting = len(self.items) - self.revealed
        more = "<br><i>{}</i>".format(ngettext("{n} more…", "{n} more…", waiting).format(n=waiting)) if waiting else ""
        return head + "<br><br>" + "<br>".join(lines) + more

    def update(self, dt: float) -> bool:
        if self.revealed >= len(self.items):
            return False
        self.clock += dt
        if self.clock >= self.REVEAL_EVERY:
            self.clock = 0.0
            self.reveal(self.revealed + 1)
            if self.revealed >= len(self.items):
                self.done_at = pygame.time.get_ticks()
        return True

    def reveal(self, count: int) -> None:
        shown = self.items[self.revealed : count]
        self.revealed = min(count, len(self.items))
        if any(e.kind in ("crisis_started", "crisis_escalated") for e in shown):
            self.app.feel.play(CRISIS)  # once, however many crises break at once
        self.list_box.set_text(self.items_html())
        self.list_box.rebuild()
        if self.list_box.scroll_bar is not None:  # keep the newest item in view
            self.list_box.scroll_bar.set_scroll_from_start_percentage(1.0)
        self.go.set_text(self.go_label())
        settle(self.list_box)
        settle(self.go)
        self.app.dirty = True

    def on_key(self, event) -> bool:
        if event.key == pygame.K_SPACE:
            self.on_button(self.go)
            return True
        return self.keys.handle(event)

    def on_button(self, element) -> None:
        if self.keys.pressed(element):
            return
        if element is self.go:
            # The first press shows every item; only a press after they have all been drawn
            # continues, so a quick double press never skips news nobody saw. A press that meant
            # "show all" as the last item came on its own does not continue either: the button
            # changed under it.
            if self.revealed < len(self.items):
                self.reveal(len(self.items))
            elif self.all_seen and pygame.time.get_ticks() - self.done_at >= self.CONTINUE_PAUSE:
                self.hotseat.advance()
                self.app.route.show_step()

    def help_lines(self):
        return [
            (_("Space"), _("show all news at once, then continue")),
            (_("Mouse"), _("hover tokens, meters and crisis cards for details")),
        ]

    def save_prompt(self) -> None:
        self.keys.save_prompt()

    def on_back(self) -> None:
        self.app.request_quit()
