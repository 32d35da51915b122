"""Sound: it plays where a mixer exists, does nothing (and never raises) where none does, stays
silent when muted; the hand-over and a breaking crisis sound; M mutes; the shipped files are
the ones the script makes, under CC0."""

import os
import struct
import subprocess
import sys
import wave
from pathlib import Path

import pygame
import pytest

from game import resources
from game.ui import sound
from game.ui.run import build_app
from game.ui.sound import CRISIS, HANDOVER, NAMES, Sounds

from .driver import Driver

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_mixer(monkeypatch):
    """No mixer yet, and no earlier verdict on whether one can start."""
    monkeypatch.setattr(sound, "_started", None)
    if pygame.mixer.get_init():
        pygame.mixer.quit()
    yield
    if pygame.mixer.get_init():
        pygame.mixer.quit()


def test_each_sound_plays_through_a_mixer(fresh_mixer):
    assert os.environ["SDL_AUDIODRIVER"] == "dummy"  # a device that plays into nothing, as on CI
    sounds = Sounds()
    for name in NAMES:
        assert sounds.play(name), name
    assert pygame.mixer.get_init() is not None


def test_without_an_audio_device_every_call_does_nothing_and_the_mixer_is_tried_once(fresh_mixer, monkeypatch):
    tries = []

    def no_device(*args, **kwargs):
        tries.append(1)
        raise pygame.error("ALSA: Couldn't open audio device: No such file or directory")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    sounds = Sounds()
    assert sounds.play(HANDOVER) is False and sounds.play(CRISIS) is False
    sounds.set_muted(True)
    sounds.set_muted(False)
    assert len(tries) == 1  # a failing start is slow: not tried again for every sound


def test_a_machine_without_a_sound_card_hears_nothing_and_its_terminal_reads_nothing():
    # ALSA with a device that exists nowhere: how a server or a CI runner without a sound card fails
    env = dict(os.environ, SDL_AUDIODRIVER="alsa", AUDIODEV="demarche_no_such_device", PYTHONPATH=str(ROOT))
    code = "from game.ui.sound import Sounds\ns = Sounds()\nprint(s.play('handover'), s.play('crisis'))\n"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.split() == ["False", "False"], out.stderr
    assert "ALSA" not in out.stderr and "audio" not in out.stderr.lower(), out.stderr


def test_muted_sounds_never_open_the_audio_device(fresh_mixer, monkeypatch):
    monkeypatch.setattr(pygame.mixer, "init", lambda *a, **k: pytest.fail("the mixer was started while muted"))
    sounds = Sounds(muted=True)
    assert sounds.play(HANDOVER) is False and sounds.play(CRISIS) is False


def test_a_missing_file_is_silence_not_a_crash(fresh_mixer, monkeypatch, tmp_path):
    monkeypatch.setattr(resources, "sounds_dir", lambda: tmp_path)
    assert Sounds().play(HANDOVER) is False


def played(monkeypatch) -> list[str]:
    heard: list[str] = []
    real = Sounds.play
    monkeypatch.setattr(Sounds, "play", lambda self, name: heard.append(name) if not self.muted else real(self, name))
    return heard


def test_the_handover_chimes_and_a_crisis_breaking_in_the_news_sounds_once(monkeypatch):
    from game.scenario import resolve_scenario
    from game.session.hotseat import parse_seats

    heard = played(monkeypatch)
    app = build_app(
        scenario_path=resolve_scenario("tutorial"), seats=parse_seats("foreign=Ana", ("foreign", "defence"))
    )
    d = Driver(app)
    d.frame()
    assert d.screen_name == "HandoverScreen" and heard == [HANDOVER]
    d.key(pygame.K_SPACE)  # to the private briefing: no sound
    d.key(pygame.K_RETURN)  # to round 1's news, whose crisis has not been shown yet
    assert d.screen_name == "NewsScreen" and heard == [HANDOVER]
    d.key(pygame.K_SPACE)  # show all: the crisis is on screen
    assert heard == [HANDOVER, CRISIS]
    d.frame(3)
    assert heard == [HANDOVER, CRISIS]


def test_m_mutes_and_unmutes_and_a_text_field_keeps_its_m(monkeypatch, data_dir):
    from game.ui.preferences import load

    heard = played(monkeypatch)
    app = build_app()
    d = Driver(app)
    d.frame()
    d.key(pygame.K_m, unicode="m")
    assert app.feel.sounds.muted and "Sound off" in app.toast_text
    assert load().mute is True  # remembered for the next launch
    d.key(pygame.K_m, unicode="m")
    assert not app.feel.sounds.muted and load().mute is False and heard == []
    from pygame_gui.elements import UITextEntryLine

    entry = UITextEntryLine(pygame.Rect(10, 10, 200, 36), app.manager)
    entry.focus()
    d.key(pygame.K_m, unicode="m")
    assert not app.feel.sounds.muted  # an m typed into a field is a letter


def samples(path: Path) -> tuple[int, ...]:
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22_050)
        return struct.unpack(f"<{w.getnframes()}h", w.readframes(w.getnframes()))


def test_the_shipped_sounds_are_what_the_script_makes_and_are_cc0(tmp_path):
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_sounds.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    for name in NAMES:
        shipped, made = samples(resources.sounds_dir() / f"{name}.wav"), samples(tmp_path / f"{name}.wav")
        assert len(shipped) == len(made) and 0.2 < len(shipped) / 22_050 < 1.5  # short
        assert max(abs(a - b) for a, b in zip(shipped, made, strict=True)) <= 1  # (a last bit may round otherwise)
        assert max(abs(v) for v in shipped) < 0.5 * 32767  # never loud
        assert shipped[0] == 0 and shipped[-1] == 0  # no click at either end
    licence = " ".join((resources.sounds_dir() / resources.SOUND_LICENCE).read_text(encoding="utf-8").split())
    assert "CC0 1.0 Universal" in licence and "original works" in licence
