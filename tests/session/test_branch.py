"""What-if branches: round points, replaying a prefix, branching and saving without touching the parent."""

import re

import pytest

from game.rules.hashing import state_hash
from game.rules.observe import visible_events
from game.rules.state import PUBLIC_SEAT, Note, Resolve, Submit
from game.scenario import resolve_scenario
from game.session.autoplay import autoplay, play_round, seat_bots
from game.session.branch import branch, replay_points, round_points, round_start, save_branch, state_at
from game.session.game import Game
from game.session.hotseat import NEWS, HotSeat, Seat, seats_to_meta
from game.session.meta import ParentMeta
from game.session.save import read_save
from game.session.slots import list_saves, saves_dir


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """Saves go to a temporary folder, never the user's real one."""
    monkeypatch.setenv("DEMARCHE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def finished(scenario="red_lines", seed=5) -> Game:
    game = Game.from_path(resolve_scenario(scenario), seed)
    game.meta.seats = seats_to_meta({r: Seat(r, f"P{i}", None) for i, r in enumerate(game.scenario.role_ids)})
    game.meta.title = game.scenario.title
    return autoplay(game)


def played_to(scenario: str, seed: int, rounds: int) -> Game:
    """The same game as ``finished``, stopped after ``rounds`` rounds (the same bots, the same dice)."""
    game = Game.from_path(resolve_scenario(scenario), seed)
    bots = seat_bots(game, "random")
    for _ in range(rounds):
        play_round(game, bots)
    return game


def play_out_quietly(game: Game) -> Game:
    """Every seat gives no orders until the end: a different course from the bots'."""
    while not game.state.over:
        for role in game.scenario.role_ids:
            game.do(Submit(role, ()))
        game.do(Resolve())
    return game


@pytest.mark.parametrize("scenario", ["tutorial", "red_lines"])
def test_round_points_of_a_finished_game(scenario):
    game = finished(scenario)
    points = round_points(game)
    rounds_played = game.state.round
    assert len(points) == rounds_played + 1
    assert points[0] == 0 and points[-1] == len(game.actions)
    assert points == sorted(set(points))
    for n in points[1:]:
        assert isinstance(game.actions[n - 1], Resolve)  # each starts right after a Resolve
    for r, n in enumerate(points[:-1], 1):
        state = state_at(game, n)
        assert state.round == r and not state.submitted and not state.over
    assert state_at(game, points[-1]) == game.state
    # a save (not replayed) gives the same points
    assert round_points(game.to_save()) == points


def test_round_points_of_unfinished_games():
    game = played_to("red_lines", 5, 2)  # at the very start of round 3
    assert round_points(game) == [0, 5, 10]
    assert [p.start for p in replay_points(game)] == [True, True, True]
    role = game.scenario.role_ids[0]
    game.do(Submit(role, ()))  # round 3 part-way through: the end is a point of its own
    assert round_points(game) == [0, 5, 10, 11]
    assert replay_points(game)[-1].start is False and replay_points(game)[-1].round == 3
    with pytest.raises(ValueError, match="round 4 never started"):
        round_start(game, 4)


def test_branch_at_round_3_equals_the_parent_at_the_start_of_round_3():
    parent = finished("red_lines", 5)
    child = branch(parent, 3, "parent.json")
    start = round_points(parent)[2]
    assert child.actions == parent.actions[:start]
    assert child.hash == state_hash(state_at(parent, start))
    assert child.hash == played_to("red_lines", 5, 2).hash  # the same as stopping the original there
    assert child.state.round == 3 and not child.state.submitted
    assert child.meta.parent == ParentMeta("parent.json", parent.hash, 3, start)
    assert child.meta.seats == parent.meta.seats and child.meta.seats is not parent.meta.seats
    assert child.meta.title == parent.scenario.title
    assert child.seed == parent.seed and child.files == parent.files


def test_branch_at_round_1_starts_over_with_the_briefings():
    parent = finished("tutorial", 2)
    child = branch(parent, 1)
    assert child.actions == [] and child.state.round == 1
    assert child.meta.parent == ParentMeta("", parent.hash, 1, 0)
    assert child.hash == Game.from_path(resolve_scenario("tutorial"), 2).hash


def test_facilitator_actions_before_the_branch_point_are_kept_and_later_ones_dropped():
    game = Game.from_path(resolve_scenario("red_lines"), 9)
    bots = seat_bots(game, "random")
    play_round(game, bots)
    game.do(Note("round 2, before any orders"))
    play_round(game, bots)
    game.do(Note("round 3, before any orders"))  # after the start of round 3: not in a branch at 3
    play_round(game, bots)
    points = round_points(game)
    assert points == [0, 5, 11, 17]
    at3 = branch(game, 3)
    assert [a for a in at3.actions if isinstance(a, Note)] == [Note("round 2, before any orders")]
    at4 = branch(game, 4)
    assert [a.text for a in at4.actions if isinstance(a, Note)] == [
        "round 2, before any orders",
        "round 3, before any orders",
    ]
    assert at4.hash == game.hash


def test_saved_branch_loads_replays_and_continues_differently_without_touching_the_parent(data_dir):
    parent = finished("red_lines", 5)
    parent_path = saves_dir() / "parent.json"
    parent.save(parent_path)
    before = parent_path.read_bytes()
    mtime = parent_path.stat().st_mtime_ns

    path = save_branch(Game.load(parent_path), 3, parent_path)
    assert path.parent == saves_dir()
    assert re.fullmatch(r"red_lines-whatif-r3-\d{8}-\d{6}\.json", path.name)
    loaded = Game.load(path)  # replays and checks the hash
    assert loaded.hash == state_hash(state_at(parent, round_points(parent)[2]))
    assert loaded.meta.parent == ParentMeta("parent.json", parent.hash, 3, round_points(parent)[2])
    assert read_save(path).round == 3 and not read_save(path).over
    assert any(s.path == path for s in list_saves())

    play_out_quietly(loaded)
    assert loaded.state.over
    assert loaded.hash != parent.hash
    loaded.save(path)
    assert parent_path.read_bytes() == before and parent_path.stat().st_mtime_ns == mtime
    assert Game.load(parent_path).hash == parent.hash


def test_save_branch_never_overwrites(data_dir):
    parent = finished("tutorial", 4)
    first = save_branch(parent, 2)
    second = save_branch(parent, 2)
    assert first != second and first.exists() and second.exists()
    assert Game.load(first).hash == Game.load(second).hash


def test_a_branch_resumes_in_the_hot_seat_flow_with_the_news_that_opened_its_round():
    parent = finished("red_lines", 5)
    child = branch(parent, 3)
    hs = HotSeat(child)
    assert hs.step.kind == NEWS
    fresh = [e for e in hs.fresh_news() if e.kind != "round"]
    assert {e.round for e in fresh} <= {2, 3}
    start2 = state_at(parent, round_points(parent)[1])
    expected = visible_events(child.scenario, child.state.events[len(start2.events) :], PUBLIC_SEAT)
    assert [e for e in expected if e.kind != "round"] == fresh
    assert hs.earlier_news() == list(visible_events(child.scenario, start2.events, PUBLIC_SEAT))
    hs.advance()
    assert hs.step.role is not None  # the first human seat is asked for round 3's orders
