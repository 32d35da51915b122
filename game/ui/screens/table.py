"""The screens of a round: hand-over, private briefing, public news, private orders."""

from __future__ import annotations

from html import escape

import pygame
from pygame_gui.elements import UILabel, UITextBox

from ...rules.engine import IllegalAction
from ...rules.state import Order
from ...session.hotseat import BRIEFING_HANDOVER
from ...session.narrate import changes_text
from .. import palette, text
from ..board import Highlight
from ..hand import Hand
from ..overlays import ConfirmOverlay, Overlay, PromptOverlay
from .base import MenuScreen, TableScreen
from .flow import show_step


class GameKeys:
    """Keys every in-game screen shares: Ctrl+S saves under a name."""

    def save_prompt(self) -> None:
        from ...session.slots import save_named

        hs = self.app.hotseat
        default = f"{hs.scenario.id}-round-{hs.state.round}"

        def save(name: str) -> None:
            try:
                path = save_named(hs.game, name)
            except OSError as e:
                self.app.toast(f"Could not save: {e.strerror or e}")
                return
            self.app.toast(f"Saved as {path.name}")

        PromptOverlay(self.app, "Save the game as", default, "Save", save).open()

    def game_key(self, event) -> bool:
        if event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
            self.save_prompt()
            return True
        return False

    def on_back(self) -> None:
        self.app.request_quit()


