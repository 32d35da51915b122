"""What a scenario's own rules can ever do: meter ranges, usable instruments, live rules.

The lint (``game.scenario.lint``) needs, for every meter path, the range of
values it can reach, and for every consequence, crisis and instrument whether
it can ever fire, break or be used. ``reach`` works these out together, in a
few rounds of narrowing, each sound given the one before:

1. A meter that no effect can change stays at its start value. One that only
   rises (every amount that can move it is positive) stays between its start
   (or the lowest value an ``=`` effect sets) and its max; one that only falls,
   between its min and its start; otherwise it may take any value from min to
   max. Role meters with ``refill`` are set to the refill each round; an
   instrument's ``cost`` lowers ``capital``.
2. With those ranges, conditions are evaluated over intervals
   (``game.scenario.intervals``). A consequence whose ``when`` can never hold
   never fires, so its effects change nothing; a crisis that can never break
   likewise; an instrument whose ``requires`` fails for every target, or that
   costs more than a role can ever hold, is never used by that role.
3. Removing those effects may narrow the ranges further: repeat until nothing
   changes.

Only the scenario's own rules are counted: a facilitator's adjustments and
overrides can move any meter, and are not.
"""

from __future__ import annotations

import math

from game.rules import nodes as N
from game.rules.chance import all_effects
from game.rules.dynamics import drift_rows
from game.rules.model import CAPITAL, ROLE_TARGET, Expr, Instrument, Scenario, start_values

from ..i18n import _
from .intervals import INF, Num, Truth, analyse, fmt
from .records import MutableRecord

ROUNDS_OF_NARROWING = 12


def _round_half_away(x: float) -> float:
    if x in (INF, -INF):
        return x
    return float(int(x + 0.5) if x >= 0 else -int(-x + 0.5))


class Writer(MutableRecord):
    """One way a meter path can change: an effect, a cost or a refill (``value`` None: ``amount`` is fixed)."""

    __slots__ = ("op", "value", "amount", "target", "role")

    def __init__(
        self,
        op: str,  # "add" | "set"
        value: Expr | None = None,
        amount: float = 0,
        target: str | None = None,
        role: str | None = None,
    ) -> None:
        self.op = op
        self.value = value
        self.amount = amount
        self.target = target
        self.role = role


class Reach(MutableRecord):
    """What can happen in a scenario (see the module docstring).

    ``pairs``: (role, instrument) usable -> the targets it may take; ``writers``: before any narrowing;
    ``truths``: (source, target, role) -> its Truth here (not compared, not in the repr).
    """

    __slots__ = ("sc", "ranges", "pairs", "live_consequences", "live_crises", "writers", "truths", "usable", "counts")
    _uncompared = ("truths", "usable", "counts")

    def __init__(
        self,
        sc: Scenario,
        ranges: dict[str, Num],
        pairs: dict[tuple[str, str], tuple[str, ...]],
        live_consequences: set[str],
        live_crises: set[str],
        writers: dict[str, list[Writer]] | None = None,
        truths: dict | None = None,
    ) -> None:
        self.sc = sc
        self.ranges = ranges
        self.pairs = pairs
        self.live_consequences = live_consequences
        self.live_crises = live_crises
        self.writers: dict[str, list[Writer]] = {} if writers is None else writers
        self.truths: dict = {} if truths is None else truths
        self.usable: dict[str, list[tuple[Instrument, tuple[str, ...]]]] | None = None  # see ``held``
        self.counts: dict[tuple, Num] = {}  # see ``ScenarioEnv.used``

    def env(self, target: str | None = None, role: str | None = None) -> ScenarioEnv:
        return ScenarioEnv(self, target, role)

    def truth(self, expr: Expr, target: str | None = None, role: str | None = None) -> Truth:
        key = (expr.source, target, role)
        found = self.truths.get(key)
        if found is None:  # the linter asks again what the last narrowing asked: answered once
            result = analyse(expr.node, expr.source, self.env(target, role))
            assert isinstance(result, Truth), "the loader has checked that a condition is one"
            found = self.truths[key] = result
        return found

    def number(self, expr: Expr, target: str | None = None, role: str | None = None) -> Num:
        node = N.ungroup(expr.node)
        if isinstance(node, N.Number):  # a plain number, maybe from the TOML table: 1e-05, inf or nan
            value = float(node.value)
            return Num(-INF, INF) if math.isnan(value) else Num(value, value)
        result = analyse(expr.node, expr.source, self.env(target, role))
        assert isinstance(result, Num), "the loader has checked that a number is one"
        return result

    def held(self) -> dict[str, list[tuple[Instrument, tuple[str, ...]]]]:
        """Role id -> its usable instruments, in the order of its list, with the targets each may take."""
        if self.usable is None:
            self.usable = {
                role.id: [
                    (self.sc.instrument(iid), self.pairs[(role.id, iid)])
                    for iid in role.instruments
                    if (role.id, iid) in self.pairs
                ]
                for role in self.sc.roles
            }
        return self.usable

    def capital_high(self, role: str) -> float:
        r = self.ranges.get(f"{role}.{CAPITAL}")
        return INF if r is None else r.hi


