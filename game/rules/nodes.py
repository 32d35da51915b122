"""The syntax tree of the expression language: one frozen class per construct.

``game.rules.parser`` is the only module that reads expression text; it builds
these nodes, with every name already resolved against the scenario's
``Names`` and every argument checked. Everything else walks the tree: the
compiler (``game.rules.compiler``) turns it into callables, the interval
analysis (``game.scenario.intervals``) evaluates it over ranges, the greedy
bot's heuristic reads its shape. ``start`` and ``end`` are character offsets
into the expression's source (``source[start:end]`` is the node's text), so a
consumer can quote what the author wrote.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Union

_set = object.__setattr__

# The comparison and arithmetic operators the grammar has.
COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")
ARITHMETIC = ("+", "-", "*", "/")
FLAGS = ("fired", "pending", "active")  # the functions that ask whether an id is in a set of the game
NUMBER_FUNCTIONS = ("min", "max", "abs")


class _Node:
    """What every node shares, written once rather than generated per class by attrs (building 16
    attrs classes was most of the parse's import time). A node is frozen, equal to a node of the
    same class with equal fields, hashable, and prints as ``Class(field=value, ...)``."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __ne__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() != other._values()

    def __hash__(self) -> int:
        return hash((self.__class__, *self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{self.__class__.__qualname__} is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{self.__class__.__qualname__} is frozen: cannot delete {name!r}")

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:  # copy and pickle through __init__ (setattr refuses)
        return (self.__class__, self._values())


class Number(_Node):
    """A number as written: an int, or a float when it has a decimal point."""

    __slots__ = ("value", "start", "end")
    value: int | float
    start: int
    end: int

    def __init__(self, value: int | float, start: int, end: int) -> None:
        _set(self, "value", value)
        _set(self, "start", start)
        _set(self, "end", end)


class Bool(_Node):
    """``true`` or ``false``."""

    __slots__ = ("value", "start", "end")
    value: bool
    start: int
    end: int

    def __init__(self, value: bool, start: int, end: int) -> None:
        _set(self, "value", value)
        _set(self, "start", start)
        _set(self, "end", end)


class Round(_Node):
    """``round`` (the current round) or ``rounds`` (how many the scenario has): ``name`` says which."""

    __slots__ = ("name", "start", "end")
    name: str
    start: int
    end: int

    def __init__(self, name: str, start: int, end: int) -> None:
        _set(self, "name", name)
        _set(self, "start", start)
        _set(self, "end", end)


class Meter(_Node):
    """A meter with a fixed path: ``stability``, ``veyra.trust``, ``foreign.capital``."""

    __slots__ = ("path", "start", "end")
    path: str
    start: int
    end: int

    def __init__(self, path: str, start: int, end: int) -> None:
        _set(self, "path", path)
        _set(self, "start", start)
        _set(self, "end", end)


class TargetMeter(_Node):
    """``target.<meter>``: the meter of the actor an instrument is aimed at."""

    __slots__ = ("meter", "start", "end")
    meter: str
    start: int
    end: int

    def __init__(self, meter: str, start: int, end: int) -> None:
        _set(self, "meter", meter)
        _set(self, "start", start)
        _set(self, "end", end)

    @property
    def path(self) -> str:
        return "target." + self.meter


class SelfMeter(_Node):
    """``self.<meter>``: the meter of the role acting (an instrument) or scored (an objective)."""

    __slots__ = ("meter", "start", "end")
    meter: str
    start: int
    end: int

    def __init__(self, meter: str, start: int, end: int) -> None:
        _set(self, "meter", meter)
        _set(self, "start", start)
        _set(self, "end", end)

    @property
    def path(self) -> str:
        return "self." + self.meter


class Group(_Node):
    """``( inner )``: kept, because how an author grouped a condition matters to the heuristic."""

    __slots__ = ("inner", "start", "end")
    inner: Node
    start: int
    end: int

    def __init__(self, inner: Node, start: int, end: int) -> None:
        _set(self, "inner", inner)
        _set(self, "start", start)
        _set(self, "end", end)


class Unary(_Node):
    """``-x`` or ``+x`` (``+x`` is ``x``)."""

    __slots__ = ("op", "operand", "start", "end")
    op: str
    operand: Node
    start: int
    end: int

    def __init__(self, op: str, operand: Node, start: int, end: int) -> None:
        _set(self, "op", op)
        _set(self, "operand", operand)
        _set(self, "start", start)
        _set(self, "end", end)


class Binary(_Node):
    """``left op right`` with op in ``ARITHMETIC``; the result is clamped (see ``evaluate.bounded``)."""

    __slots__ = ("op", "left", "right", "start", "end")
    op: str
    left: Node
    right: Node
    start: int
    end: int

    def __init__(self, op: str, left: Node, right: Node, start: int, end: int) -> None:
        _set(self, "op", op)
        _set(self, "left", left)
        _set(self, "right", right)
        _set(self, "start", start)
        _set(self, "end", end)


class Compare(_Node):
    """``left op right`` with op in ``COMPARISONS``: two numbers, or two conditions with == or !=."""

    __slots__ = ("op", "left", "right", "start", "end")
    op: str
    left: Node
    right: Node
    start: int
    end: int

    def __init__(self, op: str, left: Node, right: Node, start: int, end: int) -> None:
        _set(self, "op", op)
        _set(self, "left", left)
        _set(self, "right", right)
        _set(self, "start", start)
        _set(self, "end", end)


class Not(_Node):
    __slots__ = ("operand", "start", "end")
    operand: Node
    start: int
    end: int

    def __init__(self, operand: Node, start: int, end: int) -> None:
        _set(self, "operand", operand)
        _set(self, "start", start)
        _set(self, "end", end)


class And(_Node):
    """``a and b and ...``: the operands of one run of ``and`` as written (a group stays one operand)."""

    __slots__ = ("operands", "start", "end")
    operands: tuple[Node, ...]
    start: int
    end: int

    def __init__(self, operands: tuple[Node, ...], start: int, end: int) -> None:
        _set(self, "operands", operands)
        _set(self, "start", start)
        _set(self, "end", end)


class Or(_Node):
    """``a or b or ...``, like ``And``."""

    __slots__ = ("operands", "start", "end")
    operands: tuple[Node, ...]
    start: int
    end: int

    def __init__(self, operands: tuple[Node, ...], start: int, end: int) -> None:
        _set(self, "operands", operands)
        _set(self, "start", start)
        _set(self, "end", end)


class Call(_Node):
    """``min(...)``, ``max(...)`` or ``abs(...)`` over numbers."""

    __slots__ = ("function", "args", "start", "end")
    function: str
    args: tuple[Node, ...]
    start: int
    end: int

    def __init__(self, function: str, args: tuple[Node, ...], start: int, end: int) -> None:
        _set(self, "function", function)
        _set(self, "args", args)
        _set(self, "start", start)
        _set(self, "end", end)


class Flag(_Node):
    """``fired('id')``, ``pending('id')`` or ``active('id')``: whether ``ident`` is in that set of the game."""

    __slots__ = ("function", "ident", "start", "end")
    function: str
    ident: str
    start: int
    end: int

    def __init__(self, function: str, ident: str, start: int, end: int) -> None:
        _set(self, "function", function)
        _set(self, "ident", ident)
        _set(self, "start", start)
        _set(self, "end", end)


class Used(_Node):
    """``used(...)``: how many resolved orders match ``filters`` within the last ``within`` rounds.

    ``filters`` are (key, value) pairs in the order instrument, signal,
    category, by, on; ``by='self'`` and ``on='target'`` are resolved when it
    runs. ``within_arg`` is the node ``within`` was written as (its value is
    ``within``); ``label`` is the call as written, which traces quote.
    """

    __slots__ = ("filters", "within", "within_arg", "label", "start", "end")
    filters: tuple[tuple[str, str], ...]
    within: int | None
    within_arg: Node | None
    label: str
    start: int
    end: int

    def __init__(
        self,
        filters: tuple[tuple[str, str], ...],
        within: int | None,
        within_arg: Node | None,
        label: str,
        start: int,
        end: int,
    ) -> None:
        _set(self, "filters", filters)
        _set(self, "within", within)
        _set(self, "within_arg", within_arg)
        _set(self, "label", label)
        _set(self, "start", start)
        _set(self, "end", end)

    def filter(self, key: str) -> str | None:
        for name, value in self.filters:
            if name == key:
                return value
        return None


class Deals(_Node):
    """``kept(...)`` or ``broken(...)``: how many of the game's deals were settled so (``function``)
    within the last ``within`` rounds, ``filters`` (by, with) naming the parties; ``by='self'`` is
    resolved when it runs."""

    __slots__ = ("function", "filters", "within", "within_arg", "label", "start", "end")
    function: str
    filters: tuple[tuple[str, str], ...]
    within: int | None
    within_arg: Node | None
    label: str
    start: int
    end: int

    def __init__(
        self,
        function: str,
        filters: tuple[tuple[str, str], ...],
        within: int | None,
        within_arg: Node | None,
        label: str,
        start: int,
        end: int,
    ) -> None:
        _set(self, "function", function)
        _set(self, "filters", filters)
        _set(self, "within", within)
        _set(self, "within_arg", within_arg)
        _set(self, "label", label)
        _set(self, "start", start)
        _set(self, "end", end)


Node = Union[
    Number,
    Bool,
    Round,
    Meter,
    TargetMeter,
    SelfMeter,
    Group,
    Unary,
    Binary,
    Compare,
    Not,
    And,
    Or,
    Call,
    Flag,
    Used,
    Deals,
]


def children(node: Node) -> tuple[Node, ...]:
    """The nodes directly inside ``node``, left to right."""
    inside = _INSIDE.get(type(node))
    return () if inside is None else inside(node)


def _within(node: Used | Deals) -> tuple[Node, ...]:
    return () if node.within_arg is None else (node.within_arg,)


# Each kind of node with nodes inside it -> what is inside (a table: walking a tree is what every analysis does).
_INSIDE: dict[type, Callable[[Any], tuple[Node, ...]]] = {
    Group: lambda n: (n.inner,),
    Unary: lambda n: (n.operand,),
    Not: lambda n: (n.operand,),
    Binary: lambda n: (n.left, n.right),
    Compare: lambda n: (n.left, n.right),
    And: lambda n: n.operands,
    Or: lambda n: n.operands,
    Call: lambda n: n.args,
    Used: _within,
    Deals: _within,
}
_METERS = (Meter, TargetMeter, SelfMeter)


def walk(node: Node) -> Iterator[Node]:
    """``node`` and every node inside it, depth first, left to right."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(children(n)))


def ungroup(node: Node) -> Node:
    """``node`` without the parentheses around it."""
    while isinstance(node, Group):
        node = node.inner
    return node


def meter_reads(node: Node) -> frozenset[str]:
    """The meter paths ``node`` reads, ``target.``/``self.`` left as written."""
    return frozenset(n.path for n in walk(node) if isinstance(n, _METERS))


def functions(node: Node) -> frozenset[str]:
    """The functions ``node`` calls."""
    out = set()
    for n in walk(node):
        if isinstance(n, (Call, Flag, Deals)):
            out.add(n.function)
        elif isinstance(n, Used):
            out.add("used")
    return frozenset(out)


def depends(node: Node) -> frozenset[tuple[str, str]]:
    """Everything of the game ``node`` reads, so a caller can tell whether a change can alter its value.

    ("meter", path) with ``target.``/``self.`` left as written; ("round", "round")
    or ("round", "rounds"); ("used", label) for a count of the history;
    ("fired" | "pending" | "active", id); ("deals", label) for a count of the deals.
    """
    out: set[tuple[str, str]] = set()
    for n in walk(node):
        if isinstance(n, _METERS):
            out.add(("meter", n.path))
        elif isinstance(n, Round):
            out.add(("round", n.name))
        elif isinstance(n, Used):
            out.add(("used", n.label))
        elif isinstance(n, Flag):
            out.add((n.function, n.ident))
        elif isinstance(n, Deals):
            out.add(("deals", n.label))
    return frozenset(out)
