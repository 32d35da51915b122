"""The hot-seat flow: whose turn it is and what may be on screen now.

This is the order of screens in a shared-computer game, kept apart from pygame
so it can be tested and resumed from a save. The board asks ``step`` what to
show and calls ``advance`` / ``submit``; the step is derived from the game
state plus a little bookkeeping in ``game.meta`` (which seats have read their
briefing), so a loaded save resumes exactly where it stopped.

Steps, in order:

- ``briefing_handover`` / ``briefing`` for each human seat, once, before round 1;
- ``news``: the public news since the last orders (crises, public orders,
  reveals for everyone); shown at the start of every round;
- ``handover`` / ``orders`` for each human seat that has not confirmed yet;
- bots choose, the round resolves (in semi-rigid adjudication, the
  facilitator first reviews the results at ``adjudicate``), and the next
  round's ``news`` follows;
- ``over`` once the game has ended.
"""

from __future__ import annotations

import re
from typing import Callable

from attrs import field, frozen

from ..bots import DEFAULT_BOT, BotNameError, read_bot
from ..i18n import N_, _
from ..rules import orders as legality
from ..rules.engine import preview
from ..rules.facilitator import IllegalAction
from ..rules.observe import Observation, observe, visible_events
from ..rules.state import FACILITATOR_SEAT, PUBLIC_SEAT, Answer, Order, Resolve, Submit
from . import control
from .autoplay import seat_bots, talk_phases
from .game import Game
from .meta import FINAL, SeatMeta

_INNER_BRACKETS = re.compile(r"\s*\(([^()]*)\)")  # "Veyra cell (red team)" -> "Veyra cell, red team"
_FLAT = r", \1"

BRIEFING_HANDOVER = "briefing_handover"
BRIEFING = "briefing"
NEWS = "news"
HANDOVER = "handover"
ORDERS = "orders"
TALKS_HANDOVER = "talks_handover"  # "step" talks: the hand-over before a seat's turn of talks
TALKS = "talks"  # a seat's private turn of talks, before anyone gives orders
ADJUDICATE = "adjudicate"  # semi-rigid: the facilitator reviews the round's results
OVER = "over"
PRIVATE_STEPS = (BRIEFING, ORDERS, TALKS)


@frozen
class Seat:
    role: str
    name: str = ""
    bot: str | None = None  # None: a human sits here

    @property
    def human(self) -> bool:
        return self.bot is None


@frozen
class Step:
    kind: str
    role: str | None = None

    @property
    def private(self) -> bool:
        return self.kind in PRIVATE_STEPS


def seats_to_meta(seats: dict[str, Seat]) -> dict[str, SeatMeta]:
    return {r: SeatMeta(s.name, s.bot) for r, s in seats.items()}


def seats_from_meta(game: Game) -> dict[str, Seat]:
    """The seats a save records; a role it does not mention is played by the random bot."""
    recorded = game.meta.seats or {}
    seats = {}
    for role in game.scenario.roles:
        entry = recorded.get(role.id, SeatMeta(bot="random"))
        seats[role.id] = Seat(role.id, entry.name, entry.bot)
    return seats


def parse_seats(spec: str, role_ids, optional=()) -> dict[str, Seat]:
    """``"foreign=Ana,defence=bot"`` -> seats; unnamed roles get the default bot (``DEFAULT_BOT``, as on the
    set-up screen), except the roles in ``optional`` (``[[roles]] optional``): an optional role is in the game
    only when it is named.

    ``bot`` (the default bot) or ``bot:NAME`` seats a bot; anything else is a human's name.
    Raises ``ValueError`` with a message naming the problem.
    """
    seats = {r: Seat(r, "", DEFAULT_BOT) for r in role_ids if r not in optional}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        role, sep, who = part.partition("=")
        role, who = role.strip(), who.strip()
        if not sep or not who:
            raise ValueError(_("'{part}': write role=Name or role=bot").format(part=part))
        if role not in role_ids:
            raise ValueError(_("unknown role '{role}'; roles are {roles}").format(role=role, roles=", ".join(role_ids)))
        if who == "bot" or who.startswith("bot:"):
            bot = who[4:].strip() or DEFAULT_BOT if who != "bot" else DEFAULT_BOT
            try:
                read_bot(bot)
            except BotNameError as e:
                raise ValueError(_("'{part}': {error}").format(part=part, error=e)) from None
            seats[role] = Seat(role, "", bot)
        else:
            seats[role] = Seat(role, who, None)
    return {r: seats[r] for r in role_ids if r in seats}


