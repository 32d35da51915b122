"""The rules engine: ``new_game`` and ``apply``. Pure and deterministic.

``apply(scenario, state, action) -> (state, events)`` never changes its
arguments. All chance rolls come from the generator kept in the state, so the
same scenario, seed and actions always give the same state, bit for bit.

The round structure (see docs/format.md, "How a round runs"):

1. Briefing: role meters with ``refill`` reset; due crises break.
2. Orders: every seat submits (``Submit``); then ``Resolve``.
3. Resolution: every order's amounts are computed from the state before
   resolution, then applied in role order, orders in the order given.
4. Actors respond (``game.rules.responses``): each actor with responses fires
   at most one that holds.
5. Consequences: scheduled ones whose round has come fire; then each other
   consequence (file order) whose condition holds fires now or is scheduled.
6. End of round: ongoing crisis effects; crisis endings; ``lose_when``; after
   the last round, objectives are scored; otherwise the next briefing.
"""

from __future__ import annotations

import math
from typing import Callable

from ..i18n import N_, _
from . import chance as chancelib
from . import dynamics, facilitator, negotiation, news, responses
from . import rng as rnglib
from .compiler import constant_value
from .counts import RunningCounts
from .expr import Context
from .expr_base import MAX_RESULT
from .facilitator import FACILITATOR_ONLY, IllegalAction
from .model import Effect, Scenario, start_values
from .orders import order_problem, orders_problem, vouched
from .recall import FIRED, QUIET, SCHEDULED, SKIPPED, Recall, conjuncts, deciding_reads
from .state import (
    ALL,
    Adjust,
    Answer,
    Cause,
    Change,
    CrisisState,
    Deal,
    Event,
    GameState,
    Inject,
    Note,
    Order,
    Outcome,
    Pending,
    Played,
    Propose,
    Reschedule,
    Resolve,
    Score,
    SetMode,
    Submit,
    Write,
)
from .timing import credit, judge, mark_round, share

# What the engine writes in the event log, always in English: the log is part of the state, which is hashed
# and never depends on the language. Each is marked for the catalogue; ``game.session.narrate`` reads a
# logged text back into the language spoken.
ROUND_BEGINS = N_("Round {round} of {rounds} begins.")
ORDER = N_("{role}: {instrument}.")
ORDER_ON = N_("{role}: {instrument} on {target}.")
FAILED = N_("{role}: {instrument} could not be carried out ({problem}).")
COSTS_NOW = N_("costs {cost} capital; {left} left this round")
# Translators: a crisis's (or its stage's) title and text, both written by the scenario's author.
CRISIS_NEWS = N_("{title}: {text}")
CONTINUES = N_("{title} continues.")
RESOLVED = N_("{title}: resolved.")
RAN_ITS_COURSE = N_("{title}: has run its course.")
WILL_FIRE = N_("Consequence '{title}' will fire in round {round}.")
DRIFT = N_("Meters settle back toward their usual levels.")
LAST_ROUND = N_("The last round is over.")
# Translators: one facilitator's override of a change: "2:veyra.trust by -5 (too harsh)".
OVERRIDE = N_("{key} by {delta:+d} ({reason})")
OVERRODE = N_("Facilitator overrode: {overrides}")

# A cause names at most this many orders (the first found): a debrief cannot show more, and a
# condition over a long game's whole history would otherwise copy it into every event.
MAX_CAUSE_ORDERS = 100
# The cause a headless resolve (record=False) gives a consequence it schedules: nothing reads it.
UNRECORDED = Cause("rule", "unrecorded", 0)


def new_game(scenario: Scenario, seed: int | None = None) -> GameState:
    """The state at the start of round 1, after its briefing."""
    seed = scenario.seed if seed is None else seed
    state = GameState(
        round=1,
        meters=start_values(scenario),
        rng=rnglib.seed_state(seed),
        schedule=tuple(item.round for item in scenario.schedule),
    )
    work = _Work(scenario, state)
    work.briefing()
    return work.freeze()


def apply(
    scenario: Scenario,
    state: GameState,
    action,
    record: bool = True,
    recall: Recall | None = None,
    tally: list | None = None,
    draws: list | None = None,
    counts: RunningCounts | None = None,
) -> tuple[GameState, tuple[Event, ...]]:
    """Apply one action; return the new state and the events it produced.

    ``record=False`` is the headless path of a look-ahead (a bot trying
    orders on a copy): the rules run exactly as with ``record=True`` and give
    the same meters, generator, history, crises, fired and pending
    consequences, submissions and outcome, but no events are written and no
    causes traced, so ``events`` is empty and the state's event log is the
    one it had. Such a state is for scoring, never for a game's log.

    ``recall`` (headless only) lets resolves of one state with other orders
    reuse the consequence conditions the first of them evaluated, where
    nothing they read differs (``game.rules.recall``): the same state results.

    ``tally`` (a list) is given, for each order a ``Resolve`` carries out,
    ``(round, role, instrument, moved)``: the meter paths its effects moved
    (its capital cost aside). Balance reports read it; it changes nothing.

    ``draws`` (a list) is given every draw the action makes from the state's generator, in order, as
    ``(function, arguments, result)`` for ``rng.replays``: whether another seed would draw the same
    results, and so give the same state but for its generator. It changes nothing.

    ``counts``: one game's ``used()`` counts, carried from one round's resolve to the next
    (``game.rules.counts``): give the same one to each action of a game. It changes nothing.
    """
    if state.outcome is not None:
        raise IllegalAction(_("the game is over"))
    if isinstance(action, Submit):
        # Only the submissions change: share everything else with the old state
        # (states are never changed in place), in the order freeze() would give.
        role, orders = action.role, tuple(action.orders)
        check_submission(scenario, state, role, orders)
        submitted = state.submitted
        places = scenario.derived(_role_places)
        if not submitted or places[submitted[-1][0]] < places[role]:  # seats submit in role order
            return _with_submitted(state, (*submitted, (role, orders))), ()
        by_role = dict(submitted)
        by_role[role] = orders
        ordered = tuple((r.id, by_role[r.id]) for r in scenario.roles if r.id in by_role)
        return _with_submitted(state, ordered), ()
    if recall is not None and record:
        raise ValueError("a recall serves headless resolves (record=False)")
    work = _Work(scenario, state, record)
    work.recall = recall
    work.tally = tally
    work.draws = draws
    work.carried = counts
    if isinstance(action, Resolve):
        _all_submitted(scenario, work.submitted)
        if action.overrides and not record:
            raise ValueError("overrides name the events of a recorded resolve; resolve them with record=True")
        work.overrides = {o.key: o for o in action.overrides}
        work.resolve_round()
        unused = sorted(set(work.overrides) - work.used_overrides)
        if unused:
            raise IllegalAction(_("override {key} matches no change in this round's results").format(key=unused[0]))
    elif isinstance(action, Inject):
        facilitator.inject(work, action)
    elif isinstance(action, Adjust):
        facilitator.adjust(work, action)
    elif isinstance(action, Note):
        facilitator.note(work, action)
    elif isinstance(action, SetMode):
        facilitator.set_mode(work, action)
    elif isinstance(action, Reschedule):
        facilitator.reschedule(work, action)
    elif isinstance(action, Write):
        negotiation.write(work, action)
    elif isinstance(action, Propose):
        negotiation.propose(work, action)
    elif isinstance(action, Answer):
        negotiation.answer(work, action)
    else:
        raise IllegalAction(_("unknown action {action}").format(action=type(action).__name__))
    new_state = work.freeze()
    return new_state, tuple(work.events)


