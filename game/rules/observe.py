"""What one seat may see: the only place secrecy is decided.

The board, the bots and the reports render an ``Observation``, never the raw
state. A role sees public meters, its own role meters, public events and the
events addressed to it, its own briefing and orders. A role that plays an actor
(``plays``, a red cell) also sees that actor's facilitator meters; the private
orders aimed at its actor are addressed to it by the engine. The facilitator sees
everything. ``PUBLIC_SEAT`` is what may be on screen when nobody in particular is
looking (hand-over screens, the news between turns).
"""

from __future__ import annotations

from attrs import field, frozen

from ..i18n import _
from . import timing
from .chance import band
from .expr import Context
from .model import FACILITATOR, PUBLIC, Objective, Scenario, start_values
from .state import (
    ALL,
    FACILITATOR_SEAT,
    PUBLIC_SEAT,
    Deal,
    Event,
    GameState,
    Letter,
    Order,
    Outcome,
    Pending,
)


@frozen
class Observation:
    seat: str
    round: int
    rounds: int
    meters: dict  # path -> value, only those this seat may see
    active_crises: tuple[str, ...]
    ended_crises: tuple[str, ...]
    events: tuple[Event, ...]
    submitted: tuple[str, ...]  # roles that have submitted this round (not what)
    briefing: str = ""
    objectives: tuple[Objective, ...] = ()
    my_orders: tuple[Order, ...] | None = None
    pending: tuple[Pending, ...] = ()  # facilitator only
    outcome: Outcome | None = None
    all_orders: tuple = ()  # facilitator only: (role, orders with reasons) submitted this round
    schedule: tuple = ()  # facilitator only: the round each [[schedule]] entry breaks at, None when done
    mode: str = "rigid"
    # (objective id, how it stands) of the seat's timed or partial objectives whose reads it can see
    progress: tuple[tuple[str, str], ...] = ()
    # path -> (lo, hi): the estimated meters (``estimate``) this seat sees only as a band containing
    # the value; such a path is not in ``meters``. Empty for the facilitator.
    bands: dict = field(factory=dict)
    # crisis id -> the stage an active crisis has escalated to (public news), for those past their first
    stages: dict = field(factory=dict)
    # Negotiation (game.rules.negotiation): the messages the seat wrote or was sent, and the deals it is
    # a party to; the facilitator's hold all of them, the public seat's none.
    letters: tuple[Letter, ...] = ()
    deals: tuple[Deal, ...] = ()

    def deal_label(self, number: int) -> int:
        """The number the seat knows deal ``number`` by: its place among the deals between the same two
        seats, which both of them see alike (so two players can speak of "our deal 2"). The game numbers
        every seat's deals in one sequence (actions name deals by it), so showing that number would tell a
        seat how many deals the others made; the facilitator's labels are the game's own."""
        deal = next((d for d in self.deals if d.number == number), None)
        if deal is None:
            raise KeyError(f"deal {number} is not one seat {self.seat} knows of")
        if self.seat not in deal.parties:
            return number
        pair = set(deal.parties)
        return sum(1 for d in self.deals if d.number <= number and set(d.parties) == pair)

    def letter_label(self, number: int) -> int:
        """The number the seat knows letter ``number`` by (as ``deal_label``, for messages)."""
        for place, letter in enumerate(self.letters, 1):
            if letter.number == number:
                return place
        raise KeyError(f"letter {number} is not one seat {self.seat} knows of")


def meter_visible(scenario: Scenario, path: str, seat: str) -> bool:
    """May ``seat`` see the meter at ``path`` during play (for an estimated one: its band)?

    A seat that plays an actor (a red cell) also sees that actor's facilitator meters: what the
    actor knows of itself. Hidden meters stay hidden from every seat."""
    if seat == FACILITATOR_SEAT:
        return True
    return path in _seat_meters(scenario, seat)[0]


def _seat_meters(scenario: Scenario, seat: str) -> tuple[frozenset[str], frozenset[str]]:
    """What ``seat`` (not the facilitator's) may see of the meters, worked out once per seat (every
    observation asks for every meter and every change): the paths it may see (``meter_visible``), and
    those whose exact changes it may see in the news, which leaves out an estimated meter (its exact
    before and after would give its value away: a seat sees its band only)."""
    table = scenario.derived(_seat_tables)
    found = table.get(seat)
    if found is None:
        seen = frozenset(p for p in scenario.meters if _seen_by(scenario, p, seat))
        found = table[seat] = (seen, seen.difference(scenario.derived(_estimated)))
    return found


