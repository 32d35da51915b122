"""What a compiled expression runs on: the evaluation context and the closures.

``game.rules.expr`` compiles text into trees of these closures once, at load
time; a game only ever calls them. Nothing here parses text or looks anything
up by name at run time beyond the meter paths fixed at compile time.
"""

from __future__ import annotations

import math
import operator

from .expr_base import MAX_RESULT


class Context:
    """What a compiled expression reads while a game runs.

    The engine builds one per evaluation batch. ``history`` holds resolved
    orders as ``Played`` records. When ``trace`` is a list, every meter read and
    every order counted is appended to it, which is how a consequence records
    exactly what satisfied its condition.
    """

    __slots__ = ("meters", "round", "rounds", "history", "fired", "active", "target", "self_role", "trace", "pending")

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


def const(value):
    return lambda c: value


def _read(c, p: str):
    v = c.meters[p]
    if c.trace is not None:
        c.trace.append(("meter", p, v))
    return v


def meter(path: str):
    return lambda c: _read(c, path)


def target_meter(meter: str):
    suffix = "." + meter
    return lambda c: _read(c, c.target + suffix)


def self_meter(meter: str):
    suffix = "." + meter
    return lambda c: _read(c, c.self_role + suffix)


def membership(kind: str, ident: str):
    """fired('x'), pending('x'), active('x'): is ``ident`` in that set of the context."""

    def check(c):
        v = ident in getattr(c, kind)
        if c.trace is not None:
            c.trace.append((kind, ident, v))
        return v

    return check


def both(a, b):
    return lambda c: a(c) and b(c)


def either(a, b):
    return lambda c: a(c) or b(c)


def _div(x, y):
    return x / y if y else 0


_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": _div}


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


def binary(op: str, a, b):
    f = _ARITH[op]

    def run(c):
        v = f(a(c), b(c))
        return v if -MAX_RESULT <= v <= MAX_RESULT else bounded(v)

    return run


def used(filters: dict, within: int | None, label: str):
    inst = filters.get("instrument")
    signal = filters.get("signal")
    category = filters.get("category")
    by = filters.get("by")
    on = filters.get("on")

    def used(c):
        first = c.round - within + 1 if within else -1
        by_id = c.self_role if by == "self" else by
        on_id = c.target if on == "target" else on
        trace = c.trace
        matched = [] if trace is not None else None
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
        if trace is not None:
            trace.append(("used", (label, tuple(reversed(matched))), count))
        return count

    return used
