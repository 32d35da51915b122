"""A bot that plays its candidate orders forward to the end of the game in sampled worlds and keeps the best.

What it knows. Exactly what the greedy bot knows (see ``game.bots.greedy``):
``choose`` turns the real state into ``observe(scenario, state, role)`` on
its first line and hands only that observation to ``decide``. From it come
the believed state (``game.bots.belief``), an inferred state that moves the
meters it cannot see by the effects of what it saw happen (its own orders,
other seats' public orders, consequences revealed to it, public crises:
``inferred_state``) and, for every iteration, determinisations of that
(``game.bots.sampling``): unseen meters sampled around their inferred
values with a spread that grows with the rounds played by what could have
moved them unseen, the seat's visible events, a generator state of their
own. The one thing it learns from the real state is the greedy bot's: if
the board refuses its submission, it drops orders from the end until it is
accepted.

What it assumes. The other seats are greedy bots: this round each of them
chooses what ``GreedyBot`` would choose on *its own* observation of the
inferred world (public news, not this seat's private orders). For the later
rounds, a forecast plays the inferred world forward once: each round every
seat picks, from the few best order sets of its ranking (``menu``), the one
that looks best one round ahead, as a greedy bot would. Roll-outs replay
that forecast round by round, so the other seats change course as the game
moves instead of repeating this round's orders. Pending consequences are
unknown, so none are; chance is drawn from each world's generator.

How it chooses.

1. Candidates: two greedy-style beam searches of the next round (see
   ``GreedyBot``), one on the believed state with the other seats idle, as
   the greedy bot assumes (its top choice is the greedy bot's choice), one on
   the inferred world with the other seats giving their modelled orders; the
   best of each, alternately (an order set valued, as the greedy bot values
   it, by its mean over ``seeds`` draws of chance); the seat's orders of
   last round again (a course chosen because it pays when kept up is
   weighed again next round, not dropped because no ranking offered it);
   and, for each objective, the greedy choice
   with one order swapped for the single order that moves that objective
   most (an objective a single order serves, a trust that must reach 70 by
   the end, loses to orders that lift many meters a little in the one-round
   yardstick). At most ``candidates`` distinct order sets, the greedy choice
   first.
2. Roll-outs: each candidate is played with two courses for the later
   rounds: this seat following the forecast (one move, then greedy), or
   keeping up the candidate (the same orders again where still legal, free
   slots from its ranking), since objectives reached by repeating an order
   every round show only if the roll-out repeats it. One iteration plays one
   (candidate, course) in one world to the end of the game (or ``horizon``
   rounds) and scores the result for this role: at the end of the game,
   the points the role scored (none after a shared loss), what the players
   count; a roll-out stopped earlier by ``horizon``, with ``Heuristic``.
   World ``j`` is the same for every arm (common random numbers).
3. ``iterations`` roll-outs per decision: two thirds spread by successive
   halving, the greedy choice (both courses) staying in the running to the
   end; the last third (``DUEL``) plays the best other candidate and the
   greedy choice's better course in more common worlds. The rival replaces
   the greedy choice only if it is better by more than ``floor`` points and
   more than ``caution`` standard errors of the paired differences: the
   roll-out model is a model, and a small preference is as likely its error
   as a gain. (Comparing candidates, not courses: keeping up the greedy
   choice may look better than the forecast's course for it, and that alone
   is no reason to change this round's orders.)

The budget is counted in iterations, never in time, so the same seed and the
same observations give the same choice on any machine; a faster engine gives
the same choice sooner, and a larger ``iterations`` spends the time saved.
``last_iterations`` tells how many roll-outs the last decision ran,
``last_candidates`` which order sets it compared.
"""

from __future__ import annotations

import math
import random
import statistics
from typing import Callable

import attrs

