"""Preferences: they round-trip through their file, a damaged file gives the defaults, a launch
flag holds for that launch only, and the board starts with what was stored."""

import json

import pytest

from game.ui import preferences
from game.ui.feel import Feel
from game.ui.preferences import Preferences, load, remember, save


def test_preferences_round_trip_through_the_data_folder(data_dir):
    assert load() == Preferences()  # no file yet: the defaults (sound on, motion on)
    save(Preferences(mute=True, reduce_motion=True))
    assert preferences.path() == data_dir / "preferences.json"
    assert load() == Preferences(mute=True, reduce_motion=True)
    assert json.loads(preferences.path().read_text(encoding="utf-8")) == {"mute": True, "reduce_motion": True}
    assert [p.name for p in data_dir.iterdir()] == ["preferences.json"]  # written atomically: no temp file left


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[true, true]",
        b'"mute"',
        b'{"mute": "yes", "reduce_motion": 1}',  # not true or false: not understood
        b"",
    ],
)
def test_a_damaged_file_is_ignored_and_the_defaults_used(data_dir, content):
    data_dir.mkdir(parents=True, exist_ok=True)
    preferences.path().write_bytes(content)
    assert load() == Preferences()
    assert Feel().preferences == Preferences()  # and the board opens


def test_what_can_be_understood_is_kept_and_the_rest_ignored(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    preferences.path().write_text('{"mute": true, "reduce_motion": "on", "volume": 3}', encoding="utf-8")
    assert load() == Preferences(mute=True)


def test_remember_stores_one_preference_and_keeps_the_file_s_others(data_dir):
    save(Preferences(mute=True))
    assert remember("reduce_motion", True) == Preferences(mute=True, reduce_motion=True)
    assert load() == Preferences(mute=True, reduce_motion=True)
    with pytest.raises(KeyError):
        remember("volume", True)


def test_the_board_starts_with_the_stored_preferences(data_dir):
    save(Preferences(mute=True, reduce_motion=True))
    feel = Feel()
    assert feel.sounds.muted and feel.motion.reduce


def test_a_launch_flag_holds_for_that_launch_and_is_not_written_down(data_dir):
    feel = Feel(mute=True)
    assert feel.sounds.muted and not preferences.path().exists()
    feel.set("reduce_motion", True)  # changing another setting does not store the flag
    assert load() == Preferences(reduce_motion=True) and feel.sounds.muted and feel.motion.reduce
    assert Feel().preferences == Preferences(reduce_motion=True)  # the next launch, without the flag


def test_a_preference_that_cannot_be_written_still_applies_and_says_so(data_dir, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(preferences, "write_atomic", full)
    feel = Feel()
    said = feel.set("reduce_motion", True)
    assert feel.motion.reduce and "for this launch only" in said and "No space left" in said


def test_play_passes_mute_and_reduce_motion_to_the_window_only_when_given(monkeypatch, capsys):
    import game.ui.run as ui_run
    from game.cli import main

    calls = []
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setattr(ui_run, "run_app", lambda **kw: calls.append(kw) or 0)
    assert main(["play", "tutorial", "--mute", "--reduce-motion"]) == 0
    assert calls[-1]["mute"] is True and calls[-1]["reduce_motion"] is True
    assert main(["play", "tutorial"]) == 0
    assert "mute" not in calls[-1] and "reduce_motion" not in calls[-1]


def test_run_app_applies_the_flags_to_the_board(monkeypatch, data_dir):
    import game.ui.app as ui_app
    import game.ui.run as ui_run

    boards = []
    monkeypatch.setattr(ui_app.App, "run", lambda self: boards.append(self))
    assert ui_run.run_app(mute=True, reduce_motion=True) == 0
    (app,) = boards
    assert app.feel.sounds.muted and app.feel.motion.reduce and not preferences.path().exists()


def test_the_help_shows_both_settings_as_toggles_that_apply_and_are_remembered(data_dir):
    import pygame

    from game.ui.help import HelpOverlay
    from game.ui.run import build_app

    from .driver import Driver

    app = build_app()
    d = Driver(app)
    d.frame()
    d.key(pygame.K_F1)
    (help_,) = app.overlays
    assert isinstance(help_, HelpOverlay)
    assert [b.text for b in help_.toggles.values()] == ["Motion: on", "Sound: on (M)"]
    assert "Motion: on" in d.text() and "Sound: on (M)" in d.text()  # on screen
    d.click_element(help_.toggles["reduce_motion"])
    assert app.feel.motion.reduce and help_.toggles["reduce_motion"].text == "Motion: reduced"
    assert app.toast_text == ""  # the button says it: no toast over the help's top edge
    d.key(pygame.K_m)
    assert app.feel.sounds.muted and help_.toggles["mute"].text == "Sound: off (M)" and app.overlays == [help_]
    assert load() == Preferences(mute=True, reduce_motion=True)
    pygame.quit()
    again = build_app()
    Driver(again).key(pygame.K_F1)
    assert [b.text for b in again.overlays[0].toggles.values()] == ["Motion: reduced", "Sound: off (M)"]
