"""The syntax tree and its compiler: spans, what an expression reads, and flat callables that give
exactly what a node-by-node evaluation gives (value, int or float, trace)."""

from __future__ import annotations

import operator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.rules import nodes as N
from game.rules.compiler import compile_node
from game.rules.evaluate import Context, bounded, div, used
from game.rules.expr import MAX_RESULT, ExprError, Names, compile_expr, parse

NAMES = Names(
    global_meters=frozenset({"a", "b"}),
    actors=frozenset({"veyra"}),
    roles=frozenset({"foreign"}),
    actor_meters=frozenset({"trust"}),
    role_meters=frozenset({"capital"}),
    instruments=frozenset({"talk"}),
    crises=frozenset({"leak"}),
    consequences=frozenset({"gone"}),
).in_instrument(True)


# --------------------------------------------------------------------------- a literal evaluation, for reference


def _read(c, path):
    v = c.meters[path]
    if c.trace is not None:
        c.trace.append(("meter", path, v))
    return v


_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": div}
_CMP = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def reference(node, c):
    """Each node evaluated in turn, as the closures before the compiler did."""
    if isinstance(node, (N.Number, N.Bool)):
        return node.value
    if isinstance(node, N.Round):
        return c.round if node.name == "round" else c.rounds
    if isinstance(node, N.Meter):
        return _read(c, node.path)
    if isinstance(node, N.TargetMeter):
        return _read(c, c.target + "." + node.meter)
    if isinstance(node, N.SelfMeter):
        return _read(c, c.self_role + "." + node.meter)
    if isinstance(node, N.Group):
        return reference(node.inner, c)
    if isinstance(node, N.Unary):
        v = reference(node.operand, c)
        return -v if node.op == "-" else v
    if isinstance(node, N.Binary):
        v = _ARITH[node.op](reference(node.left, c), reference(node.right, c))
        return v if -MAX_RESULT <= v <= MAX_RESULT else bounded(v)
    if isinstance(node, N.Compare):
        return _CMP[node.op](reference(node.left, c), reference(node.right, c))
    if isinstance(node, N.Not):
        return not reference(node.operand, c)
    if isinstance(node, (N.And, N.Or)):
        v = reference(node.operands[0], c)
        for o in node.operands[1:]:
            v = (v and reference(o, c)) if isinstance(node, N.And) else (v or reference(o, c))
        return v
    if isinstance(node, N.Call):
        fn = {"min": min, "max": max, "abs": abs}[node.function]
        return fn(*(reference(a, c) for a in node.args))
    if isinstance(node, N.Flag):
        v = node.ident in getattr(c, node.function)
        if c.trace is not None:
            c.trace.append((node.function, node.ident, v))
        return v
    if isinstance(node, N.Used):
        return used(dict(node.filters), node.within, node.label)(c)
    raise TypeError(node)


# --------------------------------------------------------------------------- random expressions

# (the first of each list is the one hypothesis tries most: not 0, so that operands' order shows)
NUMBERS = st.sampled_from(["3", "7", "2.5", "1", "0", "0.5", "2", "1000000000", "999999999.5"])
READS = st.sampled_from(["a", "b", "veyra.trust", "target.trust", "self.capital", "round", "rounds", "used('talk')"])
FLAGS = st.sampled_from(["fired('gone')", "pending('gone')", "active('leak')", "true", "false"])


def numbers(depth: int):
    leaf = st.one_of(NUMBERS, READS)
    if depth == 0:
        return leaf
    inner = numbers(depth - 1)
    arithmetic = st.sampled_from(["-", "/", "+", "*"])
    return st.one_of(
        leaf,
        st.tuples(READS, arithmetic, NUMBERS).map(" ".join),  # the common shapes
        st.tuples(NUMBERS, arithmetic, READS).map(" ".join),
        st.tuples(inner, arithmetic, inner).map(" ".join),
        inner.map(lambda x: f"-{x}"),
        inner.map(lambda x: f"({x})"),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(inner, min_size=2, max_size=3)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"
        ),
        inner.map(lambda x: f"abs({x})"),
    )


def conditions(depth: int):
    # the common shapes (meter op number) often, and any two numbers
    sides = st.one_of(st.tuples(READS, NUMBERS), st.tuples(NUMBERS, READS), st.tuples(numbers(2), numbers(2)))
    comparison = st.tuples(sides, st.sampled_from(["==", "!=", "<", "<=", ">", ">="])).map(
        lambda t: f"{t[0][0]} {t[1]} {t[0][1]}"
    )
    leaf = st.one_of(comparison, FLAGS)
    if depth == 0:
        return leaf
    inner = conditions(depth - 1)
    return st.one_of(
        leaf,
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(" ".join),
        st.lists(inner, min_size=3, max_size=4).map(" and ".join),
        st.lists(inner, min_size=3, max_size=4).map(" or ".join),
        inner.map(lambda x: f"not {x}"),
        inner.map(lambda x: f"({x})"),
    )