from ..rules.engine import Resolved, apply, trial_resolved
from ..rules.facilitator import IllegalAction
from ..rules.model import Scenario
from ..rules.observe import Observation, observe
from ..rules.orders import extended, orders_problem, single_submissions
from ..rules.recall import Recall
from ..rules.state import GameState, Order, Resolve
from .belief import believed_state, inferred_state
from .greedy import GreedyBot, cached_heuristic, choose_from_observation, trial_state
from .heuristic import METER, SHAPE, Heuristic, Recollection
from .policy import NO_POLICY, Policy
from .sampling import determinise
from .talks import promised_orders, trial_deals

ILLEGAL = -1e9  # a candidate the world refuses is never chosen
CONTINUATIONS = ("forecast", "menus")  # how a roll-out plays the rounds after this one (SearchBot)
DUEL = 1 / 3  # share of the roll-outs kept for the last comparison of the leader with the greedy choice


class SearchBot:
    """Roll-outs of a few candidates to the end of the game in sampled worlds (see the module doc).

    ``iterations``: roll-outs per decision; ``horizon``: rounds each plays
    (this one included; None: to the end of the game); ``candidates``: order
    sets compared; ``menu``: order sets each seat chooses from in the
    forecast; ``caution`` and ``floor``: how clearly another choice must beat
    the greedy one (standard errors, points); ``seeds``: draws of chance each
    one-round value averages (the greedy bot's ``rollouts``).
    """

    name = "search"
    policy: Policy = NO_POLICY  # what it favours and avoids (game.bots.policy)

    def __init__(
        self,
        seed: int = 0,
        iterations: int = 40,
        horizon: int | None = None,
        candidates: int = 6,
        menu: int = 4,
        caution: float = 1.0,
        floor: float = 0.25,
        seeds: int = 2,
        continuation: str = "forecast",
    ):
        if continuation not in CONTINUATIONS:
            raise ValueError(f"continuation must be one of {', '.join(CONTINUATIONS)}, not {continuation!r}")
        self.continuation = continuation
        if iterations < 1 or (horizon is not None and horizon < 1) or candidates < 1 or menu < 1:
            raise ValueError("iterations, horizon, candidates and menu must be at least 1")
        self.menu = menu
        self.seeds = seeds
        self.caution = caution
        self.floor = floor
        self.rng = random.Random(seed)
        self.iterations = iterations
        self.horizon = horizon
        self.candidates = candidates
        self._heuristics: dict[tuple[int, str], Heuristic] = {}
        self.last_iterations = 0
        self.talker = GreedyBot(seed + 1, rollouts=seeds)  # prices deals (talk); its own generator

    # ------------------------------------------------------------------ the seat's side

    def talk(self, scenario: Scenario, state: GameState, role: str, phase: str) -> tuple:
        """Its answers and offers, priced one round ahead as the greedy bot prices them (``game.bots.talks``):
        a roll-out per offer would cost more than the whole decision. Its orders then honour the deals
        it made as far as the roll-outs find keeping them worth it."""
        return self.talker.talk(scenario, state, role, phase)

    def choose(self, scenario: Scenario, state: GameState, role: str) -> tuple[Order, ...]:
        return choose_from_observation(self, scenario, state, role)

    def heuristic(self, scenario: Scenario, role: str) -> Heuristic:
        return cached_heuristic(self._heuristics, scenario, role)

    def decide(self, scenario: Scenario, view: Observation) -> tuple[Order, ...]:
        """The orders to give, from the seat's observation alone."""
        self.last_iterations = 0
        self.last_candidates: list[tuple[Order, ...]] = []
        role = view.seat
        believed = believed_state(scenario, view)
        if believed.outcome is not None or scenario.role(role).orders <= 0:
            return ()
        promised, committed = promised_orders(scenario, believed, role)
        believed = attrs.evolve(believed, deals=trial_deals(believed.deals, believed.round, role))
        heuristic = self.heuristic(scenario, role)
        # Every generator this decision uses is drawn here, in a fixed order.
        world_rng = random.Random(self.rng.getrandbits(64))
        pick_rng = random.Random(self.rng.getrandbits(64))
        inferred = inferred_state(scenario, view)
        mean_world = attrs.evolve(inferred, events=view.events, rng=self.rng.getrandbits(64), deals=believed.deals)
        seeds = [self.rng.getrandbits(64) for _ in range(self.seeds)]

        # The other seats, as greedy bots on their own observation of the believed world: their
        # ranking of order sets; the first is what each would give this round.
        rankings: dict[str, list[tuple[Order, ...]]] = {}
        guess: dict[str, tuple[Order, ...]] = {}
        for r in scenario.roles:
            if r.id == role:
                continue
            theirs = believed_state(scenario, observe(scenario, mean_world, r.id))
            ranked, _ = _ranked(scenario, theirs, r.id, self.heuristic(scenario, r.id), {}, seeds, pick_rng)
            rankings[r.id] = [orders for orders, _ in ranked]
            guess[r.id] = _first_legal(scenario, mean_world, r.id, rankings[r.id])
        guess.update(promised)  # a seat that gave its word is expected to keep it
        policy = self.policy
        idle, _ = _ranked(scenario, believed, role, heuristic, {}, seeds, pick_rng, policy=policy)
        modelled, value = _ranked(scenario, mean_world, role, heuristic, guess, seeds, pick_rng, policy=policy)
        rankings[role] = [orders for orders, _ in modelled]
        cands = _merge(idle, modelled, self.candidates, value)
        for extra in _for_objectives(scenario, mean_world, role, heuristic, cands[0], value):
            if all(set(extra) != set(c) for c in cands):
                cands.insert(1, extra)
        last = _last_orders(scenario, believed, role)
        if (
            last
            and orders_problem(scenario, mean_world, role, last) is None
            and all(set(last) != set(c) for c in cands)
        ):
            cands.insert(1, last)
        if committed and orders_problem(scenario, mean_world, role, committed) is None:
            if all(set(committed) != set(c) for c in cands):
                cands.insert(1, committed)
        cands = self.last_candidates = _as_policy_says(scenario, policy, cands)[: self.candidates]
        if len(cands) == 1:
            return cands[0]
        closed = self.continuation == "menus"
        arms = (
            [(i, False) for i in range(len(cands))]
            if closed
            else [(i, k) for i in range(len(cands)) for k in (False, True)]
        )

        worlds: list[GameState] = []
        horizon = self.horizon or scenario.rounds - view.round + 1
        others = [r for r in rankings if r != role]
        first = _with_orders(scenario, mean_world, {**guess, role: cands[0]})
        menus = {r: ranked[: self.menu] for r, ranked in rankings.items()}
        heuristics = {r: self.heuristic(scenario, r) for r in rankings}
        plan = [] if closed else _forecast(scenario, first, menus, heuristics, horizon - 1)

        def rollout(arm: int, j: int) -> float:
            i, keep = arms[arm]
            while len(worlds) <= j:
                worlds.append(determinise(scenario, view, inferred, world_rng))
            self.last_iterations += 1
            state = _with_orders(scenario, worlds[j], {**guess, role: cands[i]})
            own = {**menus, role: [cands[i]] + [m for m in menus[role] if m != cands[i]]}
            for h in range(horizon):
                if h and closed:  # every seat as a greedy bot choosing from its menu, on the world as it is
                    state = _with_orders(scenario, state, _menu_choices(scenario, state, own, heuristics))
                elif h:  # a later round: the others as forecast, this seat as forecast or keeping up its candidate
                    planned = plan[h - 1] if h - 1 < len(plan) else {}
                    orders = {r: _first_legal(scenario, state, r, [planned.get(r, ())] + rankings[r]) for r in others}
                    if keep:
                        orders[role] = _keep_up(scenario, state, role, cands[i], rankings[role])
                    else:
                        orders[role] = _first_legal(scenario, state, role, [planned.get(role, ())] + rankings[role])
                    state = _with_orders(scenario, state, orders)
                try:
                    state, _ = apply(scenario, state, Resolve(), record=False)
                except IllegalAction:  # the world refuses the candidate (a requires on an unseen meter)
                    return ILLEGAL
                if state.outcome is not None:
                    break
            return _score(heuristic, state, 1.0 / (h + 1))

        defaults = 1 if closed else 2
        return cands[arms[_halving(len(arms), self.iterations, rollout, self.caution, self.floor, DUEL, defaults)][0]]


