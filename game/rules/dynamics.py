"""Meters that settle, changes that shrink near a bound, instruments that tire, consequences that rest.

Without these a played-out position never wears off: a meter keeps every point
until it pins at a bound, an instrument works as well the fifth time as the
first, and a repeatable consequence pays out every round. Each mechanism is
off unless the scenario sets it (docs/format.md: ``[dynamics]``, a
consequence's ``cooldown`` and ``max_fires``, a crisis's ``recurs`` and
stages), and the tables the engine reads are built once per scenario
(``Scenario.derived``), so a scenario without them plays exactly as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Consequence, Crisis, Instrument, Meter, Scenario, start_values

if TYPE_CHECKING:  # the loader's lint reads drift_rows; the state classes are the engine's to load
    from .state import Change, CrisisState, Played


def drift_rows(scenario: Scenario) -> tuple[tuple[str, int, int], ...]:
    """(path, points per round, baseline) of every meter that drifts, in ``Scenario.meters`` order."""
    starts = start_values(scenario)
    return tuple(
        (path, m.drift, m.baseline if m.baseline is not None else starts[path])
        for path, m in scenario.meters.items()
        if m.drift > 0
    )


def drift(meters: dict[str, int], rows: tuple[tuple[str, int, int], ...]) -> list[Change]:
    """Move each drifting meter toward its baseline by its drift, never past it; the changes made."""
    from .state import Change  # loaded with the engine already

    changes = []
    for path, points, baseline in rows:
        before = meters[path]
        if before > baseline:
            after = max(baseline, before - points)
        elif before < baseline:
            after = min(baseline, before + points)
        else:
            continue
        meters[path] = after
        changes.append(Change(path, before, after))
    return changes


def uses_headroom(scenario: Scenario) -> bool:
    return any(m.headroom > 0 for m in scenario.meters.values())


def with_headroom(value: int | float, before: int, m: Meter) -> int | float:
    """``value`` (an amount to add) scaled by the room left in its direction (docs/format.md, Headroom)."""
    span = m.max - m.min
    if not value or span <= 0:
        return value
    used = (before - m.min) / span if value > 0 else (m.max - before) / span
    return value * (1 - m.headroom * min(1.0, max(0.0, used)))


def fatigue_factor(
    inst: Instrument, history: tuple[Played, ...], round: int, role: str, target: str | None, within: int
) -> float:
    """(1 - fatigue)^k: k earlier orders of ``inst`` on ``target`` (without targets: by ``role``) in the last
    ``within`` rounds before ``round``. ``history`` is in round order."""
    first = round - within
    k = 0
    for p in reversed(history):
        if p.round < first:
            break
        if p.round >= round or p.instrument != inst.id:
            continue
        if (p.target == target) if inst.targets else (p.role == role):
            k += 1
    return (1 - inst.fatigue) ** k


def limited(c: Consequence) -> bool:
    """Does ``c`` rest between fires, or stop after several? (``once`` alone is handled by the fired set.)"""
    return not c.once and (c.cooldown > 0 or c.max_fires is not None)


def resting(c: Consequence, fired: list[tuple[str, int]], round: int) -> bool:
    """Is ``c`` held back this round by its ``cooldown`` or ``max_fires``?"""
    count, last = 0, None
    for cid, r in fired:
        if cid == c.id:
            count += 1
            last = r
    if c.max_fires is not None and count >= c.max_fires:
        return True
    return last is not None and round <= last + c.cooldown


def may_break(crisis: Crisis, state: CrisisState | None) -> bool:
    """Can ``crisis`` break now: never broken, or ended with breaks to spare (``recurs``)?"""
    if state is None:
        return True
    return state.ended is not None and state.breaks <= crisis.recurs


def ongoing_effects(crisis: Crisis, state: CrisisState):
    """The ongoing effects of the stage ``state`` has reached (the crisis's own before any stage)."""
    return crisis.stages[state.stage - 1].ongoing if state.stage else crisis.ongoing
