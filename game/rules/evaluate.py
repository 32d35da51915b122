"""What a compiled expression runs on: the evaluation context, and the arithmetic it shares.

``game.rules.compiler`` turns syntax trees into callables once, at load time;
a game only ever calls them. Nothing here parses text or looks anything up by
name at run time beyond the meter paths fixed at compile time.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .expr_base import MAX_RESULT

if TYPE_CHECKING:  # validate compiles expressions without the game state's module
    from .state import Played


class Context:
    """What a compiled expression reads while a game runs.

    The engine builds one per evaluation batch. ``history`` holds resolved
    orders as ``Played`` records. When ``trace`` is a list, every meter read and
    every order counted is appended to it, which is how a consequence records
    exactly what satisfied its condition.

    ``counts``, when a dict, remembers each ``used()`` count by its label: the
    engine gives one only to contexts whose history, round, target and role
    stay fixed while it is used (a round's consequence and end-of-round
    checks), so that a count several conditions ask for is walked once.
    """

    __slots__ = (
        "meters",
        "round",
        "rounds",
        "history",
        "fired",
        "active",
        "target",
        "self_role",
        "trace",
        "pending",
        "counts",
        "deals",
    )

    def __init__(
        self,
        meters,
        round,
        rounds,
        history=(),
        fired=(),
        active=(),
        target=None,
        self_role=None,
        trace=None,
        pending=(),
        counts=None,
        deals=(),
    ):
        self.meters = meters
        self.round = round
        self.rounds = rounds
        self.history = history
        self.fired = fired
        self.active = active
        self.target = target
        self.self_role = self_role
        self.trace = trace
        self.pending = pending
        self.counts = counts
        self.deals = deals  # the game's deals (game.rules.negotiation): kept() and broken() count them


def div(x, y):
    """``x / y``, and 0 when ``y`` is 0: an author's division never fails a game."""
    return x / y if y else 0


def bounded(v):
    """``v`` clamped to +-MAX_RESULT (NaN becomes 0); an int stays an int.

    Values a real scenario computes are far inside the bound, so they pass
    through unchanged and games give the same results as without the clamp.
    """
    if -MAX_RESULT <= v <= MAX_RESULT:
        return v
    if isinstance(v, float) and math.isnan(v):
        return 0
    limit = MAX_RESULT if v > 0 else -MAX_RESULT
    return limit if isinstance(v, int) else float(limit)


def instrument_counts(inst, filters: dict) -> bool:
    """Whether an order of ``inst`` may count for a ``used()`` with ``filters``, as far as the instrument
    decides (its id, category and signals; ``by``, ``on`` and ``within`` are the order's own)."""
    wanted = filters.get("instrument")
    if wanted is not None and inst.id != wanted:
        return False
    category = filters.get("category")
    if category is not None and inst.category != category:
        return False
    signal = filters.get("signal")
    return signal is None or signal in inst.signals


def used(filters: dict, within: int | None, label: str):
    """The closure counting orders of the history that match ``filters`` within the last ``within``
    rounds (see ``game.rules.nodes.Used``). Without a trace, the common filters run in a loop of their own."""
    inst = filters.get("instrument")
    signal = filters.get("signal")
    category = filters.get("category")
    by = filters.get("by")
    on = filters.get("on")

    def used(c):
        counts = c.counts
        trace = c.trace
        if counts is not None:
            count = counts.get(label)
            if count is not None and trace is None:
                return count
            if count == 0:  # traced: none matched, as the walk would find
                trace.append(("used", (label, ()), 0))
                return 0
        first = c.round - within + 1 if within else -1
        by_id = c.self_role if by == "self" else by
        on_id = c.target if on == "target" else on
        matched: list[Played] | None = [] if trace is not None else None
        count = 0
        # History is in round order: walk back from the newest and stop at the window.
        for p in reversed(c.history):
            if p.round < first:
                break
            if inst is not None and p.instrument != inst:
                continue
            if by_id is not None and p.role != by_id:
                continue
            if on_id is not None and p.target != on_id:
                continue
            if category is not None and p.category != category:
                continue
            if signal is not None and signal not in p.signals:
                continue
            count += 1
            if matched is not None:
                matched.append(p)
        if matched is not None:  # set exactly when there is a trace
            trace.append(("used", (label, tuple(reversed(matched))), count))
        if counts is not None:
            counts[label] = count
        return count

    return _fast_used(inst, signal, category, by, on, within, label, used) or used


