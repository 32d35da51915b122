"""How good a state looks from one role's point of view: the greedy bot's yardstick.

``Heuristic(scenario, role).score(state)`` adds up, for the state a lookahead
produced:

- each objective: its points if its condition holds, plus ``SHAPE`` x points
  x how close its condition is to holding (see ``closeness``), so a step
  towards ``reform >= 20`` counts before the threshold is crossed, and a
  margin beyond it counts a little (up to ``MARGIN``);
- each global meter, and each of the role's own meters that does not refill,
  in its ``good`` direction: ``METER`` x (value - start) / range;
- ``lose_when``: a large penalty if it holds, and a smaller one growing as the
  state comes within half its range of holding.

Consequences the lookahead scheduled for later rounds (``pending``) fire
unconditionally when their round comes, so their effects are applied to the
meters, and they count as fired, before scoring.

Closeness: a condition's syntax tree is read as ``a or b or ...`` of ``x and y and ...``.
A numeric comparison ``L >= R`` (or ``>``, ``<=``, ``<``) is 1 when it holds
and falls linearly to 0 as the gap grows to ``scale`` (half the range of the
meters it reads, at least 5; for counts such as ``used(...) >= 2``, the
threshold itself); it rises above 1 to at most ``1 + MARGIN`` for a margin
beyond the threshold. Anything else (``fired('x')``, ``==``, ``not ...``)
counts 1 or 0. A conjunction is the mean of its parts; a disjunction the best
of its alternatives.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from operator import itemgetter

from ..rules import nodes as N
from ..rules.compiler import compile_node, constant_value
from ..rules.engine import Resolved
from ..rules.evaluate import Context
from ..rules.model import Expr, Scenario
from ..rules.recall import plays_difference
from ..rules.state import GameState

SHAPE = 0.5  # weight of an objective's closeness, per point
MARGIN = 0.2  # how far above 1 a comfortable margin may lift closeness
METER = 2.0  # weight of a whole meter range in its good direction (shared meters keep everyone out of a shared loss)
DANGER_FROM = 0.5  # lose_when closeness above which the danger term starts

_CMP = ("<", "<=", ">", ">=")
_first = itemgetter(0)


def _alternatives(node: N.Node) -> list[list[N.Node]]:
    """``node`` read as alternatives of conjunctions: the ``or`` at its top, then each one's ``and``.

    Parentheses around the whole condition keep an ``or`` whole; parentheses
    around one alternative do not keep its ``and`` whole (the author's
    grouping of ``(a and b) or c`` is that of ``a and b or c``).
    """
    alternatives = node.operands if isinstance(node, N.Or) else (node,)
    out: list[list[N.Node]] = []
    for alt in alternatives:
        alt = N.ungroup(alt)
        out.append(list(alt.operands) if isinstance(alt, N.And) else [alt])
    return out


class _Part:
    """One conjunct: a numeric comparison with a scale, or a plain condition."""

    __slots__ = ("cond", "left", "right", "op", "scale", "depends", "rising", "strict")

    def __init__(self, cond, left=None, right=None, op: str = "", scale: float = 0.0, depends: frozenset = frozenset()):
        self.cond, self.left, self.right, self.op, self.scale = cond, left, right, op, scale
        self.depends = depends  # what it reads (game.rules.nodes.depends)
        self.rising = op in (">", ">=")  # it holds once the left side rises to the right
        self.strict = op in (">", "<")

    def closeness(self, ctx: Context) -> float:
        if self.left is None:
            return 1.0 if self.cond(ctx) else 0.0
        a, b = self.left(ctx), self.right(ctx)
        gap = b - a if self.rising else a - b  # how far short of holding
        if self.strict:
            gap += 1e-9
        scale = self.scale or max(2.0, abs(b if self.rising else a))
        v = 1.0 - gap / scale
        return 0.0 if v < 0.0 else _TOP if v > _TOP else v


_TOP = 1.0 + MARGIN  # the most a part's closeness may reach


class Shape:
    """A condition read as alternatives of conjunctions, for ``closeness``."""

    def __init__(self, expr: Expr, scenario: Scenario):
        self.expr = expr
        self.alternatives = [[self._part(p, scenario) for p in alt] for alt in _alternatives(expr.node)]

    @staticmethod
    def _part(node: N.Node, scenario: Scenario) -> _Part:
        node = N.ungroup(node)
        if not (isinstance(node, N.Compare) and node.op in _CMP):
            return _Part(compile_node(node), depends=N.depends(node))  # not, fired(), ==, a grouped and/or: 1 or 0
        spans = []
        for path in N.meter_reads(node):
            owner, _, meter = path.partition(".")
            if owner in ("self", "target"):
                m = next((x for x in scenario.role_meters + scenario.actor_meters if x.id == meter), None)
            else:
                m = scenario.meters.get(path)
            if m is not None:
                spans.append(m.max - m.min)
        scale = max(5.0, max(spans) / 2) if spans else 0.0
        return _Part(
            compile_node(node), compile_node(node.left), compile_node(node.right), node.op, scale, N.depends(node)
        )

    def closeness(self, ctx: Context) -> float:
        best: float | None = None
        for alt in self.alternatives:  # (the best of the alternatives: each the mean of its parts)
            total: float = 0
            for part in alt:
                total += part.closeness(ctx)
            mean = total / len(alt)
            if best is None or mean > best:
                best = mean
        assert best is not None  # (a condition has at least one alternative)
        return best


class _Atom:
    """One value a score is made of: an objective's (condition, closeness), ``lose_when`` or its closeness;
    ``reads`` is what it reads, ``self.`` resolved to the role (``Recollection`` compares it).

    An atom that reads meters only is a pure function of their values: ``value`` keeps what it gave for
    each set of values it met (the trial states of a look-ahead mostly repeat them), and gives it again."""

    __slots__ = ("fn", "reads", "key", "memo")

    def __init__(self, fn, reads: frozenset[tuple[str, str]]):
        self.fn, self.reads = fn, reads
        paths = sorted(key for kind, key in reads if kind == "meter")
        meters_only = bool(paths) and all(kind == "meter" for kind, _ in reads)
        self.key = itemgetter(*paths) if meters_only else None  # the values it reads, from the meters
        self.memo: dict = {}

    def value(self, ctx: Context):
        key = self.key
        if key is None:
            return self.fn(ctx)
        k = key(ctx.meters)
        memo = self.memo
        v = memo.get(k, _UNSEEN)
        if v is _UNSEEN:
            if len(memo) >= MEMO_LIMIT:
                memo.clear()
            v = memo[k] = self.fn(ctx)
        return v


_UNSEEN = object()
MEMO_LIMIT = 50_000  # values an atom keeps at most (then it starts afresh)


def _reads(depends: frozenset[tuple[str, str]], role: str) -> frozenset[tuple[str, str]]:
    out = set()
    for kind, key in depends:
        if kind == "meter" and key.startswith("self."):
            key = f"{role}.{key[5:]}"
        elif kind == "meter" and key.startswith("target."):
            kind = "always"  # no target while scoring: never taken from a recollection
        elif kind == "deals":
            kind = "always"  # deals settle while a look-ahead resolves: counted afresh every time
        out.add((kind, key))
    return frozenset(out)


class Recollection:
    """The first state a look-ahead scored, and the atoms' values there, so that the next states
    (the same round, histories that share their first ``prefix`` orders) evaluate only the
    atoms whose reads differ: an atom is a pure function of what it reads, so a value kept is
    exactly the value evaluating it again would give."""

    __slots__ = ("prefix", "round", "meters", "fired", "active", "plays", "values")

    def __init__(self, prefix: int):
        self.prefix = prefix
        self.round: int | None = None
        self.meters: dict[str, int] = {}
        self.fired: set[str] = set()
        self.active: frozenset[str] = frozenset()
        self.plays: list[tuple[str, str, str | None]] = []
        self.values: list = []


class Heuristic:
    """Scores states for ``role``; built once per scenario and role."""

    def __init__(self, scenario: Scenario, role: str):
        self.sc = scenario
        self.role = role
        r = scenario.role(role)
        self.objectives = [(o.points, o.when, Shape(o.when, scenario)) for o in r.objectives]
        self.possible = sum(max(0, o.points) for o in r.objectives)
        lose = scenario.end.lose_when
        self.lose = (lose, Shape(lose, scenario)) if lose is not None else None
        self.lose_penalty = 2.0 * self.possible + 10.0
        self.danger = 0.5 * self.possible + 2.0
        self.meters = []
        for m in scenario.global_meters:
            self.meters.append((m.id, m.start, (1 if m.good == "high" else -1) / max(1, m.max - m.min)))
        for m in scenario.role_meters:
            if m.refill is None:
                self.meters.append((f"{role}.{m.id}", m.start, (1 if m.good == "high" else -1) / max(1, m.max - m.min)))
        self.meter_terms = [(path, start, METER * weight) for path, start, weight in self.meters]  # (as _combine adds)
        # The atoms, in the order ``_combine`` asks for them: per objective (its condition, its shape's
        # closeness); then lose_when's condition, then its shape's closeness.
        self.atoms: list[_Atom] = []
        for _, when, shape in self.objectives:
            self._atom(_objective_value(when.fn, shape), when.depends.union(*_part_reads(shape)))
        if self.lose is not None:
            lose_when, shape = self.lose
            self._atom(lose_when.fn, lose_when.depends)
            self._atom(shape.closeness, frozenset().union(*_part_reads(shape)))
        # What ``_differences`` looks at: only these reads can make a kept value stale, and only the values of
        # atoms that read more than meters are kept (the others have their tables, see ``_Atom``).
        kept = [atom for atom in self.atoms if atom.key is None]
        self.kept = bool(kept)
        reads = frozenset().union(*(atom.reads for atom in kept))
        self.always = frozenset(r for r in reads if r[0] == "always")
        self.read_meters = tuple(sorted(key for kind, key in reads if kind == "meter"))
        self.reads_fired = any(kind == "fired" for kind, _ in reads)
        self.reads_active = any(kind == "active" for kind, _ in reads)
        self.reads_used = any(kind == "used" for kind, _ in reads)

        self.scratch = Context({}, 0, scenario.rounds, (), (), (), None, role, None, frozenset())  # see score()

    def _atom(self, fn, depends: frozenset[tuple[str, str]]) -> None:
        self.atoms.append(_Atom(fn, _reads(depends, self.role)))

    def context(self, state: GameState | Resolved) -> Context:
        """The state with its pending consequences applied, as a context to score."""
        fired, active = _fired_and_active(state)
        return self._context(state.round, state.meters, fired, active, state.pending, state.history, state.deals)

    def _context(
        self, round, meters, fired: set, active, pending, history, deals, ctx: Context | None = None
    ) -> Context:
        """``context`` from the parts of a state (``fired`` a set it may add to); ``ctx``: a context of the
        heuristic's own to fill in, rather than a new one."""
        if pending:
            meters = dict(meters)
            live = None  # a context reading them live, made for the first value that is not a constant
            table = self.sc.derived(_pending_effects)
            for p in pending:
                effects = table.get(p.consequence)
                if effects is None:
                    effects = table[p.consequence] = _effect_rows(self.sc, p.consequence)
                for path, sets, fn, value, low, high in effects:
                    if fn is not None:
                        if live is None:
                            live = Context(meters, round, self.sc.rounds, history, fired, active)
                        value = fn(live)
                    new = value if sets else meters[path] + value
                    if type(new) is not int:
                        new = math.floor(new + 0.5)
                    meters[path] = high if new > high else low if new < low else new
                fired.add(p.consequence)
        if ctx is None:
            return Context(
                meters, round, self.sc.rounds, history, fired, active, None, self.role, None, frozenset(), deals=deals
            )
        ctx.meters, ctx.round, ctx.history, ctx.fired, ctx.active, ctx.deals = (
            meters,
            round,
            history,
            fired,
            active,
            deals,
        )
        return ctx

    def score(self, state: GameState | Resolved, recollection: Recollection | None = None) -> float:
        """How good ``state`` looks for the role. With a ``recollection`` (see ``Recollection``), atoms
        whose reads are as in the state it first saw keep their values from there: the same score. (Atoms
        that read meters only take their values from their tables instead, so when every atom does, the
        recollection is not needed.) ``state`` may be a look-ahead's ``Resolved``, which scores the same as
        the state it stands for."""
        if state.outcome is not None and state.outcome.lost:
            return -self.lose_penalty
        # (nothing keeps the context a score is worked out on: each score fills in the same one)
        fired, active = _fired_and_active(state)
        ctx = self._context(
            state.round, state.meters, fired, active, state.pending, state.history, state.deals, self.scratch
        )
        atoms = self.atoms
        if recollection is None or not self.kept:  # (every atom has its table: nothing to recollect)
            return self._combine(ctx, lambda i: atoms[i].value(ctx))
        if recollection.round is None or recollection.round != state.round:
            values: list = [None] * len(atoms)
            self._remember(recollection, state, ctx, values)

            def live(i: int):
                v = values[i] = atoms[i].value(ctx)
                return v

            return self._combine(ctx, live)
        dirty = self._differences(recollection, state, ctx)
        kept = recollection.values

        def value(i: int):
            atom = atoms[i]
            v = kept[i]
            if v is None or atom.key is not None or not atom.reads.isdisjoint(dirty):
                return atom.value(ctx)
            return v

        return self._combine(ctx, value)

    @staticmethod
    def _remember(recollection: Recollection, state: GameState | Resolved, ctx: Context, values: list) -> None:
        recollection.round = state.round
        recollection.meters = dict(ctx.meters)
        recollection.fired = set(ctx.fired)
        recollection.active = frozenset(ctx.active)
        recollection.plays = [(p.role, p.instrument, p.target) for p in state.history[recollection.prefix :]]
        recollection.values = values

    def _differences(
        self, recollection: Recollection, state: GameState | Resolved, ctx: Context
    ) -> set[tuple[str, str]]:
        base, meters = recollection.meters, ctx.meters
        # (a meter no atom reads never makes a kept value stale: only those read are compared)
        dirty: set[tuple[str, str]] = {("meter", p) for p in self.read_meters if base.get(p) != meters.get(p)}
        dirty |= self.always
        fired = ctx.fired
        if self.reads_fired and fired != recollection.fired:
            dirty.update(("fired", cid) for cid in fired ^ recollection.fired)
        if self.reads_active and ctx.active != recollection.active:
            dirty.update(("active", cid) for cid in ctx.active ^ recollection.active)
        if self.reads_used:
            plays = [(p.role, p.instrument, p.target) for p in state.history[recollection.prefix :]]
            if plays != recollection.plays:
                dirty |= plays_difference(self.sc, plays, recollection.plays)
        return dirty

    def _combine(self, ctx: Context, value) -> float:
        """The score from the atoms' values (``value(i)``), asked for in the order of ``atoms``."""
        total = 0.0
        for i, (points, _, _) in enumerate(self.objectives):
            held, near = value(i)
            if held:
                total += points
            total += SHAPE * points * near
        meters = ctx.meters
        for path, start, weight in self.meter_terms:
            total += weight * (meters[path] - start)
        if self.lose is not None:
            i = len(self.objectives)
            if value(i):
                return total - self.lose_penalty
            near = value(i + 1)
            if near > DANGER_FROM:
                total -= self.danger * (min(1.0, near) - DANGER_FROM) / (1 - DANGER_FROM)
        return total


