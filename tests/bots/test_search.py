"""The search bot: deterministic for a seed, blind to what its seat cannot see, legal, within its
iteration budget, and seated everywhere a bot can be (autoplay, simulate, the hot-seat board)."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import attrs
import pytest

import game.bots.search as search_module
from game.bots import BOTS, SearchBot, make_bot
from game.bots.belief import believed_state, inferred_state
from game.bots.sampling import determinise, unseen_meters, unseen_push
from game.bots.search import _halving, _keep_up
from game.cli import main
from game.rules.engine import apply, new_game
from game.rules.observe import meter_visible, observe
from game.rules.orders import legal_orders, orders_problem
from game.rules.state import Order, Resolve, Submit
from game.scenario import load_scenario, load_scenario_with_files, resolve_scenario
from game.session.autoplay import autoplay
from game.session.game import Game
from game.session.hotseat import ORDERS, HotSeat, parse_seats
from game.sim import parse_bot_spec, play_game, run_games
from game.sim.runner import final_state

from .legal import play_checked_game
from .test_greedy import SCENARIOS, disguise, midgame

FAST = {"iterations": 8, "candidates": 4}  # the same algorithm on a smaller budget, for the slower checks

# The inference tests pin amounts of the Neutral Mandate as first bundled (diversion hidden from the
# Humanitarian Coordinator, its siege tax, the convoy rides): they read the frozen copy of that version.
OLD_NEUTRAL_MANDATE = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios" / "neutral_mandate.toml"


def test_search_is_a_named_bot():
    assert BOTS["search"] is SearchBot
    assert isinstance(make_bot("search", 3), SearchBot)
    with pytest.raises(ValueError):
        SearchBot(iterations=0)


@pytest.mark.parametrize("name", SCENARIOS)
def test_search_does_not_peek(name):
    """Two states that differ only in what a seat cannot see (hidden and facilitator meters,
    other roles' meters, another seat's orders this round and its private orders, pending
    consequences, the dice, events for others) give the same choice, round after round."""
    game = midgame(name)
    sc, real = game.scenario, game.state
    chose_something = False
    for k, role in enumerate(sc.roles[1:]):
        fake = disguise(sc, real, role.id)
        assert fake.meters != real.meters and fake.submitted != real.submitted
        assert observe(sc, fake, role.id) == observe(sc, real, role.id), "the disguise must be invisible to the seat"
        settings = {} if k == 0 else FAST  # the default budget once, the same algorithm smaller after
        a = SearchBot(seed=11, **settings).choose(sc, real, role.id)
        b = SearchBot(seed=11, **settings).choose(sc, fake, role.id)
        assert a == b
        chose_something |= bool(a)
        bot_a, bot_b = SearchBot(seed=5, **FAST), SearchBot(seed=5, **FAST)
        assert [bot_a.choose(sc, real, role.id) for _ in range(2)] == [
            bot_b.choose(sc, fake, role.id) for _ in range(2)
        ]
    assert chose_something


def test_search_decides_from_the_observation_alone():
    game = midgame("red_lines")
    sc, state = game.scenario, game.state
    for role in sc.role_ids[1:]:
        assert SearchBot(seed=2, **FAST).decide(sc, observe(sc, state, role)) == SearchBot(seed=2, **FAST).choose(
            sc, state, role
        )


def test_same_seed_same_choices_other_seed_other_worlds():
    game = midgame("sanctions_coalition", rounds=3)
    sc, state = game.scenario, game.state
    for role in sc.role_ids:
        a, b = SearchBot(seed=9, **FAST), SearchBot(seed=9, **FAST)
        assert [a.choose(sc, state, role) for _ in range(3)] == [b.choose(sc, state, role) for _ in range(3)]
    view = observe(sc, state, "norhavn")
    believed = believed_state(sc, view)
    r1, r2 = random.Random(1), random.Random(1)
    w1 = [determinise(sc, view, believed, r1) for _ in range(2)]
    w2 = [determinise(sc, view, believed, r2) for _ in range(2)]
    assert w1 == w2 and w1[0] != w1[1], "a seeded generator gives the same worlds, and different worlds in turn"


def test_determinisations_keep_what_the_seat_sees_and_sample_the_rest():
    game = midgame("red_lines", rounds=4)
    sc, state = game.scenario, game.state
    seat = "development"
    view = observe(sc, state, seat)
    believed = believed_state(sc, view)
    hidden = unseen_meters(sc, view)
    assert "promise_gap" in hidden and "foreign.capital" not in hidden and "development.capital" not in hidden
    assert all(not meter_visible(sc, p, seat) for p in hidden)
    rng = random.Random(4)
    worlds = [determinise(sc, view, believed, rng) for _ in range(30)]
    banded = set(view.bands)  # meters seen as an estimate are sampled inside the seat's band
    for w in worlds:
        assert {p: v for p, v in w.meters.items() if p not in hidden and p not in banded} == {
            p: v for p, v in believed.meters.items() if p not in hidden and p not in banded
        }
        assert all(view.bands[p][0] <= w.meters[p] <= view.bands[p][1] for p in banded)
        assert all(sc.meters[p].min <= w.meters[p] <= sc.meters[p].max for p in hidden)
        assert w.history == believed.history and w.events == view.events and w.pending == ()
    assert len({w.meters["abuses"] for w in worlds}) > 5, "unseen meters are sampled, not fixed"
    assert len({w.rng for w in worlds}) == 30
    # In round 1 nothing has moved yet: every unseen meter is at its start value.
    first = new_game(sc, 3)
    view1 = observe(sc, first, seat)
    b1 = believed_state(sc, view1)
    w1 = determinise(sc, view1, b1, random.Random(0)).meters
    assert {p: v for p, v in w1.items() if p not in view1.bands} == {
        p: v for p, v in b1.meters.items() if p not in view1.bands
    }


@pytest.mark.parametrize("budget", [1, 2, 5, 8, 24, 40])
def test_the_budget_counts_roll_outs(budget, monkeypatch):
    """At most ``iterations`` roll-outs per decision, and no clock is read to decide."""
    game = midgame("neutral_mandate", rounds=3)
    sc, state = game.scenario, game.state

    def no_clock():
        raise AssertionError("the search bot must not read the clock")

    for clock in ("time", "perf_counter", "monotonic", "process_time"):
        monkeypatch.setattr(time, clock, no_clock)
    bot = SearchBot(seed=1, iterations=budget)
    for role in sc.role_ids:
        orders = bot.choose(sc, state, role)
        assert orders_problem(sc, state, role, orders) is None
        assert 1 <= bot.last_iterations <= budget
    if budget >= 24:
        assert bot.last_iterations >= budget - bot.candidates, "the budget is spent, not left over"


def test_successive_halving_compares_on_the_same_worlds_and_keeps_the_budget():
    means = [0.0, 3.0, 1.0, 2.9, -1.0, 2.0]
    calls: list[tuple[int, int]] = []

    def play(i, j):
        calls.append((i, j))
        return means[i] + (0.5 if j % 2 else -0.5)  # world j shifts every arm alike

    best = _halving(len(means), 24, play)
    assert best == 1 and len(calls) <= 24
    worlds = {i: [j for a, j in calls if a == i] for i in range(len(means))}
    assert all(w == list(range(len(w))) for w in worlds.values()), "arm i is played in worlds 0, 1, 2, ..."
    assert len(worlds[1]) == max(len(w) for w in worlds.values()), "the winner was played the most"
    calls.clear()
    assert _halving(6, 3, play) == 1 and len(calls) == 3, "with fewer plays than arms, only the first arms are tried"
    calls.clear()
    assert _halving(3, 100, lambda i, j: 1.0) == 0, "ties go to the earlier arm"


def test_the_default_arm_stays_unless_another_is_clearly_better():
    """Arm 0 (the greedy choice) is played to the end; another replaces it only by more than ``floor``
    and more than ``caution`` standard errors of the paired differences."""
    played: set[int] = set()

    def play(means, noise):
        def f(i, j):
            if i == 0:
                played.add(j)
            return means[i] + (noise if (i + j) % 2 else -noise)

        return f

    means = [1.0, 0.0, 0.0, 0.0, 0.0, 1.1, 0.0, 0.0]
    assert _halving(8, 48, play(means, 0.0), caution=1.0, floor=0.25) == 0, "a gain below the floor is not taken"
    assert _halving(8, 48, play(means, 0.0)) == 5, "without a floor the better mean wins"
    assert _halving(8, 48, play([1.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0], 0.0), caution=1.0, floor=0.25) == 3
    played.clear()
    noisy = [1.0, 0.0, 0.0, 1.5, 0.0, 0.0, 0.0, 0.0]
    assert _halving(8, 48, play(noisy, 3.0), caution=1.0, floor=0.25) == 0, "a gain within the noise is not taken"
    assert len(played) >= 8, "the default arm was played in the finalists' worlds"
    # The default played two ways (arms 0 and 1): a rival must beat the better of them, not arm 0 alone.
    two_ways = [1.0, 2.0, 0.0, 2.1, 0.0, 0.0, 0.0, 0.0]
    assert _halving(8, 48, play(two_ways, 0.0), caution=1.0, floor=0.25, defaults=2) == 1
    assert _halving(8, 48, play(two_ways, 0.0), caution=1.0, floor=0.25) == 3
    calls: list[int] = []
    _halving(8, 48, lambda i, j: calls.append(i) or float(i == 5), duel=1 / 3)
    assert len(calls) == 48 and calls[-16:] == [0, 5] * 8, "the duel share plays the default and its best rival"


def test_inferred_state_moves_unseen_meters_by_what_the_seat_saw():
    """Another role's meter moves by the plain-number effects of that role's public orders, not by
    its private ones; and the inference reads the observation only (a disguise changes nothing)."""
    sc = load_scenario(OLD_NEUTRAL_MANDATE)
    state = new_game(sc, 5)
    orders = {
        "donor": (Order("branded_aid"),),  # public: self.standing + 6
        "force": (Order("dual_use_convoy"),),  # private: self.standing + 4, unseen by hc
    }
    for r in sc.roles:
        state, _ = apply(sc, state, Submit(r.id, orders.get(r.id, ())))
    state, _ = apply(sc, state, Resolve())
    view = observe(sc, state, "hc")
    believed, inferred = believed_state(sc, view), inferred_state(sc, view)
    assert believed.meters["donor.standing"] == 50 and inferred.meters["donor.standing"] == 56
    assert inferred.meters["force.standing"] == believed.meters["force.standing"] == 50
    assert {p: v for p, v in inferred.meters.items() if p in view.meters} == dict(view.meters)
    game = midgame("neutral_mandate", rounds=3)
    for role in game.scenario.role_ids[1:]:
        fake = disguise(game.scenario, game.state, role)
        assert inferred_state(game.scenario, observe(game.scenario, fake, role)) == inferred_state(
            game.scenario, observe(game.scenario, game.state, role)
        )


def test_inferred_state_follows_crises_and_the_seats_own_orders():
    """A public crisis moves an unseen meter by its effects when it breaks and its ongoing ones each
    round it goes on; the seat's own orders move unseen meters too, private ones included."""
    sc = load_scenario(OLD_NEUTRAL_MANDATE)
    state = new_game(sc, 5)
    for _ in range(3):  # the siege of Dalmar breaks in round 2; it taxes relief: diversion + 2 a round
        for r in sc.roles:
            state, _ = apply(sc, state, Submit(r.id, ()))
        state, _ = apply(sc, state, Resolve())
    view = observe(sc, state, "hc")
    assert "diversion" not in view.meters and state.meters["diversion"] == 14
    assert believed_state(sc, view).meters["diversion"] == 10
    assert inferred_state(sc, view).meters["diversion"] == state.meters["diversion"]
    state = new_game(sc, 5)
    orders = {"force": (Order("dual_use_convoy"),), "donor": (Order("peace_fund", "elders"),)}
    for r in sc.roles:  # the convoy ride is private (self.standing + 4); the peace fund pays out: diversion + 4
        state, _ = apply(sc, state, Submit(r.id, orders.get(r.id, ())))
    state, _ = apply(sc, state, Resolve())
    inferred = inferred_state(sc, observe(sc, state, "donor"))
    assert inferred.meters["diversion"] == state.meters["diversion"] == 14, "the seat's own order"
    assert inferred.meters["force.standing"] == 50 != state.meters["force.standing"], "another seat's private order"