def _forecast(scenario: Scenario, state: GameState, menus: dict, heuristics: dict, rounds: int) -> list[dict]:
    """What every seat gives in each of the next ``rounds`` rounds, played out once in ``state``.

    Each round, every seat picks from its ``menu`` (the best order sets of its
    ranking this round) the one that looks best one round ahead with the
    others idle, as a greedy bot would; then the round resolves with all of
    them. Roll-outs replay these orders round by round (a seat whose forecast
    orders are illegal in a world falls back on its ranking), so the other
    seats change course as the game moves (a sanction given once, then
    something else) instead of repeating this round's orders for the rest of
    the game, at the cost of one forecast per decision. It is open-loop: a
    reply to chance that the forecast world did not draw is not in it.
    """
    plan: list[dict] = []
    for _ in range(rounds):
        try:
            state, _ = apply(scenario, state, Resolve(), record=False)
        except IllegalAction:
            break
        if state.outcome is not None:
            break
        recall = Recall()  # every seat's trials this round resolve the same state with other orders
        chosen: dict[str, tuple[Order, ...]] = {}
        for r, menu in menus.items():
            best: tuple[Order, ...] = ()
            best_value: float | None = None
            for orders in [o for o in menu if orders_problem(scenario, state, r, o) is None] + [()]:
                trial = attrs.evolve(
                    state, submitted=tuple((x.id, orders if x.id == r else ()) for x in scenario.roles)
                )
                try:
                    v = heuristics[r].score(apply(scenario, trial, Resolve(), record=False, recall=recall)[0])
                except IllegalAction:
                    continue
                if best_value is None or v > best_value:
                    best, best_value = orders, v
            chosen[r] = best
        plan.append(chosen)
        state = _with_orders(scenario, state, chosen)
    return plan


