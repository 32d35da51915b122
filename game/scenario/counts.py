"""Design-flaw warnings about ``used(...)`` calls that can never count what their author meant.

Two mistakes load and run without a sound, because the count is simply 0:

- ``within=1`` where no order of the current round exists yet: a crisis's
  ``when`` is checked at the briefing, before any order of the round, and an
  instrument's ``requires`` while the round's orders are chosen, so the call
  counts nothing, ever;
- ``on='actor'`` for orders that cannot have that actor as their target: an
  instrument without ``targets`` (its orders name no actor), or instruments
  none of whose target kinds is the actor's kind.

``used_calls`` is part of ``game.scenario.lint``; each warning points at the call.
"""

from __future__ import annotations

from typing import Iterator

from game.rules import nodes as N
from game.rules.evaluate import instrument_counts
from game.rules.model import Effect, Expr, Scenario

from ..i18n import _
from .diagnostics import WARNING, Problem
from .sections import raw_entries
from .structure import Parts


def used_calls(sc: Scenario, main: Parts) -> list[Problem]:
    """A warning at each ``used(...)`` of ``main``'s expressions that can never count an order."""
    out: list[Problem] = []
    said: dict[tuple, str | None] = {}  # the same call is often written many times: judged once
    for path, expr, shift, before_orders in _expressions(sc, main):
        for node in N.walk(expr.node):
            if not isinstance(node, N.Used):
                continue
            key = (node.filters, node.within, node.label, before_orders)
            if key not in said:
                said[key] = _never_counts(sc, node, before_orders)
            problem = said[key]
            if problem:
                out.append(Problem(main.file, path, problem, None, "expr", node.start + shift, WARNING))
    return out


def _never_counts(sc: Scenario, call: N.Used, before_orders: str | None) -> str | None:
    if call.within == 1 and before_orders:
        return _(
            "{label} is always 0 here: within=1 counts only this round's orders, and "
            "{before_orders}; write within=2 to count the last round's orders"
        ).format(label=call.label, before_orders=before_orders)
    on = call.filter("on")
    if on is None:
        return None
    wanted = dict(call.filters)
    counted = [inst for inst in sc.instruments if instrument_counts(inst, wanted)]
    if not counted:
        return None  # nothing matches at all: the condition's own warning says so
    if not any(inst.targets for inst in counted):
        which = (
            _("instrument '{id}' has no targets").format(id=counted[0].id)
            if call.filter("instrument")
            else _("none of the instruments it counts has targets")
        )
        return _(
            "{label} never counts: {which}, so its orders name no actor and on='{on}' "
            "matches none of them; remove on=..., or count an instrument that is aimed at "
            "an actor"
        ).format(label=call.label, which=which, on=on)
    if on == "target" or not sc.has_actor(on):
        return None
    kind = sc.actor(on).kind
    if not any(kind in inst.targets for inst in counted):
        kinds = sorted({k for inst in counted for k in inst.targets})
        return _(
            "{label} never counts: '{on}' is of kind '{kind}', and the instruments it "
            "counts target only {listed}; count an instrument that can be aimed at '{on}', "
            "or change on=..."
        ).format(label=call.label, on=on, kind=kind, listed=", ".join(kinds))
    return None


def _expressions(sc: Scenario, main: Parts) -> Iterator[tuple[tuple, Expr, int, str | None]]:
    """(key path, expression, offset of its source in the TOML string, why this round has no orders
    yet or None) of every expression written in ``main``."""
    index = {s: {ident: i for i, ident in raw_entries(main.raw.get(s))} for s in ("roles", "crises", "consequences")}
    own = {ident: i for i, ident in raw_entries(main.raw.get("instruments"))}
    briefing = _("a crisis's when is checked at the briefing, before any order of the round")
    choosing = _("an instrument's requires is checked while the round's orders are being chosen")
    for inst in sc.instruments:
        if inst.id in own:
            path = ("instruments", own[inst.id])
            if inst.requires is not None:
                yield path + ("requires",), inst.requires, 0, choosing
            yield from _effects(main, path + ("effects",), inst.effects)
    for c in sc.crises:
        path = ("crises", index["crises"][c.id])
        if c.when is not None:
            yield path + ("when",), c.when, 0, briefing
        if c.ends_when is not None:
            yield path + ("ends_when",), c.ends_when, 0, None
        yield from _effects(main, path + ("effects",), c.effects)
        yield from _effects(main, path + ("ongoing",), c.ongoing)
    for q in sc.consequences:
        path = ("consequences", index["consequences"][q.id])
        yield path + ("when",), q.when, 0, None
        yield from _effects(main, path + ("effects",), q.effects)
    for role in sc.roles:
        ri = index["roles"][role.id]
        goals = {ident: k for k, ident in raw_entries(main.raw["roles"][ri].get("objectives"))}
        for o in role.objectives:
            yield ("roles", ri, "objectives", goals[o.id], "when"), o.when, 0, None
    if sc.end.lose_when is not None:
        yield ("end", "lose_when"), sc.end.lose_when, 0, None


def _effects(main: Parts, path: tuple, effects: tuple[Effect, ...]) -> Iterator[tuple[tuple, Expr, int, None]]:
    for e in effects:
        if isinstance(e.value.node, N.Number):
            continue  # a plain number
        yield path + (e.path,), e.value, 1 if e.op == "set" else 0, None