def _seat_tables(scenario: Scenario) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """seat -> ``_seat_meters``, filled in as seats are asked about."""
    return {}


def _seen_by(scenario: Scenario, path: str, seat: str) -> bool:
    """``meter_visible`` for a seat other than the facilitator's, worked out from the meter's declaration."""
    meter = scenario.meters[path]
    visibility = meter.visibility
    if visibility.__class__ is tuple:  # the roles named (the loader allows it on global and actor meters only)
        return seat in visibility
    owner, _dot, rest = path.partition(".")
    if rest and scenario.has_role(owner):
        return owner == seat and visibility == PUBLIC
    if visibility == PUBLIC:
        return True
    return bool(rest) and visibility == FACILITATOR and scenario.derived(_played).get(seat) == owner


def _played(scenario: Scenario) -> dict[str, str]:
    """role id -> the actor it plays."""
    return {r.id: r.plays for r in scenario.roles if r.plays is not None}


def event_visible(event: Event, seat: str) -> bool:
    if seat == FACILITATOR_SEAT:
        return True
    if event.audience == ALL:
        return True
    if isinstance(event.audience, tuple):
        return seat in event.audience
    return False


def _redact(event: Event, seat: str, shown: frozenset[str]) -> Event:
    """Drop what the seat may not know about an event it may see: its cause (other seats' orders) and
    changes to meters it cannot see or sees as a band (``shown``: the meters whose changes it may see)."""
    changes = event.changes
    if changes:
        kept = tuple(c for c in changes if c.path in shown)
        if len(kept) != len(changes):
            changes = kept
    cause = event.cause
    if cause is not None and (cause.kind != "order" or cause.role != seat):
        cause = None
    if cause is event.cause and changes is event.changes:
        return event
    return Event(event.round, event.kind, event.text, event.audience, cause, changes, event.ref)


def visible_events(scenario: Scenario, events, seat: str) -> tuple[Event, ...]:
    """The events of ``events`` that ``seat`` may see, with what it may not know removed.

    A game's log only grows, and a seat is shown it again and again (each turn, each bot decision):
    the seat's last answer is kept, and where ``events`` begins with the events it was given for,
    only the events after them are read (an event is an immutable value: the same event, the same view)."""
    if seat == FACILITATOR_SEAT:
        return tuple(events)
    events = tuple(events)
    key = (id(scenario), seat)
    last = _LAST_VIEW.get(key)
    start = 0
    head: tuple[Event, ...] = ()
    if last is not None and last[0] is scenario:
        seen, view = last[1], last[2]
        n = len(seen)
        if n <= len(events) and events[:n] == seen:  # (the same objects compare at once)
            start, head = n, view
    shown = _seat_meters(scenario, seat)[1]
    out = head + tuple(_redact(e, seat, shown) for e in events[start:] if event_visible(e, seat))
    if len(_LAST_VIEW) >= 64:
        _LAST_VIEW.clear()
    _LAST_VIEW[key] = (scenario, events, out)
    return out


# (scenario id, seat) -> (the scenario, the events last shown to the seat, their view): see visible_events.
_LAST_VIEW: dict[tuple[int, str], tuple[Scenario, tuple[Event, ...], tuple[Event, ...]]] = {}


def observe(scenario: Scenario, state: GameState, seat: str) -> Observation:
    """Everything ``seat`` (a role id, ``FACILITATOR_SEAT`` or ``PUBLIC_SEAT``) may see."""
    if seat not in (FACILITATOR_SEAT, PUBLIC_SEAT) and not scenario.has_role(seat):
        raise ValueError(_("unknown seat '{seat}'").format(seat=seat))
    meters = {p: v for p, v in state.meters.items() if meter_visible(scenario, p, seat)}
    bands = _bands(scenario, state, seat, meters) if seat != FACILITATOR_SEAT and scenario.derived(_estimated) else {}
    events = visible_events(scenario, state.events, seat)
    role = scenario.role(seat) if scenario.has_role(seat) else None
    return Observation(
        seat=seat,
        round=state.round,
        rounds=scenario.rounds,
        meters=meters,
        active_crises=state.active_crises(),
        ended_crises=tuple(c.id for c in state.crises if c.ended is not None),
        events=events,
        submitted=tuple(r for r, _ in state.submitted),
        briefing=role.briefing if role else "",
        objectives=role.objectives if role else (),
        my_orders=state.orders_of(seat) if role else None,
        pending=state.pending if seat == FACILITATOR_SEAT else (),
        outcome=state.outcome,
        all_orders=state.submitted if seat == FACILITATOR_SEAT else (),
        schedule=state.schedule if seat == FACILITATOR_SEAT else (),
        mode=state.mode,
        progress=_progress(scenario, state, seat, meters) if role else (),
        bands=bands,
        stages={c.id: c.stage for c in state.crises if c.ended is None and c.stage},
        letters=_letters(state, seat),
        deals=_deals(state, seat),
    )


