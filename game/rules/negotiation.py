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

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from ..i18n import N_, _, ngettext, pgettext
from .facilitator import IllegalAction
from .model import Scenario
from .state import ALL, Answer, Cause, Deal, GameState, Letter, Order, Propose, Term, Write

if TYPE_CHECKING:
    from .engine import _Work

MAX_LETTER = 4_000  # characters in one message or a deal's note
MAX_TERMS = 6  # terms in one deal
AHEAD = 1  # a term may fall in the round it is proposed or at most this many rounds later

# The news of a settled deal, always in English (logged; see ``engine.ROUND_BEGINS``), and the words of a
# term, which the news and the talks share (``describe_term``: ``tr=N_`` for the log, ``_`` to show).
DEAL_BROKEN = N_("The deal between {a} and {b} was broken by {who}. It promised: {terms}.")
DEAL_KEPT = N_("The deal between {a} and {b} was kept: {terms}.")
# Translators: the two parties of a deal who both broke it.
BOTH = N_("{a} and {b}")
PLAYS = N_("{role} plays {instrument} {when}")
PLAYS_ON = N_("{role} plays {instrument} on {target} {when}")
SKIPS = N_("{role} does not play {instrument} {when}")
SKIPS_ON = N_("{role} does not play {instrument} on {target} {when}")
# (looked up with the context "a term of a deal": the board says "next round" elsewhere, as a label)
THIS_ROUND = "this round"
NEXT_ROUND = "next round"
IN_ROUND = "in round {round}"
# Translators: what joins the terms of a deal ("A plays X in round 2; B plays Y in round 2").
TERMS_JOIN = N_("; ")
# A deal's status (``DEAL_STATUSES``) as a player reads it ("deal 3 is already accepted").
STATUS_NAMES = {
    "proposed": N_("proposed"),
    "accepted": N_("accepted"),
    "declined": N_("declined"),
    "countered": N_("countered"),
    "expired": N_("expired"),
    "kept": N_("kept"),
    "broken": N_("broken"),
    "void": N_("void"),
}


def _check_open(scenario: Scenario, role: str) -> None:
    if scenario.negotiation.mode == "off":
        raise IllegalAction(_("this scenario has no negotiation between seats"))
    if not scenario.has_role(role):
        raise IllegalAction(_("unknown role '{role}'").format(role=role))


def _check_talks(work: _Work) -> None:
    """In "step" mode the talks of a round end when the first seat gives its orders: after that a seat
    may still answer the offers made to it, but neither write nor propose."""
    if work.sc.negotiation.mode == "step" and work.submitted:
        raise IllegalAction(
            _("the talks of this round are over: orders are being given (offers can still be answered)")
        )


def _text(text: str, what: str) -> str:
    if len(text) > MAX_LETTER:
        if what == "note":
            too_long = _("the note is {n} characters long; the limit is {limit}")
        else:
            too_long = _("the message is {n} characters long; the limit is {limit}")
        raise IllegalAction(too_long.format(n=len(text), limit=MAX_LETTER))
    return text


def write(work: _Work, action: Write) -> None:
    """A message from ``action.role`` to the seats in ``action.to``."""
    sc = work.sc
    _check_open(sc, action.role)
    _check_talks(work)
    to = tuple(dict.fromkeys(action.to))
    if not to:
        raise IllegalAction(_("a message needs at least one recipient"))
    for r in to:
        if r == action.role:
            raise IllegalAction(_("a seat cannot write to itself"))
        if not sc.has_role(r):
            raise IllegalAction(_("unknown role '{role}'").format(role=r))
    text = _text(action.text, "message").strip()
    if not text:
        raise IllegalAction(_("the message is empty"))
    sent = sum(1 for x in work.letters if x.round == work.round and x.sender == action.role)
    limit = sc.negotiation.messages
    if sent >= limit:
        raise IllegalAction(
            # (the English has one form: "its 1 messages" is what it has always said)
            ngettext(
                "{role} has sent its {n} messages this round", "{role} has sent its {n} messages this round", limit
            ).format(role=sc.role(action.role).name, n=limit)
        )
    work.letters.append(Letter(len(work.letters) + 1, work.round, action.role, to, text))


