"""``used()`` counts: the loops kept for common filters and the counts a round remembers give
what the general, traced walk of the history gives."""

from __future__ import annotations

import random

import pytest

from game.rules import nodes as N
from game.rules.compiler import compile_node
from game.rules.evaluate import Context
from game.rules.recall import _expressions

from .test_recall import SCENARIOS, round_states


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_counts_without_a_trace_are_the_traced_counts(sid):
    scenario = SCENARIOS[sid]
    calls = {
        n.label: n
        for expr in _expressions(scenario)
        if expr is not None and expr.node is not None
        for n in N.walk(expr.node)
        if isinstance(n, N.Used)
    }
    rnd = random.Random(sid)
    roles = [r.id for r in scenario.roles]
    actors = [a.id for a in scenario.actors]
    checked = 0
    for state in list(round_states(scenario, 2))[1:]:
        counts: dict[str, int] = {}
        for label, node in calls.items():
            fn = compile_node(node)
            args = (state.meters, state.round, scenario.rounds, state.history, set(), set())
            self_role, target = rnd.choice(roles), rnd.choice(actors)
            trace: list = []
            traced = fn(Context(*args, target, self_role, trace))
            assert fn(Context(*args, target, self_role)) == traced, label
            assert fn(Context(*args, target, self_role, None, (), counts)) == traced, label
            assert counts[label] == traced and fn(Context(*args, target, self_role, None, (), counts)) == traced
            checked += traced > 0
    assert checked
