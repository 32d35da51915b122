"""``used()`` counts: the loops kept for common filters and the counts a round remembers give
what the general, traced walk of the history gives."""

from __future__ import annotations

import random

import pytest

from game.bots.random_bot import RandomBot
from game.rules import nodes as N
from game.rules.compiler import compile_node
from game.rules.counts import RunningCounts
from game.rules.engine import new_game, resolve_submitted
from game.rules.evaluate import Context
from game.rules.hashing import state_hash
from game.rules.recall import used_calls

from .test_recall import RECALLED, SCENARIOS, round_states


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_counts_without_a_trace_are_the_traced_counts(sid):
    scenario = SCENARIOS[sid]
    calls = used_calls(scenario)
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


# --------------------------------------------------------------------------- counts carried between rounds


def _walked(work, label: str, node: N.Used) -> int:
    """The count the history walk gives on ``work``'s state now, nothing remembered."""
    fn = compile_node(node)
    return fn(Context(work.meters, work.round, work.sc.rounds, work.history, work.fired_set, work.active_set))


@pytest.mark.parametrize("sid", sorted(RECALLED))
def test_counts_carried_to_the_next_round_are_the_counts_walked_afresh(sid, monkeypatch):
    from game.sim import runner

    scenario = RECALLED[sid]
    calls = used_calls(scenario)
    seeded = 0
    moved = RunningCounts.next_round

    def checked(self, work):
        nonlocal seeded
        counts = moved(self, work)
        for label, n in counts.items():
            assert n == _walked(work, label, calls[label]), (label, work.round)
            seeded += 1
        return counts

    monkeypatch.setattr(RunningCounts, "next_round", checked)
    for seed in range(6):
        runner.final_state(scenario, seed, ("random",) * len(scenario.roles))
    if any(n.within for n in calls.values()):  # a count over a window: orders leave it as rounds go on
        assert seeded > 20


def test_running_counts_follow_one_line_of_play_and_start_again_on_another():
    """Two games resolved in turn with one ``RunningCounts``: each resolve meets a state the last one did
    not leave, counts afresh, and the games are those played each with its own."""
    scenario = SCENARIOS["red_lines"]
    bots = {seed: [RandomBot(seed * 7 + i) for i in range(len(scenario.roles))] for seed in (1, 2)}

    def orders(state, seed):
        return {r.id: bot.choose(scenario, state, r.id) for r, bot in zip(scenario.roles, bots[seed], strict=True)}

    shared = RunningCounts()
    states = {seed: new_game(scenario, seed) for seed in (1, 2)}
    alone = {seed: (new_game(scenario, seed), RunningCounts()) for seed in (1, 2)}
    for _ in range(scenario.rounds):
        for seed in (1, 2):
            if states[seed].outcome is not None:
                continue
            chosen = orders(states[seed], seed)
            states[seed] = resolve_submitted(scenario, states[seed], chosen, counts=shared)
            own, counts = alone[seed]
            alone[seed] = (resolve_submitted(scenario, own, chosen, counts=counts), counts)
            plain = resolve_submitted(scenario, own, chosen)
            assert state_hash(states[seed]) == state_hash(alone[seed][0]) == state_hash(plain)
    assert all(state.outcome is not None for state in states.values())