def _fast_used(inst, signal, category, by, on, within, label, general):
    """For the filters bundled scenarios use most, a closure giving what ``general`` (the loop of
    ``used``) gives, in a loop of its own with the remembered counts checked in the same call;
    ``general`` still answers a traced context. None for the other filters (and ``self``/``target``):
    one of instrument and signal, with or without ``on``, or a signal ``on`` an actor ``by`` a role."""
    if category is not None or (inst is None) == (signal is None) or on == "target" or by == "self":
        return None
    span = within or 0  # 0: the whole history (first round -1)
    if by is not None:
        if signal is None or on is None:
            return None

        def signal_on_by_count(c):
            counts = c.counts
            if c.trace is not None:
                return general(c)
            if counts is not None:
                n = counts.get(label)
                if n is not None:
                    return n
            first = c.round - span + 1 if span else -1
            n = 0
            for p in reversed(c.history):
                if p.round < first:
                    break
                if p.target == on and p.role == by and signal in p.signals:
                    n += 1
            if counts is not None:
                counts[label] = n
            return n

        return signal_on_by_count
    if inst is not None and on is None:

        def instrument_count(c):
            counts = c.counts
            if c.trace is not None:
                return general(c)
            if counts is not None:
                n = counts.get(label)
                if n is not None:
                    return n
            first = c.round - span + 1 if span else -1
            n = 0
            for p in reversed(c.history):
                if p.round < first:
                    break
                if p.instrument == inst:
                    n += 1
            if counts is not None:
                counts[label] = n
            return n

        return instrument_count
    if inst is not None:

        def instrument_on_count(c):
            counts = c.counts
            if c.trace is not None:
                return general(c)
            if counts is not None:
                n = counts.get(label)
                if n is not None:
                    return n
            first = c.round - span + 1 if span else -1
            n = 0
            for p in reversed(c.history):
                if p.round < first:
                    break
                if p.instrument == inst and p.target == on:
                    n += 1
            if counts is not None:
                counts[label] = n
            return n

        return instrument_on_count
    if on is None:

        def signal_count(c):
            counts = c.counts
            if c.trace is not None:
                return general(c)
            if counts is not None:
                n = counts.get(label)
                if n is not None:
                    return n
            first = c.round - span + 1 if span else -1
            n = 0
            for p in reversed(c.history):
                if p.round < first:
                    break
                if signal in p.signals:
                    n += 1
            if counts is not None:
                counts[label] = n
            return n

        return signal_count

    def signal_on_count(c):
        counts = c.counts
        if c.trace is not None:
            return general(c)
        if counts is not None:
            n = counts.get(label)
            if n is not None:
                return n
        first = c.round - span + 1 if span else -1
        n = 0
        for p in reversed(c.history):
            if p.round < first:
                break
            if p.target == on and signal in p.signals:
                n += 1
        if counts is not None:
            counts[label] = n
        return n

    return signal_on_count


def count_deals(deals, kind: str, by: str | None, with_: str | None, first_round: int) -> int:
    """What ``kept()`` and ``broken()`` count: settled deals of ``kind`` ("kept" or "broken") since
    ``first_round``; for "kept", deals ``by`` was a party to (with ``with_``); for "broken", deals ``by``
    broke (with ``with_`` the other party)."""
    n = 0
    for d in deals:
        if d.status != kind or d.settled is None or d.settled < first_round:
            continue
        parties = d.parties
        if kind == "broken":
            breakers = d.broken_by if by is None else (by,) if by in d.broken_by else ()
            for breaker in breakers:
                if with_ is None or d.other(breaker) == with_:
                    n += 1
                    break
            continue
        if by is not None and by not in parties:
            continue
        if with_ is not None and (with_ not in parties or with_ == by):
            continue
        n += 1
    return n
