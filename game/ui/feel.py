"""How the board feels: its motion, its sounds, its text size and contrast, and the player's preferences.

The app owns one ``Feel``. It sees every event first: any key or click finishes what is moving,
at once (the key still does what it does). M turns the sound off and on, C high contrast, unless
a text field is being typed in; Ctrl+Plus and Ctrl+Minus make the text bigger and smaller. A
change applies at once and is remembered for the next launch (the app lays its screens out
anew for a new look: ``App.restyle``); a launch flag (``demarche play --mute``,
``--reduce-motion``, ``--text-size N``, ``--high-contrast``) holds for that launch only.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pygame

from ..i18n import _
from . import look, preferences
from .motion import Motion
from .preferences import Preferences
from .sound import Sounds, mixer_ready

FINISHING = (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN)


class Feel:
    def __init__(
        self,
        prefs: Preferences | None = None,
        mute: bool = False,
        reduce_motion: bool = False,
        text_size: int | None = None,
        high_contrast: bool = False,
    ) -> None:
        stored = preferences.load() if prefs is None else prefs
        self.preferences = replace(
            stored,
            mute=stored.mute or mute,
            reduce_motion=stored.reduce_motion or reduce_motion,
            text_size=text_size if text_size is not None and look.valid(text_size) else stored.text_size,
            high_contrast=stored.high_contrast or high_contrast,
        )
        self.motion = Motion(reduce=self.preferences.reduce_motion)
        self.sounds = Sounds(muted=self.preferences.mute)

    def play(self, name: str) -> None:
        self.sounds.play(name)

    def notice(self, event: pygame.event.Event) -> None:
        """Every event, before anything else sees it: input ends the motion under way."""
        if event.type in FINISHING and self.motion.moving:
            self.motion.finish()

    def set(self, name: str, value: bool | int) -> str:
        """Change one preference now and remember it; what happened, in words for a toast."""
        change: dict[str, Any] = {name: value}
        self.preferences = replace(self.preferences, **change)
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
        """Turn a setting over; the text size goes to the next size up, back to 100% after 200%."""
        if name == "text_size":
            return self.set(name, look.cycled(self.preferences.text_size))
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
        if name == "text_size":
            shown = look.percent()
            if shown < self.preferences.text_size:  # a small window: the size chosen waits for a larger one
                return _("Text size {percent}%: this window has room for {shown}%, a larger one for more").format(
                    percent=self.preferences.text_size, shown=shown
                )
            return _("Text size {percent}% (Ctrl+Plus, Ctrl+Minus)").format(percent=self.preferences.text_size)
        if name == "high_contrast":
            if self.preferences.high_contrast:
                return _("High contrast on (C turns it off)")
            return _("High contrast off (C turns it on)")
        return _("Motion reduced: changes are shown at once") if self.preferences.reduce_motion else _("Motion on")

    def button_text(self, name: str) -> str:
        """The toggle's label: the setting as it is now."""
        if name == "mute":
            return _("Sound: off (M)") if self.preferences.mute else _("Sound: on (M)")
        if name == "text_size":
            shown = look.percent()
            if shown < self.preferences.text_size:
                return _("Text: {percent}% ({shown}% here)").format(percent=self.preferences.text_size, shown=shown)
            return _("Text: {percent}%").format(percent=self.preferences.text_size)
        if name == "high_contrast":
            return _("Contrast: high (C)") if self.preferences.high_contrast else _("Contrast: normal (C)")
        return _("Motion: reduced") if self.preferences.reduce_motion else _("Motion: on")

    def key(self, event: pygame.event.Event, typing: bool) -> str | None:
        """M, when no text field has the keyboard: toggle the sound; C: high contrast; Ctrl+Plus,
        Ctrl+Minus: the text bigger, smaller. The toast to show, or None."""
        if event.type != pygame.KEYDOWN:
            return None
        ctrl = event.mod & pygame.KMOD_CTRL and not event.mod & (pygame.KMOD_ALT | pygame.KMOD_META)
        if ctrl and event.key in BIGGER + SMALLER:
            by = 1 if event.key in BIGGER else -1
            size = look.step(self.preferences.text_size, by)
            return self.set("text_size", size) if size != self.preferences.text_size else self.describe("text_size")
        plain = not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META)
        if event.key == pygame.K_m and plain and not typing:
            return self.toggle("mute")
        if event.key == pygame.K_c and plain and not typing:
            return self.toggle("high_contrast")
        return None


BIGGER = (pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS)  # Ctrl+= is Ctrl++ on most keyboards
SMALLER = (pygame.K_MINUS, pygame.K_KP_MINUS)
