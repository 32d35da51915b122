"""Dynamics: drift, headroom, fatigue, a consequence's cooldown, max_fires and starts, and a crisis that
escalates through stages and recurs, each checked against its rule in docs/format.md on a small scenario."""

from __future__ import annotations

from pathlib import Path

from game.rules.engine import apply, new_game
from game.rules.hashing import state_hash
from game.rules.state import Order, Resolve, Submit
from game.scenario import load_scenario, resolve_scenario

SC = load_scenario(Path(__file__).parent / "fixtures" / "dynamics.toml")


def play(*rounds: tuple[Order, ...], record: bool = True):
    """Each round's orders for the one seat; the states after every round (index 0: the start)."""
    state = new_game(SC, 1)
    states = [state]
    for orders in rounds:
        state, _ = apply(SC, state, Submit("foreign", orders))
        state, _ = apply(SC, state, Resolve(), record=record)
        states.append(state)
    return states


PRAISE, PRESS, CALM = Order("praise", "veyra"), Order("press", "veyra"), Order("calm")


def test_a_meter_drifts_to_its_baseline_and_stops_there():
    states = play((), (), (), ())
    assert [s.meters["attention"] for s in states] == [50, 45, 40, 40, 40]
    assert all(s.meters["tension"] == 10 for s in states), "drift = 0 overrides [dynamics] drift"


def test_the_dynamics_default_drift_moves_actor_meters_back_to_their_own_start():
    states = play((PRAISE,), (), ())
    # +8 in round 1, then a point back each end of round: 58 - 1 = 57, 56, 55
    assert [s.meters["veyra.trust"] for s in states] == [50, 57, 56, 55]


def test_headroom_shrinks_an_increase_by_the_room_used():
    states = play((PRAISE,))
    # standing 50 of 0..100 with headroom 1: +20 x (1 - 0.5) = +10
    assert states[1].meters["standing"] == 60


def test_fatigue_halves_each_repeat_on_the_same_target_within_the_window():
    states = play((PRAISE,), (PRAISE,), (PRAISE,), (), (), (PRAISE,))
    trust = [s.meters["veyra.trust"] for s in states]
    # +8, then +4 (one use in the last 2 rounds), +2 (two uses), then drift only; round 6: no use in rounds 4-5: +8
    assert trust[1] == 57 and trust[2] == 57 + 4 - 1 and trust[3] == 60 + 2 - 1
    assert trust[6] - trust[5] == 8 - 1
    # standing: +10 (at 50), then 20 x 0.5 fatigue x (1 - 0.6) headroom = +4
    assert [s.meters["standing"] for s in states][1:3] == [60, 64]


def test_an_instrument_without_fatigue_keeps_its_full_effect():
    states = play((PRESS,), (PRESS,))
    assert [s.meters["tension"] for s in states] == [10, 20, 30]


def test_a_consequence_rests_for_its_cooldown_and_stops_at_max_fires():
    states = play(*[()] * 8)
    fired = [r for cid, r in states[-1].fired if cid == "dividend"]
    assert fired == [1, 3, 5], "cooldown 1: a round's rest after each fire; max_fires 3"
    assert states[-1].meters["payouts"] == 3


def test_a_consequence_starts_a_crisis_that_escalates_then_recurs_once():
    states = play((PRESS,), (PRESS,), (PRESS,), (CALM,), (PRESS,), (CALM,), (PRESS,), ())
    crisis = {c.id: c for c in states[2].crises}["standoff"]
    assert crisis.started == 2 and crisis.stage == 0 and crisis.ended is None, "tension 30: flare_up starts it"
    assert states[2].meters["alarm"] == 10, "its ongoing effect applies in the round it broke"
    after3 = {c.id: c for c in states[3].crises}["standoff"]
    assert after3.stage == 1 and states[3].meters["alarm"] == 10 + 10 + 100, "tension 40: the blockade stage"
    after4 = {c.id: c for c in states[4].crises}["standoff"]
    assert after4.ended == 4 and states[4].meters["alarm"] == 120 + 1000, "the stage's ongoing, then it ends"
    again = {c.id: c for c in states[5].crises}["standoff"]
    assert again.started == 5 and again.breaks == 2 and again.stage == 0, "recurs = 1: it may break once more"
    final = {c.id: c for c in states[8].crises}["standoff"]
    assert final.breaks == 2 and final.started == 5, "its one recurrence used, it never breaks a third time"
    kinds = [e.kind for e in states[-1].events]
    assert "crisis_escalated" in kinds and "drift" in kinds


def test_headless_resolves_give_the_same_games():
    orders = ((PRESS, PRAISE), (PRESS,), (PRESS, PRAISE), (CALM,), (PRAISE,), ())
    recorded, headless = play(*orders), play(*orders, record=False)
    for a, b in zip(recorded, headless, strict=True):
        assert (a.meters, a.fired, a.crises, a.history) == (b.meters, b.fired, b.crises, b.history)


def test_scenarios_without_dynamics_keep_their_hashes():
    """The quiet fields stay out of the hash: a bundled game's hash does not mention stage or breaks."""
    tutorial = load_scenario(resolve_scenario("tutorial"))
    state = new_game(tutorial, 5)
    for _ in range(2):
        for role in tutorial.roles:
            state, _ = apply(tutorial, state, Submit(role.id, ()))
        state, _ = apply(tutorial, state, Resolve())
    from game.rules.hashing import canonical

    assert state.crises and b'"stage"' not in canonical(state) and b'"breaks"' not in canonical(state)
    assert len(state_hash(state)) == 64
