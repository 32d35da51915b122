"""A look-ahead that reuses its base resolve's conditions (``game.rules.recall``) ends in exactly
the state a full headless resolve gives, whichever candidate happened to be the base."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Iterator

import pytest

from game.bots.random_bot import RandomBot
from game.rules.engine import apply, new_game
from game.rules.evaluate import Context
from game.rules.model import Scenario
from game.rules.orders import legal_orders, orders_problem, targets_for
from game.rules.recall import Recall, conjuncts, counts_touched, deciding_reads
from game.rules.responses import has_responses
from game.rules.state import GameState, Order, Played, Resolve, Submit
from game.scenario import bundled_scenarios, load_scenario

from .builders import make_rich_scenario
from .test_fast_paths import UNCERTAINTY, rule_state

SCENARIOS: dict[str, Scenario] = {p.stem: load_scenario(p) for p in bundled_scenarios()}
SCENARIOS["rich"] = make_rich_scenario(rounds=6)
SCENARIOS["uncertainty"] = load_scenario(UNCERTAINTY)  # draws that may differ between candidates
FIXTURES = Path(__file__).parent / "fixtures"
RECALLED = {  # and consequences that read whether an actor responded (fired('veyra.expel'))
    **SCENARIOS,
    **{name: load_scenario(FIXTURES / f"{name}.toml") for name in ("embassy", "red_cell")},
}


def round_states(scenario: Scenario, seed: int) -> Iterator[GameState]:
    """The state at the start of each round of a random-bot game."""
    bots = {r.id: RandomBot(seed * 17 + i) for i, r in enumerate(scenario.roles)}
    state = new_game(scenario, seed)
    while state.outcome is None:
        yield state
        for r in scenario.roles:
            state, _ = apply(scenario, state, Submit(r.id, bots[r.id].choose(scenario, state, r.id)))
        state, _ = apply(scenario, state, Resolve())


def candidates(scenario: Scenario, state: GameState, role: str, rnd: random.Random) -> list[tuple[Order, ...]]:
    """No orders, every legal single, and some legal pairs, in a shuffled order."""
    singles = [(o,) for o in legal_orders(scenario, state, role)]
    pairs = [a + b for a in singles for b in singles if a != b]
    out = [()] + singles + rnd.sample(pairs, min(len(pairs), 12))
    out = [c for c in out if orders_problem(scenario, state, role, c) is None]
    rnd.shuffle(out)
    return out


def some_others(scenario: Scenario, state: GameState, role: str, rnd: random.Random) -> dict:
    """Orders for about half the other seats, as random bots would give them (the rest give none)."""
    return {
        r.id: RandomBot(rnd.getrandbits(32)).choose(scenario, state, r.id)
        for r in scenario.roles
        if r.id != role and rnd.random() < 0.5
    }


def trial(scenario: Scenario, state: GameState, submitted: dict, rng: int) -> GameState:
    """``state`` with these submissions and generator, sharing its rule data (as a look-ahead's trials do)."""
    return GameState(
        round=state.round,
        meters=state.meters,
        rng=rng,
        submitted=tuple((r.id, submitted.get(r.id, ())) for r in scenario.roles),
        history=state.history,
        crises=state.crises,
        fired=state.fired,
        pending=state.pending,
        schedule=state.schedule,
    )


@pytest.mark.parametrize("sid", sorted(RECALLED))
def test_recalled_resolves_give_the_full_resolves_states(sid):
    scenario = RECALLED[sid]
    rnd = random.Random(sid)
    compared = reused = responded_otherwise = 0
    for seed in range(3 if len(scenario.consequences) > 10 else 6):
        for state in round_states(scenario, seed):
            role = rnd.choice(scenario.roles).id
            others = some_others(scenario, state, role, rnd)
            for rng in (rnd.getrandbits(64), rnd.getrandbits(64)):
                recall = Recall()
                for orders in candidates(scenario, state, role, rnd):
                    t = trial(scenario, state, {**others, role: orders}, rng if rnd.random() < 0.8 else rng + 1)
                    full, _ = apply(scenario, t, Resolve(), record=False)
                    fast, _ = apply(scenario, t, Resolve(), record=False, recall=recall)
                    assert rule_state(fast) == rule_state(full), (seed, state.round, orders)
                    compared += 1
                    reused += recall.state is not None
                    base, _ = apply(scenario, recall.state, Resolve(), record=False)
                    answered = responses_of(scenario, full, t.round)
                    responded_otherwise += answered != responses_of(scenario, base, t.round)
    assert compared > 100 and reused > 0
    # actors answered some candidates otherwise than the base: the recall followed what their answers change
    assert responded_otherwise > 0 if has_responses(scenario) else responded_otherwise == 0


def responses_of(scenario: Scenario, state: GameState, round_: int) -> list[str]:
    """The actors' responses that fired in round ``round_`` of ``state``."""
    keys = {resp.key for actor in scenario.actors for resp in actor.responses}
    return [key for key, r in state.fired if r == round_ and key in keys]


def test_a_recall_starts_a_new_base_for_other_rule_data():
    scenario = SCENARIOS["rich"]  # a scenario without actor responses, which the recall follows
    states = list(round_states(scenario, 4))[:3]
    recall = Recall()
    for state in states + states[::-1]:
        for orders in candidates(scenario, state, scenario.roles[0].id, random.Random(1))[:5]:
            t = trial(scenario, state, {scenario.roles[0].id: orders}, 99)
            full, _ = apply(scenario, t, Resolve(), record=False)
            fast, _ = apply(scenario, t, Resolve(), record=False, recall=recall)
            assert rule_state(fast) == rule_state(full)
            assert recall.recorded_for(t)


def test_a_recall_serves_only_headless_resolves():
    scenario = SCENARIOS["red_lines"]
    state = trial(scenario, new_game(scenario, 1), {}, 1)
    with pytest.raises(ValueError):
        apply(scenario, state, Resolve(), recall=Recall())


def test_an_order_touches_the_counts_that_may_count_it():
    scenario = SCENARIOS["red_lines"]
    inst = scenario.instrument("targeted_sanctions")
    touched = {label for _, label in counts_touched(scenario, ("development", inst.id, "veyra"))}
    assert "used('targeted_sanctions', by='development', on='veyra')" in touched
    assert not any(label.startswith("used('fact_finding'") for label in touched)


def test_a_false_and_is_decided_by_its_first_false_operand():
    scenario = SCENARIOS["red_lines"]
    index = [c.id for c in scenario.consequences].index("paired_signals")
    parts = scenario.derived(conjuncts)[index]
    first, second = (reads for _, reads in parts)  # used(public_pressure on veyra), used(private_pressure on veyra)
    work_state = new_game(scenario, 1)
    ctx = Context(work_state.meters, 1, scenario.rounds, (), set(), set())
    whole = scenario.consequences[index].when.depends
    assert deciding_reads(parts, ctx, whole) == first != whole  # nothing played yet: the first operand is false
    public = next(
        i for i in scenario.instruments if "public_pressure" in i.signals and "veyra" in targets_for(scenario, i)
    )
    played = (Played(1, scenario.roles[0].id, public.id, "veyra", public.category, public.signals, True),)
    ctx = Context(work_state.meters, 1, scenario.rounds, played, set(), set())
    assert deciding_reads(parts, ctx, whole) == second  # the first holds now: the second decides
