"""What a seat can know of an order before it commits: the instrument's direct effects, as far as it sees.

A card's text is prose; the numbers used to appear only after resolution, so a
choice felt like a guess. ``foresee`` reads the instrument's own effects (and its
outcome table, as a range) and keeps only what the seat could check on its own
board afterwards: meters it sees, amounts that are fixed or computed from meters
it sees. It reads the seat's ``Observation``, never the state, so nothing here can
tell a seat of a hidden meter or of a consequence waiting to fire: those are not
the instrument's direct effects and stay out. Where the engine would shrink an
amount (headroom near a bound, fatigue from the seat's own repeated use) the
amount is scaled the same way and marked approximate, since other orders of the
round resolve first.
"""

from __future__ import annotations

import math

from attrs import frozen

from ..i18n import _
from . import dynamics
from .compiler import constant_value
from .evaluate import Context
from .model import Effect, Instrument, Scenario
from .observe import Observation, meter_visible

TARGET, SELF = "target.", "self."


@frozen
class Foreseen:
    """One meter an order moves, as the seat may know it: by ``low``..``high`` (equal when certain).

    ``path`` is the meter's path, or ``target.<meter>`` while no target is chosen. ``chance``: part
    of the amount depends on the instrument's outcome table. ``about``: headroom or fatigue scaled
    it from the values the seat sees now."""

    path: str
    label: str  # "Republic of Veyra: Trust in us", "the target's Trust in us"
    short: str  # the meter's own label: "Trust in us"
    op: str  # "add" | "set"
    low: int
    high: int
    chance: bool = False
    about: bool = False

    def amount(self) -> str:
        """ "+3", "−2", "+1 to +4", "set to 50": the figure a card shows."""
        if self.op == "set":
            if self.low != self.high:
                return _("set to {low}–{high}").format(low=self.low, high=self.high)
            return (_("set to about {value}") if self.about else _("set to {value}")).format(value=self.low)
        if self.low == self.high:
            # Translators: an amount the engine may shrink ("about +3").
            return _("about {amount}").format(amount=_signed(self.low)) if self.about else _signed(self.low)
        span = _("about {low} to {high}") if self.about else _("{low} to {high}")
        return span.format(low=_signed(self.low), high=_signed(self.high))


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else f"−{-n}" if n < 0 else "±0"


def _round(x: float) -> int:
    """The engine's rounding (half away from zero)."""
    return int(math.copysign(math.floor(abs(x) + 0.5), x))


def foresee(
    scenario: Scenario, obs: Observation, instrument_id: str, target: str | None = None
) -> tuple[Foreseen, ...]:
    """The direct effects of ``instrument_id`` ordered by ``obs.seat`` (on ``target``, if given) that
    the seat may know, in the instrument's effect order. An effect on a meter the seat cannot see,
    or whose amount reads something it cannot see, is left out: not even its existence is shown."""
    inst = scenario.instrument(instrument_id)
    seat = obs.seat
    targets = _targets(scenario, inst, target)
    rows: dict[tuple[str, str], list] = {}  # (path, op) -> [low, high, chance, about]
    for effect in inst.effects:
        path = _path(effect.path, target, seat)
        if path is None:
            continue
        if not _visible(scenario, path, seat, targets):
            continue
        span = _amount(effect, obs, target)
        if span is None:
            continue
        low, high = span
        # with no target chosen, the shrinking cannot be worked out: the amount is then "about"
        about = effect.op == "add" and path.startswith(TARGET) and _shrinks(scenario, inst, path, targets)
        if effect.op == "add" and path in scenario.meters and path in obs.meters:
            scaled_low = _scaled(scenario, obs, inst, path, target, low)
            scaled_high = _scaled(scenario, obs, inst, path, target, high)
            about = (scaled_low, scaled_high) != (low, high)
            low, high = scaled_low, scaled_high
        key = (path, effect.op)
        row = rows.get(key)
        if row is None or effect.op == "set":
            rows[key] = [low, high, False, about]
        else:
            row[0] += low
            row[1] += high
            row[3] = row[3] or about
    _widen_for_outcomes(rows, inst, target, seat, scenario, targets, obs)
    return tuple(
        Foreseen(path, _label(scenario, path), _short(scenario, path), op, min(lo, hi), max(lo, hi), chance, about)
        for (path, op), (lo, hi, chance, about) in rows.items()
        if op == "set" or lo or hi
    )