class ScenarioEnv:
    """An ``intervals.Env`` over a ``Reach``, inside an instrument (``target``, ``role``) or a role's objective."""

    def __init__(self, reach: Reach, target: str | None, role: str | None):
        self.reach = reach
        self.target = target
        self.role = role

    def meter(self, name: str) -> Num:
        owner, _dot, meter = name.partition(".")
        ranges = self.reach.ranges
        if owner == "target":
            sc = self.reach.sc
            owners = (
                [self.target]
                if self.target
                else [o for o in (*(a.id for a in sc.actors), *sc.role_ids) if f"{o}.{meter}" in ranges]
            )
        elif owner == "self":
            owners = [self.role] if self.role else [r.id for r in self.reach.sc.roles]
        else:
            return ranges[name]
        found = [ranges[f"{o}.{meter}"] for o in owners]
        if len(found) == 1:
            return found[0]
        return Num(min(n.lo for n in found), max(n.hi for n in found))  # any of them: no single reason

    def round(self) -> Num:
        return Num(1, self.reach.sc.rounds)

    def rounds(self) -> Num:
        n = self.reach.sc.rounds
        return Num(n, n)

    def used(self, filters: dict[str, str], within: int | None) -> Num:
        sc = self.reach.sc
        window = min(within or sc.rounds, sc.rounds)
        by, on = filters.get("by"), filters.get("on")
        if by == "self":
            by = self.role
        if on == "target":
            on = self.target
        key = (tuple(filters.items()), window, by, on)  # the same count is asked in many conditions
        known = self.reach.counts.get(key)
        if known is not None:
            return known
        total = 0
        held = self.reach.held()
        for role in sc.roles:
            if by is not None and role.id != by:
                continue
            slots = 0
            for inst, targets in held[role.id]:
                if not _matches(inst, filters):
                    continue
                if "on" in filters:
                    # on='target' outside a known target: any target it may take
                    slots += 1 if inst.targets and (on is None or on in targets) and targets else 0
                else:
                    slots += len(targets) if inst.targets else 1
            total += min(role.orders, slots)
        hi = window * total
        found = self.reach.counts[key] = Num(0, hi, (), () if hi else (_("no role can give an order it counts"),))
        return found

    def flag(self, kind: str, ident: str) -> tuple[bool, str]:
        reach = self.reach
        if kind == "active":
            if ident in reach.live_crises:
                return True, ""
            return False, _("crisis '{ident}' can never break").format(ident=ident)
        if "." in ident:  # an actor's response ("veyra.expel"): not narrowed here, so it may fire
            return True, ""
        if ident not in reach.live_consequences:
            return False, _("consequence '{ident}' can never fire").format(ident=ident)
        if kind == "pending" and reach.sc.consequence(ident).delay == 0:
            return False, _("consequence '{ident}' has delay = 0, so it fires at once and is never pending").format(
                ident=ident
            )
        return True, ""


def _matches(inst: Instrument, filters: dict[str, str]) -> bool:
    if "instrument" in filters and inst.id != filters["instrument"]:
        return False
    if "category" in filters and inst.category != filters["category"]:
        return False
    return "signal" not in filters or filters["signal"] in inst.signals