def _fired_and_active(state: GameState | Resolved) -> tuple[set[str], AbstractSet[str]]:
    """The ids of the consequences ``state`` fired (a set a context may add its pending ones to) and of its
    active crises."""
    if isinstance(state, Resolved):
        return (set(state.fired_ids) if state.pending else state.fired_ids), state.active_ids
    return set(map(_first, state.fired)), frozenset([c.id for c in state.crises if c.ended is None])


def _pending_effects(scenario: Scenario) -> dict[str, tuple]:
    """consequence id -> its ``_effect_rows``, filled in as consequences are found pending."""
    return {}


def _effect_rows(scenario: Scenario, consequence_id: str) -> tuple:
    """A consequence's effects as ``Heuristic.context`` applies them when it is pending:
    (meter path, whether it sets, the value's callable or None for a constant, the constant, the meter's min
    and max)."""
    rows: list[tuple[str, bool, Callable | None, int | float, int, int]] = []
    for e in scenario.consequence(consequence_id).effects:
        m = scenario.meters[e.path]
        try:  # (a constant needs no context: None for its callable, and the value)
            rows.append((e.path, e.op == "set", None, constant_value(e.value.node), m.min, m.max))
        except LookupError:
            rows.append((e.path, e.op == "set", e.value.fn, 0, m.min, m.max))
    return tuple(rows)


def _objective_value(when, shape: Shape):
    """An objective's atom: whether its condition holds, and its shape's closeness."""
    return lambda ctx: (when(ctx), shape.closeness(ctx))


def _part_reads(shape: Shape) -> list[frozenset]:
    return [part.depends for alt in shape.alternatives for part in alt]
