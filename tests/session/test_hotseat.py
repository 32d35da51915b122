"""The hot-seat flow without a window: order of screens, bots, resume from a save."""

import json

import pytest

from game.rules.engine import IllegalAction
from game.rules.state import Order
from game.scenario import resolve_scenario
from game.session.game import Game
from game.session.hotseat import (
    BRIEFING,
    BRIEFING_HANDOVER,
    HANDOVER,
    NEWS,
    ORDERS,
    OVER,
    HotSeat,
    Seat,
    parse_seats,
)

from ..values import stored_values


def tutorial_game(seed=1):
    return Game.from_path(resolve_scenario("tutorial"), seed)


def two_humans(game):
    a, b = game.scenario.role_ids
    return {a: Seat(a, "Ana"), b: Seat(b, "Ben")}


def test_flow_briefings_then_news_then_each_seat():
    game = tutorial_game()
    a, b = game.scenario.role_ids
    hs = HotSeat(game, two_humans(game))
    seen = []
    for _ in range(4):
        seen.append((hs.step.kind, hs.step.role))
        hs.advance()
    assert seen == [(BRIEFING_HANDOVER, a), (BRIEFING, a), (BRIEFING_HANDOVER, b), (BRIEFING, b)]
    assert hs.step == hs.step.__class__(NEWS)
    hs.advance()
    assert (hs.step.kind, hs.step.role) == (HANDOVER, a)
    hs.advance()
    assert (hs.step.kind, hs.step.role) == (ORDERS, a)
    hs.submit(())
    assert (hs.step.kind, hs.step.role) == (HANDOVER, b)
    hs.advance()
    hs.submit(())
    assert hs.step.kind == NEWS and hs.state.round == 2


def test_bots_fill_empty_seats_and_play_instantly():
    game = tutorial_game()
    a, b = game.scenario.role_ids
    hs = HotSeat(game, {a: Seat(a, "Ana"), b: Seat(b, "", "random")})
    hs.advance()
    hs.advance()  # Ana's briefing
    hs.advance()  # news
    assert (hs.step.kind, hs.step.role) == (HANDOVER, a)
    hs.advance()
    hs.submit(())
    assert hs.state.round == 2
    assert hs.state.history, "the bot should have given orders"
    assert all(p.role == b for p in hs.state.history)


def test_all_bots_play_to_the_end_through_news_steps():
    game = tutorial_game()
    hs = HotSeat(game, {r: Seat(r, "", "random") for r in game.scenario.role_ids})
    for _ in range(20):
        if hs.step.kind == OVER:
            break
        assert hs.step.kind == NEWS
        hs.advance()
    assert hs.step.kind == OVER and game.state.over


def test_illegal_submission_is_refused_and_the_seat_keeps_its_turn():
    game = tutorial_game()
    hs = HotSeat(game, two_humans(game))
    for _ in range(5):
        hs.advance()
    hs.advance()
    assert hs.step.kind == ORDERS
    role = game.scenario.role(hs.step.role)
    too_many = tuple(Order(i) for i in role.instruments[: role.orders + 1])
    with pytest.raises(IllegalAction):
        hs.submit(too_many)
    assert hs.step.kind == ORDERS


def test_resume_from_autosave_lands_on_the_same_step(tmp_path):
    saves = []

    def autosave(game, phase):
        path = tmp_path / f"{len(saves)}.json"
        game.save(path)
        saves.append(path)

    game = tutorial_game()
    hs = HotSeat(game, two_humans(game), autosave)
    for _ in range(6):
        hs.advance()
    hs.submit(())  # first seat confirms round 1
    assert (hs.step.kind, hs.step.role) == (HANDOVER, game.scenario.role_ids[1])
    resumed = HotSeat(Game.load(saves[-1]))
    assert resumed.step == hs.step
    assert resumed.seats == hs.seats
    assert resumed.game.hash == game.hash


def test_fresh_news_is_public_and_since_last_read():
    game = tutorial_game()
    hs = HotSeat(game, two_humans(game))
    for _ in range(4):
        hs.advance()
    news = hs.fresh_news()
    assert news and all(e.round == 1 and e.audience == "all" for e in news)
    hs.advance()
    assert hs.fresh_news() == []


def test_the_last_rounds_news_comes_before_the_scores():
    game = tutorial_game()
    hs = HotSeat(game, {r: Seat(r, "", "random") for r in game.scenario.role_ids})
    while not game.state.over:
        assert hs.step.kind == NEWS
        hs.advance()
    assert hs.step.kind == NEWS, "the final results are shown as news first"
    assert any(e.kind == "game_over" for e in hs.fresh_news())
    hs.advance()
    assert hs.step.kind == OVER


def test_parse_seats():
    roles = ("foreign", "defence", "treasury")
    seats = parse_seats("foreign=Ana, defence=bot", roles)
    assert seats["foreign"] == Seat("foreign", "Ana", None)
    # a bare "bot" and a role nobody is named for get the competent bot, as on the set-up screen
    assert seats["defence"].bot == "greedy" and seats["treasury"].bot == "greedy"
    assert parse_seats("defence=bot:random", roles)["defence"].bot == "random"
    for bad in ("nobody=Ana", "foreign", "foreign="):
        with pytest.raises(ValueError):
            parse_seats(bad, roles)


def facilitated(mode="semi-rigid"):
    from game.rules.state import SetMode
    from game.session import control

    game = tutorial_game()
    control.set_pin(game, "2468")
    a, b = game.scenario.role_ids
    hs = HotSeat(game, {a: Seat(a, "Ana"), b: Seat(b, "", "random")})
    hs.facilitate(SetMode(mode))
    return hs


