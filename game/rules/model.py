"""The compiled scenario: what the engine reads while a game runs.

The scenario loader (``game.scenario``) turns TOML into these objects after every
check has passed, so the engine can trust them: every name an expression uses
exists, every effect path is a real meter, every id is unique. Nothing here does
I/O or knows about files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, TypeVar

from attrs import field, frozen

if TYPE_CHECKING:
    from .nodes import Node

T = TypeVar("T")

# Visibility of a meter during play.
PUBLIC = "public"
FACILITATOR = "facilitator"
HIDDEN = "hidden"
METER_VISIBILITIES = (PUBLIC, FACILITATOR, HIDDEN)

# Instrument categories named by the design.
CATEGORIES = ("private", "public", "economic", "legal", "multilateral", "security", "humanitarian")
INSTRUMENT_VISIBILITIES = ("private", "public")

# The role meter that pays for instruments.
CAPITAL = "capital"


@frozen(eq=False)
class Expr:
    """A compiled expression: its source text, the closure, and what it reads.

    ``fn`` takes an evaluation context (see ``game.rules.evaluate.Context``).
    ``kind`` is ``"num"`` or ``"bool"``. ``reads`` lists the meter paths it reads
    (with ``target.``/``self.`` left as written) so lint and the after-action
    review can reason about it without running it.
    """

    source: str
    fn: Callable = field(repr=False)
    kind: str = "num"
    reads: frozenset[str] = frozenset()
    functions: frozenset[str] = frozenset()
    node: Node = field(kw_only=True, repr=False)  # its syntax tree (game.rules.nodes); a Number for a TOML number
    depends: frozenset[tuple[str, str]] = frozenset()  # what of the game it reads (game.rules.nodes.depends)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expr) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)


@frozen
class Effect:
    """Change one meter: add ``value`` to it, or set it to ``value``.

    ``path`` is a meter path; in an instrument it may start with ``target.`` or
    ``self.``, resolved when the order is carried out.
    """

    path: str
    value: Expr
    op: str = "add"  # "add" | "set"


@frozen
class Meter:
    id: str
    label: str
    start: int
    min: int = 0
    max: int = 100
    visibility: str = PUBLIC
    good: str = "high"
    refill: int | None = None
    text: str = ""


@frozen
class Objective:
    id: str
    text: str
    when: Expr
    points: int = 1


@frozen
class Role:
    id: str
    name: str
    summary: str
    briefing: str
    orders: int
    instruments: tuple[str, ...]  # resolved instrument ids this role may use
    objectives: tuple[Objective, ...] = ()


@frozen
class Actor:
    id: str
    name: str
    kind: str
    at: tuple[float, float]
    summary: str = ""
    starts: tuple[tuple[str, int], ...] = ()  # per-actor start values of actor meters


@frozen
class Instrument:
    id: str
    name: str
    category: str
    text: str
    cost: int = 0
    targets: tuple[str, ...] = ()  # actor kinds; empty = no target
    visibility: str = "public"
    signals: tuple[str, ...] = ()
    requires: Expr | None = None
    effects: tuple[Effect, ...] = ()
    cooldown: int = 0

    @property
    def needs_target(self) -> bool:
        return bool(self.targets)


@frozen
class Crisis:
    id: str
    title: str
    text: str
    round: int | None = None
    when: Expr | None = None
    chance: float = 1.0
    effects: tuple[Effect, ...] = ()
    ongoing: tuple[Effect, ...] = ()
    ends_when: Expr | None = None
    lasts: int | None = None
    inject: bool = False


@frozen
class Consequence:
    id: str
    when: Expr
    delay: int = 0
    chance: float = 1.0
    once: bool = True
    effects: tuple[Effect, ...] = ()
    reveal: str = ""
    reveal_to: str | tuple[str, ...] = "all"  # "all" | "none" | role ids
    debrief: str = ""
    title: str = ""


@frozen
class ScheduledInject:
    """An inject planned in the scenario: ``crisis`` breaks at ``round`` unless the
    facilitator skips or defers it."""

    round: int
    crisis: str
    note: str = ""


@frozen
class End:
    lose_when: Expr | None = None
    lose_text: str = "The situation has collapsed. Everyone loses."


@frozen
class Scenario:
    """A whole scenario, validated and compiled.

    ``meters`` maps every meter path to its declaration: ``stability`` for a
    global meter, ``veyra.trust`` for an actor's, ``foreign.capital`` for a
    role's. ``start_values`` gives the initial value of each path.
    """

    id: str
    title: str
    summary: str
    rounds: int
    players: tuple[int, int]
    seed: int
    objectives: tuple[str, ...]
    debrief: tuple[str, ...]
    provenance: str
    global_meters: tuple[Meter, ...]
    actor_meters: tuple[Meter, ...]
    role_meters: tuple[Meter, ...]
    roles: tuple[Role, ...]
    actors: tuple[Actor, ...]
    instruments: tuple[Instrument, ...]
    crises: tuple[Crisis, ...] = ()
    consequences: tuple[Consequence, ...] = ()
    end: End = End()
    schedule: tuple[ScheduledInject, ...] = ()
    content_hash: str = ""
    names: object = field(default=None, eq=False, repr=False)  # the vocabulary expressions were parsed with (Names)
    meters: dict[str, Meter] = field(init=False, factory=dict, eq=False, repr=False)
    _index: dict = field(init=False, factory=dict, eq=False, repr=False)
    _derived: dict[Callable[[Scenario], Any], Any] = field(init=False, factory=dict, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for m in self.global_meters:
            self.meters[m.id] = m
        for a in self.actors:
            for m in self.actor_meters:
                self.meters[f"{a.id}.{m.id}"] = m
        for r in self.roles:
            for m in self.role_meters:
                self.meters[f"{r.id}.{m.id}"] = m
        idx = self._index
        idx["role"] = {r.id: r for r in self.roles}
        idx["actor"] = {a.id: a for a in self.actors}
        idx["instrument"] = {i.id: i for i in self.instruments}
        idx["crisis"] = {c.id: c for c in self.crises}
        idx["consequence"] = {c.id: c for c in self.consequences}

    # Lookups by id; the loader guarantees ids are unique.
    def role(self, role_id: str) -> Role:
        return self._index["role"][role_id]

    def actor(self, actor_id: str) -> Actor:
        return self._index["actor"][actor_id]

    def instrument(self, instrument_id: str) -> Instrument:
        return self._index["instrument"][instrument_id]

    def crisis(self, crisis_id: str) -> Crisis:
        return self._index["crisis"][crisis_id]

    def consequence(self, consequence_id: str) -> Consequence:
        return self._index["consequence"][consequence_id]

    def meter_label(self, path: str) -> str:
        """A meter path as a person reads it: "Republic of Veyra: Trust in us"."""
        meter = self.meters[path]
        owner, _, rest = path.partition(".")
        if not rest:
            return meter.label
        who = self._index["actor"].get(owner) or self._index["role"].get(owner)
        return f"{who.name}: {meter.label}"

    def has_role(self, role_id: str) -> bool:
        return role_id in self._index["role"]

    def has_actor(self, actor_id: str) -> bool:
        return actor_id in self._index["actor"]

    def has_crisis(self, crisis_id: str) -> bool:
        return crisis_id in self._index["crisis"]

    def has_consequence(self, consequence_id: str) -> bool:
        return consequence_id in self._index["consequence"]

    @property
    def role_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.roles)

    def derived(self, build: Callable[[Scenario], T]) -> T:
        """``build(self)``, computed once per scenario and kept with it: for tables
        other modules derive from a scenario (a bot's reading of event texts, say)."""
        try:
            return self._derived[build]
        except KeyError:
            value = self._derived[build] = build(self)
            return value


def start_values(scenario: Scenario) -> dict[str, int]:
    """Initial meter values by path, with each actor's own start values applied."""
    values: dict[str, int] = {}
    for m in scenario.global_meters:
        values[m.id] = m.start
    for a in scenario.actors:
        overrides = dict(a.starts)
        for m in scenario.actor_meters:
            values[f"{a.id}.{m.id}"] = overrides.get(m.id, m.start)
    for r in scenario.roles:
        for m in scenario.role_meters:
            values[f"{r.id}.{m.id}"] = m.start
    return values