def check_submission(scenario: Scenario, state: GameState, role: str, orders: tuple[Order, ...]) -> None:
    """What ``apply(Submit(role, orders))`` checks: IllegalAction with the reason if the submission is not legal."""
    if not vouched(scenario, state, role, orders):
        problem = orders_problem(scenario, state, role, orders)
        if problem:
            raise IllegalAction(problem)


def resolve_submitted(
    scenario: Scenario,
    state: GameState,
    orders: dict[str, tuple[Order, ...]],
    tally: list | None = None,
    counts: RunningCounts | None = None,
) -> GameState:
    """``state`` after its seats submit ``orders`` (role -> orders, each submission already passed by
    ``check_submission`` on ``state``) and the round resolves headless: the state that applying each
    ``Submit`` and then ``apply(..., Resolve(), record=False, tally=tally)`` gives, without building the
    states between (seats that only submit, as ``game.sim.runner.final_state`` plays them). ``counts``:
    one game's ``used()`` counts, carried from one round's resolve to the next (``game.rules.counts``).

    The resolve takes that check as done and does not ask again whether each order may be given (as
    it asks of a submission it did not see checked): an order that did not pass it would be carried out."""
    if state.outcome is not None:
        raise IllegalAction(_("the game is over"))
    submitted = dict(state.submitted)
    submitted.update(orders)
    work = _Work(scenario, state, False, None, submitted)
    work.tally = tally
    work.carried = counts
    work.checked = True  # (each by check_submission, on this very state)
    _all_submitted(scenario, submitted)
    work.resolve_round()
    return work.freeze()


def resolve_trial(
    scenario: Scenario,
    state: GameState,
    submitted: tuple[tuple[str, tuple], ...],
    rng: int,
    recall: Recall | None = None,
    draws: list | None = None,
) -> GameState:
    """``apply(scenario, trial, Resolve(), record=False, recall=recall, draws=draws)[0]`` where ``trial`` is
    ``state`` with these submissions (in role order) and generator state ``rng``, without building
    ``trial`` first: a look-ahead resolves one state with many submissions and seeds."""
    return _trial_work(scenario, state, submitted, rng, recall, draws).freeze()


def trial_resolved(
    scenario: Scenario,
    state: GameState,
    submitted: tuple[tuple[str, tuple], ...],
    rng: int,
    recall: Recall | None = None,
    draws: list | None = None,
) -> Resolved:
    """What ``resolve_trial`` gives, read where the resolve left it (``Resolved``): a look-ahead that only
    scores the result need not build the state."""
    work = _trial_work(scenario, state, submitted, rng, recall, draws, scored=False)
    return Resolved(
        work.round,
        work.meters,
        work.fired_set,
        work.active_set,
        work.history,
        work.pending,
        work.deals,
        work.outcome,
        work.rng,
    )


class Resolved:
    """The end of a look-ahead resolve, in the working state's own containers (which nothing changes
    again): the round, the meters, the ids of the consequences fired and of the active crises, the
    history, the pending consequences, the deals, the outcome and the generator, as the frozen state
    would hold them; but an outcome comes without the roles' scores (``Outcome.scores`` is empty: a
    look-ahead reads whether the game ended, and whether in a shared loss)."""

    __slots__ = ("round", "meters", "fired_ids", "active_ids", "history", "pending", "deals", "outcome", "rng")

    def __init__(self, round, meters, fired_ids, active_ids, history, pending, deals, outcome, rng) -> None:
        self.round: int = round
        self.meters: dict[str, int] = meters
        self.fired_ids: set[str] = fired_ids
        self.active_ids: set[str] = active_ids
        self.history: list[Played] = history
        self.pending: list[Pending] = pending
        self.deals: list[Deal] = deals
        self.outcome: Outcome | None = outcome
        self.rng: int = rng


def _trial_work(scenario, state, submitted, rng, recall, draws, scored: bool = True) -> _Work:
    """``state`` with these submissions and generator, resolved headless (see ``resolve_trial``);
    ``scored``: whether an outcome gets the roles' scores."""
    if state.outcome is not None:
        raise IllegalAction(_("the game is over"))
    start = None
    if recall is not None:
        start = recall.start
        if start is None or start.state is not state:
            start = recall.start = _Start(state)
    work = _Work(scenario, state, False, start, dict(submitted))
    work.scored = scored
    work.rng = rng
    work.recall = recall
    work.draws = draws
    _all_submitted(scenario, work.submitted)
    work.resolve_round()
    return work


def _all_submitted(scenario: Scenario, submitted: dict) -> None:
    """A round resolves only once every role has submitted: else IllegalAction, naming who has not."""
    if submitted.keys() >= scenario.derived(_role_places).keys():
        return
    missing = [r.name for r in scenario.roles if r.id not in submitted]
    raise IllegalAction(_("still waiting for orders from {roles}").format(roles=", ".join(missing)))


