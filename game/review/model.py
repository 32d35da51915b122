"""The report model: typed, frozen records of one replayed game (or two side by side).

One model feeds every output (HTML, Markdown, JSON) and a test can read it
directly. The records mirror the JSON the review has always written, field for
field and in the same order (``jsondata`` turns them into that JSON and back):
a field made with ``optional()`` is left out of the JSON while it is None, so
every record writes exactly the keys it always did. Timeline entries are one
record type per kind of event, so a renderer asks ``isinstance`` instead of
looking for keys.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

from attrs import field, frozen

from ..i18n import _
from .talks import Commitment, Negotiation

REPORT_FORMAT = "demarche-report"
REPORT_VERSION = 1

Scalar: TypeAlias = int | float | bool | str
Series: TypeAlias = list[int | None]


class ReportError(Exception):
    """The report cannot be made; the message says why (exit code 1)."""


class UnknownRoleError(ReportError):
    """``--role`` names no role of the scenario; the message lists them (exit code 2)."""


def optional() -> Any:
    """A field written to the JSON only when it has a value."""
    return field(default=None, metadata={"optional": True})


def language() -> Any:
    """The language of the scenario's own text (``[scenario] language``): written to the JSON only when it is
    not English, so the reports of English scenarios keep the keys they always had."""
    return field(default="en", metadata={"optional": True})


# --------------------------------------------------------------------------- small pieces


@frozen(kw_only=True)
class Order:
    """A resolved order as the review shows it, with the player's reasons."""

    round: int
    role: str
    role_name: str
    instrument: str
    instrument_name: str
    category: str
    target: str | None
    target_name: str
    public: bool
    signals: list[str]
    reasons: list[str]


@frozen(kw_only=True)
class Change:
    path: str
    label: str
    before: int
    after: int
    delta: int


@frozen(kw_only=True)
class ConditionValue:
    """One value a consequence's condition read: a meter, an order count or a fact.

    ``value`` is what the condition read, partway through a round's resolution for most; for a meter,
    ``before`` and ``after`` are what the board showed either side of that round (``game.review.seen``),
    the values the review cites."""

    name: str
    label: str
    kind: str  # "meter", "count" or "fact"
    value: Scalar
    visibility: str
    before: int | None = optional()  # the meter at the end of the round before the check (the start: round 1)
    after: int | None = optional()  # the meter at the end of the round of the check


@frozen(kw_only=True)
class JudgedValue:
    """One value an objective was judged on at the end of the game."""

    path: str
    label: str
    kind: str  # "meter", "count" or "fact"
    value: Scalar
    visibility: str


@frozen(kw_only=True)
class Trace:
    """What satisfied a condition: the orders it counted and the values it read."""

    round: int | None
    orders: list[Order]
    values: list[ConditionValue]


@frozen(kw_only=True)
class Meter:
    path: str
    label: str
    short: str
    visibility: str
    good: str
    min: int
    max: int
    series: Series


@frozen(kw_only=True)
class MeterGroup:
    id: str
    label: str
    meters: list[Meter]


@frozen(kw_only=True)
class Override:
    """A facilitator's override, matched to the engine's proposal it replaced."""

    round: int
    key: str
    path: str
    label: str
    event: str
    proposed: int | None
    delta: int
    reason: str


# --------------------------------------------------------------------------- the timeline


@frozen(kw_only=True)
class Event:
    """An event with nothing more to say than its text and changes."""

    kind: str
    text: str
    facilitator: bool
    audience: str
    changes: list[Change]


@frozen(kw_only=True)
class OrderEvent(Event):
    order: Order


@frozen(kw_only=True)
class CrisisEvent(Event):
    """A crisis that broke by the scenario's own rules (a condition or its schedule)."""

    crisis: str
    title: str
    body: str
    how: str
    trace: Trace | None


@frozen(kw_only=True)
class InjectedCrisis(Event):
    """A crisis the facilitator injected or published early."""

    crisis: str
    title: str
    body: str
    how: str
    reason: str
    round: int | None = optional()  # set in the facilitator's log


@frozen(kw_only=True)
class ConsequenceEvent(Event):
    consequence: str
    title: str
    anchor: str


@frozen(kw_only=True)
class ScheduledEvent(Event):
    """A consequence's condition held; it fires ``fire_round``."""

    consequence: str
    title: str
    held: int
    fire_round: int


@frozen(kw_only=True)
class FacilitatorEvent(Event):
    """An adjustment or a change of adjudication mode."""

    reason: str
    round: int | None = optional()


@frozen(kw_only=True)
class NoteEvent(Event):
    reason: str
    about: str | None
    about_name: str
    round: int | None = optional()


@frozen(kw_only=True)
class OverrideEvent(Event):
    reason: str
    overrides: list[Override]
    round: int | None = optional()


@frozen(kw_only=True)
class ScheduleEvent(Event):
    """A scheduled inject deferred, skipped or published."""

    reason: str
    op: str
    round: int | None = optional()


