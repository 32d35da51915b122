"""The private orders screen: one seat's hand, its targets on the board, its orders."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Callable

import attrs
import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextBox, UITextEntryLine

from ...i18n import N_, _, labelled, ngettext
from ...rules import negotiation
from ...rules.engine import IllegalAction
from ...rules.foresee import Foreseen, foresee
from ...rules.model import ROLE_TARGET
from ...rules.state import Order
from .. import look, palette, text
from ..board import Highlight, draw_tooltip
from ..coach import OrdersCoach
from ..hand import Hand, grouped
from ..look import px
from ..overlays import ConfirmOverlay, Overlay
from ..theme import measuring_font
from .base import TableScreen
from .fields import HintedEntry
from .table import GameKeys, objectives_html
from .talks_turn import PrivateTurn

if TYPE_CHECKING:
    from ...rules.model import Role, Scenario
    from ...session.hotseat import HotSeat
    from ..app import App


class ReasonsOverlay(Overlay):
    """Up to three short reasons for one order: the matrix-game argument."""

    width, height = 620, 330
    MAX_CHARS = 90

    def __init__(self, app: App, scenario: Scenario, order: Order, on_done: Callable[[tuple[str, ...]], None]) -> None:
        super().__init__(app)
        self.scenario, self.order, self.on_done = scenario, order, on_done

    def build(self) -> None:
        r = self.rect
        m = self.app.manager
        inst = self.scenario.instrument(self.order.instrument)
        self.label(
            pygame.Rect(r.x + 20, r.y + 12, r.w - 40, 36),
            _("Why {instrument}?").format(instrument=inst.name),
            "#heading",
        )
        self.label(
            pygame.Rect(r.x + 20, r.y + 50, r.w - 40, 26),
            _("Up to three short reasons, seen by you and the facilitator."),
            "#dim",
        )
        self.entries: list[UITextEntryLine] = []
        for k in range(3):  # (hinted: "Reason 2 (optional)" in the theme's colour read as a reason given)
            entry = HintedEntry(
                pygame.Rect(r.x + 20, r.y + 86 + k * 46, r.w - 40, 38), m, _("Reason {n} (optional)").format(n=k + 1)
            )
            entry.set_text_length_limit(self.MAX_CHARS)
            if k < len(self.order.reasons):
                entry.set_text(self.order.reasons[k])
            self.entries.append(entry)
        self.entries[0].focus()
        self.ok = UIButton(pygame.Rect(r.right - 150, r.bottom - 54, 130, 38), _("Keep"), m, object_id="#primary")
        self.cancel = UIButton(pygame.Rect(r.right - 290, r.bottom - 54, 130, 38), _("Cancel"), m)
        self.elements += self.entries + [self.ok, self.cancel]

    def done(self) -> None:
        reasons = tuple(" ".join(e.get_text().split()) for e in self.entries if e.get_text().strip())
        self.close()
        self.on_done(reasons)

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.done()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.close()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.ok:
                self.done()
            elif event.ui_element is self.cancel:
                self.close()


class BriefingOverlay(Overlay):
    """The seat's briefing and objectives, one key (B) away during orders."""

    width, height = 760, 560

    def __init__(self, app: App, role: Role, seat: str, progress: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(app)
        self.role, self.seat, self.progress = role, seat, progress

    def build(self) -> None:
        r = self.rect
        m = self.app.manager
        heading = _("Your briefing — {seat}").format(seat=self.seat)
        self.label(pygame.Rect(r.x + 20, r.y + 12, r.w - 40, 36), heading, "#heading")
        self.elements.append(
            UITextBox(
                f"{text.html(self.role.briefing)}<br><br>{objectives_html(self.role, self.progress)}",
                pygame.Rect(r.x + 20, r.y + 54, r.w - 40, r.h - 120),
                m,
            )
        )
        self.label(pygame.Rect(r.x + 20, r.bottom - 50, r.w - 40, 30), _("Press B or Esc to close."), "#dim")

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_b, pygame.K_ESCAPE):
            self.close()