def _role_places(scenario: Scenario) -> dict[str, int]:
    """Each role's place in the scenario's role order: the order of a state's submissions."""
    return {r.id: i for i, r in enumerate(scenario.roles)}


def _with_submitted(state: GameState, submitted) -> GameState:
    """``attrs.evolve(state, submitted=...)`` without its per-call introspection (fields in declared order)."""
    return GameState(
        state.round,
        state.meters,
        state.rng,
        submitted,
        state.history,
        state.crises,
        state.fired,
        state.pending,
        state.events,
        state.outcome,
        state.mode,
        state.schedule,
        state.marks,
        state.offsets,
        state.letters,
        state.deals,
    )


def preview(scenario: Scenario, state: GameState, overrides=()) -> tuple[Event, ...]:
    """What resolving the round now would produce, without changing anything:
    the proposal a facilitator reviews in semi-rigid adjudication."""
    _, events = apply(scenario, state, Resolve(tuple(overrides)))
    return events


def play(scenario: Scenario, actions, seed: int | None = None) -> GameState:
    """Fold ``actions`` over a new game: the state a save describes."""
    state = new_game(scenario, seed)
    counts = RunningCounts()
    for action in actions:
        state, _ = apply(scenario, state, action, counts=counts)
    return state


# Changes made before, by (path, before, after): a change is a value, and the same ones come back game after
# game (meters move in small steps), so one is shared rather than built again (building a frozen record
# costs about as much as the rest of applying an effect).
_CHANGES: dict[tuple[str, int, int], Change] = {}
_MAX_CHANGES = 50_000


def _round_half_away(x) -> int:
    if type(x) is int:  # the usual case first
        return x
    if isinstance(x, bool):
        return int(x)
    if isinstance(x, int):
        return x
    if not math.isfinite(x):  # never produced by a checked scenario (results are clamped); safe anyway
        return 0 if math.isnan(x) else int(math.copysign(MAX_RESULT, x))
    return int(math.copysign(math.floor(abs(x) + 0.5), x))


def _consequence_rows(scenario: Scenario) -> tuple[tuple, ...]:
    """(consequence, id, once, condition, its reads, chance, delay) of each consequence, in file order."""
    return tuple((c, c.id, c.once, c.when.fn, c.when.depends, c.chance, c.delay) for c in scenario.consequences)


_OWNED = ("target.", "self.")  # an effect's path written for the order's target or the seat giving it


def _fire_marks(scenario: Scenario) -> tuple[tuple[tuple[str, str], ...], ...]:
    """For each consequence in file order: what its firing (or not) can make read differently, the meters
    its effects write (any outcome's) and whether it fired."""
    return tuple(
        (*(("meter", e.path) for e in chancelib.all_effects(c)), ("fired", c.id)) for c in scenario.consequences
    )


def _drawing(scenario: Scenario) -> frozenset[str]:
    """Ids of the consequences whose firing draws something (a range, an outcome)."""
    return frozenset(c.id for c in scenario.consequences if c.outcomes or any(e.span is not None for e in c.effects))


def _unrecallable(scenario: Scenario) -> bool:
    """Rules a ``Recall`` does not follow: consequences that start crises (a fire that differs from the
    base's would change crises and meters the recall does not mark)."""
    return any(c.starts for c in scenario.consequences)


def _breaking(scenario: Scenario) -> tuple:
    """The crises a briefing may start by their round or condition: all but those only injected."""
    return tuple(c for c in scenario.crises if not c.inject)


def _limited(scenario: Scenario) -> frozenset[str]:
    """Ids of the consequences a cooldown or max_fires holds back (``dynamics.limited``)."""
    return frozenset(c.id for c in scenario.consequences if dynamics.limited(c))


def _private_audience(scenario: Scenario, role: str, target: str | None) -> tuple[str, ...]:
    """Who learns of ``role``'s private order on ``target``: the role, and whoever plays or is the target."""
    others = scenario.derived(responses.private_audience).get(target, ()) if target else ()
    return (role,) + tuple(r for r in others if r != role)


def _refills(scenario: Scenario) -> dict[str, int]:
    """path -> value of every role meter a briefing refills, the value clamped as ``set_meter`` would."""
    out = {}
    for m in scenario.role_meters:
        if m.refill is not None:
            for role in scenario.roles:
                out[f"{role.id}.{m.id}"] = min(m.max, max(m.min, _round_half_away(m.refill)))
    return out


def _with_outcome(text: str, outcomes, drawn: int) -> tuple[str, str]:
    """The news text with the drawn outcome's text added, and the note its cause carries."""
    extra = outcomes[drawn].text
    return (f"{text} {extra}" if extra else text), chancelib.outcome_note(outcomes, drawn)


class _Aim:
    """One instrument aimed by one role at one target, as an order of it resolves: its effects with
    their paths resolved (each ``(path, op, constant, None)`` or ``(path, op, 0, callable)``), what
    it costs, how the news reads it and who reads it, whether it draws anything (ranges, outcomes),
    and the ``Played`` record of it and the ``Cause`` of its event in each round it was played
    without reasons and without a draw (records are values: one serves every game)."""

    __slots__ = ("effects", "amounts", "pay", "public", "text", "audience", "plain", "played")

    def __init__(self, scenario: Scenario, instrument: str, target: str | None, role: str):
        inst = scenario.instrument(instrument)
        effects: list[tuple[str, str, int | float, Callable | None]] = []
        for e in inst.effects:
            path = e.path
            if path.startswith("target."):
                path = f"{target}.{path[7:]}"
            elif path.startswith("self."):
                path = f"{role}.{path[5:]}"
            try:
                effects.append((path, e.op, constant_value(e.value.node), None))
            except LookupError:
                effects.append((path, e.op, 0, e.value.fn))  # 0: unread, the callable gives the value
        self.effects = tuple(effects)
        # No range to draw and no outcome table: the amounts are the effects above, drawing nothing.
        self.plain = not inst.outcomes and all(e.span is None for e in inst.effects)
        # Where they are plain and constant, the amounts themselves: no context to compute them on.
        constant = self.plain and all(fn is None for _p, _op, _v, fn in effects)
        self.amounts = tuple((p, op, v) for p, op, v, _fn in effects) if constant else None
        self.pay = (f"{role}.capital", "cost", -inst.cost) if inst.cost else None
        self.public = inst.visibility == "public"
        name = scenario.role(role).name
        if target:
            self.text = ORDER_ON.format(role=name, instrument=inst.name, target=scenario.name_of(target))
        else:
            self.text = ORDER.format(role=name, instrument=inst.name)
        self.audience = ALL if self.public else _private_audience(scenario, role, target)
        self.played: dict[int, tuple[Played, Cause]] = {}


