"""Which orders a seat may give, and why not when it may not.

The same checks serve the engine (refusing an illegal submission), the bots
(choosing only legal orders) and the board (greying an instrument out with the
reason in its tooltip).

A submission is checked once. When ``orders_problem`` (or ``menu_submission``)
finds a seat's orders legal on a state, it remembers so (``vouched``); the
engine then takes ``Submit`` and ``Resolve`` of those orders on a state that
shares that state's rule data (the same meters, history, crises, fired and
pending objects, the same round: a ``Submit`` changes only the submissions)
without checking them again, since the same checks on the same data give the
same answer. Anything else, such as the actions of a save being replayed or a
state a facilitator adjusted, is checked in full. States are never changed in
place, which is what makes the identity of their parts a sound key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..i18n import N_, _, ngettext
from .expr import Context
from .model import CAPITAL, ROLE_TARGET, Instrument, Scenario
from .state import GameState, Order

# Why one order is refused or an instrument blocked. A player reads them in the language spoken (``tr=_``,
# the default); the engine logs an order that could not be carried out in English (``tr=N_``: the event log
# is hashed, and a game's state never depends on the language), and ``game.session.narrate`` reads such a
# logged reason back into the language spoken (``LOGGED``).
NOT_HELD = N_("{role} does not have this instrument")
COSTS = N_("costs {cost} capital; {left} left")
USED = N_("used in round {used}; back in round {ready}")
USED_FOR_GOOD = N_("used in round {used}; not again this game")  # (back only after the last round)
NO_AIM = N_("nothing here it can aim at")
REQUIRES = N_("requires {condition}")
NOT_NOW = N_("conditions that do not hold now")
# Translators: a meter of the order's target, in a condition a player reads ("their Trust in us >= 10").
THEIR = N_("their {meter}")
# Translators: a meter of the seat giving the order, in a condition ("your Political capital >= 2").
YOUR = N_("your {meter}")
UNKNOWN_INSTRUMENT = N_("unknown instrument '{instrument}'")
NEEDS_TARGET = N_("{instrument} needs a target")
NOT_OWN_ROLE = N_("{instrument} cannot target your own role")
UNKNOWN_ACTOR = N_("unknown actor '{actor}'")
# Translators: {kind} and {kinds} are the scenario's ids of kinds of actor ("state", "ngo").
WRONG_KIND = N_("{instrument} cannot target a {kind}; it targets {kinds}")
ON_REQUIRES = N_("on {target}, it requires {condition}")
NO_TARGET = N_("{instrument} takes no target")
THREE_REASONS = N_("at most three reasons per order")
# The reasons ``order_problem`` may give, as an order that could not be carried out logs them.
LOGGED = (
    NOT_HELD,
    COSTS,
    USED,
    USED_FOR_GOOD,
    NO_AIM,
    REQUIRES,
    UNKNOWN_INSTRUMENT,
    NEEDS_TARGET,
    NOT_OWN_ROLE,
    UNKNOWN_ACTOR,
    WRONG_KIND,
    ON_REQUIRES,
    NO_TARGET,
    THREE_REASONS,
)
Say = Callable[[str], str]


def capital_of(scenario: Scenario, state: GameState, role: str) -> int | None:
    """The role's political capital now, or None if the scenario has none."""
    return state.meters.get(f"{role}.{CAPITAL}")


def targets_for(scenario: Scenario, instrument: Instrument, role: str | None = None) -> tuple[str, ...]:
    """Actor ids this instrument may be aimed at (empty when it takes no target); with ``"role"``
    among its targets, also every role other than ``role`` (the seat giving the order)."""
    cache = scenario.derived(_targets)
    found = cache.get(instrument.id)
    if found is None:
        kinds = set(instrument.targets)
        found = cache[instrument.id] = tuple(a.id for a in scenario.actors if a.kind in kinds)
    if ROLE_TARGET in instrument.targets:
        return found + tuple(r.id for r in scenario.roles if r.id != role)
    return found


