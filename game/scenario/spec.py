"""The scenario FILE format, as authors write it (see DESIGN.md, format-decisions.md).

These classes mirror the TOML keys exactly, one class per table, so the strict
converter can structure a parsed file into them and reject anything else. They
are a description of the text, not the runtime model: names are still strings
here, expressions are still source text. ``game.scenario.build`` turns them into
``game.rules.model`` objects once every check has passed.

Every field carries ``metadata={"doc": ...}``: the format reference and the JSON
Schema are generated from these descriptions, so they are the single source.
"""

from typing import Union

import attrs

FORMAT_VERSION = 1

# Effect values: a number, an expression ("-target.trust / 10"), or "=N" to set.
EffectValue = Union[int, float, str]
# reveal_to: "all" | "none" | [role ids]
RevealTo = Union[str, tuple[str, ...]]

DEFAULT_LOSE_TEXT = "The situation has collapsed. Everyone loses."


def _f(doc: str, **kwargs):
    """An attrs field with its one-line description for the generated docs."""
    return attrs.field(metadata={"doc": doc}, **kwargs)


def _effects(doc: str):
    return _f(doc, factory=dict)


@attrs.frozen(kw_only=True)
class MeterSpec:
    """A global meter ``[meters.X]`` or an actor meter ``[actor_meters.X]``."""

    label: str = _f("Name shown on the board.")
    start: int = _f("Value at the start of the game (a whole number).")
    min: int = _f("Lowest value; the meter is clamped to it.", default=0)
    max: int = _f("Highest value; the meter is clamped to it.", default=100)
    visibility: str = _f(
        "public (everyone sees it), facilitator (only the facilitator during play) or hidden (nobody during play).",
        default="public",
    )
    good: str = _f("high or low: which direction is good; drives colours and bots.", default="high")
    text: str = _f("Optional one-line explanation shown in tooltips.", default="")


@attrs.frozen(kw_only=True)
class RoleMeterSpec(MeterSpec):
    """A role meter ``[role_meters.X]``: every role has it, seen by that role and the facilitator."""

    refill: int | None = _f("Optional: reset to this value at the start of every round.", default=None)


@attrs.frozen(kw_only=True)
class ScenarioHeader:
    """The ``[scenario]`` table: what the scenario is called and how it is played."""

    id: str = _f("Short unique id, used on the command line (letters, digits, _).")
    title: str = _f("Title shown in the scenario picker.")
    summary: str = _f("One-paragraph summary shown in the scenario picker.", default="")
    rounds: int = _f("Number of rounds.")
    players: tuple[int, int] | None = _f(
        "[min, max] humans it suits; a role with no human gets a bot. Default [1, number of roles].", default=None
    )
    seed: int = _f("Default random seed; the command line can override it.", default=0)
    include: tuple[str, ...] = _f("Instrument libraries to include, relative to this file.", default=())
    objectives: tuple[str, ...] = _f("Learning objectives shown to the facilitator.", default=())
    debrief: tuple[str, ...] = _f("Questions for the after-action review.", default=())
    provenance: str = _f("Optional: sources, assumptions, version notes.", default="")


@attrs.frozen(kw_only=True)
class ObjectiveSpec:
    """A ``[[roles.objectives]]`` entry, scored after the last round."""

    id: str = _f("Id, unique within its role.")
    text: str = _f("What the role is trying to achieve.")
    when: str = _f("Condition that must hold after the last round; may use self.X.")
    points: int = _f("Points scored when it holds.", default=1)


@attrs.frozen(kw_only=True)
class RoleSpec:
    """A ``[[roles]]`` entry: one seat at the table."""

    id: str = _f("Unique id (letters, digits, _); used in meter paths like foreign.capital.")
    name: str = _f("Name shown to everyone.")
    summary: str = _f("Public description.", default="")
    briefing: str = _f("Private briefing, shown only to this seat and the facilitator.", default="")
    orders: int = _f("How many instruments the role may use each round.", default=1)
    instruments: tuple[str, ...] = _f(
        'Instruments it may use: ["*"] for all, or instrument ids and/or categories.', default=("*",)
    )
    objectives: tuple[ObjectiveSpec, ...] = _f("The role's objectives ([[roles.objectives]]).", default=())


@attrs.frozen(kw_only=True)
class ActorSpec:
    """An ``[[actors]]`` entry: a state, ministry, faction or forum on the board."""

    id: str = _f("Unique id (letters, digits, _); used in meter paths like veyra.trust.")
    name: str = _f("Name shown on the board.")
    kind: str = _f("A free word (ally, adversary, forum, ...); instruments target kinds.")
    at: tuple[float, float] = _f("Board position [x, y], each from 0 to 1.")
    summary: str = _f("Optional description shown in tooltips.", default="")
    meters: dict[str, int] = _f("Start values of actor meters for this actor, e.g. { trust = 70 }.", factory=dict)


@attrs.frozen(kw_only=True)
class InstrumentSpec:
    """An ``[[instruments]]`` entry: a diplomatic action a role can choose."""

    id: str = _f("Unique id (letters, digits, _).")
    name: str = _f("Name shown in the hand of instruments.")
    category: str = _f("private, public, economic, legal, multilateral, security or humanitarian.")
    text: str = _f("What it is, shown in tooltips.")
    cost: int = _f("Political capital it costs (paid from the role meter capital).", default=0)
    targets: tuple[str, ...] = _f("Actor kinds it can target; absent means it has no target.", default=())
    visibility: str = _f(
        "public (announced in the news) or private (only the user and the facilitator learn of it).", default="public"
    )
    signals: tuple[str, ...] = _f("Tags that conditions can count with used(signal=...).", default=())
    requires: str | None = _f("Optional precondition; may use target.X and self.X.", default=None)
    effects: dict[str, EffectValue] = _effects(
        'Meter changes: path = amount (a number or an expression); "=N" sets the meter.'
    )
    cooldown: int = _f("Rounds before the same seat may use it again.", default=0)


