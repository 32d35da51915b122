"""Bots by name, per seat, everywhere: make_bot, autoplay --bots, hot-seat "bot:NAME"."""

from __future__ import annotations

import re

import pytest

from game.bots import BOTS, GreedyBot, RandomBot, make_bot
from game.cli import main
from game.scenario import resolve_scenario
from game.session.autoplay import autoplay, seat_bots
from game.session.game import Game
from game.session.hotseat import ORDERS, HotSeat, parse_seats

HASH = re.compile(r"Final state hash: ([0-9a-f]{64})")


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_make_bot_knows_random_and_greedy():
    assert set(BOTS) >= {"random", "greedy"}
    assert isinstance(make_bot("random", 1), RandomBot)
    assert isinstance(make_bot("greedy", 1), GreedyBot)
    with pytest.raises(ValueError, match="choose from greedy, novice, random, search"):
        make_bot("clever")


def test_seat_bots_per_role():
    game = Game.from_path(resolve_scenario("tutorial"), 4)
    bots = seat_bots(game, {"foreign": "greedy"})
    assert isinstance(bots["foreign"], GreedyBot) and isinstance(bots["defence"], RandomBot)
    assert all(isinstance(b, GreedyBot) for b in seat_bots(game, "greedy").values())


def test_autoplay_greedy_is_deterministic():
    a = autoplay(Game.from_path(resolve_scenario("tutorial"), 9), "greedy")
    b = autoplay(Game.from_path(resolve_scenario("tutorial"), 9), "greedy")
    assert a.state.over and a.hash == b.hash
    assert a.hash != autoplay(Game.from_path(resolve_scenario("tutorial"), 9), "random").hash


def test_cli_autoplay_bots(capsys):
    code, out = run(capsys, "autoplay", "tutorial", "--bots", "greedy", "--seed", "3", "--quiet")
    assert code == 0, out
    code, mixed = run(
        capsys, "autoplay", "tutorial", "--bots", "foreign=greedy,defence=random", "--seed", "3", "--quiet"
    )
    assert code == 0, mixed
    assert HASH.search(out).group(1) != HASH.search(mixed).group(1)
    game = autoplay(Game.from_path(resolve_scenario("tutorial"), 3), {"foreign": "greedy", "defence": "random"})
    assert HASH.search(mixed).group(1) == game.hash
    code, out = run(capsys, "autoplay", "tutorial", "--bots", "foreign=clever")
    assert code == 2 and "unknown bot 'clever'" in out


def test_hotseat_bot_name_from_seats():
    seats = parse_seats("foreign=Ana,defence=bot:greedy", ("foreign", "defence"))
    assert seats["defence"].bot == "greedy" and seats["foreign"].human
    assert parse_seats("defence=bot", ("foreign", "defence"))["defence"].bot == "greedy"
    assert parse_seats("defence=bot:random", ("foreign", "defence"))["defence"].bot == "random"
    with pytest.raises(ValueError, match="unknown bot 'clever'"):
        parse_seats("defence=bot:clever", ("foreign", "defence"))

    game = Game.from_path(resolve_scenario("tutorial"), 2)
    hs = HotSeat(game, seats)
    assert isinstance(hs.bots["defence"], GreedyBot) and "foreign" not in hs.bots
    while not game.state.over:
        if hs.step.kind == ORDERS:
            hs.submit(())
        else:
            hs.advance()
    defence_orders = [p for p in game.state.history if p.role == "defence"]
    assert defence_orders and not [p for p in game.state.history if p.role == "foreign"]
    # A save resumes with the same bot in the seat.
    resumed = HotSeat(Game.from_save(game.to_save()))
    assert isinstance(resumed.bots["defence"], GreedyBot)


def test_cli_play_rejects_an_unknown_bot_seat(capsys):
    code, out = run(capsys, "play", "tutorial", "--seats", "foreign=Ana,defence=bot:clever")
    assert code == 2
    assert "unknown bot 'clever'" in out