def term_problem(scenario: Scenario, round_now: int, parties: tuple[str, str], term: Term) -> str | None:
    """Why ``term`` cannot be part of a deal between ``parties`` proposed in ``round_now``, or None."""
    if term.role not in parties:
        return _("a term binds one of the two parties, not '{role}'").format(role=term.role)
    role = scenario.role(term.role)
    if term.instrument not in role.instruments:
        return _("{role} has no instrument '{instrument}'").format(role=role.name, instrument=term.instrument)
    if not round_now <= term.round <= min(round_now + AHEAD, scenario.rounds):
        last = min(round_now + AHEAD, scenario.rounds)
        if last == round_now:
            return _("a term must fall in round {now}, not round {round}").format(now=round_now, round=term.round)
        return _("a term must fall in round {now} or {last}, not round {round}").format(
            now=round_now, last=last, round=term.round
        )
    if term.target is not None:
        from .orders import targets_for

        if term.target not in targets_for(scenario, scenario.instrument(term.instrument), term.role):
            name = scenario.instrument(term.instrument).name
            return _("{instrument} cannot be aimed at '{target}'").format(instrument=name, target=term.target)
    return None


def propose(work: _Work, action: Propose) -> None:
    """A deal offered by ``action.role`` to ``action.partner`` (perhaps countering one offered to it)."""
    sc = work.sc
    _check_open(sc, action.role)
    _check_talks(work)
    if not sc.has_role(action.partner):
        raise IllegalAction(_("unknown role '{role}'").format(role=action.partner))
    if action.partner == action.role:
        raise IllegalAction(_("a seat cannot make a deal with itself"))
    if not action.terms:
        raise IllegalAction(_("a deal needs at least one term"))
    if len(action.terms) > MAX_TERMS:
        raise IllegalAction(_("a deal has at most {n} terms").format(n=MAX_TERMS))
    if len(set(action.terms)) != len(action.terms):
        raise IllegalAction(_("a deal lists the same term twice"))
    parties = (action.role, action.partner)
    for term in action.terms:
        problem = term_problem(sc, work.round, parties, term)
        if problem:
            raise IllegalAction(problem)
    made = sum(1 for d in work.deals if d.round == work.round and d.proposer == action.role)
    if made >= sc.negotiation.proposals:
        limit = sc.negotiation.proposals
        raise IllegalAction(
            ngettext(
                "{role} has made its {n} proposals this round", "{role} has made its {n} proposals this round", limit
            ).format(role=sc.role(action.role).name, n=limit)
        )
    text = _text(action.text, "note").strip()
    if action.counters is not None:
        old = _open_deal(work, action.counters, action.role)
        if old.proposer != action.partner:
            raise IllegalAction(
                _("deal {number} was not offered by {role}").format(
                    number=old.number, role=sc.role(action.partner).name
                )
            )
        work.deals[old.number - 1] = attrs.evolve(old, status="countered", answered=work.round)
    number = len(work.deals) + 1
    work.deals.append(
        Deal(number, work.round, action.role, action.partner, tuple(action.terms), text, counters=action.counters)
    )


def _open_deal(work: _Work, number: int, role: str) -> Deal:
    if not 1 <= number <= len(work.deals):
        raise IllegalAction(_("there is no deal {number}").format(number=number))
    deal = work.deals[number - 1]
    if deal.partner != role:
        raise IllegalAction(
            _("deal {number} was not offered to {role}").format(number=number, role=work.sc.role(role).name)
        )
    if deal.status != "proposed":
        raise IllegalAction(
            _("deal {number} is already {status}").format(number=number, status=_(STATUS_NAMES[deal.status]))
        )
    return deal


def answer(work: _Work, action: Answer) -> None:
    """The partner accepts or declines a deal offered to it."""
    _check_open(work.sc, action.role)
    deal = _open_deal(work, action.deal, action.role)
    status = "accepted" if action.accept else "declined"
    work.deals[deal.number - 1] = attrs.evolve(deal, status=status, answered=work.round)


def term_kept(term: Term, history) -> bool:
    """Whether the orders carried out in ``term.round`` (``history``: ``Played`` records) honour ``term``."""
    return honours(term, [p for p in _of_round(history, term.round) if p.role == term.role])