def test_the_spread_of_an_unseen_meter_is_what_could_move_it_unseen():
    """A meter that only public moves and revealed consequences change is sampled at its inferred
    value; one another seat's private order moves spreads by that order's amount."""
    sc = load_scenario(OLD_NEUTRAL_MANDATE)
    pushes = unseen_push(sc, "hc")
    assert "diversion" not in pushes, "only audits, the siege and consequences revealed to hc move diversion"
    assert pushes["force.standing"] == 2.0, "the Force's private convoy rides, +4, half the time"
    state = new_game(sc, 5)
    for _ in range(4):
        for r in sc.roles:
            state, _ = apply(sc, state, Submit(r.id, (Order("dual_use_convoy"),) if r.id == "force" else ()))
        state, _ = apply(sc, state, Resolve())
    view = observe(sc, state, "hc")
    inferred = inferred_state(sc, view)
    rng = random.Random(3)
    worlds = [determinise(sc, view, inferred, rng) for _ in range(30)]
    assert {w.meters["diversion"] for w in worlds} == {inferred.meters["diversion"]}
    standing = [w.meters["force.standing"] for w in worlds]
    assert len(set(standing)) > 3 and max(abs(v - inferred.meters["force.standing"]) for v in standing) < 20


def test_keeping_up_a_course_repeats_what_is_still_legal():
    sc = load_scenario(resolve_scenario("red_lines"))
    state = new_game(sc, 2)
    plan = (Order("joint_statement", "council"), Order("coalition_consultation", "dalmara"))
    assert _keep_up(sc, state, "mission", plan, []) == plan
    for r in sc.roles:
        state, _ = apply(sc, state, Submit(r.id, plan if r.id == "mission" else ()))
    state, _ = apply(sc, state, Resolve())
    assert orders_problem(sc, state, "mission", plan) is not None, "the joint statement is cooling down"
    filler = (Order("coalition_consultation", "council"),)
    kept = _keep_up(sc, state, "mission", plan, [filler])
    assert kept == (Order("coalition_consultation", "dalmara"), filler[0])
    assert orders_problem(sc, state, "mission", kept) is None