# A term the seat gave its word to, by (an offer of its own not answered yet, it plays, on a target).
PROMISES = {
    (False, True, True): N_("Deal {n} with {partner}: you promised {instrument} on {target}"),
    (False, True, False): N_("Deal {n} with {partner}: you promised {instrument}"),
    (False, False, True): N_("Deal {n} with {partner}: you promised not to play {instrument} on {target}"),
    (False, False, False): N_("Deal {n} with {partner}: you promised not to play {instrument}"),
    (True, True, True): N_("Your offer {n} to {partner}, if accepted: you play {instrument} on {target}"),
    (True, True, False): N_("Your offer {n} to {partner}, if accepted: you play {instrument}"),
    (True, False, True): N_("Your offer {n} to {partner}, if accepted: you do not play {instrument} on {target}"),
    (True, False, False): N_("Your offer {n} to {partner}, if accepted: you do not play {instrument}"),
}


def promise_line(sc, term, label: int, partner: str, kept: bool, cannot: str | None = None, offer: bool = False) -> str:
    """ "Deal 2 with Defence Ministry: you promised Public condemnation on Veyra — not chosen yet" (deals are
    numbered between the two seats: ``Observation.deal_label``). ``offer``: the term is of an offer of the
    seat's own that the partner has not answered yet, which binds the seat if it is accepted after these
    orders are confirmed (the partner may still answer at its own turn of orders)."""
    said = _(PROMISES[offer, term.do, bool(term.target)])
    target = sc.name_of(term.target) if term.target else ""
    name = sc.role(partner).name
    line = said.format(n=label, partner=name, instrument=sc.instrument(term.instrument).name, target=target)
    if kept:
        return _("{promise} — kept").format(promise=line)
    if cannot:  # (``negotiation.cannot_keep``: the order is blocked, so the deal will be broken)
        return _("{promise} — cannot be kept: {reason}").format(promise=line, reason=cannot)
    if term.do:
        return _("{promise} — not chosen yet").format(promise=line)
    return _("{promise} — broken by these orders").format(promise=line)