def _menu_choices(scenario: Scenario, state: GameState, menus: dict, heuristics: dict) -> dict:
    """What each seat gives in ``state``: of its menu's order sets still legal (and no order), the one that
    looks best one round ahead with the others idle, as a greedy bot would choose."""
    recall = Recall()  # every seat's trials resolve this state with other orders
    idle = tuple((x.id, ()) for x in scenario.roles)
    try:
        nobody = trial_resolved(scenario, state, idle, state.rng, recall)  # no seat's orders: one resolve for all
    except IllegalAction:
        nobody = None
    chosen: dict[str, tuple[Order, ...]] = {}
    for r, menu in menus.items():
        best: tuple[Order, ...] = ()
        best_value = -math.inf if nobody is None else heuristics[r].score(nobody)
        for orders in menu:
            if orders_problem(scenario, state, r, orders) is not None:
                continue
            submitted = tuple((x, orders if x == r else ()) for x, _ in idle)
            try:
                v = heuristics[r].score(trial_resolved(scenario, state, submitted, state.rng, recall))
            except IllegalAction:
                continue
            if v > best_value or (not best and v == best_value):  # ties: orders before none, the first
                best, best_value = orders, v
        chosen[r] = best
    return chosen


def _score(heuristic: Heuristic, state: GameState, share: float) -> float:
    """What a roll-out's last state is worth to the role: at the end of the game, its points; before,
    the greedy bot's yardstick with its meter term (meters in their good direction) scaled by ``share``.

    Points, not the yardstick, at the end: the yardstick's loss penalty is worth several games' points
    and its closeness terms pay for objectives missed, so a roll-out scored by it chases shared losses
    it only imagines it avoids (what the points of the search-against-greedy benchmark showed).

    The greedy bot weighs one round of drift against the role's objectives;
    over several rounds the drift adds up and would outweigh them, so a
    roll-out of ``horizon`` rounds keeps 1/horizon of it. The danger of a
    shared loss is still counted in full by the heuristic's ``lose_when`` terms.
    """
    if state.outcome is not None and state.outcome.scores:  # the end of the game: what the role scored
        return float(next(s.points for s in state.outcome.scores if s.role == heuristic.role))
    total = heuristic.score(state)
    if share == 1.0 or (state.outcome is not None and state.outcome.lost):
        return total
    meters = heuristic.context(state).meters
    drift = sum(weight * (meters[path] - start) for path, start, weight in heuristic.meters)
    return total - (1.0 - share) * METER * drift