def test_roll_outs_play_to_the_end_and_candidates_serve_single_objectives(monkeypatch):
    """In round 1, every roll-out reaches the end of the game (objectives are scored at the end),
    and among the candidates is one that pursues an objective the one-round yardstick passes over:
    consulting Dalmara, whose trust must reach 70 by the end."""
    sc = load_scenario(resolve_scenario("red_lines"))
    state = new_game(sc, 1000)
    ends: list[int] = []
    score = search_module._score

    def spy(heuristic, final, share):
        ends.append(final.round if final.outcome is None else sc.rounds + 1)
        return score(heuristic, final, share)

    monkeypatch.setattr(search_module, "_score", spy)
    bot = SearchBot(seed=1)
    bot.choose(sc, state, "mission")
    assert ends and all(r == sc.rounds + 1 for r in ends)
    greedy_choice = make_bot("greedy", 1).choose(sc, state, "mission")
    assert Order("coalition_consultation", "dalmara") not in greedy_choice
    assert any(Order("coalition_consultation", "dalmara") in c for c in bot.last_candidates[1:])
    ends.clear()
    SearchBot(seed=1, horizon=2).choose(sc, state, "mission")
    assert ends and all(r <= 3 for r in ends), "a horizon stops the roll-outs early"


def test_a_roll_out_that_reaches_the_end_is_worth_the_points_the_role_scored():
    """At the end of the game a roll-out is worth what the players and the benchmark count, the role's
    points (none after a shared loss), not the one-round yardstick, whose loss penalty is worth several
    games' points and whose closeness terms pay for objectives missed."""
    sc = load_scenario(resolve_scenario("red_lines"))
    final = final_state(sc, 3, ("greedy",) * len(sc.roles))
    assert final.outcome is not None and not final.outcome.lost
    heuristic = SearchBot().heuristic(sc, "defence")
    points = next(s.points for s in final.outcome.scores if s.role == "defence")
    assert search_module._score(heuristic, final, 1.0) == points != heuristic.score(final)
    scores = tuple(attrs.evolve(s, points=0) for s in final.outcome.scores)
    lost = attrs.evolve(final, outcome=attrs.evolve(final.outcome, lost=True, scores=scores))
    assert search_module._score(heuristic, lost, 1.0) == 0
    assert heuristic.score(lost) == -heuristic.lose_penalty


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=[] if i == 0 else [pytest.mark.slow]) for i, n in enumerate(SCENARIOS)]
)  # (the first scenario in the quick run, the others in the slow one)
def test_search_plays_whole_games_legally_via_autoplay(name):
    """One seat search, the others greedy: every submission is legal (the engine would refuse
    it) and the game ends; the same seed gives the same game."""
    path = resolve_scenario(name)
    sc = load_scenario(path)
    seat = [r.id for r in sc.roles if not r.optional][-1]  # an optional seat nobody names is left out
    seats = {r.id: ("search" if r.id == seat else "greedy") for r in sc.roles if not r.optional}
    game = autoplay(Game.from_path(path, 21), seats)
    assert game.state.over and (game.state.outcome.round == sc.rounds or game.state.outcome.lost)
    assert any(p.role == seat for p in game.state.history)
    if name == "tutorial":
        assert autoplay(Game.from_path(path, 21), seats).hash == game.hash


