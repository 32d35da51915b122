"""Game state, actions and events: plain data, frozen.

A game is ``new_game(scenario, seed)`` folded over a list of actions with
``engine.apply``. Everything here is immutable so a state can be kept, compared,
hashed and replayed; the engine builds new states instead of editing old ones.
"""

from __future__ import annotations

from attrs import field, frozen

from .hashing import quiet_field

ALL = "all"
FACILITATOR_SEAT = "facilitator"
PUBLIC_SEAT = "public"  # what anyone looking at the screen may see (hand-over screens)


# --------------------------------------------------------------------------- orders


@frozen
class Order:
    """One instrument a seat chooses, with its target and the player's reasons."""

    instrument: str
    target: str | None = None
    reasons: tuple[str, ...] = ()


@frozen
class Played:
    """A resolved order, as ``used()`` counts it and the review shows it."""

    round: int
    role: str
    instrument: str
    target: str | None
    category: str
    signals: tuple[str, ...]
    public: bool
    reasons: tuple[str, ...] = ()


# --------------------------------------------------------------------------- actions


@frozen
class Submit:
    """A seat confirms its orders for this round (replacing any earlier submission)."""

    role: str
    orders: tuple[Order, ...] = ()


@frozen
class Override:
    """In semi-rigid adjudication, the facilitator replaces one proposed change.

    ``key`` names the change as ``"N:path"``: the meter ``path`` in the N-th
    event (from 0) that resolving the round produces, as ``preview`` shows it.
    ``delta`` is applied instead of the proposed amount.
    """

    key: str
    delta: int
    reason: str


@frozen
class Resolve:
    """Every seat has submitted: resolve the round, with any facilitator overrides."""

    overrides: tuple[Override, ...] = ()


@frozen
class Inject:
    """The facilitator starts a crisis now (normally an inject-only one)."""

    crisis: str
    reason: str = ""


@frozen
class Adjust:
    """The facilitator changes a meter by ``delta``, with a reason for the log."""

    path: str
    delta: int
    reason: str


@frozen
class Note:
    """A facilitator's note, tagged to the current round and optionally an actor or role."""

    text: str
    about: str | None = None


@frozen
class SetMode:
    """Adjudication mode: "rigid" (the engine decides) or "semi-rigid" (the
    facilitator reviews each round's results before they stand)."""

    mode: str


@frozen
class Reschedule:
    """Act on the scenario's ``[[schedule]]`` entry ``index``: "publish" it now,
    "skip" it, or "defer" it by ``rounds``."""

    index: int
    op: str
    rounds: int = 1
    reason: str = ""


# --------------------------------------------------------------------------- negotiation


@frozen
class Term:
    """One side of a deal: ``role`` will (``do``) or will not play ``instrument`` (on ``target``,
    or on anything when None) in round ``round``."""

    role: str
    instrument: str
    target: str | None
    round: int
    do: bool = True


@frozen
class Write:
    """A seat writes to other seats; each reads it at its next private turn."""

    role: str
    to: tuple[str, ...]
    text: str


@frozen
class Propose:
    """A seat offers a deal to one other seat: what each of them will do or not do. ``counters``
    names the deal (by number) this one answers with other terms."""

    role: str
    partner: str
    terms: tuple[Term, ...]
    text: str = ""
    counters: int | None = None


@frozen
class Answer:
    """The partner of a proposed deal accepts or declines it."""

    role: str
    deal: int
    accept: bool


@frozen
class Letter:
    """A message as the game keeps it: its number, the round it was written in, who wrote it, to whom."""

    number: int
    round: int
    sender: str
    to: tuple[str, ...]
    text: str


# A deal's status: "proposed", then "accepted", "declined", "countered" or "expired" (unanswered
# when its first term's round was over); an accepted deal is settled
# ("kept" or "broken") when the round of its last term resolves, or is "void" when the game
# ended before that round was played.
DEAL_STATUSES = ("proposed", "accepted", "declined", "countered", "expired", "kept", "broken", "void")