class OrdersScreen(PrivateTurn, TableScreen):
    """Private: one seat chooses its instruments and targets, then confirms."""

    private = True
    hotseat: HotSeat

    @property
    def board_fraction(self) -> float:
        if look.percent() != look.DEFAULT:  # a larger text: the hand and the orders need the room
            return 0.52 if self.app.size[1] >= 800 else 0.48
        return 0.56 if self.app.size[1] >= 800 else 0.5

    def __init__(self, app: App, hotseat: HotSeat) -> None:
        super().__init__(app, hotseat)
        self.hotseat = hotseat
        self.keys = GameKeys(self, hotseat)
        self.role = hotseat.scenario.role(hotseat.step.role)
        self.picks: list[Order] = []
        self.pending: str | None = None  # instrument waiting for a target
        self.target_focus: int | None = None  # no target is aimed at until the player says so
        self.hand = Hand()
        self.keyed = False  # a card chosen by key: no tooltip over the board until the mouse moves again
        sc = hotseat.scenario
        self.cards = grouped(self.role.instruments, lambda i: sc.instrument(i).category)  # display order
        self.coach = OrdersCoach(self)  # a first game's tips (scenarios with coach = true)

    def enter(self) -> None:
        super().enter()
        if not self.picks:  # (where the seat talked first, the card opened on its talks)
            self.show_last_results(_("OK, to my orders (Enter)"))

    # what is on the board
    def seat_caption(self, short: bool = False) -> str:
        return _("{seat} — your orders (private)").format(seat=self.hotseat.seat_label(self.role.id, short))

    def shown_meters(self) -> dict:
        """The seat's capital as it will be after the orders chosen so far."""
        meters = dict(self.obs.meters)
        path = f"{self.role.id}.capital"
        if path in meters:
            meters[path] -= sum(self.hotseat.scenario.instrument(o.instrument).cost for o in self.picks)
        return meters

    def highlight(self) -> Highlight:
        ordered = self.target_order()
        focus = ordered[self.target_focus % len(ordered)] if ordered and self.target_focus is not None else None
        return Highlight(frozenset(ordered), frozenset(o.target for o in self.picks if o.target), focus)

    def target_order(self) -> list[str]:
        """Possible targets for the waiting instrument, left to right on the board (Tab order)."""
        if not self.pending:
            return []
        sc = self.hotseat.scenario
        # Actors left to right on the board, then the roles an instrument may target (in role order).
        order = {r: n for n, r in enumerate(sc.role_ids)}
        return sorted(
            self.hotseat.valid_targets(self.pending, tuple(self.picks)),
            key=lambda t: (1, order[t], 0.0) if sc.has_role(t) else (0, sc.actor(t).at[0], sc.actor(t).at[1]),
        )

    # widgets
    def panels(self) -> tuple[pygame.Rect, pygame.Rect]:
        b = self.layout()["bottom"]
        hand_w = int(b.w * (0.64 if b.w >= 800 else 0.6 if look.percent() == look.DEFAULT else 0.52))
        hand = pygame.Rect(b.x, b.y + px(26), hand_w, b.h - px(26))
        orders = pygame.Rect(b.x + hand_w + 14, b.y, b.w - hand_w - 14, b.h)
        return hand, orders

    def order_row(self, order: Order, width: int) -> tuple[int, list[str]]:
        """A chosen order's row: its height and its name's lines (two when the name is long: read
        whole beside the Why? and Remove buttons)."""
        sc = self.hotseat.scenario
        beside = width - px(160)  # the name beside the Why? and Remove buttons
        lines = text.wrap(sc.instrument(order.instrument).name, text.font(14, bold=True), beside, max_lines=3)
        if len(lines) > 2:
            lines = [lines[0], text.fit(" ".join(lines[1:]), text.font(14, bold=True), beside)]
        on = _("on {target}").format(target=sc.name_of(order.target)) if order.target else _("no target")
        if len(lines) == 1 and text.font(13).size(on)[0] > beside:
            lines.append("")  # the target's line goes under the buttons, where it has the row's width
        return px(22) + px(18) * len(lines) + (px(16) if order.reasons else 0), lines

    def lay_hand(self, area: pygame.Rect) -> None:
        sc = self.hotseat.scenario
        self.hand.layout(area, self.cards, self.blockers(), lambda i: sc.instrument(i).category)

    def blockers(self) -> dict:
        picks = tuple(self.picks)
        return {i: self.hotseat.instrument_blocker(i, picks) for i in self.role.instruments}

    def build(self) -> None:
        hand, panel = self.panels()
        self.lay_hand(hand)
        self.remove_buttons = []
        self.why_buttons = []
        y = panel.y + px(30)
        for order in self.picks:
            self.why_buttons.append(
                self.button(
                    (panel.right - px(150), y + 4, px(60), px(32)),
                    _("Why?"),
                    _(
                        "Add up to three short reasons: your argument, kept with the order for the facilitator "
                        "and the review."
                    ),
                )
            )
            self.remove_buttons.append(
                self.button(
                    (panel.right - px(86), y + 4, px(86), px(32)),
                    _("Remove"),
                    _("Take this order back (Backspace removes the last one)."),
                )
            )
            y += self.order_row(order, panel.w)[0] + 4
        self.talks_button = None
        self.stacked_buttons = False
        # Along the panel's bottom: Confirm, Briefing (and Talks) above it, as tall as their text
        big = look.percent() != look.DEFAULT
        confirm_h = max(48, measuring_font(self.manager, 17, True).size("Hg")[1] + 14) if big else 48
        row_h = max(40, measuring_font(self.manager, 14).size("Hg")[1] + 14) if big else 40
        confirm_y = panel.bottom - confirm_h - 4
        row_y = confirm_y - 8 - row_h if big else panel.bottom - 100
        self.buttons_top = row_y
        if self.hotseat.scenario.negotiation.mode != "off":
            new = self.hotseat.unread_talks(self.hotseat.seat)
            half = (panel.w - 8) // 2
            label = _("Talks (T)")
            for said in (_("Talks (T) — {n} waiting"), _("Talks (T): {n} waiting"), _("Talks (T): {n}")) if new else ():
                label = said.format(n=new)  # the longest that fits its button
                if text.font(15).size(label)[0] <= panel.w - half - 28:
                    break
            f = measuring_font(self.manager, 14)
            wide = big and max(f.size(_("Briefing (B)"))[0], f.size(label)[0]) + 24 > half
            self.stacked_buttons = wide  # a larger text: Talks above Briefing, each the panel's width
            briefing = (panel.x, row_y, panel.w if wide else half, row_h)
            talks = (
                (panel.x, row_y - 8 - row_h, panel.w, row_h)
                if wide
                else (panel.x + half + 8, row_y, panel.w - half - 8, row_h)
            )
            self.buttons_top = talks[1]
            self.briefing_button = self.button(briefing, _("Briefing (B)"), _("Your private briefing and objectives."))
            self.talks_button = self.button(
                talks,
                label,
                _("Private messages and deals with the other seats: read, write, propose, answer."),
            )
        else:
            self.briefing_button = self.button(
                (panel.x, row_y, panel.w, row_h),
                _("Briefing and objectives (B)"),
                _("Your private briefing and objectives."),
            )
        self.confirm = self.button(
            (panel.x, confirm_y if big else panel.bottom - 52, panel.w, confirm_h),
            _("Confirm orders (Enter)"),
            _("Lock in your orders and hand the computer on."),
            "#primary",
        )
        self.news_box(self.obs.events, _("News and intelligence (newest round first)"))

    def draw_bottom(self, surface, area: pygame.Rect) -> None:
        hand, panel = self.panels()
        sc = self.hotseat.scenario
        caption = text.fit(self.hand_caption(), text.font(15, bold=True), hand.w)
        text.draw(surface, caption, (area.x, area.y), 15, palette.TEXT, bold=True)
        hover = None
        if self.hover:
            card = self.hand.hit(self.hover)
            hover = card.instrument if card else None
        full = len(self.picks) >= self.role.orders
        self.hand.draw(surface, sc, self.pending, hover, {o.instrument for o in self.picks}, full)
        text.draw(
            surface,
            _("Your orders ({n} of {total})").format(n=len(self.picks), total=self.role.orders),
            (panel.x, panel.y),
            15,
            palette.TEXT,
            bold=True,
        )
        y = panel.y + px(30)
        for order in self.picks:
            inst = sc.instrument(order.instrument)
            on = _("on {target}").format(target=sc.name_of(order.target)) if order.target else _("no target")
            height, names = self.order_row(order, panel.w)
            row = pygame.Rect(panel.x, y, panel.w, height)
            pygame.draw.rect(surface, palette.PANEL, row, border_radius=6)
            for i, line in enumerate(names):
                text.draw(surface, line, (row.x + 8, row.y + 3 + i * px(18)), 14, palette.TEXT, bold=True)
            below = row.y + 3 + len(names) * px(18)
            if not names[-1]:
                below -= px(18)
            on_w = panel.w - 16 if below >= row.y + px(38) else panel.w - px(160)  # (under the buttons: all the row)
            text.draw(
                surface,
                text.fit(on, text.font(13), on_w),
                (row.x + 8, below),
                13,
                palette.TEXT_DIM,
            )
            if order.reasons:
                text.draw(
                    surface,
                    text.fit(
                        _("Why: {reasons}").format(reasons="; ".join(order.reasons)),
                        text.font(12, italic=True),
                        panel.w - 16,
                    ),
                    (row.x + 8, below + px(17)),
                    12,
                    palette.SKY,
                    italic=True,
                )
            y += row.h + 4
        if self.pending:
            inst = sc.instrument(self.pending)
            note = _(
                "{instrument}: click a ringed token on the board, or press Tab to move between them and Enter to "
                "aim. Esc cancels."
            ).format(instrument=inst.name)
            focus = self.highlight().focus
            if focus is not None and sc.has_role(focus):  # a role has no token: name it
                note = _("{instrument}: aim at {target}? Enter aims, Tab moves on, Esc cancels.").format(
                    instrument=inst.name, target=sc.name_of(focus)
                )
            elif ROLE_TARGET in inst.targets:
                note = _(
                    "{instrument}: press Tab to move between its targets (roles too), Enter to aim. Esc cancels."
                ).format(instrument=inst.name)
            note_h = 90 if look.percent() == look.DEFAULT else min(px(90), self.buttons_top - 8 - (y + 2))
            used = text.draw_wrapped(surface, note, pygame.Rect(panel.x, y + 2, panel.w, note_h), 14, palette.YELLOW)
            lead = _("On {target}:").format(target=sc.name_of(focus)) if focus else _("Effects you can foresee:")
            floor = getattr(self, "buttons_top", panel.bottom - 100) - 8  # above the buttons
            room = pygame.Rect(panel.x, y + used + 8, panel.w, floor - (y + used + 8))
            self.draw_foreseen(surface, lead, self.foreseen(self.pending, focus), room, focus)
        else:
            self.draw_hint(surface, self.hint_rect(panel, y))

    def draw_hint(self, surface, room: pygame.Rect) -> None:
        """Under the chosen orders: the seat's word for this round (the terms that bind it of its accepted deals
        and of its own offers not answered yet, each saying whether the orders chosen so far keep it: a deal
        is judged on the orders carried out), then what is left to choose. Where the promises do not fit in
        full, one line names the unkept ones."""
        obs, sc = self.obs, self.hotseat.scenario
        left = self.role.orders - len(self.picks)
        hint = (
            _("You may choose {n} more. Click a card, or press its number.").format(n=left)
            if left > 0
            else _("All your orders are chosen. Confirm, or remove one to change your mind.")
        )
        promises = []
        unkept: list[str] = []  # "deal 2 with Defence Ministry", for each promise these orders do not keep
        for deal, term, offer in negotiation.at_stake(obs.deals, self.role.id, obs.round):
            kept = negotiation.honours(term, self.picks)
            why = None if kept else negotiation.cannot_keep(sc, self.hotseat.state, term)
            label, partner = obs.deal_label(deal.number), deal.other(self.role.id)
            promises.append((promise_line(sc, term, label, partner, kept, why, offer), kept))
            if not kept:
                unkept.append(_("deal {n} with {partner}").format(n=label, partner=sc.role(partner).name))
        gap = px(4)
        need = sum(text.wrapped_height(line, room.w, 14) + gap for line, _kept in promises)
        if need > room.h and promises:  # no room for each in full: one line naming the promises not kept
            summary = (
                _("Not kept by these orders: {deals}").format(deals="; ".join(unkept))
                if unkept
                else _("These orders keep every promise of this round's deals")
            )
            promises = [(summary, not unkept)]
        for line, kept in promises:
            used = text.draw_wrapped(surface, line, room, 14, palette.GREEN if kept else palette.YELLOW)
            room = pygame.Rect(room.x, room.y + used + gap, room.w, room.h - used - gap)
        if not promises or text.wrapped_height(hint, room.w, 14, max_height=room.h) <= room.h:
            text.draw_wrapped(surface, hint, room, 14, palette.TEXT_DIM)  # (under promises: only if it fits whole)

    def draw_over(self, surface) -> None:
        if self.coach.draw(surface):  # the mouse is on a tip: no tooltip under it
            return
        if self.hover and not self.keyed:
            card = self.hand.hit(self.hover)
            if card is not None:
                draw_tooltip(
                    surface,
                    self.instrument_tip(self.hotseat.scenario.instrument(card.instrument), card.blocker),
                    self.hover,
                    380,
                )
                return
            hit = self.board.hit_at(self.hover)
            if self.pending and hit is not None and hit.kind == "actor" and hit.ref in self.highlight().targets:
                inst = self.hotseat.scenario.instrument(self.pending)
                effects = foreseen_text(self.foreseen(inst.id, hit.ref), hit.ref)
                aim = _("If you aim {instrument} here:").format(instrument=inst.name)
                tip = f"{hit.tip}\n\n{aim}\n{effects}"
                draw_tooltip(surface, tip, self.hover, 380)
                return
        super().draw_over(surface)

    def draw_foreseen(
        self, surface, lead: str, items: tuple[Foreseen, ...], box: pygame.Rect, target: str | None = None
    ) -> None:
        """The waiting instrument's effects under "On <target>:" as one wrapped line ("Trust in us −2 ·
        Pressure +3"), the aimed target's own meters by their label alone, as far as the panel has room."""
        line_h = text.font(13).get_linesize()
        if box.h < line_h * 2:
            return
        text.draw(surface, text.fit(lead, text.font(13, bold=True), box.w), box.topleft, 13, palette.TEXT, bold=True)
        said = " · ".join(
            f"{x.short if target and x.path.startswith(target + '.') else x.label} {x.amount()}" for x in items
        )
        body = pygame.Rect(box.x, box.y + line_h, box.w, box.h - line_h)
        text.draw_wrapped(surface, said or _(NOTHING_FORESEEN), body, 13, palette.TEXT_DIM, spacing=0)

    def hand_caption(self) -> str:
        capital = self.obs.meters.get(f"{self.role.id}.capital")
        spent = sum(self.hotseat.scenario.instrument(o.instrument).cost for o in self.picks)
        if capital is None:
            return _("Your instruments")
        return _("Your instruments — capital left: {left} of {capital}").format(left=capital - spent, capital=capital)

    def foreseen(self, instrument: str, target: str | None = None) -> tuple[Foreseen, ...]:
        return foresee(self.hotseat.scenario, self.obs, instrument, target)

    def hint_rect(self, panel: pygame.Rect, y: int) -> pygame.Rect:
        """Where the line under the chosen orders goes: down to the buttons, never under them (a longer
        language wraps it to more lines)."""
        floor = getattr(self, "buttons_top", panel.bottom - px(100)) - 8
        return pygame.Rect(panel.x, y + 2, panel.w, max(0, floor - (y + 2)))

    def instrument_tip(self, inst, blocker) -> str:
        targets = (
            ", ".join(_("role") if k == ROLE_TARGET else palette.kind_name(k) for k in inst.targets)
            if inst.targets
            else _("none: it acts on the situation")
        )
        who = (
            _("Private: only you and the facilitator learn you used it.")
            if inst.visibility == "private"
            else _("Public: everyone sees it in the news.")
        )
        head = _("{instrument} ({category}, costs {cost} capital)").format(
            instrument=inst.name, category=palette.category_name(inst.category), cost=inst.cost
        )
        aims = _("Targets: {targets}.").format(targets=targets)
        tip = f"{head}\n\n{' '.join(inst.text.split())}\n\n{foreseen_text(self.foreseen(inst.id))}\n\n{aims} {who}"
        if inst.cooldown:
            wait = ngettext("After use, wait {n} round.", "After use, wait {n} rounds.", inst.cooldown)
            tip += " " + wait.format(n=inst.cooldown)
        if blocker:
            tip += "\n\n" + _("Not available now: {reason}.").format(reason=blocker)
        return tip

    # actions
    def pick(self, inst_id: str) -> None:
        inst = self.hotseat.scenario.instrument(inst_id)
        if len(self.picks) >= self.role.orders:
            if self.hand.focused is not None:  # (Enter picks the card the keyboard is on: say how to confirm)
                full = _("All {n} orders are chosen: remove one first, or press Esc, then Enter to confirm")
            else:
                full = _("All {n} orders are chosen: remove one first")
            self.app.toast(full.format(n=self.role.orders))
            return
        blocker = self.hotseat.instrument_blocker(inst_id, tuple(self.picks))
        if blocker:
            self.app.toast(labelled(inst.name, blocker))
            return
        if inst.targets:
            self.pending = None if self.pending == inst_id else inst_id
            self.target_focus = None
        else:
            self.add_order(Order(inst_id))
            return
        self.rebuild()

    def add_order(self, order: Order) -> None:
        problem = self.hotseat.order_problem(order, tuple(self.picks))
        if problem:
            self.app.toast(problem)
            return
        self.picks.append(order)
        self.pending = None
        self.rebuild()

    def set_reasons(self, index: int, reasons: tuple[str, ...]) -> None:
        self.picks[index] = attrs.evolve(self.picks[index], reasons=reasons)
        self.rebuild()

    def confirm_orders(self) -> None:
        def go() -> None:
            try:
                self.hotseat.submit(tuple(self.picks))
            except IllegalAction as e:
                self.app.toast(str(e))
                return
            self.app.route.show_step()

        if not self.picks:
            ConfirmOverlay(
                self.app,
                _("Confirm with no orders?"),
                _("You have not chosen any instrument this round. Doing nothing is also a signal."),
                _("Confirm"),
                go,
            ).open()
        else:
            go()

    def on_board_click(self, hit) -> bool:
        if hit.kind == "actor" and self.pending and hit.ref in self.highlight().targets:
            self.add_order(Order(self.pending, hit.ref))
            return True
        return False

    def handle(self, event) -> bool:
        return self.coach.handle(event) or super().handle(event)

    def on_event(self, event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.hover and self.hand.area.collidepoint(self.hover):
            if self.hand.wheel(event.y):
                self.lay_hand(self.hand.area)
                self.app.dirty = True
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            card = self.hand.hit(event.pos)
            if card is not None:
                self.pick(card.instrument)
                return True
        if event.type == pygame.MOUSEMOTION:
            self.keyed = False
            if self.hand.area.collidepoint(event.pos):
                self.app.dirty = True
        return super().on_event(event)

    def on_button(self, element) -> None:
        for i, b in enumerate(self.why_buttons):
            if element is b:
                ReasonsOverlay(self.app, self.hotseat.scenario, self.picks[i], partial(self.set_reasons, i)).open()
                return
        for i, b in enumerate(self.remove_buttons):
            if element is b:
                del self.picks[i]
                self.rebuild()
                return
        if element is self.confirm:
            self.confirm_orders()
        elif element is self.briefing_button:
            BriefingOverlay(self.app, self.role, self.hotseat.seat_label(self.role.id), self.obs.progress).open()
        elif element is not None and element is self.talks_button:
            self.open_talks()

    def on_key(self, event) -> bool:
        if self.keys.handle(event):
            return True
        key = event.key
        if pygame.K_0 <= key <= pygame.K_9:
            i = 9 if key == pygame.K_0 else key - pygame.K_1
            if i < len(self.cards):
                self.hand.scroll_to(self.cards[i])
                self.keyed = True
                self.pick(self.cards[i])
            return True
        if key == pygame.K_t:
            if self.talks_button is not None:
                self.open_talks()
            else:  # (the keys legend names T: say why nothing opens)
                self.app.toast(_("There are no talks in this scenario: the seats do not write or offer deals here"))
            return True
        if key == pygame.K_b:
            BriefingOverlay(self.app, self.role, self.hotseat.seat_label(self.role.id), self.obs.progress).open()
            return True
        if key == pygame.K_BACKSPACE and self.picks:
            self.picks.pop()
            self.rebuild()
            return True
        if self.pending:
            targets = self.target_order()
            if key == pygame.K_ESCAPE:
                self.pending = None
                self.rebuild()
                return True
            if key in (pygame.K_TAB, pygame.K_RIGHT, pygame.K_DOWN, pygame.K_LEFT, pygame.K_UP) and targets:
                back = key in (pygame.K_LEFT, pygame.K_UP) or event.mod & pygame.KMOD_SHIFT
                if self.target_focus is None:
                    self.target_focus = len(targets) - 1 if back else 0
                else:
                    self.target_focus += -1 if back else 1
                self.app.dirty = True
                return True
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                if self.target_focus is None:
                    self.app.toast(_("Choose a target first: click a ringed token, or press Tab"))
                elif targets:
                    self.add_order(Order(self.pending, targets[self.target_focus % len(targets)]))
                return True
        if self.hand_keys(event):
            return True
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focused() is None:
            self.confirm_orders()
            return True
        return False

    def hand_keys(self, event) -> bool:
        """Tab brings the keyboard into the hand (from nothing, or from the last button) and on out of it
        to the buttons; the arrows move card by card; Enter or Space picks the card."""
        key, hand = event.key, self.hand
        back = bool(event.mod & pygame.KMOD_SHIFT)
        if hand.focused is not None:
            moves = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1)}
            if key in moves:
                hand.move_focus(*moves[key])
                self.app.dirty = True
                return True
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.pick(hand.focused.instrument)
                return True
            if key == pygame.K_TAB:  # on out of the hand, to the buttons
                hand.focus = None
                self.move_focus(-1 if back else 1)
                return True
            if key == pygame.K_ESCAPE:
                hand.focus = None
                self.app.dirty = True
                return True
            return False
        usable = [b for b in self.focusables if b.is_enabled and b.visible and b.alive()]
        edge = usable[0 if back else -1] if usable else None
        if key == pygame.K_TAB and (self.focused() is None or self.focused() is edge):
            if self.focused() is not None:
                self.focusables[self.focus_index].unselect()
                self.focus_index = -1
            hand.focus = len(hand.cards) - 1 if back else 0
            hand.scroll_to(hand.cards[hand.focus].instrument)
            self.app.dirty = True
            return True
        return False

    def unsaved_warning(self) -> str:
        return _("Orders you have not confirmed will be lost.") if self.picks else ""

    def help_lines(self):
        return [
            ("1–9, 0", _("choose one of the first ten instruments of your hand")),
            (_("Tab, then arrows"), _("move through every card of your hand; Enter or Space chooses it")),
            (_("Tab / arrows"), _("after choosing one that needs a target: move between targets")),
            (_("Enter"), _("aim at the highlighted target; with nothing highlighted, confirm your orders")),
            (_("Esc"), _("cancel the instrument waiting for a target")),
            (_("Backspace"), _("remove your last order")),
            ("B", _("show your briefing and objectives")),
            (
                "T",
                _("talks: private messages; deals to propose, accept, decline or counter (when the scenario has them)"),
            ),
            (_("Mouse"), _("click an instrument, then a ringed token; hover anything for an explanation")),
        ]


NOTHING_FORESEEN = N_("nothing you can see moves at once: watch the news")


def foreseen_text(items: tuple[Foreseen, ...], target: str | None = None) -> str:
    """The effects of an order a seat can know, a line each, for a tooltip (the aimed ``target``'s own
    meters by their label alone: the tip already names it)."""
    if not items:
        return _("Direct effects: {nothing}.").format(nothing=_(NOTHING_FORESEEN))
    lines = [
        "• "
        + _("{meter}: {amount}").format(
            meter=f.short if target and f.path.startswith(target + ".") else f.label, amount=f.amount()
        )
        for f in items
    ]
    head = (
        _("Direct effects you can foresee (a range: the outcome is drawn when it resolves):")
        if any(f.chance for f in items)
        else _("Direct effects you can foresee:")
    )
    if any(f.about for f in items):
        lines.append(_("About: smaller near a meter's limit, or when repeated on the same target."))
    return head + "\n" + "\n".join(lines)
