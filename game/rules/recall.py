"""What one look-ahead resolve found, reused by the next resolves of the same state.

A bot's look-ahead resolves one state many times, each time with other orders
for its seat. Most consequence conditions read nothing those orders change:
their value is the one the first resolve found. ``Recall`` keeps, for the
first resolve of a state (the base), the value of every consequence
condition and what became of each consequence; a later resolve of a state
with the same rule data (same round, meters, history, crises, fired and
pending: only the submissions and the generator may differ) evaluates again
only the conditions whose reads (``Expr.depends``) meet what differs from the
base at that point of the round:

- at the start of the consequence step: the meters whose values differ, the
  ``used()`` counts an order resolved in one run and not in the other could
  change, and whether each actor's response fired (``fired('veyra.expel')``);
- then, for each consequence whose fate differs (it fired, was scheduled or
  stayed quiet in one run only), the meters its effects write and whether it
  fired or is pending; when it fired in both, the meters an effect wrote from
  a value that read something that differs.

A condition that was false in the base and is an ``and`` needs only the reads
of its first false operand to stay as they were (``deciding_reads``): an
``and`` with a false operand is false, whatever its other operands read.

A condition is a pure function of what it reads (the headless resolve keeps
no trace), so a value taken from the base is exactly the value evaluating it
would give. Chance is always drawn live, in the same order, by the resolve
itself. The rest of the round (end of round, briefing) runs as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from . import nodes as N
from .chance import all_effects
from .compiler import compile_node
from .evaluate import instrument_counts
from .model import Expr, Scenario
from .state import GameState, Played

if TYPE_CHECKING:
    from .engine import _Start

# What became of one consequence in a resolve.
SKIPPED, QUIET, FIRED, SCHEDULED = range(4)

Key = tuple[str, str]
PlayKey = tuple[str, str, "str | None"]


def _expressions(scenario: Scenario) -> Iterable[Expr | None]:
    """The expressions a round evaluates or a bot scores: consequences, crises, objectives, ``lose_when``."""
    for c in scenario.consequences:
        yield c.when
        yield from (e.value for e in all_effects(c))
    for k in scenario.crises:
        yield k.when
        yield k.ends_when
        yield from (e.value for e in k.effects + k.ongoing)
        for stage in k.stages:
            yield stage.when
            yield from (e.value for e in stage.effects + stage.ongoing)
    for r in scenario.roles:
        yield from (o.when for o in r.objectives)
    yield scenario.end.lose_when


def used_calls(scenario: Scenario) -> dict[str, N.Used]:
    """label -> the ``used()`` call of that label in those expressions (one label, one call as written)."""
    out: dict[str, N.Used] = {}
    for expr in _expressions(scenario):
        if expr is not None and expr.node is not None:
            for n in N.walk(expr.node):
                if isinstance(n, N.Used):
                    out[n.label] = n
    return out


def _used_filters(scenario: Scenario) -> dict[str, dict[str, str]]:
    """label -> filters of every ``used()`` in those expressions."""
    return {label: dict(n.filters) for label, n in scenario.derived(used_calls).items()}


def _meters_read(scenario: Scenario) -> tuple[str, ...] | None:
    """The meters a consequence's condition or an effect's value reads (None if one is read through
    ``self.`` or ``target.``, which a consequence has not: then every meter is compared)."""
    paths: set[str] = set()
    for c in scenario.consequences:
        for expr in (c.when, *(e.value for e in all_effects(c))):
            for kind, key in expr.depends:
                if kind == "meter":
                    if key.startswith(("self.", "target.")):
                        return None
                    paths.add(key)
    return tuple(sorted(paths))


def _labels_tables(scenario: Scenario) -> dict[PlayKey, frozenset[Key]]:
    return {}


def _matches(filters: dict[str, str], scenario: Scenario, key: PlayKey) -> bool:
    """Whether an order (role, instrument, target) may count for ``filters``; ``by='self'`` and
    ``on='target'`` match any role and any target (so a difference is never missed)."""
    role, instrument, target = key
    if not instrument_counts(scenario.instrument(instrument), filters):
        return False
    want = filters.get("by")
    if want is not None and want != "self" and want != role:
        return False
    want = filters.get("on")
    return want is None or want == "target" or want == target


def counts_touched(scenario: Scenario, key: PlayKey) -> frozenset[Key]:
    """The ("used", label) reads that an order ``key`` (role, instrument, target) may count for."""
    table = scenario.derived(_labels_tables)
    found = table.get(key)
    if found is None:
        filters = scenario.derived(_used_filters)
        found = table[key] = frozenset(("used", label) for label, f in filters.items() if _matches(f, scenario, key))
    return found


def plays_difference(scenario: Scenario, plays: list[PlayKey], base: list[PlayKey]) -> set[Key]:
    """The ("used", label) reads that may count differently for orders ``plays`` than for ``base``
    (orders both have, in any order, change no count)."""
    dirty: set[Key] = set()
    for key, _ in _signed_difference(plays, base):
        dirty |= counts_touched(scenario, key)
    return dirty


def _signed_difference(plays: list[PlayKey], base: list[PlayKey]) -> list[tuple[PlayKey, int]]:
    """The orders only ``plays`` has (+1) and those only ``base`` has (-1), as multisets."""
    rest = list(base)
    out: list[tuple[PlayKey, int]] = []
    for key in plays:
        if key in rest:
            rest.remove(key)
        else:
            out.append((key, 1))
    if rest:
        out.extend((key, -1) for key in rest)
    return out


def conjuncts(scenario: Scenario) -> tuple[tuple[tuple[Callable, frozenset[Key]], ...], ...]:
    """For each consequence in file order: the operands of its condition's top ``and``, each as (its
    callable, what it reads), in order; () for a condition that is not an ``and``."""
    out = []
    for c in scenario.consequences:
        node = N.ungroup(c.when.node) if c.when.node is not None else None
        if isinstance(node, N.And):
            out.append(tuple((compile_node(op), N.depends(op)) for op in node.operands))
        else:
            out.append(())
    return tuple(out)


def deciding_reads(parts: Sequence[tuple[Callable, frozenset[Key]]], ctx, depends: frozenset[Key]) -> frozenset[Key]:
    """What must read the same for a condition that is false on ``ctx`` to stay false: the reads of the
    first operand of its ``and`` (``parts``, from ``conjuncts``) that is false there (an ``and`` with a
    false operand is false, whatever the others read), or else all it reads (``depends``). Operands are
    pure functions of what they read; they are evaluated in order up to that one, as the condition
    itself evaluated them."""
    for fn, reads in parts:
        if not fn(ctx):
            return reads
    return depends


def _keys(entries: Iterable[Played]) -> list[PlayKey]:
    return [(p.role, p.instrument, p.target) for p in entries]


class Recall:
    """The base resolve of one state: its consequence conditions' values and fates (see the module doc).

    Give the same ``Recall`` to every headless resolve (``apply(..., record=False,
    recall=...)``) of states that share their rule data; the first one records, the
    others reuse. A state with other rule data starts a new base.
    """

    __slots__ = (
        "state",
        "meters",
        "plays",
        "fresh",
        "values",
        "fates",
        "checks",
        "counts",
        "seed",
        "watch",
        "readers",
        "start",
    )

    def __init__(self) -> None:
        self.state: GameState | None = None
        self.meters: dict[str, int] = {}
        self.plays: list[PlayKey] = []
        self.fresh: list[str] = []  # what fired this round before the consequence step (actors' responses)
        self.values: list[bool | None] = []
        self.fates: list[int] = []
        self.checks: list[frozenset[Key]] = []  # see ``deciding_reads``
        self.counts: dict[str, int] = {}
        self.seed: dict[str, int] | None = None  # the counts a replay starts from (see ``differences``)
        self.watch: int | None = None  # see ``watched``
        self.readers: dict[Key, int] = {}
        self.start: _Start | None = None  # what the engine indexes of the state the resolves start from (engine._Start)

    def recorded_for(self, state: GameState) -> bool:
        """Whether the base was a resolve of a state with ``state``'s rule data."""
        base = self.state
        return base is not None and (
            base is state
            or (
                base.round == state.round
                and base.meters is state.meters
                and base.history is state.history
                and base.crises is state.crises
                and base.fired is state.fired
                and base.pending is state.pending
            )
        )

    def begin(
        self,
        state: GameState,
        meters: dict[str, int],
        new_plays: Iterable[Played],
        fresh: list[str],
        counts: dict[str, int],
    ) -> None:
        """Start recording the base: ``meters``, the orders resolved and what fired (``fresh``: ids) as the
        consequence step begins, and ``counts``, the ``used()`` counts its consequence and end-of-round
        checks will remember."""
        self.state = state
        self.meters = dict(meters)
        self.plays = _keys(new_plays)
        self.fresh = fresh
        self.values = []
        self.fates = []
        self.checks = []
        self.counts = counts
        self.seed = None
        self.watch = None
        self.readers = {}

    def watched(self) -> tuple[int, dict[Key, int]]:
        """What a replay visits, as bit masks over the consequences in file order (bit i: the i-th):
        those the base neither skipped nor found quiet with a false condition, always; and, by each
        read, those it found quiet with a false condition whose value that read decided (``checks``),
        once that read differs."""
        if self.watch is None:
            watch = 0
            readers: dict[Key, int] = {}
            for i, (fate, held, depends) in enumerate(zip(self.fates, self.values, self.checks, strict=True)):
                if fate == SKIPPED:
                    continue
                if fate == QUIET and held is False:
                    for key in depends:
                        readers[key] = readers.get(key, 0) | (1 << i)
                else:
                    watch |= 1 << i
            self.watch, self.readers = watch, readers
        return self.watch, self.readers

    def differences(
        self,
        scenario: Scenario,
        meters: dict[str, int],
        new_plays: Iterable[Played],
        fresh: list[str],
        counts: dict[str, int],
    ) -> set[Key]:
        """What may read differently from the base as the consequence step begins (``fresh``: the ids that
        fired this round so far, as in ``begin``); ``counts`` gets the
        base's ``used()`` counts, each moved by the orders resolved in one run only (with no target and
        no role to resolve, an order counts for a label exactly when ``counts_touched`` says so)."""
        base = self.meters
        read = scenario.derived(_meters_read)
        # (a meter no consequence reads makes no condition and no effect value differ)
        if read is None:
            dirty: set[Key] = {("meter", p) for p, v in meters.items() if base[p] != v}
        else:
            dirty = {("meter", p) for p in read if base.get(p) != meters.get(p)}
        if self.seed is None:  # the base has finished with its counts by now
            known = scenario.derived(_used_filters)
            self.seed = {label: n for label, n in self.counts.items() if label in known}
        counts.update(self.seed)
        if fresh != self.fresh:  # an actor responded in one run only (or another way)
            dirty.update(("fired", key) for key in set(fresh).symmetric_difference(self.fresh))
        plays = _keys(new_plays)
        if plays != self.plays:
            for key, sign in _signed_difference(plays, self.plays):
                touched = counts_touched(scenario, key)
                dirty |= touched
                for _, label in touched:
                    if label in counts:
                        counts[label] += sign
        return dirty
