"""Syntax trees (``game.rules.nodes``) compiled once into flat callables.

A compiled expression is a function of one evaluation context
(``game.rules.evaluate.Context``). It gives exactly what a literal,
node-by-node evaluation would: the same int or float, the same clamping of
every + - * / (``evaluate.bounded``), division by zero giving 0, the same
short-circuits of ``and``/``or``, and the same trace entries in the same order
when the context has a trace. It is flatter, so a game spends fewer Python
calls on it:

- constant parts are folded at compile time (``2 * 5`` is 10, ``true and x`` is ``x``);
- a run of ``and`` or ``or`` is one callable, through parentheses;
- the common shapes are one closure each: ``meter op number``, ``x op number``,
  a meter read, ``not fired('x')``.

There is no code generation (the rules package never calls ``eval``, ``exec``
or ``compile``): the closures are written out below and only take values the
parser has checked.
"""

from __future__ import annotations

import operator
from typing import Callable

from . import nodes as N
from .evaluate import bounded, count_deals, div, used
from .expr_base import MAX_RESULT

_COMPARE = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": div}
_LOW, _HIGH = -MAX_RESULT, MAX_RESULT
_FUNCTIONS: dict[str, Callable[..., float]] = {"min": min, "max": max, "abs": abs}


class _Const:
    """A value known at compile time."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class _Fixed:
    """A read of the meter at a fixed path, kept apart so its parent can fuse it."""

    __slots__ = ("path",)

    def __init__(self, path: str):
        self.path = path


def compile_node(node: N.Node):
    """The callable that evaluates ``node`` on a context."""
    return _callable(_code(node))


def constant_value(node: N.Node):
    """The value of ``node`` if it reads nothing of the game; ``LookupError`` if it does."""
    code = _code(node)
    if isinstance(code, _Const):
        return code.value
    raise LookupError("not a constant")


# --------------------------------------------------------------------------- dispatch


def _code(node: N.Node):
    """A ``_Const``, a ``_Fixed`` or a callable for ``node``."""
    if isinstance(node, N.Group):
        return _code(node.inner)
    if isinstance(node, (N.Number, N.Bool)):
        return _Const(node.value)
    if isinstance(node, N.Meter):
        return _Fixed(node.path)
    if isinstance(node, N.TargetMeter):
        return _owned_read("target", "." + node.meter)
    if isinstance(node, N.SelfMeter):
        return _owned_read("self_role", "." + node.meter)
    if isinstance(node, N.Round):
        return _round if node.name == "round" else _rounds
    if isinstance(node, N.Compare):
        return _compare(node.op, _code(node.left), _code(node.right))
    if isinstance(node, N.Binary):
        return _binary(node.op, _code(node.left), _code(node.right))
    if isinstance(node, N.Unary):
        return _unary(node.op, _code(node.operand))
    if isinstance(node, N.Not):
        return _not(node.operand)
    if isinstance(node, (N.And, N.Or)):
        return _logic(node)
    if isinstance(node, N.Call):
        return _call(node.function, [_code(a) for a in node.args])
    if isinstance(node, N.Flag):
        return _flag(node.function, node.ident, False)
    if isinstance(node, N.Used):
        return used(dict(node.filters), node.within, node.label)
    if isinstance(node, N.Deals):
        return _deals(node.function, dict(node.filters), node.within, node.label)
    raise TypeError(f"not an expression node: {node!r}")  # pragma: no cover - the parser makes only nodes


def _deals(kind: str, filters: dict, within: int | None, label: str):
    """The closure counting settled deals (``evaluate.count_deals``)."""
    by = filters.get("by")
    with_ = filters.get("with")

    def deals(c):
        first = c.round - within + 1 if within else -1
        n = count_deals(
            c.deals, kind, c.self_role if by == "self" else by, c.self_role if with_ == "self" else with_, first
        )
        if c.trace is not None:
            c.trace.append(("meter", label, n))
        return n

    return deals


def _callable(code):
    if isinstance(code, _Const):
        value = code.value
        return lambda c: value
    if isinstance(code, _Fixed):
        return _read(code.path)
    return code


def _fold(fn, *codes):
    """``_Const(fn(values))`` when every code is a constant, else None."""
    if not all(isinstance(code, _Const) for code in codes):
        return None
    try:
        return _Const(fn(*(code.value for code in codes)))
    except Exception:  # pragma: no cover - folding is only a shortcut: leave it to run time
        return None


# --------------------------------------------------------------------------- reads


def _read(path: str):
    def read(c):
        v = c.meters[path]
        if c.trace is not None:
            c.trace.append(("meter", path, v))
        return v

    return read


def _owned_read(owner: str, suffix: str):
    """``target.x`` or ``self.x``: the path is the context's target or role and ``suffix``."""
    if owner == "target":

        def read(c):
            p = c.target + suffix
            v = c.meters[p]
            if c.trace is not None:
                c.trace.append(("meter", p, v))
            return v

    else:

        def read(c):
            p = c.self_role + suffix
            v = c.meters[p]
            if c.trace is not None:
                c.trace.append(("meter", p, v))
            return v

    return read


def _round(c):
    return c.round


def _rounds(c):
    return c.rounds


def _flag(kind: str, ident: str, negate: bool):
    """fired('x'), pending('x'), active('x'), or (``negate``) not of it; the trace records the call's own value."""
    if kind == "fired":

        def flag(c):
            v = ident in c.fired
            if c.trace is not None:
                c.trace.append(("fired", ident, v))
            return v is not negate

    elif kind == "pending":

        def flag(c):
            v = ident in c.pending
            if c.trace is not None:
                c.trace.append(("pending", ident, v))
            return v is not negate

    else:

        def flag(c):
            v = ident in c.active
            if c.trace is not None:
                c.trace.append(("active", ident, v))
            return v is not negate

    return flag


