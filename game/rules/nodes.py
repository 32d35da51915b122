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

from typing import Iterator, Union

from attrs import frozen

# The comparison and arithmetic operators the grammar has.
COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")
ARITHMETIC = ("+", "-", "*", "/")
FLAGS = ("fired", "pending", "active")  # the functions that ask whether an id is in a set of the game
NUMBER_FUNCTIONS = ("min", "max", "abs")


@frozen
class Number:
    """A number as written: an int, or a float when it has a decimal point."""

    value: int | float
    start: int
    end: int


@frozen
class Bool:
    """``true`` or ``false``."""

    value: bool
    start: int
    end: int


@frozen
class Round:
    """``round`` (the current round) or ``rounds`` (how many the scenario has): ``name`` says which."""

    name: str
    start: int
    end: int


@frozen
class Meter:
    """A meter with a fixed path: ``stability``, ``veyra.trust``, ``foreign.capital``."""

    path: str
    start: int
    end: int


@frozen
class TargetMeter:
    """``target.<meter>``: the meter of the actor an instrument is aimed at."""

    meter: str
    start: int
    end: int

    @property
    def path(self) -> str:
        return "target." + self.meter


@frozen
class SelfMeter:
    """``self.<meter>``: the meter of the role acting (an instrument) or scored (an objective)."""

    meter: str
    start: int
    end: int

    @property
    def path(self) -> str:
        return "self." + self.meter


@frozen
class Group:
    """``( inner )``: kept, because how an author grouped a condition matters to the heuristic."""

    inner: Node
    start: int
    end: int


@frozen
class Unary:
    """``-x`` or ``+x`` (``+x`` is ``x``)."""

    op: str
    operand: Node
    start: int
    end: int


@frozen
class Binary:
    """``left op right`` with op in ``ARITHMETIC``; the result is clamped (see ``evaluate.bounded``)."""

    op: str
    left: Node
    right: Node
    start: int
    end: int


@frozen
class Compare:
    """``left op right`` with op in ``COMPARISONS``: two numbers, or two conditions with == or !=."""

    op: str
    left: Node
    right: Node
    start: int
    end: int


@frozen
class Not:
    operand: Node
    start: int
    end: int


@frozen
class And:
    """``a and b and ...``: the operands of one run of ``and`` as written (a group stays one operand)."""

    operands: tuple[Node, ...]
    start: int
    end: int


@frozen
class Or:
    """``a or b or ...``, like ``And``."""

    operands: tuple[Node, ...]
    start: int
    end: int


@frozen
class Call:
    """``min(...)``, ``max(...)`` or ``abs(...)`` over numbers."""

    function: str
    args: tuple[Node, ...]
    start: int
    end: int


@frozen
class Flag:
    """``fired('id')``, ``pending('id')`` or ``active('id')``: whether ``ident`` is in that set of the game."""

    function: str
    ident: str
    start: int
    end: int


@frozen
class Used:
    """``used(...)``: how many resolved orders match ``filters`` within the last ``within`` rounds.

    ``filters`` are (key, value) pairs in the order instrument, signal,
    category, by, on; ``by='self'`` and ``on='target'`` are resolved when it
    runs. ``within_arg`` is the node ``within`` was written as (its value is
    ``within``); ``label`` is the call as written, which traces quote.
    """

    filters: tuple[tuple[str, str], ...]
    within: int | None
    within_arg: Node | None
    label: str
    start: int
    end: int

    def filter(self, key: str) -> str | None:
        return dict(self.filters).get(key)


Node = Union[
    Number, Bool, Round, Meter, TargetMeter, SelfMeter, Group, Unary, Binary, Compare, Not, And, Or, Call, Flag, Used
]


def children(node: Node) -> tuple[Node, ...]:
    """The nodes directly inside ``node``, left to right."""
    if isinstance(node, (Group,)):
        return (node.inner,)
    if isinstance(node, (Unary, Not)):
        return (node.operand,)
    if isinstance(node, (Binary, Compare)):
        return (node.left, node.right)
    if isinstance(node, (And, Or)):
        return node.operands
    if isinstance(node, Call):
        return node.args
    if isinstance(node, Used) and node.within_arg is not None:
        return (node.within_arg,)
    return ()


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
    return frozenset(n.path for n in walk(node) if isinstance(n, (Meter, TargetMeter, SelfMeter)))


def functions(node: Node) -> frozenset[str]:
    """The functions ``node`` calls."""
    out = set()
    for n in walk(node):
        if isinstance(n, (Call, Flag)):
            out.add(n.function)
        elif isinstance(n, Used):
            out.add("used")
    return frozenset(out)


def depends(node: Node) -> frozenset[tuple[str, str]]:
    """Everything of the game ``node`` reads, so a caller can tell whether a change can alter its value.

    ("meter", path) with ``target.``/``self.`` left as written; ("round", "round")
    or ("round", "rounds"); ("used", label) for a count of the history;
    ("fired" | "pending" | "active", id).
    """
    out: set[tuple[str, str]] = set()
    for n in walk(node):
        if isinstance(n, (Meter, TargetMeter, SelfMeter)):
            out.add(("meter", n.path))
        elif isinstance(n, Round):
            out.add(("round", n.name))
        elif isinstance(n, Used):
            out.add(("used", n.label))
        elif isinstance(n, Flag):
            out.add((n.function, n.ident))
    return frozenset(out)
