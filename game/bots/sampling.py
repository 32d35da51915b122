"""Determinisations: full game states drawn from what one seat believes.

A seat's inferred state (``game.bots.belief.inferred_state``) moves every
meter it cannot see by what it saw push it. A search that plays that one
state forward would treat its guesses as facts, so ``determinise`` draws a
*sample* instead: each unseen meter (facilitator-only and hidden meters,
other roles' role meters without a ``refill``) is drawn around its inferred
value, rounded and clipped to the meter's range, with a spread that grows
with the rounds played by what could have moved it unseen (``unseen_push``):
the other seats' private orders and the consequences revealed to others
only. A meter nothing unseen moves is known (its spread is 0); one an
effect that reads the state moves unseen (an amount the rules do not give
in advance) falls back on ``DRIFT`` of its range per round. Seen meters,
refilled role meters (known at every briefing), the history, crises and
fired consequences are as believed.

The sample also carries the seat's visible events, so the other seats, when
the search asks what they would do, read the public news from it as they
would at the board (what was addressed only to this seat stays invisible to
them through ``observe``), and a generator state of its own, so chance in the
engine is drawn too. Nothing here reads the real state: the input is the
seat's observation and the believed state built from it.
"""

from __future__ import annotations

import random

import attrs

from ..rules.model import Scenario
from ..rules.observe import Observation
from ..rules.state import GameState

DRIFT = 0.05  # standard deviation of an unseen meter, per round played, as a share of its range
MAX_SPREAD = 0.25  # ... and at most this share, however long the game


def unseen_meters(scenario: Scenario, view: Observation) -> tuple[str, ...]:
    """The meters the seat cannot see and cannot work out (refilled role meters it can); an estimated
    meter it sees as a band is not one of them (``determinise`` draws it inside the band)."""
    out = []
    for path, meter in scenario.meters.items():
        if path in view.meters or path in view.bands or meter.refill is not None:
            continue
        out.append(path)
    return tuple(out)


def unseen_push(scenario: Scenario, seat: str) -> dict[str, float | None]:
    """Meter path -> how far the moves ``seat`` cannot see may shift it in one round (a standard deviation):
    each source (another seat's private instruments, at most one of each seat's per round; a consequence
    revealed to others only) counted as moving it by its largest plain amount half the time. None: a source
    whose amount reads the state."""
    return scenario.derived(_unseen_pushes).get(seat, {})


def _unseen_pushes(scenario: Scenario) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = {}
    for seat in scenario.role_ids:
        sources: list[list[tuple[str, float | None]]] = []  # per source, the (path, amount) it may write
        for r in scenario.roles:
            if r.id == seat:
                continue
            moves: list[tuple[str, float | None]] = []
            for inst_id in r.instruments:
                inst = scenario.instrument(inst_id)
                if inst.visibility == "public":
                    continue
                targets = [a.id for a in scenario.actors if a.kind in inst.targets]
                for e in inst.effects:
                    owner, _, rest = e.path.partition(".")
                    paths = [f"{r.id}.{rest}"] if owner == "self" else [f"{t}.{rest}" for t in targets]
                    moves += [(p, _amount(e)) for p in (paths if owner in ("self", "target") else [e.path])]
            sources.append(moves)
        for c in scenario.consequences:
            to = c.reveal_to
            if to == "all" or (to != "none" and seat in to):
                continue
            sources.append([(e.path, _amount(e)) for e in c.effects])
        pushes: dict[str, float | None] = {}
        for moves in sources:
            largest: dict[str, float | None] = {}
            for path, amount in moves:
                before = largest.get(path, 0.0)
                largest[path] = None if amount is None or before is None else max(before, amount)
            for path, amount in largest.items():
                total = pushes.get(path, 0.0)
                pushes[path] = None if amount is None or total is None else (total**2 + (amount / 2) ** 2) ** 0.5
        out[seat] = pushes
    return out


def _amount(effect) -> float | None:
    """An effect's size if it is a plain number, else None."""
    if effect.value.reads or effect.value.functions:
        return None
    try:
        return abs(float(effect.value.fn(None)))
    except Exception:  # an effect that needs a context after all
        return None


def determinise(scenario: Scenario, view: Observation, believed: GameState, rng: random.Random) -> GameState:
    """One full state consistent with ``view``: unseen meters sampled, a generator state drawn."""
    played = max(0, view.round - 1)
    meters = dict(believed.meters)
    pushes = unseen_push(scenario, view.seat)
    for path in unseen_meters(scenario, view):
        m = scenario.meters[path]
        span = m.max - m.min
        push = pushes.get(path, 0.0)
        drift = span * DRIFT * played if push is None else push * played**0.5
        sigma = min(span * MAX_SPREAD, drift)
        if sigma <= 0:
            continue
        value = round(rng.gauss(meters[path], sigma))
        meters[path] = min(m.max, max(m.min, value))
    for path, (lo, hi) in view.bands.items():  # an estimated meter: anywhere in the band it is seen as
        meters[path] = rng.randint(lo, hi)
    return attrs.evolve(believed, meters=meters, rng=rng.getrandbits(64), events=view.events)