def _with_orders(scenario: Scenario, state: GameState, orders: dict[str, tuple[Order, ...]]) -> GameState:
    return attrs.evolve(state, submitted=tuple((r.id, orders.get(r.id, ())) for r in scenario.roles))


def _last_orders(scenario: Scenario, state: GameState, role: str) -> tuple[Order, ...]:
    """The orders the seat gave last round (its own orders are in its history)."""
    return tuple(Order(p.instrument, p.target) for p in state.history if p.role == role and p.round == state.round - 1)


def _first_legal(scenario: Scenario, state: GameState, role: str, ranked: list[tuple[Order, ...]]) -> tuple[Order, ...]:
    for orders in ranked:
        if orders_problem(scenario, state, role, orders) is None:
            return orders
    return ()


def _keep_up(
    scenario: Scenario, state: GameState, role: str, plan: tuple[Order, ...], ranked: list[tuple[Order, ...]]
) -> tuple[Order, ...]:
    """The plan's orders again, as far as they are still legal, the free slots filled from the ranking.

    A candidate is judged as a course the seat keeps to (an objective
    reached at the end by repeating an order every round shows up only if the
    roll-out repeats it), not as one move followed by the ranking's favourite.
    """
    if orders_problem(scenario, state, role, plan) is None:
        return plan
    slots = scenario.role(role).orders
    current: tuple[Order, ...] = ()
    for o in plan + tuple(o for orders in ranked[:4] for o in orders):
        if len(current) >= slots:
            break
        if o not in current and orders_problem(scenario, state, role, current + (o,)) is None:
            current += (o,)
    return current


def _for_objectives(scenario, state, role, heuristic, base, value) -> list[tuple[Order, ...]]:
    """For each objective, ``base`` with one order swapped for the single that moves it most.

    The yardstick adds every objective and meter into one number, so an
    order that serves a single objective (a trust that must reach 70 by the
    end, a few points a round) loses to orders that lift several meters a
    little. These candidates put it on the table; the roll-outs judge it.
    """
    afters = value.afters
    if () not in afters:
        return []
    slots = scenario.role(role).orders
    out = []
    contexts = {orders: heuristic.context(after) for orders, after in afters.items()}
    for points, when, shape in heuristic.objectives:
        if points <= 0:
            continue
        terms = {
            o: points * (1.0 if when.fn(c) else 0.0) + SHAPE * points * shape.closeness(c) for o, c in contexts.items()
        }
        gains = [(t - terms[()], i, orders[0]) for i, (orders, t) in enumerate(terms.items()) if orders]
        gain, _, best = max(gains, key=lambda t: (t[0], -t[1]), default=(0.0, 0, None))
        if gain <= 0 or best in base:
            continue
        trials = [base + (best,)] if len(base) < slots else []
        trials += [base[:i] + (best,) + base[i + 1 :] for i in range(len(base))]
        trials = [t for t in trials if orders_problem(scenario, state, role, t) is None] or [(best,)]
        out.append(max(trials, key=value))
    return out