@attrs.frozen(kw_only=True)
class CrisisSpec:
    """A ``[[crises]]`` entry: an event that breaks at a round or when a condition holds."""

    id: str = _f("Unique id (letters, digits, _).")
    title: str = _f("Title of the crisis card.")
    text: str = _f("What happened, shown as public news.")
    round: int | None = _f("Breaks at the briefing of this round ...", default=None)
    when: str | None = _f("... or at the first briefing where this condition holds.", default=None)
    chance: float = _f("Probability (0 to 1) that it breaks when due.", default=1.0)
    effects: dict[str, EffectValue] = _effects("Meter changes when it breaks.")
    ongoing: dict[str, EffectValue] = _effects("Meter changes at the end of every round while it is active.")
    ends_when: str | None = _f("Condition checked at the end of each round that ends it.", default=None)
    lasts: int | None = _f("It ends after being active this many rounds.", default=None)
    inject: bool = _f("true: only a facilitator starts it (then round and when must be absent).", default=False)


@attrs.frozen(kw_only=True)
class ConsequenceSpec:
    """A ``[[consequences]]`` entry: a hidden rule that fires when its condition holds."""

    id: str = _f("Unique id (letters, digits, _).")
    when: str = _f("Condition, checked every round after resolution.")
    delay: int = _f("Rounds between the condition holding and the consequence firing (0 = now).", default=0)
    chance: float = _f("Probability (0 to 1) that it fires when the condition holds.", default=1.0)
    once: bool = _f("true: it fires at most once per game.", default=True)
    effects: dict[str, EffectValue] = _effects("Meter changes when it fires.")
    reveal: str = _f("Text shown to its audience when it fires.", default="")
    reveal_to: RevealTo = _f('Who reads the reveal: "all", "none" or a list of role ids.', default="all")
    debrief: str = _f("The lesson, shown in the after-action review.", default="")
    title: str = _f("Optional short name for the review.", default="")


@attrs.frozen(kw_only=True)
class ScheduleSpec:
    """A ``[[schedule]]`` entry: an inject planned for a round of an exercise."""

    round: int = _f("The round at whose briefing the crisis breaks, unless the facilitator skips or defers it.")
    crisis: str = _f("Id of the crisis to start (usually an inject = true one).")
    note: str = _f("Optional note for the facilitator: why it is there, what to watch for.", default="")


@attrs.frozen(kw_only=True)
class EndSpec:
    """The ``[end]`` table: how the game can end early for everyone."""

    lose_when: str | None = _f("Condition that ends the game, everyone losing.", default=None)
    lose_text: str = _f("What everyone reads when that happens.", default=DEFAULT_LOSE_TEXT)


@attrs.frozen(kw_only=True)
class ScenarioFile:
    """A whole scenario file."""

    format: int = _f("Format version; must be 1.")
    scenario: ScenarioHeader = _f("The [scenario] table.")
    meters: dict[str, MeterSpec] = _f("Global meters, [meters.X].", factory=dict)
    actor_meters: dict[str, MeterSpec] = _f("Meters every actor has, [actor_meters.X].", factory=dict)
    role_meters: dict[str, RoleMeterSpec] = _f(
        "Meters every role has, [role_meters.X]; capital pays instrument costs.", factory=dict
    )
    roles: tuple[RoleSpec, ...] = _f("The seats, [[roles]].", default=())
    actors: tuple[ActorSpec, ...] = _f("The actors on the board, [[actors]].", default=())
    instruments: tuple[InstrumentSpec, ...] = _f("Scenario-specific instruments, [[instruments]].", default=())
    crises: tuple[CrisisSpec, ...] = _f("Crises, [[crises]].", default=())
    consequences: tuple[ConsequenceSpec, ...] = _f("Hidden consequences, [[consequences]].", default=())
    schedule: tuple[ScheduleSpec, ...] = _f(
        "Exercise schedule: injects planned for given rounds, [[schedule]].", default=()
    )
    end: EndSpec = _f("The [end] table.", factory=EndSpec)


@attrs.frozen(kw_only=True)
class ContractSpec:
    """The ``[contract]`` table of a library: the meters its instruments rely on.

    A scenario that includes the library must declare each of them; the library
    is checked on its own against exactly these names.
    """

    actor_meters: tuple[str, ...] = _f(
        "Actor meters its instruments use as target.X; a scenario that includes it must declare each as [actor_meters.X].",
        default=(),
    )
    meters: tuple[str, ...] = _f(
        "Global meters its instruments use; a scenario that includes it must declare each as [meters.X].", default=()
    )
    role_meters: tuple[str, ...] = _f(
        "Role meters its instruments use as self.X (and capital if any instrument has a cost); a scenario that includes it must declare each as [role_meters.X].",
        default=(),
    )


@attrs.frozen(kw_only=True)
class LibraryFile:
    """An included instrument library: instruments, the meters they need, and further includes."""

    format: int = _f("Format version; must be 1.")
    include: tuple[str, ...] = _f("Further libraries to include, relative to this file.", default=())
    contract: ContractSpec | None = _f("The meters its instruments rely on, [contract].", default=None)
    instruments: tuple[InstrumentSpec, ...] = _f("The instruments, [[instruments]].", default=())
