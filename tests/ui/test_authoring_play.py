"""Authors at the board: F5 reloads an edited scenario into the running game;
--preview opens one role's first round at once."""

import shutil
from pathlib import Path

import pygame

from game.scenario import bundled_dir, load_scenario
from game.session.hotseat import parse_seats
from game.ui.run import build_app

from .driver import Driver


def copy_tutorial(tmp_path) -> Path:
    shutil.copytree(bundled_dir() / "library", tmp_path / "library")
    path = tmp_path / "tutorial.toml"
    shutil.copy(bundled_dir() / "tutorial.toml", path)
    return path


def to_orders(d):
    for _ in range(20):
        if d.screen_name == "OrdersScreen":
            return
        d.key(pygame.K_SPACE if d.screen_name in ("HandoverScreen", "NewsScreen") else pygame.K_RETURN)
    raise AssertionError("never reached the orders screen")


def test_f5_reloads_an_edited_scenario_and_keeps_the_game(tmp_path):
    path = copy_tutorial(tmp_path)
    scenario = load_scenario(path)
    app = build_app(scenario_path=path, seats=parse_seats("foreign=Ana,defence=Ben", scenario.role_ids), seed=2)
    d = Driver(app)
    to_orders(d)
    d.key(pygame.K_RETURN)  # Ana confirms nothing...
    d.key(pygame.K_RETURN)  # ...and says yes to "no orders?"
    before = app.hotseat.game.actions[:]
    text = path.read_text()
    path.write_text(text.replace('title = "Your First Démarche"', 'title = "Your First Démarche, revised"'))
    d.key(pygame.K_F5)
    assert app.hotseat.scenario.title == "Your First Démarche, revised"
    assert app.hotseat.game.actions == before, "the game goes on from where it was"
    assert "Reloaded" in d.text()
    assert "revised" in d.text() or d.screen_name == "HandoverScreen"


def test_f5_with_a_broken_file_shows_the_errors_and_changes_nothing(tmp_path):
    path = copy_tutorial(tmp_path)
    scenario = load_scenario(path)
    app = build_app(scenario_path=path, seats=parse_seats("foreign=Ana,defence=Ben", scenario.role_ids), seed=2)
    d = Driver(app)
    to_orders(d)
    game = app.hotseat.game
    path.write_text(path.read_text().replace("rounds = 4", "rounds = 4.5"))
    d.key(pygame.K_F5)
    assert app.hotseat.game is game
    assert app.overlays
    screen = d.text()
    assert "does not validate" in screen and "tutorial.toml:" in screen and "whole number" in screen
    d.shot("hot_reload_errors")
    d.key(pygame.K_RETURN)
    assert not app.overlays and d.screen_name == "OrdersScreen"


def test_f5_refuses_an_edit_the_game_no_longer_fits(tmp_path):
    path = copy_tutorial(tmp_path)
    scenario = load_scenario(path)
    app = build_app(scenario_path=path, seats=parse_seats("foreign=Ana,defence=Ben", scenario.role_ids), seed=2)
    d = Driver(app)
    to_orders(d)
    d.key(pygame.K_1)  # the Foreign Ministry's first card: the private démarche
    d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)  # confirm
    assert app.hotseat.game.actions[-1].orders[0].instrument == "private_demarche"
    game = app.hotseat.game
    text = path.read_text()
    assert 'instruments = ["private_demarche", ' in text
    path.write_text(text.replace('instruments = ["private_demarche", ', "instruments = [", 1))
    d.key(pygame.K_F5)
    assert app.hotseat.game is game
    assert "no longer fits the edited scenario" in d.text()


def test_preview_opens_the_roles_first_round_without_setup(tmp_path):
    path = copy_tutorial(tmp_path)
    app = build_app(scenario_path=path, preview="defence")
    d = Driver(app)
    assert d.screen_name == "OrdersScreen"
    assert app.hotseat.step.role == "defence"
    assert "Preview (Defence Ministry)" in d.text()
    d.shot("preview_defence")
    assert not (Path(__import__("os").environ["DEMARCHE_DATA_DIR"]) / "saves").exists(), "a preview saves nothing"