# --------------------------------------------------------------------------- operators


def _compare(op: str, left, right):
    o = _COMPARE[op]
    folded = _fold(o, left, right)
    if folded is not None:
        return folded
    if isinstance(left, _Fixed) and isinstance(right, _Const):
        path, k = left.path, right.value

        def meter_vs_number(c):
            v = c.meters[path]
            if c.trace is not None:
                c.trace.append(("meter", path, v))
            return o(v, k)

        return meter_vs_number
    if isinstance(right, _Const):
        a, k = _callable(left), right.value
        return _VERSUS_NUMBER[op](a, k)
    if isinstance(left, _Const):
        k, b = left.value, _callable(right)
        return lambda c: o(k, b(c))
    a, b = _callable(left), _callable(right)
    return lambda c: o(a(c), b(c))


# ``x op number`` with the comparison written out, one maker per operator: the commonest shape of a
# condition (``used(...) >= 1``), asked for by every consequence at every round.
_VERSUS_NUMBER: dict[str, Callable] = {
    "==": lambda a, k: lambda c: a(c) == k,
    "!=": lambda a, k: lambda c: a(c) != k,
    "<": lambda a, k: lambda c: a(c) < k,
    "<=": lambda a, k: lambda c: a(c) <= k,
    ">": lambda a, k: lambda c: a(c) > k,
    ">=": lambda a, k: lambda c: a(c) >= k,
}


def _binary(op: str, left, right):
    f = _ARITH[op]
    folded = _fold(lambda x, y: _clamp(f(x, y)), left, right)
    if folded is not None:
        return folded
    if isinstance(left, _Fixed) and isinstance(right, _Const):
        path, k = left.path, right.value

        def meter_with_number(c):
            x = c.meters[path]
            if c.trace is not None:
                c.trace.append(("meter", path, x))
            v = f(x, k)
            return v if _LOW <= v <= _HIGH else bounded(v)

        return meter_with_number
    if isinstance(right, _Const):
        a, k = _callable(left), right.value

        def with_number(c):
            v = f(a(c), k)
            return v if _LOW <= v <= _HIGH else bounded(v)

        return with_number
    if isinstance(left, _Const):
        k, b = left.value, _callable(right)

        def number_with(c):
            v = f(k, b(c))
            return v if _LOW <= v <= _HIGH else bounded(v)

        return number_with
    a, b = _callable(left), _callable(right)
    if op == "+":  # (a sum of counts: the other common shape)

        def plus(c):
            v = a(c) + b(c)
            return v if _LOW <= v <= _HIGH else bounded(v)

        return plus

    def run(c):
        v = f(a(c), b(c))
        return v if _LOW <= v <= _HIGH else bounded(v)

    return run


def _clamp(v):
    return v if _LOW <= v <= _HIGH else bounded(v)


def _unary(op: str, operand):
    if op == "+":
        return operand
    folded = _fold(operator.neg, operand)
    if folded is not None:
        return folded
    a = _callable(operand)
    return lambda c: -a(c)


def _not(operand: N.Node):
    inner = N.ungroup(operand)
    if isinstance(inner, N.Flag):
        return _flag(inner.function, inner.ident, True)
    code = _code(inner)
    folded = _fold(operator.not_, code)
    if folded is not None:
        return folded
    a = _callable(code)
    return lambda c: not a(c)


def _call(function: str, args: list):
    fn = _FUNCTIONS[function]
    folded = _fold(lambda *values: fn(*values), *args)
    if folded is not None:
        return folded
    fns = [_callable(a) for a in args]
    if function == "abs":
        (a,) = fns
        return lambda c: abs(a(c))
    if len(fns) == 2:
        a, b = fns
        return lambda c: fn(a(c), b(c))
    every = tuple(fns)
    return lambda c: fn([f(c) for f in every])


# --------------------------------------------------------------------------- and / or


def _operands(node: N.And | N.Or) -> list[N.Node]:
    """The operands of a run of ``and`` (or ``or``), through parentheses and nested runs of the same word."""
    out: list[N.Node] = []
    for operand in node.operands:
        inner = N.ungroup(operand)
        if type(inner) is type(node):
            out += _operands(inner)
        else:
            out.append(inner)
    return out


def _logic(node: N.And | N.Or):
    """``a and b and ...`` (``or``): every value here is a bool, so a constant that cannot decide is dropped."""
    deciding = isinstance(node, N.Or)  # the value that ends the run: True for or, False for and
    codes: list[object] = []  # each a _Const, a _Fixed or a callable (see _code)
    for operand in _operands(node):
        code = _code(operand)
        if isinstance(code, _Const):
            if code.value is deciding:
                if not codes:
                    return code  # decided before anything is read
                codes.append(code)
                break  # what follows is never evaluated
            continue  # true in an and, false in an or: changes nothing
        codes.append(code)
    if not codes:
        return _Const(not deciding)
    fns = [_callable(code) for code in codes]
    if len(fns) == 1:
        return fns[0]
    if deciding:
        return _any(fns)
    return _all(fns)


def _all(fns: list):
    if len(fns) == 2:
        a, b = fns
        return lambda c: a(c) and b(c)
    if len(fns) == 3:
        a, b, d = fns
        return lambda c: a(c) and b(c) and d(c)
    every = tuple(fns)

    def all_of(c):
        for f in every:
            if not f(c):
                return False
        return True

    return all_of


def _any(fns: list):
    if len(fns) == 2:
        a, b = fns
        return lambda c: a(c) or b(c)
    if len(fns) == 3:
        a, b, d = fns
        return lambda c: a(c) or b(c) or d(c)
    every = tuple(fns)

    def any_of(c):
        for f in every:
            if f(c):
                return True
        return False

    return any_of