TimelineItem: TypeAlias = (
    Event
    | OrderEvent
    | CrisisEvent
    | InjectedCrisis
    | ConsequenceEvent
    | ScheduledEvent
    | FacilitatorEvent
    | NoteEvent
    | OverrideEvent
    | ScheduleEvent
)
LoggedAction: TypeAlias = InjectedCrisis | FacilitatorEvent | NoteEvent | OverrideEvent | ScheduleEvent


@frozen(kw_only=True)
class Round:
    round: int
    items: list[TimelineItem]


# --------------------------------------------------------------------------- consequences, scores, header


@frozen(kw_only=True)
class FiredConsequence:
    """A consequence that fired, with its causal trace and its lesson."""

    id: str
    title: str
    fired: int
    held: int
    apart: int
    apart_text: str
    text: str
    audience: str
    condition: str
    orders: list[Order]
    values: list[ConditionValue]
    changes: list[Change]
    lesson: str
    anchor: str


def fired_groups(fired: list[FiredConsequence]) -> list[list[FiredConsequence]]:
    """The firings of each consequence together, each group in the order it first fired: the list of
    consequences shows a consequence that fired several times once ("fired 3 times: rounds 2, 3, 5"),
    with every firing's causes under it. ``GameReport.consequences`` keeps one record per firing."""
    groups: dict[str, list[FiredConsequence]] = {}
    for c in fired:
        groups.setdefault(c.id, []).append(c)
    return list(groups.values())


def fired_summary(group: list[FiredConsequence]) -> str:
    """ "fired 3 times: rounds 2, 3, 5" (one firing: "fired in round 2")."""
    rounds = ", ".join(str(c.fired) for c in group)
    if len(group) > 1:
        return _("fired {n} times: rounds {rounds}").format(n=len(group), rounds=rounds)
    return _("fired in round {rounds}").format(rounds=rounds)


@frozen(kw_only=True)
class PendingConsequence:
    """A consequence whose condition held but which had not fired when the game ended."""

    id: str
    title: str
    held: int
    fire_round: int
    condition: str
    orders: list[Order]
    values: list[ConditionValue]
    lesson: str


@frozen(kw_only=True)
class CrisisRecord:
    id: str
    title: str
    started: int
    ended: int | None
    how: str
    facilitator: bool


@frozen(kw_only=True)
class Note:
    round: int
    about: str | None
    about_name: str
    text: str


@frozen(kw_only=True)
class LessonClaim:
    """A lesson the scenario states as a claim (``[[lessons]]``) and how ``simulate --lessons`` tests it."""

    id: str
    text: str
    role: str
    role_name: str
    better: str
    worse: str
    margin: float
    others: str


@frozen(kw_only=True)
class Objective:
    id: str
    text: str
    points: int
    status: Literal["met", "missed", "open"]
    condition: str
    values: list[JudgedValue]
    orders: list[Order]
    detail: str | None = optional()  # when it was judged and how it went: "by round 4; met in round 2"
    credit: int | None = optional()  # the partial credit a missed objective scored


@frozen(kw_only=True)
class Score:
    role: str
    role_name: str
    points: int | None
    possible: int
    objectives: list[Objective]


@frozen(kw_only=True)
class Seat:
    role: str
    role_name: str
    name: str
    kind: Literal["human", "bot", "unrecorded"]
    bot: str | None


@frozen(kw_only=True)
class Mode:
    mode: str
    from_round: int


@frozen(kw_only=True)
class Outcome:
    lost: bool
    text: str
    round: int
    trace: Trace | None


@frozen(kw_only=True)
class Header:
    scenario_id: str
    title: str
    summary: str
    save: str
    created: str
    seed: int
    content_hash: str
    content_hash_short: str
    rounds: int
    round: int
    over: bool
    outcome: Outcome | None
    seats: list[Seat]
    modes: list[Mode]
    parent: dict[str, Scalar] | None  # a branch's lineage, as the save's metadata records it
    language: str = language()


# --------------------------------------------------------------------------- one role's own view


@frozen(kw_only=True)
class ViewItem:
    kind: str
    text: str
    changes: list[Change]
    own: bool
    order: Order | None = optional()


@frozen(kw_only=True)
class ViewRound:
    round: int
    items: list[ViewItem]


@frozen(kw_only=True)
class ViewObjective:
    id: str
    text: str
    points: int
    status: Literal["met", "missed", "open"]
    values: list[JudgedValue]
    unseen_values: int
    detail: str | None = optional()  # its timing and partial credit, as the role could know them
    credit: int | None = optional()


@frozen(kw_only=True)
class ViewOutcome:
    lost: bool
    text: str
    round: int


@frozen(kw_only=True)
class ViewScore:
    role: str
    role_name: str
    points: int
    possible: int