# --------------------------------------------------------------------------- the fixpoint


def reach(sc: Scenario) -> Reach:
    """Work out what ``sc`` can ever do (see the module docstring)."""
    kinds: dict[str, list[str]] = {}
    for a in sc.actors:
        kinds.setdefault(a.kind, []).append(a.id)
    kinds[ROLE_TARGET] = list(sc.role_ids)  # (an actor kind can never be "role": the loader refuses it)
    pairs = {}
    for role in sc.roles:
        for iid in role.instruments:
            inst = sc.instrument(iid)
            pairs[(role.id, iid)] = tuple(a for k in inst.targets for a in kinds.get(k, ()) if a != role.id)
    scheduled = {item.crisis for item in sc.schedule}
    live_cons = {c.id for c in sc.consequences if c.chance > 0}
    live_crises = {c.id for c in sc.crises}
    ranges = {path: Num(m.min, m.max) for path, m in sc.meters.items()}
    state = Reach(sc, ranges, pairs, live_cons, live_crises)
    writers = state.writers = _writers(state)
    starts = start_values(sc)
    asked: Reach | None = None  # the narrowing of the round before, whose truths are known
    for _n in range(ROUNDS_OF_NARROWING):
        new_ranges = _ranges(state, writers, starts)
        narrowed = Reach(sc, new_ranges, state.pairs, state.live_consequences, state.live_crises, state.writers)
        if asked is not None and _inputs(asked) == _inputs(narrowed):
            narrowed.truths = asked.truths  # the same ranges, pairs and live sets: the same truths
        asked = narrowed
        new_cons = {
            c.id for c in sc.consequences if c.id in state.live_consequences and narrowed.truth(c.when).can_true
        }
        new_crises = {c.id for c in sc.crises if c.id in state.live_crises and _can_break(narrowed, c, scheduled)}
        new_pairs = _usable(narrowed)
        # (the writers are made from the pairs and the live sets alone: made again only when those change)
        live_changed = (new_pairs, new_cons, new_crises) != (state.pairs, state.live_consequences, state.live_crises)
        if not live_changed and new_ranges == state.ranges:
            return narrowed  # the same ranges, pairs and live sets as the next state, and its truths known
        state = Reach(sc, new_ranges, new_pairs, new_cons, new_crises, state.writers)
        if live_changed:
            writers = _writers(state)
    return state


def _inputs(r: Reach) -> tuple:
    """What a truth in ``r`` is worked out from, besides the scenario (``ScenarioEnv`` reads only these)."""
    return r.ranges, r.pairs, r.live_consequences, r.live_crises


def _can_break(r: Reach, crisis, scheduled: set[str]) -> bool:
    if crisis.inject or crisis.id in scheduled:
        return True
    if crisis.chance <= 0:
        return False
    return crisis.round is not None or (crisis.when is not None and r.truth(crisis.when).can_true)


def _usable(r: Reach) -> dict[tuple[str, str], tuple[str, ...]]:
    """The (role, instrument) pairs still usable, with the targets each may take."""
    out = {}
    for (role, iid), targets in r.pairs.items():
        inst = r.sc.instrument(iid)
        if inst.cost > r.capital_high(role):
            continue
        if inst.targets:
            ok = tuple(a for a in targets if inst.requires is None or r.truth(inst.requires, a, role).can_true)
            if ok:
                out[(role, iid)] = ok
        elif inst.requires is None or r.truth(inst.requires, None, role).can_true:
            out[(role, iid)] = ()
    return out


def _effect_writers(e, target=None, role=None) -> tuple[Writer, ...]:
    """How one effect may change its meter: a range [low, high] as its two ends."""
    if e.span is None:
        return (Writer(e.op, e.value, target=target, role=role),)
    return tuple(Writer("add", amount=amount, target=target, role=role) for amount in e.span)


