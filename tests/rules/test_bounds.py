"""Expressions cannot fail at run time: numbers are bounded when written, results when computed."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.rules.evaluate import bounded
from game.rules.expr import MAX_NUMBER, MAX_RESULT, ExprError, compile_expr

from .builders import NAMES
from .test_expr import ctx


def value(src: str, **kw):
    return compile_expr(src, NAMES, "num").fn(ctx(**kw))


@pytest.mark.parametrize("literal", [str(MAX_NUMBER + 1), "9" * 400, "1000000000.5", "0" * 20 + "1" + "0" * 12])
def test_a_literal_beyond_the_bound_is_an_error_at_its_offset(literal):
    with pytest.raises(ExprError) as caught:
        compile_expr(f"veyra.trust * {literal}", NAMES, "num")
    assert caught.value.offset == len("veyra.trust * ")
    assert "is too large; numbers in a scenario go up to 1,000,000,000" in caught.value.message


def test_the_largest_literal_is_allowed():
    assert value(f"{MAX_NUMBER}") == MAX_NUMBER
    assert value("000001") == 1


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("1000000000 * 1000000000", MAX_RESULT),
        ("-1000000000 * 1000000000 * 1000000000", -MAX_RESULT),
        ("1000000000 * 1000000000 / 0.001", float(MAX_RESULT)),
        ("1000000000 / 0.000001 / 0.000001 / 0.000001", float(MAX_RESULT)),
        ("5 / 0", 0),
        ("veyra.trust / (veyra.trust - veyra.trust)", 0),
        ("-(1000000000 * 1000000000) - 1000000000 * 1000000000", -MAX_RESULT),
        ("1000000000 * 1000000000 - 1000000000 * 1000000000", 0),
    ],
)
def test_arithmetic_is_clamped_never_overflows(src, expected):
    result = value(src)
    assert result == expected and type(result) is type(expected)


def test_small_results_are_untouched():
    """The clamp never changes a value a real scenario computes (games keep their hashes)."""
    assert value("veyra.trust / 3") == 70 / 3
    assert value("7 * 0.1") == 7 * 0.1
    assert type(value("2 * 3")) is int


def test_bounded_handles_what_should_never_arrive():
    assert bounded(math.nan) == 0
    assert bounded(math.inf) == float(MAX_RESULT)
    assert bounded(-math.inf) == -float(MAX_RESULT)
    assert bounded(10**400) == MAX_RESULT


numbers = st.one_of(st.integers(0, MAX_NUMBER).map(str), st.floats(0, MAX_NUMBER).map(lambda x: f"{x:.6f}"))
ops = st.sampled_from(["+", "-", "*", "/"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(ops, numbers), min_size=1, max_size=12), numbers, st.booleans())
def test_any_chain_of_bounded_numbers_evaluates_to_a_bounded_finite_number(chain, first, negative):
    src = ("-" if negative else "") + first + "".join(f" {op} {n}" for op, n in chain)
    result = compile_expr(src, NAMES, "num").fn(ctx())
    assert not isinstance(result, bool)
    assert math.isfinite(result) and abs(result) <= MAX_RESULT
