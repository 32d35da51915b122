"""Coach marks: a first game's first orders turn, shown rather than told.

A scenario with ``[scenario] coach = true`` (the tutorial) has three tips on each seat's orders
screen in round 1, each pointing at the live thing: a card of the hand (click it or press its
number), then the ringed targets of the instrument waiting for one (click one, or Tab and Enter),
then Confirm (it hands the computer on). Which tip shows is read off the screen itself, so a tip
moves on the moment the player does what it says. "Got it" or Esc closes a tip for good; "No more
tips" closes them all for the rest of the session. What the coach remembers is kept per window
(``App``), for each seat's player: a tip closed stays closed when the game is saved and resumed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

import pygame
import pygame_gui

from ..i18n import _
from .bubble import GOT_IT, NEVER, WIDTH, Bubble, around, corners, grid
from .hand import KEYS

if TYPE_CHECKING:
    from .app import App
    from .screens.orders import OrdersScreen

CARD, TARGET, CONFIRM = "card", "target", "confirm"
STEPS = (CARD, TARGET, CONFIRM)
TOKEN_RING = 40  # the board's radius for a token with its keyboard ring (26 + 14)
WIDGET_COST = 20  # a widget's pixel covered, against one of a card, a line's number or "Our side"
TOKEN_COST = 4  # an actor's token and its label


class Coaching:
    """What the coach remembers for one window: whether tips are off, and the tips each player has done."""

    def __init__(self) -> None:
        self.off = False
        self.done: dict[tuple[str, str, str], set[str]] = {}

    def of(self, scenario: str, role: str, player: str) -> set[str]:
        return self.done.setdefault((scenario, role, player), set())


_SESSIONS: WeakKeyDictionary[App, Coaching] = WeakKeyDictionary()


def coaching(app: App) -> Coaching:
    if app not in _SESSIONS:
        _SESSIONS[app] = Coaching()
    return _SESSIONS[app]


class OrdersCoach:
    """The tips over one seat's orders screen (``OrdersScreen`` hands it its events and its drawing)."""

    def __init__(self, screen: OrdersScreen) -> None:
        self.screen = screen
        hs = screen.hotseat
        self.memory = coaching(screen.app)
        self.wanted = hs.scenario.coach and hs.state.round == 1
        self.done = self.memory.of(hs.scenario.id, screen.role.id, hs.seat_label(screen.role.id))
        self.bubble: Bubble | None = None

    # which tip -------------------------------------------------------------
    def step(self) -> str | None:
        """The tip the screen calls for now, or None."""
        if not self.wanted or self.memory.off:
            return None
        s = self.screen
        if s.pending or s.picks:
            self.done.add(CARD)  # a card was chosen: that tip has done its work
        if any(o.target for o in s.picks):
            self.done.add(TARGET)
        step = TARGET if s.pending else CONFIRM if s.picks else CARD
        return None if step in self.done else step

    def mark(self) -> Bubble | None:
        """The tip to show, pointing at the widget's rect as the screen has it now, placed; None for none."""
        step = self.step()
        bubble = None
        if step == CARD:
            bubble = self.card_tip()
        elif step == TARGET:
            bubble = self.target_tip()
        elif step == CONFIRM:
            bubble = self.confirm_tip()
        if bubble is not None and step is not None:
            bubble.counter = _("Tip {n} of {total}").format(n=STEPS.index(step) + 1, total=len(STEPS))
            self.place(bubble, step)
        self.bubble = bubble
        return bubble

    def card_tip(self) -> Bubble | None:
        hand = self.screen.hand
        usable = [(i, c) for i, c in enumerate(hand.cards) if c.blocker is None and hand.area.contains(c.rect)] or [
            (i, c) for i, c in enumerate(hand.cards) if hand.area.contains(c.rect)
        ]
        if not usable:
            return None
        index, card = usable[0]
        name = self.screen.hotseat.scenario.instrument(card.instrument).name
        words = (
            _(
                "{name}: one instrument of your hand, with its cost and whether it is public or private. "
                "Click it, or press {key}, to choose it; hover a card to read it."
            )
            if index < len(KEYS)
            else _(
                "{name}: one instrument of your hand, with its cost and whether it is public or private. "
                "Click it, to choose it; hover a card to read it."
            )
        )
        return Bubble(
            _("This is a card"),
            words.format(name=name, key=KEYS[index] if index < len(KEYS) else ""),
            [pygame.Rect(card.rect)],
        )

    def target_tip(self) -> Bubble | None:
        s = self.screen
        board = s.layout()["board"]
        sc = s.hotseat.scenario
        tokens = [t for t in s.target_order() if not sc.has_role(t)]
        if not tokens:
            return None  # roles have no token to point at: the panel's own note says to press Tab
        focus = s.highlight().focus
        tokens.sort(key=lambda t: t != focus)  # the arrow goes to the one Tab is on, if any
        rings = []
        for actor_id in tokens:
            centre = s.board.token_centre(board, sc.actor(actor_id))
            ring = pygame.Rect(0, 0, 2 * TOKEN_RING, 2 * TOKEN_RING)
            ring.center = centre
            rings.append(ring)
        name = sc.instrument(s.pending).name if s.pending else _("The instrument")
        return Bubble(
            _("These ringed tokens are its targets"),
            _(
                "{name} waits for a target. Click a ringed token, or press Tab to move between them and Enter to aim."
            ).format(name=name),
            rings,
            circles=True,
        )

    def confirm_tip(self) -> Bubble | None:
        s = self.screen
        others = len(s.hotseat.humans()) > 1
        words = (
            _(
                "Your orders are listed above it (Remove takes one back). When they are right, Confirm hands the "
                "computer on to the next player. Other seats never see your private orders."
            )
            if others
            else _(
                "Your orders are listed above it (Remove takes one back). When they are right, Confirm ends your "
                "turn and the round resolves. Other seats never see your private orders."
            )
        )
        return Bubble(
            _("Confirm hands the computer on"),
            words,
            [pygame.Rect(s.confirm.rect)],
        )

    def place(self, bubble: Bubble, step: str) -> None:
        """Beside what it points at, or in a corner of the board or the hand: wherever it covers least."""
        s = self.screen
        size = (WIDTH, bubble.height())
        board, hand = s.layout()["board"], s.hand.area
        candidates = around(bubble.rings[0], size) + corners(board, size) + corners(hand, size) + grid(board, size)
        # A click on the bubble must not press a widget under it: widgets cost most to cover. Then the
        # orders panel (its list, the note on the waiting card), the tokens, and on the first tip the cards.
        costs = [(pygame.Rect(e.rect), WIDGET_COST) for e in s.elements if getattr(e, "visible", True)]
        costs.append((s.panels()[1], 2))
        costs += [(pygame.Rect(h.rect), TOKEN_COST) for h in s.board.hits if h.kind == "actor"]
        costs += [(pygame.Rect(h.rect), 1) for h in s.board.hits if h.kind in ("side", "line")]
        if step == CARD:
            costs += [(pygame.Rect(c.rect), 1) for c in s.hand.cards if hand.colliderect(c.rect)]
        targets = s.highlight().targets
        labels = [pygame.Rect(h.rect) for h in s.board.hits if h.kind == "actor" and h.ref in targets]
        bubble.place(pygame.Rect((0, 0), s.app.size), candidates, costs, avoid=labels)

    # what the screen hands it ------------------------------------------------
    def draw(self, surface: pygame.Surface) -> bool:
        """Draw the tip, if any; True when the mouse is on it (so no tooltip is drawn under it)."""
        bubble = self.mark()
        if bubble is None:
            return False
        hover = self.screen.hover
        bubble.draw(surface, hover)
        return hover is not None and bubble.rect.collidepoint(hover)

    def dismiss(self) -> None:
        step = self.step()
        if step is not None:
            self.done.add(step)
        self.screen.app.dirty = True

    def handle(self, event: pygame.event.Event) -> bool:
        """True when the event was the coach's (a click on its bubble, Esc closing a tip)."""
        s = self.screen
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is s.confirm:
            self.done.add(CONFIRM)  # noted, not used: the screen confirms
            return False
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if not s.pending and s.focused() is None:
                self.done.add(CONFIRM)
            return False
        bubble = self.bubble if self.step() is not None else None
        if bubble is None:
            return False
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.dismiss()
            return True
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) and bubble.rect.collidepoint(event.pos):
            if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
                choice = bubble.button_at(event.pos)
                if choice == GOT_IT:
                    self.dismiss()
                elif choice == NEVER:
                    self.memory.off = True
                    s.app.dirty = True
            return True  # nothing under the bubble is clicked through it
        return False