@frozen
class Deal:
    """A proposal and what became of it. ``broken_by``: the parties who broke a term of it;
    ``settled``: the round it was judged kept or broken."""

    number: int
    round: int
    proposer: str
    partner: str
    terms: tuple[Term, ...]
    text: str = ""
    status: str = "proposed"
    counters: int | None = None
    answered: int | None = None
    settled: int | None = None
    broken_by: tuple[str, ...] = ()

    @property
    def parties(self) -> tuple[str, str]:
        return (self.proposer, self.partner)

    def other(self, party: str) -> str:
        """The party that is not ``party``."""
        return self.partner if party == self.proposer else self.proposer

    @property
    def last_round(self) -> int:
        """The round of its last term: when it is settled."""
        return max(t.round for t in self.terms)

    @property
    def kept(self) -> bool | None:
        """True or False once settled; None while it may still be carried out (or never was agreed)."""
        return True if self.status == "kept" else False if self.status == "broken" else None


Action = Submit | Resolve | Inject | Adjust | Note | SetMode | Reschedule | Write | Propose | Answer
MODES = ("rigid", "semi-rigid")


# --------------------------------------------------------------------------- events


@frozen
class Change:
    path: str
    before: int
    after: int


@frozen
class Cause:
    """Why an event happened.

    ``kind`` is "order", "crisis", "consequence", "response" (an actor's, ``ref`` "actor.id" and
    ``role`` the role it is aimed at, if any), "facilitator" or "rule".
    For a consequence, ``orders`` are the orders its condition counted and
    ``values`` the meter values and facts it read when the condition held, in
    the round ``round``.
    """

    kind: str
    ref: str
    round: int
    role: str | None = None
    orders: tuple[Played, ...] = ()
    values: tuple[tuple[str, int | float | bool], ...] = ()
    note: str = ""


@frozen
class Event:
    """Something that happened, who may know it, why, and which meters moved.

    ``audience`` is "all", "facilitator", or a tuple of role ids; the
    facilitator always sees every event.
    """

    round: int
    kind: str
    text: str
    audience: str | tuple[str, ...] = ALL
    cause: Cause | None = None
    changes: tuple[Change, ...] = ()
    ref: str = ""


# --------------------------------------------------------------------------- state


@frozen
class CrisisState:
    """A crisis that has broken: when, whether it has ended, the stage it has escalated to, and how many
    times it has broken (a crisis that ``recurs``)."""

    id: str
    started: int
    ended: int | None = None
    stage: int = quiet_field(0)
    breaks: int = quiet_field(1)


@frozen
class Pending:
    """A consequence whose condition held and that will fire in ``fire_round``."""

    consequence: str
    fire_round: int
    scheduled: int
    cause: Cause


@frozen
class Score:
    role: str
    points: int
    possible: int
    met: tuple[str, ...]
    missed: tuple[str, ...]
    # (objective id, points) of each missed objective with a ``partial`` share; ``points`` includes them.
    partial: tuple[tuple[str, int], ...] = quiet_field(())


@frozen
class Outcome:
    lost: bool
    text: str
    round: int
    scores: tuple[Score, ...]


@frozen(eq=True, unsafe_hash=False)
class GameState:
    """Everything that changes during a game. ``meters`` maps path -> value."""

    round: int
    meters: dict = field(eq=True)
    rng: int
    submitted: tuple[tuple[str, tuple[Order, ...]], ...] = ()
    history: tuple[Played, ...] = ()
    crises: tuple[CrisisState, ...] = ()
    fired: tuple[tuple[str, int], ...] = ()
    pending: tuple[Pending, ...] = ()
    events: tuple[Event, ...] = ()
    outcome: Outcome | None = None
    mode: str = "rigid"
    schedule: tuple[int | None, ...] = ()  # round each [[schedule]] entry breaks at; None = done or skipped
    # (role, objective, round) of timed objectives settled so far (game.rules.timing); () without any.
    marks: tuple[tuple[str, str, int], ...] = quiet_field(())
    # (meter path, role, offset) of each estimated meter a role may see, drawn at every briefing:
    # where that role's band lies (game.rules.chance.band). Empty without ``estimate``.
    offsets: tuple[tuple[str, str, int], ...] = quiet_field(())
    # Negotiation (game.rules.negotiation): every message and every deal, in the order made.
    letters: tuple[Letter, ...] = quiet_field(())
    deals: tuple[Deal, ...] = quiet_field(())

    @property
    def over(self) -> bool:
        return self.outcome is not None

    def orders_of(self, role: str) -> tuple[Order, ...] | None:
        for r, orders in self.submitted:
            if r == role:
                return orders
        return None

    def active_crises(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.crises if c.ended is None)

    def fired_ids(self) -> frozenset[str]:
        return frozenset(cid for cid, _ in self.fired)