class HandoverScreen(GameKeys, MenuScreen):
    """Nothing private: who is next, and Space to continue."""

    def __init__(self, app, hotseat):
        super().__init__(app)
        self.hotseat = hotseat

    def build(self) -> None:
        w, h = self.app.size
        hs = self.hotseat
        role = hs.step.role
        what = "to read your private briefing" if hs.step.kind == BRIEFING_HANDOVER else f"to give your orders for round {hs.state.round}"
        self.label(pygame.Rect(0, h // 2 - 150, w, 30), f"{hs.scenario.title} — round {hs.state.round} of {hs.scenario.rounds}", "#subtitle")
        self.label(pygame.Rect(0, h // 2 - 100, w, 40), "Pass the computer to", "#subtitle")
        self.label(pygame.Rect(0, h // 2 - 56, w, 60), hs.seat_label(role), "#title")
        self.label(pygame.Rect(0, h // 2 + 10, w, 30), what + ". Everyone else, please look away.", "#subtitle")
        self.ready = self.button((w // 2 - 160, h // 2 + 70, 320, 54), "I'm ready — press Space", object_id="#primary")
        self.move_focus(1)

    def on_key(self, event) -> bool:
        if event.key == pygame.K_SPACE:
            self.on_button(self.ready)
            return True
        return self.game_key(event)

    def on_button(self, element) -> None:
        if element is self.ready:
            self.hotseat.advance()
            show_step(self.app)

    def help_lines(self):
        return [("Space", "show this seat's private screen")]

    def wants_quit_confirmation(self) -> bool:
        return True


def objectives_html(role) -> str:
    rows = "".join(f"<br>• {escape(o.text)} <i>({o.points} point{'s' if o.points != 1 else ''})</i>" for o in role.objectives)
    return f"<b>Your objectives</b>, scored after the last round:{rows}"


class BriefingScreen(GameKeys, MenuScreen):
    private = True

    def __init__(self, app, hotseat):
        super().__init__(app)
        self.hotseat = hotseat

    def build(self) -> None:
        w, h = self.app.size
        m = self.manager
        hs = self.hotseat
        role = hs.scenario.role(hs.step.role)
        self.label(pygame.Rect(40, 20, w - 80, 40), f"Private briefing — {hs.seat_label(role.id)}", "#heading")
        body = f"{text.html(role.briefing)}<br><br>{objectives_html(role)}<br><br><b>How to play:</b> each round you choose up to {role.orders} instrument{'s' if role.orders != 1 else ''} from your hand, aim them at actors on the board, and confirm. Hover anything for an explanation; F1 lists the keys."
        self.add(UITextBox(body, pygame.Rect(40, 70, w - 80, h - 160), m))
        self.done = self.button((w - 380, h - 74, 340, 46), "I have read it — hide it (Enter)", object_id="#primary")
        self.focus_index = 0
        self.done.select()

    def on_key(self, event) -> bool:
        return self.game_key(event)

    def on_button(self, element) -> None:
        if element is self.done:
            self.hotseat.advance()
            show_step(self.app)

    def wants_quit_confirmation(self) -> bool:
        return True


class NewsScreen(GameKeys, TableScreen):
    """Public: what happened since the last orders, revealed one item at a time."""

    REVEAL_EVERY = 0.7

    def __init__(self, app, hotseat):
        super().__init__(app, hotseat)
        self.items = [e for e in hotseat.fresh_news() if e.kind != "round"]
        self.revealed = 0
        self.clock = 0.0

    def seat_caption(self) -> str:
        return "News for everyone"

    def shown_meters(self) -> dict:
        """The meters as they were before the unrevealed items happened."""
        meters = dict(self.obs.meters)
        for event in reversed(self.items[self.revealed:]):
            for c in reversed(event.changes):
                if c.path in meters:
                    meters[c.path] = c.before
        return meters

    def build(self) -> None:
        lay = self.layout()
        b = lay["bottom"]
        self.list_box = self.add(UITextBox(self.items_html(), pygame.Rect(b.x, b.y, b.w - 250, b.h), self.manager))
        self.go = self.button((b.right - 230, b.bottom - 56, 230, 50), self.go_label(), object_id="#primary")
        self.focus_index = 0
        self.go.select()
        self.news_box(self.hotseat.earlier_news(), "Earlier news")

    def go_label(self) -> str:
        return "Show all (Space)" if self.revealed < len(self.items) else "Continue (Space)"

    def items_html(self) -> str:
        hs = self.hotseat
        head = f"<font size=5><b>Round {hs.state.round} of {hs.scenario.rounds}</b></font>" if not hs.state.over else "<font size=5><b>The game has ended</b></font>"
        if not self.items:
            return head + "<br><br>A quiet start: no crises yet. Read the board, then pass the computer on."
        lines = []
        current = None
        for e in self.items[: self.revealed]:
            if e.round != current:
                current = e.round
                heading = f"Start of round {e.round}" if e.round == hs.state.round and not hs.state.over else f"Round {e.round}: what happened"
                lines.append(f"<font color='#A0AABC'><b>{heading}</b></font>")
            changes = changes_text(hs.scenario, e.changes)
            kind = {"crisis_started": "<b>Crisis:</b> ", "consequence": "<b>News:</b> ", "game_over": "<b>End:</b> "}.get(e.kind, "")
            tail = f" <font color='#A0AABC'>({escape(changes)})</font>" if changes else ""
            lines.append(f"• {kind}{escape(' '.join(e.text.split()))}{tail}")
        waiting = len(self.items) - self.revealed
        more = f"<br><i>{waiting} more…</i>" if waiting else ""
        return head + "<br><br>" + "<br>".join(lines) + more

    def update(self, dt: float) -> bool:
        if self.revealed >= len(self.items):
            return False
        self.clock += dt
        if self.clock >= self.REVEAL_EVERY:
            self.clock = 0.0
            self.reveal(self.revealed + 1)
        return True

    def reveal(self, count: int) -> None:
        self.revealed = min(count, len(self.items))
        self.list_box.set_text(self.items_html())
        self.list_box.rebuild()
        if self.list_box.scroll_bar is not None:  # keep the newest item in view
            self.list_box.scroll_bar.set_scroll_from_start_percentage(1.0)
        self.go.set_text(self.go_label())
        self.app.dirty = True

    def on_key(self, event) -> bool:
        if event.key == pygame.K_SPACE:
            self.on_button(self.go)
            return True
        return self.game_key(event)

    def on_button(self, element) -> None:
        if element is self.go:
            if self.revealed < len(self.items):
                self.reveal(len(self.items))
            else:
                self.hotseat.advance()
                show_step(self.app)

    def help_lines(self):
        return [("Space", "show all news at once, then continue"), ("Mouse", "hover tokens, meters and crisis cards for details")]


class BriefingOverlay(Overlay):
    """The seat's briefing and objectives, one key (B) away during orders."""

    width, height = 760, 560

    def __init__(self, app, role, seat):
        super().__init__(app)
        self.role, self.seat = role, seat

    def build(self) -> None:
        r = self.rect
        m = self.app.manager
        title = text.fit(f"Your briefing — {self.seat}", text.font(22, bold=True), r.w - 52)
        self.elements.append(UILabel(pygame.Rect(r.x + 20, r.y + 12, r.w - 40, 36), title, m, object_id="#heading"))
        self.elements.append(UITextBox(f"{text.html(self.role.briefing)}<br><br>{objectives_html(self.role)}", pygame.Rect(r.x + 20, r.y + 54, r.w - 40, r.h - 120), m))
        self.elements.append(UILabel(pygame.Rect(r.x + 20, r.bottom - 50, r.w - 40, 30), "Press B or Esc to close.", m, object_id="#dim"))

    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_b, pygame.K_ESCAPE):
            self.close()


class OrdersScreen(GameKeys, TableScreen):
    """Private: one seat chooses its instruments and targets, then confirms."""

    private = True

    @property
    def board_fraction(self) -> float:
        return 0.56 if self.app.size[1] >= 800 else 0.5

    def __init__(self, app, hotseat):
        super().__init__(app, hotseat)
        self.role = hotseat.scenario.role(hotseat.step.role)
        self.picks: list[Order] = []
        self.pending: str | None = None  # instrument waiting for a target
        self.target_focus = 0
        self.hand = Hand()

    # what is on the board
    def seat_caption(self) -> str:
        return f"{self.hotseat.seat_label(self.role.id)} — your orders (private)"

    def highlight(self) -> Highlight:
        targets = frozenset(self.hotseat.valid_targets(self.pending, tuple(self.picks))) if self.pending else frozenset()
        ordered = sorted(targets)
        focus = ordered[self.target_focus % len(ordered)] if ordered else None
        return Highlight(targets, frozenset(o.target for o in self.picks if o.target), focus)

    # widgets
    def panels(self) -> tuple[pygame.Rect, pygame.Rect]:
        b = self.layout()["bottom"]
        hand_w = int(b.w * (0.64 if b.w >= 800 else 0.6))
        hand = pygame.Rect(b.x, b.y + 26, hand_w, b.h - 26)
        orders = pygame.Rect(b.x + hand_w + 14, b.y, b.w - hand_w - 14, b.h)
        return hand, orders

    def blockers(self) -> dict:
        picks = tuple(self.picks)
        return {i: self.hotseat.instrument_blocker(i, picks) for i in self.role.instruments}

    def build(self) -> None:
        hand, panel = self.panels()
        self.hand.layout(hand, list(self.role.instruments), self.blockers())
        self.remove_buttons = []
        y = panel.y + 30
        for _ in self.picks:
            self.remove_buttons.append(self.button((panel.right - 86, y + 4, 86, 32), "Remove", "Take this order back (Backspace removes the last one)."))
            y += 44
        self.briefing_button = self.button((panel.x, panel.bottom - 100, panel.w, 40), "Briefing and objectives (B)", "Your private briefing and objectives.")
        self.confirm = self.button((panel.x, panel.bottom - 52, panel.w, 48), "Confirm orders (Enter)", "Lock in your orders and hand the computer on.", "#primary")
        self.news_box(self.obs.events, "News and intelligence (newest first)")

    def draw_bottom(self, surface, area: pygame.Rect) -> None:
        hand, panel = self.panels()
        sc = self.hotseat.scenario
        text.draw(surface, self.hand_caption(), (area.x, area.y), 15, palette.TEXT, bold=True)
        hover = None
        if self.hover:
            card = self.hand.hit(self.hover)
            hover = card.instrument if card else None
        full = len(self.picks) >= self.role.orders
        self.hand.draw(surface, sc, self.pending, hover, {o.instrument for o in self.picks}, full)
        text.draw(surface, f"Your orders ({len(self.picks)} of {self.role.orders})", (panel.x, panel.y), 15, palette.TEXT, bold=True)
        y = panel.y + 30
        for order in self.picks:
            inst = sc.instrument(order.instrument)
            on = sc.actor(order.target).name if order.target else "no target"
            row = pygame.Rect(panel.x, y, panel.w, 40)
            pygame.draw.rect(surface, palette.PANEL, row, border_radius=6)
            text.draw(surface, text.fit(inst.name, text.font(14, bold=True), panel.w - 100), (row.x + 8, row.y + 3), 14, palette.TEXT, bold=True)
            text.draw(surface, text.fit("on " + on if order.target else on, text.font(13), panel.w - 100), (row.x + 8, row.y + 21), 13, palette.TEXT_DIM)
            y += 44
        if self.pending:
            inst = sc.instrument(self.pending)
            note = f"{inst.name}: click a ringed token on the board (or Tab to move, Enter to choose; Esc to cancel)."
            text.draw_wrapped(surface, note, pygame.Rect(panel.x, y + 2, panel.w, 64), 14, palette.YELLOW)
        elif len(self.picks) < self.role.orders:
            left = self.role.orders - len(self.picks)
            text.draw_wrapped(surface, f"You may choose {left} more. Click a card, or press its number.", pygame.Rect(panel.x, y + 2, panel.w, 44), 14, palette.TEXT_DIM)
        else:
            text.draw_wrapped(surface, "All your orders are chosen. Confirm, or remove one to change your mind.", pygame.Rect(panel.x, y + 2, panel.w, 44), 14, palette.TEXT_DIM)

    def draw(self, surface) -> None:
        super().draw(surface)
        if self.hover:
            card = self.hand.hit(self.hover)
            if card is not None:
                from ..board import draw_tooltip

                draw_tooltip(surface, self.instrument_tip(self.hotseat.scenario.instrument(card.instrument), card.blocker), self.hover, 380)

    def hand_caption(self) -> str:
        capital = self.obs.meters.get(f"{self.role.id}.capital")
        spent = sum(self.hotseat.scenario.instrument(o.instrument).cost for o in self.picks)
        money = f" — capital left: {capital - spent} of {capital}" if capital is not None else ""
        return f"Your instruments{money}"

    def instrument_tip(self, inst, blocker) -> str:
        targets = ", ".join(k.replace("_", " ") for k in inst.targets) if inst.targets else "none: it acts on the situation"
        who = "Private: only you and the facilitator learn you used it." if inst.visibility == "private" else "Public: everyone sees it in the news."
        tip = f"{inst.name} ({inst.category}, costs {inst.cost} capital)\n\n{' '.join(inst.text.split())}\n\nTargets: {targets}. {who}"
        if inst.cooldown:
            tip += f" After use, wait {inst.cooldown} round{'s' if inst.cooldown != 1 else ''}."
        if blocker:
            tip += f"\n\nNot available now: {blocker}."
        return tip

    # actions
    def pick(self, inst_id: str) -> None:
        inst = self.hotseat.scenario.instrument(inst_id)
        if len(self.picks) >= self.role.orders:
            self.app.toast(f"All {self.role.orders} orders are chosen: remove one first")
            return
        blocker = self.hotseat.instrument_blocker(inst_id, tuple(self.picks))
        if blocker:
            self.app.toast(f"{inst.name}: {blocker}")
            return
        if inst.targets:
            self.pending = None if self.pending == inst_id else inst_id
            self.target_focus = 0
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

    def confirm_orders(self) -> None:
        def go() -> None:
            try:
                self.hotseat.submit(tuple(self.picks))
            except IllegalAction as e:
                self.app.toast(str(e))
                return
            show_step(self.app)

        if not self.picks:
            ConfirmOverlay(self.app, "Confirm with no orders?", "You have not chosen any instrument this round. Doing nothing is also a signal.", "Confirm", go).open()
        else:
            go()

    def on_board_click(self, hit) -> bool:
        if hit.kind == "actor" and self.pending and hit.ref in self.highlight().targets:
            self.add_order(Order(self.pending, hit.ref))
            return True
        return False

    def on_event(self, event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.hover and self.hand.area.collidepoint(self.hover):
            if self.hand.wheel(event.y):
                self.hand.layout(self.hand.area, list(self.role.instruments), self.blockers())
                self.app.dirty = True
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            card = self.hand.hit(event.pos)
            if card is not None:
                self.pick(card.instrument)
                return True
        if event.type == pygame.MOUSEMOTION and self.hand.area.collidepoint(event.pos):
            self.app.dirty = True
        return super().on_event(event)

    def on_button(self, element) -> None:
        for i, b in enumerate(self.remove_buttons):
            if element is b:
                del self.picks[i]
                self.rebuild()
                return
        if element is self.confirm:
            self.confirm_orders()
        elif element is self.briefing_button:
            BriefingOverlay(self.app, self.role, self.hotseat.seat_label(self.role.id)).open()

    def on_key(self, event) -> bool:
        if self.game_key(event):
            return True
        key = event.key
        if pygame.K_1 <= key <= pygame.K_9:
            i = key - pygame.K_1
            if i < len(self.role.instruments):
                self.hand.scroll_to(self.role.instruments[i])
                self.pick(self.role.instruments[i])
            return True
        if key == pygame.K_b:
            BriefingOverlay(self.app, self.role, self.hotseat.seat_label(self.role.id)).open()
            return True
        if key == pygame.K_BACKSPACE and self.picks:
            self.picks.pop()
            self.rebuild()
            return True
        if self.pending:
            targets = sorted(self.highlight().targets)
            if key == pygame.K_ESCAPE:
                self.pending = None
                self.rebuild()
                return True
            if key in (pygame.K_TAB, pygame.K_RIGHT, pygame.K_DOWN, pygame.K_LEFT, pygame.K_UP) and targets:
                self.target_focus += -1 if key in (pygame.K_LEFT, pygame.K_UP) or event.mod & pygame.KMOD_SHIFT else 1
                self.app.dirty = True
                return True
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER) and targets:
                self.add_order(Order(self.pending, targets[self.target_focus % len(targets)]))
                return True
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focused() is None:
            self.confirm_orders()
            return True
        return False

    def help_lines(self):
        return [
            ("1–9", "choose an instrument from your hand"),
            ("Tab / arrows", "after choosing one that needs a target: move between targets"),
            ("Enter", "aim at the highlighted target; with nothing highlighted, confirm your orders"),
            ("Esc", "cancel the instrument waiting for a target"),
            ("Backspace", "remove your last order"),
            ("B", "show your briefing and objectives"),
            ("Mouse", "click an instrument, then a ringed token; hover anything for an explanation"),
        ]
