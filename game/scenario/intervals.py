"""Interval analysis of expressions: can this condition ever hold?

The lint (``game.scenario.lint``) asks, for each condition of a scenario,
whether it can ever be true given the range each meter can reach. This module
answers for one expression: it walks the expression's syntax tree (``game.rules.nodes``,
from the parser) and evaluates it over **intervals** instead of numbers, and
over "can be true / can be false" instead of booleans.

The analysis is sound in one direction only, which is the one the lint needs:
when ``Truth.can_true`` is False the condition can never hold, whatever the
players do; when it is True the condition *may* hold (intervals forget how
values relate, so ``x - x >= 1`` "may hold"). The lint warns only in the first
case, so it never raises a false alarm.

What an expression reads comes from an ``Env``: the interval of a meter path,
of ``round`` and ``rounds``, of a ``used(...)`` count, and whether ``fired``,
``pending`` or ``active`` can be true.
"""

from __future__ import annotations

import math
from typing import Protocol

from game.rules import nodes as N

from ..i18n import N_, _
from .records import Record, _set

INF = math.inf
NEVER = N_("can never hold")  # verdicts, looked up where a ``Why`` is said
ALWAYS = N_("always holds")


def fmt(x: float) -> str:
    """A bound as an author reads it: 40, 2.5, or 'no limit'."""
    if x in (INF, -INF):
        return _("unbounded")
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.2f}".rstrip("0").rstrip(".")


class Num(Record):
    """Every value a number can take lies in ``lo..hi``; ``lo_why``/``hi_why`` say why a bound is narrow."""

    __slots__ = ("lo", "hi", "lo_why", "hi_why")
    lo: float
    hi: float
    lo_why: tuple[str, ...]
    hi_why: tuple[str, ...]

    def __init__(self, lo: float, hi: float, lo_why: tuple[str, ...] = (), hi_why: tuple[str, ...] = ()) -> None:
        _set(self, "lo", lo)
        _set(self, "hi", hi)
        _set(self, "lo_why", lo_why)
        _set(self, "hi_why", hi_why)

    @property
    def const(self) -> bool:
        return self.lo == self.hi and not (self.lo_why or self.hi_why)

    @property
    def notes(self) -> tuple[str, ...]:
        return _merge(self.lo_why, self.hi_why)

    def words(self) -> str:
        if self.lo == self.hi:
            return _("always {value}").format(value=fmt(self.lo))
        return _("between {low} and {high}").format(low=fmt(self.lo), high=fmt(self.hi))


class Why(Record):
    """Where a verdict comes from: ``pos`` in the source, and (text, verdict, reason) items."""

    __slots__ = ("pos", "items")
    pos: int
    items: tuple[tuple[str, str, str], ...]

    def __init__(self, pos: int, items: tuple[tuple[str, str, str], ...]) -> None:
        _set(self, "pos", pos)
        _set(self, "items", items)

    def text(self) -> str:
        parts = []
        for snippet, verdict, reason in self.items:
            said = _('"{snippet}" {verdict}').format(snippet=snippet, verdict=_(verdict))
            parts.append(_("{said}: {reason}").format(said=said, reason=reason) if reason else said)
        return _("; and ").join(parts)


class Truth(Record):
    """What a condition can be. ``never`` explains ``not can_true``; ``always`` explains ``not can_false``."""

    __slots__ = ("can_true", "can_false", "never", "always")
    can_true: bool
    can_false: bool
    never: Why | None
    always: Why | None

    def __init__(self, can_true: bool, can_false: bool, never: Why | None = None, always: Why | None = None) -> None:
        _set(self, "can_true", can_true)
        _set(self, "can_false", can_false)
        _set(self, "never", never)
        _set(self, "always", always)


def unknown() -> Truth:
    return Truth(True, True)


class Env(Protocol):
    def meter(self, name: str) -> Num: ...

    def round(self) -> Num: ...

    def rounds(self) -> Num: ...

    def used(self, filters: dict[str, str], within: int | None) -> Num: ...

    def flag(self, kind: str, ident: str) -> tuple[bool, str]:
        """Whether ``kind('ident')`` (fired, pending, active) can ever be true, and why not."""
        ...


def _merge(*notes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for group in notes for n in group))[:3]


def _clean(x: float) -> float:
    return 0.0 if math.isnan(x) else x


def add(a: Num, b: Num) -> Num:
    return Num(a.lo + b.lo, a.hi + b.hi, _merge(a.lo_why, b.lo_why), _merge(a.hi_why, b.hi_why))


def sub(a: Num, b: Num) -> Num:
    return Num(a.lo - b.hi, a.hi - b.lo, _merge(a.lo_why, b.hi_why), _merge(a.hi_why, b.lo_why))


