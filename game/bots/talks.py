"""How a look-ahead bot negotiates: the offers it accepts, the offers it makes, and what a deal means
for the orders it then gives. Everything is decided on the seat's own observation (``talk`` gets an
``Observation``, never the state), by the bot's own yardstick (``GreedyBot.plan``, one round ahead).

- **Answering.** For each offer made to the seat it prices, on the same draw of chance, its plan
  alone and that plan changed to honour the deal with the deal accepted (the other party playing
  what it promised, the scenario's ``kept`` and ``broken`` effects applied when the trial round
  settles it). It accepts when the deal is worth at least as much as going alone,
  less its ``accept_margin`` (0 for greedy: a deal that costs it nothing is taken; a novice takes
  what looks reasonable). A term in the next round is priced as if it fell this round: a bot that
  looks one round ahead can price nothing later.
- **Offering.** For each other seat that can still act on it (in a turn of talks every seat; in an
  inline turn the seats that have not yet given their orders) it prices a sample of that seat's
  legal orders beside its own plan, pairs the ones that would help it most with a few of its own
  orders, prices "I play x, you play o, this round" against its plan alone, and offers the best
  pair that beats going alone by ``OFFER_GAIN``.
  Offers go best first, as many as ``[negotiation] proposals`` allows. It never counters and never
  writes letters: its deals say what it wants.
- **Keeping its word.** ``promised_orders`` turns the seat's deals into what ``plan`` assumes this
  round: the other party's promised orders join its guess of the other seats, and its own are a
  candidate that the search extends like any other. Whether it then keeps the deal is the search's
  choice: breaking it is taken when the orders it frees are worth more than the scenario's ``broken``
  effects and whatever conditions read ``broken(...)`` (``trial_deals`` lets the trial settle a deal
  whose terms run on, so the cost is counted the round the word is broken). An offer the seat made
  this round and nobody has answered yet counts as accepted: it plans to honour its own offer.
"""

from __future__ import annotations

import random

import attrs

from ..rules.model import Scenario
from ..rules.observe import Observation
from ..rules.orders import legal_orders, orders_problem, targets_for
from ..rules.state import Answer, Deal, GameState, Order, Propose, Term
from .belief import believed_state

OFFER_GAIN = 0.05  # how much more than going alone an offer must be worth to the bot (heuristic points)
SCAN, THEIRS, MINE = 12, 2, 6  # the other seat's orders priced, the best of them paired, with the bot's own


def promised_orders(scenario: Scenario, believed: GameState, role: str):
    """(other party -> the orders its deals with ``role`` promise this round, ``role``'s own promised
    orders this round): from accepted deals, and from ``role``'s own offers still unanswered. A term
    on any target becomes an order on the first target it may take; orders the believed state would
    refuse are left out."""
    r = believed.round
    theirs: dict[str, list[Order]] = {}
    mine: list[Order] = []
    for d in believed.deals:
        if role not in d.parties or not (d.status == "accepted" or (d.status == "proposed" and d.proposer == role)):
            continue
        for t in d.terms:
            if t.round != r or not t.do:
                continue
            order = _as_order(scenario, t)
            if order is None:
                continue
            bucket = mine if t.role == role else theirs.setdefault(t.role, [])
            if order not in bucket:
                bucket.append(order)
    promised = {}
    for party, orders in theirs.items():
        fit = _legal_prefix(scenario, believed, party, orders)
        if fit:
            promised[party] = fit
    return promised, _legal_prefix(scenario, believed, role, mine)


def _as_order(scenario: Scenario, term: Term) -> Order | None:
    inst = scenario.instrument(term.instrument)
    if term.target is not None or not inst.targets:
        return Order(term.instrument, term.target)
    targets = targets_for(scenario, inst, term.role)
    return Order(term.instrument, targets[0]) if targets else None


def _legal_prefix(scenario: Scenario, state: GameState, role: str, orders: list[Order]) -> tuple[Order, ...]:
    fit: tuple[Order, ...] = ()
    for o in orders:
        if orders_problem(scenario, state, role, (*fit, o)) is None:
            fit = (*fit, o)
    return fit


def trial_deals(deals: tuple[Deal, ...], round_: int, role: str) -> tuple[Deal, ...]:
    """The deals as a one-round look-ahead should settle them: an accepted deal with terms this round and
    later ones is cut to the terms up to this round, so that breaking it now costs now; the seat's own
    unanswered offers of this round count as accepted (``promised_orders``)."""
    out = []
    for d in deals:
        if d.status == "proposed" and d.round == round_ and d.proposer == role:
            d = attrs.evolve(d, status="accepted")
        if d.status == "accepted" and min(t.round for t in d.terms) <= round_ < d.last_round:
            d = attrs.evolve(d, terms=tuple(t for t in d.terms if t.round <= round_))
        out.append(d)
    return tuple(out)