def _fixed_amounts(scenario: Scenario) -> dict[int, tuple[tuple[Effect, ...], tuple | None]]:
    """id(effects) -> (the effects, ``_fixed``'s answer), filled in as effects are computed. By identity: an
    Effect's hash reads all its values, so hashing the tuple would cost more than computing it; the entry
    keeps the tuple, so its id is not reused while the entry lives."""
    return {}


def _fixed(effects: tuple[Effect, ...]) -> tuple[tuple[str, str, int | float], ...] | None:
    """The amounts ``effects`` always compute to, where each is a constant on a fixed path drawing nothing
    (most of a consequence's or a crisis's): ``_Work.compute`` then needs no context. None otherwise."""
    out = []
    for e in effects:
        if e.span is not None or e.path.startswith(_OWNED):
            return None
        try:
            out.append((e.path, e.op, constant_value(e.value.node)))
        except LookupError:
            return None
    return tuple(out)


def _aims(scenario: Scenario) -> dict[tuple[str, str | None, str], _Aim]:
    """The scenario's ``_Aim`` of each (instrument, target, role) played so far: filled as orders resolve."""
    return {}


def _aim(scenario: Scenario, aims: dict, key: tuple[str, str | None, str]) -> _Aim:
    aim = aims[key] = _Aim(scenario, *key)
    return aim


class _Start:
    """What a working state indexes of ``state`` as it starts: its crises by id, and the ids of the
    consequences fired and pending and of the active crises. A look-ahead that starts many resolves
    from one state makes it once (``Recall.start``) and each resolve copies it."""

    __slots__ = ("state", "crises", "fired", "active", "pending")

    def __init__(self, state: GameState) -> None:
        self.state = state
        self.crises = {c.id: c for c in state.crises}
        self.fired = {cid for cid, _ in state.fired}
        self.active = {c.id for c in state.crises if c.ended is None}
        self.pending = {p.consequence for p in state.pending}