def _writers(r: Reach) -> dict[str, list[Writer]]:
    """Every way each meter path can change, given what is still live in ``r``."""
    sc = r.sc
    out: dict[str, list[Writer]] = {}

    def put(path: str, w: Writer) -> None:
        out.setdefault(path, []).append(w)

    for (role, iid), targets in r.pairs.items():
        inst = sc.instrument(iid)
        for target in targets or (None,):
            for e in all_effects(inst):
                path = e.path
                if path.startswith("target."):
                    path = f"{target}.{path[7:]}"
                elif path.startswith("self."):
                    path = f"{role}.{path[5:]}"
                for w in _effect_writers(e, target, role):
                    put(path, w)
        if inst.cost and f"{role}.{CAPITAL}" in sc.meters:
            put(f"{role}.{CAPITAL}", Writer("add", amount=-inst.cost))
    for crisis in sc.crises:
        if crisis.id in r.live_crises:
            for e in (
                crisis.effects + crisis.ongoing + tuple(x for st in crisis.stages for x in st.effects + st.ongoing)
            ):
                for w in _effect_writers(e):
                    put(e.path, w)
    for c in sc.consequences:
        if c.id in r.live_consequences:
            for e in all_effects(c):
                for w in _effect_writers(e):
                    put(e.path, w)
    for actor in sc.actors:  # actors' responses (every one that can fire: not narrowed)
        for resp in actor.responses:
            if resp.chance <= 0:
                continue
            for e in resp.effects:
                if e.path.startswith("against."):
                    for seat in sc.roles:
                        if seat.plays != actor.id:
                            for w in _effect_writers(e):
                                put(f"{seat.id}.{e.path[8:]}", w)
                else:
                    for w in _effect_writers(e):
                        put(e.path, w)
    for m in sc.role_meters:
        if m.refill is not None:
            for seat in sc.roles:
                put(f"{seat.id}.{m.id}", Writer("set", amount=m.refill))
    # Drift moves a meter toward its baseline from wherever it is: within the range the other writers give
    # it, widened to the baseline, which a "set" to the baseline describes.
    starts = start_values(sc)
    for path, _n, baseline in drift_rows(sc):
        if baseline != starts[path] or path in out:  # a meter at its baseline that nothing moves never drifts
            put(path, Writer("set", amount=baseline))
    return out


def _ranges(r: Reach, writers: dict[str, list[Writer]], starts: dict[str, int]) -> dict[str, Num]:
    out = {}
    # (id of a value's Expr, target, role) -> its rounded bounds in ``r``: one effect's value, or one
    # number written in many effects, is worked out once (the writers keep every Expr alive meanwhile)
    rounded: dict[tuple[int, str | None, str | None], tuple[float, float]] = {}
    for path, m in r.sc.meters.items():
        start = starts[path]
        ws = writers.get(path, [])
        if not ws:
            out[path] = Num(start, start, (_("nothing changes it"),), (_("nothing changes it"),))
            continue
        up = down = False
        sets: list[tuple[float, float]] = []
        sets_any = False  # whether an "=" effect writes it: once it may rise and fall, only that matters
        for w in ws:
            if up and down:
                if w.op == "set":
                    sets_any = True
                    break
                continue
            found = rounded.get((id(w.value), w.target, w.role)) if w.value is not None else None
            if found is None:
                value = Num(w.amount, w.amount) if w.value is None else r.number(w.value, w.target, w.role)
                found = _round_half_away(value.lo), _round_half_away(value.hi)
                if w.value is not None:
                    rounded[(id(w.value), w.target, w.role)] = found
            lo, hi = found
            if w.op == "set":
                sets.append((min(m.max, max(m.min, lo)), min(m.max, max(m.min, hi))))
            else:
                up = up or hi > 0
                down = down or lo < 0
        lo = m.min if down else min([start] + [s[0] for s in sets])
        hi = m.max if up else max([start] + [s[1] for s in sets])
        prev = r.ranges[path]
        lo, hi = max(lo, prev.lo), min(hi, prev.hi)
        if lo == hi == start and not (sets or sets_any):
            out[path] = Num(lo, hi, (_("nothing changes it"),), (_("nothing changes it"),))
            continue
        lo_why = (_("nothing lowers it below {fmt}").format(fmt=fmt(lo)),) if lo > m.min else ()
        hi_why = (_("nothing raises it above {fmt}").format(fmt=fmt(hi)),) if hi < m.max else ()
        out[path] = Num(lo, hi, lo_why, hi_why)
    return out
