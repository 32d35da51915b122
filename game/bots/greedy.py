"""A bot that looks one round ahead on what its seat may see, and picks the best-looking orders.

What it knows. ``choose`` turns the real state into ``observe(scenario,
state, role)`` on its first line and hands only that observation to
``decide``; nothing after that line can reach the real state. From the
observation it builds a believed state (``game.bots.belief``):

- meters it sees (public ones, its own role meters) at their real values;
  the others (facilitator-only and hidden meters, other roles' role meters)
  at their declared start values, except role meters with a ``refill``
  (capital), which the rules reset at every briefing;
- its own past orders, the other seats' *public* past orders (read from the
  public news), consequences whose reveal reached it, and public crises;
- the scenario itself (rules, instruments, objectives, start values), as
  every player has the rules and the briefing.

What it does not know, and so never uses: hidden and facilitator-only
meter values, other roles' role meters, other seats' private orders, what
any other seat submitted this round (only that it has), pending
consequences, the planned injects, facilitator notes, events addressed to
other seats, and the game's generator state.

What it assumes. The other seats give no orders this round (``others=
"none"``, the default; ``others="last"`` assumes each repeats its public
orders of the last round, where still legal; ``others="random"`` guesses
them as a random bot would, on the believed state; against random seats
the three score alike, and "none" is the fastest); no consequences are
pending; chance is unknown, so
each candidate is rolled on the copy with ``rollouts`` generator seeds of its
own (the same seeds for every candidate this round: common random numbers)
and the scores are averaged, which estimates the probability-weighted
outcome. (When a roll-out consumed no random number, nothing was left to
chance and the other seeds would repeat it, so they are skipped.)

How it chooses. Candidates are legal per ``game.rules.orders`` evaluated on
the believed state: every single order (at most ``max_singles``, a seeded
sample beyond that), then a greedy extension: from each of the best
``beam`` singles, add the one order (among the best ``width`` singles) that
raises the score most, until the seat's order slots are full or nothing
helps. Each candidate is scored by submitting it for a copy of the believed
state, the other seats submitting as assumed above, resolving that round
(``engine.apply``: effects, consequences, end of round, next briefing), and
scoring the result with ``game.bots.heuristic.Heuristic`` from its role's
viewpoint: objectives with a shaped closeness term, global meters in their
``good`` direction, a large penalty if ``lose_when`` holds, and consequences
the copy scheduled for later rounds counted as if they had fired. Giving no
orders is a candidate too. Ties go to the earlier candidate (fewer orders,
instruments in the role's own order), so a choice is deterministic for a
given seed and sequence of observations.

One thing it learns from the real state, as a human seat does: if the board
would refuse its submission (an order's ``requires`` read a meter it cannot
see, so its believed legality was wrong), it drops orders from the end until
the submission is accepted, as a player whose confirmation is refused would.
In the bundled scenarios every ``requires`` reads public meters, so the
believed legality is exact and this never changes a choice there.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import attrs
from attrs import frozen

from ..rules.engine import trial_resolved
from ..rules.facilitator import IllegalAction
from ..rules.model import Scenario
from ..rules.observe import Observation, observe
from ..rules.orders import extended, orders_problem, single_submissions
from ..rules.recall import Recall
from ..rules.rng import replays
from ..rules.state import Event, GameState, Order
from .belief import believed_state
from .heuristic import Heuristic, Recollection
from .policy import NO_POLICY, Policy
from .random_bot import RandomBot


class GreedyBot:
    """One-round lookahead on the seat's believed state (see the module doc).

    ``rollouts``: generator seeds per candidate; ``beam``: best singles to
    extend; ``width``: best singles tried as additions; ``max_singles``: cap
    on singles evaluated; ``others``: "none" (the other seats give no
    orders), "last" (they repeat their public orders of the last round) or
    "random" (each rollout guesses their orders as a random bot would, on
    the believed state).
    """

    name = "greedy"
    policy: Policy = NO_POLICY  # what it favours and avoids (game.bots.policy)
    accept_margin = 0.0  # a deal worth this much less than going alone is still accepted (game.bots.talks)

    def __init__(
        self,
        seed: int = 0,
        rollouts: int = 2,
        beam: int = 2,
        width: int = 8,
        max_singles: int = 40,
        others: str = "none",
    ):
        if others not in ("none", "random", "last"):
            raise ValueError(f"others must be 'none', 'last' or 'random', not {others!r}")
        self.rng = random.Random(seed)
        self.rollouts = max(1, rollouts)
        self.beam = beam
        self.width = width
        self.max_singles = max_singles
        self.others = others
        self._heuristics: dict[tuple[int, str], Heuristic] = {}

    def choose(self, scenario: Scenario, state: GameState, role: str) -> tuple[Order, ...]:
        return choose_from_observation(self, scenario, state, role)

    def heuristic(self, scenario: Scenario, role: str) -> Heuristic:
        return cached_heuristic(self._heuristics, scenario, role)

    def decide(self, scenario: Scenario, view: Observation) -> tuple[Order, ...]:
        """The orders to give, from the seat's observation alone."""
        believed = believed_state(scenario, view)
        if believed.outcome is not None:
            return ()
        return self.plan(scenario, believed, view.seat).orders

    def talk(self, scenario: Scenario, state: GameState, role: str, phase: str) -> tuple:
        """Answers to the offers made to the seat and offers of its own, by expected value on its
        observation alone (``game.bots.talks``)."""
        from .talks import talk

        return talk(self, scenario, observe(scenario, state, role), phase)

    def pricer(
        self, scenario: Scenario, believed: GameState, role: str, seeds: list[int]
    ) -> Callable[[tuple[Order, ...]], float]:
        """What an order set is worth on ``believed``: its mean score over roll-outs with ``seeds``, the other
        seats giving what ``others`` assumes and, this round, what the seat's deals promised."""
        from .talks import promised_orders, trial_deals

        heuristic = self.heuristic(scenario, role)
        promised, _ = promised_orders(scenario, believed, role)
        believed = attrs.evolve(believed, deals=trial_deals(believed.deals, believed.round, role))
        worlds = []
        for s in seeds:
            guess = {}
            if self.others == "random":
                guess = {
                    r.id: RandomBot(s + i).choose(scenario, believed, r.id)
                    for i, r in enumerate(scenario.roles)
                    if r.id != role
                }
            elif self.others == "last":
                guess = _repeat_last_public(scenario, believed, role)
            worlds.append((s, {**guess, **promised}))
        memo: dict[tuple[Order, ...], float] = {}
        # One base resolve per world: the candidates' resolves reuse the conditions their orders cannot change.
        recalls = [Recall() for _ in worlds]
        recollections = [Recollection(len(believed.history)) for _ in worlds]
        policy = self.policy
        prefer_bonus = policy.bonus(heuristic.lose_penalty, scenario.role(role).orders)
        # Every trial is this state with the seats' submissions and a seed (engine.trial_resolved).
        base = trial_state(scenario, believed, role, (), {}, 0)
        roles = [r.id for r in scenario.roles]
        place = roles.index(role)
        # Each world: its seed and guess, the submissions of the seats before the role and after it (the
        # role's own go between), and what its resolves and scores reuse.
        rows = [
            (
                s,
                guess,
                tuple((r, guess.get(r, ())) for r in roles[:place]),
                tuple((r, guess.get(r, ())) for r in roles[place + 1 :]),
                recall,
                recollection,
            )
            for (s, guess), recall, recollection in zip(worlds, recalls, recollections, strict=True)
        ]
        n = len(rows)

        def value(orders: tuple[Order, ...]) -> float:
            known = memo.get(orders)
            if known is not None:
                return known
            bonus = prefer_bonus * policy.preferred(scenario, orders) if prefer_bonus else 0.0
            total = 0.0
            tried: list[tuple[dict, list, float]] = []  # each world resolved: its guess, its draws, its score
            for s, guess, before, after_role, recall, recollection in rows:
                # A world whose seed draws what an earlier one's resolve drew, the same orders given, would
                # take the same steps to the same state (but for its generator): the same score.
                same = None
                for g, drawn, score in tried:
                    if g == guess and replays(drawn, s):
                        same = score
                        break
                if same is not None:
                    total += same
                    continue
                draws: list = []
                try:
                    after = trial_resolved(scenario, base, (*before, (role, orders), *after_role), s, recall, draws)
                except IllegalAction:
                    memo[orders] = float("-inf")
                    return memo[orders]
                score = heuristic.score(after, recollection)
                total += score
                if not tried and after.rng == s and not guess:
                    # The first world left nothing to chance: every other seed would give this same state.
                    memo[orders] = total + bonus
                    return memo[orders]
                tried.append((guess, draws, score))
            memo[orders] = total / n + bonus
            return memo[orders]

        return value

    def plan(self, scenario: Scenario, believed: GameState, role: str, seeds: list[int] | None = None) -> Plan:
        """The best orders on ``believed`` and what they are worth (see the module doc). Accepted deals in
        ``believed`` count: the other party is assumed to play what it promised this round, the seat's own
        promised orders are a candidate, and breaking a deal costs what the scenario's rules say
        (``game.bots.talks``). ``seeds``: the roll-outs' generator seeds (drawn from the bot's own when None),
        so that two plans on different beliefs can be compared on the same draws of chance."""
        from .talks import promised_orders, trial_deals

        if seeds is None:
            seeds = [self.rng.getrandbits(64) for _ in range(self.rollouts)]
        _, committed = promised_orders(scenario, believed, role)
        value = self.pricer(scenario, believed, role, seeds)
        believed = attrs.evolve(believed, deals=trial_deals(believed.deals, believed.round, role))
        policy = self.policy

        best: tuple[Order, ...] = ()
        best_value = value(())
        slots = scenario.role(role).orders
        # Each single as the very tuple that was checked, so resolving it needs no second check
        # (orders.vouched).
        singles: list[tuple[Order, ...]] = [
            one
            for one in single_submissions(scenario, believed, role)
            if policy.allows(scenario.instrument(one[0].instrument))
        ]
        if slots <= 0 or not singles:
            return Plan(best, best_value, (), value)
        if len(singles) > self.max_singles:
            keep = sorted(self.rng.sample(range(len(singles)), self.max_singles))
            singles = [singles[i] for i in keep]
        scored = sorted(((value(one), i, one) for i, one in enumerate(singles)), key=lambda t: (-t[0], t[1]))
        if scored[0][0] > best_value:
            best, best_value = scored[0][2], scored[0][0]
        pool = [one[0] for _, _, one in scored[: self.width]]
        starts = [(v, start) for v, _, start in scored[: self.beam]]
        if committed and orders_problem(scenario, believed, role, committed) is None:
            starts.append((value(committed), committed))  # keeping its word, and what best goes with it
        for v, start in starts:
            current, current_value = start, v
            while len(current) < slots:
                step, step_value = None, current_value
                for o in pool:
                    if o in current:
                        continue
                    trial = extended(scenario, believed, role, current, o)
                    if trial is None:
                        continue
                    tv = value(trial)
                    if tv > step_value:
                        step, step_value = trial, tv
                if step is None:
                    break
                current, current_value = step, step_value
            if current_value > best_value:
                best, best_value = current, current_value
        return Plan(best, best_value, tuple(one for _, _, one in scored), value)


