"""Determinisations: full game states drawn from what one seat believes.

A seat's believed state (``game.bots.belief``) puts every meter it cannot see
at its start value. A search that plays that one state forward would treat
its guesses as facts, so ``determinise`` draws a *sample* instead: each unseen
meter (facilitator-only and hidden meters, other roles' role meters without a
``refill``) is drawn around its start value, with a spread that grows with
the rounds played (a meter moves only as orders, consequences and crises push
it, so the longer the game, the further it may have drifted), rounded and
clipped to the meter's range. Seen meters, refilled role meters (known at
every briefing), the history, crises and fired consequences are as believed.

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


def determinise(scenario: Scenario, view: Observation, believed: GameState, rng: random.Random) -> GameState:
    """One full state consistent with ``view``: unseen meters sampled, a generator state drawn."""
    played = max(0, view.round - 1)
    meters = dict(believed.meters)
    for path in unseen_meters(scenario, view):
        m = scenario.meters[path]
        span = m.max - m.min
        sigma = span * min(MAX_SPREAD, DRIFT * played)
        if sigma <= 0:
            continue
        value = round(rng.gauss(meters[path], sigma))
        meters[path] = min(m.max, max(m.min, value))
    for path, (lo, hi) in view.bands.items():  # an estimated meter: anywhere in the band it is seen as
        meters[path] = rng.randint(lo, hi)
    return attrs.evolve(believed, meters=meters, rng=rng.getrandbits(64), events=view.events)
