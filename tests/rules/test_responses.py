"""Actors that act ([[actors.responses]]) and a seat that plays an actor (plays, role targets),
on the small scenario tests/rules/fixtures/embassy.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.rules.engine import apply, new_game
from game.rules.observe import observe
from game.rules.orders import legal_orders, orders_problem
from game.rules.state import Adjust, Order, Resolve, Submit
from game.scenario import load_scenario
from game.session.autoplay import autoplay
from game.session.game import Game

PATH = Path(__file__).parent / "fixtures" / "embassy.toml"
SC = load_scenario(PATH)
CONDEMN = Order("condemn", "veyra")


def play_round(state, foreign=(), defence=(), red=(), before=()):
    """Submit each seat's orders (after any facilitator actions), resolve; the new state and its events."""
    for action in before:
        state, _ = apply(SC, state, action)
    for role, orders in (("foreign", foreign), ("defence", defence), ("red", red)):
        state, _ = apply(SC, state, Submit(role, tuple(orders)))
    return apply(SC, state, Resolve())


def responses_of(events):
    return [(e.ref, e.text) for e in events if e.kind == "response"]


def test_the_scenario_loads_with_its_responses_pick_and_red_cell():
    veyra, norda = SC.actor("veyra"), SC.actor("norda")
    assert [r.key for r in veyra.responses] == ["veyra.expel", "veyra.protest"]
    assert veyra.pick == "priority" and norda.pick == "weight"
    assert SC.role("red").plays == "veyra" and SC.players_of("veyra") == ("red",)
    assert SC.role("foreign").plays is None


def test_the_ladder_picks_the_highest_priority_and_retaliates_against_one_role():
    state = new_game(SC, 1)
    state, events = play_round(state, defence=[CONDEMN])  # trust 50 -> 35: only the protest holds
    assert ("veyra.protest", "Veyra: a formal protest.") in responses_of(events)
    state, events = play_round(state, defence=[CONDEMN])  # trust 20: expel (priority 2) beats protest
    veyra = responses_of(events)[0]
    assert veyra == ("veyra.expel", "Veyra expels a diplomat of the Defence Ministry.")
    expel = next(e for e in events if e.ref == "veyra.expel")
    assert expel.audience == "all" and expel.cause.kind == "response" and expel.cause.role == "defence"
    assert state.meters["defence.standing"] == 40 and state.meters["foreign.standing"] == 50
    assert ("veyra.expel", 2) in state.fired
    # The same round's consequences already see it: plan 6 (the protest) and fired('veyra.expel').
    assert ("plan_hatches", 2) in state.fired
    # max_fires = 1: the ladder falls to the protest while trust stays low.
    state, events = play_round(state, defence=[CONDEMN])
    assert [ref for ref, _ in responses_of(events)][0] == "veyra.protest"


def test_a_response_aimed_at_nobody_does_not_hold_and_the_ladder_goes_down():
    state = new_game(SC, 1)
    # Trust is low, but no role did anything to Veyra this round: no role scores above 0 on against.
    state, events = play_round(state, before=[Adjust("veyra.trust", -40, "test")])
    refs = [ref for ref, _ in responses_of(events)]
    assert "veyra.expel" not in refs and "veyra.protest" in refs
    assert state.meters["foreign.standing"] == state.meters["defence.standing"] == 50


def test_against_ties_go_to_the_first_role_and_never_to_the_actors_own_seat():
    state = new_game(SC, 1)
    state, events = play_round(
        state,
        foreign=[CONDEMN],
        defence=[CONDEMN],
        red=[Order("charm")],
        before=[Adjust("veyra.trust", -20, "test")],
    )
    assert responses_of(events)[0] == ("veyra.expel", "Veyra expels a diplomat of the Foreign Ministry.")
    assert state.meters["foreign.standing"] == 40 and state.meters["red.standing"] == 50


def test_weighted_pick_draws_by_weight_and_cooldown_rests_a_response():
    cheer = worry = 0
    for seed in range(400):
        state = new_game(SC, seed)
        state, events = play_round(state)
        refs = [ref for ref, _ in responses_of(events)]
        cheer += "norda.cheer" in refs
        worry += "norda.worry" in refs
        if "norda.cheer" in refs and seed < 20:
            # cooldown = 1: resting in round 2, so only worry can answer (drawn without a choice)
            _, events2 = play_round(state)
            assert "norda.cheer" not in [ref for ref, _ in responses_of(events2)]
    assert 250 <= cheer <= 350  # weight 3 of 4
    assert 25 <= worry <= 75  # weight 1 of 4, then chance 0.5


def test_responses_are_deterministic():
    def game(seed):
        state = new_game(SC, seed)
        for _ in range(3):
            state, _ = play_round(state, defence=[CONDEMN])
        return state

    assert game(5) == game(5)


def test_red_cell_targets_roles_but_not_itself():
    state = new_game(SC, 1)
    threats = {o.target for o in legal_orders(SC, state, "red") if o.instrument == "threaten"}
    assert threats == {"foreign", "defence"}
    assert "cannot target your own role" in orders_problem(SC, state, "red", (Order("threaten", "red"),))
    assert orders_problem(SC, state, "foreign", (Order("demarche", "foreign"),)) is not None


def test_private_orders_reach_the_seat_they_are_aimed_at_and_nobody_else():
    state = new_game(SC, 1)
    state, events = play_round(state, foreign=[Order("demarche", "veyra")], red=[Order("threaten", "foreign")])
    demarche = "Foreign Ministry: Private démarche on Republic of Veyra."
    threat = "Veyra cell: Private threat on Foreign Ministry."
    by_text = {e.text: e.audience for e in events}
    assert by_text[demarche] == ("foreign", "red") and by_text[threat] == ("red", "foreign")
    seen = {seat: [e.text for e in observe(SC, state, seat).events] for seat in SC.role_ids}
    assert demarche in seen["red"] and threat in seen["foreign"]
    assert demarche not in seen["defence"] and threat not in seen["defence"]
    assert state.meters["foreign.standing"] == 45
    assert "foreign.standing" in observe(SC, state, "foreign").meters
    assert "foreign.standing" not in observe(SC, state, "red").meters


def test_the_red_cell_sees_its_actors_facilitator_meters_but_not_hidden_ones():
    state = new_game(SC, 1)
    red, foreign = observe(SC, state, "red"), observe(SC, state, "foreign")
    assert "veyra.resolve" in red.meters and "veyra.plan" not in red.meters
    assert "norda.resolve" not in red.meters  # only the actor it plays
    assert "veyra.resolve" not in foreign.meters


@pytest.mark.parametrize("bot", ["random", "greedy", "novice", "search"])
def test_bots_play_every_seat_including_the_red_cell(bot):
    """Every submission passes the engine's legality check (an illegal one raises), to the end."""
    state = autoplay(Game.from_path(PATH, seed=3), bot).state
    assert state.over and state.outcome.round == SC.rounds
    assert any(e.kind == "response" for e in state.events)


def test_the_greedy_red_cell_aims_at_a_ministry_to_meet_its_objective():
    state = autoplay(Game.from_path(PATH, seed=3), "greedy").state
    assert any(p.role == "red" and p.target in SC.role_ids for p in state.history)
    red = next(s for s in state.outcome.scores if s.role == "red")
    assert red.met == ("divide",)