TALKS_OVER = N_("the talks of this round are over: orders are being given (offers can still be answered)")


@frozen
class Draft:
    """What a seat left unsent in its talks (a letter, its recipients, a deal half built): kept in memory
    for that seat's next private turn, never saved and never shown to another seat."""

    letter: str = ""
    to: tuple[str, ...] = ()
    picks: dict[str, str] = field(factory=dict)
    countering: int | None = None


class HotSeat:
    """Drives one hot-seat game: the current step, hand-overs, bots, autosaves."""

    def __init__(
        self, game: Game, seats: dict[str, Seat] | None = None, autosave: Callable[[Game, str], None] | None = None
    ):
        self.game = game
        if seats is None:
            seats = seats_from_meta(game)
        else:  # a seat of a role this game does not have (an optional seat left out) is no seat at all
            seats = {r: s for r, s in seats.items() if r in game.scenario.role_ids}
            game.meta.seats = seats_to_meta(seats)
        for role in game.scenario.role_ids:
            seats.setdefault(role, Seat(role, "", DEFAULT_BOT))
        self.seats = seats
        self.drafts: dict[str, Draft] = {}  # per seat, its unsent talks
        self.results_read: set[tuple[str, int]] = set()  # (seat, round) whose card of last round's results opened
        self.bots = {
            r: b
            for r, b in seat_bots(game, {r: s.bot for r, s in seats.items() if s.bot is not None}).items()
            if not seats[r].human
        }
        self.autosave = autosave
        if game.meta.briefed is None:
            game.meta.briefed = []
        game.meta.title = game.scenario.title
        if not game.actions and not game.meta.news_round:
            game.meta.news_round = 0
        self.step = self._next_step()

    # derived facts ----------------------------------------------------------
    @property
    def seat(self) -> str:
        """The role whose turn it is: at a hand-over, a briefing or orders."""
        role = self.step.role
        if role is None:
            raise RuntimeError(f"no seat's turn at the {self.step.kind} step")
        return role

    @property
    def scenario(self):
        return self.game.scenario

    @property
    def state(self):
        return self.game.state

    def humans(self) -> list[str]:
        return [r.id for r in self.scenario.roles if self.seats[r.id].human]

    def seat_label(self, role: str, short: bool = False) -> str:
        """ "Ana (Foreign Ministry)" or just the role's name; ``short``: "Ana" where the seat has a name.
        A role's name with brackets of its own is said without them inside the seat's ("Ed (Veyra cell,
        red team)", not "Ed (Veyra cell (red team))")."""
        name = self.seats[role].name
        if short and name:
            return name
        role_name = self.scenario.role(role).name
        if not name:
            return role_name
        return f"{name} ({_INNER_BRACKETS.sub(_FLAT, role_name)})"

    def observation(self) -> Observation:
        """What may be on screen at this step: the seat's own view or the public one."""
        seat = self.seat if self.step.private else PUBLIC_SEAT
        return observe(self.scenario, self.state, seat)

    # flow -------------------------------------------------------------------
    def _next_step(self) -> Step:
        meta = self.game.meta
        unread = meta.read_news < len(self.state.events)
        if self.state.over:
            # The last round's results are news too, before the scores.
            return Step(NEWS) if unread and meta.news_round != FINAL else Step(OVER)
        if not self.game.actions:
            for role in self.humans():
                if role not in (meta.briefed or ()):
                    return Step(BRIEFING_HANDOVER, role)
        if meta.news_round != self.state.round:
            return Step(NEWS)
        if talk_phases(self.scenario)[0] and not self.state.submitted:
            for role in self.humans():
                if role not in self.talked():
                    return Step(TALKS_HANDOVER, role)
        for role in self.humans():
            if self.state.orders_of(role) is None:
                return Step(HANDOVER, role)
        if self.semi_rigid():
            return Step(ADJUDICATE)
        return Step(NEWS)  # every human confirmed but the round is not resolved yet (a resumed save)

    def semi_rigid(self) -> bool:
        return self.state.mode == "semi-rigid" and control.has_facilitator(self.game)

    def advance(self) -> Step:
        """Leave a non-orders step (hand-over, briefing, news)."""
        kind, role = self.step.kind, self.step.role
        if kind == BRIEFING_HANDOVER:
            self.step = Step(BRIEFING, role)
        elif kind == HANDOVER:
            self.step = Step(ORDERS, role)
        elif kind == TALKS_HANDOVER:
            self.step = Step(TALKS, role)
        elif kind == BRIEFING and role is not None:
            self.game.meta.briefed = [*(self.game.meta.briefed or ()), role]
            self._save("briefing")
            self.step = self._next_step()
        elif kind == NEWS:
            self.game.meta.news_round = FINAL if self.state.over else self.state.round
            self.game.meta.news_index = len(self.state.events)
            self._bots_talk()
            self._after_last_human()
        return self.step

    def submit(self, orders: tuple[Order, ...]) -> Step:
        """The seat at ``orders`` confirms. Raises ``IllegalAction`` if not allowed."""
        if self.step.kind != ORDERS:
            raise RuntimeError("no seat is giving orders now")
        self.game.do(Submit(self.seat, tuple(orders)))
        self._save("orders")
        self._after_last_human()
        return self.step

    def _after_last_human(self) -> None:
        """Move on; once every human has confirmed, bots choose and the round resolves
        (or waits for the facilitator's review in semi-rigid adjudication)."""
        self.step = self._next_step()
        if (
            self.step.kind in (NEWS, ADJUDICATE)
            and not self.state.over
            and self.game.meta.news_round == self.state.round
        ):
            self._bots_choose()
            if self.step.kind == NEWS:
                self._resolve(())

    def talk(self, action) -> None:
        """A message, an offer or an answer (``Write``, ``Propose``, ``Answer``) from the seat at its turn
        of talks or of orders. Raises ``IllegalAction`` if not allowed; nothing else changes then."""
        if self.step.kind not in (ORDERS, TALKS) or getattr(action, "role", None) != self.seat:
            raise IllegalAction(_("only the seat whose turn it is can talk now"))
        if not isinstance(action, Answer) and not self.talks_open():
            raise IllegalAction(_(TALKS_OVER))
        self.game.do(action)
        self._save("talks")

    def talks_open(self) -> bool:
        """Whether the seat at its turn may still write and propose. With a round of talks ("step"), only in
        its turn of talks: every seat has had its turn before the first orders, so the first seat to give
        orders gets no word more than the others. Offers can be answered at any private turn."""
        if self.scenario.negotiation.mode != "step":
            return True
        return self.step.kind == TALKS and not self.state.submitted

    def unread_talks(self, role: str) -> int:
        """How many messages ``role`` has not read yet (sent after it last closed its talks) and offers wait
        for its answer: a count the hand-over may show, read from the seat's own observation."""
        seen = observe(self.scenario, self.state, role)
        read = (self.game.meta.talks_read or {}).get(role, 0)
        letters = sum(1 for x in seen.letters if x.sender != role and x.number > read)
        return letters + sum(1 for d in seen.deals if d.partner == role and d.status == "proposed")

    def read_talks(self, role: str) -> None:
        """``role`` has read every message it was sent (it closed its talks)."""
        last = max((x.number for x in observe(self.scenario, self.state, role).letters), default=0)
        meta = self.game.meta
        if (meta.talks_read or {}).get(role, 0) != last:
            meta.talks_read = {**(meta.talks_read or {}), role: last}

    def talked(self) -> list[str]:
        """The seats whose turn of talks this round is over."""
        meta = self.game.meta
        return list(meta.talked or ()) if meta.talked_round == self.state.round else []

    def end_talks(self) -> Step:
        """The seat at its turn of talks is done: the next seat's turn (of talks, or of orders)."""
        if self.step.kind != TALKS or self.step.role is None:
            raise RuntimeError("no seat is talking now")
        self._mark_talked(self.step.role)
        self._save("talks")
        self.step = self._next_step()
        return self.step

    def _mark_talked(self, role: str) -> None:
        meta = self.game.meta
        meta.talked, meta.talked_round = [*self.talked(), role], self.state.round

    def _bots_talk(self) -> None:
        """In "step" talks, bot seats take their turn of talks when the round's news has been read, before
        the humans, so that people can answer what the bots offer."""
        phase, _ = talk_phases(self.scenario)
        if not phase or self.state.over or self.state.submitted:
            return
        for role, bot in self.bots.items():
            if role not in self.talked():
                for action in bot.talk(self.scenario, self.state, role, phase):
                    self.game.do(action)
                self._mark_talked(role)

    def _bots_choose(self) -> None:
        """Bot seats take their turn after the humans: in a scenario with talks, they first answer the
        offers made to them (and in "inline" mode make their own), then choose."""
        _, phase = talk_phases(self.scenario)
        for role, bot in self.bots.items():
            if self.state.orders_of(role) is None:
                if phase:
                    for action in bot.talk(self.scenario, self.state, role, phase):
                        self.game.do(action)
                self.game.do(Submit(role, bot.choose(self.scenario, self.state, role)))

    def _resolve(self, overrides) -> None:
        self.game.do(Resolve(tuple(overrides)))
        self._save("resolution")
        self.step = self._next_step()

    # the facilitator ----------------------------------------------------------
    def facilitate(self, action):
        """A facilitator action (inject, adjust, note, mode, schedule). Raises IllegalAction."""
        events = self.game.do(action)
        self._save("facilitator")
        if self.step.kind == ADJUDICATE and not self.semi_rigid():  # back to rigid during the review
            self._after_last_human()
        return events

    def facilitator_view(self) -> Observation:
        return observe(self.scenario, self.state, FACILITATOR_SEAT)

    def proposal(self, overrides=()):
        """The round's results as the engine would publish them (semi-rigid review)."""
        self._bots_choose()
        return preview(self.scenario, self.state, overrides)

    def adjudicate(self, overrides=()) -> Step:
        """The facilitator accepts the round's results, with any overrides."""
        if self.step.kind != ADJUDICATE:
            raise RuntimeError("no round is waiting for the facilitator's review")
        self._bots_choose()
        self._resolve(overrides)
        return self.step

    def _save(self, phase: str) -> None:
        if self.autosave is not None:
            self.autosave(self.game, phase)

    def debrief_view(self) -> Observation:
        """Everything, for the debrief: only once the game is over."""
        if not self.state.over:
            raise RuntimeError("the debrief opens when the game is over")
        return observe(self.scenario, self.state, FACILITATOR_SEAT)

    # news -------------------------------------------------------------------
    def fresh_news(self):
        """Public events since the news was last read: last round's results and
        this round's briefing."""
        start = self.game.meta.read_news
        return list(visible_events(self.scenario, self.state.events[start:], PUBLIC_SEAT))

    def earlier_news(self):
        """Public events that were already read, for the log beside the fresh news."""
        start = self.game.meta.read_news
        return list(visible_events(self.scenario, self.state.events[:start], PUBLIC_SEAT))

    # choosing orders (for the seat at ``orders``) ----------------------------
    def instrument_blocker(self, instrument: str, picks: tuple[Order, ...] = ()) -> str | None:
        """Why the seat cannot add this instrument to ``picks`` now, or None.

        A full hand of orders is not a blocker here: the board says it once."""
        role = self.seat
        spent = sum(self.scenario.instrument(o.instrument).cost for o in picks)
        blocker = legality.instrument_blocker(self.scenario, self.state, role, instrument, spent)
        if blocker:
            return blocker
        if self.scenario.instrument(instrument).targets:
            if not self.valid_targets(instrument, picks, count=False):
                return _("no possible target now")
            return None
        return self.order_problem(Order(instrument), picks, count=False)

    def valid_targets(self, instrument: str, picks: tuple[Order, ...] = (), count: bool = True) -> list[str]:
        inst = self.scenario.instrument(instrument)
        return [
            t
            for t in legality.targets_for(self.scenario, inst, self.seat)
            if self.order_problem(Order(instrument, t), picks, count) is None
        ]

    def order_problem(self, order: Order, picks: tuple[Order, ...] = (), count: bool = True) -> str | None:
        """Why adding ``order`` to ``picks`` would make the submission illegal."""
        return legality.orders_problem(self.scenario, self.state, self.seat, tuple(picks) + (order,), count)
