"""Policies on bots: how ``BOT:prefer=..:avoid=..`` is read, checked against a scenario, and where it is accepted."""

from __future__ import annotations

import pytest

from game.bots import BotNameError, Policy, make_bot, read_bot, split_seat
from game.cli import main
from game.scenario import load_scenario, resolve_scenario
from game.session.hotseat import parse_seats
from game.sim import BotSpecError, parse_bot_spec

TUTORIAL = load_scenario(resolve_scenario("tutorial"))


def test_a_policy_is_read_after_the_bots_name():
    assert read_bot("greedy") == ("greedy", Policy())
    assert read_bot("greedy:prefer=public+fact_finding:avoid=coercion") == (
        "greedy",
        Policy(("public", "fact_finding"), ("coercion",)),
    )
    assert read_bot(" random : avoid = private ") == ("random", Policy((), ("private",)))
    assert not Policy() and Policy(avoid=("x",))
    silent = read_bot("greedy:talks=no")[1]
    assert silent == Policy(talks=False) and silent and silent.text() == ":talks=no"
    assert read_bot("greedy:talks=yes")[1] == Policy()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("greedyy", "unknown bot 'greedyy'; choose from"),
        ("greedy:avoid", "a policy is prefer=A+B, avoid=C+D or talks=no"),
        ("greedy:talks=maybe", "talks is yes or no, not 'maybe'"),
        ("greedy:shun=private", "not 'shun=private'"),
        ("greedy:avoid=a:avoid=b", "avoid is given twice"),
        ("greedy:avoid=a++b", "joined by +"),
        ("greedy:prefer=public:avoid=public", "public is both preferred and avoided"),
    ],
)
def test_a_policy_that_cannot_be_read_says_why(text, says):
    with pytest.raises(BotNameError, match=None) as e:
        read_bot(text)
    assert says in str(e.value)


def test_items_must_name_an_instrument_category_or_signal_of_the_scenario():
    assert read_bot("greedy:avoid=private+public_statement", TUTORIAL)[1].avoid == ("private", "public_statement")
    with pytest.raises(BotNameError) as e:
        read_bot("greedy:avoid=privat", TUTORIAL)
    assert "'privat' is no instrument id, category or signal of tutorial (did you mean 'private'?)" in str(e.value)


def test_what_a_policy_matches():
    inst = TUTORIAL.instrument("public_statement")
    assert Policy(avoid=(inst.id,)).allows(inst) is False
    assert Policy(avoid=(inst.category,)).allows(inst) is False
    assert Policy(prefer=("public_pressure",)).prefers(inst) is True, "one of its signals"
    assert Policy(avoid=("private",)).allows(inst) is True
    assert Policy().prefers(inst) is False


def test_seats_and_mixes_split_at_the_right_equals_sign():
    assert split_seat("foreign=greedy:avoid=private") == ("foreign", "greedy:avoid=private")
    assert split_seat("greedy:avoid=private") == (None, "greedy:avoid=private")
    assert split_seat("greedy") == (None, "greedy")
    spec = parse_bot_spec("greedy,foreign=greedy:avoid=private", TUTORIAL.role_ids, TUTORIAL)
    assert spec.mix == ("greedy",) and spec.fixed == (("foreign", "greedy:avoid=private"),)
    assert parse_bot_spec("greedy:prefer=public", TUTORIAL.role_ids).mix == ("greedy:prefer=public",)
    with pytest.raises(BotSpecError, match="did you mean 'private'"):
        parse_bot_spec("foreign=greedy:avoid=privat", TUTORIAL.role_ids, TUTORIAL)
    seats = parse_seats("foreign=bot:greedy:avoid=private,defence=Ana", TUTORIAL.role_ids)
    assert seats["foreign"].bot == "greedy:avoid=private" and seats["defence"].bot is None
    with pytest.raises(ValueError, match="a policy is prefer"):
        parse_seats("foreign=bot:greedy:bad", TUTORIAL.role_ids)


def test_make_bot_gives_the_bot_its_policy():
    bot = make_bot("greedy:avoid=private", 3)
    assert bot.name == "greedy" and bot.policy == Policy((), ("private",))
    assert not make_bot("random", 3).policy


def test_the_command_line_refuses_a_bad_policy(capsys):
    assert main(["autoplay", "tutorial", "--bots", "foreign=greedy:avoid=privat", "--quiet"]) == 2
    said = capsys.readouterr()
    assert "did you mean 'private'" in said.out + said.err
    assert main(["simulate", "tutorial", "-n", "4", "--bots", "greedy:prefer=nothing_at_all", "--jobs", "1"]) == 2
    said = capsys.readouterr()
    assert "'nothing_at_all' is no instrument id" in said.out + said.err


# --------------------------------------------------------------------------- bots follow their policy


def _orders_over_games(bot_text: str, seeds=range(4), seat: str = "foreign"):
    from game.session.autoplay import autoplay
    from game.session.game import Game

    given = []
    for seed in seeds:
        game = Game(TUTORIAL, {}, "", seed)
        autoplay(game, {seat: bot_text})
        given += [p for p in game.state.history if p.role == seat]
    return given


@pytest.mark.parametrize("bot", ["random", "greedy", "novice", "search"])
def test_an_avoided_category_is_never_given(bot):
    plain = _orders_over_games(bot)
    favourite = max(sorted({p.category for p in plain}), key=lambda c: sum(p.category == c for p in plain))
    assert not any(p.category == favourite for p in _orders_over_games(f"{bot}:avoid={favourite}"))
    assert _orders_over_games(f"{bot}:avoid={favourite}"), "it still plays, with the rest of its hand"


@pytest.mark.parametrize("bot", ["random", "greedy", "novice", "search"])
def test_a_preferred_instrument_is_given_whenever_it_may_be(bot):
    """Prefer the instrument the bot gives least on its own: it is then given in every round it is legal."""
    from game.rules.orders import legal_orders, orders_problem
    from game.session.autoplay import play_round, seat_bots
    from game.session.game import Game

    plain = _orders_over_games(bot)
    hand = TUTORIAL.role("foreign").instruments
    rare = min(hand, key=lambda i: (sum(p.instrument == i for p in plain), hand.index(i)))
    legal_rounds = given_rounds = 0
    for seed in range(4):
        game = Game(TUTORIAL, {}, "", seed)
        bots = seat_bots(game, {"foreign": f"{bot}:prefer={rare}"})
        while not game.state.over:
            state = game.state
            legal = any(
                o.instrument == rare and orders_problem(TUTORIAL, state, "foreign", (o,)) is None
                for o in legal_orders(TUTORIAL, state, "foreign")
            )
            play_round(game, bots)
            gave = any(p.round == state.round and p.instrument == rare for p in game.state.history)
            legal_rounds += legal
            given_rounds += gave and legal
    assert legal_rounds > sum(p.instrument == rare for p in plain), "the policy changes what the bot does"
    assert given_rounds == legal_rounds
