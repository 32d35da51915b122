"""A resolve's log of draws (``apply(..., draws=[])``) says exactly when another seed would give the same
state: where ``rng.replays`` holds for a seed, resolving from it ends in the same state but for its
generator (the greedy bot then takes the score it already has instead of resolving again)."""

from __future__ import annotations

import random

import attrs
import pytest

from game.rules import rng as rnglib
from game.rules.engine import apply, resolve_trial, trial_resolved
from game.rules.recall import Recall
from game.rules.state import Resolve

from .test_fast_paths import SCENARIOS, rule_state
from .test_recall import candidates, round_states, some_others, trial


def without_generator(state):
    return rule_state(state)[:2] + rule_state(state)[3:]


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_a_seed_that_replays_the_draws_gives_the_same_state(sid):
    scenario = SCENARIOS[sid]
    rnd = random.Random(sid)
    same = 0
    for seed in range(2):
        for state in round_states(scenario, seed):
            role = rnd.choice(scenario.roles).id
            others = some_others(scenario, state, role, rnd)
            for orders in candidates(scenario, state, role, rnd)[:6]:
                t = trial(scenario, state, {**others, role: orders}, rnd.getrandbits(64))
                draws: list = []
                logged, _ = apply(scenario, t, Resolve(), record=False, recall=Recall(), draws=draws)
                plain, _ = apply(scenario, t, Resolve(), record=False)
                assert rule_state(logged) == rule_state(plain)  # the log changes nothing
                assert rnglib.replays(draws, t.rng)
                recorded, _ = apply(scenario, t, Resolve(), draws=(recorded_draws := []))
                assert recorded_draws == draws  # recorded or headless, the same draws
                for other in (rnd.getrandbits(64) for _ in range(8)):
                    again, _ = apply(
                        scenario, trial(scenario, state, {**others, role: orders}, other), Resolve(), record=False
                    )
                    if rnglib.replays(draws, other):
                        assert without_generator(again) == without_generator(logged), (seed, state.round, orders)
                        same += 1
    assert same > 0


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_a_trial_resolves_as_the_state_with_its_submissions_would(sid):
    scenario = SCENARIOS[sid]
    rnd = random.Random(sid + "trial")
    for state in round_states(scenario, 1):
        role = rnd.choice(scenario.roles).id
        base = trial(scenario, state, {}, 0)
        recalls = (Recall(), Recall())
        for orders in candidates(scenario, state, role, rnd)[:6]:
            rng = rnd.getrandbits(64)
            submitted = {role: orders}
            full, _ = apply(scenario, trial(scenario, state, submitted, rng), Resolve(), record=False)
            rows = tuple((r.id, submitted.get(r.id, ())) for r in scenario.roles)
            assert rule_state(resolve_trial(scenario, base, rows, rng)) == rule_state(full)
            fast = resolve_trial(scenario, base, rows, rng, recall=recalls[0], draws=(drawn := []))
            again, _ = apply(
                scenario,
                trial(scenario, state, submitted, rng),
                Resolve(),
                record=False,
                recall=recalls[1],
                draws=(logged := []),
            )
            assert rule_state(fast) == rule_state(full) == rule_state(again) and drawn == logged


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_a_trial_read_in_place_holds_what_its_state_holds_and_scores_the_same(sid):
    from game.bots.heuristic import Heuristic, Recollection

    scenario = SCENARIOS[sid]
    rnd = random.Random(sid + "resolved")
    ended = 0
    for state in round_states(scenario, 2):
        role = rnd.choice(scenario.roles).id
        heuristic = Heuristic(scenario, role)
        base = trial(scenario, state, {}, 0)
        recalls, recollections = (
            (Recall(), Recall()),
            (Recollection(len(base.history)), Recollection(len(base.history))),
        )
        for orders in candidates(scenario, state, role, rnd)[:6]:
            rng = rnd.getrandbits(64)
            rows = tuple((r.id, orders if r.id == role else ()) for r in scenario.roles)
            frozen = resolve_trial(scenario, base, rows, rng, recall=recalls[0])
            read = trial_resolved(scenario, base, rows, rng, recall=recalls[1])
            assert (read.round, read.meters, read.rng) == (frozen.round, frozen.meters, frozen.rng)
            if frozen.outcome is None:
                assert read.outcome is None
            else:  # the same end, without the scores
                assert read.outcome == attrs.evolve(frozen.outcome, scores=())
                ended += 1
            assert read.fired_ids == {cid for cid, _ in frozen.fired}
            assert read.active_ids == set(frozen.active_crises())
            assert (tuple(read.history), tuple(read.pending), tuple(read.deals)) == (
                frozen.history,
                frozen.pending,
                frozen.deals,
            )
            assert heuristic.score(read, recollections[1]) == heuristic.score(frozen, recollections[0])
            assert heuristic.score(read) == heuristic.score(frozen)
    assert ended > 0  # the last round was tried too