def _letters(state: GameState, seat: str) -> tuple[Letter, ...]:
    if seat == FACILITATOR_SEAT or not state.letters:
        return state.letters
    return tuple(x for x in state.letters if x.sender == seat or seat in x.to)


def _deals(state: GameState, seat: str) -> tuple[Deal, ...]:
    if seat == FACILITATOR_SEAT or not state.deals:
        return state.deals
    return tuple(d for d in state.deals if seat in (d.proposer, d.partner))


def _progress(scenario: Scenario, state: GameState, seat: str, meters: dict) -> tuple[tuple[str, str], ...]:
    """How the seat's timed and partial objectives stand, for those it could work out from its board."""
    watched = scenario.derived(timing.watched_objectives).get(seat)
    if not watched or state.outcome is not None:
        return ()
    out = []
    ctx = None
    for obj in watched:
        if not timing.knowable(obj, seat, meters.__contains__):
            continue
        if ctx is None:
            ctx = Context(
                state.meters,
                state.round,
                scenario.rounds,
                state.history,
                state.fired_ids(),
                frozenset(state.active_crises()),
                None,
                seat,
            )
        text = timing.standing(obj, seat, state.marks, state.round, ctx)
        if text:
            out.append((obj.id, text))
    return tuple(out)


def _estimated(scenario: Scenario) -> dict[str, None]:
    """The paths of every meter with an ``estimate``, in path order (empty: the scenario has none)."""
    return {p: None for p, m in scenario.meters.items() if m.estimate > 0}


def _bands(scenario: Scenario, state: GameState, seat: str, meters: dict) -> dict:
    """Take the estimated meters out of ``meters`` and give their bands instead (the public seat, who
    is anyone looking at the screen, sees neither: its band would narrow each role's)."""
    bands = {}
    for path in scenario.derived(_estimated):
        if path not in meters:
            continue
        del meters[path]
        if seat != PUBLIC_SEAT:
            found = band(scenario, state, path, seat)
            if found is None:
                meters[path] = state.meters[path]  # sharpened to nothing: the role sees the value
            else:
                bands[path] = found
    return bands


def seen_history(scenario: Scenario, state: GameState, seat: str) -> dict[str, tuple[int, ...]]:
    """Each meter ``seat`` sees as a value, as its board showed it: at the start, then at the end of
    every round played (the last entry is its value now, while a round is under way).

    Read from every change the game logged, not only the events the seat may read: a public meter
    moved by another seat's private order moved on this seat's board too, without saying why. An
    estimated meter (seen as a band) and a refilled one (its refill is not a logged change) are
    left out."""
    starts = start_values(scenario)
    seen = [
        p
        for p, m in scenario.meters.items()
        if m.refill is None and not m.estimate and meter_visible(scenario, p, seat)
    ]
    now: dict[str, int] = {p: starts[p] for p in seen}
    history = {p: [v] for p, v in now.items()}
    last = state.round if state.over else state.round - 1
    rnd = 1
    for e in state.events:
        while e.round > rnd and rnd <= last:
            for p in seen:
                history[p].append(now[p])
            rnd += 1
        for c in e.changes:
            if c.path in now:
                now[c.path] = c.after
    while rnd <= max(last, state.round):
        for p in seen:
            history[p].append(now[p])
        rnd += 1
    return {p: tuple(v) for p, v in history.items()}


__all__ = [
    "Observation",
    "seen_history",
    "observe",
    "visible_events",
    "meter_visible",
    "event_visible",
    "FACILITATOR_SEAT",
    "PUBLIC_SEAT",
    "FACILITATOR",
]
