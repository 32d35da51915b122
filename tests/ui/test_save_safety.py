"""Saves you can trust, on the board: damaged saves in the folder are listed as
damaged and never break the Load screen; a failing autosave is shown, and the
quit dialog says what is not saved instead of "everything is autosaved"."""

import errno
import json
import os

import pygame

from game.scenario import resolve_scenario
from game.session import save as save_module
from game.session.game import Game
from game.session.hotseat import parse_seats
from game.ui.run import build_app

from .driver import Driver


def seated_app():
    path = resolve_scenario("red_lines")
    roles = Game.from_path(path).scenario.role_ids
    app = build_app(scenario_path=path, seats=parse_seats("foreign=Ana,defence=Ben", roles))
    return app, Driver(app)


def to_orders(app, d):
    for _ in range(20):
        if d.screen_name == "OrdersScreen":
            return
        d.key(pygame.K_SPACE if d.screen_name in ("HandoverScreen", "NewsScreen") else pygame.K_RETURN)
    raise AssertionError("never reached the orders screen")


def confirm_no_orders(app, d):
    app.screen.confirm_orders()
    d.frame()
    while app.overlays:  # "confirm with no orders?"
        d.click_element(app.overlays[-1].yes)


def test_load_screen_lists_good_saves_and_marks_hostile_ones(data_dir):
    app, d = seated_app()
    to_orders(app, d)
    pygame.quit()
    saves = data_dir / "saves"
    good = sorted(saves.glob("autosave-*.json"))[-1]
    data = json.loads(good.read_text())
    (saves / "deep.json").write_text('{"format": "demarche-save", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}")
    (saves / "bigseed.json").write_text(json.dumps(data).replace(f'"seed": {data["seed"]}', '"seed": ' + "7" * 5000))
    data["actions"].append({"type": "note", "text": "\ud800"})
    (saves / "surrogate.json").write_text(json.dumps(data))  # ASCII JSON with a \ud800 escape

    for _ in range(2):  # every time it opens
        app = build_app()
        d = Driver(app)
        d.key(pygame.K_DOWN)
        d.key(pygame.K_RETURN)  # Load game
        assert d.screen_name == "LoadScreen"
        listing = d.text()
        assert "Red Lines, Open Channels" in listing and "Ana, Ben" in listing
        for name, reason in [
            ("deep.json", "nested deeper"),
            ("bigseed.json", "5000 digits"),
            ("surrogate.json", "lone surrogate"),
        ]:
            line = next(line for line in listing.splitlines() if line.startswith(f"{name}: cannot be loaded"))
            assert "damaged save" in line and reason in line, line
        good_count = sum(1 for s in app.screen.saves if not s.error)
        assert good_count == len(list(saves.glob("autosave-*.json")))
        pygame.quit()

    app = build_app()
    d = Driver(app)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)
    screen = app.screen
    bad = next(s for s in screen.saves if s.path.name == "deep.json")
    screen.choose(bad)
    assert not screen.load.is_enabled and not screen.replay.is_enabled
    d.key(pygame.K_RETURN)
    assert d.screen_name == "LoadScreen" and app.running
    d.shot("load_damaged_saves")


def test_play_load_of_a_hostile_save_by_name_says_damaged(data_dir, capsys):
    from game.cli import main

    saves = data_dir / "saves"
    saves.mkdir(parents=True)
    (saves / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    assert main(["play", "--load", "deep"]) == 1
    err = capsys.readouterr().err
    assert "damaged save: not a readable save" in err and "Traceback" not in err


def fail_writes(monkeypatch, err=errno.ENOSPC):
    def broken(path, text):
        raise OSError(err, os.strerror(err), str(path))

    monkeypatch.setattr(save_module, "write_atomic", broken)


def test_a_failing_autosave_shows_a_banner_and_the_quit_dialog_tells_the_truth(data_dir, monkeypatch):
    app, d = seated_app()
    to_orders(app, d)
    assert "Autosave failed" not in d.text()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    d.frame()
    assert "Everything confirmed so far is autosaved" in d.text(), "the normal case is unchanged"
    d.key(pygame.K_RETURN)  # stay

    fail_writes(monkeypatch)
    confirm_no_orders(app, d)  # Ana's orders: a phase, an autosave that fails
    to_orders(app, d)  # Ben's turn
    shown = d.text()
    assert "Autosave failed: No space left on device. 1 change not saved." in shown
    assert "Ctrl+S" in shown
    d.shot("autosave_failed_banner")

    pygame.event.post(pygame.event.Event(pygame.QUIT))  # the window's close button
    d.frame()
    dialog = d.text()
    assert "The last autosave failed (No space left on device). Your last 1 change is not saved." in dialog
    assert "Everything confirmed so far is autosaved" not in dialog
    d.shot("autosave_failed_quit")
    d.key(pygame.K_RETURN)  # stay

    d.key(pygame.K_ESCAPE)  # the game menu, with its Quit button
    menu = d.text()
    assert "Your game is autosaved after every phase." not in menu
    assert "The last autosave failed" in menu and "not saved" in menu
    d.key(pygame.K_ESCAPE)

    monkeypatch.undo()  # the disk has room again: the next phase saves everything
    confirm_no_orders(app, d)
    d.frame()
    assert "Autosave failed" not in d.text()


def test_a_read_only_saves_folder_from_the_start(data_dir, monkeypatch):
    fail_writes(monkeypatch, errno.EROFS)
    app, d = seated_app()
    assert "Autosave failed: Read-only file system" in d.text()
    to_orders(app, d)
    d.key(pygame.K_ESCAPE)
    assert "Nothing of this game is saved yet." in d.text() or "not saved" in d.text()


def test_ctrl_s_to_a_path_elsewhere_when_autosaving_fails(data_dir, tmp_path, monkeypatch):
    app, d = seated_app()
    to_orders(app, d)
    real = save_module.write_atomic
    elsewhere = tmp_path / "usb"

    def only_elsewhere(path, text):
        if str(path).startswith(str(elsewhere)):
            return real(path, text)
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(save_module, "write_atomic", only_elsewhere)
    confirm_no_orders(app, d)
    to_orders(app, d)
    assert "Autosave failed: Permission denied" in d.text()
    d.key(pygame.K_s, pygame.KMOD_CTRL)
    entry = app.overlays[-1].entry
    entry.set_text(str(elsewhere / "game"))
    d.key(pygame.K_RETURN)
    assert (elsewhere / "game.json").exists()
    assert Game.load(elsewhere / "game.json").hash == app.hotseat.game.hash
    assert "in the file you saved with Ctrl+S" in d.text()


def test_a_save_found_damaged_on_replay_is_marked_in_the_list(data_dir):
    app, d = seated_app()
    to_orders(app, d)
    pygame.quit()
    saves = data_dir / "saves"
    data = json.loads(sorted(saves.glob("autosave-*.json"))[-1].read_text())
    data["final_hash"] = "0" * 64
    (saves / "tampered.json").write_text(json.dumps(data))
    app = build_app()
    d = Driver(app)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)
    screen = app.screen
    screen.choose(next(s for s in screen.saves if s.path.name == "tampered.json"))
    screen.on_button(screen.load)
    d.frame()
    assert app.overlays and "cannot be loaded" in d.text()
    d.key(pygame.K_RETURN)  # OK
    assert not app.overlays
    listing = d.text()
    assert any(
        line.startswith("tampered.json: cannot be loaded (damaged save: replaying it gives state")
        for line in listing.splitlines()
    ), listing
    assert "Red Lines, Open Channels" in listing