class _Work:
    """Mutable working copies of one state while one action is applied (the
    ``facilitator.WorkingState`` its steps act on). Its fields are slots: a look-ahead makes one for
    every trial, and every step reads them."""

    __slots__ = (
        "sc",
        "state",
        "record",
        "round",
        "meters",
        "rng",
        "submitted",
        "history",
        "fired",
        "pending",
        "crises",
        "fired_set",
        "active_set",
        "pending_set",
        "events",
        "outcome",
        "mode",
        "schedule",
        "marks",
        "offsets",
        "letters",
        "deals",
        "settling",
        "overrides",
        "used_overrides",
        "recall",
        "tally",
        "draws",
        "counts",
        "carried",
        "plain",
        "scored",
        "headroom",
        "checked",
    )

    def __init__(
        self,
        scenario: Scenario,
        state: GameState,
        record: bool = True,
        start: _Start | None = None,
        submitted: dict | None = None,
    ):
        """``start``: the state's indexes, if made already (``_Start``); ``submitted``: the submissions to
        resolve, in place of the state's own (a dict the working state may keep)."""
        self.sc = scenario
        self.state = state
        self.record = record
        self.round = state.round
        self.meters = dict(state.meters)
        self.rng = state.rng
        self.submitted = dict(state.submitted) if submitted is None else submitted
        self.history = list(state.history)
        self.fired = list(state.fired)
        self.pending = list(state.pending)
        if start is None:
            start = _Start(state)
        self.crises = dict(start.crises)
        self.fired_set = set(start.fired)
        self.active_set = set(start.active)
        self.pending_set = set(start.pending)
        self.events: list[Event] = []
        self.outcome = state.outcome
        self.mode = state.mode
        self.schedule = list(state.schedule)
        self.marks = list(state.marks)
        self.offsets = state.offsets
        self.letters = list(state.letters)
        self.deals = list(state.deals)
        self.settling = False  # a deal is settled in the round being resolved: conditions may read it
        self.overrides: dict = {}
        self.used_overrides: set[str] = set()
        self.recall: Recall | None = None
        self.tally: list | None = None  # see apply()
        self.draws: list | None = None  # see apply()
        self.counts: dict[str, int] | None = None  # used() counts by label, while history and round stay fixed
        self.carried: RunningCounts | None = None  # see apply()
        self.plain: Context | None = None  # see context()
        self.headroom = scenario.derived(dynamics.uses_headroom)  # whether an add can slow near a limit
        self.scored = True  # the outcome gets each role's score (a look-ahead that reads only ``lost`` needs none)
        self.checked = False  # every submission was checked whole on this state already (resolve_submitted)

    def freeze(self) -> GameState:
        return GameState(
            round=self.round,
            meters=self.meters,
            rng=self.rng,
            submitted=tuple((r.id, self.submitted[r.id]) for r in self.sc.roles if r.id in self.submitted)
            if self.submitted
            else (),
            history=tuple(self.history),
            crises=tuple(self.crises.values()),
            fired=tuple(self.fired),
            pending=tuple(self.pending),
            events=self.state.events + tuple(self.events) if self.events else self.state.events,
            outcome=self.outcome,
            mode=self.mode,
            schedule=tuple(self.schedule),
            marks=tuple(self.marks),
            offsets=self.offsets,
            letters=tuple(self.letters),
            deals=tuple(self.deals),
        )

    # helpers --------------------------------------------------------------
    def context(self, target=None, self_role=None, trace=None, meters=None, history=None) -> Context:
        """A view of the working state for expressions. It reads the live
        meters, history, fired and active sets, so it stays current while
        effects are applied. A plain one (no argument) is made once and handed out again: only
        its ``counts`` is ever set, for the round's fixed history, and a new round starts it without."""
        if target is None and self_role is None and trace is None and meters is None and history is None:
            return self.plain_context()
        return Context(
            self.meters if meters is None else meters,
            self.round,
            self.sc.rounds,
            self.history if history is None else history,
            self.fired_set,
            self.active_set,
            target,
            self_role,
            trace,
            self.pending_set,
            deals=self.deals,
        )

    def plain_context(self) -> Context:
        """``context()``, without the arguments to look at: the rounds' steps ask for it many times."""
        plain = self.plain
        if plain is None:
            plain = self.plain = Context(
                self.meters,
                self.round,
                self.sc.rounds,
                self.history,
                self.fired_set,
                self.active_set,
                None,
                None,
                None,
                self.pending_set,
                None,
                self.deals,
            )
        elif plain.round != self.round:
            plain.round = self.round
            plain.counts = None
        return plain

    def roll(self, chance: float) -> bool:
        self.rng, ok = rnglib.roll(self.rng, chance)
        if self.draws is not None:
            self.draws.append((rnglib.roll, (chance,), ok))
        return ok

    def draw(self, fn, *args):
        """``fn(generator, *args)``'s result, the generator moved on (and the draw logged, see apply())."""
        self.rng, result = fn(self.rng, *args)
        if self.draws is not None:
            self.draws.append((fn, args, result))
        return result

    def emit(self, kind, text, audience=ALL, cause=None, changes=(), ref="") -> None:
        if self.record:
            self.events.append(Event(self.round, kind, text, audience, cause, tuple(changes), ref))

    def set_meter(self, path: str, value) -> Change:
        m = self.sc.meters[path]
        before = self.meters[path]
        after = min(m.max, max(m.min, _round_half_away(value)))
        self.meters[path] = after
        return Change(path, before, after)

    def compute(
        self, effects: tuple[Effect, ...], ctx: Context, target=None, self_role=None
    ) -> list[tuple[str, str, int | float]]:
        """Resolve paths and compute amounts, before anything is applied."""
        table = self.sc.derived(_fixed_amounts)
        known = table.get(id(effects))
        if known is None or known[0] is not effects:
            known = table[id(effects)] = (effects, _fixed(effects))
        if known[1] is not None:
            return list(known[1])
        out = []
        for e in effects:
            path = e.path
            if path.startswith(_OWNED):
                path = f"{target}.{path[7:]}" if path.startswith("target.") else f"{self_role}.{path[5:]}"
            if e.span is None:
                out.append((path, e.op, e.value.fn(ctx)))
            else:  # a range [low, high]: drawn now, in file order
                out.append((path, "add", self.draw(rnglib.next_int, *e.span)))
        return out

    def draw_outcome(self, outcomes) -> int:
        """The index of the outcome drawn by weight (``game.rules.chance``)."""
        return self.draw(chancelib.draw_outcome, outcomes)

    def apply_amounts(self, amounts) -> list[Change]:
        """Apply computed amounts in order (``set_meter`` inlined: this is the engine's inner loop);
        the changes that moved a meter (none listed headless: only events show them)."""
        changes: list[Change] = []
        meters, declared, overrides = self.meters, self.sc.meters, self.overrides
        known = _CHANGES
        if self.headroom:
            amounts = [
                (path, op, dynamics.with_headroom(value, meters[path], declared[path]))
                if op == "add" and declared[path].headroom
                else (path, op, value)
                for path, op, value in amounts
            ]
        if not self.record:
            for path, op, value in amounts:
                if type(value) is not int:
                    value = _round_half_away(value)
                m = declared[path]
                after = value if op == "set" else meters[path] + value
                meters[path] = m.max if after > m.max else m.min if after < m.min else after
            return changes
        for path, op, value in amounts:
            if overrides:
                override = overrides.get(f"{len(self.events)}:{path}")
                if override is not None:
                    self.used_overrides.add(override.key)
                    op, value = "add", override.delta
            if type(value) is not int:
                value = _round_half_away(value)
            before = meters[path]
            after = value if op == "set" else before + value
            m = declared[path]
            after = m.max if after > m.max else m.min if after < m.min else after
            meters[path] = after
            if after != before:
                key = (path, before, after)
                change = known.get(key)
                if change is None:
                    change = known[key] = Change(path, before, after)
                changes.append(change)
        if len(known) > _MAX_CHANGES:
            known.clear()
        return changes

    def apply_effects(self, effects: tuple[Effect, ...], target=None, self_role=None) -> list[Change]:
        return self.apply_amounts(self.compute(effects, self.context(target, self_role), target, self_role))

    def traced(self, expr, **kw) -> tuple[tuple, tuple]:
        """Evaluate ``expr`` again, recording what it read: (orders, values).
        Headless (``record=False``), nothing reads the cause: nothing is evaluated."""
        if not self.record:
            return (), ()
        trace: list = []
        ctx = self.context(trace=trace, **kw)
        if not kw:  # the round's counts, where they hold (see consequences): a count of 0 matched nothing
            ctx.counts = self.counts
        expr.fn(ctx)
        orders: list[Played] = []
        # The same orders as a list test, without its quadratic cost. By identity: the matched orders are
        # entries of the one history, and no two of its entries are equal (a role orders an instrument on a
        # target once a round), so an entry met again is the same object.
        seen: set[int] = set()
        values: list[tuple[str, object]] = []
        for kind, key, value in trace:
            if kind == "used":
                label, matched = key
                for p in matched:
                    if id(p) not in seen and len(orders) < MAX_CAUSE_ORDERS:
                        seen.add(id(p))
                        orders.append(p)
                key, kind = label, "meter"
            name = key if kind == "meter" else f"{kind}('{key}')"
            if (name, value) not in values:
                values.append((name, value))
        return tuple(orders), tuple(values)

    # round steps ------------------------------------------------------------
    def briefing(self) -> None:
        r = self.round
        if self.record:
            self.emit("round", ROUND_BEGINS.format(round=r, rounds=self.sc.rounds), ref=str(r))
        self.meters.update(self.sc.derived(_refills))
        ctx = self.plain_context()
        crises = self.crises
        for crisis in self.sc.derived(_breaking):
            cs = crises.get(crisis.id)
            if cs is not None and not dynamics.may_break(crisis, cs):
                continue
            due = crisis.round == r or (crisis.when is not None and crisis.when.fn(ctx))
            if due and self.roll(crisis.chance):
                self.start_crisis(
                    crisis, Cause("crisis", crisis.id, r, note="scheduled" if crisis.round == r else "condition")
                )
        for index, item in enumerate(self.sc.schedule):
            if self.schedule[index] == r:
                self.schedule[index] = None
                if item.crisis not in self.crises:
                    self.start_crisis(self.sc.crisis(item.crisis), Cause("facilitator", "schedule", r, note=item.note))
        if self.sc.derived(chancelib.watchers):  # estimated meters: where each role's band lies this round
            self.offsets = self.draw(chancelib.offsets_drawn, self.sc)

    def start_crisis(self, crisis, cause: Cause) -> None:
        if self.record and crisis.when is not None and cause.kind == "crisis" and cause.note == "condition":
            orders, values = self.traced(crisis.when)
            cause = Cause("crisis", crisis.id, self.round, orders=orders, values=values, note="condition")
        before = self.crises.get(crisis.id)
        self.crises[crisis.id] = (
            CrisisState(crisis.id, self.round)
            if before is None
            else CrisisState(crisis.id, self.round, None, 0, before.breaks + 1)
        )
        self.active_set.add(crisis.id)
        changes = self.apply_effects(crisis.effects)
        if self.record:
            text = CRISIS_NEWS.format(title=crisis.title, text=crisis.text)
            self.emit("crisis_started", text, ALL, cause, changes, crisis.id)

    def resolve_round(self) -> None:
        r = self.round
        sc = self.sc
        before = self.state
        record = self.record
        meters = self.meters
        aims = sc.derived(_aims)
        # Every order reads the state before resolution; the fired, active and pending sets do not
        # change while orders resolve, so one context serves them all, aimed at each in turn (made when
        # an order's amounts are first computed: constant ones need none).
        ctx: Context | None = None
        submitted = self.submitted
        for role in sc.roles:
            rid = role.id
            orders = submitted.get(rid, ())
            if not orders:
                continue
            capital = before.meters.get(f"{rid}.capital")
            spent = 0
            # A submission checked whole on this very state (orders.vouched) needs no second look
            # at each order: the same checks on the same data give the same answer.
            checked = self.checked or vouched(sc, before, rid, orders)
            for order in orders:
                inst = sc.instrument(order.instrument)
                problem = None if checked else order_problem(sc, before, rid, order, N_)  # logged: English
                if problem is None and capital is not None and spent + inst.cost > capital:
                    problem = COSTS_NOW.format(cost=inst.cost, left=capital - spent)
                if problem:
                    self.emit(
                        "order_failed",
                        FAILED.format(role=role.name, instrument=inst.name, problem=problem),
                        (rid,),
                        Cause("rule", inst.id, r, rid),
                        ref=inst.id,
                    )
                    continue
                key = (order.instrument, order.target, rid)
                aim = aims.get(key) or _aim(sc, aims, key)
                drawn = -1
                if aim.amounts is not None:  # (constants, drawing nothing)
                    amounts = list(aim.amounts)
                else:
                    if ctx is None:
                        ctx = self.context(meters=before.meters, history=before.history)
                    ctx.self_role, ctx.target = rid, order.target
                    if aim.plain:
                        amounts = [(path, op, value if fn is None else fn(ctx)) for path, op, value, fn in aim.effects]
                    else:  # ranges or an outcome table: drawn now, in file order
                        amounts = self.compute(inst.effects, ctx, order.target, rid)
                        if inst.outcomes:  # one outcome by weight; its effects after the base effects
                            drawn = self.draw_outcome(inst.outcomes)
                            amounts += self.compute(inst.outcomes[drawn].effects, ctx, order.target, rid)
                if inst.fatigue:
                    factor = dynamics.fatigue_factor(inst, before.history, r, rid, order.target, sc.fatigue_within)
                    amounts = [(p, op, v * factor if op == "add" else v) for p, op, v in amounts]
                tally = self.tally
                if tally is not None:  # the meters as they were, and how many amounts the effects are
                    was, effects = meters.copy(), len(amounts)  # (the capital it costs is added after them)
                if aim.pay is not None and aim.pay[0] in meters:
                    amounts.append(aim.pay)
                changes = self.apply_amounts(amounts)
                if tally is not None:
                    moved = []
                    for i in range(effects):
                        path = amounts[i][0]
                        if meters[path] != was[path]:
                            moved.append(path)
                    tally.append((r, rid, inst.id, tuple(moved)))
                spent += inst.cost
                shared = not order.reasons and drawn < 0
                known = aim.played.get(r) if shared else None
                text = aim.text
                if known is None:
                    played = Played(
                        r, rid, inst.id, order.target, inst.category, inst.signals, aim.public, order.reasons
                    )
                    note = ""
                    if drawn >= 0:
                        text, note = _with_outcome(aim.text, inst.outcomes, drawn)
                    known = (played, Cause("order", inst.id, r, rid, orders=(played,), note=note))
                    if shared:
                        aim.played[r] = known
                self.history.append(known[0])
                if record:
                    self.emit("order", text, aim.audience, known[1], changes, inst.id)
        if self.deals:
            self.settling = negotiation.settle(self)
        if sc.derived(responses.has_responses):
            responses.respond(self)
        self.consequences()
        self.end_of_round()
        if self.overrides:
            parts = [
                OVERRIDE.format(key=o.key, delta=o.delta, reason=o.reason)
                for o in self.overrides.values()
                if o.key in self.used_overrides
            ]
            self.events.append(
                Event(
                    r,
                    "adjudication",
                    OVERRODE.format(overrides="; ".join(parts)),
                    FACILITATOR_ONLY,
                    Cause("facilitator", "override", r, note="; ".join(o.reason for o in self.overrides.values())),
                    ref="override",
                )
            )

    def fire(self, consequence, cause: Cause, ctx: Context | None = None) -> None:
        """``consequence`` fires now. ``ctx``: a plain context of this working state (no target, role or
        trace) to compute its effects with, if the caller has one (a context reads the state live)."""
        drawn = -1
        if consequence.outcomes:  # one outcome by weight; its effects after the base effects
            ctx = self.plain_context()
            amounts = self.compute(consequence.effects, ctx)
            drawn = self.draw_outcome(consequence.outcomes)
            changes = self.apply_amounts(amounts + self.compute(consequence.outcomes[drawn].effects, ctx))
        elif ctx is not None:
            changes = self.apply_amounts(self.compute(consequence.effects, ctx))
        else:
            changes = self.apply_effects(consequence.effects)
        self.fired.append((consequence.id, self.round))
        self.fired_set.add(consequence.id)
        if self.record:
            to = consequence.reveal_to
            audience = ALL if to == "all" else FACILITATOR_ONLY if to == "none" else tuple(to)
            text = news.read(consequence.reveal, self.fired, consequence.id) or consequence.title or consequence.id
            if drawn >= 0:
                text, note = _with_outcome(text, consequence.outcomes, drawn)
                cause = Cause(cause.kind, cause.ref, cause.round, cause.role, cause.orders, cause.values, note)
            text = news.filled(text, self.fired, consequence.id)
            self.emit("consequence", text, audience, cause, changes, consequence.id)
        if consequence.starts is not None:
            crisis = self.sc.crisis(consequence.starts)
            if dynamics.may_break(crisis, self.crises.get(crisis.id)):
                self.start_crisis(crisis, Cause("consequence", consequence.id, self.round, note="starts"))

    def consequences(self) -> None:
        r = self.round
        if self.pending:
            due = [p for p in self.pending if p.fire_round <= r]
            self.pending = [p for p in self.pending if p.fire_round > r]
            self.pending_set.clear()
            self.pending_set.update(p.consequence for p in self.pending)
            for p in due:
                self.fire(self.sc.consequence(p.consequence), p.cause)
        # Until the round moves on, the history and the round stay as they are: a count of it is walked once
        # (or moved on from the last round's, game.rules.counts).
        counts: dict[str, int] = {} if self.carried is None or self.recall else self.carried.next_round(self)
        self.counts = counts
        if self.recall is not None and not self.sc.derived(_unrecallable) and not self.settling:
            # (a recall knows nothing of the deals settled this round: conditions are evaluated afresh)
            self.recalled_consequences(self.recall, counts)
            return
        ctx = self.plain_context()
        ctx.counts = self.counts
        pending_set, fired_set = self.pending_set, self.fired_set
        limited = self.sc.derived(_limited)
        for c, cid, once, when, _depends, chance, _delay in self.sc.derived(_consequence_rows):
            if cid in pending_set or (once and cid in fired_set):
                continue
            if limited and cid in limited and self._resting(c):
                continue
            if not when(ctx):
                continue
            if chance < 1 and not self.roll(chance):  # a certain roll draws nothing (rng.roll)
                continue
            if self.record:
                orders, values = self.traced(c.when)
                cause = Cause("consequence", c.id, r, orders=orders, values=values)
            else:
                cause = UNRECORDED
            if c.delay == 0:
                self.fire(c, cause)
            else:
                self.pending.append(Pending(c.id, r + c.delay, r, cause))
                self.pending_set.add(c.id)
                if not self.record:
                    continue
                title = c.title or c.id
                self.emit(
                    "scheduled",
                    WILL_FIRE.format(title=title, round=r + c.delay),
                    FACILITATOR_ONLY,
                    cause,
                    ref=c.id,
                )

    def recalled_consequences(self, recall: Recall, counts: dict[str, int]) -> None:
        """The rest of ``consequences`` (headless), conditions taken from ``recall`` where nothing they
        read differs from its base (see ``game.rules.recall``); the same draws, in the same order."""
        new_plays = self.history[len(self.state.history) :]
        fresh = [key for key, _ in self.fired[len(self.state.fired) :]]  # responses, then due consequences
        if recall.recorded_for(self.state):
            dirty = recall.differences(self.sc, self.meters, new_plays, fresh, counts)
            self.replayed_consequences(recall, dirty, counts)
            return
        recall.begin(self.state, self.meters, new_plays, fresh, counts)
        r = self.round
        values, fates, checks = recall.values, recall.fates, recall.checks
        ctx = self.plain_context()
        ctx.counts = counts
        fired_set, pending_set = self.fired_set, self.pending_set
        limited = self.sc.derived(_limited)
        parts = self.sc.derived(conjuncts)
        for i, (c, cid, once, when, depends, chance, delay) in enumerate(self.sc.derived(_consequence_rows)):
            fate = SKIPPED
            held = None
            check = depends
            if not (cid in pending_set or (once and cid in fired_set) or (cid in limited and self._resting(c))):
                held = bool(when(ctx))
                fate = QUIET
                if not held and parts[i]:
                    check = deciding_reads(parts[i], ctx, depends)
            checks.append(check)
            if held and (chance >= 1 or self.roll(chance)):
                if delay == 0:
                    fate = FIRED
                    self.fire(c, UNRECORDED, ctx)
                else:
                    fate = SCHEDULED
                    self.pending.append(Pending(cid, r + delay, r, UNRECORDED))
                    pending_set.add(cid)
            values.append(held)
            fates.append(fate)

    def replayed_consequences(self, recall: Recall, dirty: set, counts: dict[str, int]) -> None:
        """``recalled_consequences`` on a state with the base's rule data, ``dirty`` what may read
        differently from the base as the step begins. A consequence the base skipped (pending, fired
        once, resting) is skipped again: what decides it (the state's pending and fired consequences,
        its own fires) is the base's, since a consequence is the only one that fires or schedules
        itself. One that held no condition in the base and reads nothing that differs stays quiet.
        Only the others are visited (``Recall.watched``, ``Recall.readers``), in file order."""
        r = self.round
        values, fates = recall.values, recall.fates
        todo, readers = recall.watched()
        checks = recall.checks
        fire_marks = self.sc.derived(_fire_marks)
        for key in dirty:
            todo |= readers.get(key, 0)
        ctx = self.plain_context()
        ctx.counts = counts
        pending_set = self.pending_set
        rows = self.sc.derived(_consequence_rows)
        while todo:
            low = todo & -todo
            todo ^= low
            i = low.bit_length() - 1
            c, cid, _once, when, _depends, chance, delay = rows[i]
            held = values[i]
            if held is None or not checks[i].isdisjoint(dirty):
                held = bool(when(ctx))
            was = fates[i]
            if not held and was == QUIET:
                continue  # quiet again: nothing it decides differs from the base
            fate = QUIET
            marked: list = []
            if held and (chance >= 1 or self.roll(chance)):
                if delay == 0:
                    fate = FIRED
                    if was == FIRED:
                        self._mark_effects(c, dirty, marked)
                    self.fire(c, UNRECORDED, ctx)
                else:
                    fate = SCHEDULED
                    self.pending.append(Pending(cid, r + delay, r, UNRECORDED))
                    pending_set.add(cid)
            if fate != was:
                if FIRED in (fate, was):
                    marked.extend(fire_marks[i])
                if SCHEDULED in (fate, was):
                    marked.append(("pending", cid))
            if marked:
                later = ~((low << 1) - 1)
                for key in marked:
                    if key not in dirty:
                        dirty.add(key)
                        todo |= readers.get(key, 0) & later

    def _resting(self, c) -> bool:
        return dynamics.resting(c, self.fired, self.round)

    def _mark_effects(self, c, dirty: set, marked: list) -> None:
        """Before ``c`` fires in a replay as it did in the base: an effect writes the base's value
        unless its meter or its value's reads differ (fates that differ mark all its meters). What it
        draws (a range, an outcome) may differ with the generator: those meters are marked always.
        The keys to mark go to ``marked``."""
        drawn = self.sc.derived(_drawing)
        if c.id in drawn:
            marked.extend(("meter", e.path) for e in chancelib.all_effects(c))
            return
        for e in c.effects:
            if not e.value.depends.isdisjoint(dirty):
                marked.append(("meter", e.path))

    def end_of_round(self) -> None:
        r = self.round
        ctx = self.plain_context()
        ctx.counts = self.counts
        for cid, cs in list(self.crises.items()) if self.active_set else ():  # (none active: nothing to do)
            if cs.ended is not None:
                continue
            crisis = self.sc.crisis(cid)
            ongoing = dynamics.ongoing_effects(crisis, cs)
            if ongoing:
                changes = self.apply_amounts(self.compute(ongoing, ctx))
                if changes and self.record:
                    title = crisis.stages[cs.stage - 1].title if cs.stage else crisis.title
                    text = CONTINUES.format(title=title)
                    self.emit("crisis_ongoing", text, ALL, Cause("crisis", cid, r), changes, cid)
            if cs.stage < len(crisis.stages) and crisis.stages[cs.stage].when.fn(ctx):
                cs = self.escalate(crisis, cs)
            ends = crisis.ends_when is not None and crisis.ends_when.fn(ctx)
            if ends or (crisis.lasts is not None and r - cs.started + 1 >= crisis.lasts):
                self.crises[cid] = CrisisState(cid, cs.started, r, cs.stage, cs.breaks)
                self.active_set.discard(cid)
                if self.record:
                    text = (RESOLVED if ends else RAN_ITS_COURSE).format(title=crisis.title)
                    self.emit("crisis_ended", text, ALL, Cause("crisis", cid, r), ref=cid)
        rows = self.sc.derived(dynamics.drift_rows)
        if rows:
            changes = dynamics.drift(self.meters, rows)
            if changes and self.record:
                self.emit("drift", DRIFT, ALL, Cause("rule", "drift", r), changes)
        end = self.sc.end
        if end.lose_when is not None and end.lose_when.fn(ctx):
            orders, values = self.traced(end.lose_when)  # (), () headless
            self.finish(
                lost=True, text=end.lose_text, cause=Cause("rule", "lose_when", r, orders=orders, values=values)
            )
            return
        if r >= self.sc.rounds:
            self.finish(lost=False, text=LAST_ROUND, cause=Cause("rule", "last_round", r))
            return
        mark_round(self.sc, self.marks, r, lambda role: self.context(self_role=role))
        if self.deals:
            negotiation.expire(self)
        self.round = r + 1
        self.counts = None
        self.submitted = {}
        self.briefing()

    def escalate(self, crisis, cs: CrisisState) -> CrisisState:
        """``crisis`` climbs to its next stage: the stage's effects apply and its news is public."""
        stage = crisis.stages[cs.stage]
        cs = CrisisState(cs.id, cs.started, cs.ended, cs.stage + 1, cs.breaks)
        self.crises[cs.id] = cs
        changes = self.apply_effects(stage.effects)
        if self.record:
            self.emit(
                "crisis_escalated",
                CRISIS_NEWS.format(title=stage.title, text=stage.text),
                ALL,
                Cause("crisis", cs.id, self.round, note=f"stage {cs.stage}"),
                changes,
                cs.id,
            )
        return cs

    def finish(self, lost: bool, text: str, cause: Cause) -> None:
        if self.deals:
            negotiation.close(self)
        scores = []
        for role in self.sc.roles if self.scored else ():
            met: list[str] = []
            missed: list[str] = []
            partial: list[tuple[str, int]] = []
            ctx = self.context(self_role=role.id)
            for obj in role.objectives:
                held = obj.when.fn(ctx)
                if obj.timed:
                    held = judge(obj, role.id, self.marks, self.round, bool(held))
                (met if held else missed).append(obj.id)
                if not held and obj.partial is not None and not lost:
                    partial.append((obj.id, credit(obj.points, share(obj, ctx))))
            points = 0 if lost else sum(o.points for o in role.objectives if o.id in met)
            points += sum(p for _, p in partial)
            possible = sum(o.points for o in role.objectives)
            scores.append(Score(role.id, points, possible, tuple(met), tuple(missed), tuple(partial)))
        self.outcome = Outcome(lost, text, self.round, tuple(scores))
        self.emit("game_over", text, ALL, cause, ref="lost" if lost else "finished")
