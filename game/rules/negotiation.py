"""Talk between seats: messages, deals, and whether a deal was kept.

A seat writes to other seats (``Write``) and offers deals (``Propose``): terms saying what each of
two seats will or will not play, this round or the next. The other seat accepts or declines
(``Answer``), or counters with other terms (a ``Propose`` that ``counters`` it). All three are
actions like any other: in the log, replayed and hashed. Nothing binds a seat to its word: when the
round of a deal's last term resolves, the engine judges each term against the orders carried out,
the deal is settled "kept" or "broken", the scenario's ``[negotiation]`` effects apply to each
party (``broken`` to whoever broke it), the parties read the news (everyone, with ``news =
"all"``), and conditions can count it with ``kept(...)`` and ``broken(...)``.

Letters and deals are seen only by their parties and the facilitator (``observe``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .facilitator import IllegalAction
from .model import Scenario
from .state import ALL, Answer, Cause, Deal, Letter, Propose, Term, Write

if TYPE_CHECKING:
    from .engine import _Work

MAX_LETTER = 4_000  # characters in one message or a deal's note
MAX_TERMS = 6  # terms in one deal
AHEAD = 1  # a term may fall in the round it is proposed or at most this many rounds later


def _check_open(scenario: Scenario, role: str) -> None:
    if scenario.negotiation.mode == "off":
        raise IllegalAction("this scenario has no negotiation between seats")
    if not scenario.has_role(role):
        raise IllegalAction(f"unknown role '{role}'")


def _check_talks(work: _Work) -> None:
    """In "step" mode the talks of a round end when the first seat gives its orders: after that a seat
    may still answer the offers made to it, but neither write nor propose."""
    if work.sc.negotiation.mode == "step" and work.submitted:
        raise IllegalAction("the talks of this round are over: orders are being given (offers can still be answered)")


def _text(text: str, what: str) -> str:
    if len(text) > MAX_LETTER:
        raise IllegalAction(f"the {what} is {len(text)} characters long; the limit is {MAX_LETTER}")
    return text


def write(work: _Work, action: Write) -> None:
    """A message from ``action.role`` to the seats in ``action.to``."""
    sc = work.sc
    _check_open(sc, action.role)
    _check_talks(work)
    to = tuple(dict.fromkeys(action.to))
    if not to:
        raise IllegalAction("a message needs at least one recipient")
    for r in to:
        if r == action.role:
            raise IllegalAction("a seat cannot write to itself")
        if not sc.has_role(r):
            raise IllegalAction(f"unknown role '{r}'")
    text = _text(action.text, "message").strip()
    if not text:
        raise IllegalAction("the message is empty")
    sent = sum(1 for x in work.letters if x.round == work.round and x.sender == action.role)
    if sent >= sc.negotiation.messages:
        raise IllegalAction(f"{sc.role(action.role).name} has sent its {sc.negotiation.messages} messages this round")
    work.letters.append(Letter(len(work.letters) + 1, work.round, action.role, to, text))


def term_problem(scenario: Scenario, round_now: int, parties: tuple[str, str], term: Term) -> str | None:
    """Why ``term`` cannot be part of a deal between ``parties`` proposed in ``round_now``, or None."""
    if term.role not in parties:
        return f"a term binds one of the two parties, not '{term.role}'"
    role = scenario.role(term.role)
    if term.instrument not in role.instruments:
        return f"{role.name} has no instrument '{term.instrument}'"
    if not round_now <= term.round <= min(round_now + AHEAD, scenario.rounds):
        last = min(round_now + AHEAD, scenario.rounds)
        when = f"round {round_now}" if last == round_now else f"round {round_now} or {last}"
        return f"a term must fall in {when}, not round {term.round}"
    if term.target is not None:
        from .orders import targets_for

        if term.target not in targets_for(scenario, scenario.instrument(term.instrument), term.role):
            name = scenario.instrument(term.instrument).name
            return f"{name} cannot be aimed at '{term.target}'"
    return None


def propose(work: _Work, action: Propose) -> None:
    """A deal offered by ``action.role`` to ``action.partner`` (perhaps countering one offered to it)."""
    sc = work.sc
    _check_open(sc, action.role)
    _check_talks(work)
    if not sc.has_role(action.partner):
        raise IllegalAction(f"unknown role '{action.partner}'")
    if action.partner == action.role:
        raise IllegalAction("a seat cannot make a deal with itself")
    if not action.terms:
        raise IllegalAction("a deal needs at least one term")
    if len(action.terms) > MAX_TERMS:
        raise IllegalAction(f"a deal has at most {MAX_TERMS} terms")
    if len(set(action.terms)) != len(action.terms):
        raise IllegalAction("a deal lists the same term twice")
    parties = (action.role, action.partner)
    for term in action.terms:
        problem = term_problem(sc, work.round, parties, term)
        if problem:
            raise IllegalAction(problem)
    made = sum(1 for d in work.deals if d.round == work.round and d.proposer == action.role)
    if made >= sc.negotiation.proposals:
        raise IllegalAction(f"{sc.role(action.role).name} has made its {sc.negotiation.proposals} proposals this round")
    text = _text(action.text, "note").strip()
    if action.counters is not None:
        old = _open_deal(work, action.counters, action.role)
        if old.proposer != action.partner:
            raise IllegalAction(f"deal {old.number} was not offered by {sc.role(action.partner).name}")
        work.deals[old.number - 1] = attrs.evolve(old, status="countered", answered=work.round)
    number = len(work.deals) + 1
    work.deals.append(
        Deal(number, work.round, action.role, action.partner, tuple(action.terms), text, counters=action.counters)
    )


def _open_deal(work: _Work, number: int, role: str) -> Deal:
    if not 1 <= number <= len(work.deals):
        raise IllegalAction(f"there is no deal {number}")
    deal = work.deals[number - 1]
    if deal.partner != role:
        raise IllegalAction(f"deal {number} was not offered to {work.sc.role(role).name}")
    if deal.status != "proposed":
        raise IllegalAction(f"deal {number} is already {deal.status}")
    return deal


def answer(work: _Work, action: Answer) -> None:
    """The partner accepts or declines a deal offered to it."""
    _check_open(work.sc, action.role)
    deal = _open_deal(work, action.deal, action.role)
    status = "accepted" if action.accept else "declined"
    work.deals[deal.number - 1] = attrs.evolve(deal, status=status, answered=work.round)


def term_kept(term: Term, history) -> bool:
    """Whether the orders carried out in ``term.round`` (``history``: ``Played`` records) honour ``term``."""
    played = any(
        p.role == term.role and p.instrument == term.instrument and (term.target is None or p.target == term.target)
        for p in _of_round(history, term.round)
    )
    return played if term.do else not played


def _of_round(history, round_: int):
    for p in reversed(history):
        if p.round < round_:
            return
        if p.round == round_:
            yield p


def settle(work: _Work) -> bool:
    """After the round's orders are carried out: judge each accepted deal whose last term falls in this
    round, apply the scenario's effects for it and tell whoever should know. Whether any was settled."""
    sc, r = work.sc, work.round
    settled_any = False
    for i, deal in enumerate(work.deals):
        if deal.status != "accepted" or deal.last_round > r:
            continue
        settled_any = True
        broken = tuple(
            p for p in deal.parties if any(not term_kept(t, work.history) for t in deal.terms if t.role == p)
        )
        settled = attrs.evolve(deal, status="broken" if broken else "kept", settled=r, broken_by=broken)
        work.deals[i] = settled
        rules = sc.negotiation
        changes = []
        for party in broken or deal.parties:  # a broken deal: its breakers pay; a kept one: both parties gain
            effects = rules.broken if broken else rules.kept
            if effects:
                changes += work.apply_effects(effects, target=deal.other(party), self_role=party)
        if work.record:
            a, b = sc.role(deal.proposer).name, sc.role(deal.partner).name
            if broken:
                who = " and ".join(sc.role(p).name for p in broken)
                text = (
                    f"The deal between {a} and {b} was broken by {who}. It promised: {describe_terms(sc, deal.terms)}."
                )
                audience = ALL if rules.news == "all" else deal.parties
                kind = "deal_broken"
            else:
                text = f"The deal between {a} and {b} was kept: {describe_terms(sc, deal.terms)}."
                audience, kind = deal.parties, "deal_kept"
            cause = Cause("rule", "deal", r, note=f"deal {deal.number}")
            work.emit(kind, text, audience, cause, changes, ref=str(deal.number))
    return settled_any


