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

Closeness: a condition is read as ``a or b or ...`` of ``x and y and ...``.
A numeric comparison ``L >= R`` (or ``>``, ``<=``, ``<``) is 1 when it holds
and falls linearly to 0 as the gap grows to ``scale`` (half the range of the
meters it reads, at least 5; for counts such as ``used(...) >= 2``, the
threshold itself); it rises above 1 to at most ``1 + MARGIN`` for a margin
beyond the threshold. Anything else (``fired('x')``, ``==``, ``not ...``)
counts 1 or 0. A conjunction is the mean of its parts; a disjunction the best
of its alternatives. A condition the reader cannot split counts 1 or 0 as a
whole.
"""

from __future__ import annotations

import math

from ..rules.evaluate import Context
from ..rules.expr import ExprError, Names, compile_expr, tokenize
from ..rules.model import CATEGORIES, Expr, Scenario
from ..rules.state import GameState

SHAPE = 0.5  # weight of an objective's closeness, per point
MARGIN = 0.2  # how far above 1 a comfortable margin may lift closeness
METER = 2.0  # weight of a whole meter range in its good direction (shared meters keep everyone out of a shared loss)
DANGER_FROM = 0.5  # lose_when closeness above which the danger term starts

_CMP = ("<", "<=", ">", ">=")


def scenario_names(scenario: Scenario) -> Names:
    """The names a role objective may use, rebuilt from the compiled scenario."""
    return Names(
        global_meters=frozenset(m.id for m in scenario.global_meters),
        actors=frozenset(a.id for a in scenario.actors),
        roles=frozenset(r.id for r in scenario.roles),
        actor_meters=frozenset(m.id for m in scenario.actor_meters),
        role_meters=frozenset(m.id for m in scenario.role_meters),
        instruments=frozenset(i.id for i in scenario.instruments),
        signals=frozenset(s for i in scenario.instruments for s in i.signals),
        categories=frozenset(CATEGORIES),
        crises=frozenset(c.id for c in scenario.crises),
        consequences=frozenset(c.id for c in scenario.consequences),
    ).in_role()


def _split(source: str, word: str) -> list[str] | None:
    """``source`` split at top-level ``word`` (``and`` / ``or``); None if it does not tokenize."""
    try:
        tokens = tokenize(source)
    except ExprError:
        return None
    parts, depth, start = [], 0, 0
    for t in tokens:
        if t.kind == "op" and t.text == "(":
            depth += 1
        elif t.kind == "op" and t.text == ")":
            depth -= 1
        elif depth == 0 and t.kind == "kw" and t.text == word:
            parts.append(source[start : t.pos])
            start = t.pos + len(t.text)
    parts.append(source[start:])
    return [p.strip() for p in parts]


def _strip_parens(source: str) -> str:
    s = source.strip()
    while s.startswith("(") and s.endswith(")"):
        inner = s[1:-1]
        depth = 0
        for ch in inner:  # only if the outer pair encloses everything
            depth += ch == "("
            depth -= ch == ")"
            if depth < 0:
                return s
        s = inner.strip()
    return s


class _Part:
    """One conjunct: a numeric comparison with a scale, or a plain condition."""

    __slots__ = ("cond", "left", "right", "op", "scale")

    def __init__(
        self, cond: Expr, left: Expr | None = None, right: Expr | None = None, op: str = "", scale: float = 0.0
    ):
        self.cond, self.left, self.right, self.op, self.scale = cond, left, right, op, scale

    def closeness(self, ctx: Context) -> float:
        if self.left is None:
            return 1.0 if self.cond.fn(ctx) else 0.0
        a, b = self.left.fn(ctx), self.right.fn(ctx)
        gap = b - a if self.op in (">", ">=") else a - b  # how far short of holding
        if self.op in (">", "<"):
            gap += 1e-9
        scale = self.scale or max(2.0, abs(b if self.op in (">", ">=") else a))
        return max(0.0, min(1.0 + MARGIN, 1.0 - gap / scale))


class Shape:
    """A condition read as alternatives of conjunctions, for ``closeness``."""

    def __init__(self, expr: Expr, scenario: Scenario, names: Names):
        self.expr = expr
        self.alternatives: list[list[_Part]] | None = None
        alternatives = []
        for alt in _split(expr.source, "or") or []:
            conj = _split(_strip_parens(alt), "and")
            if conj is None:
                return
            parts = [self._part(c, scenario, names) for c in conj]
            if any(p is None for p in parts):
                return
            alternatives.append(parts)
        self.alternatives = alternatives or None

    @staticmethod
    def _part(source: str, scenario: Scenario, names: Names) -> _Part | None:
        source = _strip_parens(source)
        try:
            cond = compile_expr(source, names, "bool")
            tokens = tokenize(source)
        except ExprError:
            return None
        depth, at = 0, None
        for t in tokens:
            if t.kind == "op" and t.text == "(":
                depth += 1
            elif t.kind == "op" and t.text == ")":
                depth -= 1
            elif depth == 0 and t.kind == "op" and t.text in _CMP + ("==", "!="):
                at = t
                break
            elif depth == 0 and t.kind == "kw":
                return _Part(cond)  # not, true, false: a plain condition
        if at is None or at.text not in _CMP:
            return _Part(cond)
        try:
            left = compile_expr(source[: at.pos], names, "num")
            right = compile_expr(source[at.pos + len(at.text) :], names, "num")
        except ExprError:
            return _Part(cond)
        spans = []
        for path in left.reads | right.reads:
            owner, _, meter = path.partition(".")
            if owner in ("self", "target"):
                m = next((x for x in scenario.role_meters + scenario.actor_meters if x.id == meter), None)
            else:
                m = scenario.meters.get(path)
            if m is not None:
                spans.append(m.max - m.min)
        scale = max(5.0, max(spans) / 2) if spans else 0.0
        return _Part(cond, left, right, at.text, scale)

    def closeness(self, ctx: Context) -> float:
        if self.alternatives is None:
            return 1.0 if self.expr.fn(ctx) else 0.0
        return max(sum(p.closeness(ctx) for p in alt) / len(alt) for alt in self.alternatives)


class Heuristic:
    """Scores states for ``role``; built once per scenario and role."""

    def __init__(self, scenario: Scenario, role: str):
        self.sc = scenario
        self.role = role
        names = scenario_names(scenario)
        r = scenario.role(role)
        self.objectives = [(o.points, o.when, Shape(o.when, scenario, names)) for o in r.objectives]
        self.possible = sum(max(0, o.points) for o in r.objectives)
        lose = scenario.end.lose_when
        self.lose = (lose, Shape(lose, scenario, names)) if lose is not None else None
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
