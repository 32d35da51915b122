"""A seat's meter history (game.rules.observe.seen_history): what its board showed, round by round."""

from __future__ import annotations

import pytest

from game.bots.random_bot import RandomBot
from game.review.replay import Replay
from game.rules.engine import apply, new_game
from game.rules.observe import meter_visible, observe, seen_history
from game.rules.state import Resolve, Submit
from game.scenario import load_scenario, resolve_scenario


def played(sc, seed, rounds):
    state, actions = new_game(sc, seed), []
    bots = {r.id: RandomBot(seed * 7 + i) for i, r in enumerate(sc.roles)}
    while state.round <= rounds and not state.over:
        for r in sc.roles:
            actions.append(Submit(r.id, bots[r.id].choose(sc, state, r.id)))
            state, _ = apply(sc, state, actions[-1])
        actions.append(Resolve())
        state, _ = apply(sc, state, actions[-1])
    return state, actions


@pytest.mark.parametrize("name", ["red_lines", "sanctions_coalition"])
@pytest.mark.parametrize("rounds", [0, 3, 99])
def test_the_history_is_the_values_the_board_showed_at_each_round_end_and_now(name, rounds):
    """Against the review's replay (every round's meters, from the log): equal value for value, for
    every meter the seat sees; the last entry is the value on its board now."""
    sc = load_scenario(resolve_scenario(name))
    state, actions = played(sc, 5, rounds)
    _, series = Replay(sc, 5, actions).series()
    for role in sc.role_ids:
        history = seen_history(sc, state, role)
        obs = observe(sc, state, role)
        assert history
        for path, values in history.items():
            assert list(values) == series[path][: len(values)], (role, path)
            assert values[-1] == obs.meters[path], (role, path)
            assert len(values) == state.round + 1, (role, path)  # the start, each round ended, now


def test_no_meter_the_seat_does_not_see_as_a_value_is_in_it():
    sc = load_scenario(resolve_scenario("red_lines"))
    state, _ = played(sc, 2, 2)
    for role in sc.role_ids:
        history = seen_history(sc, state, role)
        for path, m in sc.meters.items():
            if not meter_visible(sc, path, role) or m.estimate or m.refill is not None:
                assert path not in history, (role, path)
        assert any(m.visibility == "hidden" for m in sc.meters.values())  # (the case is met)
