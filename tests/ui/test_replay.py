"""The replay viewer: step round by round through a save, see the past board, branch a what-if game."""

import json

import pygame

from game.cli import main
from game.rules.observe import observe
from game.rules.state import FACILITATOR_SEAT, Submit
from game.scenario import resolve_scenario
from game.session.autoplay import autoplay, play_round, seat_bots
from game.session.branch import round_points, state_at
from game.session.game import Game
from game.session.hotseat import Seat, seats_to_meta
from game.session.slots import saves_dir
from game.ui.run import build_app

from .driver import Driver


def saved_game(name="parent", scenario="red_lines", seed=5):
    """A finished game, autoplayed, saved as if two people had played it."""
    game = Game.from_path(resolve_scenario(scenario), seed)
    a, b = game.scenario.role_ids[:2]
    seats = {r: Seat(r, "", "random") for r in game.scenario.role_ids}
    seats.update({a: Seat(a, "Ana"), b: Seat(b, "Ben")})
    game.meta["seats"] = seats_to_meta(seats)
    game.meta["title"] = game.scenario.title
    autoplay(game)
    path = saves_dir() / f"{name}.json"
    game.save(path)
    return game, path


def files():
    return sorted(p.name for p in saves_dir().glob("*.json"))


def assert_shows(d, game, index, heading):
    screen = d.app.screen
    n = round_points(game)[index]
    want = observe(game.scenario, state_at(game, n), FACILITATOR_SEAT)
    assert screen.index == index
    assert screen.obs.meters == want.meters  # the board draws these: every meter, hidden ones too
    assert screen.obs.round == want.round and screen.obs.active_crises == want.active_crises
    shown = d.text()
    assert heading in shown
    assert "Replay — everything is visible" in shown
    for m in game.scenario.global_meters:  # the situation column shows the past values
        assert str(want.meters[m.id]) in shown


def test_step_through_rounds_with_the_keys_then_branch_from_round_3(data_dir):
    game, path = saved_game()
    before = path.read_bytes()
    app = build_app(replay=path)
    d = Driver(app)
    assert d.screen_name == "ReplayScreen"
    rounds = game.state.round
    assert len(app.screen.points) == rounds + 1
    listing = files()
    assert_shows(d, game, 0, "Start of round 1 of 8")
    d.key(pygame.K_RIGHT)
    assert_shows(d, game, 1, "Start of round 2 of 8")
    assert "Round 1: orders and results" in d.text()
    d.key(pygame.K_RIGHT)
    assert_shows(d, game, 2, "Start of round 3 of 8")
    d.shot("replay_round_3")
    d.key(pygame.K_LEFT)
    assert_shows(d, game, 1, "Start of round 2 of 8")
    d.key(pygame.K_END)
    assert_shows(d, game, rounds, "The end of the game" if not game.state.outcome.lost else "The end: shared loss")
    assert "Final scores" in d.text() or "Shared loss" in d.text()
    assert not app.screen.branch.is_enabled and not app.screen.next.is_enabled
    d.shot("replay_end")
    d.key(pygame.K_RIGHT)  # past the end: stays
    assert app.screen.index == rounds
    d.key(pygame.K_HOME)
    assert_shows(d, game, 0, "Start of round 1 of 8")
    assert not app.screen.prev.is_enabled
    # buttons step too
    d.click_element(app.screen.next)
    d.click_element(app.screen.next)
    assert_shows(d, game, 2, "Start of round 3 of 8")
    assert files() == listing  # looking writes nothing

    d.click_element(app.screen.branch)
    assert d.screen_name in ("NewsScreen", "HandoverScreen")
    hs = app.hotseat
    parent = hs.game.meta["parent"]
    assert parent == {"file": "parent.json", "final_hash": game.hash, "round": 3, "actions": round_points(game)[2]}
    assert hs.state.round == 3 and hs.game.actions == game.actions[: round_points(game)[2]]
    new = [name for name in files() if name not in listing and "whatif" in name]
    assert len(new) == 1 and new[0].startswith("red_lines-whatif-r3-")
    assert new[0] in app.toast_text
    assert path.read_bytes() == before
    d.shot("replay_branched")
    # the what-if game plays on: the round's news, then the first seat's hand-over
    d.key(pygame.K_SPACE)
    d.key(pygame.K_SPACE)
    assert d.screen_name == "HandoverScreen" and app.hotseat.step.role == game.scenario.role_ids[0]