def _merge(idle: list, modelled: list, limit: int, value) -> list[tuple[Order, ...]]:
    """The greedy choice first, then the best of both rankings, alternately, up to ``limit``.

    An order set that is another's orders in another order, or that gives
    exactly the same one-round value as a candidate already taken (the same
    orders aimed at a target that makes no difference), is left out.
    """
    out: list[tuple[Order, ...]] = []
    seen: set = set()
    for k in range(max(len(idle), len(modelled))):
        for ranking in (idle, modelled):
            if k >= len(ranking) or len(out) >= limit:
                continue
            orders = ranking[k][0]
            keys = {frozenset((o.instrument, o.target) for o in orders), value(orders)}
            if keys & seen:
                continue
            seen |= keys
            out.append(orders)
    return out or [()]


class OneRound:
    """The one-round value of an order set (memoised by ``_ranked``), and the state each single
    order (and no order) leads to, which the candidates for one objective start from."""

    def __init__(self, value: Callable[[tuple[Order, ...]], float], afters: dict[tuple[Order, ...], Resolved]):
        self.value = value
        self.afters = afters

    def __call__(self, orders: tuple[Order, ...]) -> float:
        return self.value(orders)


def _as_policy_says(scenario: Scenario, policy: Policy, cands: list[tuple[Order, ...]]) -> list[tuple[Order, ...]]:
    """The candidates a seat with ``policy`` may choose among: none with an avoided order, and only those
    with the most preferred orders (the roll-outs then choose among equals)."""
    if not policy:
        return cands
    allowed = [c for c in cands if all(policy.allows(scenario.instrument(o.instrument)) for o in c)] or [()]
    most = max(policy.preferred(scenario, c) for c in allowed)
    return [c for c in allowed if policy.preferred(scenario, c) == most]


def _ranked(scenario, state, role, heuristic, guess, seeds, rng, max_singles=40, beam=2, width=8, policy=NO_POLICY):
    """(order set, one-round value) as the greedy bot's beam search visits them, best first; and the value function.

    A value is the mean score over ``seeds`` (the greedy bot's roll-outs of chance), each resolved
    headless with a ``Recall`` of its own, as the greedy bot resolves them. ``policy`` (the seat's
    own, ``game.bots.policy``) leaves out avoided orders and ranks preferred ones first, as greedy's."""
    bonus = policy.bonus(heuristic.lose_penalty, scenario.role(role).orders)
    memo: dict[tuple[Order, ...], float] = {}
    afters: dict[tuple[Order, ...], Resolved] = {}  # the state each single (and no order) leads to
    recalls = [Recall() for _ in seeds]
    recollections = [Recollection(len(state.history)) for _ in seeds]
    # Every trial is one base state with the seats' submissions and a seed (engine.trial_resolved), so the
    # recalls keep what the trials share, as the greedy bot's pricer does.
    base = trial_state(scenario, state, role, (), {}, 0)
    roles = [r.id for r in scenario.roles]
    place = roles.index(role)
    before = tuple((r, guess.get(r, ())) for r in roles[:place])
    behind = tuple((r, guess.get(r, ())) for r in roles[place + 1 :])

    def value(orders: tuple[Order, ...]) -> float:
        if orders in memo:
            return memo[orders]
        extra = bonus * policy.preferred(scenario, orders)
        total = 0.0
        for k, seed in enumerate(seeds):
            try:
                after = trial_resolved(scenario, base, (*before, (role, orders), *behind), seed, recalls[k])
            except IllegalAction:
                memo[orders] = ILLEGAL
                return ILLEGAL
            total += heuristic.score(after, recollections[k])
            if k == 0:
                if len(orders) <= 1:
                    afters[orders] = after
                if after.rng == seed:  # nothing was left to chance: every other seed gives this state
                    memo[orders] = total + extra
                    return memo[orders]
        memo[orders] = total / len(seeds) + extra
        return memo[orders]

    value(())
    slots = scenario.role(role).orders
    singles = [
        o for (o,) in single_submissions(scenario, state, role) if policy.allows(scenario.instrument(o.instrument))
    ]
    if len(singles) > max_singles:
        keep = sorted(rng.sample(range(len(singles)), max_singles))
        singles = [singles[i] for i in keep]
    scored = sorted(((value((o,)), i, o) for i, o in enumerate(singles)), key=lambda t: (-t[0], t[1]))
    pool = [o for _, _, o in scored[:width]]
    for v, _, start in scored[:beam]:
        current: tuple[Order, ...] = (start,)
        current_value = v
        while len(current) < slots:
            step, step_value = None, current_value
            for o in pool:
                trial = None if o in current else extended(scenario, state, role, current, o)
                if trial is None:
                    continue
                tv = value(trial)
                if tv > step_value:
                    step, step_value = trial, tv
            if step is None:
                break
            current, current_value = step, step_value
    order = {o: i for i, o in enumerate(memo)}  # ties: the one visited first (fewer orders, role's order)
    ranked = sorted(((o, v) for o, v in memo.items() if v > ILLEGAL), key=lambda ov: (-ov[1], order[ov[0]]))
    return ranked, OneRound(value, afters)


