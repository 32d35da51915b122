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

from ..rules import nodes as N
from ..rules.compiler import compile_node
from ..rules.evaluate import Context
from ..rules.model import Expr, Scenario
from ..rules.state import GameState

SHAPE = 0.5  # weight of an objective's closeness, per point
MARGIN = 0.2  # how far above 1 a comfortable margin may lift closeness
METER = 2.0  # weight of a whole meter range in its good direction (shared meters keep everyone out of a shared loss)
DANGER_FROM = 0.5  # lose_when closeness above which the danger term starts

_CMP = ("<", "<=", ">", ">=")


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

    __slots__ = ("cond", "left", "right", "op", "scale")

    def __init__(self, cond, left=None, right=None, op: str = "", scale: float = 0.0):
        self.cond, self.left, self.right, self.op, self.scale = cond, left, right, op, scale

    def closeness(self, ctx: Context) -> float:
        if self.left is None:
            return 1.0 if self.cond(ctx) else 0.0
        a, b = self.left(ctx), self.right(ctx)
        gap = b - a if self.op in (">", ">=") else a - b  # how far short of holding
        if self.op in (">", "<"):
            gap += 1e-9
        scale = self.scale or max(2.0, abs(b if self.op in (">", ">=") else a))
        return max(0.0, min(1.0 + MARGIN, 1.0 - gap / scale))


class Shape:
    """A condition read as alternatives of conjunctions, for ``closeness``."""

    def __init__(self, expr: Expr, scenario: Scenario):
        self.expr = expr
        self.alternatives = [[self._part(p, scenario) for p in alt] for alt in _alternatives(expr.node)]

    @staticmethod
    def _part(node: N.Node, scenario: Scenario) -> _Part:
        node = N.ungroup(node)
        if not (isinstance(node, N.Compare) and node.op in _CMP):
            return _Part(compile_node(node))  # not, fired(), ==, a grouped and/or: counts 1 or 0
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
        return _Part(compile_node(node), compile_node(node.left), compile_node(node.right), node.op, scale)

    def closeness(self, ctx: Context) -> float:
        return max(sum(p.closeness(ctx) for p in alt) / len(alt) for alt in self.alternatives)


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

    def context(self, state: GameState) -> Context:
        """The state with its pending consequences applied, as a context to score."""
        meters, fired = state.meters, {cid for cid, _ in state.fired}
        if state.pending:
            meters = dict(meters)
            for p in state.pending:
                c = self.sc.consequence(p.consequence)
                ctx = Context(
                    meters, state.round, self.sc.rounds, state.history, fired, frozenset(state.active_crises())
                )
                for e in c.effects:
                    m = self.sc.meters[e.path]
                    value = e.value.fn(ctx)
                    new = value if e.op == "set" else meters[e.path] + value
                    meters[e.path] = min(m.max, max(m.min, int(math.floor(new + 0.5))))
                fired.add(p.consequence)
        return Context(
            meters,
            state.round,
            self.sc.rounds,
            state.history,
            fired,
            frozenset(state.active_crises()),
            None,
            self.role,
            None,
            frozenset(),
        )

    def score(self, state: GameState) -> float:
        if state.outcome is not None and state.outcome.lost:
            return -self.lose_penalty
        ctx = self.context(state)
        total = 0.0
        for points, when, shape in self.objectives:
            if when.fn(ctx):
                total += points
            total += SHAPE * points * shape.closeness(ctx)
        meters = ctx.meters
        for path, start, weight in self.meters:
            total += METER * weight * (meters[path] - start)
        if self.lose is not None:
            lose, shape = self.lose
            if lose.fn(ctx):
                return total - self.lose_penalty
            near = shape.closeness(ctx)
            if near > DANGER_FROM:
                total -= self.danger * (min(1.0, near) - DANGER_FROM) / (1 - DANGER_FROM)
        return total