def test_load_screen_replay_button_opens_the_viewer_and_esc_returns(data_dir):
    game, path = saved_game("mine", "tutorial", 3)
    app = build_app()
    d = Driver(app)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)  # Load game
    assert d.screen_name == "LoadScreen"
    assert not app.screen.replay.is_enabled  # nothing chosen yet
    d.key(pygame.K_DOWN)  # choose the save
    assert app.screen.replay.is_enabled
    d.click_element(app.screen.replay)
    assert d.screen_name == "ReplayScreen" and app.screen.path == path
    d.shot("replay_tutorial_start")
    d.key(pygame.K_ESCAPE)
    assert d.screen_name == "LoadScreen" and app.running and app.hotseat is None


def test_small_window_keeps_the_controls_inside(data_dir):
    _, path = saved_game("small", "sanctions_coalition", 2)
    app = build_app(replay=path, size=(1024, 700))
    d = Driver(app)
    d.key(pygame.K_RIGHT)
    d.key(pygame.K_RIGHT)
    w, h = app.size
    for e in app.screen.elements:
        assert e.rect.left >= 0 and e.rect.top >= 0 and e.rect.right <= w and e.rect.bottom <= h, e
    d.shot("replay_1024x700")


def test_an_unfinished_save_ends_part_way_through_its_round(data_dir):
    game = Game.from_path(resolve_scenario("tutorial"), 6)
    bots = seat_bots(game, "random")
    play_round(game, bots)
    first = game.scenario.role_ids[0]
    game.do(Submit(first, bots[first].choose(game.scenario, game.state, first)))
    path = saves_dir() / "half.json"
    game.save(path)
    app = build_app(replay=path)
    d = Driver(app)
    assert [p.start for p in app.screen.points] == [True, True, False]
    d.key(pygame.K_RETURN)  # Enter presses the focused button: Next round
    assert app.screen.index == 1 and "Start of round 2 of 4" in d.text()
    assert app.screen.branch.is_enabled
    d.key(pygame.K_END)
    shown = d.text()
    assert "as far as it was played" in shown and "had confirmed" in shown and "Still to give orders" in shown
    assert not app.screen.branch.is_enabled
    assert app.screen.obs.meters == observe(game.scenario, game.state, FACILITATOR_SEAT).meters


def test_a_broken_save_goes_back_to_the_load_screen_with_the_reason(data_dir):
    _, path = saved_game("good")
    data = json.loads(path.read_text())
    data["final_hash"] = "0" * 64
    bad = saves_dir() / "tampered.json"
    bad.write_text(json.dumps(data))
    app = build_app(replay=bad)
    d = Driver(app)
    assert d.screen_name == "LoadScreen"
    assert "cannot be replayed" in d.text() and "altered or damaged" in d.text()


def test_cli_replay_refuses_a_bad_file(data_dir, capsys):
    assert main(["play", "--replay", str(data_dir / "nope.json")]) == 1
    assert "no such file" in capsys.readouterr().err
    bad = data_dir / "bad.json"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("{not json")
    assert main(["play", "--replay", str(bad)]) == 1
    assert "not a readable save" in capsys.readouterr().err
    assert main(["play", "tutorial", "--replay", str(bad)]) == 2
    assert main(["play", "--replay", "scenarios/tutorial.toml"]) == 1
    assert "is a scenario, not a save" in capsys.readouterr().err
