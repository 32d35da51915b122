"""Short motion that shows what changed: meter bars slide from the old value to the new, and the
tokens of actors whose meters changed send out one ring.

"Old" is what the same seat last saw, or what everyone saw on a public screen if that was later:
a seat's turn opens with its own changes moving (its capital refilled), and news everyone has
just watched is not moved a second time. Each seat's memory is its own, and it is shown only on
that seat's screens, so motion never tells one seat what another saw.

All of it is short and skippable (``finish``: the app calls it on any key or click) and can be
turned off (``reduce``: the new values are drawn at once). Numbers are never animated, only
bars and rings: what a label says is always the value itself. The loop redraws while
``update`` says something moves and sleeps again as soon as nothing does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pygame

from . import palette

SLIDE = 0.4  # seconds a bar takes from its old value to the new
PULSE = 0.8  # seconds a token's ring takes to spread and fade
FIRST_STEP = 0.05  # the most the first frame after a start advances: a slow frame (a new screen) skips nothing


def ease(t: float) -> float:
    """Quick at first, settling gently (ease-out cubic), for ``t`` from 0 to 1."""
    t = max(0.0, min(1.0, t))
    return 1 - (1 - t) ** 3


@dataclass(slots=True)
class Slide:
    start: float
    end: float
    elapsed: float = 0.0

    def value(self) -> float:
        return self.start + (self.end - self.start) * ease(self.elapsed / SLIDE)


class Motion:
    def __init__(self, reduce: bool = False) -> None:
        self.reduce = reduce
        self.game: object | None = None  # whose values are remembered: a new game forgets the last
        self.seen: dict[str, dict[str, tuple[float, int]]] = {}  # viewer -> path -> (value, when seen)
        self.clock = 0  # counts calls to ``watch``: which memory is the newer
        self.slides: dict[str, Slide] = {}
        self.pulses: dict[str, float] = {}  # actor id -> seconds since its meters changed

    def watch(self, game: object, viewer: str, values: Mapping[str, object], also: tuple[str, ...] = ()) -> None:
        """``viewer`` is shown ``values`` now: start a slide for each one that changed since it last
        saw it, or since ``also`` (the public screen) showed it, whichever is later. Called each
        frame the board is drawn, before it draws."""
        if game is not self.game:
            self.game, self.seen = game, {}
            self.finish()
        self.clock += 1
        own = self.seen.setdefault(viewer, {})
        others = [self.seen[v] for v in also if v in self.seen and v != viewer]
        for path, value in values.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue  # an estimate's band has no one value to slide from
            before = own.get(path)
            for memory in others:
                seen = memory.get(path)
                if seen is not None and (before is None or seen[1] > before[1]):
                    before = seen
            if before is not None and before[0] != value and not self.reduce:
                self.slides[path] = Slide(self.value(path, before[0]), value)
                actor, dot, _ = path.partition(".")
                if dot:
                    self.pulses[actor] = 0.0
            own[path] = (value, self.clock)

    def value(self, path: str, end: float) -> float:
        """Where the bar of ``path`` (whose value is ``end``) is drawn now."""
        slide = self.slides.get(path)
        return end if slide is None else slide.value()

    def pulse(self, actor: str) -> float | None:
        """How far the ring of ``actor``'s token has spread (0 to 1), or None when it has none."""
        elapsed = self.pulses.get(actor)
        return None if elapsed is None else min(1.0, elapsed / PULSE)

    def draw_pulse(self, surface: pygame.Surface, actor: str, centre: tuple[int, int], radius: int) -> None:
        """The ring around a token whose meters just changed, under the token."""
        t = self.pulse(actor)
        if t is None:
            return
        spread = ease(t)
        colour = palette.mix(palette.YELLOW, palette.BOARD, t)
        pygame.draw.circle(surface, colour, centre, radius + 4 + int(18 * spread), 3)

    def update(self, dt: float) -> bool:
        """Advance everything moving by ``dt`` seconds; True while something still moves."""
        first = min(dt, FIRST_STEP)
        for path, slide in list(self.slides.items()):
            slide.elapsed += dt if slide.elapsed else first
            if slide.elapsed >= SLIDE:
                del self.slides[path]
        for actor in list(self.pulses):
            self.pulses[actor] += dt if self.pulses[actor] else first
            if self.pulses[actor] >= PULSE:
                del self.pulses[actor]
        return self.moving

    @property
    def moving(self) -> bool:
        return bool(self.slides or self.pulses)

    def finish(self) -> None:
        """Everything at its end at once (a key, a click, reduce motion turned on)."""
        self.slides.clear()
        self.pulses.clear()