def test_all_search_seats_play_legal_orders():
    sc = load_scenario(resolve_scenario("tutorial"))
    play_checked_game(sc, {r.id: SearchBot(seed=i) for i, r in enumerate(sc.roles)}, 4)


def test_simulate_seats_search_by_role(capsys):
    sc, files, main_key = load_scenario_with_files(resolve_scenario("tutorial"))
    spec = parse_bot_spec("greedy,defence=search", sc.role_ids)
    records = run_games(files, main_key, 2, spec, 40, jobs=1)
    assert [r.bots for r in records] == [("greedy", "search")] * 2
    assert records[1] == play_game(sc, 1, 40, ("greedy", "search")), "a game of the run is that game on its own"
    code = main(
        ["simulate", "tutorial", "-n", "2", "--seed", "40", "--bots", "greedy,defence=search", "--json", "--jobs", "1"]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    report = json.loads(out.out)
    assert report["games"] == 2 and "search" in json.dumps(report["bots"])


def test_cli_autoplay_and_the_board_seat_search(capsys):
    assert main(["autoplay", "tutorial", "--bots", "search", "--seed", "2", "--quiet"]) == 0
    assert "Final state hash" in capsys.readouterr().out
    seats = parse_seats("foreign=Ana,defence=bot:search", ("foreign", "defence"))
    assert seats["defence"].bot == "search"
    game = Game.from_path(resolve_scenario("tutorial"), 2)
    hs = HotSeat(game, seats)
    assert isinstance(hs.bots["defence"], SearchBot)
    while not game.state.over:
        if hs.step.kind == ORDERS:
            hs.submit(())
        else:
            hs.advance()
    assert [p for p in game.state.history if p.role == "defence"]


def test_the_menus_continuation_is_blind_deterministic_and_legal():
    """Roll-outs whose later rounds re-choose every seat's orders in each world (``continuation="menus"``)
    keep the bot's guarantees: the same choice when only what the seat cannot see differs, the same
    choices for the same seed, legal orders for a whole game; an unknown continuation is refused."""
    with pytest.raises(ValueError, match="continuation"):
        SearchBot(continuation="oracle")
    game = midgame("red_lines")
    sc, real = game.scenario, game.state
    for role in sc.role_ids[1:3]:
        fake = disguise(sc, real, role)
        a, b = SearchBot(seed=4, continuation="menus", **FAST), SearchBot(seed=4, continuation="menus", **FAST)
        assert [a.choose(sc, real, role) for _ in range(2)] == [b.choose(sc, fake, role) for _ in range(2)]
    tutorial = load_scenario(resolve_scenario("tutorial"))
    play_checked_game(
        tutorial, {r.id: SearchBot(seed=i, continuation="menus") for i, r in enumerate(tutorial.roles)}, 4
    )


def test_each_seat_in_a_menus_roll_out_takes_the_best_of_its_menu_one_round_ahead():
    game = midgame("sanctions_coalition", rounds=2)
    sc, state = game.scenario, game.state
    heuristics = {r: SearchBot().heuristic(sc, r) for r in sc.role_ids}
    menus = {
        r: [(o,) for o in legal_orders(sc, state, r) if orders_problem(sc, state, r, (o,)) is None][:3]
        for r in sc.role_ids
    }
    chosen = search_module._menu_choices(sc, state, menus, heuristics)
    for r, orders in chosen.items():
        assert orders in menus[r] + [()] and orders_problem(sc, state, r, orders) is None

        def one_round(o, r=r):
            submitted = tuple((x, o if x == r else ()) for x in sc.role_ids)
            return heuristics[r].score(search_module.trial_resolved(sc, state, submitted, state.rng))

        assert one_round(orders) == max(one_round(o) for o in menus[r] + [()])
