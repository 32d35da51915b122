"""Weighted outcome tables and estimated meters: the chance a scenario asks for beyond ``chance =``.

Every draw comes from the game's generator (``game.rules.rng``) in a fixed order, so a game
replays; a scenario that uses none of these keys draws nothing here.

- ``[[instruments.outcomes]]`` / ``[[consequences.outcomes]]``: one entry drawn by weight.
- A meter with ``estimate = W``: at every briefing, one offset per (meter path, role that may see
  it) is drawn and kept in the state (``GameState.offsets``); ``band`` places the band a seat sees
  from it, so observing stays a pure function of the state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import rng as rnglib
from .model import Scenario, WeightedOutcome

if TYPE_CHECKING:  # the loader's lint reads this module; the state classes are the engine's to load
    from .state import GameState

OFFSET_BITS = 32  # an offset is a whole number in [0, 2**32): a share of the room the band has


def draw_outcome(state: int, outcomes: tuple[WeightedOutcome, ...]) -> tuple[int, int]:
    """(new generator state, index of the outcome drawn by weight)."""
    return rnglib.pick(state, tuple(o.weight for o in outcomes))


def all_effects(entry) -> tuple:
    """The effects of an instrument or consequence and of every one of its outcomes."""
    if not entry.outcomes:
        return entry.effects
    return entry.effects + tuple(e for o in entry.outcomes for e in o.effects)


def outcome_note(outcomes: tuple[WeightedOutcome, ...], index: int) -> str:
    """How a cause names the outcome that came up: "outcome 2 of 3: <its text>"."""
    text = " ".join(outcomes[index].text.split())
    return f"outcome {index + 1} of {len(outcomes)}" + (f": {text}" if text else "")


def watchers(scenario: Scenario) -> tuple[tuple[str, str], ...]:
    """(path, role) of every estimated meter and each role that may see it, in meter then role order:
    the order offsets are drawn in. Empty for a scenario without ``estimate``."""
    from .observe import meter_visible  # observe places bands with ``band`` below

    out: list[tuple[str, str]] = []
    for path, meter in scenario.meters.items():
        if meter.estimate > 0:
            out.extend((path, r.id) for r in scenario.roles if meter_visible(scenario, path, r.id))
    return tuple(out)


def draw_offsets(scenario: Scenario, state: int) -> tuple[int, tuple[tuple[str, str, int], ...]]:
    """(new generator state, a fresh offset for every (path, role) of ``watchers``)."""
    out = []
    for path, role in scenario.derived(watchers):
        state, x = rnglib.next_float(state)
        out.append((path, role, int(x * (1 << OFFSET_BITS))))
    return state, tuple(out)


def offsets_drawn(state: int, scenario: Scenario) -> tuple[int, tuple[tuple[str, str, int], ...]]:
    """``draw_offsets`` with the generator first, as every draw of ``game.rules.rng`` takes it."""
    return draw_offsets(scenario, state)


def width(scenario: Scenario, state: GameState, path: str, role: str) -> int:
    """The band's width for ``role``: the meter's ``estimate`` less the role's ``sharpened_by`` meter."""
    meter = scenario.meters[path]
    if not meter.sharpened_by:
        return meter.estimate
    return max(0, meter.estimate - state.meters.get(f"{role}.{meter.sharpened_by}", 0))


def band(scenario: Scenario, state: GameState, path: str, role: str) -> tuple[int, int] | None:
    """The band [lo, hi] ``role`` sees of the estimated meter at ``path``; None when its width is 0
    (it sees the value).

    The band has the full width and stays inside the meter's range, so its edges never give the
    value away (a band cut at the range's end would show a value at the end exactly); where it may
    lie, it lies by the offset drawn at the briefing.
    """
    w = width(scenario, state, path, role)
    if w <= 0:
        return None
    meter = scenario.meters[path]
    if meter.max - meter.min <= w:
        return meter.min, meter.max
    value = state.meters[path]
    low, high = max(meter.min, value - w), min(value, meter.max - w)  # where the band's lower edge may be
    offset = _offset(state, path, role)
    lo = low + ((offset * (high - low + 1)) >> OFFSET_BITS)
    return lo, lo + w


def _offset(state: GameState, path: str, role: str) -> int:
    for p, r, offset in state.offsets:
        if p == path and r == role:
            return offset
    return 1 << (OFFSET_BITS - 1)  # none drawn (a state made by hand): the middle