def expire(work: _Work) -> None:
    """At the end of a round: offers still unanswered whose first term was this round lapse."""
    r = work.round
    for i, deal in enumerate(work.deals):
        if deal.status == "proposed" and min(t.round for t in deal.terms) <= r:
            work.deals[i] = attrs.evolve(deal, status="expired", answered=r)


def close(work: _Work) -> None:
    """When the game ends: accepted deals whose rounds will never be played are void (neither kept nor
    broken, so neither side's effects apply). Offers still unanswered stay so: nobody answered them."""
    r = work.round
    for i, deal in enumerate(work.deals):
        if deal.status == "accepted":
            work.deals[i] = attrs.evolve(deal, status="void", settled=r)


def describe_term(scenario: Scenario, term: Term, round_now: int | None = None) -> str:
    """A term as a sentence: "Aurelia plays Targeted sanctions on Korsk in round 3"."""
    who = scenario.role(term.role).name
    inst = scenario.instrument(term.instrument).name
    on = f" on {scenario.name_of(term.target)}" if term.target else ""
    if round_now == term.round:
        when = "this round"
    elif round_now is not None and term.round == round_now + 1:
        when = "next round"
    else:
        when = f"in round {term.round}"
    verb = "plays" if term.do else "does not play"
    return f"{who} {verb} {inst}{on} {when}"


def describe_terms(scenario: Scenario, terms, round_now: int | None = None) -> str:
    return "; ".join(describe_term(scenario, t, round_now) for t in terms)


def deal_tally(deals) -> tuple[int, int, int, int]:
    """(offered, accepted, kept, broken): a game's deals by what became of them (accepted counts the
    settled ones too)."""
    statuses = [d.status for d in deals]
    kept, broken = statuses.count("kept"), statuses.count("broken")
    return len(statuses), kept + broken + statuses.count("accepted"), kept, broken


# --------------------------------------------------------------------------- what conditions count


def count_deals(deals, kind: str, by: str | None, with_: str | None, first_round: int) -> int:
    """Settled deals of ``kind`` ("kept" or "broken") since ``first_round``: for "kept", deals ``by`` was a
    party to (with ``with_``); for "broken", deals ``by`` broke (with ``with_`` the other party)."""
    n = 0
    for d in deals:
        if d.status != kind or d.settled is None or d.settled < first_round:
            continue
        parties = d.parties
        if kind == "broken":
            breakers = d.broken_by if by is None else (by,) if by in d.broken_by else ()
            for breaker in breakers:
                if with_ is None or d.other(breaker) == with_:
                    n += 1
                    break
            continue
        if by is not None and by not in parties:
            continue
        if with_ is not None and (with_ not in parties or with_ == by):
            continue
        n += 1
    return n


__all__ = ["answer", "count_deals", "deal_tally", "describe_terms", "expire", "propose", "settle", "term_kept", "write"]
