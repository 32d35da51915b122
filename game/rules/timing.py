"""Objectives in time and partial credit: ``by``, ``throughout_from`` and ``partial``.

An objective without ``by`` or ``throughout_from`` is judged once, after the
last round. A timed one must be watched at the end of every round, so the
state keeps ``marks``: (role, objective, round) entries, written only for timed
objectives, so a scenario without them never writes one (its games keep their
hashes). For a ``by`` objective the mark is the round its ``when`` first held
(it stays met); for a ``throughout_from`` one, the first round from that round
on at whose end it did not hold (it can no longer be met).

The last round of a game (or the round ``lose_when`` ends it) is judged in
``finish`` from the final state, not marked. ``partial`` gives a missed
objective round-half-away(points * clamp(partial, 0, 1)) points.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..i18n import _
from .model import Objective, Scenario

if TYPE_CHECKING:
    from .expr import Context

Mark = tuple[str, str, int]  # (role id, objective id, round)


def timed_objectives(scenario: Scenario) -> tuple[tuple[str, Objective], ...]:
    """(role id, objective) of every objective with ``by`` or ``throughout_from``, in role order."""
    return tuple((role.id, o) for role in scenario.roles for o in role.objectives if o.timed)


def mark_round(scenario: Scenario, marks: list[Mark], round_: int, context) -> None:
    """At the end of a round the game goes on after: mark the timed objectives it settles.

    ``context(role)`` gives an evaluation context with ``self`` that role."""
    rows = scenario.derived(timed_objectives)
    if not rows:
        return
    settled = {(role, oid) for role, oid, _round in marks}
    contexts: dict[str, Context] = {}
    for role, obj in rows:
        if (role, obj.id) in settled:
            continue
        if obj.by is not None and round_ > obj.by:
            continue
        if obj.throughout_from is not None and round_ < obj.throughout_from:
            continue
        ctx = contexts.get(role)
        if ctx is None:
            ctx = contexts[role] = context(role)
        holds = bool(obj.when.fn(ctx))
        if holds == (obj.by is not None):  # a by objective met now, or a throughout one broken now
            marks.append((role, obj.id, round_))


def mark_of(marks, role: str, objective: str) -> int | None:
    """The round of the mark of ``role``'s ``objective``, if it has one."""
    for r, oid, n in marks:
        if r == role and oid == objective:
            return n
    return None


def judge(obj: Objective, role: str, marks, round_: int, holds_now: bool) -> bool:
    """Whether ``obj`` is met when the game ends after round ``round_``, ``when`` holding then or not."""
    if obj.by is not None:
        return mark_of(marks, role, obj.id) is not None or (round_ <= obj.by and holds_now)
    if obj.throughout_from is not None:
        return round_ >= obj.throughout_from and mark_of(marks, role, obj.id) is None and holds_now
    return holds_now


def share(obj: Objective, ctx) -> float:
    """The share of the points ``obj``'s ``partial`` gives, from 0 to 1 (0 without one)."""
    if obj.partial is None:
        return 0.0
    value = float(obj.partial.fn(ctx))
    if math.isnan(value):
        return 0.0
    return min(1.0, max(0.0, value))


def credit(points: int, fraction: float) -> int:
    """round-half-away(points * fraction): the points a partial share is worth."""
    x = points * fraction
    return int(math.copysign(math.floor(abs(x) + 0.5), x))


def timing_text(obj: Objective) -> str:
    """When the objective is judged, as a player reads it ("" for after the last round)."""
    if obj.by is not None:
        return _("by round {round}").format(round=obj.by)
    if obj.throughout_from is not None:
        return _("every round from round {round}").format(round=obj.throughout_from)
    return ""


def watched_objectives(scenario: Scenario) -> dict[str, tuple[Objective, ...]]:
    """Per role, the objectives whose standing a seat may be shown during play: timed or partial ones."""
    out = {}
    for role in scenario.roles:
        watched = tuple(o for o in role.objectives if o.timed or o.partial is not None)
        if watched:
            out[role.id] = watched
    return out


def knowable(obj: Objective, role: str, visible) -> bool:
    """Whether everything ``obj`` reads is on ``role``'s board: meters ``visible(path)`` allows, the
    round and active crises. Counts of orders and fired or pending consequences may be secret."""
    for expr in (obj.when, obj.partial):
        if expr is None:
            continue
        for kind, key in expr.depends:
            if kind == "meter":
                path = f"{role}.{key[5:]}" if key.startswith("self.") else key
                if not visible(path):
                    return False
            elif kind not in ("round", "active"):
                return False
    return True


def standing(obj: Objective, role: str, marks, round_: int, ctx) -> str:
    """How a timed or partial objective stands while the game goes on, in a few words ("" if nothing to say).

    ``round_`` is the round under way: the rounds before it have ended."""
    parts = []
    mark = mark_of(marks, role, obj.id)
    if obj.by is not None:
        if mark is not None:
            parts.append(_("met in round {round}").format(round=mark))
        elif round_ > obj.by:
            parts.append(_("missed: its round has passed"))
        else:
            parts.append(_("not met yet"))
    elif obj.throughout_from is not None:
        if mark is not None:
            parts.append(_("missed: it failed in round {round}").format(round=mark))
        elif round_ > obj.throughout_from:
            parts.append(_("holding so far"))
    met = mark is not None if obj.by is not None else False
    if obj.partial is not None and not met:
        parts.append(_("worth {percent}% of its points if missed now").format(percent=round(share(obj, ctx) * 100)))
    return "; ".join(parts)
