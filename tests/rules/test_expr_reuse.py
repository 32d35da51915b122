"""compile_expr reuses an expression compiled before only under names that mean the same for it."""

import attrs
import pytest

from game.rules import expr as expr_module
from game.rules.expr import ExprError, Names, compile_expr

BASE = Names(
    global_meters=frozenset({"tension"}),
    actors=frozenset({"veyra"}),
    roles=frozenset({"foreign", "cell"}),
    actor_meters=frozenset({"trust"}),
    role_meters=frozenset({"capital"}),
    instruments=frozenset({"demarche"}),
    responses=frozenset({"veyra.expel"}),
)
WITHOUT_CELL = attrs.evolve(BASE, roles=frozenset({"foreign"}))


def test_every_field_of_names_is_weighed():
    # a field _same_for does not know would be ignored when deciding to reuse: name each one
    weighed = set(expr_module._SET_FIELDS) | {"allow_target", "allow_self", "target_meters"}
    assert {f.name for f in attrs.fields(Names)} == weighed


def test_reused_when_the_dropped_name_is_not_in_the_source():
    first = compile_expr("veyra.trust >= 40 and foreign.capital > 1", BASE)
    assert compile_expr("veyra.trust >= 40 and foreign.capital > 1", WITHOUT_CELL) is first


@pytest.mark.parametrize("source", ["cell.capital > 1", "used(by='cell') > 0", "veyra.trust > 1 or cell.capital > 1"])
def test_not_reused_when_the_source_names_it(source):
    compile_expr(source, BASE)
    with pytest.raises(ExprError) as err:
        compile_expr(source, WITHOUT_CELL)
    assert "cell" in str(err.value)


def test_not_reused_when_a_set_becomes_empty():
    # fired() asks whether there are responses at all, whatever the source says
    source = "fired('x') and tension > 1"
    names = attrs.evolve(BASE, consequences=frozenset({"x"}))
    first = compile_expr(source, names)
    again = compile_expr(source, attrs.evolve(names, responses=frozenset()))
    assert again is not first and again.source == first.source


def test_not_reused_across_scopes_or_kinds():
    first = compile_expr("tension + 1", BASE, "num")
    assert compile_expr("tension + 1", BASE.in_role(), "num") is not first
    with pytest.raises(ExprError, match="must be a condition"):
        compile_expr("tension + 1", BASE, "bool")


def test_a_failure_is_not_remembered():
    with pytest.raises(ExprError):
        compile_expr("cell.capital > 1", WITHOUT_CELL)
    assert compile_expr("cell.capital > 1", BASE).source == "cell.capital > 1"
