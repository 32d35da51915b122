"""Actors that act: after a round's orders resolve, each actor (file order) may answer with one of its
``[[actors.responses]]``, before the consequences are checked (so they can read what actors did).

For each actor: the responses that hold are those not spent (``max_fires``) or resting
(``cooldown``), whose ``when`` holds and, with ``against``, that some role scores above 0 on.
One is picked: the highest ``priority`` (file order breaking ties: an escalation ladder) or one drawn
by ``weight``; then its ``chance`` is rolled. A fired response is kept in ``GameState.fired`` as
``actor.response`` (``fired('veyra.expel')``) and announced to everyone.

Pure and deterministic like the rest of the engine; the generator is drawn only when a scenario has
responses (a weighted pick among two or more, a chance below 1), so older games are untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import N_
from . import news
from . import rng as rnglib
from .model import ROLE_TARGET, Response, Scenario
from .state import ALL, Cause

if TYPE_CHECKING:
    from .engine import _Work

AGAINST = "against."
# The news of a response its author gave no text, always in English (logged; see ``engine.ROUND_BEGINS``).
RESPONDS = N_("{actor} responds.")


def has_responses(scenario: Scenario) -> bool:
    """Whether any actor of the scenario has responses (computed once per scenario)."""
    return any(a.responses for a in scenario.actors)


def private_audience(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """Who else learns of a private order on a target: the roles playing a targeted actor (a red cell
    knows what is said to it in private) and a targeted role itself. Empty without red cells and
    role targets, so other scenarios' events keep their audiences."""
    out: dict[str, tuple[str, ...]] = {}
    for actor in scenario.actors:
        players = scenario.players_of(actor.id)
        if players:
            out[actor.id] = players
    if any(ROLE_TARGET in i.targets for i in scenario.instruments):
        for role in scenario.roles:
            out[role.id] = (role.id,)
    return out


def _fires(fired: list[tuple[str, int]]) -> dict[str, tuple[int, int]]:
    """Times fired and the last round, by id."""
    out: dict[str, tuple[int, int]] = {}
    for key, r in fired:
        n, _ = out.get(key, (0, r))
        out[key] = (n + 1, r)
    return out


def respond(work: _Work) -> None:
    """Every actor's response to this round (see the module doc), applied to ``work``."""
    sc = work.sc
    r = work.round
    stats = _fires(work.fired)
    for actor in sc.actors:
        if not actor.responses:
            continue
        by_weight = actor.pick == "weight"
        ctx = work.context()
        holding: list[tuple[Response, str | None]] = []
        for resp in actor.responses:
            n, last = stats.get(resp.key, (0, 0))
            if resp.max_fires is not None and n >= resp.max_fires:
                continue
            if resp.cooldown and n and r - last <= resp.cooldown:
                continue
            if by_weight and resp.weight <= 0:
                continue
            if not resp.when.fn(ctx):
                continue
            against = None
            if resp.against is not None:
                against = aimed_at(work, resp)
                if against is None:
                    continue
            holding.append((resp, against))
        if not holding:
            continue
        chosen = _draw(work, holding) if by_weight else _ladder(holding)
        resp, against = chosen
        if not work.roll(resp.chance):
            continue
        fire(work, resp, against)
        stats[resp.key] = (stats.get(resp.key, (0, r))[0] + 1, r)


def aimed_at(work: _Work, resp: Response) -> str | None:
    """The role ``resp`` is aimed at: the highest score of ``against`` above 0 (role order breaking
    ties), among the roles that do not play its actor; None when no role scores above 0."""
    assert resp.against is not None
    best, best_value = None, 0.0
    for role in work.sc.roles:
        if role.plays == resp.actor:
            continue
        value = resp.against.fn(work.context(self_role=role.id))
        if value > best_value:
            best, best_value = role.id, value
    return best


def _ladder(holding: list[tuple[Response, str | None]]) -> tuple[Response, str | None]:
    best = holding[0]
    for entry in holding[1:]:
        if entry[0].priority > best[0].priority:
            best = entry
    return best


def _draw(work: _Work, holding: list[tuple[Response, str | None]]) -> tuple[Response, str | None]:
    """One of ``holding`` drawn by weight from the game's generator (no draw when only one holds)."""
    if len(holding) == 1:
        return holding[0]
    total = sum(resp.weight for resp, _ in holding)
    x = work.draw(rnglib.next_float)
    point = x * total
    for entry in holding:
        point -= entry[0].weight
        if point < 0:
            return entry
    return holding[-1]


def fire(work: _Work, resp: Response, against: str | None) -> None:
    ctx = work.context()
    amounts = []
    for e in resp.effects:
        path = f"{against}.{e.path[len(AGAINST) :]}" if e.path.startswith(AGAINST) else e.path
        amounts.append((path, e.op, e.value.fn(ctx)))
    changes = work.apply_amounts(amounts)
    work.fired.append((resp.key, work.round))
    work.fired_set.add(resp.key)
    if not work.record:
        return
    actor = work.sc.actor(resp.actor)
    orders, values = work.traced(resp.when)
    cause = Cause("response", resp.key, work.round, against, orders=orders, values=values)
    text = news.filled(news.read(resp.text, work.fired, resp.key), work.fired, resp.key)
    text = text or RESPONDS.format(actor=actor.name)
    if against is not None:
        text = text.replace("{against}", work.sc.role(against).name)
    work.emit("response", text, ALL, cause, changes, resp.key)
