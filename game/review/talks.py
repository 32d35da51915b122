"""Talks between seats in the review: the messages, the offers and what became of them, the commitments.

A debrief of a negotiated game turns on who promised what to whom, and who kept their word. These
records carry the talks of one game (or of one seat) into every output: a timeline per round of the
messages and the deal offers, each offer with its fate in a sentence, and every commitment (a deal
that was accepted) with its parties, terms and whether it was kept.

Built from ``observe`` only: the full review from the facilitator's seat (every message and deal),
a role's own view from that role's seat (only the messages it wrote or was sent and the deals it is
party to). Nothing here reads ``state.letters`` or ``state.deals``, so a seat's review can hold no
more of the talks than its board did. A scenario without talks (``mode = "off"``) has none of it.
"""

from __future__ import annotations

import attrs
from attrs import frozen

from ..i18n import N_, _, ngettext
from ..rules.model import Scenario
from ..rules.negotiation import describe_term, describe_terms
from ..rules.observe import observe
from ..rules.state import Deal, GameState, Letter, Term

COMMITTED = ("accepted", "kept", "broken", "void")  # an accepted deal, settled or not
# A deal's status as a badge says it (looked up with ``_`` where it is shown).
STATUS_WORD = {
    "proposed": N_("Unanswered"),
    "accepted": N_("Pending"),
    "declined": N_("Declined"),
    "countered": N_("Countered"),
    "expired": N_("Expired"),
    "kept": N_("Kept"),
    "broken": N_("Broken"),
    "void": N_("Void"),
}


@frozen(kw_only=True)
class TalkTerm:
    """One term of a deal; ``text`` says it as a sentence ("East Ministry plays Press Korsk on Korsk in round 2")."""

    role: str
    instrument: str
    target: str | None
    round: int
    do: bool
    role_name: str
    instrument_name: str
    target_name: str
    text: str


@frozen(kw_only=True)
class Message:
    """A letter from one seat to others, as it was written (line breaks kept)."""

    number: int
    round: int
    sender: str
    sender_name: str
    to: list[str]
    to_names: list[str]
    text: str


@frozen(kw_only=True)
class Offer:
    """A deal as offered, and what became of it: ``fate`` in a sentence, ``countered_by`` the deal that answered
    it with other terms, ``kept`` True or False once settled (None otherwise)."""

    number: int
    round: int
    proposer: str
    proposer_name: str
    partner: str
    partner_name: str
    terms: list[TalkTerm]
    summary: str
    text: str
    status: str
    fate: str
    counters: int | None
    countered_by: int | None
    answered: int | None
    settled: int | None
    broken_by: list[str]
    kept: bool | None


@frozen(kw_only=True)
class Commitment:
    """A deal that was accepted: its parties, terms, the round it was proposed in, and whether it was kept
    (None while it was still to be judged)."""

    id: int
    parties: list[str]
    terms: list[TalkTerm]
    round: int
    kept: bool | None
    status: str
    party_names: list[str]
    accepted: int | None
    settled: int | None
    broken_by: list[str]
    broken_by_names: list[str]
    summary: str
    text: str
    fate: str
    result: str  # its end alone: "kept by both when round 2 resolved"


@frozen(kw_only=True)
class TalkRound:
    """The messages written and the deals offered in one round."""

    round: int
    messages: list[Message]
    deals: list[Offer]


@frozen(kw_only=True)
class Negotiation:
    """All the talks one review shows: only rounds in which something was said or offered."""

    mode: str
    messages: int
    deals: int
    rounds: list[TalkRound]


# --------------------------------------------------------------------------- building


def _names(sc: Scenario, roles) -> list[str]:
    return [sc.role(r).name for r in roles]


def term_data(sc: Scenario, t: Term) -> TalkTerm:
    return TalkTerm(
        role=t.role,
        instrument=t.instrument,
        target=t.target,
        round=t.round,
        do=t.do,
        role_name=sc.role(t.role).name,
        instrument_name=sc.instrument(t.instrument).name,
        target_name=sc.name_of(t.target) if t.target else "",
        text=describe_term(sc, t),
    )


def _both(names: list[str]) -> str:
    return _(" and ").join(names)


def fate_text(sc: Scenario, d: Deal, countered_by: int | None, over: bool) -> str:
    """What became of an offer, in a sentence without its full stop (``over``: the game has ended, so an offer
    still open then was never answered)."""
    partner = sc.role(d.partner).name
    if d.status == "proposed":
        if over:
            return _("{partner} had not answered when the game ended").format(partner=partner)
        return _("no answer yet from {partner}").format(partner=partner)
    if d.status == "declined":
        return _("declined by {partner} in round {n}").format(partner=partner, n=d.answered)
    if d.status == "countered":
        if countered_by:
            return _("countered by {partner} in round {n} with deal {deal}").format(
                partner=partner, n=d.answered, deal=countered_by
            )
        return _("countered by {partner} in round {n} with other terms").format(partner=partner, n=d.answered)
    if d.status == "expired":
        return _("expired unanswered at the end of round {n}").format(n=d.answered)
    return _("accepted by {partner} in round {n}; {result}").format(
        partner=partner, n=d.answered, result=result_text(sc, d)
    )