def _halving(
    n: int, budget: int, play, caution: float = 0.0, floor: float = 0.0, duel: float = 0.0, defaults: int = 1
) -> int:
    """Successive halving over ``n`` arms with at most ``budget`` plays; ``play(i, j)`` scores arm ``i`` in world ``j``.

    With fewer plays than arms, only the first ``budget`` arms are tried.
    Every arm still in the running has been played in the same worlds, so
    means are compared on the same samples. The first ``defaults`` arms (the
    default choice, played in ``defaults`` ways) stay in the running to the
    end; the best other arm replaces the better of them only if its mean
    paired difference over their shared worlds is more than ``floor`` and
    more than ``caution`` standard errors: a roll-out model is only a model,
    and a choice it barely prefers is as likely its error as an improvement.
    A ``duel`` share of the budget is kept for that last comparison: the
    best other arm and arm 0 are played in that many more worlds, so the
    decision to leave the default rests on more than the few worlds halving
    gave them. Returns the chosen arm's index (ties: the lowest).
    """
    reserve = int(budget * duel) // 2 * 2 if n > 1 else 0
    budget -= reserve
    alive = list(range(min(n, max(1, budget))))
    scores: list[list[float]] = [[] for _ in range(n)]
    stages = max(1, math.ceil(math.log2(len(alive))))
    spent = 0

    def mean(i: int) -> float:
        return sum(scores[i]) / len(scores[i])

    for stage in range(stages):
        left = budget - spent
        if left < len(alive):
            break
        share = max(1, (left // (stages - stage)) // len(alive))
        for i in alive:
            for _ in range(share):
                scores[i].append(play(i, len(scores[i])))
        spent += share * len(alive)
        if stage < stages - 1:
            alive.sort(key=lambda i: (-mean(i), i))
            alive = sorted(set(alive[: math.ceil(len(alive) / 2)]) | set(range(min(defaults, len(alive)))))
    home = min((i for i in alive if i < defaults), key=lambda i: (-mean(i), i))
    rivals = [i for i in alive if i >= defaults]
    if not rivals:
        return home
    best = min(rivals, key=lambda i: (-mean(i), i))
    for _ in range(reserve // 2):
        for i in (home, best):
            scores[i].append(play(i, len(scores[i])))
    diffs = [a - b for a, b in zip(scores[best], scores[home], strict=True)]
    if len(diffs) < 2:
        return best if sum(diffs) > floor else home
    se = statistics.stdev(diffs) / math.sqrt(len(diffs))
    return best if statistics.fmean(diffs) > max(floor, caution * se) else home