def cannot_keep(scenario: Scenario, state: GameState, term: Term) -> str | None:
    """Why ``term.role`` could not play what ``term`` promises, judged on ``state`` (a seat asks it of its
    own terms, on a state it may see all of its own orders in): this round, whatever would block the
    order (capital, cooldown, conditions, target); in a later round, a cooldown still running then. None
    when it can, and for a promise not to play."""
    from .orders import order_problem, used_until

    if not term.do:
        return None
    if term.round == state.round:
        return order_problem(scenario, state, term.role, Order(term.instrument, term.target))
    cooldown = scenario.instrument(term.instrument).cooldown
    for p in reversed(state.history):
        if p.round < term.round - cooldown:
            break
        if p.role == term.role and p.instrument == term.instrument:
            return used_until(scenario, p.round, p.round + cooldown + 1)
    return None


def promised(deals, role: str, round_: int) -> list[tuple[Deal, Term]]:
    """The terms of accepted deals that bind ``role`` in ``round_`` (with their deals), in deal order: what the
    seat gave its word to do, or not to do, as it chooses its orders."""
    return [(d, t) for d in deals if d.status == "accepted" for t in d.terms if t.role == role and t.round == round_]


def at_stake(deals, role: str, round_: int) -> list[tuple[Deal, Term, bool]]:
    """(deal, term, offer) for each term that binds ``role`` in ``round_``: those of its accepted deals
    (``promised``), then those of its own offers still waiting for an answer (``offer``: the partner may
    accept one after the seat has confirmed its orders, and the orders carried out then judge it)."""
    out = [(d, t, False) for d, t in promised(deals, role, round_)]
    for d in deals:
        if d.status == "proposed" and d.proposer == role:
            out += [(d, t, True) for t in d.terms if t.role == role and t.round == round_]
    return out


def honours(term: Term, orders) -> bool:
    """Whether giving ``orders`` (``Order`` or ``Played`` records of the term's role) in the term's round
    keeps ``term``."""
    played = any(o.instrument == term.instrument and (term.target is None or o.target == term.target) for o in orders)
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
                names = [sc.role(p).name for p in broken]
                who = BOTH.format(a=names[0], b=names[1]) if len(names) == 2 else " and ".join(names)
                terms = describe_terms(sc, deal.terms, tr=N_)
                text = DEAL_BROKEN.format(a=a, b=b, who=who, terms=terms)
                audience = ALL if rules.news == "all" else deal.parties
                kind = "deal_broken"
            else:
                text = DEAL_KEPT.format(a=a, b=b, terms=describe_terms(sc, deal.terms, tr=N_))
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


def describe_term(scenario: Scenario, term: Term, round_now: int | None = None, tr: Callable[[str], str] = _) -> str:
    """A term as a sentence: "Aurelia plays Targeted sanctions on Korsk in round 3" (``tr``: in which
    language; ``N_`` for the event log, which is always English)."""
    who = scenario.role(term.role).name
    inst = scenario.instrument(term.instrument).name
    english = tr is N_
    if round_now == term.round:
        when = THIS_ROUND if english else pgettext("a term of a deal", "this round")
    elif round_now is not None and term.round == round_now + 1:
        when = NEXT_ROUND if english else pgettext("a term of a deal", "next round")
    else:
        when = (IN_ROUND if english else in_round()).format(round=term.round)
    if term.target:
        sentence = tr(PLAYS_ON if term.do else SKIPS_ON)
        return sentence.format(role=who, instrument=inst, target=scenario.name_of(term.target), when=when)
    return tr(PLAYS if term.do else SKIPS).format(role=who, instrument=inst, when=when)


def in_round() -> str:
    """``IN_ROUND`` in the language spoken."""
    return pgettext("a term of a deal", "in round {round}")


def describe_terms(scenario: Scenario, terms, round_now: int | None = None, tr: Callable[[str], str] = _) -> str:
    return tr(TERMS_JOIN).join(describe_term(scenario, t, round_now, tr) for t in terms)


def deal_tally(deals) -> tuple[int, int, int, int]:
    """(offered, accepted, kept, broken): a game's deals by what became of them (accepted counts the
    settled ones too)."""
    statuses = [d.status for d in deals]
    kept, broken = statuses.count("kept"), statuses.count("broken")
    return len(statuses), kept + broken + statuses.count("accepted"), kept, broken


__all__ = ["answer", "deal_tally", "describe_terms", "expire", "propose", "settle", "term_kept", "write"]
