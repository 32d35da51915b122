"""Bots that negotiate: they offer the deals that pay them, accept those that pay, refuse those that do not,
and keep or break their word by what breaking it costs; all from their own seat's observation."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.bots import GreedyBot, NoviceBot, SearchBot
from game.rules.engine import apply, new_game
from game.rules.state import Answer, Propose, Resolve, Submit, Term
from game.scenario import load_scenario
from game.session.autoplay import bots_play_round

DEALS = Path(__file__).resolve().parents[1] / "rules" / "fixtures" / "deals.toml"


def variant(tmp_path, mode: str = "step", broken: str = '{ "self.standing" = -10, "target.standing" = 2 }', **more):
    """deals.toml where pressing Korsk alone costs pressure: only a joint demarche pays."""
    text = DEALS.read_text()
    text = text.replace('effects = { "pressure" = 2 }', 'effects = { "pressure" = -1 }')
    text = text.replace('mode = "step"', f'mode = "{mode}"')
    text = text.replace('broken = { "self.standing" = -10, "target.standing" = 2 }', f"broken = {broken}")
    for old, new in more.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "deals.toml"
    path.write_text(text)
    return load_scenario(path)


def play(sc, bots, rounds: int = 1):
    state = new_game(sc)
    seats = [(r.id, bots[r.id]) for r in sc.roles]
    events = []

    def do(action):
        nonlocal state
        state, ev = apply(sc, state, action)
        events.extend(ev)

    for _ in range(rounds):
        bots_play_round(sc, lambda: state, do, seats)
        do(Resolve())
    return state, events


@pytest.mark.parametrize("mode", ["step", "inline"])
def test_greedy_bots_make_the_deal_only_acting_together_pays(tmp_path, mode):
    sc = variant(tmp_path, mode)
    state, _ = play(sc, {"east": GreedyBot(1), "west": GreedyBot(2)})
    assert [(d.proposer, d.partner, d.status) for d in state.deals] == [("east", "west", "kept")]
    assert "joint_pressure" in state.fired_ids()


def test_without_talks_the_joint_demarche_never_happens(tmp_path):
    sc = variant(tmp_path, "off")
    state, _ = play(sc, {"east": GreedyBot(1), "west": GreedyBot(2)}, rounds=3)
    assert state.deals == () and "joint_pressure" not in state.fired_ids()


@pytest.mark.parametrize("bot", [GreedyBot, NoviceBot, SearchBot])
def test_each_look_ahead_bot_accepts_a_deal_that_pays_it_and_keeps_it(tmp_path, bot):
    sc = variant(tmp_path)
    state, _ = apply(
        sc, new_game(sc), Propose("east", "west", tuple(Term(r, "press", "korsk", 1) for r in ("east", "west")))
    )
    seat = bot(3)
    answers = seat.talk(sc, state, "west", "talks")
    assert Answer("west", 1, True) in answers
    for a in answers:
        state, _ = apply(sc, state, a)
    assert [o.instrument for o in seat.choose(sc, state, "west")] == ["press"]


def test_a_bot_refuses_a_deal_that_only_costs_it(tmp_path):
    sc = variant(tmp_path)
    one_sided = (Term("east", "trade", None, 1), Term("west", "press", "korsk", 1))
    state, _ = apply(sc, new_game(sc), Propose("east", "west", one_sided))
    assert GreedyBot(3).talk(sc, state, "west", "talks") == (Answer("west", 1, False),)


@pytest.mark.parametrize(("broken", "kept"), [('{ "pressure" = -5 }', True), ("{}", False)])
def test_a_bot_keeps_its_word_when_breaking_it_costs_more_than_keeping(tmp_path, broken, kept):
    """West promised to press alone (a one-sided deal it was made to accept): pressing costs it 1 pressure;
    breaking the deal costs what the scenario's ``broken`` says."""
    sc = variant(tmp_path, broken=broken)
    state = new_game(sc)
    for a in (Propose("east", "west", (Term("west", "press", "korsk", 1),)), Answer("west", 1, True)):
        state, _ = apply(sc, state, a)
    state, _ = apply(sc, state, Submit("east", ()))
    orders = GreedyBot(4).choose(sc, state, "west")
    assert ([o.instrument for o in orders] == ["press"]) is kept


def test_in_a_turn_of_orders_a_bot_only_answers(tmp_path):
    sc = variant(tmp_path)
    state, _ = apply(sc, new_game(sc), Submit("east", ()))
    assert GreedyBot(5).talk(sc, state, "west", "orders") == ()


def test_a_bot_decides_from_its_own_seat_only(tmp_path):
    """Letters and deals of other seats, and hidden state, do not change what a bot says: its answer to an
    offer is the same whatever the other seats wrote to each other."""
    sc = variant(
        tmp_path,
        **{
            "[[actors]]": '[[roles]]\nid = "north"\nname = "North"\nbriefing = "b"\norders = 1\n'
            'instruments = ["trade"]\n\n[[actors]]'
        },
    )
    offer = Propose("east", "west", tuple(Term(r, "press", "korsk", 1) for r in ("east", "west")))
    plain, _ = apply(sc, new_game(sc), offer)
    noisy = plain
    for a in (Propose("north", "east", (Term("north", "trade", None, 1),), "a secret"),):
        noisy, _ = apply(sc, noisy, a)
    assert GreedyBot(6).talk(sc, plain, "west", "talks") == GreedyBot(6).talk(sc, noisy, "west", "talks")


def test_simulate_counts_the_deals_of_every_game(tmp_path):
    from game.scenario import load_scenario_with_files
    from game.sim import BotSpec, simulate

    variant(tmp_path)
    _, files, main = load_scenario_with_files(tmp_path / "deals.toml")
    greedy = simulate(files, main, 6, BotSpec(mix=("greedy",)), 1, jobs=1)["deals"]
    assert greedy["games_with_a_deal"] == 1.0 and greedy["offered"] >= greedy["accepted"] >= greedy["kept"] >= 1
    alone = simulate(files, main, 6, BotSpec(mix=("greedy:talks=no",)), 1, jobs=1)["deals"]
    assert alone == {"games_with_a_deal": 0.0, "offered": 0.0, "accepted": 0.0, "kept": 0.0, "broken": 0.0}
