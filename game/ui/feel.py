"""How the board feels: its motion, its sounds, and the player's preferences for both.

The app owns one ``Feel``. It sees every event first: any key or click finishes what is moving,
at once (the key still does what it does). M turns the sound off and on, unless a text field
is being typed in. A change applies at once and is remembered for the next launch; a launch
flag (``demarche play --mute`` or ``--reduce-motion``) holds for that launch only.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from ..i18n import _
from . import preferences
from .motion import Motion
from .preferences import Preferences
from .sound import Sounds, mixer_ready

FINISHING = (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN)


class Feel:
    def __init__(self, prefs: Preferences | None = None, mute: bool = False, reduce_motion: bool = False) -> None:
        stored = preferences.load() if prefs is None else prefs
        self.preferences = replace(
            stored, mute=stored.mute or mute, reduce_motion=stored.reduce_motion or reduce_motion
        )
        self.motion = Motion(reduce=self.preferences.reduce_motion)
        self.sounds = Sounds(muted=self.preferences.mute)

    def play(self, name: str) -> None:
        self.sounds.play(name)

    def notice(self, event: pygame.event.Event) -> None:
        """Every event, before anything else sees it: input ends the motion under way."""
        if event.type in FINISHING and self.motion.moving:
            self.motion.finish()

    def set(self, name: str, value: bool) -> str:
        """Change one preference now and remember it; what happened, in words for a toast."""
        self.preferences = replace(self.preferences, **{name: value})
        self.sounds.set_muted(self.preferences.mute)
        self.motion.reduce = self.preferences.reduce_motion
        if self.motion.reduce:
            self.motion.finish()
        said = self.describe(name)
        try:
            preferences.remember(name, value)
        except OSError as e:
            said += " " + _("(for this launch only: it could not be remembered, {error})").format(error=e.strerror or e)
        return said

    def toggle(self, name: str) -> str:
        return self.set(name, not getattr(self.preferences, name))

    def describe(self, name: str) -> str:
        """The setting as the board states it ("Sound on", "Motion reduced"), and whether it can be heard."""
        if name == "mute" and not self.preferences.mute and not mixer_ready():
            return _("Sound on, but no audio device was found")
        return self.state_words(name)

    def state_words(self, name: str) -> str:
        """The setting alone, as its toggle's label says it too."""
        if name == "mute":
            return _("Sound off (M turns it on)") if self.preferences.mute else _("Sound on (M turns it off)")
        return _("Motion reduced: changes are shown at once") if self.preferences.reduce_motion else _("Motion on")

    def button_text(self, name: str) -> str:
        """The toggle's label: the setting as it is now."""
        if name == "mute":
            return _("Sound: off (M)") if self.preferences.mute else _("Sound: on (M)")
        return _("Motion: reduced") if self.preferences.reduce_motion else _("Motion: on")

    def key(self, event: pygame.event.Event, typing: bool) -> str | None:
        """M, when no text field has the keyboard: toggle the sound; the toast to show, or None."""
        plain = not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_m and plain and not typing:
            return self.toggle("mute")
        return None