def _accepted_now(believed: GameState, deal: Deal) -> GameState:
    """``believed`` with ``deal`` accepted and every term of it falling this round (how the bot prices it)."""
    r = believed.round
    priced = attrs.evolve(deal, status="accepted", terms=tuple(attrs.evolve(t, round=r) for t in deal.terms))
    return attrs.evolve(believed, deals=tuple(priced if d.number == deal.number else d for d in believed.deals))


def _with_deal(believed: GameState, deal: Deal) -> GameState:
    deals = tuple(deal if d.number == deal.number else d for d in believed.deals)
    if all(d.number != deal.number for d in believed.deals):
        deals += (deal,)
    return attrs.evolve(believed, deals=deals)


def talk(bot, scenario: Scenario, view: Observation, phase: str) -> tuple:
    """The seat's answers to the offers made to it, then (outside a turn of orders in "step" mode) its own
    offers: see the module doc."""
    role = view.seat
    believed = believed_state(scenario, view)
    if believed.outcome is not None or scenario.negotiation.mode == "off" or not bot.policy.talks:
        return ()
    seeds = [bot.rng.getrandbits(64)]  # one draw of chance, the same for every comparison (common random numbers)
    actions: list = []
    alone = None
    for deal in view.deals:
        if deal.partner != role or deal.status != "proposed":
            continue
        alone = alone or bot.plan(scenario, believed, role, seeds)
        together = _with_terms(scenario, believed, role, alone.orders, deal)
        price = bot.pricer(scenario, _accepted_now(believed, deal), role, seeds)
        accept = max(price(together), price(alone.orders)) >= alone.value - bot.accept_margin
        actions.append(Answer(role, deal.number, accept))
        if accept:
            believed = _with_deal(believed, attrs.evolve(deal, status="accepted"))
            alone = None
    if phase != "orders":
        actions += _offers(bot, scenario, view, believed, seeds, alone)
    return tuple(actions)


def _with_terms(scenario: Scenario, believed: GameState, role: str, plan: tuple[Order, ...], deal: Deal):
    """``plan`` changed to honour ``role``'s terms of ``deal`` (priced as if this round): its promised
    orders first, then as much of ``plan`` as the slots and the rules allow, less what it promised not to play."""
    terms = [t for t in deal.terms if t.role == role]
    banned = {(t.instrument, t.target) for t in terms if not t.do}
    promised = [o for o in (_as_order(scenario, t) for t in terms if t.do) if o is not None]
    kept = [o for o in plan if (o.instrument, o.target) not in banned and (o.instrument, None) not in banned]
    orders = list(dict.fromkeys(promised + kept))[: scenario.role(role).orders]
    return _legal_prefix(scenario, believed, role, orders)


def _offers(bot, scenario: Scenario, view: Observation, believed: GameState, seeds, alone) -> list[Propose]:
    role, r = view.seat, view.round
    rules = scenario.negotiation
    left = rules.proposals - sum(1 for d in view.deals if d.proposer == role and d.round == r)
    busy = {d.other(role) for d in believed.deals if d.round == r or d.status == "accepted"}
    partners = [
        p.id
        for p in scenario.roles
        if p.id != role and p.id not in busy and p.id not in view.submitted and p.orders > 0
    ]
    if left <= 0 or not partners or scenario.role(role).orders <= 0:
        return []
    alone = alone or bot.plan(scenario, believed, role, seeds)
    pick = random.Random(bot.rng.getrandbits(64))
    ranked = [one for one in alone.singles if one[0] not in alone.orders]
    mine = ranked[: MINE // 2]
    rest = ranked[MINE // 2 :]
    mine += pick.sample(rest, min(len(rest), MINE - len(mine)))
    slots = scenario.role(role).orders
    best_each: list[tuple[float, tuple[Term, ...]]] = []
    for partner in partners:
        theirs = [
            o
            for o in legal_orders(scenario, believed, partner)
            if not orders_problem(scenario, believed, partner, (o,))
        ]
        best: tuple[float, tuple[Term, ...]] | None = None
        # Their orders that would help the seat most, were they to play them beside its plan alone...
        priced = []
        for o in pick.sample(theirs, min(len(theirs), SCAN)):
            their_term = Term(partner, o.instrument, o.target, r)
            # "They play o": a deal of that term alone is kept, and priced, as the pair would be.
            price = bot.pricer(scenario, _with_deal(believed, Deal(0, r, role, partner, (their_term,))), role, seeds)
            priced.append((price(alone.orders), their_term, price))
        priced.sort(key=lambda t: -t[0])
        # ...each paired with what the seat could give for it.
        for _, their_term, price in priced[:THEIRS]:
            for plan in [alone.orders, *[(x[0], *alone.orders[: slots - 1]) for x in mine]]:
                gain = price(plan) - alone.value
                if best is None or gain > best[0]:
                    mine_term = [Term(role, plan[0].instrument, plan[0].target, r)] if plan else []
                    best = (gain, (*mine_term, their_term))
        if best is not None and best[0] > OFFER_GAIN:
            best_each.append(best)
    best_each.sort(key=lambda t: -t[0])
    return [Propose(role, terms[-1].role, terms) for _, terms in best_each[:left]]