@frozen
class Plan:
    """What the look-ahead chose: ``orders``, their ``value``, the singles it scored (best first) and
    ``value`` itself, to price other order sets in the same worlds."""

    orders: tuple[Order, ...]
    value: float
    singles: tuple[tuple[Order, ...], ...]
    price: Callable[[tuple[Order, ...]], float]


def choose_from_observation(bot, scenario: Scenario, state: GameState, role: str) -> tuple[Order, ...]:
    """``bot.decide`` on the seat's observation, then the board's refusal: the one thing
    a bot learns from the real state (see the module doc). Shared by greedy and search."""
    orders = bot.decide(scenario, observe(scenario, state, role))
    while orders and orders_problem(scenario, state, role, orders) is not None:
        orders = orders[:-1]
    return orders


def cached_heuristic(cache: dict, scenario: Scenario, role: str) -> Heuristic:
    """The role's compiled ``Heuristic``, built once per scenario object."""
    key = (id(scenario), role)
    h = cache.get(key)
    if h is None or h.sc is not scenario:
        h = cache[key] = Heuristic(scenario, role)
    return h


def _repeat_last_public(scenario: Scenario, believed: GameState, role: str) -> dict[str, tuple[Order, ...]]:
    """Each other seat's public orders of the last round, as far as they are still legal."""
    last = believed.round - 1
    out: dict[str, tuple[Order, ...]] = {}
    for p in believed.history:
        if p.round == last and p.role != role and p.public:
            trial = out.get(p.role, ()) + (Order(p.instrument, p.target),)
            if orders_problem(scenario, believed, p.role, trial) is None:
                out[p.role] = trial
    return out


def trial_state(
    scenario: Scenario,
    believed: GameState,
    role: str,
    orders: tuple[Order, ...],
    guess: dict[str, tuple[Order, ...]],
    seed: int,
    events: tuple[Event, ...] = (),
) -> GameState:
    """The world a candidate is tried in: ``believed`` (its round, meters, history, crises, fired and
    schedule), ``seed`` for its chance, ``role`` giving ``orders`` and every other seat what ``guess`` says."""
    submitted = tuple((r.id, orders if r.id == role else guess.get(r.id, ())) for r in scenario.roles)
    return GameState(
        round=believed.round,
        meters=believed.meters,
        rng=seed,
        submitted=submitted,
        history=believed.history,
        crises=believed.crises,
        fired=believed.fired,
        events=events,
        schedule=believed.schedule,
        deals=believed.deals,
    )