def result_text(sc: Scenario, d: Deal) -> str:
    """How an accepted deal ended, or that it is still to be judged."""
    if d.status == "kept":
        return _("kept by both when round {n} resolved").format(n=d.settled)
    if d.status == "broken":
        return _("broken by {names} when round {n} resolved").format(names=_both(_names(sc, d.broken_by)), n=d.settled)
    if d.status == "void":
        return _("never judged: the game ended before round {n} was played").format(n=d.last_round)
    return _("still to be judged when round {n} resolves").format(n=d.last_round)


def message_data(sc: Scenario, x: Letter) -> Message:
    return Message(
        number=x.number,
        round=x.round,
        sender=x.sender,
        sender_name=sc.role(x.sender).name,
        to=list(x.to),
        to_names=_names(sc, x.to),
        text=x.text.strip(),
    )


def offer_data(sc: Scenario, d: Deal, countered_by: int | None, over: bool) -> Offer:
    return Offer(
        number=d.number,
        round=d.round,
        proposer=d.proposer,
        proposer_name=sc.role(d.proposer).name,
        partner=d.partner,
        partner_name=sc.role(d.partner).name,
        terms=[term_data(sc, t) for t in d.terms],
        summary=describe_terms(sc, d.terms),
        text=d.text.strip(),
        status=d.status,
        fate=fate_text(sc, d, countered_by, over),
        counters=d.counters,
        countered_by=countered_by,
        answered=d.answered,
        settled=d.settled,
        broken_by=list(d.broken_by),
        kept=d.kept,
    )


def commitment_data(sc: Scenario, d: Deal, o: Offer) -> Commitment:
    names = {o.proposer: o.proposer_name, o.partner: o.partner_name}
    return Commitment(
        id=o.number,
        parties=[o.proposer, o.partner],
        terms=o.terms,
        round=o.round,
        kept=o.kept,
        status=o.status,
        party_names=[o.proposer_name, o.partner_name],
        accepted=o.answered,
        settled=o.settled,
        broken_by=o.broken_by,
        broken_by_names=[names[r] for r in o.broken_by],
        summary=o.summary,
        text=o.text,
        fate=o.fate,
        result=result_text(sc, d),
    )


def talks_for(sc: Scenario, state: GameState, seat: str) -> tuple[Negotiation | None, list[Commitment] | None]:
    """The talks ``seat`` may see (``FACILITATOR_SEAT``: all of them) and its commitments; (None, None) when the
    scenario has no talks."""
    if sc.negotiation.mode == "off":
        return None, None
    seen = observe(sc, state, seat)
    deals = [  # numbered as the seat knows them (``Observation.deal_label``)
        attrs.evolve(
            d, number=seen.deal_label(d.number), counters=None if d.counters is None else seen.deal_label(d.counters)
        )
        for d in seen.deals
    ]
    answered_by = {d.counters: d.number for d in deals if d.counters is not None}
    over = seen.outcome is not None
    offers = [offer_data(sc, d, answered_by.get(d.number), over) for d in deals]
    messages = [message_data(sc, attrs.evolve(x, number=seen.letter_label(x.number))) for x in seen.letters]
    rounds = sorted({x.round for x in messages} | {o.round for o in offers})
    timeline = [
        TalkRound(
            round=r,
            messages=[x for x in messages if x.round == r],
            deals=[o for o in offers if o.round == r],
        )
        for r in rounds
    ]
    negotiation = Negotiation(mode=sc.negotiation.mode, messages=len(messages), deals=len(offers), rounds=timeline)
    pairs = zip(deals, offers, strict=True)
    return negotiation, [commitment_data(sc, d, o) for d, o in pairs if d.status in COMMITTED]


def commitment_tally(commitments: list[Commitment]) -> str:
    """ "1 kept, 1 broken, 1 still to be judged"."""
    kept = sum(1 for c in commitments if c.kept is True)
    broken = sum(1 for c in commitments if c.kept is False)
    void = sum(1 for c in commitments if c.status == "void")
    still = len(commitments) - kept - broken - void
    # Translators: the counts of a game's commitments by how they ended, "1 kept, 1 broken, 1 still to be judged".
    return ", ".join(
        [
            ngettext("{n} kept", "{n} kept", kept).format(n=kept),
            ngettext("{n} broken", "{n} broken", broken).format(n=broken),
        ]
        + ([ngettext("{n} still to be judged", "{n} still to be judged", still).format(n=still)] if still else [])
        + (
            [
                ngettext(
                    "{n} never judged (the game ended first)", "{n} never judged (the game ended first)", void
                ).format(n=void)
            ]
            if void
            else []
        )
    )


def commitment_counts(commitments: list[Commitment]) -> str:
    """ "3 commitments: 1 kept, 1 broken, 1 still to be judged" (the summary above the list)."""
    n = len(commitments)
    return ngettext("{n} commitment: {tally}", "{n} commitments: {tally}", n).format(
        n=n, tally=commitment_tally(commitments)
    )