def test_pin_is_checked_and_never_stored_in_clear(tmp_path):
    from game.session import control

    hs = facilitated()
    assert control.check_pin(hs.game, "2468") and not control.check_pin(hs.game, "1357")
    hs.game.save(tmp_path / "s.json")
    assert "2468" not in stored_values(json.loads((tmp_path / "s.json").read_text()))
    with pytest.raises(ValueError):
        control.set_pin(hs.game, "12")


def test_semi_rigid_round_waits_for_the_facilitator_and_overrides_stand():
    from game.rules.state import Override
    from game.session.hotseat import ADJUDICATE

    hs = facilitated()
    hs.advance()
    hs.advance()  # Ana's briefing
    hs.advance()  # news
    hs.advance()  # hand-over
    role = hs.scenario.role(hs.step.role)
    target = "corvane" if hs.scenario.has_actor("corvane") else hs.scenario.actors[0].id
    order = next(
        Order(i, target)
        for i in role.instruments
        if target in __import__("game.rules.orders", fromlist=["x"]).targets_for(hs.scenario, hs.scenario.instrument(i))
    )
    hs.submit((order,))
    assert hs.step.kind == ADJUDICATE and hs.state.round == 1, "the round waits for review"
    proposal = hs.proposal()
    index, event = next((i, e) for i, e in enumerate(proposal) if e.kind == "order" and e.changes)
    change = event.changes[0]
    start = len(hs.state.events)
    hs.adjudicate((Override(f"{index}:{change.path}", 0, "no effect this time"),))
    assert hs.state.round == 2 and hs.step.kind == NEWS
    published = hs.state.events[start:]
    assert published[index].text == event.text
    assert change.path not in {c.path for c in published[index].changes}, "the override replaced the proposed change"
    assert any(e.kind == "adjudication" and "no effect this time" in e.text for e in published)


def test_switching_back_to_rigid_during_review_resolves_the_round():
    from game.rules.state import SetMode
    from game.session.hotseat import ADJUDICATE

    hs = facilitated()
    for _ in range(4):
        hs.advance()
    hs.submit(())
    assert hs.step.kind == ADJUDICATE
    hs.facilitate(SetMode("rigid"))
    assert hs.state.round == 2 and hs.step.kind == NEWS


def test_without_a_facilitator_semi_rigid_cannot_stall_the_game():
    from game.rules.state import SetMode

    game = tutorial_game()
    a, b = game.scenario.role_ids
    hs = HotSeat(game, {a: Seat(a, "Ana"), b: Seat(b, "", "random")})
    hs.facilitate(SetMode("semi-rigid"))
    for _ in range(4):
        hs.advance()
    hs.submit(())
    assert hs.state.round == 2


def test_step_talks_open_only_in_a_seats_turn_of_talks_and_unread_counts_clear_when_read():
    """In a round of talks the first seat to give orders gets no word more than the others; the hand-over
    count is of messages not yet read and offers not yet answered, and a seat that read them sees 0."""
    from pathlib import Path

    from game.rules.state import Answer, Propose, Term, Write
    from game.session.hotseat import TALKS, TALKS_HANDOVER

    deals = Path(__file__).resolve().parents[1] / "rules" / "fixtures" / "deals.toml"
    game = Game.from_path(deals, 11)
    hs = HotSeat(game, {"east": Seat("east", "Ana"), "west": Seat("west", "Bo")})
    while hs.step.kind != TALKS_HANDOVER:
        hs.advance()
    hs.advance()
    assert (hs.step.kind, hs.seat) == (TALKS, "east") and hs.talks_open()
    hs.talk(Write("east", ("west",), "press with me"))
    hs.talk(Propose("east", "west", (Term("east", "press", "korsk", 1), Term("west", "press", "korsk", 1))))
    assert hs.unread_talks("west") == 2 and hs.unread_talks("east") == 0
    hs.end_talks()
    hs.advance()
    assert (hs.step.kind, hs.seat) == (TALKS, "west")
    hs.read_talks("west")
    assert hs.unread_talks("west") == 1, "the letter is read; the offer still waits for an answer"
    hs.talk(Write("west", ("east",), "yes"))
    hs.end_talks()
    hs.advance()
    assert (hs.step.kind, hs.seat) == (ORDERS, "east") and not hs.talks_open()
    with pytest.raises(IllegalAction, match="talks of this round are over"):
        hs.talk(Write("east", ("west",), "one more word before the others give orders"))
    hs.submit((Order("press", "korsk"),))
    hs.advance()
    assert (hs.step.kind, hs.seat) == (ORDERS, "west")
    hs.talk(Answer("west", 1, True))  # answers stay open
    assert hs.unread_talks("west") == 0


def test_a_seat_is_labelled_by_name_and_role_without_brackets_in_brackets():
    game = Game.from_path(resolve_scenario("red_lines"), with_=("cell",))
    roles = game.scenario.role_ids
    hs = HotSeat(game, {r: Seat(r, "Ed" if r == "cell" else "", "" if r == "cell" else "random") for r in roles})
    assert game.scenario.role("cell").name == "Veyra cell (red team)"
    assert hs.seat_label("cell") == "Ed (Veyra cell, red team)"
    assert hs.seat_label("cell", short=True) == "Ed"
    assert hs.seat_label("foreign") == "Foreign Ministry", "a seat without a name: the role's name as it is"
