"""What a seat's own orders did last round, read from its observation.

The news lists everything that happened, the seat's own results among many
lines; a player deciding what to do next first wants to know whether what it
did worked. ``own_results`` picks the seat's orders of one round out of the
events it may see (with its redactions: changes to meters it cannot see are
already gone), so the board can open each turn with them.
"""

from __future__ import annotations

from attrs import frozen

from ..rules.model import CAPITAL
from ..rules.observe import Observation
from ..rules.state import Change
from .narrate import failure_reason


@frozen
class OrderResult:
    """One order of the seat: ``failed`` holds why it could not be carried out."""

    instrument: str
    target: str | None
    changes: tuple[Change, ...]  # what it moved that the seat sees (its capital cost aside)
    failed: str = ""


@frozen
class RoundResults:
    round: int
    orders: tuple[OrderResult, ...]
    others: int  # the round's other events the seat may read (consequences, responses, crises, news)


def own_results(obs: Observation, round_no: int, scenario=None) -> RoundResults:
    """The seat's orders of ``round_no`` in the order they resolved, and how much else happened; why an
    order failed is in the language spoken (give ``scenario`` to have a condition it required in it too)."""
    seat = obs.seat
    orders: list[OrderResult] = []
    others = 0
    for e in obs.events:
        if e.round != round_no or e.kind == "round":
            continue
        if e.kind == "order" and e.cause is not None and e.cause.role == seat and e.cause.orders:
            played = e.cause.orders[0]
            cost = f"{seat}.{CAPITAL}"
            orders.append(OrderResult(played.instrument, played.target, tuple(c for c in e.changes if c.path != cost)))
        elif e.kind == "order_failed" and e.audience == (seat,):
            orders.append(OrderResult(e.ref, None, (), failure_reason(scenario, e)))
        else:
            others += 1
    return RoundResults(round_no, tuple(orders), others)
