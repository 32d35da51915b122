"""The random bot's written-out draws are ``random.Random``'s: the same orders, the generator left the same."""

from __future__ import annotations

import random

import pytest

from game.bots import make_bot
from game.bots.policy import NO_POLICY
from game.bots.random_bot import _below, _shuffle
from game.rules.engine import apply, new_game
from game.rules.orders import instrument_blocker, orders_problem, targets_for
from game.rules.state import Order, Resolve, Submit
from game.scenario import load_scenario, resolve_scenario

SCENARIOS = ["tutorial", "red_lines", "sanctions_coalition", "neutral_mandate"]


@pytest.mark.parametrize("size", [*range(0, 20), 31, 32, 33, 64, 100])
def test_shuffle_gives_random_shuffles_permutation_and_draws(size):
    for seed in range(40):
        ours, theirs = random.Random(seed), random.Random(seed)
        for _ in range(3):  # from fresh and from used generators
            mine, reference = list(range(size)), list(range(size))
            _shuffle(ours, mine)
            theirs.shuffle(reference)
            assert mine == reference
            assert ours.getstate() == theirs.getstate()


@pytest.mark.parametrize("low,high", [(0, 0), (0, 1), (1, 2), (2, 3), (0, 6), (5, 21), (0, 1023), (0, 1024)])
def test_below_draws_as_randint(low, high):
    for seed in range(60):
        ours, theirs = random.Random(seed), random.Random(seed)
        for _ in range(5):
            assert low + _below(ours, high - low + 1) == theirs.randint(low, high)
            assert ours.getstate() == theirs.getstate()


def reference_choose(rng: random.Random, scenario, state, role: str, policy=NO_POLICY) -> tuple[Order, ...]:
    """The random bot as first written, through ``Random``'s own methods."""
    slots = scenario.role(role).orders
    want = rng.randint(max(0, slots - 1), slots) if slots else 0
    if policy.prefer:
        want = slots
    instruments = list(scenario.role(role).instruments)
    rng.shuffle(instruments)
    if policy:
        allowed = [i for i in instruments if policy.allows(scenario.instrument(i))]
        instruments = sorted(allowed, key=lambda i: not policy.prefers(scenario.instrument(i)))
    chosen: tuple[Order, ...] = ()
    for inst_id in instruments:
        if len(chosen) >= want:
            break
        if instrument_blocker(scenario, state, role, inst_id):
            continue
        targets: list[str | None] = [*targets_for(scenario, scenario.instrument(inst_id), role)] or [None]
        rng.shuffle(targets)
        for target in targets:
            if orders_problem(scenario, state, role, chosen + (Order(inst_id, target),)) is None:
                chosen += (Order(inst_id, target),)
                break
    return chosen


@pytest.mark.parametrize(
    "sid,bot",
    [(sid, "random") for sid in SCENARIOS]
    + [("red_lines", "random:prefer=public:avoid=economic"), ("red_lines", "random:avoid=private+coercion")],
)
def test_choose_gives_the_reference_orders_and_leaves_the_same_generator(sid, bot):
    scenario = load_scenario(resolve_scenario(sid))
    chose = 0
    for seed in range(12):
        bots = [make_bot(bot, seed * 1009 + i) for i in range(len(scenario.roles))]
        twins = [random.Random(seed * 1009 + i) for i in range(len(scenario.roles))]
        state = new_game(scenario, seed)
        while not state.over:
            for role, seat, twin in zip(scenario.roles, bots, twins, strict=True):
                orders = seat.choose(scenario, state, role.id)
                assert orders == reference_choose(twin, scenario, state, role.id, seat.policy)
                assert seat.rng.getstate() == twin.getstate()
                chose += len(orders)
                state, _ = apply(scenario, state, Submit(role.id, orders))
            state, _ = apply(scenario, state, Resolve(), record=False)
    assert chose > 0
