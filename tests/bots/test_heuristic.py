"""The greedy heuristic scores a state the same with a ``Recollection`` of another state as without."""

from __future__ import annotations

import random

import pytest

from game.bots.heuristic import Heuristic, Recollection
from game.rules.engine import apply
from game.rules.state import Resolve

from ..rules.test_recall import SCENARIOS, candidates, round_states, trial


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_a_recollection_gives_the_full_score(sid):
    scenario = SCENARIOS[sid]
    rnd = random.Random(sid)
    compared = 0
    for seed in range(3):
        for state in round_states(scenario, seed):
            role = rnd.choice(scenario.roles).id
            heuristic = Heuristic(scenario, role)
            recollection = Recollection(len(state.history))
            for orders in candidates(scenario, state, role, rnd):
                after, _ = apply(scenario, trial(scenario, state, {role: orders}, rnd.getrandbits(8)), Resolve())
                assert heuristic.score(after, recollection) == heuristic.score(after), (seed, state.round, orders)
                compared += 1
    assert compared > 50
