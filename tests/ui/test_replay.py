"""The replay viewer: step round by round through a save, see the past board, branch a what-if game."""

import json

import pygame
import pytest

from game.cli import main
from game.rules.observe import observe
from game.rules.state import FACILITATOR_SEAT, Submit
from game.scenario import resolve_scenario
from game.session import control
from game.session.autoplay import autoplay, play_round, seat_bots
from game.session.branch import round_points, state_at
from game.session.game import Game
from game.session.hotseat import Seat, seats_to_meta
from game.session.meta import ParentMeta
from game.session.slots import saves_dir
from game.ui.run import build_app
from game.ui.screens.facilitator import PinOverlay

from .driver import Driver

PIN = "2468"


def saved_game(name="parent", scenario="red_lines", seed=5):
    """A finished game, autoplayed, saved as if two people had played it."""
    game = Game.from_path(resolve_scenario(scenario), seed)
    a, b = game.scenario.role_ids[:2]
    seats = {r: Seat(r, "", "random") for r in game.scenario.role_ids}
    seats.update({a: Seat(a, "Ana"), b: Seat(b, "Ben")})
    game.meta.seats = seats_to_meta(seats)
    game.meta.title = game.scenario.title
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
    parent = hs.game.meta.parent
    assert parent == ParentMeta("parent.json", game.hash, 3, round_points(game)[2])
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


def half_played(pin=PIN, name="half"):
    """A tutorial game saved part-way through round 2 (with a facilitator PIN unless ``pin`` is None)."""
    game = Game.from_path(resolve_scenario("tutorial"), 6)
    if pin is not None:
        control.set_pin(game, pin)
    bots = seat_bots(game, "random")
    play_round(game, bots)
    first = game.scenario.role_ids[0]
    game.do(Submit(first, bots[first].choose(game.scenario, game.state, first)))
    path = saves_dir() / f"{name}.json"
    game.save(path)
    return game, path


def enter_pin(d, pin):
    overlay = d.app.overlays[-1]
    assert isinstance(overlay, PinOverlay), d.app.overlays
    overlay.entry.focus()
    overlay.entry.set_text(pin)
    d.frame()
    d.key(pygame.K_RETURN)


def test_an_unfinished_save_ends_part_way_through_its_round(data_dir):
    game, path = half_played()
    app = build_app(replay=path)
    d = Driver(app)
    assert d.screen_name == "LoadScreen"  # an unfinished game: the PIN first
    enter_pin(d, PIN)
    assert d.screen_name == "ReplayScreen"
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


def choose_on_load_screen(d, path):
    """From the title screen: Load game, then the save at ``path`` in the list."""
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)  # Load game
    assert d.screen_name == "LoadScreen"
    for _ in range(len(d.app.screen.saves)):
        d.key(pygame.K_DOWN)
        if d.app.screen.choice.path == path:
            return
    raise AssertionError(f"{path.name} is not on the Load screen")


def test_replay_of_an_unfinished_game_asks_the_pin_and_refuses_a_wrong_one(data_dir):
    game, path = half_played()
    secret = next(
        e.text for e in game.state.events if e.kind == "order" and e.cause and e.cause.role == game.scenario.role_ids[1]
    )
    app = build_app()
    d = Driver(app)
    choose_on_load_screen(d, path)
    d.click_element(app.screen.replay)
    assert d.screen_name == "LoadScreen" and isinstance(app.overlays[-1], PinOverlay)
    assert "the game is not finished" in d.text()
    enter_pin(d, "0000")
    assert d.screen_name == "LoadScreen" and isinstance(app.overlays[-1], PinOverlay)
    assert "not the facilitator's PIN" in d.text() and secret not in d.text()
    d.click_element(app.overlays[-1].cancel)  # Cancel closes the dialog and shows nothing
    assert d.screen_name == "LoadScreen" and not app.overlays
    d.click_element(app.screen.replay)
    enter_pin(d, PIN)
    assert d.screen_name == "ReplayScreen" and app.screen.path == path
    d.key(pygame.K_END)
    assert "had confirmed" in d.text()  # with the PIN, everything


def test_replay_of_an_unfinished_game_without_facilitator_is_refused(data_dir, capsys, monkeypatch):
    game, path = half_played(pin=None, name="nofac")
    app = build_app()
    d = Driver(app)
    choose_on_load_screen(d, path)
    d.click_element(app.screen.replay)
    shown = d.text()
    assert d.screen_name == "LoadScreen" and not any(isinstance(o, PinOverlay) for o in app.overlays)
    assert "cannot be replayed yet" in shown and "has no facilitator" in shown and "Load it to carry on" in shown
    d.key(pygame.K_RETURN)  # OK; the save still loads to carry on playing
    d.click_element(app.screen.load)
    assert d.screen_name in ("NewsScreen", "HandoverScreen") and app.hotseat.game.actions == game.actions
    # From the command line: refused before any window opens.
    import game.ui.run as ui_run

    monkeypatch.setattr(ui_run, "run_app", lambda **kw: pytest.fail("no window for a refused replay"))
    assert main(["play", "--replay", str(path)]) == 1
    err = capsys.readouterr().err
    assert "not finished" in err and "no facilitator" in err and "--role ROLE" in err and "--load" in err


def test_cli_replay_of_an_unfinished_game_with_a_pin_opens_the_board(data_dir, monkeypatch):
    _, path = half_played()
    import game.ui.run as ui_run

    calls = []
    monkeypatch.setattr(ui_run, "run_app", lambda **kw: calls.append(kw) or 0)
    assert main(["play", "--replay", str(path)]) == 0
    assert calls == [{"replay": path}]  # the board asks for the PIN (above)


def test_a_what_if_of_a_facilitated_game_keeps_its_pin(data_dir):
    game, path = half_played()
    app = build_app(replay=path)
    d = Driver(app)
    enter_pin(d, PIN)
    d.key(pygame.K_RIGHT)  # the start of round 2
    d.click_element(app.screen.branch)
    child = app.hotseat.game
    assert child.meta.parent is not None and child.meta.parent.file == path.name
    assert control.check_pin(child, PIN) and not control.check_pin(child, "0000")