VALUES = st.sampled_from([50, 1, -2, 3, 0, 10**9, -(10**9)])


def contexts():
    return st.builds(
        lambda a, b, t, s, r, fired, active, trace: Context(
            {"a": a, "b": b, "veyra.trust": t, "foreign.capital": s},
            r,
            6,
            (),
            frozenset({"gone"}) if fired else frozenset(),
            frozenset({"leak"}) if active else frozenset(),
            "veyra",
            "foreign",
            [] if trace else None,
            frozenset({"gone"}) if not fired else frozenset(),
        ),
        VALUES,
        VALUES,
        VALUES,
        VALUES,
        st.integers(1, 6),
        st.booleans(),
        st.booleans(),
        st.booleans(),
    )


def _twin(c: Context) -> Context:
    return Context(
        c.meters,
        c.round,
        c.rounds,
        c.history,
        c.fired,
        c.active,
        c.target,
        c.self_role,
        [] if c.trace is not None else None,
        c.pending,
    )


def _same(expected, got):
    assert type(got) is type(expected)
    assert got == expected


@settings(max_examples=400, deadline=None)
@given(source=st.one_of(conditions(2), numbers(3)), ctx=contexts())
def test_compiled_gives_what_each_node_in_turn_gives(source, ctx):
    try:
        node, kind = parse(source, NAMES)
    except ExprError:
        return
    twin = _twin(ctx)
    _same(reference(node, ctx), compile_node(node)(twin))
    assert twin.trace == ctx.trace  # the same reads, in the same order


# --------------------------------------------------------------------------- the tree


def test_spans_quote_what_the_author_wrote():
    source = "( veyra.trust + 2 ) * 3 >= min(a, b)  and not fired('gone')"
    node, kind = parse(source, NAMES)
    assert kind == "bool" and isinstance(node, N.And)
    compare, negation = node.operands
    assert source[compare.start : compare.end] == "( veyra.trust + 2 ) * 3 >= min(a, b)"
    assert source[compare.left.start : compare.left.end] == "( veyra.trust + 2 ) * 3"
    assert isinstance(compare.left.left, N.Group)
    assert source[compare.right.start : compare.right.end] == "min(a, b)"
    assert source[negation.start : negation.end] == "not fired('gone')"
    assert source[negation.operand.start : negation.operand.end] == "fired('gone')"


def test_a_run_of_and_is_one_node_and_parentheses_stay():
    node, _ = parse("a > 1 and b > 1 and (a > 2 and b > 2)", NAMES)
    assert isinstance(node, N.And) and len(node.operands) == 3
    assert isinstance(node.operands[2], N.Group)


def test_used_resolves_its_arguments():
    node, _ = parse("used('talk', by='self', on='target', within=1 + 1)", NAMES)
    assert isinstance(node, N.Used)
    assert node.filters == (("instrument", "talk"), ("by", "self"), ("on", "target"))
    assert node.within == 2
    assert node.label == "used('talk', by='self', on='target', within=1 + 1)"


def test_an_expression_says_what_it_reads():
    e = compile_expr("a + target.trust > round and (used('talk') > 0 or pending('gone') or not active('leak'))", NAMES)
    assert e.reads == {"a", "target.trust"}
    assert e.depends == {
        ("meter", "a"),
        ("meter", "target.trust"),
        ("round", "round"),
        ("used", "used('talk')"),
        ("pending", "gone"),
        ("active", "leak"),
    }
    assert e.functions == {"used", "pending", "active"}
    assert compile_expr("2 * 3 > 5", NAMES).depends == frozenset()


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("2 * 5 + 1", 11),
        ("7 / 2", 3.5),
        ("4 / 0", 0),
        ("-(3 - 5)", 2),
        ("1000000000 * 1000000000", MAX_RESULT),
        ("1000000000.0 * 1000000000 * 10", float(MAX_RESULT)),
        ("min(3, 2.0, 2)", 2.0),
        ("true and 2 > 1", True),
        ("false and a > 1", False),
        ("not (1 == 1)", False),
    ],
)
def test_constant_parts_are_folded_without_reading_the_game(source, value):
    node, _ = parse(source, NAMES)
    got = compile_node(node)(None)  # reads nothing of the game: no context needed
    _same(value, got)


def test_trace_records_each_read_in_order_and_short_circuits():
    e = compile_expr("a > 0 and not fired('gone') and target.trust >= 1", NAMES)
    ctx = Context({"a": 1, "veyra.trust": 0}, 1, 6, fired=frozenset(), target="veyra", trace=[])
    assert e.fn(ctx) is False
    assert ctx.trace == [("meter", "a", 1), ("fired", "gone", False), ("meter", "veyra.trust", 0)]
    ctx = Context({"a": 0, "veyra.trust": 0}, 1, 6, target="veyra", trace=[])
    assert e.fn(ctx) is False
    assert ctx.trace == [("meter", "a", 0)]