def _any(lo: float, hi: float, *parts: Num) -> Num:
    """A range whose bounds may come from any bound of ``parts``."""
    notes = _merge(*(p.notes for p in parts))
    return Num(lo, hi, notes, notes)


def mul(a: Num, b: Num) -> Num:
    # An infinite bound stands for "no limit", and 0 times any real number is 0.
    products = [_clean(x * y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
    return _any(min(products), max(products), a, b)


def div(a: Num, b: Num) -> Num:
    """``a / b`` where division by zero gives 0, as in the engine."""
    if b.lo == b.hi == 0 or a.lo == a.hi == 0:
        return _any(0, 0, a, b)
    if b.lo > 0 or b.hi < 0:
        quotients = [x / y if y not in (INF, -INF) else 0.0 for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
        if any(math.isnan(q) for q in quotients):
            return _any(-INF, INF, a, b)
        if INF in (b.lo, b.hi, -b.lo, -b.hi):  # x / y tends to 0 as y grows
            quotients.append(0.0)
        return _any(min(quotients), max(quotients), a, b)
    return _any(-INF, INF, a, b)  # the divisor may come arbitrarily close to 0


def neg(a: Num) -> Num:
    return Num(-a.hi, -a.lo, a.hi_why, a.lo_why)


def absolute(a: Num) -> Num:
    if a.lo >= 0:
        return a
    if a.hi <= 0:
        return neg(a)
    return _any(0, max(-a.lo, a.hi), a)


def lowest(values: list[Num]) -> Num:
    """``min(a, b, ...)``."""
    return Num(
        min(v.lo for v in values),
        min(v.hi for v in values),
        _merge(*(v.lo_why for v in values)),
        _merge(*(v.hi_why for v in values)),
    )


def highest(values: list[Num]) -> Num:
    """``max(a, b, ...)``."""
    return Num(
        max(v.lo for v in values),
        max(v.hi for v in values),
        _merge(*(v.lo_why for v in values)),
        _merge(*(v.hi_why for v in values)),
    )


def both(a: Truth, b: Truth) -> Truth:
    never = None if a.can_true and b.can_true else (a.never if not a.can_true else b.never)
    always = _join(a.always, b.always) if not (a.can_false or b.can_false) else None
    return Truth(a.can_true and b.can_true, a.can_false or b.can_false, never, always)


def either(a: Truth, b: Truth) -> Truth:
    never = _join(a.never, b.never) if not (a.can_true or b.can_true) else None
    always = None if a.can_false and b.can_false else (a.always if not a.can_false else b.always)
    return Truth(a.can_true or b.can_true, a.can_false and b.can_false, never, always)


def negate(a: Truth) -> Truth:
    return Truth(a.can_false, a.can_true, a.always, a.never)


def _join(a: Why | None, b: Why | None) -> Why | None:
    if a is None or b is None:
        return a or b
    return Why(a.pos, a.items + b.items)


def compare(op: str, a: Num, b: Num) -> tuple[bool, bool]:
    """(can be true, can be false) of ``a op b``."""
    if op == ">=":
        return a.hi >= b.lo, a.lo < b.hi
    if op == ">":
        return a.hi > b.lo, a.lo <= b.hi
    if op == "<=":
        return a.lo <= b.hi, a.hi > b.lo
    if op == "<":
        return a.lo < b.hi, a.hi >= b.lo
    overlap = a.lo <= b.hi and b.lo <= a.hi
    single = a.lo == a.hi == b.lo == b.hi
    if op == "==":
        return overlap, not single
    return not single, overlap  # !=


def _reason(op: str, verdict_true: bool, a: tuple[str, Num], b: tuple[str, Num]) -> str:
    """Why ``a op b`` is always false (``verdict_true`` False) or always true, in words."""
    (ta, va), (tb, vb) = a, b
    # Which bound of each side decides it: for a >= b never holding, a's max and b's min.
    upward = op in (">=", ">")
    a_high = upward != verdict_true  # never: a >= b fails because a is low (None: == and != read both bounds)
    bits = [(ta, va, None), (tb, vb, None)] if op in ("==", "!=") else [(ta, va, a_high), (tb, vb, not a_high)]
    out = []
    for text, value, high in bits:
        if value.const:
            continue
        if high is None or value.lo == value.hi:
            words, notes = value.words(), value.notes
        elif high:
            words, notes = _("at most {bound}").format(bound=fmt(value.hi)), value.hi_why
        else:
            words, notes = _("at least {bound}").format(bound=fmt(value.lo)), value.lo_why
        note = _(" ({notes})").format(notes=_("; ").join(notes)) if notes else ""
        out.append(_("{text} is {words}{note}").format(text=text, words=words, note=note))
    return _(" and ").join(out)


class Analyzer:
    """Evaluate one expression's syntax tree over intervals (see the module docstring)."""

    def __init__(self, source: str, env: Env):
        self.src = source
        self.env = env

    def text(self, node: N.Node) -> str:
        """What the author wrote for ``node``, to quote in a verdict."""
        return self.src[node.start : node.end]

    def run(self, node: N.Node) -> Num | Truth:
        """A ``Num`` for a number, a ``Truth`` for a condition."""
        if isinstance(node, N.Group):
            return self.run(node.inner)
        if isinstance(node, N.Or):
            return _fold_logic(either, [self.truth(o) for o in node.operands])
        if isinstance(node, N.And):
            return _fold_logic(both, [self.truth(o) for o in node.operands])
        if isinstance(node, N.Not):
            return negate(self.truth(node.operand))
        if isinstance(node, N.Compare):
            return self.comparison(node)
        if isinstance(node, N.Binary):
            return _ARITHMETIC[node.op](self.number(node.left), self.number(node.right))
        if isinstance(node, N.Unary):
            value = self.number(node.operand)
            return neg(value) if node.op == "-" else value
        if isinstance(node, N.Number):
            v = float(node.value)
            return Num(v, v)
        if isinstance(node, N.Bool):
            why = Why(node.start, ((self.text(node), ALWAYS if node.value else NEVER, ""),))
            return Truth(node.value, not node.value, None if node.value else why, why if node.value else None)
        if isinstance(node, N.Round):
            return self.env.round() if node.name == "round" else self.env.rounds()
        if isinstance(node, (N.Meter, N.TargetMeter, N.SelfMeter)):
            return self.env.meter(node.path)
        if isinstance(node, N.Used):
            return self.env.used(dict(node.filters), node.within)
        if isinstance(node, N.Deals):  # a count of the deals settled so far: any number from 0
            return Num(0.0, math.inf)
        if isinstance(node, N.Flag):
            possible, reason = self.env.flag(node.function, node.ident)
            if possible:
                return unknown()
            return Truth(False, True, never=Why(node.start, ((self.text(node), NEVER, reason),)))
        if isinstance(node, N.Call):
            args = [self.number(a) for a in node.args]
            if node.function == "abs":
                return absolute(args[0])
            return lowest(args) if node.function == "min" else highest(args)
        raise TypeError(f"not an expression node: {node!r}")  # pragma: no cover - the parser makes only nodes

    def truth(self, node: N.Node) -> Truth:
        """``run`` for an operand the parser has checked is a condition."""
        value = self.run(node)
        assert isinstance(value, Truth), "the parser has checked that this operand is a condition"
        return value

    def number(self, node: N.Node) -> Num:
        """``run`` for an operand the parser has checked is a number."""
        value = self.run(node)
        assert isinstance(value, Num), "the parser has checked that this operand is a number"
        return value

    def comparison(self, node: N.Compare) -> Truth:
        op, start, snippet = node.op, node.start, self.text(node)
        left = self.run(node.left)
        if isinstance(left, Truth):
            return self._compare_truths(op, left, self.truth(node.right), start, snippet)
        right = self.number(node.right)
        ltext, rtext = self.text(node.left), self.text(node.right)
        can_true, can_false = compare(op, left, right)
        never = None if can_true else Why(start, ((snippet, NEVER, _reason(op, False, (ltext, left), (rtext, right))),))
        always = (
            None if can_false else Why(start, ((snippet, ALWAYS, _reason(op, True, (ltext, left), (rtext, right))),))
        )
        return Truth(can_true, can_false, never, always)

    def _compare_truths(self, op: str, a: Truth, b: Truth, start: int, snippet: str) -> Truth:
        equal = (a.can_true and b.can_true) or (a.can_false and b.can_false)
        differ = (a.can_true and b.can_false) or (a.can_false and b.can_true)
        can_true, can_false = (equal, differ) if op == "==" else (differ, equal)
        never = None if can_true else Why(start, ((snippet, NEVER, ""),))
        always = None if can_false else Why(start, ((snippet, ALWAYS, ""),))
        return Truth(can_true, can_false, never, always)


_ARITHMETIC = {"+": add, "-": sub, "*": mul, "/": div}


def _fold_logic(combine, values: list[Truth]) -> Truth:
    """``a and b and c`` as ``(a and b) and c``, as the operands were read."""
    out = values[0]
    for value in values[1:]:
        out = combine(out, value)
    return out


def analyse(node: N.Node, source: str, env: Env) -> Num | Truth:
    """The interval (for a number) or the truth (for a condition) of the tree ``node`` of ``source``."""
    return Analyzer(source, env).run(node)
