"""A replay skips what its base skipped and visits only what may act differently (``Recall.watched``):
on a scenario whose consequences rest (cooldown, max_fires) and repeat, the recalled resolves still end
in the states the full resolves give."""

from __future__ import annotations

import attrs
import pytest

from . import test_recall
from .test_fast_paths import SCENARIOS


@pytest.fixture
def resting_scenario():
    # the dynamics fixture without consequences that start crises (a recall does not follow those)
    scenario = SCENARIOS["dynamics"]
    consequences = tuple(attrs.evolve(c, starts=None) for c in scenario.consequences)
    scenario = attrs.evolve(scenario, consequences=consequences)
    assert any(c.cooldown or c.max_fires for c in scenario.consequences)
    test_recall.RECALLED["dynamics_resting"] = scenario
    yield "dynamics_resting"
    del test_recall.RECALLED["dynamics_resting"]


def test_resting_consequences_replay_as_they_resolve(resting_scenario):
    test_recall.test_recalled_resolves_give_the_full_resolves_states(resting_scenario)