def _targets(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """instrument id -> the actors it may be aimed at (``targets_for``), filled in as instruments are asked about."""
    return {}


# role -> (the state it was checked on, the scenario, the submissions found legal there by id).
# Kept by identity, not by value: hashing orders would cost about as much as checking them.
_VOUCHED: dict[str, tuple[GameState, Scenario, dict[int, tuple[Order, ...]]]] = {}
_MAX_VOUCHED = 512  # submissions kept per role and state; a bot's look-ahead tries fewer


def _shares_rule_data(a: GameState, b: GameState) -> bool:
    """Whether a submission's legality on ``a`` and on ``b`` is the same question: the same
    round and the very same meters, history, crises, fired and pending (states are immutable)."""
    return a is b or (
        a.round == b.round
        and a.meters is b.meters
        and a.history is b.history
        and a.crises is b.crises
        and a.fired is b.fired
        and a.pending is b.pending
    )


def _vouched_set(scenario: Scenario, state: GameState, role: str, create: bool) -> dict | None:
    entry = _VOUCHED.get(role)
    if entry is not None and entry[1] is scenario and _shares_rule_data(entry[0], state):
        if not create or len(entry[2]) < _MAX_VOUCHED:
            return entry[2]
    if not create:
        return None
    entry = _VOUCHED[role] = (state, scenario, {})
    return entry[2]


def _vouch(scenario: Scenario, state: GameState, role: str, orders: tuple[Order, ...]) -> None:
    found = _vouched_set(scenario, state, role, True)
    assert found is not None  # create=True always gives the set
    found[id(orders)] = orders  # kept alive, so its id stays its own


def vouched(scenario: Scenario, state: GameState, role: str, orders: tuple[Order, ...]) -> bool:
    """Whether these orders were found legal, as a whole submission of ``role``, on ``state``
    or on a state sharing its rule data (see the module doc). The very same tuple of orders
    is recognised; an equal copy is simply checked again."""
    found = _vouched_set(scenario, state, role, False)
    return found is not None and found.get(id(orders)) is orders


# The fired, active and pending sets of the last state a context was built for: the checks of one
# submission ask for many contexts of one state (states are never changed in place).
_SETS: list = [None, frozenset(), (), frozenset()]


def _context(scenario: Scenario, state: GameState, role: str, target: str | None) -> Context:
    sets = _SETS
    if sets[0] is not state:
        sets[:] = [state, state.fired_ids(), state.active_crises(), frozenset(p.consequence for p in state.pending)]
    return Context(
        state.meters, state.round, scenario.rounds, state.history, sets[1], sets[2], target, role, None, sets[3]
    )


def instrument_blocker(
    scenario: Scenario, state: GameState, role: str, instrument_id: str, spent: int = 0, tr: Say = _
) -> str | None:
    """Why ``role`` cannot use this instrument at all this round, or None.

    ``spent`` is the capital already committed by the seat's other picks.
    Target-specific conditions are checked by ``order_problem``. ``tr``: the reason's language (see
    ``LOGGED``).
    """
    r = scenario.role(role)
    if instrument_id not in r.instruments:
        return tr(NOT_HELD).format(role=r.name)
    return _blocker(
        scenario, state, role, scenario.instrument(instrument_id), capital_of(scenario, state, role), spent, tr
    )


def _blocker(
    scenario: Scenario, state: GameState, role: str, inst: Instrument, capital: int | None, spent: int, tr: Say = _
) -> str | None:
    """The rest of ``instrument_blocker`` once the role is known to have ``inst``."""
    if inst.cooldown:  # (first: an instrument resting says so, though capital is short too)
        # Only a use in the last ``cooldown`` rounds blocks, and the history is in round order: the
        # walk back from the newest play finds the role's last use before it leaves those rounds.
        since = state.round - inst.cooldown
        for p in reversed(state.history):
            if p.round < since:
                break
            if p.role == role and p.instrument == inst.id:
                return used_until(scenario, p.round, p.round + inst.cooldown + 1, tr)
    if capital is not None and inst.cost > capital - spent:
        left = capital - spent
        return tr(COSTS).format(cost=inst.cost, left=left)  # (short: a card's last line says it)
    if inst.targets and not targets_for(scenario, inst, role):
        return tr(NO_AIM)
    if inst.requires is not None and not inst.targets:
        if not inst.requires.fn(_context(scenario, state, role, None)):
            return tr(REQUIRES).format(condition=_readable(scenario, inst.requires, tr))
    return None


def used_until(scenario: Scenario, used: int, ready: int, tr: Say = _) -> str:
    """Why an instrument used in round ``used`` rests until round ``ready``: "back in round 5", or, where
    that round is past the game's last, "not again this game"."""
    if ready > scenario.rounds:
        return tr(USED_FOR_GOOD).format(used=used)
    return tr(USED).format(used=used, ready=ready)


def _readable(scenario: Scenario, expr, tr: Say = _) -> str:
    """An instrument's condition as a player reads it: each meter by its label ("their Trust in us >= 10",
    "your Political capital >= 2"); one that counts orders, deals or events is not spelled out, since
    its words are the author's ids."""
    if any(kind not in ("meter", "round") for kind, _ in expr.depends):
        return tr(NOT_NOW)
    labels: dict[str, str] = {}
    for _kind, path in expr.depends:
        owner, _dot, mid = path.rpartition(".")
        label = next((m.label for p, m in scenario.meters.items() if p == path or p.endswith("." + mid)), mid)
        if owner == "target":
            label = tr(THEIR).format(meter=label)
        elif owner == "self":
            label = tr(YOUR).format(meter=label)
        labels[path] = label
    return re.sub(
        r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?",
        lambda m: labels.get(m.group(0), m.group(0)),
        expr.source,
    )


def order_problem(scenario: Scenario, state: GameState, role: str, order: Order, tr: Say = _) -> str | None:
    """Why this single order is not allowed (ignoring the seat's other orders); ``tr``: in which language
    (see ``LOGGED``)."""
    if not scenario.has_instrument(order.instrument):
        return tr(UNKNOWN_INSTRUMENT).format(instrument=order.instrument)
    blocker = instrument_blocker(scenario, state, role, order.instrument, tr=tr)
    if blocker:
        return blocker
    return _aim_problem(scenario, state, role, scenario.instrument(order.instrument), order, tr)


def _aim_problem(
    scenario: Scenario, state: GameState, role: str, inst: Instrument, order: Order, tr: Say = _
) -> str | None:
    """The rest of ``order_problem`` once the instrument (``inst``) is known and usable: target and reasons."""
    if inst.targets:
        if order.target is None:
            return tr(NEEDS_TARGET).format(instrument=inst.name)
        if order.target not in targets_for(scenario, inst, role):
            if order.target == role and ROLE_TARGET in inst.targets:
                return tr(NOT_OWN_ROLE).format(instrument=inst.name)
            if not scenario.has_actor(order.target):
                return tr(UNKNOWN_ACTOR).format(actor=order.target)
            kind = scenario.actor(order.target).kind
            return tr(WRONG_KIND).format(instrument=inst.name, kind=kind, kinds=", ".join(inst.targets))
        if inst.requires is not None and not inst.requires.fn(_context(scenario, state, role, order.target)):
            condition = _readable(scenario, inst.requires, tr)
            return tr(ON_REQUIRES).format(target=scenario.name_of(order.target), condition=condition)
    elif order.target is not None:
        return tr(NO_TARGET).format(instrument=inst.name)
    if len(order.reasons) > 3:
        return tr(THREE_REASONS)
    return None


def orders_problem(
    scenario: Scenario, state: GameState, role: str, orders: tuple[Order, ...], count: bool = True
) -> str | None:
    """Why this whole submission is not allowed, or None if it is.

    ``count=False`` skips the limit on the number of orders (the board asks
    "could this be swapped in?" while a seat's slots are full)."""
    if not scenario.has_role(role):
        return _("unknown role '{role}'").format(role=role)
    r = scenario.role(role)
    if count and len(orders) > r.orders:
        return _too_many(r.name, r.orders)
    seen: set[tuple[str, str | None]] = set()
    used_ids: set[str] = set()
    spent = 0
    for order in orders:
        problem = order_problem(scenario, state, role, order)
        if problem:
            return problem
        inst = scenario.instrument(order.instrument)
        problem = _clash(inst, order, seen, used_ids)
        if problem:
            return problem
        seen.add((order.instrument, order.target))
        used_ids.add(order.instrument)
        spent += inst.cost
    capital = capital_of(scenario, state, role)
    if capital is not None and spent > capital:
        return _over_capital(spent, r.name, capital)
    if count:
        _vouch(scenario, state, role, orders)
    return None


def _clash(inst: Instrument, order: Order, seen: set, used_ids: set[str]) -> str | None:
    """Why ``order`` (of ``inst``) cannot join a seat's orders that aim at the (instrument, target) pairs
    ``seen`` and use the instruments ``used_ids``, or None: one order per instrument and target, and an
    instrument with a cooldown once. (``extended`` asks the same of a legal candidate, order by order.)"""
    if (order.instrument, order.target) in seen:
        return _("{instrument} is already ordered on that target this round").format(instrument=inst.name)
    if inst.cooldown and order.instrument in used_ids:
        return _("{instrument} can be used once per round").format(instrument=inst.name)
    return None


def _over_capital(cost: int, role: str, capital: int) -> str:
    return _("these orders cost {cost} capital; {role} has {capital}").format(cost=cost, role=role, capital=capital)


def extended(
    scenario: Scenario, state: GameState, role: str, orders: tuple[Order, ...], order: Order
) -> tuple[Order, ...] | None:
    """``orders + (order,)`` if it is a legal submission of ``role`` on ``state``, else None; for
    ``orders`` and ``(order,)`` both found legal there already (by ``orders_problem``), as a look-ahead
    growing a candidate knows them. Each order's own checks do not depend on the others, so only what
    ``orders_problem`` checks between them is left: the number of orders, one order per instrument and
    target, an instrument with a cooldown once, and the capital they cost together. The result is
    vouched for, as ``orders_problem`` would."""
    r = scenario.role(role)
    if len(orders) >= r.orders:
        return None
    inst = scenario.instrument(order.instrument)
    spent = inst.cost
    for o in orders:
        if o.instrument == order.instrument and (o.target == order.target or inst.cooldown):
            return None
        spent += scenario.instrument(o.instrument).cost
    capital = capital_of(scenario, state, role)
    if capital is not None and spent > capital:
        return None
    trial = orders + (order,)
    _vouch(scenario, state, role, trial)
    return trial


def _too_many(role: str, limit: int) -> str:
    # (the English has one form: "at most 1 orders" is what it has always said)
    return ngettext(
        "{role} may give at most {n} orders per round", "{role} may give at most {n} orders per round", limit
    ).format(role=role, n=limit)


def menu_submission(
    scenario: Scenario,
    state: GameState,
    role: str,
    menu: dict[str, tuple[Instrument, tuple[Order, ...]]],
    instruments: Sequence[str],
    want: int,
    shuffle: Callable[[list[Order]], None],
) -> tuple[Order, ...]:
    """The submission a seat builds from its menu, each order checked once (the random bot's,
    ``game.bots.random_bot``): ``instruments`` (ones its role holds, each at most once) are tried in
    turn until ``want`` orders (at most its slots) are kept. For each that ``instrument_blocker`` does
    not block (with nothing spent), its menu orders (``menu[id]``: the instrument, and its orders one per
    target ``targets_for`` gives, or the instrument alone, with no reasons) are put in the order
    ``shuffle`` gives them (a list of two or more, shuffled in place), and the first the submission may
    take is kept. The result is vouched for, as ``orders_problem`` would.

    Why so few checks: a menu order passes the target checks, and while the submission has no order of
    its instrument it clashes with nothing in it. So once the instrument is not blocked, only the
    capital the orders so far leave and the instrument's condition on each target are left to try."""
    capital = state.meters.get(f"{role}.{CAPITAL}")  # capital_of
    kept: list[Order] = []
    spent = 0
    ctx = None  # the seat's context on the state, aimed at each target tried in turn
    for inst_id in instruments:
        if len(kept) >= want:
            break
        inst, listed = menu[inst_id]
        if _blocker(scenario, state, role, inst, capital, 0):
            continue
        orders: Sequence[Order] = listed
        if len(listed) > 1:  # (shuffling one item draws nothing)
            shuffled = list(listed)
            shuffle(shuffled)
            orders = shuffled
        if capital is not None and spent + inst.cost > capital:
            continue
        requires = inst.requires if inst.targets else None  # (without targets: part of the blocker)
        if requires is None:
            kept.append(orders[0])
            spent += inst.cost
            continue
        if ctx is None:
            ctx = _context(scenario, state, role, None)
        for order in orders:
            ctx.target = order.target
            if requires.fn(ctx):
                kept.append(order)
                spent += inst.cost
                break
    submission = tuple(kept)
    _vouch(scenario, state, role, submission)
    return submission


def single_submissions(scenario: Scenario, state: GameState, role: str) -> list[tuple[Order, ...]]:
    """Each of ``legal_orders`` as a submission of its own, vouched for: what ``orders_problem`` finds
    legal among them, since a single order passes its checks exactly when ``legal_orders`` lists it and
    the seat has an order slot (a look-ahead's first candidates, without checking each one twice)."""
    if scenario.role(role).orders < 1:
        return []
    out: list[tuple[Order, ...]] = [(o,) for o in legal_orders(scenario, state, role)]
    for one in out:
        _vouch(scenario, state, role, one)
    return out


def legal_orders(scenario: Scenario, state: GameState, role: str) -> list[Order]:
    """Every single order the role could give now (one instrument, one target)."""
    out: list[Order] = []
    ctx = _context(scenario, state, role, None)
    for inst_id in scenario.role(role).instruments:
        if instrument_blocker(scenario, state, role, inst_id):
            continue
        inst = scenario.instrument(inst_id)
        if inst.targets:
            for target in targets_for(scenario, inst, role):
                ctx.target = target
                if inst.requires is None or inst.requires.fn(ctx):
                    out.append(Order(inst_id, target))
        else:
            out.append(Order(inst_id))
    return out