@frozen(kw_only=True)
class RoleView:
    """What one role saw during play (built from ``observe`` only)."""

    role: str
    role_name: str
    player: str
    title: str
    scenario_id: str
    created: str
    seats: list[Seat]
    summary: str
    briefing: str
    objectives: list[ViewObjective]
    timeline: list[ViewRound]
    axis: list[str]
    meters: list[MeterGroup]
    outcome: ViewOutcome | None
    scores: list[ViewScore]
    points: int | None
    possible: int | None
    reveal: bool  # False when an unfinished game is shown to one role alone (no reveal follows)
    # the role's own talks and commitments (``talks``); left out of the JSON for a game without talks
    negotiation: Negotiation | None = optional()
    commitments: list[Commitment] | None = optional()
    language: str = language()


# --------------------------------------------------------------------------- the reports


@frozen(kw_only=True)
class GameReport:
    """The full report (everything, for the facilitator and the reveal); with a
    role asked for, that role's own view comes first."""

    format: str = REPORT_FORMAT
    version: int = REPORT_VERSION
    kind: Literal["game"] = "game"
    header: Header
    learning_objectives: list[str]
    timeline: list[Round]
    consequences: list[FiredConsequence]
    pending: list[PendingConsequence]
    crises: list[CrisisRecord]
    axis: list[str]
    meters: list[MeterGroup]
    scores: list[Score]
    facilitator_actions: list[LoggedAction]
    notes: list[Note]
    debrief: list[str]
    lessons: list[LessonClaim] = field(factory=list, metadata={"optional": True})  # written only when stated
    # every message and deal, and every accepted deal (``talks``); left out for a game without talks
    negotiation: Negotiation | None = optional()
    commitments: list[Commitment] | None = optional()
    role_view: RoleView | None = optional()

    def to_json(self) -> dict:
        from .jsondata import to_json

        return to_json(self)


@frozen(kw_only=True)
class RoleReport:
    """An unfinished game seen by one role alone: its own view and no reveal."""

    format: str = REPORT_FORMAT
    version: int = REPORT_VERSION
    kind: Literal["role"] = "role"
    role_view: RoleView

    def to_json(self) -> dict:
        from .jsondata import to_json

        return to_json(self)


# --------------------------------------------------------------------------- two games side by side


@frozen(kw_only=True)
class Side:
    """One game of a comparison, in brief."""

    label: str
    save: str
    created: str
    seed: int
    content_hash_short: str
    round: int
    over: bool
    outcome: Outcome | None
    seats: list[Seat]
    modes: list[Mode]
    facilitator_actions: int
    consequences_fired: int


@frozen(kw_only=True)
class Lineage:
    child: str
    parent: str
    details: dict[str, Scalar]


@frozen(kw_only=True)
class RoleDecision:
    """One role's orders in one round of both games (None: that game was over)."""

    role: str
    role_name: str
    a: list[Order] | None
    b: list[Order] | None
    differs: bool


@frozen(kw_only=True)
class DecisionRound:
    round: int
    differs: bool
    roles: list[RoleDecision]


@frozen(kw_only=True)
class Decisions:
    first_round: int | None
    rounds: list[DecisionRound]


@frozen(kw_only=True)
class SharedConsequence:
    id: str
    title: str
    rounds_a: list[int]
    rounds_b: list[int]
    same: bool


@frozen(kw_only=True)
class ConsequenceDiff:
    only_a: list[FiredConsequence]
    only_b: list[FiredConsequence]
    both: list[SharedConsequence]


@frozen(kw_only=True)
class CompareMeter:
    path: str
    label: str
    short: str
    visibility: str
    good: str
    min: int
    max: int
    series_a: Series
    series_b: Series


@frozen(kw_only=True)
class CompareGroup:
    id: str
    label: str
    meters: list[CompareMeter]


@frozen(kw_only=True)
class FinalDifference:
    path: str
    label: str
    visibility: str
    a: int
    b: int
    diff: int


@frozen(kw_only=True)
class CompareObjective:
    id: str
    text: str
    points: int
    a: Literal["met", "missed", "open"]
    b: Literal["met", "missed", "open"]


@frozen(kw_only=True)
class CompareOutcome:
    role: str
    role_name: str
    possible: int
    a: int | None
    b: int | None
    objectives: list[CompareObjective]


@frozen(kw_only=True)
class Comparison:
    """Two games of one scenario: where they diverged and what followed."""

    format: str = REPORT_FORMAT
    version: int = REPORT_VERSION
    kind: Literal["compare"] = "compare"
    scenario_id: str
    title: str
    same_version: bool
    a: Side
    b: Side
    lineage: list[Lineage]
    shared_actions: int
    shared_rounds: int
    decisions: Decisions
    consequences: ConsequenceDiff
    axis: list[str]
    meters: list[CompareGroup]
    final_differences: list[FinalDifference]
    outcomes: list[CompareOutcome]
    language: str = language()

    def to_json(self) -> dict:
        from .jsondata import to_json

        return to_json(self)


Report: TypeAlias = GameReport | RoleReport | Comparison