def _widen_for_outcomes(rows, inst: Instrument, target, seat, scenario, targets, obs: Observation) -> None:
    """An outcome table adds one entry's effects: each meter gains the least..most any entry adds
    (an entry that does not touch it adds nothing)."""
    if not inst.outcomes:
        return
    per_outcome: list[dict[str, tuple[int, int]]] = []
    for outcome in inst.outcomes:
        adds: dict[str, tuple[int, int]] = {}
        for e in outcome.effects:
            path = _path(e.path, target, seat)
            if path is None or e.op != "add" or not _visible(scenario, path, seat, targets):
                continue
            span = _amount(e, obs, target)
            if span is None:
                continue
            lo, hi = adds.get(path, (0, 0))
            adds[path] = (lo + span[0], hi + span[1])
        per_outcome.append(adds)
    for path in {p for adds in per_outcome for p in adds}:
        lows = [adds.get(path, (0, 0))[0] for adds in per_outcome]
        highs = [adds.get(path, (0, 0))[1] for adds in per_outcome]
        row = rows.setdefault((path, "add"), [0, 0, False, False])
        row[0] += min(lows)
        row[1] += max(highs)
        row[2] = True


def _shrinks(scenario: Scenario, inst: Instrument, path: str, targets: tuple[str, ...]) -> bool:
    """May the engine shrink an amount on ``target.<meter>`` (headroom on the meter, or fatigue)?"""
    rest = path[len(TARGET) :]
    return bool(inst.fatigue) or any(
        scenario.meters[f"{t}.{rest}"].headroom for t in targets if f"{t}.{rest}" in scenario.meters
    )


def _targets(scenario: Scenario, inst: Instrument, target: str | None) -> tuple[str, ...]:
    """The targets a ``target.`` effect may land on: the one chosen, else every actor of the kinds
    the instrument aims at (a generic card preview shows a meter only if it is seen on all of them)."""
    if target is not None:
        return (target,)
    kinds = set(inst.targets)
    return tuple(a.id for a in scenario.actors if a.kind in kinds) + tuple(
        r.id for r in scenario.roles if "role" in kinds
    )


def _path(path: str, target: str | None, seat: str) -> str | None:
    if path.startswith(SELF):
        return seat + "." + path[len(SELF) :]
    if path.startswith(TARGET) and target is not None:
        return target + "." + path[len(TARGET) :]
    return path


def _visible(scenario: Scenario, path: str, seat: str, targets: tuple[str, ...]) -> bool:
    if path.startswith(TARGET):
        rest = path[len(TARGET) :]
        paths = [f"{t}.{rest}" for t in targets]
        return bool(paths) and all(p in scenario.meters and _seen(scenario, p, seat) for p in paths)
    return path in scenario.meters and _seen(scenario, path, seat)


def _seen(scenario: Scenario, path: str, seat: str) -> bool:
    """Seen as a value (an estimated meter is seen as a band only: its amounts would narrow it)."""
    return meter_visible(scenario, path, seat) and not scenario.meters[path].estimate


def _amount(effect: Effect, obs: Observation, target: str | None) -> tuple[int, int] | None:
    """The amount's least and most, or None when it reads what the seat cannot see."""
    if effect.span is not None:
        return effect.span
    try:
        value = constant_value(effect.value.node)
    except LookupError:
        depends = effect.value.depends
        if any(kind not in ("meter", "round") for kind, _ in depends):
            return None  # it counts orders, deals or flags: not all of them are the seat's to know
        if any(kind == "meter" and key.startswith(TARGET) for kind, key in depends) and target is None:
            return None
        ctx = Context(obs.meters, obs.round, obs.rounds, target=target, self_role=obs.seat)
        try:
            value = effect.value.fn(ctx)
        except KeyError:  # a meter the seat does not see
            return None
    n = _round(value)
    return n, n


def _scaled(scenario: Scenario, obs: Observation, inst: Instrument, path: str, target, amount: int) -> int:
    """``amount`` as the engine would apply it now: shrunk by the seat's own recent uses (fatigue)
    and by the room left in the meter (headroom)."""
    value: float = amount
    if inst.fatigue:
        own = [
            e.cause.orders[0]
            for e in obs.events
            if e.kind == "order" and e.cause is not None and e.cause.role == obs.seat and e.cause.orders
        ]
        value *= dynamics.fatigue_factor(inst, tuple(own), obs.round, obs.seat, target, scenario.fatigue_within)
    meter = scenario.meters[path]
    if meter.headroom:
        value = dynamics.with_headroom(value, obs.meters[path], meter)
    return _round(value)


def _short(scenario: Scenario, path: str) -> str:
    if path.startswith(TARGET):
        rest = path[len(TARGET) :]
        return next((m.label for p, m in scenario.meters.items() if p.endswith("." + rest)), rest)
    return scenario.meters[path].label


def _label(scenario: Scenario, path: str) -> str:
    if path.startswith(TARGET):
        return _("the target's {meter}").format(meter=_short(scenario, path))
    return scenario.meter_label(path)
