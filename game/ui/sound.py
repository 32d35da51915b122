"""Optional sounds: a chime when the computer is handed on, a low figure when a crisis breaks.

Sound helps and is never needed: every sound repeats something the screen says. Where there
is no audio device (a server, CI, a machine without a sound card) the mixer does not start and
every call does nothing, silently; ``muted`` silences it at once. The mixer is started at the
first sound rather than at launch, so a board that never makes a sound never opens the audio
device (which costs tens of milliseconds, and where there is none, ALSA writes its complaints
to the terminal: they are kept out of it).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

import pygame

from .. import resources

HANDOVER, CRISIS = "handover", "crisis"
NAMES = (HANDOVER, CRISIS)
VOLUME = 0.6

# Whether this process could start the mixer: tried once, since a failing start is slow and noisy.
_started: bool | None = None


def mixer_ready() -> bool:
    """True when sounds can play: the mixer is running, or could be started now."""
    global _started
    if _started is False:
        return False
    if _running():
        return True
    try:
        with _quiet_stderr():
            pygame.mixer.init(frequency=22_050, size=-16, channels=2, buffer=1024)
        _started = True
        return True
    except (pygame.error, NotImplementedError, OSError):  # no device, no driver, no SDL_mixer
        _started = False
        return False


@contextmanager
def _quiet_stderr():
    """Keep what the audio libraries print at start-up (ALSA's "cannot find card") off the terminal."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no file descriptor 2 (a GUI launcher): nothing to keep quiet
        yield
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class Sounds:
    """The board's few sounds. Each is read from its file when played (a few kilobytes, a few times
    a round): a sound loaded once would die with the mixer, which a new window may restart."""

    def __init__(self, muted: bool = False) -> None:
        self.muted = muted
        self.playing: dict[str, pygame.mixer.Sound] = {}  # held while they play

    def play(self, name: str) -> bool:
        """Play ``name`` (one of ``NAMES``); True if it is playing. Never raises for want of audio."""
        if self.muted or not mixer_ready():
            return False
        try:
            sound = pygame.mixer.Sound(str(resources.sounds_dir() / f"{name}.wav"))
            sound.set_volume(VOLUME)
            sound.play()
        except (pygame.error, OSError):  # a device that went away, a damaged install
            return False
        self.playing[name] = sound
        return True

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if muted and _running():
            pygame.mixer.stop()


def _running() -> bool:
    try:
        return pygame.mixer.get_init() is not None
    except NotImplementedError:  # pygame built without SDL_mixer
        return False
